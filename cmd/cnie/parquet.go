package main

import (
	"errors"
	"io"
	"strings"

	"github.com/cnie/cnie/parquetout"
	"github.com/cnie/cnie/record"
)

// isParquet reports whether -o names a Parquet file.
func isParquet(path string) bool {
	return strings.HasSuffix(strings.ToLower(path), ".parquet")
}

// parquetOut writes records as Parquet rows (package parquetout).
type parquetOut struct{ w *parquetout.Writer }

func newParquetOut(w io.Writer) *parquetOut { return &parquetOut{parquetout.NewWriter(w)} }

func (p *parquetOut) write(r *record.Record) error { return p.w.Write(r) }

func (p *parquetOut) close() error { return p.w.Close() }

// fitting wraps write so that a record with a value its column cannot hold
// exactly (parquetout.ErrRange: nothing of it was written) becomes an error
// record, through unfit, and the run goes on.
func fitting(write func(*record.Record) error, unfit func(*record.Record, error) error) func(*record.Record) error {
	return func(r *record.Record) error {
		err := write(r)
		if err != nil && errors.Is(err, parquetout.ErrRange) {
			return unfit(r, err)
		}
		return err
	}
}
