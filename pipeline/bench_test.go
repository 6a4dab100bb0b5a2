package pipeline

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/record"
)

// benchArticles returns the five seed texts as articles, and their size.
func benchArticles(b *testing.B) ([]corpus.Article, int64) {
	b.Helper()
	files, err := filepath.Glob("../testdata/seeds/*.txt")
	if err != nil || len(files) == 0 {
		b.Fatalf("no seed texts: %v", err)
	}
	var as []corpus.Article
	n := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		id := strings.TrimSuffix(filepath.Base(f), ".txt")
		as = append(as, corpus.Article{ID: id, Source: f, Text: string(raw)})
		n += len(raw)
	}
	return as, int64(n)
}

// BenchmarkProcess is one article's whole path on the seeds: reference
// date, normalise, segment, every extractor, resolve, raw offsets. Profile
// it with
//
//	go test -run '^$' -bench Process -cpuprofile cpu.out ./pipeline
//	go tool pprof -top cpu.out
func BenchmarkProcess(b *testing.B) {
	p, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	as, n := benchArticles(b)
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range as {
			p.Process(a)
		}
	}
}

// BenchmarkWrite encodes the seeds' records as cnie run writes them (JSON
// Lines, HTML characters unescaped).
func BenchmarkWrite(b *testing.B) {
	p, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	as, n := benchArticles(b)
	recs := make([]record.Record, len(as))
	for i, a := range as {
		recs[i] = p.Process(a)
	}
	enc := json.NewEncoder(io.Discard)
	enc.SetEscapeHTML(false)
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for i := range recs {
			if err := enc.Encode(&recs[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
}
