package eval

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"
)

// TestAgreesWithScorePy scores the damaged fixture and compares every figure
// with what shared/tools/score.py printed for it (testdata/eval/README.md).
func TestAgreesWithScorePy(t *testing.T) {
	gold, err := LoadGold("../testdata/gold")
	if err != nil {
		t.Fatal(err)
	}
	pred, err := LoadPred("../testdata/eval/pred.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	rep := Score(gold, pred, nil)

	b, err := os.ReadFile("../testdata/eval/score_py.json")
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]any
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	gb, _ := json.Marshal(rep.JSON())
	var got map[string]any
	json.Unmarshal(gb, &got)
	compare(t, "", want, got)

	// The same errors, kind for kind, as score.py listed them.
	wantErr := map[string]int{}
	f, err := os.Open("../testdata/eval/score_py_errors.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) >= 3 {
			wantErr[fs[0]+" "+fs[1]+" "+fs[2]]++
		}
	}
	gotErr := map[string]int{}
	for _, e := range rep.Errors {
		gotErr[e.DocID+" "+e.Type+" "+e.Kind]++
	}
	for k, n := range wantErr {
		if gotErr[k] != n {
			t.Errorf("errors %s: got %d, score.py %d", k, gotErr[k], n)
		}
	}
	for k, n := range gotErr {
		if wantErr[k] == 0 {
			t.Errorf("errors %s: got %d, score.py none", k, n)
		}
	}
}

// compare walks score.py's JSON and checks each number in got.
func compare(t *testing.T, path string, want, got any) {
	t.Helper()
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			t.Errorf("%s: got %v, want an object", path, got)
			return
		}
		for k, v := range w {
			compare(t, path+"/"+k, v, g[k])
		}
	case float64:
		g, ok := got.(float64)
		if !ok || math.Abs(g-w) > 1e-12 {
			t.Errorf("%s: got %v, score.py %v", path, got, w)
		}
	case nil:
		if got != nil {
			t.Errorf("%s: got %v, score.py null", path, got)
		}
	default:
		t.Errorf("%s: unexpected %T in score.py output", path, want)
	}
}

func TestTypesLimitScoring(t *testing.T) {
	gold := Set{"a": {ID: "a", Types: []string{"money"}, Entities: []Mention{
		{"type": "money", "start": json.Number("0"), "end": json.Number("3"), "value": json.Number("5"), "currency": "CNY"},
	}}}
	pred := Set{"a": {ID: "a", Entities: []Mention{
		{"type": "money", "start": json.Number("0"), "end": json.Number("3"), "value": json.Number("5.0000000001"), "currency": "CNY"},
		{"type": "org", "start": json.Number("4"), "end": json.Number("6"), "canonical": "x"},
	}}}
	rep := Score(gold, pred, nil)
	if c := rep.ByType["money"]; c.TP != 1 || c.ValueOK != 1 {
		t.Errorf("money: %+v", c)
	}
	if c := rep.ByType["org"]; c.FP != 0 {
		t.Errorf("org scored on a money-only case: %+v", c)
	}
}

func TestFloors(t *testing.T) {
	fl, err := ParseFloors("value:money=0.96, strict:org=0.85,docset:country=0.98,strict:micro=0.1")
	if err != nil || len(fl) != 4 {
		t.Fatalf("ParseFloors: %v, %v", fl, err)
	}
	for _, bad := range []string{"value:money", "value:cash=0.5", "docset:money=0.5", "lenient:micro=0.5", "fuzzy:org=0.5", "value:money=2"} {
		if _, err := ParseFloors(bad); err == nil {
			t.Errorf("ParseFloors(%q) accepted", bad)
		}
	}
	rep := Score(Set{"a": {ID: "a", Entities: []Mention{
		{"type": "money", "start": json.Number("0"), "end": json.Number("3"), "value": json.Number("5"), "currency": "CNY"},
	}}}, Set{}, nil)
	if missed := rep.Check(fl); len(missed) != 4 {
		t.Errorf("Check on an empty prediction: %v", missed)
	}
	ok, _ := ParseFloors("value:money=0")
	if missed := rep.Check(ok); len(missed) != 0 {
		t.Errorf("a zero floor failed: %v", missed)
	}
}

// TestErrorsShowRule: a spurious or wrong prediction of a record written
// with --explain shows the rule that made it; the rule is no value field.
func TestErrorsShowRule(t *testing.T) {
	gold := Set{"a": {ID: "a", Text: "中国银行和华为", Entities: []Mention{
		{"type": "org", "start": json.Number("0"), "end": json.Number("4"), "text": "中国银行", "canonical": "中国银行股份有限公司"},
	}}}
	pred := Set{"a": {ID: "a", Entities: []Mention{
		{"type": "org", "start": json.Number("0"), "end": json.Number("4"), "text": "中国银行", "canonical": "中国银行", "rule": "org/head"},
		{"type": "org", "start": json.Number("5"), "end": json.Number("7"), "text": "华为", "canonical": "华为", "rule": "org/list-member"},
	}}}
	var b strings.Builder
	Score(gold, pred, []string{"org"}).WriteText(&b, gold, 10)
	out := b.String()
	for _, want := range []string{`value    "中国银行"@0 "中国银行"@0 gold={"canonical":"中国银行股份有限公司"} pred={"canonical":"中国银行"} rule=org/head`,
		`spurious - "华为"@5 rule=org/list-member`} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

// What a value is comes from the record's field table: a user-defined type's
// value is its attrs; a built-in type's detail (grain) is not its value.
func TestValueFromFieldTable(t *testing.T) {
	for _, tc := range []struct {
		g, p Mention
		want bool
	}{
		{Mention{"type": "x-stock", "attrs": map[string]any{"market": "SH"}}, Mention{"type": "x-stock", "attrs": map[string]any{"market": "SH"}}, true},
		{Mention{"type": "x-stock", "attrs": map[string]any{"market": "SH"}}, Mention{"type": "x-stock", "attrs": map[string]any{"market": "HK"}}, false},
		{Mention{"type": "date", "start_date": "2025-01-01", "end_date": "2025-01-31", "grain": "month"},
			Mention{"type": "date", "start_date": "2025-01-01", "end_date": "2025-01-31", "grain": "day"}, true},
		{Mention{"type": "org", "canonical": "上海合作组织"}, Mention{"type": "org", "canonical": "上海合作 组织"}, true},
		{Mention{"type": "money", "value": json.Number("5"), "currency": "CNY"}, Mention{"type": "money", "value": json.Number("5"), "currency": nil}, false},
	} {
		if got := valueOK(tc.g, tc.p); got != tc.want {
			t.Errorf("valueOK(%v, %v) = %v, want %v", tc.g, tc.p, got, tc.want)
		}
	}
}
