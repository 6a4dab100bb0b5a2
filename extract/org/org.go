// Package org finds organisation names and their canonical full names from
// the lexicon, heads, context and the text's own definitions. Its rules are
// listed in rules.go, its examples in testdata/examples.tsv.
package org

import (
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/cnie/cnie/extract"
	"github.com/cnie/cnie/extract/country"
	tx "github.com/cnie/cnie/extract/internal/text"
	"github.com/cnie/cnie/lexicon"
	"github.com/cnie/cnie/normalize"
	"github.com/cnie/cnie/segment"
)

// Extractor finds organisation names and their canonical full names from
// four kinds of evidence, each in its own file:
//
//   - the organisation lexicon (lexicon/orgs/*.tsv: 上合组织 is 上海合作组织),
//     with the sub-unit written after a known name (上合组织秘书处, 工信部
//     规划司): this file;
//   - a name that ends in an organisation head (lexicon/org_heads.tsv: 有限
//     公司, 大学, 委, 局…) whose left edge the segmentation finds
//     (org_name.go);
//   - context: the members of a list of companies (山东重工、潍柴雷沃等龙头
//     企业), a news outlet in a by-line (青岛日报/观海新闻记者), and every
//     other use of a name found so (org_context.go);
//   - short forms the text defines (以下简称“联盟”) and names the text
//     writes in full elsewhere (org_alias.go).
//
// Build it with New; it is safe for concurrent use.
type Extractor struct {
	aliases                    tx.WordSet             // aliases spotted in text
	canonical                  map[string]string      // every alias, spotted or context-only, -> canonical
	fullName                   map[string]bool        // every canonical name
	heads                      tx.WordSet             // heads (有限公司, 大学, 委…)
	head                       map[string]headInfo    // head -> its kind
	context                    map[string]string      // context word -> role (lexicon/org_context.tsv)
	appositive                 map[string]bool        // kinds of company written before a name (民营企业)
	outlets, bylineNot, titles []string               // context words of these roles, in file order
	places                     map[string]bool        // place names, full and short (lexicon/places.tsv)
	countries                  *country.Extractor     // a state's name is a place
	words                      *words                 // lexicon/org_words.tsv
	kind                       map[string]string      // canonical -> its kind (company, gov…)
	local                      map[string]*localNames // locale -> its shared short names
	groupListed                map[string]groupListed // short name -> its group's and listed company's canonicals
	shorts                     tx.WordSet             // the context-only aliases (~美的)
	groupListedCanon           map[string]bool        // the canonicals of groupListed
	shortOf                    map[string]bool        // canonicals that have one
	ids                        map[string]string      // canonical -> the user's id of it (lexicon.Row.ID)
	firstOnce                  sync.Once              // builds firsts on first use (fast.go)
	firsts                     *firsts                // first runes of some maps above
}

// headInfo is what lexicon/org_heads.tsv says of a head.
type headInfo struct {
	strength string // "strong", "weak" or "not"
	part     bool   // may name a unit inside an organisation
}

// New builds the organisation extractor from the lexicons of lx (nil: the
// embedded lexicons alone); countries, if not nil, lets a state's name count as a place
// (哈萨克斯坦研究中心). An alias given to two organisations is an error
// naming both lines.
func New(seg *segment.Segmenter, countries *country.Extractor, lx *lexicon.Set) (*Extractor, error) {
	x := &Extractor{canonical: map[string]string{}, fullName: map[string]bool{},
		head: map[string]headInfo{}, context: map[string]string{}, appositive: map[string]bool{},
		places: map[string]bool{}, countries: countries, kind: map[string]string{}}
	if err := x.loadNames(lx); err != nil {
		return nil, err
	}
	local, err := loadLocal(lx)
	if err != nil {
		return nil, err
	}
	x.local = local
	if err := x.loadGroupListed(lx); err != nil {
		return nil, err
	}
	ws, err := loadWords(lx)
	if err != nil {
		return nil, err
	}
	x.words = ws
	rows, err := lx.Read("org_heads.tsv", 2, 3)
	if err != nil {
		return nil, err
	}
	var heads []string
	for _, r := range rows {
		h, s := r.Fields[0], r.Fields[1]
		if s != "strong" && s != "weak" && s != "not" {
			return nil, fmt.Errorf("lexicon: org_heads.tsv:%d: strength %q is not strong, weak or not", r.Line, s)
		}
		heads = append(heads, h)
		x.head[h] = headInfo{strength: s, part: r.Field(2) == "part"}
	}
	if x.heads, err = tx.NewWordSet(heads); err != nil {
		return nil, fmt.Errorf("lexicon: org_heads.tsv: %w", err)
	}
	if rows, err = lx.Read("org_context.tsv", 2, 2); err != nil {
		return nil, err
	}
	for _, r := range rows {
		if r.Fields[1] == "appositive" {
			x.appositive[r.Fields[0]] = true // also a list tail (龙头企业)
			continue
		}
		x.context[r.Fields[0]] = r.Fields[1]
		switch r.Fields[1] {
		case "outlet":
			x.outlets = append(x.outlets, r.Fields[0])
		case "byline-not":
			x.bylineNot = append(x.bylineNot, r.Fields[0])
		case "title":
			x.titles = append(x.titles, r.Fields[0])
		}
	}
	if rows, err = lx.Read("places.tsv", 1, 3); err != nil {
		return nil, err
	}
	for _, r := range rows {
		x.places[r.Fields[0]] = true
		for _, a := range strings.Split(r.Field(1), "|") {
			if utf8.RuneCountInString(a) >= 2 {
				x.places[a] = true
			}
		}
	}
	return x, nil
}

// loadNames reads lexicon/orgs/*.tsv. An alias written with a leading ~ is
// also an ordinary word (美的, 联想): it gives the canonical of a name other
// rules find, but is never spotted alone.
func (x *Extractor) loadNames(lx *lexicon.Set) error {
	names, err := fs.Glob(lx.Files(), "orgs/*.tsv")
	if err != nil || len(names) == 0 {
		return fmt.Errorf("lexicon: no organisation lists under orgs/ (%v)", err)
	}
	where := map[string]string{} // alias -> file:line, for conflicts
	var spotted, shorts []string
	var userSpotted []string // the user's names go beside the compiled index
	x.shortOf = map[string]bool{}
	for _, n := range names {
		rows, err := lx.Read(n, 2, 3)
		if err != nil {
			return err
		}
		for _, r := range rows {
			canon := r.Fields[0]
			x.fullName[canon] = true
			if r.ID != "" {
				if x.ids == nil {
					x.ids = map[string]string{}
				}
				x.ids[canon] = r.ID
			}
			if x.kind[canon] == "" {
				x.kind[canon] = r.Field(2)
			}
			for _, a := range append(strings.Split(r.Field(1), "|"), canon) {
				a = strings.TrimSpace(a)
				contextOnly := strings.HasPrefix(a, "~")
				// Aliases are matched in normalised text: （集团） is (集团) there.
				a = normalize.Text(strings.TrimPrefix(a, "~"))
				if utf8.RuneCountInString(a) < 2 {
					continue
				}
				at := fmt.Sprintf("%s:%d", n, r.Line)
				if c, dup := x.canonical[a]; dup {
					if c != canon {
						return fmt.Errorf("lexicon: %s: alias %q names %q, but %s gave it to %q", at, a, canon, where[a], c)
					}
					continue
				}
				x.canonical[a], where[a] = canon, at
				if !contextOnly && r.File != "" {
					userSpotted = append(userSpotted, a)
				} else if !contextOnly {
					spotted = append(spotted, a)
				} else if tx.IsCJKText(a) {
					shorts = append(shorts, a)
					x.shortOf[canon] = true
				}
			}
		}
	}
	if x.shorts, err = tx.NewWordSet(shorts); err != nil {
		return err
	}
	x.aliases, err = tx.NewWordSetWith(spotted, userSpotted)
	return err
}

// Extract implements Extractor.
func (x *Extractor) Extract(d *extract.Doc, dst []extract.Mention) []extract.Mention {
	found, known := x.lexiconNames(d)
	found = x.headNames(d, found, known)
	n := len(found)
	found = x.listNames(d, found)
	found = x.appositives(d, found)
	// A list member repeats through the article; an outlet's name does not
	// (天津发布 of a credit line is 天津|发布 "Tianjin released" in a sentence).
	found = x.contextRepeats(d, found, n)
	found = x.bylines(d, found)
	found = x.latinNames(d, found)
	found = x.titledOutlets(d, found)
	found = x.definedAliases(d, found)
	for i := range found {
		if found[i].Canonical == "" {
			found[i].Canonical = x.nameCanonical(tx.SqueezeSpace(d.Text[found[i].Start:found[i].End]))
		}
	}
	found = x.shortRepeats(d, found)
	found = x.latinAbbrevs(d, found)
	x.unify(d, found)
	x.shortShared(d, found)
	x.groupOrListed(d, found)
	x.localCanonicals(d, found)
	for _, m := range found {
		if !x.projectName(d.Text, m) {
			m.ID = x.ids[m.Canonical]
			dst = append(dst, m)
		}
	}
	return dst
}

// lexiconNames finds the lexicon's names, longest first, each with the
// sub-units written after it (上合组织秘书处, 工信部规划司). known maps the
// end of each name, with and without its sub-units, to its start.
func (x *Extractor) lexiconNames(d *extract.Doc) (found []extract.Mention, known map[int]int) {
	text := d.Text
	known = map[int]int{}
	local := x.local[d.Locale]
	floor := 0 // where the last name ends: a place word before a name starts no earlier
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		a := x.aliases.LongestAt(text[i:], r)
		var canon string
		if a != "" {
			canon = x.canonical[a]
		}
		if local != nil {
			// A name the article's place shares with others' bodies: 立法会,
			// 金管局 (its canonical is given by localCanonicals).
			if b := local.set.LongestAt(text[i:], r); len(b) > len(a) && x.standsAsName(d, i, i+len(b), b) {
				a, canon = b, x.canonicalOf(b)
			}
		}
		for a != "" && !x.standsAsName(d, i, i+len(a), a) {
			// A shorter name at the same start may stand where the longest
			// does not (华为|云和 holds 华为, not 华为云).
			_, last := utf8.DecodeLastRuneInString(a)
			a = x.aliases.Longest(text[i : i+len(a)-last])
			canon = x.canonical[a]
		}
		if a == "" {
			i += size
			continue
		}
		m := extract.Mention{Type: extract.Org, Start: i, End: i + len(a), Canonical: canon, Rule: rLexicon.Name}
		if s := x.placeBefore(d, i, canon); s < i && s >= floor {
			m.Start = s
		}
		if e, c, ok := x.localArm(d, m.End, a, canon); ok {
			m.End, m.Canonical = e, c
		}
		known[m.End] = m.Start
		for {
			end, ok := x.partAfter(d, m.End)
			if !ok {
				break
			}
			m.Canonical += tx.SqueezeSpace(text[m.End:end])
			m.End, m.Rule = end, rLexiconUnit.Name
		}
		found = append(found, m)
		known[m.End] = m.Start
		i, floor = m.End, m.End
	}
	return found, known
}

// standsAsName reports whether the alias text[s:e] stands as a name: it
// starts and ends on word boundaries (a name of four characters or more may
// start inside a word the segmenter made across its edge: 天上|合组织), or a
// sub-unit or title follows it (上合组织秘书处, 工信部部长); a transliterated
// person's name (索海尔·汗) is not an organisation.
func (x *Extractor) standsAsName(d *extract.Doc, s, e int, a string) bool {
	text := d.Text
	if strings.HasPrefix(text[e:], "·") || strings.HasSuffix(text[:s], "·") ||
		strings.HasPrefix(text[e:], "•") || strings.HasSuffix(text[:s], "•") {
		return false
	}
	if !d.Boundary(s) && utf8.RuneCountInString(a) < 4 {
		return false
	}
	if k := d.TokenAt(s) - 1; k >= 0 && d.Boundary(s) && utf8.RuneCountInString(a) <= 2 {
		// A short name after a one-character given or family name is part
		// of a person's name (索海尔·汗).
		if t := d.Tokens[k]; strings.HasPrefix(t.Pos, "nr") && utf8.RuneCountInString(text[t.Start:t.End]) == 1 {
			return false
		}
	}
	if d.Boundary(e) || x.titleAt(text[e:]) {
		return true
	}
	if l := tx.LastRune(a); (x.words.govLast.Has(l) || l == '院') && (strings.HasPrefix(text[e:], "长") || strings.HasPrefix(text[e:], "会")) &&
		d.Boundary(e+len("长")) {
		return true // 外交部长, 行政院长 and 行政院会 (its meeting) hold the body
	}
	if strings.HasPrefix(text[e:], "讯") && x.kind[x.canonical[a]] == "media" {
		return true // （联合早报讯）: the outlet's dateline
	}
	if r, _ := utf8.DecodeRuneInString(text[e:]); utf8.RuneCountInString(a) >= 3 && strings.ContainsRune("和与及或", r) {
		return true // 华为云|和: the segmenter joined the name's last character with a conjunction (云和)
	}
	if x.words.inCompound[a] {
		return true // 中国—东盟自由贸易区 holds 东盟 (its start is a word's)
	}
	_, ok := x.partAfter(d, e)
	return ok
}

// projectName reports whether a name is quoted and followed by a word for a
// project or a platform: “天津企业出海服务中心”项目 names a project.
func (x *Extractor) projectName(text string, m extract.Mention) bool {
	open, close := strings.HasSuffix(text[:m.Start], "“") || strings.HasSuffix(text[:m.Start], "\""),
		strings.HasPrefix(text[m.End:], "”") || strings.HasPrefix(text[m.End:], "\"")
	if !open || !close {
		return false
	}
	_, size := utf8.DecodeRuneInString(text[m.End:])
	rest := text[m.End+size:]
	for _, w := range x.words.project {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return false
}

// canonicalOf returns the canonical of a name: the lexicon's, or the
// registered name the lexicon knows for a name that leaves out its company
// suffix (山东能源集团 is 山东能源集团有限公司), or the name itself.
func (x *Extractor) canonicalOf(name string) string {
	if c, ok := x.canonical[name]; ok {
		return c
	}
	for _, suffix := range x.words.legalSuffix {
		if x.fullName[name+suffix] {
			return name + suffix
		}
	}
	// A known short name with a generic word after it: 中国商飞公司.
	for _, generic := range x.words.generic {
		if short, ok := strings.CutSuffix(name, generic); ok {
			if c, ok := x.canonical[short]; ok && utf8.RuneCountInString(short) >= 2 {
				return c
			}
		}
	}
	return name
}

// isPlace reports whether a word names a place: a country, a Chinese
// administrative division, or a word the segmenter tags as a place.
func (x *Extractor) isPlace(w, pos string) bool {
	if x.context[w] == "not-start" || x.words.deictic.Has(tx.FirstRune(w)) && utf8.RuneCountInString(w) == 2 {
		return false // 我市, 本省, 全区: they point at a place, they do not name it
	}
	if pos == "ns" || startsIn(&x.first().place, w) && x.places[w] {
		return true
	}
	if x.countryOnly(w) {
		return true
	}
	if x.words.placeWord[w] {
		return true
	}
	if n := utf8.RuneCountInString(w); n >= 2 && n <= 6 && x.words.placeSuffix.Has(tx.LastRune(w)) {
		return !hasAnySuffix(w, x.words.placeSuffixNot)
	}
	return false
}
