// Package normalize builds the view of an article that the extractors match
// on, with a map from every position of that view back to the raw text.
//
// The view differs from the raw text in three ways, all of them needed to
// match Chinese news as it arrives:
//
//   - full-width ASCII (digits, letters, ％, ，, （ …) is folded to its
//     narrow form, rune for rune;
//   - a run of white space between two CJK characters, or between a CJK
//     character and a digit or letter, is dropped: stray spaces
//     (`2024 年`, `111.555 亿元`) and the hard line breaks of column-wrapped
//     print (`上海合作组\n织`) do not split a mention;
//   - nothing else: white space between two Latin letters or two digits stays
//     (`2025-08-29 6 0` keeps its numbers apart), and so does a line break
//     after sentence-final punctuation.
//
// Offsets in the view are byte offsets into View.Text; View.Span maps a span
// of the view back to code-point offsets into the raw text.
package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// View is the normalised text of one article and its offset map.
// The zero value is the view of an empty text.
type View struct {
	// Text is the normalised text that extractors match on.
	Text string
	// raw[b] is the raw code-point index of the rune that starts at byte b of
	// Text; it is len(Text)+1 long, and raw[len(Text)] is the raw length.
	raw []int32
}

// New returns the normalised view of raw.
func New(raw string) *View {
	var b strings.Builder
	b.Grow(len(raw))
	m := make([]int32, 0, len(raw)+1)

	// prev is the last rune written to the view (0 at the start). A run of
	// white space is held back until the rune after it shows whether it is
	// dropped: spStart is its first raw index, spEnd its end (byte offsets
	// into raw), brk whether it holds a line break.
	var prev rune
	spStart, spFrom, spTo, brk := -1, 0, 0, false
	writeSpace := func() {
		ri := spStart
		for _, s := range raw[spFrom:spTo] {
			n, _ := b.WriteRune(s)
			m = appendIndex(m, n, ri)
			ri++
		}
		spStart, brk = -1, false
	}

	ri := 0
	for i, r := range raw {
		if isSpace(r) {
			if spStart < 0 {
				spStart, spFrom = ri, i
			}
			spTo = i + utf8.RuneLen(r)
			if r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' {
				brk = true
			}
			ri++
			continue
		}
		r = fold(r)
		if spStart >= 0 {
			if prev != 0 && joins(prev, r, brk) {
				spStart, brk = -1, false
			} else {
				writeSpace()
			}
		}
		n, _ := b.WriteRune(r)
		m = appendIndex(m, n, ri)
		prev = r
		ri++
	}
	if spStart >= 0 {
		writeSpace()
	}
	m = append(m, int32(ri))
	return &View{Text: b.String(), raw: m}
}

// appendIndex records raw index ri for the n bytes of one view rune. Only the
// first byte is ever looked up; the others repeat it so that a lookup at any
// byte is safe.
func appendIndex(m []int32, n, ri int) []int32 {
	for i := 0; i < n; i++ {
		m = append(m, int32(ri))
	}
	return m
}

// Span maps the view span [start, end) (byte offsets into Text, on rune
// boundaries) to raw code-point offsets [rs, re). Dropped white space inside
// the span is inside the raw span too.
func (v *View) Span(start, end int) (rs, re int) {
	if v == nil || len(v.raw) == 0 {
		return 0, 0
	}
	if start >= end {
		p := int(v.raw[start])
		return p, p
	}
	_, size := utf8.DecodeLastRuneInString(v.Text[:end])
	return int(v.raw[start]), int(v.raw[end-size]) + 1
}

// RawLen is the length of the raw text in code points.
func (v *View) RawLen() int {
	if v == nil || len(v.raw) == 0 {
		return 0
	}
	return int(v.raw[len(v.raw)-1])
}

// isSpace reports white space that normalisation may drop: ASCII space, tab,
// line breaks, the ideographic space and other Unicode spaces.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\u3000', '\u00a0', '\u2028', '\u2029':
		return true
	}
	return r > 0x7f && unicode.IsSpace(r)
}

// fold maps a full-width form to its narrow form; every other rune is
// returned as it is.
func fold(r rune) rune {
	if r < 0xff01 || r > 0xff5e {
		return r
	}
	p := width.LookupRune(r)
	if p.Kind() == width.EastAsianFullwidth {
		if n := p.Narrow(); n != 0 {
			return n
		}
	}
	return r
}

// joins reports whether a run of white space between a and b is dropped:
// between two CJK characters, or a CJK character and a digit, letter, quote
// or bracket; never after sentence-final punctuation at a line break, and
// never between two Latin words or numbers.
func joins(a, b rune, lineBreak bool) bool {
	if lineBreak && isSentenceEnd(a) {
		return false
	}
	switch ha, hb := isCJK(a), isCJK(b); {
	case ha && hb:
		return true
	case ha:
		return isAlnum(b) || isCJKPunct(b)
	case hb:
		return isAlnum(a) || isCJKPunct(a)
	}
	return false
}

// isCJK reports a Han ideograph or another letter of a CJK script.
func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || r == '〇'
}

func isAlnum(r rune) bool {
	return r < 0x80 && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
}

// isCJKPunct reports the quotes and brackets that stand inside a sentence of
// Chinese text (and so inside wrapped lines).
func isCJKPunct(r rune) bool {
	switch r {
	case '“', '”', '‘', '’', '《', '》', '「', '」', '『', '』', '、', '·', '—', '(', ')', '"':
		return true
	}
	return false
}

// isSentenceEnd reports punctuation after which a line break is a paragraph
// break, never a wrap.
func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '!', '?', '；', ';', '…', ':', '：':
		return true
	}
	return false
}
