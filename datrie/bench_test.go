package datrie

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// benchWords returns the seed texts and a lexicon drawn from them: every
// 2- to 6-character stretch starting at every 7th character (~12,000
// words, many sharing a first character, as organisation names do).
func benchWords(b *testing.B) (string, []string) {
	files, err := filepath.Glob("../testdata/seeds/*.txt")
	if err != nil || len(files) == 0 {
		b.Fatalf("no seed texts: %v", err)
	}
	var text strings.Builder
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		text.Write(t)
	}
	rs := []rune(text.String())
	seen := map[string]bool{}
	var words []string
	for i := 0; i+6 < len(rs); i += 7 {
		for n := 2; n <= 6; n++ {
			w := string(rs[i : i+n])
			if !seen[w] && !strings.ContainsAny(w, "\n\r") {
				seen[w] = true
				words = append(words, w)
			}
		}
	}
	return text.String(), words
}

// BenchmarkLongest matches the lexicon at every character of the seeds.
func BenchmarkLongest(b *testing.B) {
	text, words := benchWords(b)
	tr, err := New(words)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		for i := 0; i < len(text); {
			_, size := utf8.DecodeRuneInString(text[i:])
			tr.Longest(text[i:])
			i += size
		}
	}
}

// BenchmarkLongestByFirstRune is the same match the way extract does it
// today: words by first rune, longest first, tried in turn with HasPrefix.
func BenchmarkLongestByFirstRune(b *testing.B) {
	text, words := benchWords(b)
	m := map[rune][]string{}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		m[r] = append(m[r], w)
	}
	for _, ws := range m {
		sort.SliceStable(ws, func(i, j int) bool { return len(ws[i]) > len(ws[j]) })
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		for i := 0; i < len(text); {
			r, size := utf8.DecodeRuneInString(text[i:])
			for _, w := range m[r] {
				if strings.HasPrefix(text[i:], w) {
					break
				}
			}
			i += size
		}
	}
}
