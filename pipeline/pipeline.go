// Package pipeline turns one article into its record: normalise (with an
// offset map back to the raw text), segment, extract, resolve overlaps, and
// map every mention back to raw code-point offsets.
package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/extract"
	"github.com/cnie/cnie/normalize"
	"github.com/cnie/cnie/record"
	"github.com/cnie/cnie/segment"
)

// Options sets how articles are processed. The zero value uses no fallback
// reference date.
type Options struct {
	// RefDate is the reference date for articles that bring none (the
	// --ref-date flag); the zero time means none.
	RefDate time.Time
}

// Pipeline processes articles. It is safe for concurrent use.
type Pipeline struct {
	opt        Options
	seg        *segment.Segmenter
	extractors []extract.Extractor
}

// New builds a pipeline: it loads the segmenter (once per process) and every
// extractor's lexicons.
func New(opt Options) (*Pipeline, error) {
	seg, err := segment.Load()
	if err != nil {
		return nil, err
	}
	amounts, err := extract.NewAmounts()
	if err != nil {
		return nil, err
	}
	dates, err := extract.NewDates()
	if err != nil {
		return nil, err
	}
	countries, err := extract.NewCountries(seg)
	if err != nil {
		return nil, err
	}
	orgs, err := extract.NewOrgs(seg, countries)
	if err != nil {
		return nil, err
	}
	return &Pipeline{opt: opt, seg: seg, extractors: []extract.Extractor{amounts, dates, countries, orgs}}, nil
}

// Process returns the record of one article.
func (p *Pipeline) Process(a corpus.Article) record.Record {
	sum := sha256.Sum256([]byte(a.Text))
	rec := record.Record{
		DocID:    a.ID,
		Source:   a.Source,
		Line:     a.Line,
		Title:    a.Title,
		SHA256:   hex.EncodeToString(sum[:]),
		Version:  recordVersion,
		Chars:    utf8.RuneCountInString(a.Text),
		Entities: []record.Entity{},
	}
	ref, src := p.refDate(a)
	rec.RefDateSource = src
	if !ref.IsZero() {
		s := ref.Format(time.DateOnly)
		rec.RefDate = &s
	}

	view := normalize.New(a.Text)
	doc := &extract.Doc{Text: view.Text, Ref: ref}
	doc.Tokens = p.seg.Cut(view.Text, nil)
	var ms []extract.Mention
	for _, x := range p.extractors {
		ms = x.Extract(doc, ms)
	}
	ms = extract.Resolve(ms)

	offsets := runeOffsets(a.Text)
	for i := range ms {
		if !sane(&ms[i], view.Text) {
			continue
		}
		rec.Entities = append(rec.Entities, entity(&ms[i], view, a.Text, offsets))
	}
	return rec
}

// sane reports whether a mention keeps the promises of a record: a
// non-empty span inside the text on code-point boundaries, and dates both
// known or both unknown, the end not before the start. A mention that breaks
// them is an extractor's bug (FuzzArticle found an empty org span on
// "/记者"); it is left out rather than written as an entity that readers of
// the record cannot trust. The extractors' own tests and fuzz targets are
// where such bugs must be caught: this guard only keeps them out of records.
func sane(m *extract.Mention, text string) bool {
	if m.Start < 0 || m.End > len(text) || m.Start >= m.End ||
		!utf8.RuneStart(text[m.Start]) || (m.End < len(text) && !utf8.RuneStart(text[m.End])) {
		return false
	}
	if m.StartDate.IsZero() != m.EndDate.IsZero() || m.EndDate.Before(m.StartDate) {
		return false
	}
	return true
}

// refDate picks the article's reference date: its published date as written,
// else a full date in its first lines, else the --ref-date flag, else none.
func (p *Pipeline) refDate(a corpus.Article) (time.Time, string) {
	if d, ok := ParseDate(a.Published); ok {
		return d, record.RefInput
	}
	if d, ok := HeaderDate(a.Text); ok {
		return d, record.RefHeader
	}
	if !p.opt.RefDate.IsZero() {
		return p.opt.RefDate, record.RefFlag
	}
	return time.Time{}, record.RefNone
}

// ParseDate reads the calendar date of a published field as written: a date
// (2025-04-12) or an RFC 3339 date-time (2025-04-12T23:30:00-05:00 is
// 2025-04-12, whatever its zone). It reports false for anything else.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 10 {
		return time.Time{}, false
	}
	d, err := time.Parse(time.DateOnly, s[:10])
	if err != nil {
		return time.Time{}, false
	}
	if rest := s[10:]; rest != "" {
		if _, err := time.Parse(time.RFC3339Nano, s); err != nil {
			if _, err := time.Parse(time.DateTime, s); err != nil {
				return time.Time{}, false
			}
		}
	}
	return d, true
}

// entity maps a mention of the view back to the raw text.
func entity(m *extract.Mention, view *normalize.View, raw string, offsets []int) record.Entity {
	rs, re := view.Span(m.Start, m.End)
	e := record.Entity{
		Type:      string(m.Type),
		Start:     rs,
		End:       re,
		Text:      raw[offsets[rs]:offsets[re]],
		Currency:  m.Currency,
		Unit:      m.Unit,
		Qualifier: m.Qualifier,
		Grain:     m.Grain,
		Canonical: m.Canonical,
		Code:      m.Code,
		Name:      m.Name,
	}
	switch m.Type {
	case extract.Money, extract.Percent, extract.Quantity:
		v := m.Value
		e.Value = &v
	case extract.Date:
		if !m.StartDate.IsZero() {
			e.StartDate = m.StartDate.Format(time.DateOnly)
			e.EndDate = m.EndDate.Format(time.DateOnly)
		}
	}
	return e
}

// runeOffsets returns the byte offset of every code point of s, and len(s)
// at the end.
func runeOffsets(s string) []int {
	off := make([]int, 0, len(s)+1)
	for i := range s {
		off = append(off, i)
	}
	return append(off, len(s))
}
