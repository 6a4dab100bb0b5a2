// Command cnie turns Chinese news articles into normalised facts: money,
// percentages, quantities, dates, organisations and countries, one JSON Lines
// record per article.
//
// Usage:
//
//	cnie run [flags] [PATH...]     extract; see cnie run -h
//	cnie eval --gold DIR [flags]   score against hand-annotated gold
//	cnie state [--json] DIR        what the state of incremental runs holds
//	cnie load --db URL [PATH...]   records into PostgreSQL; see cnie load -h
//	cnie version                   program version and lexicon hash
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/cnie/cnie/lexicon"
	"github.com/cnie/cnie/pipeline"
	"github.com/cnie/cnie/segment"
)

// Exit statuses.
const (
	exitOK    = 0 // every input gave its record
	exitError = 1 // some input gave an error record, or a floor was missed
	exitUsage = 2 // bad command line
)

func main() {
	os.Exit(cnie(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// cnie runs the command line args and returns the exit status.
func cnie(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "run":
		return runCmd(args[1:], stdin, stdout, stderr)
	case "eval":
		return evalCmd(args[1:], stdout, stderr)
	case "state":
		return stateCmd(args[1:], stdout, stderr)
	case "load":
		return loadCmd(args[1:], stdin, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "cnie %s (lexicons %s, %s)\n", pipeline.Version, lexicon.Hash(), deps())
		return exitOK
	case "help", "-h", "--help", "-help":
		usage(stdout)
		return exitOK
	}
	fmt.Fprintf(stderr, "cnie: unknown command %q\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprint(w, `usage:
  cnie run [flags] [PATH...]    extract entities; PATH is .txt, .jsonl/.ndjson, .json or -
  cnie run --state DIR --out-dir OUT [flags] [PATH...]    incremental: each article once
  cnie eval --gold DIR|FILE.jsonl [--pred FILE] [--min FLOORS]
  cnie state [--json] DIR
  cnie load --db postgres://... [--init] [PATH...]    records into PostgreSQL
  cnie version
Run "cnie run -h", "cnie eval -h", "cnie state -h" or "cnie load -h" for their flags.
`)
}

// deps names the segmenter version the binary was built with.
func deps() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "build info unavailable"
	}
	// gse is not linked in: its dictionary is compiled into package segment,
	// which names the gse version and dictionary it was compiled from.
	parts := []string{segment.DictSource(), bi.GoVersion}
	return strings.Join(parts, ", ")
}

// parseInterleaved parses fs over args, allowing flags after positional
// arguments (cnie run a.txt -o out.jsonl), and returns the positional ones.
// Everything after "--" is positional.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		// flag stops at "--" (consumed) or at the first non-flag.
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
