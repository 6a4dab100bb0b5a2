package date

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cnie/cnie/extract"
	tx "github.com/cnie/cnie/extract/internal/text"
	"github.com/cnie/cnie/lexicon"
)

// Extractor finds calendar expressions and resolves each to an interval
// of whole days with a grain, counting relative ones (今年, 上周, 6年前, 18日)
// from the document's reference date: absolute dates (2025年7月19日,
// 2025-08-29, 二〇二五年七月十九日, 2024年, 7月18日), ranges as one mention
// (4月9日至11日, 1—7月, 2024-2027年), periods (上半年, 一季度, 前三季度, 3月中旬,
// 年底, 今年秋天, 年内), relative days, weeks and months, N年前, and Chinese
// plan periods (“十四五”, “十四五”前四年). Build it with New.
type Extractor struct {
	// amountWords are units and currencies: a bare four-digit number
	// followed by one (2000吨) is an amount, not a year.
	amountWords tx.WordSet
}

// New builds the date extractor.
func New() (*Extractor, error) {
	x := &Extractor{}
	var words []string
	for _, f := range []string{"units.tsv", "currencies.tsv"} {
		rows, err := lexicon.Read(f, 2, 2)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if !strings.HasPrefix(r.Fields[0], "prefix:") {
				words = append(words, r.Fields[0])
			}
		}
	}
	var err error
	if x.amountWords, err = tx.NewWordSet(words); err != nil {
		return nil, fmt.Errorf("lexicon: units.tsv, currencies.tsv: %w", err)
	}
	return x, nil
}

// Date kinds: what part of the calendar a point names.
const (
	kYear         = iota // 2024年
	kHalf                // 上半年 (a = 1, 2)
	kQuarter             // 一季度 (a = quarter; b = last quarter for 前三季度)
	kSeason              // 春季 (a = 0 spring … 3 winter)
	kYearStart           // 年初: January
	kYearEnd             // 年底, 年末: December
	kMonth               // 7月 (a = month; b = last month of 1—7月)
	kMonthPart           // 3月中旬 (a = month; b = 1 first, 2 middle, 3 last third)
	kDay                 // 7月18日 (a = month, b = day)
	kWeek                // 本周 (rel = weeks from ref)
	kRelMonth            // 上个月 (rel = months from ref)
	kRelDay              // 昨天 (rel = days from ref)
	kRelMonthPart        // 月底 of the reference month (a as for kMonthPart's b)
	kPlan                // “十四五”: a years from year (前四年: fewer)
)

// point is a parsed date expression before resolution.
type point struct {
	kind int
	// Year: abs is set for a written year; otherwise the year is the
	// reference year plus rel.
	abs  bool
	year int
	rel  int
	a, b int
	rule *extract.Rule // the rule that read it
}

var grainOf = map[int]string{
	kYear: "year", kHalf: "half", kQuarter: "quarter", kSeason: "season",
	kYearStart: "month", kYearEnd: "month", kMonth: "month", kMonthPart: "day",
	kDay: "day", kWeek: "week", kRelMonth: "month", kRelDay: "day",
	kRelMonthPart: "day", kPlan: "year",
}

// resolve turns a point into its interval; ok is false when it needs a
// reference date that d lacks. valid is false for an impossible date.
func (p point) resolve(ref time.Time, hasRef bool) (start, end time.Time, ok, valid bool) {
	if p.kind == kDay && p.a == 0 { // 18日: the reference month's day
		if !hasRef {
			return time.Time{}, time.Time{}, false, p.b >= 1 && p.b <= 31
		}
		p.a = int(ref.Month())
		if p.abs = true; p.year == 0 {
			p.year = ref.Year() + p.rel
		}
	}
	if !p.abs && !hasRef {
		return time.Time{}, time.Time{}, false, p.possible()
	}
	y := p.year
	if !p.abs {
		y = ref.Year() + p.rel
	}
	date := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	monthEnd := func(y, m int) time.Time { return date(y, m+1, 0) }
	switch p.kind {
	case kYear:
		return date(y, 1, 1), date(y, 12, 31), true, true
	case kHalf:
		return date(y, 6*p.a-5, 1), monthEnd(y, 6*p.a), true, true
	case kQuarter:
		last := max(p.b, p.a)
		return date(y, 3*p.a-2, 1), monthEnd(y, 3*last), true, true
	case kSeason:
		m := 3 + 3*p.a // spring 3-5, summer 6-8, autumn 9-11, winter 12-2
		return date(y, m, 1), monthEnd(y, m+2), true, true
	case kYearStart:
		return date(y, 1, 1), monthEnd(y, 1), true, true
	case kYearEnd:
		return date(y, 12, 1), monthEnd(y, 12), true, true
	case kMonth:
		last := max(p.b, p.a)
		return date(y, p.a, 1), monthEnd(y, last), true, true
	case kMonthPart:
		switch p.b {
		case 1:
			return date(y, p.a, 1), date(y, p.a, 10), true, true
		case 2:
			return date(y, p.a, 11), date(y, p.a, 20), true, true
		}
		return date(y, p.a, 21), monthEnd(y, p.a), true, true
	case kDay:
		if !p.possible() || (p.abs || hasRef) && date(y, p.a, p.b).Day() != p.b {
			return time.Time{}, time.Time{}, false, false
		}
		return date(y, p.a, p.b), date(y, p.a, p.b), true, true
	case kWeek:
		wd := (int(ref.Weekday()) + 6) % 7 // Monday 0
		mon := ref.AddDate(0, 0, -wd+7*p.rel)
		return mon, mon.AddDate(0, 0, 6), true, true
	case kRelMonth:
		first := date(ref.Year(), int(ref.Month())+p.rel, 1)
		return first, first.AddDate(0, 1, -1), true, true
	case kRelDay:
		t := date(ref.Year(), int(ref.Month()), ref.Day()+p.rel)
		return t, t, true, true
	case kRelMonthPart:
		return point{kind: kMonthPart, abs: true, year: ref.Year(), a: int(ref.Month()), b: p.a}.resolve(ref, hasRef)
	case kPlan:
		return date(y, 1, 1), date(y+p.a-1, 12, 31), true, true
	}
	return time.Time{}, time.Time{}, false, false
}

// possible reports whether a month-day could exist in some year (2月29日
// can, 2月30日 cannot).
func (p point) possible() bool {
	if p.kind != kDay {
		return true
	}
	days := [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	return p.a >= 1 && p.a <= 12 && p.b >= 1 && p.b <= days[p.a]
}

// Extract implements Extractor.
func (x *Extractor) Extract(d *extract.Doc, dst []extract.Mention) []extract.Mention {
	text := d.Text
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !canStartDate(r) {
			i += size
			continue
		}
		if m, ok := x.at(d, i); ok {
			dst = append(dst, m)
			i = m.End
			continue
		}
		i += size
		if tx.IsASCIIAlnum(r) { // the rest of a word or number: no date starts inside
			for i < len(text) && tx.IsASCIIAlnum(rune(text[i])) {
				i++
			}
		}
	}
	return dst
}

// dateStarts holds every character a date expression can start with:
// digits and Chinese numerals, the quotes of a plan period (“十四五”), and the
// first characters of the words the rules read (今年, 上周, 春季, 月初…).
// Extract tries a parse only where one stands, which spares the parse at
// nine positions in ten.
const dateStarts = "0123456789〇零一二两三四五六七八九十百千万亿" + "“\"‘「" +
	"上下今去前后明昨本这春夏秋冬年月日号周季初底末中期半当近次翌同元第"

var dateStartSet = func() *tx.RuneSet {
	s := new(tx.RuneSet)
	s.AddString(dateStarts)
	return s
}()

func canStartDate(r rune) bool { return dateStartSet.Has(r) }

// at reads the longest date expression that starts at byte i.
func (x *Extractor) at(d *extract.Doc, i int) (extract.Mention, bool) {
	text := d.Text
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	if tx.IsASCIIAlnum(prev) || prev == '.' || prev == '第' {
		return extract.Mention{}, false
	}
	// Nothing starts inside a number (十三月 is no 三月) or right after one
	// (3年内 has no 年内), nor after a date that failed (2月30日 has no 30日)
	// or after the first end of a range that failed (5-3月).
	r, _ := utf8.DecodeRuneInString(text[i:])
	if isNumeral(prev) && (isNumeral(r) || r == '年' || r == '月' || r == '日' || r == '周' || r == '季') {
		return extract.Mention{}, false
	}
	if isNumeral(r) {
		if prev == '月' || prev == '年' {
			return extract.Mention{}, false
		}
		if sep := tx.RangeSepBefore(text[:i]); sep > 0 {
			if p2, _ := utf8.DecodeLastRuneInString(text[:i-sep]); isNumeral(p2) || p2 == '年' {
				return extract.Mention{}, false
			}
		}
	}
	var p, q point
	var end int
	var ok, isRange bool
	var m0rule *extract.Rule // a range's rule
	if p, end, ok = x.plan(text, i); !ok {
		if p, end, ok = numericDate(text, i); !ok {
			p, end, ok = x.expr(text, i, nil)
		}
		if ok {
			if q2, e2, ok2 := x.rangeEnd(text, end, p); ok2 {
				q, end, isRange, m0rule = q2, e2, true, rangeRule(p.kind)
			}
		} else if p, q, end, ok = x.bareRange(text, i); ok {
			isRange, m0rule = true, &rRangeYearsBare
		}
	}
	if !ok {
		return extract.Mention{}, false
	}
	m := extract.Mention{Type: extract.Date, Start: i, End: end, Grain: grainOf[p.kind]}
	s, e, resolved, valid := p.resolve(d.Ref, d.HasRef())
	if isRange {
		_, e2, r2, v2 := q.resolve(d.Ref, d.HasRef())
		e, resolved, valid = e2, resolved && r2, valid && v2
		if resolved && e.Before(s) {
			return extract.Mention{}, false
		}
	}
	if !valid {
		return extract.Mention{}, false
	}
	switch {
	case isRange:
		m.Rule = m0rule.Name
	case p.rule != nil:
		m.Rule = p.rule.Name
	}
	if resolved {
		m.StartDate, m.EndDate = s, e
	}
	return m, true
}

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
	if y, n, ok := yearNumber(rest); ok && strings.HasPrefix(rest[n:], "年") && !followsDuration(rest[n+len("年"):]) {
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
	if m, n, ok := smallNumber(after, 12); ok {
		q := point{kind: kMonth, abs: p.abs, year: p.year, rel: p.rel, a: m}
		// 1—7月: a range of months with the unit written once.
		if sep := tx.RangeSepAt(after[n:]); sep > 0 {
			if m2, n2, ok := smallNumber(after[n+sep:], 12); ok && m2 > m && strings.HasPrefix(after[n+sep+n2:], "月") {
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
		if dd, n2, ok := smallNumber(tail, 31); ok && (strings.HasPrefix(tail[n2:], "日") || strings.HasPrefix(tail[n2:], "号")) {
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
	if dd, n, ok := smallNumber(rest, 31); ok && (strings.HasPrefix(rest[n:], "日") || strings.HasPrefix(rest[n:], "号") && rest[0] <= '9') && !strings.HasPrefix(rest[n+3:], "内") {
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
	if n, l, ok := smallNumber(t, 4); ok && (strings.HasPrefix(t[l:], "季度") || strings.HasPrefix(t[l:], "个季度") && before) {
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
	if n, l, ok := smallNumber(s, 200); ok {
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
	if y, n, ok := yearNumber(rest); ok {
		if sep := tx.RangeSepAt(rest[n:]); sep > 0 {
			if y2, n2, ok := yearNumber(rest[n+sep:]); ok && strings.HasPrefix(rest[n+sep+n2:], "年") && y2 >= y {
				return point{kind: kYear, abs: true, year: y}, point{kind: kYear, abs: true, year: y2}, i + n + sep + n2 + len("年"), true
			}
		}
	}
	return point{}, point{}, 0, false
}

var numericDateRe = regexp.MustCompile(`^((?:19|20)[0-9]{2})([-/.])([0-9]{1,2})([-/.])([0-9]{1,2})(?:[^0-9]|$)`)

// numericDate reads 2025-08-29, 2025/8/29 or 2025.8.29, not inside a longer
// run of digits.
func numericDate(text string, i int) (point, int, bool) {
	if i >= len(text) || text[i] != '1' && text[i] != '2' {
		return point{}, 0, false
	}
	// A numeric date is at most 10 bytes and the character after it; a
	// bounded window keeps the regexp from scanning the rest of the text.
	s := text[i:min(len(text), i+16)]
	m := numericDateRe.FindStringSubmatchIndex(s)
	if m == nil {
		return point{}, 0, false
	}
	if s[m[4]:m[5]] != s[m[8]:m[9]] {
		return point{}, 0, false // 2025-8/29
	}
	y, _, _ := yearNumber(s[m[2]:m[3]])
	mo, _, okm := smallNumber(s[m[6]:m[7]], 12)
	dd, _, okd := smallNumber(s[m[10]:m[11]], 31)
	if !okm || !okd {
		return point{}, 0, false
	}
	return point{kind: kDay, abs: true, year: y, a: mo, b: dd, rule: &rNumeric}, i + m[11], true
}

// bareYear reads a year written without 年 before a name (2023上合组织产业链
// 论坛, 2024京津产业握手活动): four digits from 1900 to 2099 followed by a CJK
// character that is not a unit, multiplier or date word.
func bareYear(x *Extractor, text string, i int) (int, int, bool) {
	s := text[i:]
	if len(s) < 5 || !tx.IsYear(s[:4]) || (len(s) > 4 && s[4] >= '0' && s[4] <= '9') {
		return 0, 0, false
	}
	r, _ := utf8.DecodeRuneInString(s[4:])
	if !tx.IsCJKRune(r) || strings.ContainsRune("年月日号多余几十百千万亿", r) || x.amountWords.Longest(s[4:]) != "" {
		return 0, 0, false
	}
	y, _, _ := yearNumber(s[:4])
	return y, 4, true
}

// cnDigit is the value of a Chinese digit.
func cnDigit(r rune) (int, bool) {
	switch r {
	case '〇', '零':
		return 0, true
	case '一':
		return 1, true
	case '二', '两':
		return 2, true
	case '三':
		return 3, true
	case '四':
		return 4, true
	case '五':
		return 5, true
	case '六':
		return 6, true
	case '七':
		return 7, true
	case '八':
		return 8, true
	case '九':
		return 9, true
	}
	return 0, false
}

func isCNDigit(r rune) bool { _, ok := cnDigit(r); return ok }

func isNumeral(r rune) bool {
	switch r {
	case '〇', '零', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '亿':
		return true
	}
	return r >= '0' && r <= '9'
}

// yearNumber reads a four-digit year: Arabic (1900-2099) or Chinese digits
// (二〇二五).
func yearNumber(s string) (int, int, bool) {
	if len(s) >= 4 && tx.IsYear(s[:4]) && (len(s) == 4 || s[4] < '0' || s[4] > '9') {
		y := 0
		for k := 0; k < 4; k++ {
			y = y*10 + int(s[k]-'0')
		}
		return y, 4, true
	}
	y, n := 0, 0
	for k := 0; k < 4; k++ {
		r, size := utf8.DecodeRuneInString(s[n:])
		d, ok := cnDigit(r)
		if !ok || r == '两' {
			return 0, 0, false
		}
		y = y*10 + d
		n += size
	}
	return y, n, y >= 1900 && y <= 2099
}

// smallNumber reads a number from 1 to limit: one or two Arabic digits, or
// Chinese numerals (十一, 二十三, 三十一, 两).
func smallNumber(s string, limit int) (int, int, bool) {
	n := 0
	for n < len(s) && n < 3 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n > 0 {
		if n == 3 && limit < 100 || n < len(s) && s[n] >= '0' && s[n] <= '9' {
			return 0, 0, false
		}
		v := 0
		for k := 0; k < n; k++ {
			v = v*10 + int(s[k]-'0')
		}
		return v, n, v >= 1 && v <= limit
	}
	v, l := 0, 0
	tens, ones := -1, -1
	for l < len(s) {
		r, size := utf8.DecodeRuneInString(s[l:])
		switch {
		case r == '十' && tens < 0 && ones <= 9:
			if ones < 0 {
				ones = 1
			}
			tens, ones = ones, -1
		case ones < 0 && r != '〇' && r != '零' && isCNDigit(r):
			ones, _ = cnDigit(r)
		default:
			goto done
		}
		l += size
	}
done:
	if tens < 0 && ones < 0 {
		return 0, 0, false
	}
	if tens >= 0 {
		v = tens * 10
	}
	if ones > 0 {
		v += ones
	}
	return v, l, v >= 1 && v <= limit
}

// plan reads a Chinese five-year-plan period: “十四五” (2021-2025), 十五五
// (2026-2030), in quotes or before 规划/时期/期间/以来, and “十四五”前四年.
func (x *Extractor) plan(text string, i int) (point, int, bool) {
	s := text[i:]
	open := ""
	for _, q := range []string{"“", "\"", "‘", "「"} {
		if strings.HasPrefix(s, q) {
			open = q
			break
		}
	}
	body := s[len(open):]
	k, n, ok := smallNumber(body, 20)
	if !ok || k < 3 || !strings.HasPrefix(body[n:], "五") {
		return point{}, 0, false
	}
	end := len(open) + n + len("五")
	if open != "" {
		closeQ := map[string]string{"“": "”", "\"": "\"", "‘": "’", "「": "」"}[open]
		if !strings.HasPrefix(s[end:], closeQ) {
			return point{}, 0, false
		}
		end += len(closeQ)
	} else {
		ok := false
		for _, w := range []string{"规划", "时期", "期间", "以来", "计划"} {
			ok = ok || strings.HasPrefix(s[end:], w)
		}
		if !ok {
			return point{}, 0, false
		}
	}
	first := 1956 + 5*(k-1)
	p := point{kind: kPlan, abs: true, year: first, a: 5}
	if strings.HasPrefix(s[end:], "前") {
		if m, l, ok := smallNumber(s[end+len("前"):], 5); ok && strings.HasPrefix(s[end+len("前")+l:], "年") {
			p.a = m
			end += len("前") + l + len("年")
		}
	}
	p.rule = &rPlan
	return p, i + end, true
}
