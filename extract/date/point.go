package date

import (
	"time"

	"github.com/cnie/cnie/extract"
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
