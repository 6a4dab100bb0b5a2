package pipeline

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"
)

// headerLines is how many non-blank lines at the top of an article are
// searched for its date.
const headerLines = 5

// headerDate matches a full date as a dateline or byline writes it:
// 2025年7月19日, 2025-08-29, 2025/8/29, 2025.8.29.
var headerDate = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})(?:年([0-9]{1,2})月([0-9]{1,2})日|([-/.])([0-9]{1,2})([-/.])([0-9]{1,2}))(?:[^0-9]|$)`)

// HeaderDate returns the first full calendar date in the first five
// non-blank lines of text, and whether there is one. Full-width digits
// count; an impossible date (2025-02-30) does not.
func HeaderDate(text string) (time.Time, bool) {
	n := 0
	for line := range strings.Lines(text) {
		if strings.TrimSpace(line) == "" {
			continue
		}
		if n++; n > headerLines {
			break
		}
		line = width.Narrow.String(line)
		for _, m := range headerDate.FindAllStringSubmatch(line, -1) {
			month, day := m[2], m[3]
			if m[4] != "" {
				if m[4] != m[6] {
					continue // 2025-8/29 is no date
				}
				month, day = m[5], m[7]
			}
			if d, ok := civil(m[1], month, day); ok {
				return d, true
			}
		}
	}
	return time.Time{}, false
}

// civil returns the date year-month-day, if it exists.
func civil(year, month, day string) (time.Time, bool) {
	y, _ := strconv.Atoi(year)
	mo, _ := strconv.Atoi(month)
	d, _ := strconv.Atoi(day)
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if mo < 1 || mo > 12 || d < 1 || t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}
