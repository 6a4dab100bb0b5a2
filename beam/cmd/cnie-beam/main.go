// Command cnie-beam runs cnie's extraction as an Apache Beam pipeline
// (issue #23): the records of `cnie run`, written as JSON Lines or Parquet
// shards by any Beam runner (Prism, the local runner, by default; Dataflow, Flink,
// Spark with --runner and their flags).
//
//	cnie-beam --input 'PATTERN' [--input ...] --output PREFIX [--errors PREFIX]
//	          [--shards N] [--error-shards N] [--format jsonl|parquet] [--gzip]
//	          [--ref-date YYYY-MM-DD] [--locale CN|HK|TW|MO|SG|MY] [--max-article-bytes N]
//	          [--runner prism|direct|dataflow|flink|spark|universal ...]
//
// Records go to PREFIX-NNNNN-of-NNNNN.jsonl (.parquet with --format
// parquet: the rows `cnie run -o F.parquet` writes), error records, always
// JSON Lines, to the --errors prefix (default: the output prefix with
// -errors). At the end it prints the
// job's counters; it exits 0 when the job succeeded with no error record, 1
// when it wrote error records, 2 on a usage error or a failed job.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/cnie/cnie/beam/cniebeam"
	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/extract"
)

// inputs is the repeatable --input flag.
type inputs []string

func (in *inputs) String() string { return strings.Join(*in, ",") }
func (in *inputs) Set(s string) error {
	*in = append(*in, s)
	return nil
}

func main() {
	var c cniebeam.Config
	flag.Var((*inputs)(&c.Inputs), "input", "file `PATTERN` of .txt, .jsonl, .ndjson or .json files, any of them .gz (local, gs://, s3://); repeatable")
	flag.StringVar(&c.Output, "output", "", "records go to `PREFIX`-NNNNN-of-NNNNN.jsonl (or .parquet)")
	flag.StringVar(&c.Errors, "errors", "", "error records go to `PREFIX`-NNNNN-of-NNNNN.jsonl (default: the output prefix with -errors)")
	flag.IntVar(&c.Shards, "shards", 1, "cut the records into `N` files")
	flag.IntVar(&c.ErrorShards, "error-shards", 1, "cut the error records into `N` files")
	flag.StringVar(&c.Format, "format", cniebeam.FormatJSONL, "write the records as `jsonl` or parquet shards (one Parquet row per mention, as cnie run -o F.parquet); error records are JSON Lines")
	flag.BoolVar(&c.Gzip, "gzip", false, "write .jsonl.gz shards")
	flag.StringVar(&c.RefDate, "ref-date", "", "reference `DATE` (YYYY-MM-DD) for articles that bring none")
	flag.StringVar(&c.Locale, "locale", "", "`LOCALE` (CN, HK, TW, MO, SG or MY) of articles that bring none; default: what each article's text names, else CN")
	flag.IntVar(&c.MaxArticleBytes, "max-article-bytes", corpus.DefaultMaxArticleBytes, "an article larger than `N` bytes is an error record")
	flag.Parse()
	beam.Init() // after flag parsing: a worker started by a runner returns from here only when done
	if flag.NArg() > 0 {
		usage(fmt.Errorf("unexpected argument %q: give inputs with --input", flag.Arg(0)))
	}
	if err := c.Check(); err != nil {
		usage(err)
	}
	for _, in := range c.Inputs {
		if fi, err := os.Stat(in); err == nil && fi.IsDir() {
			usage(fmt.Errorf("--input %s is a folder: give a pattern such as %s", in, filepath.Join(in, "*.jsonl")))
		}
	}

	if r := flag.Lookup("runner"); r == nil || r.Value.String() == "" || r.Value.String() == "prism" {
		cniebeam.ExactPrismCounters() // the exit code and the closing line rest on the counters
	}

	p, s := beam.NewPipelineWithRoot()
	cniebeam.Build(s, c)
	res, err := beamx.RunWithMetrics(context.Background(), p)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cnie-beam: the job failed:", err)
		os.Exit(2)
	}
	if res == nil {
		return // a runner that reports nothing back (dot, or an async submission)
	}
	counts := map[string]int64{}
	for _, r := range res.Metrics().AllMetrics().Counters() {
		if r.Namespace() == cniebeam.Namespace {
			counts[r.Name()] += r.Result()
		}
	}
	fmt.Fprintln(os.Stderr, summary(counts))
	if counts[cniebeam.CounterErrors] > 0 {
		os.Exit(1)
	}
}

// summary is the closing line, in the words of `cnie run`'s.
func summary(c map[string]int64) string {
	var b strings.Builder
	fmt.Fprintf(&b, "cnie-beam: %d files, %d articles read, %d processed (%d duplicates dropped), %d errors, %d bytes; mentions:",
		c[cniebeam.CounterFiles], c[cniebeam.CounterRead], c[cniebeam.CounterArticles],
		c[cniebeam.CounterRead]-c[cniebeam.CounterArticles], c[cniebeam.CounterErrors], c[cniebeam.CounterBytes])
	for _, t := range extract.Types {
		fmt.Fprintf(&b, " %s %d", t, c[cniebeam.MentionsPrefix+string(t)])
	}
	fmt.Fprintf(&b, "; dictionary loads %d", c[cniebeam.CounterLoads])
	var other []string
	for k := range c {
		if !known(k) {
			other = append(other, k)
		}
	}
	sort.Strings(other)
	for _, k := range other {
		fmt.Fprintf(&b, "; %s %d", k, c[k])
	}
	return b.String()
}

func known(k string) bool {
	switch k {
	case cniebeam.CounterFiles, cniebeam.CounterRead, cniebeam.CounterArticles, cniebeam.CounterErrors, cniebeam.CounterBytes, cniebeam.CounterLoads:
		return true
	}
	return strings.HasPrefix(k, cniebeam.MentionsPrefix)
}

func usage(err error) {
	fmt.Fprintln(os.Stderr, "cnie-beam:", err)
	fmt.Fprintln(os.Stderr, "usage: cnie-beam --input PATTERN [--input ...] --output PREFIX [flags]; -h lists every flag, the runners' too")
	os.Exit(2)
}
