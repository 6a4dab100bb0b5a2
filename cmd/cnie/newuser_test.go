package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/state"
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
	for _, args := range [][]string{{"run", "-h"}, {"run", "--help"}, {"state", "-h"}, {"version", "-h"}, {"eval", "-h"}, {"show", "-h"}, {"load", "-h"}, {"--help"}} {
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

// TestRunStateMigratesOldIDs: a state whose articles were recorded under
// the ids cnie 0.2 gave (a file's bare name, PATH:LINE as typed) carries
// over: the run emits nothing again, says it moved them, and the next run
// finds them under their new ids.
func TestRunStateMigratesOldIDs(t *testing.T) {
	dir := t.TempDir()
	drops := filepath.Join(dir, "drops")
	st, out := filepath.Join(dir, "state"), filepath.Join(dir, "out")
	os.MkdirAll(filepath.Join(drops, "day1"), 0o755)
	txt := "天津举行京津产业握手链接洽谈会，签约金额47.95亿元。"
	line := "上合组织在天津投资12亿元。"
	os.WriteFile(filepath.Join(drops, "day1", "a.txt"), []byte(txt), 0o644)
	os.WriteFile(filepath.Join(drops, "day1", "x.jsonl"), []byte(`{"text":"`+line+`"}`+"\n"), 0o644)

	// What 0.2 recorded, run as `cnie run --state ... drops`.
	s, err := state.Open(st, state.Options{})
	if err != nil {
		t.Fatal(err)
	}
	old := []state.Article{
		{DocID: "a", SHA256: corpus.SHA256(txt)},
		{DocID: filepath.Join(drops, "day1", "x.jsonl") + ":1", SHA256: corpus.SHA256(line)},
	}
	if _, err := s.RecordFile("20250101T000000.000000000Z-000001.jsonl", state.File{Run: "20250101T000000.000000000Z"}, old, "0.2.0", "old", nil); err != nil {
		t.Fatal(err)
	}
	s.Close()

	code, _, errs := call(t, "", "run", "--state", st, "--out-dir", out, drops)
	// Made by older extractors: stale, and not emitted again without
	// --reprocess, whatever their ids.
	if code != exitOK || !strings.Contains(errs, "0 emitted into 0 files, 0 skipped (emitted before), 2 stale not re-emitted") ||
		!strings.Contains(errs, "2 recorded under the ids of an earlier version") {
		t.Fatalf("first run: exit %d, stderr %q", code, errs)
	}
	code, _, errs = call(t, "", "run", "--state", st, "--out-dir", out, drops)
	if code != exitOK || !strings.Contains(errs, "0 emitted into 0 files, 0 skipped (emitted before), 2 stale not re-emitted") ||
		strings.Contains(errs, "earlier version") {
		t.Fatalf("second run: exit %d, stderr %q", code, errs)
	}
	code, stdout, _ := call(t, "", "state", "--json", st)
	var sum map[string]any
	if code != exitOK || json.Unmarshal([]byte(stdout), &sum) != nil || sum["articles"] != 2.0 || sum["doc_ids"] != 2.0 {
		t.Errorf("state after: %s", stdout)
	}
}
