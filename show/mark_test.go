package show

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"
)

// marked is what a reader of the page finds for one mention: its
// attributes and the text of its pieces together.
type marked struct {
	Type       string
	Start, End int
	Text       string
}

// readMarks parses markText's output (well-formed markup, so encoding/xml
// reads it) and returns the text it shows and every marked mention, pieces
// joined, in the order their first pieces open.
func readMarks(t *testing.T, out string) (string, []marked) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader("<root>" + out + "</root>"))
	d.Strict = true
	var text strings.Builder
	var stack []string // data-m of each open span ("" for none)
	byID := map[string]*marked{}
	var order []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well formed: %v\n%s", err, out)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			if x.Name.Local == "root" {
				continue
			}
			if x.Name.Local != "span" {
				t.Fatalf("element %s in marked text", x.Name.Local)
			}
			attr := map[string]string{}
			for _, a := range x.Attr {
				attr[a.Name.Local] = a.Value
			}
			id := attr["data-m"]
			if id == "" {
				id = attr["data-of"]
				if byID[id] == nil {
					t.Fatalf("continuation of %q before its first piece", id)
				}
			} else {
				if byID[id] != nil {
					t.Fatalf("data-m %s twice", id)
				}
				m := &marked{Type: attr["data-type"]}
				fmt.Sscan(attr["data-start"], &m.Start)
				fmt.Sscan(attr["data-end"], &m.End)
				byID[id] = m
				order = append(order, id)
			}
			stack = append(stack, id)
		case xml.EndElement:
			if x.Name.Local != "root" {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			text.Write(x)
			seen := map[string]bool{}
			for _, id := range stack {
				if !seen[id] {
					seen[id] = true
					byID[id].Text += string(x)
				}
			}
		}
	}
	var ms []marked
	for _, id := range order {
		ms = append(ms, *byID[id])
	}
	return text.String(), ms
}

func TestMarkText(t *testing.T) {
	cases := []struct {
		name string
		text string
		ms   [][3]any // type, start, end
	}{
		{"none", "今年一季度营收增长。", nil},
		{"nested country in org", "阿联酋Sun管理咨询公司首席执行官说", [][3]any{{"org", 0, 12}, {"country", 0, 3}}},
		{"same span two types", "中国同意了", [][3]any{{"country", 0, 2}, {"org", 0, 2}}},
		{"adjacent", "4月9日至11日上合组织举办", [][3]any{{"date", 0, 8}, {"org", 8, 12}}},
		{"crossing", "美国会议员表示", [][3]any{{"country", 0, 2}, {"org", 1, 3}}},
		{"crossing three", "abcdefghij", [][3]any{{"org", 0, 5}, {"date", 3, 8}, {"money", 6, 10}}},
		{"markup in text", "<script>alert(1)</script>公司&amp;投资5亿元\"'", [][3]any{{"money", 34, 37}, {"org", 25, 27}}},
		{"carriage return kept", "上海合作组\r\n织成员国", [][3]any{{"org", 0, 8}}},
		{"whole text", "上合组织", [][3]any{{"org", 0, 4}}},
		{"bad spans skipped", "上合组织", [][3]any{{"org", 2, 2}, {"org", 3, 9}, {"org", -1, 2}, {"country", 0, 1}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rs := []rune(c.text)
			var ms []Mention
			var want []marked
			for _, m := range c.ms {
				s, e := m[1].(int), m[2].(int)
				ms = append(ms, Mention{Type: m[0].(string), Start: s, End: e})
				if s >= 0 && s < e && e <= len(rs) {
					want = append(want, marked{m[0].(string), s, e, string(rs[s:e])})
				}
			}
			var b strings.Builder
			markText(&b, rs, 0, len(rs), ms, 0)
			out := b.String()
			got, marks := readMarks(t, out)
			if got != c.text {
				t.Errorf("text shown %q, want %q\n%s", got, c.text, out)
			}
			if len(marks) != len(want) {
				t.Fatalf("%d marks, want %d\n%s", len(marks), len(want), out)
			}
			for _, w := range want {
				found := false
				for _, g := range marks {
					if g == w {
						found = true
					}
				}
				if !found {
					t.Errorf("mention %+v not marked as itself; marks %+v\n%s", w, marks, out)
				}
			}
			if strings.Contains(strings.ToLower(out), "<script") {
				t.Errorf("markup of the text written as markup: %s", out)
			}
		})
	}
}

// A range in the middle of the text (an error's context) marks with the
// text's own offsets.
func TestMarkTextRange(t *testing.T) {
	rs := []rune("前文很长。据悉，上合组织口岸合作中心建设。后文")
	ms := []Mention{{Type: "org", Start: 8, End: 12, Side: "gold"}, {Type: "org", Start: 8, End: 18, Side: "pred"}, {Type: "org", Start: 0, End: 2}}
	var b strings.Builder
	markText(&b, rs, 5, 20, ms, 7)
	text, marks := readMarks(t, b.String())
	if text != string(rs[5:20]) {
		t.Errorf("text %q", text)
	}
	want := []marked{{"org", 8, 18, "上合组织口岸合作中心"}, {"org", 8, 12, "上合组织"}}
	if fmt.Sprint(marks) != fmt.Sprint(want) {
		t.Errorf("marks %+v, want %+v", marks, want)
	}
	if !strings.Contains(b.String(), `data-side="gold"`) || !strings.Contains(b.String(), `side-pred`) {
		t.Errorf("gold and predicted not told apart: %s", b.String())
	}
}

func TestValue(t *testing.T) {
	cases := []struct{ js, want string }{
		{`{"type":"money","value":4795000000,"currency":"CNY","qualifier":null}`, "4795000000 CNY"},
		{`{"type":"money","value":0.000000000000000001,"currency":"USD","qualifier":"over"}`, "0.000000000000000001 USD (over)"},
		{`{"type":"money","value":null,"currency":"CNY","qualifier":null}`, "value unknown CNY"},
		{`{"type":"percent","value":14.4,"unit":"percent","qualifier":"approx"}`, "14.4 percent (approx)"},
		{`{"type":"quantity","value":400,"unit":"名","qualifier":"under"}`, "400 名 (under)"},
		{`{"type":"date","start_date":"2025-04-09","end_date":"2025-04-11","grain":"day"}`, "2025-04-09..2025-04-11 (day)"},
		{`{"type":"date","start_date":"2025-01-01","end_date":"2025-01-01","grain":"day"}`, "2025-01-01 (day)"},
		{`{"type":"date","start_date":null,"end_date":null,"grain":"day"}`, "date unknown (day)"},
		{`{"type":"org","canonical":"上海合作组织"}`, "上海合作组织"},
		{`{"type":"country","code":"AE","name":"阿联酋"}`, "AE 阿联酋"},
		{`{"type":"event","start":1,"end":2,"text":"x","when":"now"}`, `{"when":"now"}`},
	}
	for _, c := range cases {
		var m map[string]any
		if err := decode([]byte(c.js), &m); err != nil {
			t.Fatal(err)
		}
		if got := Value(m); got != c.want {
			t.Errorf("Value(%s) = %q, want %q", c.js, got, c.want)
		}
	}
	// The rule a record names is carried to the mark.
	var m map[string]any
	json.Unmarshal([]byte(`{"type":"org","start":0,"end":4,"text":"上合组织","canonical":"上海合作组织","rule":"org.alias"}`), &m)
	got, ok := MentionOf(m, "")
	if !ok || got.Rule != "org.alias" || got.Start != 0 || got.End != 4 || !strings.Contains(got.tip(), "rule org.alias") {
		t.Errorf("MentionOf = %+v, %v", got, ok)
	}
}

// Any set of spans, overlapping in every way, gives well-formed markup that
// shows the text exactly and marks every valid span as itself.
func TestMarkTextRandomSpans(t *testing.T) {
	rs := []rune("据悉，上合组织口岸合作中心建设<b>&amp;</b>，中国对阿联酋出口额达120亿美元。\r\n同比增长5.3%。")
	seed := uint32(7)
	rnd := func(n int) int {
		seed = seed*1664525 + 1013904223
		return int(seed>>8) % n
	}
	for round := range 300 {
		var ms []Mention
		var want []marked
		for range 1 + rnd(8) {
			s := rnd(len(rs) + 1)
			e := s + rnd(12) - 1
			typ := Types[rnd(len(Types))]
			ms = append(ms, Mention{Type: typ, Start: s, End: e})
			if s < e && e <= len(rs) {
				want = append(want, marked{typ, s, e, string(rs[s:e])})
			}
		}
		var b strings.Builder
		markText(&b, rs, 0, len(rs), ms, 0)
		text, marks := readMarks(t, b.String())
		if text != string(rs) {
			t.Fatalf("round %d: text %q", round, text)
		}
		if len(marks) != len(want) {
			t.Fatalf("round %d: %d marks, want %d: %s", round, len(marks), len(want), b.String())
		}
		left := append([]marked{}, want...)
		for _, g := range marks {
			i := slicesIndex(left, g)
			if i < 0 {
				t.Fatalf("round %d: mark %+v is no mention; want %+v\n%s", round, g, want, b.String())
			}
			left = append(left[:i], left[i+1:]...)
		}
	}
}

func slicesIndex(ms []marked, m marked) int {
	for i := range ms {
		if ms[i] == m {
			return i
		}
	}
	return -1
}

// Whatever a record holds is escaped: its type, value and rule too.
func TestMarkTextHostileFields(t *testing.T) {
	rs := []rune("上合组织")
	ms := []Mention{{Type: `x"><script>alert(1)</script>`, Start: 0, End: 4, Value: `<b onmouseover="x">`, Rule: `" onclick="y`}}
	var b strings.Builder
	markText(&b, rs, 0, len(rs), ms, 0)
	out := b.String()
	if strings.Contains(out, "<script") || strings.Contains(out, "<b") || strings.Contains(out, `" onclick`) {
		t.Errorf("record fields written as markup: %s", out)
	}
	_, marks := readMarks(t, out)
	if len(marks) != 1 || marks[0].Type != ms[0].Type || !strings.Contains(out, "t-other") {
		t.Errorf("marks %+v: %s", marks, out)
	}
	var page strings.Builder
	if err := WritePage(&page, &Page{Number: 1, First: 1, Articles: []Article{{DocID: `<i>d</i>`, Source: `<s>.txt`, Text: string(rs), Mentions: ms}}}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script", "<b ", "<i>", "<s>"} {
		if strings.Contains(page.String(), bad) {
			t.Errorf("page holds %s", bad)
		}
	}
}
