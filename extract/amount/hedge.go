package amount

import (
	"fmt"

	"github.com/cnie/cnie/extract"
	"github.com/cnie/cnie/lexicon"
)

// hedges finds the hedge words beside an amount (lexicon/hedges.tsv).
// The zero value finds none.
type hedges struct {
	before, after map[string]string // word -> qualifier
	not           map[string]bool   // words that end in a hedge and are none
	maxLen        int               // longest word, in bytes
}

func loadHedges(lx *lexicon.Set) (hedges, error) {
	rows, err := lx.Read("hedges.tsv", 3, 3)
	if err != nil {
		return hedges{}, err
	}
	h := hedges{before: map[string]string{}, after: map[string]string{}, not: map[string]bool{}}
	for _, r := range rows {
		w, where, q := r.Fields[0], r.Fields[1], r.Fields[2]
		if where == "not" {
			h.not[w] = true
			h.maxLen = max(h.maxLen, len(w))
			continue
		}
		if q != extract.Approx && q != extract.Over && q != extract.Under && where != "not" {
			return hedges{}, fmt.Errorf("lexicon: hedges.tsv:%d: unknown qualifier %q", r.Line, q)
		}
		switch where {
		case "before":
			h.before[w] = q
		case "after":
			h.after[w] = q
		default:
			return hedges{}, fmt.Errorf("lexicon: hedges.tsv:%d: position must be before, after or not, not %q", r.Line, where)
		}
		h.maxLen = max(h.maxLen, len(w))
	}
	return h, nil
}

// qualifier returns the qualifier of the amount d.Text[start:end]: the
// longest hedge that ends at start or begins at end ("" if none), a hedge
// before the amount first. A word listed as "not" that ends where the amount
// starts is no hedge: the 约 of 签约 (to sign).
func (h *hedges) qualifier(d *extract.Doc, start, end int) string {
	s := d.Text[:start]
	best, bestLen, notLen := "", 0, 0
	for i := len(s) - 1; i >= 0 && len(s)-i <= h.maxLen; i-- {
		w := s[i:]
		if v, ok := h.before[w]; ok && len(w) > bestLen {
			best, bestLen = v, len(w)
		}
		if h.not[w] {
			notLen = max(notLen, len(w))
		}
	}
	if best != "" && notLen <= bestLen {
		return best
	}
	s = d.Text[end:]
	for n := min(h.maxLen, len(s)); n >= 1; n-- {
		if v, ok := h.after[s[:n]]; ok {
			return v
		}
	}
	return ""
}

// startsAfter reports whether a hedge written after an amount (左右, 以上)
// begins s.
func (h *hedges) startsAfter(s string) bool {
	for n := min(h.maxLen, len(s)); n >= 1; n-- {
		if _, ok := h.after[s[:n]]; ok {
			return true
		}
	}
	return false
}
