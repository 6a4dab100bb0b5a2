package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cnie/cnie/extract/user"
)

// userDir writes a user lexicon folder (lexicon name -> content).
func userDir(t *testing.T, files map[string]string) string {
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

// watchList is the README's example: five companies with the user's ids,
// a stock-code rule, and 万达 taken out of the built-in lexicon.
var watchList = map[string]string{
	"orgs/watchlist.tsv": "# Our watch-list.\n#columns\tcanonical\taliases\tid\n" +
		"贵州茅台酒股份有限公司\t贵州茅台|茅台\tW-0001\n" +
		"腾讯控股有限公司\t腾讯控股|腾讯\tW-0002\n" +
		"宁德时代新能源科技股份有限公司\t宁德时代\tW-0003\n" +
		"星河智造科技有限公司\t星河智造\tW-0004\n" +
		"江苏恒瑞医药股份有限公司\t恒瑞医药|恒瑞\tW-0005\n" +
		"-万达\n",
	"patterns/codes.tsv": "#columns\tname\ttype\tpattern\tcontext\tprecedence\n" +
		"stock-code\tx-stock-code\t(?<![0-9])(?<code>[0-9]{6}|[0-9]{5})\\.(?<market>SH|SZ|HK|BJ)(?![A-Za-z])\t\tover\n",
	"currencies.tsv": "港纸\tHKD\n",
	"units.tsv":      "车皮\tclassifier\n",
	"countries.tsv":  "#columns code aliases\nGB\t英伦\n",
}

// entity is one entity of a record, by its text.
func entity(t *testing.T, rec map[string]any, text string) map[string]any {
	t.Helper()
	for _, e := range rec["entities"].([]any) {
		if m := e.(map[string]any); m["text"] == text {
			return m
		}
	}
	return nil
}

// TestUserLexiconRun: a watch-list's companies are found with their ids,
// a stock-code rule gives its named groups as attrs, a removal line
// suppresses a built-in name, the user's currency, unit and country alias
// reach their extractors, and the records' version covers the user files.
func TestUserLexiconRun(t *testing.T) {
	dir := userDir(t, watchList)
	in := filepath.Join(t.TempDir(), "news.jsonl")
	os.WriteFile(in, []byte(
		`{"id":"m","published":"2025-03-20","text":"贵州茅台（600519.SH）午后拉升，腾讯控股（00700.HK）同日回购股份。星河智造与宁德时代签署电池供货协议，恒瑞医药小幅回落。"}`+"\n"+
			`{"id":"w","published":"2025-03-20","text":"万达今年新开业购物中心十二座。"}`+"\n"+
			`{"id":"x","published":"2025-05-08","text":"据英伦媒体报道，该港本月发运煤炭三千车皮，码头工程师月薪三万港纸。"}`+"\n"), 0o644)
	code, plain, _ := call(t, "", "run", "--quiet", in)
	if code != exitOK {
		t.Fatalf("exit %d without --lexicon", code)
	}
	code, out, errs := call(t, "", "run", "--quiet", "--lexicon", dir, in)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	recs, base := records(t, out), records(t, plain)
	if len(recs) != 3 || len(base) != 3 {
		t.Fatalf("%d records", len(recs))
	}
	if recs[0]["version"] == base[0]["version"] {
		t.Errorf("the version %v does not cover the user's lexicons", recs[0]["version"])
	}
	for text, id := range map[string]string{"贵州茅台": "W-0001", "腾讯控股": "W-0002", "星河智造": "W-0004", "宁德时代": "W-0003", "恒瑞医药": "W-0005"} {
		if e := entity(t, recs[0], text); e == nil || e["type"] != "org" || e["id"] != id {
			t.Errorf("%s: %v, want org with id %s", text, e, id)
		}
	}
	if e := entity(t, base[0], "星河智造"); e != nil && e["id"] != nil {
		t.Errorf("without --lexicon: %v", e)
	}
	e := entity(t, recs[0], "600519.SH")
	if attrs, _ := e["attrs"].(map[string]any); e == nil || e["type"] != "x-stock-code" || attrs["code"] != "600519" || attrs["market"] != "SH" {
		t.Errorf("600519.SH: %v", e)
	}
	if e := entity(t, recs[0], "00700.HK"); e == nil || e["attrs"].(map[string]any)["market"] != "HK" {
		t.Errorf("00700.HK: %v", e)
	}
	if e := entity(t, base[1], "万达"); e == nil || e["type"] != "org" {
		t.Errorf("without --lexicon 万达 is %v", e)
	}
	if e := entity(t, recs[1], "万达"); e != nil {
		t.Errorf("a removed name is still found: %v", e)
	}
	if e := entity(t, recs[2], "三万港纸"); e == nil || e["currency"] != "HKD" || e["value"] != 30000.0 {
		t.Errorf("港纸: %v", e)
	}
	if e := entity(t, recs[2], "三千车皮"); e == nil || e["type"] != "quantity" || e["unit"] != "车皮" {
		t.Errorf("车皮: %v", e)
	}
	if e := entity(t, recs[2], "英伦"); e == nil || e["code"] != "GB" {
		t.Errorf("英伦: %v", e)
	}
	for _, text := range []string{"三万港纸", "三千车皮", "英伦"} {
		if e := entity(t, base[2], text); e != nil && (e["currency"] == "HKD" || e["unit"] == "车皮" || e["code"] == "GB") {
			t.Errorf("without --lexicon %s is %v", text, e)
		}
	}

	// CNIE_LEXICON does what --lexicon does; version prints the same hash.
	t.Setenv("CNIE_LEXICON", dir)
	if code, out2, _ := call(t, "", "run", "--quiet", in); code != exitOK || out2 != out {
		t.Errorf("CNIE_LEXICON: exit %d, same records %v", code, out2 == out)
	}
	_, v, _ := call(t, "", "version", "--json")
	var ver map[string]any
	if err := json.Unmarshal([]byte(v), &ver); err != nil || !strings.HasSuffix(recs[0]["version"].(string), "+"+ver["lexicons"].(string)) {
		t.Errorf("version %v (%v) does not match the records' %v", ver["lexicons"], err, recs[0]["version"])
	}
}

// TestUserPatternTimeout: a catastrophic user pattern ((a+)+$) on a long
// run of a times out into the article's error record, naming the rule,
// and the other articles keep their records.
func TestUserPatternTimeout(t *testing.T) {
	defer func(d time.Duration) { user.MatchTimeout = d }(user.MatchTimeout)
	user.MatchTimeout = 200 * time.Millisecond
	dir := userDir(t, map[string]string{"patterns/bad.tsv": "# a rule that backtracks without end\nruns\tx-run\t(a+)+$\n"})
	in := filepath.Join(t.TempDir(), "news.jsonl")
	os.WriteFile(in, []byte(
		`{"id":"one","text":"去年营收增长12%。"}`+"\n"+
			`{"id":"two","text":"日志里是`+strings.Repeat("a", 80)+`!"}`+"\n"+
			`{"id":"three","text":"净利润8.5亿元。"}`+"\n"), 0o644)
	start := time.Now()
	code, out, errs := call(t, "", "run", "--quiet", "-j", "2", "--lexicon", dir, in)
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("the run took %v", took)
	}
	if code != exitError {
		t.Errorf("exit %d, want %d", code, exitError)
	}
	recs := records(t, out)
	if len(recs) != 2 || recs[0]["doc_id"] != "one" || recs[1]["doc_id"] != "three" || entity(t, recs[1], "8.5亿元") == nil {
		t.Errorf("records: %v", recs)
	}
	var e map[string]any
	if err := json.Unmarshal([]byte(strings.TrimSpace(errs)), &e); err != nil {
		t.Fatalf("stderr %q is not one error record: %v", errs, err)
	}
	if e["doc_id"] != "two" || !strings.Contains(e["error"].(string), `user rule "runs"`) || !strings.Contains(e["error"].(string), "bad.tsv:2") {
		t.Errorf("error record %v", e)
	}
}

// TestUserLexiconRejected: a bad user file stops the run with its file and
// line before any article is read (the missing input would otherwise be an
// error record).
func TestUserLexiconRejected(t *testing.T) {
	for _, c := range []struct{ file, data, want string }{
		{"orgs/clients.tsv", "#columns canonical aliases sector\n", "clients.tsv:1: unknown column \"sector\""},
		{"orgs/clients.tsv", "甲乙科技有限公司\t甲乙\n甲乙丙有限公司\t甲乙\n", "clients.tsv:2: name \"甲乙\""},
		{"patterns/codes.tsv", "# codes\nbad\tx-code\t(?<code>[0-9]+\n", "codes.tsv:2: pattern"},
		{"patterns/codes.tsv", "bad\tcode\t[0-9]+\n", "codes.tsv:1: type \"code\""},
	} {
		dir := userDir(t, map[string]string{c.file: c.data})
		missing := filepath.Join(t.TempDir(), "missing.jsonl")
		for _, cmd := range [][]string{{"run", "--quiet", "--lexicon", dir, missing}, {"eval", "--lexicon", dir, "--gold", missing}, {"version", "--lexicon", dir}} {
			code, out, errs := call(t, "", cmd...)
			if code != exitUsage || out != "" || !strings.Contains(errs, c.want) || !strings.Contains(errs, dir) || strings.Contains(errs, "missing.jsonl") {
				t.Errorf("%s with %s: exit %d, stdout %q, stderr %q; want %q", cmd[0], c.file, code, out, errs, c.want)
			}
		}
	}
}
