package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cnie run's records of the seeds, shown by cnie show: one page, every
// mention marked; a record whose article came from standard input is named
// as one that cannot be shown, and the status is 1.
func TestShowRecords(t *testing.T) {
	code, recs, _ := call(t, "", "run", "--quiet", "../../testdata/seeds")
	if code != exitOK {
		t.Fatalf("run: exit %d", code)
	}
	n := strings.Count(recs, `"start":`)
	dir := t.TempDir()
	rp := filepath.Join(dir, "records.jsonl")
	os.WriteFile(rp, []byte(recs), 0o644)
	page := filepath.Join(dir, "page.html")
	code, _, errs := call(t, "", "show", rp, "-o", page)
	if code != exitOK || !strings.Contains(errs, "5 articles on 1 pages") {
		t.Fatalf("show: exit %d, %s", code, errs)
	}
	b, _ := os.ReadFile(page)
	if got := strings.Count(string(b), " data-start="); got != n || n < 500 {
		t.Errorf("%d marks, the records hold %d mentions", got, n)
	}

	_, stdinRec, _ := call(t, `{"id":"s1","text":"今年一季度营收增长5%。"}`, "run", "--quiet")
	code, out, errs := call(t, stdinRec, "show")
	if code != exitError || !strings.Contains(errs, "s1: cannot show: its article was read from standard input") ||
		!strings.Contains(out, "1 cannot be shown") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if code, _, _ := call(t, "", "show", "--per-page", "0", rp); code != exitUsage {
		t.Errorf("--per-page 0: exit %d", code)
	}
}

// cnie eval --html writes every error of the report, with the figures.
func TestEvalHTML(t *testing.T) {
	page := filepath.Join(t.TempDir(), "report.html")
	code, out, errs := call(t, "", "eval", "--gold", "../../testdata/gold", "--pred", "../../testdata/eval/pred.jsonl",
		"--show-errors", "100000", "--html", page)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	// The text report lists the errors, one line each, after "errors (N of N):".
	i := strings.Index(out, "\nerrors (")
	if i < 0 {
		t.Fatalf("no error list:\n%s", out)
	}
	lines := 0
	for _, l := range strings.Split(out[i:], "\n") {
		if strings.HasPrefix(l, "  ") && !strings.HasPrefix(l, "      ") {
			lines++
		}
	}
	if rows := strings.Count(html, `<tr id="e`); rows != lines || lines == 0 {
		t.Errorf("%d error rows on the page, %d errors in the text report", rows, lines)
	}
	for _, want := range []string{"0.741", `data-side="gold"`, `data-side="pred"`, `href="#d1"`, `id="d1"`} {
		if !strings.Contains(html, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if code, _, _ := call(t, "", "eval", "--gold", "../../testdata/gold", "--html", filepath.Join(page, "no", "such")); code != exitError {
		t.Errorf("unwritable --html: exit %d", code)
	}
}
