package org

import (
	"strings"
	"unicode/utf8"

	"github.com/cnie/cnie/extract"
	tx "github.com/cnie/cnie/extract/internal/text"
)

// This file holds the head rule: a name that ends in an organisation head
// (有限公司, 大学, 联盟, 委, 局…), its left edge found from the segmentation,
// and the sub-units that may follow a name (规划司, 秘书处, 宣传部).

// headNames finds the names that end in a head. known maps the end of each
// lexicon name to its start: a name may hold one (上合组织产业园区联盟).
func (x *Extractor) headNames(d *extract.Doc, found []extract.Mention, known map[int]int) []extract.Mention {
	text := d.Text
	floor := 0 // a name starts after the previous one ends (市委市政府)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		h := x.heads.LongestAt(text[i:], r)
		if h == "" {
			i += size
			continue
		}
		end := i + len(h)
		if x.head[h].strength == "not" {
			i = end
			continue
		}
		m, ok := x.named(d, i, end, h, floor, known, found)
		if !ok {
			i += size // a longer head may start inside this one (商务委|员会)
			continue
		}
		for {
			// A head straight after the name (研究总院有限公司) or a unit
			// (市委宣传部) extends it.
			if h := x.heads.Longest(text[m.End:]); h != "" && x.head[h].strength != "not" && d.Boundary(m.End+len(h)) {
				m.End += len(h)
				continue
			}
			e, ok := x.partAfter(d, m.End)
			if !ok {
				break
			}
			m.End = e
		}
		found = append(found, m)
		i, floor = m.End, m.End
	}
	return found
}

// namePart is one piece of a candidate name, right to left.
type namePart struct {
	start int
	w     string
	pos   string // the segmenter's tag, "org" for a known name, "quote" for a quoted run
}

// named finds the name that ends in head text[hs:he], if there is one,
// starting no earlier than floor.
func (x *Extractor) named(d *extract.Doc, hs, he int, head string, floor int, known map[int]int, found []extract.Mention) (extract.Mention, bool) {
	text := d.Text
	info := x.head[head]
	if !d.Boundary(he) && !x.titleAt(text[he:]) && !x.headEndsWordAt(d, he) {
		return extract.Mention{}, false // 公司法; but 天津市委常委 names 天津市委, 市委市政府 two bodies
	}
	ti := d.TokenAt(hs)
	if ti < 0 {
		return extract.Mention{}, false
	}
	ht := d.Tokens[ti]
	if ht.Start != hs && utf8.RuneCountInString(head) == 1 && !bodyWord(text[ht.Start:ht.End], ht.Pos, he == ht.End) {
		return extract.Mention{}, false // a one-character head is a word of its own (not 内部, 全部, 干部) or ends a body's word (教育厅)
	}
	var parts []namePart
	verbs := 0          // verbs in a row: a name holds one at a time (产业创新联盟)
	afterKnown := false // left of a known name only places go on (天津市|上合组织…)
	k0 := ti - 1
	if s, ok := known[he]; ok && s >= floor && s < hs {
		// The head ends a known name (清华大学): only a place may precede it.
		parts = append(parts, namePart{s, text[s:hs], "org"})
		k0, afterKnown = d.TokenAt(s)-1, true
	} else if ht.Start < hs && ht.Start >= floor {
		// The head's own word holds part of the name (电力公司, 州政府).
		parts = append(parts, namePart{ht.Start, text[ht.Start:hs], ht.Pos})
	}
	if k0 >= 0 && len(parts) == 0 && x.words.placeBody.Has(tx.FirstRune(head)) && d.Tokens[k0].Start >= floor {
		// A place the segmenter took for a person's name (余杭/nr 区委).
		if t := d.Tokens[k0]; strings.HasPrefix(t.Pos, "nr") && tx.IsCJKText(text[t.Start:t.End]) && utf8.RuneCountInString(text[t.Start:t.End]) <= 3 {
			parts = append(parts, namePart{t.Start, text[t.Start:t.End], "ns"})
			k0--
		}
	}
	for k := k0; k >= 0; k-- {
		t := d.Tokens[k]
		if t.Start < floor && t.End == floor && len(found) > 0 && found[len(found)-1].End == floor &&
			(x.hasContent(parts) || x.universityUnit(text[found[len(found)-1].Start:floor], head)) {
			// The name holds the organisation named just before: 天津医科
			// 大学|肿瘤医院 (but 市委|市政府 are two bodies).
			floor = found[len(found)-1].Start
			if _, ok := known[t.End]; !ok {
				known = map[int]int{t.End: floor}
			}
		}
		if t.Start < floor || utf8.RuneCountInString(text[t.Start:he]) > 30 {
			break
		}
		w := text[t.Start:t.End]
		if s, ok := known[t.End]; ok && s >= floor && s < t.End {
			if len(parts) > 0 && parts[len(parts)-1].pos == "v" {
				break // a clause: 教育部|宣布|大学, the body is the subject of the verb
			}
			// A known organisation's name ends here (上合组织产业园区联盟).
			parts = append(parts, namePart{s, text[s:t.End], "org"})
			k, verbs, afterKnown = d.TokenAt(s), 0, true
			continue
		}
		if (w == "-" || w == " " || w == "&") && k > 0 && len(parts) > 0 && latinEnds(text[d.Tokens[k-1].Start:d.Tokens[k-1].End]) &&
			tx.IsASCIILetter(tx.FirstRune(parts[len(parts)-1].w)) {
			// A Latin name of several words: Al-Rajhi公司, Saudi Aramco公司.
			parts = append(parts, namePart{t.Start, w, "x"})
			continue
		}
		if w == "、" && len(parts) > 0 && !afterKnown && x.govHead(head) && utf8.RuneCountInString(head) == 1 {
			// The fields of a foreign ministry joined by 、: 巴西发展、工业、
			// 贸易和服务部 (kept only if a state's name starts it, below).
			parts = append(parts, namePart{t.Start, w, "list"})
			continue
		}
		if (w == "—" || w == "-" || w == "–") && k > 0 {
			// A state joined by a dash starts the name: 中国—上海合作组织经贸学院.
			p := d.Tokens[k-1]
			if x.countries != nil && x.countries.Names(text[p.Start:p.End]) && len(parts) > 0 {
				parts = append(parts, namePart{t.Start, w, "x"}, namePart{p.Start, text[p.Start:p.End], "ns"})
			}
			break
		}
		if j := x.placeEndingAt(d, k, floor); j < k {
			// A place the segmenter split (雄/安/新区).
			p := d.Tokens[j]
			parts = append(parts, namePart{p.Start, text[p.Start:t.End], "ns"})
			k, verbs = j, 0
			continue
		}
		if afterKnown && !x.isPlace(w, t.Pos) && w != "附属" {
			break
		}
		if w == ")" && len(parts) > 0 {
			// A place in brackets inside a company's name: 中沙(天津)石化.
			open := strings.LastIndex(text[max(floor, t.Start-30):t.Start], "(")
			if open < 0 {
				break
			}
			open += max(floor, t.Start-30)
			if !x.isPlace(text[open+1:t.Start], "") && text[open+1:t.Start] != "集团" {
				break
			}
			parts = append(parts, namePart{open, text[open:t.End], "x"})
			k, verbs = d.TokenAt(open), 0
			continue
		}
		if q := closingQuote(w); q != "" {
			// A quoted piece of the name: 天津市助企“走出去”服务联盟.
			open := strings.LastIndex(text[max(floor, t.Start-40):t.Start], q)
			if open < 0 {
				break
			}
			open += max(floor, t.Start-40)
			parts = append(parts, namePart{open, text[open:t.End], "quote"})
			k, verbs = d.TokenAt(open), 0
			continue
		}
		if x.context[w] == "not-start" {
			break
		}
		if len(parts) > 0 && !afterKnown && ((w == "和" || w == "与") && (x.govHead(head) || x.researchHead(head)) && !x.anyPlace(parts) ||
			w == "及" && x.govHead(head) && utf8.RuneCountInString(head) == 1 && !x.anyPlace(parts) ||
			w == "驻" && strings.HasSuffix(head, "馆")) {
			// 工业和信息化厅, 生物能源与过程研究所 (two fields, before any
			// place: 天津市|委 ends at its place), 投资、贸易及工业部, 中国驻
			// 美国大使馆.
			parts = append(parts, namePart{t.Start, w, "x"})
			continue
		}
		if x.words.notInName[w] {
			break // 新基地将成为公司: a clause, not a name
		}
		place := x.isPlace(w, t.Pos)
		switch {
		case place || x.nameWord(w, t.Pos) || x.companyHead(head) && (strings.HasPrefix(t.Pos, "nr") || t.Pos == "d" || t.Pos == "a"):
			// A brand may be a person's name or an adverb to the segmenter
			// (北京京顺达汽车集团, 山东钢刚好智能制造有限公司).
			verbs = 0
		case t.Pos == "v" && verbs == 0 && tx.IsCJKText(w) && !(len(parts) > 0 && x.placeLike(parts[len(parts)-1])):
			// A verb inside a name (产业创新联盟), not before its place
			// (入选国家数据局, 启动京津冀…联盟).
			verbs++
		default:
			k = -1
			continue
		}
		parts = append(parts, namePart{t.Start, w, t.Pos})
	}
	// Fields joined by 、 belong to the name only after a state's name
	// (巴西发展、工业、贸易和服务部); else the name starts after the last 、.
	for j, p := range parts {
		if p.pos != "list" {
			continue
		}
		if first := parts[len(parts)-1]; !x.countryOnly(first.w) {
			parts = parts[:j]
		}
		break
	}
	// The name does not start with a verb, an adverb or a function
	// character (新基地将成为公司).
	for len(parts) > 0 {
		p := parts[len(parts)-1]
		if (p.pos == "v" || p.pos == "vn" && len(parts) > 1 && x.placeLike(parts[len(parts)-2])) && !x.placeLike(p) ||
			p.w == "和" || p.w == "与" || p.w == "及" || p.w == "驻" || p.pos == "list" || p.pos == "x" && (p.w == " " || p.w == "-" || p.w == "&") ||
			tx.HasAnyPrefix(p.pos, "d", "p", "c", "u", "r") && tx.IsCJKText(p.w) && !x.placeLike(p) {
			parts = parts[:len(parts)-1]
			continue
		}
		break
	}
	start := hs
	if len(parts) > 0 {
		start = parts[len(parts)-1].start
	}
	var place, realPlace, proper, event bool
	for _, p := range parts {
		switch {
		case p.pos == "org":
			place, realPlace, proper = true, true, true
		case x.isPlace(p.w, p.pos):
			place, realPlace, proper = true, true, true
		case x.context[p.w] == "region":
			place, proper = true, true
		case x.context[p.w] == "event":
			proper, event = true, true
		case p.pos == "quote", p.pos == "nz", p.pos == "nt", p.pos == "j", p.pos == "", p.pos == "x",
			strings.HasPrefix(p.pos, "nr"), tx.IsASCIILetter(tx.FirstRune(p.w)),
			utf8.RuneCountInString(p.w) == 1 && p.pos != "n": // a fragment of an unknown brand
			proper = true
		}
		if p.pos != "org" && x.aliases.Contained(p.w) != "" {
			place, realPlace, proper = true, true, true
		}
	}
	if event {
		start = yearBefore(text, start)
	}
	if x.companyHead(head) && (strings.HasSuffix(text[:start], "家") || tx.IsASCIILetter(tx.FirstRune(text[he:]))) && describes(parts, x) {
		// 一家美国半导体公司, 英国资产管理公司M&G: a kind of company
		// (before the name, if any), no name.
		return extract.Mention{}, false
	}
	name := text[start:hs]
	switch {
	case name == "":
		// A body named by its place word alone: 市委, 区委, 省委.
		if r := tx.FirstRune(head); info.strength == "weak" && x.words.placeBody.Has(r) && utf8.RuneCountInString(head) == 2 {
			return extract.Mention{Type: extract.Org, Start: hs, End: he, Rule: rPlaceBody.Name}, true
		}
		return extract.Mention{}, false
	case x.countryOnly(name) &&
		(utf8.RuneCountInString(head) == 1 || head == "公司" || head == "集团" || head == "企业"):
		return extract.Mention{}, false // 中国公司, 美国企业, 蒙古厅: no name
	case strings.HasSuffix(head, "中心") && !realPlace && !(proper && !x.placeOnlyRegion(parts)) && !event:
		return extract.Mention{}, false // 国际冷链中心: a hub, not a body
	case info.strength == "weak" && !place && !event:
		return extract.Mention{}, false
	case info.strength == "strong" && !place && !proper && !(len(parts) >= 3 && utf8.RuneCountInString(name) >= 5):
		return extract.Mention{}, false // 产业园区联盟: a description, not a name
	case utf8.RuneCountInString(name) < 2 && !place:
		return extract.Mention{}, false
	}
	return extract.Mention{Type: extract.Org, Start: start, End: he, Rule: rHead.Name}, true
}

// placeEndingAt returns the index of the first of two or three tokens that
// end with token k and together name a place of the lexicon, or k.
func (x *Extractor) placeEndingAt(d *extract.Doc, k, floor int) int {
	place := &x.first().place
	for j := k - 1; j >= 0 && j >= k-2 && d.Tokens[j].Start >= floor; j-- {
		if w := d.Text[d.Tokens[j].Start:d.Tokens[k].End]; startsIn(place, w) && x.places[w] {
			return j
		}
	}
	return k
}

// anyPlace reports whether one of the parts is a place or a known name.
func (x *Extractor) anyPlace(parts []namePart) bool {
	for _, p := range parts {
		if x.placeLike(p) {
			return true
		}
	}
	return false
}

// hasContent reports whether the parts hold a word that is not a place.
func (x *Extractor) hasContent(parts []namePart) bool {
	for _, p := range parts {
		if !x.placeLike(p) && utf8.RuneCountInString(p.w) > 1 {
			return true
		}
	}
	return false
}

// placeLike reports whether a part of a name is a place or a known name, which
// may start it.
func (x *Extractor) placeLike(p namePart) bool {
	return p.pos == "org" || x.isPlace(p.w, p.pos) || x.context[p.w] == "region"
}

// headEndsWordAt reports whether a head of two characters or more starts at
// i and ends a word: the second body of 市委市政府.
func (x *Extractor) headEndsWordAt(d *extract.Doc, i int) bool {
	h := x.heads.Longest(d.Text[i:])
	return h != "" && x.head[h].strength != "not" && utf8.RuneCountInString(h) >= 2 && d.Boundary(i+len(h))
}
