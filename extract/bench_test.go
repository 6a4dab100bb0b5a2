package extract_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cnie/cnie/extract"
	"github.com/cnie/cnie/extract/amount"
	"github.com/cnie/cnie/extract/country"
	"github.com/cnie/cnie/extract/date"
	"github.com/cnie/cnie/extract/org"
	"github.com/cnie/cnie/normalize"
	"github.com/cnie/cnie/segment"
)

// benchDocs returns the five seed texts as the extractors see them:
// normalised and segmented, with a reference date; and their size in bytes.
func benchDocs(b *testing.B) (*segment.Segmenter, []*extract.Doc, int64) {
	b.Helper()
	seg, err := segment.Load()
	if err != nil {
		b.Fatal(err)
	}
	files, err := filepath.Glob("../testdata/seeds/*.txt")
	if err != nil || len(files) == 0 {
		b.Fatalf("no seed texts: %v", err)
	}
	var docs []*extract.Doc
	n := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		view := normalize.New(string(raw))
		docs = append(docs, &extract.Doc{Text: view.Text, Tokens: seg.Cut(view.Text, nil), Ref: benchRef})
		n += len(raw)
	}
	return seg, docs, int64(n)
}

// benchRef is the seeds' reference date (their gold's ref_date).
var benchRef = time.Date(2025, 7, 19, 0, 0, 0, 0, time.UTC)

func benchExtractor(b *testing.B, build func(*segment.Segmenter) (extract.Extractor, error)) {
	seg, docs, n := benchDocs(b)
	x, err := build(seg)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(n)
	b.ReportAllocs()
	var ms []extract.Mention
	for b.Loop() {
		for _, d := range docs {
			ms = x.Extract(d, ms[:0])
		}
	}
}

// BenchmarkAmounts runs the money, percent and quantity extractor on the seeds.
func BenchmarkAmounts(b *testing.B) {
	benchExtractor(b, func(*segment.Segmenter) (extract.Extractor, error) { return amount.New(nil) })
}

// BenchmarkDates runs the date extractor on the seeds.
func BenchmarkDates(b *testing.B) {
	benchExtractor(b, func(*segment.Segmenter) (extract.Extractor, error) { return date.New(nil) })
}

// BenchmarkCountries runs the country extractor on the seeds.
func BenchmarkCountries(b *testing.B) {
	benchExtractor(b, func(s *segment.Segmenter) (extract.Extractor, error) { return country.New(s, nil) })
}

// BenchmarkOrgs runs the organisation extractor on the seeds.
func BenchmarkOrgs(b *testing.B) {
	benchExtractor(b, func(s *segment.Segmenter) (extract.Extractor, error) {
		c, err := country.New(s, nil)
		if err != nil {
			return nil, err
		}
		return org.New(s, c, nil)
	})
}

// BenchmarkResolve settles the overlaps of every extractor's mentions on
// the seeds.
func BenchmarkResolve(b *testing.B) {
	seg, docs, n := benchDocs(b)
	a, err := amount.New(nil)
	if err != nil {
		b.Fatal(err)
	}
	dt, err := date.New(nil)
	if err != nil {
		b.Fatal(err)
	}
	c, err := country.New(seg, nil)
	if err != nil {
		b.Fatal(err)
	}
	o, err := org.New(seg, c, nil)
	if err != nil {
		b.Fatal(err)
	}
	var all [][]extract.Mention
	for _, d := range docs {
		var ms []extract.Mention
		for _, x := range []extract.Extractor{a, dt, c, o} {
			ms = x.Extract(d, ms)
		}
		all = append(all, ms)
	}
	b.SetBytes(n)
	b.ReportAllocs()
	buf := make([]extract.Mention, 0, 1024)
	for b.Loop() {
		for _, ms := range all {
			extract.Resolve(append(buf[:0], ms...))
		}
	}
}
