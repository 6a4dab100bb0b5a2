package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// call runs the command line in-process and returns its status and output.
func call(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := cnie(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func records(t *testing.T, s string) []map[string]any {
	t.Helper()
	var recs []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		if line == "" {
			continue
		}
		var r map[string]any
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("output line %q is not JSON: %v", line, err)
		}
		recs = append(recs, r)
	}
	return recs
}

func TestRunMalformedLine(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "drop.jsonl")
	os.WriteFile(in, []byte(`{"id":"a","text":"投资47.95亿元"}`+"\n"+
		`{"id":"b","text":`+"\n"+
		`{"id":"c","text":"8900亿美元","published":"2025-04-12"}`+"\n"), 0o644)
	code, out, errs := call(t, "", "run", in, "--quiet")
	if code != exitError {
		t.Errorf("exit %d, want %d", code, exitError)
	}
	recs := records(t, out)
	if len(recs) != 2 || recs[0]["doc_id"] != "a" || recs[1]["doc_id"] != "c" {
		t.Fatalf("records: %v", recs)
	}
	var e map[string]any
	if err := json.Unmarshal([]byte(strings.TrimSpace(errs)), &e); err != nil {
		t.Fatalf("stderr %q is not one error record: %v", errs, err)
	}
	if e["source"] != in || e["line"] != float64(2) || e["error"] == "" {
		t.Errorf("error record %v", e)
	}
	ents := recs[1]["entities"].([]any)
	if len(ents) != 1 || ents[0].(map[string]any)["value"] != 890000000000.0 {
		t.Errorf("entities of c: %v", ents)
	}
}

func TestRunFlagsAnywhereAndOutputFile(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.txt")
	os.WriteFile(a, []byte("今年投资300万元。"), 0o644)
	outFile := filepath.Join(dir, "out.jsonl")
	code, out, errs := call(t, "", "run", a, "-o", outFile, "--ref-date", "2025-04-12", a)
	if code != exitOK || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if !strings.Contains(errs, "cnie: 2 articles, 0 errors") {
		t.Errorf("summary line: %q", errs)
	}
	b, _ := os.ReadFile(outFile)
	recs := records(t, string(b))
	if len(recs) != 2 || recs[0]["doc_id"] != "a" || recs[0]["ref_date"] != "2025-04-12" || recs[0]["ref_date_source"] != "flag" {
		t.Errorf("records: %v", recs)
	}
}

func TestRunStdin(t *testing.T) {
	code, out, _ := call(t, `{"id":"s","text":"约5亿元"}`, "run", "--quiet")
	recs := records(t, out)
	if code != exitOK || len(recs) != 1 || recs[0]["source"] != "-" {
		t.Fatalf("exit %d, records %v", code, recs)
	}
	e := recs[0]["entities"].([]any)[0].(map[string]any)
	if e["qualifier"] != "approx" || e["text"] != "5亿元" {
		t.Errorf("entity %v", e)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"run", "--no-such-flag"},
		{"run", "--ref-date", "12/04/2025"},
		{"eval"},
		{"eval", "--gold", "x", "--min", "value:cash=1"},
	} {
		if code, _, _ := call(t, "", args...); code != exitUsage {
			t.Errorf("cnie %q: exit %d, want %d", args, code, exitUsage)
		}
	}
	if code, out, _ := call(t, "", "version"); code != exitOK || !strings.HasPrefix(out, "cnie ") {
		t.Errorf("version: %d %q", code, out)
	}
}

func TestEvalFloors(t *testing.T) {
	gold := "../../testdata/gold"
	pred := "../../testdata/eval/pred.jsonl"
	code, out, _ := call(t, "", "eval", "--gold", gold, "--pred", pred, "--min", "strict:money=0.74")
	if code != exitOK || !strings.Contains(out, "money        25    0.690    0.800    0.741") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
	code, _, errs := call(t, "", "eval", "--gold", gold, "--pred", pred, "--min", "strict:money=0.75")
	if code != exitError || !strings.Contains(errs, "strict:money = 0.7407, below the floor 0.7500") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

// TestRunArticleTimeout: an article that takes longer than --article-timeout
// is an error record naming it, the others keep their records, and the
// status is 1.
func TestRunArticleTimeout(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "drop.jsonl")
	big := strings.Repeat("2025年4月9日至11日,上合组织在天津投资47.95亿元,增长12.5%。", 4000)
	os.WriteFile(in, []byte(`{"id":"big","text":"`+big+`"}`+"\n"), 0o644)
	code, out, errs := call(t, "", "run", "--quiet", "-j", "1", "--article-timeout", "1us", in)
	if code != 1 || strings.TrimSpace(out) != "" {
		t.Fatalf("status %d, records %q; want 1 and none", code, out)
	}
	if !strings.Contains(errs, `"line":1`) || !strings.Contains(errs, "took longer than 1µs") {
		t.Errorf("error records %q do not name the article and the bound", errs)
	}
	if code, out, _ := call(t, "", "run", "--quiet", "--article-timeout", "0", in); code != 0 || len(records(t, out)) != 1 {
		t.Errorf("--article-timeout 0: status %d, %d records; want 0 and 1", code, len(records(t, out)))
	}
}
