// Package lunar converts dates of the Chinese lunisolar calendar (农历) to
// Gregorian days, for the lunar years 1900-2100, and gives the day of the
// solar term 清明. Its table (years.tsv) is compiled from
// github.com/6tail/lunar-go by `go generate` and checked against it by the
// package's tests.
package lunar

import (
	"bufio"
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"time"
)

//go:generate go run ./internal/gen years.tsv

//go:embed years.tsv
var yearsTSV string

// First and Last are the lunar years the table holds.
const (
	First = 1900
	Last  = 2100
)

// year is one lunar year of the table.
type year struct {
	newYear  time.Time // Gregorian day of 正月初一
	leap     int       // month followed by a leap month, 0 if none
	months   string    // S (29 days) or L (30 days) a month, in order
	qingming time.Time // 清明 of the Gregorian year of the same number
}

// Calendar is the lunar calendar table. Its methods are safe for concurrent
// use.
type Calendar struct {
	years [Last - First + 1]year
}

// Load parses the embedded table. The table is checked as it is read: a
// malformed line is an error naming its line.
func Load() (*Calendar, error) {
	c := new(Calendar)
	seen := 0
	sc := bufio.NewScanner(strings.NewReader(yearsTSV))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		if err := c.parse(line); err != nil {
			return nil, fmt.Errorf("lunar/years.tsv:%d: %w", n, err)
		}
		seen++
	}
	if seen != len(c.years) {
		return nil, fmt.Errorf("lunar/years.tsv: %d years, want %d (%d-%d)", seen, len(c.years), First, Last)
	}
	return c, nil
}

func (c *Calendar) parse(line string) error {
	f := strings.Split(line, "\t")
	if len(f) != 5 {
		return fmt.Errorf("%d columns, want 5", len(f))
	}
	y, err := strconv.Atoi(f[0])
	if err != nil || y < First || y > Last {
		return fmt.Errorf("year %q out of %d-%d", f[0], First, Last)
	}
	var e year
	if e.newYear, err = time.Parse(time.DateOnly, f[1]); err != nil {
		return fmt.Errorf("new_year: %w", err)
	}
	if e.leap, err = strconv.Atoi(f[2]); err != nil || e.leap < 0 || e.leap > 12 {
		return fmt.Errorf("leap %q is not a month or 0", f[2])
	}
	e.months = f[3]
	want := 12
	if e.leap > 0 {
		want = 13
	}
	if len(e.months) != want || strings.Trim(e.months, "SL") != "" {
		return fmt.Errorf("months %q: want %d letters S or L", e.months, want)
	}
	if e.qingming, err = time.Parse(time.DateOnly, f[4]); err != nil || e.qingming.Year() != y {
		return fmt.Errorf("qingming %q is not a day of %d", f[4], y)
	}
	c.years[y-First] = e
	return nil
}

// Date is a date of the lunar calendar: year, month 1-12 (Leap for the leap
// month that follows that month) and day 1-30.
type Date struct {
	Year, Month, Day int
	Leap             bool
}

// Solar returns the Gregorian day (UTC midnight) of d, and false when d is
// not a day of the calendar: a year outside the table, a leap month the year
// does not have, or a day the month does not have (正月三十 where 正月 has 29
// days).
func (c *Calendar) Solar(d Date) (time.Time, bool) {
	if d.Year < First || d.Year > Last || d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 30 {
		return time.Time{}, false
	}
	e := &c.years[d.Year-First]
	if d.Leap && e.leap != d.Month {
		return time.Time{}, false
	}
	idx := d.Month - 1 // position of the month in e.months
	if e.leap > 0 && (d.Month > e.leap || d.Leap) {
		idx++
	}
	days := 0
	for i := 0; i < idx; i++ {
		days += monthDays(e.months[i])
	}
	if d.Day > monthDays(e.months[idx]) {
		return time.Time{}, false
	}
	return e.newYear.AddDate(0, 0, days+d.Day-1), true
}

// NewYear returns the Gregorian day of 正月初一 (春节) of the lunar year y,
// and false outside the table.
func (c *Calendar) NewYear(y int) (time.Time, bool) {
	if y < First || y > Last {
		return time.Time{}, false
	}
	return c.years[y-First].newYear, true
}

// Qingming returns the Gregorian day of the solar term 清明 in the Gregorian
// year y, and false outside the table.
func (c *Calendar) Qingming(y int) (time.Time, bool) {
	if y < First || y > Last {
		return time.Time{}, false
	}
	return c.years[y-First].qingming, true
}

// Nearest returns the occurrence of the lunar month and day (no year written,
// as in 腊月二十三) that a text dated ref means: the one in ref's Gregorian
// year (the earlier of two), else the one nearest ref. It returns false
// where the month and day occur in none of the lunar years around ref.
func (c *Calendar) Nearest(month, day int, leap bool, ref time.Time) (time.Time, bool) {
	var found []time.Time
	for y := ref.Year() - 1; y <= ref.Year()+1; y++ {
		if t, ok := c.Solar(Date{Year: y, Month: month, Day: day, Leap: leap}); ok {
			found = append(found, t)
		}
	}
	for _, t := range found {
		if t.Year() == ref.Year() {
			return t, true // found is in order: the first is the earlier
		}
	}
	var best time.Time
	for _, t := range found {
		if best.IsZero() || absDays(t, ref) < absDays(best, ref) {
			best = t
		}
	}
	return best, !best.IsZero()
}

func monthDays(b byte) int {
	if b == 'L' {
		return 30
	}
	return 29
}

func absDays(a, b time.Time) time.Duration {
	d := a.Sub(b)
	if d < 0 {
		return -d
	}
	return d
}
