package org

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cnie/cnie/extract"
	tx "github.com/cnie/cnie/extract/internal/text"
)

// This file holds the context rules: names that carry no head and are not in
// the lexicon, known as organisations from where they stand.

// maxMemberRunes bounds a list member or a by-line outlet.
const maxMemberRunes = 12

// listNames finds the members of a list of organisations closed by 等 and a
// noun for them (lexicon/org_context.tsv, list-tail): 山东重工、潍柴雷沃、豪迈
// 集团等省内龙头企业; 由浪潮云、海尔海纳云等企业共同发起. A list needs two
// members at least, each a name rather than a common noun (高校、科研院所等
// 机构 names none).
func (x *Extractor) listNames(d *extract.Doc, found []extract.Mention) []extract.Mention {
	text := d.Text
	for i := 0; i < len(text); {
		k := strings.Index(text[i:], "等")
		if k < 0 {
			break
		}
		p := i + k
		i = p + len("等")
		if !d.Boundary(p) || !x.listTailAt(d, i) {
			continue
		}
		found = append(found, x.listMembers(d, p)...)
	}
	return found
}

// appositives finds a company's name written straight after a word for its
// kind (天津民营企业明源丝路在乌兹别克斯坦建成): a brand the dictionary does
// not know, so that the segmenter splits it into single characters, of two to
// eight characters, ending before a preposition, conjunction, 的 or
// punctuation.
func (x *Extractor) appositives(d *extract.Doc, found []extract.Mention) []extract.Mention {
	text := d.Text
	first := &x.first().appositive
	for k, t := range d.Tokens {
		if w := text[t.Start:t.End]; !startsIn(first, w) || !x.appositive[w] {
			continue
		}
		start, end, brand := -1, -1, false
		for j := k + 1; j < len(d.Tokens) && j <= k+5; j++ {
			u := d.Tokens[j]
			w := text[u.Start:u.End]
			if x.words.nameEnd[w] || !tx.IsCJKText(w) {
				if start >= 0 {
					end = u.Start
				}
				break
			}
			if u.Pos == "v" || tx.HasAnyPrefix(u.Pos, "p", "c", "u", "r", "d", "m", "q", "t", "f") {
				break // a verb or a function word: a sentence, not a name
			}
			if start < 0 {
				start = u.Start
			}
			if utf8.RuneCountInString(w) == 1 || u.Pos == "" || u.Pos == "nz" {
				brand = true
			}
		}
		if start < 0 || end < 0 || !brand {
			continue
		}
		if n := utf8.RuneCountInString(text[start:end]); n < 2 || n > 8 || x.isPlace(text[start:end], "") {
			continue
		}
		found = append(found, extract.Mention{Type: extract.Org, Start: start, End: end, Rule: rAppositive.Name})
	}
	return found
}

// listTailAt reports whether a noun for organisations follows 等 at i, after
// at most a few modifiers (多家, 一批, 省内龙头, 30余家).
func (x *Extractor) listTailAt(d *extract.Doc, i int) bool {
	k := d.TokenAt(i)
	if k < 0 {
		return false
	}
	for j := k; j < len(d.Tokens) && j < k+5; j++ {
		t := d.Tokens[j]
		w := d.Text[t.Start:t.End]
		w2 := "" // the word with the next, which the segmenter may split (车|企)
		if j+1 < len(d.Tokens) {
			w2 = d.Text[t.Start:d.Tokens[j+1].End]
		}
		switch {
		case x.context[w] == "list-tail", hasAnySuffix(w, x.words.listTailSuffix), x.context[w2] == "list-tail":
			return true
		case x.context[w] == "list-mod", strings.TrimSpace(w) == "", t.Pos == "m", t.Pos == "q", isDigitsOrSpace(w),
			x.words.listCount[w]:
		default:
			return false
		}
	}
	return false
}

// listMembers returns the members of the list that ends before 等 at p.
// Members are split by 、 (or 和, 及, 与 before the last); the list starts
// after punctuation, and its first member after the verb or preposition
// that introduces it (引进, 由, 集聚了).
func (x *Extractor) listMembers(d *extract.Doc, p int) []extract.Mention {
	text := d.Text
	var spans [][2]int // right to left
	end := p
	k := d.TokenAt(p) - 1
	for ; k >= 0; k-- {
		t := d.Tokens[k]
		w := text[t.Start:t.End]
		if w == "、" || w == "和" || w == "及" || w == "与" {
			if t.End >= end || utf8.RuneCountInString(text[t.End:end]) > maxMemberRunes {
				return nil
			}
			spans = append(spans, [2]int{t.End, end})
			end = t.Start
			continue
		}
		if strings.ContainsAny(w, "，。；：！？,;:!?()（）“”\"《》\n") || utf8.RuneCountInString(text[t.Start:end]) > maxMemberRunes {
			break
		}
	}
	// The first member: the words before end that can stand in a name.
	first := end
	for j := d.TokenAt(end) - 1; j > k && j >= 0; j-- {
		t := d.Tokens[j]
		if !x.memberWord(text[t.Start:t.End], t.Pos) {
			break
		}
		first = t.Start
	}
	for first < end {
		t := d.Tokens[d.TokenAt(first)]
		if utf8.RuneCountInString(text[t.Start:t.End]) == 1 && (t.Pos == "v" || t.Pos == "p" || t.Pos == "d" || t.Pos == "c") {
			first = t.End
			continue
		}
		break
	}
	if first < end {
		spans = append(spans, [2]int{first, end})
	}
	if len(spans) < 2 {
		return nil
	}
	// Most members must be names; a list of common nouns names none
	// (高校、科研院所等机构).
	names := 0
	for _, s := range spans {
		if x.memberName(d, s[0], s[1]) {
			names++
		}
	}
	if names < 2 || 3*names < 2*len(spans) {
		return nil
	}
	// In a list most of whose members the lexicon knows, a short common
	// word is a brand too (小米、比亚迪、蔚来、理想等车企), unless it names a
	// kind of organisation (高校, 院所: it ends in a head or is a context word).
	known := 0
	for _, s := range spans {
		if _, ok := x.canonical[tx.SqueezeSpace(d.Text[s[0]:s[1]])]; ok {
			known++
		}
	}
	brands := known >= 2 && 2*known >= len(spans)
	var ms []extract.Mention
	for _, s := range spans {
		if x.isPlace(d.Text[s[0]:s[1]], "") || x.commonNoun(d, s[0], s[1]) && !(brands && x.brandWord(d.Text[s[0]:s[1]])) {
			continue // 北京; 30余所高校和华为…
		}
		ms = append(ms, extract.Mention{Type: extract.Org, Start: s[0], End: s[1], Rule: rListMember.Name})
	}
	return ms
}

// commonNoun reports whether text[s:e] holds only common nouns and numbers
// (高校, 30余所高校): a kind of organisation, not one.
func (x *Extractor) commonNoun(d *extract.Doc, s, e int) bool {
	if _, ok := x.canonical[tx.SqueezeSpace(d.Text[s:e])]; ok {
		return false
	}
	for k := d.TokenAt(s); k >= 0 && k < len(d.Tokens) && d.Tokens[k].Start < e; k++ {
		if t := d.Tokens[k]; t.Pos != "n" && t.Pos != "m" && t.Pos != "q" && !isDigitsOrSpace(d.Text[t.Start:t.End]) {
			return false
		}
	}
	return true
}

// memberWord reports whether a word may stand inside a list member.
func (x *Extractor) memberWord(w, pos string) bool {
	if x.nameWord(w, pos) {
		return true
	}
	switch n := utf8.RuneCountInString(w); {
	case !tx.IsCJKText(w):
		return false
	case n == 1: // 建 of 上海匡建仪表, 兆 of 山东兆契
		return !tx.HasAnyPrefix(pos, "p", "c", "u", "r", "d", "y", "e")
	default: // 豪迈集团, 中国巨石 (巨石/nr)
		return pos == "a" || pos == "ad" || strings.HasPrefix(pos, "nr")
	}
}

// memberName reports whether text[s:e] is a name: a lexicon name, or two
// characters or more with a proper part (a place, a brand, a word the
// dictionary does not know) and not a mere place or common noun.
func (x *Extractor) memberName(d *extract.Doc, s, e int) bool {
	name := d.Text[s:e]
	n := utf8.RuneCountInString(name)
	if n < 2 || n > maxMemberRunes || !tx.IsCJKText(tx.SqueezeSpace(name)) {
		return false
	}
	if _, ok := x.canonical[tx.SqueezeSpace(name)]; ok {
		return true
	}
	if x.isPlace(name, "") {
		return false // 北京、上海等城市
	}
	if h := x.headSuffix(name); h != "" && x.head[h].strength == "strong" && len(h) < len(name) {
		return true // 豪迈集团
	}
	proper := false
	for k := d.TokenAt(s); k >= 0 && k < len(d.Tokens) && d.Tokens[k].Start < e; k++ {
		t := d.Tokens[k]
		w := d.Text[t.Start:t.End]
		switch {
		case t.Pos == "nz", t.Pos == "nt", t.Pos == "j", t.Pos == "", t.Pos == "x", t.Pos == "ns", strings.HasPrefix(t.Pos, "nr"),
			utf8.RuneCountInString(w) == 1:
			proper = true
		}
	}
	return proper
}

// bylines finds the news outlets a by-line or a credit line names: a line
// that starts “观海新闻记者 王珊” (or “青岛日报/观海新闻记者”, an outlet in
// each part), “©天津发布”, “来源：央视新闻”. The outlet is the longest run
// at the start that ends in an outlet word (lexicon/org_context.tsv:
// 日报, 新闻, 发布), or a lexicon name.
func (x *Extractor) bylines(d *extract.Doc, found []extract.Mention) []extract.Mention {
	text := d.Text
	for ls := 0; ls < len(text); {
		le := strings.IndexByte(text[ls:], '\n')
		if le < 0 {
			le = len(text)
		} else {
			le += ls
		}
		line, off := text[ls:le], ls
		ls = le + 1
		trimmed := strings.TrimLeft(line, " \t\r□■▲●◆★")
		off += len(line) - len(trimmed)
		line = trimmed
		for _, credit := range x.words.credit {
			if strings.HasPrefix(line, credit) {
				rest := strings.TrimLeft(line[len(credit):], " \t")
				s := off + len(line) - len(rest)
				if n := x.outletAt(rest); n > 0 {
					found = append(found, extract.Mention{Type: extract.Org, Start: s, End: s + n, Rule: rCredit.Name})
				}
			}
		}
		k := strings.Index(line, "记者")
		if k <= 0 || utf8.RuneCountInString(line[:k]) > 2*maxMemberRunes {
			continue
		}
		at := off
		for _, part := range strings.Split(line[:k], "/") {
			s := at + len(part) - len(strings.TrimLeft(part, " \t"))
			name := strings.TrimSpace(part)
			at += len(part) + 1
			if n := x.outletAt(name); n > 0 && n == len(name) {
				found = append(found, extract.Mention{Type: extract.Org, Start: s, End: s + n, Rule: rByline.Name})
			}
		}
	}
	return found
}

// outletAt returns the length of the outlet's name that s starts with, or 0.
func (x *Extractor) outletAt(s string) int {
	best := 0
	n := 0
	for i, r := range s {
		if !tx.IsCJKRune(r) && !tx.IsASCIILetter(r) {
			break
		}
		if n++; n > maxMemberRunes {
			break
		}
		e := i + utf8.RuneLen(r)
		name := s[:e]
		if _, known := x.canonical[name]; known && n >= 2 {
			best = e
			continue
		}
		for _, w := range x.outlets {
			if strings.HasSuffix(name, w) && len(name) > len(w) {
				best = e
				break
			}
		}
	}
	if best == 0 {
		return 0
	}
	for _, w := range x.bylineNot {
		if strings.HasPrefix(s, w) {
			return 0
		}
	}
	return best
}

// contextRepeats finds every other use of the names in found[from:], which
// only their context showed to be organisations (list members):
// standing as a word of its own, each is the same organisation.
func (x *Extractor) contextRepeats(d *extract.Doc, found []extract.Mention, from int) []extract.Mention {
	text := d.Text
	var names []string
	for _, m := range found[from:] {
		name := text[m.Start:m.End]
		// Two characters (美的) are too often a word of their own to repeat.
		if _, known := x.canonical[name]; !known && utf8.RuneCountInString(name) >= 3 && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return found
	}
	// Longest first, so that a name inside another (浪潮云, 浪潮) does not
	// take the longer one's place.
	slices.SortStableFunc(names, func(a, b string) int { return len(b) - len(a) })
	taken := coverage(len(text), found)
	for _, name := range names {
		for i := 0; ; {
			k := strings.Index(text[i:], name)
			if k < 0 {
				break
			}
			s, e := i+k, i+k+len(name)
			i = e
			if taken.Has(s) || taken.Has(e-1) || !d.Boundary(s) || !d.Boundary(e) {
				continue
			}
			found = append(found, extract.Mention{Type: extract.Org, Start: s, End: e, Rule: rRepeat.Name})
			taken.Set(s, e)
		}
	}
	return found
}

// coverage marks the bytes of a text of n bytes that the mentions cover.
func coverage(n int, ms []extract.Mention) *tx.Bitset {
	taken := tx.NewBitset(n)
	for _, m := range ms {
		taken.Set(m.Start, m.End)
	}
	return taken
}

func isDigitsOrSpace(s string) bool {
	for _, r := range s {
		if (r < '0' || r > '9') && r != ' ' {
			return false
		}
	}
	return s != ""
}

// brandWord reports whether a common word of two to four characters may be
// a brand in a list of companies: it ends in no head and is no context word
// (高校, 院所, 企业 name kinds of organisation).
func (x *Extractor) brandWord(w string) bool {
	n := utf8.RuneCountInString(w)
	if n < 2 || n > 4 || !tx.IsCJKText(w) || x.context[w] != "" || x.appositive[w] || x.words.notInName[w] {
		return false
	}
	for i := range w {
		if x.head[w[i:]].strength != "" {
			return false
		}
	}
	return !hasAnySuffix(w, x.words.listTailSuffix)
}

// titledOutlets finds a newspaper or a magazine written in title marks, its
// name ending in an outlet word of lexicon/org_context.tsv that names a
// publication (日报, 时报, 周刊…): 据英国《金融时报》报道. A title ending in a
// word for a document (报告, 公报: org_words.tsv, outlet-not) is none. One
// walk of the text for 《.
func (x *Extractor) titledOutlets(d *extract.Doc, found []extract.Mention) []extract.Mention {
	text := d.Text
	for i := 0; ; {
		k := strings.Index(text[i:], "《")
		if k < 0 {
			break
		}
		s := i + k + len("《")
		i = s
		e := strings.Index(text[s:min(len(text), s+3*maxMemberRunes)], "》")
		if e < 2 {
			continue
		}
		e += s
		name := text[s:e]
		if !tx.IsCJKText(name) || hasAnySuffix(name, x.words.outletNot) || !x.publication(name) {
			continue
		}
		canon := ""
		if c, ok := x.canonical[name]; ok {
			canon = c
		}
		found = append(found, extract.Mention{Type: extract.Org, Start: s, End: e, Canonical: canon, Rule: rTitledOutlet.Name})
		i = e
	}
	return found
}

// publication reports whether a title ends in an outlet word that names a
// newspaper or a magazine (日报, 周刊, 杂志), not a broadcaster's or a web
// word (发布, 频道) that a book or a programme may end in too.
func (x *Extractor) publication(name string) bool {
	for _, w := range x.words.publication {
		if strings.HasSuffix(name, w) && len(name) > len(w) {
			return true
		}
	}
	return false
}
