package load

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/cnie/cnie/parquetout"
	"github.com/cnie/cnie/record"
)

// fieldTable is the README's table of fields and columns, made from
// record.Fields and the Parquet and PostgreSQL types of each kind.
func fieldTable() string {
	kinds := map[record.Kind]string{record.String: "string", record.Int: "integer", record.Date: "string YYYY-MM-DD",
		record.Decimal: "number", record.Strings: "array of strings", record.Object: "object of strings", record.Entities: "array of objects"}
	var b strings.Builder
	b.WriteString("| field | of | JSON | Parquet | PostgreSQL | when empty | meaning |\n|---|---|---|---|---|---|---|\n")
	for _, f := range record.Fields {
		of, table := "record", "articles"
		switch {
		case f.Entity && f.Types != nil:
			of, table = strings.Join(f.Types, ", "), "mentions"
		case f.Entity:
			of, table = "every entity", "mentions"
		}
		pq, sql := parquetout.ColumnType(f), ""
		if f.Kind == record.Entities {
			pq, sql = "one row each", "rows of mentions"
		} else {
			sql = SQLType(f) + " (" + table + ")"
		}
		empty := map[record.Emit]string{record.Always: "written", record.Null: "null", record.OmitEmpty: "absent"}[f.Emit]
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s | %s |\n", f.Name, of, kinds[f.Kind], pq, sql, empty, strings.ReplaceAll(f.Doc, "|", "\\|"))
	}
	return b.String()
}

const tableBegin, tableEnd = "<!-- fields: generated from record.Fields by load/readme_test.go -->\n", "<!-- end of fields -->\n"

// TestReadmeFieldTable holds the README's field table to record.Fields;
// CNIE_UPDATE_README=1 rewrites it.
func TestReadmeFieldTable(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i, j := strings.Index(s, tableBegin), strings.Index(s, tableEnd)
	if i < 0 || j < i {
		t.Fatal("README.md has no field table between its markers")
	}
	want := fieldTable()
	if got := s[i+len(tableBegin) : j]; got != want {
		if os.Getenv("CNIE_UPDATE_README") != "" {
			os.WriteFile("../README.md", []byte(s[:i+len(tableBegin)]+want+s[j:]), 0o644)
			return
		}
		t.Errorf("README.md's field table differs from record.Fields (CNIE_UPDATE_README=1 go test ./load rewrites it); want:\n%s", want)
	}
}
