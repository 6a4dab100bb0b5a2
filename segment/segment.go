// Package segment splits normalised Chinese text into words with
// part-of-speech tags: gse's segmentation (its shortest-path Segment, no HMM)
// over gse's simplified-Chinese dictionary. The dictionary is the one gse
// embeds in its own module, compiled at `go generate` time into a
// double-array trie (dict.bin, built by internal/gendict from a plain gse
// load) and embedded here, so a process is ready in tens of milliseconds
// instead of gse's 1.4 s, and never reads files from the module cache.
// Tokens and lookups are exactly gse's; the tests compare the two.
package segment

import (
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Token is one word of the segmented text.
type Token struct {
	// Start and End are byte offsets into the segmented text, End exclusive.
	Start, End int
	// Pos is the part-of-speech tag of the dictionary word (ns place, nt
	// organisation, nr person, nz proper noun, m numeral, x other…), or ""
	// for a dictionary word without one; text the dictionary does not know
	// comes one character (or one run of letters and digits) at a time,
	// tagged x.
	Pos string
}

// Segmenter cuts text into tokens. Build one with New or Load; it is safe
// for concurrent use, since segmenting only reads the dictionary. The zero
// Segmenter has no dictionary: it cuts nothing and looks nothing up.
type Segmenter struct {
	d       *dict
	scratch sync.Pool // of *scratch, reused between Cuts
}

// New decodes the embedded compiled dictionary into a new Segmenter (about
// 60 ms and 30 MB); a process should do it once, which Load arranges.
func New() (*Segmenter, error) {
	d, err := loadDict(dictBin)
	if err != nil {
		return nil, err
	}
	return &Segmenter{d: d}, nil
}

var (
	loadOnce sync.Once
	loaded   *Segmenter
	loadErr  error
)

// Load returns the process's one Segmenter, loading the dictionary on the
// first call.
func Load() (*Segmenter, error) {
	loadOnce.Do(func() { loaded, loadErr = New() })
	return loaded, loadErr
}

// scratch holds one Cut's working arrays.
type scratch struct {
	units []int   // byte offset of each text unit, then len(text)
	jumps []jump  // the best path ending at each unit
	toks  []int32 // tokens of the best path, last first
}

// jump is gse's "jumper": the shortest path found so far that ends at a unit,
// and its last word.
type jump struct {
	dist  float32
	tok   int32 // token index, or -1 for a single unit the path steps over
	units int32 // units the last word spans
}

// pseudoDist is the path length gse gives a unit no word covers.
const pseudoDist = 32

// Cut appends the tokens of text to dst and returns the result. They tile
// the text and are gse's Segment of it, word for word and tag for tag.
func (s *Segmenter) Cut(text string, dst []Token) []Token {
	if s == nil || s.d == nil || text == "" {
		return dst
	}
	sc, _ := s.scratch.Get().(*scratch)
	if sc == nil {
		sc = new(scratch)
	}
	dst = s.d.cut(text, dst, sc)
	s.scratch.Put(sc)
	return dst
}

// cut is gse's segmentWords (searchMode false) over the compiled trie: for
// each unit, every dictionary word starting there relaxes the path ending
// at its last unit, shorter words first; a unit that starts no word, or
// whose shortest word spans several units, may also be stepped over alone
// at distance 32. Ties keep the earlier path, as in gse.
func (d *dict) cut(text string, dst []Token, sc *scratch) []Token {
	units := splitUnits(text, sc.units[:0])
	sc.units = units
	n := len(units) - 1
	if cap(sc.jumps) < n {
		sc.jumps = make([]jump, n)
	}
	jumps := sc.jumps[:n]
	clear(jumps)
	relax := func(at int, dist float32, tok int32, span int) {
		j := &jumps[at]
		if j.dist == 0 || j.dist > dist {
			*j = jump{dist: dist, tok: tok, units: int32(span)}
		}
	}
	for cur := 0; cur < n; cur++ {
		var base float32
		if cur > 0 {
			base = jumps[cur-1].dist
		}
		found, firstSpan := 0, 0
		node := int32(0)
		last := min(n, cur+d.maxUnits)
	words:
		for k := cur; k < last; k++ {
			for i := units[k]; i < units[k+1]; i++ {
				c := text[i]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A' // gse lower-cases runs of letters
				}
				t := d.base[node] + int32(c)
				if d.label[t] != c || c == terminal || c == free {
					break words // (no key holds 0x00 or 0xFF)
				}
				node = t
			}
			if tok := d.token(node); tok >= 0 {
				found++
				if found == 1 {
					firstSpan = k - cur + 1
				}
				relax(k, base+d.dist[tok], tok, k-cur+1)
			}
		}
		if found == 0 || firstSpan > 1 {
			relax(cur, base+pseudoDist, -1, 1)
		}
	}
	toks := sc.toks[:0]
	for at := n - 1; at >= 0; at -= int(jumps[at].units) {
		toks = append(toks, int32(at))
	}
	sc.toks = toks
	dst = slices.Grow(dst, len(toks)) // one allocation, not append's doublings
	for i := len(toks) - 1; i >= 0; i-- {
		at := int(toks[i])
		j := &jumps[at]
		t := Token{Start: units[at+1-int(j.units)], End: units[at+1], Pos: "x"}
		if j.tok >= 0 {
			t.Pos = d.posNames[d.pos[j.tok]]
		}
		dst = append(dst, t)
	}
	return dst
}

// splitUnits appends the byte offset of each of gse's text units to dst
// (gse's SplitTextToWords): a maximal run of letters and digits encoded in at
// most two bytes is one unit, any other character is a unit of its own. It
// then appends len(text).
func splitUnits(text string, dst []int) []int {
	cur, runStart := 0, 0
	inRun := true
	for cur < len(text) {
		c := text[cur]
		var alnum bool
		size := 1
		switch {
		case c < utf8.RuneSelf:
			alnum = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		case c < 0xE0: // two bytes, or invalid
			var r rune
			r, size = utf8.DecodeRuneInString(text[cur:])
			alnum = size == 2 && (unicode.IsNumber(r) || unicode.IsLetter(r))
		default:
			_, size = utf8.DecodeRuneInString(text[cur:])
		}
		if alnum {
			if !inRun {
				runStart, inRun = cur, true
			}
		} else {
			if inRun {
				inRun = false
				if cur != 0 {
					dst = append(dst, runStart)
				}
			}
			dst = append(dst, cur)
		}
		cur += size
	}
	if inRun && cur != 0 {
		dst = append(dst, runStart)
	}
	return append(dst, len(text))
}

// Lookup reports whether word is in the dictionary and, if so, its
// part-of-speech tag. Like gse's Find, it matches word's bytes as given (the
// dictionary's letters are lower case), and a mere prefix of a word is not
// a word.
func (s *Segmenter) Lookup(word string) (pos string, ok bool) {
	if s == nil || s.d == nil || word == "" {
		return "", false
	}
	d := s.d
	node := d.walk(word)
	if node < 0 {
		// gse's trie (cedar) keeps the value of a word that longer words
		// extend on a child labelled 0x00, so gse finds "word\x00" too.
		last := len(word) - 1
		if word[last] != 0x00 || last == 0 {
			return "", false
		}
		if node = d.walk(word[:last]); node < 0 || !d.extended(node) {
			return "", false
		}
	}
	tok := d.token(node)
	if tok < 0 {
		return "", false
	}
	return d.posNames[d.pos[tok]], true
}
