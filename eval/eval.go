// Package eval scores entity records against hand-annotated gold, with the
// same figures as the project's reference scorer (shared/tools/score.py):
// per type strict and lenient precision, recall and F1, value accuracy and
// value-F1, qualifier or grain agreement, and document-level set F1 for
// organisation canonical names and country codes.
package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/cnie/cnie/record"
)

// Types are the entity types scored, in report order.
var Types = []string{"money", "percent", "quantity", "date", "org", "country"}

// Mention is one entity of a gold or predicted document, fields as decoded
// from JSON (numbers as json.Number).
type Mention map[string]any

// Doc is one gold or predicted document.
type Doc struct {
	ID string
	// File is the gold's text file (gold folders), Text the document's text
	// (read from File, or given in a JSON Lines gold case).
	File, Text string
	// RefDate is the gold's reference date, "" if none.
	RefDate string
	// Locale is the gold's locale (CN, HK, TW, MO, SG, MY), "" if none: the
	// article's locale given as input, as a user may give it.
	Locale string
	// Types are the types the gold is complete for; nil means all.
	Types    []string
	Entities []Mention
	// Order is the document's position in its input, for stable reports.
	Order int
}

// Set is a collection of documents by id.
type Set map[string]*Doc

// Sorted returns the documents in input order.
func (s Set) Sorted() []*Doc {
	out := make([]*Doc, 0, len(s))
	for _, d := range s {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Order < out[j].Order })
	return out
}

// LoadGold reads gold: a folder of <doc_id>.json files (each naming its text
// file relative to the folder's parent) or a .jsonl file of cases that carry
// their text.
func LoadGold(path string) (Set, error) {
	set, err := load(path)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(filepath.Clean(path))
	for _, d := range set {
		if d.Text != "" || d.File == "" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(parent, d.File))
		if err != nil {
			return nil, fmt.Errorf("eval: gold %s: %w", d.ID, err)
		}
		d.Text = strings.TrimPrefix(string(b), "\uFEFF")
	}
	return set, nil
}

// LoadPred reads predictions: a .jsonl file of records, or a folder of
// <doc_id>.json records.
func LoadPred(path string) (Set, error) { return load(path) }

func load(path string) (Set, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	set := Set{}
	add := func(b []byte, where string) error {
		d, err := ParseDoc(b)
		if err != nil {
			return fmt.Errorf("eval: %s: %w", where, err)
		}
		d.Order = len(set)
		set[d.ID] = d
		return nil
	}
	if st.IsDir() {
		names, err := filepath.Glob(filepath.Join(path, "*.json"))
		if err != nil {
			return nil, err
		}
		sort.Strings(names)
		for _, n := range names {
			b, err := os.ReadFile(n)
			if err != nil {
				return nil, fmt.Errorf("eval: %w", err)
			}
			if err := add(b, n); err != nil {
				return nil, err
			}
		}
		return set, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 1<<20), 1<<30)
	for n := 1; sc.Scan(); n++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		if err := add(sc.Bytes(), fmt.Sprintf("%s:%d", path, n)); err != nil {
			return nil, err
		}
	}
	return set, sc.Err()
}

// ParseDoc decodes one gold case or record.
func ParseDoc(b []byte) (*Doc, error) {
	var raw struct {
		DocID    *string   `json:"doc_id"`
		ID       any       `json:"id"`
		File     string    `json:"file"`
		Text     string    `json:"text"`
		RefDate  *string   `json:"ref_date"`
		Locale   string    `json:"locale"`
		Types    []string  `json:"types"`
		Entities []Mention `json:"entities"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		return nil, err
	}
	d := &Doc{File: raw.File, Text: raw.Text, Locale: raw.Locale, Types: raw.Types, Entities: raw.Entities}
	switch {
	case raw.DocID != nil && *raw.DocID != "":
		d.ID = *raw.DocID
	case raw.ID != nil:
		d.ID = fmt.Sprint(raw.ID)
	default:
		return nil, fmt.Errorf("no doc_id or id")
	}
	if raw.RefDate != nil {
		d.RefDate = *raw.RefDate
	}
	return d, nil
}

// span returns a mention's start and end if both are integers with
// start < end; a mention without them is malformed.
func (m Mention) span() (int, int, bool) {
	s, ok1 := intField(m["start"])
	e, ok2 := intField(m["end"])
	return s, e, ok1 && ok2 && s < e
}

func intField(v any) (int, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(string(n))
	return i, err == nil
}

func (m Mention) str(k string) string {
	s, _ := m[k].(string)
	return s
}

// same reports whether two JSON values are equal, as Python compares them:
// absent and null are equal, numbers compare by value.
func same(a, b any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	fa, oka := toFloat(a)
	fb, okb := toFloat(b)
	if oka && okb {
		return fa == fb
	}
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		return ok && x == y
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	}
	return false
}

func toFloat(v any) (float64, bool) {
	if n, ok := v.(json.Number); ok {
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}

// numEq compares amounts within a relative 1e-9, as score.py does; a
// numeric string counts as its number there, and so here.
func numEq(a, b any) bool {
	fa, ok1 := looseFloat(a)
	fb, ok2 := looseFloat(b)
	if !ok1 || !ok2 {
		return false
	}
	d := fa - fb
	if d < 0 {
		d = -d
	}
	return d <= 1e-9*max(1, abs(fa), abs(fb))
}

func looseFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f, err == nil
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// valueOK reports whether a predicted mention's value matches the gold's:
// every field the record's field table marks as part of a value (Score
// record.Value) that the type carries. Decimals compare as numbers, strings
// without white space (canonical names are compared so).
func valueOK(g, p Mention) bool {
	typ := g.str("type")
	n := 0
	for _, f := range record.Fields {
		if f.Score != record.Value || !f.Carried(typ) {
			continue
		}
		n++
		a, b := g[f.Name], p[f.Name]
		switch f.Kind {
		case record.Decimal:
			if !numEq(a, b) {
				return false
			}
		case record.String: // null and "" are no value alike
			x, _ := a.(string)
			y, _ := b.(string)
			if squeeze(x) != squeeze(y) {
				return false
			}
		case record.Object: // a user type's attrs
			if !reflect.DeepEqual(a, b) {
				return false
			}
		default:
			if !same(a, b) {
				return false
			}
		}
	}
	return n > 0
}

// details returns the fields a type's mentions are scored on apart from their
// value (Score record.Detail: an amount's qualifier, a date's grain).
func details(typ string) []*record.Field {
	var out []*record.Field
	for _, f := range record.Fields {
		if f.Score == record.Detail && f.Carried(typ) {
			out = append(out, f)
		}
	}
	return out
}

// squeeze removes white space, as canonical names are compared without it.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
