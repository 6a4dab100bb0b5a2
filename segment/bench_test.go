package segment

import (
	"runtime"
	"testing"

	"github.com/go-ego/gse"
)

// seedBytes is the size of the seed texts, for b.SetBytes.
func seedBytes(texts []string) int64 {
	n := 0
	for _, t := range texts {
		n += len(t)
	}
	return int64(n)
}

// BenchmarkCut segments the five seed texts with the compiled dictionary.
func BenchmarkCut(b *testing.B) {
	s, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	texts := seedTexts(b)
	b.SetBytes(seedBytes(texts))
	var dst []Token
	for b.Loop() {
		for _, t := range texts {
			dst = s.Cut(t, dst[:0])
		}
	}
}

// BenchmarkGseSegment is the reference: gse's own Segment (what Cut
// reproduces) on the same texts.
func BenchmarkGseSegment(b *testing.B) {
	ref := plainGse(b)
	texts := seedTexts(b)
	b.SetBytes(seedBytes(texts))
	for b.Loop() {
		for _, t := range texts {
			ref.Segment([]byte(t))
		}
	}
}

// BenchmarkGseCutHMM is gse's Cut with HMM, the figure issue #11 quotes.
func BenchmarkGseCutHMM(b *testing.B) {
	var ref gse.Segmenter
	ref.SkipLog = true
	if err := ref.LoadDictEmbed("zh_s"); err != nil {
		b.Fatal(err)
	}
	texts := seedTexts(b)
	b.SetBytes(seedBytes(texts))
	b.ResetTimer()
	for b.Loop() {
		for _, t := range texts {
			ref.Cut(t, true)
		}
	}
}

// BenchmarkNew decodes the embedded compiled dictionary; heap-MB is what one
// Segmenter holds after a GC.
func BenchmarkNew(b *testing.B) {
	var s *Segmenter
	before := heapMB()
	for b.Loop() {
		var err error
		if s, err = New(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(heapMB()-before, "heap-MB")
	runtime.KeepAlive(s)
}

// BenchmarkGseLoad is the plain gse load New replaces (HMM model not loaded,
// as segment never used it).
func BenchmarkGseLoad(b *testing.B) {
	var s *gse.Segmenter
	before := heapMB()
	for b.Loop() {
		s = &gse.Segmenter{SkipLog: true, NotLoadHMM: true}
		if err := s.LoadDictEmbed("zh_s"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(heapMB()-before, "heap-MB")
	runtime.KeepAlive(s)
}

func heapMB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / (1 << 20)
}
