package pipeline

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/cnie/cnie/corpus"
)

// TestWindowEnd: a window ends at a paragraph's end in its last half if
// there is one, else a sentence's end, a line break, a character; never
// past the bound, never inside a character.
func TestWindowEnd(t *testing.T) {
	para := "天津举行洽谈会，签约金额47.95亿元。\n" // 53 bytes
	cases := []struct {
		name, s string
		max     int
		want    int
	}{
		{"fits", "短文。", 100, len("短文。")},
		{"paragraph", strings.Repeat(para, 3) + "没有结尾的一行", 2*len(para) + 10, 2 * len(para)},
		{"sentence", strings.Repeat("第一句。第二句！", 10), 40, len("第一句。第二句！第一句。")},
		{"line break", strings.Repeat("没有标点的一行\n", 6), 70, 3 * len("没有标点的一行\n")},
		{"character", strings.Repeat("长", 100), 100, 99},
	}
	for _, c := range cases {
		got := windowEnd(c.s, c.max)
		if got != c.want {
			t.Errorf("%s: window ends at %d, want %d", c.name, got, c.want)
		}
		if got > c.max || got < len(c.s) && !utf8.RuneStart(c.s[got]) {
			t.Errorf("%s: bad cut %d", c.name, got)
		}
	}
}

// TestWindowedArticle: an article longer than a window gives the
// entities each window would, at offsets into the whole article, and
// keeps every promise of a record.
func TestWindowedArticle(t *testing.T) {
	defer func(w int) { windowBytes = w }(windowBytes)
	windowBytes = 8 << 10 // the seeds are 5 to 20 KB each: several windows
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	var b strings.Builder
	for b.Len() < 3*windowBytes+windowBytes/3 {
		for _, f := range files {
			s, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			b.Write(s)
			b.WriteString("\n")
		}
	}
	text := b.String()
	p := newPipeline(t, Options{RefDate: time.Date(2025, 4, 12, 0, 0, 0, 0, time.UTC)})
	a := corpus.Article{ID: "long", Source: "long.txt", Text: text}
	rec := p.Process(a)
	checkRecord(t, schema(t), a, rec)

	// The same entities as the windows processed one by one.
	var want []string
	base, windows := 0, 0
	for rest := text; rest != ""; windows++ {
		part := rest[:windowEnd(rest, windowBytes)]
		rest = rest[len(part):]
		r := p.Process(corpus.Article{ID: "w", Text: part})
		for _, e := range r.Entities {
			want = append(want, e.Type+" "+e.Text+" "+strconv.Itoa(e.Start+base))
		}
		base += utf8.RuneCountInString(part)
	}
	if windows < 3 || len(want) < 100 {
		t.Fatalf("%d windows, %d entities: not a long article", windows, len(want))
	}
	if len(rec.Entities) != len(want) {
		t.Fatalf("%d entities, want %d", len(rec.Entities), len(want))
	}
	for i, e := range rec.Entities {
		if got := e.Type + " " + e.Text + " " + strconv.Itoa(e.Start); got != want[i] {
			t.Fatalf("entity %d: %s, want %s", i, got, want[i])
		}
	}
}
