package cnie

import (
	"context"
	"fmt"
	"testing"
)

// TestStreamOrderAndStop: records come back in input order on several
// workers, breaking the loop stops the stream, and a done context ends it
// with its error.
func TestStreamOrderAndStop(t *testing.T) {
	x, err := New(Options{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	var as []Article
	for i := range 50 {
		as = append(as, Article{ID: fmt.Sprint(i), Text: fmt.Sprintf("第%d条：去年营收增长%d%%。", i, i)})
	}
	i := 0
	for rec, err := range x.Stream(context.Background(), Articles(as...)) {
		if err != nil || rec.DocID != fmt.Sprint(i) {
			t.Fatalf("record %d: %s, %v", i, rec.DocID, err)
		}
		i++
	}
	if i != len(as) {
		t.Fatalf("%d records of %d", i, len(as))
	}
	n := 0
	for range x.Stream(context.Background(), Articles(as...)) {
		n++
		if n == 5 {
			break
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var last error
	for _, err := range x.Stream(ctx, Articles(as...)) {
		last = err
	}
	if last != context.Canceled {
		t.Errorf("a cancelled stream ends with %v", last)
	}
	if _, err := x.Extract(ctx, as[0]); err != context.Canceled {
		t.Errorf("Extract on a done context: %v", err)
	}
}
