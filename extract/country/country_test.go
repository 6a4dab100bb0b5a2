package country

import (
	"testing"

	"github.com/cnie/cnie/extract/internal/extest"
)

// TestExamples runs testdata/examples.tsv, negatives included, and every
// rule of Rules shown.
func TestExamples(t *testing.T) {
	x, err := New(extest.Segmenter(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	exs := extest.Run(t, x, "testdata/*.tsv", Rules)
	neg := 0
	for _, ex := range exs {
		if ex.Want == nil {
			neg++
		}
	}
	if len(exs) < 150 || neg < 60 {
		t.Errorf("%d country examples, %d negatives; the table promises 150 and 60", len(exs), neg)
	}
}
