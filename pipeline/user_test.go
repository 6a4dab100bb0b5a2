package pipeline

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/lexicon"
)

// TestUserLexiconRecords: with a user folder, records carry the user's ids
// and x- types with attrs, validate against the schema, and map offsets back
// to the raw text, full-width and traditional forms included.
func TestUserLexiconRecords(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"orgs/watch.tsv":     "#columns canonical aliases id\n星河智造科技有限公司\t星河智造\tW-7\n台湾积体电路制造股份有限公司\t台积电\tW-8\n",
		"patterns/codes.tsv": "stock\tx-stock-code\t(?<![0-9])(?<code>[0-9]{4,6})\\.(?<market>SH|SZ|HK|TW)(?![A-Za-z])\t股|上市|代码\tover\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(data), 0o644)
	}
	t.Cleanup(func() { _ = lexicon.Use() })
	p := newPipeline(t, Options{Lexicons: []string{dir}})
	if p.version == RecordVersion() && !strings.HasSuffix(p.version, lexicon.Hash()) {
		t.Errorf("version %s", p.version)
	}
	sch := schema(t)
	text := "台積電（２３３０．ＴＷ）股價走高；星河智造的新工廠投產。型號 2330.TW 的零件與此無關。"
	rec := p.Process(corpus.Article{ID: "a", Text: text})
	b, _ := json.Marshal(&rec)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("record does not validate: %v\n%s", err, b)
	}
	raw := []rune(text)
	got := map[string]string{}
	for _, e := range rec.Entities {
		if string(raw[e.Start:e.End]) != e.Text {
			t.Errorf("%q at %d:%d is %q in the text", e.Text, e.Start, e.End, string(raw[e.Start:e.End]))
		}
		got[e.Text] = e.Type + " " + e.ID + " " + e.Attrs["code"] + e.Attrs["market"]
	}
	for text, want := range map[string]string{"台積電": "org W-8 ", "星河智造": "org W-7 ", "２３３０．ＴＷ": "x-stock-code  2330TW"} {
		if got[text] != want {
			t.Errorf("%s: %q, want %q (all: %v)", text, got[text], want, got)
		}
	}
	if _, ok := got["2330.TW"]; ok {
		t.Error("a code without its context words was taken")
	}
}
