package country

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/cnie/cnie/extract"
	"github.com/cnie/cnie/extract/internal/extest"
	"github.com/cnie/cnie/segment"
)

// hostileUnits aim at the rules that read the segmentation across a
// mention's edge: a preposition before a pair (从中老), a side before 方向
// (中方向), a name split by two words (其中国际), a word over a Taiwanese
// name (大马路), a risky name in a list (马利、), 华 read as a name (在华新设),
// a trio with partners (中哈乌) and a hedge before a number (中约三).
var hostileUnits = []string{"从中老", "中方向", "其中国际", "大马路", "马利、", "在华新设", "中哈乌", "中约三", "乔治亚州", "台美日"}

// TestNoQuadraticRuns times the extractor (on a text segmented beforehand) on each
// unit repeated to two sizes, the second four times the first: a linear
// rule takes about four times as long, a quadratic one sixteen; the test
// fails above eight, measured twice, and when the larger input takes over
// 50 ms (below, the timer's noise rules).
func TestNoQuadraticRuns(t *testing.T) {
	seg := extest.Segmenter(t)
	x, err := New(seg, nil)
	if err != nil {
		t.Fatal(err)
	}
	const size = 16 << 10
	for _, u := range hostileUnits {
		small, large := best(x, seg, u, size), best(x, seg, u, 4*size)
		if large > 8*small {
			small, large = min(small, best(x, seg, u, size)), min(large, best(x, seg, u, 4*size))
		}
		if large > 50*time.Millisecond && large > 8*small {
			t.Errorf("%q: %d bytes took %v, %d bytes %v: worse than linear", u, size, small, 4*size, large)
		}
	}
}

// best returns the best of three processor times (not the wall clock: other
// work on the machine does not count) of extracting from unit repeated to
// about size bytes, each after a garbage collection.
func best(x *Extractor, seg *segment.Segmenter, unit string, size int) time.Duration {
	text := strings.Repeat(unit, max(1, size/len(unit)))
	d := &extract.Doc{Text: text, Tokens: seg.Cut(text, nil)}
	b := time.Duration(1<<63 - 1)
	for range 3 {
		runtime.GC()
		start := cpuTime()
		x.Extract(d, nil)
		b = min(b, cpuTime()-start)
	}
	return b
}
