package parquetout

import (
	"io"
	"testing"

	"github.com/cnie/cnie/record"
)

// benchRecords are the seeds' records, 40 times, and the UTF-8 size of
// their texts (for MB/s comparable with a run's).
func benchRecords(b *testing.B) ([]record.Record, int64) {
	var recs []record.Record
	seeds := records(b)
	for range 40 { // a file of some 30,000 rows, as a run writes
		recs = append(recs, seeds...)
	}
	var n int64
	for _, r := range recs {
		n += int64(r.Chars) * 3 // CJK text is 3 bytes a character in UTF-8
	}
	return recs, n
}

// BenchmarkWriteParquet and BenchmarkWriteJSONL are the cost of writing
// the same records as Parquet and as JSON Lines, in MB of article text per
// second: set beside a run's end-to-end MB/s, the share of a run that
// writing takes.
func BenchmarkWriteParquet(b *testing.B) {
	recs, n := benchRecords(b)
	b.SetBytes(n)
	for b.Loop() {
		w := NewWriter(io.Discard)
		for i := range recs {
			if err := w.Write(&recs[i]); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteJSONL(b *testing.B) {
	recs, n := benchRecords(b)
	b.SetBytes(n)
	var buf []byte
	for b.Loop() {
		buf = buf[:0]
		for i := range recs {
			buf = append(recs[i].AppendJSON(buf), '\n')
		}
		io.Discard.Write(buf)
	}
}
