package pipeline

import (
	"strings"
	"testing"

	"github.com/cnie/cnie/corpus"
)

// TestExplain: with Explain every entity names the rule that found it, and
// its JSON ends with "rule"; without, no entity has one.
func TestExplain(t *testing.T) {
	a := corpus.Article{ID: "x", Text: "2025年7月19日，中国银行与华为签约，投资47.95亿元，同比增长14.4%，对俄出口增长三成。",
		Published: "2025-07-19"}
	for _, explain := range []bool{false, true} {
		p, err := New(Options{Explain: explain})
		if err != nil {
			t.Fatal(err)
		}
		rec := p.Process(a)
		if len(rec.Entities) < 5 {
			t.Fatalf("%d entities: %+v", len(rec.Entities), rec.Entities)
		}
		for _, e := range rec.Entities {
			js, _ := e.MarshalJSON()
			switch {
			case explain && (e.Rule == "" || !strings.HasSuffix(string(js), `,"rule":"`+e.Rule+`"}`)):
				t.Errorf("--explain: %s", js)
			case !explain && (e.Rule != "" || strings.Contains(string(js), `"rule"`)):
				t.Errorf("no --explain: %s", js)
			}
		}
	}
}
