package parquetout

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/extract/number"
	"github.com/cnie/cnie/parquetout/internal/rowgen"
	"github.com/cnie/cnie/pipeline"
	"github.com/cnie/cnie/record"
)

// records are the seeds' records, with a reference date so that dates
// resolve, plus made-up records for what the seeds lack: an article without
// mentions, repeating and negative decimals, a user-defined type, lists.
func records(t testing.TB) []record.Record {
	t.Helper()
	p, err := pipeline.New(pipeline.Options{RefDate: time.Date(2025, 4, 12, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	if len(files) == 0 {
		t.Fatal("no seeds")
	}
	var recs []record.Record
	for a, err := range corpus.Open(files, corpus.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, p.Process(a))
	}
	recs = append(recs, p.Process(corpus.Article{ID: "empty", Source: "x.jsonl", Line: 7, Title: "无", Text: "雨后的空气格外清新。"}))
	recs = append(recs, record.Record{
		DocID: "made", Source: "made.jsonl", Line: 2, SHA256: strings.Repeat("0", 64), Version: "v", RefDateSource: "none",
		Warnings: []string{"gb18030", `"q"`}, Script: "hant",
		Entities: []record.Entity{
			{Type: "percent", Start: 0, End: 4, Text: "三分之二", Value: ptr(number.FromRat(big.NewRat(200, 3))), Unit: "percent"},
			{Type: "money", Start: 5, End: 9, Text: "亏损一亿", Value: ptr(mustDec(t, "-100000000.25")), Currency: "CNY", Qualifier: "approx"},
			{Type: "quantity", Start: 9, End: 12, Text: "1e-9", Value: ptr(mustDec(t, "0.000000000000000001"))},
			{Type: "x-ticker", Start: 12, End: 16, Text: "0700", ID: "t", Attrs: map[string]string{"market": "HK"}, Rule: "user/ticker"},
			{Type: "date", Start: 16, End: 18, Text: "今年"},
		},
	})
	return recs
}

func ptr(v number.Value) *number.Value { return &v }

func mustDec(t testing.TB, s string) number.Value {
	v, ok := number.ParseDecimal(s)
	if !ok {
		t.Fatalf("bad decimal %s", s)
	}
	return v
}

// want lists, row by row, each column's expected value as text ("" for
// null), read from the records' JSON, not from the structs.
func want(t *testing.T, recs []record.Record) [][]string {
	var rows [][]string
	for i := range recs {
		var rec map[string]json.RawMessage
		if err := json.Unmarshal(recs[i].AppendJSON(nil), &rec); err != nil {
			t.Fatal(err)
		}
		var ents []map[string]json.RawMessage
		json.Unmarshal(rec["entities"], &ents)
		if len(ents) == 0 {
			ents = []map[string]json.RawMessage{nil}
		}
		for _, e := range ents {
			var row []string
			for _, name := range Columns() {
				raw, ok := rec[name]
				if record.FieldByName(name).Entity {
					raw, ok = e[name]
				}
				row = append(row, canonJSON(t, raw, ok))
			}
			rows = append(rows, row)
		}
	}
	return rows
}

// canonJSON is a JSON value as text: strings unquoted, numbers as exact
// rationals, arrays and objects compact.
func canonJSON(t *testing.T, raw json.RawMessage, ok bool) string {
	if !ok || string(raw) == "null" {
		return ""
	}
	switch raw[0] {
	case '"':
		var s string
		json.Unmarshal(raw, &s)
		return s
	case '[', '{':
		var v any
		json.Unmarshal(raw, &v)
		b, _ := json.Marshal(v)
		return string(b)
	}
	r, ok := new(big.Rat).SetString(string(raw))
	if !ok {
		t.Fatalf("bad number %s", raw)
	}
	return r.RatString()
}

// readBack reads a Parquet file through the file's own footer: column
// names, physical and logical types, as any reader would.
func readBack(t *testing.T, b []byte) [][]string {
	f, err := parquet.OpenFile(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(leafNames(f.Schema()), ","); got != strings.Join(Columns(), ",") {
		t.Fatalf("columns %s, want %s", got, strings.Join(Columns(), ","))
	}
	var out [][]string
	leaves := f.Schema().Fields()
	r := parquet.NewReader(bytes.NewReader(b))
	defer r.Close()
	buf := make([]parquet.Row, 64)
	for {
		n, err := r.ReadRows(buf)
		for _, row := range buf[:n] {
			vals := make([]string, len(leaves))
			for _, v := range row {
				vals[v.Column()] = canonParquet(t, v, leaves[v.Column()])
			}
			out = append(out, vals)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func leafNames(s *parquet.Schema) []string {
	var n []string
	for _, f := range s.Fields() {
		n = append(n, f.Name())
	}
	return n
}

func canonParquet(t *testing.T, v parquet.Value, n parquet.Node) string {
	if v.IsNull() {
		return ""
	}
	var lv format.LogicalTypeValue
	if lt := n.Type().LogicalType(); lt != nil {
		lv = lt.Value
	}
	dec, isDec := lv.(*format.DecimalType)
	_, isDate := lv.(*format.DateType)
	_, isJSON := lv.(*format.JsonType)
	switch {
	case isDate:
		return time.Unix(int64(v.Int32())*86400, 0).UTC().Format(time.DateOnly)
	case isDec:
		b := v.ByteArray()
		i := new(big.Int).SetBytes(b)
		if len(b) > 0 && b[0]&0x80 != 0 {
			i.Sub(i, new(big.Int).Lsh(big.NewInt(1), uint(8*len(b))))
		}
		den := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(dec.Scale)), nil)
		return new(big.Rat).SetFrac(i, den).RatString()
	case isJSON:
		var x any
		if err := json.Unmarshal(v.ByteArray(), &x); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(x)
		return string(b)
	case v.Kind() == parquet.Int64:
		return fmt.Sprint(v.Int64())
	case v.Kind() == parquet.ByteArray:
		return string(v.ByteArray())
	}
	t.Fatalf("unexpected value %v of %v", v, n)
	return ""
}

// TestRoundTrip writes the records and reads every value back, through the
// file's footer, equal to what the JSON records hold; one row per mention,
// one for an article without any.
func TestRoundTrip(t *testing.T) {
	recs := records(t)
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for i := range recs {
		if err := w.Write(&recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got, exp := readBack(t, buf.Bytes()), want(t, recs)
	if len(got) != len(exp) || int64(len(got)) != w.Rows {
		t.Fatalf("%d rows read, %d written, want %d", len(got), w.Rows, len(exp))
	}
	mentions, empty := 0, 0
	for i := range recs {
		mentions += len(recs[i].Entities)
		if len(recs[i].Entities) == 0 {
			empty++
		}
	}
	if len(got) != mentions+empty || empty == 0 || mentions < 100 {
		t.Fatalf("%d rows for %d mentions and %d empty articles", len(got), mentions, empty)
	}
	cols := Columns()
	for i := range got {
		for c := range cols {
			if got[i][c] != exp[i][c] {
				t.Errorf("row %d column %s: %q, want %q", i, cols[c], got[i][c], exp[i][c])
			}
		}
	}
	// The repeating decimal is what the record writes, exactly.
	if last := got[len(got)-5]; last[colIndex("value")] != "666666666666667/10000000000000" {
		t.Errorf("2/3 read back as %s", last[colIndex("value")])
	}
}

func colIndex(name string) int {
	for i, c := range Columns() {
		if c == name {
			return i
		}
	}
	return -1
}

// TestOutOfRange: a value too large or too fine for DECIMAL(38,18) is an
// error naming the article, and no row of it is written.
func TestOutOfRange(t *testing.T) {
	for _, s := range []string{"100000000000000000000", "-100000000000000000000", "0.0000000000000000001"} {
		rec := record.Record{DocID: "big-one", Source: "in.jsonl", Line: 4, Entities: []record.Entity{
			{Type: "money", Text: "x", End: 1, Value: ptr(number.FromInt(1))},
			{Type: "money", Text: "y", End: 1, Value: ptr(mustDec(t, s))},
		}}
		var buf bytes.Buffer
		w := NewWriter(&buf)
		err := w.Write(&rec)
		if err == nil || !errors.Is(err, ErrRange) || !strings.Contains(err.Error(), "big-one (in.jsonl:4)") {
			t.Errorf("%s: error %v", s, err)
		}
		if w.Rows != 0 {
			t.Errorf("%s: %d rows written", s, w.Rows)
		}
	}
	for s, want := range map[string]string{
		"99999999999999999999.999999999999999999":  "99999999999999999999999999999999999999",
		"-99999999999999999999.999999999999999999": "-99999999999999999999999999999999999999",
		"-1": "-1000000000000000000", "0": "0", "12.37": "12370000000000000000",
	} {
		b, err := Unscaled(s)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		i := new(big.Int).SetBytes(b)
		if b[0]&0x80 != 0 {
			i.Sub(i, new(big.Int).Lsh(big.NewInt(1), 128))
		}
		if i.String() != want {
			t.Errorf("Unscaled(%s) = %s, want %s", s, i, want)
		}
	}
}

// TestReadRecords reads the records back from the rows: each the same JSON
// as written, empty articles included, and ReadArticles lists them once.
func TestReadRecords(t *testing.T) {
	recs := records(t)
	path := filepath.Join(t.TempDir(), "r.parquet")
	f, _ := os.Create(path)
	w := NewWriter(f)
	for i := range recs {
		if err := w.Write(&recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	i := 0
	err := ReadRecords(path, func(r *record.Record, row int64) error {
		if i >= len(recs) {
			t.Fatalf("more records than written")
		}
		if got, want := r.AppendJSON(nil), recs[i].AppendJSON(nil); !bytes.Equal(got, want) {
			t.Errorf("record %d (row %d):\n got %s\nwant %s", i, row, got, want)
		}
		i++
		return nil
	})
	if err != nil || i != len(recs) {
		t.Fatalf("%d of %d records, %v", i, len(recs), err)
	}
	arts, err := ReadArticles(path)
	if err != nil || len(arts) != len(recs) || arts[0].DocID != recs[0].DocID {
		t.Fatalf("articles %d of %d: %v", len(arts), len(recs), err)
	}
}

// TestRowGroupsBounded: a file of more rows than a row group holds is
// written in several.
func TestRowGroupsBounded(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	ents := make([]record.Entity, 1000)
	for i := range ents {
		ents[i] = record.Entity{Type: "org", Start: i, End: i + 2, Text: "央行"}
	}
	for i := 0; i < RowGroupRows/1000+2; i++ {
		r := record.Record{DocID: fmt.Sprint(i), SHA256: "x", Version: "v", RefDateSource: "none", Entities: ents}
		if err := w.Write(&r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := parquet.OpenFile(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(f.RowGroups()); n < 2 || f.NumRows() != w.Rows {
		t.Errorf("%d row groups, %d rows of %d", n, f.NumRows(), w.Rows)
	}
	for _, g := range f.RowGroups() {
		if g.NumRows() > RowGroupRows {
			t.Errorf("a row group of %d rows", g.NumRows())
		}
	}
}

// TestRowMatchesTable: row_gen.go is what the table generates, and the
// schema parquet-go makes of it is the table's: names, types, nulls.
func TestRowMatchesTable(t *testing.T) {
	b, err := os.ReadFile("row_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, rowgen.Source()) {
		t.Fatal("row_gen.go differs from record.Fields: run go generate ./parquetout")
	}
	got, want := parquet.SchemaOf(row{}).Fields(), Schema().Fields()
	if len(got) != len(want) {
		t.Fatalf("%d columns, the table has %d", len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.Name() != w.Name() || g.Type().String() != w.Type().String() || g.Optional() != w.Optional() || g.Required() != w.Required() {
			t.Errorf("column %d: %s %s optional=%v, table %s %s optional=%v", i, g.Name(), g.Type(), g.Optional(), w.Name(), w.Type(), w.Optional())
		}
	}
}
