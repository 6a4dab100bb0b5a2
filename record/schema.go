package record

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// BuildSchema returns the JSON Schema (draft 2020-12) of a Record, built
// from Fields: each field's kind, its Schema or SchemaOf, whether it must be
// present (Emit Always or Null), and, for an entity, which value fields its
// type carries. User-defined entity types (x-…) carry attrs as their value
// fields. The output is stable, indented JSON.
func BuildSchema() []byte {
	var b bytes.Buffer
	b.WriteString(`{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://cnie.invalid/schema/record.json",
  "title": "cnie record",
  "description": "One article's entity mentions, as cnie run writes them: one JSON object per line. Generated from record.Fields (go generate ./record).",
  "type": "object",
`)
	var req []string
	for _, f := range recordFields {
		if f.Emit != OmitEmpty {
			req = append(req, f.Name)
		}
	}
	fmt.Fprintf(&b, "  \"required\": %s,\n", jsonList(req))
	b.WriteString("  \"additionalProperties\": false,\n  \"properties\": {\n")
	for i, f := range recordFields {
		sep := ","
		if i == len(recordFields)-1 {
			sep = ""
		}
		fmt.Fprintf(&b, "    %q: %s%s\n", f.Name, withDoc(fieldSchema(f, ""), f.Doc), sep)
	}
	b.WriteString("  },\n  \"$defs\": {\n    \"entity\": {\n      \"type\": \"object\",\n")
	var common []string
	for _, f := range entityHead {
		common = append(common, f.Name)
	}
	fmt.Fprintf(&b, "      \"required\": %s,\n", jsonList(common))
	b.WriteString("      \"properties\": {\n")
	typeSchema := fmt.Sprintf(`{"anyOf": [{"enum": %s}, {"type": "string", "pattern": %q}]}`, jsonList(EntityTypes), UserTypePattern)
	var heads []string
	for _, f := range append(append([]*Field{}, entityHead...), commonTail...) {
		s := fieldSchema(f, "")
		if f.Name == "type" {
			s = typeSchema
		}
		heads = append(heads, fmt.Sprintf("        %q: %s", f.Name, withDoc(s, f.Doc)))
	}
	b.WriteString(strings.Join(heads, ",\n"))
	b.WriteString("\n      },\n      \"allOf\": [\n")
	var alls []string
	for _, t := range append(append([]string{}, EntityTypes...), "") {
		cond := fmt.Sprintf(`{"properties": {"type": {"const": %q}}}`, t)
		if t == "" {
			cond = fmt.Sprintf(`{"properties": {"type": {"pattern": %q}}}`, UserTypePattern)
		}
		var reqs, props []string
		for _, f := range entityHead {
			props = append(props, fmt.Sprintf("%q: true", f.Name))
		}
		for _, f := range valueFields[t] {
			reqs = append(reqs, f.Name)
			props = append(props, fmt.Sprintf("%q: %s", f.Name, fieldSchema(f, t)))
		}
		for _, f := range commonTail {
			props = append(props, fmt.Sprintf("%q: true", f.Name))
		}
		alls = append(alls, fmt.Sprintf("        {\"if\": %s,\n         \"then\": {\"required\": %s, \"additionalProperties\": false,\n                  \"properties\": {%s}}}",
			cond, jsonList(reqs), strings.Join(props, ", ")))
	}
	b.WriteString(strings.Join(alls, ",\n"))
	b.WriteString("\n      ]\n    }\n  }\n}\n")
	return b.Bytes()
}

// fieldSchema is the JSON Schema of f's value (in entities of type typ).
func fieldSchema(f *Field, typ string) string {
	if s, ok := f.SchemaOf[typ]; ok {
		return s
	}
	if f.Schema != "" {
		return f.Schema
	}
	null := f.Emit == Null
	switch f.Kind {
	case String:
		if null {
			return `{"type": ["string", "null"]}`
		}
		return `{"type": "string"}`
	case Int:
		return `{"type": "integer"}`
	case Date:
		return `{"type": ["string", "null"], "format": "date"}`
	case Decimal:
		return `{"type": ["number", "null"]}`
	case Strings:
		return `{"type": "array", "items": {"type": "string"}}`
	case Object:
		return `{"type": "object", "additionalProperties": {"type": "string"}}`
	case Entities:
		return `{"type": "array", "items": {"$ref": "#/$defs/entity"}}`
	}
	panic("record: field " + f.Name + " of unknown kind")
}

// withDoc adds a description to schema s, an object.
func withDoc(s, doc string) string {
	if doc == "" {
		return s
	}
	d, _ := json.Marshal(doc)
	return strings.TrimSuffix(s, "}") + `, "description": ` + string(d) + "}"
}

func jsonList(l []string) string {
	q := make([]string, len(l))
	for i, s := range l {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
