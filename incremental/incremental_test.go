package incremental

import (
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/record"
	"github.com/cnie/cnie/state"
)

// articles yields the given articles, and an error for a nil text.
func articles(as ...corpus.Article) iter.Seq2[corpus.Article, error] {
	return func(yield func(corpus.Article, error) bool) {
		for _, a := range as {
			var err error
			if a.Text == "" {
				err = &corpus.Error{Source: a.Source, Err: errors.New("empty")}
			}
			if !yield(a, err) {
				return
			}
		}
	}
}

func art(id, text string) corpus.Article {
	return corpus.Article{ID: id, Text: text, Source: id + ".txt"}
}

// process stands in for the pipeline: a record with the article's identity.
func process(a corpus.Article) *record.Record {
	s := sha256.Sum256([]byte(a.Text))
	return &record.Record{DocID: a.ID, Source: a.Source, SHA256: hex.EncodeToString(s[:]), Entities: []record.Entity{}}
}

// run does one run over as with opt (State and Out filled in from dirs) and
// returns its figures.
func run(t *testing.T, opt Options, as ...corpus.Article) Stats {
	t.Helper()
	r, err := Start(opt)
	if err != nil {
		t.Fatal(err)
	}
	errs := 0
	for a, err := range r.Filter(articles(as...)) {
		if err != nil {
			errs++
			continue
		}
		if err := r.Record(process(a)); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Close(errs); err != nil {
		t.Fatal(err)
	}
	return r.Stats()
}

func dirs(t *testing.T) Options {
	d := t.TempDir()
	return Options{State: filepath.Join(d, "state"), Out: filepath.Join(d, "out"), Version: "1", Lexicon: "x"}
}

// outputs reads every finished file of out: the doc_id@digest of each
// record, and the file names in order. Temporary files fail the test.
func outputs(t *testing.T, out string) (map[string]int, []string) {
	t.Helper()
	ents, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	var names []string
	for _, e := range ents {
		if !finished.MatchString(e.Name()) {
			t.Errorf("unexpected file %s in the output folder", e.Name())
			continue
		}
		names = append(names, e.Name())
		f, _ := os.Open(filepath.Join(out, e.Name()))
		var in io.Reader = f
		if strings.HasSuffix(e.Name(), ".gz") {
			zr, err := gzip.NewReader(f)
			if err != nil {
				t.Fatal(err)
			}
			in = zr
		}
		sc := bufio.NewScanner(in)
		for sc.Scan() {
			var r record.Record
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatalf("%s: %v", e.Name(), err)
			}
			seen[r.DocID+"@"+r.SHA256[:8]]++
		}
		f.Close()
	}
	sort.Strings(names)
	return seen, names
}

func TestEachArticleOnce(t *testing.T) {
	opt := dirs(t)
	opt.BatchArticles = 2
	a, b, c, bad := art("a", "甲"), art("b", "乙"), art("c", "丙"), art("bad", "")
	st := run(t, opt, a, b, a, bad, c)
	if st.Emitted != 3 || st.Files != 2 || st.Skipped != 1 {
		t.Errorf("first run %+v, want 3 emitted into 2 files, 1 skipped", st)
	}
	// A re-sent drop with one article changed, one new.
	b2 := art("b", "乙改")
	st = run(t, opt, a, b2, c, art("d", "丁"), bad)
	if st.Emitted != 2 || st.Skipped != 2 {
		t.Errorf("second run %+v, want 2 emitted, 2 skipped", st)
	}
	seen, names := outputs(t, opt.Out)
	if len(seen) != 5 {
		t.Errorf("records %v, want 5 distinct", seen)
	}
	for k, n := range seen {
		if n != 1 {
			t.Errorf("%s emitted %d times", k, n)
		}
	}
	if len(names) != 3 || !strings.HasSuffix(names[0], "-000001.jsonl") || !strings.HasSuffix(names[2], "-000001.jsonl") || names[0][:26] == names[2][:26] {
		t.Errorf("files %v", names)
	}
	s, _ := state.Open(opt.State, state.Options{ReadOnly: true})
	defer s.Close()
	sum, _ := s.Summarize("1", "x")
	if sum.Articles != 5 || sum.DocIDs != 4 || sum.Files != 3 || sum.Runs != 2 || sum.LastRun.Errors != 1 || sum.LastRun.Finished.IsZero() {
		t.Errorf("state %+v, last run %+v", sum, sum.LastRun)
	}
}

func TestReconcile(t *testing.T) {
	opt := dirs(t)
	opt.Gzip = true
	// A run killed after renaming its first file and before recording it:
	// the file is there, the state knows the run but not the file; its
	// second batch was still a temporary file.
	r, err := Start(opt)
	if err != nil {
		t.Fatal(err)
	}
	id := r.ID()
	r.Abort()
	name := id + "-000001.jsonl.gz"
	var buf strings.Builder
	zw := gzip.NewWriter(&buf)
	for _, a := range []corpus.Article{art("a", "甲"), art("b", "乙")} {
		j, _ := json.Marshal(process(a))
		fmt.Fprintf(zw, "%s\n", j)
	}
	zw.Close()
	os.WriteFile(filepath.Join(opt.Out, name), []byte(buf.String()), 0o644)
	tmp := filepath.Join(opt.Out, "."+id+"-000002.jsonl.gz.tmp")
	os.WriteFile(tmp, []byte("half a li"), 0o644)
	other := filepath.Join(opt.Out, ".keep")
	os.WriteFile(other, nil, 0o644)

	var notes []string
	opt.Note = func(s string) { notes = append(notes, s) }
	st := run(t, opt, art("a", "甲"), art("b", "乙"), art("c", "丙"))
	if st.Reconciled != 1 || st.ReconciledArticles != 2 || st.TmpRemoved != 1 || st.Emitted != 1 || st.Skipped != 2 || st.Stale != 0 {
		t.Errorf("stats %+v, want the file recorded, the tmp removed, only c emitted", st)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "recorded 1 finished files of killed runs (2 articles), removed 1 temporary files") {
		t.Errorf("notes %q", notes)
	}
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Error("leftover temporary file not removed")
	}
	if _, err := os.Stat(other); err != nil {
		t.Error("a hidden file that is not ours was removed")
	}
	os.Remove(other)
	seen, _ := outputs(t, opt.Out)
	if len(seen) != 3 {
		t.Errorf("records %v", seen)
	}
	for k, n := range seen {
		if n != 1 {
			t.Errorf("%s emitted %d times", k, n)
		}
	}
}

func TestReconcileTornAndForeign(t *testing.T) {
	opt := dirs(t)
	os.MkdirAll(opt.Out, 0o755)
	// A finished file of a run the state never knew, with a bad line and
	// a torn last one: what can be read counts (as stale: its extractors
	// are unknown); the rest is emitted again.
	a, c := process(art("a", "甲")), process(art("c", "丙"))
	ja, _ := json.Marshal(a)
	jc, _ := json.Marshal(c)
	body := string(ja) + "\nnot json\n" + string(jc)[:20]
	name := "20250101T000000.000000000Z-000001.jsonl"
	os.WriteFile(filepath.Join(opt.Out, name), []byte(body), 0o644)
	var notes []string
	opt.Note = func(s string) { notes = append(notes, s) }
	st := run(t, opt, art("a", "甲"), art("b", "乙"), art("c", "丙"))
	if st.Reconciled != 1 || st.ReconciledArticles != 1 || st.Stale != 1 || st.Emitted != 2 {
		t.Errorf("stats %+v", st)
	}
	if len(notes) != 4 || !strings.Contains(notes[0], name+":2:") || !strings.Contains(notes[1], name+":3: torn") ||
		!strings.Contains(notes[2], "no run 20250101T000000.000000000Z") || !strings.Contains(notes[3], "(1 articles)") {
		t.Errorf("notes %q", notes)
	}
}

func TestStaleAndReprocess(t *testing.T) {
	opt := dirs(t)
	as := []corpus.Article{art("a", "甲"), art("b", "乙")}
	run(t, opt, as...)
	opt.Version = "2" // an upgrade
	if st := run(t, opt, as...); st.Stale != 2 || st.Emitted != 0 {
		t.Errorf("after upgrade %+v, want 2 stale, none emitted", st)
	}
	s, _ := state.Open(opt.State, state.Options{ReadOnly: true})
	sum, _ := s.Summarize("2", "x")
	s.Close()
	if sum.Stale != 2 {
		t.Errorf("state reports %d stale, want 2", sum.Stale)
	}
	opt.Reprocess = true
	if st := run(t, opt, append(as, as...)...); st.Reprocessed != 2 || st.Emitted != 2 || st.Skipped != 2 {
		t.Errorf("reprocess %+v, want 2 re-emitted once", st)
	}
	if st := run(t, opt, as...); st.Reprocessed != 0 || st.Emitted != 0 || st.Skipped != 2 {
		t.Errorf("second reprocess %+v, want nothing emitted", st)
	}
	opt.Lexicon = "y" // a lexicon change makes them stale too
	if st := run(t, opt, as...); st.Reprocessed != 2 {
		t.Errorf("after lexicon change %+v", st)
	}
	seen, names := outputs(t, opt.Out)
	if len(names) != 3 || len(seen) != 2 || seen["a@"+process(as[0]).SHA256[:8]] != 3 {
		t.Errorf("files %v, records %v", names, seen)
	}
}

func TestBatchInterval(t *testing.T) {
	opt := dirs(t)
	opt.BatchInterval = 30 * time.Millisecond
	r, err := Start(opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Record(process(art("a", "甲"))); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for r.Stats().Files == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if st := r.Stats(); st.Files != 1 || st.Emitted != 1 {
		t.Errorf("after the interval: %+v, want the batch finished", st)
	}
	if err := r.Close(0); err != nil {
		t.Fatal(err)
	}
}

func TestLocked(t *testing.T) {
	opt := dirs(t)
	r, err := Start(opt)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close(0)
	if _, err := Start(opt); !errors.Is(err, state.ErrLocked) {
		t.Errorf("second start: %v, want ErrLocked", err)
	}
}

func TestKilledRunKeepsFigures(t *testing.T) {
	opt := dirs(t)
	opt.BatchArticles = 2
	r, err := Start(opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []corpus.Article{art("a", "甲"), art("b", "乙"), art("c", "丙")} {
		if err := r.Record(process(a)); err != nil {
			t.Fatal(err)
		}
	}
	r.Abort() // as good as killed: the second batch is lost
	s, err := state.Open(opt.State, state.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	info, found, err := s.Run(r.ID())
	if err != nil || !found || info.Emitted != 2 || info.Files != 1 || !info.Finished.IsZero() {
		t.Errorf("killed run's record %+v (found %v, %v), want 2 emitted into 1 file, unfinished", info, found, err)
	}
	if seen, _ := outputs(t, opt.Out); len(seen) != 2 {
		t.Errorf("records %v", seen)
	}
}

func TestClockBack(t *testing.T) {
	opt := dirs(t)
	clock := time.Date(2025, 4, 12, 2, 0, 0, 0, time.UTC)
	opt.Now = func() time.Time { return clock }
	run(t, opt, art("a", "甲"))
	clock = clock.Add(-time.Hour) // the clock went back
	run(t, opt, art("b", "乙"))
	run(t, opt, art("c", "丙")) // and stands still
	_, names := outputs(t, opt.Out)
	want := []string{
		"20250412T020000.000000000Z-000001.jsonl",
		"20250412T020000.000000001Z-000001.jsonl",
		"20250412T020000.000000002Z-000001.jsonl",
	}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("files %v, want %v", names, want)
	}
}

// TestMigrateLegacyIDs: a state written with the ids of cnie 0.2 (bare
// file names, FILE:LINE as typed) carries over: an article met under its
// new id whose text was emitted under its old one is not emitted again, and
// its record moves to the new id; two articles that shared an old id take
// its record once.
func TestMigrateLegacyIDs(t *testing.T) {
	opt := dirs(t)
	old := run(t, opt, art("1", "甲文"), art("1", "乙文"), art("drop/x.jsonl:3", "丙文"))
	if old.Emitted != 3 {
		t.Fatalf("first run %+v", old)
	}
	legacy := func(id, was, text string) corpus.Article {
		a := art(id, text)
		a.LegacyID = was
		return a
	}
	now := []corpus.Article{
		legacy("a/1", "1", "甲文"), legacy("b/1", "1", "乙文"), legacy("x:3", "drop/x.jsonl:3", "丙文"),
		legacy("c/1", "1", "甲文"), // a copy of a/1 in another folder: a new article now
	}
	st := run(t, opt, now...)
	if st.Emitted != 1 || st.Migrated != 3 || st.Skipped != 3 {
		t.Errorf("second run %+v, want 1 emitted (c/1), 3 skipped and migrated", st)
	}
	st = run(t, opt, now...)
	if st.Emitted != 0 || st.Migrated != 0 || st.Skipped != 4 {
		t.Errorf("third run %+v, want 4 skipped", st)
	}
	s, err := state.Open(opt.State, state.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sum, err := s.Summarize("1", "x")
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles != 4 || sum.DocIDs != 4 {
		t.Errorf("state holds %d articles, %d doc ids; want 4 and 4 (the old ids moved)", sum.Articles, sum.DocIDs)
	}
}
