// Package record defines what cnie writes: one Record per article (a JSON
// object on one line), or an Error for an article that could not be read.
// schema.json, embedded as Schema, is the JSON Schema of a Record.
package record

import (
	_ "embed"
	"strconv"

	"github.com/cnie/cnie/extract/number"
)

// Schema is the JSON Schema (draft 2020-12) of a Record.
//
//go:embed schema.json
var Schema []byte

// Record is the output for one article.
type Record struct {
	DocID  string `json:"doc_id"`
	Source string `json:"source"`
	// Line is the 1-based line of a JSON Lines input, omitted otherwise.
	Line  int    `json:"line,omitempty"`
	Title string `json:"title,omitempty"`
	// SHA256 is the hex digest of the article text's UTF-8 bytes.
	SHA256 string `json:"sha256"`
	// RefDate is the reference date (YYYY-MM-DD) or nil; RefDateSource says
	// where it came from: "input", "header", "flag" or "none".
	RefDate       *string  `json:"ref_date"`
	RefDateSource string   `json:"ref_date_source"`
	Chars         int      `json:"chars"`
	Warnings      []string `json:"warnings,omitempty"` // what was repaired on reading ("3 invalid bytes replaced"), if anything
	Entities      []Entity `json:"entities"`
}

// Ref date sources.
const (
	RefInput  = "input"  // the article's published field
	RefHeader = "header" // a full date in the article's first lines
	RefFlag   = "flag"   // the --ref-date flag
	RefNone   = "none"
)

// Entity is one mention: its type, its span in the raw text (Unicode code
// points, End exclusive) and the raw text of that span, and its normalised
// value. Which value fields a type has is fixed (see fields); a field of the
// type that is unknown is written as null, fields of other types are not
// written.
type Entity struct {
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`

	Value     *number.Value `json:"value"`
	Currency  string        `json:"currency"`
	Unit      string        `json:"unit"`
	Qualifier string        `json:"qualifier"`
	StartDate string        `json:"start_date"`
	EndDate   string        `json:"end_date"`
	Grain     string        `json:"grain"`
	Canonical string        `json:"canonical"`
	Code      string        `json:"code"`
	Name      string        `json:"name"`

	// Rule is the name of the extraction rule that found the mention
	// (`cnie run --explain`), written last and only when set.
	Rule string `json:"rule,omitempty"`
}

// fields lists the value fields of each type, in the order they are written.
var fields = map[string][]string{
	"money":    {"value", "currency", "qualifier"},
	"percent":  {"value", "unit", "qualifier"},
	"quantity": {"value", "unit", "qualifier"},
	"date":     {"start_date", "end_date", "grain"},
	"org":      {"canonical"},
	"country":  {"code", "name"},
}

// MarshalJSON writes the entity with the value fields of its type.
func (e Entity) MarshalJSON() ([]byte, error) {
	return e.appendJSON(make([]byte, 0, 128)), nil
}

// appendJSON appends the entity's JSON object to b.
func (e *Entity) appendJSON(b []byte) []byte {
	b = append(b, `{"type":`...)
	b = appendString(b, e.Type)
	b = append(b, `,"start":`...)
	b = strconv.AppendInt(b, int64(e.Start), 10)
	b = append(b, `,"end":`...)
	b = strconv.AppendInt(b, int64(e.End), 10)
	b = append(b, `,"text":`...)
	b = appendString(b, e.Text)
	for _, f := range fields[e.Type] {
		b = append(b, ',', '"')
		b = append(b, f...)
		b = append(b, '"', ':')
		if f == "value" {
			if e.Value == nil {
				b = append(b, "null"...)
			} else {
				b = append(b, e.Value.String()...)
			}
			continue
		}
		b = appendNullable(b, e.field(f))
	}
	if e.Rule != "" {
		b = append(b, `,"rule":`...)
		b = appendString(b, e.Rule)
	}
	return append(b, '}')
}

func (e *Entity) field(name string) string {
	switch name {
	case "currency":
		return e.Currency
	case "unit":
		return e.Unit
	case "qualifier":
		return e.Qualifier
	case "start_date":
		return e.StartDate
	case "end_date":
		return e.EndDate
	case "grain":
		return e.Grain
	case "canonical":
		return e.Canonical
	case "code":
		return e.Code
	case "name":
		return e.Name
	}
	return ""
}

func appendNullable(b []byte, s string) []byte {
	if s == "" {
		return append(b, "null"...)
	}
	return appendString(b, s)
}

// appendString writes an entity's string as json.Marshal does, <, > and &
// escaped: what records have always held.
func appendString(b []byte, s string) []byte {
	return appendJSONString(b, s, true)
}

// Error is written for an input that gave no record: which file (and line,
// for JSON Lines) and what went wrong.
type Error struct {
	Source string `json:"source"`
	Line   int    `json:"line,omitempty"`
	DocID  string `json:"doc_id,omitempty"` // the article's id, when known (a timeout, an extractor's failure, over the limit)
	Error  string `json:"error"`
}
