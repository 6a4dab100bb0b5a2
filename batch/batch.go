// Package batch runs the pipeline over a stream of articles on many cores
// and hands the results back in input order.
package batch

import (
	"iter"
	"runtime"
	"sync"

	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/pipeline"
	"github.com/cnie/cnie/record"
)

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
}

// Run processes every article of src with p and returns when all are
// written or a callback fails. Articles are read in order by one goroutine,
// processed by opt.Workers, and their results put back in order; at most a
// few articles per worker are in memory at once.
func Run(src iter.Seq2[corpus.Article, error], p *pipeline.Pipeline, opt Options) (Stats, error) {
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
				rec := p.Process(j.a)
				select {
				case results <- result{seq: j.seq, rec: &rec, bytes: len(j.a.Text)}:
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
			if err := st.emit(r, opt); err != nil {
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
