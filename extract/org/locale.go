package org

import (
	"fmt"
	"strings"

	"github.com/cnie/cnie/extract"
	tx "github.com/cnie/cnie/extract/internal/text"
	"github.com/cnie/cnie/lexicon"
	"github.com/cnie/cnie/normalize"
)

// This file holds what an article's locale decides: a short name that bodies
// of several places share (立法会, 金管局, 外交部) takes the canonical of the
// article's place (lexicon/org_locale.tsv), and a place word written before a
// known name stays in its span (大陆商务部, 法国道达尔).

// localNames are the shared short names of one locale.
type localNames struct {
	set   tx.WordSet        // the names, spotted in text like lexicon aliases
	canon map[string]string // name -> its canonical in this locale
}

// loadLocal reads lexicon/org_locale.tsv. A name listed twice for one locale
// with two canonicals is an error naming the line.
func loadLocal(lx *lexicon.Set) (map[string]*localNames, error) {
	const file = "org_locale.tsv"
	rows, err := lx.Read(file, 3, 3)
	if err != nil {
		return nil, err
	}
	byLoc := map[string]*localNames{}
	names := map[string][]string{}
	for _, r := range rows {
		loc, name, canon := r.Fields[0], normalize.New(r.Fields[1]).Text, r.Fields[2]
		if loc == "CN" { // a mainland name means what lexicon/orgs/ says
			return nil, fmt.Errorf("lexicon: %s:%d: locale CN: a name in a mainland article takes its canonical from lexicon/orgs/", file, r.Line)
		}
		ln := byLoc[loc]
		if ln == nil {
			ln = &localNames{canon: map[string]string{}}
			byLoc[loc] = ln
		}
		if c, dup := ln.canon[name]; dup && c != canon {
			return nil, fmt.Errorf("lexicon: %s:%d: %s %q names %q, but an earlier line gave it %q", file, r.Line, loc, name, canon, c)
		}
		if _, dup := ln.canon[name]; !dup {
			names[loc] = append(names[loc], name)
		}
		ln.canon[name] = canon
	}
	for loc, ln := range byLoc {
		if ln.set, err = tx.NewWordSet(names[loc]); err != nil {
			return nil, fmt.Errorf("lexicon: %s: %w", file, err)
		}
	}
	return byLoc, nil
}

// localCanonicals gives each name that its locale's bodies share the
// canonical of the article's place: 立法会 in a Hong Kong article is
// 香港特别行政区立法会, 外交部 in a Taiwanese one 台湾外交部. A sub-unit
// written after the name keeps its place (外交部发言人 holds 外交部).
func (x *Extractor) localCanonicals(d *extract.Doc, found []extract.Mention) {
	ln := x.local[d.Locale]
	if ln == nil {
		return
	}
	for i := range found {
		m := &found[i]
		span := tx.SqueezeSpace(d.Text[m.Start:m.End])
		if c, ok := ln.canon[span]; ok {
			m.Canonical = c
			continue
		}
		// A unit of a shared name: 财政部统计处 in a Taiwanese article.
		if a := ln.set.Longest(span); a != "" && a != span && m.Canonical == x.canonicalOf(a)+span[len(a):] {
			m.Canonical = ln.canon[a] + span[len(a):]
		}
	}
}

// placeBefore returns where a place word written straight before a known
// name at text[s:] starts, and whether the name's canonical stays as the
// lexicon has it: the state's own name (中国, 大陆, 内地) before a Chinese
// body (大陆商务部 is 商务部), a country before a foreign company, whose
// canonical drops it (法国道达尔能源公司), or a country the canonical already
// carries (美国联邦储备系统). Any other place before a name (美国商务部) is
// another body: it returns s.
func (x *Extractor) placeBefore(d *extract.Doc, s int, canon string) int {
	k := d.TokenAt(s) - 1
	if k < 0 || d.Tokens[k].End != s {
		return s
	}
	t := d.Tokens[k]
	w := d.Text[t.Start:t.End]
	if k > 0 && x.words.home[d.Text[d.Tokens[k-1].Start:s]] {
		t, w = d.Tokens[k-1], d.Text[d.Tokens[k-1].Start:s] // 中国|大陆
	}
	switch {
	case x.words.home[w]:
		if x.kind[canon] == "company" || x.kind[canon] == "bank" || x.kind[canon] == "gov" || x.kind[canon] == "soe" {
			return t.Start
		}
	case x.countryOnly(w):
		if strings.HasPrefix(canon, w) || x.kind[canon] == "company" && !x.fullName[w+canon] {
			return t.Start
		}
	}
	return s
}

// localArm finds a foreign company's local arm written as its name and 中国
// (西门子中国, 特斯拉中国): the arm is one name, ending after 中国, whose
// canonical is its registered name where the lexicon knows it (西门子（中国）
// 有限公司), else the mention. a is the company's name as written at e's
// left, canon its canonical.
func (x *Extractor) localArm(d *extract.Doc, e int, a, canon string) (int, string, bool) {
	const home = "中国"
	if !strings.HasPrefix(d.Text[e:], home) || x.kind[canon] != "company" || strings.Contains(canon, home) ||
		!d.Boundary(e) || !d.Boundary(e+len(home)) {
		return e, "", false
	}
	for _, s := range []string{"(中国)有限公司", "（中国）有限公司", "(中国)投资有限公司", "（中国）投资有限公司"} {
		if x.fullName[a+s] {
			return e + len(home), a + s, true
		}
	}
	return e + len(home), a + home, true
}

// nameCanonical is canonicalOf for a name found by its head or context: a
// company written with its foreign state's name before it drops the state
// where the lexicon knows it registered without (德国大众汽车股份公司 is
// 大众汽车股份公司; 马来西亚国家石油公司 stays), China's own name stays
// (中国建筑集团有限公司), and an embassy takes its official name (英国驻华
// 使馆 is 英国驻华大使馆).
func (x *Extractor) nameCanonical(name string) string {
	c := x.canonicalOf(name)
	if c == name && strings.Contains(name, "驻") && strings.HasSuffix(name, "使馆") && !strings.HasSuffix(name, "大使馆") {
		return strings.TrimSuffix(name, "使馆") + "大使馆"
	}
	if c != name {
		return c
	}
	if a := x.aliases.Longest(name); a != "" && len(a) < len(name) && x.canonical[a] != a {
		// A unit written after a known name that the lexicon rule did not
		// reach (澳门特区政府经济财政司): the unit of the full name.
		if h := x.headSuffix(name); h != "" && x.head[h].part && !strings.Contains(name[len(a):], "、") {
			return x.canonical[a] + name[len(a):]
		}
	}
	if x.countries == nil || !x.companyHead(name) {
		return c
	}
	st := x.countries.LongestName(name)
	if st == "" || st == name || st == "中国" || x.words.home[st] || strings.HasPrefix(st, "中华") {
		return c
	}
	// Only a company the lexicon knows is known to be registered without the
	// state's name; an unknown one keeps the name as written.
	rest := name[len(st):]
	if rc := x.canonicalOf(rest); rc != rest || x.fullName[rest] {
		return rc
	}
	return c
}
