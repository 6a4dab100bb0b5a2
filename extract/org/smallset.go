package org

import (
	"slices"
	"strings"

	tx "github.com/cnie/cnie/extract/internal/text"
)

// smallSet is a handful of words an article defines (short forms,
// abbreviations), found longest first at a position: a first-rune filter
// passes most positions at a glance, and only a hit looks at the words
// that start with that rune. Building one costs far less than a trie, which
// suits a set built per article.
type smallSet struct {
	first tx.RuneSet
	words map[rune][]string // by first rune, longest first
}

// newSmallSet builds the set of words (duplicates count once).
func newSmallSet(words []string) *smallSet {
	s := &smallSet{words: map[rune][]string{}}
	for _, w := range words {
		if w == "" {
			continue
		}
		r := tx.FirstRune(w)
		if !slices.Contains(s.words[r], w) {
			s.first.Add(r)
			s.words[r] = append(s.words[r], w)
		}
	}
	for _, ws := range s.words {
		slices.SortFunc(ws, func(a, b string) int { return len(b) - len(a) })
	}
	return s
}

// longestAt returns the longest word of the set that text starts with,
// given r, text's first rune, or "".
func (s *smallSet) longestAt(text string, r rune) string {
	if !s.first.Has(r) {
		return ""
	}
	for _, w := range s.words[r] {
		if strings.HasPrefix(text, w) {
			return w
		}
	}
	return ""
}

// longest is longestAt for a text whose first rune is not decoded yet.
func (s *smallSet) longest(text string) string {
	if text == "" {
		return ""
	}
	return s.longestAt(text, tx.FirstRune(text))
}
