//go:build unix

package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// hostileScale sizes a hostile drop: the fast test in `make test` uses a
// small one, the long test the sizes of issue #10.
type hostileScale struct {
	reps      int // the repetitions run to reps (亿×reps, 中埃×reps/2 …)
	tiny      int // how many tiny files
	overLimit int // bytes of the JSON line and the file over the limit
	gzBomb    int // bytes a small .txt.gz inflates to
}

// hostileDrop is a generated drop of good articles among bad inputs, and a
// folder with the good articles alone.
type hostileDrop struct {
	dir, clean string
	good       []string // doc_ids that must have a record
	bad        []string // "path relative to dir:line" of each error record
	// warned maps the doc_id of an article kept with a warning (in the
	// drop only) to the warning.
	warned map[string]string
}

// makeHostileDrop writes the drop of issue #10 under root: seed articles,
// a JSON Lines file whose good lines stand among a line that is not JSON,
// one without text, one whose text is not a string and one over the size
// limit; empty, blank, binary and random files; invalid UTF-8 in the middle
// of an article; GB18030 and UTF-8 mixed in one file; a truncated .gz and a
// .gz that inflates past the limit; a BOM with CRLF line ends; digits and
// punctuation only; pathological repetitions aimed at the rules; a symbolic
// link loop, a dangling link and a link to itself; a named pipe; files of
// other types and hidden files (skipped); and many tiny files. The clean
// folder holds the good articles alone, as they must read.
func makeHostileDrop(t *testing.T, root string, sc hostileScale) hostileDrop {
	t.Helper()
	d := hostileDrop{dir: filepath.Join(root, "drop"), clean: filepath.Join(root, "clean"), warned: map[string]string{}}
	write := func(dir, name string, b []byte) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	good := func(name string, drop, clean []byte) {
		write(d.dir, name, drop)
		write(d.clean, name, clean)
		// The id is the path in the drop, without extension.
		d.good = append(d.good, strings.TrimSuffix(strings.TrimSuffix(filepath.ToSlash(name), ".gz"), filepath.Ext(strings.TrimSuffix(name, ".gz"))))
	}
	bad := func(name string, b []byte, lines ...int) {
		if b != nil {
			write(d.dir, name, b)
		}
		if len(lines) == 0 {
			d.bad = append(d.bad, name+":0")
		}
		for _, l := range lines {
			d.bad = append(d.bad, fmt.Sprintf("%s:%d", name, l))
		}
	}

	seedFiles, _ := filepath.Glob("../../testdata/seeds/*.txt")
	if len(seedFiles) < 3 {
		t.Fatalf("%d seed articles", len(seedFiles))
	}
	var seedTexts []string
	for _, f := range seedFiles {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		seedTexts = append(seedTexts, string(b))
		good(filepath.Join("seeds", filepath.Base(f)), b, b)
	}

	// JSON Lines: good lines among bad ones.
	line := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	jl := []string{
		line(map[string]string{"id": "j1", "text": seedTexts[0], "published": "2025-04-12"}),
		`{"id":"j2","text":"未闭合的引号}`,
		line(map[string]string{"id": "j3", "title": "没有正文"}),
		`{"id":"j4","text":12345}`,
		line(map[string]string{"id": "j5", "text": seedTexts[1]}),
		line(map[string]string{"id": "j6", "text": strings.Repeat("超长", sc.overLimit/6+1)}),
		`[1,2,3]`,
		line(map[string]string{"id": "j8", "text": "数字与标点：0123456789，。；：！？%+-", "published": "2025-01-01T08:00:00+08:00"}),
	}
	write(d.dir, "lines.jsonl", []byte(strings.Join(jl, "\n")+"\n"))
	write(d.clean, "lines.jsonl", []byte(jl[0]+"\n"+jl[4]+"\n"+jl[7]+"\n"))
	d.good = append(d.good, "j1", "j5", "j8")
	bad("lines.jsonl", nil, 2, 3, 4, 6, 7)

	bad("empty.txt", []byte{})
	bad("blank.txt", []byte(" \r\n\n\t\n"))
	bad("binary.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"))
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 64<<10)
	for i := range random {
		random[i] = byte(rng.IntN(256))
	}
	bad("random.jsonl", bytes.ReplaceAll(random, []byte("\n"), []byte("x")), 1)
	bad("random.txt", random)
	// A few bad bytes: kept, each replaced, with a warning.
	write(d.dir, "bad_utf8.txt", []byte("第一行正常的文字，投资47.95亿元。\n这一行中间有坏字节\xff\xfe\xc3然后继续。\n第三行。\n"))
	d.warned["bad_utf8"] = "3 invalid bytes replaced"
	bad("over_limit.txt", bytes.Repeat([]byte("长文"), sc.overLimit/6+1))
	zipped := gzipBytes([]byte(seedTexts[2]))
	bad("truncated.txt.gz", zipped[:len(zipped)*2/3])
	bad("bomb.txt.gz", gzipBytes(bytes.Repeat([]byte("a"), sc.gzBomb)))
	bad("notgzip.jsonl.gz", []byte("plain text named .gz"))

	// Mixed encodings: GB18030 lines among UTF-8 ones read as the UTF-8 text.
	mixed := strings.SplitAfter(seedTexts[3], "\n")
	var mb bytes.Buffer
	for i, l := range mixed {
		if i%2 == 1 {
			gb, err := simplifiedchinese.GB18030.NewEncoder().String(l)
			if err != nil {
				t.Fatal(err)
			}
			l = gb
		}
		mb.WriteString(l)
	}
	good("mixed.txt", mb.Bytes(), []byte(seedTexts[3]))
	crlf := strings.ReplaceAll(seedTexts[4%len(seedTexts)], "\n", "\r\n")
	good("bom_crlf.txt", []byte("\uFEFF"+crlf), []byte(crlf))
	digits := strings.Repeat("0123456789,.;:!?%+-/()[]{}#*&^$@~ 。，、；：？！…—（）《》“”", 200)
	good("digits.txt", []byte(digits), []byte(digits))
	for i, r := range []struct{ unit string }{{"亿"}, {"1"}, {"中埃"}, {".%"}, {"一"}, {"十二点五"}, {"12月1日至"}, {"有限公司"}} {
		n := sc.reps
		if len([]rune(r.unit)) > 1 {
			n /= 2
		}
		text := []byte(strings.Repeat(r.unit, n))
		good(fmt.Sprintf("repeat/r%d.txt", i), text, text)
	}
	gzGood := gzipBytes([]byte(seedTexts[0]))
	good("zipped.txt.gz", gzGood, gzGood)

	// Links and special files.
	for name, target := range map[string]string{"loop": ".", "dangling.txt": "nowhere.txt", "self.txt": "self.txt"} {
		if err := os.Symlink(target, filepath.Join(d.dir, name)); err != nil {
			t.Fatal(err)
		}
		bad(name, nil)
	}
	if err := syscall.Mkfifo(filepath.Join(d.dir, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad("pipe.txt", nil)
	write(d.dir, "attachment.pdf", random) // not an article: skipped
	write(d.dir, ".hidden.txt", random)    // hidden: skipped

	for i := range sc.tiny {
		name := fmt.Sprintf("tiny/%05d.txt", i)
		text := []byte(fmt.Sprintf("第%d篇：投资%d万元。", i, i+1))
		good(name, text, text)
	}
	return d
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// checkHostileRun checks a run over the drop against its expectations and a
// clean run of the good articles: every good article's record, identical to
// its clean record but for where it was read from; an error record for
// every bad input, naming it (and its line); nothing else.
func checkHostileRun(t *testing.T, d hostileDrop, code int, out, errs, stderr, cleanOut string) {
	t.Helper()
	if code != exitError {
		t.Fatalf("exit status %d, want %d; standard error:\n%.2000s", code, exitError, stderr)
	}
	if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
		t.Errorf("standard error shows a panic: %.2000s", stderr)
	}
	got, clean := hostileRecords(t, out), hostileRecords(t, cleanOut)
	for _, id := range d.good {
		g, ok := got[id]
		if !ok {
			t.Errorf("no record for good article %s", id)
			continue
		}
		if c := clean[id]; g != c {
			t.Errorf("%s: record differs from the clean run:\n got  %.400s\n want %.400s", id, g, c)
		}
	}
	for id, w := range d.warned {
		if g, ok := got[id]; !ok || !strings.Contains(g, `"warnings":["`+w+`"]`) {
			t.Errorf("%s: no record with the warning %q: %.300s", id, w, g)
		}
	}
	if len(got) != len(d.good)+len(d.warned) {
		t.Errorf("%d records, want %d", len(got), len(d.good)+len(d.warned))
	}
	var named []string
	for _, l := range strings.Split(strings.TrimSpace(errs), "\n") {
		var e struct {
			Source string `json:"source"`
			Line   int    `json:"line"`
			Error  string `json:"error"`
		}
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatalf("error record %q: %v", l, err)
		}
		rel, err := filepath.Rel(d.dir, e.Source)
		if err != nil || e.Error == "" {
			t.Errorf("error record %q names no input of the drop, or no error", l)
		}
		named = append(named, fmt.Sprintf("%s:%d", rel, e.Line))
	}
	slices.Sort(named)
	want := slices.Clone(d.bad)
	slices.Sort(want)
	if !slices.Equal(named, want) {
		t.Errorf("error records name\n %v\nwant\n %v", named, want)
	}
}

// hostileRecords maps doc_id to the record, less its source and line (the
// same article read from the clean folder sits elsewhere).
func hostileRecords(t *testing.T, out string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		var r map[string]any
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("record %.200q is not JSON: %v", l, err)
		}
		delete(r, "source")
		delete(r, "line")
		id, _ := r["doc_id"].(string)
		if _, dup := m[id]; dup {
			t.Errorf("two records for %s", id)
		}
		b, _ := json.Marshal(r)
		m[id] = string(b)
	}
	return m
}

// TestHostileDrop: a small hostile drop through the command line, in
// process: every good article's record, an error record for each bad input,
// exit status 1, no panic, inside a time bound. TestLongHostileDrop runs the
// sizes of issue #10 through the built binary.
func TestHostileDrop(t *testing.T) {
	d := makeHostileDrop(t, t.TempDir(), hostileScale{reps: 20000, tiny: 300, overLimit: 1<<20 + 1, gzBomb: 8 << 20})
	errFile := filepath.Join(filepath.Dir(d.dir), "errors.jsonl")
	limit := fmt.Sprint(1 << 20)
	type result struct {
		code             int
		out, errs, clean string
		stderr           string
	}
	done := make(chan result, 1)
	start := time.Now()
	go func() {
		var r result
		var out, stderr, clean, cstderr bytes.Buffer
		r.code = cnie([]string{"run", "--max-article-bytes", limit, "--errors", errFile, d.dir}, strings.NewReader(""), &out, &stderr)
		eb, _ := os.ReadFile(errFile)
		cnie([]string{"run", "--quiet", "--max-article-bytes", limit, d.clean}, strings.NewReader(""), &clean, &cstderr)
		r.out, r.errs, r.clean, r.stderr = out.String(), string(eb), clean.String(), stderr.String()+cstderr.String()
		done <- r
	}()
	select {
	case r := <-done:
		t.Logf("two runs in %v", time.Since(start))
		checkHostileRun(t, d, r.code, r.out, r.errs, r.stderr, r.clean)
	case <-time.After(2 * time.Minute):
		t.Fatal("the hostile drop did not finish in 2 minutes")
	}
}
