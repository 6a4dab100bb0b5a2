// Package batch runs the pipeline over a stream of articles on many cores
// and hands the results back in input order.
package batch

import (
	"fmt"
	"io"
	"iter"
	"math"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/record"
)

// Processor turns one article into its record; *pipeline.Pipeline is one.
// Process is called from many goroutines at once.
type Processor interface {
	Process(corpus.Article) record.Record
}

// Options sets how a batch runs. The zero value uses every core and
// discards the results.
type Options struct {
	// Workers is how many articles are processed at once; 0 means
	// runtime.GOMAXPROCS(0).
	Workers int
	// Record receives each article's record; Error each input that gave
	// none. Both are called from one goroutine, in input order, so they need
	// no locking. An error they return stops the run.
	Record func(*record.Record) error
	Error  func(*corpus.Error) error
	// Progress, if set, is called after each input with the figures so far,
	// from the same goroutine as Record and Error.
	Progress func(*Stats)
	// ArticleTimeout, if positive, bounds the time one article may take: an
	// article still being processed after it becomes an error record naming
	// it, and the run goes on without waiting. The abandoned work keeps its
	// goroutine (Go cannot stop one) until it ends or the process exits, so
	// this is a safety net against a rule that is slow on some input, not a
	// way to make slow rules cheap. Zero means no bound.
	ArticleTimeout time.Duration
	// MemoryPerByte, if positive, bounds the heap while long articles (of
	// LongArticleBytes or more) are in flight: the Go runtime's soft memory
	// limit is set to MemoryBase plus MemoryPerByte times their text bytes,
	// so that the garbage collector works harder rather than let the heap
	// double, and is put back when none is in flight. It is left alone if
	// a limit is set already (GOMEMLIMIT).
	MemoryPerByte int
}

// LongArticleBytes is the size from which an article counts against
// Options.MemoryPerByte.
const LongArticleBytes = 1 << 20

// MemoryBase is the memory of a run apart from its long articles: the
// dictionary, the lexicons, the small articles in flight.
const MemoryBase = 48 << 20

// memBudget sets the soft memory limit from the long articles in flight.
type memBudget struct {
	perByte  int64
	mu       sync.Mutex
	inflight int64
}

// add counts n more (or, negative, fewer) bytes of long articles in flight.
func (m *memBudget) add(n int) {
	if m == nil || n < LongArticleBytes && n > -LongArticleBytes {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.inflight += int64(n)
	if m.inflight > 0 {
		debug.SetMemoryLimit(MemoryBase + m.perByte*m.inflight)
	} else {
		debug.SetMemoryLimit(math.MaxInt64)
	}
}

// Stats are the figures of a finished run.
type Stats struct {
	Articles, Errors int
	// Bytes is the UTF-8 size of the processed article texts.
	Bytes int64
	// Mentions counts entities by type.
	Mentions map[string]int
}

// result is one input's outcome, numbered in input order.
type result struct {
	seq   int
	rec   *record.Record
	err   *corpus.Error
	bytes int
	size  int // the article's text bytes, counted by memBudget
}

// Run processes every article of src with p and returns when all are
// written or a callback fails. Articles are read in order by one goroutine,
// processed by opt.Workers, and their results put back in order; at most a
// few articles per worker are in memory at once.
//
// A panic while processing one article (a bug the article triggered) does
// not end the run: that article gets an error record naming its source and
// line, and the other articles go on.
func Run(src iter.Seq2[corpus.Article, error], p Processor, opt Options) (Stats, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		seq int
		a   corpus.Article
	}
	jobs := make(chan job, workers)
	results := make(chan result, workers)
	// window bounds the inputs read but not yet written, so that one slow
	// article cannot make the reorder buffer grow without limit.
	window := make(chan struct{}, 4*workers)
	stop := make(chan struct{})
	var mem *memBudget
	if opt.MemoryPerByte > 0 && debug.SetMemoryLimit(-1) == math.MaxInt64 {
		mem = &memBudget{perByte: int64(opt.MemoryPerByte)}
		defer debug.SetMemoryLimit(math.MaxInt64)
	}

	go func() { // reader
		defer close(jobs)
		seq := 0
		for a, err := range src {
			select {
			case window <- struct{}{}:
			case <-stop:
				return
			}
			if err != nil {
				ce, ok := err.(*corpus.Error)
				if !ok {
					ce = &corpus.Error{Err: err}
				}
				select {
				case results <- result{seq: seq, err: ce}:
				case <-stop:
					return
				}
			} else {
				mem.add(len(a.Text))
				select {
				case jobs <- job{seq, a}:
				case <-stop:
					return
				}
			}
			seq++
		}
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				r := processWithin(p, j.seq, j.a, opt.ArticleTimeout)
				r.size = len(j.a.Text)
				select {
				case results <- r:
				case <-stop:
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	st := Stats{Mentions: map[string]int{}}
	pending := map[int]result{}
	next := 0
	var failed error
	for r := range results {
		if failed != nil {
			continue // drain so that every goroutine ends
		}
		pending[r.seq] = r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-window
			err := st.emit(r, opt)
			mem.add(-r.size)
			if err != nil {
				failed = err
				close(stop)
				break
			}
			if opt.Progress != nil {
				opt.Progress(&st)
			}
		}
	}
	return st, failed
}

// processWithin runs process, giving up after limit (if positive): the
// article then gets an error result and its processing is left to finish
// on its own goroutine.
func processWithin(p Processor, seq int, a corpus.Article, limit time.Duration) result {
	if limit <= 0 {
		return process(p, seq, a)
	}
	done := make(chan result, 1) // buffered: an abandoned run never blocks
	start := time.Now()
	go func() { done <- process(p, seq, a) }()
	timer := time.NewTimer(limit)
	defer timer.Stop()
	timedOut := func() result {
		return result{seq: seq, err: &corpus.Error{Source: a.Source, Line: a.Line, DocID: a.ID,
			Err: fmt.Errorf("article %q (%d bytes) took longer than %v to process; abandoned (please report it with this input)", a.ID, len(a.Text), limit)}}
	}
	select {
	case r := <-done:
		// A result and the timer can be ready together, and select picks
		// either: an article that took longer than the limit is over it,
		// whichever came first.
		if time.Since(start) > limit {
			return timedOut()
		}
		return r
	case <-timer.C:
		return timedOut()
	}
}

// process runs p on one article and turns a panic into an error result.
func process(p Processor, seq int, a corpus.Article) (r result) {
	defer func() {
		if v := recover(); v != nil {
			r = result{seq: seq, err: &corpus.Error{Source: a.Source, Line: a.Line, DocID: a.ID,
				Err: fmt.Errorf("internal error on article %q (please report it with this input): %v%s", a.ID, v, panicSite(debug.Stack()))}}
		}
	}()
	if ep, ok := p.(errProcessor); ok {
		rec, err := ep.ProcessArticle(a)
		if err != nil {
			return result{seq: seq, err: &corpus.Error{Source: a.Source, Line: a.Line, DocID: a.ID, Err: err}}
		}
		return result{seq: seq, rec: &rec, bytes: len(a.Text)}
	}
	rec := p.Process(a)
	return result{seq: seq, rec: &rec, bytes: len(a.Text)}
}

// errProcessor is a Processor that may also give an article no record but
// an error (*pipeline.Pipeline: a user pattern rule that timed out).
type errProcessor interface {
	ProcessArticle(corpus.Article) (record.Record, error)
}

func (st *Stats) emit(r result, opt Options) error {
	if r.err != nil {
		st.Errors++
		if opt.Error != nil {
			return opt.Error(r.err)
		}
		return nil
	}
	st.Articles++
	st.Bytes += int64(r.bytes)
	for _, e := range r.rec.Entities {
		st.Mentions[e.Type]++
	}
	if opt.Record != nil {
		return opt.Record(r.rec)
	}
	return nil
}

// panicSite returns " at FUNC (FILE:LINE)" for the frame that panicked,
// read from a goroutine stack trace (the first frame after panic() outside
// the runtime), or "" if it cannot tell.
func panicSite(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, "panic(") {
			continue
		}
		for k := i + 2; k+1 < len(lines); k += 2 {
			fn := lines[k]
			if strings.HasPrefix(fn, "runtime.") {
				continue
			}
			if j := strings.LastIndex(fn, "("); j > 0 {
				fn = fn[:j]
			}
			file := strings.TrimSpace(lines[k+1])
			if j := strings.LastIndex(file, " +0x"); j > 0 {
				file = file[:j]
			}
			return fmt.Sprintf(" at %s (%s)", fn, file)
		}
	}
	return ""
}

// WriteRecord writes r to w as one JSON line, the bytes of r.AppendJSON and
// a newline, with buf as scratch space; it returns buf for reuse. A record
// of many entities (a long article's) is written a piece at a time, so that
// its line is never held whole in memory.
func WriteRecord(w io.Writer, r *record.Record, buf []byte) ([]byte, error) {
	const piece = 64 << 10
	if len(r.Entities) <= 256 {
		buf = append(r.AppendJSON(buf[:0]), '\n')
		_, err := w.Write(buf)
		return buf, err
	}
	head := *r
	head.Entities = []record.Entity{}
	buf = head.AppendJSON(buf[:0]) // ...,"entities":[]}
	buf = buf[:len(buf)-2]
	for i := range r.Entities {
		if i > 0 {
			buf = append(buf, ',')
		}
		e, err := r.Entities[i].MarshalJSON()
		if err != nil {
			return buf, err
		}
		buf = append(buf, e...)
		if len(buf) >= piece {
			if _, err := w.Write(buf); err != nil {
				return buf, err
			}
			buf = buf[:0]
		}
	}
	buf = append(buf, "]}\n"...)
	_, err := w.Write(buf)
	return buf, err
}
