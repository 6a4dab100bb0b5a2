package number

import (
	"math/big"
	"strings"
	"unicode/utf8"
)

// Expr is a number expression read by Scan.
type Expr struct {
	// Value is the number with its multipliers applied.
	Value Value
	// Len is how many bytes of the input the expression takes.
	Len int
	// Over is set when the expression holds 多, 余 or 几 (`20多`, `300余亿`,
	// `三十几万`): the amount is more than Value.
	Over bool
	// Arabic is set when the expression starts with Arabic digits.
	Arabic bool
	// Multiplier is set when the expression ends in a multiplier word
	// (万, 亿, 千万 …), and Bare when it is nothing but multiplier words other
	// than 十 (`万` of `近万人`; not `十个`, not `万余`).
	Multiplier, Bare bool
	// Digits is the expression's numerals only (no multiplier, no 多), for
	// telling a lone 一 (an indefinite article) from a count.
	Digits string
}

// Bounds on one number expression.
const (
	maxTokens = 32
	maxDigits = 40
)

// Chinese digits, including the financial forms and 〇.
var digits = map[rune]int64{
	'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
	'壹': 1, '贰': 2, '叁': 3, '肆': 4, '伍': 5, '陆': 6, '柒': 7, '捌': 8, '玖': 9, '貳': 2, '參': 3, '陸': 6, '兩': 2,
}

// Units inside a number: small ones (within a section of four digits) and
// the section markers 万, 亿 and 兆. 兆 is 10^12 as Taiwan's and Hong Kong's
// amounts write it (2.3兆元 = 2.3万亿元); a unit word that starts with 兆
// (兆瓦, 兆赫: mega-) is kept whole by Scan's stopAt.
var units = map[rune]int64{
	'十': 10, '拾': 10, '百': 100, '佰': 100, '千': 1000, '仟': 1000,
	'万': 10000, '萬': 10000, '亿': 100000000, '億': 100000000, '兆': 1000000000000,
}

// IsDigit reports an Arabic or Chinese digit.
func IsDigit(r rune) bool {
	if r >= '0' && r <= '9' {
		return true
	}
	return digitRun(r)
}

// StartRunes returns every rune a number can start with: the runes IsDigit
// and IsUnit report.
func StartRunes() []rune {
	rs := []rune("0123456789")
	for r := range digits {
		rs = append(rs, r)
	}
	for r := range units {
		rs = append(rs, r)
	}
	return rs
}

// IsUnit reports a unit that may stand inside a number (十 百 千 万 亿 兆 and
// their financial forms). A switch, not the table: the scanners ask at
// every character (TestDigitSwitches holds the two to the same runes).
func IsUnit(r rune) bool {
	switch r {
	case '十', '拾', '百', '佰', '千', '仟', '万', '萬', '亿', '億', '兆':
		return true
	}
	return false
}

// token is one piece of a number expression: a number (Arabic, or a run of
// Chinese digits) or a unit.
type token struct {
	num    *big.Rat // nil for a unit
	unit   int64
	zeroed bool // a Chinese digit run that starts with 零/〇 (一千零五)
	run    int  // digits in a Chinese run
}

// Scan reads the longest number expression at the start of s: Arabic digits
// (with a sign, decimals and thousands separators, `+12.37`, `1,100.9`),
// Chinese numerals of every common form (`三千万`, `两亿`, `一千二百零五`,
// `十五`, `二〇二五`, `壹贰叁`, `十二点五`), mixed forms (`3千万`, `1.2万亿`), and
// an inner 多/余/几 (`20多亿`, `三十几万`). stopAt(i) is asked before a unit
// character at byte i is read: returning true ends the expression there, so
// that a unit word such as 千瓦 is not read as the multiplier 千.
//
// It reports ok false when s does not start with a number.
func Scan(s string, stopAt func(i int) bool) (e Expr, ok bool) {
	// No number of news text has more than a dozen pieces or thirty digits;
	// longer runs (亿亿亿…, 111…) are no amount, and bounding them keeps
	// hostile input linear.
	var toks []token
	i := 0
	var dig strings.Builder
	for i < len(s) && len(toks) <= maxTokens && dig.Len() <= 3*maxDigits {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case (r >= '0' && r <= '9') || ((r == '+' || r == '-') && i == 0): // a sign only leads
			if len(toks) > 0 && toks[len(toks)-1].num != nil {
				goto done // two numbers in a row
			}
			n, l := arabic(s[i:])
			if l == 0 {
				goto done
			}
			if i == 0 {
				e.Arabic = true
			}
			dig.WriteString(s[i : i+l])
			toks = append(toks, token{num: n})
			i += l
		case digitRun(r):
			if len(toks) > 0 && toks[len(toks)-1].num != nil {
				goto done
			}
			n, l, runLen, zeroed, okd := chineseRun(s[i:])
			if !okd {
				goto done
			}
			dig.WriteString(s[i : i+l])
			toks = append(toks, token{num: n, run: runLen, zeroed: zeroed})
			i += l
		case IsUnit(r):
			if stopAt != nil && stopAt(i) {
				goto done
			}
			if last := len(toks) - 1; last >= 0 && toks[last].run == 2 && consecutivePair(toks[last].num) {
				return Expr{}, false // 二三十, 三五百: a rough range, not 230 or 350
			}
			toks = append(toks, token{unit: units[r]})
			i += size
		case (r == '多' || r == '余' || r == '几') && len(toks) > 0 && !e.Over:
			// 多/余/几 inside: only after a number or unit, and only where a
			// unit, or the end, follows (20多个, 300余亿, 三十几万).
			e.Over = true
			i += size
			continue
		case r == '点' && len(toks) > 0 && toks[len(toks)-1].run > 0:
			// 十二点五: the decimal point of a Chinese number.
			frac, l := chineseFraction(s[i+size:])
			if l == 0 {
				goto done
			}
			last := &toks[len(toks)-1]
			last.num = new(big.Rat).Add(last.num, frac)
			last.run = 0
			dig.WriteString(s[i : i+size+l])
			i += size + l
		case r == '点' && len(toks) > 0 && toks[len(toks)-1].unit == 10:
			// 一百二十点五: the decimal point after 十.
			frac, l := chineseFraction(s[i+size:])
			if l == 0 {
				goto done
			}
			toks = append(toks, token{num: frac})
			dig.WriteString(s[i : i+size+l])
			i += size + l
		default:
			goto done
		}
	}
done:
	if len(toks) == 0 || len(toks) > maxTokens || dig.Len() > 3*maxDigits {
		return Expr{}, false // too long to be an amount: not worth evaluating
	}
	v, ok := evaluate(toks)
	if !ok {
		return Expr{}, false
	}
	e.Value = Value{r: v}
	e.Len = i
	e.Multiplier = toks[len(toks)-1].num == nil
	// Bare: nothing but multiplier words (万 of 近万人, 亿 of 亿元以上), which
	// are numbers only in context. 十 alone is an ordinary numeral (十个), and
	// 万余 says a number outright.
	e.Bare = !e.Over && toks[0].unit > 10
	for _, t := range toks {
		if t.num != nil {
			e.Bare = false
		}
	}
	e.Digits = dig.String()
	return e, true
}

// consecutivePair reports a two-digit run whose digits are neighbours (二三,
// 两三, 七八) or the idiom 三五: before a unit it is a rough range.
func consecutivePair(n *big.Rat) bool {
	if n == nil || !n.IsInt() {
		return false
	}
	v := n.Num().Int64()
	return v >= 12 && v <= 89 && v%10 == v/10+1 || v == 35
}

// digitRun reports a Chinese digit (not a unit): the runes of the digits
// table, as a switch.
func digitRun(r rune) bool {
	switch r {
	case '〇', '零', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九',
		'壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖', '貳', '參', '陸', '兩':
		return true
	}
	return false
}

// arabic reads an Arabic number: optional sign, digits with optional
// thousands separators (groups of exactly three), optional decimals.
func arabic(s string) (*big.Rat, int) {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	// Every loop stops once the number has more digits than any amount, so
	// that a run of a million digits (or of ",000") costs no more than one
	// of maxDigits.
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' && i-start <= maxDigits {
		i++
	}
	if i == start || i-start > maxDigits {
		return nil, 0
	}
	// thousands separators: ",ddd" not followed by another digit
	n := i - start
	for i+4 <= len(s) && s[i] == ',' && isDigits(s[i+1:i+4]) && (i+4 == len(s) || s[i+4] < '0' || s[i+4] > '9') {
		if n += 3; n > maxDigits {
			return nil, 0
		}
		i += 4
	}
	if i+1 < len(s) && s[i] == '.' && s[i+1] >= '0' && s[i+1] <= '9' {
		i++
		frac := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' && i-frac <= maxDigits {
			i++
		}
		if i-frac > maxDigits {
			return nil, 0 // no amount has forty decimals
		}
	}
	v, ok := ParseDecimal(s[:i])
	if !ok {
		return nil, 0
	}
	return v.r, i
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// chineseRun reads a run of Chinese digits. A run of two or more digits is
// positional (二〇二五 = 2025, 零五 = 5); zeroed tells one that starts with a
// zero (the 零五 of 一千零五). It reads at most maxDigits+1 digits: a longer
// run is no number (Scan rejects it by its length), and stopping there keeps
// a run of 100,000 一 linear to scan.
func chineseRun(s string) (n *big.Rat, l, run int, zeroed, ok bool) {
	v := new(big.Int)
	ten := big.NewInt(10)
	for l < len(s) && run <= maxDigits {
		r, size := utf8.DecodeRuneInString(s[l:])
		d, isd := digits[r]
		if !isd {
			break
		}
		if run == 0 && d == 0 {
			zeroed = true
		}
		v.Mul(v, ten).Add(v, big.NewInt(d))
		l += size
		run++
	}
	if run == 0 {
		return nil, 0, 0, false, false
	}
	return new(big.Rat).SetInt(v), l, run, zeroed, true
}

// chineseFraction reads the digits after 点 (十二点五: 五 is 0.5), at most
// maxDigits+1 of them (more make the expression too long for Scan).
func chineseFraction(s string) (*big.Rat, int) {
	num := new(big.Int)
	den := big.NewInt(1)
	ten := big.NewInt(10)
	l, n := 0, 0
	for l < len(s) && n <= maxDigits {
		r, size := utf8.DecodeRuneInString(s[l:])
		var d int64
		if r >= '0' && r <= '9' {
			d = int64(r - '0')
		} else if v, ok := digits[r]; ok && r != '两' {
			d = v
		} else {
			break
		}
		num.Mul(num, ten).Add(num, big.NewInt(d))
		den.Mul(den, ten)
		l += size
		n++
	}
	if l == 0 {
		return nil, 0
	}
	return new(big.Rat).SetFrac(num, den), l
}

// evaluate computes the value of a token list: split at the first section
// marker (兆, then 亿, then 万), the left part multiplied by it and the
// right added; a section is summed over 千百十. 1兆2千亿 is 1.2×10^12.
func evaluate(toks []token) (*big.Rat, bool) {
	// The first place of the largest section marker present, in one pass.
	i, marker := -1, int64(0)
	for k, t := range toks {
		if t.num == nil && t.unit >= 10000 && t.unit > marker {
			i, marker = k, t.unit
		}
	}
	if i < 0 {
		return section(toks)
	}
	left, right := toks[:i], toks[i+1:]
	out := ratInt(marker)
	if len(left) > 0 {
		lv, ok := evaluate(left)
		if !ok {
			return nil, false
		}
		out.Mul(out, lv)
	}
	if len(right) > 0 {
		rv, ok := sectionTail(right, marker)
		if !ok {
			return nil, false
		}
		out.Add(out, rv)
	}
	return out, true
}

// sectionTail evaluates what follows a section marker: 一万五 is 15000 (a
// lone digit counts in the next unit down), 一万零五 is 10005.
func sectionTail(toks []token, marker int64) (*big.Rat, bool) {
	if len(toks) == 1 && toks[0].num != nil && toks[0].run == 1 && !toks[0].zeroed {
		return new(big.Rat).Mul(toks[0].num, ratInt(marker/10)), true
	}
	return evaluate(toks)
}

// section sums a section: digits times 千/百/十, plus a trailing digit
// (二百五 is 250: a lone digit after a unit counts in the next unit down).
// Two units in a row (千百) are no number.
func section(toks []token) (*big.Rat, bool) {
	total := new(big.Rat)
	var pending *big.Rat
	lastUnit := int64(0)
	for i, t := range toks {
		if t.num != nil {
			if pending != nil {
				return nil, false
			}
			if i == len(toks)-1 && lastUnit >= 10 && t.run == 1 && !t.zeroed {
				return total.Add(total, new(big.Rat).Mul(t.num, ratInt(lastUnit/10))), true
			}
			pending = t.num
			continue
		}
		if pending == nil {
			if i > 0 {
				return nil, false
			}
			pending = ratInt(1) // 十五, 百分之百
		}
		total.Add(total, new(big.Rat).Mul(pending, ratInt(t.unit)))
		pending = nil
		lastUnit = t.unit
	}
	if pending != nil {
		total.Add(total, pending)
	}
	return total, true
}

func ratInt(n int64) *big.Rat { return new(big.Rat).SetInt64(n) }
