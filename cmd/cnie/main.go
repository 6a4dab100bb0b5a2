// Command cnie turns Chinese news articles into normalised facts: money,
// percentages, quantities, dates, organisations and countries, one JSON Lines
// record per article.
//
// Usage:
//
//	cnie run [flags] [PATH...]     extract; see cnie run -h
//	cnie eval --gold DIR [flags]   score against hand-annotated gold
//	cnie state [--json] DIR        what the state of incremental runs holds
//	cnie show [-o FILE] PATH...    records or articles as HTML pages
//	cnie load --db URL [PATH...]   records into PostgreSQL; see cnie load -h
//	cnie version [--json]          program version, commit, build date, lexicon hash
package main

import (
	"encoding/json"
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
	case "show":
		return showCmd(args[1:], stdin, stdout, stderr)
	case "load":
		return loadCmd(args[1:], stdin, stdout, stderr)
	case "version", "--version", "-version":
		return versionCmd(args[1:], stdout, stderr)
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
  cnie eval --gold DIR|FILE.jsonl [--pred FILE] [--min FLOORS] [--html FILE]
  cnie state [--json] DIR
  cnie show [-o page.html] RECORDS|ARTICLES...    mentions marked, as HTML
  cnie load --db postgres://... [--init] [PATH...]    records into PostgreSQL
  cnie version [--json]
Run "cnie run -h", "cnie eval -h", "cnie state -h", "cnie show -h" or "cnie load -h" for their flags.
`)
}

// The build's time (RFC 3339), commit and whether the tree had changes
// ("true"), set by the Makefile (-ldflags "-X main.buildDate=..."): a plain
// go build leaves them "", and the commit then comes from Go's VCS stamp
// where there is one.
var buildDate, buildCommit, buildModified string

// versionCmd is cnie version [--json].
func versionCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cnie version", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print version, commit, build date, lexicon hash, segmenter and Go version as one JSON object")
	lex := lexiconFlag(fs)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: cnie version [--json]\n\nflags:\n")
		fs.PrintDefaults()
	}
	pos, err := parseHelp(fs, args, stdout)
	if err == flag.ErrHelp {
		return exitOK
	}
	if err != nil || len(pos) > 0 {
		if err == nil {
			fs.Usage()
		}
		return exitUsage
	}
	if err := lex.load(); err != nil { // the hash covers the user's lexicons
		fmt.Fprintf(stderr, "cnie version: %v\n", err)
		return exitUsage
	}
	v := buildVersion(lex.set)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.Encode(v)
		return exitOK
	}
	fmt.Fprintf(stdout, "cnie %s (lexicons %s, %s)\n", v.Version, v.Lexicons, deps())
	if v.Commit != "" || v.BuildDate != "" {
		fmt.Fprintf(stdout, "commit %s%s, built %s\n", orUnknown(v.Commit), map[bool]string{true: " (modified)"}[v.Modified], orUnknown(v.BuildDate))
	}
	return exitOK
}

// version is what cnie version --json prints.
type version struct {
	Version string `json:"version"`
	// Commit is the VCS revision the binary was built from, and Modified
	// whether the tree had changes; "" and false when unknown.
	Commit   string `json:"commit"`
	Modified bool   `json:"modified"`
	// CommitDate is the commit's time, BuildDate the build's (RFC 3339);
	// "" when unknown.
	CommitDate string `json:"commit_date"`
	BuildDate  string `json:"build_date"`
	Lexicons   string `json:"lexicons"`
	Segmenter  string `json:"segmenter"`
	Go         string `json:"go"`
}

// buildVersion returns what cnie version prints, with the hash of the
// lexicons lx (nil: the built-in ones).
func buildVersion(lx *lexicon.Set) version {
	v := version{Version: pipeline.Version, BuildDate: buildDate, Lexicons: lx.Hash(), Segmenter: segment.DictSource(),
		Commit: buildCommit, Modified: buildModified == "true"}
	if bi, ok := debug.ReadBuildInfo(); ok {
		v.Go = bi.GoVersion
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				v.Commit = s.Value
			case "vcs.time":
				v.CommitDate = s.Value
			case "vcs.modified":
				v.Modified = s.Value == "true"
			}
		}
	}
	return v
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
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

// parseHelp is parseInterleaved for a command whose usage function writes
// to fs.Output(): on -h (flag.ErrHelp) the usage goes to stdout, as cnie
// --help's does; after a mistake it goes where fs writes (standard error).
func parseHelp(fs *flag.FlagSet, args []string, stdout io.Writer) ([]string, error) {
	usage := fs.Usage
	fs.Usage = func() {} // printed below, where it belongs
	pos, err := parseInterleaved(fs, args)
	fs.Usage = usage
	switch {
	case err == flag.ErrHelp:
		out := fs.Output()
		fs.SetOutput(stdout)
		usage()
		fs.SetOutput(out)
	case err != nil:
		usage()
	}
	return pos, err
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
