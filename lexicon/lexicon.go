// Package lexicon holds the word lists the extractors use, as plain
// tab-separated files embedded in the binary, so that a linguist can edit
// them without reading Go. Every file names its sources in its header.
//
// File format: UTF-8, one entry per line, fields separated by tabs; blank
// lines and lines starting with # are ignored.
package lexicon

import (
	"bufio"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
)

//go:embed *.tsv orgs/*.tsv
var files embed.FS

// Row is one entry of a lexicon file: its fields and where it stands.
type Row struct {
	Fields []string
	// Line is the 1-based line number in the file, for error messages.
	Line int
	// File is the file the row was read from, for messages: the path of a
	// user's file (see Load), "" for an embedded one.
	File string
	// ID is the user's own key of the entry (the id column of a user's
	// organisation list), "" if none.
	ID string
}

// Field returns field i, or "" if the row is shorter.
func (r Row) Field(i int) string {
	if i < len(r.Fields) {
		return r.Fields[i]
	}
	return ""
}

// Read returns the rows of the named embedded file (for instance
// "currencies.tsv"), without any user folder: (*Set)(nil).Read.
func Read(name string, minFields, maxFields int) ([]Row, error) {
	return (*Set)(nil).Read(name, minFields, maxFields)
}

// Read returns the rows of the named lexicon file of s (for instance
// "currencies.tsv"). A row must have between minFields and maxFields fields;
// another row is an error naming the file and line.
//
// Every file is also held to its entry in specs: a value outside the closed
// set of a field (an unknown role in org_context.tsv, an unknown kind in
// units.tsv) is an error naming the file and line, never a rule silently
// switched off.
//
// With user folders (Load), the rows are those of the overlay: the
// embedded rows completed or trimmed by the user's, then the user's new
// entries; a row's File says where a user's row came from.
func (s *Set) Read(name string, minFields, maxFields int) ([]Row, error) {
	if s != nil {
		if p, ok := s.rows[name]; ok {
			rows := p.unpack()
			for _, r := range rows {
				if len(r.Fields) < minFields || len(r.Fields) > maxFields {
					where := r.File
					if where == "" {
						where = name
					}
					return nil, fmt.Errorf("lexicon: %s:%d: want %d to %d tab-separated fields, got %d", where, r.Line, minFields, maxFields, len(r.Fields))
				}
			}
			return rows, nil
		}
	}
	data, err := files.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	return parse(name, data, minFields, maxFields)
}

// parse reads the rows of a file's content (see Read).
func parse(name string, data []byte, minFields, maxFields int) ([]Row, error) {
	sp, ok := specOf(name)
	if !ok {
		return nil, fmt.Errorf("lexicon: %s: no entry in specs says what it holds", name)
	}
	var rows []Row
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		for len(f) > minFields && f[len(f)-1] == "" {
			f = f[:len(f)-1]
		}
		if len(f) < minFields || len(f) > maxFields || f[0] == "" {
			return nil, fmt.Errorf("lexicon: %s:%d: want %d to %d tab-separated fields, got %d", name, n, minFields, maxFields, len(f))
		}
		if err := check(sp, f); err != nil {
			return nil, fmt.Errorf("lexicon: %s:%d: %w", name, n, err)
		}
		rows = append(rows, Row{Fields: f, Line: n})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("lexicon: %s: %w", name, err)
	}
	return rows, nil
}

// check holds the fields of a row to its file's spec.
func check(sp spec, f []string) error {
	if len(f) < sp.min || len(f) > sp.max {
		return fmt.Errorf("want %d to %d tab-separated fields, got %d", sp.min, sp.max, len(f))
	}
	for i, allowed := range sp.values {
		if v := (Row{Fields: f}).Field(i); !slices.Contains(allowed, v) {
			return fmt.Errorf("field %d is %q, not one of %s", i+1, v, strings.Join(allowed, ", "))
		}
	}
	return nil
}

// Hash returns the short hex digest of the embedded lexicon files:
// (*Set)(nil).Hash.
func Hash() string { return embeddedHash() }

// Hash returns a short hex digest of every lexicon file of s, names and
// contents, so that output can say which lexicons made it: the embedded
// files, and the user's files of s's folders (Load).
func (s *Set) Hash() string {
	if s != nil && s.hash != "" {
		return s.hash
	}
	return embeddedHash()
}

var embeddedOnce = sync.OnceValue(hashEmbedded)

// embeddedHash returns the digest of the embedded files.
func embeddedHash() string { return embeddedOnce() }

// hashEmbedded computes embeddedHash.
func hashEmbedded() string {
	h := sha256.New()
	var names []string
	_ = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return nil
	})
	sort.Strings(names)
	for _, n := range names {
		b, _ := files.ReadFile(n)
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Files returns the embedded lexicon files: (*Set)(nil).Files.
func Files() fs.FS { return files }

// Files returns the lexicon files of s, for listing a folder of them
// (orgs/*.tsv): the embedded files, and the user's of s's folders (Load).
// s.Read gives their rows.
func (s *Set) Files() fs.FS {
	if s != nil && s.fsys != nil {
		return s.fsys
	}
	return files
}

// spec is what a lexicon file holds: how many fields a row has, and the
// closed set of values of some fields ("" allows the field empty or left
// out).
type spec struct {
	min, max int
	values   map[int][]string // field index -> allowed values
}

// specs holds every lexicon file (or pattern of files) and what it holds;
// the columns are described in each file's header.
// Locales are the locales an article may have (ANNOTATION.md, Traditional
// characters): the closed values of the locale columns.
var Locales = []string{"CN", "HK", "TW", "MO", "SG", "MY"}

var specs = map[string]spec{
	"countries.tsv":      {4, 6, map[int][]string{5: {"", "default"}}},
	"currencies.tsv":     {2, 2, nil},
	"hedges.tsv":         {3, 3, map[int][]string{1: {"before", "after", "not"}, 2: {"approx", "over", "under", "-"}}},
	"org_context.tsv":    {2, 2, map[int][]string{1: OrgContextRoles}},
	"org_heads.tsv":      {2, 3, map[int][]string{1: {"strong", "weak", "not"}, 2: {"", "part"}}},
	"pair_context.tsv":   {1, 1, nil},
	"places.tsv":         {1, 3, map[int][]string{2: {"", "province", "prefecture", "county", "district", "new_area"}}},
	"units.tsv":          {2, 2, map[int][]string{1: {"measure", "classifier", "percent", "point", "tenth", "block"}}},
	"orgs/*.tsv":         {2, 3, nil},
	"locale_cues.tsv":    {4, 4, map[int][]string{1: Locales, 3: {"currency", "year", "body", "usage", "dateline", "media", "place", "word"}}},
	"org_locale.tsv":     {3, 3, map[int][]string{0: Locales}},
	"countries_hant.tsv": {2, 3, nil},
	"org_words.tsv": {2, 2, map[int][]string{1: {"name-end", "not-in-name", "project", "legal-suffix", "generic", "deictic",
		"place-word", "place-suffix", "place-suffix-not", "place-body", "nr-place", "credit", "research-head-prefix", "research-head",
		"gov-head-last", "gov-head-suffix", "company-head-suffix", "university", "university-unit-suffix", "list-count", "list-tail-suffix",
		"home", "listed-context", "latin-suffix", "latin-join", "in-compound", "outlet-not", "publication"}}},
	"org_group_listed.tsv": {4, 4, nil},
	"amount_words.tsv":     {2, 2, map[int][]string{1: {"indefinite", "no-count", "cohort", "session", "slogan-quote", "negative", "negative-not", "compound-join", "index-point", "rate-percent", "price-cue"}}},
	"country_context.tsv":  {2, 2, map[int][]string{1: {"before-not", "after-not", "after-keep", "verb", "verb-place", "pair-before", "side-word", "side-before", "hedge", "region", "pair-org", "state-word", "pair-states"}}},
	"date_words.tsv": {3, 3, map[int][]string{1: {"year-relative", "year-relative-not", "year-duration", "year-part", "year-part-not",
		"year-period", "season", "month-part", "month-part-relative", "relative-day", "relative-week", "relative-month", "ago",
		"nowadays", "plan-after", "year-relative-bound", "relative-quarter", "relative-half", "fiscal-relative", "fiscal-word",
		"fiscal-part", "weekday", "hao-not", "festival", "festival-short", "festival-after", "lunar-month", "date-name",
		"year-two-not-before", "year-two-not-after"}}},
	"money_units.tsv":       {4, 4, map[int][]string{3: {"alone", "no-noun", "compound"}}},
	"locale_currencies.tsv": {2, 2, map[int][]string{0: Locales}},
	"country_partners.tsv":  {2, 2, nil},
	"patterns/*.tsv":        {3, 5, map[int][]string{4: {"", "over"}}}, // user pattern rules only (extract/user)
}

// OrgContextRoles are the roles of lexicon/org_context.tsv.
var OrgContextRoles = []string{"list-tail", "list-mod", "not-start", "event", "byline-not", "region", "outlet", "title", "appositive"}

// specOf returns the spec of a file name.
func specOf(name string) (spec, bool) {
	if sp, ok := specs[name]; ok {
		return sp, true
	}
	for pat, sp := range specs {
		if ok, _ := path.Match(pat, name); ok && strings.ContainsRune(pat, '*') {
			return sp, true
		}
	}
	return spec{}, false
}
