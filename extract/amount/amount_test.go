package amount

import (
	"math/big"
	"regexp"
	"testing"
	"unicode/utf8"

	"github.com/cnie/cnie/extract"
	"github.com/cnie/cnie/extract/internal/extest"
	"github.com/cnie/cnie/extract/number"
	"github.com/cnie/cnie/lexicon"
)

const examples = "testdata/*.tsv"

// TestExamples runs the tables testdata/*.tsv: money, percentages and
// quantities, negatives included, and every rule of Rules shown.
func TestExamples(t *testing.T) {
	x, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(extest.Run(t, x, examples, Rules)); n < 150 {
		t.Errorf("%d amount examples; the table promises at least 150", n)
	}
}

// FuzzAmounts: no panic, every mention a non-empty span on rune boundaries
// of the text with a rule, and a money value made of Arabic digits and one
// multiplier agrees with exact arithmetic done apart.
func FuzzAmounts(f *testing.F) {
	exs, err := extest.LoadAll(examples)
	if err != nil {
		f.Fatal(err)
	}
	for _, ex := range exs {
		f.Add(ex.Text)
	}
	x, err := New(nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		// Every locale in turn, the bare 元 and 厘 depend on it.
		locales := append([]string{""}, lexicon.Locales...)
		d := &extract.Doc{Text: s, Locale: locales[len(s)%len(locales)]}
		for _, m := range x.Extract(d, nil) {
			if m.Start < 0 || m.End > len(s) || m.Start >= m.End || !utf8.RuneStart(s[m.Start]) || (m.End < len(s) && !utf8.RuneStart(s[m.End])) {
				t.Fatalf("%q: bad span %d..%d", s, m.Start, m.End)
			}
			if m.Rule == "" {
				t.Fatalf("%q: %s has no rule", s, s[m.Start:m.End])
			}
			if m.Type == extract.Money && len(m.Currency) != 3 {
				t.Fatalf("%q: %s has currency %q", s, s[m.Start:m.End], m.Currency)
			}
			if m.Type != extract.Money {
				continue
			}
			span := s[m.Start:m.End]
			if g := moneyRef.FindStringSubmatch(span); g != nil {
				want, _ := new(big.Rat).SetString(g[1])
				mult, _ := number.Multiplier(g[2])
				want.Mul(want, mult.Rat())
				if m.Value.Rat().Cmp(want) != 0 {
					t.Fatalf("%q: %s = %s, reference %s", s, span, m.Value, want.RatString())
				}
			}
		}
	})
}

// moneyRef is the reference form: digits, one multiplier (兆 is 10^12), 元.
var moneyRef = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)(亿|万|兆)元$`)
