// Package text holds what every extractor reads text with, written once:
// rune classes, a rune set, a longest-match word set, a bitset of covered
// bytes, and the separators of ranges and lists.
package text

import (
	"hash/maphash"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cnie/cnie/datrie"
)

// RuneSet is a set of runes of the Basic Multilingual Plane, tested in
// constant time with no hashing: the extractors use one to skip, at a glance,
// the positions where nothing of theirs can start. The zero RuneSet is empty.
type RuneSet struct {
	bits [0x10000 / 64]uint64
}

// Add adds runes to the set; runes beyond the BMP are ignored.
func (s *RuneSet) Add(rs ...rune) {
	for _, r := range rs {
		if r >= 0 && r < 0x10000 {
			s.bits[r/64] |= 1 << (r % 64)
		}
	}
}

// AddString adds every rune of str.
func (s *RuneSet) AddString(str string) {
	for _, r := range str {
		s.Add(r)
	}
}

// Has reports whether r is in the set.
func (s *RuneSet) Has(r rune) bool {
	return r >= 0 && r < 0x10000 && s.bits[r/64]&(1<<(r%64)) != 0
}

// WordSet finds the longest of a fixed set of words that a text starts
// with, in one walk of a double-array trie. It keeps the words' first runes
// too, so that a scan passes most positions at a glance (LongestAt). The
// zero WordSet is empty. It is the one longest-match word set of the
// extractors.
type WordSet struct {
	t     *datrie.Trie
	first *RuneSet
	pairs *pairFilter // the trie's words' first rune and next three bytes, or nil
	more  *wordMap    // words kept beside the trie (NewWordSetWith), or nil
}

// pairFilter passes, at a glance, the positions of a text where a word of
// a trie may start: a bitset of the (hashed) first rune and the three bytes
// after it of its words (two CJK characters), and the first runes of its
// words too short for that (or of invalid UTF-8), which pass on their own.
// Most positions whose first rune starts some word are passed here without
// a walk of the trie and without decoding the next rune.
type pairFilter struct {
	single RuneSet
	bits   []uint64
	mask   uint32
}

// newPairFilter builds the filter of words, about one bit in sixteen set.
func newPairFilter(words []string) *pairFilter {
	n := uint32(1 << 12)
	for n < 1<<20 && int(n) < 16*len(words) {
		n *= 2
	}
	f := &pairFilter{bits: make([]uint64, n/64), mask: n - 1}
	for _, w := range words {
		r, size := utf8.DecodeRuneInString(w)
		if len(w) < size+3 || !utf8.ValidString(w) {
			if r < 0 || r >= 0x10000 {
				return nil // a rune a RuneSet cannot hold: no filter
			}
			f.single.Add(r)
			continue
		}
		h := f.hash(r, w[size:])
		f.bits[h/64] |= 1 << (h % 64)
	}
	return f
}

// hash mixes r and the three bytes that start s (len(s) >= 3).
func (f *pairFilter) hash(r rune, s string) uint32 {
	h := uint32(r)*0x9E3779B1 ^ (uint32(s[0])<<16|uint32(s[1])<<8|uint32(s[2]))*0x85EBCA77
	return (h ^ h>>15) & f.mask
}

// may reports whether a word may start s, whose first rune r is size bytes.
func (f *pairFilter) may(s string, r rune, size int) bool {
	if f.single.Has(r) {
		return true
	}
	if len(s) < size+3 {
		return false // too short for any word not in single
	}
	h := f.hash(r, s[size:])
	return f.bits[h/64]&(1<<(h%64)) != 0
}

// NewWordSetWith builds the set of words and more: words go into the
// double-array trie, more (a user's long list, quick to build but slower to
// look up) into a hash index beside it. Longest finds the longest word of
// either.
func NewWordSetWith(words, more []string) (WordSet, error) {
	w, err := NewWordSet(words)
	if err != nil || len(more) == 0 {
		return w, err
	}
	var ws []string
	for _, m := range more {
		if m != "" {
			w.first.Add(FirstRune(m))
			ws = append(ws, m)
		}
	}
	w.more = newWordMap(ws)
	return w, nil
}

// wordMap is a set of words looked up by their first rune's lengths, after
// a bitset of their first two runes (hashed) has passed most positions of a
// text at a glance. The words are kept in one string and an open-addressing
// table of numbers, so that the garbage collector has no pointers to trace
// in a user's 100,000 names on each of its cycles.
type wordMap struct {
	seed   maphash.Seed
	text   string         // the words, one after another
	slots  []wordSlot     // open addressing; a zero end is an empty slot
	lens   map[rune][]int // first rune -> the byte lengths of its words, longest first
	pairs  []uint64       // bitset of pairHash of each word's first two runes
	single bool           // some word has one rune (its pair's second rune is 0)
}

// wordSlot is a word of wordMap: text[start:end].
type wordSlot struct{ start, end uint32 }

// pairBits is the size of wordMap's bitset of pairs: 128 KiB, a few
// percent full with 100,000 words.
const pairBits = 1 << 20

// pairHash hashes a word's first two runes into pairBits.
func pairHash(a, b rune) uint32 {
	h := uint32(a)*0x9E3779B1 ^ uint32(b)*0x85EBCA77
	return (h ^ h>>15) & (pairBits - 1)
}

func (m *wordMap) setPair(a, b rune) { h := pairHash(a, b); m.pairs[h/64] |= 1 << (h % 64) }

func (m *wordMap) hasPair(a, b rune) bool {
	h := pairHash(a, b)
	return m.pairs[h/64]&(1<<(h%64)) != 0
}

// newWordMap builds the map of words (none empty).
func newWordMap(words []string) *wordMap {
	m := &wordMap{seed: maphash.MakeSeed(), lens: map[rune][]int{}, pairs: make([]uint64, pairBits/64)}
	size := 1
	for size < 2*len(words) {
		size *= 2
	}
	m.slots = make([]wordSlot, size)
	var b strings.Builder
	for _, w := range words {
		if m.has(b.String(), w) {
			continue
		}
		r, n := utf8.DecodeRuneInString(w)
		r2, _ := utf8.DecodeRuneInString(w[n:])
		if n == len(w) {
			r2, m.single = 0, true
		}
		m.setPair(r, r2)
		if ls := m.lens[r]; !slices.Contains(ls, len(w)) {
			ls = append(ls, len(w))
			slices.SortFunc(ls, func(a, b int) int { return b - a })
			m.lens[r] = ls
		}
		start := uint32(b.Len())
		b.WriteString(w)
		i := m.slot(w)
		for m.slots[i].end != 0 {
			i = (i + 1) & (len(m.slots) - 1)
		}
		m.slots[i] = wordSlot{start, uint32(b.Len())}
	}
	m.text = b.String()
	return m
}

// slot is where the probe for w starts.
func (m *wordMap) slot(w string) int { return int(maphash.String(m.seed, w) & uint64(len(m.slots)-1)) }

// has reports whether w is a word of the map, whose words are in text.
func (m *wordMap) has(text, w string) bool {
	for i := m.slot(w); m.slots[i].end != 0; i = (i + 1) & (len(m.slots) - 1) {
		if sl := m.slots[i]; text[sl.start:sl.end] == w {
			return true
		}
	}
	return false
}

// longest returns the length of the longest word s starts with, or 0.
func (m *wordMap) longest(s string) int {
	r, size := utf8.DecodeRuneInString(s)
	r2, _ := utf8.DecodeRuneInString(s[size:])
	if !m.hasPair(r, r2) && !(m.single && m.hasPair(r, 0)) {
		return 0
	}
	for _, n := range m.lens[r] {
		if n <= len(s) && m.has(m.text, s[:n]) {
			return n
		}
	}
	return 0
}

// NewWordSet builds the set of words (any order; duplicates count once).
func NewWordSet(words []string) (WordSet, error) {
	t, err := datrie.New(words)
	if err != nil {
		return WordSet{}, err
	}
	first := new(RuneSet)
	for _, w := range words {
		first.Add(FirstRune(w))
	}
	return WordSet{t: t, first: first, pairs: newPairFilter(words)}, nil
}

// Longest returns the longest word of the set that s starts with, or "".
func (w WordSet) Longest(s string) string {
	if w.t == nil {
		return ""
	}
	n := w.t.Longest(s)
	if w.more != nil {
		n = max(n, w.more.longest(s))
	}
	return s[:n]
}

// LongestAt is Longest for a scan that has decoded r, the first rune of s:
// most runes start no word, and are passed at a glance.
func (w WordSet) LongestAt(s string, r rune) string {
	if w.first == nil || !w.first.Has(r) {
		return ""
	}
	if w.pairs == nil || w.t == nil {
		return w.Longest(s)
	}
	n := 0
	if size := utf8.RuneLen(r); size > 0 && size <= len(s) && w.pairs.may(s, r, size) {
		n = w.t.Longest(s)
	} else if size <= 0 || size > len(s) {
		n = w.t.Longest(s) // r is not s's first rune as decoded: no shortcut
	}
	if w.more != nil {
		n = max(n, w.more.longest(s))
	}
	return s[:n]
}

// HasFirst reports whether some word of the set starts with r.
func (w WordSet) HasFirst(r rune) bool { return w.first != nil && w.first.Has(r) }

// Contained returns the word of the set that starts first in s, or "".
func (w WordSet) Contained(s string) string {
	for i := range s {
		if a := w.Longest(s[i:]); a != "" {
			return a
		}
	}
	return ""
}

// Bitset marks bytes of a text (covered by mentions, say). A nil *Bitset is
// empty.
type Bitset []uint64

// NewBitset returns an empty bitset for a text of n bytes.
func NewBitset(n int) *Bitset {
	b := make(Bitset, n/64+1)
	return &b
}

// Any reports whether a byte of [from, to) is marked.
func (b *Bitset) Any(from, to int) bool {
	if b == nil {
		return false
	}
	for i := from; i < to; i++ {
		if (*b)[i/64]&(1<<(i%64)) != 0 {
			return true
		}
	}
	return false
}

// Has reports whether byte i is marked.
func (b *Bitset) Has(i int) bool { return b.Any(i, i+1) }

// Set marks the bytes [from, to).
func (b *Bitset) Set(from, to int) {
	for i := from; i < to; i++ {
		(*b)[i/64] |= 1 << (i % 64)
	}
}

// RangeSeps are the separators between the two ends of a range (3-5亿元,
// 4月9日至11日), the longer of two that share a start first (—— before —).
var RangeSeps = []string{"至", "到", "——", "—", "–", "-", "~", "～", "－"}

// ListSeps are the separators between the members of a list (3.5%、5.6%).
var ListSeps = []string{"、", "和", "与", "及", "或"}

// IsRangeSep reports whether s is a range separator.
func IsRangeSep(s string) bool { return isOneOf(s, RangeSeps) }

// IsListSep reports whether s is a list separator.
func IsListSep(s string) bool { return isOneOf(s, ListSeps) }

func isOneOf(s string, list []string) bool {
	for _, w := range list {
		if s == w {
			return true
		}
	}
	return false
}

// RangeSepAt returns the length of the range separator s starts with, or 0.
func RangeSepAt(s string) int {
	for _, w := range RangeSeps {
		if strings.HasPrefix(s, w) {
			return len(w)
		}
	}
	return 0
}

// RangeSepBefore returns the length of the range separator s ends with, or 0.
func RangeSepBefore(s string) int {
	for _, w := range RangeSeps {
		if strings.HasSuffix(s, w) {
			return len(w)
		}
	}
	return 0
}

// IsASCIIAlnum reports an ASCII letter or digit.
func IsASCIIAlnum(r rune) bool { return IsASCIIDigit(r) || IsASCIILetter(r) }

// IsASCIIDigit reports 0-9.
func IsASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }

// IsASCIILetter reports a-z and A-Z.
func IsASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// IsCJKRune reports a CJK Unified Ideograph of the basic block.
func IsCJKRune(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }

// IsCJKText reports whether every rune of s is a CJK ideograph (true for "").
func IsCJKText(s string) bool {
	for _, r := range s {
		if !IsCJKRune(r) {
			return false
		}
	}
	return true
}

// IsDigits reports whether s is non-empty and all ASCII digits.
func IsDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// IsYear reports four digits from 1900 to 2100.
func IsYear(s string) bool {
	return len(s) == 4 && IsDigits(s) && (s[:2] == "19" || s[:2] == "20" || s == "2100")
}

// FirstRune returns the first rune of s (utf8.RuneError if none).
func FirstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// LastRune returns the last rune of s (utf8.RuneError if none).
func LastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// SqueezeSpace removes white space: the canonical of a name split by a line
// break.
func SqueezeSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}

// HasAnyPrefix reports whether s starts with one of prefixes.
func HasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
