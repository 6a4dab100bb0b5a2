//go:build long

package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cnie/cnie/state"
)

// Bounds of the kill test; CNIE_KILL_POINTS and CNIE_KILL_SEED override
// the count and the random seed.
const (
	killPoints = 60
	killBudget = 150 * time.Second // for the kill loop; the test stops killing after it
	// A kill falls up to killAnyDelay after a run's start, or, measured in
	// the run's own progress whatever the machine's speed, once it has
	// made 1 to killMaxFiles new files (temporary or finished) in the
	// output folder, and up to killFileDelay later.
	killAnyDelay  = 600 * time.Millisecond
	killMaxFiles  = 40
	killFileDelay = 10 * time.Millisecond
)

// TestRunStateKillLong kills a real cnie run --state process with SIGKILL
// at random instants, over drops that arrive as it goes, then lets a run
// finish, and checks the union of the finished output files after every
// kill and at the end: no torn line, no article twice, and at the end every
// article exactly once.
func TestRunStateKillLong(t *testing.T) {
	dir := t.TempDir()
	bin := buildCnie(t, dir)
	drops, want := makeDrops(t, filepath.Join(dir, "drops"))
	st, out := filepath.Join(dir, "state"), filepath.Join(dir, "out")
	points := killPoints
	if s := os.Getenv("CNIE_KILL_POINTS"); s != "" {
		points, _ = strconv.Atoi(s)
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("CNIE_KILL_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("%d articles in %d drops; seed %d (CNIE_KILL_SEED to repeat)", len(want), len(drops), seed)
	rng := rand.New(rand.NewPCG(seed, 0))

	// Small batches, so that kills land inside them and between renaming
	// a file and recording it.
	args := func(errors string, paths ...string) []string {
		return append([]string{"run", "--state", st, "--out-dir", out, "--batch-articles", "5", "--batch-seconds", "0.25",
			"-j", "1", "--errors", errors}, paths...)
	}
	var f killFigures
	begin := time.Now()
	n := 1 // drops arrived: one more each time a run catches up
	for i := 0; i < points && time.Since(begin) < killBudget; i++ {
		before := outFiles(out)
		cmd := exec.Command(bin, args(os.DevNull, drops[:n]...)...)
		var errb bytes.Buffer
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		if i%6 == 5 {
			// A second run on the same state while this one works.
			done = secondRun(t, bin, args(os.DevNull, drops[:n]...), out, before, done, &f)
		}
		// A quarter of the kills fall anywhere from the start (start-up,
		// tidying, loading the dictionary, the work); the rest inside the
		// work, after a random number of files.
		var kill <-chan time.Time
		stop := make(chan struct{})
		if i%4 == 0 {
			kill = time.After(time.Duration(rng.Int64N(int64(killAnyDelay))))
		} else {
			kill = afterFiles(out, before, 1+rng.IntN(killMaxFiles), time.Duration(rng.Int64N(int64(killFileDelay))), stop)
		}
		select {
		case err := <-done:
			f.finished++ // the run ended before its kill point
			if code := exitCode(err); code != exitOK && code != exitError {
				t.Fatalf("run %d: exit %d: %s", i, code, errb.String())
			}
			n = min(n+1, len(drops))
		case <-kill:
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
			f.killed++
		}
		close(stop)
		f.runs++
		f.note(errb.String())
		checkOutputs(t, out, want, false, &f)
	}
	t.Logf("kill loop: %d runs in %.0f s", f.runs, time.Since(begin).Seconds())

	// A last run to the end: it takes in every drop. The transfer cut
	// off gives its error record, in every run (it is retried).
	errFile := filepath.Join(dir, "errors.jsonl")
	cmd := exec.Command(bin, args(errFile, drops...)...)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	finalStart := time.Now()
	err := cmd.Run()
	t.Logf("final run: %.1f s", time.Since(finalStart).Seconds())
	f.note(errb.String())
	if code := exitCode(err); code != exitError {
		t.Fatalf("final run: exit %d, want %d: %s", code, exitError, errb.String())
	}
	if b, _ := os.ReadFile(errFile); !strings.Contains(string(b), `partial.jsonl","line":5,`) || bytes.Count(b, []byte("\n")) != 1 {
		t.Errorf("final run's error records: %.2000s", b)
	}
	checkOutputs(t, out, want, true, &f)
	// The state agrees, and a further run emits nothing.
	s, err := state.Open(st, state.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := s.Summarize("", "")
	s.Close()
	if err != nil || sum.Articles != len(want) {
		t.Errorf("state holds %d articles, want %d (%v)", sum.Articles, len(want), err)
	}
	msg, err := exec.Command(bin, args(os.DevNull, drops...)...).CombinedOutput()
	if exitCode(err) != exitError || !strings.Contains(string(msg), " 0 emitted into 0 files, ") {
		t.Errorf("run after the end: %v, %s", err, msg)
	}
	t.Logf("kill test: %d runs (%d killed, %d ended before their kill point), %d second runs refused by the lock at once; "+
		"%d finished files of killed runs recorded at start-up (killed between rename and record), %d temporary files removed; "+
		"%d finished files, %d records, %d articles checked exactly once; %.0f s in all",
		f.runs+1, f.killed, f.finished, f.refused, f.reconciled, f.tmpRemoved, f.files, f.records, len(want), time.Since(begin).Seconds())
}

// outFiles returns the names of the files in out.
func outFiles(out string) map[string]bool {
	m := map[string]bool{}
	ents, _ := os.ReadDir(out)
	for _, e := range ents {
		m[e.Name()] = true
	}
	return m
}

// afterFiles fires d after n files not in before have appeared in out (a
// run's batches, temporary or finished), or never if they do not before
// stop closes.
func afterFiles(out string, before map[string]bool, n int, d time.Duration, stop <-chan struct{}) <-chan time.Time {
	c := make(chan time.Time, 1)
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
			seen := 0
			for name := range outFiles(out) {
				if !before[name] {
					seen++
				}
			}
			if seen >= n {
				time.Sleep(d)
				c <- time.Now()
				return
			}
		}
	}()
	return c
}

// killFigures are the figures of the kill test.
type killFigures struct {
	runs, killed, finished, refused int
	reconciled, tmpRemoved          int
	files, records                  int
}

var tidied = regexp.MustCompile(`recorded (\d+) finished files? of killed runs \((\d+) articles\), removed (\d+) temporary`)

// note adds up what a run said it tidied at start-up.
func (f *killFigures) note(stderr string) {
	for _, m := range tidied.FindAllStringSubmatch(stderr, -1) {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[3])
		f.reconciled += a
		f.tmpRemoved += b
	}
}

// secondRun starts a second run on the state while the first one (whose
// Wait reports to done) is at work, once it has made a file in out: it
// must refuse at once, with a message that says so. Should the first
// have ended just before, the second may go on and must then find the
// first gone. It returns the channel to wait on the first with.
func secondRun(t *testing.T, bin string, args []string, out string, before map[string]bool, done chan error, f *killFigures) chan error {
	t.Helper()
	stop := make(chan struct{})
	defer close(stop)
	select {
	case err := <-done: // the first had nothing to do
		done <- err
		return done
	case <-afterFiles(out, before, 1, 0, stop):
	}
	start := time.Now()
	msg, err := exec.Command(bin, args...).CombinedOutput()
	took := time.Since(start)
	if exitCode(err) == exitError && strings.Contains(string(msg), "another cnie run holds it") {
		if took > 2*time.Second {
			t.Errorf("second run took %v to refuse", took)
		}
		f.refused++
		return done
	}
	select {
	case err1 := <-done:
		done <- err1
	case <-time.After(5 * time.Second):
		t.Fatalf("a second run was not refused while the first went on: %v, %q", err, msg)
	}
	if c := exitCode(err); c != exitOK && c != exitError {
		t.Fatalf("second run after the first ended: exit %d: %s", c, msg)
	}
	f.runs++
	f.note(string(msg))
	return done
}

func exitCode(err error) int {
	if err == nil {
		return 0
	}
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	return -1
}

// checkOutputs reads every finished file in out: each line must be a whole
// record of an article of want (doc_id -> digest -> true), with the right
// digest, and no article may appear twice. At the end (final) every
// article must be there and no temporary file left.
func checkOutputs(t *testing.T, out string, want map[string]bool, final bool, f *killFigures) {
	t.Helper()
	ents, err := os.ReadDir(out)
	if os.IsNotExist(err) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	name := regexp.MustCompile(`^\d{8}T\d{6}\.\d{9}Z-\d{6}\.jsonl$`)
	seen := map[string]string{}
	files, records := 0, 0
	for _, e := range ents {
		n := e.Name()
		if strings.HasPrefix(n, ".") && strings.HasSuffix(n, ".tmp") {
			if final {
				t.Errorf("temporary file %s left after a finished run", n)
			}
			continue
		}
		if !name.MatchString(n) {
			t.Fatalf("unexpected file %s in the output folder", n)
		}
		files++
		b, err := os.ReadFile(filepath.Join(out, n))
		if err != nil {
			t.Fatal(err)
		}
		if len(b) == 0 || b[len(b)-1] != '\n' {
			t.Fatalf("%s: empty, or a torn last line", n)
		}
		for i, line := range bytes.Split(b[:len(b)-1], []byte("\n")) {
			var r struct {
				DocID    string `json:"doc_id"`
				SHA256   string `json:"sha256"`
				Entities []any  `json:"entities"`
			}
			if err := json.Unmarshal(line, &r); err != nil || r.Entities == nil {
				t.Fatalf("%s:%d: torn or not a record: %v: %.80q", n, i+1, err, line)
			}
			k := r.DocID + "@" + r.SHA256
			if !want[k] {
				t.Fatalf("%s:%d: %s is no article of the drops", n, i+1, k)
			}
			if prev, dup := seen[k]; dup {
				t.Fatalf("%s:%d: %s emitted twice (also in %s)", n, i+1, r.DocID, prev)
			}
			seen[k] = fmt.Sprintf("%s:%d", n, i+1)
			records++
		}
	}
	if final {
		for k := range want {
			if _, ok := seen[k]; !ok {
				t.Errorf("%s lost", k)
			}
		}
		f.files, f.records = files, records
	}
}

// buildCnie builds this command once, without the race detector.
func buildCnie(t *testing.T, dir string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(dir, "cnie")
	cmd := exec.Command(goTool, "build", "-o", bin, ".")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, msg)
	}
	return bin
}

// makeDrops writes a folder a day of small articles cut from the seed
// texts, each with its own id and text: JSON Lines files (one gzipped) and
// .txt files, a re-sent file, an article sent again changed, and a
// transfer cut off mid-line. It returns the drop folders in order and the
// articles to expect, as doc_id@sha256.
func makeDrops(t *testing.T, root string) ([]string, map[string]bool) {
	t.Helper()
	seedFiles, _ := filepath.Glob("../../testdata/seeds/*.txt")
	var sentences []string
	for _, p := range seedFiles {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range strings.SplitAfter(string(b), "。") {
			if s = strings.TrimSpace(s); s != "" {
				sentences = append(sentences, s)
			}
		}
	}
	if len(sentences) < 100 {
		t.Fatalf("%d sentences in the seeds", len(sentences))
	}
	rng := rand.New(rand.NewPCG(1, 2)) // the corpus is the same every time
	want := map[string]bool{}
	text := func(n int) string {
		i := rng.IntN(len(sentences) - 5)
		return strings.Join(sentences[i:i+2+rng.IntN(4)], "") + fmt.Sprintf("（稿件编号%05d）", n)
	}
	add := func(id, text string) {
		s := sha256.Sum256([]byte(text))
		want[id+"@"+hex.EncodeToString(s[:])] = true
	}
	type art struct {
		ID        string `json:"id"`
		Text      string `json:"text"`
		Published string `json:"published"`
	}
	writeJSONL := func(path string, arts []art, gz bool) {
		var buf bytes.Buffer
		var w io.Writer = &buf
		var zw *gzip.Writer
		if gz {
			zw = gzip.NewWriter(&buf)
			w = zw
		}
		enc := json.NewEncoder(w)
		for _, a := range arts {
			enc.Encode(a)
		}
		if zw != nil {
			zw.Close()
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const days, perFile, filesPerDay = 6, 150, 8
	var drops []string
	n := 0
	var first []art
	for d := range days {
		day := filepath.Join(root, fmt.Sprintf("2025-04-%02d", d+1))
		os.MkdirAll(day, 0o755)
		drops = append(drops, day)
		for f := range filesPerDay {
			var arts []art
			for range perFile {
				n++
				a := art{ID: fmt.Sprintf("d%d-%05d", d+1, n), Text: text(n), Published: fmt.Sprintf("2025-04-%02d", d+1)}
				arts = append(arts, a)
				add(a.ID, a.Text)
			}
			name := fmt.Sprintf("feed%d.jsonl", f)
			if f == 1 {
				name += ".gz"
			}
			writeJSONL(filepath.Join(day, name), arts, f == 1)
			if d == 0 && f == 0 {
				first = arts
			}
		}
		for range 20 { // single-article text files
			n++
			id := fmt.Sprintf("t%d-%05d", d+1, n)
			tx := text(n)
			os.WriteFile(filepath.Join(day, id+".txt"), []byte(tx), 0o644)
			add(id, tx)
		}
		switch d {
		case 2: // yesterday's first feed sent again: nothing new
			writeJSONL(filepath.Join(day, "resent.jsonl"), first, false)
		case 3: // corrections: same ids, new texts
			var fixed []art
			for _, a := range first[:10] {
				a.Text += "（更正）"
				fixed = append(fixed, a)
				add(a.ID, a.Text)
			}
			writeJSONL(filepath.Join(day, "corrections.jsonl"), fixed, false)
		case 4: // a transfer cut off mid-line: its whole lines count
			var cut []art
			for range 5 {
				n++
				a := art{ID: fmt.Sprintf("c%d-%05d", d+1, n), Text: text(n)}
				cut = append(cut, a)
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			for _, a := range cut {
				enc.Encode(a)
			}
			b := buf.Bytes()
			b = b[:len(b)-40]
			os.WriteFile(filepath.Join(day, "partial.jsonl"), b, 0o644)
			for _, a := range cut[:4] {
				add(a.ID, a.Text)
			}
		}
	}
	return drops, want
}
