package date

import (
	"testing"
	"time"
	"unicode/utf8"

	"github.com/cnie/cnie/extract"
	"github.com/cnie/cnie/extract/internal/extest"
)

const examples = "testdata/*.tsv"

// TestExamples runs the tables testdata/*.tsv: dates with their interval and
// grain ("null" where the reference date is missing), negatives included,
// and every rule of Rules shown.
func TestExamples(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(extest.Run(t, x, examples, Rules)); n < 120 {
		t.Errorf("%d date examples; the table promises at least 120", n)
	}
}

// FuzzDates: no panic, spans on rune boundaries, start_date <= end_date, a
// resolved date always has both ends, and every mention has a rule.
func FuzzDates(f *testing.F) {
	exs, err := extest.LoadAll(examples)
	if err != nil {
		f.Fatal(err)
	}
	for _, ex := range exs {
		f.Add(ex.Text, int64(20250412))
	}
	x, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string, refNum int64) {
		if !utf8.ValidString(s) {
			return
		}
		d := &extract.Doc{Text: s}
		if refNum > 0 {
			d.Ref = time.Date(int(refNum/10000%3000), time.Month(refNum/100%100), int(refNum%100), 0, 0, 0, 0, time.UTC)
		}
		for _, m := range x.Extract(d, nil) {
			if m.Start < 0 || m.End > len(s) || m.Start >= m.End || !utf8.RuneStart(s[m.Start]) || (m.End < len(s) && !utf8.RuneStart(s[m.End])) {
				t.Fatalf("%q: bad span %d..%d", s, m.Start, m.End)
			}
			if m.StartDate.IsZero() != m.EndDate.IsZero() || m.EndDate.Before(m.StartDate) {
				t.Fatalf("%q: %s: %v..%v", s, s[m.Start:m.End], m.StartDate, m.EndDate)
			}
			if m.Rule == "" {
				t.Fatalf("%q: %s has no rule", s, s[m.Start:m.End])
			}
		}
	})
}
