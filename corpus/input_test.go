package corpus

import (
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/traditionalchinese"
)

// mkfile writes content at root/rel, making its folders.
func mkfile(t *testing.T, root, rel, content string) {
	t.Helper()
	p := filepath.Join(root, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// ids returns the ids of the articles of paths, and "ERR" and the error
// (less the root) for each error.
func ids(t *testing.T, opt Options, root string, paths ...string) []string {
	t.Helper()
	var out []string
	for a, err := range Open(paths, opt) {
		if err != nil {
			out = append(out, "ERR "+strings.ReplaceAll(err.Error(), root+"/", ""))
			continue
		}
		out = append(out, a.ID)
	}
	return out
}

// TestIDFromRelativePath: an article's id is its file's path relative to
// the PATH argument, without extension, the same however the PATH is
// spelled (relative, ./, absolute, a symbolic link to the folder), and two
// files of the same name in different folders differ.
func TestIDFromRelativePath(t *testing.T) {
	root := t.TempDir()
	drop := filepath.Join(root, "d2")
	mkfile(t, drop, "day1/a.txt", "天津举行洽谈会。")
	mkfile(t, drop, "day1/x.jsonl", `{"id":"keep","text":"甲"}`+"\n\n"+`{"text":"乙"}`+"\n")
	mkfile(t, drop, "day2/1.txt", "第一篇。")
	mkfile(t, drop, "day3/1.txt", "另一篇。")
	mkfile(t, drop, "day3/one.json", `{"text":"单篇"}`)
	var zb strings.Builder
	zw := gzip.NewWriter(&zb)
	zw.Write([]byte("压缩的文章。"))
	zw.Close()
	mkfile(t, drop, "day3/z.txt.gz", zb.String())
	if err := os.Symlink(drop, filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	// The JSON "id" wins over the path.
	want := "day1/a keep day1/x:3 day2/1 day3/1 day3/one day3/z"
	t.Chdir(root)
	for _, arg := range []string{"d2", "./d2", "d2/", drop, filepath.Join(root, "link"), "link/"} {
		if g := strings.Join(ids(t, Options{}, root, arg), " "); g != want {
			t.Errorf("cnie run %s: ids %s, want %s", arg, g, want)
		}
	}
	// A PATH that is a file gives its base name.
	for _, arg := range []string{"d2/day2/1.txt", filepath.Join(drop, "day2", "1.txt"), "./d2/day2/1.txt"} {
		if got := strings.Join(ids(t, Options{}, root, arg), " "); got != "1" {
			t.Errorf("cnie run %s: ids %s, want 1", arg, got)
		}
	}
	if got := strings.Join(ids(t, Options{}, root, "d2/day1/x.jsonl"), " "); got != "keep x:3" {
		t.Errorf("a .jsonl PATH: ids %s, want keep x:3", got)
	}
}

// TestLegacyID: the id cnie 0.2 gave is kept where it differs, for the
// state's migration.
func TestLegacyID(t *testing.T) {
	root := t.TempDir()
	mkfile(t, root, "day1/a.txt", "正文。")
	mkfile(t, root, "day1/x.jsonl", `{"text":"乙"}`+"\n")
	mkfile(t, root, "b.txt", "正文。")
	var got []string
	for a, err := range Open([]string{root}, Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, a.ID+"<"+strings.ReplaceAll(a.LegacyID, root, "R"))
	}
	want := "b< day1/a<a day1/x:1<R/day1/x.jsonl:1"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("got %s, want %s", g, want)
	}
}

// TestArticleLimitCountsText: --max-article-bytes is on the article's text,
// not on the JSON line that carries it; a separate, larger bound protects
// the line reader.
func TestArticleLimitCountsText(t *testing.T) {
	root := t.TempDir()
	text := strings.Repeat("中", 6000) // 18,000 bytes of UTF-8
	escaped := strings.Repeat(`\u4e2d`, 6000)
	mkfile(t, root, "py.jsonl", `{"id":"esc","text":"`+escaped+`"}`+"\n"+
		`{"id":"big","text":"`+text+text+`"}`+"\n")
	mkfile(t, root, "one.json", `{"id":"j","text":"`+escaped+`"}`)
	mkfile(t, root, "ok.txt", text)
	mkfile(t, root, "over.txt", text+text)
	got := ids(t, Options{MaxArticleBytes: 20000}, root, root)
	want := []string{
		"ok", "j",
		"ERR over.txt: article larger than the limit (--max-article-bytes): its text is over 20000 bytes",
		"esc",
		"ERR py.jsonl:2: article larger than the limit (--max-article-bytes): its text is 36000 bytes, over 20000",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	got = ids(t, Options{MaxArticleBytes: 20000, MaxLineBytes: 30000}, root, filepath.Join(root, "py.jsonl"))
	if len(got) != 2 || got[0] != "ERR py.jsonl:1: article larger than the limit (--max-line-bytes): line over 30000 bytes" {
		t.Errorf("line bound: got %q", got)
	}
}

// TestErrorDocID: an error about an article whose id is known names it.
func TestErrorDocID(t *testing.T) {
	root := t.TempDir()
	mkfile(t, root, "day1/over.txt", strings.Repeat("长", 100))
	mkfile(t, root, "day1/empty.txt", "")
	mkfile(t, root, "day1/l.jsonl", `{"id":"x","text":"`+strings.Repeat("长", 100)+`"}`+"\n"+`{"text":"`+strings.Repeat("长", 100)+`"}`+"\n")
	var got []string
	for _, err := range Open([]string{root}, Options{MaxArticleBytes: 100}) {
		var ce *Error
		if !errors.As(err, &ce) {
			t.Fatalf("%v", err)
		}
		got = append(got, ce.DocID)
	}
	if g := strings.Join(got, " "); g != "day1/empty x day1/l:2 day1/over" {
		t.Errorf("doc ids %q", g)
	}
}

// TestEmptyJSONL: a JSON Lines file without an article line is an error
// record, as an empty text file is.
func TestEmptyJSONL(t *testing.T) {
	root := t.TempDir()
	mkfile(t, root, "a.jsonl", "")
	mkfile(t, root, "b.ndjson", "\n  \n\r\n")
	mkfile(t, root, "c.txt", "")
	mkfile(t, root, "d.jsonl", `{"text":"有"}`+"\n\n")
	got := ids(t, Options{}, root, root)
	want := "ERR a.jsonl: empty file|ERR b.ndjson: empty file|ERR c.txt: empty file|d:1"
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("got  %s\nwant %s", g, want)
	}
	if got := ids(t, Options{Stdin: strings.NewReader("")}, root, "-"); strings.Join(got, "|") != "ERR -: empty file" {
		t.Errorf("empty standard input: %q", got)
	}
}

// TestInvalidBytesReplaced: a few invalid bytes are each replaced by U+FFFD
// and the article kept, with a warning; mostly binary data is an error.
func TestInvalidBytesReplaced(t *testing.T) {
	root := t.TempDir()
	good := "上海合作组织峰会在天津举行，金额总计47.95亿元。"
	bad := "上海合作组织峰会\xff在天津举行，金额\xe4\xb8总计47.95亿元。\x80"
	mkfile(t, root, "a.txt", bad)
	mkfile(t, root, "b.jsonl", `{"id":"j","text":"`+bad+`"}`+"\n"+`{"id":"k","text":"`+good+`"}`+"\n")
	mkfile(t, root, "c.txt", "短\xff\xfe\xfd\xfc\xfb")
	var got []string
	for a, err := range Open([]string{root}, Options{}) {
		if err != nil {
			got = append(got, "ERR "+strings.ReplaceAll(err.Error(), root+"/", ""))
			continue
		}
		got = append(got, a.ID+": "+a.Text+" "+strings.Join(a.Warnings, ";"))
		if !utf8.ValidString(a.Text) {
			t.Errorf("%s: text not UTF-8", a.ID)
		}
	}
	kept := "上海合作组织峰会\uFFFD在天津举行，金额\uFFFD\uFFFD总计47.95亿元。\uFFFD"
	want := []string{
		"a: " + kept + " 4 invalid bytes replaced",
		"j: " + kept + " 4 invalid bytes replaced",
		"k: " + good + " ",
		"ERR c.txt: not text: 5 of its 8 bytes are neither UTF-8, GB18030 nor Big5",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// One code point per invalid byte: offsets after the bad bytes are
	// those of the text with each byte standing for one character.
	if n := utf8.RuneCountInString(kept); n != utf8.RuneCountInString(good)+4 {
		t.Errorf("kept text has %d code points", n)
	}
}

// big5Bytes encodes s in Big5-HKSCS by searching the decoder's table: the
// x/text encoder, as the WHATWG standard says, does not write the HKSCS
// characters whose lead bytes are below 0xA1.
func big5Bytes(t *testing.T, s string) string {
	t.Helper()
	table := map[rune][]byte{}
	dec := traditionalchinese.Big5.NewDecoder()
	for lead := 0x81; lead <= 0xFE; lead++ {
		for _, trail := range append(seq(0x40, 0x7E), seq(0xA1, 0xFE)...) {
			pair := []byte{byte(lead), byte(trail)}
			d, err := dec.Bytes(pair)
			if err != nil || utf8.RuneCount(d) != 1 {
				continue
			}
			r, _ := utf8.DecodeRune(d)
			if r == utf8.RuneError {
				continue
			}
			if old, ok := table[r]; !ok || old[0] < 0xA1 && lead >= 0xA1 {
				table[r] = pair // prefer the Big5 proper code to an HKSCS duplicate
			}
		}
	}
	var b []byte
	for _, r := range s {
		if r < utf8.RuneSelf {
			b = append(b, byte(r))
			continue
		}
		p, ok := table[r]
		if !ok {
			t.Fatalf("%q has no Big5-HKSCS code", r)
		}
		b = append(b, p...)
	}
	return string(b)
}

func seq(from, to int) []int {
	var s []int
	for i := from; i <= to; i++ {
		s = append(s, i)
	}
	return s
}

// TestBig5: Big5 and Big5-HKSCS files, and JSON lines, are detected and
// decoded, alone or mixed with UTF-8 lines; GB18030 stays GB18030.
func TestBig5(t *testing.T) {
	root := t.TempDir()
	tw := "行政院主計總處今天公布，第三季經濟成長率為百分之四點二，新台幣兌美元匯率升值。\n" +
		"台積電董事會核准資本預算約新台幣九百億元，用於擴充先進製程產能。"
	hk := "香港特區政府統計處表示，佢哋估計今年本地生產總值增長百分之二點五，啲零售商冇咁擔心。"
	gb := "上海合作组织峰会在天津举行，金额总计47.95亿元。"
	mkfile(t, root, "tw.txt", big5Bytes(t, tw))
	mkfile(t, root, "hk.txt", big5Bytes(t, hk))
	mkfile(t, root, "mixed.txt", "第一行是UTF-8。\n"+big5Bytes(t, tw))
	mkfile(t, root, "lines.jsonl", big5Bytes(t, `{"id":"b5","text":"`+hk+`"}`)+"\n"+`{"id":"u8","text":"`+tw[:30]+`"}`+"\n")
	mkfile(t, root, "gb.txt", gb18030(t, gb))
	// Many UTF-8 lines and one Big5 line: the UTF-8 does not sway the
	// choice between GB18030 and Big5.
	mkfile(t, root, "many.txt", strings.Repeat(gb+"\n", 40)+big5Bytes(t, "金管會主委表示，新台幣匯率穩定。")+"\n")
	want := map[string]string{
		"many": strings.Repeat(gb+"\n", 40) + "金管會主委表示，新台幣匯率穩定。\n",
		"tw":   tw, "hk": hk, "mixed": "第一行是UTF-8。\n" + tw, "b5": hk, "u8": tw[:30], "gb": gb,
	}
	n := 0
	for a, err := range Open([]string{root}, Options{}) {
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		n++
		if a.Text != want[a.ID] {
			t.Errorf("%s: got %q\nwant %q", a.ID, a.Text, want[a.ID])
		}
		if len(a.Warnings) > 0 {
			t.Errorf("%s: warnings %q", a.ID, a.Warnings)
		}
	}
	if n != len(want) {
		t.Errorf("%d articles, want %d", n, len(want))
	}
}

// An article's "locale" is one of the six locales, or the line is an error
// naming what is wrong.
func TestLocaleField(t *testing.T) {
	a, err := parseArticle([]byte(`{"text":"x","locale":"HK"}`))
	if err != nil || a.Locale != "HK" {
		t.Fatalf("got %+v, %v", a, err)
	}
	for _, bad := range []string{`{"text":"x","locale":"zh-HK"}`, `{"text":"x","locale":"hk"}`, `{"text":"x","locale":3}`} {
		if _, err := parseArticle([]byte(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
