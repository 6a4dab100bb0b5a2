package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestJobsZeroRejected: -j 0 is a usage error, as its message says; so is
// a line bound below the article bound.
func TestJobsZeroRejected(t *testing.T) {
	for _, args := range [][]string{
		{"run", "-j", "0"},
		{"run", "-j", "-3"},
		{"run", "--max-article-bytes", "0"},
		{"run", "--max-article-bytes", "1000", "--max-line-bytes", "999"},
	} {
		code, out, errs := call(t, "", args...)
		if code != exitUsage || out != "" || !strings.Contains(errs, "must be at least") {
			t.Errorf("cnie %q: exit %d, stdout %q, stderr %q; want %d and a message", args, code, out, errs, exitUsage)
		}
	}
}

// TestHelpToStdout: -h prints the usage to standard output and exits 0,
// as cnie --help does; a wrong flag prints it to standard error.
func TestHelpToStdout(t *testing.T) {
	for _, args := range [][]string{{"run", "-h"}, {"run", "--help"}, {"state", "-h"}, {"version", "-h"}, {"--help"}} {
		code, out, errs := call(t, "", args...)
		if code != exitOK || !strings.Contains(out, "usage:") || !strings.Contains(out, "cnie ") || errs != "" {
			t.Errorf("cnie %q: exit %d, stdout %.80q, stderr %.80q", args, code, out, errs)
		}
	}
	code, out, _ := call(t, "", "run", "-h")
	for _, flag := range []string{"-max-article-bytes", "-max-line-bytes", "-article-timeout", "-state"} {
		if code != exitOK || !strings.Contains(out, flag) {
			t.Errorf("cnie run -h does not show %s", flag)
		}
	}
	code, out, errs := call(t, "", "run", "--no-such-flag")
	if code != exitUsage || out != "" || !strings.Contains(errs, "usage: cnie run") {
		t.Errorf("a wrong flag: exit %d, stdout %q, stderr %.80q", code, out, errs)
	}
}

// TestVersionJSON: cnie version --json is one JSON object with the version,
// commit and build date (empty in a test binary, which the Makefile does not
// stamp), and the lexicon hash.
func TestVersionJSON(t *testing.T) {
	code, out, errs := call(t, "", "version", "--json")
	var v map[string]any
	if code != exitOK || json.Unmarshal([]byte(out), &v) != nil {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	for _, k := range []string{"version", "commit", "build_date", "lexicons", "go"} {
		if _, ok := v[k]; !ok {
			t.Errorf("no %q in %s", k, out)
		}
	}
	if v["version"] == "" || v["lexicons"] == "" {
		t.Errorf("empty version or lexicons: %s", out)
	}
	buildDate, buildCommit = "2026-01-02T03:04:05Z", "0123abcd"
	defer func() { buildDate, buildCommit = "", "" }()
	_, out, _ = call(t, "", "version", "--json")
	if !strings.Contains(out, `"build_date":"2026-01-02T03:04:05Z"`) || !strings.Contains(out, `"commit":"0123abcd"`) {
		t.Errorf("stamped build: %s", out)
	}
}

// TestMakeRunResolvesSampleDates: make run gives the sample articles their
// reference dates, so the README's opening example (4月9日至11日 is
// 2025-04-09..2025-04-11) is what a newcomer sees.
func TestMakeRunResolvesSampleDates(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("no make")
	}
	bin := filepath.Join(t.TempDir(), "cnie")
	cmd := exec.Command("make", "--no-print-directory", "-s", "run", "BIN="+bin)
	cmd.Dir = "../.."
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("make run: %v", err)
	}
	found := false
	for _, r := range records(t, string(out)) {
		if r["ref_date"] == nil {
			t.Errorf("%v: no reference date", r["doc_id"])
		}
		for _, e := range r["entities"].([]any) {
			e := e.(map[string]any)
			if e["text"] == "4月9日至11日" {
				found = e["start_date"] == "2025-04-09" && e["end_date"] == "2025-04-11"
			}
		}
	}
	if !found {
		t.Errorf("make run does not resolve 4月9日至11日 to 2025-04-09..2025-04-11")
	}
}

// TestErrorRecordDocID: error records name the article when its id is
// known: one over the limit, one that times out.
func TestErrorRecordDocID(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "day1"), 0o755)
	os.WriteFile(filepath.Join(dir, "day1", "big.txt"), []byte(strings.Repeat("长", 400)), 0o644)
	os.WriteFile(filepath.Join(dir, "day1", "x.jsonl"), []byte(`{"text":"`+strings.Repeat("2025年4月9日，上合组织投资47.95亿元。", 30)+`"}`+"\n"), 0o644)
	code, _, errs := call(t, "", "run", "--quiet", "-j", "1", "--max-article-bytes", "1000", dir)
	if code != exitError || !strings.Contains(errs, `"doc_id":"day1/big"`) {
		t.Errorf("over the limit: exit %d, error records %q", code, errs)
	}
	code, _, errs = call(t, "", "run", "--quiet", "-j", "1", "--article-timeout", "1ns", filepath.Join(dir, "day1", "x.jsonl"))
	if code != exitError || !strings.Contains(errs, `"doc_id":"x:1"`) {
		t.Errorf("timeout: exit %d, error records %q", code, errs)
	}
}
