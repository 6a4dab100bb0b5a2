package eval

import (
	"sort"
)

// Counts are the tallies of one entity type.
type Counts struct {
	Gold int
	// Strict: same type and span, each prediction used once.
	TP, FP, FN int
	// Lenient: overlapping spans, one to one, maximum matching.
	LTP, LFP, LFN int
	// ValueOK counts strict matches whose value is right.
	ValueOK int
	// DetailN, DetailOK: strict matches of amounts (qualifier) or dates
	// (grain), and how many agree.
	DetailN, DetailOK int
}

// PRF is precision, recall and F1.
type PRF struct{ P, R, F1 float64 }

func prf(tp, fp, fn int) PRF {
	var p, r, f float64
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return PRF{p, r, f}
}

// Strict is strict precision, recall and F1.
func (c *Counts) Strict() PRF { return prf(c.TP, c.FP, c.FN) }

// Lenient is lenient precision, recall and F1.
func (c *Counts) Lenient() PRF { return prf(c.LTP, c.LFP, c.LFN) }

// ValueAcc is the share of strict matches whose value is right.
func (c *Counts) ValueAcc() float64 {
	if c.TP == 0 {
		return 0
	}
	return float64(c.ValueOK) / float64(c.TP)
}

// ValueF1 is the F1 of mentions whose span and value are both right.
func (c *Counts) ValueF1() float64 {
	return prf(c.ValueOK, c.FP+c.TP-c.ValueOK, c.FN+c.TP-c.ValueOK).F1
}

// DetailAcc is qualifier (amounts) or grain (dates) agreement over strict
// matches; ok is false where there were none.
func (c *Counts) DetailAcc() (acc float64, ok bool) {
	if c.DetailN == 0 {
		return 0, false
	}
	return float64(c.DetailOK) / float64(c.DetailN), true
}

// SetCounts tallies document-level sets (org canonicals, country codes).
type SetCounts struct{ TP, FP, FN int }

// PRF is the set precision, recall and F1.
func (s *SetCounts) PRF() PRF { return prf(s.TP, s.FP, s.FN) }

// Error is one disagreement between gold and prediction.
type Error struct {
	DocID, Type string
	// Kind is "value", "boundary", "missed" or "spurious".
	Kind string
	// Gold and Pred are the mentions involved (nil where there is none).
	Gold, Pred Mention
}

// Report is the outcome of scoring.
type Report struct {
	Docs, MissingDocs int
	Types             []string
	ByType            map[string]*Counts
	DocSets           map[string]*SetCounts // "org", "country"
	Errors            []Error
}

// Micro returns the micro-averaged strict F1 and value-F1 over all types.
func (r *Report) Micro() (strictF1, valueF1 float64) {
	var tp, fp, fn, vok int
	for _, t := range r.Types {
		c := r.ByType[t]
		tp, fp, fn, vok = tp+c.TP, fp+c.FP, fn+c.FN, vok+c.ValueOK
	}
	return prf(tp, fp, fn).F1, prf(vok, fp+tp-vok, fn+tp-vok).F1
}

// Score compares pred with gold over the given types (nil: all). Documents
// of pred that gold lacks are ignored; a gold document with no prediction
// counts as predicting nothing.
func Score(gold, pred Set, types []string) *Report {
	if types == nil {
		types = Types
	}
	r := &Report{Docs: len(gold), Types: types, ByType: map[string]*Counts{}, DocSets: map[string]*SetCounts{}}
	for _, t := range types {
		r.ByType[t] = &Counts{}
		if t == "org" || t == "country" {
			r.DocSets[t] = &SetCounts{}
		}
	}
	for _, g := range gold.Sorted() {
		p := pred[g.ID]
		if p == nil {
			r.MissingDocs++
			p = &Doc{ID: g.ID}
		}
		complete := map[string]bool{}
		for _, t := range g.Types {
			complete[t] = true
		}
		for _, t := range types {
			if g.Types != nil && !complete[t] {
				continue
			}
			r.scoreType(g, p, t)
		}
	}
	return r
}

type spanned struct {
	m          Mention
	start, end int
}

func (r *Report) scoreType(g, p *Doc, t string) {
	c := r.ByType[t]
	var ge, pe []spanned
	for _, m := range g.Entities {
		if m.str("type") == t {
			s, e, _ := m.span()
			ge = append(ge, spanned{m, s, e})
		}
	}
	bad := 0
	for _, m := range p.Entities {
		if m.str("type") != t {
			continue
		}
		if s, e, ok := m.span(); ok {
			pe = append(pe, spanned{m, s, e})
		} else {
			bad++ // a malformed mention is a false positive
		}
	}
	bySpan := func(x []spanned) {
		sort.SliceStable(x, func(i, j int) bool {
			if x[i].start != x[j].start {
				return x[i].start < x[j].start
			}
			return x[i].end < x[j].end
		})
	}
	bySpan(ge)
	bySpan(pe)
	c.Gold += len(ge)

	// Strict: same span, each prediction used once.
	free := map[[2]int][]int{}
	for i, q := range pe {
		k := [2]int{q.start, q.end}
		free[k] = append(free[k], i)
	}
	strictHit := map[int]int{}
	for gi, e := range ge {
		k := [2]int{e.start, e.end}
		cand := free[k]
		if len(cand) == 0 {
			c.FN++
			continue
		}
		qi := cand[0]
		free[k] = cand[1:]
		strictHit[gi] = qi
		q := pe[qi].m
		c.TP++
		if valueOK(e.m, q) {
			c.ValueOK++
		} else {
			r.Errors = append(r.Errors, Error{g.ID, t, "value", e.m, q})
		}
		if ds := details(t); len(ds) > 0 {
			c.DetailN++
			ok := true
			for _, f := range ds {
				ok = ok && same(e.m[f.Name], q[f.Name])
			}
			if ok {
				c.DetailOK++
			}
		}
	}
	c.FP += len(pe) - len(strictHit) + bad

	// Lenient: overlapping spans, one to one, maximum matching by augmenting
	// paths, in the same order as score.py so that errors agree too.
	adj := make([][]int, len(ge))
	for gi, e := range ge {
		for qi, q := range pe {
			if q.start < e.end && e.start < q.end {
				adj[gi] = append(adj[gi], qi)
			}
		}
	}
	owner := map[int]int{}
	var augment func(gi int, seen map[int]bool) bool
	augment = func(gi int, seen map[int]bool) bool {
		for _, qi := range adj[gi] {
			if seen[qi] {
				continue
			}
			seen[qi] = true
			if o, ok := owner[qi]; !ok || augment(o, seen) {
				owner[qi] = gi
				return true
			}
		}
		return false
	}
	for gi := range ge {
		augment(gi, map[int]bool{})
	}
	match := map[int]int{}
	for qi, gi := range owner {
		match[gi] = qi
	}
	c.LTP += len(match)
	c.LFN += len(ge) - len(match)
	c.LFP += len(pe) - len(match) + bad
	for gi, e := range ge {
		qi, lm := match[gi]
		_, sm := strictHit[gi]
		switch {
		case lm && !sm:
			r.Errors = append(r.Errors, Error{g.ID, t, "boundary", e.m, pe[qi].m})
		case !lm:
			r.Errors = append(r.Errors, Error{g.ID, t, "missed", e.m, nil})
		}
	}
	for qi, q := range pe {
		if _, ok := owner[qi]; !ok {
			r.Errors = append(r.Errors, Error{g.ID, t, "spurious", nil, q.m})
		}
	}

	if s := r.DocSets[t]; s != nil {
		key := func(m Mention) string {
			if t == "org" {
				v := m.str("canonical")
				if v == "" {
					v = m.str("text")
				}
				return squeeze(v)
			}
			if code, ok := m["code"].(string); ok {
				return code
			}
			return "\x00null"
		}
		gs, ps := map[string]bool{}, map[string]bool{}
		for _, e := range ge {
			gs[key(e.m)] = true
		}
		for _, q := range pe {
			ps[key(q.m)] = true
		}
		for k := range ps {
			if gs[k] {
				s.TP++
			} else {
				s.FP++
			}
		}
		for k := range gs {
			if !ps[k] {
				s.FN++
			}
		}
	}
}
