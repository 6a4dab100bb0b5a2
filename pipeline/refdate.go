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
// the date extractor's own rules (date.FirstFullDate), or with a Republic
// of China year marked as one (民國113年12月10日, date.FirstROCDate). Full-width
// digits count; an impossible date (2025-02-30) does not. It is
// HeaderDateIn with no locale.
func HeaderDate(text string) (time.Time, bool) { return HeaderDateIn(text, "") }

// HeaderDateIn is HeaderDate for an article of the locale loc (CN, HK, TW,
// MO, SG, MY or ""): in a Taiwanese article (TW) a line with no Gregorian
// date may also give an ROC date without 民國 (113/12/10, 113年12月10日).
// Scripts do not matter: 民國 and 民国 both mark an ROC year.
func HeaderDateIn(text, loc string) (time.Time, bool) {
	n := 0
	for line := range strings.Lines(text) {
		if strings.TrimSpace(line) == "" {
			continue
		}
		if n++; n > headerLines {
			break
		}
		line = width.Narrow.String(line)
		if d, ok := date.FirstFullDate(line); ok {
			return d, true
		}
		if d, ok := date.FirstROCDate(line, loc == "TW"); ok {
			return d, true
		}
	}
	return time.Time{}, false
}
