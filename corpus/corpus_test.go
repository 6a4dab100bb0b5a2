package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// item is what one step of Open gave, written compactly for comparison.
func collect(t *testing.T, paths []string, stdin string) []string {
	t.Helper()
	var out []string
	for a, err := range Open(paths, Options{Stdin: strings.NewReader(stdin)}) {
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %v is not a *corpus.Error", err)
			}
			out = append(out, "ERR "+err.Error())
			continue
		}
		out = append(out, a.ID+"|"+a.Title+"|"+a.Text+"|"+a.Published)
	}
	return out
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	txt := write(t, dir, "a1.txt", "\uFEFF第一篇\r\n文章")
	jl := write(t, dir, "drop.jsonl", strings.Join([]string{
		`{"id":"x1","title":"标题","text":"正文一","published":"2025-04-12"}`,
		``,
		`{"text":"没有id"}`,
		`not json`,
		`{"id":"x4"}`,
		`{"id":"x5","text":42}`,
		`["an","array"]`,
		`{"id":7,"text":"数字id"}`,
		"{\"id\":\"bad\",\"text\":\"\xff\xfe\"}",
		`{"id":"x9","text":"末行无换行"}`,
	}, "\n"))
	js := write(t, dir, "one.json", `{"title":"T","text":"单篇"}`)
	empty := write(t, dir, "empty.txt", " \n")
	bin := write(t, dir, "bin.txt", "abc\x00def")
	other := write(t, dir, "x.pdf", "%PDF")
	missing := filepath.Join(dir, "missing.txt")

	got := collect(t, []string{txt, jl, js, empty, bin, other, missing, "-"}, `{"id":"s1","text":"标准输入"}`+"\n")
	want := []string{
		"a1||第一篇\r\n文章|",
		"x1|标题|正文一|2025-04-12",
		"drop:3||没有id|",
		"ERR " + jl + ":4: not valid JSON: invalid character 'o' in literal null (expecting 'u')",
		"ERR " + jl + `:5: no "text" field`,
		"ERR " + jl + `:6: "text" is not a string`,
		"ERR " + jl + ":7: not a JSON object but array",
		"7||数字id|",
		"ERR " + jl + ":9: not text: 2 of its 24 bytes are neither UTF-8, GB18030 nor Big5",
		"x9||末行无换行|",
		"one|T|单篇|",
		"ERR " + empty + ": empty file",
		"ERR " + bin + ": binary data (NUL bytes)",
		"ERR " + other + `: unsupported input type ".pdf": want .txt, .jsonl, .ndjson or .json, optionally .gz`,
		"ERR " + missing + ": no such file or directory",
		"s1||标准输入|",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d items, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("item %d:\n got  %q\n want %q", i, got[i], want[i])
		}
	}
}

func TestOpenStdinDefault(t *testing.T) {
	got := collect(t, nil, "{\"text\":\"甲\"}\r\n{\"text\":\"乙\"}")
	want := []string{"-:1||甲|", "-:2||乙|"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestOpenStopsWhenAsked(t *testing.T) {
	n := 0
	for range Open(nil, Options{Stdin: strings.NewReader("{\"text\":\"a\"}\n{\"text\":\"b\"}\n")}) {
		n++
		break
	}
	if n != 1 {
		t.Errorf("iterated %d times after break", n)
	}
}
