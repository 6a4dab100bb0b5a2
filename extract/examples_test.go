package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cnie/cnie/normalize"
	"github.com/cnie/cnie/segment"
)

// example is one row of an extractor's table: a text, its reference date
// ("" for none) and every mention the extractor must find in it, in order,
// each written as describe writes it. An empty want is a negative example.
type example struct {
	text string
	ref  string
	want []string
}

// describe writes a mention as the tables do: its text, "=", and its value.
func describe(text string, m Mention) string {
	span := text[m.Start:m.End]
	var v string
	switch m.Type {
	case Money:
		v = m.Value.String() + " " + m.Currency
	case Percent, Quantity:
		v = m.Value.String() + " " + m.Unit
	case Date:
		if m.StartDate.IsZero() {
			v = "null " + m.Grain
		} else {
			v = m.StartDate.Format(time.DateOnly) + ".." + m.EndDate.Format(time.DateOnly) + " " + m.Grain
		}
	case Org:
		v = m.Canonical
	case Country:
		v = m.Code
	}
	if m.Qualifier != "" {
		v += " " + m.Qualifier
	}
	return span + "=" + v
}

// runExamples runs x over every example (after normalisation, segmentation
// and Resolve, as the pipeline does) and reports each difference.
func runExamples(t *testing.T, x Extractor, examples []example) {
	t.Helper()
	var seg *segment.Segmenter
	for _, ex := range examples {
		d := &Doc{Text: normalize.New(ex.text).Text}
		if ex.ref != "" {
			ref, err := time.Parse(time.DateOnly, ex.ref)
			if err != nil {
				t.Fatalf("example %q: bad ref %q", ex.text, ex.ref)
			}
			d.Ref = ref
		}
		if seg == nil {
			var err error
			if seg, err = segment.Load(); err != nil {
				t.Fatal(err)
			}
		}
		d.Tokens = seg.Cut(d.Text, nil)
		ms := Resolve(x.Extract(d, nil))
		got := make([]string, len(ms))
		for i, m := range ms {
			got[i] = describe(d.Text, m)
		}
		want := ex.want
		if want == nil {
			want = []string{}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q (ref %s):\n got  %s\n want %s", ex.text, ex.ref, fmtList(got), fmtList(want))
		}
	}
}

func fmtList(s []string) string {
	if len(s) == 0 {
		return "(none)"
	}
	return fmt.Sprintf("[%s]", strings.Join(s, "; "))
}
