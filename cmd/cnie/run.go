package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/extract"
	"github.com/cnie/cnie/pipeline"
	"github.com/cnie/cnie/record"
)

func runCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cnie run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "write records to `FILE` (default standard output)")
	refDate := fs.String("ref-date", "", "reference `DATE` (YYYY-MM-DD) for articles that bring none")
	quiet := fs.Bool("quiet", false, "print no summary")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: cnie run [flags] [PATH...]\n\n"+
			"PATH is a .txt file (one article), a .jsonl/.ndjson file (one article a line:\n"+
			"{\"id\", \"title\", \"text\", \"published\"}), a .json file (one article), or - for\n"+
			"JSON Lines on standard input; no PATH reads standard input. Flags may come\n"+
			"before or after paths.\n\nflags:\n")
		fs.PrintDefaults()
	}
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	var opt pipeline.Options
	if *refDate != "" {
		d, err := time.Parse(time.DateOnly, *refDate)
		if err != nil {
			fmt.Fprintf(stderr, "cnie run: --ref-date %q is not a date YYYY-MM-DD\n", *refDate)
			return exitUsage
		}
		opt.RefDate = d
	}

	w := stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintf(stderr, "cnie run: %v\n", err)
			return exitError
		}
		defer f.Close()
		w = f
	}
	start := time.Now() // the summary's seconds include loading the dictionary
	p, err := pipeline.New(opt)
	if err != nil {
		fmt.Fprintf(stderr, "cnie run: %v\n", err)
		return exitError
	}

	bw := bufio.NewWriterSize(w, 256*1024)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	errEnc := json.NewEncoder(stderr)
	errEnc.SetEscapeHTML(false)
	var st stats
	for a, err := range corpus.Open(paths, corpus.Options{Stdin: stdin}) {
		if err != nil {
			st.errors++
			errEnc.Encode(errorRecord(err))
			continue
		}
		rec := p.Process(a)
		st.add(&rec, len(a.Text))
		if err := enc.Encode(&rec); err != nil {
			fmt.Fprintf(stderr, "cnie run: writing: %v\n", err)
			return exitError
		}
	}
	if err := bw.Flush(); err != nil {
		fmt.Fprintf(stderr, "cnie run: writing: %v\n", err)
		return exitError
	}
	if *out != "" {
		if f, ok := w.(*os.File); ok {
			if err := f.Close(); err != nil {
				fmt.Fprintf(stderr, "cnie run: writing: %v\n", err)
				return exitError
			}
		}
	}
	if !*quiet {
		fmt.Fprintln(stderr, st.summary(time.Since(start)))
	}
	if st.errors > 0 {
		return exitError
	}
	return exitOK
}

// errorRecord turns a read error into the record written for it.
func errorRecord(err error) record.Error {
	if ce, ok := err.(*corpus.Error); ok {
		return record.Error{Source: ce.Source, Line: ce.Line, Error: ce.Err.Error()}
	}
	return record.Error{Error: err.Error()}
}

// stats are the figures of the summary line.
type stats struct {
	articles, errors, bytes int
	byType                  map[string]int
}

func (s *stats) add(r *record.Record, n int) {
	if s.byType == nil {
		s.byType = map[string]int{}
	}
	s.articles++
	s.bytes += n
	for _, e := range r.Entities {
		s.byType[e.Type]++
	}
}

func (s *stats) summary(d time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "cnie: %d articles, %d errors; mentions:", s.articles, s.errors)
	for _, t := range extract.Types {
		fmt.Fprintf(&b, " %s %d", t, s.byType[string(t)])
	}
	sec := d.Seconds()
	fmt.Fprintf(&b, "; %.2f s, %.2f MB/s", sec, float64(s.bytes)/1e6/max(sec, 1e-9))
	return b.String()
}
