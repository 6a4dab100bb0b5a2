package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"time"

	"github.com/cnie/cnie/batch"
	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/incremental"
	"github.com/cnie/cnie/pipeline"
	"github.com/cnie/cnie/state"
)

// unattended holds the flags of an incremental run (cnie run --state DIR
// --out-dir OUT) and, once started, the run. Its zero value is off.
type unattended struct {
	stateDir, outDir string
	gzip, reprocess  bool
	format           string
	batchArticles    int
	batchSeconds     float64

	run    *incremental.Run
	closed bool
}

// flags declares the flags of incremental runs on fs.
func (u *unattended) flags(fs *flag.FlagSet) {
	fs.StringVar(&u.stateDir, "state", "", "incremental run: keep the bookkeeping in `DIR`, skip articles already emitted (needs --out-dir)")
	fs.StringVar(&u.outDir, "out-dir", "", "incremental run: write records in batches to new files in `OUT`")
	fs.BoolVar(&u.gzip, "gzip", false, "incremental run: write .jsonl.gz files")
	fs.StringVar(&u.format, "format", "jsonl", "incremental run: write `jsonl` or parquet files")
	fs.IntVar(&u.batchArticles, "batch-articles", incremental.DefaultBatchArticles, "incremental run: finish a file every `N` articles")
	fs.Float64Var(&u.batchSeconds, "batch-seconds", incremental.DefaultBatchInterval.Seconds(), "incremental run: finish a file at most `S` seconds after its first article")
	fs.BoolVar(&u.reprocess, "reprocess", false, "incremental run: emit again the articles emitted by other extractors (stale)")
}

// on reports whether this is an incremental run.
func (u *unattended) on() bool { return u.stateDir != "" }

// check returns what is wrong with the flags, or "".
func (u *unattended) check(outFile, flat bool) string {
	switch {
	case u.format != "jsonl" && u.format != "parquet":
		return "--format is jsonl or parquet"
	case u.stateDir == "" && u.outDir == "":
		if u.gzip || u.reprocess || u.format != "jsonl" {
			return "--gzip, --reprocess and --format need --state and --out-dir"
		}
		return ""
	case u.gzip && u.format == "parquet":
		return "--gzip applies to JSON Lines only, not --format parquet (Parquet pages are compressed)"
	case u.stateDir == "" || u.outDir == "":
		return "--state and --out-dir go together"
	case outFile:
		return "-o does not go with --state: records go to files in --out-dir"
	case flat:
		return "--flat does not go with --state: the output files hold one record per article"
	case u.batchArticles <= 0 || u.batchSeconds <= 0:
		return "--batch-articles and --batch-seconds must be positive"
	}
	return ""
}

// start opens the state (refusing at once if another run holds it), tidies
// the output folder and begins the run with lexHash, the hash of its
// lexicons (a record made with others is stale); what it found there goes
// to stderr, --quiet or not.
func (u *unattended) start(stderr io.Writer, lexHash string) error {
	r, err := incremental.Start(incremental.Options{
		State:         u.stateDir,
		Out:           u.outDir,
		Gzip:          u.gzip,
		Parquet:       u.format == "parquet",
		BatchArticles: u.batchArticles,
		BatchInterval: time.Duration(u.batchSeconds * float64(time.Second)),
		Reprocess:     u.reprocess,
		Version:       pipeline.Version,
		Lexicon:       lexHash,
		Note:          func(s string) { fmt.Fprintf(stderr, "cnie run: %s\n", s) },
	})
	if err != nil {
		return err
	}
	u.run = r
	return nil
}

// close finishes the run: the last batch, the run's record, the lock.
func (u *unattended) close(inputErrors int) error {
	u.closed = true
	return u.run.Close(inputErrors)
}

// abandon releases a started run that was not closed.
func (u *unattended) abandon() {
	if u.run != nil && !u.closed {
		u.closed = true
		u.run.Abort()
	}
}

// summary is the closing line of an incremental run.
func (u *unattended) summary() string {
	st := u.run.Stats()
	s := fmt.Sprintf("cnie: run %s: %d emitted into %d files, %d skipped (emitted before)",
		u.run.ID(), st.Emitted, st.Files, st.Skipped)
	if st.Reprocessed > 0 {
		s += fmt.Sprintf(", %d stale re-emitted", st.Reprocessed)
	}
	if st.Stale > 0 {
		s += fmt.Sprintf(", %d stale not re-emitted (--reprocess does)", st.Stale)
	}
	if st.Migrated > 0 {
		s += fmt.Sprintf("; %d recorded under the ids of an earlier version now under their ids", st.Migrated)
	}
	if st.Reconciled > 0 || st.TmpRemoved > 0 {
		s += fmt.Sprintf("; from killed runs: %d files recorded (%d articles), %d temporary files removed",
			st.Reconciled, st.ReconciledArticles, st.TmpRemoved)
	}
	return s
}

// peekArticle reads src up to its first article and reports whether there
// is one; the sequence it returns yields all of src, from the start, once.
// Call stop when done with it (it may be called more than once).
func peekArticle(src iter.Seq2[corpus.Article, error]) (_ iter.Seq2[corpus.Article, error], found bool, stop func()) {
	next, stop := iter.Pull2(src)
	var errs []error
	var first corpus.Article
	for {
		a, err, ok := next()
		if !ok {
			stop()
			break
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		first, found = a, true
		break
	}
	seq := func(yield func(corpus.Article, error) bool) {
		for _, err := range errs {
			if !yield(corpus.Article{}, err) {
				return
			}
		}
		if !found || !yield(first, nil) {
			return
		}
		for {
			a, err, ok := next()
			if !ok || !yield(a, err) {
				return
			}
		}
	}
	return seq, found, stop
}

// errorsOnly writes the error records of src, a source without articles,
// as batch.Run would.
func errorsOnly(src iter.Seq2[corpus.Article, error], write func(*corpus.Error) error) (batch.Stats, error) {
	st := batch.Stats{Mentions: map[string]int{}}
	for _, err := range src {
		if err == nil {
			return st, errors.New("internal error: an article in a source without articles")
		}
		ce, ok := err.(*corpus.Error)
		if !ok {
			ce = &corpus.Error{Err: err}
		}
		st.Errors++
		if err := write(ce); err != nil {
			return st, err
		}
	}
	return st, nil
}

// stateCmd is cnie state DIR: what a state holds.
func stateCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cnie state", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the report as one JSON object")
	lex := lexiconFlag(fs) // stale is counted against these lexicons
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: cnie state [--json] DIR\n\n"+
			"Reports what the state of incremental runs (cnie run --state DIR) holds:\n"+
			"articles emitted, how many are stale (emitted by other extractors than\n"+
			"this binary's), output files, runs and the last run.\n\nflags:\n")
		fs.PrintDefaults()
	}
	pos, err := parseHelp(fs, args, stdout)
	if err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if len(pos) != 1 {
		fs.Usage()
		return exitUsage
	}
	if err := lex.load(); err != nil {
		fmt.Fprintf(stderr, "cnie state: %v\n", err)
		return exitUsage
	}
	s, err := state.Open(pos[0], state.Options{ReadOnly: true})
	if err != nil {
		fmt.Fprintf(stderr, "cnie state: %v\n", err)
		return exitError
	}
	sum, err := s.Summarize(pipeline.Version, lex.set.Hash())
	s.Close()
	if err != nil {
		fmt.Fprintf(stderr, "cnie state: %v\n", err)
		return exitError
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.Encode(sum)
		return exitOK
	}
	fmt.Fprintf(stdout, "state %s\n", sum.Dir)
	fmt.Fprintf(stdout, "articles  %d (%d doc ids)\n", sum.Articles, sum.DocIDs)
	fmt.Fprintf(stdout, "stale     %d (not made by extractors %s, lexicons %s)\n", sum.Stale, sum.Version, sum.Lexicon)
	fmt.Fprintf(stdout, "files     %d\n", sum.Files)
	fmt.Fprintf(stdout, "runs      %d\n", sum.Runs)
	if r := sum.LastRun; r != nil {
		end := "unfinished (running, or killed)"
		if !r.Finished.IsZero() {
			end = "finished " + r.Finished.Format(time.RFC3339) + fmt.Sprintf(" (%.1f s)", r.Finished.Sub(r.Started).Seconds())
		}
		fmt.Fprintf(stdout, "last run  %s, started %s, %s; extractors %s, lexicons %s; %d emitted into %d files, %d skipped, %d stale not re-emitted, %d errors, %d files of killed runs recorded\n",
			r.ID, r.Started.Format(time.RFC3339), end, r.Version, r.Lexicon, r.Emitted, r.Files, r.Skipped, r.Stale, r.Errors, r.Reconciled)
	}
	if r := sum.LastFinished; r != nil && r != sum.LastRun {
		fmt.Fprintf(stdout, "last finished run  %s (every file of it and of earlier runs is recorded)\n", r.ID)
	}
	return exitOK
}
