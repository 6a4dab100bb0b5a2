package load

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cnie/cnie/parquetout"
	"github.com/cnie/cnie/record"
)

// readFile reads the records of a .parquet or JSON Lines (.gz) file.
func readFile(path string, fn func(item) error) error {
	if strings.HasSuffix(path, ".parquet") {
		return parquetout.ReadRecords(path, func(r *record.Record, row int64) error {
			where := fmt.Sprintf("%s: row %d", path, row)
			if err := check(r); err != nil {
				return fmt.Errorf("%s: %w", where, err)
			}
			return fn(item{rec: r, where: where})
		})
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var in io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		in = zr
	}
	return readJSONL(path, in, fn)
}

// readJSONL reads one record a line. A line that is not a record is an
// error naming name and the line; an error record (cnie run's --errors
// output) is passed on as one, blank lines are skipped.
func readJSONL(name string, in io.Reader, fn func(item) error) error {
	br := bufio.NewReaderSize(in, 256<<10)
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(b)) > 0 {
			where := fmt.Sprintf("%s:%d", name, line)
			if b[len(b)-1] != '\n' && err == io.EOF && !json.Valid(b) {
				return fmt.Errorf("%s: torn last line (no newline, not JSON)", where)
			}
			it, perr := parseLine(b)
			if perr != nil {
				return fmt.Errorf("%s: %w", where, perr)
			}
			it.where = where
			if ferr := fn(it); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
}

// parseLine decodes one line: a record, or an error record.
func parseLine(b []byte) (item, error) {
	var probe struct {
		Error  *string `json:"error"`
		SHA256 *string `json:"sha256"`
	}
	if err := json.Unmarshal(b, &probe); err != nil {
		return item{}, fmt.Errorf("not a record: %w", err)
	}
	if probe.Error != nil && probe.SHA256 == nil {
		return item{errRecord: true}, nil
	}
	var r record.Record
	if err := json.Unmarshal(b, &r); err != nil {
		return item{}, fmt.Errorf("not a record: %w", err)
	}
	if err := check(&r); err != nil {
		return item{}, err
	}
	return item{rec: &r}, nil
}

// check refuses a record the tables cannot hold as it is: no doc_id,
// sha256 or version, a mention without type, dates that are not dates,
// values that do not fit numeric(38,18).
func check(r *record.Record) error {
	switch {
	case r.DocID == "":
		return errors.New("a record without doc_id")
	case len(r.SHA256) != 64:
		return errors.New("a record without a sha256 digest")
	case r.Version == "":
		return errors.New("a record without version (written by cnie before 0.3.0: run it again)")
	}
	for _, f := range articleColumns() {
		if _, err := sqlValue(f, r, nil); err != nil {
			return err
		}
	}
	for i := range r.Entities {
		e := &r.Entities[i]
		if e.Type == "" {
			return fmt.Errorf("mention %d has no type", i)
		}
		for _, f := range mentionColumns() {
			if !f.Carried(e.Type) {
				continue
			}
			if _, err := sqlValue(f, r, e); err != nil {
				return fmt.Errorf("mention %d (%s): %w", i, e.Text, err)
			}
		}
	}
	return nil
}
