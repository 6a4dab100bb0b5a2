package corpus

import (
	"bytes"
	"compress/gzip"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func gzipped(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.String()
}

func gb18030(t *testing.T, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDrop reads a folder holding every kind of input, good and bad.
func TestDrop(t *testing.T) {
	root := t.TempDir()
	mk := func(rel, content string) {
		p := filepath.Join(root, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	full := gzipped(t, "压缩的文章")
	mk("b/2.txt.gz", full)
	mk("b/1.txt", "\uFEFF带BOM\r\n第二行")
	mk("a.jsonl.gz", gzipped(t, `{"id":"j1","text":"甲"}`+"\n"+`{"id":"j2","text":"乙"}`+"\n"))
	mk("c/trunc.jsonl.gz", gzipped(t, `{"id":"t1","text":"完整"}`+"\n"+`{"id":"t2","text":"被截断的行`)[:40])
	mk("c/trunc.txt.gz", full[:len(full)-6])
	mk("c/notgz.txt.gz", "plain text")
	mk("d/gbk.txt", gb18030(t, "上海合作组织峰会在天津举行。\n金额总计47.95亿元。"))
	mk("d/mixed.jsonl", `{"id":"m1","text":"UTF-8的行"}`+"\n"+gb18030(t, `{"id":"m2","text":"GB18030的行"}`)+"\n")
	rnd := make([]byte, 4096)
	rand.New(rand.NewSource(1)).Read(rnd)
	mk("d/random.txt", strings.ReplaceAll(string(rnd), "\x00", "\x01"))
	mk("d/empty.txt", "")
	mk("d/readme.md", "not an article")
	mk(".hidden/x.txt", "hidden")
	mk("e/one.json", `{"text":"单篇JSON"}`)
	if err := os.Symlink(root, filepath.Join(root, "e", "loop")); err != nil {
		t.Fatal(err)
	}
	os.Symlink(filepath.Join(root, "nowhere"), filepath.Join(root, "e", "dangling.txt"))
	os.Symlink("self.txt", filepath.Join(root, "e", "self.txt"))
	os.Symlink(filepath.Join(root, "b"), filepath.Join(root, "f"))

	got := collect(t, []string{root}, "")
	rel := func(s string) string { return strings.ReplaceAll(s, root+"/", "") }
	for i := range got {
		got[i] = rel(got[i])
	}
	want := []string{
		"j1||甲|", "j2||乙|",
		"b/1||带BOM\r\n第二行|",
		"b/2||压缩的文章|",
		"ERR c/notgz.txt.gz: gzip: invalid header",
		"t1||完整|",
		"ERR c/trunc.jsonl.gz:2: truncated or corrupt gzip data: unexpected EOF",
		"ERR c/trunc.txt.gz: truncated or corrupt gzip data: unexpected EOF",
		"ERR d/empty.txt: empty file",
		"d/gbk||上海合作组织峰会在天津举行。\n金额总计47.95亿元。|",
		"m1||UTF-8的行|", "m2||GB18030的行|",
		"ERR d/random.txt: not text: 1746 of its 4096 bytes are neither UTF-8, GB18030 nor Big5",
		"ERR e/dangling.txt: dangling symbolic link",
		"ERR e/loop: symbolic link loop: this folder contains itself",
		"e/one||单篇JSON|",
		"ERR e/self.txt: symbolic link: too many levels of symbolic links",
		"f/1||带BOM\r\n第二行|", "f/2||压缩的文章|", // f is a link to b
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestMaxArticleBytes(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("长", 200)
	os.WriteFile(filepath.Join(dir, "big.txt"), []byte(big), 0o644)
	os.WriteFile(filepath.Join(dir, "lines.jsonl"), []byte(`{"text":"`+big+`"}`+"\n"+`{"id":"ok","text":"短"}`+"\n"), 0o644)
	var got []string
	for a, err := range Open([]string{dir}, Options{MaxArticleBytes: 300}) {
		if err != nil {
			got = append(got, strings.ReplaceAll(err.Error(), dir+"/", ""))
		} else {
			got = append(got, a.ID)
		}
	}
	want := []string{
		"big.txt: article larger than the limit (--max-article-bytes): its text is over 300 bytes",
		"lines.jsonl:1: article larger than the limit (--max-article-bytes): its text is 600 bytes, over 300",
		"ok",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestStdinGzip(t *testing.T) {
	got := collect(t, []string{"-"}, gzipped(t, `{"id":"z","text":"压缩输入"}`))
	if len(got) != 1 || got[0] != "z||压缩输入|" {
		t.Errorf("got %q", got)
	}
}
