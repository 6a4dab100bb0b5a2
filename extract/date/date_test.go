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
	x, err := New(nil)
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
	// Festivals and lunar dates at the edges of the lunar table (1900-2100)
	// and past them, leap months, impossible lunar days, ranges of them.
	for _, s := range []string{"春节", "1900年春节", "2100年除夕", "2101年中秋节", "1899年清明节", "除夕至正月初七",
		"农历闰六月初一", "农历闰十二月三十", "腊月三十", "正月三十至二月初一", "2025年正月三十", "农历十三月初一",
		"国庆中秋", "今年国庆", "上上个周日", "本月31日", "民国一一三年", "99/12/31", "24Q5", "20241301", "2023/24年度期末"} {
		for _, ref := range []int64{20250412, 19000131, 21001231, 21010615, 0} {
			f.Add(s, ref)
		}
	}
	x, err := New(nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string, refNum int64) {
		if !utf8.ValidString(s) {
			return
		}
		d := &extract.Doc{Text: s, Locale: []string{"", "CN", "HK", "TW", "MO", "SG", "MY"}[uint64(refNum)%7]}
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
