package normalize

import (
	"testing"
	"unicode/utf8"
)

// FuzzNew checks the offset map on any input, traditional text included:
// every view rune maps inside the raw text, in order, and spans of the whole
// view cover the raw text from its first non-space rune.
func FuzzNew(f *testing.F) {
	for _, s := range []string{
		"", "臺灣積體電路製造公司", "新臺幣１２億元", "乾隆年間著名的乾燥", "港鐵綫路 裏\n程",
		"這个国家的經濟著名", "\xff臺\xfe灣", "二噁英與三噁英", "  前導 空白 臺 ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v := New(raw)
		n := utf8.RuneCountInString(raw)
		if v.RawLen() != n {
			t.Fatalf("RawLen %d, raw has %d runes", v.RawLen(), n)
		}
		last := -1
		for i, r := range v.Text {
			rs, re := v.Span(i, i+utf8.RuneLen(r))
			if rs < 0 || re > n || rs >= re || rs < last {
				t.Fatalf("view rune %q at %d maps to [%d, %d) (raw %d runes, previous start %d)", r, i, rs, re, n, last)
			}
			last = rs
		}
		if len(v.Text) > 0 {
			if rs, re := v.Span(0, len(v.Text)); rs < 0 || re > n || rs > re {
				t.Fatalf("whole view maps to [%d, %d) of %d", rs, re, n)
			}
		}
	})
}
