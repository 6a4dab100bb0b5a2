package normalize

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:generate go run ./internal/gen -dir /usr/share/opencc -o data/t2s.tsv

//go:embed data/t2s.tsv
var t2sData string

// Script is the script an article is written in, by the characters that
// only one of the two scripts writes.
type Script string

// The scripts a text can be in.
const (
	// Hans is simplified Chinese: no character that only traditional text
	// writes (a text without Chinese characters is Hans too).
	Hans Script = "hans"
	// Hant is traditional Chinese: characters that only traditional text
	// writes, and at most one in twenty of the script-specific characters
	// from simplified text.
	Hant Script = "hant"
	// Mixed is text that writes both scripts, each at least one in twenty of
	// the script-specific characters.
	Mixed Script = "mixed"
)

// ScriptOf classifies text by its counts of characters that only
// traditional (hant) and only simplified (hans) text writes.
func ScriptOf(hant, hans int) Script {
	switch {
	case hant == 0:
		return Hans
	case hans*20 <= hant+hans:
		return Hant
	case hant*20 <= hant+hans:
		return Hans
	}
	return Mixed
}

// DetectScript returns the script of s and its counts of characters that
// only traditional and only simplified text writes.
func DetectScript(s string) (sc Script, hant, hans int) {
	return table().count(s)
}

func (t *foldTable) count(s string) (sc Script, hant, hans int) {
	for _, r := range s {
		if r >= firstHan {
			switch t.kind(r) {
			case kindHant:
				hant++
			case kindHans:
				hans++
			}
		}
	}
	return ScriptOf(hant, hans), hant, hans
}

// fold returns the simplified form of the character r, or 0 when it has
// none or is one both scripts write and both is false.
func (t *foldTable) fold(r rune, both bool) rune {
	var c rune
	if r < 0x10000 {
		c = rune(t.bmp[r])
	} else {
		c = t.char[r]
	}
	if c != 0 && !both && t.kind(r) != kindHant {
		return 0
	}
	return c
}

// firstHan is the first code point the fold table holds (CJK Extension A).
const firstHan = 0x3400

const (
	kindNone = iota
	kindHant // only traditional text writes it
	kindHans // only simplified text writes it
	kindBoth // both scripts write it; folded in traditional text only
)

// phrase is one phrase fold: what is written and what the view holds.
type phrase struct {
	from, to string
	runes    int // code points in from
}

// foldTable is the compiled data/t2s.tsv.
type foldTable struct {
	kinds     [0x10000]uint8       // kind of every BMP rune
	hant      [0x10000 / 64]uint64 // BMP runes only traditional text writes
	start     [0x10000 / 64]uint64 // BMP runes a fold starts at
	pstart    [0x10000 / 64]uint64 // BMP runes a phrase starts at
	bmp       [0x10000]uint16      // fold of every BMP character, 0 for none
	wide      map[rune]int         // kinds beyond the BMP
	wideStart map[rune]bool
	char      map[rune]rune
	phrases   map[rune][]phrase // by first rune, longest first
}

func bit(s *[0x10000 / 64]uint64, r rune) bool { return s[r>>6]&(1<<(r&63)) != 0 }
func set(s *[0x10000 / 64]uint64, r rune)      { s[r>>6] |= 1 << (r & 63) }

func (t *foldTable) kind(r rune) int {
	if r >= 0x10000 {
		return t.wide[r]
	}
	return int(t.kinds[r])
}

// hantOnly reports whether only traditional text writes r.
func (t *foldTable) hantOnly(r rune) bool {
	if r < 0x10000 {
		return bit(&t.hant, r)
	}
	return t.wide[r] == kindHant
}

// starts reports whether a fold (a character's or a phrase's) starts at r.
func (t *foldTable) starts(r rune) bool {
	if r < 0x10000 {
		return bit(&t.start, r)
	}
	return t.wideStart[r]
}

var table = sync.OnceValue(func() *foldTable {
	t, err := parseTable(t2sData)
	if err != nil {
		panic(err) // the embedded table is checked by the tests
	}
	return t
})

// parseTable reads the fold table (see the header of data/t2s.tsv).
func parseTable(data string) (*foldTable, error) {
	t := &foldTable{wide: map[rune]int{}, wideStart: map[rune]bool{}, char: map[rune]rune{}, phrases: map[rune][]phrase{}}
	setKind := func(r rune, k int) {
		if r >= 0x10000 {
			t.wide[r] = k
			return
		}
		t.kinds[r] = uint8(k)
		if k == kindHant {
			set(&t.hant, r)
		}
	}
	setStart := func(r rune) {
		if r >= 0x10000 {
			t.wideStart[r] = true
		} else {
			set(&t.start, r)
		}
	}
	one := func(s string) (rune, bool) {
		r, n := utf8.DecodeRuneInString(s)
		return r, r != utf8.RuneError && n == len(s) && r >= firstHan
	}
	for n, line := range strings.Split(data, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		bad := func(why string) error {
			return fmt.Errorf("normalize: data/t2s.tsv line %d: %s: %q", n+1, why, line)
		}
		switch f[0] {
		case "t", "a":
			if len(f) != 3 {
				return nil, bad("want kind, character, simplified")
			}
			k, ok1 := one(f[1])
			v, ok2 := one(f[2])
			if !ok1 || !ok2 || k == v {
				return nil, bad("not two different Chinese characters")
			}
			if _, dup := t.char[k]; dup {
				return nil, bad("character listed twice")
			}
			t.char[k] = v
			if k < 0x10000 && v < 0x10000 {
				t.bmp[k] = uint16(v)
			}
			if f[0] == "t" {
				setKind(k, kindHant)
			} else {
				setKind(k, kindBoth)
			}
			setStart(k)
		case "p":
			if len(f) != 3 || utf8.RuneCountInString(f[1]) < 2 || f[2] == "" || !utf8.ValidString(f[1]) || !utf8.ValidString(f[2]) {
				return nil, bad("want p, phrase of two or more characters, simplified")
			}
			r, _ := utf8.DecodeRuneInString(f[1])
			t.phrases[r] = append(t.phrases[r], phrase{f[1], f[2], utf8.RuneCountInString(f[1])})
			setStart(r)
			if r < 0x10000 {
				set(&t.pstart, r)
			}
		case "s":
			k, ok := one(f[1])
			if len(f) != 2 || !ok {
				return nil, bad("want s, one Chinese character")
			}
			if t.kind(k) != kindNone {
				return nil, bad("character listed twice")
			}
			setKind(k, kindHans)
		default:
			return nil, bad("unknown kind")
		}
	}
	for r, ps := range t.phrases {
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].from) > len(ps[j].from) })
		t.phrases[r] = ps
	}
	if len(t.char) == 0 {
		return nil, fmt.Errorf("normalize: data/t2s.tsv: no character folds")
	}
	return t, nil
}

// match returns the longest phrase fold at the start of s, if any.
func (t *foldTable) match(r rune, s string) *phrase {
	if r < 0x10000 && !bit(&t.pstart, r) {
		return nil
	}
	ps := t.phrases[r]
	for i := range ps {
		if strings.HasPrefix(s, ps[i].from) {
			return &ps[i]
		}
	}
	return nil
}
