package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cnie/cnie/parquetout"
	"github.com/cnie/cnie/record"
)

// TestRunParquet: -o FILE.parquet holds the records the same run writes as
// JSON Lines; a value too large for DECIMAL(38,18) is an error record
// naming the article, and the other articles are written.
func TestRunParquet(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "drop.jsonl")
	os.WriteFile(in, []byte(`{"id":"a","published":"2025-04-12","text":"去年投资47.95亿元，增长约3.2%。"}`+"\n"+
		`{"id":"huge","text":"账面金额为100000000000000000000000元。"}`+"\n"+
		`{"id":"quiet","text":"雨后的空气格外清新。"}`+"\n"), 0o644)
	pq, js := filepath.Join(dir, "out.parquet"), filepath.Join(dir, "out.jsonl")
	code, _, errs := call(t, "", "run", "--quiet", "-o", pq, in)
	if code != exitError || !strings.Contains(errs, "article huge") || !strings.Contains(errs, "DECIMAL(38,18)") {
		t.Fatalf("exit %d, errors %s", code, errs)
	}
	call(t, "", "run", "--quiet", "-o", js, in)
	b, _ := os.ReadFile(js)
	var want []string
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if !strings.Contains(l, `"doc_id":"huge"`) {
			want = append(want, l)
		}
	}
	var got []string
	if err := parquetout.ReadRecords(pq, func(r *record.Record, _ int64) error {
		got = append(got, string(r.AppendJSON(nil)))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Parquet records\n%s\nJSON Lines\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSinkUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"run", "-o", "x.parquet", "--flat"}, "--flat does not go with -o FILE.parquet"},
		{[]string{"run", "--state", "s", "--out-dir", "o", "--format", "parquet", "--gzip"}, "--gzip applies to JSON Lines only"},
		{[]string{"run", "--format", "csv"}, "--format is jsonl or parquet"},
		{[]string{"run", "--format", "parquet"}, "need --state and --out-dir"},
		{[]string{"load"}, "--db URL is required"},
	} {
		t.Setenv("CNIE_DB", "")
		code, _, errs := call(t, "", tc.args...)
		if code != exitUsage || !strings.Contains(errs, tc.msg) {
			t.Errorf("%v: exit %d, %q", tc.args, code, errs)
		}
	}
	var out bytes.Buffer
	if cnie([]string{"load", "--db", "postgres://nobody@127.0.0.1:1/x?connect_timeout=2"}, strings.NewReader(""), &out, &out) != exitError ||
		!strings.Contains(out.String(), "connecting") {
		t.Errorf("a load without a server: %s", out.String())
	}
}
