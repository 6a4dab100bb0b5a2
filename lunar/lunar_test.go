package lunar

import (
	"testing"
	"time"

	"github.com/6tail/lunar-go/calendar"
)

func load(t testing.TB) *Calendar {
	t.Helper()
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// Published dates of festivals, independent of the table's source.
func TestKnownDays(t *testing.T) {
	c := load(t)
	for _, tc := range []struct {
		d    Date
		want string
	}{
		{Date{Year: 2024, Month: 1, Day: 1}, "2024-02-10"},             // 春节 2024
		{Date{Year: 2025, Month: 1, Day: 1}, "2025-01-29"},             // 春节 2025
		{Date{Year: 2023, Month: 12, Day: 30}, "2024-02-09"},           // 除夕 before 春节 2024
		{Date{Year: 2024, Month: 1, Day: 15}, "2024-02-24"},            // 元宵节 2024
		{Date{Year: 2024, Month: 5, Day: 5}, "2024-06-10"},             // 端午节 2024
		{Date{Year: 2023, Month: 8, Day: 15}, "2023-09-29"},            // 中秋节 2023
		{Date{Year: 2024, Month: 8, Day: 15}, "2024-09-17"},            // 中秋节 2024
		{Date{Year: 2025, Month: 7, Day: 7}, "2025-08-29"},             // 七夕 2025
		{Date{Year: 2024, Month: 9, Day: 9}, "2024-10-11"},             // 重阳节 2024
		{Date{Year: 2023, Month: 2, Day: 1, Leap: true}, "2023-03-22"}, // 闰二月初一 2023
		{Date{Year: 2025, Month: 6, Day: 1, Leap: true}, "2025-07-25"}, // 闰六月初一 2025
	} {
		got, ok := c.Solar(tc.d)
		if !ok || got.Format(time.DateOnly) != tc.want {
			t.Errorf("Solar(%+v) = %v, %v; want %s", tc.d, got.Format(time.DateOnly), ok, tc.want)
		}
	}
	for y, want := range map[int]string{2023: "2023-04-05", 2024: "2024-04-04", 2025: "2025-04-04"} {
		if got, ok := c.Qingming(y); !ok || got.Format(time.DateOnly) != want {
			t.Errorf("Qingming(%d) = %v; want %s", y, got, want)
		}
	}
}

func TestImpossibleDays(t *testing.T) {
	c := load(t)
	for _, d := range []Date{
		{Year: 2024, Month: 1, Day: 30},            // 2024's 正月 has 29 days
		{Year: 2024, Month: 3, Day: 1, Leap: true}, // 2024 has no leap month
		{Year: 2023, Month: 3, Day: 1, Leap: true}, // 2023's leap month follows the second
		{Year: 1899, Month: 1, Day: 1},             // before the table
		{Year: 2101, Month: 1, Day: 1},             // after it
		{Year: 2024, Month: 13, Day: 1},            // no such month
		{Year: 2024, Month: 1, Day: 0},             // no such day
	} {
		if got, ok := c.Solar(d); ok {
			t.Errorf("Solar(%+v) = %v, want no day", d, got)
		}
	}
}

func TestNearest(t *testing.T) {
	c := load(t)
	for _, tc := range []struct {
		month, day int
		ref, want  string
	}{
		// 腊月二十三 of lunar 2024 falls on 2025-01-22, in the reference year.
		{12, 23, "2025-06-01", "2025-01-22"},
		// Late in 2025 the next 腊月二十三 (2026-02-10) is nearer, but the one in
		// the reference year is taken.
		{12, 23, "2025-12-20", "2025-01-22"},
		{8, 15, "2024-03-01", "2024-09-17"},
	} {
		got, ok := c.Nearest(tc.month, tc.day, false, day(tc.ref))
		if !ok || got.Format(time.DateOnly) != tc.want {
			t.Errorf("Nearest(%d, %d, %s) = %v, %v; want %s", tc.month, tc.day, tc.ref, got.Format(time.DateOnly), ok, tc.want)
		}
	}
}

// Every day of every lunar year in the table, against the module it was
// compiled from.
func TestAgainstLunarGo(t *testing.T) {
	c := load(t)
	step := 1
	if testing.Short() {
		step = 7
	}
	for y := First; y <= Last; y += step {
		ly := calendar.NewLunarYear(y)
		for e := ly.GetMonthsInYear().Front(); e != nil; e = e.Next() {
			m := e.Value.(*calendar.LunarMonth)
			month, leap := m.GetMonth(), m.IsLeap()
			if month < 0 {
				month = -month
			}
			for d := 1; d <= 30; d++ {
				got, ok := c.Solar(Date{Year: y, Month: month, Day: d, Leap: leap})
				if d > m.GetDayCount() {
					if ok {
						t.Fatalf("%d-%d-%d (leap %v): got %v, the month has %d days", y, month, d, leap, got, m.GetDayCount())
					}
					continue
				}
				s := calendar.NewSolarFromJulianDay(m.GetFirstJulianDay() + float64(d-1))
				want := time.Date(s.GetYear(), time.Month(s.GetMonth()), s.GetDay(), 0, 0, 0, 0, time.UTC)
				if !ok || !got.Equal(want) {
					t.Fatalf("%d-%d-%d (leap %v) = %v, %v; lunar-go says %v", y, month, d, leap, got, ok, want)
				}
			}
		}
	}
}
