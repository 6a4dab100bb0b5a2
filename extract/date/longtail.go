package date

import (
	"strings"
	"time"
	"unicode/utf8"

	tx "github.com/cnie/cnie/extract/internal/text"
	"github.com/cnie/cnie/extract/number"
)

// The long tail of issue #17 and the Republic of China years of issue #16:
// written years in their other forms (民国113年, 112年 in a Taiwanese
// article, 09年, 2024财年), split fiscal years (2023/24年度), compact report
// forms (20240315, 24Q3, 2024H2), festivals and lunar dates.

// yearAt reads a written year at the start of s (prev is the rune before
// it): a four-digit year, an ROC year (民国113年; in a Taiwanese article a
// bare 112年 or 113年度 too) or a two-digit year (09年, 九八年), with 年 or a
// fiscal word (2024财年, 2024年度). fiscal says a fiscal word was read; weak
// says the year is a two-digit one that is a date alone only where its
// neighbours make it one (25年 may be a duration).
func (x *Extractor) yearAt(s string, prev rune, loc string) (p point, n int, fiscal, weak, ok bool) {
	first := tx.FirstRune(s)
	if _, digit := number.PlainDigit(first); !digit && !tx.IsASCIIDigit(first) && first != '中' && first != '民' {
		return point{}, 0, false, false, false
	}
	// 民国113年, 中华民国一一三年.
	for _, pre := range []string{"中华民国", "民国"} {
		if strings.HasPrefix(s, pre) {
			v, k, ok := rocNumber(s[len(pre):])
			if !ok {
				return point{}, 0, false, false, false
			}
			w, f, ok := x.yearWord(s[len(pre)+k:])
			if !ok && strings.HasPrefix(s[len(pre)+k:], "年") { // 民国113年来台: no duration
				w, ok = len("年"), true
			}
			if !ok {
				return point{}, 0, false, false, false
			}
			return point{kind: kYear, abs: true, year: v + 1911}, len(pre) + k + w, f, false, true
		}
	}
	if y, k, ok := number.Year(s); ok {
		if w, f, ok := x.yearWord(s[k:]); ok {
			return point{kind: kYear, abs: true, year: y}, k + w, f, false, true
		}
		return point{}, 0, false, false, false
	}
	if number.IsNumeral(prev) {
		return point{}, 0, false, false, false
	}
	// Arabic digits: an ROC year in a Taiwanese article, else a two-digit year.
	d := 0
	for d < len(s) && d < 4 && tx.IsASCIIDigit(rune(s[d])) {
		d++
	}
	if d == 2 || d == 3 && loc == "TW" {
		v := 0
		for _, c := range s[:d] {
			v = v*10 + int(c-'0')
		}
		w, f, ok := x.yearWord(s[d:])
		if !ok || d == 3 && (v < 100 || v > 199) || d == 2 && x.durationBefore(prev) {
			return point{}, 0, false, false, false
		}
		if loc == "TW" {
			return point{kind: kYear, abs: true, year: v + 1911}, d + w, f, d == 2 && !f, true
		}
		return point{kind: kYear, short: true, year: v}, d + w, f, !f && s[0] != '0', true
	}
	// Two plain Chinese digits read one by one: 零九年, 九八年.
	v, k := 0, 0
	for j := 0; j < 3; j++ {
		r, size := utf8.DecodeRuneInString(s[k:])
		dg, ok := number.PlainDigit(r)
		if !ok || r == '两' {
			break
		}
		v, k = v*10+dg, k+size
		if j == 2 {
			return point{}, 0, false, false, false
		}
	}
	// Two consecutive digits are an estimate (三四年: three or four years).
	if k > 0 && utf8.RuneCountInString(s[:k]) == 2 && v/10+1 != v%10 && !x.durationBefore(prev) {
		if w, f, ok := x.yearWord(s[k:]); ok {
			if loc == "TW" {
				return point{kind: kYear, abs: true, year: v + 1911}, k + w, f, false, true
			}
			return point{kind: kYear, short: true, year: v}, k + w, f, false, true
		}
	}
	return point{}, 0, false, false, false
}

// yearWord reads what ends a written year: a fiscal word (财年, 年度,
// 财政年度) or 年 not followed by a duration word (3年来).
func (x *Extractor) yearWord(s string) (n int, fiscal, ok bool) {
	for _, w := range x.words.fiscalWord {
		if strings.HasPrefix(s, w) {
			return len(w), true, true
		}
	}
	if strings.HasPrefix(s, "年") && !hasAnyPrefix(s[len("年"):], x.words.yearDuration) {
		return len("年"), false, true
	}
	return 0, false, false
}

// durationBefore reports a rune before a two-digit number that makes it a
// count of years (干了25年).
func (x *Extractor) durationBefore(prev rune) bool {
	for _, w := range x.words.yearTwoNotBefore {
		if tx.FirstRune(w) == prev {
			return true
		}
	}
	return false
}

// twoDigitAlone reports whether a two-digit year that nothing else follows
// stands as a date: a CJK word after it that is no duration word (98年特大
// 洪水), or a preposition of time before it (在15年，); a round number (20年)
// needs the preposition.
func (x *Extractor) twoDigitAlone(prev rune, yy int, after string) bool {
	if strings.ContainsRune("在于到至自从", prev) {
		return true
	}
	if yy%10 == 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(after)
	return tx.IsCJKRune(r) && !hasAnyPrefix(after, x.words.yearTwoNotAfter)
}

// rocNumber reads the number of an ROC year: Arabic digits (113), Chinese
// digits read one by one (一一三) or a Chinese number of tens (三十八).
func rocNumber(s string) (int, int, bool) {
	if s != "" && tx.IsASCIIDigit(rune(s[0])) {
		return number.Small(s, 199)
	}
	v, k, nd := 0, 0, 0
	for nd < 3 {
		r, size := utf8.DecodeRuneInString(s[k:])
		d, ok := number.PlainDigit(r)
		if !ok || r == '两' {
			break
		}
		v, k, nd = v*10+d, k+size, nd+1
	}
	if nd >= 2 && v >= 1 {
		return v, k, true
	}
	return number.Small(s, 99)
}

// fiscalSplit reads a split fiscal year at i: 2023/24年度, 2023至24年度,
// 2023-24财年, 2024/2025年度, with 期初 or 期末 after it: April of the
// first year to March of the second.
func (x *Extractor) fiscalSplit(text string, i int) (point, int, bool) {
	s := text[i:]
	y, n, ok := number.Year(s)
	if !ok || n != 4 {
		return point{}, 0, false
	}
	sep := 0
	if strings.HasPrefix(s[n:], "/") {
		sep = 1
	} else {
		sep = tx.RangeSepAt(s[n:])
	}
	if sep == 0 {
		return point{}, 0, false
	}
	k := n + sep
	d := 0
	for k+d < len(s) && d < 5 && tx.IsASCIIDigit(rune(s[k+d])) {
		d++
	}
	v := 0
	for _, c := range s[k : k+d] {
		v = v*10 + int(c-'0')
	}
	if !(d == 2 && v == (y+1)%100 || d == 4 && v == y+1) {
		return point{}, 0, false
	}
	k += d
	matched := false
	for _, w := range x.words.fiscalWord {
		if strings.HasPrefix(s[k:], w) {
			k, matched = k+len(w), true
			break
		}
	}
	if !matched {
		return point{}, 0, false
	}
	p := point{kind: kFiscal, abs: true, year: y, split: true, rule: &rFiscalSplit}
	p.b, k = x.fiscalPart(s, k)
	return p, i + k, true
}

// fiscalPart reads 期初 or 期末 at s[k:] after a fiscal year: the part (0
// for none) and the new end.
func (x *Extractor) fiscalPart(s string, k int) (int, int) {
	for _, w := range x.words.fiscalPart {
		if strings.HasPrefix(s[k:], w.w) {
			return w.n, k + len(w.w)
		}
	}
	return 0, k
}

// compact reads the compact forms of reports at i: eight digits making a
// day (20240315), a quarter (2024Q3, 24Q3, 2024年Q3) or a half (2024H2).
func (x *Extractor) compact(text string, i int) (point, int, bool) {
	s := text[i:]
	d := 0
	for d < len(s) && d < 9 && tx.IsASCIIDigit(rune(s[d])) {
		d++
	}
	switch d {
	case 8:
		if !tx.IsYear(s[:4]) || len(s) > 8 && (tx.IsASCIIAlnum(rune(s[8])) || s[8] == '.') || x.amountWords.Longest(s[8:]) != "" {
			return point{}, 0, false
		}
		y, _, _ := number.Year(s[:4])
		m := int(s[4]-'0')*10 + int(s[5]-'0')
		dd := int(s[6]-'0')*10 + int(s[7]-'0')
		if t := time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC); m < 1 || m > 12 || t.Day() != dd {
			return point{}, 0, false
		}
		return point{kind: kDay, abs: true, year: y, a: m, b: dd, rule: &rCompact}, i + 8, true
	case 2, 4:
		p := point{kind: kYear, abs: true}
		if d == 4 {
			if !tx.IsYear(s[:4]) {
				return point{}, 0, false
			}
			p.year, _, _ = number.Year(s[:4])
		} else {
			p.short, p.abs, p.year = true, false, int(s[0]-'0')*10+int(s[1]-'0')
		}
		k := d
		if d == 4 && strings.HasPrefix(s[k:], "年") {
			k += len("年")
		}
		q, n, ok := x.compactPart(s[k:])
		if !ok {
			return point{}, 0, false
		}
		q.abs, q.year, q.short = p.abs, p.year, p.short
		return q, i + k + n, true
	}
	return point{}, 0, false
}

// compactPart reads a quarter (Q3) or a half (H2) after a year, not
// followed by a letter or a digit.
func (x *Extractor) compactPart(s string) (point, int, bool) {
	if len(s) < 2 || len(s) > 2 && (tx.IsASCIIAlnum(rune(s[2])) || s[2] == '.') {
		return point{}, 0, false
	}
	n := int(s[1]) - '0'
	switch {
	case s[0] == 'Q' && n >= 1 && n <= 4:
		return point{kind: kQuarter, a: n, rule: &rCompact}, 2, true
	case s[0] == 'H' && n >= 1 && n <= 2:
		return point{kind: kHalf, a: n, rule: &rCompact}, 2, true
	}
	return point{}, 0, false
}

// numericROC reads a Taiwanese numeric date with an ROC year, 113/12/10, in
// a Taiwanese article.
func numericROC(text string, i int) (point, int, bool) {
	s := text[i:]
	y, n, ok := number.Small(s, 199)
	if !ok || n < 2 || !strings.HasPrefix(s[n:], "/") {
		return point{}, 0, false
	}
	k := n + 1
	m, l, ok := number.Small(s[k:], 12)
	if !ok || !tx.IsASCIIDigit(rune(s[k])) || !strings.HasPrefix(s[k+l:], "/") {
		return point{}, 0, false
	}
	k += l + 1
	if k >= len(s) || !tx.IsASCIIDigit(rune(s[k])) {
		return point{}, 0, false
	}
	d, l, ok := number.Small(s[k:], 31)
	if !ok {
		return point{}, 0, false
	}
	return point{kind: kDay, abs: true, year: y + 1911, a: m, b: d, rule: &rNumericROC}, i + k + l, true
}

// festivalAt reads a festival's name at the start of s: a full name (春节,
// 中秋节) always, a short one (五一, 国庆) after a year (withYear) or before a
// word that makes it a festival (假期, 期间).
func (x *Extractor) festivalAt(s string, withYear bool, loc string) (point, int, bool) {
	if !x.feastStarts.Has(tx.FirstRune(s)) {
		return point{}, 0, false
	}
	f, n := festival{}, 0
	for _, w := range x.words.festival {
		if strings.HasPrefix(s, w.w) {
			f, n = w, len(w.w)
			break
		}
	}
	if n == 0 {
		for _, w := range x.words.festivalShort {
			if strings.HasPrefix(s, w.w) && (withYear || len(s) == len(w.w) || hasAnyPrefix(s[len(w.w):], x.words.festivalAfter) || x.festivalNext(s[len(w.w):])) {
				f, n = w, len(w.w)
				break
			}
		}
	}
	if n == 0 {
		return point{}, 0, false
	}
	p := point{kind: kFestival, c: f.kind, a: f.month, b: f.day, rule: &rFestival}
	if f.kind == fNational {
		p.c, p.a, p.b = fSolar, 10, 1
		if loc == "TW" {
			p.b = 10
		}
	}
	return p, n, true
}

// lunarAt reads a lunar date at the start of s: 农历 with a month and a day
// (农历八月十五, 农历闰四月初一), or a month with a name of its own and a day
// (正月初一, 腊月二十三).
func (x *Extractor) lunarAt(s string) (point, int, bool) {
	if !x.feastStarts.Has(tx.FirstRune(s)) {
		return point{}, 0, false
	}
	k := 0
	marked := false
	for _, pre := range []string{"农历", "阴历"} {
		if strings.HasPrefix(s, pre) {
			k, marked = len(pre), true
			break
		}
	}
	p := point{kind: kLunar, rule: &rLunar}
	month := 0
	for _, w := range x.words.lunarMonth {
		if strings.HasPrefix(s[k:], w.w) {
			month, k = w.n, k+len(w.w)
			break
		}
	}
	if month == 0 {
		if !marked {
			return point{}, 0, false
		}
		if strings.HasPrefix(s[k:], "闰") {
			p.leap, k = true, k+len("闰")
		}
		m, l, ok := number.Small(s[k:], 12)
		if !ok || !strings.HasPrefix(s[k+l:], "月") {
			return point{}, 0, false
		}
		month, k = m, k+l+len("月")
	}
	day := 0
	t := s[k:]
	switch {
	case strings.HasPrefix(t, "初"):
		d, l, ok := number.Small(t[len("初"):], 10)
		if !ok || tx.IsASCIIDigit(rune(t[len("初")])) {
			return point{}, 0, false
		}
		day, k = d, k+len("初")+l
	case strings.HasPrefix(t, "廿"):
		d, l, ok := number.Small(t[len("廿"):], 9)
		if !ok || tx.IsASCIIDigit(rune(t[len("廿")])) {
			return point{}, 0, false
		}
		day, k = 20+d, k+len("廿")+l
	default:
		d, l, ok := number.Small(t, 30)
		if !ok || tx.IsASCIIDigit(rune(t[0])) || d <= 10 {
			return point{}, 0, false
		}
		day, k = d, k+l
	}
	if strings.HasPrefix(s[k:], "日") {
		k += len("日")
	}
	p.a, p.b = month, day
	return p, k, true
}

// weekdayAfter reads a weekday after a week word (下周三): 1 Monday … 7
// Sunday, and its length.
func (x *Extractor) weekdayAfter(s string) (int, int) {
	for _, w := range x.words.weekday {
		if strings.HasPrefix(s, w.w) {
			return w.n, len(w.w)
		}
	}
	return 0, 0
}

// inName reports whether a relative day word at i is the start of a name
// (今日头条, 《今日说法》): a name of the date-name words, or a word right
// after an opening title mark that does not close straight after it.
func (x *Extractor) inName(text string, i, end int) bool {
	if hasAnyPrefix(text[i:], x.words.dateName) {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	next, _ := utf8.DecodeRuneInString(text[end:])
	return strings.ContainsRune("《〈「『", prev) && !strings.ContainsRune("》〉」』", next)
}

// festivalNext reports whether s starts with a festival's name, full or
// short (国庆中秋黃金周: 国庆 before 中秋 is the festival).
func (x *Extractor) festivalNext(s string) bool {
	for _, list := range [][]festival{x.words.festival, x.words.festivalShort} {
		for _, w := range list {
			if strings.HasPrefix(s, w.w) {
				return true
			}
		}
	}
	return false
}
