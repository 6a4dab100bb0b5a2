// Reading the country lexicons: the partners that settle a shared
// abbreviation, the Taiwan and Hong Kong names, and the context words.

package country

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	tx "github.com/cnie/cnie/extract/internal/text"
	"github.com/cnie/cnie/lexicon"
)

// loadPartners reads lexicon/country_partners.tsv: the abbreviations
// beside which a shared abbreviation means a given state (乌 in 中哈乌).
func (x *Extractor) loadPartners(lx *lexicon.Set) error {
	const file = "country_partners.tsv"
	rows, err := lx.Read(file, 2, 2)
	if err != nil {
		return err
	}
	for _, r := range rows {
		code := r.Fields[0]
		if x.name[code] == "" {
			return fmt.Errorf("lexicon: %s:%d: %s is no state of countries.tsv", file, r.Line, code)
		}
		shared := false
		for _, codes := range x.abbrev {
			shared = shared || len(codes) > 1 && slices.Contains(codes, code)
		}
		if !shared {
			return fmt.Errorf("lexicon: %s:%d: %s has no shared abbreviation in countries.tsv", file, r.Line, code)
		}
		for _, p := range strings.Split(r.Fields[1], "|") {
			c, size := utf8.DecodeRuneInString(p)
			if size != len(p) || !x.abbrevs.Has(c) {
				return fmt.Errorf("lexicon: %s:%d: partner %q is no abbreviation of countries.tsv", file, r.Line, p)
			}
			x.partners[code] += p
		}
	}
	return nil
}

// loadHant reads lexicon/countries_hant.tsv, the names Taiwan and Hong
// Kong news writes (纽西兰, 义大利): its aliases join aliases, checked
// against the segmentation; its risky forms go to x.risky.
func (x *Extractor) loadHant(lx *lexicon.Set, aliases []string) ([]string, error) {
	const file = "countries_hant.tsv"
	rows, err := lx.Read(file, 2, 3)
	if err != nil {
		return nil, err
	}
	var risky []string
	for _, r := range rows {
		code := r.Fields[0]
		if x.name[code] == "" {
			return nil, fmt.Errorf("lexicon: %s:%d: %s is no state of countries.tsv", file, r.Line, code)
		}
		for col, f := range []string{r.Field(1), r.Field(2)} {
			for _, a := range strings.Split(f, "|") {
				if a = strings.TrimSpace(a); a == "" {
					continue
				}
				if utf8.RuneCountInString(a) < 2 {
					return nil, fmt.Errorf("lexicon: %s:%d: a name has two characters or more, not %q", file, r.Line, a)
				}
				if prev, dup := x.code[a]; dup {
					if prev != code {
						return nil, fmt.Errorf("lexicon: %s:%d: %q is also %s's", file, r.Line, a, prev)
					}
					continue // countries.tsv has it already
				}
				x.code[a] = code
				x.checked[a] = true
				if col == 0 {
					aliases = append(aliases, a)
				} else {
					risky = append(risky, a)
				}
			}
		}
	}
	if x.risky, err = tx.NewWordSet(risky); err != nil {
		return nil, fmt.Errorf("lexicon: %s: %w", file, err)
	}
	return aliases, nil
}

// loadContext reads lexicon/country_context.tsv. Roles of one character
// (before-not, verb, verb-place, pair-before, hedge, region) must be one
// character.
func (x *Extractor) loadContext(lx *lexicon.Set) error {
	const file = "country_context.tsv"
	rows, err := lx.Read(file, 2, 2)
	if err != nil {
		return err
	}
	words := map[string][]string{}
	for _, r := range rows {
		w, role := r.Fields[0], r.Fields[1]
		switch role {
		case "after-not":
			x.afterNot = append(x.afterNot, w)
			continue
		case "after-keep":
			x.afterKeep = append(x.afterKeep, w)
			continue
		case "side-before", "side-word", "pair-org", "state-word", "pair-states":
			words[role] = append(words[role], w)
			continue
		}
		c, size := utf8.DecodeRuneInString(w)
		if size != len(w) {
			return fmt.Errorf("lexicon: %s:%d: a %s is one character, not %q", file, r.Line, role, w)
		}
		switch role {
		case "before-not":
			x.beforeNot.Add(c)
		case "verb":
			x.verbs.Add(c)
		case "verb-place":
			if !x.verbs.Has(c) {
				return fmt.Errorf("lexicon: %s:%d: verb-place %s is not listed as a verb before it", file, r.Line, w)
			}
			x.placeVerbs.Add(c)
		case "pair-before":
			x.pairBefore.Add(c)
		case "hedge":
			x.hedges.Add(c)
		case "region":
			x.regions.Add(c)
		}
	}
	for role, set := range map[string]*tx.WordSet{"side-before": &x.sideBefore, "side-word": &x.sideWords, "pair-org": &x.pairOrg, "state-word": &x.stateWords, "pair-states": &x.pairStates} {
		if *set, err = tx.NewWordSet(words[role]); err != nil {
			return fmt.Errorf("lexicon: %s: %s: %w", file, role, err)
		}
	}
	return nil
}
