//go:build long

package main

import (
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// The 50 MB corpus that make bench generates (the same seeds, size and random
// source), and the SHA-256 of the records that cnie writes for it, each
// without its version field (which names the build, not what it found). It
// held the split of extract/ into one package per entity (issue #15) to the
// output of the build before; a change meant to keep the output must keep
// this digest, and one meant to change it sets the digest the test prints.
const (
	identityCorpusSHA  = "c255ac49856292927ea886d2deb5e8de6f10526fee6107d67490e46eb66600d2"
	identityRecordsSHA = "76107c6d35ea16bd4a82c9685b29e3ea5e740c7160dce39f271c52dfcfdba923"
)

// TestLongRecordsUnchanged builds cnie, runs it (no --explain) on the
// generated 50 MB corpus and compares the records' digest with the one
// committed.
func TestLongRecordsUnchanged(t *testing.T) {
	dir := t.TempDir()
	seeds, err := readSeeds("../../testdata/seeds")
	if err != nil {
		t.Fatal(err)
	}
	corpusPath := filepath.Join(dir, "corpus.jsonl")
	if _, _, err := generate(corpusPath, seeds, 50e6, rand.New(rand.NewPCG(11, 2026))); err != nil {
		t.Fatal(err)
	}
	if got := fileSHA(t, corpusPath); got != identityCorpusSHA {
		t.Fatalf("the generated corpus changed (sha256 %s, want %s): regenerate the records' digest with the build before your change", got, identityCorpusSHA)
	}
	bin := filepath.Join(dir, "cnie")
	if out, err := exec.Command("go", "build", "-o", bin, "../cnie").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	run := exec.Command(bin, "run", "--quiet", "corpus.jsonl")
	run.Dir = dir
	out, err := run.Output()
	if err != nil {
		t.Fatalf("cnie run: %v", err)
	}
	sum := sha256.Sum256(regexp.MustCompile(`,"version":"[^"]*"`).ReplaceAll(out, nil))
	if got := hex.EncodeToString(sum[:]); got != identityRecordsSHA {
		t.Errorf("records of the generated corpus: sha256 %s, want %s (%d bytes): the output changed", got, identityRecordsSHA, len(out))
	}
}

func fileSHA(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
