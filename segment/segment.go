// Package segment splits normalised Chinese text into words with
// part-of-speech tags, using gse and the simplified-Chinese dictionary that
// gse embeds in its own module (never files from the module cache, which a
// deployed binary does not have).
package segment

import (
	"fmt"
	"sync"

	"github.com/go-ego/gse"
)

// Token is one word of the segmented text.
type Token struct {
	// Start and End are byte offsets into the segmented text, End exclusive.
	Start, End int
	// Pos is the part-of-speech tag of the dictionary word (ns place, nt
	// organisation, nr person, nz proper noun, m numeral, x other…), or ""
	// for text the dictionary does not know.
	Pos string
}

// Segmenter cuts text into tokens. Build one with New or Load; it is safe for
// concurrent use once built, since segmenting only reads the dictionary.
type Segmenter struct {
	seg gse.Segmenter
}

// New loads gse's embedded simplified-Chinese dictionary into a new
// Segmenter. Loading takes about 1.5 s and 130 MB; a process should do it
// once, which Load arranges.
func New() (*Segmenter, error) {
	s := &Segmenter{}
	s.seg.SkipLog = true
	if err := s.seg.LoadDictEmbed("zh_s"); err != nil {
		return nil, fmt.Errorf("segment: loading gse's embedded dictionary: %w", err)
	}
	return s, nil
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

// Cut appends the tokens of text to dst and returns the result.
func (s *Segmenter) Cut(text string, dst []Token) []Token {
	if s == nil || text == "" {
		return dst
	}
	for _, g := range s.seg.Segment([]byte(text)) {
		t := Token{Start: g.Start(), End: g.End()}
		if tok := g.Token(); tok != nil {
			t.Pos = tok.Pos()
		}
		dst = append(dst, t)
	}
	return dst
}

// Lookup reports whether word is in the dictionary and, if so, its
// part-of-speech tag.
func (s *Segmenter) Lookup(word string) (pos string, ok bool) {
	if s == nil {
		return "", false
	}
	// gse's Find also reports true for a mere prefix of a word, with no
	// frequency: that is not a word of the dictionary.
	freq, pos, ok := s.seg.Find(word)
	return pos, ok && freq > 0
}
