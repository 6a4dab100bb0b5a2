// Package pipeline turns one article into its record: normalise (with an
// offset map back to the raw text), segment, extract, resolve overlaps, and
// map every mention back to raw code-point offsets.
package pipeline

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/extract"
	"github.com/cnie/cnie/extract/amount"
	"github.com/cnie/cnie/extract/country"
	"github.com/cnie/cnie/extract/date"
	"github.com/cnie/cnie/extract/org"
	"github.com/cnie/cnie/extract/user"
	"github.com/cnie/cnie/lexicon"
	"github.com/cnie/cnie/locale"
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
	// Explain writes beside each entity the name of the rule that found it
	// (the --explain flag).
	Explain bool
	// Lexicons are the user lexicon folders laid over the embedded
	// lexicons (the --lexicon flag; see lexicon.Load) for this pipeline
	// alone; nil is the embedded lexicons alone.
	Lexicons []string
	// LexiconSet, if not nil, is Lexicons already loaded (lexicon.Load, as
	// cnie run does to validate them before it starts): New uses it and
	// does not read the folders again.
	LexiconSet *lexicon.Set
	// Locale is the locale of articles that bring none (the --locale flag:
	// CN, HK, TW, MO, SG or MY); "" lets each article's text tell, and CN
	// where it tells nothing.
	Locale string
}

// Pipeline processes articles. It is safe for concurrent use.
type Pipeline struct {
	opt        Options
	seg        *segment.Segmenter
	extractors []extract.Extractor
	user       *user.Extractor // the user's pattern rules, nil if none
	version    string          // the records' version (Version and lx's hash)
}

// New builds a pipeline: it loads the segmenter (once per process) and every
// extractor's lexicons, the embedded ones with opt.Lexicons laid over them.
// Pipelines built with other folders in one process do not share them.
func New(opt Options) (*Pipeline, error) {
	lx := opt.LexiconSet
	if lx == nil {
		var err error
		if lx, err = lexicon.Load(opt.Lexicons...); err != nil {
			return nil, err
		}
	}
	users, err := user.New(lx)
	if err != nil {
		return nil, err
	}
	seg, err := segment.Load()
	if err != nil {
		return nil, err
	}
	amounts, err := amount.New(lx)
	if err != nil {
		return nil, err
	}
	dates, err := date.New(lx)
	if err != nil {
		return nil, err
	}
	countries, err := country.New(seg, lx)
	if err != nil {
		return nil, err
	}
	orgs, err := org.New(seg, countries, lx)
	if err != nil {
		return nil, err
	}
	return &Pipeline{opt: opt, seg: seg, extractors: []extract.Extractor{amounts, dates, countries, orgs},
		user: users, version: recordVersion(lx)}, nil
}

// Version returns what every record of p carries in its version field:
// Version and the hash of p's lexicons, user folders included.
func (p *Pipeline) Version() string { return p.version }

// Process returns the record of one article. An article a user pattern
// rule times out on panics with the error (see ProcessArticle).
func (p *Pipeline) Process(a corpus.Article) record.Record {
	rec, err := p.ProcessArticle(a)
	if err != nil {
		panic(err)
	}
	return rec
}

// ProcessArticle returns the record of one article, or an error when a user
// pattern rule (package extract/user) timed out on it: the article then
// has no record, and the caller writes an error record for it.
func (p *Pipeline) ProcessArticle(a corpus.Article) (rec record.Record, err error) {
	if p.user != nil {
		defer func() {
			if v := recover(); v != nil {
				e, ok := v.(userError)
				if !ok {
					panic(v)
				}
				rec, err = record.Record{}, e.error
			}
		}()
	}
	return p.process(a), nil
}

// userError carries a user rule's error out of a window.
type userError struct{ error }

// process returns the record of one article.
func (p *Pipeline) process(a corpus.Article) record.Record {
	rec := record.Record{
		DocID:    a.ID,
		Source:   a.Source,
		Line:     a.Line,
		Title:    a.Title,
		SHA256:   corpus.SHA256(a.Text),
		Version:  p.version,
		Warnings: a.Warnings,
		Entities: []record.Entity{},
	}
	// The normalised view of the first window (the whole of most articles),
	// which that window reuses: the script and the locale are read in it.
	first := a.Text[:windowEnd(a.Text, windowBytes)]
	view := normalize.New(first)
	if len(first) == len(a.Text) {
		rec.Script = string(view.Script())
	} else {
		script, _, _ := normalize.DetectScript(a.Text)
		rec.Script = string(script)
	}
	// The locale: the input's, the run's, else what the text names.
	loc, from := locale.Locale(a.Locale), locale.FromInput
	if loc == "" {
		loc, from, _ = locale.Choose("", locale.Locale(p.opt.Locale), view.Text)
	}
	rec.Locale, rec.LocaleSource = string(loc), from
	// The reference date, after the locale: a Taiwanese dateline may write
	// an ROC year bare (113/12/10).
	ref, src := p.refDate(a, rec.Locale)
	rec.RefDateSource = src
	if !ref.IsZero() {
		s := ref.Format(time.DateOnly)
		rec.RefDate = &s
	}
	// A long article is processed a window at a time, so that its working
	// memory (the normalised view and its offset map, the tokens, the
	// mentions: about 40 times the text) is that of one window.
	base := 0 // code points before the window
	var parts [][]record.Entity
	for rest := a.Text; rest != ""; {
		part := rest[:windowEnd(rest, windowBytes)]
		rest = rest[len(part):]
		if rest == "" && parts == nil { // the whole article: one window
			rec.Entities = p.window(part, view, base, ref, rec.Locale, rec.Entities)
		} else {
			parts = append(parts, p.window(part, view, base, ref, rec.Locale, nil))
		}
		view = nil
		base += utf8.RuneCountInString(part)
	}
	rec.Chars = base
	if parts != nil {
		// The windows' entities, in one slice of the exact size rather
		// than one grown by copying (a long article has hundreds of
		// thousands of entities).
		n := 0
		for _, p := range parts {
			n += len(p)
		}
		rec.Entities = make([]record.Entity, 0, n)
		for i, p := range parts {
			rec.Entities = append(rec.Entities, p...)
			parts[i] = nil
		}
	}
	return rec
}

// WindowBytes is the size of the windows a long article is processed in:
// an article up to this size is processed whole; a longer one is cut, at a
// paragraph's end where there is one in the last half of a window, else at
// a sentence's end, a line break or a character. No mention spans two
// windows, and what an extractor learns from the text (a short form it
// defines, a name written in full) does not reach past its window.
const WindowBytes = 256 << 10

// windowBytes is WindowBytes, smaller in tests.
var windowBytes = WindowBytes

// windowEnd returns where the first window of s ends: len(s) if s fits in
// max bytes, else a cut point in (max/2, max], on a code-point boundary.
func windowEnd(s string, max int) int {
	if len(s) <= max {
		return len(s)
	}
	half := max / 2
	// A line that ends a sentence: the end of a paragraph in news text,
	// and never the middle of a word wrapped across lines.
	for i := max - 1; i > half; i-- {
		if s[i] == '\n' {
			if r, _ := utf8.DecodeLastRuneInString(s[:i]); sentenceEnd(r) {
				return i + 1
			}
		}
	}
	for i := max; i > half; {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if sentenceEnd(r) {
			return i
		}
		i -= size
	}
	if i := strings.LastIndexByte(s[half:max], '\n'); i >= 0 {
		return half + i + 1
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	if i == 0 { // no code point starts in the first max bytes: invalid text
		return max
	}
	return i
}

// sentenceEnd reports whether r ends a sentence.
func sentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '；', '!', '?', '”', '」', '』':
		return true
	}
	return false
}

// window extracts the mentions of part, a piece of an article that starts
// base code points into it, and appends them to ents as entities with
// offsets into the article. view is part's normalised view, or nil.
func (p *Pipeline) window(part string, view *normalize.View, base int, ref time.Time, loc string, ents []record.Entity) []record.Entity {
	if view == nil {
		view = normalize.New(part)
	}
	doc := &extract.Doc{Text: view.Text, Ref: ref, Locale: loc}
	doc.Tokens = p.seg.Cut(view.Text, nil)
	var ms []extract.Mention
	for _, x := range p.extractors {
		ms = x.Extract(doc, ms)
	}
	var us []extract.Mention
	if p.user != nil {
		var err error
		if us, err = p.user.Find(doc, nil); err != nil {
			panic(userError{err})
		}
	}
	ms = extract.Resolve(ms)
	ms = p.user.Settle(ms, us)

	offsets := runeOffsets(part)
	for i := range ms {
		if !sane(&ms[i], view.Text) {
			continue
		}
		e := entity(&ms[i], view, part, offsets)
		e.Start += base
		e.End += base
		if p.opt.Explain {
			e.Rule = ms[i].Rule
		}
		ents = append(ents, e)
	}
	return ents
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
func (p *Pipeline) refDate(a corpus.Article, loc string) (time.Time, string) {
	if d, ok := ParseDate(a.Published); ok {
		return d, record.RefInput
	}
	if d, ok := HeaderDateIn(a.Text, loc); ok {
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
		ID:        m.ID,
		Attrs:     m.Attrs,
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
