package state

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"
)

func art(id, text string) Article {
	s := sha256.Sum256([]byte(text))
	return Article{DocID: id, SHA256: hex.EncodeToString(s[:])}
}

func open(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestLockRefusesAtOnce(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	start := time.Now()
	_, err := Open(dir, Options{})
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), dir) {
		t.Fatalf("second open: %v, want ErrLocked naming %s", err, dir)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("second open took %v", d)
	}
	if _, err := Open(dir, Options{ReadOnly: true}); !errors.Is(err, ErrLocked) {
		t.Errorf("read-only open during a run: %v, want ErrLocked", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = open(t, dir) // released
	s.Close()
}

func TestReadOnlyNeedsState(t *testing.T) {
	if _, err := Open(t.TempDir(), Options{ReadOnly: true}); !errors.Is(err, ErrNoState) {
		t.Errorf("got %v, want ErrNoState", err)
	}
}

func TestRecordLookupStale(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	a, b, b2 := art("a", "甲"), art("b", "乙"), art("b", "乙改")
	if _, found, err := s.Lookup(a); err != nil || found {
		t.Fatalf("empty state: found %v, %v", found, err)
	}
	if err := s.PutRun(Run{ID: "r1", Version: "1", Lexicon: "x", Finished: time.Now()}); err != nil {
		t.Fatal(err)
	}
	n, err := s.RecordFile("r1-000001.jsonl", File{Run: "r1"}, []Article{a, b}, "1", "x", nil)
	if err != nil || n != 0 {
		t.Fatalf("record: %d, %v", n, err)
	}
	e, found, err := s.Lookup(b)
	if err != nil || !found || e.File != "r1-000001.jsonl" || e.Stale("1", "x") || !e.Stale("2", "x") || !e.Stale("1", "y") {
		t.Fatalf("lookup b: %+v %v %v", e, found, err)
	}
	if _, found, _ := s.Lookup(b2); found {
		t.Error("a changed text counts as emitted")
	}
	if id, err := s.LastRunID(); id != "r1" || err != nil {
		t.Errorf("last run %q, %v", id, err)
	}
	if ok, _ := s.HasFile("r1-000001.jsonl"); !ok {
		t.Error("file not recorded")
	}
	if ok, _ := s.HasFile("r1-000002.jsonl"); ok {
		t.Error("unknown file recorded")
	}

	// An upgrade: a and b are stale; re-emitting a makes it current.
	s.PutRun(Run{ID: "r2", Version: "2", Lexicon: "x"})
	n, err = s.RecordFile("r2-000001.jsonl", File{Run: "r2"}, []Article{a, b2}, "2", "x", &Run{ID: "r2", Version: "2", Lexicon: "x", Emitted: 2})
	if err != nil || n != 1 {
		t.Fatalf("re-record: %d (want 1 recorded before), %v", n, err)
	}
	sum, err := s.Summarize("2", "x")
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles != 3 || sum.DocIDs != 2 || sum.Stale != 1 || sum.Files != 2 || sum.Runs != 2 ||
		sum.LastRun == nil || sum.LastRun.ID != "r2" || sum.LastRun.Emitted != 2 || sum.LastFinished == nil || sum.LastFinished.ID != "r1" {
		t.Errorf("summary %+v", sum)
	}
	s.Close()

	// Read-only sees the same.
	r, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if sum2, _ := r.Summarize("2", "x"); sum2.Articles != 3 || sum2.Stale != 1 || sum2.LastFinished == nil || sum2.LastFinished.ID != "r1" {
		t.Errorf("read-only summary %+v", sum2)
	}
}

func TestBadDigest(t *testing.T) {
	s := open(t, t.TempDir())
	defer s.Close()
	if _, err := s.RecordFile("f", File{}, []Article{{DocID: "a", SHA256: "xyz"}}, "1", "x", nil); err == nil || !strings.Contains(err.Error(), `"a"`) {
		t.Errorf("bad digest: %v", err)
	}
	if ok, _ := s.HasFile("f"); ok {
		t.Error("a failed record left the file recorded")
	}
}
