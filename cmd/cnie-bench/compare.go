package main

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"time"
)

// compare is the step that holds a change to a throughput margin: it runs
// each binary on each corpus on one core, alternating (new, baseline, new,
// baseline, …) so that load on a shared machine falls on both alike, and
// prints the medians of CPU time (user + system, which other load skews less
// than wall time) as MB per CPU-second, with the ratios the issues name: the
// build under test against the baseline on simplified text, and traditional
// text against simplified on the build under test.
func compare(bin, baseline, dir string, hans []seed, hantDir string, mb float64, runs int) error {
	hant, err := readSeeds(hantDir)
	if err != nil {
		return err
	}
	type corpus struct {
		name, path string
		size       int
	}
	var cs []corpus
	for _, c := range []struct {
		name  string
		seeds []seed
	}{{"simplified", hans}, {"traditional", hant}} {
		path := filepath.Join(dir, "compare-"+c.name+".jsonl")
		_, size, err := generate(path, c.seeds, int(mb*1e6), rand.New(rand.NewPCG(7, 2026)))
		if err != nil {
			return err
		}
		cs = append(cs, corpus{c.name, path, size})
	}
	bins := []string{bin}
	if baseline != "" {
		bins = append(bins, baseline)
	}
	cpu := map[[2]int][]time.Duration{} // [binary, corpus] -> CPU times
	for range runs {
		for ci, c := range cs {
			for bi, b := range bins {
				r, err := runCnie(b, c.path, true)
				if err != nil {
					return err
				}
				cpu[[2]int{bi, ci}] = append(cpu[[2]int{bi, ci}], r.cpu)
			}
		}
	}
	rate := func(bi, ci int) float64 {
		ts := slices.Clone(cpu[[2]int{bi, ci}])
		slices.Sort(ts)
		return float64(cs[ci].size) / 1e6 / ts[len(ts)/2].Seconds()
	}
	fmt.Printf("\nalternating runs, 1 core, median of %d, MB per CPU-second, on %.0f MB of each script:\n", runs, mb)
	for bi, b := range bins {
		fmt.Printf("  %-40s simplified %6.2f   traditional %6.2f   traditional/simplified %5.1f%%\n",
			b, rate(bi, 0), rate(bi, 1), 100*rate(bi, 1)/rate(bi, 0))
	}
	if baseline != "" {
		fmt.Printf("  this build / baseline: simplified %5.1f%%, traditional %5.1f%%\n",
			100*rate(0, 0)/rate(1, 0), 100*rate(0, 1)/rate(1, 1))
	}
	return nil
}
