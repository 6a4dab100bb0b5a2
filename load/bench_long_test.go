//go:build long

package load

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/cnie/cnie/internal/pgtest"
	"github.com/cnie/cnie/record"
)

// BenchmarkLoadPostgres loads the seeds' records, renamed into 4000
// articles, from one JSON Lines file into a real server (make bench): rows
// (articles and mentions) per second.
func BenchmarkLoadPostgres(b *testing.B) {
	srv := pgtest.Start(b)
	t := &testing.T{}
	seeds := seedRecords(t)
	var recs []record.Record
	for i := 0; i < 4000; i++ {
		r := seeds[i%len(seeds)]
		r.DocID = fmt.Sprintf("a%05d", i)
		recs = append(recs, r)
	}
	path := filepath.Join(b.TempDir(), "run.jsonl")
	writeJSONL(t, path, recs)
	ctx := context.Background()
	rows := 0
	for i := 0; b.Loop(); i++ {
		url := srv.NewDB(b, fmt.Sprintf("bench%d", i))
		l, err := Open(ctx, Options{DB: url, Init: true})
		if err != nil {
			b.Fatal(err)
		}
		if err := l.Load(ctx, []string{path}); err != nil {
			b.Fatal(err)
		}
		rows += l.Stats().Rows
		l.Close()
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}
