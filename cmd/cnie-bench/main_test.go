package main

import (
	"bufio"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestVaryKeepsShapeChangesNumbers(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	in := "2025年4月9日，营收47.95亿元，同比增长12%。"
	changed := false
	for i := 0; i < 20; i++ {
		out := vary(in, rng)
		if len(out) != len(in) {
			t.Fatalf("vary(%q) = %q: length changed", in, out)
		}
		y := out[:4]
		if y < "1995" || y > "2030" {
			t.Fatalf("vary(%q) = %q: year %s out of 1995..2030", in, out, y)
		}
		if strings.Map(nonDigit, out) != strings.Map(nonDigit, in) {
			t.Fatalf("vary(%q) = %q: changed more than digits", in, out)
		}
		changed = changed || out != in
	}
	if !changed {
		t.Error("vary never changed a number")
	}
}

func nonDigit(r rune) rune {
	if r >= '0' && r <= '9' {
		return '#'
	}
	return r
}

func TestGenerateIsVariedJSONL(t *testing.T) {
	seeds, err := readSeeds("../../testdata/seeds")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "c.jsonl")
	count, size, err := generate(path, seeds, 300_000, rand.New(rand.NewPCG(3, 4)))
	if err != nil {
		t.Fatal(err)
	}
	texts, err := readTexts(path)
	if err != nil || len(texts) != count {
		t.Fatalf("readTexts: %d texts of %d, %v", len(texts), count, err)
	}
	if size < 300_000 {
		t.Fatalf("generated %d bytes, want >= 300000", size)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	seen := map[string]bool{}
	n, total := 0, 0
	for sc.Scan() {
		var a article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		if a.ID == "" || a.Text == "" || a.Text != texts[n] {
			t.Fatalf("line %d: bad article %+v", n+1, a.ID)
		}
		if seen[a.Text] {
			t.Fatalf("line %d: a text repeats", n+1)
		}
		seen[a.Text] = true
		n++
		total += len(a.Text)
	}
	if n != len(texts) || total != size {
		t.Fatalf("read %d articles, %d bytes; generate said %d, %d", n, total, len(texts), size)
	}

}
