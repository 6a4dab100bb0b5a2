//go:build long

package parquetout

import (
	"bufio"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
)

// TestLongDuckDBReadsBack has DuckDB, a reader that shares no code with
// parquet-go, read the Parquet file of a run and compares every value of
// every row with the JSON Lines the same run wrote.
func TestLongDuckDBReadsBack(t *testing.T) {
	recs := records(t)
	dir := t.TempDir()
	pqPath, jsonPath := filepath.Join(dir, "run.parquet"), filepath.Join(dir, "run.jsonl")
	pf, _ := os.Create(pqPath)
	jf, _ := os.Create(jsonPath)
	pw, jw := NewWriter(pf), bufio.NewWriter(jf)
	for i := range recs {
		if err := pw.Write(&recs[i]); err != nil {
			t.Fatal(err)
		}
		jw.Write(append(recs[i].AppendJSON(nil), '\n'))
	}
	if err := pw.Close(); err != nil {
		t.Fatal(err)
	}
	pf.Close()
	jw.Flush()
	jf.Close()

	// The expected rows, from the JSON Lines file alone.
	b, _ := os.ReadFile(jsonPath)
	var fromJSON [][]string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var r jsonRecord
		if err := json.Unmarshal([]byte(line), &r.fields); err != nil {
			t.Fatal(err)
		}
		fromJSON = append(fromJSON, r.rows(t)...)
	}

	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cols := Columns()
	sel := make([]string, len(cols))
	for i, c := range cols {
		sel[i] = `CAST("` + c + `" AS VARCHAR)`
	}
	rows, err := db.Query(`SELECT ` + strings.Join(sel, ", ") + ` FROM read_parquet('` + pqPath + `', file_row_number = true) ORDER BY file_row_number`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			if v.Valid {
				row[i] = canonDuck(t, cols[i], v.String)
			}
		}
		got = append(got, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(fromJSON) {
		t.Fatalf("DuckDB read %d rows, the JSON Lines give %d", len(got), len(fromJSON))
	}
	n := 0
	for i := range got {
		for c := range cols {
			n++
			if got[i][c] != fromJSON[i][c] {
				t.Errorf("row %d %s: DuckDB %q, JSON %q", i, cols[c], got[i][c], fromJSON[i][c])
			}
		}
	}
	var types string
	db.QueryRow(`SELECT string_agg(column_name || ' ' || column_type, ', ') FROM (DESCRIBE SELECT * FROM read_parquet('` + pqPath + `'))`).Scan(&types)
	for _, want := range []string{"value DECIMAL(38,18)", "ref_date DATE", "start_date DATE", "line BIGINT", "type VARCHAR"} {
		if !strings.Contains(types, want) {
			t.Errorf("DuckDB sees columns %s, want %s", types, want)
		}
	}
	t.Logf("%d rows, %d values equal; columns %s", len(got), n, types)
}

type jsonRecord struct{ fields map[string]json.RawMessage }

// rows are the record's expected rows: one per entity, or one without.
func (r jsonRecord) rows(t *testing.T) [][]string {
	var ents []map[string]json.RawMessage
	json.Unmarshal(r.fields["entities"], &ents)
	if len(ents) == 0 {
		ents = []map[string]json.RawMessage{nil}
	}
	var out [][]string
	for _, e := range ents {
		var row []string
		for _, c := range Columns() {
			raw, ok := r.fields[c]
			if _, inEntity := entityColumn[c]; inEntity {
				raw, ok = e[c]
			}
			row = append(row, canonJSON(t, raw, ok))
		}
		out = append(out, row)
	}
	return out
}

// entityColumn names the entity columns: the JSON of an entity has them.
var entityColumn = map[string]bool{}

func init() {
	for _, c := range []string{"type", "start", "end", "text", "value", "currency", "unit", "qualifier",
		"start_date", "end_date", "grain", "canonical", "code", "name", "id", "attrs", "rule"} {
		entityColumn[c] = true
	}
}

// canonDuck puts DuckDB's text of a value in canonJSON's form.
func canonDuck(t *testing.T, col, s string) string {
	switch col {
	case "value", "line", "start", "end", "chars":
		return canonJSON(t, json.RawMessage(s), true)
	case "warnings", "attrs":
		return canonJSON(t, json.RawMessage(s), true)
	}
	return s
}
