// Package extest runs an extractor's example table (testdata/examples.tsv
// beside each extractor package) as its test suite.
//
// A table is UTF-8 text, one example a line, fields split by tabs:
//
//	text <TAB> reference date <TAB> mention <TAB> mention ...
//
// The reference date is YYYY-MM-DD or - for none, optionally followed by
// the article's locale (`2025-03-01/HK`, `-/TW`: one of lexicon.Locales).
// Each mention the extractor must find, in order, is written `type text =
// value` (as Describe writes it); a single - says the text has none (a
// negative). A mention's text is either the span of the normalised text or
// the raw text as the example writes it (traditional characters stay as
// written).
// In a text or a mention's text, \n, \t and \\ stand for a line break, a tab
// and a backslash. Blank lines and lines starting with # are comments.
package extest

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cnie/cnie/extract"
	"github.com/cnie/cnie/lexicon"
	"github.com/cnie/cnie/normalize"
	"github.com/cnie/cnie/segment"
)

// Example is one row of a table.
type Example struct {
	Line int    // line in the file
	Text string // the text, unescaped
	Ref  string // YYYY-MM-DD, or "" for none
	// Locale is the article's locale (CN, HK, TW, MO, SG, MY), or "".
	Locale string
	Want   []string
}

var unescape = strings.NewReplacer(`\\`, `\`, `\n`, "\n", `\t`, "\t", `\r`, "\r")

// Load reads a table; a malformed row is an error naming file and line.
func Load(path string) ([]Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Example
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Split(line, "\t")
		if len(fs) < 3 {
			return nil, fmt.Errorf("%s:%d: want text, reference date and mentions (or -), split by tabs", path, n)
		}
		ex := Example{Line: n, Text: unescape.Replace(fs[0]), Ref: fs[1]}
		if ref, loc, ok := strings.Cut(ex.Ref, "/"); ok {
			if !slices.Contains(lexicon.Locales, loc) {
				return nil, fmt.Errorf("%s:%d: locale %q is not one of %v", path, n, loc, lexicon.Locales)
			}
			ex.Ref, ex.Locale = ref, loc
		}
		if ex.Ref == "-" {
			ex.Ref = ""
		} else if _, err := time.Parse(time.DateOnly, ex.Ref); err != nil {
			return nil, fmt.Errorf("%s:%d: reference date %q is not YYYY-MM-DD or -", path, n, ex.Ref)
		}
		if len(fs) == 3 && fs[2] == "-" {
			out = append(out, ex)
			continue
		}
		for _, w := range fs[2:] {
			typ, rest, ok := strings.Cut(w, " ")
			if !ok || !strings.Contains(rest, " = ") || !slices.Contains(extract.Types, extract.Type(typ)) {
				return nil, fmt.Errorf("%s:%d: mention %q is not `type text = value`", path, n, w)
			}
			ex.Want = append(ex.Want, unescape.Replace(w))
		}
		out = append(out, ex)
	}
	return out, sc.Err()
}

// Describe writes a mention as the tables do: its type, its text, " = ",
// and its value.
func Describe(text string, m extract.Mention) string {
	var v string
	switch m.Type {
	case extract.Money:
		v = m.Value.String() + " " + m.Currency
	case extract.Percent, extract.Quantity:
		v = m.Value.String() + " " + m.Unit
	case extract.Date:
		if m.StartDate.IsZero() {
			v = "null " + m.Grain
		} else {
			v = m.StartDate.Format(time.DateOnly) + ".." + m.EndDate.Format(time.DateOnly) + " " + m.Grain
		}
	case extract.Org:
		v = m.Canonical
	case extract.Country:
		v = m.Code
	}
	if m.Qualifier != "" {
		v += " " + m.Qualifier
	}
	return string(m.Type) + " " + text[m.Start:m.End] + " = " + v
}

// Segmenter loads the segmenter once for a test binary.
func Segmenter(t testing.TB) *segment.Segmenter {
	t.Helper()
	seg, err := segment.Load()
	if err != nil {
		t.Fatal(err)
	}
	return seg
}

// Run runs x over every example of the tables that pattern names (a file,
// or a glob such as testdata/*.tsv: a package's examples may be split by
// subject), after normalisation, segmentation and Resolve, as the pipeline
// does, and reports each difference. It also checks the rules: every
// mention names a rule of rules, and every rule of rules makes a mention of
// some example. It returns the examples.
func Run(t *testing.T, x extract.Extractor, pattern string, rules []extract.Rule) []Example {
	t.Helper()
	paths, err := filepath.Glob(pattern)
	if err != nil || len(paths) == 0 {
		t.Fatalf("%s: no example table (%v)", pattern, err)
	}
	var all []Example
	used := map[string]bool{}
	for _, path := range paths {
		all = append(all, run(t, x, path, rules, used)...)
	}
	for _, r := range rules {
		if !used[r.Name] {
			t.Errorf("%s: no example shows rule %s", pattern, r.Name)
		}
	}
	return all
}

func run(t *testing.T, x extract.Extractor, path string, rules []extract.Rule, used map[string]bool) []Example {
	t.Helper()
	examples, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := extract.CheckRules(rules); err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, r := range rules {
		listed[r.Name] = true
	}
	seg := Segmenter(t)
	for _, ex := range examples {
		view := normalize.New(ex.Text)
		d := &extract.Doc{Text: view.Text, Locale: ex.Locale}
		if ex.Ref != "" {
			d.Ref, _ = time.Parse(time.DateOnly, ex.Ref)
		}
		d.Tokens = seg.Cut(d.Text, nil)
		ms := extract.Resolve(x.Extract(d, nil))
		got := make([]string, len(ms))
		raw := []rune(ex.Text)
		for i, m := range ms {
			got[i] = Describe(d.Text, m)
			if i < len(ex.Want) && ex.Want[i] != got[i] {
				// The example may write the mention as the raw text has it.
				rs, re := view.Span(m.Start, m.End)
				_, value, _ := strings.Cut(got[i], " = ")
				if alt := string(m.Type) + " " + string(raw[rs:re]) + " = " + value; alt == ex.Want[i] {
					got[i] = alt
				}
			}
			if !listed[m.Rule] {
				t.Errorf("%s:%d: %s: rule %q is not in the package's Rules", path, ex.Line, got[i], m.Rule)
			}
			used[m.Rule] = true
		}
		want := ex.Want
		if want == nil {
			want = []string{}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s:%d: %q (ref %s %s):\n got  %s\n want %s", path, ex.Line, ex.Text, ex.Ref, ex.Locale, fmtList(got), fmtList(want))
		}
	}
	return examples
}

func fmtList(s []string) string {
	if len(s) == 0 {
		return "(none)"
	}
	return fmt.Sprintf("[%s]", strings.Join(s, "; "))
}

// LoadAll reads every table that pattern (a glob) names, in name order.
func LoadAll(pattern string) ([]Example, error) {
	paths, err := filepath.Glob(pattern)
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("%s: no example table", pattern)
	}
	var all []Example
	for _, p := range paths {
		exs, err := Load(p)
		if err != nil {
			return nil, err
		}
		all = append(all, exs...)
	}
	return all, nil
}
