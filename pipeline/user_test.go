package pipeline

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
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
	p := newPipeline(t, Options{Lexicons: []string{dir}})
	if lx, err := lexicon.Load(dir); err != nil || p.Version() != Version+"+"+lx.Hash() || p.Version() == RecordVersion() {
		t.Errorf("version %s does not cover the user's folder (%v)", p.Version(), err)
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

// writeLexicon writes a user lexicon folder (lexicon name -> content).
func writeLexicon(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestPipelinesKeepTheirLexicons: two pipelines built in one process with
// different user folders each find only their own entries and rules, and
// each stamps its own version, whichever was built last; a pipeline on the
// built-in lexicons, built after them, sees none of them.
func TestPipelinesKeepTheirLexicons(t *testing.T) {
	dirA := writeLexicon(t, map[string]string{
		"orgs/clients.tsv":    "#columns canonical aliases id\n青禾数据科技有限公司\t青禾数据\tA-1\n",
		"patterns/orders.tsv": "contract\tx-contract\t(?<![A-Z0-9])HT-(?<year>20\\d\\d)-\\d{4}(?!\\d)\n",
	})
	dirB := writeLexicon(t, map[string]string{
		"orgs/watch.tsv": "#columns canonical aliases id\n远帆航运股份有限公司\t远帆航运\tB-2\n",
	})
	// Built at once (make test runs -race): nothing they load is shared.
	var pa, pb *Pipeline
	var errA, errB error
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); pa, errA = New(Options{Lexicons: []string{dirA}}) }()
	go func() { defer wg.Done(); pb, errB = New(Options{Lexicons: []string{dirB}}) }()
	wg.Wait()
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	text := "青禾数据与远帆航运周三在宁波签署合作协议（合同编号HT-2025-0417），双方将共建港口数据平台。"
	// found returns, for each mention text of a record, its type and id.
	found := func(p *Pipeline) map[string]string {
		rec := p.Process(corpus.Article{ID: "a", Text: text})
		got := map[string]string{}
		for _, e := range rec.Entities {
			got[e.Text] = e.Type + " " + e.ID
		}
		if rec.Version != p.Version() {
			t.Errorf("record version %s, pipeline's %s", rec.Version, p.Version())
		}
		return got
	}
	a, b := found(pa), found(pb)
	if a["青禾数据"] != "org A-1" || a["HT-2025-0417"] != "x-contract " {
		t.Errorf("pipeline A lost its own entries: %v", a)
	}
	if strings.Contains(a["远帆航运"], "B-2") {
		t.Errorf("pipeline A sees B's organisation: %v", a)
	}
	if b["远帆航运"] != "org B-2" {
		t.Errorf("pipeline B lost its own entry: %v", b)
	}
	if strings.Contains(b["青禾数据"], "A-1") || b["HT-2025-0417"] != "" {
		t.Errorf("pipeline B sees A's organisation or rule: %v", b)
	}
	plain := newPipeline(t, Options{})
	c := found(plain)
	if strings.Contains(c["青禾数据"], "A-1") || strings.Contains(c["远帆航运"], "B-2") || c["HT-2025-0417"] != "" {
		t.Errorf("the built-in pipeline sees a user's entries: %v", c)
	}
	if again := found(pa); again["青禾数据"] != "org A-1" || strings.Contains(again["远帆航运"], "B-2") {
		t.Errorf("pipeline A changed after others were built: %v", again)
	}
	la, _ := lexicon.Load(dirA)
	lb, _ := lexicon.Load(dirB)
	if pa.Version() != Version+"+"+la.Hash() || pb.Version() != Version+"+"+lb.Hash() || pa.Version() == pb.Version() {
		t.Errorf("versions: A %s (want hash %s), B %s (want hash %s)", pa.Version(), la.Hash(), pb.Version(), lb.Hash())
	}
	if plain.Version() != RecordVersion() || pa.Version() == RecordVersion() {
		t.Errorf("versions: built-in %s, RecordVersion %s, A %s", plain.Version(), RecordVersion(), pa.Version())
	}
}
