package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/eval"
	"github.com/cnie/cnie/pipeline"
)

func evalCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cnie eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	goldPath := fs.String("gold", "", "gold: a `DIR` of <doc_id>.json files or a .jsonl of cases with their text")
	predPath := fs.String("pred", "", "score this `FILE` of records instead of running the pipeline")
	floors := fs.String("min", "", "exit 1 below any of these `FLOORS`, e.g. value:money=0.96,strict:org=0.85,docset:country=0.98")
	types := fs.String("types", "", "score only these comma-separated `TYPES`")
	show := fs.Int("show-errors", 30, "list up to `N` errors with their context")
	asJSON := fs.Bool("json", false, "print the figures as JSON (the shape of score.py --json)")
	htmlPath := fs.String("html", "", "also write the figures and every error in its context to `FILE` (HTML)")
	lex := lexiconFlag(fs)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: cnie eval --gold DIR|FILE.jsonl [flags]\n\nflags:\n")
		fs.PrintDefaults()
	}
	rest, err := parseHelp(fs, args, stdout)
	if err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if *goldPath == "" || len(rest) > 0 {
		fs.Usage()
		return exitUsage
	}
	if err := lex.load(); err != nil {
		fmt.Fprintf(stderr, "cnie eval: %v\n", err)
		return exitUsage
	}
	fl, err := eval.ParseFloors(*floors)
	if err != nil {
		fmt.Fprintf(stderr, "cnie eval: --min: %v\n", err)
		return exitUsage
	}
	var ts []string
	if *types != "" {
		ts = strings.Split(*types, ",")
	}

	gold, err := eval.LoadGold(*goldPath)
	if err != nil {
		fmt.Fprintf(stderr, "cnie eval: %v\n", err)
		return exitError
	}
	var pred eval.Set
	if *predPath != "" {
		if pred, err = eval.LoadPred(*predPath); err != nil {
			fmt.Fprintf(stderr, "cnie eval: %v\n", err)
			return exitError
		}
	} else if pred, err = predict(gold, lex); err != nil {
		fmt.Fprintf(stderr, "cnie eval: %v\n", err)
		return exitError
	}

	rep := eval.Score(gold, pred, ts)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", " ")
		enc.Encode(rep.JSON())
	} else {
		rep.WriteText(stdout, gold, *show)
	}
	if *htmlPath != "" {
		if err := writeHTMLReport(*htmlPath, rep, gold, *goldPath, *predPath); err != nil {
			fmt.Fprintf(stderr, "cnie eval: --html: %v\n", err)
			return exitError
		}
	}
	if missed := rep.Check(fl); len(missed) > 0 {
		for _, m := range missed {
			fmt.Fprintf(stderr, "cnie eval: %s\n", m)
		}
		return exitError
	}
	return exitOK
}

// predict runs the pipeline on every gold document, with the gold reference
// date as its published date and the gold's locale, if any, as its locale.
func predict(gold eval.Set, lex *lexiconDirs) (eval.Set, error) {
	p, err := pipeline.New(lex.options(pipeline.Options{Explain: true})) // errors show their rule
	if err != nil {
		return nil, err
	}
	pred := eval.Set{}
	for _, g := range gold.Sorted() {
		rec, err := p.ProcessArticle(corpus.Article{ID: g.ID, Text: g.Text, Published: g.RefDate, Locale: g.Locale, Source: g.File})
		if err != nil { // a user pattern rule timed out (--lexicon)
			return nil, fmt.Errorf("%s: %w", g.ID, err)
		}
		b, err := json.Marshal(&rec)
		if err != nil {
			return nil, err
		}
		d, err := eval.ParseDoc(b)
		if err != nil {
			return nil, err
		}
		d.Order = g.Order
		pred[d.ID] = d
	}
	return pred, nil
}

// writeHTMLReport writes the --html page of cnie eval.
func writeHTMLReport(path string, rep *eval.Report, gold eval.Set, goldPath, predPath string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	what := "cnie"
	if predPath != "" {
		what = predPath
	}
	bw := bufio.NewWriter(f)
	err = rep.WriteHTML(bw, gold, "cnie eval: "+what+" against "+goldPath)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
