package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/show"
)

// showCmd is cnie show: records or articles drawn as HTML pages.
func showCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cnie show", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "write the page to `FILE` (default standard output); more pages go beside it: page.html, page-2.html, page-3.html, …")
	perPage := fs.Int("per-page", show.DefaultPerPage, "at most `N` articles on a page")
	refDate := fs.String("ref-date", "", "reference `DATE` (YYYY-MM-DD) for articles that bring none (articles only)")
	maxBytes := fs.Int("max-article-bytes", corpus.DefaultMaxArticleBytes, "an article larger than `N` bytes is not shown")
	lex := lexiconFlag(fs)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: cnie show [-o page.html] [flags] RECORDS|ARTICLES...\n\n"+
			"Draws each article with its mentions marked, as one self-contained HTML\n"+
			"page (or linked pages of at most --per-page articles). RECORDS are cnie\n"+
			"run's JSON Lines output: each article is read again from the record's\n"+
			"source and line and checked against its sha256. ARTICLES are anything\n"+
			"cnie run reads, extracted first. No path reads standard input.\n\nflags:\n")
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
		fmt.Fprintf(stderr, "cnie show: %v\n", err)
		return exitUsage
	}
	opt := show.Options{Out: *out, PerPage: *perPage, Stdin: stdin, Stdout: stdout, MaxArticleBytes: *maxBytes}
	opt.Pipeline = lex.options(opt.Pipeline)
	if *refDate != "" {
		d, err := time.Parse(time.DateOnly, *refDate)
		if err != nil {
			fmt.Fprintf(stderr, "cnie show: --ref-date %q is not a date YYYY-MM-DD\n", *refDate)
			return exitUsage
		}
		opt.Pipeline.RefDate = d
	}
	if *perPage <= 0 || *maxBytes <= 0 {
		fmt.Fprintln(stderr, "cnie show: --per-page and --max-article-bytes must be positive")
		return exitUsage
	}
	res, err := show.Run(paths, opt)
	if err != nil {
		fmt.Fprintf(stderr, "cnie show: %v\n", err)
		return exitError
	}
	for _, u := range res.Unshown {
		id := ""
		if u.DocID != "" {
			id = " " + u.DocID
		}
		fmt.Fprintf(stderr, "cnie show: %s%s: cannot show: %s\n", u.Where, id, u.Reason)
	}
	if *out != "" {
		fmt.Fprintf(stderr, "cnie show: %d articles on %d pages (%s), %d cannot be shown\n",
			res.Articles, len(res.Files), strings.Join(res.Files, " "), len(res.Unshown))
	}
	if len(res.Unshown) > 0 {
		return exitError
	}
	return exitOK
}
