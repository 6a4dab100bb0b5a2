// One-character abbreviations: which state a shared one means (乌 beside 中哈
// is Uzbekistan), pairs (中老, 中美), sides (中方) and 华 read across a word of
// the segmentation where the segmenter joined them to a neighbour (从中, 方向).

package country

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cnie/cnie/extract"
	tx "github.com/cnie/cnie/extract/internal/text"
)

// resolve picks the state a one-character abbreviation means, in the
// guide's order: the one of its states that the document names in full;
// else the one whose partners stand in the same run (乌 in 中哈乌 is
// Uzbekistan's, lexicon/country_partners.tsv), which settled records for
// the document; else its default.
func (x *Extractor) resolve(r rune, named map[string]bool, run string, settled map[rune]string) string {
	codes := x.abbrev[r]
	for _, c := range codes {
		if named[c] {
			return c
		}
	}
	if len(codes) > 1 {
		for _, c := range codes {
			for _, p := range x.partners[c] {
				if p != r && strings.ContainsRune(run, p) {
					settled[r] = c
					return c
				}
			}
		}
	}
	return codes[0]
}

// settle gives the mentions of dst[from:] that took a shared
// abbreviation's default the state that a run with partners settled
// elsewhere in the document: 乌方 in an article on 中吉乌铁路 is
// Uzbekistan's side.
func (x *Extractor) settle(text string, dst []extract.Mention, from int, settled map[rune]string) {
	if len(settled) == 0 {
		return
	}
	for k := from; k < len(dst); k++ {
		m := &dst[k]
		if m.Rule == rName.Name || m.Rule == rRisky.Name {
			continue
		}
		r, _ := utf8.DecodeRuneInString(text[m.Start:])
		if c, ok := settled[r]; ok && m.Code == x.abbrev[r][0] && len(x.abbrev[r]) > 1 {
			m.Code, m.Name = c, x.name[c]
		}
	}
}

// isPair reports whether text[i:j], a run of abbreviations, pairs states:
// it holds 中 or is followed by a pairing word (lexicon/pair_context.tsv),
// no word of the segmentation crosses its edges (中新社, 德意志银行, 集中),
// and it is not an ordinary word (加以, 美德, 罗马). A dictionary word
// counts when it holds 中 and is tagged as a place, organisation or
// abbreviation (中美, 中法) but names no company (中泰证券); without 中, a
// pairing word must follow and, for a place, placePair hold (美日韩三国;
// 印巴边境 where the text names India and Pakistan, not 加沙冲突 or
// 巴黎峰会); a person's name before a pairing word pairs (巴以冲突); any
// other noun only with 中 and a pairing word (中葡两国). across reports a
// pair the segmenter read across its first edge: a preposition and 中 as
// one word (从中|老 of 从中老铁路), the segmentation taken as evidence, not
// as the last word.
func (x *Extractor) isPair(d *extract.Doc, i, j int, named map[string]bool) (ok, across bool) {
	run := d.Text[i:j]
	paired := x.pairContext.Longest(d.Text[j:]) != ""
	// Without 中 the pair must be followed by a word that pairs states
	// (俄乌冲突, 美日同盟): 马波 is a person.
	if !strings.Contains(run, "中") && !paired {
		return false, false
	}
	// A word that crosses the run's edges makes it part of something else
	// (中新社, 德意志银行, 集中), unless what follows is a pairing word
	// (中美关系 may be one word), or the word before is a preposition
	// and the run's first character (从中).
	if k := d.TokenAt(i); k >= 0 && d.Tokens[k].Start < i {
		_, n := utf8.DecodeRuneInString(run)
		p, pn := utf8.DecodeLastRuneInString(d.Text[:i])
		across = d.Tokens[k].End == i+n && d.Tokens[k].Start == i-pn && x.pairBefore.Has(p)
		if !across && !paired {
			return false, false
		}
	}
	if k := d.TokenAt(j - 1); k >= 0 && d.Tokens[k].End > j && !paired {
		return false, false
	}
	if x.seg == nil {
		return true, across
	}
	pos, known := x.seg.Lookup(run)
	if !known {
		return true, across
	}
	switch {
	case pos == "nz" || pos == "nt":
		if x.pairOrg.Longest(d.Text[j:]) != "" {
			return false, false // 中泰证券
		}
		return strings.Contains(run, "中") || paired && x.placePair(run, d.Text[j:], named), across
	case pos == "ns" || pos == "j" || pos == "f":
		return strings.Contains(run, "中") || paired && x.placePair(run, d.Text[j:], named), across // 中美, 美日韩三国
	case pos == "nr" || pos == "nrt":
		// Read as a person's name, yet before a pairing word: 巴以冲突,
		// 德法两国.
		return strings.Contains(run, "中") || paired, across
	}
	// An ordinary word pairs only when it holds 中 and a pairing word
	// follows (中葡两国); a verb, adjective, adverb or function word never
	// (加以, 坦白), nor a noun without 中 (坦克演习, 美德).
	switch tx.FirstRune(pos + "x") {
	case 'v', 'a', 'd', 'c', 'p', 'u', 'r', 'm', 'q':
		return false, false
	}
	return paired && strings.Contains(run, "中"), across
}

// placePair reports whether run, a word the dictionary knows as a place or
// a name and made of abbreviations only, pairs states without 中 before a
// pairing word: it has three of them (美日韩), a word that counts states
// follows (纽澳两国; lexicon/country_context.tsv, pair-states), or the
// document names in full a state of each (印巴 beside 印度 and 巴基斯坦),
// where 加沙冲突 (Gaza) and 巴黎峰会 (Paris) have none of these.
func (x *Extractor) placePair(run, after string, named map[string]bool) bool {
	if utf8.RuneCountInString(run) >= 3 || x.pairStates.Longest(after) != "" {
		return true
	}
	for _, r := range run {
		found := false
		for _, c := range x.abbrev[r] {
			found = found || named[c]
		}
		if !found {
			return false
		}
	}
	return true
}

// sideAcross reports whether text[i:j], an abbreviation before 方 that the
// segmenter read as the start of another word (中|方向有关国家通报,
// 俄|方向中方介绍), is a state's side: it is a word of its own, the word
// after it is a side word (lexicon/country_context.tsv: 方向, 方面), and it
// starts a clause (after punctuation or a verb of saying), where 集中方案,
// 过程中方向 and 其中方面 have words of their own before.
func (x *Extractor) sideAcross(d *extract.Doc, i, j int) bool {
	k := d.TokenAt(i)
	if k < 0 || d.Tokens[k].Start != i || d.Tokens[k].End != j || k+1 >= len(d.Tokens) {
		return false
	}
	next := d.Tokens[k+1]
	if next.Start != j || x.sideWords.Longest(d.Text[j:next.End]) != d.Text[j:next.End] {
		return false
	}
	if k == 0 {
		return true
	}
	prev := d.Tokens[k-1]
	p, _ := utf8.DecodeLastRuneInString(d.Text[:i])
	if !unicode.IsLetter(p) && !unicode.IsDigit(p) {
		return true
	}
	return prev.End == i && x.sideBefore.Longest(d.Text[prev.Start:prev.End]) == d.Text[prev.Start:prev.End]
}

// huaAcross reports whether 华 at text[i:j], after a verb, is China though
// the segmenter read it as the start of a two-character name (在华新设企业
// read as 华新|设): the name's second character and the next word make a
// dictionary word (新设) whereas 华为 in 在华为工作 has none.
func (x *Extractor) huaAcross(d *extract.Doc, i, j int) bool {
	k := d.TokenAt(i)
	if x.seg == nil || k < 0 || k+1 >= len(d.Tokens) {
		return false
	}
	w := d.Text[i:d.Tokens[k].End]
	if utf8.RuneCountInString(w) != 2 {
		return false
	}
	if pos, _ := x.seg.Lookup(w); pos != "nz" && pos != "nr" && pos != "nt" {
		return false
	}
	next := d.Tokens[k+1]
	if next.Start != d.Tokens[k].End || utf8.RuneCountInString(d.Text[next.Start:next.End]) != 1 {
		return false
	}
	_, known := x.seg.Lookup(d.Text[j:next.End])
	return known
}

// wordEndsAt reports whether the word of the segmentation that holds the
// last rune of text[i:j] ends at j: 华 of 对华 does, 华 of 在华为 does not.
func (x *Extractor) wordEndsAt(d *extract.Doc, i, j int) bool {
	k := d.TokenAt(j - 1)
	return k < 0 || d.Tokens[k].End <= j
}

// wordStartsAt reports whether a word of the segmentation starts at i and
// runs past j: 华为, 华北, 华人 after 在 are no 华 of China.
func (x *Extractor) wordStartsAt(d *extract.Doc, i, j int) bool {
	k := d.TokenAt(i)
	return k >= 0 && d.Tokens[k].Start == i && d.Tokens[k].End > j
}

// afterVerb reports whether the lone abbreviation text[i:j] after a verb
// names a state: the word holding it ends with it (在加快 does not), and the
// verb and it are no ordinary word (对比, 在意); 访, 赴, 驻, 抵, 援 always
// take a place.
func (x *Extractor) afterVerb(d *extract.Doc, i, j int) bool {
	if !x.wordEndsAt(d, i, j) {
		return false
	}
	prev, size := utf8.DecodeLastRuneInString(d.Text[:i])
	// The verb must be a word's start: the 来 of 越来越 is not.
	if k := d.TokenAt(i - size); k >= 0 && d.Tokens[k].Start != i-size {
		return false
	}
	if x.placeVerbs.Has(prev) || x.seg == nil {
		return true
	}
	_, known := x.seg.Lookup(d.Text[i-size : j])
	return !known
}
