package date

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cnie/cnie/lexicon"
)

// word is a word of lexicon/date_words.tsv with what it means: a kind of
// point and a number (an offset, a part, a season).
type word struct {
	w    string
	kind int
	n    int
	// bound marks a relative year that is a date only with a period
	// after it (上年三季度; 上年 alone is left to the context).
	bound bool
}

// words are the date rules' words, by role, in file order (the first that
// matches wins).
type words struct {
	yearRelative, yearPart, yearPeriod, season, monthPart, monthPartRelative, relative, ago []word
	yearRelativeNot, yearDuration, yearPartNot, nowadays, planAfter                         []string
	// The long tail (issue #17): relative quarters, halves and fiscal
	// years, weekdays, festivals and lunar months.
	relQuarter, relHalf, fiscalRelative, fiscalPart, weekday, lunarMonth           []word
	festival, festivalShort                                                        []festival
	fiscalWord, haoNot, festivalAfter, dateName, yearTwoNotBefore, yearTwoNotAfter []string
}

// festival is a festival word and the day it names: a Gregorian month and
// day (fSolar), a lunar one (fLunar), the eve of 春节 (fEve), the solar term
// 清明 (fQingming), or the national day (fNational: 1 October, 10 October in
// Taiwan).
type festival struct {
	w          string
	kind       int
	month, day int
}

// Kinds of festival.
const (
	fSolar = iota
	fLunar
	fEve
	fQingming
	fNational
)

// parseFestival reads a festival's value: solar:M-D, lunar:M-D, eve,
// qingming or national.
func parseFestival(w, v string) (festival, bool) {
	f := festival{w: w}
	switch v {
	case "eve":
		f.kind = fEve
		return f, true
	case "qingming":
		f.kind = fQingming
		return f, true
	case "national":
		f.kind = fNational
		return f, true
	}
	kind, md, ok := strings.Cut(v, ":")
	if !ok || kind != "solar" && kind != "lunar" {
		return f, false
	}
	ms, ds, ok := strings.Cut(md, "-")
	m, err1 := strconv.Atoi(ms)
	d, err2 := strconv.Atoi(ds)
	if !ok || err1 != nil || err2 != nil || m < 1 || m > 12 || d < 1 || d > 30 {
		return f, false
	}
	f.kind, f.month, f.day = fSolar, m, d
	if kind == "lunar" {
		f.kind = fLunar
	}
	return f, true
}

// Values of the roles that name a kind rather than a number.
var (
	yearPartKinds   = map[string]word{"start": {kind: kYearStart}, "end": {kind: kYearEnd}, "year": {kind: kYear}}
	yearPeriodKinds = map[string]word{"half1": {kind: kHalf, n: 1}, "half2": {kind: kHalf, n: 2}, "start": {kind: kYearStart}, "end": {kind: kYearEnd}, "year": {kind: kYear}}
	agoKinds        = map[string]word{"year": {kind: kYear}, "month": {kind: kRelMonth}, "day": {kind: kRelDay}, "week": {kind: kWeek}}
	relativeKinds   = map[string]int{"relative-day": kRelDay, "relative-week": kWeek, "relative-month": kRelMonth}
)

// loadWords reads lexicon/date_words.tsv; a value its role does not allow is
// an error naming the line.
func loadWords(lx *lexicon.Set) (*words, error) {
	const file = "date_words.tsv"
	rows, err := lx.Read(file, 3, 3)
	if err != nil {
		return nil, err
	}
	ws := &words{}
	for _, r := range rows {
		w, role, v := r.Fields[0], r.Fields[1], r.Fields[2]
		bad := func(want string) error {
			return fmt.Errorf("lexicon: %s:%d: %s of %s must be %s, not %q", file, r.Line, role, w, want, v)
		}
		num := func(lo, hi int) (int, error) {
			n, err := strconv.Atoi(v)
			if err != nil || n < lo || n > hi {
				return 0, bad(fmt.Sprintf("a number from %d to %d", lo, hi))
			}
			return n, nil
		}
		kindOf := func(m map[string]word, dst *[]word) error {
			k, ok := m[v]
			if !ok {
				return bad("one of the kinds the header lists")
			}
			k.w = w
			*dst = append(*dst, k)
			return nil
		}
		numbered := func(dst *[]word, kind, lo, hi int) error {
			n, err := num(lo, hi)
			*dst = append(*dst, word{w: w, kind: kind, n: n})
			return err
		}
		plain := func(dst *[]string) error {
			if v != "-" {
				return bad("-")
			}
			*dst = append(*dst, w)
			return nil
		}
		switch role {
		case "year-relative":
			err = numbered(&ws.yearRelative, kYear, -10, 10)
		case "year-part":
			err = kindOf(yearPartKinds, &ws.yearPart)
		case "year-period":
			err = kindOf(yearPeriodKinds, &ws.yearPeriod)
		case "season":
			err = numbered(&ws.season, kSeason, 0, 3)
		case "month-part":
			err = numbered(&ws.monthPart, kMonthPart, 1, 3)
		case "month-part-relative":
			err = numbered(&ws.monthPartRelative, kRelMonthPart, 1, 3)
		case "relative-day", "relative-week", "relative-month":
			err = numbered(&ws.relative, relativeKinds[role], -10, 10)
		case "ago":
			err = kindOf(agoKinds, &ws.ago)
		case "year-relative-not":
			err = plain(&ws.yearRelativeNot)
		case "year-duration":
			err = plain(&ws.yearDuration)
		case "year-part-not":
			err = plain(&ws.yearPartNot)
		case "nowadays":
			err = plain(&ws.nowadays)
		case "plan-after":
			err = plain(&ws.planAfter)
		case "year-relative-bound":
			var k []word
			if err = numbered(&k, kYear, -10, 10); err == nil {
				k[0].bound = true
				ws.yearRelative = append(ws.yearRelative, k[0])
			}
		case "relative-quarter":
			err = numbered(&ws.relQuarter, kRelQuarter, -10, 10)
		case "relative-half":
			err = numbered(&ws.relHalf, kRelHalf, -10, 10)
		case "fiscal-relative":
			err = numbered(&ws.fiscalRelative, kFiscal, -10, 10)
		case "fiscal-part":
			err = numbered(&ws.fiscalPart, kFiscal, 1, 2)
		case "weekday":
			err = numbered(&ws.weekday, kWeekDay, 1, 7)
		case "lunar-month":
			err = numbered(&ws.lunarMonth, kLunar, 1, 12)
		case "festival", "festival-short":
			f, ok := parseFestival(w, v)
			if !ok {
				err = bad("solar:M-D, lunar:M-D, eve, qingming or national")
			} else if role == "festival" {
				ws.festival = append(ws.festival, f)
			} else {
				ws.festivalShort = append(ws.festivalShort, f)
			}
		case "fiscal-word":
			err = plain(&ws.fiscalWord)
		case "hao-not":
			err = plain(&ws.haoNot)
		case "festival-after":
			err = plain(&ws.festivalAfter)
		case "date-name":
			err = plain(&ws.dateName)
		case "year-two-not-before":
			err = plain(&ws.yearTwoNotBefore)
		case "year-two-not-after":
			err = plain(&ws.yearTwoNotAfter)
		default: // lexicon.Read has checked the role
			err = fmt.Errorf("lexicon: %s:%d: role %q has no rule", file, r.Line, role)
		}
		if err != nil {
			return nil, err
		}
	}
	return ws, nil
}
