package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/cnie/cnie/batch"
	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/extract"
	"github.com/cnie/cnie/locale"
	"github.com/cnie/cnie/pipeline"
	"github.com/cnie/cnie/record"
)

func runCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cnie run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "write records to `FILE` (default standard output); FILE.gz is gzipped; FILE.parquet is Parquet, one row per mention")
	errPath := fs.String("errors", "", "write error records to `FILE` (default standard error); FILE.gz is gzipped")
	refDate := fs.String("ref-date", "", "reference `DATE` (YYYY-MM-DD) for articles that bring none")
	loc := fs.String("locale", "", "`LOCALE` (CN, HK, TW, MO, SG or MY) of articles that bring none; default: what each article's text names, else CN")
	workers := fs.Int("j", runtime.GOMAXPROCS(0), "process `N` articles at once (default: every core)")
	flat := fs.Bool("flat", false, "write one line per entity: {\"doc_id\", \"source\", ...the entity's fields}")
	maxBytes := fs.Int("max-article-bytes", corpus.DefaultMaxArticleBytes, "an article whose text is over `N` bytes (UTF-8) is an error record")
	maxLine := fs.Int("max-line-bytes", 0, "a JSON line or .json file over `N` bytes is an error record (default: "+fmt.Sprint(corpus.LineBytesPerArticleByte)+" times --max-article-bytes)")
	quiet := fs.Bool("quiet", false, "no progress bar and no summary line")
	timeout := fs.Duration("article-timeout", time.Minute, "an article that takes longer than `D` is an error record and the run goes on (0: no bound)")
	explain := fs.Bool("explain", false, "write beside each entity the name of the rule that found it (\"rule\")")
	lex := lexiconFlag(fs)
	var un unattended
	un.flags(fs)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: cnie run [flags] [PATH...]\n\n"+
			"PATH is a folder (walked recursively), a .txt file (one article), a\n"+
			".jsonl/.ndjson file (one article a line: {\"id\", \"title\", \"text\",\n"+
			"\"published\"}), a .json file (one article), any of them .gz, or - for JSON\n"+
			"Lines on standard input; no PATH reads standard input. Text may be UTF-8 or\n"+
			"GB18030 or Big5. An article's doc_id is its \"id\", else its file's path\n"+
			"relative to PATH without extension (:LINE added for a JSON line).\n"+
			"Flags may come before or after paths.\n\nflags:\n")
		fs.PrintDefaults()
	}
	paths, err := parseHelp(fs, args, stdout)
	if err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if err := lex.load(); err != nil {
		fmt.Fprintf(stderr, "cnie run: %v\n", err)
		return exitUsage
	}
	opt := lex.options(pipeline.Options{Explain: *explain})
	if *loc != "" {
		l, err := locale.Parse(*loc)
		if err != nil {
			fmt.Fprintf(stderr, "cnie run: --locale: %v\n", err)
			return exitUsage
		}
		opt.Locale = string(l)
	}
	if *refDate != "" {
		d, err := time.Parse(time.DateOnly, *refDate)
		if err != nil {
			fmt.Fprintf(stderr, "cnie run: --ref-date %q is not a date YYYY-MM-DD\n", *refDate)
			return exitUsage
		}
		opt.RefDate = d
	}
	switch {
	case *workers < 1:
		fmt.Fprintf(stderr, "cnie run: -j %d: must be at least 1\n", *workers)
		return exitUsage
	case *maxBytes < 1:
		fmt.Fprintf(stderr, "cnie run: --max-article-bytes %d: must be at least 1\n", *maxBytes)
		return exitUsage
	case *maxLine < 0 || *maxLine > 0 && *maxLine < *maxBytes:
		fmt.Fprintf(stderr, "cnie run: --max-line-bytes %d: must be at least --max-article-bytes (%d)\n", *maxLine, *maxBytes)
		return exitUsage
	}
	if isParquet(*out) && *flat {
		fmt.Fprintln(stderr, "cnie run: --flat does not go with -o FILE.parquet: its rows are one per mention already")
		return exitUsage
	}
	if msg := un.check(*out != "", *flat); msg != "" {
		fmt.Fprintf(stderr, "cnie run: %s\n", msg)
		return exitUsage
	}

	start := time.Now() // the summary's seconds include loading the dictionary
	if un.on() {
		// Before loading the dictionary, so that a second run on a held
		// state refuses at once.
		if err := un.start(stderr, lex.set.Hash()); err != nil {
			fmt.Fprintf(stderr, "cnie run: %v\n", err)
			return exitError
		}
		defer un.abandon() // on an early return; a no-op after close
	}
	recOut, err := create(*out, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "cnie run: %v\n", err)
		return exitError
	}
	errOut, err := create(*errPath, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "cnie run: %v\n", err)
		return exitError
	}
	src := corpus.Open(paths, corpus.Options{Stdin: stdin, MaxArticleBytes: *maxBytes, MaxLineBytes: *maxLine})
	work := true
	if un.on() {
		// Only what was not emitted before; and if that is nothing, the
		// dictionary is not even loaded.
		var stop func()
		src, work, stop = peekArticle(un.run.Filter(src))
		defer stop()
	}
	var p *pipeline.Pipeline
	if work {
		if p, err = pipeline.New(opt); err != nil {
			fmt.Fprintf(stderr, "cnie run: %v\n", err)
			return exitError
		}
	}

	prog := newProgress(stderr, *quiet)
	var line []byte // one record's line, reused: records are written from one goroutine
	errEnc := json.NewEncoder(errOut)
	errEnc.SetEscapeHTML(false)
	writeRecord := func(r *record.Record) error {
		if *flat {
			return writeFlat(recOut, r)
		}
		var err error
		line, err = batch.WriteRecord(recOut, r, line)
		return err
	}
	var pq *parquetOut
	if isParquet(*out) {
		pq = newParquetOut(recOut)
		writeRecord = pq.write
	}
	if un.on() {
		writeRecord = un.run.Record
	}
	errorRecord := func(e *corpus.Error) error {
		return errEnc.Encode(record.Error{Source: e.Source, Line: e.Line, DocID: e.DocID, Error: e.Err.Error()})
	}
	var unfit int
	writeRecord = fitting(writeRecord, func(r *record.Record, err error) error {
		unfit++
		return errEnc.Encode(record.Error{Source: r.Source, Line: r.Line, DocID: r.DocID, Error: err.Error()})
	})
	var st batch.Stats
	var runErr error
	if work {
		st, runErr = batch.Run(src, p, batch.Options{
			Workers:        *workers,
			Record:         writeRecord,
			Progress:       prog.update,
			Error:          errorRecord,
			ArticleTimeout: *timeout,
			MemoryPerByte:  memoryPerByte,
		})
	} else {
		st, runErr = errorsOnly(src, errorRecord)
	}
	prog.finish()
	if pq != nil {
		if err := pq.close(); err != nil && runErr == nil {
			runErr = err
		}
	}
	st.Errors += unfit
	for _, c := range []*output{recOut, errOut} {
		if err := c.Close(); err != nil && runErr == nil {
			runErr = err
		}
	}
	if un.on() {
		if err := un.close(st.Errors); err != nil && runErr == nil {
			runErr = err
		}
	}
	if runErr != nil {
		fmt.Fprintf(stderr, "cnie run: writing: %v\n", runErr)
		return exitError
	}
	if !*quiet {
		fmt.Fprintln(stderr, summary(st, time.Since(start)))
		if un.on() {
			fmt.Fprintln(stderr, un.summary())
		}
	}
	if st.Errors > 0 {
		return exitError
	}
	return exitOK
}

// memoryPerByte is the heap a long article may take while it is processed,
// per byte of its text (see batch.Options.MemoryPerByte): its text, its
// entities and one window's working memory come to 5 to 6 times its size,
// and the rest is room for the garbage collector.
const memoryPerByte = 7

// output is a buffered destination: a file (gzipped if its name ends in
// .gz) or a standard stream.
type output struct {
	*bufio.Writer
	zw   *gzip.Writer
	file *os.File
}

// create opens path for writing, or wraps std when path is "".
func create(path string, std io.Writer) (*output, error) {
	if path == "" {
		return &output{Writer: bufio.NewWriterSize(std, 256<<10)}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	o := &output{file: f}
	var w io.Writer = f
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		o.zw = gzip.NewWriter(f)
		w = o.zw
	}
	o.Writer = bufio.NewWriterSize(w, 256<<10)
	return o, nil
}

// Close flushes everything and closes the file, reporting the first error.
func (o *output) Close() error {
	err := o.Flush()
	if o.zw != nil {
		if e := o.zw.Close(); err == nil {
			err = e
		}
	}
	if o.file != nil {
		if e := o.file.Close(); err == nil {
			err = e
		}
	}
	return err
}

// writeFlat writes one line per entity: {"doc_id", "source", ...fields}.
func writeFlat(w io.Writer, r *record.Record) error {
	head, _ := json.Marshal(struct {
		DocID  string `json:"doc_id"`
		Source string `json:"source"`
	}{r.DocID, r.Source})
	head = head[:len(head)-1] // drop "}"
	for _, e := range r.Entities {
		b, err := e.MarshalJSON()
		if err != nil {
			return err
		}
		if _, err := w.Write(head); err != nil {
			return err
		}
		b[0] = ','
		b = append(b, '\n')
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

// summary is the closing line: articles, mentions per type, errors, seconds
// and throughput.
func summary(st batch.Stats, d time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "cnie: %d articles, %d errors; mentions:", st.Articles, st.Errors)
	for _, t := range extract.Types {
		fmt.Fprintf(&b, " %s %d", t, st.Mentions[string(t)])
	}
	sec := d.Seconds()
	fmt.Fprintf(&b, "; %.2f s, %.2f MB/s", sec, float64(st.Bytes)/1e6/max(sec, 1e-9))
	return b.String()
}
