package corpus

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// items lists what an iteration gave: each article in full, each error as
// its message.
func items(t *testing.T, seq func(func(Article, error) bool)) []string {
	t.Helper()
	var out []string
	for a, err := range seq {
		if err != nil {
			out = append(out, "ERR "+err.Error())
			continue
		}
		out = append(out, fmt.Sprintf("%+v", a))
	}
	return out
}

// TestOpenReaderSameAsOpen: an input read from a reader gives what Open
// gives for a local file of the same name and bytes, for every kind,
// gzipped or not, and broken ones.
func TestOpenReaderSameAsOpen(t *testing.T) {
	dir := t.TempDir()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("{\"id\":\"g1\",\"text\":\"压缩的文章\"}\n\n{\"text\":\"无id\"}\nnot json\n"))
	zw.Close()
	files := map[string][]byte{
		"a.txt":        []byte("\uFEFF外汇局公布了数据\r\n"),
		"empty.txt":    []byte(" \n"),
		"bin.txt":      []byte("abc\x00def"),
		"gb.txt":       {0xd6, 0xd0, 0xce, 0xc4}, // 中文 in GB18030
		"d.jsonl":      []byte("{\"id\":\"x1\",\"text\":\"一\"}\n{\"text\":\"二\",\"published\":\"2025-01-02\"}\n[1]\n{\"id\":\"x4\"}"),
		"z.jsonl.gz":   gz.Bytes(),
		"cut.jsonl.gz": gz.Bytes()[:gz.Len()/2],
		"one.json":     []byte(`{"title":"T","text":"单篇"}`),
		"x.pdf":        []byte("%PDF"),
	}
	for name, b := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		want := items(t, Open([]string{p}, Options{}))
		got := items(t, OpenReader(p, bytes.NewReader(b), Options{}))
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %q\nwant %q", name, got, want)
		}
		if len(got) == 0 || !strings.Contains(strings.Join(got, "\n"), p) {
			t.Errorf("%s: nothing names the input: %q", name, got)
		}
	}
}
