// Package record defines what cnie writes: one Record per article (a JSON
// object on one line), or an Error for an article that could not be read.
// Fields is the one table of their fields; Schema, the JSON Schema of a
// Record, is built from it.
package record

import (
	"github.com/cnie/cnie/extract/number"
)

// Schema is the JSON Schema (draft 2020-12) of a Record, built from Fields
// (BuildSchema); schema.json holds a copy for readers, kept equal by a test
// and by go generate.
var Schema []byte

//go:generate go run ./internal/gen

// Record is the output for one article. Fields describes each of its fields
// and the entities'.
type Record struct {
	DocID  string `json:"doc_id"`
	Source string `json:"source"`
	// Line is the 1-based line of a JSON Lines input, omitted otherwise.
	Line  int    `json:"line,omitempty"`
	Title string `json:"title,omitempty"`
	// SHA256 is the hex digest of the article text's UTF-8 bytes.
	SHA256 string `json:"sha256"`
	// Version names the build that wrote the record (pipeline.RecordVersion).
	Version string `json:"version"`
	// RefDate is the reference date (YYYY-MM-DD) or nil; RefDateSource says
	// where it came from: "input", "header", "flag" or "none".
	RefDate       *string `json:"ref_date"`
	RefDateSource string  `json:"ref_date_source"`
	// Locale, LocaleSource and Script describe the text when known.
	Locale       string `json:"locale,omitempty"`
	LocaleSource string `json:"locale_source,omitempty"`
	Script       string `json:"script,omitempty"`
	Chars        int    `json:"chars"`
	// Warnings says what was odd about the input.
	Warnings []string `json:"warnings,omitempty"`
	Entities []Entity `json:"entities"`
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
// value. Which value fields a type has is fixed (Field.Types); a field of the
// type that is unknown is written as null, fields of other types are not
// written. ID, Attrs and Rule are written when set.
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

	// ID is an id a user-defined rule gives the mention; Attrs the fields
	// of a user-defined type (x-…); Rule the rule that produced it.
	ID    string            `json:"id,omitempty"`
	Attrs map[string]string `json:"attrs,omitempty"`
	Rule  string            `json:"rule,omitempty"`
}

// MarshalJSON writes the entity with the value fields of its type.
func (e Entity) MarshalJSON() ([]byte, error) {
	return e.appendJSON(make([]byte, 0, 128)), nil
}

// Error is written for an input that gave no record: which file (and line,
// for JSON Lines) and what went wrong.
type Error struct {
	Source string `json:"source"`
	Line   int    `json:"line,omitempty"`
	// DocID names the article when it was read but could not be written
	// (a value too large for a Parquet column).
	DocID string `json:"doc_id,omitempty"`
	Error string `json:"error"`
}
