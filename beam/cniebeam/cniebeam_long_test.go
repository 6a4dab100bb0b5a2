//go:build long

package cniebeam

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/parquet-go/parquet-go"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/cnie/cnie/extract"
	"github.com/cnie/cnie/record"
)

func TestMain(m *testing.M) {
	ptest.MainWithDefault(m, "prism")
}

// root is the cnie checkout this module belongs to.
const root = "../.."

// buildCnie builds the cnie binary of this checkout.
func buildCnie(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "cnie")
	abs, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "build", "-C", abs, "-o", bin, "./cmd/cnie")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building cnie: %v\n%s", err, out)
	}
	return bin
}

// sentences are the sentences of the seed articles, to make new articles
// from.
func sentences(t testing.TB) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(root, "testdata/seeds/*.txt"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no seeds: %v", err)
	}
	var out []string
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range strings.SplitAfter(string(b), "。") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

type article struct {
	ID        any    `json:"id,omitempty"`
	Title     string `json:"title,omitempty"`
	Text      string `json:"text"`
	Published string `json:"published,omitempty"`
	Locale    string `json:"locale,omitempty"`
}

// generate writes a small corpus into dir: JSON Lines (plain and gzipped)
// of articles made of seed sentences drawn at random, most with ids, some
// without, some published; copies of articles in a second file (the same
// id and text, and the same id with another text); some articles carrying
// a locale; one with a value no Parquet DECIMAL(38,18) column holds
// exactly; and broken inputs. It returns the number of exact copies, which
// a run drops.
func generate(t *testing.T, dir string) (copies int) {
	t.Helper()
	ss := sentences(t)
	rng := rand.New(rand.NewPCG(23, 2026))
	mk := func(i int) article {
		var b strings.Builder
		for range 2 + rng.IntN(7) {
			b.WriteString(ss[rng.IntN(len(ss))])
			if rng.IntN(3) == 0 {
				b.WriteString("\n")
			}
		}
		a := article{Text: b.String(), Title: fmt.Sprintf("第%d篇", i)}
		switch {
		case i%11 == 5:
			// no id: FILE:LINE
		case i%7 == 3:
			a.ID = 9000 + i // a number id
		default:
			a.ID = fmt.Sprintf("gen-%03d", i)
		}
		if i%4 == 1 {
			a.Published = fmt.Sprintf("2024-%02d-%02dT08:30:00+08:00", 1+i%12, 1+i%28)
		}
		switch i % 10 {
		case 2:
			a.Locale = "TW"
		case 6:
			a.Locale = "SG"
		}
		return a
	}
	line := func(a article) string {
		b, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	var plain, zipped, dups []string
	var all []article
	for i := range 60 {
		a := mk(i)
		all = append(all, a)
		if i%3 == 0 {
			zipped = append(zipped, line(a))
		} else {
			plain = append(plain, line(a))
		}
	}
	plain = slices.Insert(plain, 7, `{"id":"broken","text":`, ``, `["not","an","object"]`)
	for _, i := range []int{1, 2, 4, 9} { // all with ids
		dups = append(dups, line(all[i]))
		copies++
	}
	other := all[10]
	other.Text += "另据报道，该项目预计于明年完工。"
	dups = append(dups, line(other), `{"id":"no-text"}`,
		line(article{ID: "bad-locale", Text: "港股恒生指数今日收涨1.2%。", Locale: "Hongkong"}),
		line(article{ID: "precise", Text: "经测算，该指数本季度的加权涨幅为2.718281828459045235360287%，创下近五年来的新高。"}))

	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a-plain.jsonl", []byte(strings.Join(plain, "\n")+"\n"))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(strings.Join(zipped, "\r\n")))
	zw.Close()
	write("b-zipped.jsonl.gz", gz.Bytes())
	write("c-copies.ndjson", []byte(strings.Join(dups, "\n")+"\n"))
	write("d-cut.jsonl.gz", gz.Bytes()[:gz.Len()*2/3])
	write("e-empty.txt", []byte("  \n"))
	gb, err := simplifiedchinese.GB18030.NewEncoder().String("国家统计局15日发布数据，前三季度国内生产总值同比增长5.2%。")
	if err != nil {
		t.Fatal(err)
	}
	write("f-gbk.txt", []byte(gb))
	write("g-binary.txt", []byte("PK\x03\x04\x00\x00"))
	return copies
}

// lines reads the non-empty lines of the files matching pattern.
func lines(t testing.TB, pattern string) []string {
	t.Helper()
	names, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 64<<20)
		for sc.Scan() {
			if sc.Text() != "" {
				out = append(out, sc.Text())
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// cnieRun runs `cnie run` on paths and returns its records and errors.
func cnieRun(t *testing.T, bin string, paths []string, extra ...string) (recs, errs []string) {
	t.Helper()
	dir := t.TempDir()
	out, errOut := filepath.Join(dir, "rec.jsonl"), filepath.Join(dir, "err.jsonl")
	args := append([]string{"run", "--quiet", "-o", out, "--errors", errOut}, extra...)
	cmd := exec.Command(bin, append(args, paths...)...)
	if b, err := cmd.CombinedOutput(); err != nil {
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 { // 1: some inputs gave errors
			t.Fatalf("cnie run: %v\n%s", err, b)
		}
	}
	return lines(t, out), lines(t, errOut)
}

// dedupe keeps the first record of each (doc_id, sha256), as the pipeline
// and an unattended `cnie run` do.
func dedupe(t *testing.T, recs []string) []string {
	t.Helper()
	seen := map[string]bool{}
	var out []string
	for _, r := range recs {
		var k struct {
			DocID  string `json:"doc_id"`
			SHA256 string `json:"sha256"`
		}
		if err := json.Unmarshal([]byte(r), &k); err != nil {
			t.Fatalf("not a record: %v: %s", err, r)
		}
		if !seen[k.DocID+"\x00"+k.SHA256] {
			seen[k.DocID+"\x00"+k.SHA256] = true
			out = append(out, r)
		}
	}
	return out
}

// sameSet fails unless got and want hold the same lines, in any order.
func sameSet(t *testing.T, what string, got, want []string) {
	t.Helper()
	got, want = slices.Clone(got), slices.Clone(want)
	slices.Sort(got)
	slices.Sort(want)
	if slices.Equal(got, want) {
		return
	}
	for _, g := range got {
		if _, ok := slices.BinarySearch(want, g); !ok {
			t.Errorf("%s: the pipeline wrote, cnie run did not: %.300s", what, g)
		}
	}
	for _, w := range want {
		if _, ok := slices.BinarySearch(got, w); !ok {
			t.Errorf("%s: cnie run wrote, the pipeline did not: %.300s", what, w)
		}
	}
	t.Fatalf("%s: %d lines from the pipeline, %d from cnie run", what, len(got), len(want))
}

// runBeam runs the pipeline on the local runner and returns its counters.
func runBeam(t testing.TB, c Config) map[string]int64 {
	t.Helper()
	ExactPrismCounters() // the default runner of these tests is Prism
	p, s := beam.NewPipelineWithRoot()
	Build(s, c)
	res, err := ptest.RunWithMetrics(p)
	if err != nil {
		t.Fatalf("pipeline: %v", err)
	}
	counts := map[string]int64{}
	for _, r := range res.Metrics().AllMetrics().Counters() {
		if r.Namespace() == Namespace {
			counts[r.Name()] += r.Result()
		}
	}
	t.Logf("counters: %v", counts)
	return counts
}

// mentionCounts counts the entities of records by type.
func mentionCounts(t testing.TB, recs []string) map[string]int64 {
	t.Helper()
	n := map[string]int64{}
	for _, r := range recs {
		var rec struct{ Entities []struct{ Type string } }
		if err := json.Unmarshal([]byte(r), &rec); err != nil {
			t.Fatal(err)
		}
		for _, e := range rec.Entities {
			n[e.Type]++
		}
	}
	return n
}

// TestLongSeedsEqualCnieRun: on the seed articles the pipeline writes
// exactly `cnie run`'s records, as a set, over several shards, every shard
// file written.
func TestLongSeedsEqualCnieRun(t *testing.T) {
	bin := buildCnie(t)
	seeds, err := filepath.Glob(filepath.Join(root, "testdata/seeds/*.txt"))
	if err != nil || len(seeds) == 0 {
		t.Fatalf("no seeds: %v", err)
	}
	want, wantErrs := cnieRun(t, bin, seeds)
	if len(want) != len(seeds) || len(wantErrs) != 0 {
		t.Fatalf("cnie run gave %d records and %d errors for %d seeds", len(want), len(wantErrs), len(seeds))
	}
	out := filepath.Join(t.TempDir(), "out", "seeds")
	counts := runBeam(t, Config{Inputs: []string{filepath.Join(root, "testdata/seeds/*.txt")}, Output: out, Shards: 3, ErrorShards: 1})
	for i := range 3 {
		if _, err := os.Stat(ShardName(out, i, 3, ".jsonl")); err != nil {
			t.Errorf("shard %d: %v", i, err)
		}
	}
	sameSet(t, "seed records", lines(t, out+"-0*-of-00003.jsonl"), want)
	if e := lines(t, out+"-errors-*"); len(e) != 0 {
		t.Errorf("error records on the seeds: %q", e)
	}
	if counts[CounterArticles] != int64(len(seeds)) || counts[CounterErrors] != 0 {
		t.Errorf("counters %v, want %d articles and no error", counts, len(seeds))
	}
}

// TestLongGeneratedEqualCnieRun: on a generated corpus of JSON Lines (plain
// and gzipped, CRLF line ends, articles with and without ids and locales)
// with copies and broken inputs, and --locale given (in lower case, as
// `cnie run` takes it), the pipeline writes `cnie run`'s records once per
// (doc_id, sha256) and `cnie run`'s error records, as sets; the counters
// agree with the records; the dictionary is loaded once in this process.
func TestLongGeneratedEqualCnieRun(t *testing.T) {
	bin := buildCnie(t)
	in := t.TempDir()
	copies := generate(t, in)
	paths, err := filepath.Glob(filepath.Join(in, "*"))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(paths)
	want, wantErrs := cnieRun(t, bin, paths, "--ref-date", "2025-06-30", "--locale", "hk")
	unique := dedupe(t, want)
	if len(want)-len(unique) < copies || len(wantErrs) < 6 {
		t.Fatalf("the corpus is not what the test means: %d records, %d unique, %d copies, %d errors", len(want), len(unique), copies, len(wantErrs))
	}

	outDir := t.TempDir()
	c := Config{
		// Two patterns, one of them matching nothing.
		Inputs:      []string{filepath.Join(in, "[a-c]*"), filepath.Join(in, "[d-g]*"), filepath.Join(in, "nothing-*.jsonl")},
		Output:      filepath.Join(outDir, "rec"),
		Errors:      filepath.Join(outDir, "err"),
		Shards:      4,
		ErrorShards: 2,
		Gzip:        true,
		RefDate:     "2025-06-30",
		Locale:      "hk",
	}
	counts := runBeam(t, c)
	got := gunzipLines(t, filepath.Join(outDir, "rec-*-of-00004.jsonl.gz"))
	gotErrs := gunzipLines(t, filepath.Join(outDir, "err-*-of-00002.jsonl.gz"))
	sameSet(t, "records", got, unique)
	noMatch := errorLine(record.Error{Source: c.Inputs[2], Error: "no file matches the pattern"})
	sameSet(t, "error records", gotErrs, append(slices.Clone(wantErrs), noMatch))

	locales := map[string]int{}
	for _, r := range got {
		var rec struct {
			Locale       string `json:"locale"`
			LocaleSource string `json:"locale_source"`
		}
		json.Unmarshal([]byte(r), &rec)
		locales[rec.Locale+"/"+rec.LocaleSource]++
	}
	if locales["HK/flag"] == 0 || locales["TW/input"] == 0 {
		t.Errorf("the records' locales %v: want some from the flag and some from the input", locales)
	}
	if counts[CounterArticles] != int64(len(unique)) || counts[CounterRead] != int64(len(want)) {
		t.Errorf("articles: counters %v, want %d read and %d processed", counts, len(want), len(unique))
	}
	if counts[CounterErrors] != int64(len(gotErrs)) || counts[CounterFiles] != int64(len(paths)) {
		t.Errorf("counters %v, want %d errors and %d files", counts, len(gotErrs), len(paths))
	}
	for _, ty := range extract.Types {
		if n := mentionCounts(t, got)[string(ty)]; counts[MentionsPrefix+string(ty)] != n {
			t.Errorf("mentions_%s = %d, the records hold %d", ty, counts[MentionsPrefix+string(ty)], n)
		}
	}
	// One process (the local runner's loopback worker): one load, whatever
	// the number of bundles and DoFn instances. The seed test may have run
	// first in this process with no --ref-date: that pipeline is another.
	if counts[CounterLoads] != 1 {
		t.Errorf("pipeline loaded %d times in one process, want once", counts[CounterLoads])
	}
	again := runBeam(t, c)
	if again[CounterLoads] != 0 {
		t.Errorf("a second job in the same worker process loaded the pipeline %d more times", again[CounterLoads])
	}
}

func gunzipLines(t *testing.T, pattern string) []string {
	t.Helper()
	names, err := filepath.Glob(pattern)
	if err != nil || len(names) == 0 {
		t.Fatalf("no file matches %s: %v", pattern, err)
	}
	var out []string
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		sc := bufio.NewScanner(zr)
		sc.Buffer(nil, 64<<20)
		for sc.Scan() {
			if sc.Text() != "" {
				out = append(out, sc.Text())
			}
		}
		if err := sc.Err(); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		f.Close()
	}
	return out
}

// TestLongParquetEqualCnieRun: with --format parquet, the rows of the
// Parquet shards are, together, the rows `cnie run -o F.parquet` writes on
// the same generated corpus (once per (doc_id, sha256)), read back with
// parquet-go from each file's own footer; the article whose value its
// column cannot hold is the same error record in both, and the other
// errors stay JSON Lines.
func TestLongParquetEqualCnieRun(t *testing.T) {
	bin := buildCnie(t)
	in := t.TempDir()
	generate(t, in)
	paths, err := filepath.Glob(filepath.Join(in, "*"))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(paths)
	dir := t.TempDir()
	pq, errOut := filepath.Join(dir, "run.parquet"), filepath.Join(dir, "run-errors.jsonl")
	cmd := exec.Command(bin, append([]string{"run", "--quiet", "-o", pq, "--errors", errOut}, paths...)...)
	if b, err := cmd.CombinedOutput(); err != nil {
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
			t.Fatalf("cnie run: %v\n%s", err, b)
		}
	}
	want := dedupeRows(t, parquetRows(t, pq))
	wantErrs := lines(t, errOut)
	unfit := 0
	for _, e := range wantErrs {
		if strings.Contains(e, "DECIMAL(38,18)") && strings.Contains(e, `"doc_id":"precise"`) {
			unfit++
		}
	}
	if unfit != 1 || len(want) < 100 {
		t.Fatalf("the corpus is not what the test means: %d rows, %d unfit errors in %q", len(want), unfit, wantErrs)
	}

	out := t.TempDir()
	c := Config{
		Inputs:      []string{filepath.Join(in, "*")},
		Output:      filepath.Join(out, "rec"),
		Errors:      filepath.Join(out, "err"),
		Shards:      3,
		ErrorShards: 1,
		Format:      FormatParquet,
	}
	counts := runBeam(t, c)
	var got []string
	for i := range 3 {
		name := ShardName(c.Output, i, 3, ".parquet")
		rows := parquetRows(t, name)
		if len(rows) == 0 {
			t.Errorf("%s: no rows", name)
		}
		got = append(got, rows...)
	}
	sameSet(t, "Parquet rows", got, want)
	gotErrs := lines(t, ShardName(c.Errors, 0, 1, ".jsonl"))
	sameSet(t, "error records", gotErrs, wantErrs)
	if counts[CounterErrors] != int64(len(gotErrs)) {
		t.Errorf("counters %v, want %d errors", counts, len(gotErrs))
	}
}

// parquetRows reads the rows of a Parquet file, each as one line of
// column=value pairs (null, or the value's bytes quoted), columns named by
// the file's own schema.
func parquetRows(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var cols []string
	for _, fl := range pf.Schema().Fields() {
		cols = append(cols, fl.Name())
	}
	r := parquet.NewReader(pf)
	defer r.Close()
	var out []string
	buf := make([]parquet.Row, 128)
	for {
		n, err := r.ReadRows(buf)
		for _, row := range buf[:n] {
			var b strings.Builder
			for _, v := range row {
				if v.IsNull() {
					fmt.Fprintf(&b, "%s=null\t", cols[v.Column()])
				} else {
					fmt.Fprintf(&b, "%s=%q\t", cols[v.Column()], v.String())
				}
			}
			out = append(out, b.String())
		}
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
}

// dedupeRows keeps the rows of the first record (by source and line) of
// each (doc_id, sha256), as the pipeline and an unattended `cnie run` do.
func dedupeRows(t *testing.T, rows []string) []string {
	t.Helper()
	first := map[string]string{}
	var out []string
	for _, r := range rows {
		col := map[string]string{}
		for _, kv := range strings.Split(r, "\t") {
			if k, v, ok := strings.Cut(kv, "="); ok {
				col[k] = v
			}
		}
		if col["doc_id"] == "" || col["sha256"] == "" || col["source"] == "" {
			t.Fatalf("a row without doc_id, sha256 or source: %s", r)
		}
		key, from := col["doc_id"]+"\x00"+col["sha256"], col["source"]+"\x00"+col["line"]
		if f, ok := first[key]; !ok {
			first[key] = from
		} else if f != from {
			continue
		}
		out = append(out, r)
	}
	return out
}
