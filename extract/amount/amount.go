// Package amount finds money, percentages and quantities with exact values:
// a number (extract/number) and its currency, percent sign or unit, the
// prefix forms (百分之, US$, a currency word: 人民币6千万元), fractions,
// tenths, 一半 and 半成, a 负 sign, colloquial and compound money (两块, 八毛,
// 七元五毛), lists and ranges that write the unit once (either end), and the
// hedge beside an amount. A bare 元 is the currency of the article's locale
// (Doc.Locale). Its rules are listed in rules.go, its examples in
// testdata/*.tsv.
package amount

import (
	"fmt"
	"math/big"
	"strings"
	"unicode/utf8"

	"github.com/cnie/cnie/extract"
	tx "github.com/cnie/cnie/extract/internal/text"
	"github.com/cnie/cnie/extract/number"
	"github.com/cnie/cnie/lexicon"
)

// Extractor finds money, percentages and quantities: a number (Arabic,
// Chinese or mixed, with multipliers) and what follows it, a currency
// (`47.95亿元`), a percent sign or 百分点 (`14.4%`, `1.2个百分点`), a unit of
// measure or a classifier (`50万吨`, `18个`); or a prefix before it
// (`百分之八十`, `US$5亿`); or a fraction (`四分之一`), tenths (`九成`) and
// `一半`. Lists and ranges that write the unit once (`3.5%、5.6%`,
// `1.8、1.9、1.2个百分点`, `3-5亿元`) give every member its unit. A hedge
// beside the amount is its qualifier. Build it with New.
type Extractor struct {
	currency map[string]string // word -> ISO 4217
	prefix   map[string]string // symbol before the number -> ISO 4217
	units    map[string]unitKind
	hedges   hedges
	words    words // lexicon/amount_words.tsv
	// money holds the colloquial and subunit money words
	// (lexicon/money_units.tsv), localCur the currency of a bare 元 by
	// locale (lexicon/locale_currencies.tsv).
	money      map[string]moneyUnit
	localCur   map[string]string
	moneyWords tx.WordSet
	// curWords, prefixWords and unitWords hold every currency, prefix and
	// unit word for longest-match lookups.
	curWords, prefixWords, unitWords tx.WordSet
	starts                           *tx.RuneSet // every rune an amount can start with
}

// unitKind is what a word after a number makes of it.
type unitKind int

const (
	kindNone       unitKind = iota // a bare number
	kindMoney                      // a currency
	kindPercent                    // %
	kindPoint                      // 百分点
	kindMeasure                    // 吨, 千瓦
	kindClassifier                 // 个, 家
	kindTenth                      // 成
	kindBlock                      // 年, 倍, 岁: no amount
)

var unitKinds = map[string]unitKind{
	"measure": kindMeasure, "classifier": kindClassifier, "percent": kindPercent,
	"point": kindPoint, "tenth": kindTenth, "block": kindBlock,
}

// New builds the amount extractor from lexicon/currencies.tsv,
// lexicon/units.tsv and lexicon/hedges.tsv of lx (nil: the embedded
// lexicons alone).
func New(lx *lexicon.Set) (*Extractor, error) {
	x := &Extractor{
		currency: map[string]string{}, prefix: map[string]string{}, units: map[string]unitKind{},
	}
	var curWords, prefixWords, unitWords []string
	rows, err := lx.Read("currencies.tsv", 2, 2)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		w, code := r.Fields[0], r.Fields[1]
		if len(code) != 3 || strings.ToUpper(code) != code {
			return nil, fmt.Errorf("lexicon: currencies.tsv:%d: %q is not an ISO 4217 code", r.Line, code)
		}
		if p, ok := strings.CutPrefix(w, "prefix:"); ok {
			x.prefix[p] = code
			prefixWords = append(prefixWords, p)
			continue
		}
		x.currency[w] = code
		curWords = append(curWords, w)
	}
	if rows, err = lx.Read("units.tsv", 2, 2); err != nil {
		return nil, err
	}
	for _, r := range rows {
		k, ok := unitKinds[r.Fields[1]]
		if !ok {
			return nil, fmt.Errorf("lexicon: units.tsv:%d: unknown kind %q", r.Line, r.Fields[1])
		}
		x.units[r.Fields[0]] = k
		unitWords = append(unitWords, r.Fields[0])
	}
	if x.hedges, err = loadHedges(lx); err != nil {
		return nil, err
	}
	if x.words, err = loadWords(lx); err != nil {
		return nil, err
	}
	if x.money, x.localCur, err = loadMoneyUnits(lx); err != nil {
		return nil, err
	}
	var moneyWords []string
	for w := range x.money {
		moneyWords = append(moneyWords, w)
	}
	for _, w := range []struct {
		set   *tx.WordSet
		words []string
		file  string
	}{{&x.curWords, curWords, "currencies.tsv"}, {&x.prefixWords, prefixWords, "currencies.tsv"}, {&x.unitWords, unitWords, "units.tsv"}, {&x.moneyWords, moneyWords, "money_units.tsv"}} {
		if *w.set, err = tx.NewWordSet(w.words); err != nil {
			return nil, fmt.Errorf("lexicon: %s: %w", w.file, err)
		}
	}
	// An amount starts with a digit or a unit of a number (3, 三, 万), a sign,
	// 百分之, 一半, 半成, a currency prefix (US$) or a currency word written
	// before its number (人民币6千万元).
	x.starts = new(tx.RuneSet)
	x.starts.Add(number.StartRunes()...)
	x.starts.Add('+', '-', '百', '一', '半')
	for _, p := range prefixWords {
		x.starts.Add(tx.FirstRune(p))
	}
	for _, w := range curWords {
		if !x.isLocal(w) {
			x.starts.Add(tx.FirstRune(w))
		}
	}
	return x, nil
}

// amount is a candidate: a number and what it was found with.
type amount struct {
	start, end int // the span in Doc.Text
	numEnd     int // where the number itself ends
	expr       number.Expr
	value      number.Value
	kind       unitKind
	unit       string // the unit word as written (quantity, percent)
	currency   string
	denom      number.Value  // money: what one of the last unit word is worth (元 1, 毛 0.1)
	rule       *extract.Rule // the rule that read it; nil for no amount
}

// isLocal reports a currency word that means the article's own currency:
// the bare 元 (money_units.tsv, currency local).
func (x *Extractor) isLocal(w string) bool {
	u, ok := x.money[w]
	return ok && u.currency == ""
}

// codeOf is the ISO 4217 code of a currency or money word after the number
// num: a local word (元, 块, 毛) takes the article's currency by its locale,
// the mainland's when it has none. In a Taiwanese article a number written
// in the mainland's 万亿 (Taiwan writes 兆) quotes a mainland figure.
func (x *Extractor) codeOf(d *extract.Doc, w, num string) string {
	if u, ok := x.money[w]; ok && u.currency != "" {
		return u.currency
	}
	if !x.isLocal(w) {
		return x.currency[w]
	}
	if d.Locale == "TW" && strings.Contains(num, "万亿") {
		return x.localCur["CN"]
	}
	if c := x.localCur[d.Locale]; c != "" {
		return c
	}
	return x.localCur["CN"]
}

// Extract implements Extractor.
func (x *Extractor) Extract(d *extract.Doc, dst []extract.Mention) []extract.Mention {
	cands := x.scan(d)
	x.shareUnits(d, cands)
	for i := range cands {
		c := &cands[i]
		m := extract.Mention{Start: c.start, End: c.end, Value: c.value}
		if c.rule != nil {
			m.Rule = c.rule.Name
		}
		switch c.kind {
		case kindMoney:
			m.Type, m.Currency = extract.Money, c.currency
		case kindPercent, kindTenth:
			m.Type, m.Unit = extract.Percent, "percent"
		case kindPoint:
			m.Type, m.Unit = extract.Percent, "point"
		case kindMeasure, kindClassifier:
			m.Type, m.Unit = extract.Quantity, c.unit
		default:
			continue
		}
		if !c.allowed(x, d) {
			continue
		}
		if m.Type == extract.Percent && m.Value.Sign() > 0 {
			if n := x.negativeBefore(d, m.Start); n > 0 {
				m.Start -= n
				m.Value = m.Value.Neg()
				m.Rule = percentNegative.Name
			}
		}
		m.Qualifier = x.hedges.qualifier(d, c.start, c.end)
		if m.Qualifier == "" && c.expr.Over {
			m.Qualifier = extract.Over
		}
		dst = append(dst, m)
	}
	return dst
}

// allowed applies the rules that keep look-alikes out once the kind is known.
func (c *amount) allowed(x *Extractor, d *extract.Doc) bool {
	// A bare multiplier is a number only beside a hedge: 近万人, 亿元以上.
	if c.expr.Bare && x.hedges.qualifier(d, c.start, c.end) == "" {
		return false
	}
	if c.kind == kindClassifier || c.kind == kindMeasure {
		// 一 with a classifier is an indefinite article (一个经济体).
		if !c.expr.Arabic && x.words.indefinite[c.expr.Digits] && !c.expr.Multiplier {
			return false
		}
		// A year before a cohort classifier (2023届, 2024级) names a class.
		if c.expr.Arabic && x.words.cohort[c.unit] && tx.IsYear(c.expr.Digits) {
			return false
		}
		// Counts say 两: 二 alone with a classifier is an ordinal or a
		// compound (二次开发, 二级).
		if x.words.noCount[c.expr.Digits] && !c.expr.Multiplier {
			return false
		}
		// A session number before another number names a meeting
		// (二十届三中全会), it counts nothing.
		if x.words.session[c.unit] {
			if r, _ := utf8.DecodeRuneInString(d.Text[c.end:]); number.IsDigit(r) {
				return false
			}
		}
		// A Chinese-numeral count inside a word the segmenter found, which
		// begins before it (双十节), names something.
		if !c.expr.Arabic && x.insideWord(d, c.start, c.end) {
			return false
		}
		// A Chinese-numeral count right after an opening quote is a slogan's
		// name (“三个大规模”, “五位一体”).
		if !c.expr.Arabic {
			if x.words.sloganQuote.Has(tx.LastRune(d.Text[:c.start])) {
				return false
			}
		}
	}
	return true
}

// scan finds every number in the text with what stands right after (or
// before) it.
func (x *Extractor) scan(d *extract.Doc) []amount {
	text := d.Text
	var out []amount
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !x.starts.Has(r) {
			i += size
			continue
		}
		if c, ok := x.at(d, i); ok {
			out = append(out, c)
			i = c.end
			continue
		}
		i += size
		// Skip the rest of a Latin word or an Arabic number glued to one
		// (G20, C919, 5G): its digits are no amount.
		if tx.IsASCIIAlnum(r) {
			for i < len(text) && (tx.IsASCIIAlnum(rune(text[i])) || text[i] == '.' && i+1 < len(text) && tx.IsASCIIAlnum(rune(text[i+1]))) {
				i++
			}
		}
	}
	return out
}

// at reads an amount starting at byte i, if one does.
func (x *Extractor) at(d *extract.Doc, i int) (amount, bool) {
	text := d.Text
	rest := text[i:]
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	// Prefix forms: 百分之八十, US$5亿.
	if strings.HasPrefix(rest, "百分之") {
		e, ok := number.Scan(rest[len("百分之"):], nil)
		if ok { // 百分之百 too
			e.Bare = false
			end := i + len("百分之") + e.Len
			return amount{start: i, end: end, numEnd: end, expr: e, value: e.Value, kind: kindPercent, unit: "percent", rule: &percentWords}, true
		}
	}
	if p := x.prefixWords.Longest(rest); p != "" && !tx.IsASCIILetter(prev) {
		if e, ok := number.Scan(rest[len(p):], x.stopAtUnit(text, i+len(p))); ok && e.Arabic && !e.Bare {
			end := i + len(p) + e.Len
			c := amount{start: i, end: end, numEnd: end, expr: e, value: e.Value, kind: kindMoney, currency: x.prefix[p], rule: &moneyPrefix}
			if w := x.curWords.Longest(text[end:]); w != "" {
				c.end += len(w) // US$5亿美元: the word repeats the symbol
			}
			return c, true
		}
	}
	first, _ := utf8.DecodeRuneInString(rest)
	// A currency word straight before its number: 人民币6千万元, 美元500万.
	if !number.IsDigit(first) && !number.IsUnit(first) && !tx.IsASCIILetter(prev) {
		if w := x.curWords.LongestAt(rest, first); w != "" && !x.isLocal(w) {
			if c, ok := x.currencyBefore(d, i, w); ok {
				return c, true
			}
		}
	}
	// 半成: half a tenth.
	if first == '半' && !number.IsDigit(prev) && !number.IsUnit(prev) {
		if t := x.unitWords.Longest(rest[len("半"):]); t != "" && x.units[t] == kindTenth {
			end := i + len("半") + len(t)
			if !x.wordContinues(d, i, end) {
				return amount{start: i, end: end, numEnd: i + len("半"), value: number.FromInt(5), kind: kindPercent, unit: "percent", rule: &percentHalfTenth}, true
			}
		}
	}
	if strings.HasPrefix(rest, "一半") && prev != '另' {
		return amount{start: i, end: i + len("一半"), numEnd: i + len("一半"), value: number.FromInt(50), kind: kindPercent, unit: "percent", rule: &percentHalf}, true
	}

	r, _ := utf8.DecodeRuneInString(rest)
	if !number.IsDigit(r) && !number.IsUnit(r) && !((r == '+' || r == '-') && len(rest) > 1 && rest[1] >= '0' && rest[1] <= '9') {
		return amount{}, false
	}
	if (r == '+' || r == '-') && (number.IsDigit(prev) || number.IsUnit(prev) || prev == '%') {
		return amount{}, false // 3-5: a range, not a sign
	}
	if tx.IsASCIIAlnum(prev) || prev == '.' || prev == ':' || prev == '/' || prev == '第' ||
		!tx.IsASCIIDigit(r) && (number.IsDigit(prev) || number.IsUnit(prev)) && !tx.IsASCIIDigit(prev) || // inside a Chinese numeral: 第十四届 has no 四届
		(prev == '+' && i >= 2 && number.IsDigit(rune(text[i-2]))) {
		return amount{}, false
	}
	e, ok := number.Scan(rest, x.stopAtUnit(text, i))
	if !ok {
		return amount{}, false
	}
	c := amount{start: i, numEnd: i + e.Len, end: i + e.Len, expr: e, value: e.Value}
	if lone, _ := utf8.DecodeRuneInString(e.Digits); !e.Arabic && utf8.RuneCountInString(e.Digits) == 1 && !strings.ContainsFunc(rest[:e.Len], number.IsUnit) {
		if d, plain := number.PlainDigit(lone); !plain || d == 0 {
			return amount{}, false // 陆 of 大陆, 伍 of 队伍, 零 of 零件: a word's character
		}
	}
	after := text[c.numEnd:]
	if strings.HasPrefix(after, "+") && len(after) > 1 && after[1] >= '0' && after[1] <= '9' {
		return amount{}, false // 1+3+4: a plan's name
	}
	// A fraction: 四分之一 is 25 percent.
	if strings.HasPrefix(after, "分之") && !e.Value.IsZero() {
		if y, ok := number.Scan(after[len("分之"):], nil); ok && !y.Bare {
			v := new(big.Rat).Quo(new(big.Rat).Mul(y.Value.Rat(), big.NewRat(100, 1)), e.Value.Rat())
			c.end = c.numEnd + len("分之") + y.Len
			c.value, c.kind, c.unit, c.rule = number.FromRat(v), kindPercent, "percent", &percentFraction
			c.expr.Bare = false
			return c, true
		}
	}
	next, _ := utf8.DecodeRuneInString(after)
	cur := x.curWords.LongestAt(after, next)
	unit := x.unitWords.LongestAt(after, next)
	num := text[c.start:c.numEnd]
	// Colloquial money (五块钱, 两块, 八毛) and its compounds (一块五).
	if mw := x.moneyWords.LongestAt(after, next); mw != "" && x.money[mw].use != "compound" && len(mw) >= len(cur) && len(mw) >= len(unit) &&
		!x.wordContinues(d, c.start, c.numEnd+len(mw)) {
		mu := x.money[mw]
		mc := c
		mc.end, mc.kind, mc.currency, mc.rule = c.numEnd+len(mw), kindMoney, x.codeOf(d, mw, num), &moneyColloquial
		mc.value, mc.denom = e.Value.Mul(mu.value), mu.value
		ext := x.compound(d, mc, mw)
		switch {
		case x.insideWord(d, c.start, ext.end):
			// 金三角: the numeral is inside a word.
		case ext.end > mc.end || mu.use == "alone":
			return ext, true
		case x.noNounAfter(d, mc.end) && !(x.words.indefinite[e.Digits] && !e.Multiplier) && x.priceCue(d, c.start):
			// 票价两块, 卖八毛; not 在一块 (together), 分成两块, 作家三毛.
			return ext, true
		}
	}
	// A rate in 厘 in Hong Kong and Macau: 5.625厘.
	if (d.Locale == "HK" || d.Locale == "MO") && after != "" {
		for w := range x.words.ratePercent {
			if strings.HasPrefix(after, w) && len(unit) <= len(w) && !x.wordContinues(d, c.start, c.numEnd+len(w)) {
				c.end, c.kind, c.unit, c.rule = c.numEnd+len(w), kindPercent, "percent", &percentRate
				return c, true
			}
		}
	}
	switch {
	case cur != "" && len(cur) >= len(unit):
		if x.wordContinues(d, c.start, c.numEnd+len(cur)) {
			return c, true // 元首, 元旦: 元 starts another word
		}
		if strings.HasPrefix(cur, "日") && strings.HasSuffix(text[:c.start], "月") {
			return c, true // 1月1日元旦: the 日 is the day of a date
		}
		c.end, c.kind, c.currency, c.rule = c.numEnd+len(cur), kindMoney, x.codeOf(d, cur, num), &moneySuffix
		if w := x.curWords.Longest(text[c.end:]); x.isLocal(cur) && w != "" && !x.isLocal(w) && !x.wordContinues(d, c.end, c.end+len(w)) {
			// 3千元台币: the bare 元 and the currency it is, as 元人民币.
			c.end, c.currency = c.end+len(w), x.currency[w]
		}
		c.denom = number.FromInt(1)
		c = x.compound(d, c, cur)
	case unit != "":
		k := x.units[unit]
		end := c.numEnd + len(unit)
		if tx.IsASCIILetter(tx.LastRune(unit)) && end < len(text) && tx.IsASCIILetter(rune(text[end])) {
			return c, true // 5GW is a unit, 5Gbps is not "G"
		}
		if k == kindBlock && x.words.indexPoint[unit] && e.Arabic && !e.Multiplier &&
			(strings.Contains(num, ".") || e.Value.Cmp(number.FromInt(24)) > 0) {
			// 升352点: an index level, not a time of day.
			c.end, c.kind, c.unit, c.rule = end, kindMeasure, unit, &quantityIndex
			return c, true
		}
		if k == kindBlock {
			c.kind = kindBlock
			c.end = end
			return c, true
		}
		if (k == kindClassifier && !e.Arabic || k == kindTenth) && x.wordContinues(d, c.start, end) {
			// 三部门, 八成为, 三位一体: the unit runs into a word. After Arabic
			// digits a classifier counts even where the segmenter read it
			// into the noun (100|架飞机, 6|家中|资).
			return c, true
		}
		c.end, c.kind, c.unit, c.rule = end, k, unit, unitRule[k]
		if k == kindTenth {
			c.value = c.value.Mul(number.FromInt(10))
			c.unit = "percent"
			if strings.HasPrefix(text[c.end:], "半") && !x.wordContinues(d, c.start, c.end+len("半")) {
				// 三成半: a half tenth more, 35 percent.
				c.value = number.FromRat(new(big.Rat).Add(c.value.Rat(), big.NewRat(5, 1)))
				c.end += len("半")
			} else if r, size := utf8.DecodeRuneInString(text[c.end:]); !e.Arabic {
				// 七成八: a digit after the tenths is hundredths, 78 percent.
				if dg, ok := number.PlainDigit(r); ok && dg > 0 && r != '两' {
					next, _ := utf8.DecodeRuneInString(text[c.end+size:])
					if !number.IsDigit(next) && !number.IsUnit(next) && x.unitWords.Longest(text[c.end+size:]) == "" &&
						x.curWords.Longest(text[c.end+size:]) == "" && !x.wordContinues(d, c.end, c.end+size) {
						c.value = number.FromRat(new(big.Rat).Add(c.value.Rat(), big.NewRat(int64(dg), 1)))
						c.end += size
					}
				}
			}
		}
	}
	return c, true
}

// stopAtUnit tells number.Scan to stop before a unit word that begins with
// a multiplier character (千瓦, 千米, 百分点), so that 992万千瓦 is 992万 of
// 千瓦.
func (x *Extractor) stopAtUnit(text string, base int) func(int) bool {
	return func(j int) bool {
		w := x.unitWords.Longest(text[base+j:])
		if w != "" && utf8.RuneCountInString(w) > 1 {
			return true
		}
		// 兆 before a unit of measure is mega- (500兆伏安), never 10^12.
		if rest, ok := strings.CutPrefix(text[base+j:], "兆"); ok {
			if u := x.unitWords.Longest(rest); u != "" && x.units[u] == kindMeasure {
				return true
			}
		}
		return false
	}
}
