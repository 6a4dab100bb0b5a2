// Command cnie-bench is `make bench`'s end-to-end step (issue #11). It
// generates a corpus of varied news text from the seed articles into a
// temporary folder (nothing is committed), runs a built cnie on it, and
// prints one table: throughput on one core and on all cores, cold start,
// peak RSS, and gse's own segmentation throughput on the same text in the
// same run, each beside its goal.
//
//	cnie-bench [-bin bin/cnie] [-seeds testdata/seeds] [-mb 50] [-runs 11] [-repeat 1] [-keep]
//	           [-hant-seeds testdata/seeds-hant] [-compare-mb 10] [-compare-runs 5] [-baseline OLD]
//
// The corpus is JSON Lines: each article has a dateline with a random date,
// then paragraphs of sentences drawn at random from all the seeds, their
// numbers and years changed at random, so it is not the seeds repeated.
// Figures:
//
//   - MB/s: UTF-8 megabytes of article text (as cnie's summary counts them)
//     per second of wall time, dictionary load included; one core is
//     GOMAXPROCS=1 and -j 1, all cores is cnie's default.
//   - peak RSS: the child's maximum resident set (wait4's rusage; Linux
//     counts this process's peak as the child's too, so it keeps its own
//     small until cnie has run).
//   - cold start: from starting the process to the first record on its
//     standard output, for one small article; the median of -runs runs.
//   - gse: in this process with GOMAXPROCS=1 after the runs, gse's Segment
//     (what cnie's segmenter reproduces) and gse's Cut with HMM (the figure
//     the issue quotes) over the same texts (Cut with HMM over the first
//     -hmm-mb of them, since it is slow), and cnie's own segmenter.
//
// Load on a shared machine skews every figure: the load average is printed
// before and after, -runs repeats the cold start, and -repeat the
// throughput runs (the fastest is kept).
//
// Then the comparison the issues' throughput margins are measured with
// (compare.go): corpora of -compare-mb generated from the simplified and the
// traditional seeds, each run -compare-runs times on one core alternating
// with the -baseline binary (an older build, if given): medians of MB per
// CPU-second, this build against the baseline and traditional against
// simplified.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/go-ego/gse"

	"github.com/cnie/cnie/segment"
)

func main() {
	bin := flag.String("bin", "bin/cnie", "the cnie binary to measure")
	seeds := flag.String("seeds", "testdata/seeds", "folder of seed .txt articles")
	mb := flag.Float64("mb", 50, "megabytes of article text to generate")
	runs := flag.Int("runs", 11, "cold-start runs (the median is reported)")
	hmmMB := flag.Float64("hmm-mb", 4, "megabytes of the corpus gse's Cut with HMM segments")
	repeat := flag.Int("repeat", 1, "run each throughput measurement `N` times, alternating, and keep the fastest (load on a shared machine only slows runs down)")
	keep := flag.Bool("keep", false, "keep the generated corpus and print its folder")
	hantSeeds := flag.String("hant-seeds", "testdata/seeds-hant", "folder of the seeds in traditional characters, for the comparison of scripts")
	compareMB := flag.Float64("compare-mb", 10, "megabytes of each script's corpus in the alternating comparison (0: none)")
	compareRuns := flag.Int("compare-runs", 5, "alternating runs of the comparison (the median is reported)")
	baseline := flag.String("baseline", "", "an older cnie `binary` to compare this one with, run alternately")
	flag.Parse()
	if err := run(*bin, *seeds, *mb, *hmmMB, *runs, *repeat, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "cnie-bench:", err)
		os.Exit(1)
	}
	if *compareMB <= 0 {
		return
	}
	if err := compareStep(*bin, *baseline, *seeds, *hantSeeds, *compareMB, *compareRuns); err != nil {
		fmt.Fprintln(os.Stderr, "cnie-bench:", err)
		os.Exit(1)
	}
}

// compareStep runs compare on corpora in a temporary folder, removed after.
func compareStep(bin, baseline, seedDir, hantDir string, mb float64, runs int) error {
	dir, err := os.MkdirTemp("", "cnie-bench-compare-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	hans, err := readSeeds(seedDir)
	if err != nil {
		return err
	}
	return compare(bin, baseline, dir, hans, hantDir, mb, runs)
}

func run(bin, seedDir string, mb, hmmMB float64, runs, repeat int, keep bool) error {
	if _, err := os.Stat(bin); err != nil {
		return fmt.Errorf("%v (run make build first)", err)
	}
	seeds, err := readSeeds(seedDir)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "cnie-bench-")
	if err != nil {
		return err
	}
	if keep {
		fmt.Println("corpus in", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	load0 := loadAvg()

	corpusPath := filepath.Join(dir, "corpus.jsonl")
	t0 := time.Now()
	// Linux counts this process's peak resident set as each child's (the
	// child shares this process's memory until exec; Go starts children with
	// vfork), so the corpus is streamed to disk, never held, until cnie has
	// run.
	count, size, err := generate(corpusPath, seeds, int(mb*1e6), rand.New(rand.NewPCG(11, 2026)))
	if err != nil {
		return err
	}
	fmt.Printf("generated %d articles, %.1f MB of text, in %.1f s\n", count, float64(size)/1e6, time.Since(t0).Seconds())
	small := filepath.Join(dir, "small.txt")
	if err := os.WriteFile(small, []byte(smallArticle(seeds[0])), 0o644); err != nil {
		return err
	}

	var one, all result
	for i := 0; i < max(repeat, 1); i++ {
		r1, err := runCnie(bin, corpusPath, true)
		if err != nil {
			return err
		}
		r2, err := runCnie(bin, corpusPath, false)
		if err != nil {
			return err
		}
		one, all = faster(one, r1), faster(all, r2)
	}
	cold, err := coldStart(bin, small, runs)
	if err != nil {
		return err
	}

	texts, err := readTexts(corpusPath)
	if err != nil {
		return err
	}
	gs, err := gseSpeeds(texts, int(hmmMB*1e6))
	if err != nil {
		return err
	}
	load1 := loadAvg()

	mbps := func(d time.Duration) float64 { return float64(size) / 1e6 / d.Seconds() }
	oneMBps, allMBps := mbps(one.wall), mbps(all.wall)
	oneCPU, allCPU := mbps(one.cpu), mbps(all.cpu)
	fmt.Printf("\ncnie end to end on %.1f MB (%d articles); load average %s before, %s after; %d cores\n",
		float64(size)/1e6, count, load0, load1, runtime.NumCPU())
	fmt.Printf("MB/s of wall time; in brackets MB per CPU-second (user+system), which other load skews less\n\n")
	fmt.Printf("%-44s %22s  %-26s %s\n", "figure", "measured", "goal", "")
	row := func(name, val, goal string, ok bool) {
		mark := "MET"
		if !ok {
			mark = "not met"
		}
		if goal == "" {
			mark = ""
		}
		fmt.Printf("%-44s %22s  %-26s %s\n", name, val, goal, mark)
	}
	both := func(wall, cpu float64, unit string) string {
		return fmt.Sprintf("%.2f%s (%.2f)", wall, unit, cpu)
	}
	row("throughput, 1 core (GOMAXPROCS=1, -j 1)", both(oneMBps, oneCPU, " MB/s"), "", true)
	row(fmt.Sprintf("throughput, all cores (%d)", runtime.NumCPU()), both(allMBps, allCPU, " MB/s"), "", true)
	row("all cores / 1 core (wall)", fmt.Sprintf("%.2fx", allMBps/oneMBps), ">= 1.8x on 2 cores", allMBps/oneMBps >= 1.8)
	// Cores cnie kept busy: below its worker count, the machine's other load
	// (or a serial stage) held it back; CPU per MB says what parallelism cost.
	row("  cores busy (CPU time / wall), 1 / all", fmt.Sprintf("%.2f / %.2f", one.cpu.Seconds()/one.wall.Seconds(),
		all.cpu.Seconds()/all.wall.Seconds()), "", true)
	row("gse Cut with HMM, 1 core", both(gs.hmm, gs.hmmCPU, " MB/s"), "", true)
	row("gse Segment (no HMM), 1 core", both(gs.segment, gs.segmentCPU, " MB/s"), "", true)
	row("cnie's segmenter (compiled gse dict), 1 core", both(gs.compiled, gs.compiledCPU, " MB/s"), "", true)
	row("end to end / gse Cut with HMM, 1 core", both(100*oneMBps/gs.hmm, 100*oneCPU/gs.hmmCPU, "%"), ">= 60%", oneMBps/gs.hmm >= 0.6)
	row("end to end / gse Segment, 1 core", both(100*oneMBps/gs.segment, 100*oneCPU/gs.segmentCPU, "%"), ">= 60% (100% if partial)", oneMBps/gs.segment >= 0.6)
	row("cold start, one small article (median)", fmt.Sprintf("%.0f ms", ms(cold.median)), "<= 300 ms", cold.median <= 300*time.Millisecond)
	row("  cold start min / max", fmt.Sprintf("%.0f / %.0f ms", ms(cold.min), ms(cold.max)), "", true)
	row("peak RSS, 1 core run", fmt.Sprintf("%.0f MB", one.rssMB), "<= 200 MB", one.rssMB <= 200)
	row("peak RSS, all cores run", fmt.Sprintf("%.0f MB", all.rssMB), "<= 200 MB", all.rssMB <= 200)
	row("peak RSS, cold start", fmt.Sprintf("%.0f MB", cold.rssMB), "", true)
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// loadAvg is the first three fields of /proc/loadavg, or "?".
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// seed is one seed article cut into paragraphs of sentences.
type seed struct {
	lines [][]string
}

func readSeeds(dir string) ([]seed, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no seed .txt files", dir)
	}
	var seeds []seed
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var s seed
		for _, line := range strings.Split(string(b), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				s.lines = append(s.lines, sentences(line))
			}
		}
		seeds = append(seeds, s)
	}
	return seeds, nil
}

// sentences cuts a paragraph after each 。！？; (the last piece may lack one).
func sentences(p string) []string {
	var out []string
	start := 0
	for i, r := range p {
		if r == '。' || r == '！' || r == '？' || r == '；' {
			end := i + utf8.RuneLen(r)
			out = append(out, p[start:end])
			start = end
		}
	}
	if start < len(p) {
		out = append(out, p[start:])
	}
	return out
}

// article is one line of the generated corpus.
type article struct {
	ID        string `json:"id"`
	Title     string `json:"title,omitempty"`
	Text      string `json:"text"`
	Published string `json:"published,omitempty"`
}

// generate writes JSON Lines articles to path until their texts hold at
// least size bytes, and returns how many articles it wrote and their texts'
// total size.
func generate(path string, seeds []seed, size int, rng *rand.Rand) (int, int, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, 0, err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	var pool []string // every sentence of every seed
	for _, s := range seeds {
		for _, p := range s.lines {
			pool = append(pool, p...)
		}
	}
	total, n := 0, 0
	for ; total < size; n++ {
		var b strings.Builder
		y, m, d := 2015+rng.IntN(12), 1+rng.IntN(12), 1+rng.IntN(28)
		if rng.IntN(3) > 0 { // most articles have a dateline
			fmt.Fprintf(&b, "新华社北京%d年%d月%d日电\n", y, m, d)
		}
		target := 1500 + rng.IntN(20000)
		for b.Len() < target {
			// a paragraph: a run of one seed's sentences, or a mix of any
			if rng.IntN(2) == 0 {
				s := seeds[rng.IntN(len(seeds))]
				p := s.lines[rng.IntN(len(s.lines))]
				for _, sent := range p {
					b.WriteString(vary(sent, rng))
				}
			} else {
				for k := 1 + rng.IntN(6); k > 0; k-- {
					b.WriteString(vary(pool[rng.IntN(len(pool))], rng))
				}
			}
			b.WriteByte('\n')
		}
		a := article{ID: fmt.Sprintf("gen%06d", n), Text: b.String()}
		if rng.IntN(2) == 0 {
			a.Published = fmt.Sprintf("%04d-%02d-%02d", y, m, d)
		}
		if first, _, _ := strings.Cut(a.Text, "\n"); rng.IntN(2) == 0 {
			a.Title = first
		}
		if err := enc.Encode(&a); err != nil {
			f.Close()
			return 0, 0, err
		}
		total += len(a.Text)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return 0, 0, err
	}
	return n, total, f.Close()
}

// readTexts reads back the texts of a generated corpus.
func readTexts(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	var texts []string
	for line := 1; sc.Scan(); line++ {
		var a article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, line, err)
		}
		texts = append(texts, a.Text)
	}
	return texts, sc.Err()
}

// vary changes the numbers of s: a year (19xx, 20xx) to another year, any
// other run of ASCII digits to a random number of the same length.
func vary(s string, rng *rand.Rand) string {
	b := []byte(s)
	for i := 0; i < len(b); {
		if b[i] < '0' || b[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(b) && b[j] >= '0' && b[j] <= '9' {
			j++
		}
		if j-i == 4 && (b[i] == '1' && b[i+1] == '9' || b[i] == '2' && b[i+1] == '0') {
			copy(b[i:j], fmt.Sprintf("%04d", 1995+rng.IntN(36)))
		} else {
			for k := i; k < j; k++ {
				lo := 0
				if k == i && j-i > 1 {
					lo = 1
				}
				b[k] = byte('0' + lo + rng.IntN(10-lo))
			}
		}
		i = j
	}
	return string(b)
}

// smallArticle is a few hundred bytes: a seed's first lines.
func smallArticle(s seed) string {
	var b strings.Builder
	for _, p := range s.lines {
		for _, sent := range p {
			if b.Len() > 300 {
				return b.String()
			}
			b.WriteString(sent)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// result is one cnie run.
type result struct {
	wall, cpu time.Duration // cpu: the child's user and system time
	rssMB     float64
}

func runCnie(bin, input string, oneCore bool) (result, error) {
	args := []string{"run", "--quiet"}
	env := os.Environ()
	if oneCore {
		args = append(args, "-j", "1")
		env = append(env, "GOMAXPROCS=1")
	}
	cmd := exec.Command(bin, append(args, input)...)
	cmd.Env = env
	var stderr strings.Builder
	cmd.Stderr = &stderr // records go to the null device
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return result{}, fmt.Errorf("%s: %v: %s", strings.Join(cmd.Args, " "), err, clip(stderr.String()))
	}
	ps := cmd.ProcessState
	return result{wall: wall, cpu: ps.UserTime() + ps.SystemTime(), rssMB: maxRSS(ps)}, nil
}

// faster returns the faster run, with the larger peak RSS of the two.
func faster(a, b result) result {
	r := b
	if a.wall > 0 && a.wall <= b.wall {
		r = a
	}
	r.rssMB = max(a.rssMB, b.rssMB)
	return r
}

// maxRSS is the child's peak resident set in MB (Linux reports kilobytes).
func maxRSS(ps *os.ProcessState) float64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return float64(ru.Maxrss) / 1024
	}
	return 0
}

func clip(s string) string {
	if len(s) > 500 {
		return s[:500] + "…"
	}
	return s
}

// cold is the cold-start figures.
type cold struct {
	median, min, max time.Duration
	rssMB            float64
}

func coldStart(bin, article string, runs int) (cold, error) {
	var ds []time.Duration
	var rss float64
	for i := 0; i < max(runs, 1); i++ {
		cmd := exec.Command(bin, "run", "--quiet", article)
		out, err := cmd.StdoutPipe()
		if err != nil {
			return cold{}, err
		}
		start := time.Now()
		if err := cmd.Start(); err != nil {
			return cold{}, err
		}
		line, rerr := bufio.NewReader(out).ReadString('\n')
		d := time.Since(start)
		_, _ = io.Copy(io.Discard, out)
		werr := cmd.Wait()
		if rerr != nil || werr != nil || !strings.HasPrefix(line, "{") {
			return cold{}, fmt.Errorf("cold start run %d: %v %v %q", i, rerr, werr, clip(line))
		}
		ds = append(ds, d)
		rss = max(rss, maxRSS(cmd.ProcessState))
	}
	slices.Sort(ds)
	return cold{median: ds[len(ds)/2], min: ds[0], max: ds[len(ds)-1], rssMB: rss}, nil
}

// speeds is segmentation throughput on one core in MB/s: of wall time,
// and of this process's CPU time.
type speeds struct {
	segment, hmm, compiled          float64
	segmentCPU, hmmCPU, compiledCPU float64
}

func gseSpeeds(texts []string, hmmBytes int) (speeds, error) {
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	var sp speeds

	seg, err := segment.New()
	if err != nil {
		return sp, err
	}
	var toks []segment.Token
	sp.compiled, sp.compiledCPU = timeTexts(texts, 0, func(t string) { toks = seg.Cut(t, toks[:0]) })

	var g gse.Segmenter
	g.SkipLog = true
	if err := g.LoadDictEmbed("zh_s"); err != nil { // with the HMM model, for Cut
		return sp, fmt.Errorf("loading gse: %w", err)
	}
	if g.Dictionary() == nil {
		return sp, errors.New("gse loaded no dictionary")
	}
	debug.FreeOSMemory()
	sp.segment, sp.segmentCPU = timeTexts(texts, 0, func(t string) { g.Segment([]byte(t)) })
	sp.hmm, sp.hmmCPU = timeTexts(texts, hmmBytes, func(t string) { g.Cut(t, true) })
	return sp, nil
}

// timeTexts runs f over texts (the first limit bytes' worth, if limit > 0)
// and returns MB/s of wall time and of CPU time.
func timeTexts(texts []string, limit int, f func(string)) (wall, cpu float64) {
	n := 0
	cpu0 := cpuTime()
	start := time.Now()
	for _, t := range texts {
		if limit > 0 && n >= limit {
			break
		}
		f(t)
		n += len(t)
	}
	mb := float64(n) / 1e6
	return mb / time.Since(start).Seconds(), mb / (cpuTime() - cpu0).Seconds()
}

// cpuTime is this process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
