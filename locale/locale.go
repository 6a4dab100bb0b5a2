// Package locale tells which place a Chinese news article reports from:
// mainland China, Hong Kong, Taiwan, Macau, Singapore or Malaysia. The
// locale decides what a bare 元 is, whether 113年 is an ROC year, and which
// body a short name such as 立法会 or 金管局 names.
//
// Infer reads it from what the article names: a currency written with a
// number (新台币, 港元, 澳门元, 令吉, 新元), bodies only one place has (行政院,
// 港府, 博彩监察协调局), datelines and mastheads (中央社, 新华社), ROC years
// (民国113年), places. The cues and their weights are data
// (lexicon/locale_cues.tsv). The script of the text is never a cue: a
// mainland article in traditional characters is CN.
//
// Infer matches the normalised view of package normalize, where traditional
// characters are folded to simplified ones, so one cue list serves both
// scripts.
package locale

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/cnie/cnie/lexicon"
	"github.com/cnie/cnie/normalize"
)

// Locale is a place whose news cnie reads, by its ISO 3166 code.
type Locale string

// The locales.
const (
	CN Locale = "CN" // mainland China
	HK Locale = "HK" // Hong Kong
	TW Locale = "TW" // Taiwan
	MO Locale = "MO" // Macau
	SG Locale = "SG" // Singapore
	MY Locale = "MY" // Malaysia
)

// Default is the locale of an article that names no cue.
const Default = CN

// All lists the locales in a fixed order (the order ties are reported in).
var All = []Locale{CN, HK, TW, MO, SG, MY}

// Parse reads a locale code as an input's "locale" field or the --locale
// flag writes it (case does not matter).
func Parse(s string) (Locale, error) {
	l := Locale(strings.ToUpper(strings.TrimSpace(s)))
	for _, a := range All {
		if l == a {
			return l, nil
		}
	}
	return "", fmt.Errorf("locale: %q is none of CN, HK, TW, MO, SG, MY", s)
}

// Evidence is one cue found in the text.
type Evidence struct {
	Locale Locale
	// Word is the cue as the view writes it (simplified characters).
	Word string
	// Kind is the cue's kind: currency, year, body, dateline, media,
	// place or word.
	Kind string
	// Weight is what the cue added to its locale's score.
	Weight int
	// Start and End are byte offsets of the cue in the text given to Infer.
	Start, End int
}

// Result is what Infer found.
type Result struct {
	// Locale is the locale with the clear lead, or "" when the article names
	// no cue, or two locales tie at the top (the caller then uses the
	// input's locale, the run's, or Default).
	Locale Locale
	// Evidence lists every cue that counted, in text order.
	Evidence []Evidence
	// Scores holds each locale's summed weight (locales without a cue are
	// absent).
	Scores map[Locale]int
}

// MinScore is the least score a locale needs to be inferred: one strong
// cue (a currency after a number, a body only it has), not a place name.
const MinScore = 3

// maxRepeat is how many times one cue word counts in an article, and
// maxCurrencyRepeat how many times a currency does (a mainland report on a
// Hong Kong listing writes 港元 in every price).
const (
	maxRepeat         = 3
	maxCurrencyRepeat = 2
)

// Infer returns the locale an article reports from, with its evidence.
// text is the article's normalised view (normalize.View.Text); raw text in
// traditional characters is folded first by InferRaw.
func Infer(text string) Result {
	c, err := cueTable()
	if err != nil {
		panic(err) // the embedded table is checked by the tests
	}
	first := cueFirst()
	res := Result{Scores: map[Locale]int{}}
	seen := map[string]int{}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r < 0x10000 && first[r/64]&(1<<(r%64)) == 0 {
			i += size // no cue starts with r: pass it without a map lookup
			continue
		}
		cs := c.byFirst[r]
		matched := 0
		for j := range cs {
			w := &cs[j]
			if !strings.HasPrefix(text[i:], w.word) {
				continue
			}
			if matched != 0 && len(w.word) != matched {
				break // only the longest word at a place, all its locales
			}
			end := i + len(w.word)
			if !w.fits(text, i, end) {
				continue
			}
			matched = len(w.word)
			key := w.word + "\x00" + string(w.locale)
			if seen[key] >= maxRepeat || w.kind == "currency" && seen[key] >= maxCurrencyRepeat {
				continue
			}
			seen[key]++
			res.Scores[w.locale] += w.weight
			res.Evidence = append(res.Evidence, Evidence{w.locale, w.word, w.kind, w.weight, i, end})
		}
		if matched > 0 {
			i += matched
		} else {
			i += size
		}
	}
	best, second := Locale(""), 0
	for _, l := range All {
		s := res.Scores[l]
		if best == "" || s > res.Scores[best] {
			if best != "" {
				second = max(second, res.Scores[best])
			}
			best = l
		} else {
			second = max(second, s)
		}
	}
	if res.Scores[best] >= MinScore && res.Scores[best] > second {
		res.Locale = best
	}
	return res
}

// InferRaw folds raw to the normalised view and infers its locale; the
// evidence's offsets are byte offsets into the view's text.
func InferRaw(raw string) Result { return Infer(normalize.New(raw).Text) }

type cue struct {
	word   string
	locale Locale
	weight int
	kind   string
}

// fits reports whether the cue at text[i:end] counts where it stands.
func (w *cue) fits(text string, i, end int) bool {
	switch w.kind {
	case "currency":
		p, _ := utf8.DecodeLastRuneInString(text[:i])
		n, _ := utf8.DecodeRuneInString(text[end:])
		return isNumeral(p) || n >= '0' && n <= '9'
	case "usage":
		p, _ := utf8.DecodeLastRuneInString(text[:i])
		return !isNumeral(p)
	case "body":
		return !afterState(text[:i])
	case "year":
		n, _ := utf8.DecodeRuneInString(text[end:])
		return n >= '0' && n <= '9' || strings.ContainsRune("〇零一二三四五六七八九十百", n)
	}
	return true
}

// isNumeral reports a character a number ends with: digits, Chinese
// numerals and multipliers.
func isNumeral(r rune) bool {
	return r >= '0' && r <= '9' || strings.ContainsRune("〇零一二三四五六七八九十百千万亿兆两", r)
}

// afterState reports whether s ends with the name of a state other than
// China (lexicon/countries.tsv): a body after it is that state's.
func afterState(s string) bool {
	c, _ := cueTable()
	for n, j := 0, len(s); n < c.stateMax && j > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(s[:j])
		j -= size
		if c.states[s[j:]] {
			return true
		}
	}
	return false
}

type cues struct {
	byFirst  map[rune][]cue  // longest first
	states   map[string]bool // names of states other than China
	stateMax int             // the longest, in runes
}

var kinds = map[string]bool{"usage": true, "currency": true, "year": true, "body": true, "dateline": true, "media": true, "place": true, "word": true}

var cueTable = sync.OnceValues(func() (*cues, error) {
	return loadCues("locale_cues.tsv")
})

// cueFirst is the set of the cues' first runes of the Basic Multilingual
// Plane, a bitset by rune, derived once from cueTable: Infer passes most
// characters of an article on it instead of looking each up in byFirst.
var cueFirst = sync.OnceValue(func() *[0x10000 / 64]uint64 {
	bits := new([0x10000 / 64]uint64)
	c, err := cueTable()
	if err != nil {
		panic(err) // the embedded table is checked by the tests
	}
	for r := range c.byFirst {
		if r < 0x10000 {
			bits[r/64] |= 1 << (r % 64)
		}
	}
	return bits
})

func loadCues(cueFile string) (*cues, error) {
	c := &cues{byFirst: map[rune][]cue{}}
	rows, err := lexicon.Read(cueFile, 4, 4)
	if err != nil {
		return nil, err
	}
	dup := map[string]bool{}
	for _, r := range rows {
		at := fmt.Sprintf("lexicon: %s:%d", cueFile, r.Line)
		l, err := Parse(r.Fields[1])
		if err != nil {
			return nil, fmt.Errorf("%s: %v", at, err)
		}
		w, err := strconv.Atoi(r.Fields[2])
		if err != nil || w < 1 || w > 9 {
			return nil, fmt.Errorf("%s: weight %q is not 1 to 9", at, r.Fields[2])
		}
		if !kinds[r.Fields[3]] {
			return nil, fmt.Errorf("%s: unknown kind %q", at, r.Fields[3])
		}
		word := r.Fields[0]
		if v := normalize.New(word).Text; v != word || utf8.RuneCountInString(word) < 2 {
			return nil, fmt.Errorf("%s: %q is not a word of two or more characters as the view writes it (%q)", at, word, v)
		}
		if dup[word+string(l)] {
			return nil, fmt.Errorf("%s: %q listed twice for %s", at, word, l)
		}
		dup[word+string(l)] = true
		first, _ := utf8.DecodeRuneInString(word)
		c.byFirst[first] = append(c.byFirst[first], cue{word, l, w, r.Fields[3]})
	}
	for r, cs := range c.byFirst {
		sort.SliceStable(cs, func(i, j int) bool { return len(cs[i].word) > len(cs[j].word) })
		c.byFirst[r] = cs
	}
	rows, err = lexicon.Read("countries.tsv", 2, 6)
	if err != nil {
		return nil, err
	}
	c.states = map[string]bool{}
	for _, r := range rows {
		if r.Fields[0] == "CN" {
			continue
		}
		for _, a := range append(strings.Split(r.Field(3), "|"), r.Fields[1], r.Field(2)) {
			if utf8.RuneCountInString(a) >= 2 {
				c.states[a] = true
				c.stateMax = max(c.stateMax, utf8.RuneCountInString(a))
			}
		}
	}
	return c, nil
}

// Where a locale came from, as a record says it.
const (
	FromInput   = "input"   // the input's "locale" field
	FromFlag    = "flag"    // the run's --locale
	FromText    = "text"    // inferred from the article's cues
	FromDefault = "default" // none of these: Default
)

// Choose picks an article's locale: the input's (given), else the run's
// (flag), else the one the view's text shows (Infer), else Default; it says
// which, and returns the inference when it ran. Empty given and flag mean
// unset.
func Choose(given, flag Locale, text string) (Locale, string, *Result) {
	switch {
	case given != "":
		return given, FromInput, nil
	case flag != "":
		return flag, FromFlag, nil
	}
	r := Infer(text)
	if r.Locale != "" {
		return r.Locale, FromText, &r
	}
	return Default, FromDefault, &r
}
