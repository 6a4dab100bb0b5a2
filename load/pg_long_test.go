//go:build long

package load

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/extract/number"
	"github.com/cnie/cnie/internal/pgtest"
	"github.com/cnie/cnie/parquetout"
	"github.com/cnie/cnie/pipeline"
	"github.com/cnie/cnie/record"
)

// seedRecords are the seeds' records, and one article without mentions.
func seedRecords(t *testing.T) []record.Record {
	p, err := pipeline.New(pipeline.Options{RefDate: time.Date(2025, 4, 12, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	var recs []record.Record
	for a, err := range corpus.Open(files, corpus.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, p.Process(a))
	}
	return append(recs, p.Process(corpus.Article{ID: "quiet", Source: "q.jsonl", Line: 1, Text: "雨后的空气格外清新。"}))
}

func writeJSONL(t *testing.T, path string, recs []record.Record) {
	var b []byte
	for i := range recs {
		b = append(recs[i].AppendJSON(b), '\n')
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func writeParquet(t *testing.T, path string, recs []record.Record) {
	f, _ := os.Create(path)
	w := parquetout.NewWriter(f)
	for i := range recs {
		if err := w.Write(&recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func loadPaths(t *testing.T, url string, paths ...string) (Stats, error) {
	t.Helper()
	ctx := context.Background()
	l, err := Open(ctx, Options{DB: url, ChunkArticles: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	err = l.Load(ctx, paths)
	return l.Stats(), err
}

func count(t *testing.T, c *pgx.Conn, q string, args ...any) int {
	t.Helper()
	var n int
	if err := c.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// TestLongLoadPostgres loads records into a real server and checks the
// rows against the records, skipping, replacing, folders, bad input and
// the lock.
func TestLongLoadPostgres(t *testing.T) {
	srv := pgtest.Start(t)
	url := srv.NewDB(t, "cnie")
	ctx := context.Background()
	if _, err := Open(ctx, Options{DB: url}); !errors.Is(err, ErrNoSchema) {
		t.Fatalf("a load into an empty database: %v", err)
	}
	l, err := Open(ctx, Options{DB: url, Init: true})
	if err != nil {
		t.Fatal(err)
	}
	l.Close()
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if n := count(t, c, `SELECT value::int FROM cnie_meta WHERE key = 'schema_version'`); n != SchemaVersion {
		t.Fatalf("schema version %d", n)
	}

	recs := seedRecords(t)
	dir := t.TempDir()
	jsonl, pq := filepath.Join(dir, "run.jsonl"), filepath.Join(dir, "run.parquet")
	writeJSONL(t, jsonl, recs)
	writeParquet(t, pq, recs)
	mentions := 0
	for _, r := range recs {
		mentions += len(r.Entities)
	}
	st, err := loadPaths(t, url, jsonl)
	if err != nil || st.Loaded != len(recs) || st.Mentions != mentions {
		t.Fatalf("first load %+v, %v; want %d articles, %d mentions", st, err, len(recs), mentions)
	}
	if n := count(t, c, `SELECT count(*) FROM articles`); n != len(recs) {
		t.Fatalf("%d articles in the table", n)
	}
	// Every value as the records hold it.
	rows, err := c.Query(ctx, `SELECT doc_id, ord, type, start, "end", text, value::text, currency, start_date::text, grain, canonical, code FROM mentions`)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*record.Record{}
	for i := range recs {
		byID[recs[i].DocID] = &recs[i]
	}
	checked := 0
	for rows.Next() {
		var id, typ, text string
		var ord, start, end int
		var value, currency, sdate, grain, canonical, code *string
		if err := rows.Scan(&id, &ord, &typ, &start, &end, &text, &value, &currency, &sdate, &grain, &canonical, &code); err != nil {
			t.Fatal(err)
		}
		e := byID[id].Entities[ord]
		if e.Type != typ || e.Start != start || e.End != end || e.Text != text ||
			str(currency) != e.Currency || str(sdate) != e.StartDate || str(grain) != e.Grain || str(canonical) != e.Canonical || str(code) != e.Code {
			t.Errorf("%s/%d: row %s %d %d %s, record %+v", id, ord, typ, start, end, text, e)
		}
		if (e.Value == nil) != (value == nil) || (value != nil && !sameNumber(*value, e.Value.String())) {
			t.Errorf("%s/%d: value %v, record %v", id, ord, str(value), e.Value)
		}
		checked++
	}
	if rows.Err() != nil || checked != mentions {
		t.Fatalf("%d mentions checked of %d: %v", checked, mentions, rows.Err())
	}
	if n := count(t, c, `SELECT mentions FROM articles WHERE doc_id = 'quiet'`); n != 0 {
		t.Errorf("the quiet article has %d mentions", n)
	}

	// The same records again, as Parquet: all skipped.
	st, err = loadPaths(t, url, pq)
	if err != nil || st.Skipped != len(recs) || st.Rows != 0 {
		t.Fatalf("Parquet of the same run: %+v, %v", st, err)
	}
	// Another version, and a changed text: replaced, mentions too.
	re := append([]record.Record{}, recs[:2]...)
	re[0].Version = "0.4.0+new"
	re[1].SHA256 = strings.Repeat("f", 64)
	re[1].Entities = re[1].Entities[:1]
	writeJSONL(t, filepath.Join(dir, "re.jsonl"), re)
	st, err = loadPaths(t, url, filepath.Join(dir, "re.jsonl"))
	if err != nil || st.Replaced != 2 {
		t.Fatalf("reprocessed: %+v, %v", st, err)
	}
	if n := count(t, c, `SELECT count(*) FROM mentions WHERE doc_id = $1`, re[1].DocID); n != 1 {
		t.Errorf("replaced article keeps %d mentions", n)
	}
	if n := count(t, c, `SELECT count(*) FROM articles WHERE version = '0.4.0+new'`); n != 1 {
		t.Errorf("%d articles of the new version", n)
	}

	// A folder of batches: name order, each once, the last file recorded.
	folder := filepath.Join(dir, "out")
	os.Mkdir(folder, 0o755)
	fresh := func(i int) record.Record {
		r := recs[i%len(recs)]
		r.DocID = fmt.Sprintf("batch-%03d", i)
		return r
	}
	for f := 0; f < 3; f++ {
		writeJSONL(t, filepath.Join(folder, fmt.Sprintf("b-%03d.jsonl", f)), []record.Record{fresh(2 * f), fresh(2*f + 1)})
	}
	os.WriteFile(filepath.Join(folder, ".b-003.jsonl.tmp"), []byte("{half"), 0o644)
	if st, err = loadPaths(t, url, folder); err != nil || st.Files != 3 || st.Loaded != 6 {
		t.Fatalf("folder: %+v, %v", st, err)
	}
	writeParquet(t, filepath.Join(folder, "b-003.parquet"), []record.Record{fresh(6)})
	if st, err = loadPaths(t, url, folder); err != nil || st.Files != 1 || st.FilesSkipped != 3 || st.Loaded != 1 {
		t.Fatalf("folder again: %+v, %v", st, err)
	}
	var last string
	c.QueryRow(ctx, `SELECT last_file FROM cnie_folders`).Scan(&last)
	if last != "b-003.parquet" {
		t.Errorf("last file %q", last)
	}

	// Standard input, with an error record among the records: counted,
	// not loaded.
	in := fresh(50)
	stdin := `{"source":"drop.jsonl","line":3,"error":"not valid JSON"}` + "\n" + string(in.AppendJSON(nil)) + "\n"
	sl, err := Open(ctx, Options{DB: url, Stdin: strings.NewReader(stdin)})
	if err != nil {
		t.Fatal(err)
	}
	err = sl.Load(ctx, nil)
	if st := sl.Stats(); err != nil || st.Loaded != 1 || st.ErrorRecords != 1 || st.Read != 1 {
		t.Errorf("standard input: %+v, %v", st, err)
	}
	sl.Close()

	// Bad input: named by file and line, nothing of its transaction
	// written.
	before := count(t, c, `SELECT count(*) FROM articles`)
	bad := filepath.Join(dir, "bad.jsonl")
	good := fresh(100)
	os.WriteFile(bad, append(good.AppendJSON(nil), "\n{\"doc_id\": \"x\", \"entities\": [\n"...), 0o644)
	if _, err := loadPaths(t, url, bad); err == nil || !strings.Contains(err.Error(), "bad.jsonl:2") {
		t.Errorf("malformed line: %v", err)
	}
	huge := fresh(101)
	v, _ := number.ParseDecimal("1000000000000000000000")
	huge.Entities = append(append([]record.Entity{}, huge.Entities...),
		record.Entity{Type: "money", Start: 0, End: 4, Text: "十万亿亿", Value: &v, Currency: "CNY"})
	writeJSONL(t, bad, []record.Record{huge})
	if _, err := loadPaths(t, url, bad); err == nil || !strings.Contains(err.Error(), "bad.jsonl:1") || !errors.Is(err, parquetout.ErrRange) {
		t.Errorf("a value too large: %v", err)
	}
	if n := count(t, c, `SELECT count(*) FROM articles`); n != before {
		t.Errorf("bad input left %d articles", n-before)
	}

	// Two loads: the second waits for the first's lock.
	first, err := Open(ctx, Options{DB: url})
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan error)
	go func() {
		l, err := Open(ctx, Options{DB: url})
		if err == nil {
			l.Close()
		}
		got <- err
	}()
	select {
	case err := <-got:
		t.Fatalf("a second load went ahead beside the first: %v", err)
	case <-time.After(500 * time.Millisecond):
	}
	first.Close()
	if err := <-got; err != nil {
		t.Fatal(err)
	}
	if n := count(t, c, `SELECT count(*) FROM articles a WHERE mentions <> (SELECT count(*) FROM mentions m WHERE m.doc_id = a.doc_id)`); n != 0 {
		t.Errorf("%d articles with half their mentions", n)
	}
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func sameNumber(a, b string) bool {
	x, ok1 := new(big.Rat).SetString(a)
	y, ok2 := new(big.Rat).SetString(b)
	return ok1 && ok2 && x.Cmp(y) == 0
}
