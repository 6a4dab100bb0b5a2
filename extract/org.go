package extract

import (
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/cnie/cnie/lexicon"
	"github.com/cnie/cnie/segment"
)

// OrgExtractor finds organisation names and their canonical full names from
// three kinds of evidence: the organisation lexicon (lexicon/orgs/*.tsv: 上合
// 组织 is 上海合作组织), a name that ends in an organisation head
// (lexicon/org_heads.tsv: 有限公司, 大学, 委, 局…) whose left edge the
// segmentation finds, and short forms the text defines (以下简称“联盟”).
// A lexicon name followed by a sub-unit (上合组织秘书处, 工信部规划司) is one
// mention whose canonical is the full name's. Build it with NewOrgs.
type OrgExtractor struct {
	aliases   map[rune][]string // lexicon aliases by first rune, longest first
	canonical map[string]string // alias -> canonical
	heads     map[rune][]string // heads by first rune, longest first
	strong    map[string]bool   // head -> ends a name on its own
	countries *CountryExtractor // a name that holds a state holds a place
}

// NewOrgs builds the organisation extractor; countries, if not nil, lets a
// state's name count as the place a weak head needs (哈萨克斯坦研究中心).
func NewOrgs(seg *segment.Segmenter, countries *CountryExtractor) (*OrgExtractor, error) {
	x := &OrgExtractor{aliases: map[rune][]string{}, canonical: map[string]string{},
		heads: map[rune][]string{}, strong: map[string]bool{}, countries: countries}
	names, err := fs.Glob(lexicon.Files(), "orgs/*.tsv")
	if err != nil || len(names) == 0 {
		return nil, fmt.Errorf("lexicon: no organisation lists under orgs/ (%v)", err)
	}
	for _, n := range names {
		rows, err := lexicon.Read(n, 2, 3)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			canon := r.Fields[0]
			for _, a := range append(strings.Split(r.Field(1), "|"), canon) {
				if a = strings.TrimSpace(a); utf8.RuneCountInString(a) < 2 {
					continue
				}
				if _, dup := x.canonical[a]; !dup {
					addWord(x.aliases, a)
				}
				x.canonical[a] = canon
			}
		}
	}
	rows, err := lexicon.Read("org_heads.tsv", 2, 2)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		addWord(x.heads, r.Fields[0])
		x.strong[r.Fields[0]] = r.Fields[1] == "strong"
	}
	return x, nil
}

// aliasDef matches a short form the text defines right after a name:
// (以下简称“联盟”), （简称"山东铁投集团"）.
var aliasDef = regexp.MustCompile(`^[(（]\s*(?:以下)?简称\s*[“"「‘]([^”"」’]{1,20})[”"」’]\s*[)）]`)

// Extract implements Extractor.
func (x *OrgExtractor) Extract(d *Doc, dst []Mention) []Mention {
	text := d.Text
	var found []Mention
	// Lexicon names, longest first, with a sub-unit that follows.
	for i := 0; i < len(text); {
		a := longest(x.aliases, text[i:])
		if a == "" || !d.Boundary(i) || !d.Boundary(i+len(a)) && !x.subUnitAt(d, i+len(a)) {
			_, size := utf8.DecodeRuneInString(text[i:])
			i += size
			continue
		}
		m := Mention{Type: Org, Start: i, End: i + len(a), Canonical: x.canonical[a]}
		if h, end := x.headAt(d, m.End); h != "" {
			m.Canonical += text[m.End:end]
			m.End = end
		}
		found = append(found, m)
		i = m.End
	}
	// Names that end in a head.
	for i := 0; i < len(text); {
		h := longest(x.heads, text[i:])
		if h == "" {
			_, size := utf8.DecodeRuneInString(text[i:])
			i += size
			continue
		}
		end := i + len(h)
		if m, ok := x.named(d, i, end, h); ok {
			found = append(found, m)
		}
		i = end
	}
	// Short forms the text defines, and every later use of them.
	found = x.definedAliases(d, found)
	for _, m := range found {
		if m.Canonical == "" {
			m.Canonical = squeezeSpace(text[m.Start:m.End])
		}
		dst = append(dst, m)
	}
	return dst
}

// subUnitAt reports whether a head word starts at i (上合组织秘书处).
func (x *OrgExtractor) subUnitAt(d *Doc, i int) bool {
	h, _ := x.headAt(d, i)
	return h != ""
}

// headAt returns the longest run of heads that starts at i and ends on a
// word boundary (规划司, 秘书处, 党委), and where it ends.
func (x *OrgExtractor) headAt(d *Doc, i int) (string, int) {
	// A sub-unit is a short word ending in a head: 规划司, 秘书处, 北京代表处.
	for n := 0; n <= 4; n++ {
		j := i
		for k := 0; k < n && j < len(d.Text); k++ {
			_, size := utf8.DecodeRuneInString(d.Text[j:])
			j += size
		}
		if h := longest(x.heads, d.Text[j:]); h != "" && d.Boundary(j+len(h)) {
			if n > 0 && !x.strong[h] && utf8.RuneCountInString(h) == 1 && !d.Boundary(i) {
				continue
			}
			if n > 0 && !isCJKText(d.Text[i:j]) {
				continue
			}
			return h, j + len(h)
		}
	}
	return "", i
}

// named finds the name that ends in head text[hs:he], if there is one.
func (x *OrgExtractor) named(d *Doc, hs, he int, head string) (Mention, bool) {
	text := d.Text
	if !d.Boundary(he) && !titleAt(text[he:]) {
		return Mention{}, false // 公司法, 局部; but 天津市委常委 names 天津市委
	}
	strong := x.strong[head]
	// A one-character head must be a word of its own (内部, 全部, 干部 are not).
	ti := d.TokenAt(hs)
	if ti < 0 {
		return Mention{}, false
	}
	if d.Tokens[ti].Start != hs && utf8.RuneCountInString(head) == 1 {
		return Mention{}, false
	}
	start := d.Tokens[ti].Start
	if start > hs {
		start = hs
	}
	place := false
	proper := false // a proper name inside: a place, brand, abbreviation, Latin word
	if t := d.Tokens[ti]; t.Start < hs {
		// The head's own word holds part of the name (电力公司, 高新区联盟).
		proper = t.Pos != "n" && t.Pos != "vn" && t.Pos != "v"
	}
	// Walk left over the words that can be part of a name.
	for k := ti - 1; k >= 0; k-- {
		t := d.Tokens[k]
		w := text[t.Start:t.End]
		if start-t.Start > 0 && utf8.RuneCountInString(text[t.Start:he]) > 30 {
			break
		}
		if !nameWord(w, t.Pos) {
			// 中国—上海合作组织经贸学院: a state joined by a dash.
			if (w == "—" || w == "-") && k > 0 {
				p := d.Tokens[k-1]
				if x.countries != nil && x.countries.Names(text[p.Start:p.End]) {
					start, place = p.Start, true
					k--
					continue
				}
			}
			break
		}
		switch r, _ := utf8.DecodeRuneInString(w); {
		case t.Pos == "ns", t.Pos == "nz", t.Pos == "nt", t.Pos == "j", t.Pos == "", t.Pos == "x", strings.HasPrefix(t.Pos, "nr"), isASCIILetter(r),
			utf8.RuneCountInString(w) == 1 && t.Pos != "n": // a fragment of an unknown brand
			proper = true
		}
		if regionWords[w] {
			place, proper = true, true
		}
		if t.Pos == "ns" || t.Pos == "nt" || t.Pos == "j" || strings.HasSuffix(w, "市") || strings.HasSuffix(w, "省") ||
			w == "国家" || w == "中央" || w == "国务院" || w == "市" || w == "区" || w == "县" || strings.HasSuffix(w, "区") {
			place = true
		}
		start = t.Start
	}
	// Leading words that only point (该, 本, 各) are not part of the name.
	for _, p := range []string{"该", "本", "各", "其", "这", "那", "我", "全市", "全省"} {
		if strings.HasPrefix(text[start:hs], p) {
			start += len(p)
		}
	}
	name := text[start:hs]
	if name == "" {
		return Mention{}, false
	}
	for _, p := range []string{"市", "省", "区", "县", "镇", "国家", "中央"} {
		place = place || strings.HasSuffix(name, p) || strings.HasPrefix(name, p)
	}
	if x.countries != nil && !place {
		place = x.countries.Names(name)
	}
	if !place {
		if a := longestContained(x.aliases, name); a != "" {
			place = true
		}
	}
	if !strong && !place {
		return Mention{}, false
	}
	// A name of common nouns only (产业园区联盟, 企业家协会, 深化联盟) is a
	// description, not a name.
	if !place && !proper {
		return Mention{}, false
	}
	if utf8.RuneCountInString(name) < 2 && !place {
		return Mention{}, false
	}
	return Mention{Type: Org, Start: start, End: he}, true
}

// regionWords name regions and the world: a name that holds one is a
// proper name (京津冀生物医药产业链联盟, 世界职业教育发展联盟), though the
// segmentation tags them as common nouns.
var regionWords = map[string]bool{
	"京津冀": true, "长三角": true, "珠三角": true, "粤港澳": true, "大湾区": true, "成渝": true,
	"世界": true, "全球": true, "国际": true, "亚洲": true, "欧洲": true, "非洲": true, "亚太": true,
	"上合": true, "金砖": true, "东盟": true, "一带一路": true, "丝路": true,
}

// titleAt reports whether s starts with a job title, which may follow an
// organisation's name inside one word of the segmentation (天津市委常委).
func titleAt(s string) bool {
	for _, t := range []string{"常委", "委员", "主任", "书记", "副", "局长", "部长", "处长", "厅长", "司长", "院长", "所长", "负责人", "相关负责人", "党组", "一级"} {
		if strings.HasPrefix(s, t) {
			return true
		}
	}
	return false
}

// nameWord reports whether a word can stand inside an organisation's name:
// places, proper nouns, nouns and noun-like verbs, Latin names; not verbs,
// prepositions, particles, numbers, pronouns or punctuation.
func nameWord(w, pos string) bool {
	switch w {
	case "和", "与", "及", "在", "的", "是", "由", "为", "对", "向", "同", "把", "被", "将", "等", "由于", "以及", "或", "并",
		"记者", "代表", "主任", "书记", "局长", "部长", "会长", "院长", "总经理", "董事长", "副", "常务", "相关":
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	if !isCJKRune(r) {
		return isASCIILetter(r) // a Latin name part: Sun, okex
	}
	switch {
	case pos == "" || pos == "x":
		return true
	case utf8.RuneCountInString(w) == 1 && pos != "p" && pos != "c" && pos != "u" && pos != "r" && pos != "d" && pos != "m" && pos != "q":
		// A lone character is mostly a fragment of a brand the dictionary
		// does not know (北京津鸣科技, 小海豚听障儿童合唱团).
		return true
	case strings.HasPrefix(pos, "nr"):
		// gse tags some place words as person names (高新区/nr).
		return strings.ContainsAny(lastRuneString(w), "区市省县园港城镇村湾")
	case strings.HasPrefix(pos, "n"), pos == "vn", pos == "j", pos == "l", pos == "b", pos == "an", pos == "s", pos == "f", pos == "zg", pos == "ng":
		return !strings.HasPrefix(pos, "nr") || pos == "nrt"
	}
	return false
}

// longestContained returns a lexicon alias that s contains, or "".
func longestContained(m map[rune][]string, s string) string {
	for i := range s {
		if a := longest(m, s[i:]); a != "" {
			return a
		}
	}
	return ""
}

// definedAliases finds (以下简称“联盟”) after a found name: the short form is
// an org in the definition and wherever it stands alone in the document,
// with the defined name's canonical.
func (x *OrgExtractor) definedAliases(d *Doc, found []Mention) []Mention {
	text := d.Text
	defs := map[string]string{}
	for _, m := range found {
		g := aliasDef.FindStringSubmatchIndex(text[m.End:])
		if g == nil {
			continue
		}
		short := text[m.End+g[2] : m.End+g[3]]
		canon := m.Canonical
		if canon == "" {
			canon = squeezeSpace(text[m.Start:m.End])
		}
		defs[short] = canon
	}
	if len(defs) == 0 {
		return found
	}
	// A name found by its head that starts with a short form is a sub-unit of
	// the defined organisation (联盟轮值秘书处).
	for i := range found {
		m := &found[i]
		for short, canon := range defs {
			if m.Canonical == "" && strings.HasPrefix(text[m.Start:m.End], short) && text[m.Start:m.End] != short {
				m.Canonical = canon + text[m.Start+len(short):m.End]
			}
		}
	}
	taken := make([]bool, len(text)+1)
	for _, m := range found {
		for k := m.Start; k < m.End; k++ {
			taken[k] = true
		}
	}
	for short, canon := range defs {
		for i := 0; ; {
			k := strings.Index(text[i:], short)
			if k < 0 {
				break
			}
			s, e := i+k, i+k+len(short)
			i = e
			if taken[s] || taken[e-1] {
				continue
			}
			m := Mention{Type: Org, Start: s, End: e, Canonical: canon}
			// A sub-unit of the short form: 联盟轮值秘书处.
			if h, end := x.headAt(d, e); h != "" && end-e <= len("轮值秘书处") {
				m.Canonical += text[e:end]
				m.End = end
			}
			found = append(found, m)
		}
	}
	return found
}

func lastRuneString(s string) string {
	_, size := utf8.DecodeLastRuneInString(s)
	return s[len(s)-size:]
}

func isCJKText(s string) bool {
	for _, r := range s {
		if !isCJKRune(r) {
			return false
		}
	}
	return true
}

// squeezeSpace removes white space: the canonical of a name split by a line
// break.
func squeezeSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}
