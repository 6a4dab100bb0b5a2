//go:build long

package cniebeam

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkBeamVsRun is `make bench`'s Beam step: the same generated JSON
// Lines corpus (CNIE_BEAM_BENCH_MB megabytes of article text, default 20,
// in 8 files) through `cnie run -j 1` with GOMAXPROCS=1, and through this
// pipeline on the local runner (Prism, in this process) with GOMAXPROCS=1:
// throughput on one core in MB of text per second of wall time and per
// second of CPU time (user + system; the CPU figure is the one that holds
// on a machine shared with other work). The Beam figure carries the
// runner's own cost: the shuffles of deduplication and sharding, and the
// gRPC between the runner and its worker.
func BenchmarkBeamVsRun(b *testing.B) {
	mb := 20.0
	if v := os.Getenv("CNIE_BEAM_BENCH_MB"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 {
			b.Fatalf("CNIE_BEAM_BENCH_MB=%q", v)
		}
		mb = f
	}
	bin := buildCnie(b)
	dir := b.TempDir()
	files, textBytes := benchCorpus(b, dir, mb, 8)
	out := b.TempDir()

	var runWall, runCPU, beamWall, beamCPU time.Duration
	for range b.N {
		cmd := exec.Command(bin, append([]string{"run", "--quiet", "-j", "1", "-o", filepath.Join(out, "run.jsonl")}, files...)...)
		cmd.Env = append(os.Environ(), "GOMAXPROCS=1")
		start := time.Now()
		if o, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("cnie run: %v\n%s", err, o)
		}
		runWall += time.Since(start)
		runCPU += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()

		prev := runtime.GOMAXPROCS(1)
		cpu0 := selfCPU(b)
		start = time.Now()
		counts := runBeam(b, Config{Inputs: []string{filepath.Join(dir, "*.jsonl")}, Output: filepath.Join(out, "beam"), Shards: 4, ErrorShards: 1})
		beamWall += time.Since(start)
		beamCPU += selfCPU(b) - cpu0
		runtime.GOMAXPROCS(prev)
		if counts[CounterBytes] != textBytes || counts[CounterErrors] != 0 {
			b.Fatalf("the pipeline processed %d bytes with %d errors, want %d and none", counts[CounterBytes], counts[CounterErrors], textBytes)
		}
	}
	n := float64(b.N)
	mbs := func(d time.Duration) float64 { return float64(textBytes) / 1e6 / (d.Seconds() / n) }
	b.ReportMetric(mbs(runWall), "run-MB/s")
	b.ReportMetric(mbs(runCPU), "run-MB/cpu-s")
	b.ReportMetric(mbs(beamWall), "beam-MB/s")
	b.ReportMetric(mbs(beamCPU), "beam-MB/cpu-s")
	fmt.Printf("cnie-beam on one core, %.1f MB of text in %d files:\n", float64(textBytes)/1e6, len(files))
	fmt.Printf("  cnie run -j 1:        %6.2f MB/s wall, %6.2f MB per CPU-second\n", mbs(runWall), mbs(runCPU))
	fmt.Printf("  cnie-beam on Prism:   %6.2f MB/s wall, %6.2f MB per CPU-second (%.0f%% of cnie run per CPU-second)\n",
		mbs(beamWall), mbs(beamCPU), 100*mbs(beamCPU)/mbs(runCPU))
}

// benchCorpus writes about mb megabytes of article text as JSON Lines
// files of articles with ids, made of seed sentences drawn at random, and
// returns the files and the UTF-8 bytes of their texts.
func benchCorpus(b *testing.B, dir string, mb float64, nfiles int) ([]string, int64) {
	ss := sentences(b)
	rng := rand.New(rand.NewPCG(11, 23))
	var total int64
	var names []string
	id := 0
	for f := range nfiles {
		var buf strings.Builder
		for float64(total) < mb*1e6*float64(f+1)/float64(nfiles) {
			var t strings.Builder
			fmt.Fprintf(&t, "新华社北京%d月%d日电 ", 1+rng.IntN(12), 1+rng.IntN(28))
			for range 4 + rng.IntN(12) {
				t.WriteString(ss[rng.IntN(len(ss))])
			}
			id++
			line, err := json.Marshal(article{ID: fmt.Sprintf("bench-%07d", id), Text: t.String()})
			if err != nil {
				b.Fatal(err)
			}
			buf.Write(line)
			buf.WriteByte('\n')
			total += int64(t.Len())
		}
		name := filepath.Join(dir, fmt.Sprintf("part-%02d.jsonl", f))
		if err := os.WriteFile(name, []byte(buf.String()), 0o644); err != nil {
			b.Fatal(err)
		}
		names = append(names, name)
	}
	return names, total
}

// selfCPU is the CPU time (user + system) this process has used.
func selfCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
