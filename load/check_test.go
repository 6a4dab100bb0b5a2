package load

import (
	"errors"
	"strings"
	"testing"

	"github.com/cnie/cnie/extract/number"
	"github.com/cnie/cnie/parquetout"
	"github.com/cnie/cnie/record"
)

// TestCheck: what the tables cannot hold is refused before any write,
// saying what.
func TestCheck(t *testing.T) {
	good := func() *record.Record {
		v, _ := number.ParseDecimal("-12.5")
		ref := "2025-04-12"
		return &record.Record{DocID: "a", SHA256: strings.Repeat("0", 64), Version: "0.3.0+x", RefDate: &ref, RefDateSource: "input",
			Entities: []record.Entity{{Type: "money", Start: 0, End: 2, Text: "亏损", Value: &v, Currency: "CNY"}}}
	}
	if err := check(good()); err != nil {
		t.Fatal(err)
	}
	huge, _ := number.ParseDecimal("123456789012345678901")
	for _, tc := range []struct {
		edit func(*record.Record)
		want string
	}{
		{func(r *record.Record) { r.Version = "" }, "without version"},
		{func(r *record.Record) { r.DocID = "" }, "without doc_id"},
		{func(r *record.Record) { r.Title = "a\x00b" }, "title holds a NUL"},
		{func(r *record.Record) { bad := "2025-13-01"; r.RefDate = &bad }, `ref_date "2025-13-01" is not a date`},
		{func(r *record.Record) { r.Entities[0].Value = &huge }, "mention 0 (亏损): value: 123456789012345678901: does not fit"},
		{func(r *record.Record) { r.Entities[0].Type = "" }, "mention 0 has no type"},
		{func(r *record.Record) { r.Entities[0].Currency = "\x00" }, "currency holds a NUL"},
	} {
		r := good()
		tc.edit(r)
		if err := check(r); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("want %q, got %v", tc.want, err)
		}
	}
	r := good()
	r.Entities[0].Value = &huge
	if !errors.Is(check(r), parquetout.ErrRange) {
		t.Error("an oversized value is not ErrRange")
	}
}
