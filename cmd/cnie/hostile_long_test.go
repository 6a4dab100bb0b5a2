//go:build long && unix

package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildHostileBinary builds cmd/cnie into dir, so that the long tests run
// the real program in its own process and can read its peak memory.
func buildHostileBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "cnie")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// runMeasured runs the binary with args inside limit and returns its exit
// status, standard output and error, wall time and peak resident memory.
func runMeasured(t *testing.T, limit time.Duration, bin string, args ...string) (code int, stdout, stderr string, wall time.Duration, peakMB float64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatalf("cnie %s: %v", strings.Join(args, " "), err)
	}
	hwm := make(chan float64)
	go func() { hwm <- pollHWM(cmd.Process.Pid, ctx.Done()) }()
	err := cmd.Wait()
	wall = time.Since(start)
	timedOut := ctx.Err() != nil
	cancel() // stops the polling
	peakMB = <-hwm
	if timedOut {
		t.Fatalf("cnie %s did not finish in %v", strings.Join(args, " "), limit)
	}
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatalf("cnie %s: %v", strings.Join(args, " "), err)
		}
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && peakMB == 0 {
		// No /proc: the rusage figure, which on Linux would also count the
		// test process that started the child (vfork shares its memory
		// until exec), hence /proc first.
		peakMB = float64(ru.Maxrss) / 1024
	}
	return cmd.ProcessState.ExitCode(), out.String(), errb.String(), wall, peakMB
}

// pollHWM reads the peak resident memory (VmHWM, in MB) of process pid from
// /proc every 20 ms until done is closed or the process is gone, and
// returns the last figure read; 0 where there is no /proc.
func pollHWM(pid int, done <-chan struct{}) float64 {
	var peak float64
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
		if err != nil {
			return peak
		}
		for _, l := range strings.Split(string(b), "\n") {
			if f := strings.Fields(l); len(f) == 3 && f[0] == "VmHWM:" {
				if kb, err := strconv.ParseFloat(f[1], 64); err == nil && kb/1024 > peak {
					peak = kb / 1024
				}
			}
		}
		select {
		case <-done:
			return peak
		case <-tick.C:
		}
	}
}

// TestLongHostileDrop runs the drop of issue #10 at its sizes (亿×200000,
// 1×200000, 中埃×100000, .%×100000, a 20 MB JSON line and a 20 MB file
// over the default 16 MiB limit, a .gz that inflates to 64 MB, 10,000 tiny
// files) through the built binary with default flags, within 10 minutes.
func TestLongHostileDrop(t *testing.T) {
	dir := t.TempDir()
	bin := buildHostileBinary(t, dir)
	d := makeHostileDrop(t, dir, hostileScale{reps: 200000, tiny: 10000, overLimit: 20 << 20, gzBomb: 64 << 20})
	errFile := filepath.Join(dir, "errors.jsonl")
	code, out, stderr, wall, peak := runMeasured(t, 10*time.Minute, bin, "run", "--errors", errFile, d.dir)
	t.Logf("hostile drop: %v, peak RSS %.0f MB; %s", wall.Round(time.Millisecond), peak, strings.TrimSpace(stderr))
	_, clean, cstderr, cwall, _ := runMeasured(t, 10*time.Minute, bin, "run", "--quiet", d.clean)
	t.Logf("clean run of the good articles: %v", cwall.Round(time.Millisecond))
	eb, err := os.ReadFile(errFile)
	if err != nil {
		t.Fatal(err)
	}
	checkHostileRun(t, d, code, out, string(eb), stderr+cstderr, clean)
}

// writeArticlesJSONL writes about size bytes of JSON Lines articles made of
// the seed articles: each a different window of one seed's sentences, of
// 3 to 60 sentences, with its own id and published date. It returns how
// many articles it wrote.
func writeArticlesJSONL(t *testing.T, path string, size int64) int {
	t.Helper()
	files, _ := filepath.Glob("../../testdata/seeds/*.txt")
	var seeds [][]string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		seeds = append(seeds, strings.SplitAfter(string(b), "。"))
	}
	if len(seeds) == 0 {
		t.Fatal("no seed articles")
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var written int64
	n := 0
	for ; written < size; n++ {
		s := seeds[n%len(seeds)]
		from := (n * 7) % len(s)
		k := 3 + (n*13)%58
		var text strings.Builder
		for i := range k {
			text.WriteString(s[(from+i)%len(s)])
		}
		line, _ := json.Marshal(map[string]string{
			"id": strconv.Itoa(n), "text": text.String(),
			"published": fmt.Sprintf("20%02d-%02d-%02d", 15+n%11, 1+n%12, 1+n%28),
		})
		w.Write(line)
		w.WriteByte('\n')
		written += int64(len(line) + 1)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return n
}

var summaryArticles = regexp.MustCompile(`cnie: (\d+) articles, (\d+) errors`)

// TestLongJSONLMemory: JSON Lines are streamed, so peak memory does not grow
// with the file. It runs files of S and 4S megabytes of normal articles
// (S = 25, or CNIE_MEMORY_MB/4) and checks that every article gave a record
// and that the larger file's peak RSS is within 10% + 32 MB of the
// smaller's, and under 512 MB. Figures go to the log: time, MB/s, peak RSS.
func TestLongJSONLMemory(t *testing.T) {
	dir := t.TempDir()
	bin := buildHostileBinary(t, dir)
	total := int64(100)
	if s := os.Getenv("CNIE_MEMORY_MB"); s != "" {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil || v < 4 {
			t.Fatalf("CNIE_MEMORY_MB=%q", s)
		}
		total = v
	}
	var peaks []float64
	for _, mb := range []int64{total / 4, total} {
		path := filepath.Join(dir, fmt.Sprintf("articles_%d.jsonl", mb))
		n := writeArticlesJSONL(t, path, mb<<20)
		code, _, stderr, wall, peak := runMeasured(t, 60*time.Minute, bin, "run", "-o", os.DevNull, path)
		os.Remove(path)
		t.Logf("%d MB, %d articles: %v, %.2f MB/s, peak RSS %.0f MB; %s", mb, n, wall.Round(time.Millisecond),
			float64(mb<<20)/1e6/wall.Seconds(), peak, strings.TrimSpace(stderr))
		if code != exitOK {
			t.Fatalf("exit status %d: %s", code, stderr)
		}
		m := summaryArticles.FindStringSubmatch(stderr)
		if m == nil || m[1] != strconv.Itoa(n) || m[2] != "0" {
			t.Fatalf("summary %q, want %d articles, 0 errors", stderr, n)
		}
		peaks = append(peaks, peak)
	}
	if peaks[1] > 512 {
		t.Errorf("peak RSS %.0f MB for %d MB of articles of a few KB each: over 512 MB", peaks[1], total)
	}
	if peaks[1] > peaks[0]*1.1+32 {
		t.Errorf("peak RSS grew with the file: %.0f MB for %d MB, %.0f MB for %d MB", peaks[0], total/4, peaks[1], total)
	}
}
