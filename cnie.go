// Package cnie finds the facts of Chinese news articles from a Go program:
// money, percentages, quantities, dates, organisations and countries, each
// with its exact span in the text and its normalised value (exact decimals,
// ISO codes, calendar dates read against the article's date).
//
// It is what the cnie command runs, as a library:
//
//	x, err := cnie.New(cnie.Options{})
//	rec, err := x.Extract(ctx, cnie.Article{ID: "a1", Text: text, Published: "2025-04-12"})
//	for _, e := range rec.Entities { ... }
//
// An Extractor loads its dictionary and lexicons once (about a second) and
// is then safe for concurrent use; keep one for the life of the program.
// Stream processes a sequence of articles on every core and gives their
// records back in input order. A Record writes itself as the JSON line
// cnie run writes (Record.AppendJSON); record.Fields describes its fields.
package cnie

import (
	"context"
	"io"
	"iter"
	"time"

	"github.com/cnie/cnie/batch"
	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/pipeline"
	"github.com/cnie/cnie/record"
)

// Article is one article to read: its Text (UTF-8), and optionally an ID,
// a Title (carried to the record, not read), the Published date (YYYY-MM-DD
// or RFC 3339; relative dates such as 去年 are read against it), and where
// it came from (Source, Line).
type Article = corpus.Article

// Record is what cnie finds in one article: its identity (doc_id, sha256,
// version) and its entities, in text order.
type Record = record.Record

// Entity is one mention: type, span (Unicode code points into the text,
// End exclusive), the raw text of the span, and its normalised value.
type Entity = record.Entity

// Options sets up an Extractor. The zero value is ready to use.
type Options struct {
	// RefDate is the reference date of articles that bring none (no
	// Published, no date in their first lines); the zero time means none,
	// and relative dates of such articles stay unresolved.
	RefDate time.Time
	// Locale is the locale (CN, HK, TW, MO, SG or MY) of articles that
	// bring none; "" lets each article's text tell, and CN where it tells
	// nothing. It decides what the text leaves to its place: the currency
	// of a bare 元, ROC years, the fiscal year.
	Locale string
	// Workers is how many articles Stream processes at once; 0 means every
	// core.
	Workers int
	// ArticleTimeout, if positive, bounds the time Stream spends on one
	// article: a slower one yields an error and the stream goes on.
	ArticleTimeout time.Duration
	// Lexicons are user lexicon folders laid over the built-in lexicons
	// (cnie run --lexicon: organisations with ids, extra aliases, pattern
	// rules); see the README's "Your own lexicons and rules".
	Lexicons []string
}

// Extractor finds the entities of articles. It is safe for concurrent use.
type Extractor struct {
	opt Options
	p   *pipeline.Pipeline
}

// New loads the segmenter's dictionary and the lexicons and returns an
// Extractor.
func New(opt Options) (*Extractor, error) {
	p, err := pipeline.New(pipeline.Options{RefDate: opt.RefDate, Locale: opt.Locale, Lexicons: opt.Lexicons})
	if err != nil {
		return nil, err
	}
	return &Extractor{opt: opt, p: p}, nil
}

// Version is the version every record carries: cnie's version and its
// lexicon hash, as cnie version prints them, for an Extractor on the
// built-in lexicons; one with Options.Lexicons says its own
// (Extractor.Version).
func Version() string { return pipeline.RecordVersion() }

// Version is the version every record of x carries: cnie's version and the
// hash of x's lexicons, its user folders included.
func (x *Extractor) Version() string { return x.p.Version() }

// Extract returns the record of one article. It fails only when ctx is
// done before it starts, or when a user pattern rule times out on the
// article; the work on one article (milliseconds) is not interrupted.
func (x *Extractor) Extract(ctx context.Context, a Article) (Record, error) {
	if err := ctx.Err(); err != nil {
		return Record{}, err
	}
	return x.p.ProcessArticle(a)
}

// Stream processes articles on Options.Workers goroutines and yields their
// records in input order, with the errors of src passed through, and an
// error for an article that panicked or timed out (its source and line
// named). It stops early when the loop breaks or ctx is done (yielding
// ctx's error last). src is read from another goroutine.
func (x *Extractor) Stream(ctx context.Context, src iter.Seq2[Article, error]) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		type out struct {
			rec Record
			err error
		}
		ch := make(chan out)
		done := make(chan error, 1)
		send := func(o out) error {
			select {
			case ch <- o:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		guarded := func(y func(Article, error) bool) {
			for a, err := range src {
				if ctx.Err() != nil || !y(a, err) {
					return
				}
			}
		}
		go func() {
			_, err := batch.Run(guarded, x.p, batch.Options{
				Workers:        x.opt.Workers,
				ArticleTimeout: x.opt.ArticleTimeout,
				Record:         func(r *record.Record) error { return send(out{rec: *r}) },
				Error:          func(e *corpus.Error) error { return send(out{err: e}) },
			})
			done <- err
			close(ch)
		}()
		for o := range ch {
			if !yield(o.rec, o.err) {
				cancel()
				for range ch {
				}
				return
			}
		}
		err := <-done
		if err == nil {
			err = ctx.Err()
		}
		if err != nil {
			yield(Record{}, err)
		}
	}
}

// ReadArticles reads JSON Lines articles from r, one a line:
// {"id", "title", "text", "published"}, gzipped or not, UTF-8 or GB18030;
// a bad line is an error naming the line, and reading goes on.
func ReadArticles(r io.Reader) iter.Seq2[Article, error] {
	return corpus.Open([]string{"-"}, corpus.Options{Stdin: r})
}

// Articles yields the given articles, for Stream.
func Articles(as ...Article) iter.Seq2[Article, error] {
	return func(yield func(Article, error) bool) {
		for _, a := range as {
			if !yield(a, nil) {
				return
			}
		}
	}
}
