package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"

	"github.com/cnie/cnie/extract/user"
	"github.com/cnie/cnie/lexicon"
	"github.com/cnie/cnie/pipeline"
)

// lexiconDirs is the value of --lexicon DIR (repeatable): the user lexicon
// folders laid over the embedded lexicons (lexicon.Load). It starts as
// $CNIE_LEXICON (folders separated by the system's list separator, : on
// Unix); a --lexicon flag replaces it.
type lexiconDirs struct {
	dirs    []string
	fromEnv bool
	set     *lexicon.Set // the folders loaded (load); nil: the embedded lexicons alone
}

// lexiconFlag adds --lexicon to fs.
func lexiconFlag(fs *flag.FlagSet) *lexiconDirs {
	l := &lexiconDirs{}
	for _, d := range filepath.SplitList(os.Getenv("CNIE_LEXICON")) {
		if d != "" {
			l.dirs, l.fromEnv = append(l.dirs, d), true
		}
	}
	fs.Var(l, "lexicon", "lay the user lexicon folder `DIR` over the built-in lexicons (orgs/*.tsv, countries.tsv, currencies.tsv, units.tsv…, patterns/*.tsv); repeatable, later folders win (default $CNIE_LEXICON)")
	return l
}

// String implements flag.Value.
func (l *lexiconDirs) String() string {
	if l == nil {
		return ""
	}
	return strings.Join(l.dirs, string(filepath.ListSeparator))
}

// Set implements flag.Value: the first --lexicon replaces $CNIE_LEXICON.
func (l *lexiconDirs) Set(s string) error {
	if l.fromEnv {
		l.dirs, l.fromEnv = nil, false
	}
	l.dirs = append(l.dirs, s)
	return nil
}

// load reads and validates the folders and lays them over the embedded
// lexicons (l.set), and compiles their pattern rules, before any article is
// read; an error names the file and line.
func (l *lexiconDirs) load() error {
	if len(l.dirs) == 0 {
		return nil
	}
	set, err := lexicon.Load(l.dirs...)
	if err != nil {
		return err
	}
	if _, err := user.New(set); err != nil {
		return err
	}
	l.set = set
	return nil
}

// options returns opt with the folders loaded (load), for pipeline.New.
func (l *lexiconDirs) options(opt pipeline.Options) pipeline.Options {
	opt.Lexicons, opt.LexiconSet = l.dirs, l.set
	return opt
}
