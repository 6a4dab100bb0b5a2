package batch

import (
	"errors"
	"fmt"
	"iter"
	"math"
	"runtime/debug"
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

// TestWriteRecord: a record written in pieces is the same line as one
// written whole, however many entities it has.
func TestWriteRecord(t *testing.T) {
	for _, n := range []int{0, 3, 256, 257, 5000} {
		r := &record.Record{DocID: "d", Source: "s.txt", SHA256: "ab", RefDateSource: record.RefNone, Chars: 9,
			Warnings: []string{"1 invalid byte replaced"}, Entities: []record.Entity{}}
		for i := range n {
			r.Entities = append(r.Entities, record.Entity{Type: "org", Start: i, End: i + 2, Text: "天津<&>", Canonical: fmt.Sprint("机构", i)})
		}
		var w strings.Builder
		buf, err := WriteRecord(&w, r, nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := string(r.AppendJSON(nil)) + "\n"; w.String() != want {
			t.Errorf("%d entities: line differs:\n got  %.300s\n want %.300s", n, w.String(), want)
		}
		if n == 5000 && cap(buf) > 128<<10 {
			t.Errorf("%d entities: scratch grew to %d bytes", n, cap(buf))
		}
	}
}

// limitSeen records the soft memory limit while each article is processed.
type limitSeen struct{ limits map[string]int64 }

func (l *limitSeen) Process(a corpus.Article) record.Record {
	l.limits[a.ID] = debug.SetMemoryLimit(-1)
	return record.Record{DocID: a.ID}
}

// TestMemoryPerByte: while a long article is in flight the soft memory
// limit follows its size; otherwise, and after the run, there is none.
func TestMemoryPerByte(t *testing.T) {
	if debug.SetMemoryLimit(-1) != math.MaxInt64 {
		t.Skip("GOMEMLIMIT is set")
	}
	long := strings.Repeat("长", LongArticleBytes/3+1)
	src := func(yield func(corpus.Article, error) bool) {
		_ = yield(corpus.Article{ID: "short", Text: "短"}, nil) &&
			yield(corpus.Article{ID: "long", Text: long}, nil) &&
			yield(corpus.Article{ID: "after", Text: "短"}, nil)
	}
	p := &limitSeen{limits: map[string]int64{}}
	if _, err := Run(src, p, Options{Workers: 1, MemoryPerByte: 7}); err != nil {
		t.Fatal(err)
	}
	if got, want := p.limits["long"], int64(MemoryBase+7*len(long)); got != want {
		t.Errorf("limit during the long article %d, want %d", got, want)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit after the run %d", got)
	}
}
