package extract

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cnie/cnie/normalize"
	"github.com/cnie/cnie/segment"
)

// benchDocs returns the five seed texts as the extractors see them:
// normalised and segmented, with a reference date; and their size in bytes.
func benchDocs(b *testing.B) (*segment.Segmenter, []*Doc, int64) {
	b.Helper()
	seg, err := segment.Load()
	if err != nil {
		b.Fatal(err)
	}
	files, err := filepath.Glob("../testdata/seeds/*.txt")
	if err != nil || len(files) == 0 {
		b.Fatalf("no seed texts: %v", err)
	}
	var docs []*Doc
	n := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		view := normalize.New(string(raw))
		docs = append(docs, &Doc{Text: view.Text, Tokens: seg.Cut(view.Text, nil), Ref: benchRef})
		n += len(raw)
	}
	return seg, docs, int64(n)
}

// benchRef is the seeds' reference date (their gold's ref_date).
var benchRef = time.Date(2025, 7, 19, 0, 0, 0, 0, time.UTC)

func benchExtractor(b *testing.B, build func(*segment.Segmenter) (Extractor, error)) {
	seg, docs, n := benchDocs(b)
	x, err := build(seg)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(n)
	b.ReportAllocs()
	var ms []Mention
	for b.Loop() {
		for _, d := range docs {
			ms = x.Extract(d, ms[:0])
		}
	}
}

// BenchmarkAmounts runs the money, percent and quantity extractor on the seeds.
func BenchmarkAmounts(b *testing.B) {
	benchExtractor(b, func(*segment.Segmenter) (Extractor, error) { return NewAmounts() })
}

// BenchmarkDates runs the date extractor on the seeds.
func BenchmarkDates(b *testing.B) {
	benchExtractor(b, func(*segment.Segmenter) (Extractor, error) { return NewDates() })
}

// BenchmarkCountries runs the country extractor on the seeds.
func BenchmarkCountries(b *testing.B) {
	benchExtractor(b, func(s *segment.Segmenter) (Extractor, error) { return NewCountries(s) })
}

// BenchmarkOrgs runs the organisation extractor on the seeds.
func BenchmarkOrgs(b *testing.B) {
	benchExtractor(b, func(s *segment.Segmenter) (Extractor, error) {
		c, err := NewCountries(s)
		if err != nil {
			return nil, err
		}
		return NewOrgs(s, c)
	})
}

// BenchmarkResolve settles the overlaps of every extractor's mentions on
// the seeds.
func BenchmarkResolve(b *testing.B) {
	seg, docs, n := benchDocs(b)
	a, err := NewAmounts()
	if err != nil {
		b.Fatal(err)
	}
	dt, err := NewDates()
	if err != nil {
		b.Fatal(err)
	}
	c, err := NewCountries(seg)
	if err != nil {
		b.Fatal(err)
	}
	o, err := NewOrgs(seg, c)
	if err != nil {
		b.Fatal(err)
	}
	var all [][]Mention
	for _, d := range docs {
		var ms []Mention
		for _, x := range []Extractor{a, dt, c, o} {
			ms = x.Extract(d, ms)
		}
		all = append(all, ms)
	}
	b.SetBytes(n)
	b.ReportAllocs()
	buf := make([]Mention, 0, 1024)
	for b.Loop() {
		for _, ms := range all {
			Resolve(append(buf[:0], ms...))
		}
	}
}
