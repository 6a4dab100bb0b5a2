package date

import (
	"strings"
	"unicode/utf8"

	tx "github.com/cnie/cnie/extract/internal/text"
	"github.com/cnie/cnie/extract/number"
)

// Relative year words and their offsets from the reference year.
var relYears = []struct {
	word string
	off  int
}{{"今年", 0}, {"本年", 0}, {"去年", -1}, {"前年", -2}, {"明年", 1}, {"后年", 2}}

// expr reads a date expression at i: a year (written or relative) with what
// follows it, or a month, a day, a period or a relative word on its own. ctx,
// when set, is the first point of a range whose end is read: its year and
// month carry over (4月9日至11日).
func (x *Extractor) expr(text string, i int, ctx *point) (point, int, bool) {
	rest := text[i:]
	p := point{kind: kYear}
	j := i
	hasYear := false
	if y, n, ok := number.Year(rest); ok && strings.HasPrefix(rest[n:], "年") && !followsDuration(rest[n+len("年"):]) {
		p.abs, p.year, j, hasYear = true, y, i+n+len("年"), true
	} else {
		for _, ry := range relYears {
			if strings.HasPrefix(rest, ry.word) {
				after := rest[len(ry.word):]
				if strings.HasPrefix(after, "同期") {
					return point{}, 0, false // 去年同期: the period is set by context
				}
				p.rel, j, hasYear = ry.off, i+len(ry.word), true
				break
			}
		}
	}
	if !hasYear {
		if ctx != nil {
			p.abs, p.year, p.rel = ctx.abs, ctx.year, ctx.rel
		}
		// Relative words that stand alone.
		if q, n, ok := relative(rest); ok {
			if q.kind == kRelDay && q.rel == 0 && nowadays(rest[n:]) {
				return point{}, 0, false
			}
			return q, i + n, true
		}
		if y, n, ok := bareYear(x, text, i); ok {
			return point{kind: kYear, abs: true, year: y, rule: &rYearBare}, i + n, true
		}
	}
	after := text[j:]
	// 2024年末, 2025年初, 2024年底, 2024年内: the 年 is read already.
	if p.abs {
		for _, w := range []struct {
			w    string
			kind int
		}{{"初", kYearStart}, {"底", kYearEnd}, {"末", kYearEnd}, {"内", kYear}} {
			if strings.HasPrefix(after, w.w) && !yearPartWord(after) {
				return point{kind: w.kind, abs: true, year: p.year, rule: &rYearPart}, j + len(w.w), true
			}
		}
	}
	// Periods of a year: 上半年, 一季度, 年初, 年底, 秋天, 年内.
	if q, n, ok := yearPeriod(after, hasYear); ok {
		q.abs, q.year, q.rel = p.abs, p.year, p.rel
		q.rule = &rPeriod
		return q, j + n, true
	}
	// A month, with a day or a part of the month.
	if m, n, ok := number.Small(after, 12); ok {
		q := point{kind: kMonth, abs: p.abs, year: p.year, rel: p.rel, a: m}
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
		if part, n2 := monthPart(tail); part > 0 {
			q.kind, q.b = kMonthPart, part
			q.rule = &rMonthPart
			return q, j + k + n2, true
		}
		q.rule = &rMonth
		return q, j + k, true
	}
dayAlone:
	if hasYear {
		p.rule = &rYearRelative
		if p.abs {
			p.rule = &rYear
		}
		return p, j, true
	}
	// A day alone (18日) takes the month of the range start or the reference.
	// 号 alone only after Arabic digits: 深算二号 names a product.
	if dd, n, ok := number.Small(rest, 31); ok && (strings.HasPrefix(rest[n:], "日") || strings.HasPrefix(rest[n:], "号") && rest[0] <= '9') && !strings.HasPrefix(rest[n+3:], "内") {
		q := point{kind: kDay, b: dd, rule: &rDay}
		if ctx != nil && (ctx.kind == kDay || ctx.kind == kMonth) {
			q.abs, q.year, q.rel, q.a = ctx.abs, ctx.year, ctx.rel, ctx.a
			return q, i + n + len("日"), true
		}
		return q, i + n + len("日"), true
	}
	return point{}, 0, false
}

// yearPartWord reports whether the 初, 底, 末 or 内 after a year starts a word
// of its own (2024年初步统计, 年内容, 年底线), not the part of the year that
// 2027年底建成 and 2025年初以来 name.
func yearPartWord(s string) bool {
	for _, w := range []string{"初步", "初级", "初心", "初衷", "初始", "初次", "初见", "初具", "初显", "内容", "内部", "内地", "内外", "内涵",
		"内需", "内阁", "内蒙", "底线", "底层", "底部", "底气", "底座", "底色", "末端", "末梢", "末期"} {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// followsDuration reports text after N年 that makes it a span of years, not
// a year (3年来, 24年内 are caught by yearNumber's four digits already).
func followsDuration(s string) bool {
	return strings.HasPrefix(s, "来") || strings.HasPrefix(s, "间")
}

// yearPeriod reads a part of a year: 上半年/下半年, 一季度…四季度, 第一季度,
// 前三季度, 年初, 年底/年末, 年内, 春季/春天…冬季/冬天 (seasons only after a
// year), and the bare 年 that ends 今年 is handled by the caller.
func yearPeriod(s string, hasYear bool) (point, int, bool) {
	switch {
	case strings.HasPrefix(s, "上半年"):
		return point{kind: kHalf, a: 1}, len("上半年"), true
	case strings.HasPrefix(s, "下半年"):
		return point{kind: kHalf, a: 2}, len("下半年"), true
	case strings.HasPrefix(s, "年初"):
		return point{kind: kYearStart}, len("年初"), true
	case strings.HasPrefix(s, "年底"), strings.HasPrefix(s, "年末"):
		return point{kind: kYearEnd}, len("年底"), true
	case strings.HasPrefix(s, "年内"):
		return point{kind: kYear}, len("年内"), true
	}
	// Quarters.
	t := strings.TrimPrefix(s, "第")
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
		for k, w := range [][2]string{{"春季", "春天"}, {"夏季", "夏天"}, {"秋季", "秋天"}, {"冬季", "冬天"}} {
			for _, v := range w {
				if strings.HasPrefix(s, v) {
					return point{kind: kSeason, a: k}, len(v), true
				}
			}
		}
	}
	return point{}, 0, false
}

// monthPart reads 上旬/中旬/下旬/初/中/底/末 after 月.
func monthPart(s string) (int, int) {
	for _, w := range []struct {
		w    string
		part int
	}{{"上旬", 1}, {"中旬", 2}, {"下旬", 3}, {"初", 1}, {"底", 3}, {"末", 3}} {
		if strings.HasPrefix(s, w.w) {
			return w.part, len(w.w)
		}
	}
	return 0, 0
}

// nowadays reports whether what follows 今天 makes it "nowadays", not a day
// (the annotation guide: 今天 meaning nowadays is no date): a comparison
// with the past in its clause (今天这些倡议更具现实意义, 今天越来越多). 今天的
// stays a day (今天的吹风会).
func nowadays(after string) bool {
	clause := after
	if k := strings.IndexAny(clause, "，。！？；,.!?;”\n"); k >= 0 {
		clause = clause[:k]
	}
	for _, w := range []string{"更", "越来越", "已经成为", "已成为", "早已"} {
		if strings.Contains(clause, w) {
			return true
		}
	}
	return false
}

// relative reads a word relative to the reference date that stands alone:
// 今天, 昨天, 本周, 上个月, 月底, N年前, and the year periods with no year
// (上半年, 一季度, 年底).
func relative(s string) (point, int, bool) {
	switch r, _ := utf8.DecodeRuneInString(s); r {
	case '今', '昨', '前', '明', '后', '本', '这', '上', '下', '月':
		if q, n, ok := relativeWord(s); ok {
			return q, n, true
		}
	}
	// N年前, N个月前, N天前.
	if n, l, ok := number.Small(s, 200); ok {
		for _, u := range []struct {
			w    string
			kind int
		}{{"年前", kYear}, {"个月前", kRelMonth}, {"天前", kRelDay}, {"周前", kWeek}} {
			if strings.HasPrefix(s[l:], u.w) {
				return point{kind: u.kind, rel: -n, rule: &rAgo}, l + len(u.w), true
			}
		}
	}
	if q, n, ok := yearPeriod(s, false); ok {
		q.rule = &rPeriod
		return q, n, true
	}
	return point{}, 0, false
}

// relativeWord reads the words of relative that start with 今, 昨, 前, 明,
// 后, 本, 这, 上, 下 or 月.
func relativeWord(s string) (point, int, bool) {
	for _, w := range []struct {
		w    string
		kind int
		rel  int
	}{
		{"今天", kRelDay, 0}, {"今日", kRelDay, 0}, {"昨天", kRelDay, -1}, {"昨日", kRelDay, -1},
		{"前天", kRelDay, -2}, {"明天", kRelDay, 1}, {"明日", kRelDay, 1}, {"后天", kRelDay, 2},
		{"本周", kWeek, 0}, {"这周", kWeek, 0}, {"上周", kWeek, -1}, {"下周", kWeek, 1},
		{"本月", kRelMonth, 0}, {"这个月", kRelMonth, 0}, {"上个月", kRelMonth, -1}, {"上月", kRelMonth, -1},
		{"下个月", kRelMonth, 1}, {"下月", kRelMonth, 1},
	} {
		if strings.HasPrefix(s, w.w) {
			return point{kind: w.kind, rel: w.rel, rule: relativeRule[w.kind]}, len(w.w), true
		}
	}
	// 月初, 月底 of the reference month.
	if strings.HasPrefix(s, "月初") || strings.HasPrefix(s, "月底") || strings.HasPrefix(s, "月末") {
		part := 3
		if strings.HasPrefix(s, "月初") {
			part = 1
		}
		return point{kind: kRelMonthPart, a: part, rule: &rMonthPartRelative}, len("月初"), true
	}
	return point{}, 0, false
}

// rangeEnd reads the end of a range after a date (至, 到, -, —, ~): 4月9日至11日,
// 8月31日至9月1日, 2020年至2024年, 1月至7月.
func (x *Extractor) rangeEnd(text string, at int, p point) (point, int, bool) {
	sep := tx.RangeSepAt(text[at:])
	if sep == 0 {
		return point{}, 0, false
	}
	q, end, ok := x.expr(text, at+sep, &p)
	if !ok || q.kind != p.kind && !(p.kind == kDay && q.kind == kDay) {
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
