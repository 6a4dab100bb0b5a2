package org

import (
	"fmt"
	"strings"

	"github.com/cnie/cnie/extract"
	tx "github.com/cnie/cnie/extract/internal/text"
	"github.com/cnie/cnie/lexicon"
	"github.com/cnie/cnie/normalize"
)

// This file holds the guide's decision on a short name that a group and its
// listed company share (中国石化, 中国交建), or a listed holding company and
// its operating company (汇丰): the listed company where the sentence reports
// its market, results, shares or projects, else the group or the operating
// company (lexicon/org_group_listed.tsv).

// groupListed are the two canonicals a shared short name may take.
type groupListed struct{ group, listed string }

// loadGroupListed reads lexicon/org_group_listed.tsv; a canonical that no
// line of lexicon/orgs/*.tsv holds is an error naming the line.
func (x *Extractor) loadGroupListed(lx *lexicon.Set) error {
	const file = "org_group_listed.tsv"
	rows, err := lx.Read(file, 4, 4)
	if err != nil {
		return err
	}
	x.groupListed, x.groupListedCanon = map[string]groupListed{}, map[string]bool{}
	for _, r := range rows {
		g := groupListed{r.Fields[1], r.Fields[2]}
		for _, c := range []string{g.group, g.listed} {
			if !x.fullName[c] {
				return fmt.Errorf("lexicon: %s:%d: %q is no canonical of lexicon/orgs/*.tsv", file, r.Line, c)
			}
		}
		x.groupListed[normalize.New(r.Fields[0]).Text] = g
		x.groupListedCanon[g.group], x.groupListedCanon[g.listed] = true, true
	}
	return nil
}

// groupOrListed gives each shared short name the listed company's canonical
// where its sentence reports the company's market, results, shares or
// projects (org_words.tsv, listed-context), else the group's.
func (x *Extractor) groupOrListed(d *extract.Doc, found []extract.Mention) {
	for i := range found {
		m := &found[i]
		if !x.groupListedCanon[m.Canonical] {
			continue // most names: one map lookup, no copy of the span
		}
		g, ok := x.groupListed[tx.SqueezeSpace(d.Text[m.Start:m.End])]
		if !ok || m.Canonical != g.group && m.Canonical != g.listed || m.Rule == rAliasUse.Name || m.Rule == rAliasDefined.Name {
			continue // a definition or the locale named it otherwise
		}
		m.Canonical = g.group
		if x.listedContext(d.Text, m.Start, m.End) {
			m.Canonical = g.listed
		}
	}
}

// listedContext reports whether the sentence around text[s:e], within a
// bounded window, holds a word of a listed company's market or results.
func (x *Extractor) listedContext(text string, s, e int) bool {
	lo, hi := max(0, s-240), min(len(text), e+240)
	if k := strings.LastIndexAny(text[lo:s], "。！？!?\n"); k >= 0 {
		lo += k + 1
	}
	if k := strings.IndexAny(text[e:hi], "。！？!?\n"); k >= 0 {
		hi = e + k
	}
	for _, w := range x.words.listedContext {
		if strings.Contains(text[lo:s], w) || strings.Contains(text[e:hi], w) {
			return true
		}
	}
	return false
}
