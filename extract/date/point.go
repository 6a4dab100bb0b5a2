package date

import (
	"time"

	"github.com/cnie/cnie/extract"
	"github.com/cnie/cnie/lunar"
)

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
	kRelQuarter          // 上季度 (rel = quarters from ref's)
	kRelHalf             // 上个半年 (rel = halves from ref's)
	kWeekDay             // 下周三 (rel = weeks from ref's, a = weekday, Monday 1)
	kRelMonthDay         // 本月15日 (rel = months from ref's, b = day)
	kFiscal              // 2023/24年度, 本财政年度 (split: April-March; b = 0 whole, 1 期初, 2 期末)
	kFestival            // 春节 (c = festival kind, a and b its month and day)
	kLunar               // 腊月二十三 (a = lunar month, b = day, leap; noYear: nearest ref)
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
	// short marks a two-digit year (09年, 24Q3): year holds its two digits
	// and the century is the one nearest the reference date.
	short bool
	// split marks a fiscal year of April to March; c is a festival's kind;
	// leap marks a lunar leap month; noYear a lunar date with no year.
	split, leap, noYear bool
	c                   int
	rule                *extract.Rule // the rule that read it
}

// grain is the grain of p's interval.
func (p point) grain() string {
	if p.kind == kFiscal && p.b > 0 {
		return "month"
	}
	return grainOf[p.kind]
}

var grainOf = map[int]string{
	kYear: "year", kHalf: "half", kQuarter: "quarter", kSeason: "season",
	kYearStart: "month", kYearEnd: "month", kMonth: "month", kMonthPart: "day",
	kDay: "day", kWeek: "week", kRelMonth: "month", kRelDay: "day",
	kRelMonthPart: "day", kPlan: "year",
	kRelQuarter: "quarter", kRelHalf: "half", kWeekDay: "day", kRelMonthDay: "day",
	kFiscal: "year", kFestival: "day", kLunar: "day",
}

// resolve turns a point into its interval; ok is false when it needs a
// reference date that d lacks. valid is false for an impossible date.
func (p point) resolve(ref time.Time, hasRef bool, cal *lunar.Calendar) (start, end time.Time, ok, valid bool) {
	if p.kind == kLunar && p.noYear {
		if !hasRef {
			return time.Time{}, time.Time{}, false, p.b >= 1 && p.b <= 30
		}
		t, found := cal.Nearest(p.a, p.b, p.leap, ref)
		return t, t, found, found
	}
	if p.kind == kRelMonthDay {
		if !hasRef {
			return time.Time{}, time.Time{}, false, p.b >= 1 && p.b <= 31
		}
		first := time.Date(ref.Year(), ref.Month()+time.Month(p.rel), 1, 0, 0, 0, 0, time.UTC)
		t := first.AddDate(0, 0, p.b-1)
		if t.Month() != first.Month() {
			return time.Time{}, time.Time{}, false, false
		}
		return t, t, true, true
	}
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
	switch {
	case p.short:
		y = nearestCentury(p.year, ref.Year()) + p.rel
	case !p.abs && p.kind == kFiscal && p.split:
		y = ref.Year() + p.rel
		if ref.Month() < time.April {
			y--
		}
	case !p.abs:
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
	case kRelMonthPart: // 月底, 上月底: a third of the reference month or one rel months away
		first := date(ref.Year(), int(ref.Month())+p.rel, 1)
		return point{kind: kMonthPart, abs: true, year: first.Year(), a: int(first.Month()), b: p.a}.resolve(ref, hasRef, cal)
	case kPlan:
		return date(y, 1, 1), date(y+p.a-1, 12, 31), true, true
	case kRelQuarter:
		m := 3*((int(ref.Month())-1)/3+p.rel) + 1
		return date(ref.Year(), m, 1), monthEnd(ref.Year(), m+2), true, true
	case kRelHalf:
		m := 6*((int(ref.Month())-1)/6+p.rel) + 1
		return date(ref.Year(), m, 1), monthEnd(ref.Year(), m+5), true, true
	case kWeekDay:
		wd := (int(ref.Weekday()) + 6) % 7 // Monday 0
		t := ref.AddDate(0, 0, -wd+7*p.rel+p.a-1)
		return t, t, true, true
	case kFiscal:
		first := date(y, 1, 1)
		if p.split {
			first = date(y, 4, 1)
		}
		last := first.AddDate(1, 0, -1)
		switch p.b {
		case 1:
			return first, first.AddDate(0, 1, -1), true, true
		case 2:
			return date(last.Year(), int(last.Month()), 1), last, true, true
		}
		return first, last, true, true
	case kFestival:
		var t time.Time
		found := true
		switch p.c {
		case fSolar:
			t = date(y, p.a, p.b)
		case fLunar:
			t, found = cal.Solar(lunar.Date{Year: y, Month: p.a, Day: p.b})
		case fEve:
			if t, found = cal.NewYear(y); found {
				t = t.AddDate(0, 0, -1)
			}
		case fQingming:
			t, found = cal.Qingming(y)
		}
		return t, t, found, found
	case kLunar:
		t, found := cal.Solar(lunar.Date{Year: y, Month: p.a, Day: p.b, Leap: p.leap})
		return t, t, found, found
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

// nearestCentury returns the year whose last two digits are yy nearest to
// the year ref (09 in 2025 is 2009, 98 is 1998).
func nearestCentury(yy, ref int) int {
	best := ref/100*100 + yy
	for _, y := range []int{best - 100, best + 100} {
		if abs(y-ref) < abs(best-ref) {
			best = y
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
