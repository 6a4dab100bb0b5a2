package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/state"
)

// TestHelperHoldState is not a test: run as a child process by
// TestRunStateLocked, it holds a state the way a running cnie does, says
// so on standard output, and lets go when its standard input closes.
func TestHelperHoldState(t *testing.T) {
	dir := os.Getenv("CNIE_TEST_HOLD_STATE")
	if dir == "" {
		t.Skip("a helper process, run by TestRunStateLocked")
	}
	s, err := state.Open(dir, state.Options{})
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("held\n")
	bufio.NewReader(os.Stdin).ReadString('\n')
	s.Close()
}

func TestRunStateLocked(t *testing.T) {
	dir := t.TempDir()
	st, out := filepath.Join(dir, "state"), filepath.Join(dir, "out")
	in := filepath.Join(dir, "a.txt")
	os.WriteFile(in, []byte("2025年4月12日 投资47.95亿元。"), 0o644)

	holder := exec.Command(os.Args[0], "-test.run=^TestHelperHoldState$")
	holder.Env = append(os.Environ(), "CNIE_TEST_HOLD_STATE="+st)
	release, _ := holder.StdinPipe()
	said, _ := holder.StdoutPipe()
	holder.Stderr = os.Stderr
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer holder.Wait()
	defer release.Close()
	if line, _ := bufio.NewReader(said).ReadString('\n'); line != "held\n" {
		t.Fatalf("holder said %q", line)
	}

	start := time.Now()
	code, stdout, errs := call(t, "", "run", "--state", st, "--out-dir", out, in)
	took := time.Since(start)
	if code != exitError || stdout != "" || !strings.Contains(errs, "state "+st+": another cnie run holds it") {
		t.Errorf("second run: exit %d, stdout %q, stderr %q; want exit 1 and a message naming the state", code, stdout, errs)
	}
	if took > time.Second {
		t.Errorf("second run took %v to refuse, want at once", took)
	}
	if ents, _ := os.ReadDir(out); len(ents) != 0 {
		t.Errorf("the refused run wrote %d files", len(ents))
	}
	if code, _, errs := call(t, "", "state", st); code != exitError || !strings.Contains(errs, "another cnie run holds it") {
		t.Errorf("cnie state while held: exit %d, stderr %q", code, errs)
	}

	release.Close()
	if err := holder.Wait(); err != nil {
		t.Fatalf("holder: %v", err)
	}
	// Nothing is corrupted: a run now goes through, and the next skips.
	for i, want := range []int{1, 0} {
		code, _, errs = call(t, "", "run", "--state", st, "--out-dir", out, in)
		if code != exitOK {
			t.Fatalf("run %d after release: exit %d, stderr %q", i, code, errs)
		}
		if !strings.Contains(errs, " "+string(rune('0'+want))+" emitted into") {
			t.Errorf("run %d: summary %q, want %d emitted", i, errs, want)
		}
	}
	code, stdout, _ = call(t, "", "state", "--json", st)
	var sum state.Summary
	if err := json.Unmarshal([]byte(stdout), &sum); code != exitOK || err != nil {
		t.Fatalf("cnie state --json: exit %d, %v, %q", code, err, stdout)
	}
	if sum.Articles != 1 || sum.Files != 1 || sum.Runs != 2 || sum.Stale != 0 || sum.LastRun == nil || sum.LastRun.Skipped != 1 {
		t.Errorf("state %+v", sum)
	}
	code, stdout, _ = call(t, "", "state", st)
	if code != exitOK || !strings.Contains(stdout, "articles  1 (1 doc ids)") || !strings.Contains(stdout, "stale     0") {
		t.Errorf("cnie state: %d %q", code, stdout)
	}
}

func TestRunStateUsage(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"run", "--state", dir},
		{"run", "--out-dir", dir},
		{"run", "--state", dir, "--out-dir", dir, "-o", "x.jsonl"},
		{"run", "--state", dir, "--out-dir", dir, "--flat"},
		{"run", "--state", dir, "--out-dir", dir, "--batch-articles", "0"},
		{"run", "--reprocess"},
		{"state"},
		{"state", "a", "b"},
	} {
		if code, _, _ := call(t, "", args...); code != exitUsage {
			t.Errorf("cnie %q: exit %d, want %d", args, code, exitUsage)
		}
	}
	if code, _, errs := call(t, "", "state", dir); code != exitError || !strings.Contains(errs, "no state there") {
		t.Errorf("cnie state on an empty folder: %d %q", code, errs)
	}
}

func TestPeekArticle(t *testing.T) {
	bad := func(n int) error { return &corpus.Error{Source: "f", Line: n, Err: errors.New("bad")} }
	seq := func(items ...any) iter.Seq2[corpus.Article, error] {
		return func(yield func(corpus.Article, error) bool) {
			for _, it := range items {
				var ok bool
				switch it := it.(type) {
				case error:
					ok = yield(corpus.Article{}, it)
				case string:
					ok = yield(corpus.Article{ID: it}, nil)
				}
				if !ok {
					return
				}
			}
		}
	}
	show := func(s iter.Seq2[corpus.Article, error]) string {
		var b strings.Builder
		for a, err := range s {
			if err != nil {
				fmt.Fprintf(&b, "E%d ", err.(*corpus.Error).Line)
			} else {
				b.WriteString(a.ID + " ")
			}
		}
		return b.String()
	}
	for _, c := range []struct {
		in    []any
		found bool
		want  string
	}{
		{nil, false, ""},
		{[]any{bad(1), bad(2)}, false, "E1 E2 "},
		{[]any{bad(1), "a", bad(3), "b"}, true, "E1 a E3 b "},
		{[]any{"a"}, true, "a "},
	} {
		s, found, stop := peekArticle(seq(c.in...))
		got := show(s)
		stop()
		stop()
		if found != c.found || got != c.want {
			t.Errorf("%v: found %v, replay %q; want %v, %q", c.in, found, got, c.found, c.want)
		}
	}
	// Stopping early ends the source.
	s, _, stop := peekArticle(seq("a", "b", "c"))
	for range s {
		break
	}
	stop()
	st, err := errorsOnly(seq(bad(4), bad(5)), func(*corpus.Error) error { return nil })
	if err != nil || st.Errors != 2 {
		t.Errorf("errorsOnly: %+v, %v", st, err)
	}
}
