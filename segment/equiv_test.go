package segment

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// The compiled dictionary must segment and look up exactly as a plain gse
// load of the same embedded dictionary does. These tests are the contract
// of dict.bin.gz: if gse changes, they fail until `go generate ./segment`.

var (
	gseOnce sync.Once
	gseSeg  *gse.Segmenter
	gseErr  error
)

// plainGse is the reference: gse loading its own embedded dictionary, as
// segment did before the compiled form.
func plainGse(t testing.TB) *gse.Segmenter {
	gseOnce.Do(func() {
		s := &gse.Segmenter{SkipLog: true, NotLoadHMM: true}
		gseErr = s.LoadDictEmbed("zh_s")
		gseSeg = s
	})
	if gseErr != nil {
		t.Fatal(gseErr)
	}
	return gseSeg
}

// gseCut is segment's former Cut: gse's Segment with each word's tag.
func gseCut(s *gse.Segmenter, text string) []Token {
	var out []Token
	for _, g := range s.Segment([]byte(text)) {
		t := Token{Start: g.Start(), End: g.End()}
		if tok := g.Token(); tok != nil {
			t.Pos = tok.Pos()
		}
		out = append(out, t)
	}
	return out
}

func seedTexts(t testing.TB) []string {
	files, err := filepath.Glob("../testdata/seeds/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no seed texts: %v", err)
	}
	var texts []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	return texts
}

// variedTexts mixes the seeds' characters with everything gse's unit
// splitting treats specially: ASCII letter runs in both cases, digits,
// Latin-1 and Greek letters (two-byte letters join runs), superscript and
// full-width digits, kana, emoji, spaces and line breaks, invalid UTF-8.
func variedTexts(seeds []string, n int, rng *rand.Rand) []string {
	var pool []string
	for _, s := range seeds {
		for len(s) > 0 {
			_, size := utf8.DecodeRuneInString(s)
			pool = append(pool, s[:size])
			s = s[size:]
		}
	}
	extras := []string{"A", "b", "Z", "x", "Sun", "ABC", "iPhone", "3", "2025", "4S", "T恤", "é", "É", "ñ", "ß",
		"α", "Ω", "²", "½", "１", "Ａ", "ア", "の", "😀", " ", "\n", "\r\n", "\t", "\xff", "\x00", "\xff\xff", "\xe4\xb8", "\xc3",
		"·", "-", ".", "%", "％", "—", "、", "卡拉OK", "AA制", "B超", "X光", "QQ"}
	var out []string
	for i := 0; i < n; i++ {
		var b strings.Builder
		for k := rng.IntN(200); k >= 0; k-- {
			if rng.IntN(5) == 0 {
				b.WriteString(extras[rng.IntN(len(extras))])
			} else {
				// a stretch of seed text keeps real words together
				j := rng.IntN(len(pool))
				for m := rng.IntN(8); m >= 0 && j < len(pool); m, j = m-1, j+1 {
					b.WriteString(pool[j])
				}
			}
		}
		out = append(out, b.String())
	}
	return out
}

func compareCut(t *testing.T, s *Segmenter, ref *gse.Segmenter, text string) {
	t.Helper()
	got, want := s.Cut(text, nil), gseCut(ref, text)
	if len(got) != len(want) {
		t.Fatalf("%q: %d tokens, gse %d", clip(text), len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%q: token %d = %+v %q, gse %+v %q", clip(text), i,
				got[i], text[got[i].Start:got[i].End], want[i], text[want[i].Start:want[i].End])
		}
	}
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

func TestCutMatchesGse(t *testing.T) {
	s, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	ref := plainGse(t)
	seeds := seedTexts(t)
	for _, text := range seeds {
		compareCut(t, s, ref, text)
	}
	rng := rand.New(rand.NewPCG(11, 2026))
	for _, text := range variedTexts(seeds, 300, rng) {
		compareCut(t, s, ref, text)
	}
	for _, text := range []string{"", "a", "A", " ", "\xff", "中", "ABC中文DEF", "１２３", "ab cd", "é中"} {
		compareCut(t, s, ref, text)
	}
}

// The compiled dictionary must come from the gse this module requires.
func TestDictSourceIsRequiredGse(t *testing.T) {
	mod, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(mod), "\n") {
		f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), "require "))
		if len(f) >= 2 && f[0] == "github.com/go-ego/gse" {
			if want := "gse " + f[1] + " zh_s"; DictSource() != want {
				t.Fatalf("dict.bin is from %q, go.mod requires %q: run go generate ./segment", DictSource(), want)
			}
			return
		}
	}
	t.Fatal("go.mod does not require github.com/go-ego/gse")
}

func TestLookupMatchesGse(t *testing.T) {
	s, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	ref := plainGse(t)
	check := func(w string) {
		t.Helper()
		freq, pos, ok := ref.Find(w)
		wantOK := ok && freq > 0
		if !wantOK {
			pos = ""
		}
		if gotPos, gotOK := s.Lookup(w); gotOK != wantOK || gotPos != pos {
			t.Fatalf("Lookup(%q) = %q, %v; gse %q, %v", w, gotPos, gotOK, pos, wantOK)
		}
	}
	// Every word of the dictionary, a prefix and an extension of some.
	d := ref.Dictionary()
	for i := range d.Tokens {
		w := d.Tokens[i].Text()
		check(w)
		if i%7 == 0 {
			_, size := utf8.DecodeLastRuneInString(w)
			check(w[:len(w)-size])
			check(w + "的")
			check(strings.ToUpper(w))
			check(w + "\x00")
			check(w + "\x00\x00")
		}
	}
	rng := rand.New(rand.NewPCG(7, 11))
	for _, text := range variedTexts(seedTexts(t), 50, rng) {
		for i := 0; i+1 < len(text); i += 1 + rng.IntN(4) {
			check(text[i:min(len(text), i+1+rng.IntN(12))])
		}
	}
	for _, w := range []string{"", "\x00", "\xff", "中\xff", "中\x00", "\xff\xff\xff"} {
		check(w)
	}
}
