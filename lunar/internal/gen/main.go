// Command gen writes lunar/years.tsv, the Chinese lunisolar calendar of the
// lunar years 1900-2100 and the day of the solar term 清明 of each Gregorian
// year, from github.com/6tail/lunar-go (MIT licence), the calendar the
// package is checked against. Run it with `go generate ./lunar`.
package main

import (
	"bufio"
	"fmt"
	"os"

	"github.com/6tail/lunar-go/calendar"
)

const first, last = 1900, 2100

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gen OUT.tsv")
		os.Exit(2)
	}
	f, err := os.Create(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, `# lunar/years.tsv - the Chinese lunisolar calendar (农历), lunar years %d-%d, and the day of the
# solar term 清明 in each Gregorian year of the same number.
# Source: github.com/6tail/lunar-go v1.4.7 (MIT licence), written by lunar/internal/gen
# (go generate ./lunar); lunar_test.go checks every day of it against that module again.
#
# Columns, TAB-separated:
#   year      the lunar year (the one whose 正月初一 falls early in the Gregorian year of that number)
#   new_year  the Gregorian date of its 正月初一
#   leap      the month after which a leap month (闰月) comes, 0 if none
#   months    one letter a month in order, the leap month after its namesake: S = 29 days, L = 30 days
#   qingming  the Gregorian date of 清明 in the Gregorian year of that number
`, first, last)
	for y := first; y <= last; y++ {
		ly := calendar.NewLunarYear(y)
		ny := calendar.NewLunarFromYmd(y, 1, 1).GetSolar()
		months := ""
		for e := ly.GetMonthsInYear().Front(); e != nil; e = e.Next() {
			m := e.Value.(*calendar.LunarMonth)
			switch m.GetDayCount() {
			case 29:
				months += "S"
			case 30:
				months += "L"
			default:
				fmt.Fprintf(os.Stderr, "lunar year %d: a month of %d days\n", y, m.GetDayCount())
				os.Exit(1)
			}
		}
		qm := calendar.NewLunarFromYmd(y, 6, 1).GetJieQiTable()["清明"]
		if qm == nil || qm.GetYear() != y {
			fmt.Fprintf(os.Stderr, "year %d: no 清明\n", y)
			os.Exit(1)
		}
		fmt.Fprintf(w, "%d\t%04d-%02d-%02d\t%d\t%s\t%04d-%02d-%02d\n", y, ny.GetYear(), ny.GetMonth(), ny.GetDay(),
			ly.GetLeapMonth(), months, qm.GetYear(), qm.GetMonth(), qm.GetDay())
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
