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
	// wide holds the view runes that stand for more than one raw rune (a
	// phrase fold that shortens the text): view byte -> raw end. Nil when
	// there are none, as in any text without traditional characters.
	wide map[int32]int32
	// hant and hans count the characters only one script writes.
	hant, hans int
}

// Script reports the script of the raw text (see ScriptOf).
func (v *View) Script() Script {
	if v == nil {
		return Hans
	}
	return ScriptOf(v.hant, v.hans)
}

// Fold modes of build.
const (
	foldTrad = 1 << iota // characters only traditional text writes, and phrases
	foldBoth             // characters both scripts write (乾, 著, 於), in traditional text
)

// New returns the normalised view of raw. Text with characters that only
// traditional text writes is folded to simplified characters, by OpenCC's
// tables (data/t2s.tsv), phrase by phrase where a phrase is listed; text
// without them is read once, and only looked up in one bitset per Chinese
// character.
func New(raw string) *View {
	t := table()
	if v := buildWith(t, raw, 0); v != nil {
		return v
	}
	sc, hant, hans := t.count(raw)
	mode := foldTrad
	if sc == Hant {
		mode |= foldBoth
	}
	v := buildWith(t, raw, mode)
	v.hant, v.hans = hant, hans
	return v
}

// Text returns New(s).Text: s as normalisation writes it, the form a name
// in a lexicon is matched in. When normalisation leaves s as it is (no white
// space, no full-width form, no character only traditional text writes:
// most names) it returns s itself and builds no view.
func Text(s string) string {
	for _, r := range s {
		if r <= ' ' || r >= 0xff01 && r <= 0xff5e || r > 0x7f && unicode.IsSpace(r) {
			return New(s).Text
		}
	}
	if _, hant, _ := DetectScript(s); hant > 0 {
		return New(s).Text
	}
	return s
}

// buildWith makes the view of raw, folding traditional characters as mode
// says. With mode 0 it gives up at the first character only traditional
// text writes, and returns nil.
func buildWith(t *foldTable, raw string, mode int) *View {
	var b strings.Builder
	b.Grow(len(raw))
	m := make([]int32, 0, len(raw)+1)
	var wide map[int32]int32

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

	ri, skip := 0, 0 // skip: the raw byte where a folded phrase ends
	for i, r := range raw {
		if i < skip {
			continue
		}
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
		var ph *phrase
		if r >= firstHan {
			if mode == 0 {
				if t.hantOnly(r) {
					return nil
				}
			} else if t.starts(r) {
				if ph = t.match(r, raw[i:]); ph != nil {
					r, _ = utf8.DecodeRuneInString(ph.to)
				} else if c := t.fold(r, mode&foldBoth != 0); c != 0 {
					r = c
				}
			}
			r = fold(r)
		}
		if spStart >= 0 {
			if prev != 0 && joins(prev, r, brk) {
				spStart, brk = -1, false
			} else {
				writeSpace()
			}
		}
		if ph == nil {
			n, _ := b.WriteRune(r)
			m = appendIndex(m, n, ri)
			prev = r
			ri++
			continue
		}
		// A phrase: its view runes map to its raw runes in order; the last
		// view rune covers what is left of the phrase.
		j, last := 0, 0
		for _, pr := range ph.to {
			last = b.Len()
			n, _ := b.WriteRune(pr)
			m = appendIndex(m, n, ri+min(j, ph.runes-1))
			prev = pr
			j++
		}
		if j < ph.runes {
			if wide == nil {
				wide = map[int32]int32{}
			}
			wide[int32(last)] = int32(ri + ph.runes)
		}
		ri += ph.runes
		skip = i + len(ph.from)
	}
	if spStart >= 0 {
		writeSpace()
	}
	m = append(m, int32(ri))
	return &View{Text: b.String(), raw: m, wide: wide}
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
	if v.wide != nil {
		if re, ok := v.wide[int32(end-size)]; ok {
			return int(v.raw[start]), int(re)
		}
	}
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
