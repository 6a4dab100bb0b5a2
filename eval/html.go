package eval

import (
	"fmt"
	"io"
	"strconv"

	"github.com/cnie/cnie/show"
)

// WriteHTML writes the report as one self-contained HTML page (no script,
// nothing loaded from the network): the figures per type, the errors
// counted by type and kind, the documents linked to their errors, then
// every error with its context in the gold text, the gold span and the
// predicted one marked differently, the predicted value and the rule that
// fired where the record names one. title says what was scored.
func (r *Report) WriteHTML(w io.Writer, gold Set, title string) error {
	all := 0
	for _, t := range r.Types {
		all += r.ByType[t].Gold
	}
	page := &show.Report{
		Title: title,
		Notes: []string{fmt.Sprintf("%d documents (no prediction for %d), %d gold mentions", r.Docs, r.MissingDocs, all)},
		Head:  []string{"type", "gold", "strict P", "strict R", "strict F1", "lenient F1", "value acc", "value F1", "qualifier/grain"},
	}
	f3 := func(f float64) string { return strconv.FormatFloat(f, 'f', 3, 64) }
	for _, t := range r.Types {
		c := r.ByType[t]
		s := c.Strict()
		d := "–"
		if acc, ok := c.DetailAcc(); ok {
			d = f3(acc)
		}
		page.Rows = append(page.Rows, []string{t, strconv.Itoa(c.Gold), f3(s.P), f3(s.R), f3(s.F1), f3(c.Lenient().F1), f3(c.ValueAcc()), f3(c.ValueF1()), d})
	}
	sf, vf := r.Micro()
	page.Footer = append(page.Footer, fmt.Sprintf("micro strict F1 %.3f, micro value F1 %.3f", sf, vf))
	for _, t := range []string{"org", "country"} {
		if s := r.DocSets[t]; s != nil {
			p := s.PRF()
			page.Footer = append(page.Footer, fmt.Sprintf("document-level %s set: P %.3f R %.3f F1 %.3f", t, p.P, p.R, p.F1))
		}
	}
	byDoc := map[string][]show.ReportError{}
	for _, e := range r.Errors {
		byDoc[e.DocID] = append(byDoc[e.DocID], show.ReportError{Type: e.Type, Kind: e.Kind, Gold: mentionOf(e.Gold), Pred: mentionOf(e.Pred)})
	}
	for _, d := range gold.Sorted() {
		page.Docs = append(page.Docs, show.ReportDoc{DocID: d.ID, Source: d.File, Text: d.Text, Errors: byDoc[d.ID]})
	}
	return show.WriteReport(w, page)
}

// mentionOf is the page's mention of a gold or predicted one (nil for
// none, or for one without a type or span).
func mentionOf(m Mention) *show.Mention {
	if m == nil {
		return nil
	}
	sm, ok := show.MentionOf(m, "")
	if !ok {
		return nil
	}
	return &sm
}
