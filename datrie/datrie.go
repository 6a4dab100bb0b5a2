// Package datrie is a static double-array trie over byte strings: built
// once from a word list, then read by any number of goroutines without
// locks or allocation. Its job is longest-prefix matching of lexicon words
// at a position of a text in time proportional to the match, not to the
// number of words sharing its first character.
//
// Node s moves on byte c to slot t = base[s]+c when label[t] == c; a word
// ends at s when the slot base[s] is labelled terminal. Bases are distinct,
// so a label alone proves which node owns its slot (one byte a slot instead
// of a four-byte owner). Words may hold any byte but 0x00 and 0xFF, which
// UTF-8 text never needs: the first marks word ends, the second free slots.
package datrie

import (
	"fmt"
	"slices"
	"strings"
)

const (
	terminal = 0x00
	free     = 0xFF
)

// Trie is a set of words. The zero Trie is the empty set.
type Trie struct {
	base  []int32
	label []byte
}

// New builds the trie of words (in any order; duplicates count once). A
// word that is empty or holds a 0x00 or 0xFF byte is an error naming it.
func New(words []string) (*Trie, error) {
	keys := slices.Clone(words)
	slices.Sort(keys)
	keys = slices.Compact(keys)
	base, label, err := Build(keys, make([]int32, len(keys)))
	if err != nil {
		return nil, err
	}
	return &Trie{base: base, label: label}, nil
}

// Build lays out distinct words, each with a value, as a double array and
// returns its two arrays: node s moves on byte c to t = base[s]+c when
// label[t] == c, the root is slot 0, and a word ends at node s when
// label[base[s]] == 0x00, its value then being base[base[s]]. Every base
// leaves room for 256 slots, so no step can leave the arrays. The layout
// depends only on the set of words and values, so a build is reproducible.
// Package segment's compiled dictionary is built this way.
func Build(words []string, values []int32) (base []int32, label []byte, err error) {
	if len(values) != len(words) {
		return nil, nil, fmt.Errorf("datrie: %d words but %d values", len(words), len(values))
	}
	for i, w := range words {
		if w == "" {
			return nil, nil, fmt.Errorf("datrie: word %d is empty", i)
		}
		if strings.IndexByte(w, terminal) >= 0 || strings.IndexByte(w, free) >= 0 {
			return nil, nil, fmt.Errorf("datrie: word %d (%q) holds a 0x00 or 0xFF byte", i, w)
		}
	}
	order := make([]int, len(words))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(words[a], words[b]) })
	keys := make([]string, len(words))
	vals := make([]int32, len(words))
	for i, o := range order {
		keys[i], vals[i] = words[o], values[o]
		if i > 0 && keys[i] == keys[i-1] {
			return nil, nil, fmt.Errorf("datrie: word %q given twice", keys[i])
		}
	}
	if len(keys) == 0 {
		return nil, nil, nil
	}
	b := builder{used: map[int32]bool{}}
	b.grow(1 << 16)
	b.label[0] = terminal // the root is no one's child; any label but free
	b.nextFree = 1
	b.place(0, keys, vals, 0)
	// Trim trailing free slots, then pad so that base+255 is in range for
	// every node.
	n := len(b.label)
	for n > 1 && b.label[n-1] == free {
		n--
	}
	b.base, b.label = b.base[:n], b.label[:n]
	maxBase := int32(0)
	for t, l := range b.label {
		if (t == 0 || l != terminal && l != free) && b.base[t] > maxBase {
			maxBase = b.base[t]
		}
	}
	b.grow(int(maxBase) + 256)
	return slices.Clip(b.base), slices.Clip(b.label), nil
}

// Longest returns the byte length of the longest word s starts with, or 0.
func (t *Trie) Longest(s string) int {
	if t == nil || len(t.base) == 0 {
		return 0
	}
	best := 0
	node := int32(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		next := t.base[node] + int32(c)
		if t.label[next] != c || c == terminal || c == free {
			break
		}
		node = next
		if end := t.base[node]; t.label[end] == terminal {
			best = i + 1
		}
	}
	return best
}

// Contains reports whether word is one of the trie's words.
func (t *Trie) Contains(word string) bool {
	return word != "" && t.Longest(word) == len(word)
}

// builder places a sorted set of distinct keys.
type builder struct {
	base     []int32
	label    []byte
	used     map[int32]bool // bases taken
	nextFree int            // where the search for a free slot starts
}

func (b *builder) grow(n int) {
	for len(b.label) < n {
		b.base = append(b.base, 0)
		b.label = append(b.label, free)
	}
}

// place gives node s the children of keys (all sharing their first depth
// bytes, sorted) and recurses.
func (b *builder) place(s int32, keys []string, vals []int32, depth int) {
	type child struct {
		code   int
		lo, hi int
	}
	var kids []child
	for i := 0; i < len(keys); {
		code := codeAt(keys[i], depth)
		j := i + 1
		for j < len(keys) && codeAt(keys[j], depth) == code {
			j++
		}
		kids = append(kids, child{code, i, j})
		i = j
	}
	// First fit: the lowest unused base whose slots for every child are
	// free, searched from nextFree; as in darts, a search through a region
	// almost full moves nextFree past it.
	first := kids[0].code
	scanned, taken := 0, 0
	for pos := b.nextFree; ; pos++ {
		b.grow(pos + 256)
		scanned++
		base := pos - first
		if b.label[pos] != free {
			taken++
			continue
		}
		if base < 1 || b.used[int32(base)] {
			continue
		}
		ok := true
		for _, k := range kids[1:] {
			if b.label[base+k.code] != free {
				ok = false
				break
			}
		}
		if ok {
			b.base[s] = int32(base)
			b.used[int32(base)] = true
			for _, k := range kids {
				b.label[base+k.code] = byte(k.code)
			}
			if scanned > 16 && taken*100 >= scanned*95 {
				b.nextFree = pos
			}
			break
		}
	}
	for b.nextFree < len(b.label) && b.label[b.nextFree] != free {
		b.nextFree++
	}
	base := int(b.base[s])
	for _, k := range kids {
		t := int32(base + k.code)
		if k.code == terminal {
			b.base[t] = vals[k.lo]
			continue
		}
		b.place(t, keys[k.lo:k.hi], vals[k.lo:k.hi], depth+1)
	}
}

// codeAt is the label of key's byte at depth, or terminal past its end.
func codeAt(key string, depth int) int {
	if len(key) > depth {
		return int(key[depth])
	}
	return terminal
}
