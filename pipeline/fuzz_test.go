package pipeline

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/record"
)

// fuzzSeeds are the starting inputs of FuzzArticle: sentences of the seed
// articles (as UTF-8 and GB18030), and the hostile shapes of issue #10 at a
// size the fuzzer can mutate.
func fuzzSeeds(f *testing.F) [][]byte {
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	if len(files) == 0 {
		f.Fatal("no seed articles")
	}
	var out [][]byte
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		// A dozen sentences an article: enough variety, cheap to replay in
		// every `go test`.
		for i, s := range strings.SplitAfter(string(b), "。") {
			if i >= 12 {
				break
			}
			out = append(out, []byte(s))
			if i == 0 {
				if gb, err := simplifiedchinese.GB18030.NewEncoder().String(s); err == nil {
					out = append(out, []byte(gb))
				}
			}
		}
	}
	for _, s := range []string{
		"", "\x00\x01\x02", "\xff\xfe投资47.95亿元", "\uFEFF标题\r\n2025年7月19日\r\n金额300万元\r\n",
		`{"id":"a","text":"8900亿美元","published":"2025-04-12"}`, `{"text":5}`, `{"id":1}`, `[1,2]`, `null`, `{"text":"a"`,
		"0123456789,.;:!?%+-", strings.Repeat("亿", 200), strings.Repeat("1", 200), strings.Repeat("中埃", 100),
		strings.Repeat(".%", 100), strings.Repeat("一千", 50), "2025年4月9日至11日，上合组织在阿联酋举行会议，中方出资约3.5亿美元，占比12%。",
		"去年上半年至今年第三季度", "2024年2月30日", "9999年12月31日至10000年1月1日", "前年底", "（以下简称“新公司”）",
	} {
		out = append(out, []byte(s))
	}
	return out
}

// FuzzArticle drives the whole per-article path, bytes in and record out:
// the bytes as a .txt file, as a .jsonl file, and as the text of a JSON
// line on standard input, read by corpus.Open and processed. No input may
// panic; every input gives records or error records that name it; and every
// record keeps its promises (see checkRecord).
func FuzzArticle(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	p := newPipeline(f, Options{RefDate: time.Date(2025, 4, 12, 0, 0, 0, 0, time.UTC)})
	sch := schema(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		txt := filepath.Join(dir, "a.txt")
		jsonl := filepath.Join(dir, "b.jsonl")
		if err := os.WriteFile(txt, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(jsonl, data, 0o644); err != nil {
			t.Fatal(err)
		}
		line, _ := json.Marshal(map[string]string{"id": "c", "text": string(data)})
		stdin := bytes.NewReader(append(line, '\n'))
		n := 0
		for a, err := range corpus.Open([]string{txt, jsonl, "-"}, corpus.Options{Stdin: stdin, MaxArticleBytes: 1 << 20}) {
			n++
			if err != nil {
				var ce *corpus.Error
				if !errors.As(err, &ce) || (ce.Source != txt && ce.Source != jsonl && ce.Source != "-") {
					t.Fatalf("error %v names no input", err)
				}
				if ce.Source == jsonl && ce.Line < 1 && ce.Err.Error() != "empty file" {
					t.Fatalf("JSON Lines error %v names no line", err)
				}
				continue
			}
			checkRecord(t, sch, a, p.Process(a))
		}
		if n == 0 {
			t.Fatalf("no record and no error for %q", data)
		}
	})
}

// checkRecord checks what every record promises: offsets within the text,
// each entity's text the raw slice by code points, dates in order, and the
// record valid against its schema.
func checkRecord(t *testing.T, sch *jsonschema.Schema, a corpus.Article, rec record.Record) {
	t.Helper()
	if !utf8.ValidString(a.Text) {
		t.Fatalf("%s:%d: article text is not UTF-8: %q", a.Source, a.Line, a.Text)
	}
	raw := []rune(a.Text)
	if rec.Chars != len(raw) {
		t.Fatalf("%q: chars %d, want %d", a.Text, rec.Chars, len(raw))
	}
	for _, e := range rec.Entities {
		if e.Start < 0 || e.Start >= e.End || e.End > len(raw) {
			t.Fatalf("%q: %s span %d..%d outside 0..%d", a.Text, e.Type, e.Start, e.End, len(raw))
		}
		if got := string(raw[e.Start:e.End]); got != e.Text {
			t.Fatalf("%q: %s text %q, raw slice %q", a.Text, e.Type, e.Text, got)
		}
		if (e.StartDate == "") != (e.EndDate == "") {
			t.Fatalf("%q: %s: start_date %q, end_date %q", a.Text, e.Text, e.StartDate, e.EndDate)
		}
		if e.StartDate != "" {
			s, err1 := time.Parse(time.DateOnly, e.StartDate)
			d, err2 := time.Parse(time.DateOnly, e.EndDate)
			if err1 != nil || err2 != nil || d.Before(s) {
				t.Fatalf("%q: %s: %s..%s", a.Text, e.Text, e.StartDate, e.EndDate)
			}
		}
	}
	b, err := json.Marshal(&rec)
	if err != nil {
		t.Fatalf("%q: %v", a.Text, err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%q: record is not JSON: %v", a.Text, err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("%q: record %s does not validate: %v", a.Text, b, err)
	}
}
