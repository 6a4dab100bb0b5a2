package pipeline

import (
	"strings"
	"time"

	"golang.org/x/text/width"

	"github.com/cnie/cnie/extract/date"
)

// headerLines is how many non-blank lines at the top of an article are
// searched for its date.
const headerLines = 5

// HeaderDate returns the first full calendar date in the first five
// non-blank lines of text, and whether there is one: a date as a dateline or
// byline writes it (2025年7月19日, 2025-08-29, 2025/8/29, 2025.8.29), read by
// the date extractor's own rules (date.FirstFullDate). Full-width digits
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
		if d, ok := date.FirstFullDate(width.Narrow.String(line)); ok {
			return d, true
		}
	}
	return time.Time{}, false
}
