package parquetout

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"strconv"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/cnie/cnie/record"
	"github.com/cnie/cnie/state"
)

// ReadArticles returns the articles (doc_id and sha256) of a Parquet file
// this package wrote, once each, in file order: what start-up recovery of
// unattended runs records for a finished file the state does not know.
func ReadArticles(path string) ([]state.Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("not a Parquet file: %w", err)
	}
	id, sum := -1, -1
	for i, fl := range pf.Schema().Fields() {
		switch fl.Name() {
		case "doc_id":
			id = i
		case "sha256":
			sum = i
		}
	}
	if id < 0 || sum < 0 {
		return nil, errors.New("no doc_id and sha256 columns")
	}
	var arts []state.Article
	r := parquet.NewReader(pf)
	defer r.Close()
	rows := make([]parquet.Row, 256)
	for {
		n, err := r.ReadRows(rows)
		for _, row := range rows[:n] {
			a := state.Article{DocID: row[id].String(), SHA256: row[sum].String()}
			if len(arts) == 0 || arts[len(arts)-1] != a {
				arts = append(arts, a)
			}
		}
		if err == io.EOF {
			return arts, nil
		}
		if err != nil {
			return arts, err
		}
	}
}

// ReadRecords reads the records of a Parquet file this package wrote (its
// rows grouped back by article, consecutive rows of one doc_id and sha256)
// and hands each to fn with the number of its first row (1-based). Columns
// the table does not know are ignored.
func ReadRecords(path string, fn func(r *record.Record, row int64) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		return fmt.Errorf("%s: not a Parquet file: %w", path, err)
	}
	leaves := pf.Schema().Fields()
	fields := make([]*record.Field, len(leaves))
	for i, l := range leaves {
		fields[i] = record.FieldByName(l.Name())
	}
	var (
		cur      map[string]any
		ents     []map[string]any
		key      [2]string
		first    int64
		rowNum   int64
		emitting = func() error {
			if cur == nil {
				return nil
			}
			cur["entities"] = ents
			b, err := json.Marshal(cur)
			if err != nil {
				return err
			}
			var r record.Record
			if err := json.Unmarshal(b, &r); err != nil {
				return fmt.Errorf("%s: row %d: %w", path, first, err)
			}
			return fn(&r, first)
		}
	)
	r := parquet.NewReader(pf)
	defer r.Close()
	rows := make([]parquet.Row, 256)
	for {
		n, rerr := r.ReadRows(rows)
		for _, row := range rows[:n] {
			rowNum++
			rec, ent := map[string]any{}, map[string]any{}
			for _, v := range row {
				c := v.Column()
				f := fields[c]
				if f == nil || v.IsNull() {
					continue
				}
				jv, err := jsonValue(v, leaves[c])
				if err != nil {
					return fmt.Errorf("%s: row %d: %s: %w", path, rowNum, f.Name, err)
				}
				if f.Entity {
					ent[f.Name] = jv
				} else {
					rec[f.Name] = jv
				}
			}
			k := [2]string{fmt.Sprint(rec["doc_id"]), fmt.Sprint(rec["sha256"])}
			if cur == nil || k != key {
				if err := emitting(); err != nil {
					return err
				}
				cur, ents, key, first = rec, []map[string]any{}, k, rowNum
			}
			if ent["type"] != nil {
				ents = append(ents, ent)
			}
		}
		if rerr == io.EOF {
			return emitting()
		}
		if rerr != nil {
			return fmt.Errorf("%s: row %d: %w", path, rowNum+1, rerr)
		}
	}
}

// jsonValue is a Parquet value as the record's JSON holds it.
func jsonValue(v parquet.Value, n parquet.Node) (any, error) {
	var lv format.LogicalTypeValue
	if lt := n.Type().LogicalType(); lt != nil {
		lv = lt.Value
	}
	switch t := lv.(type) {
	case *format.DateType:
		return time.Unix(int64(v.Int32())*86400, 0).UTC().Format(time.DateOnly), nil
	case *format.DecimalType:
		b := v.ByteArray()
		i := new(big.Int).SetBytes(b)
		if len(b) > 0 && b[0]&0x80 != 0 {
			i.Sub(i, new(big.Int).Lsh(big.NewInt(1), uint(8*len(b))))
		}
		r := new(big.Rat).SetFrac(i, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(t.Scale)), nil))
		s := r.FloatString(int(t.Scale))
		if t.Scale > 0 {
			for s[len(s)-1] == '0' {
				s = s[:len(s)-1]
			}
			if s[len(s)-1] == '.' {
				s = s[:len(s)-1]
			}
		}
		return json.Number(s), nil
	case *format.JsonType:
		return json.RawMessage(v.ByteArray()), nil
	}
	switch v.Kind() {
	case parquet.Int64:
		return json.Number(strconv.FormatInt(v.Int64(), 10)), nil
	case parquet.Int32:
		return json.Number(strconv.FormatInt(int64(v.Int32()), 10)), nil
	case parquet.ByteArray:
		return string(v.ByteArray()), nil
	}
	return nil, fmt.Errorf("unexpected %v value", v.Kind())
}
