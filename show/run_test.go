package show

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/pipeline"
)

// records runs the pipeline over paths as cnie run does and returns the
// JSON Lines of their records and the number of entities by doc_id.
func records(t *testing.T, paths ...string) ([]byte, map[string]int) {
	t.Helper()
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	n := map[string]int{}
	for a, err := range corpus.Open(paths, corpus.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		rec := p.Process(a)
		b, _ := json.Marshal(&rec)
		out.Write(append(b, '\n'))
		n[rec.DocID] = len(rec.Entities)
	}
	return out.Bytes(), n
}

// marksByDoc counts the marked mentions of each article of a page.
func marksByDoc(page string) map[string]int {
	n := map[string]int{}
	for _, part := range strings.Split(page, `<article id="`)[1:] {
		id := regexp.MustCompile(`data-doc-id="([^"]*)"`).FindStringSubmatch(part)[1]
		n[id] = strings.Count(part, " data-start=")
	}
	return n
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

const (
	articleA = "新华社北京2025年3月5日电 国家统计局今天发布数据，一季度国内生产总值同比增长5.3%，中国对阿联酋出口额达120亿美元。"
	articleB = "记者从上海市商务委员会获悉，今年前两个月全市新设外资企业812家，实际使用外资28.6亿美元。"
)

func TestRunRecordsReadAgain(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.Mkdir("drop", 0o755)
	write(t, "drop/a.txt", articleA)
	write(t, "drop/b.jsonl", `{"id":"b1","text":"`+articleB+`"}`+"\n"+`{"id":"b2","text":"`+articleA+`"}`+"\n")
	write(t, "drop/gone.txt", articleB)
	write(t, "drop/changed.txt", articleA)
	recs, n := records(t, "drop")
	// After the run: one file moved away, one changed, a JSON Lines line
	// removed; a record read from standard input and an error record too.
	os.Remove("drop/gone.txt")
	write(t, "drop/changed.txt", articleA+"（完）")
	write(t, "drop/b.jsonl", `{"id":"b1","text":"`+articleB+`"}`+"\n")
	recs = append(recs, []byte(`{"doc_id":"s1","source":"-","line":1,"sha256":"00","ref_date":null,"ref_date_source":"none","chars":3,"entities":[]}`+"\n"+
		`{"source":"drop/bad.jsonl","line":4,"error":"not valid JSON: unexpected end"}`+"\n")...)
	write(t, "records.jsonl", string(recs))

	res, err := Run([]string{"records.jsonl"}, Options{Out: "page.html"})
	if err != nil {
		t.Fatal(err)
	}
	page, _ := os.ReadFile("page.html")
	got := marksByDoc(string(page))
	for _, id := range []string{"a", "b1"} {
		if got[id] != n[id] || n[id] == 0 {
			t.Errorf("%s: %d marks, the record has %d entities", id, got[id], n[id])
		}
	}
	if res.Articles != 2 || len(got) != 2 {
		t.Errorf("shown %d articles (%v), want a and b1", res.Articles, got)
	}
	want := map[string]string{
		"changed": "has changed since the record was made",
		"gone":    "is gone (moved or deleted)",
		"b2":      "holds no article at line 2",
		"s1":      "standard input",
		"":        "an error record, no article: drop/bad.jsonl:4: not valid JSON",
	}
	if len(res.Unshown) != len(want) {
		t.Errorf("unshown %+v", res.Unshown)
	}
	for _, u := range res.Unshown {
		if w, ok := want[u.DocID]; !ok || !strings.Contains(u.Reason, w) {
			t.Errorf("unshown %s: %q, want it to say %q", u.DocID, u.Reason, w)
		}
		if !strings.Contains(string(page), templateEscape(u.Reason)) {
			t.Errorf("the page does not say why %s cannot be shown", u.DocID)
		}
	}
}

// A folder of record files (an unattended run's --out-dir) is shown as
// records; a folder of articles is extracted.
func TestRunFolders(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.Mkdir("drop", 0o755)
	os.Mkdir("out", 0o755)
	write(t, "drop/a.txt", articleA)
	write(t, "drop/b.txt", articleB)
	recA, n := records(t, "drop/a.txt")
	recB, nb := records(t, "drop/b.txt")
	write(t, "out/20250412T020000Z-000001.jsonl", string(recA))
	write(t, "out/20250412T020000Z-000002.jsonl", string(recB))
	write(t, "out/.20250412T020000Z-000003.jsonl.tmp", "{broken")
	for _, in := range []string{"out", "drop"} {
		var buf bytes.Buffer
		res, err := Run([]string{in}, Options{Stdout: &buf})
		if err != nil || res.Articles != 2 || len(res.Unshown) != 0 {
			t.Fatalf("%s: %+v %v", in, res, err)
		}
		got := marksByDoc(buf.String())
		if got["a"] != n["a"] || got["b"] != nb["b"] {
			t.Errorf("%s: marks %v, want a %d b %d", in, got, n["a"], nb["b"])
		}
	}
}

// cnie run --flat lines name no sha256: each is named as one that cannot
// be shown, not read as an article.
func TestRunFlatLines(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "flat.jsonl")
	write(t, p, `{"doc_id":"a","source":"a.txt","type":"org","start":0,"end":4,"text":"上合组织","canonical":"上海合作组织"}`+"\n")
	var out bytes.Buffer
	res, err := Run([]string{p}, Options{Stdout: &out})
	if err != nil || len(res.Unshown) != 1 || !strings.Contains(res.Unshown[0].Reason, "--flat") {
		t.Errorf("%+v %v", res, err)
	}
}

func templateEscape(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")
	return r.Replace(s)
}

// Records name their sources relative to where cnie run ran; a records
// file kept beside the drop still finds them.
func TestRunSourcesBesideRecords(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.MkdirAll("work/drop", 0o755)
	write(t, "work/drop/a.txt", articleA)
	t.Chdir("work")
	recs, n := records(t, "drop/a.txt")
	write(t, "records.jsonl", string(recs))
	t.Chdir(dir)
	var out bytes.Buffer
	res, err := Run([]string{"work/records.jsonl"}, Options{Stdout: &out})
	if err != nil || res.Articles != 1 || len(res.Unshown) != 0 {
		t.Fatalf("%+v %v", res, err)
	}
	if got := marksByDoc(out.String())["a"]; got != n["a"] {
		t.Errorf("%d marks, want %d", got, n["a"])
	}
}

// Articles are extracted first; what they hold is shown as text.
func TestRunArticlesEscaped(t *testing.T) {
	dir := t.TempDir()
	hostile := `据报道，<script>alert("x")</script>某公司&lt;b&gt;投资5亿元<img src=x onerror=alert(1)>，“涨幅”达10%。`
	write(t, filepath.Join(dir, "h.txt"), hostile)
	var out bytes.Buffer
	stdin := strings.NewReader(`{"id":"in1","text":"` + strings.ReplaceAll(articleB, `"`, `\"`) + `"}` + "\n")
	res, err := Run([]string{filepath.Join(dir, "h.txt"), "-"}, Options{Stdout: &out, Stdin: stdin})
	if err != nil || res.Articles != 2 {
		t.Fatalf("%+v %v", res, err)
	}
	page := out.String()
	low := strings.ToLower(page)
	for _, bad := range []string{"<script", "<img"} {
		if strings.Contains(low, bad) {
			t.Errorf("page holds %q", bad)
		}
	}
	if !strings.Contains(page, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") || !strings.Contains(page, "&amp;lt;b&amp;gt;") {
		t.Errorf("the article's markup is not shown as text")
	}
	if !strings.Contains(page, "script-src 'none'") {
		t.Errorf("no policy against scripts")
	}
	if res.Mentions["money"] == 0 || res.Mentions["percent"] == 0 {
		t.Errorf("the articles were not extracted: %v", res.Mentions)
	}
	if got := marksByDoc(page); got["h"] == 0 || got["in1"] == 0 {
		t.Errorf("marks %v", got)
	}
}

func TestRunPages(t *testing.T) {
	dir := t.TempDir()
	var jl strings.Builder
	for i := range 25 {
		fmt.Fprintf(&jl, `{"id":"n%02d","text":"第%d条：公司去年营收增长%d%%。"}`+"\n", i, i, i+1)
	}
	in := filepath.Join(dir, "in.jsonl")
	write(t, in, jl.String())
	out := filepath.Join(dir, "out", "page.html")
	os.Mkdir(filepath.Dir(out), 0o755)
	res, err := Run([]string{in}, Options{Out: out, PerPage: 10})
	if err != nil {
		t.Fatal(err)
	}
	wantFiles := []string{out, filepath.Join(dir, "out", "page-2.html"), filepath.Join(dir, "out", "page-3.html")}
	if fmt.Sprint(res.Files) != fmt.Sprint(wantFiles) || res.Articles != 25 {
		t.Fatalf("files %v, %d articles", res.Files, res.Articles)
	}
	ids := regexp.MustCompile(`data-doc-id="(n\d\d)"`)
	seen := 0
	for i, f := range wantFiles {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		n := len(ids.FindAllString(page, -1))
		if want := []int{10, 10, 5}[i]; n != want {
			t.Errorf("%s: %d articles, want %d", f, n, want)
		}
		seen += n
		switch i {
		case 0:
			for _, l := range []string{`href="page-2.html"`, `href="page-3.html"`} {
				if !strings.Contains(page, l) {
					t.Errorf("first page lacks %s", l)
				}
			}
			if !strings.Contains(page, "of 25") {
				t.Errorf("first page does not count every article")
			}
		case 1:
			if !strings.Contains(page, `href="page.html"`) || !strings.Contains(page, `href="page-3.html"`) {
				t.Errorf("page 2 does not link to pages 1 and 3")
			}
		case 2:
			if strings.Contains(page, ">next<") {
				t.Errorf("last page links to a next one")
			}
		}
	}
	if seen != 25 {
		t.Errorf("%d articles on the pages", seen)
	}
	// Without -o, one page only.
	var buf bytes.Buffer
	if _, err := Run([]string{in}, Options{Stdout: &buf, PerPage: 10}); err != ErrTooManyForStdout {
		t.Errorf("25 articles to standard output: %v", err)
	}
}
