//go:build long

package main

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cnie/cnie/parquetout"
)

// TestRunParquetKillLong kills unattended runs that write Parquet batches
// (cnie run --state --out-dir --format parquet) with SIGKILL at random
// instants, and checks the finished Parquet files after every kill (each
// article at most once, every file readable) and after every run that ends
// by itself (each article exactly once). A run that ends by itself has
// finished the drop: the state and output start again from nothing, so that
// a fast machine still gets its kills, until at least 12 runs were killed.
func TestRunParquetKillLong(t *testing.T) {
	dir := t.TempDir()
	bin := buildCnie(t, dir)
	drops, want := makeDrops(t, filepath.Join(dir, "drops"))
	st, out := filepath.Join(dir, "state"), filepath.Join(dir, "out")
	args := append([]string{"run", "--state", st, "--out-dir", out, "--format", "parquet",
		"--batch-articles", "5", "--batch-seconds", "0.25", "-j", "1", "--quiet", "--errors", os.DevNull}, drops...)
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 2))
	killed, rounds, files := 0, 0, 0
	for i := 0; killed < 12 && i < 80; i++ {
		cmd := exec.Command(bin, args...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if code := exitCode(err); code != exitOK && code != exitError {
				t.Fatalf("run %d: exit %d", i, code)
			}
			files += checkParquetOutputs(t, out, want, true)
			rounds++
			for _, d := range []string{st, out} {
				if err := os.RemoveAll(d); err != nil {
					t.Fatal(err)
				}
			}
			continue
		case <-time.After(time.Duration(100+rng.IntN(1500)) * time.Millisecond):
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
			killed++
		}
		checkParquetOutputs(t, out, want, false)
	}
	msg, err := exec.Command(bin, args...).CombinedOutput()
	if code := exitCode(err); code != exitOK && code != exitError {
		t.Fatalf("last run: exit %d: %s", code, msg)
	}
	files += checkParquetOutputs(t, out, want, true)
	t.Logf("seed %d: %d runs killed, %d drops finished whole (%d articles each, each once); %d finished Parquet files checked",
		seed, killed, rounds+1, len(want), files)
	if killed < 12 {
		t.Errorf("only %d runs killed", killed)
	}
}

// checkParquetOutputs reads every finished Parquet file of out: no article
// twice, none unknown, and, when final, none lost and no temporary file.
// It returns the number of files.
func checkParquetOutputs(t *testing.T, out string, want map[string]bool, final bool) int {
	t.Helper()
	ents, err := os.ReadDir(out)
	if os.IsNotExist(err) {
		return 0
	}
	name := regexp.MustCompile(`^\d{8}T\d{6}\.\d{9}Z-\d{6}\.parquet$`)
	seen := map[string]string{}
	files := 0
	for _, e := range ents {
		n := e.Name()
		if strings.HasPrefix(n, ".") && strings.HasSuffix(n, ".tmp") {
			if final {
				t.Errorf("temporary file %s left after a finished run", n)
			}
			continue
		}
		if !name.MatchString(n) {
			t.Fatalf("unexpected file %s", n)
		}
		files++
		arts, err := parquetout.ReadArticles(filepath.Join(out, n))
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		for _, a := range arts {
			k := a.DocID + "@" + a.SHA256
			if !want[k] {
				t.Fatalf("%s: %s is no article of the drops", n, k)
			}
			if prev, dup := seen[k]; dup {
				t.Fatalf("%s: %s twice (also in %s)", n, a.DocID, prev)
			}
			seen[k] = n
		}
	}
	if final {
		for k := range want {
			if _, ok := seen[k]; !ok {
				t.Errorf("%s lost", k)
			}
		}
	}
	return files
}
