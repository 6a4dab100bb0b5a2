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

	"github.com/go-ego/gse"

	"github.com/cnie/cnie/datrie"
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
	keys := make([]string, len(words))
	vals := make([]int32, len(words))
	for i, w := range words {
		keys[i], vals[i] = w.key, w.idx
	}
	base, label, err := datrie.Build(keys, vals)
	if err != nil {
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
	w32(uint32(len(base)))
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
	for _, v := range base {
		w32(uint32(v))
	}
	buf.Write(label)
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
		gv, len(dist), len(base), len(posNames), maxUnits, out, buf.Len())
	return nil
}

// magic starts dict.bin; segment checks it. Bump the version with the format.
const magic = "cnie-gse-da-v3\n"
