package record

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/cnie/cnie/extract/number"
)

// encoderBytes is what cnie wrote before AppendJSON: encoding/json's Encoder
// with HTML escaping off, less its newline.
func encoderBytes(t testing.TB, r *Record) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func sampleRecord(s string) *Record {
	ref := "2025-04-12"
	v, _ := number.ParseDecimal("4795000000")
	return &Record{
		DocID: s, Source: "drop/" + s + ".jsonl", Line: 3, Title: s, SHA256: "ab12", Version: "0.0.0+test", RefDate: &ref,
		RefDateSource: RefInput, Chars: 42,
		Entities: []Entity{
			{Type: "money", Start: 1, End: 8, Text: s, Value: &v, Currency: "CNY"},
			{Type: "percent", Start: 2, End: 5, Text: "12.5%", Unit: "percent", Qualifier: "approx"},
			{Type: "date", Start: 0, End: 4, Text: s, StartDate: "2025-04-09", EndDate: "2025-04-11", Grain: "day"},
			{Type: "date", Start: 0, End: 2, Text: "今年"},
			{Type: "org", Start: 3, End: 7, Text: s, Canonical: s + "有限公司"},
			{Type: "country", Start: 9, End: 12, Text: "阿联酋", Code: "AE", Name: "阿拉伯联合酋长国"},
			{Type: "quantity", Start: 0, End: 3, Text: "50万吨", Unit: "吨"},
		},
	}
}

func TestAppendJSONMatchesEncoder(t *testing.T) {
	for _, s := range []string{
		"", "上合组织", `quote " and \ backslash`, "<b>&amp;</b>", "line\nbreak\ttab\rret\b\f",
		"\x00\x01\x1f\x7f", "bad \xff\xfe utf-8", "sep \u2028 \u2029", "emoji 😀 and 中文", "a/b",
	} {
		r := sampleRecord(s)
		if got, want := r.AppendJSON(nil), encoderBytes(t, r); !bytes.Equal(got, want) {
			t.Errorf("%q:\n got %s\nwant %s", s, got, want)
		}
	}
	for _, r := range []*Record{{}, {DocID: "x", Entities: []Entity{}},
		{DocID: "w", Chars: 3, Warnings: []string{"3 invalid bytes replaced", "<second> \"one\""}, Entities: []Entity{}}} {
		if got, want := r.AppendJSON(nil), encoderBytes(t, r); !bytes.Equal(got, want) {
			t.Errorf("got %s\nwant %s", got, want)
		}
	}
}

func FuzzAppendJSON(f *testing.F) {
	for _, s := range []string{"上合组织", "<&>", "\xff", "\u2028", "\"\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := sampleRecord(s)
		if got, want := r.AppendJSON(nil), encoderBytes(t, r); !bytes.Equal(got, want) {
			t.Fatalf("%q:\n got %s\nwant %s", s, got, want)
		}
	})
}

func BenchmarkAppendJSON(b *testing.B) {
	r := sampleRecord("上海合作组织成员国元首理事会")
	buf := make([]byte, 0, 4096)
	for b.Loop() {
		buf = r.AppendJSON(buf[:0])
	}
}
