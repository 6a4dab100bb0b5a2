//go:build long

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLongCommand runs the built program as a user would: the README's
// command on the seeds, then a bad input, then usage errors, and checks
// exit codes, the files written and the closing line.
func TestLongCommand(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "cnie-beam")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	run := func(args ...string) (int, string) {
		cmd := exec.Command(bin, args...)
		cmd.Dir = "../../.."
		out, err := cmd.CombinedOutput()
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode(), string(out)
		} else if err != nil {
			t.Fatal(err)
		}
		return 0, string(out)
	}

	out := filepath.Join(dir, "out", "facts")
	code, log := run("--input", "testdata/seeds/*.txt", "--output", out)
	if code != 0 || !strings.Contains(log, "cnie-beam: 5 files, 5 articles read, 5 processed") || !strings.Contains(log, "dictionary loads 1") {
		t.Fatalf("seeds: exit %d\n%s", code, tail(log))
	}
	recs, err := os.ReadFile(out + "-00000-of-00001.jsonl")
	if err != nil || strings.Count(string(recs), "\n") != 5 {
		t.Fatalf("records: %v, %d lines", err, strings.Count(string(recs), "\n"))
	}
	if errs, err := os.ReadFile(out + "-errors-00000-of-00001.jsonl"); err != nil || len(errs) != 0 {
		t.Fatalf("error shard: %v %q", err, errs)
	}

	// Parquet shards, with a locale: every shard a Parquet file.
	pq := filepath.Join(dir, "pq", "facts")
	code, log = run("--input", "testdata/seeds/*.txt", "--output", pq, "--format", "parquet", "--shards", "2", "--locale", "tw")
	if code != 0 || !strings.Contains(log, "5 processed") {
		t.Fatalf("parquet: exit %d\n%s", code, tail(log))
	}
	for _, n := range []string{pq + "-00000-of-00002.parquet", pq + "-00001-of-00002.parquet"} {
		if b, err := os.ReadFile(n); err != nil || len(b) < 8 || string(b[:4]) != "PAR1" || string(b[len(b)-4:]) != "PAR1" {
			t.Errorf("%s: not a Parquet file (%v)", n, err)
		}
	}
	if errs, err := os.ReadFile(pq + "-errors-00000-of-00001.jsonl"); err != nil || len(errs) != 0 {
		t.Fatalf("parquet error shard: %v %q", err, errs)
	}

	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte("{\"id\":\"k\",\"text\":\"央行今天下调存款准备金率0.5个百分点。\"}\n{oops\n"), 0o644)
	code, log = run("--input", bad, "--input", filepath.Join(dir, "none-*.txt"), "--output", filepath.Join(dir, "o2", "r"), "--errors", filepath.Join(dir, "o2", "e"))
	if code != 1 || !strings.Contains(log, "1 processed") || !strings.Contains(log, "2 errors") {
		t.Fatalf("bad input: exit %d\n%s", code, tail(log))
	}
	errs, err := os.ReadFile(filepath.Join(dir, "o2", "e-00000-of-00001.jsonl"))
	if err != nil || !strings.Contains(string(errs), `"line":2`) || !strings.Contains(string(errs), "no file matches") {
		t.Fatalf("error records: %v\n%s", err, errs)
	}

	for _, args := range [][]string{
		{"--output", "x"},
		{"--input", "testdata", "--output", filepath.Join(dir, "x")},
		{"--input", "a.jsonl", "--output", "x", "--ref-date", "2025-02-30"},
		{"--input", "a.jsonl", "--output", "x", "stray"},
		{"--input", "a.jsonl", "--output", "x", "--locale", "XX"},
		{"--input", "a.jsonl", "--output", "x", "--format", "csv"},
		{"--input", "a.jsonl", "--output", "x", "--format", "parquet", "--gzip"},
	} {
		if code, log := run(args...); code != 2 || !strings.Contains(log, "usage:") {
			t.Errorf("%q: exit %d, want 2 and the usage\n%s", args, code, tail(log))
		}
	}
}

func tail(s string) string {
	if len(s) > 2000 {
		return s[len(s)-2000:]
	}
	return s
}
