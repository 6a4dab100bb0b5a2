package extract

import (
	"fmt"
	"strings"

	"github.com/cnie/cnie/lexicon"
)

// hedges finds the hedge words beside an amount (lexicon/hedges.tsv).
// The zero value finds none.
type hedges struct {
	before, after map[string]string // word -> qualifier
	maxLen        int               // longest word, in bytes
}

func loadHedges() (hedges, error) {
	rows, err := lexicon.Read("hedges.tsv", 3, 3)
	if err != nil {
		return hedges{}, err
	}
	h := hedges{before: map[string]string{}, after: map[string]string{}}
	for _, r := range rows {
		w, where, q := r.Fields[0], r.Fields[1], r.Fields[2]
		if q != Approx && q != Over && q != Under {
			return hedges{}, fmt.Errorf("lexicon: hedges.tsv:%d: unknown qualifier %q", r.Line, q)
		}
		switch where {
		case "before":
			h.before[w] = q
		case "after":
			h.after[w] = q
		default:
			return hedges{}, fmt.Errorf("lexicon: hedges.tsv:%d: position must be before or after, not %q", r.Line, where)
		}
		h.maxLen = max(h.maxLen, len(w))
	}
	return h, nil
}

// qualifier returns the qualifier of the amount text[start:end]: the longest
// hedge that ends at start or begins at end ("" if none). A hedge before the
// amount takes precedence.
func (h *hedges) qualifier(text string, start, end int) string {
	if q := longestSuffix(text[:start], h.before, h.maxLen); q != "" {
		return q
	}
	return longestPrefix(text[end:], h.after, h.maxLen)
}

// longestSuffix returns the value of the longest key of m that s ends with.
func longestSuffix(s string, m map[string]string, maxLen int) string {
	best, bestLen := "", 0
	for i := len(s) - 1; i >= 0 && len(s)-i <= maxLen; i-- {
		if v, ok := m[s[i:]]; ok && len(s)-i > bestLen {
			best, bestLen = v, len(s)-i
		}
	}
	return best
}

// longestPrefix returns the value of the longest key of m that s starts with.
func longestPrefix(s string, m map[string]string, maxLen int) string {
	best := ""
	for n := 1; n <= maxLen && n <= len(s); n++ {
		if v, ok := m[s[:n]]; ok {
			best = v
		}
	}
	return best
}

// byLength sorts words longest first, so an alternation tries 元人民币
// before 元.
func byLength(words []string) []string {
	out := append([]string(nil), words...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j]) > len(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// alternation returns a regexp alternation of the quoted words, longest
// first.
func alternation(words []string, quote func(string) string) string {
	ws := byLength(words)
	for i := range ws {
		ws[i] = quote(ws[i])
	}
	return strings.Join(ws, "|")
}
