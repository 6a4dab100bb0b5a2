// Command gendict compiles gse's embedded simplified-Chinese dictionary into
// the binary form package segment embeds (dict.bin): a double-array trie over
// the dictionary's word keys, each word's path length ("distance") as gse
// computes it, and its part-of-speech tag. It runs at `go generate` time
// (see segment/dict.go); the program itself is never part of cnie.
//
// The data are gse's: the words, frequencies and tags come from loading the
// dictionary with gse's own LoadDictEmbed("zh_s"), so the compiled form holds
// exactly what a plain gse load holds. segment's tests compare the two.
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/go-ego/gse"
)

func main() {
	out := flag.String("o", "dict.bin", "write the compiled dictionary to `FILE`")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gendict:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	var seg gse.Segmenter
	seg.SkipLog = true
	seg.NotLoadHMM = true
	if err := seg.LoadDictEmbed("zh_s"); err != nil {
		return fmt.Errorf("loading gse's embedded dictionary: %w", err)
	}
	d := seg.Dictionary()
	logTotal := float32(math.Log2(d.TotalFreq()))

	type word struct {
		key string
		idx int32
	}
	words := make([]word, 0, d.NumTokens())
	dist := make([]float32, d.NumTokens())
	posIdx := make([]uint8, d.NumTokens())
	posOf := map[string]uint8{}
	var posNames []string
	seen := map[string]bool{}
	for i := range d.Tokens {
		t := &d.Tokens[i]
		key := t.Text()
		if key == "" || seen[key] {
			return fmt.Errorf("token %d: empty or duplicate key %q", i, key)
		}
		seen[key] = true
		words = append(words, word{key, int32(i)})
		// gse's CalcToken: distance = log2(total) - log2(freq), in float32.
		dist[i] = logTotal - float32(math.Log2(t.Freq()))
		p, ok := posOf[t.Pos()]
		if !ok {
			if len(posNames) == 255 {
				return fmt.Errorf("more than 255 part-of-speech tags")
			}
			p = uint8(len(posNames))
			posOf[t.Pos()] = p
			posNames = append(posNames, t.Pos())
		}
		posIdx[i] = p
	}
	sort.Slice(words, func(a, b int) bool { return words[a].key < words[b].key })
	keys := make([]string, len(words))
	vals := make([]int32, len(words))
	for i, w := range words {
		keys[i], vals[i] = w.key, w.idx
	}
	var b builder
	if err := b.build(keys, vals); err != nil {
		return err
	}

	maxUnits := d.MaxTokenLen()
	gv := "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, m := range bi.Deps {
			if m.Path == "github.com/go-ego/gse" {
				gv = m.Version
			}
		}
	}
	var buf bytes.Buffer
	buf.WriteString(magic)
	w32 := func(v uint32) { _ = binary.Write(&buf, binary.LittleEndian, v) }
	source := "gse " + gv + " zh_s"
	w32(uint32(len(source)))
	buf.WriteString(source)
	w32(uint32(len(b.base)))
	w32(uint32(len(dist)))
	w32(uint32(maxUnits))
	w32(uint32(len(posNames)))
	for _, p := range posNames {
		w32(uint32(len(p)))
		buf.WriteString(p)
	}
	for buf.Len()%4 != 0 { // the int32 arrays start aligned
		buf.WriteByte(0)
	}
	for _, v := range b.base {
		w32(uint32(v))
	}
	buf.Write(b.label)
	buf.Write(posIdx)
	for _, v := range dist {
		w32(math.Float32bits(v))
	}
	if gv == "unknown" {
		return fmt.Errorf("cannot tell gse's version from the build info")
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gendict: gse %s: %d words, %d trie slots, %d tags, max %d units: %s (%d bytes)\n",
		gv, len(dist), len(b.base), len(posNames), maxUnits, out, buf.Len())
	return nil
}

// magic starts dict.bin; segment checks it. Bump the version with the format.
const magic = "cnie-gse-da-v3\n"

// Slot labels: a byte moves to the slot labelled with it, a word ends at its
// node's slot labelled terminal, and free slots are labelled free. Keys are
// UTF-8 text, which has neither 0x00 nor 0xFF.
const (
	terminal = 0x00
	free     = 0xFF
)

// builder places a sorted key set into a double-array trie whose bases are
// all distinct, so that a slot's label alone proves who owns it: node s moves
// on byte c to t = base[s]+c when label[t] == c, and its word's slot
// t = base[s] has label[t] == terminal and base[t] = the word's token index.
// The root is slot 0.
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

func (b *builder) build(keys []string, vals []int32) error {
	for _, k := range keys {
		if strings.ContainsAny(k, "\x00\xff") {
			return fmt.Errorf("key %q holds a 0x00 or 0xFF byte", k)
		}
	}
	b.used = map[int32]bool{}
	b.grow(1 << 16)
	b.label[0] = terminal // the root is no one's child; any label but free
	b.nextFree = 1
	b.place(0, keys, vals, 0)
	// Trim trailing free slots, then pad so that base+255 is always in range.
	n := len(b.label)
	for n > 1 && b.label[n-1] == free {
		n--
	}
	b.base, b.label = b.base[:n], b.label[:n]
	maxBase := int32(0)
	for t := range b.label {
		if (t == 0 || b.label[t] != terminal && b.label[t] != free) && b.base[t] > maxBase {
			maxBase = b.base[t]
		}
	}
	b.grow(int(maxBase) + 256)
	return nil
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
	// free, searched from nextFree. As in darts, a search that wades through
	// a region almost full moves nextFree past it, so that slots no node can
	// take do not make every later search scan them again.
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
