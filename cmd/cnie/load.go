package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/cnie/cnie/load"
)

// loadCmd is cnie load: records into PostgreSQL.
func loadCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cnie load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", os.Getenv("CNIE_DB"), "database `URL` (postgres://user@host:port/db; default $CNIE_DB)")
	doInit := fs.Bool("init", false, "create the tables, or migrate them to this cnie's version")
	chunk := fs.Int("chunk-articles", load.DefaultChunkArticles, "articles per transaction of a plain file (`N`)")
	quiet := fs.Bool("quiet", false, "no summary line")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: cnie load --db URL [--init] [PATH...]\n\n"+
			"Loads records into the tables articles and mentions. PATH is a record\n"+
			"file (.jsonl, .ndjson, .jsonl.gz or .parquet, as cnie run writes them),\n"+
			"a folder of them (cnie run --out-dir batches: loaded in name order, each\n"+
			"file once), or - for JSON Lines on standard input; no PATH reads standard\n"+
			"input. An article already loaded with the same sha256 and version is\n"+
			"skipped; one of another text or version is replaced.\n\nflags:\n")
		fs.PrintDefaults()
	}
	paths, err := parseHelp(fs, args, stdout)
	if err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if *db == "" {
		fmt.Fprintln(stderr, "cnie load: --db URL is required (or $CNIE_DB)")
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	start := time.Now()
	l, err := load.Open(ctx, load.Options{
		DB: *db, Init: *doInit, Stdin: stdin, ChunkArticles: *chunk,
		Note: func(s string) { fmt.Fprintf(stderr, "cnie load: %s\n", s) },
	})
	if err != nil {
		fmt.Fprintf(stderr, "cnie load: %v\n", err)
		return exitError
	}
	defer l.Close()
	if *doInit && len(paths) == 0 {
		return exitOK // --init alone: the tables only
	}
	err = l.Load(ctx, paths)
	st := l.Stats()
	if !*quiet {
		sec := time.Since(start).Seconds()
		fmt.Fprintf(stderr, "cnie load: %d files (%d loaded before), %d records: %d loaded, %d replaced, %d skipped; %d mentions, %d error records not loaded; %d rows in %.2f s, %.0f rows/s\n",
			st.Files, st.FilesSkipped, st.Read, st.Loaded, st.Replaced, st.Skipped, st.Mentions, st.ErrorRecords, st.Rows, sec, float64(st.Rows)/max(sec, 1e-9))
	}
	if err != nil {
		fmt.Fprintf(stderr, "cnie load: %v\n", err)
		return exitError
	}
	return exitOK
}
