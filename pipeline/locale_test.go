package pipeline

import (
	"testing"

	"github.com/cnie/cnie/corpus"
)

// The record says the article's script and locale and where the locale came
// from: the input's field first, then the run's flag, then what the text
// names, else CN; the script alone never decides the locale.
func TestLocaleAndScript(t *testing.T) {
	p := newPipeline(t, Options{})
	flagged := newPipeline(t, Options{Locale: "HK"})
	const (
		twText   = "行政院主計總處今天公布，新台幣兌美元升值。"
		hantCN   = "國家統計局今天公布，全國規模以上工業增加值同比增長5.9%。"
		hansText = "国家统计局今天公布，全国规模以上工业增加值同比增长5.9%。"
	)
	for _, tc := range []struct {
		name                 string
		p                    *Pipeline
		a                    corpus.Article
		locale, from, script string
	}{
		{"text names Taiwan", p, corpus.Article{Text: twText}, "TW", "text", "hant"},
		{"traditional mainland text", p, corpus.Article{Text: hantCN}, "CN", "text", "hant"},
		{"simplified", p, corpus.Article{Text: hansText}, "CN", "text", "hans"},
		{"no cue", p, corpus.Article{Text: "這家餐廳今天開業，門口排起長隊。"}, "CN", "default", "hant"},
		{"input wins over text", p, corpus.Article{Text: twText, Locale: "MO"}, "MO", "input", "hant"},
		{"flag for articles without one", flagged, corpus.Article{Text: hansText}, "HK", "flag", "hans"},
		{"input wins over flag", flagged, corpus.Article{Text: hansText, Locale: "SG"}, "SG", "input", "hans"},
	} {
		rec := tc.p.Process(tc.a)
		if rec.Locale != tc.locale || rec.LocaleSource != tc.from || rec.Script != tc.script {
			t.Errorf("%s: locale %q from %q, script %q; want %q from %q, %q", tc.name, rec.Locale, rec.LocaleSource, rec.Script, tc.locale, tc.from, tc.script)
		}
	}
}
