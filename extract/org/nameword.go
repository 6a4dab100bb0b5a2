// What the head rule (name.go) asks of a word: is it a body word, a kind of
// head, a title, a place, part of a Latin name, a description rather than
// a name.

package org

import (
	"strings"
	"unicode/utf8"

	"github.com/cnie/cnie/extract"
	tx "github.com/cnie/cnie/extract/internal/text"
)

// bodyWord reports whether a word that ends in a one-character head is a
// body's name (教育厅, 科技局, 宣传部): three characters or more, a noun,
// the head its last.
func bodyWord(w, pos string, headLast bool) bool {
	return headLast && utf8.RuneCountInString(w) >= 3 && (pos == "n" || pos == "nt" || pos == "j" || pos == "nz" || pos == "")
}

// researchHead reports whether a head ends an institute's name, which may
// join two fields with 与 or 和 (量子信息与量子科技创新研究院).
func (x *Extractor) researchHead(h string) bool {
	return tx.HasAnyPrefix(h, x.words.researchPrefix...) || x.words.researchHead[h]
}

// universityUnit reports whether a name ending in head is a unit of the
// university named just before it (四川大学|华西医院, 清华大学|化学系).
func (x *Extractor) universityUnit(prev, head string) bool {
	return hasAnySuffix(prev, x.words.university) && (hasAnySuffix(head, x.words.universityUnit) || x.researchHead(head))
}

// govHead reports whether a head ends a government body's name, which may
// join two fields with 和 (工业和信息化厅, 住房和城乡建设局).
func (x *Extractor) govHead(h string) bool {
	return x.words.govLast.Has(tx.LastRune(h)) || hasAnySuffix(h, x.words.govSuffix)
}

// companyHead reports whether a head ends a company's name.
func (x *Extractor) companyHead(h string) bool { return hasAnySuffix(h, x.words.companySuffix) }

// countryOnly reports whether name is one country's name and nothing else.
func (x *Extractor) countryOnly(name string) bool {
	return x.countries != nil && x.countries.LongestName(name) == name
}

// placeOnlyRegion reports whether the proper parts of a name are only
// region words (国际, 全球): not enough for a 中心 to be a body.
func (x *Extractor) placeOnlyRegion(parts []namePart) bool {
	for _, p := range parts {
		if x.context[p.w] != "region" && (p.pos == "nz" || p.pos == "nt" || p.pos == "j" || p.pos == "quote" ||
			strings.HasPrefix(p.pos, "nr") || tx.IsASCIILetter(tx.FirstRune(p.w))) {
			return false
		}
	}
	return true
}

// yearBefore extends a name's start over a year written before it: the
// 2025年 of 2025年上海合作组织峰会新闻中心.
func yearBefore(text string, start int) int {
	s := strings.TrimSuffix(text[:start], "年")
	if len(s) < 4 || !tx.IsYear(s[len(s)-4:]) {
		return start
	}
	if len(s) > 4 && s[len(s)-5] >= '0' && s[len(s)-5] <= '9' {
		return start
	}
	return len(s) - 4
}

// closingQuote returns the opening quote that matches a closing quote w.
func closingQuote(w string) string {
	switch w {
	case "”":
		return "“"
	case "\"":
		return "\""
	case "」":
		return "「"
	case "’":
		return "‘"
	}
	return ""
}

// partAfter finds a sub-unit that starts at i, right after a name: a few
// words ending in a head that names a unit (规划司, 秘书处, 成员国元首理事会,
// 宣传部), and returns where it ends. A head followed by a title in one
// word (党委书记) ends the unit there.
func (x *Extractor) partAfter(d *extract.Doc, i int) (int, bool) {
	if i >= len(d.Text) {
		return i, false
	}
	k := d.TokenAt(i)
	if k < 0 || d.Tokens[k].Start != i {
		return i, false
	}
	inner := 0 // runes between the name and the head
	for j := k; j < len(d.Tokens) && j < k+5; j++ {
		t := d.Tokens[j]
		w := d.Text[t.Start:t.End]
		if h := x.heads.Longest(w); h != "" && h != w && x.titleAt(w[len(h):]) && x.head[h].part {
			return t.Start + len(h), true // 党委书记
		}
		if h := x.headSuffix(w); h != "" {
			info := x.head[h]
			n := inner + utf8.RuneCountInString(w) - utf8.RuneCountInString(h)
			limit := 3
			if info.strength == "strong" {
				limit = 8
			}
			// A one-character head inside a longer word counts in a noun
			// only (规划司, not 主办 or 签署).
			nounish := t.Pos == "" || t.Pos == "n" || t.Pos == "nt" || t.Pos == "nz" || t.Pos == "j" || t.Pos == "ns" || strings.HasPrefix(t.Pos, "nr")
			if utf8.RuneCountInString(h) == 1 && h != w && !bodyWord(w, t.Pos, true) {
				nounish = false // 格局, 布局
			}
			if info.part && n <= limit && (nounish || h == w || utf8.RuneCountInString(h) > 1 && t.Pos != "v") {
				return t.End, true
			}
		}
		if !x.nameWord(w, t.Pos) && t.Pos != "t" || t.Pos == "v" {
			return i, false // 元首/t stays: 成员国元首理事会
		}
		if inner += utf8.RuneCountInString(w); inner > 8 {
			break
		}
	}
	return i, false
}

// headSuffix returns the longest head that ends word w, or "" if there is
// none or the longest is a word that is not a head (部署, 命运共同体).
func (x *Extractor) headSuffix(w string) string {
	for i := range w {
		if h := w[i:]; x.head[h].strength != "" {
			if x.head[h].strength == "not" {
				return ""
			}
			return h
		}
	}
	return ""
}

// titleAt reports whether s starts with a job title (lexicon/org_context.tsv,
// title), which may follow an organisation's name inside one word of the
// segmentation (天津市委常委).
func (x *Extractor) titleAt(s string) bool {
	for _, t := range x.titles {
		if strings.HasPrefix(s, t) {
			return true
		}
	}
	return false
}

// nameWord reports whether a word can stand inside an organisation's name:
// places, proper nouns, nouns and noun-like verbs, Latin names; not verbs,
// prepositions, particles, numbers, pronouns or punctuation.
func (x *Extractor) nameWord(w, pos string) bool {
	if x.words.notInName[w] {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	if !tx.IsCJKRune(r) {
		return tx.IsASCIILetter(r) // a Latin name part: Sun, okex
	}
	if r == '第' && pos == "m" && utf8.RuneCountInString(w) > 1 {
		return true // an ordinal: 第一分院, 第二中学
	}
	one := utf8.RuneCountInString(w) == 1
	switch {
	case pos == "" || pos == "x":
		return true
	case one && pos != "v" && !tx.HasAnyPrefix(pos, "p", "c", "u", "r", "d", "m", "q", "y", "e", "o", "t", "nr"):
		// A lone character is mostly a fragment of a brand the dictionary
		// does not know (北京津鸣科技, 小海豚听障儿童合唱团).
		return true
	case strings.HasPrefix(pos, "nr"):
		// gse tags some place words as person names (高新区/nr).
		return x.words.nrPlace.Has(tx.LastRune(w))
	case strings.HasPrefix(pos, "n"), pos == "vn", pos == "j", pos == "l", pos == "b", pos == "an", pos == "s", pos == "f", pos == "zg", pos == "ng":
		return true
	}
	return false
}

// latinEnds reports whether a word ends in a Latin letter or digit: the
// piece of a Latin name before a hyphen or a space (Al-, Saudi ).
func latinEnds(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	return tx.IsASCIIAlnum(r)
}

// describes reports whether the parts of a name are only places and common
// nouns (美国|半导体): after a count of companies (一家, 多家) they describe
// a kind of company rather than name one.
func describes(parts []namePart, x *Extractor) bool {
	for _, p := range parts {
		if !x.placeLike(p) && p.pos != "n" && p.pos != "vn" {
			return false
		}
	}
	return true
}
