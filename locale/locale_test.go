package locale

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInfer(t *testing.T) {
	cases := []struct {
		name, text string
		want       Locale
	}{
		// Taiwan: currency, bodies, ROC years, datelines.
		{"tw currency", "這家電子廠去年營收達新臺幣3,200億元,年增一成。", TW},
		{"tw trillions", "台積電去年營收2.16兆元,年增33.9%。", TW},
		{"mainland trillions: no cue, CN by default", "全国一般公共预算收入21.7万亿元,同比增长6.4%。", ""},
		{"tw bodies", "行政院會今天通過預算案,送立法院審議。", TW},
		{"tw roc year", "依據民國113年度決算,稅收超徵。", TW},
		{"tw dateline", "(中央社記者台北5日電)經濟部公布外銷訂單統計。", TW},
		// Hong Kong.
		{"hk currency", "該屋苑單位以980萬港元易手,呎價創新高。", HK},
		{"hk bodies", "財政司司長在立法會發表預算案,港府將派發消費券。", HK},
		{"hk regulator", "香港金融管理局宣布基本利率維持不變。", HK},
		// Macau.
		{"mo currency", "上月博彩毛收入按年增加,達185億澳門元。", MO},
		{"mo bodies", "博彩監察協調局公布數字,澳門特區政府表示審慎樂觀。", MO},
		// Singapore and Malaysia.
		{"sg currency", "這個組屋項目的平均售價為65萬新元。", SG},
		{"sg paper", "據聯合早報報道,建屋發展局將推出更多單位。", SG},
		{"my currency", "該公司上季淨利為1.2億令吉,大馬股市應聲上漲。", MY},
		// Mainland, in either script.
		{"cn simplified", "新华社北京3月5日电 国务院常务会议部署稳增长措施,我国经济持续回升。", CN},
		{"cn traditional", "新華社北京3月5日電 國務院常務會議部署穩增長措施,我國經濟持續回升。", CN},
		{"cn with hk price", "新华社消息,这家公司在港交所上市,每股作价28港元,募资所得将用于我国西部的项目,国务院此前已批准。", CN},

		// Negatives: no cue, or cues that do not count where they stand.
		{"script alone", "這家公司的業績表現穩健,管理層對前景充滿信心。", ""},
		{"script alone simplified", "这家公司的业绩表现稳健,管理层对前景充满信心。", ""},
		{"new element", "研发团队把创新元素融入产品设计。", ""},
		{"roc era history", "這座建築建於民國時期,見證了城市的變遷。", ""},
		{"foreign ministry", "阿联酋经济部官员表示,双边贸易今年增长约一成。", ""},
		{"year then growth", "该市2023年增长约一成,2024年减少两成。", ""},
		{"tw usage", "出口年增12%,進口年減3%,經濟部表示外需回溫。", TW},
		{"place only", "記者在台北街頭採訪了幾位市民。", ""},
		{"one weak body", "立法會議員昨日開會。", ""}, // HK 2, MO 1: below MinScore
		{"weak body and place", "立法會議員昨日到氹仔視察。", MO},
		{"tie", "兩地樓價比較:香港單位售價850萬港元,台灣同類單位約3000萬台幣。", ""},
		{"bare currency word", "他問港元和人民幣哪個更穩定。", ""},
	}
	for _, c := range cases {
		r := InferRaw(c.text)
		if r.Locale != c.want {
			t.Errorf("%s: %q: locale %q, want %q (scores %v, evidence %v)", c.name, c.text, r.Locale, c.want, r.Scores, r.Evidence)
		}
	}
}

func TestEvidenceOffsets(t *testing.T) {
	text := "据中央社报道,新台币汇率走强,升值至30.1元兑1美元,新台币30元。"
	r := Infer(text)
	if r.Locale != TW {
		t.Fatalf("locale %q, scores %v", r.Locale, r.Scores)
	}
	words := []string{}
	for _, e := range r.Evidence {
		if text[e.Start:e.End] != e.Word {
			t.Errorf("evidence %+v: text there is %q", e, text[e.Start:e.End])
		}
		words = append(words, e.Word+"/"+e.Kind)
	}
	// The first 新台币 stands before no number: it is no cue; the second is.
	if got, want := strings.Join(words, " "), "中央社/dateline 新台币/currency"; got != want {
		t.Errorf("evidence %s, want %s", got, want)
	}
}

func TestRepeatCapped(t *testing.T) {
	text := strings.Repeat("台北市民", 10)
	if r := Infer(text); r.Scores[TW] != maxRepeat || r.Locale != TW {
		t.Errorf("10 times 台北: scores %v, locale %q", r.Scores, r.Locale)
	}
}

func TestParse(t *testing.T) {
	for _, s := range []string{"CN", "hk", " tw ", "MO", "sg", "MY"} {
		if _, err := Parse(s); err != nil {
			t.Errorf("Parse(%q): %v", s, err)
		}
	}
	for _, s := range []string{"", "US", "zh-TW", "HKG"} {
		if _, err := Parse(s); err == nil {
			t.Errorf("Parse(%q) gave no error", s)
		}
	}
}

func TestTablesLoad(t *testing.T) {
	if _, err := loadCues("locale_cues.tsv"); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"nope.tsv", "currencies.tsv"} {
		if _, err := loadCues(bad); err == nil || !strings.Contains(err.Error(), ".tsv") {
			t.Errorf("loadCues(%v): %v, want an error naming the file", bad, err)
		}
	}
}

// TestGoldLocales infers the locale of every gold document in testdata: the
// mainland seeds in both scripts are CN (the script is no cue), the
// dev-own-hant paragraphs are what their gold says.
func TestGoldLocales(t *testing.T) {
	n := 0
	for _, dir := range []string{"../testdata/gold", "../testdata/gold-hant", "../testdata/dev-own-hant/gold"} {
		files, err := filepath.Glob(dir + "/*.json")
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no gold files (%v)", dir, err)
		}
		for _, f := range files {
			var g struct{ File, Locale string }
			b, err := os.ReadFile(f)
			if err == nil {
				err = json.Unmarshal(b, &g)
			}
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			text, err := os.ReadFile(filepath.Join(filepath.Dir(dir), g.File))
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			want := Locale(g.Locale)
			if want == "" {
				want = Default
			}
			r := InferRaw(string(text))
			got := r.Locale
			if got == "" {
				got = Default
			}
			if got != want {
				t.Errorf("%s: locale %s, want %s (scores %v)", f, got, want, r.Scores)
			}
			n++
		}
	}
	if n < 20 {
		t.Errorf("only %d gold documents", n)
	}
}

func TestChoose(t *testing.T) {
	tw := "行政院今天通過預算,經濟部表示出口年增一成。"
	cases := []struct {
		given, flag Locale
		text        string
		want        Locale
		from        string
	}{
		{HK, TW, tw, HK, FromInput},
		{"", MO, tw, MO, FromFlag},
		{"", "", "行政院今天通过预算,经济部表示出口年增一成。", TW, FromText}, // the view's text
		{"", "", "这家公司的业绩表现稳健。", Default, FromDefault},
	}
	for _, c := range cases {
		l, from, _ := Choose(c.given, c.flag, c.text)
		if l != c.want || from != c.from {
			t.Errorf("Choose(%q, %q, %q) = %s from %s, want %s from %s", c.given, c.flag, c.text, l, from, c.want, c.from)
		}
	}
}
