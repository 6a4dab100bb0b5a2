package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// versionField matches a record's version, which names the build (and its
// lexicon hash) rather than what the record says: the identity tests
// compare records without it.
var versionField = regexp.MustCompile(`,"version":"[^"]*"`)

// TestSeedRecordsUnchanged runs `cnie run testdata/seeds` (no --explain)
// from the repository's root and compares the records, byte for byte, with
// testdata/seeds.records.jsonl (both without their version field). A change
// that means to alter the output updates that file in the same commit
// (CNIE_UPDATE_SEEDS=1 go test -run SeedRecords ./cmd/cnie), where review
// sees the difference.
func TestSeedRecordsUnchanged(t *testing.T) {
	t.Chdir("../..")
	want, err := os.ReadFile("testdata/seeds.records.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	code, got, stderr := call(t, "", "run", "--quiet", "testdata/seeds")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got = versionField.ReplaceAllString(got, "")
	if os.Getenv("CNIE_UPDATE_SEEDS") == "1" {
		if err := os.WriteFile("testdata/seeds.records.jsonl", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got == string(want) {
		return
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
	for i := range max(len(gl), len(wl)) {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			for k := range min(len(g), len(w)) {
				if g[k] != w[k] {
					from := max(0, k-80)
					t.Fatalf("record %d differs at byte %d:\n got  …%s…\n want …%s…", i+1, k, g[from:min(len(g), k+120)], w[from:min(len(w), k+120)])
				}
			}
			t.Fatalf("record %d differs in length: got %d bytes, want %d", i+1, len(g), len(w))
		}
	}
}
