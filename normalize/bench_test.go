package normalize

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkNormalize normalises the five seed texts, offset map included.
func BenchmarkNormalize(b *testing.B) { benchSeeds(b, "../testdata/seeds/*.txt") }

// BenchmarkNormalizeHant normalises the five seed texts in traditional
// characters, folding included.
func BenchmarkNormalizeHant(b *testing.B) { benchSeeds(b, "../testdata/seeds-hant/*.txt") }

func benchSeeds(b *testing.B, glob string) {
	table()
	files, err := filepath.Glob(glob)
	if err != nil || len(files) == 0 {
		b.Fatalf("no seed texts: %v", err)
	}
	var texts []string
	n := 0
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(t))
		n += len(t)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			New(t)
		}
	}
}
