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
// bounded whatever the input's size; pages are zstd-compressed. The rows are
// written from row (row_gen.go), a struct generated from record.Fields, so
// that parquet-go writes each column straight from its field.
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

	"github.com/cnie/cnie/extract/number"
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
	f    *record.Field
	node parquet.Node
}

var (
	columns []column
	schema  *parquet.Schema
	epoch   = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	// limit is 10^38, the first unscaled value that does not fit.
	limit = new(big.Int).Exp(big.NewInt(10), big.NewInt(Precision), nil)
	scale = new(big.Int).Exp(big.NewInt(10), big.NewInt(Scale), nil)
)

// leaf returns the Parquet node of a field's values and its name in the
// README's column table; nil for the entities, which are rows.
func leaf(f *record.Field) (parquet.Node, string) {
	switch f.Kind {
	case record.String:
		return parquet.String(), "STRING"
	case record.Int:
		return parquet.Int(64), "INT64"
	case record.Date:
		return parquet.Date(), "DATE"
	case record.Decimal:
		return parquet.Decimal(Scale, Precision, parquet.FixedLenByteArrayType(16)), fmt.Sprintf("DECIMAL(%d,%d)", Precision, Scale)
	case record.Strings, record.Object:
		return parquet.JSON(), "JSON"
	}
	return nil, ""
}

// ColumnType names the Parquet type of a field's column ("" for the
// entities, which are rows): STRING, INT64, DATE, DECIMAL(38,18), JSON.
func ColumnType(f *record.Field) string {
	_, name := leaf(f)
	return name
}

func init() {
	var fields []parquet.Field
	for _, f := range record.Fields {
		n, _ := leaf(f)
		if n == nil {
			continue
		}
		c := column{f: f}
		if f.Entity || f.Emit != record.Always {
			n = parquet.Optional(n)
		}
		c.node = n
		columns = append(columns, c)
		fields = append(fields, &field{Node: n, name: f.Name, index: len(fields)})
	}
	schema = parquet.NewSchema("cnie", &group{fields: fields})
}

// Schema returns the Parquet schema made from record.Fields; the rows the
// Writer writes (row, generated from the same table) have this schema, as
// a test checks.
func Schema() *parquet.Schema { return schema }

// Columns returns the column names, in order.
func Columns() []string {
	names := make([]string, len(columns))
	for i, c := range columns {
		names[i] = c.f.Name
	}
	return names
}

//go:generate go run ./internal/rowgen/gen

// Writer writes records to one Parquet file. It is not safe for
// concurrent use.
type Writer struct {
	w    *parquet.GenericWriter[row]
	rows []row
	k    backing
	err  error
	// Rows is the number of rows written.
	Rows int64
}

// NewWriter starts a Parquet file on w; Close finishes it.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: parquet.NewGenericWriter[row](w,
		parquet.Compression(&parquet.Zstd),
		parquet.MaxRowsPerRowGroup(RowGroupRows),
		parquet.CreatedBy("cnie", "", ""),
	)}
}

// Write adds the rows of one record: one per entity, or one with a null
// type if it has none. A value that does not fit its column is an error
// naming the article, and nothing of the record is written.
func (w *Writer) Write(r *record.Record) error {
	if w.err != nil {
		return w.err
	}
	w.k.reset()
	var head row
	if err := fillRecord(&head, r, &w.k); err != nil {
		return fmt.Errorf("article %s (%s): %w", r.DocID, where(r), err)
	}
	n := max(len(r.Entities), 1)
	rows := w.rows[:0]
	for i := 0; i < n; i++ {
		var e *record.Entity
		if i < len(r.Entities) {
			e = &r.Entities[i]
		}
		rows = append(rows, head)
		if err := fillEntity(&rows[i], r, e, &w.k); err != nil {
			return fmt.Errorf("article %s (%s): %w", r.DocID, where(r), err)
		}
	}
	w.rows = rows
	if _, err := w.w.Write(rows); err != nil {
		w.err = fmt.Errorf("parquet: %w", err)
		return w.err
	}
	w.Rows += int64(n)
	return nil
}

// Close writes the file's last row group and footer.
func (w *Writer) Close() error {
	if err := w.w.Close(); err != nil && w.err == nil {
		w.err = fmt.Errorf("parquet: %w", err)
	}
	return w.err
}

// backing holds the values the pointers of a record's rows point to.
type backing struct {
	i64 []int64
	i32 []int32
	dec [][16]byte
}

func (k *backing) reset() { k.i64, k.i32, k.dec = k.i64[:0], k.i32[:0], k.dec[:0] }

// The pointers stay valid when a slice grows: the rows keep the old array.
func (k *backing) int64(v int64) *int64 {
	k.i64 = append(k.i64, v)
	return &k.i64[len(k.i64)-1]
}

func (k *backing) int32(v int32) *int32 {
	k.i32 = append(k.i32, v)
	return &k.i32[len(k.i32)-1]
}

func (k *backing) decimal(v []byte) *[16]byte {
	k.dec = append(k.dec, [16]byte(v))
	return &k.dec[len(k.dec)-1]
}

// days is a date field's value as days since 1970-01-01.
func days(f *record.Field, s string) (int32, error) {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, fmt.Errorf("%s %q is not a date", f.Name, s)
	}
	return int32(d.Sub(epoch) / (24 * time.Hour)), nil
}

func fieldErr(f *record.Field, err error) error { return fmt.Errorf("%s: %w", f.Name, err) }

// jsonText is v as JSON.
func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func where(r *record.Record) string {
	if r.Line > 0 {
		return fmt.Sprintf("%s:%d", r.Source, r.Line)
	}
	return r.Source
}

// unscaledValue is Unscaled(v.String()), without the round trip through
// text when v's denominator divides 10^18 (v is then exactly its text).
func unscaledValue(v *number.Value) ([]byte, error) {
	r := v.Rat()
	q, m := new(big.Int).QuoRem(scale, r.Denom(), new(big.Int))
	if m.Sign() != 0 {
		return Unscaled(v.String())
	}
	n := q.Mul(q, r.Num())
	if new(big.Int).Abs(n).Cmp(limit) >= 0 {
		return Unscaled(v.String()) // its error
	}
	return twos(n), nil
}

// twos is n, |n| < 2^127, as 16 bytes of big-endian two's complement.
func twos(n *big.Int) []byte {
	b := make([]byte, 16)
	if n.Sign() >= 0 {
		n.FillBytes(b)
		return b
	}
	m := new(big.Int).Lsh(big.NewInt(1), 128)
	m.Add(m, n)
	m.FillBytes(b)
	return b
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
	return twos(n), nil
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
