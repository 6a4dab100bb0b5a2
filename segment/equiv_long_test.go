//go:build long

package segment

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestLongCutMatchesGseOnDictionaryText holds the compiled dictionary to
// gse on text made of the dictionary's own words run together (so that
// words overlap and compete at every position), in random letter case, with
// random characters from the whole Unicode range and invalid bytes between.
func TestLongCutMatchesGseOnDictionaryText(t *testing.T) {
	s, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	ref := plainGse(t)
	d := ref.Dictionary()
	rng := rand.New(rand.NewPCG(2026, 11))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for size := 50 + rng.IntN(3000); b.Len() < size; {
			switch k := rng.IntN(20); {
			case k < 14:
				w := d.Tokens[rng.IntN(len(d.Tokens))].Text()
				if rng.IntN(4) == 0 {
					w = strings.ToUpper(w)
				}
				b.WriteString(w)
			case k < 17:
				r := rune(rng.IntN(0x10000))
				if rng.IntN(10) == 0 {
					r = rune(0x10000 + rng.IntN(0x100000))
				}
				if utf8.ValidRune(r) {
					b.WriteRune(r)
				}
			case k < 18:
				b.WriteByte(byte(rng.IntN(256))) // often invalid UTF-8
			default:
				b.WriteString([]string{" ", "，", "。", "\n", "、", "（", "）", "-", "."}[rng.IntN(9)])
			}
		}
		compareCut(t, s, ref, b.String())
	}
}
