package normalize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	cases := []struct {
		raw, want string
		script    Script
	}{
		// Text without traditional characters is left as it is, 乾隆, 著名
		// and 么 included.
		{"乾隆年间著名的什么", "乾隆年间著名的什么", Hans},
		{"国家统计局发布数据", "国家统计局发布数据", Hans},
		// Taiwan and Hong Kong text, variants included.
		{"臺灣積體電路製造公司", "台湾积体电路制造公司", Hant},
		{"行政院主計總處預估", "行政院主计总处预估", Hant},
		{"港鐵綫路裏程", "港铁线路里程", Hant},
		{"隨著經濟發展,顯著著名", "随着经济发展,显著著名", Hant},
		{"乾燥的天氣後頭髮", "干燥的天气后头发", Hant},
		{"增長百分之四點五", "增长百分之四点五", Hant},
		// Full width folds too.
		{"新臺幣１２億元", "新台币12亿元", Hant},
		// Mixed text: characters both scripts write stay.
		{"这个国家的經濟著名", "这个国家的经济著名", Mixed},
	}
	for _, c := range cases {
		v := New(c.raw)
		if v.Text != c.want {
			t.Errorf("New(%q).Text = %q, want %q", c.raw, v.Text, c.want)
		}
		if got := v.Script(); got != c.script {
			_, h, s := DetectScript(c.raw)
			t.Errorf("New(%q).Script() = %s (hant %d, hans %d), want %s", c.raw, got, h, s, c.script)
		}
		if got, _, _ := DetectScript(c.raw); got != c.script {
			t.Errorf("DetectScript(%q) = %s, want %s", c.raw, got, c.script)
		}
	}
}

func TestScriptOf(t *testing.T) {
	cases := []struct {
		hant, hans int
		want       Script
	}{
		{0, 0, Hans}, {0, 50, Hans}, {1, 0, Hant}, {95, 5, Hant}, {94, 6, Mixed},
		{50, 50, Mixed}, {5, 95, Hans}, {6, 94, Mixed},
	}
	for _, c := range cases {
		if got := ScriptOf(c.hant, c.hans); got != c.want {
			t.Errorf("ScriptOf(%d, %d) = %s, want %s", c.hant, c.hans, got, c.want)
		}
	}
}

// TestSpanTraditional checks the offset map over folded text: every view
// rune maps to the one raw rune it was folded from.
func TestSpanTraditional(t *testing.T) {
	raw := "據中央社報導,臺灣 積體\n電路製造公司(台積電)今年營收約新臺幣２兆元。"
	v := New(raw)
	rr := []rune(raw)
	for i, r := range v.Text {
		rs, re := v.Span(i, i+len(string(r)))
		if re != rs+1 {
			t.Fatalf("rune %q at %d maps to %d runes", r, i, re-rs)
		}
		if got := New(string(rr[rs])).Text; got != string(r) && New("臺"+string(rr[rs])).Text != "台"+string(r) {
			t.Errorf("view rune %q at %d maps to raw %q", r, i, rr[rs])
		}
	}
	for _, c := range []struct{ find, raw string }{
		{"台湾积体电路制造公司", "臺灣 積體\n電路製造公司"},
		{"台积电", "台積電"},
		{"新台币2兆元", "新臺幣２兆元"},
	} {
		i := strings.Index(v.Text, c.find)
		if i < 0 {
			t.Fatalf("view %q lacks %q", v.Text, c.find)
		}
		rs, re := v.Span(i, i+len(c.find))
		if got := string(rr[rs:re]); got != c.raw {
			t.Errorf("Span(%q) = raw %q, want %q", c.find, got, c.raw)
		}
	}
}

// TestPhraseLength checks phrase folds that change the length, through a
// table of their own: the offset map stays exact.
func TestPhraseLength(t *testing.T) {
	tab, err := parseTable("t\t臺\t台\np\t雪梨市\t悉尼\np\t甲乙\t甲乙丙\n")
	if err != nil {
		t.Fatal(err)
	}
	raw := "臺在雪梨市開甲乙會"
	v := buildWith(tab, raw, foldTrad|foldBoth)
	if want := "台在悉尼開甲乙丙會"; v.Text != want {
		t.Fatalf("view %q, want %q", v.Text, want)
	}
	rr := []rune(raw)
	for _, c := range []struct{ find, raw string }{
		{"悉尼", "雪梨市"}, {"尼", "梨市"}, {"悉", "雪"}, {"在悉尼開", "在雪梨市開"},
		{"甲乙丙", "甲乙"}, {"丙會", "乙會"}, {"台", "臺"},
	} {
		i := strings.Index(v.Text, c.find)
		rs, re := v.Span(i, i+len(c.find))
		if got := string(rr[rs:re]); got != c.raw {
			t.Errorf("Span(%q) = raw %q, want %q", c.find, got, c.raw)
		}
	}
	if v.RawLen() != len(rr) {
		t.Errorf("RawLen %d, want %d", v.RawLen(), len(rr))
	}
}

func TestParseTableErrors(t *testing.T) {
	for _, bad := range []string{
		"x\t臺\t台\n",          // unknown kind
		"t\t臺\n",             // no simplified form
		"t\t臺\t台\nt\t臺\t台\n", // twice
		"t\tab\t台\n",         // not one character
		"p\t臺\t台\n",          // one-character phrase
		"s\t们\ts\n",          // extra field
		"# only a comment\n", // empty
	} {
		if _, err := parseTable(bad); err == nil {
			t.Errorf("parseTable(%q) gave no error", bad)
		} else if !strings.Contains(err.Error(), "t2s.tsv") {
			t.Errorf("parseTable(%q): error %q does not name the file", bad, err)
		}
	}
}

// TestEmbeddedTable checks the embedded table: it loads, and a phrase never
// folds to what its characters would give one by one unless a longer phrase
// could otherwise win (it is there to win over its characters).
func TestEmbeddedTable(t *testing.T) {
	tab, err := parseTable(t2sData)
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.char) < 4000 || len(tab.phrases) < 100 {
		t.Errorf("table too small: %d characters, %d phrase starts", len(tab.char), len(tab.phrases))
	}
	for _, c := range []struct{ r, want rune }{{'臺', '台'}, {'灣', '湾'}, {'裡', '里'}, {'裏', '里'}, {'綫', '线'}, {'著', '着'}, {'後', '后'}} {
		if got := tab.char[c.r]; got != c.want {
			t.Errorf("%c folds to %c, want %c", c.r, got, c.want)
		}
	}
	for _, r := range "的国们这个发后里台干着么抬" {
		if k := tab.kind(r); k == kindHant {
			t.Errorf("%c counted as traditional only", r)
		}
	}
}

// TestSeedScripts checks the script of the seed articles: the mainland seeds
// are simplified, their OpenCC conversions traditional, and their views the
// same text wherever the conversion kept the length.
func TestSeedScripts(t *testing.T) {
	for glob, want := range map[string]Script{"../testdata/seeds/*.txt": Hans, "../testdata/seeds-hant/*.txt": Hant} {
		files, err := filepath.Glob(glob)
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no seeds", glob)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if got := New(string(b)).Script(); got != want {
				t.Errorf("%s: script %s, want %s", f, got, want)
			}
		}
	}
}

// TestMixedScripts checks that a simplified article quoting a traditional
// name folds the name and leaves the rest as it is.
func TestMixedScripts(t *testing.T) {
	raw := "据报道，台湾积体电路制造公司（臺灣積體電路製造公司）今年营收增长三成，公司称乾隆年间的著名建筑将得到保护。"
	v := New(raw)
	want := "据报道,台湾积体电路制造公司(台湾积体电路制造公司)今年营收增长三成,公司称乾隆年间的著名建筑将得到保护。"
	if v.Text != want {
		t.Errorf("view %q, want %q", v.Text, want)
	}
	if v.Script() != Mixed && v.Script() != Hans {
		t.Errorf("script %s", v.Script())
	}
}

// TestSeedRoundTrip folds the OpenCC conversions of the seeds back: their
// views are the simplified seeds' views, but for the few characters whose
// simplified form OpenCC's conversion made ambiguous (坐/座, 复/覆).
func TestSeedRoundTrip(t *testing.T) {
	files, err := filepath.Glob("../testdata/seeds/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatal("no seeds")
	}
	total, differ := 0, 0
	for _, f := range files {
		hans, err1 := os.ReadFile(f)
		hant, err2 := os.ReadFile(strings.Replace(strings.Replace(f, "seeds/", "seeds-hant/", 1), ".txt", "-hant.txt", 1))
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		a, b := []rune(New(string(hans)).Text), []rune(New(string(hant)).Text)
		if len(a) != len(b) {
			t.Fatalf("%s: views of %d and %d runes", f, len(a), len(b))
		}
		for i := range a {
			total++
			if a[i] != b[i] {
				differ++
			}
		}
	}
	if differ*5000 > total {
		t.Errorf("%d of %d view runes differ between the seeds and their traditional conversions", differ, total)
	}
}
