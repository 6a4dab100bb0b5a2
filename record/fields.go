package record

import (
	"github.com/cnie/cnie/extract/number"
)

// Kind is the type of a field's value.
type Kind int

// The kinds of field values.
const (
	String   Kind = iota // a string
	Int                  // an integer
	Date                 // a calendar date, written YYYY-MM-DD
	Decimal              // an exact decimal number (number.Value)
	Strings              // a list of strings
	Object               // an object of string values
	Entities             // the record's list of entities
)

// Emit says how a field is written in JSON when its value is empty (the
// empty string, 0, nil, an empty list or object).
type Emit int

// The ways of writing an empty value.
const (
	Always    Emit = iota // written as it is (0, "")
	Null                  // written as null
	OmitEmpty             // left out
)

// Score says what a field of an entity counts for when predictions are
// scored against gold (package eval).
type Score int

// The parts of an entity a score looks at.
const (
	NotScored Score = iota // not compared (a country's name, ids, the rule)
	Value                  // part of the normalised value: all must match
	Detail                 // a detail scored on its own (qualifier, grain)
)

// Field is one field of a record or of an entity: how it is named, typed,
// written and documented. Fields, the one table of them, drives the JSON
// writer, the JSON Schema, the flat rows (Parquet columns, database
// columns) and the README's column table; a new field is one new line there
// and a field in the struct.
type Field struct {
	// Name is the field's JSON name, which is also its column name in
	// Parquet files and in the database.
	Name string
	// Kind is the type of its value.
	Kind Kind
	// Entity is set for a field of an entity, clear for one of the record.
	Entity bool
	// Types lists the entity types whose value field it is, in the order
	// their records write them; nil for a field of every entity (or of the
	// record). A value field is written (null when empty) in the entities of
	// these types only.
	Types []string
	// Emit says how the field is written when it is empty.
	Emit Emit
	// Doc says what the field holds.
	Doc string
	// Schema is the JSON Schema of its value, when it says more than the
	// kind; SchemaOf overrides it for some entity types.
	Schema   string
	SchemaOf map[string]string
	// Score is what the field counts for in an evaluation.
	Score Score

	str  func(*Record, *Entity) string
	num  func(*Record, *Entity) int
	dec  func(*Record, *Entity) *number.Value
	list func(*Record, *Entity) []string
	obj  func(*Record, *Entity) map[string]string
}

// Str returns the value of a String or Date field (a Date as YYYY-MM-DD,
// "" when there is none). e is the entity for an entity field.
func (f *Field) Str(r *Record, e *Entity) string { return f.str(r, e) }

// Int returns the value of an Int field.
func (f *Field) Int(r *Record, e *Entity) int { return f.num(r, e) }

// Dec returns the value of a Decimal field, nil when there is none.
func (f *Field) Dec(r *Record, e *Entity) *number.Value { return f.dec(r, e) }

// List returns the value of a Strings field.
func (f *Field) List(r *Record, e *Entity) []string { return f.list(r, e) }

// Obj returns the value of an Object field.
func (f *Field) Obj(r *Record, e *Entity) map[string]string { return f.obj(r, e) }

// Empty reports whether the field's value in r (and e) is empty.
func (f *Field) Empty(r *Record, e *Entity) bool {
	switch f.Kind {
	case String, Date:
		return f.str(r, e) == ""
	case Int:
		return f.num(r, e) == 0
	case Decimal:
		return f.dec(r, e) == nil
	case Strings:
		return len(f.list(r, e)) == 0
	case Object:
		return len(f.obj(r, e)) == 0
	case Entities:
		return r.Entities == nil
	}
	return true
}

// Carried reports whether entities of type typ carry the field: a field of
// every entity, or a value field of typ. User-defined types (x-…) carry no
// value field but attrs.
func (f *Field) Carried(typ string) bool {
	if !f.Entity {
		return false
	}
	if f.Types == nil {
		return true
	}
	for _, t := range f.Types {
		if t == typ {
			return true
		}
	}
	return false
}

// EntityTypes lists the built-in entity types in the order records and
// reports use. A user-defined type is named x-… (UserType).
var EntityTypes = []string{"money", "percent", "quantity", "date", "org", "country"}

// UserTypePattern is the pattern (a JSON Schema regular expression) of the
// name of a user-defined entity type.
const UserTypePattern = "^x-[a-z0-9][a-z0-9_-]*$"

// amounts are the types that carry a value.
var amounts = []string{"money", "percent", "quantity"}

const qualifierSchema = `{"enum": ["approx", "over", "under", null]}`
const dateSchema = `{"type": ["string", "null"], "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}`

// Fields is the table of every field, the record's first, in the order
// they are written: a record's doc_id … entities, then an entity's type,
// start, end, text, its value fields, id, attrs, rule.
var Fields = []*Field{
	{Name: "doc_id", Kind: String, Emit: Always,
		Doc:    "The article's id: its `id` field, else its file's path relative to the PATH argument it was found under, `/`-separated, without extension, and `:LINE` for a JSON Lines article.",
		Schema: `{"type": "string", "minLength": 1}`,
		str:    func(r *Record, _ *Entity) string { return r.DocID }},
	{Name: "source", Kind: String, Emit: Always,
		Doc: "The input file the article came from (`-` for standard input).",
		str: func(r *Record, _ *Entity) string { return r.Source }},
	{Name: "line", Kind: Int, Emit: OmitEmpty,
		Doc:    "The 1-based line of a JSON Lines input.",
		Schema: `{"type": "integer", "minimum": 1}`,
		num:    func(r *Record, _ *Entity) int { return r.Line }},
	{Name: "title", Kind: String, Emit: OmitEmpty,
		Doc: "The article's title, when the input gives one.",
		str: func(r *Record, _ *Entity) string { return r.Title }},
	{Name: "sha256", Kind: String, Emit: Always,
		Doc:    "Hex SHA-256 of the article text's UTF-8 bytes.",
		Schema: `{"type": "string", "pattern": "^[0-9a-f]{64}$"}`,
		str:    func(r *Record, _ *Entity) string { return r.SHA256 }},
	{Name: "version", Kind: String, Emit: Always,
		Doc:    "The build that wrote the record: cnie's version and its lexicon hash, as `cnie version` prints them joined by `+` (`0.3.0+0123456789abcdef`).",
		Schema: `{"type": "string", "minLength": 1}`,
		str:    func(r *Record, _ *Entity) string { return r.Version }},
	{Name: "ref_date", Kind: Date, Emit: Null,
		Doc:    "The reference date relative dates are read against, or null.",
		Schema: dateSchema,
		str: func(r *Record, _ *Entity) string {
			if r.RefDate == nil {
				return ""
			}
			return *r.RefDate
		}},
	{Name: "ref_date_source", Kind: String, Emit: Always,
		Doc:    "Where the reference date came from: `input` (the article's published field), `header` (a date in its first lines), `flag` (--ref-date) or `none`.",
		Schema: `{"enum": ["input", "header", "flag", "none"]}`,
		str:    func(r *Record, _ *Entity) string { return r.RefDateSource }},
	{Name: "locale", Kind: String, Emit: OmitEmpty,
		Doc:    "Where the article reports from: `CN`, `HK`, `TW`, `MO`, `SG` or `MY`. It decides what the text leaves to its place (a bare 元's currency, ROC years, the fiscal year, a shared body name's canonical).",
		Schema: `{"enum": ["CN", "HK", "TW", "MO", "SG", "MY"]}`,
		str:    func(r *Record, _ *Entity) string { return r.Locale }},
	{Name: "locale_source", Kind: String, Emit: OmitEmpty,
		Doc:    "Where the locale came from: `input` (the article's `locale` field), `flag` (--locale), `text` (what the article names: a currency, a body, a dateline; never its script alone) or `default` (none of these: CN).",
		Schema: `{"enum": ["input", "flag", "text", "default"]}`,
		str:    func(r *Record, _ *Entity) string { return r.LocaleSource }},
	{Name: "script", Kind: String, Emit: OmitEmpty,
		Doc:    "The article's script: `hans` (simplified), `hant` (traditional) or `mixed`, by the characters only one script writes.",
		Schema: `{"enum": ["hans", "hant", "mixed"]}`,
		str:    func(r *Record, _ *Entity) string { return r.Script }},
	{Name: "chars", Kind: Int, Emit: Always,
		Doc:    "Length of the text in Unicode code points.",
		Schema: `{"type": "integer", "minimum": 0}`,
		num:    func(r *Record, _ *Entity) int { return r.Chars }},
	{Name: "warnings", Kind: Strings, Emit: OmitEmpty,
		Doc:  "What was odd about the input (a repaired encoding, a cut text…).",
		list: func(r *Record, _ *Entity) []string { return r.Warnings }},
	{Name: "entities", Kind: Entities, Emit: Always,
		Doc: "The mentions, in text order."},

	{Name: "type", Kind: String, Entity: true, Emit: Always,
		Doc: "The entity type: `money`, `percent`, `quantity`, `date`, `org`, `country`, or a user-defined `x-…`; null in the one row of an article without mentions.",
		str: func(_ *Record, e *Entity) string { return e.Type }},
	{Name: "start", Kind: Int, Entity: true, Emit: Always,
		Doc:    "Offset of the mention's first code point in the raw text.",
		Schema: `{"type": "integer", "minimum": 0}`,
		num:    func(_ *Record, e *Entity) int { return e.Start }},
	{Name: "end", Kind: Int, Entity: true, Emit: Always,
		Doc:    "Offset just past the mention (exclusive), in code points.",
		Schema: `{"type": "integer", "minimum": 1}`,
		num:    func(_ *Record, e *Entity) int { return e.End }},
	{Name: "text", Kind: String, Entity: true, Emit: Always,
		Doc:    "The raw text of the span, line breaks and spaces included.",
		Schema: `{"type": "string", "minLength": 1}`,
		str:    func(_ *Record, e *Entity) string { return e.Text }},
	{Name: "value", Kind: Decimal, Entity: true, Types: amounts, Emit: Null, Score: Value,
		Doc: "The amount, exact: in units of its currency for money, in percent (or points) for percent, in its unit for quantity; a repeating fraction (三分之二) to 15 significant digits.",
		dec: func(_ *Record, e *Entity) *number.Value { return e.Value }},
	{Name: "currency", Kind: String, Entity: true, Types: []string{"money"}, Emit: Null, Score: Value,
		Doc:    "ISO 4217 code of a money amount.",
		Schema: `{"type": ["string", "null"], "pattern": "^[A-Z]{3}$"}`,
		str:    func(_ *Record, e *Entity) string { return e.Currency }},
	{Name: "unit", Kind: String, Entity: true, Types: []string{"percent", "quantity"}, Emit: Null, Score: Value,
		Doc:      "`percent` or `point` for a percent; the unit of a quantity (吨, 辆…).",
		SchemaOf: map[string]string{"percent": `{"enum": ["percent", "point", null]}`},
		str:      func(_ *Record, e *Entity) string { return e.Unit }},
	{Name: "qualifier", Kind: String, Entity: true, Types: amounts, Emit: Null, Score: Detail,
		Doc:    "A hedge beside the amount: `approx`, `over` or `under`.",
		Schema: qualifierSchema,
		str:    func(_ *Record, e *Entity) string { return e.Qualifier }},
	{Name: "start_date", Kind: Date, Entity: true, Types: []string{"date"}, Emit: Null, Score: Value,
		Doc:    "First day of the date's span, when it resolves.",
		Schema: dateSchema,
		str:    func(_ *Record, e *Entity) string { return e.StartDate }},
	{Name: "end_date", Kind: Date, Entity: true, Types: []string{"date"}, Emit: Null, Score: Value,
		Doc:    "Last day of the date's span (inclusive).",
		Schema: dateSchema,
		str:    func(_ *Record, e *Entity) string { return e.EndDate }},
	{Name: "grain", Kind: String, Entity: true, Types: []string{"date"}, Emit: Null, Score: Detail,
		Doc:    "The date's grain: `year`, `half`, `quarter`, `season`, `month`, `week` or `day`.",
		Schema: `{"enum": ["year", "half", "quarter", "season", "month", "week", "day", null]}`,
		str:    func(_ *Record, e *Entity) string { return e.Grain }},
	{Name: "canonical", Kind: String, Entity: true, Types: []string{"org"}, Emit: Null, Score: Value,
		Doc: "The organisation's full name, when it is known.",
		str: func(_ *Record, e *Entity) string { return e.Canonical }},
	{Name: "code", Kind: String, Entity: true, Types: []string{"country"}, Emit: Null, Score: Value,
		Doc:    "ISO 3166-1 alpha-2 code of a country.",
		Schema: `{"type": ["string", "null"], "pattern": "^[A-Z]{2}$"}`,
		str:    func(_ *Record, e *Entity) string { return e.Code }},
	{Name: "name", Kind: String, Entity: true, Types: []string{"country"}, Emit: Null,
		Doc: "The country's Chinese short name.",
		str: func(_ *Record, e *Entity) string { return e.Name }},
	{Name: "id", Kind: String, Entity: true, Emit: OmitEmpty,
		Doc: "An id a user-defined rule gives the entity.",
		str: func(_ *Record, e *Entity) string { return e.ID }},
	{Name: "attrs", Kind: Object, Entity: true, Emit: OmitEmpty, Score: Value,
		Doc: "The fields of a user-defined type (x-…), as an object of strings.",
		obj: func(_ *Record, e *Entity) map[string]string { return e.Attrs }},
	{Name: "rule", Kind: String, Entity: true, Emit: OmitEmpty,
		Doc: "The rule that produced the mention (`cnie run --explain`).",
		str: func(_ *Record, e *Entity) string { return e.Rule }},
}

// recordFields and entityFields split Fields; valueFields are the value
// fields of each built-in type, in writing order, and commonTail the entity
// fields written after them.
var (
	recordFields, entityHead, commonTail []*Field
	valueFields                          = map[string][]*Field{}
)

func init() {
	for _, f := range Fields {
		switch {
		case !f.Entity:
			recordFields = append(recordFields, f)
		case f.Types != nil:
			for _, t := range f.Types {
				valueFields[t] = append(valueFields[t], f)
			}
		case len(valueFields) == 0:
			entityHead = append(entityHead, f)
		default:
			commonTail = append(commonTail, f)
		}
	}
	Schema = BuildSchema()
}

// FieldByName returns the field named name (its JSON name), or nil.
func FieldByName(name string) *Field {
	for _, f := range Fields {
		if f.Name == name {
			return f
		}
	}
	return nil
}
