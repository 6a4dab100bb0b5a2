package user

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cnie/cnie/extract"
	"github.com/cnie/cnie/lexicon"
)

// rulesFrom builds the extractor of a patterns file with content data.
func rulesFrom(t *testing.T, data string) (*Extractor, error) {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "patterns"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "patterns", "mine.tsv"), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	lx, err := lexicon.Load(dir)
	if err != nil {
		return nil, err
	}
	return New(lx)
}

const stockRules = "# stock codes and project codes\n" +
	"#columns\tname\ttype\tpattern\tcontext\tprecedence\n" +
	"stock-code\tx-stock-code\t(?<![0-9])(?<code>[0-9]{6}|[0-9]{5})\\.(?<market>SH|SZ|HK|BJ)(?![A-Za-z])\t\tover\n" +
	"project\tx-project\t(?<![A-Za-z0-9])(?<series>[A-Z]{2})-(?<year>20\\d\\d)-\\d{3}(?!\\d)\t项目|工程\n"

func TestNamedGroupsAndContext(t *testing.T) {
	x, err := rulesFrom(t, stockRules)
	if err != nil || x == nil {
		t.Fatal(err, x)
	}
	text := "腾讯控股（00700.HK）与贵州茅台（600519.SH）同日公告。编号为GD-2025-014的跨海大桥工程开工；型号GD-2025-015的货车下线。"
	got, err := x.Find(&extract.Doc{Text: text}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ text, typ, rule, attrs string }{
		{"00700.HK", "x-stock-code", "user/stock-code", "code=00700 market=HK"},
		{"600519.SH", "x-stock-code", "user/stock-code", "code=600519 market=SH"},
		{"GD-2025-014", "x-project", "user/project", "series=GD year=2025"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d mentions, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		m := got[i]
		var attrs []string
		for _, k := range []string{"code", "market", "series", "year"} {
			if v, ok := m.Attrs[k]; ok {
				attrs = append(attrs, k+"="+v)
			}
		}
		if text[m.Start:m.End] != w.text || string(m.Type) != w.typ || m.Rule != w.rule || strings.Join(attrs, " ") != w.attrs || len(m.Attrs) != len(attrs) {
			t.Errorf("mention %d: %q %s %s %v, want %+v", i, text[m.Start:m.End], m.Type, m.Rule, m.Attrs, w)
		}
	}
}

// TestSettle: a rule that takes precedence drops the built-in mentions it
// overlaps; another rule's mention that would split a built-in one goes,
// one inside or around a built-in mention stays.
func TestSettle(t *testing.T) {
	x, err := rulesFrom(t, stockRules)
	if err != nil {
		t.Fatal(err)
	}
	ms := []extract.Mention{
		{Type: extract.Quantity, Start: 0, End: 8, Rule: "quantity/x"},
		{Type: "x-stock-code", Start: 2, End: 10, Rule: "user/stock-code"}, // over: drops the quantity
		{Type: extract.Org, Start: 20, End: 30, Rule: "org/x"},
		{Type: "x-project", Start: 25, End: 35, Rule: "user/project"}, // splits the org: goes
		{Type: "x-project", Start: 22, End: 28, Rule: "user/project"}, // inside the org: stays
		{Type: extract.Date, Start: 40, End: 44, Rule: "date/x"},
		{Type: "x-project", Start: 38, End: 46, Rule: "user/project"}, // holds the date: stays
	}
	var builtins, users []extract.Mention
	for _, m := range ms {
		if IsUser(m.Type) {
			users = append(users, m)
		} else {
			builtins = append(builtins, m)
		}
	}
	ms = x.Settle(extract.Resolve(builtins), users)
	var got []string
	for _, m := range ms {
		got = append(got, m.Rule+"@"+itoa(m.Start))
	}
	want := "user/stock-code@2 org/x@20 user/project@22 user/project@38 date/x@40"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
	if x.Settle(nil, nil) != nil || (*Extractor)(nil).Settle(ms, users) == nil || len(x.Settle(nil, users[:1])) != 1 {
		t.Error("Settle of nothing, or by no rules")
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// TestBadRules: a bad type or pattern is an error naming file and line.
func TestBadRules(t *testing.T) {
	for _, c := range []struct{ data, want string }{
		{"a\tstock-code\t\\d+\n", `mine.tsv:1: type "stock-code" is not x-`},
		{"# c\na\tx-Stock\t\\d+\n", `mine.tsv:2: type "x-Stock"`},
		{"a\tx-code\t\\d+\nb\tx-code\t(?<y>\\d+\n", "mine.tsv:2: pattern:"},
		{"a\tx-code\t\\d+\t\tfirst\n", `mine.tsv:1: field 5 is "first"`},
		{"a\tx-code\t\\d+\na\tx-code2\t\\w+\n", `mine.tsv:2: "a" is given again`},
	} {
		_, err := rulesFrom(t, c.data)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.data, err, c.want)
		}
	}
	if x, err := New(nil); x != nil || err != nil {
		t.Errorf("no user rules: %v %v", x, err)
	}
}

// TestCatastrophicPatternTimesOut: (a+)+$ on a long run of a backtracks
// without end; the match timeout turns it into an error naming the rule,
// in bounded time.
func TestCatastrophicPatternTimesOut(t *testing.T) {
	defer func(d time.Duration) { MatchTimeout = d }(MatchTimeout)
	MatchTimeout = 200 * time.Millisecond
	x, err := rulesFrom(t, "ok\tx-ok\t\\d{6}\nslow\tx-slow\t(a+)+$\n")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = x.Find(&extract.Doc{Text: "代码600519，" + strings.Repeat("a", 64) + "!"}, nil)
	if took := time.Since(start); err == nil || !strings.Contains(err.Error(), `user rule "slow" (`) || !strings.Contains(err.Error(), "mine.tsv:2") || took > 3*time.Second {
		t.Errorf("after %v: %v", took, err)
	}
	if ms, err := x.Find(&extract.Doc{Text: "代码600519，其余正常。"}, nil); err != nil || len(ms) != 1 {
		t.Errorf("an ordinary article: %v %v", ms, err)
	}
}
