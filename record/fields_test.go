package record

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestSchemaFileIsGenerated holds schema.json to what Fields builds: run
// go generate ./record after changing the table.
func TestSchemaFileIsGenerated(t *testing.T) {
	b, err := os.ReadFile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, BuildSchema()) {
		t.Fatal("schema.json differs from record.Fields: run go generate ./record")
	}
	if !json.Valid(Schema) {
		t.Fatal("the schema is not JSON")
	}
}

func compile(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("record.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("record.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validate(s *jsonschema.Schema, line []byte) error {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(line))
	if err != nil {
		return err
	}
	return s.Validate(v)
}

// TestNewFieldsWrittenAndValid writes a record with every field of the
// table set, user-defined type included, and checks the exact bytes and
// the schema.
func TestNewFieldsWrittenAndValid(t *testing.T) {
	r := sampleRecord("港股")
	r.SHA256 = strings.Repeat("ab", 32)
	r.Locale, r.LocaleSource, r.Script = "HK", "input", "hant"
	r.Warnings = []string{"gb18030", "a <b>"}
	r.Entities[0].Rule = "amount/number-unit"
	r.Entities = append(r.Entities, Entity{Type: "x-ticker", Start: 0, End: 4, Text: "0700", ID: "t1",
		Attrs: map[string]string{"market": "HK", "board": "main<"}, Rule: "user/ticker"})
	got := string(r.AppendJSON(nil))
	for _, want := range []string{
		`"sha256":"` + r.SHA256 + `","version":"0.0.0+test","ref_date":"2025-04-12","ref_date_source":"input","locale":"HK","locale_source":"input","script":"hant","chars":42,"warnings":["gb18030","a <b>"],"entities":[`,
		`{"type":"money","start":1,"end":8,"text":"港股","value":4795000000,"currency":"CNY","qualifier":null,"rule":"amount/number-unit"}`,
		`{"type":"x-ticker","start":0,"end":4,"text":"0700","id":"t1","attrs":{"board":"main\u003c","market":"HK"},"rule":"user/ticker"}]}`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("record lacks %s\n%s", want, got)
		}
	}
	if want := string(encoderBytes(t, r)); got != want {
		t.Errorf("not what encoding/json writes:\n got %s\nwant %s", got, want)
	}
	s := compile(t)
	if err := validate(s, []byte(got)); err != nil {
		t.Fatalf("%s: %v", got, err)
	}
	// The schema is not open to anything: unknown fields and types, and
	// value fields of other types, are refused.
	for _, bad := range []string{
		strings.Replace(got, `"chars"`, `"lang":"zh","chars"`, 1),
		strings.Replace(got, `"type":"x-ticker"`, `"type":"ticker"`, 1),
		strings.Replace(got, `"id":"t1"`, `"canonical":"x"`, 1),
		strings.Replace(got, `"version":"0.0.0+test",`, ``, 1),
		strings.Replace(got, `"currency":"CNY"`, `"currency":"CNY","code":"CN"`, 1),
	} {
		if bad == got {
			t.Fatal("test replacement did not apply")
		}
		if validate(s, []byte(bad)) == nil {
			t.Errorf("schema accepts %s", bad)
		}
	}
}

// TestFieldsTable checks the table's own promises: unique names, every
// field readable, value fields only for known types.
func TestFieldsTable(t *testing.T) {
	seen := map[string]bool{}
	r := sampleRecord("x")
	for _, f := range Fields {
		if seen[f.Name] {
			t.Errorf("field %s twice", f.Name)
		}
		seen[f.Name] = true
		if f.Doc == "" {
			t.Errorf("field %s has no doc", f.Name)
		}
		var e *Entity
		if f.Entity {
			e = &r.Entities[0]
		}
		if f.Kind != Entities {
			_ = f.Empty(r, e) // panics on a missing accessor
		}
		for _, ty := range f.Types {
			if !strings.Contains(strings.Join(EntityTypes, " "), ty) {
				t.Errorf("field %s: unknown type %s", f.Name, ty)
			}
		}
	}
	if FieldByName("value").Kind != Decimal || FieldByName("nope") != nil {
		t.Error("FieldByName")
	}
}
