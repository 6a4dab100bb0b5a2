// Package cniebeam is cnie's extraction as an Apache Beam pipeline (issue
// #23), for corpora too large for one machine: the same per-article
// processing as `cnie run` (pipeline.New and (*pipeline.Pipeline).Process,
// corpus.OpenReader for the inputs), spread by a Beam runner over workers.
//
// The graph, for Config c:
//
//	patterns ─match─▶ files ─reshuffle─▶ read ─▶ KV<doc_id·sha256, article>
//	   ─combine (keep the first by source, line)─▶ process ─▶ records
//	records ─shard─▶ GBK ─▶ c.Output-NNNNN-of-NNNNN.jsonl (or .parquet)
//	errors of match, read, process (and of the Parquet write)
//	   ─▶ GBK ─▶ c.Errors-NNNNN-of-NNNNN.jsonl
//
// Files are read whole, each by one worker, in order, so that an article
// gets exactly the source, line and id that `cnie run` gives it (an article
// without an id gets FILE:LINE in JSON Lines, the file's base name for .txt);
// the extraction, which costs a hundred times more than reading, is what
// the shuffle after reading spreads over every worker.
package cniebeam

import (
	"bufio"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/options/jobopts"
	// The file systems inputs and outputs may be on.
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/extract"
	"github.com/cnie/cnie/locale"
	"github.com/cnie/cnie/parquetout"
	"github.com/cnie/cnie/pipeline"
	"github.com/cnie/cnie/record"
)

func init() {
	register.DoFn4x1[context.Context, string, func(string), func(string), error](&matchFn{})
	register.DoFn4x1[context.Context, string, func(string, corpus.Article), func(string), error](&readFn{})
	register.Function2x1[corpus.Article, corpus.Article, corpus.Article](keepFirst)
	register.DoFn5x0[context.Context, string, corpus.Article, func(int, string), func(string)](&processFn{})
	register.DoFn3x1[context.Context, int, func(*string) bool, error](&writeFn{})
	register.DoFn4x1[context.Context, int, func(*string) bool, func(string), error](&parquetFn{})
	register.Function1x2[int, int, string](emptyShard)
	register.DoFn1x2[string, int, string](&shardFn{})
	register.Emitter1[string]()
	register.Emitter2[string, corpus.Article]()
	register.Emitter2[int, string]()
	register.Iter1[string]()
}

// Namespace is the namespace of the pipeline's Beam counters.
const Namespace = "cnie"

// Counter names (in Namespace). Mentions are counted per entity type as
// "mentions_" + type (mentions_money, mentions_org, ...).
const (
	CounterFiles      = "files"         // input files matched
	CounterRead       = "articles_read" // articles read, duplicates included
	CounterArticles   = "articles"      // articles processed, each (doc_id, sha256) once
	CounterBytes      = "bytes"         // UTF-8 bytes of the processed texts
	CounterErrors     = "errors"        // error records written
	CounterLoads      = "pipeline_loads"
	MentionsPrefix    = "mentions_"
	defaultMaxArticle = corpus.DefaultMaxArticleBytes
)

var (
	files      = beam.NewCounter(Namespace, CounterFiles)
	readCount  = beam.NewCounter(Namespace, CounterRead)
	articles   = beam.NewCounter(Namespace, CounterArticles)
	textBytes  = beam.NewCounter(Namespace, CounterBytes)
	errorCount = beam.NewCounter(Namespace, CounterErrors)
	loads      = beam.NewCounter(Namespace, CounterLoads)
	mentions   = map[string]beam.Counter{}
)

func init() {
	for _, t := range extract.Types {
		mentions[string(t)] = beam.NewCounter(Namespace, MentionsPrefix+string(t))
	}
}

// Config is what a run reads, writes and how it extracts.
type Config struct {
	// Inputs are file patterns (local paths, gs://, s3://; * and ? as the
	// file system's List takes them) of .txt, .jsonl, .ndjson and .json
	// files, any of them .gz.
	Inputs []string
	// Output and Errors are the prefixes of the record and error shards:
	// PREFIX-NNNNN-of-NNNNN.jsonl (.jsonl.gz with Gzip; the records'
	// .parquet with Format FormatParquet).
	Output, Errors string
	// Shards and ErrorShards are how many files each output is cut into
	// (at least 1); every shard file is written, empty or not.
	Shards, ErrorShards int
	// Gzip gzips the JSON Lines shards.
	Gzip bool
	// Format is how the records are written: FormatJSONL ("" means it) or
	// FormatParquet, each shard a Parquet file with the rows `cnie run -o
	// F.parquet` writes. Error records are JSON Lines either way.
	Format string
	// RefDate is `cnie run`'s --ref-date (YYYY-MM-DD), or "".
	RefDate string
	// Locale is `cnie run`'s --locale (CN, HK, TW, MO, SG or MY, any
	// case): the locale of articles that bring none; "" lets each text
	// tell.
	Locale string
	// MaxArticleBytes is `cnie run`'s --max-article-bytes; 0 means its
	// default.
	MaxArticleBytes int
}

// The record formats of Config.Format.
const (
	FormatJSONL   = "jsonl"
	FormatParquet = "parquet"
)

// Check reports a Config that cannot run.
func (c Config) Check() error {
	switch {
	case len(c.Inputs) == 0:
		return errors.New("no --input")
	case c.Output == "":
		return errors.New("no --output")
	case c.Shards < 1 || c.ErrorShards < 1:
		return errors.New("--shards and --error-shards must be at least 1")
	case c.MaxArticleBytes < 0:
		return errors.New("--max-article-bytes must be positive")
	case c.Format != "" && c.Format != FormatJSONL && c.Format != FormatParquet:
		return fmt.Errorf("--format %q: it is jsonl or parquet", c.Format)
	case c.Format == FormatParquet && c.Gzip:
		return errors.New("--gzip applies to JSON Lines only, not --format parquet (Parquet pages are compressed)")
	}
	if c.Locale != "" {
		if _, err := locale.Parse(c.Locale); err != nil {
			return fmt.Errorf("--locale: %v", err)
		}
	}
	if c.RefDate != "" {
		if _, err := time.Parse(time.DateOnly, c.RefDate); err != nil {
			return fmt.Errorf("--ref-date %q is not a date YYYY-MM-DD", c.RefDate)
		}
	}
	return nil
}

// noSplits is Prism's experiment that turns off its dynamic splitting of
// bundles.
const noSplits = "prism_disable_sdf_split"

// ExactPrismCounters makes a job on Prism report exact counters, by adding
// the experiment prism_disable_sdf_split to --experiments: Prism v2.78.0
// keeps, of the bundles that report a counter before it has learnt the
// counter's id from the worker, only the last one's value (its metrics
// store holds the pending values by the counter's short id), and its
// dynamic splits of a slow bundle make such bundles finish together (seen
// here: 2 to 4 of 5 articles counted under load, every record written).
// Without splits Prism runs each stage's pending elements as one bundle,
// on one core. Records are the same either way. Call it before running on
// Prism; other runners do not read the experiment.
func ExactPrismCounters() {
	for _, e := range jobopts.GetExperiments() {
		if e == noSplits {
			return
		}
	}
	if *jobopts.Experiments == "" {
		*jobopts.Experiments = noSplits
	} else {
		*jobopts.Experiments += "," + noSplits
	}
}

// Build adds the pipeline to s.
func Build(s beam.Scope, c Config) {
	max := c.MaxArticleBytes
	if max == 0 {
		max = defaultMaxArticle
	}
	errs := c.Errors
	if errs == "" {
		errs = c.Output + "-errors"
	}
	patterns := beam.CreateList(s.Scope("inputs"), c.Inputs)
	paths, matchErrs := beam.ParDo2(s.Scope("match"), &matchFn{}, patterns)
	// Spread the files over the workers: without this the runner fuses
	// reading with matching, and one worker would read every file.
	paths = beam.Reshuffle(s.Scope("spread files"), paths)
	keyed, readErrs := beam.ParDo2(s.Scope("read"), &readFn{MaxArticleBytes: max}, paths)
	unique := beam.CombinePerKey(s.Scope("dedupe"), keepFirst, keyed)
	recs, procErrs := beam.ParDo2(s.Scope("process"), &processFn{RefDate: c.RefDate, Locale: c.Locale, Shards: c.Shards}, unique)
	errList := []beam.PCollection{matchErrs, readErrs, procErrs}
	byShard := group(s.Scope("shard records"), recs, c.Shards)
	if c.Format == FormatParquet {
		// A record with a value its column cannot hold exactly is an
		// error record, as with `cnie run -o F.parquet`.
		unfit := beam.ParDo(s.Scope("write records"), &parquetFn{Prefix: c.Output, Shards: c.Shards}, byShard)
		errList = append(errList, unfit)
	} else {
		beam.ParDo0(s.Scope("write records"), &writeFn{Prefix: c.Output, Shards: c.Shards, Gzip: c.Gzip}, byShard)
	}

	allErrs := beam.Flatten(s.Scope("errors"), errList...)
	keyedErrs := beam.ParDo(s.Scope("shard errors"), &shardFn{Shards: c.ErrorShards}, allErrs)
	errsByShard := group(s.Scope("group errors"), keyedErrs, c.ErrorShards)
	beam.ParDo0(s.Scope("write errors"), &writeFn{Prefix: errs, Shards: c.ErrorShards, Gzip: c.Gzip}, errsByShard)
}

// group groups KV<shard, line> by shard, every shard of 0..shards-1 present
// even when no line falls in it, so that each shard file is written and a
// reader can tell a complete output.
func group(s beam.Scope, lines beam.PCollection, shards int) beam.PCollection {
	idx := make([]int, shards)
	for i := range idx {
		idx[i] = i
	}
	empty := beam.ParDo(s, emptyShard, beam.CreateList(s, idx))
	return beam.GroupByKey(s, beam.Flatten(s, lines, empty))
}

// emptyShard is the marker that makes shard i exist: an empty line, which
// is not written.
func emptyShard(i int) (int, string) { return i, "" }

// ShardName is the name of shard i of n of an output whose files end in
// ext (".jsonl", ".jsonl.gz", ".parquet").
func ShardName(prefix string, i, n int, ext string) string {
	return fmt.Sprintf("%s-%05d-of-%05d%s", prefix, i, n, ext)
}

// Ext is the extension of the record shards of c: ".jsonl", ".jsonl.gz" or
// ".parquet".
func (c Config) Ext() string {
	return ext(c.Format == FormatParquet, c.Gzip)
}

func ext(parquet, gz bool) string {
	switch {
	case parquet:
		return ".parquet"
	case gz:
		return ".jsonl.gz"
	}
	return ".jsonl"
}

// errorLine is the JSON line of an error record, as `cnie run` writes it.
func errorLine(e record.Error) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(e) // a struct of strings: cannot fail
	return strings.TrimSuffix(b.String(), "\n")
}

// fail emits the error record of one input (or line, or article) and
// counts it.
func fail(ctx context.Context, emit func(string), e record.Error) {
	errorCount.Inc(ctx, 1)
	emit(errorLine(e))
}

// unwrapPath drops the operation and path of an *fs.PathError: the error
// record names the source already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// matchFn expands one --input pattern to its files; a pattern that matches
// none, or whose file system fails, is an error record.
type matchFn struct{}

func (f *matchFn) ProcessElement(ctx context.Context, pattern string, emit, failed func(string)) error {
	fsys, err := filesystem.New(ctx, pattern)
	if err != nil {
		fail(ctx, failed, record.Error{Source: pattern, Error: err.Error()})
		return nil
	}
	defer fsys.Close()
	names, err := fsys.List(ctx, pattern)
	if err != nil {
		fail(ctx, failed, record.Error{Source: pattern, Error: unwrapPath(err).Error()})
		return nil
	}
	if len(names) == 0 {
		fail(ctx, failed, record.Error{Source: pattern, Error: "no file matches the pattern"})
		return nil
	}
	sort.Strings(names)
	for _, n := range names {
		files.Inc(ctx, 1)
		emit(n)
	}
	return nil
}

// readFn reads the articles of one file with corpus.OpenReader, keyed by
// doc_id and text digest; what gives no article is an error record.
type readFn struct {
	MaxArticleBytes int
}

func (f *readFn) ProcessElement(ctx context.Context, path string, emit func(string, corpus.Article), failed func(string)) error {
	fsys, err := filesystem.New(ctx, path)
	if err != nil {
		fail(ctx, failed, record.Error{Source: path, Error: err.Error()})
		return nil
	}
	defer fsys.Close()
	rc, err := fsys.OpenRead(ctx, path)
	if err != nil {
		fail(ctx, failed, record.Error{Source: path, Error: unwrapPath(err).Error()})
		return nil
	}
	defer rc.Close()
	for a, err := range corpus.OpenReader(path, bufio.NewReaderSize(rc, 256<<10), corpus.Options{MaxArticleBytes: f.MaxArticleBytes}) {
		if err != nil {
			ce, ok := err.(*corpus.Error)
			if !ok {
				ce = &corpus.Error{Source: path, Err: err}
			}
			// The article's id when it is known (a .txt file's), as
			// `cnie run` writes it.
			fail(ctx, failed, record.Error{Source: ce.Source, Line: ce.Line, DocID: ce.DocID, Error: ce.Err.Error()})
			continue
		}
		readCount.Inc(ctx, 1)
		emit(Key(a), a)
	}
	return nil
}

// Key is the identity under which articles are deduplicated: doc_id and the
// SHA-256 of the text, as an unattended `cnie run` keeps them.
func Key(a corpus.Article) string {
	sum := sha256.Sum256([]byte(a.Text))
	return a.ID + "\x00" + hex.EncodeToString(sum[:])
}

// keepFirst keeps, of two copies of an article, the one met first in input
// order (by source, then line), whatever order the runner merges them in.
func keepFirst(a, b corpus.Article) corpus.Article {
	if b.Source < a.Source || (b.Source == a.Source && b.Line < a.Line) {
		return b
	}
	return a
}

// The pipelines of this process, by reference date and locale: the
// dictionary and lexicons are loaded once per worker process, not per
// bundle or DoFn.
var (
	sharedMu  sync.Mutex
	pipelines = map[[2]string]*pipeline.Pipeline{}
)

func shared(ctx context.Context, refDate, loc string) (*pipeline.Pipeline, error) {
	sharedMu.Lock()
	defer sharedMu.Unlock()
	key := [2]string{refDate, loc}
	if p := pipelines[key]; p != nil {
		return p, nil
	}
	var opt pipeline.Options
	if refDate != "" {
		d, err := time.Parse(time.DateOnly, refDate)
		if err != nil {
			return nil, fmt.Errorf("--ref-date %q is not a date YYYY-MM-DD", refDate)
		}
		opt.RefDate = d
	}
	if loc != "" {
		l, err := locale.Parse(loc)
		if err != nil {
			return nil, fmt.Errorf("--locale: %v", err)
		}
		opt.Locale = string(l)
	}
	p, err := pipeline.New(opt)
	if err != nil {
		return nil, err
	}
	loads.Inc(ctx, 1)
	pipelines[key] = p
	return p, nil
}

// processFn turns each article into its record, keyed by output shard.
type processFn struct {
	RefDate string
	Locale  string
	Shards  int

	p *pipeline.Pipeline
}

func (f *processFn) ProcessElement(ctx context.Context, key string, a corpus.Article, emit func(int, string), failed func(string)) {
	if f.p == nil {
		// Loaded here rather than in Setup, which has no context for the
		// load counter; shared makes it once per process all the same.
		p, err := shared(ctx, f.RefDate, f.Locale)
		if err != nil {
			panic(err) // the program is broken, not the input: fail the bundle
		}
		f.p = p
	}
	rec, err := process(f.p, a)
	if err != nil {
		fail(ctx, failed, record.Error{Source: a.Source, Line: a.Line, DocID: a.ID, Error: err.Error()})
		return
	}
	articles.Inc(ctx, 1)
	textBytes.Inc(ctx, int64(len(a.Text)))
	for _, e := range rec.Entities {
		if c, ok := mentions[e.Type]; ok {
			c.Inc(ctx, 1)
		}
	}
	emit(shardOf(key, f.Shards), string(rec.AppendJSON(nil)))
}

// process runs the pipeline on one article; a panic (an extractor's bug
// that the article triggers) becomes an error naming the article, as in
// `cnie run`, and the job goes on.
func process(p *pipeline.Pipeline, a corpus.Article) (rec record.Record, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("internal error on article %q (please report it with this input): %v", a.ID, v)
		}
	}()
	return p.Process(a), nil
}

// shardOf spreads keys evenly over n shards.
func shardOf(key string, n int) int {
	h := fnv.New32a()
	io.WriteString(h, key)
	return int(h.Sum32() % uint32(n))
}

// shardFn keys error lines by shard.
type shardFn struct {
	Shards int
}

func (f *shardFn) ProcessElement(line string) (int, string) {
	return shardOf(line, f.Shards), line
}

// writeFn writes one shard: its lines, in no particular order, each ending
// in a newline. A retried bundle rewrites the whole file.
type writeFn struct {
	Prefix string
	Shards int
	Gzip   bool
}

func (f *writeFn) ProcessElement(ctx context.Context, shard int, lines func(*string) bool) error {
	return writeShard(ctx, ShardName(f.Prefix, shard, f.Shards, ext(false, f.Gzip)), func(w *bufio.Writer) error {
		var zw *gzip.Writer
		if f.Gzip {
			zw = gzip.NewWriter(w)
			w = bufio.NewWriterSize(zw, 256<<10)
		}
		var line string
		for lines(&line) {
			if line == "" {
				continue // the marker that makes an empty shard exist
			}
			if _, err := w.WriteString(line); err != nil {
				return err
			}
			w.WriteByte('\n')
		}
		if zw == nil {
			return nil
		}
		if err := w.Flush(); err != nil {
			return err
		}
		return zw.Close()
	})
}

// parquetFn writes one shard of records as a Parquet file (package
// parquetout, as `cnie run -o F.parquet`): the records' rows, in no
// particular order. A record with a value its column cannot hold exactly
// (parquetout.ErrRange) is not written: it becomes the error record `cnie
// run` writes for it, emitted. A retried bundle rewrites the whole file.
type parquetFn struct {
	Prefix string
	Shards int
}

func (f *parquetFn) ProcessElement(ctx context.Context, shard int, lines func(*string) bool, unfit func(string)) error {
	return writeShard(ctx, ShardName(f.Prefix, shard, f.Shards, ext(true, false)), func(w *bufio.Writer) error {
		pw := parquetout.NewWriter(w)
		var line string
		for lines(&line) {
			if line == "" {
				continue // the marker that makes an empty shard exist
			}
			// The record as processFn wrote it; every field of its JSON
			// decodes back exactly (numbers as exact rationals).
			var r record.Record
			if err := json.Unmarshal([]byte(line), &r); err != nil {
				return fmt.Errorf("a record that does not decode: %w", err)
			}
			if err := pw.Write(&r); err != nil {
				if !errors.Is(err, parquetout.ErrRange) {
					return err
				}
				fail(ctx, unfit, record.Error{Source: r.Source, Line: r.Line, DocID: r.DocID, Error: err.Error()})
			}
		}
		return pw.Close()
	})
}

// writeShard creates the file name (on any file system of the SDK) and
// fills it through a buffer; an error names the file.
func writeShard(ctx context.Context, name string, fill func(*bufio.Writer) error) error {
	fsys, err := filesystem.New(ctx, name)
	if err != nil {
		return err
	}
	defer fsys.Close()
	fd, err := fsys.OpenWrite(ctx, name)
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	bw := bufio.NewWriterSize(fd, 1<<20)
	err = fill(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := fd.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}
