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
// (对俄出口, 访美); and X方 for a state's side (中方, 俄方). Build it with
// New.
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
}

// New builds the country extractor. seg, if not nil, is asked
// whether a run of abbreviations is an ordinary word (加以, 美德).
func New(seg *segment.Segmenter) (*Extractor, error) {
	rows, err := lexicon.Read("countries.tsv", 4, 6)
	if err != nil {
		return nil, err
	}
	x := &Extractor{code: map[string]string{},
		name: map[string]string{}, abbrev: map[rune][]string{}, seg: seg}
	ctx, err := lexicon.Read("pair_context.tsv", 1, 1)
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
	if err := x.loadContext(); err != nil {
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
	var full []extract.Mention
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		a := x.aliases.LongestAt(text[i:], r)
		if a == "" || !x.standsAlone(text, i, a) {
			i += size
			continue
		}
		c := x.code[a]
		full = append(full, extract.Mention{Type: extract.Country, Start: i, End: i + len(a), Code: c, Name: x.name[c], Rule: rName.Name})
		named[c] = true
		covered.Set(i, i+len(a))
		i += len(a)
	}
	dst = append(dst, full...)

	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if covered.Has(i) || r != '华' && !x.abbrevs.Has(r) {
			i += size
			continue // the rules below start at 华 or an abbreviation only
		}
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		switch {
		case r == '华' && x.verbs.Has(prev) && !x.wordStartsAt(d, i, i+size):
			dst = append(dst, extract.Mention{Type: extract.Country, Start: i, End: i + size, Code: "CN", Name: x.name["CN"], Rule: rHua.Name})
			i += size
			continue
		case x.abbrev[r] != nil:
			// X方: a state's side (中方, 俄方), the whole word.
			if strings.HasPrefix(text[i+size:], "方") && !strings.HasPrefix(text[i:], "西方") && x.wordEndsAt(d, i, i+size+len("方")) && !x.isAbbrev(prev) {
				c := x.resolve(r, named)
				dst = append(dst, extract.Mention{Type: extract.Country, Start: i, End: i + size + len("方"), Code: c, Name: x.name[c], Rule: rSide.Name})
				i += size + len("方")
				continue
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
			if utf8.RuneCountInString(text[i:j]) >= 2 && !x.isAbbrev(prev) && x.isPair(d, i, j) {
				for k := i; k < j; {
					c, n := utf8.DecodeRuneInString(text[k:])
					code := x.resolve(c, named)
					dst = append(dst, extract.Mention{Type: extract.Country, Start: k, End: k + n, Code: code, Name: x.name[code], Rule: rPair.Name})
					k += n
				}
				i = j
				continue
			}
			// A lone abbreviation after a verb of going or dealing: 对俄出口.
			if j == i+size && x.verbs.Has(prev) && x.afterVerb(d, i, i+size) {
				c := x.resolve(r, named)
				dst = append(dst, extract.Mention{Type: extract.Country, Start: i, End: i + size, Code: c, Name: x.name[c], Rule: rAfterVerb.Name})
			}
		}
		i += size
	}
	return dst
}

// standsAlone reports whether the alias a at byte i names the state, and is
// not part of a region, people, language or ocean named after it (内蒙古,
// 朝鲜族, 印度洋, 朝鲜半岛, 北哈萨克斯坦州) or a demonym (中国人; 中国人民银行
// still names China).
func (x *Extractor) standsAlone(text string, i int, a string) bool {
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	after := text[i+len(a):]
	if x.beforeNot.Has(prev) {
		return false
	}
	return tx.HasAnyPrefix(after, x.afterKeep...) || !tx.HasAnyPrefix(after, x.afterNot...)
}

func (x *Extractor) isAbbrev(r rune) bool { return x.abbrevs.Has(r) }

// LongestName returns the longest name or alias of a state that s starts
// with, or "": the organisation extractor asks whether a word is a state's
// name and nothing more (国际, not 中国国际).
func (x *Extractor) LongestName(s string) string { return x.aliases.Longest(s) }

// Names reports whether s holds the full name or an alias of a state
// (哈萨克斯坦研究中心 does): the test the organisation extractor needs,
// without extracting.
func (x *Extractor) Names(s string) bool { return x.aliases.Contained(s) != "" }

// resolve picks the state a one-character abbreviation means: the one of
// its states that the document names in full, else its default.
func (x *Extractor) resolve(r rune, named map[string]bool) string {
	codes := x.abbrev[r]
	for _, c := range codes {
		if named[c] {
			return c
		}
	}
	return codes[0]
}

// isPair reports whether text[i:j], a run of abbreviations, pairs states:
// it holds 中 or is followed by a pairing word (lexicon/pair_context.tsv), no word of the segmentation crosses its edges (中新社, 德意志银行, 集中), and
// it is not an ordinary word (加以, 美德, 罗马): a dictionary word counts only
// when it holds 中 and is tagged as a place, organisation or abbreviation
// (中美, 中法).
func (x *Extractor) isPair(d *extract.Doc, i, j int) bool {
	// Without 中 the pair must be followed by a word that pairs states
	// (俄乌冲突, 美日同盟): 马波 is a person.
	if !strings.Contains(d.Text[i:j], "中") && x.pairContext.Longest(d.Text[j:]) == "" {
		return false
	}
	// A word that crosses the run's edges makes it part of something else
	// (中新社, 德意志银行, 集中), unless what follows is a pairing word
	// (中美关系 may be one word).
	if x.pairContext.Longest(d.Text[j:]) == "" {
		if k := d.TokenAt(i); k >= 0 && d.Tokens[k].Start < i {
			return false
		}
		if k := d.TokenAt(j - 1); k >= 0 && d.Tokens[k].End > j {
			return false
		}
	}
	if x.seg == nil {
		return true
	}
	pos, ok := x.seg.Lookup(d.Text[i:j])
	if !ok {
		return true
	}
	switch pos {
	case "ns", "nt", "nz", "j", "f":
		return strings.Contains(d.Text[i:j], "中")
	}
	return false
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

// loadContext reads lexicon/country_context.tsv. Roles of one character
// (before-not, verb, verb-place) must be one character.
func (x *Extractor) loadContext() error {
	const file = "country_context.tsv"
	rows, err := lexicon.Read(file, 2, 2)
	if err != nil {
		return err
	}
	for _, r := range rows {
		w, role := r.Fields[0], r.Fields[1]
		switch role {
		case "after-not":
			x.afterNot = append(x.afterNot, w)
			continue
		case "after-keep":
			x.afterKeep = append(x.afterKeep, w)
			continue
		}
		c, size := utf8.DecodeRuneInString(w)
		if size != len(w) {
			return fmt.Errorf("lexicon: %s:%d: a %s is one character, not %q", file, r.Line, role, w)
		}
		switch role {
		case "before-not":
			x.beforeNot.Add(c)
		case "verb":
			x.verbs.Add(c)
		case "verb-place":
			if !x.verbs.Has(c) {
				return fmt.Errorf("lexicon: %s:%d: verb-place %s is not listed as a verb before it", file, r.Line, w)
			}
			x.placeVerbs.Add(c)
		}
	}
	return nil
}
