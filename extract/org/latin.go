package org

import (
	"strings"
	"unicode/utf8"

	"github.com/cnie/cnie/extract"
	tx "github.com/cnie/cnie/extract/internal/text"
)

// This file holds the Latin-script rule: a name written in Latin letters
// that ends in a company's legal form or a word for its kind (M&G
// Investments, HSBC Holdings plc, Volkswagen AG), standing alone or beside
// its Chinese name (ANNOTATION.md: names in Latin script are organisations
// like any other).

// maxLatinWords bounds a Latin name, its suffixes included.
const maxLatinWords = 7

// latinNames finds Latin names that end in a word of lexicon/org_words.tsv
// (latin-suffix): a run of capitalised words joined by single spaces, the
// longest run ending in such a word. A name the lexicon knows at the run's
// start gives its canonical (HSBC Holdings plc is HSBC's). One walk of the
// text; a rune that is no ASCII letter is passed at a glance.
func (x *Extractor) latinNames(d *extract.Doc, found []extract.Mention) []extract.Mention {
	text := d.Text
	start, words, end := -1, 0, -1 // the current run, and where its last suffix ends
	flush := func() {
		if start >= 0 && end > start {
			found = append(found, x.latinMention(text, start, end))
		}
		start, words, end = -1, 0, -1
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c >= utf8.RuneSelf {
			// A byte of a non-ASCII character: most of a Chinese text,
			// passed a byte at a time.
			if start >= 0 {
				flush()
			}
			i++
			continue
		}
		if !tx.IsASCIILetter(rune(c)) && !(c >= '0' && c <= '9') {
			if c == ' ' && start >= 0 && i+1 < len(text) && text[i+1] != ' ' {
				i++ // one space between two words of the run
				continue
			}
			if start >= 0 {
				flush()
			}
			i++
			continue
		}
		j := i
		for j < len(text) && (tx.IsASCIIAlnum(rune(text[j])) || strings.IndexByte("&.-'", text[j]) >= 0) {
			j++
		}
		w := strings.TrimRight(text[i:j], "-'")
		if i > 0 && tx.IsASCIIAlnum(rune(text[i-1])) {
			i = j // inside a longer token
			continue
		}
		suffix := x.words.latinSuffix[w] || x.words.latinSuffix[strings.TrimSuffix(w, ".")]
		capital := c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' && start >= 0
		switch {
		case suffix && start >= 0:
			end = i + len(w)
		case start >= 0 && x.words.latinJoin[w]:
			// of, and: Bank of China Limited
		case capital:
			if start < 0 || words >= maxLatinWords {
				flush()
				start = i
			}
		default:
			flush()
		}
		if start >= 0 {
			words++
		}
		i = j
	}
	flush()
	return found
}

// latinMention is the mention of the Latin name text[s:e], with the
// canonical of the lexicon name it starts with, if any.
func (x *Extractor) latinMention(text string, s, e int) extract.Mention {
	// The canonical keeps a Latin name's spaces (M&G Investments).
	m := extract.Mention{Type: extract.Org, Start: s, End: e, Canonical: strings.Join(strings.Fields(text[s:e]), " "), Rule: rLatin.Name}
	name := strings.TrimSuffix(text[s:e], ".")
	if c, ok := x.canonical[name]; ok {
		m.Canonical = c
		return m
	}
	if a := x.aliases.Longest(name); a != "" && (len(a) == len(name) || name[len(a)] == ' ') {
		m.Canonical = x.canonical[a]
	}
	return m
}

// latinAbbrevs finds a Latin abbreviation the text gives in brackets right
// after a found name (国际数据公司（IDC）, 沙特公共投资基金(PIF)): the
// abbreviation is the name's, there and wherever it stands alone as a word
// later. One walk of the found names and one of the text.
func (x *Extractor) latinAbbrevs(d *extract.Doc, found []extract.Mention) []extract.Mention {
	text := d.Text
	abbrev := map[string]string{} // abbreviation -> canonical
	var words []string
	n := len(found)
	for i := 0; i < n; i++ {
		m := found[i]
		rest := text[m.End:]
		var open string
		switch {
		case strings.HasPrefix(rest, "("):
			open = "("
		case strings.HasPrefix(rest, "（"):
			open = "（"
		default:
			continue
		}
		j := len(open)
		for j < len(rest) && j < len(open)+10 && (rest[j] >= 'A' && rest[j] <= 'Z' || rest[j] == '&') {
			j++
		}
		a := rest[len(open):j]
		if len(a) < 2 || !(strings.HasPrefix(rest[j:], ")") || strings.HasPrefix(rest[j:], "）")) {
			continue
		}
		canon := m.Canonical
		if canon == "" {
			canon = x.canonicalOf(tx.SqueezeSpace(text[m.Start:m.End]))
		}
		if _, seen := abbrev[a]; !seen {
			abbrev[a] = canon
			words = append(words, a)
		}
	}
	if len(words) == 0 {
		return found
	}
	set := newSmallSet(words)
	taken := coverage(len(text), found)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		a := set.longestAt(text[i:], r)
		if a == "" || taken.Has(i) || taken.Has(i+len(a)-1) ||
			i > 0 && tx.IsASCIIAlnum(rune(text[i-1])) || i+len(a) < len(text) && tx.IsASCIIAlnum(rune(text[i+len(a)])) {
			i += size
			continue
		}
		found = append(found, extract.Mention{Type: extract.Org, Start: i, End: i + len(a), Canonical: abbrev[a], Rule: rLatinAbbrev.Name})
		taken.Set(i, i+len(a))
		i += len(a)
	}
	return found
}
