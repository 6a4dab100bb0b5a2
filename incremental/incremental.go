// Package incremental runs cnie unattended over a growing tree of article
// drops, emitting each article exactly once, through any crash.
//
// An article is identified by its doc_id and the SHA-256 of its text. A Run
// skips the articles its state (package state) has recorded as emitted and
// writes the records of the others in batches: each batch goes to a hidden
// temporary file in the output folder, which is synced, renamed to its
// final name (`<run start>-<sequence>.jsonl`, or .parquet; sortable), the folder synced,
// and only then recorded in the state. Start deletes leftover temporary
// files and records any finished file the state does not know (its run was
// killed between rename and record), so across all finished files each
// article appears exactly once.
package incremental

import (
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/cnie/cnie/batch"
	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/parquetout"
	"github.com/cnie/cnie/record"
	"github.com/cnie/cnie/state"
)

// Defaults for Options.
const (
	DefaultBatchArticles = 1000
	DefaultBatchInterval = 30 * time.Second
)

// RunIDLayout is the layout of a run's ID, its start in UTC: it sorts as
// the runs did, and prefixes the names of the files the run writes.
const RunIDLayout = "20060102T150405.000000000Z"

// finished matches the name of a finished output file.
var finished = regexp.MustCompile(`^(\d{8}T\d{6}\.\d{9}Z)-\d{6}\.(jsonl(\.gz)?|parquet)$`)

// Options sets up a Run. State and Out are required; the zero value of the
// rest gives the defaults.
type Options struct {
	// State is the state folder, Out the folder of the output files; both
	// are created if needed.
	State, Out string
	// Gzip writes .jsonl.gz files.
	Gzip bool
	// Parquet writes .parquet files (package parquetout) instead of JSON
	// Lines; it does not go with Gzip.
	Parquet bool
	// A batch is written when it has BatchArticles records or is
	// BatchInterval old, whichever comes first.
	BatchArticles int
	BatchInterval time.Duration
	// Reprocess re-emits the articles that were emitted by other
	// extractors (stale ones) when they are met again.
	Reprocess bool
	// Version and Lexicon are the extractor version and lexicon hash of
	// this run, recorded for every article it emits.
	Version, Lexicon string
	// LockTimeout is how long to wait for another run's lock on the state
	// (0: state.DefaultLockTimeout).
	LockTimeout time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Note receives what Start found and did in the output folder: files
	// of killed runs tidied, an unreadable line of a finished file; nil
	// discards them.
	Note func(string)
}

// Stats are the figures of a run.
type Stats struct {
	// TmpRemoved is the number of temporary files of killed runs deleted;
	// Reconciled the finished files of killed runs recorded, holding
	// ReconciledArticles records.
	TmpRemoved, Reconciled, ReconciledArticles int
	// Emitted records went into Files finished files.
	Emitted, Files int
	// Skipped articles were emitted before (or met twice in this run);
	// Stale ones were emitted by other extractors and not re-emitted
	// (no Reprocess); Reprocessed ones were, again.
	Skipped, Stale, Reprocessed int
	// Migrated articles were found under the id an earlier version gave
	// them and are now recorded under their id.
	Migrated int
}

// Run is one unattended run. Use Filter on the articles, hand every record
// to Record, and Close it.
type Run struct {
	opt   Options
	store *state.Store
	info  state.Run
	now   func() time.Time

	// newest is the latest run ID among the finished files found at start.
	newest string
	// Read by the goroutine that runs Filter's iterator only.
	passed map[state.Article]bool
	// claimed holds the legacy keys found for an article of this run, so
	// that two articles that shared an id before (a/1.txt and b/1.txt
	// were both 1) do not both take the one record; renames are those
	// still to be written (guarded by mu).
	claimed map[state.Article]bool
	renames []state.Rename

	mu     sync.Mutex // guards everything below, and info's counters
	st     Stats
	seq    int
	cur    *batchFile
	failed error

	stopTick chan struct{}
	tickDone chan struct{}
	stopOnce sync.Once
}

// batchFile is the open temporary file of the current batch.
type batchFile struct {
	name, tmp string
	f         *os.File
	zw        *gzip.Writer
	w         *bufio.Writer
	pw        *parquetout.Writer // for a .parquet batch
	line      []byte             // the record being written, reused
	arts      []state.Article
	opened    time.Time
}

// Start opens the state (failing at once, with an error wrapping
// state.ErrLocked, if another run holds it), deletes leftover temporary
// files in the output folder, records its finished files the state does
// not know, and begins a run.
func Start(opt Options) (*Run, error) {
	if opt.State == "" || opt.Out == "" {
		return nil, errors.New("incremental: a state folder and an output folder are required")
	}
	if opt.Parquet && opt.Gzip {
		return nil, errors.New("incremental: gzip applies to JSON Lines, not Parquet")
	}
	if opt.BatchArticles <= 0 {
		opt.BatchArticles = DefaultBatchArticles
	}
	if opt.BatchInterval <= 0 {
		opt.BatchInterval = DefaultBatchInterval
	}
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	store, err := state.Open(opt.State, state.Options{LockTimeout: opt.LockTimeout})
	if err != nil {
		return nil, err
	}
	r := &Run{opt: opt, store: store, now: now, passed: map[state.Article]bool{}}
	if err := r.begin(); err != nil {
		store.Close()
		return nil, err
	}
	r.stopTick = make(chan struct{})
	r.tickDone = make(chan struct{})
	go r.tick()
	return r, nil
}

// begin tidies the output folder and records the run.
func (r *Run) begin() error {
	if err := os.MkdirAll(r.opt.Out, 0o755); err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	if err := r.tidy(); err != nil {
		return err
	}
	if r.st.Reconciled > 0 || r.st.TmpRemoved > 0 {
		r.note(fmt.Sprintf("%s: recorded %d finished files of killed runs (%d articles), removed %d temporary files",
			r.opt.Out, r.st.Reconciled, r.st.ReconciledArticles, r.st.TmpRemoved))
	}
	// A run's ID is its start, but later than every run before it, in
	// the state or in the output folder, so that file names sort in the
	// order written even if the clock went back.
	t := r.now().UTC()
	last, err := r.store.LastRunID()
	if err != nil {
		return err
	}
	last = max(last, r.newest)
	if lt, err := time.Parse(RunIDLayout, last); err == nil && !t.After(lt) {
		t = lt.Add(time.Nanosecond)
	}
	r.info = state.Run{ID: t.Format(RunIDLayout), Started: t, Version: r.opt.Version, Lexicon: r.opt.Lexicon,
		Reconciled: r.st.Reconciled}
	// Recorded before any file is written, so that a file of this run
	// found later can be told which extractors made it.
	return r.store.PutRun(r.info)
}

// tidy deletes the temporary files of killed runs and records the finished
// files the state does not know.
func (r *Run) tidy() error {
	ents, err := os.ReadDir(r.opt.Out)
	if err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	var names []string
	for _, e := range ents {
		n := e.Name()
		if tmp, ok := strings.CutPrefix(n, "."); ok && strings.HasSuffix(tmp, ".tmp") {
			if finished.MatchString(strings.TrimSuffix(tmp, ".tmp")) {
				if err := os.Remove(filepath.Join(r.opt.Out, n)); err != nil {
					return fmt.Errorf("removing a temporary file of a killed run: %w", err)
				}
				r.st.TmpRemoved++
			}
			continue
		}
		if finished.MatchString(n) && e.Type().IsRegular() {
			names = append(names, n)
		}
	}
	if r.st.TmpRemoved > 0 {
		if err := syncDir(r.opt.Out); err != nil {
			return err
		}
	}
	sort.Strings(names)
	if len(names) > 0 {
		r.newest = finished.FindStringSubmatch(names[len(names)-1])[1]
	}
	for _, n := range names {
		known, err := r.store.HasFile(n)
		if err != nil {
			return err
		}
		if known {
			continue
		}
		if err := r.reconcile(n); err != nil {
			return err
		}
	}
	return nil
}

// reconcile records finished file name, written by a run killed before it
// recorded it: its articles count as emitted by that run's extractors.
func (r *Run) reconcile(name string) error {
	path := filepath.Join(r.opt.Out, name)
	arts, err := readArticles(path, r.note)
	if err != nil {
		return err
	}
	runID := finished.FindStringSubmatch(name)[1]
	run, found, err := r.store.Run(runID)
	if err != nil {
		return err
	}
	if !found {
		r.note(fmt.Sprintf("%s: no run %s in the state; its articles count as stale", path, runID))
	}
	f := state.File{Run: runID, Recorded: r.now().UTC(), Reconciled: true}
	if _, err := r.store.RecordFile(name, f, arts, run.Version, run.Lexicon, nil); err != nil {
		return err
	}
	r.st.Reconciled++
	r.st.ReconciledArticles += len(arts)
	return nil
}

// readArticles reads the doc_id and sha256 of every record of an output
// file. A line that is not a record is reported to note and skipped (its
// article, not recorded, is emitted again).
func readArticles(path string, note func(string)) ([]state.Article, error) {
	if strings.HasSuffix(path, ".parquet") {
		arts, err := parquetout.ReadArticles(path)
		if err != nil {
			// A finished file was synced before its rename: this is damage
			// from outside. Its articles are emitted again.
			note(fmt.Sprintf("%s: %v; its articles are not recorded", path, err))
		}
		return arts, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reconciling: %w", err)
	}
	defer f.Close()
	var in io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("reconciling %s: %w", path, err)
		}
		in = zr
	}
	var arts []state.Article
	br := bufio.NewReaderSize(in, 64<<10)
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(b) > 0 {
			var rec struct {
				DocID  *string `json:"doc_id"`
				SHA256 string  `json:"sha256"`
			}
			switch {
			case b[len(b)-1] != '\n':
				note(fmt.Sprintf("%s:%d: torn last line, skipped", path, line))
			case json.Unmarshal(b, &rec) != nil || rec.DocID == nil || len(rec.SHA256) != 2*sha256.Size:
				note(fmt.Sprintf("%s:%d: not a record with doc_id and sha256, skipped", path, line))
			default:
				arts = append(arts, state.Article{DocID: *rec.DocID, SHA256: rec.SHA256})
			}
		}
		if err == io.EOF {
			return arts, nil
		}
		if err != nil {
			note(fmt.Sprintf("%s:%d: %v; the rest of the file is skipped", path, line, err))
			return arts, nil
		}
	}
}

func (r *Run) note(s string) {
	if r.opt.Note != nil {
		r.opt.Note(s)
	}
}

// ID is the run's ID: its start, in RunIDLayout.
func (r *Run) ID() string { return r.info.ID }

// Filter returns the articles of src that are to be processed: those the
// state has not recorded as emitted, each once, and with Reprocess the
// stale ones. It computes each text's digest and looks it up, which is far
// cheaper than extraction. Errors of src pass through. If the state cannot
// be read, the iteration stops and Close reports why.
func (r *Run) Filter(src iter.Seq2[corpus.Article, error]) iter.Seq2[corpus.Article, error] {
	return func(yield func(corpus.Article, error) bool) {
		for a, err := range src {
			if err != nil {
				if !yield(a, err) {
					return
				}
				continue
			}
			k := state.Article{DocID: a.ID, SHA256: corpus.SHA256(a.Text)}
			if r.passed[k] {
				r.count(func(st *Stats) { st.Skipped++ })
				continue
			}
			e, found, err := r.store.Lookup(k)
			if err != nil {
				r.fail(err)
				return
			}
			if !found && a.LegacyID != "" {
				if e, found, err = r.migrate(k, a.LegacyID); err != nil {
					r.fail(err)
					return
				}
			}
			if found {
				switch {
				case !e.Stale(r.opt.Version, r.opt.Lexicon):
					r.count(func(st *Stats) { st.Skipped++ })
					continue
				case !r.opt.Reprocess:
					r.count(func(st *Stats) { st.Stale++ })
					continue
				}
				r.count(func(st *Stats) { st.Reprocessed++ })
			}
			r.passed[k] = true
			if !yield(a, nil) {
				return
			}
		}
	}
}

// migrate looks up article k under the id an earlier version gave it, and
// if it is recorded there (and no other article of this run took that
// record), moves the record to k: written with the next batch, or at Close.
func (r *Run) migrate(k state.Article, legacyID string) (state.Entry, bool, error) {
	old := state.Article{DocID: legacyID, SHA256: k.SHA256}
	if r.claimed[old] {
		return state.Entry{}, false, nil
	}
	e, found, err := r.store.Lookup(old)
	if err != nil || !found {
		return e, false, err
	}
	if r.claimed == nil {
		r.claimed = map[state.Article]bool{}
	}
	r.claimed[old] = true
	r.mu.Lock()
	r.renames = append(r.renames, state.Rename{From: old, To: k})
	r.st.Migrated++
	var flushErr error
	if len(r.renames) >= 1000 {
		flushErr = r.writeRenames()
	}
	r.mu.Unlock()
	return e, true, flushErr
}

// writeRenames writes the pending renames to the state; r.mu is held. A
// run killed before they are written loses nothing: the next one finds the
// articles under their old ids again.
func (r *Run) writeRenames() error {
	if len(r.renames) == 0 {
		return nil
	}
	_, err := r.store.Rename(r.renames)
	r.renames = r.renames[:0]
	return err
}

func (r *Run) count(f func(*Stats)) {
	r.mu.Lock()
	f(&r.st)
	r.mu.Unlock()
}

func (r *Run) fail(err error) {
	r.mu.Lock()
	if r.failed == nil {
		r.failed = err
	}
	r.mu.Unlock()
}

// Record adds a record to the current batch, and writes the batch when it
// is full.
func (r *Run) Record(rec *record.Record) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.failed != nil {
		return r.failed
	}
	if r.cur == nil {
		if err := r.open(); err != nil {
			return r.setFailed(err)
		}
	}
	b := r.cur
	if b.pw != nil {
		if err := b.pw.Write(rec); err != nil {
			if errors.Is(err, parquetout.ErrRange) {
				// Nothing of the record was written: the article is left
				// out, unrecorded, and the run goes on.
				return err
			}
			return r.setFailed(fmt.Errorf("writing %s: %w", b.tmp, err))
		}
	} else {
		var err error
		if b.line, err = batch.WriteRecord(b.w, rec, b.line); err != nil {
			return r.setFailed(fmt.Errorf("writing %s: %w", b.tmp, err))
		}
	}
	b.arts = append(b.arts, state.Article{DocID: rec.DocID, SHA256: rec.SHA256})
	if len(b.arts) >= r.opt.BatchArticles {
		return r.setFailed(r.flush())
	}
	return nil
}

// setFailed keeps the first error; r.mu is held.
func (r *Run) setFailed(err error) error {
	if err != nil && r.failed == nil {
		r.failed = err
	}
	return err
}

// open starts the next batch's temporary file; r.mu is held.
func (r *Run) open() error {
	r.seq++
	ext := ".jsonl"
	if r.opt.Gzip {
		ext += ".gz"
	}
	if r.opt.Parquet {
		ext = ".parquet"
	}
	name := fmt.Sprintf("%s-%06d%s", r.info.ID, r.seq, ext)
	tmp := filepath.Join(r.opt.Out, "."+name+".tmp")
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	b := &batchFile{name: name, tmp: tmp, f: f, opened: r.now()}
	var w io.Writer = f
	if r.opt.Gzip {
		b.zw = gzip.NewWriter(f)
		w = b.zw
	}
	b.w = bufio.NewWriterSize(w, 256<<10)
	if r.opt.Parquet {
		b.pw = parquetout.NewWriter(b.w)
	}
	r.cur = b
	return nil
}

// flush finishes the current batch: sync, rename, sync the folder, record;
// r.mu is held.
func (r *Run) flush() error {
	b := r.cur
	if b == nil {
		return nil
	}
	r.cur = nil
	var err error
	if b.pw != nil {
		err = b.pw.Close()
	}
	if err == nil {
		err = b.w.Flush()
	}
	if b.zw != nil && err == nil {
		err = b.zw.Close()
	}
	if err == nil {
		err = b.f.Sync()
	}
	if e := b.f.Close(); err == nil {
		err = e
	}
	if err != nil {
		os.Remove(b.tmp)
		return fmt.Errorf("writing %s: %w", b.tmp, err)
	}
	final := filepath.Join(r.opt.Out, b.name)
	if err := os.Rename(b.tmp, final); err != nil {
		os.Remove(b.tmp)
		return fmt.Errorf("output: %w", err)
	}
	if err := syncDir(r.opt.Out); err != nil {
		return err
	}
	// A kill here leaves a finished file the state does not know: the next
	// run's Start records it.
	// The run's figures go with the file, so that a killed run's record
	// still says what it did.
	info := r.info
	info.Emitted, info.Files = r.st.Emitted+len(b.arts), r.st.Files+1
	info.Skipped, info.Stale = r.st.Skipped, r.st.Stale
	f := state.File{Run: r.info.ID, Recorded: r.now().UTC()}
	if _, err := r.store.RecordFile(b.name, f, b.arts, r.opt.Version, r.opt.Lexicon, &info); err != nil {
		return err
	}
	r.info = info
	r.st.Emitted += len(b.arts)
	r.st.Files++
	return nil
}

// tick writes a batch that has waited BatchInterval, so that a slow trickle
// of articles still lands in finished files.
func (r *Run) tick() {
	defer close(r.tickDone)
	period := min(max(r.opt.BatchInterval/4, 10*time.Millisecond), time.Second)
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		select {
		case <-r.stopTick:
			return
		case <-t.C:
			r.mu.Lock()
			if r.cur != nil && r.failed == nil && r.now().Sub(r.cur.opened) >= r.opt.BatchInterval {
				r.setFailed(r.flush())
			}
			r.mu.Unlock()
		}
	}
}

// stopTicker ends tick, once.
func (r *Run) stopTicker() {
	r.stopOnce.Do(func() { close(r.stopTick) })
	<-r.tickDone
}

// Stats returns the figures so far.
func (r *Run) Stats() Stats {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.st
}

// Close writes the last batch, records the run's figures (inputErrors is
// the number of inputs that gave an error record) and releases the state. It
// returns the first error of the run, if any; on one, the current batch is
// discarded (its articles are emitted by the next run).
func (r *Run) Close(inputErrors int) error {
	r.stopTicker()
	r.mu.Lock()
	defer r.mu.Unlock()
	err := r.failed
	if err == nil {
		if err = r.flush(); err == nil {
			err = r.writeRenames()
		}
	} else if r.cur != nil {
		r.cur.f.Close()
		os.Remove(r.cur.tmp)
		r.cur = nil
	}
	r.info.Emitted, r.info.Files = r.st.Emitted, r.st.Files
	r.info.Skipped, r.info.Stale, r.info.Errors = r.st.Skipped, r.st.Stale, inputErrors
	if err == nil {
		r.info.Finished = r.now().UTC()
	}
	if e := r.store.PutRun(r.info); err == nil {
		err = e
	}
	if e := r.store.Close(); err == nil {
		err = e
	}
	return err
}

// Abort ends a run that could not go on (before any article was handed to
// it, or after an error): the current batch is discarded, the run is left
// unfinished in the state, and the state is released.
func (r *Run) Abort() {
	r.stopTicker()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cur != nil {
		r.cur.f.Close()
		os.Remove(r.cur.tmp)
		r.cur = nil
	}
	r.store.Close()
}

// syncDir makes the renames and removals in folder dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	err = d.Sync()
	if e := d.Close(); err == nil {
		err = e
	}
	if err != nil {
		return fmt.Errorf("output folder %s: sync: %w", dir, err)
	}
	return nil
}
