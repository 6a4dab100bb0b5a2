package org

import (
	"unicode/utf8"

	tx "github.com/cnie/cnie/extract/internal/text"
)

// firsts holds the first runes of some of the extractor's word maps, so
// that the per-token and per-position checks of an article pass most
// words at a glance instead of hashing each one. It is derived from the
// maps on first use (Extractor.first), whatever built them.
type firsts struct {
	appositive tx.RuneSet // first runes of x.appositive
	place      tx.RuneSet // first runes of x.places
}

// first returns the extractor's first-rune sets, built once.
func (x *Extractor) first() *firsts {
	x.firstOnce.Do(func() {
		f := new(firsts)
		for w := range x.appositive {
			f.appositive.Add(tx.FirstRune(w))
		}
		for w := range x.places {
			f.place.Add(tx.FirstRune(w))
		}
		x.firsts = f
	})
	return x.firsts
}

// startsIn reports whether s starts with a rune of set; an empty s does not.
func startsIn(set *tx.RuneSet, s string) bool {
	if s == "" {
		return false
	}
	if c := s[0]; c < utf8.RuneSelf {
		return set.Has(rune(c))
	}
	r, _ := utf8.DecodeRuneInString(s)
	return set.Has(r)
}
