package batch

import (
	"errors"
	"fmt"
	"iter"
	"strings"
	"testing"
	"time"

	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/pipeline"
	"github.com/cnie/cnie/record"
)

// articles yields n articles, every fifth input an error.
func articles(n int) iter.Seq2[corpus.Article, error] {
	return func(yield func(corpus.Article, error) bool) {
		for i := range n {
			var ok bool
			if i%5 == 4 {
				ok = yield(corpus.Article{}, &corpus.Error{Source: "s", Line: i, Err: errors.New("bad")})
			} else {
				text := "投资47.95亿元。"
				for range i % 7 * 10 {
					text += "这是一段用来拉长文章的文字。"
				}
				ok = yield(corpus.Article{ID: fmt.Sprint(i), Text: text}, nil)
			}
			if !ok {
				return
			}
		}
	}
}

func TestRunKeepsInputOrder(t *testing.T) {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var seq []string
	st, err := Run(articles(200), p, Options{
		Workers: 6,
		Record:  func(r *record.Record) error { seq = append(seq, r.DocID); return nil },
		Error:   func(e *corpus.Error) error { seq = append(seq, fmt.Sprintf("E%d", e.Line)); return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range seq {
		want := fmt.Sprint(i)
		if i%5 == 4 {
			want = "E" + want
		}
		if s != want {
			t.Fatalf("output %d is %s, want %s", i, s, want)
		}
	}
	if len(seq) != 200 || st.Articles != 160 || st.Errors != 40 || st.Mentions["money"] != 160 {
		t.Errorf("stats %+v, %d outputs", st, len(seq))
	}
}

func TestRunStopsOnWriteError(t *testing.T) {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	boom := errors.New("disk full")
	n := 0
	_, err = Run(articles(500), p, Options{Workers: 4, Record: func(*record.Record) error {
		if n++; n == 10 {
			return boom
		}
		return nil
	}})
	if !errors.Is(err, boom) {
		t.Errorf("Run returned %v, want %v", err, boom)
	}
	if n != 10 {
		t.Errorf("Record called %d times after failing at 10", n)
	}
}

// fragile panics on articles whose text says so, like an extractor bug
// that one input triggers.
type fragile struct{}

func (fragile) Process(a corpus.Article) record.Record {
	if strings.Contains(a.Text, "boom") {
		var s []int
		_ = s[len(a.Text)] // index out of range
	}
	return record.Record{DocID: a.ID, Source: a.Source}
}

// TestRunSurvivesAPanic: an article that makes processing panic becomes an
// error record naming its source, line and the panic site; every other
// article keeps its record, in order.
func TestRunSurvivesAPanic(t *testing.T) {
	src := func(yield func(corpus.Article, error) bool) {
		for i := range 20 {
			text := "fine"
			if i%6 == 3 {
				text = "boom"
			}
			if !yield(corpus.Article{ID: fmt.Sprint(i), Text: text, Source: "drop.jsonl", Line: i + 1}, nil) {
				return
			}
		}
	}
	var seq []string
	var errs []*corpus.Error
	st, err := Run(src, fragile{}, Options{
		Workers: 3,
		Record:  func(r *record.Record) error { seq = append(seq, r.DocID); return nil },
		Error: func(e *corpus.Error) error {
			seq = append(seq, "E"+e.DocID) // the error names the article
			errs = append(errs, e)
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(seq, ","); got != "0,1,2,E3,4,5,6,7,8,E9,10,11,12,13,14,E15,16,17,18,19" {
		t.Errorf("outputs %s", got)
	}
	if st.Articles != 17 || st.Errors != 3 {
		t.Errorf("stats %+v", st)
	}
	for _, e := range errs {
		msg := e.Error()
		if !strings.HasPrefix(msg, "drop.jsonl:") || !strings.Contains(msg, "index out of range") ||
			!strings.Contains(msg, "batch.fragile.Process") || !strings.Contains(msg, "batch_test.go:") {
			t.Errorf("error record %q does not name the input and the panic site", msg)
		}
	}
}

// stuck blocks on articles whose text says so until release is closed, like
// a rule that is very slow on some input.
type stuck struct{ release chan struct{} }

func (s stuck) Process(a corpus.Article) record.Record {
	if a.Text == "stuck" {
		<-s.release
	}
	return record.Record{DocID: a.ID, Source: a.Source}
}

// TestRunArticleTimeout: an article that takes longer than ArticleTimeout
// becomes an error record naming it, and the run finishes without it, in
// order; without the option the run would wait for it.
func TestRunArticleTimeout(t *testing.T) {
	p := stuck{release: make(chan struct{})}
	defer close(p.release)
	src := func(yield func(corpus.Article, error) bool) {
		for i := range 10 {
			text := "fine"
			if i == 2 || i == 7 {
				text = "stuck"
			}
			if !yield(corpus.Article{ID: fmt.Sprint(i), Text: text, Source: "drop.jsonl", Line: i + 1}, nil) {
				return
			}
		}
	}
	var seq []string
	start := time.Now()
	st, err := Run(src, p, Options{
		Workers:        2,
		ArticleTimeout: 100 * time.Millisecond,
		Record:         func(r *record.Record) error { seq = append(seq, r.DocID); return nil },
		Error: func(e *corpus.Error) error {
			if !strings.HasPrefix(e.Error(), "drop.jsonl:") || !strings.Contains(e.Error(), "took longer than 100ms") {
				t.Errorf("error record %q", e)
			}
			seq = append(seq, "E"+e.DocID) // the error names the article
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("run took %v", d)
	}
	if got := strings.Join(seq, ","); got != "0,1,E2,3,4,5,6,E7,8,9" || st.Errors != 2 || st.Articles != 8 {
		t.Errorf("outputs %s, stats %+v", got, st)
	}
}
