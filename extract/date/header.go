package date

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cnie/cnie/extract/number"
)

// FirstFullDate returns the first possible full calendar date in line
// written with Arabic digits, as a dateline or by-line writes it, read by
// the rules date/month-day (2025年7月19日) and date/numeric (2025-08-29,
// 2025/8/29, 2025.8.29); the year is 1900-2099 and no digit stands right
// before or after. The pipeline takes an article's reference date from its
// first lines with it. A date read but impossible (2025-02-30, 2025-8/29)
// takes its text and the character after it: the search goes on after
// them.
func FirstFullDate(line string) (time.Time, bool) {
	next := 0 // where the character before a date may start
	for i := 0; i < len(line); i++ {
		if i > 0 {
			_, size := utf8.DecodeLastRuneInString(line[:i])
			if i-size < next || isDigit(line[i-1]) {
				continue
			}
		}
		y, m, d, n, ok := fullDateAt(line[i:])
		if !ok {
			continue
		}
		if t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC); m >= 1 && m <= 12 && d >= 1 && t.Day() == d {
			return t, true
		}
		_, size := utf8.DecodeRuneInString(line[i+n:]) // the character after it
		next = i + n + size
		i = next - 1
	}
	return time.Time{}, false
}

// fullDateAt reads the shape of a full date at the start of s with Arabic
// digits, not followed by a digit: its year, month and day as written (not
// checked; month 0 for a numeric date whose two separators differ) and its
// length; ok is false where s starts with none.
func fullDateAt(s string) (y, m, d, n int, ok bool) {
	if len(s) < 5 || !isDigit(s[0]) || !strings.HasPrefix(s, "19") && !strings.HasPrefix(s, "20") {
		return 0, 0, 0, 0, false
	}
	if mm := numericDateRe.FindStringSubmatchIndex(s[:min(len(s), 16)]); mm != nil {
		y, _, _ = number.Year(s[mm[2]:mm[3]])
		m, _, _ = number.Small(s[mm[6]:mm[7]], 12)
		d, _, _ = number.Small(s[mm[10]:mm[11]], 31)
		if s[mm[4]:mm[5]] != s[mm[8]:mm[9]] {
			m = 0 // 2025-8/29: read, and no date
		}
		return y, m, d, mm[11], true
	}
	if !isDigit(s[2]) || !isDigit(s[3]) || !strings.HasPrefix(s[4:], "年") {
		return 0, 0, 0, 0, false
	}
	y, _, _ = number.Year(s[:4])
	n = 4 + len("年")
	m, k := arabicSmall(s[n:])
	if k == 0 || !strings.HasPrefix(s[n+k:], "月") {
		return 0, 0, 0, 0, false
	}
	n += k + len("月")
	d, k = arabicSmall(s[n:])
	if k == 0 || !strings.HasPrefix(s[n+k:], "日") {
		return 0, 0, 0, 0, false
	}
	n += k + len("日")
	if n < len(s) && isDigit(s[n]) {
		return 0, 0, 0, 0, false
	}
	return y, m, d, n, true
}

// arabicSmall reads one or two Arabic digits not followed by a third: the
// value and the length, 0 for none.
func arabicSmall(s string) (int, int) {
	if s == "" || !isDigit(s[0]) {
		return 0, 0
	}
	v, n, _ := number.Small(s, 99)
	return v, n
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
