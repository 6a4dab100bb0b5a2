// Package user runs the user's own pattern rules: the patterns/*.tsv files
// of the user lexicon folders (lexicon.Load, `cnie run --lexicon DIR`), each
// row a rule that finds mentions of a user-defined type (x-…) with a
// pattern in the syntax of github.com/dlclark/regexp2, look-around allowed.
//
// Columns of patterns/*.tsv (tab-separated; the last two may be left out):
//
//	name        the rule's name, unique across the user's files; mentions
//	            carry it as user/NAME (cnie run --explain)
//	type        the entity type, x- then lower-case letters, digits, - or _
//	            (x-stock-code), so that it never collides with a built-in one
//	pattern     the regexp2 pattern; its named groups (?<market>…) become
//	            the fields of the entity's attrs object
//	context     words separated by |: a match is kept only when one of them
//	            stands in the same sentence, within ContextWindow characters
//	            of it; empty keeps every match
//	precedence  "over": a mention of the rule takes precedence over the
//	            built-in mentions it overlaps, which are dropped; empty: a
//	            mention that would split a built-in mention (overlap it
//	            without holding it or lying inside it) is dropped instead
//
// Patterns run on the normalised text (package normalize: full-width forms
// folded to ASCII, traditional characters to simplified), and the mentions
// go through extract.Resolve like any other. regexp2 backtracks, so it
// serves user rules only, never built-in ones: each match runs under
// MatchTimeout, and a rule that times out makes Find return an error, which
// the pipeline turns into the article's error record.
package user

import (
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dlclark/regexp2"

	"github.com/cnie/cnie/extract"
	"github.com/cnie/cnie/lexicon"
	"github.com/cnie/cnie/record"
)

// MatchTimeout bounds the time of one match of a user pattern: a pattern
// that backtracks without end ((a+)+$ on a long run of a) costs an article
// this much (and regexp2's clock tick, 100 ms) and an error record.
var MatchTimeout = time.Second

// ContextWindow is how many characters on each side of a match the
// context words of a rule are looked for in (within its sentence).
const ContextWindow = 50

// Rule is one user pattern rule.
type Rule struct {
	// Name is the rule's name in its file; mentions carry user/Name.
	Name string
	// Type is the user-defined entity type (x-…).
	Type extract.Type
	// Pattern is the regexp2 pattern as written.
	Pattern string
	// Context are the words one of which must stand near a match (none:
	// every match counts).
	Context []string
	// Over says the rule's mentions take precedence over built-in ones.
	Over bool
	// File and Line say where the rule is written.
	File string
	Line int

	re     *regexp2.Regexp
	groups []string // the named groups
}

// Extractor runs the user's pattern rules. It is safe for concurrent use.
type Extractor struct {
	rules []*Rule
	over  map[string]bool // rule name of a mention -> takes precedence
}

var typeName = regexp.MustCompile(record.UserTypePattern)

// New reads the user's pattern rules from the lexicon files of lx
// (lx.Files: patterns/*.tsv of the user folders). It returns nil and
// no error when there are none. A bad type or pattern is an error naming
// the file and line.
func New(lx *lexicon.Set) (*Extractor, error) {
	names, err := fs.Glob(lx.Files(), "patterns/*.tsv")
	if err != nil {
		return nil, fmt.Errorf("user rules: %w", err)
	}
	x := &Extractor{over: map[string]bool{}}
	for _, n := range names {
		rows, err := lx.Read(n, 3, 5)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			at := fmt.Sprintf("%s:%d", r.File, r.Line)
			if r.File == "" {
				at = fmt.Sprintf("%s:%d", n, r.Line)
			}
			ru := &Rule{Name: r.Fields[0], Type: extract.Type(r.Field(1)), Pattern: r.Field(2),
				Over: r.Field(4) == "over", File: r.File, Line: r.Line}
			if !typeName.MatchString(string(ru.Type)) {
				return nil, fmt.Errorf("user rules: %s: type %q is not x- then lower-case letters, digits, - or _ (x-stock-code)", at, ru.Type)
			}
			if ru.re, err = regexp2.Compile(ru.Pattern, regexp2.None); err != nil {
				return nil, fmt.Errorf("user rules: %s: pattern: %w", at, err)
			}
			ru.re.MatchTimeout = MatchTimeout
			for _, g := range ru.re.GetGroupNames() {
				if strings.Trim(g, "0123456789") != "" {
					ru.groups = append(ru.groups, g)
				}
			}
			for _, w := range strings.Split(r.Field(3), "|") {
				if w = strings.TrimSpace(w); w != "" {
					ru.Context = append(ru.Context, w)
				}
			}
			x.rules = append(x.rules, ru)
			x.over[ru.rule()] = ru.Over
		}
	}
	if len(x.rules) == 0 {
		return nil, nil
	}
	return x, nil
}

// rule is the rule name the rule's mentions carry.
func (r *Rule) rule() string { return "user/" + r.Name }

// Rules returns the user's rules, in file order.
func (x *Extractor) Rules() []*Rule { return slices.Clone(x.rules) }

// Find appends the mentions of every user rule in d to dst. A rule whose
// match runs past MatchTimeout is an error naming the rule; the mentions
// found so far are then of no use.
func (x *Extractor) Find(d *extract.Doc, dst []extract.Mention) ([]extract.Mention, error) {
	if x == nil || d.Text == "" {
		return dst, nil
	}
	runes := []rune(d.Text)
	offs := make([]int, 0, len(runes)+1) // rune index -> byte offset
	for i := range d.Text {
		offs = append(offs, i)
	}
	offs = append(offs, len(d.Text))
	for _, ru := range x.rules {
		m, err := ru.re.FindRunesMatch(runes)
		for ; m != nil && err == nil; m, err = ru.re.FindNextMatch(m) {
			if m.Length == 0 {
				continue
			}
			s, e := offs[m.Index], offs[m.Index+m.Length]
			if !ru.inContext(d.Text, s, e) {
				continue
			}
			men := extract.Mention{Type: ru.Type, Start: s, End: e, Rule: ru.rule()}
			for _, name := range ru.groups {
				if g := m.GroupByName(name); g != nil && len(g.Captures) > 0 {
					if men.Attrs == nil {
						men.Attrs = map[string]string{}
					}
					men.Attrs[name] = g.String()
				}
			}
			dst = append(dst, men)
		}
		if err != nil {
			return dst, fmt.Errorf("user rule %q (%s:%d): %w", ru.Name, ru.File, ru.Line, err)
		}
	}
	return dst, nil
}

// inContext reports whether one of the rule's context words stands within
// ContextWindow characters of text[s:e], in the same sentence.
func (r *Rule) inContext(text string, s, e int) bool {
	if len(r.Context) == 0 {
		return true
	}
	from := s
	for n := 0; n < ContextWindow && from > 0; n++ {
		c, size := utf8.DecodeLastRuneInString(text[:from])
		if sentenceEnd(c) {
			break
		}
		from -= size
	}
	to := e
	for n := 0; n < ContextWindow && to < len(text); n++ {
		c, size := utf8.DecodeRuneInString(text[to:])
		if sentenceEnd(c) {
			break
		}
		to += size
	}
	near := text[from:s] + "\x00" + text[e:to]
	for _, w := range r.Context {
		if strings.Contains(near, w) {
			return true
		}
	}
	return false
}

// sentenceEnd reports whether c ends a sentence (or a line).
func sentenceEnd(c rune) bool {
	switch c {
	case '。', '！', '？', '；', '!', '?', ';', '\n':
		return true
	}
	return false
}

// IsUser reports whether t is a user-defined type (x-…).
func IsUser(t extract.Type) bool { return strings.HasPrefix(string(t), "x-") }

// Settle joins the user rules' mentions us (Find) to the built-in mentions
// ms, which extract.Resolve has settled (sorted by start), and resolves
// them all: a mention of a rule that takes precedence drops every built-in
// mention it overlaps; any other user mention that would split a built-in
// mention (overlap it, neither holding the other) is dropped; then
// extract.Resolve settles the user mentions among themselves. It may reuse
// the memory of ms.
func (x *Extractor) Settle(ms, us []extract.Mention) []extract.Mention {
	if x == nil || len(us) == 0 {
		return ms
	}
	// reach[k] is the furthest end of ms[:k+1]: a backward scan from the
	// last built-in mention that starts before a user mention ends can stop
	// where nothing before reaches it.
	reach := make([]int, len(ms))
	for k := range ms {
		reach[k] = ms[k].End
		if k > 0 {
			reach[k] = max(reach[k], reach[k-1])
		}
	}
	drop := make([]bool, len(ms))
	keep := us[:0]
	for _, u := range us {
		last, _ := slices.BinarySearchFunc(ms, u.End, func(m extract.Mention, end int) int {
			if m.Start < end {
				return -1
			}
			return 1
		})
		splits := false
		for k := last - 1; k >= 0 && reach[k] > u.Start; k-- {
			b := &ms[k]
			if !b.Overlaps(&u) {
				continue
			}
			if x.over[u.Rule] {
				drop[k] = true
				continue
			}
			inside := b.Start <= u.Start && u.End <= b.End
			holds := u.Start <= b.Start && b.End <= u.End
			if !inside && !holds {
				splits = true
				break
			}
		}
		if !splits {
			keep = append(keep, u)
		}
	}
	out := ms[:0]
	for k := range ms {
		if !drop[k] {
			out = append(out, ms[k])
		}
	}
	return extract.Resolve(append(out, keep...))
}
