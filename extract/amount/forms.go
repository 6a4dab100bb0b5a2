// The forms around a number that are more than the number and its word: the
// bare members of a list or range sharing a unit, a currency written before
// the number, compound money stepping down (七元五毛), and a sign (负).

package amount

import (
	"math/big"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cnie/cnie/extract"
	tx "github.com/cnie/cnie/extract/internal/text"
	"github.com/cnie/cnie/extract/number"
)

// shareUnits gives the bare members of a list or range the unit written
// once, on the last member: 3.5%、5.6%; 分别提高1.8、1.9、1.2个百分点;
// 3.2万亿、1.5万亿、4200亿元; 50万至75万吨; 3-5亿元 (the 3 takes 亿 too).
func (x *Extractor) shareUnits(d *extract.Doc, cs []amount) {
	text := d.Text
	for i := len(cs) - 2; i >= 0; i-- {
		a, b := &cs[i], &cs[i+1]
		if b.kind == kindNone || b.kind == kindBlock {
			continue
		}
		gap := text[a.end:b.start]
		rangeSep := tx.IsRangeSep(gap)
		if !rangeSep && !tx.IsListSep(gap) {
			continue
		}
		if a.kind == kindNone && b.kind == kindClassifier && !rangeSep && !a.expr.Arabic && !b.expr.Arabic &&
			!a.expr.Multiplier && x.words.noCount[a.expr.Digits] {
			// 分居二、三名: 二 alone is an ordinal, so the list ranks, it counts nothing.
			b.kind, b.rule = kindNone, nil
			continue
		}
		switch {
		case a.kind == kindNone:
		case a.kind == kindClassifier && strings.HasPrefix(b.unit, a.unit) && b.unit != a.unit:
			// 3.6个、1.2个百分点: 个 is the start of the shared 个百分点.
		case a.kind == kindClassifier && b.kind == kindPoint && strings.HasPrefix(text[b.numEnd:], a.unit):
		default:
			continue
		}
		a.kind, a.unit, a.currency, a.rule = b.kind, b.unit, b.currency, &sharedUnit
		if b.kind == kindPoint || b.kind == kindPercent {
			a.unit = ""
		}
		if rangeSep && !a.expr.Multiplier && b.expr.Multiplier && b.expr.Arabic {
			a.value = a.value.Mul(multiplierOf(text[b.start:b.numEnd]))
		}
		if b.kind == kindTenth {
			a.value = a.value.Mul(number.FromInt(10))
		}
	}
	// The other way: a bare second end takes the unit of a first end written
	// 百分之N (百分之四至六 is 4 and 6).
	for i := 0; i+1 < len(cs); i++ {
		a, b := &cs[i], &cs[i+1]
		if a.rule != &percentWords || b.kind != kindNone || b.expr.Bare || b.expr.Over ||
			multiplierOf(text[b.start:b.numEnd]).Cmp(number.FromInt(10000)) >= 0 || // 百分之五至六亿: no range
			!tx.IsRangeSep(text[a.end:b.start]) || x.wordContinues(d, b.start, b.end) {
			continue
		}
		b.kind, b.unit, b.rule = kindPercent, "", &percentRangeSecond
	}
}

// multiplierOf is the product of the multiplier characters that end an
// Arabic number (5亿: 10^8; 1.2万亿: 10^12).
func multiplierOf(num string) number.Value {
	v := number.FromInt(1)
	for num != "" {
		r, size := utf8.DecodeLastRuneInString(num)
		if !number.IsUnit(r) {
			break
		}
		m, _ := number.Multiplier(string(r))
		v = v.Mul(m)
		num = num[:len(num)-size]
	}
	return v
}

// currencyBefore reads a currency word w at byte i and the number straight
// after it, as one money mention: the number must end in a multiplier
// (美元500万) or in a currency word of its own, the bare 元 or the same
// currency (人民币6千万元, 新台币1200亿元).
func (x *Extractor) currencyBefore(d *extract.Doc, i int, w string) (amount, bool) {
	text := d.Text
	j := i + len(w)
	e, ok := number.Scan(text[j:], x.stopAtUnit(text, j))
	if !ok || e.Bare || e.Value.Sign() <= 0 {
		return amount{}, false
	}
	if r, _ := utf8.DecodeRuneInString(text[j:]); r == '+' || r == '-' {
		return amount{}, false
	}
	end := j + e.Len
	c := amount{start: i, numEnd: end, end: end, expr: e, value: e.Value, kind: kindMoney,
		currency: x.currency[w], denom: number.FromInt(1), rule: &moneyBefore}
	w2 := x.curWords.Longest(text[end:])
	if w2 != "" && x.wordContinues(d, j, end+len(w2)) {
		w2 = ""
	}
	switch {
	case w2 != "" && (x.isLocal(w2) || x.currency[w2] == c.currency):
		c.end += len(w2)
		return c, true
	case w2 == "" && e.Multiplier && x.unitWords.Longest(text[end:]) == "" && x.moneyWords.Longest(text[end:]) == "":
		return c, true
	}
	return amount{}, false
}

// compound extends the money c, whose last word is last, over the parts
// that step down from it in the same currency: 七元五毛, 20元3角五分,
// 三美元又五美分; and over a lone digit after a no-noun word, worth a tenth
// of it (一块五 is 1.5, 三毛五 0.35).
func (x *Extractor) compound(d *extract.Doc, c amount, last string) amount {
	text := d.Text
	for step := 0; step < 4; step++ {
		j := c.end
		for w := range x.words.compoundJoin {
			if strings.HasPrefix(text[j:], w) {
				j += len(w)
				break
			}
		}
		e, ok := number.Scan(text[j:], nil)
		if !ok || e.Multiplier || e.Bare || e.Over || e.Value.Sign() <= 0 {
			break
		}
		if r, _ := utf8.DecodeRuneInString(text[j:]); r == '+' || r == '-' {
			break
		}
		k := j + e.Len
		mw, cw := x.moneyWords.Longest(text[k:]), x.curWords.Longest(text[k:])
		next, val := "", number.Value{}
		switch {
		case mw != "" && len(mw) >= len(cw):
			next, val = mw, x.money[mw].value
		case cw != "":
			next, val = cw, number.FromInt(1)
		}
		if next != "" {
			code := x.codeOf(d, next, "")
			if x.isLocal(next) && next != last && x.money[next].use != "alone" {
				code = c.currency // 5港元3角: 角 and 分 step down from any 元
			}
			if code != c.currency || val.Cmp(c.denom) >= 0 || x.wordContinues(d, j, k+len(next)) {
				break
			}
			c.value = number.FromRat(new(big.Rat).Add(c.value.Rat(), e.Value.Mul(val).Rat()))
			c.denom, c.end, c.rule, last = val, k+len(next), &moneyCompound, next
			continue
		}
		// 一块五: one digit, nothing after it that makes it a count.
		if x.money[last].use == "no-noun" && j == c.end && utf8.RuneCountInString(e.Digits) == 1 &&
			x.unitWords.Longest(text[k:]) == "" && !x.wordContinues(d, j, k) {
			if r, _ := utf8.DecodeRuneInString(text[k:]); !number.IsDigit(r) && !number.IsUnit(r) {
				tenth := c.denom.Mul(number.FromRat(big.NewRat(1, 10)))
				c.value = number.FromRat(new(big.Rat).Add(c.value.Rat(), e.Value.Mul(tenth).Rat()))
				c.end, c.rule = k, &moneyCompound
			}
		}
		break
	}
	return c
}

// noNounAfter reports whether no noun follows byte i: the text ends, or a
// character other than a Han one (punctuation, a space, a digit) or a hedge
// written after an amount (左右, 以上) comes next.
func (x *Extractor) noNounAfter(d *extract.Doc, i int) bool {
	r, _ := utf8.DecodeRuneInString(d.Text[i:])
	return i >= len(d.Text) || !unicode.Is(unicode.Han, r) || x.hedges.startsAfter(d.Text[i:])
}

// negativeBefore returns the length of a sign word (负) that stands straight
// before a percentage at byte start, or 0: not after a negativeNot
// character (正负), nor at the end of a longer word the segmenter found
// (抱负, 胜负).
func (x *Extractor) negativeBefore(d *extract.Doc, start int) int {
	before := d.Text[:start]
	if !x.words.negativeLast.Has(tx.LastRune(before)) {
		return 0
	}
	for w := range x.words.negative {
		if !strings.HasSuffix(before, w) {
			continue
		}
		p := start - len(w)
		if x.words.negativeNot[string(tx.LastRune(d.Text[:p]))] {
			return 0
		}
		if t := d.TokenAt(p); t >= 0 && d.Tokens[t].Start < p {
			return 0
		}
		return len(w)
	}
	return 0
}

// insideWord reports a span of Chinese numerals that lies inside a word the
// segmenter found, one that begins before it (双十节, 金三角).
func (x *Extractor) insideWord(d *extract.Doc, start, end int) bool {
	r, _ := utf8.DecodeRuneInString(d.Text[start:])
	if tx.IsASCIIDigit(r) {
		return false
	}
	t := d.TokenAt(start)
	return t >= 0 && d.Tokens[t].Start < start && d.Tokens[t].End >= end
}

// priceCue reports a price word (amount_words.tsv, price-cue) in the clause
// before byte start, within 12 characters.
func (x *Extractor) priceCue(d *extract.Doc, start int) bool {
	from := start
	for n := 0; n < 12 && from > 0; n++ {
		r, size := utf8.DecodeLastRuneInString(d.Text[:from])
		if !unicode.Is(unicode.Han, r) && !unicode.IsDigit(r) && !unicode.IsLetter(r) {
			break // the clause ends
		}
		from -= size
	}
	return x.words.priceCue.Contained(d.Text[from:start]) != ""
}

// wordContinues reports whether the word that the segmenter found at the
// last rune of text[start:end] runs on past end, having begun inside the
// span: 部 in 三部门, 元 in 1日元旦, 位 in the idiom 三位一体, 部 in 零部件.
func (x *Extractor) wordContinues(d *extract.Doc, start, end int) bool {
	_, size := utf8.DecodeLastRuneInString(d.Text[start:end])
	i := d.TokenAt(end - size)
	if i < 0 {
		return false
	}
	t := d.Tokens[i]
	last := end - size
	return t.Start <= last && t.End > end && t.Start >= start
}
