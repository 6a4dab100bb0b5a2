package pipeline

import (
	"bytes"
	"encoding/json"

	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/extract"
	"github.com/cnie/cnie/record"
)

func newPipeline(t testing.TB, opt Options) *Pipeline {
	t.Helper()
	p, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func schema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(record.Schema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("record.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("record.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSeedsRecords runs every seed article and checks each record against
// the schema and each mention against the raw text.
func TestSeedsRecords(t *testing.T) {
	p := newPipeline(t, Options{})
	sch := schema(t)
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	if len(files) == 0 {
		t.Fatal("no seed articles")
	}
	for a, err := range corpus.Open(files, corpus.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		a.Published = "2025-04-12T09:30:00+08:00"
		rec := p.Process(a)
		b, err := json.Marshal(&rec)
		if err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s: record does not validate: %v", a.ID, err)
		}
		if *rec.RefDate != "2025-04-12" || rec.RefDateSource != record.RefInput {
			t.Errorf("%s: ref date %v from %s", a.ID, *rec.RefDate, rec.RefDateSource)
		}
		raw := []rune(a.Text)
		if rec.Chars != len(raw) {
			t.Errorf("%s: chars %d, want %d", a.ID, rec.Chars, len(raw))
		}
		if len(rec.Entities) == 0 {
			t.Errorf("%s: no entities", a.ID)
		}
		for _, e := range rec.Entities {
			if e.Start < 0 || e.End > len(raw) || e.Start >= e.End || string(raw[e.Start:e.End]) != e.Text {
				t.Errorf("%s: entity %+v is not the raw slice", a.ID, e)
			}
		}
	}
}

func TestOffsetsThroughNormalisation(t *testing.T) {
	p := newPipeline(t, Options{})
	text := "第一行\r\n\u3000\u3000项目总投资额 111.555 亿元，另有８.５亿\n元。"
	rec := p.Process(corpus.Article{ID: "x", Text: text})
	var got []string
	for _, e := range rec.Entities {
		got = append(got, e.Text+"="+e.Value.String())
	}
	want := []string{"111.555 亿元=11155500000", "８.５亿\n元=850000000"}
	if strings.Join(got, ";") != strings.Join(want, ";") {
		t.Errorf("got %q, want %q", got, want)
	}
	if rec.RefDate != nil || rec.RefDateSource != record.RefNone {
		t.Errorf("ref date %v from %s, want none", rec.RefDate, rec.RefDateSource)
	}
}

func TestRefDate(t *testing.T) {
	flag := time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)
	p := newPipeline(t, Options{RefDate: flag})
	cases := []struct{ published, want, source string }{
		{"2025-04-12", "2025-04-12", record.RefInput},
		{"2025-04-12T23:30:00-05:00", "2025-04-12", record.RefInput},
		{"2025-04-12 08:00:00", "2025-04-12", record.RefInput},
		{"", "2025-01-02", record.RefFlag},
		{"yesterday", "2025-01-02", record.RefFlag},
		{"2025-13-01", "2025-01-02", record.RefFlag},
		{"2025-04-12Tgarbage", "2025-01-02", record.RefFlag},
	}
	for _, c := range cases {
		rec := p.Process(corpus.Article{ID: "x", Text: "正文", Published: c.published})
		if rec.RefDate == nil || *rec.RefDate != c.want || rec.RefDateSource != c.source {
			t.Errorf("published %q: ref %v from %s, want %s from %s", c.published, rec.RefDate, rec.RefDateSource, c.want, c.source)
		}
	}
}

func TestEmptyArticle(t *testing.T) {
	p := newPipeline(t, Options{})
	rec := p.Process(corpus.Article{ID: "e", Text: ""})
	b, _ := json.Marshal(&rec)
	if !strings.Contains(string(b), `"entities":[]`) || rec.Chars != 0 {
		t.Errorf("empty article record: %s", b)
	}
	if rec.SHA256 != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" {
		t.Errorf("sha256 of empty text: %s", rec.SHA256)
	}
}

func TestHeaderDate(t *testing.T) {
	cases := []struct{ text, want string }{
		{"标题\n\nConnor okex官方网站 2025-08-29 6 0\n\n正文", "2025-08-29"},
		{"标题\n2025年7月19日 来源：新华社\n正文", "2025-07-19"},
		{"标题\n发布时间：２０２５/８/２９\n", "2025-08-29"},
		{"标题\n2025.8.29 10:00", "2025-08-29"},
		{"标题\n2025年2月30日\n2025-03-01", "2025-03-01"},
		{"标题\n2025-8/29\n", ""},
		{"标题\n12025-08-29\n", ""},
		{"一\n二\n三\n四\n五\n2025-08-29", ""},
		{"一\n\n\n二\n三\n四\n2025-08-29", "2025-08-29"},
		{"2025年是关键一年", ""},
	}
	for _, c := range cases {
		d, ok := HeaderDate(c.text)
		got := ""
		if ok {
			got = d.Format(time.DateOnly)
		}
		if got != c.want {
			t.Errorf("HeaderDate(%q) = %q, want %q", c.text, got, c.want)
		}
	}
	p := newPipeline(t, Options{RefDate: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)})
	rec := p.Process(corpus.Article{ID: "h", Text: "标题\n2025年7月19日\n正文"})
	if rec.RefDate == nil || *rec.RefDate != "2025-07-19" || rec.RefDateSource != record.RefHeader {
		t.Errorf("header ref date: %v from %s", rec.RefDate, rec.RefDateSource)
	}
}

// TestSaneMentions: a mention that breaks a record's promises (an empty or
// outside span, a span inside a code point, dates out of order) never
// reaches a record, and the regression input of FuzzArticle (an empty org
// span on "/记者") gives a valid record.
func TestSaneMentions(t *testing.T) {
	text := "中文ab"
	d1, d2 := time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC), time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		m    extract.Mention
		want bool
	}{
		{extract.Mention{Start: 0, End: 3}, true},
		{extract.Mention{Start: 0, End: len(text)}, true},
		{extract.Mention{Start: 0, End: 0}, false},
		{extract.Mention{Start: 3, End: 2}, false},
		{extract.Mention{Start: -1, End: 3}, false},
		{extract.Mention{Start: 6, End: len(text) + 1}, false},
		{extract.Mention{Start: 1, End: 3}, false},
		{extract.Mention{Start: 0, End: 4}, false},
		{extract.Mention{Start: 0, End: 3, StartDate: d2, EndDate: d1}, true},
		{extract.Mention{Start: 0, End: 3, StartDate: d1, EndDate: d2}, false},
		{extract.Mention{Start: 0, End: 3, StartDate: d1}, false},
	} {
		if got := sane(&c.m, text); got != c.want {
			t.Errorf("sane(%+v) = %v, want %v", c.m, got, c.want)
		}
	}
	p := newPipeline(t, Options{})
	for _, e := range p.Process(corpus.Article{ID: "r", Text: "/记者"}).Entities {
		if e.Start >= e.End {
			t.Errorf("entity %+v has an empty span", e)
		}
	}
}
