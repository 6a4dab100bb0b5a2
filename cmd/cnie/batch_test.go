package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

type seed struct{ id, text, ref string }

// seeds reads the bundled articles and their gold reference dates.
func seeds(t *testing.T) []seed {
	t.Helper()
	files, _ := filepath.Glob("../../testdata/gold/*.json")
	var out []seed
	for _, f := range files {
		var g struct {
			DocID   string `json:"doc_id"`
			File    string `json:"file"`
			RefDate string `json:"ref_date"`
		}
		b, _ := os.ReadFile(f)
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatal(err)
		}
		text, err := os.ReadFile(filepath.Join("../../testdata", g.File))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, seed{g.DocID, string(text), g.RefDate})
	}
	if len(out) != 5 {
		t.Fatalf("%d seeds", len(out))
	}
	return out
}

// mentions reduces run output to doc_id -> its mentions (type, start, end,
// text), the part that must not depend on how an article arrived.
func mentions(t *testing.T, out string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, r := range records(t, out) {
		var b strings.Builder
		for _, e := range r["entities"].([]any) {
			e := e.(map[string]any)
			fmt.Fprintf(&b, "%s %v %v %q;", e["type"], e["start"], e["end"], e["text"])
		}
		m[r["doc_id"].(string)] = b.String()
	}
	return m
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// TestEveryFormGivesTheSameMentions: the seeds as .txt files, as one .jsonl
// with published dates, gzipped, on standard input and in GB18030.
func TestEveryFormGivesTheSameMentions(t *testing.T) {
	dir := t.TempDir()
	var jsonl bytes.Buffer
	for _, s := range seeds(t) {
		os.MkdirAll(filepath.Join(dir, "txt"), 0o755)
		os.MkdirAll(filepath.Join(dir, "gb"), 0o755)
		os.WriteFile(filepath.Join(dir, "txt", s.id+".txt"), []byte(s.text), 0o644)
		gb, err := simplifiedchinese.GB18030.NewEncoder().String(s.text)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "gb", s.id+".txt"), []byte(gb), 0o644)
		line, _ := json.Marshal(map[string]string{"id": s.id, "text": s.text, "published": s.ref})
		jsonl.Write(append(line, '\n'))
	}
	os.WriteFile(filepath.Join(dir, "all.jsonl"), jsonl.Bytes(), 0o644)
	os.WriteFile(filepath.Join(dir, "all.jsonl.gz"), gz(jsonl.Bytes()), 0o644)

	_, base, _ := call(t, "", "run", "--quiet", filepath.Join(dir, "txt"))
	want := mentions(t, base)
	if len(want) != 5 {
		t.Fatalf("%d records from the .txt files", len(want))
	}
	for _, form := range []struct {
		name, stdin string
		args        []string
	}{
		{"jsonl", "", []string{filepath.Join(dir, "all.jsonl")}},
		{"jsonl.gz", "", []string{filepath.Join(dir, "all.jsonl.gz")}},
		{"stdin", jsonl.String(), nil},
		{"gb18030", "", []string{filepath.Join(dir, "gb")}},
	} {
		code, out, errs := call(t, form.stdin, append([]string{"run", "--quiet", "-j", "3"}, form.args...)...)
		if code != exitOK {
			t.Errorf("%s: exit %d: %s", form.name, code, errs)
		}
		got := mentions(t, out)
		for id, w := range want {
			if got[id] != w {
				t.Errorf("%s: %s: mentions differ from the .txt run:\n got  %.300s\n want %.300s", form.name, id, got[id], w)
			}
		}
	}
}

// TestBadFilesAmongGood: every good article is written, every bad input has
// an error record naming it in --errors, and the exit status is 1.
func TestBadFilesAmongGood(t *testing.T) {
	dir := t.TempDir()
	drop := filepath.Join(dir, "drop")
	os.MkdirAll(drop, 0o755)
	w := func(name string, b []byte) { os.WriteFile(filepath.Join(drop, name), b, 0o644) }
	w("a_good.txt", []byte("投资47.95亿元。"))
	w("b_empty.txt", nil)
	w("c_binary.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	full := gz([]byte("截断的文章，金额300万元。"))
	w("d_trunc.txt.gz", full[:len(full)-5])
	w("e_lines.jsonl", []byte(`{"id":"l1","text":"8900亿美元"}`+"\n"+`{"id":"l2","text":`+"\n"+`{"id":"l3","text":"15元"}`+"\n"))
	errFile := filepath.Join(dir, "errors.jsonl")
	outFile := filepath.Join(dir, "out.jsonl.gz")

	code, _, stderr := call(t, "", "run", drop, "--errors", errFile, "-o", outFile)
	if code != exitError {
		t.Errorf("exit %d, want %d", code, exitError)
	}
	if !strings.Contains(stderr, "cnie: 3 articles, 4 errors") {
		t.Errorf("summary: %q", stderr)
	}
	zb, _ := os.ReadFile(outFile)
	zr, err := gzip.NewReader(bytes.NewReader(zb))
	if err != nil {
		t.Fatalf("output is not gzip: %v", err)
	}
	var ob bytes.Buffer
	ob.ReadFrom(zr)
	var ids []string
	for _, r := range records(t, ob.String()) {
		ids = append(ids, r["doc_id"].(string))
	}
	if strings.Join(ids, ",") != "a_good,l1,l3" {
		t.Errorf("records: %v", ids)
	}
	eb, _ := os.ReadFile(errFile)
	var named []string
	for _, e := range records(t, string(eb)) {
		named = append(named, fmt.Sprintf("%s:%v", filepath.Base(e["source"].(string)), e["line"]))
	}
	sort.Strings(named)
	if strings.Join(named, " ") != "b_empty.txt:<nil> c_binary.txt:<nil> d_trunc.txt.gz:<nil> e_lines.jsonl:2" {
		t.Errorf("error records name %v", named)
	}
}

// TestOrderIndependentOfWorkers: -j 1 and -j 8 write the same bytes.
func TestOrderIndependentOfWorkers(t *testing.T) {
	var in bytes.Buffer
	ss := seeds(t)
	for i := range 40 {
		s := ss[i%len(ss)]
		text := s.text
		if i%3 == 0 {
			text = text[:len(text)/2] // vary the sizes so workers finish out of order
			for len(text) > 0 && text[len(text)-1]&0xc0 == 0x80 {
				text = text[:len(text)-1]
			}
			text = strings.ToValidUTF8(text, "")
		}
		line, _ := json.Marshal(map[string]string{"id": fmt.Sprint(i), "text": text, "published": s.ref})
		in.Write(append(line, '\n'))
		if i%7 == 0 {
			in.WriteString("{broken\n")
		}
	}
	_, one, e1 := call(t, in.String(), "run", "--quiet", "-j", "1")
	_, eight, e8 := call(t, in.String(), "run", "--quiet", "-j", "8")
	if one != eight || e1 != e8 {
		t.Error("-j 1 and -j 8 differ")
	}
	if n := strings.Count(one, "\n"); n != 40 {
		t.Errorf("%d records, want 40", n)
	}
	for i, r := range records(t, one) {
		if r["doc_id"] != fmt.Sprint(i) {
			t.Fatalf("record %d is %v", i, r["doc_id"])
		}
	}
}

func TestFlat(t *testing.T) {
	_, out, _ := call(t, `{"id":"f","text":"投资47.95亿元和8900亿美元"}`, "run", "--quiet", "--flat")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("flat lines: %q", lines)
	}
	var e map[string]any
	if err := json.Unmarshal([]byte(lines[1]), &e); err != nil {
		t.Fatal(err)
	}
	if e["doc_id"] != "f" || e["source"] != "-" || e["type"] != "money" || e["currency"] != "USD" || e["start"] != 10.0 {
		t.Errorf("flat line: %v", e)
	}
}
