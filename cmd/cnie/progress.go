package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/cnie/cnie/batch"
)

// progress shows a live bar on standard error while a run goes on, when
// standard error is a terminal and the run is not --quiet; otherwise it
// does nothing.
type progress struct {
	bar  *progressbar.ProgressBar
	last time.Time
	seen int
}

func newProgress(w io.Writer, quiet bool) *progress {
	f, ok := w.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return &progress{}
	}
	return &progress{bar: progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("reading"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionClearOnFinish(),
	)}
}

// update moves the bar to the run's figures: articles (the count and
// articles/s) and megabytes read (the description).
func (p *progress) update(st *batch.Stats) {
	if p.bar == nil {
		return
	}
	n := st.Articles + st.Errors
	p.bar.Add(n - p.seen)
	p.seen = n
	if now := time.Now(); now.Sub(p.last) > 200*time.Millisecond {
		p.last = now
		p.bar.Describe(fmt.Sprintf("%.1f MB, %d errors", float64(st.Bytes)/1e6, st.Errors))
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
