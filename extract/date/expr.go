package date

import (
	"strings"
	"unicode/utf8"

	tx "github.com/cnie/cnie/extract/internal/text"
	"github.com/cnie/cnie/extract/number"
)

// expr reads a date expression at i: a year (written or relative) with what
// follows it, or a month, a day, a period or a relative word on its own. ctx,
// when set, is the first point of a range whose end is read: its year and
// month carry over (4月9日至11日).
func (x *Extractor) expr(text string, i int, ctx *point, loc string) (point, int, bool) {
	rest := text[i:]
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	p := point{kind: kYear}
	j := i
	hasYear, fiscal, weak, bound := false, false, false, false
	if y, n, f, w, ok := x.yearAt(rest, prev, loc); ok {
		if hasAnyPrefix(rest[n:], x.words.yearRelativeNot) {
			return point{}, 0, false // 2022年同期: the period is set by context
		}
		p, j, hasYear, fiscal, weak = y, i+n, true, f, w
	} else if x.yearRelStarts.Has(tx.FirstRune(rest)) {
		for _, ry := range x.words.yearRelative {
			if strings.HasPrefix(rest, ry.w) && !x.afterVerb(ry.w, prev) {
				if hasAnyPrefix(rest[len(ry.w):], x.words.yearRelativeNot) {
					return point{}, 0, false // 去年同期: the period is set by context
				}
				p.rel, j, hasYear, bound = ry.n, i+len(ry.w), true, ry.bound
				break
			}
		}
	}
	if !hasYear {
		if ctx != nil {
			p.abs, p.year, p.rel, p.short = ctx.abs, ctx.year, ctx.rel, ctx.short
		}
		// Relative words that stand alone.
		if q, n, ok := x.relative(rest, loc); ok {
			if q.kind == kRelDay && (q.rel == 0 && x.nowadays(rest[n:]) || x.inName(text, i, i+n)) {
				return point{}, 0, false
			}
			return q, i + n, true
		}
		feast := x.feastStarts.Has(tx.FirstRune(rest))
		if !feast {
			// neither a festival nor a lunar date
		} else if q, n, ok := x.festivalAt(rest, false, loc); ok {
			// 2026年春节至元宵节: the end takes the year of the start.
			q.abs, q.year, q.rel, q.short = p.abs, p.year, p.rel, p.short
			return q, i + n, true
		}
		if !feast {
		} else if q, n, ok := x.lunarAt(rest); ok {
			// 除夕至正月初七: the end takes the year of the festival
			// before it; alone, its occurrence nearest the reference.
			q.noYear = ctx == nil || ctx.kind != kFestival && ctx.kind != kLunar || ctx.noYear
			q.abs, q.year, q.rel, q.short = p.abs, p.year, p.rel, p.short
			return q, i + n, true
		}
		if y, n, ok := bareYear(x, text, i); ok {
			return point{kind: kYear, abs: true, year: y, rule: &rYearBare}, i + n, true
		}
	}
	after := text[j:]
	if hasYear {
		// 2024财年期末, 2024年度期初: a fiscal year's first or last month.
		if fiscal {
			if part, k := x.fiscalPart(after, 0); part > 0 {
				q := p
				q.kind, q.b, q.rule = kFiscal, part, &rFiscalYear
				return q, j + k, true
			}
		}
		// 2024年春节, 今年国庆, 2024年农历八月十五.
		if q, n, ok := x.festivalAt(after, true, loc); ok {
			q.abs, q.year, q.rel, q.short = p.abs, p.year, p.rel, p.short
			return q, j + n, true
		}
		if q, n, ok := x.lunarAt(after); ok {
			q.abs, q.year, q.rel, q.short = p.abs, p.year, p.rel, p.short
			return q, j + n, true
		}
		// 2024年Q3, 2024年H2.
		if strings.HasSuffix(text[:j], "年") {
			if q, n, ok := x.compactPart(after); ok {
				q.abs, q.year, q.rel, q.short = p.abs, p.year, p.rel, p.short
				return q, j + n, true
			}
		}
	}
	// 2024年末, 2025年初, 2024年底, 2024年内: the 年 is read already.
	if hasYear && !fiscal {
		for _, w := range x.words.yearPart {
			if strings.HasPrefix(after, w.w) && !hasAnyPrefix(after, x.words.yearPartNot) {
				return point{kind: w.kind, abs: p.abs, year: p.year, rel: p.rel, short: p.short, rule: &rYearPart}, j + len(w.w), true
			}
		}
	}
	// Periods of a year: 上半年, 一季度, 年初, 年底, 秋天, 年内.
	// (Without a year, relative has tried the same periods already.)
	if hasYear && !fiscal {
		if q, n, ok := x.yearPeriod(after, hasYear); ok {
			q.abs, q.year, q.rel, q.short = p.abs, p.year, p.rel, p.short
			if q.rule == nil {
				q.rule = &rPeriod
			}
			return q, j + n, true
		}
	}
	// A month, with a day or a part of the month.
	if m, n, ok := number.Small(after, 12); ok && !fiscal {
		q := point{kind: kMonth, abs: p.abs, year: p.year, rel: p.rel, short: p.short, a: m}
		// 1—7月: a range of months with the unit written once.
		if sep := tx.RangeSepAt(after[n:]); sep > 0 {
			if m2, n2, ok := number.Small(after[n+sep:], 12); ok && m2 > m && strings.HasPrefix(after[n+sep+n2:], "月") {
				q.b = m2
				q.rule = &rMonthRange
				return q, j + n + sep + n2 + len("月"), true
			}
		}
		if !strings.HasPrefix(after[n:], "月") {
			goto dayAlone
		}
		k := n + len("月")
		if strings.HasPrefix(after[k:], "份") {
			k += len("份")
		}
		tail := after[k:]
		if dd, n2, ok := number.Small(tail, 31); ok && (strings.HasPrefix(tail[n2:], "日") || strings.HasPrefix(tail[n2:], "号")) {
			q.kind, q.b = kDay, dd
			q.rule = &rMonthDay
			return q, j + k + n2 + len("日"), true
		}
		if part, n2 := x.monthPart(tail); part > 0 {
			q.kind, q.b = kMonthPart, part
			q.rule = &rMonthPart
			return q, j + k + n2, true
		}
		q.rule = &rMonth
		return q, j + k, true
	}
dayAlone:
	if hasYear {
		switch {
		case bound:
			return point{}, 0, false // 上年 alone is left to the context
		case weak && !x.twoDigitAlone(prev, p.year, after):
			return point{}, 0, false // 干了25年
		case fiscal:
			p.rule = &rFiscalYear
		case p.short:
			p.rule = &rYearTwoDigit
		case p.abs && (strings.HasPrefix(rest, "民国") || strings.HasPrefix(rest, "中华民国") || loc == "TW" && !tx.IsYear(rest[:min(4, len(rest))])):
			p.rule = &rROCYear
		case p.abs:
			p.rule = &rYear
		default:
			p.rule = &rYearRelative
		}
		return p, j, true
	}
	// A day alone (18日) takes the month of the range start or the reference.
	// 号 alone only after Arabic digits: 深算二号 names a product.
	if dd, n, ok := number.Small(rest, 31); ok && (strings.HasPrefix(rest[n:], "日") || strings.HasPrefix(rest[n:], "号") && rest[0] <= '9' && !hasAnyPrefix(rest[n+len("号"):], x.words.haoNot)) && !strings.HasPrefix(rest[n+3:], "内") {
		q := point{kind: kDay, b: dd, rule: &rDay}
		if ctx != nil && (ctx.kind == kDay || ctx.kind == kMonth) {
			q.abs, q.year, q.rel, q.a = ctx.abs, ctx.year, ctx.rel, ctx.a
			return q, i + n + len("日"), true
		}
		return q, i + n + len("日"), true
	}
	return point{}, 0, false
}

// yearPeriod reads a part of a year: 上半年/下半年, 一季度…四季度, 第一季度,
// 前三季度, 年初, 年底/年末, 年内, 春季/春天…冬季/冬天 (seasons only after a
// year), and the bare 年 that ends 今年 is handled by the caller.
func (x *Extractor) yearPeriod(s string, hasYear bool) (point, int, bool) {
	if r, _ := utf8.DecodeRuneInString(s); x.periodStarts.Has(r) {
		for _, w := range x.words.yearPeriod {
			if strings.HasPrefix(s, w.w) {
				return point{kind: w.kind, a: w.n}, len(w.w), true
			}
		}
	}
	// The first N months: 前4个月, 首三个月, 前10月; the first N quarters
	// with 季 alone: 前三季, 首三季.
	if r := tx.FirstRune(s); r == '前' || r == '首' {
		const pre = len("前") // 前 and 首 are both three bytes
		t := s[pre:]
		n, l, ok := number.Small(t, 12)
		switch {
		case !ok:
		case strings.HasPrefix(t[l:], "个月"):
			return point{kind: kMonth, a: 1, b: n, rule: &rFirstMonths}, pre + l + len("个月"), true
		case strings.HasPrefix(t[l:], "月") && n > 1:
			return point{kind: kMonth, a: 1, b: n, rule: &rFirstMonths}, pre + l + len("月"), true
		case n <= 4 && strings.HasPrefix(t[l:], "季") && !strings.HasPrefix(t[l:], "季度") && !x.seasonOfSeries(t[l+len("季"):]):
			return point{kind: kQuarter, a: 1, b: n}, pre + l + len("季"), true
		}
	}
	// 首季, 首季度: the first quarter.
	if strings.HasPrefix(s, "首季") {
		if strings.HasPrefix(s, "首季度") {
			return point{kind: kQuarter, a: 1}, len("首季度"), true
		}
		return point{kind: kQuarter, a: 1}, len("首季"), true
	}
	// Quarters.
	t := strings.TrimPrefix(s, "第")
	if len(t) < len(s) { // 2024年第四季, 第3季营收; a series' 第二季 is none
		if n, l, ok := number.Small(t, 4); ok && strings.HasPrefix(t[l:], "季") && !strings.HasPrefix(t[l:], "季度") && (hasYear || !x.seasonOfSeries(t[l+len("季"):])) {
			return point{kind: kQuarter, a: n}, len("第") + l + len("季"), true
		}
	}
	before := false
	if strings.HasPrefix(t, "前") {
		t, before = t[len("前"):], true
	}
	if n, l, ok := number.Small(t, 4); ok && (strings.HasPrefix(t[l:], "季度") || strings.HasPrefix(t[l:], "个季度") && before) {
		k := l + len("季度")
		if strings.HasPrefix(t[l:], "个季度") {
			k = l + len("个季度")
		}
		used := len(s) - len(t) + k
		if before {
			return point{kind: kQuarter, a: 1, b: n}, used, true
		}
		return point{kind: kQuarter, a: n}, used, true
	}
	if hasYear {
		for _, w := range x.words.season {
			if strings.HasPrefix(s, w.w) {
				return point{kind: kSeason, a: w.n}, len(w.w), true
			}
		}
	}
	return point{}, 0, false
}

// monthPart reads a part of a month after 月: 上旬, 中旬, 下旬, 初, 底, 末
// (month-part words).
func (x *Extractor) monthPart(s string) (int, int) {
	for _, w := range x.words.monthPart {
		if strings.HasPrefix(s, w.w) {
			return w.n, len(w.w)
		}
	}
	return 0, 0
}

// nowadays reports whether what follows 今天 makes it "nowadays", not a day
// (the annotation guide: 今天 meaning nowadays is no date): a comparison
// with the past in its clause (今天这些倡议更具现实意义, 今天越来越多). 今天的
// stays a day (今天的吹风会).
func (x *Extractor) nowadays(after string) bool {
	clause := after
	if k := strings.IndexAny(clause, "，。！？；,.!?;”\n"); k >= 0 {
		clause = clause[:k]
	}
	for _, w := range x.words.nowadays {
		if strings.Contains(clause, w) {
			return true
		}
	}
	return false
}

// relative reads a word relative to the reference date that stands alone:
// 今天, 昨天, 本周, 上个月, 月底, N年前, and the year periods with no year
// (上半年, 一季度, 年底).
func (x *Extractor) relative(s, loc string) (point, int, bool) {
	if r, _ := utf8.DecodeRuneInString(s); x.relativeStarts.Has(r) {
		if q, n, ok := x.relativeWord(s, loc); ok {
			return q, n, true
		}
	}
	// N年前, N个月前, N天前.
	if n, l, ok := number.Small(s, 200); ok {
		for _, u := range x.words.ago {
			if strings.HasPrefix(s[l:], u.w) {
				return point{kind: u.kind, rel: -n, rule: &rAgo}, l + len(u.w), true
			}
		}
	}
	if q, n, ok := x.yearPeriod(s, false); ok {
		if q.rule == nil {
			q.rule = &rPeriod
		}
		return q, n, true
	}
	return point{}, 0, false
}

// relativeWord reads the words of relative that name a day, week or month
// relative to the reference date (relative-day, -week, -month words), or a
// part of the reference month (month-part-relative).
func (x *Extractor) relativeWord(s, loc string) (point, int, bool) {
	// 今（10）日, 昨(13)日: a relative day with its day of the month in
	// brackets, as Taiwanese reports write it.
	if q, n, ok := x.bracketDay(s); ok {
		return q, n, true
	}
	// 今明两年, 明后两年: two years from the reference year, one mention.
	for _, w := range [...]struct {
		w   string
		rel int
	}{{"今明两年", 0}, {"明后两年", 1}} {
		if strings.HasPrefix(s, w.w) {
			return point{kind: kPlan, rel: w.rel, a: 2, rule: &rYearPair}, len(w.w), true
		}
	}
	for _, w := range x.relIndex[tx.FirstRune(s)] {
		if !strings.HasPrefix(s, w.w) {
			continue
		}
		n := len(w.w)
		switch w.kind {
		case kWeek: // 下周三, 上上个周五: a day of that week
			if wd, l := x.weekdayAfter(s[n:]); wd > 0 {
				return point{kind: kWeekDay, rel: w.n, a: wd, rule: &rWeekday}, n + l, true
			}
			if strings.HasSuffix(w.w, "个周") {
				continue // 上个周 is a week only with its day
			}
		case kRelMonth: // 本月15日, 上月底
			if d, l, ok := number.Small(s[n:], 31); ok && (strings.HasPrefix(s[n+l:], "日") || strings.HasPrefix(s[n+l:], "号")) {
				return point{kind: kRelMonthDay, rel: w.n, b: d, rule: &rRelativeMonthDay}, n + l + len("日"), true
			}
			if part, l := x.monthPart(s[n:]); part > 0 && !hasAnyPrefix(s[n:], x.words.yearPartNot) {
				return point{kind: kRelMonthPart, rel: w.n, a: part, rule: &rRelativeMonthDay}, n + l, true
			}
		case kRelQuarter:
			return point{kind: kRelQuarter, rel: w.n, rule: &rRelativeQuarter}, n, true
		case kRelHalf:
			return point{kind: kRelHalf, rel: w.n, rule: &rRelativeHalf}, n, true
		case kFiscal:
			p := point{kind: kFiscal, rel: w.n, split: loc == "HK" || loc == "SG", rule: &rFiscalRelative}
			p.b, n = x.fiscalPart(s, n)
			return p, n, true
		case kRelMonthPart:
			return point{kind: kRelMonthPart, a: w.n, rule: &rMonthPartRelative}, n, true
		}
		return point{kind: w.kind, rel: w.n, rule: relativeRule[w.kind]}, n, true
	}
	return point{}, 0, false
}

// rangeEnd reads the end of a range after a date (至, 到, -, —, ~): 4月9日至11日,
// 8月31日至9月1日, 2020年至2024年, 1月至7月.
func (x *Extractor) rangeEnd(text string, at int, p point, loc string) (point, int, bool) {
	sep := tx.RangeSepAt(text[at:])
	if sep == 0 {
		return point{}, 0, false
	}
	q, end, ok := x.expr(text, at+sep, &p, loc)
	feast := func(k int) bool { return k == kFestival || k == kLunar }
	if !ok || q.kind != p.kind && !(feast(p.kind) && feast(q.kind)) {
		return point{}, 0, false
	}
	return q, end, true
}

// bareRange reads a range of years whose first end is written without 年:
// 2024-2027年. (Months written so, 1—7月, are read by expr.)
func (x *Extractor) bareRange(text string, i int) (point, point, int, bool) {
	rest := text[i:]
	if y, n, ok := number.Year(rest); ok {
		if sep := tx.RangeSepAt(rest[n:]); sep > 0 {
			if y2, n2, ok := number.Year(rest[n+sep:]); ok && strings.HasPrefix(rest[n+sep+n2:], "年") && y2 >= y {
				return point{kind: kYear, abs: true, year: y}, point{kind: kYear, abs: true, year: y2}, i + n + sep + n2 + len("年"), true
			}
		}
	}
	return point{}, point{}, 0, false
}

// hasAnyPrefix reports whether s starts with one of words.
func hasAnyPrefix(s string, words []string) bool { return tx.HasAnyPrefix(s, words...) }

// seasonOfSeries reports whether what follows 第N季 or 前N季 makes it a
// season of a series or a sport (第二季节目, 前三季比赛), or leaves it
// with nothing to tell (the end of the text): then it is no quarter.
func (x *Extractor) seasonOfSeries(after string) bool {
	r, _ := utf8.DecodeRuneInString(after)
	return after == "" || strings.ContainsRune("节赛播》」", r) || hasAnyPrefix(after, []string{"比赛", "联赛", "节目", "播出", "剧"})
}

// afterVerb reports whether a relative year 前年 or 后年 stands where it
// is part of another word (以前年度, 完工后年): after 以, or after a CJK
// character that is not a word of time or a link (到, 在, 和…).
func (x *Extractor) afterVerb(w string, prev rune) bool {
	if !strings.HasPrefix(w, "前") && !strings.HasPrefix(w, "后") {
		return false
	}
	return tx.IsCJKRune(prev) && !strings.ContainsRune("到在于至和与及或是的今明至从自等", prev)
}

// bracketDay reads 今（10）日, 昨（13）日, 明(11)日: the relative day, its
// day of the month written in brackets.
func (x *Extractor) bracketDay(s string) (point, int, bool) {
	r, size := utf8.DecodeRuneInString(s)
	n := 0
	switch r {
	case '今':
	case '昨':
		n = -1
	case '明':
		n = 1
	default:
		return point{}, 0, false
	}
	k := size
	open, osz := utf8.DecodeRuneInString(s[k:])
	if open != '（' && open != '(' {
		return point{}, 0, false
	}
	k += osz
	if _, l, ok := number.Small(s[k:], 31); ok {
		k += l
	} else {
		return point{}, 0, false
	}
	closeR, csz := utf8.DecodeRuneInString(s[k:])
	if closeR != '）' && closeR != ')' || !strings.HasPrefix(s[k+csz:], "日") {
		return point{}, 0, false
	}
	return point{kind: kRelDay, rel: n, rule: &rRelativeDay}, k + csz + len("日"), true
}
