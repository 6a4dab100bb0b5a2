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

// rocPrefixes are the words that mark a Republic of China year, traditional
// and simplified (a header is read before the script is folded).
var rocPrefixes = []string{"中華民國", "中华民国", "民國", "民国"}

// FirstROCDate returns the first full date in line with a Republic of China
// year (the year + 1911), as a Taiwanese dateline writes it: 民國113年12月10日
// (digits Arabic or Chinese, 中華民國 too), and where bare is set (a
// Taiwanese article) 113年12月10日 and 113/12/10 without 民國. An impossible
// date is passed over.
func FirstROCDate(line string, bare bool) (time.Time, bool) {
	for i := 0; i < len(line); {
		s := line[i:]
		_, size := utf8.DecodeRuneInString(s)
		prevDigit := i > 0 && isDigit(line[i-1])
		k, marked := 0, false
		for _, p := range rocPrefixes {
			if strings.HasPrefix(s, p) {
				k, marked = len(p), true
				break
			}
		}
		if (marked || bare && !prevDigit && isDigit(s[0])) && k < len(s) {
			if t, ok := rocDateAt(s[k:], marked); ok {
				return t, true
			}
		}
		i += size
	}
	return time.Time{}, false
}

// rocDateAt reads an ROC year, month and day at the start of s: N年M月D日,
// or N/M/D where the year is bare (no 民國); the year has two or three
// Arabic digits, or Chinese ones after 民國.
func rocDateAt(s string, marked bool) (time.Time, bool) {
	y, n, ok := rocNumber(s)
	if !ok || !marked && (n < 2 || !isDigit(s[0])) {
		return time.Time{}, false
	}
	var m, d, l int
	rest := s[n:]
	switch {
	case strings.HasPrefix(rest, "年"):
		rest = rest[len("年"):]
		if m, l, ok = number.Small(rest, 12); !ok || !strings.HasPrefix(rest[l:], "月") {
			return time.Time{}, false
		}
		rest = rest[l+len("月"):]
		if d, l, ok = number.Small(rest, 31); !ok || !strings.HasPrefix(rest[l:], "日") {
			return time.Time{}, false
		}
	case strings.HasPrefix(rest, "/") && !marked:
		rest = rest[1:]
		if m, l, ok = number.Small(rest, 12); !ok || !strings.HasPrefix(rest[l:], "/") || !isDigit(rest[0]) {
			return time.Time{}, false
		}
		rest = rest[l+1:]
		if d, l, ok = number.Small(rest, 31); !ok || !isDigit(rest[0]) {
			return time.Time{}, false
		}
	default:
		return time.Time{}, false
	}
	t := time.Date(y+1911, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t, t.Day() == d
}
