// Package parquetout writes records as Parquet: one row per mention, its
// article's fields repeated beside the mention's, and one row with a null
// type for an article without mentions, so that counting distinct doc_ids
// counts articles. The columns are those of record.Fields, in its order:
//
//	String   BYTE_ARRAY (STRING)
//	Int      INT64
//	Date     INT32 (DATE)
//	Decimal  FIXED_LEN_BYTE_ARRAY(16) (DECIMAL(38,18)), exact
//	Strings  BYTE_ARRAY (JSON), a JSON array of strings
//	Object   BYTE_ARRAY (JSON), a JSON object of strings
//
// The record's fields written always are required columns; the others, and
// every entity field, are optional (null when empty or not carried by the
// mention's type). Row groups hold at most RowGroupRows rows, so memory stays
// bounded whatever the input's size; pages are zstd-compressed.
package parquetout

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"reflect"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/encoding"

	"github.com/cnie/cnie/record"
)

// Decimal columns are DECIMAL(Precision, Scale).
const (
	Precision = 38
	Scale     = 18
)

// RowGroupRows bounds the rows of a row group.
const RowGroupRows = 64 << 10

// column is one Parquet column: a field of the table.
type column struct {
	f        *record.Field
	required bool
	node     parquet.Node
}

var (
	columns []column
	schema  *parquet.Schema
	epoch   = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	// limit is 10^38, the first unscaled value that does not fit.
	limit = new(big.Int).Exp(big.NewInt(10), big.NewInt(Precision), nil)
	scale = new(big.Int).Exp(big.NewInt(10), big.NewInt(Scale), nil)
)

func init() {
	var fields []parquet.Field
	for _, f := range record.Fields {
		var n parquet.Node
		switch f.Kind {
		case record.String:
			n = parquet.String()
		case record.Int:
			n = parquet.Int(64)
		case record.Date:
			n = parquet.Date()
		case record.Decimal:
			n = parquet.Decimal(Scale, Precision, parquet.FixedLenByteArrayType(16))
		case record.Strings, record.Object:
			n = parquet.JSON()
		case record.Entities:
			continue
		}
		c := column{f: f, required: !f.Entity && f.Emit == record.Always}
		if !c.required {
			n = parquet.Optional(n)
		}
		c.node = n
		columns = append(columns, c)
		fields = append(fields, &field{Node: n, name: f.Name, index: len(fields)})
	}
	schema = parquet.NewSchema("cnie", &group{fields: fields})
}

// Schema returns the Parquet schema of the rows.
func Schema() *parquet.Schema { return schema }

// Columns returns the column names, in order.
func Columns() []string {
	names := make([]string, len(columns))
	for i, c := range columns {
		names[i] = c.f.Name
	}
	return names
}

// Writer writes records to one Parquet file. It is not safe for
// concurrent use.
type Writer struct {
	w    *parquet.Writer
	rows []parquet.Row
	err  error
	// Rows is the number of rows written.
	Rows int64
}

// NewWriter starts a Parquet file on w; Close finishes it.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: parquet.NewWriter(w, schema,
		parquet.Compression(&parquet.Zstd),
		parquet.MaxRowsPerRowGroup(RowGroupRows),
		parquet.CreatedBy("cnie", "", ""),
	)}
}

// Write adds the rows of one record. A value that does not fit its column
// is an error naming the article, and nothing of the record is written.
func (w *Writer) Write(r *record.Record) error {
	if w.err != nil {
		return w.err
	}
	rows, err := AppendRows(w.rows[:0], r)
	w.rows = rows
	if err != nil {
		return err
	}
	if _, err := w.w.WriteRows(rows); err != nil {
		w.err = fmt.Errorf("parquet: %w", err)
		return w.err
	}
	w.Rows += int64(len(rows))
	return nil
}

// Close writes the file's last row group and footer.
func (w *Writer) Close() error {
	if err := w.w.Close(); err != nil && w.err == nil {
		w.err = fmt.Errorf("parquet: %w", err)
	}
	return w.err
}

// AppendRows appends the rows of r to rows: one per entity, or one with a
// null type if it has none.
func AppendRows(rows []parquet.Row, r *record.Record) ([]parquet.Row, error) {
	n := len(r.Entities)
	if n == 0 {
		n = 1
	}
	for i := 0; i < n; i++ {
		var e *record.Entity
		if i < len(r.Entities) {
			e = &r.Entities[i]
		}
		row := make(parquet.Row, 0, len(columns))
		for ci, c := range columns {
			v, err := value(c, r, e)
			if err != nil {
				return rows, fmt.Errorf("article %s (%s): %w", r.DocID, where(r), err)
			}
			def := 0
			if !c.required && !v.IsNull() {
				def = 1
			}
			row = append(row, v.Level(0, def, ci))
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func where(r *record.Record) string {
	if r.Line > 0 {
		return fmt.Sprintf("%s:%d", r.Source, r.Line)
	}
	return r.Source
}

// value is column c's value for record r and entity e (nil in the row of
// an article without mentions).
func value(c column, r *record.Record, e *record.Entity) (parquet.Value, error) {
	f := c.f
	if f.Entity && (e == nil || !f.Carried(e.Type)) {
		return parquet.NullValue(), nil
	}
	if f.Emit != record.Always && f.Empty(r, e) {
		return parquet.NullValue(), nil
	}
	switch f.Kind {
	case record.String:
		return parquet.ByteArrayValue([]byte(f.Str(r, e))), nil
	case record.Int:
		return parquet.Int64Value(int64(f.Int(r, e))), nil
	case record.Date:
		s := f.Str(r, e)
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return parquet.Value{}, fmt.Errorf("%s %q is not a date", f.Name, s)
		}
		return parquet.Int32Value(int32(d.Sub(epoch) / (24 * time.Hour))), nil
	case record.Decimal:
		b, err := Unscaled(f.Dec(r, e).String())
		if err != nil {
			return parquet.Value{}, fmt.Errorf("%s: %w", f.Name, err)
		}
		return parquet.FixedLenByteArrayValue(b), nil
	case record.Strings:
		b, _ := json.Marshal(f.List(r, e))
		return parquet.ByteArrayValue(b), nil
	case record.Object:
		b, _ := json.Marshal(f.Obj(r, e))
		return parquet.ByteArrayValue(b), nil
	}
	return parquet.Value{}, fmt.Errorf("column %s of unknown kind", f.Name)
}

// ErrRange is the error of a value that DECIMAL(38,18) cannot hold exactly.
var ErrRange = errors.New("does not fit DECIMAL(38,18)")

// Unscaled returns the 16-byte big-endian two's complement of s×10^18, s
// being a decimal as records write it; a value with more than 18 digits
// after the point, or of 10^20 or more, is ErrRange: never rounded.
func Unscaled(s string) ([]byte, error) {
	r, ok := new(big.Rat).SetString(s)
	if !ok || strings.ContainsAny(s, "/eE") {
		return nil, fmt.Errorf("%q is not a decimal", s)
	}
	r.Mul(r, new(big.Rat).SetInt(scale))
	if !r.IsInt() {
		return nil, fmt.Errorf("%s: %w (more than %d digits after the point)", s, ErrRange, Scale)
	}
	n := r.Num()
	if new(big.Int).Abs(n).Cmp(limit) >= 0 {
		return nil, fmt.Errorf("%s: %w (%d digits or more before the point)", s, ErrRange, Precision-Scale+1)
	}
	b := make([]byte, 16)
	if n.Sign() >= 0 {
		n.FillBytes(b)
		return b, nil
	}
	// Two's complement: 2^128 + n.
	m := new(big.Int).Lsh(big.NewInt(1), 128)
	m.Add(m, n)
	m.FillBytes(b)
	return b, nil
}

// group is a Parquet group whose columns keep the table's order (a
// parquet.Group sorts them by name).
type group struct{ fields []parquet.Field }

func (g *group) ID() int                     { return 0 }
func (g *group) String() string              { return "cnie row" }
func (g *group) Type() parquet.Type          { return parquet.Group{}.Type() }
func (g *group) Optional() bool              { return false }
func (g *group) Repeated() bool              { return false }
func (g *group) Required() bool              { return true }
func (g *group) Leaf() bool                  { return false }
func (g *group) Fields() []parquet.Field     { return g.fields }
func (g *group) Encoding() encoding.Encoding { return nil }
func (g *group) Compression() compress.Codec { return nil }
func (g *group) GoType() reflect.Type        { return goType(g.fields) }
func goType(fields []parquet.Field) reflect.Type {
	sf := make([]reflect.StructField, len(fields))
	for i, f := range fields {
		sf[i] = reflect.StructField{
			Name: fmt.Sprintf("F%d", i),
			Type: f.GoType(),
			Tag:  reflect.StructTag(fmt.Sprintf("parquet:%q", f.Name())),
		}
	}
	return reflect.StructOf(sf)
}

// field names a node in the group.
type field struct {
	parquet.Node
	name  string
	index int
}

func (f *field) Name() string { return f.name }

func (f *field) Value(base reflect.Value) reflect.Value {
	if base.Kind() == reflect.Interface {
		if base.IsNil() {
			return reflect.ValueOf(nil)
		}
		base = base.Elem()
	}
	return base.Field(f.index)
}
