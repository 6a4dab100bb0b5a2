// Package date finds calendar expressions and resolves each to an interval
// of whole days with a grain, relative ones from the reference date. Its
// rules are listed in rules.go, its words in lexicon/date_words.tsv, its
// examples in testdata/examples.tsv.
package date

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/cnie/cnie/extract"
	tx "github.com/cnie/cnie/extract/internal/text"
	"github.com/cnie/cnie/extract/number"
	"github.com/cnie/cnie/lexicon"
	"github.com/cnie/cnie/lunar"
)

// Extractor finds calendar expressions and resolves each to an interval
// of whole days with a grain, counting relative ones (今年, 上周, 6年前, 18日)
// from the document's reference date: absolute dates (2025年7月19日,
// 2025-08-29, 二〇二五年七月十九日, 2024年, 7月18日), ranges as one mention
// (4月9日至11日, 1—7月, 2024-2027年), periods (上半年, 一季度, 前三季度, 3月中旬,
// 年底, 今年秋天, 年内), relative days, weeks and months, N年前, and Chinese
// plan periods (“十四五”, “十四五”前四年). Build it with New.
type Extractor struct {
	// amountWords are units and currencies: a bare four-digit number
	// followed by one (2000吨) is an amount, not a year.
	amountWords tx.WordSet
	// words are the calendar words of lexicon/date_words.tsv.
	words *words
	// relativeStarts holds the first runes of the relative words (今, 昨,
	// 上, 月…): relative tries them only there.
	relativeStarts tx.RuneSet
	// periodStarts holds the first runes of the year-period words.
	periodStarts tx.RuneSet
	// cal is the lunar calendar of festivals and lunar dates.
	cal *lunar.Calendar
	// feastStarts holds the first runes of festivals and lunar dates
	// (春, 国, 农, 腊…): festivalAt and lunarAt try them only there.
	feastStarts tx.RuneSet
	// relIndex holds the relative words (relative-day, -week, -month,
	// -quarter, -half, fiscal-relative, month-part-relative) by first rune,
	// each rune's in that order and file order within a role.
	relIndex map[rune][]word
	// yearRelStarts holds the first runes of the relative years (今年…).
	yearRelStarts tx.RuneSet
}

// New builds the date extractor from lexicon/date_words.tsv, and
// lexicon/units.tsv and currencies.tsv (a year is no amount), of lx (nil:
// the embedded lexicons alone).
func New(lx *lexicon.Set) (*Extractor, error) {
	x := &Extractor{}
	ws, err := loadWords(lx)
	if err != nil {
		return nil, err
	}
	x.words = ws
	if x.cal, err = lunar.Load(); err != nil {
		return nil, err
	}
	x.relIndex = map[rune][]word{}
	for _, list := range [][]word{ws.relative, ws.relQuarter, ws.relHalf, ws.fiscalRelative, ws.monthPartRelative} {
		for _, w := range list {
			r := tx.FirstRune(w.w)
			x.relativeStarts.Add(r)
			x.relIndex[r] = append(x.relIndex[r], w)
		}
	}
	for _, w := range ws.yearPeriod {
		x.periodStarts.Add(tx.FirstRune(w.w))
	}
	for _, list := range [][]festival{ws.festival, ws.festivalShort} {
		for _, f := range list {
			x.feastStarts.Add(tx.FirstRune(f.w))
		}
	}
	for _, w := range ws.lunarMonth {
		x.feastStarts.Add(tx.FirstRune(w.w))
	}
	x.feastStarts.AddString("农阴")
	for _, w := range ws.yearRelative {
		x.yearRelStarts.Add(tx.FirstRune(w.w))
	}
	var words []string
	for _, f := range []string{"units.tsv", "currencies.tsv"} {
		rows, err := lx.Read(f, 2, 2)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if !strings.HasPrefix(r.Fields[0], "prefix:") {
				words = append(words, r.Fields[0])
			}
		}
	}
	if x.amountWords, err = tx.NewWordSet(words); err != nil {
		return nil, fmt.Errorf("lexicon: units.tsv, currencies.tsv: %w", err)
	}
	return x, nil
}

// Extract implements Extractor.
func (x *Extractor) Extract(d *extract.Doc, dst []extract.Mention) []extract.Mention {
	text := d.Text
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !canStartDate(r) || feastOnly.Has(r) && !x.mayFeast(text[i:]) {
			i += size
			continue
		}
		m, end, ok := x.at(d, i)
		if ok {
			dst = append(dst, m)
			i = m.End
			continue
		}
		if end > i { // a date read and impossible (2月30日, 正月三十): nothing inside it
			i = end
			continue
		}
		i += size
		if tx.IsASCIIAlnum(r) { // the rest of a word or number: no date starts inside
			for i < len(text) && tx.IsASCIIAlnum(rune(text[i])) {
				i++
			}
		}
	}
	return dst
}

// dateStarts holds every character a date expression can start with:
// digits and Chinese numerals, the quotes of a plan period (“十四五”), and the
// first characters of the words the rules read (今年, 上周, 春季, 月初…).
// Extract tries a parse only where one stands, which spares the parse at
// nine positions in ten.
const dateStarts = "0123456789〇零一二两三四五六七八九十百千万亿" + "“\"‘「" +
	"上下今去前后明昨本这春夏秋冬年月日号周季初底末中期半当近次翌同元第" +
	"首来" + feastOnlyStarts

// feastOnlyStarts are the runes that start only a festival, a lunar date or
// an ROC year (国庆, 腊月, 民国): Extract tries a date there only where one of
// their words stands (国 starts 国家 far more often than 国庆).
const feastOnlyStarts = "民农阴正腊冬除清端重劳国双"

var dateStartSet = func() *tx.RuneSet {
	s := new(tx.RuneSet)
	s.AddString(dateStarts)
	return s
}()

func canStartDate(r rune) bool { return dateStartSet.Has(r) }

var feastOnly = func() *tx.RuneSet {
	s := new(tx.RuneSet)
	s.AddString(feastOnlyStarts)
	return s
}()

// mayFeast reports whether s starts with a festival's name, a lunar month's
// word, 农历, 阴历 or 民国.
func (x *Extractor) mayFeast(s string) bool {
	if x.festivalNext(s) || hasAnyPrefix(s, []string{"农历", "阴历", "民国"}) {
		return true
	}
	for _, w := range x.words.lunarMonth {
		if strings.HasPrefix(s, w.w) {
			return true
		}
	}
	return false
}

// at reads the longest date expression that starts at byte i. Where it
// reads one that is impossible (2月30日), it returns false and its end.
func (x *Extractor) at(d *extract.Doc, i int) (extract.Mention, int, bool) {
	text := d.Text
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	r, _ := utf8.DecodeRuneInString(text[i:])
	// Nothing starts inside a word of Latin letters and digits (C919) but a
	// word of CJK characters (a line joined to a dateline: 2025-10-07今年国庆).
	if (tx.IsASCIIAlnum(prev) || prev == '.') && (number.IsNumeral(r) || strings.ContainsRune("年月日号周季“\"‘「", r)) || prev == '第' ||
		r == '第' && strings.ContainsRune("》」』", prev) { // 《奔跑吧》第二季: a series' season

		return extract.Mention{}, 0, false
	}
	// Nothing starts inside a number (十三月 is no 三月) or right after one
	// (3年内 has no 年内), nor after a date that failed (2月30日 has no 30日)
	// or after the first end of a range that failed (5-3月).
	if number.IsNumeral(prev) && (number.IsNumeral(r) || r == '年' || r == '月' || r == '日' || r == '周' || r == '季') {
		return extract.Mention{}, 0, false
	}
	if number.IsNumeral(r) {
		if prev == '月' || prev == '年' {
			return extract.Mention{}, 0, false
		}
		if sep := tx.RangeSepBefore(text[:i]); sep > 0 {
			if p2, _ := utf8.DecodeLastRuneInString(text[:i-sep]); number.IsNumeral(p2) || p2 == '年' {
				return extract.Mention{}, 0, false
			}
		}
	}
	var p, q point
	var end int
	var ok, isRange bool
	var m0rule *extract.Rule // a range's rule
	loc := d.Locale
	if p, end, ok = x.plan(text, i); !ok {
		if !tx.IsASCIIDigit(r) {
			// the forms below start with a digit
		} else if p, end, ok = x.compact(text, i); ok {
		} else if p, end, ok = x.fiscalSplit(text, i); ok {
		} else if p, end, ok = numericDate(text, i); ok {
		} else if loc == "TW" {
			p, end, ok = numericROC(text, i)
		}
		if !ok {
			p, end, ok = x.expr(text, i, nil, loc)
		}
		if ok {
			if p.kind == kFiscal {
				// no ranges of fiscal years
			} else if q2, e2, ok2 := x.rangeEnd(text, end, p, loc); ok2 {
				q, end, isRange, m0rule = q2, e2, true, rangeRule(p.kind)
			}
		} else if number.IsNumeral(r) { // a bare range starts with a year's digit
			if p, q, end, ok = x.bareRange(text, i); ok {
				isRange, m0rule = true, &rRangeYearsBare
			}
		}
	}
	if !ok {
		return extract.Mention{}, 0, false
	}
	m := extract.Mention{Type: extract.Date, Start: i, End: end, Grain: p.grain()}
	s, e, resolved, valid := p.resolve(d.Ref, d.HasRef(), x.cal)
	if isRange {
		_, e2, r2, v2 := q.resolve(d.Ref, d.HasRef(), x.cal)
		e, resolved, valid = e2, resolved && r2, valid && v2
		if resolved && e.Before(s) {
			return extract.Mention{}, 0, false
		}
	}
	if !valid {
		return extract.Mention{}, end, false
	}
	switch {
	case isRange:
		m.Rule = m0rule.Name
	case p.rule != nil:
		m.Rule = p.rule.Name
	}
	if resolved {
		m.StartDate, m.EndDate = s, e
	}
	return m, end, true
}
