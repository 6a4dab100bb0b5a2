package cnie

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cnie/cnie/lexicon"
)

// TestOptionsLexicons: the Go API lays user folders over the lexicons as
// --lexicon does, and its Version covers them.
func TestOptionsLexicons(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "orgs"), 0o755)
	os.WriteFile(filepath.Join(dir, "orgs", "clients.tsv"), []byte("#columns canonical aliases id\n星河智造科技有限公司\t星河智造\tC-1\n"), 0o644)
	before := Version()
	x, err := New(Options{Lexicons: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := x.Extract(context.Background(), Article{ID: "a", Text: "星河智造今年营收增长两成。"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Entities) == 0 || rec.Entities[0].Text != "星河智造" || rec.Entities[0].ID != "C-1" {
		t.Errorf("entities %+v", rec.Entities)
	}
	lx, err := lexicon.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if x.Version() == before || rec.Version != x.Version() || !strings.HasSuffix(x.Version(), "+"+lx.Hash()) || Version() != before {
		t.Errorf("version %s, built-in %s (now %s), record's %s", x.Version(), before, Version(), rec.Version)
	}
	if _, err := New(Options{Lexicons: []string{filepath.Join(dir, "none")}}); err == nil {
		t.Error("a missing folder is no error")
	}
}
