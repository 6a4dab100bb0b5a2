// Package country finds sovereign states with their ISO 3166-1 alpha-2 code:
// names and aliases, and the one-character abbreviations of state pairs,
// sides and verbs. Its rules are listed in rules.go, its examples in
// testdata/examples.tsv.
package country

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/cnie/cnie/extract"
	tx "github.com/cnie/cnie/extract/internal/text"
	"github.com/cnie/cnie/lexicon"
	"github.com/cnie/cnie/segment"
)

// Extractor finds sovereign states with their ISO 3166-1 alpha-2
// code (lexicon/countries.tsv): every name and alias, longest first
// (印度尼西亚 is not 印度); one-character abbreviations inside a compound that
// pairs states (中埃, 乌中, 中俄美), each its own mention; 华 for China after
// 对/来/驻/访… (对华出口); a one-character abbreviation after those verbs
// (对俄出口, 访美); and X方 for a state's side (中方, 俄方). The segmentation
// is evidence, not the last word: a pair or side that a word hides
// (从中|老铁路, 中|方向有关国家) is found, a name split between two words
// (其中|国际) is not. The names Taiwan and Hong Kong news writes
// (lexicon/countries_hant.tsv: 纽西兰, 义大利) are aliases too. Build it
// with New.
type Extractor struct {
	aliases tx.WordSet        // every name and alias
	code    map[string]string // alias -> code
	name    map[string]string // code -> standard short name
	// abbrev maps a one-character abbreviation to its states; the first is
	// its default when the document names none of them in full.
	abbrev map[rune][]string
	// abbrevs holds the abbreviations as a set: most runes of a text are
	// none, at a glance.
	abbrevs tx.RuneSet
	// pairContext are words that follow a pair without 中 (冲突, 关系).
	pairContext tx.WordSet
	seg         *segment.Segmenter
	// The context words of lexicon/country_context.tsv: characters before
	// and words after a name that make it no state's, and the verbs after
	// which 华 and a lone abbreviation name a state.
	beforeNot, verbs, placeVerbs tx.RuneSet
	afterNot, afterKeep          []string
	// pairBefore are prepositions the segmenter joins with the 中 of a
	// pair (从中老铁路 read as 从中|老); sideBefore are words after which a
	// clause's subject X方 starts (说, 表示); sideWords are the words the
	// segmenter reads across X方 (方向 of 中方向有关国家通报); hedges are
	// abbreviations that before a number are a hedge (约); regions are
	// places that are not states (台, 港): a pair after one is no pair of
	// states (台美日); pairOrg are heads that make a pair that the
	// dictionary knows as a name a company's (中泰证券); stateWords are
	// words after a risky name that make it the state's (总统, 政府).
	pairBefore, hedges, regions tx.RuneSet
	sideBefore, sideWords       tx.WordSet
	pairOrg, stateWords         tx.WordSet
	// pairStates are words after a pair that count states (两国, 三国):
	// its members are states whatever the dictionary says (纽澳两国).
	pairStates tx.WordSet
	// checked holds the aliases from lexicon/countries_hant.tsv: a word of
	// the segmentation that crosses their edges makes them part of
	// another word (大马路, 大马士革), and so does a dictionary word of it and
	// the characters after it.
	checked map[string]bool
	// risky are the names of lexicon/countries_hant.tsv's risky column
	// (乔治亚, 马利): a state only beside another state or before a state
	// word.
	risky tx.WordSet
	// partners maps a state to the abbreviations that, in the same run,
	// make a shared abbreviation its own (乌 in 中哈乌 is Uzbekistan;
	// lexicon/country_partners.tsv).
	partners map[string]string
}

// New builds the country extractor from the lexicons of lx (nil: the
// embedded lexicons alone). seg, if not nil, is asked whether a run of
// abbreviations is an ordinary word (加以, 美德).
func New(seg *segment.Segmenter, lx *lexicon.Set) (*Extractor, error) {
	rows, err := lx.Read("countries.tsv", 4, 6)
	if err != nil {
		return nil, err
	}
	x := &Extractor{code: map[string]string{}, name: map[string]string{}, abbrev: map[rune][]string{},
		seg: seg, checked: map[string]bool{}, partners: map[string]string{}}
	ctx, err := lx.Read("pair_context.tsv", 1, 1)
	if err != nil {
		return nil, err
	}
	var pairs []string
	for _, r := range ctx {
		pairs = append(pairs, r.Fields[0])
	}
	if x.pairContext, err = tx.NewWordSet(pairs); err != nil {
		return nil, fmt.Errorf("lexicon: pair_context.tsv: %w", err)
	}
	if err := x.loadContext(lx); err != nil {
		return nil, err
	}
	var aliases []string
	for _, r := range rows {
		code := r.Fields[0]
		x.name[code] = r.Fields[1]
		for _, a := range strings.Split(r.Field(3), "|") {
			if a = strings.TrimSpace(a); a == "" {
				continue
			}
			if prev, dup := x.code[a]; dup && prev != code {
				return nil, fmt.Errorf("lexicon: countries.tsv:%d: alias %q is also %s's", r.Line, a, prev)
			}
			if _, dup := x.code[a]; !dup {
				aliases = append(aliases, a)
			}
			x.code[a] = code
		}
		for _, a := range strings.Split(r.Field(4), "|") {
			c, size := utf8.DecodeRuneInString(a)
			if a == "" || size != len(a) {
				continue
			}
			if r.Field(5) == "default" {
				x.abbrev[c] = append([]string{code}, x.abbrev[c]...)
			} else {
				x.abbrev[c] = append(x.abbrev[c], code)
			}
			x.abbrevs.Add(c)
		}
	}
	if err := x.loadPartners(lx); err != nil {
		return nil, err
	}
	if aliases, err = x.loadHant(lx, aliases); err != nil {
		return nil, err
	}
	if x.aliases, err = tx.NewWordSet(aliases); err != nil {
		return nil, fmt.Errorf("lexicon: countries.tsv: %w", err)
	}
	return x, nil
}

// Extract implements Extractor.
func (x *Extractor) Extract(d *extract.Doc, dst []extract.Mention) []extract.Mention {
	text := d.Text
	covered := tx.NewBitset(len(text)) // bytes inside a full-name mention
	named := map[string]bool{}         // codes the document names in full
	full0 := len(dst)                  // the full names go straight into dst: dst[full0:]
	// starts are the places, outside the full names, where the rules of
	// the second pass may start (华 or an abbreviation), noted as this
	// pass decodes each character so that the second decodes no other.
	var starts []int
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '华' || x.abbrevs.Has(r) {
			starts = append(starts, i)
		}
		a, rule := x.aliases.LongestAt(text[i:], r), rName
		if a != "" && !x.standsAlone(d, i, a) {
			a = ""
		}
		if a == "" {
			if a, rule = x.risky.LongestAt(text[i:], r), rRisky; a != "" && !(x.standsAlone(d, i, a) && x.riskyIsState(d, dst[full0:], i, a)) {
				a = ""
			}
		}
		if a == "" {
			i += size
			continue
		}
		c := x.code[a]
		dst = append(dst, extract.Mention{Type: extract.Country, Start: i, End: i + len(a), Code: c, Name: x.name[c], Rule: rule.Name})
		named[c] = true
		covered.Set(i, i+len(a))
		i += len(a)
	}

	from := len(dst)
	settled := map[rune]string{} // shared abbreviations partners settled
	for k, i := 0, 0; ; {
		// The rules below start at 华 or an abbreviation only: go to the
		// next such place at or after i that no full name covers.
		for k < len(starts) && (starts[k] < i || covered.Has(starts[k])) {
			k++
		}
		if k == len(starts) {
			break
		}
		i = starts[k]
		r, size := utf8.DecodeRuneInString(text[i:])
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		if r == '华' && x.verbs.Has(prev) {
			rule := rHua
			if x.wordStartsAt(d, i, i+size) {
				rule = rHuaAcross
				if !x.huaAcross(d, i, i+size) {
					rule.Name = ""
				}
			}
			if rule.Name != "" {
				dst = append(dst, extract.Mention{Type: extract.Country, Start: i, End: i + size, Code: "CN", Name: x.name["CN"], Rule: rule.Name})
				i += size
				continue
			}
		}
		if x.abbrev[r] == nil {
			i += size
			continue
		}
		// X方: a state's side (中方, 俄方), the whole word; or X alone
		// before a word the segmenter read across 方 (中|方向有关国家).
		if strings.HasPrefix(text[i+size:], "方") && !strings.HasPrefix(text[i:], "西方") && !x.abbrevBefore(d, i) {
			rule := rSide
			if !x.wordEndsAt(d, i, i+size+len("方")) {
				rule = rSideAcross
				if !x.sideAcross(d, i, i+size) {
					rule.Name = ""
				}
			}
			if rule.Name != "" {
				c := x.resolve(r, named, "", settled)
				dst = append(dst, extract.Mention{Type: extract.Country, Start: i, End: i + size + len("方"), Code: c, Name: x.name[c], Rule: rule.Name})
				i += size + len("方")
				continue
			}
		}
		// A run of abbreviations pairing states: 中埃, 乌中, 中俄美. Such
		// compounds are short: the run stops at six, which keeps a long
		// run of abbreviation characters linear.
		j := i
		for runes := 0; j < len(text) && !covered.Has(j) && runes < 6; runes++ {
			c, size := utf8.DecodeRuneInString(text[j:])
			if !x.abbrevs.Has(c) || strings.HasPrefix(text[j+size:], "方") && j > i {
				break
			}
			j += size
		}
		// A hedge before a number is no state: 班列中约三分之一.
		if last, n := utf8.DecodeLastRuneInString(text[i:j]); j-n > i && x.hedges.Has(last) && isNumeral(tx.FirstRune(text[j:])) && x.pairContext.Longest(text[j:]) == "" {
			j -= n
		}
		if utf8.RuneCountInString(text[i:j]) >= 2 && !x.abbrevBefore(d, i) && !x.regions.Has(prev) {
			if ok, across := x.isPair(d, i, j, named); ok {
				rule := rPair
				if across {
					rule = rPairAcross
				}
				for k := i; k < j; {
					c, n := utf8.DecodeRuneInString(text[k:])
					code := x.resolve(c, named, text[i:j], settled)
					dst = append(dst, extract.Mention{Type: extract.Country, Start: k, End: k + n, Code: code, Name: x.name[code], Rule: rule.Name})
					k += n
				}
				i = j
				continue
			}
		}
		// A lone abbreviation after a verb of going or dealing: 对俄出口,
		// and 在哈中资企业, where the run 哈中 pairs nothing.
		if x.verbs.Has(prev) && x.afterVerb(d, i, i+size) {
			c := x.resolve(r, named, "", settled)
			dst = append(dst, extract.Mention{Type: extract.Country, Start: i, End: i + size, Code: c, Name: x.name[c], Rule: rAfterVerb.Name})
		}
		i += size
	}
	x.settle(text, dst, from, settled)
	return dst
}

// numerals are the characters a number starts with.
const numerals = "0123456789一二三四五六七八九十两百千万几半零〇"

func isNumeral(r rune) bool { return r != utf8.RuneError && strings.ContainsRune(numerals, r) }

// crosses reports whether a word of the segmentation crosses an edge of
// text[i:j]: starts before i and ends inside, or starts inside and ends
// after j.
func crosses(d *extract.Doc, i, j int) bool {
	if k := d.TokenAt(i); k >= 0 && d.Tokens[k].Start < i {
		return true
	}
	k := d.TokenAt(j - 1)
	return k >= 0 && d.Tokens[k].End > j
}

// splitAcross reports whether the segmentation reads text[i:j] as the
// ends of two words, one from before i and one past j (其中|国际 over
// 中国): the name is split, no state.
func splitAcross(d *extract.Doc, i, j int) bool {
	k := d.TokenAt(i)
	if k < 0 || d.Tokens[k].Start >= i || d.Tokens[k].End >= j {
		return false
	}
	m := d.TokenAt(d.Tokens[k].End)
	return m >= 0 && d.Tokens[m].End > j
}

// inLongerWord reports whether a, at the start of s, and the one or two
// characters after it make a dictionary word (大马路, 大马士革, 大马力): the
// segmenter may still have cut it apart.
func (x *Extractor) inLongerWord(s, a string) bool {
	if x.seg == nil {
		return false
	}
	end := len(a)
	for n := 0; n < 2 && end < len(s); n++ {
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
		if _, known := x.seg.Lookup(s[:end]); known {
			return true
		}
	}
	return false
}

// riskyIsState reports whether a risky name (乔治亚, 马利) at byte i names
// the state: no word crosses its edges, and a state word follows (马利总统)
// or a state stands next to it in a list (肯亚、马利).
func (x *Extractor) riskyIsState(d *extract.Doc, full []extract.Mention, i int, a string) bool {
	end := i + len(a)
	if crosses(d, i, end) {
		return false
	}
	if x.stateWords.Longest(d.Text[end:]) != "" {
		return true
	}
	if n := len(full); n > 0 && tx.IsListSep(d.Text[full[n-1].End:i]) {
		return true
	}
	rest := d.Text[end:]
	for _, sep := range tx.ListSeps {
		if strings.HasPrefix(rest, sep) {
			if x.aliases.Longest(rest[len(sep):]) != "" || x.risky.Longest(rest[len(sep):]) != "" {
				return true
			}
		}
	}
	return false
}

// standsAlone reports whether the alias a at byte i names the state, and is
// not part of a region, people, language or ocean named after it (内蒙古,
// 朝鲜族, 印度洋, 朝鲜半岛, 北哈萨克斯坦州) or a demonym (中国人; 中国人民银行
// still names China); nor split by the segmentation between a word before
// and a word after it (其中|国际 over 中国); nor, for the names of
// countries_hant.tsv, inside a longer word (大马路, 大马士革).
func (x *Extractor) standsAlone(d *extract.Doc, i int, a string) bool {
	text := d.Text
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	after := text[i+len(a):]
	if x.beforeNot.Has(prev) || splitAcross(d, i, i+len(a)) || x.checked[a] && (crosses(d, i, i+len(a)) || x.inLongerWord(text[i:], a)) {
		return false
	}
	return tx.HasAnyPrefix(after, x.afterKeep...) || !tx.HasAnyPrefix(after, x.afterNot...)
}

// abbrevBefore reports whether an abbreviation stands just before byte i as
// part of a run of them (中俄方), not as the end of a word (其中哈方).
func (x *Extractor) abbrevBefore(d *extract.Doc, i int) bool {
	prev, size := utf8.DecodeLastRuneInString(d.Text[:i])
	if !x.abbrevs.Has(prev) {
		return false
	}
	k := d.TokenAt(i - size)
	if k < 0 {
		return true
	}
	for _, c := range d.Text[d.Tokens[k].Start:min(d.Tokens[k].End, i)] {
		if !x.abbrevs.Has(c) {
			return false
		}
	}
	return true
}

// LongestName returns the longest name or alias of a state that s starts
// with, or "": the organisation extractor asks whether a word is a state's
// name and nothing more (国际, not 中国国际).
func (x *Extractor) LongestName(s string) string { return x.aliases.Longest(s) }

// Names reports whether s holds the full name or an alias of a state
// (哈萨克斯坦研究中心 does): the test the organisation extractor needs,
// without extracting.
func (x *Extractor) Names(s string) bool { return x.aliases.Contained(s) != "" }
