package org

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cnie/cnie/extract"
	tx "github.com/cnie/cnie/extract/internal/text"
)

// This file holds what the text itself says of its organisations: short
// forms it defines, and full names it writes out once and shortens later.

// aliasDef matches a short form the text defines right after a name:
// (以下简称“联盟”), （简称"山东铁投集团"）.
var aliasDef = regexp.MustCompile(`^[”"」]?\s*[(（]\s*(?:以下)?简称\s*[“"「‘]([^”"」’]{1,20})[”"」’]\s*[)）]`)

// quotedBefore finds the quoted name that text ends with before a
// definition's 简称: “人工智能教育联盟”（以下. It returns the name's span.
func quotedBefore(text string) (start, end int, ok bool) {
	t := strings.TrimRight(text, " ")
	t = strings.TrimSuffix(t, "以下")
	t = strings.TrimRight(t, " ")
	if t2 := strings.TrimSuffix(strings.TrimSuffix(t, "("), "（"); len(t2) < len(t) {
		t = strings.TrimRight(t2, " ")
	} else {
		return 0, 0, false
	}
	var open string
	switch {
	case strings.HasSuffix(t, "”"):
		open, t = "“", strings.TrimSuffix(t, "”")
	case strings.HasSuffix(t, "\""):
		open, t = "\"", strings.TrimSuffix(t, "\"")
	default:
		return 0, 0, false
	}
	o := strings.LastIndex(t[max(0, len(t)-90):], open)
	if o < 0 {
		return 0, 0, false
	}
	start, end = max(0, len(t)-90)+o+len(open), len(t)
	name := text[start:end]
	if n := utf8.RuneCountInString(name); n < 2 || n > 30 || strings.ContainsAny(name, "“”\"，。,") {
		return 0, 0, false
	}
	return start, end, true
}

// definedAliases finds (以下简称“联盟”) after a found name: the short form is
// an org in the definition and wherever it stands alone in the document,
// with the defined name's canonical; a sub-unit after it (联盟轮值秘书处)
// belongs to the defined name.
func (x *Extractor) definedAliases(d *extract.Doc, found []extract.Mention) []extract.Mention {
	text := d.Text
	type def struct{ short, canon string }
	var defs []def
	// A quoted name defined right after: “人工智能教育联盟”(以下简称“联盟”).
	var taken *tx.Bitset
	for i := 0; ; {
		k := strings.Index(text[i:], "简称")
		if k < 0 {
			break
		}
		k += i
		i = k + len("简称")
		if s, e, ok := quotedBefore(text[:k]); ok {
			if taken == nil {
				taken = coverage(len(text), found)
			}
			if !taken.Has(s) && !taken.Has(e-1) {
				found = append(found, extract.Mention{Type: extract.Org, Start: s, End: e, Rule: rAliasDefined.Name})
				taken.Set(s, e)
			}
		}
	}
	if taken == nil && !strings.Contains(text, "简称") {
		return found // no definitions: the common case
	}
	for _, m := range found {
		// The definition follows at once: a bounded window keeps the
		// regexp from scanning the rest of the text for every name.
		g := aliasDef.FindStringSubmatchIndex(text[m.End:min(len(text), m.End+120)])
		if g == nil {
			continue
		}
		canon := m.Canonical
		if canon == "" {
			canon = x.canonicalOf(tx.SqueezeSpace(text[m.Start:m.End]))
		}
		defs = append(defs, def{text[m.End+g[2] : m.End+g[3]], canon})
	}
	if len(defs) == 0 {
		return found
	}
	// One word set of the short forms, the first definition of each
	// winning, so that the text is walked once however many it defines.
	canonOf := make(map[string]string, len(defs))
	shorts := make([]string, 0, len(defs))
	for _, df := range defs {
		if _, dup := canonOf[df.short]; !dup {
			canonOf[df.short] = df.canon
			shorts = append(shorts, df.short)
		}
	}
	set := newSmallSet(shorts)
	// A name found otherwise that is the short form, or starts with it, is
	// the defined organisation or a unit of it (山东铁投集团党委).
	for i := range found {
		m := &found[i]
		span := tx.SqueezeSpace(text[m.Start:m.End])
		short := set.longest(span)
		if short == "" {
			continue
		}
		if canon := canonOf[short]; m.Canonical != canon &&
			(m.Canonical == "" || m.Canonical == span || x.canonical[short] == m.Canonical) {
			m.Canonical = canon + span[len(short):]
		}
	}
	taken = coverage(len(text), found)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		short := set.longestAt(text[i:], r)
		if short == "" {
			i += size
			continue
		}
		s, e := i, i+len(short)
		if taken.Has(s) || taken.Has(e-1) {
			i += size
			continue
		}
		m := extract.Mention{Type: extract.Org, Start: s, End: e, Canonical: canonOf[short], Rule: rAliasUse.Name}
		if end, ok := x.partAfter(d, e); ok {
			m.Canonical += tx.SqueezeSpace(text[e:end])
			m.End = end
		}
		found = append(found, m)
		taken.Set(m.Start, m.End)
		i = m.End
	}
	return found
}

// unify gives a name the canonical of the longer name the text writes for
// the same organisation with its state before it: 上合组织产业园区联盟 is the
// 中国—上海合作组织产业园区联盟 of the same article. One map from each longer
// name less its state to the name keeps it linear in the names found.
func (x *Extractor) unify(d *extract.Doc, found []extract.Mention) {
	if x.countries == nil {
		return
	}
	long := map[string]string{} // the rest after the state's name -> the longer name
	for _, o := range found {
		state := x.countries.LongestName(o.Canonical)
		if state == "" {
			continue
		}
		// Only a state joined by a dash names the same body (中国—上海合作
		// 组织…联盟); 美国国务院 is not 国务院.
		rest := strings.TrimLeft(o.Canonical[len(state):], "—-–")
		if _, seen := long[rest]; !seen && rest != "" && len(rest) < len(o.Canonical)-len(state) {
			long[rest] = o.Canonical
		}
	}
	if len(long) == 0 {
		return
	}
	for i := range found {
		m := &found[i]
		span := tx.SqueezeSpace(d.Text[m.Start:m.End])
		if m.Canonical != span {
			continue // the lexicon or a definition named it
		}
		if c, ok := long[x.expand(span)]; ok && c != m.Canonical {
			m.Canonical = c
		}
	}
}

// expand writes the first lexicon name inside s as its canonical:
// 上合组织产业园区联盟 is 上海合作组织产业园区联盟.
func (x *Extractor) expand(s string) string {
	for i := range s {
		if a := x.aliases.Longest(s[i:]); a != "" {
			return s[:i] + x.canonical[a] + s[i+len(a):]
		}
	}
	return s
}

// shortRepeats finds the short names the lexicon keeps from spotting alone
// (~美的, ~小米: ordinary words too) where the article has already named
// their company in full or by context (美的集团…美的董事长): each use of the
// short name as a word of its own is then that company. One walk of the
// text, with the short names' first runes as its filter.
func (x *Extractor) shortRepeats(d *extract.Doc, found []extract.Mention) []extract.Mention {
	named := map[string]bool{}
	for _, m := range found {
		if x.shortOf[m.Canonical] {
			named[m.Canonical] = true
		}
	}
	if len(named) == 0 {
		return found
	}
	text := d.Text
	taken := coverage(len(text), found)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		a := x.shorts.LongestAt(text[i:], r)
		if a == "" || !named[x.canonical[a]] || taken.Has(i) || taken.Has(i+len(a)-1) || !d.Boundary(i) || !d.Boundary(i+len(a)) {
			i += size
			continue
		}
		found = append(found, extract.Mention{Type: extract.Org, Start: i, End: i + len(a), Canonical: x.canonical[a], Rule: rShortRepeat.Name})
		i += len(a)
	}
	return found
}

// maxFullNames bounds the companies' full names shortShared compares with.
const maxFullNames = 64

// shortShared gives a name found with no canonical of its own the full name
// of a company the article writes out, where the name is that full name's
// start, or its start after a place (北京卫蓝新能源科技股份有限公司 … 卫蓝新能源
// is the company). A name two full names share keeps its own.
func (x *Extractor) shortShared(d *extract.Doc, found []extract.Mention) {
	var full []string
	for _, m := range found {
		if hasAnySuffix(m.Canonical, x.words.legalSuffix) && !slices.Contains(full, m.Canonical) && len(full) < maxFullNames {
			full = append(full, m.Canonical)
		}
	}
	if len(full) == 0 {
		return
	}
	for i := range found {
		m := &found[i]
		if len(m.Canonical) > m.End-m.Start {
			continue // the lexicon's or a definition's name: longer than the span
		}
		span := tx.SqueezeSpace(d.Text[m.Start:m.End])
		if m.Canonical != span || utf8.RuneCountInString(span) < 2 || hasAnySuffix(span, x.words.legalSuffix) {
			continue
		}
		match := ""
		for _, f := range full {
			k := strings.Index(f, span)
			if k < 0 || len(f) == len(span) || k > 0 && !x.isPlace(f[:k], "") {
				continue
			}
			if match != "" && match != f {
				match = ""
				break
			}
			match = f
		}
		if match != "" {
			m.Canonical = match
		}
	}
}
