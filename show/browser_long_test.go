//go:build long

package show_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/eval"
	"github.com/cnie/cnie/pipeline"
	"github.com/cnie/cnie/show"
)

// chromium starts Debian's headless Chromium (make install-chromium puts it
// at /usr/bin/chromium; CNIE_CHROMIUM names another) and returns a tab.
// CI runs as root, where Chromium's sandbox cannot start: NoSandbox. The
// flags after it keep Chromium from reaching for the network it does not
// have.
func chromium(t *testing.T) context.Context {
	t.Helper()
	path := os.Getenv("CNIE_CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if _, err := exec.LookPath(path); err != nil {
		t.Fatalf("no Chromium at %s (make install-chromium): %v", path, err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1100, 1400),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(cancel3)
	return ctx
}

func fileURL(p string) string {
	abs, _ := filepath.Abs(p)
	return (&url.URL{Scheme: "file", Path: abs}).String()
}

func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func eval1[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	return run(t, ctx, chromedp.Evaluate[T](js))
}

// screenshot saves what the tab shows under dir as name.
func screenshot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	png := run(t, ctx, chromedp.CaptureScreenshot())
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s (%d bytes)", p, len(png))
}

type mark struct {
	Doc   string `json:"doc"`
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

func (m mark) String() string {
	return fmt.Sprintf("%s %s %d-%d %q", m.Doc, m.Type, m.Start, m.End, m.Text)
}

// marksJS reads every marked mention of the page as other tools would:
// data-type, data-start, data-end, and the text of the element (with its
// continuation pieces when it crosses another mention).
const marksJS = `Array.from(document.querySelectorAll('main [data-type][data-start]')).map(e => {
	let text = e.textContent;
	for (const c of document.querySelectorAll('[data-of="' + e.dataset.m + '"]')) text += c.textContent;
	return {doc: e.closest('article').dataset.docId, type: e.dataset.type, start: +e.dataset.start, end: +e.dataset.end, text: text};
})`

const hostile = "外电报道<script>window.__pwned = 1</script>，某公司&amp;投资5亿元<img src=x onerror=\"window.__pwned = 2\">，" +
	"<style>main{display:none}</style>较去年增长10%。中国与阿联酋签约。"

func TestLongBrowserShow(t *testing.T) {
	dir := t.TempDir()
	h := filepath.Join(dir, "hostile.txt")
	if err := os.WriteFile(h, []byte(hostile), 0o644); err != nil {
		t.Fatal(err)
	}
	// Records of the seeds and of the hostile article, as cnie run writes
	// them.
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var recs bytes.Buffer
	var want []string
	texts := map[string]string{}
	for a, err := range corpus.Open([]string{"../testdata/seeds", h}, corpus.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		rec := p.Process(a)
		b, _ := json.Marshal(&rec)
		recs.Write(append(b, '\n'))
		texts[rec.DocID] = a.Text
		for _, e := range rec.Entities {
			want = append(want, mark{rec.DocID, e.Type, e.Start, e.End, e.Text}.String())
		}
	}
	// A record written by hand whose mentions cross (neither inside the
	// other): the second is drawn in two pieces.
	cross := "美国会议员表示反对。"
	cp := filepath.Join(dir, "cross.txt")
	os.WriteFile(cp, []byte(cross), 0o644)
	sum := sha256.Sum256([]byte(cross))
	fmt.Fprintf(&recs, `{"doc_id":"cross","source":%q,"sha256":"%x","ref_date":null,"ref_date_source":"none","chars":10,"entities":[`+
		`{"type":"country","start":0,"end":2,"text":"美国","code":"US","name":"美国"},{"type":"org","start":1,"end":3,"text":"国会","canonical":"美国国会","rule":"hand"}]}`+"\n", cp, sum)
	texts["cross"] = cross
	want = append(want, mark{"cross", "country", 0, 2, "美国"}.String(), mark{"cross", "org", 1, 3, "国会"}.String())
	if len(texts) != 7 || len(want) < 500 {
		t.Fatalf("%d articles, %d mentions", len(texts), len(want))
	}
	rp := filepath.Join(dir, "records.jsonl")
	os.WriteFile(rp, recs.Bytes(), 0o644)
	page := filepath.Join(dir, "page.html")
	res, err := show.Run([]string{rp}, show.Options{Out: page})
	if err != nil || len(res.Unshown) > 0 || res.Articles != 7 {
		t.Fatalf("show: %+v %v", res, err)
	}

	ctx := chromium(t)
	run(t, ctx, chromedp.Navigate(fileURL(page)))

	// The marked spans are the records' mentions: as many, the same
	// offsets, types and texts.
	marks := eval1[[]mark](t, ctx, marksJS)
	var got []string
	for _, m := range marks {
		got = append(got, m.String())
	}
	sort.Strings(got)
	sort.Strings(want)
	if len(got) != len(want) {
		t.Errorf("%d marked spans, the records have %d mentions", len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			t.Errorf("marked %s, record %s", got[i], want[i])
			break
		}
	}
	// Each article's text is on the page exactly, markup and entities as
	// text.
	shown := eval1[map[string]string](t, ctx, `Object.fromEntries(Array.from(document.querySelectorAll('article')).map(a => [a.dataset.docId, a.querySelector('.text').textContent]))`)
	for id, text := range texts {
		if shown[id] != text {
			t.Errorf("%s: the page shows another text (%d vs %d characters)", id, len([]rune(shown[id])), len([]rune(text)))
		}
	}
	if n := eval1[int](t, ctx, `document.querySelectorAll('main .cont').length`); n != 1 {
		t.Errorf("%d continuation pieces, want 1 (the crossing org)", n)
	}

	// The hostile article ran nothing and added no element.
	if pwned := eval1[string](t, ctx, `typeof window.__pwned`); pwned != "undefined" {
		t.Errorf("the article's script ran: window.__pwned is %s", pwned)
	}
	if n := eval1[int](t, ctx, `document.querySelectorAll('script, img, main style').length`); n != 0 {
		t.Errorf("%d script, img or style elements on the page", n)
	}
	if vis := eval1[bool](t, ctx, `getComputedStyle(document.querySelector('main')).display !== 'none'`); !vis {
		t.Errorf("the article's style was applied")
	}

	// The value on hover: move the mouse onto a money mark.
	type box struct{ X, Y float64 }
	b := eval1[box](t, ctx, `(() => { const e = document.querySelector('[data-doc-id="hostile"] .m.t-money'); e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect(); return {X: r.x + r.width / 2, Y: r.y + r.height / 2}; })()`)
	run(t, ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, b.X, b.Y))
	tip := eval1[string](t, ctx, `getComputedStyle(document.querySelector('[data-doc-id="hostile"] .m.t-money'), '::after').content`)
	if !strings.Contains(tip, "500000000 CNY") {
		t.Errorf("hover shows %s, want the value 500000000 CNY", tip)
	}
	screenshot(t, ctx, dir, "show-hover.png")

	// Filters: clearing org unmarks every organisation and hides its rows,
	// and leaves the other types; ticking it again brings them back.
	const state = `(() => {
		const bg = sel => Array.from(document.querySelectorAll(sel)).filter(e => getComputedStyle(e).backgroundColor !== 'rgba(0, 0, 0, 0)').length;
		const rows = sel => Array.from(document.querySelectorAll(sel)).filter(e => e.offsetParent !== null).length;
		return [bg('main .m.t-org'), rows('table.ms tr.t-org'), bg('main .m.t-country'), rows('table.ms tr.t-country')];
	})()`
	orgs := res.Mentions["org"]
	countries := res.Mentions["country"]
	all := []int{orgs + 1, orgs, countries, countries} // the crossing org is drawn in two pieces
	run(t, ctx, chromedp.Evaluate[any](`window.scrollTo(0, 0)`))
	if s := eval1[[]int](t, ctx, state); fmt.Sprint(s) != fmt.Sprint(all) {
		t.Errorf("before filtering: marked and listed org, country %v, want %v", s, all)
	}
	run(t, ctx, chromedp.Click(chromedp.CSS("#f-org")))
	if s := eval1[[]int](t, ctx, state); fmt.Sprint(s) != fmt.Sprint([]int{0, 0, countries, countries}) {
		t.Errorf("org filtered out: marked and listed org, country %v, want [0 0 %d %d]", s, countries, countries)
	}
	screenshot(t, ctx, dir, "show-no-org.png")
	run(t, ctx, chromedp.Click(chromedp.CSS("#f-org")))
	if s := eval1[[]int](t, ctx, state); fmt.Sprint(s) != fmt.Sprint(all) {
		t.Errorf("org back: %v, want %v", s, all)
	}
	// The picture of the README: an organisation with a country inside,
	// the value of an amount on hover.
	run(t, ctx, chromedp.EmulateViewport(860, 740))
	b = eval1[box](t, ctx, `(() => { document.querySelector('[data-doc-id="000_e9e8688e074dc39d"]').scrollIntoView(); window.scrollBy(0, -45);
		const e = document.querySelector('[data-doc-id="000_e9e8688e074dc39d"] .m.t-money'); const r = e.getBoundingClientRect(); return {X: r.x + r.width / 2, Y: r.y + r.height / 2}; })()`)
	run(t, ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, b.X, b.Y))
	screenshot(t, ctx, dir, "cnie-show.png")
	// CNIE_SCREENSHOT_DIR=$PWD/docs makes the README's picture again.
	if d := os.Getenv("CNIE_SCREENSHOT_DIR"); d != "" {
		b, _ := os.ReadFile(filepath.Join(dir, "cnie-show.png"))
		if err := os.WriteFile(filepath.Join(d, "cnie-show.png"), b, 0o644); err != nil {
			t.Error(err)
		}
	}
}

func TestLongBrowserEvalReport(t *testing.T) {
	gold, err := eval.LoadGold("../testdata/gold")
	if err != nil {
		t.Fatal(err)
	}
	pred, err := eval.LoadPred("../testdata/eval/pred.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	rep := eval.Score(gold, pred, nil)
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	var buf bytes.Buffer
	if err := rep.WriteHTML(&buf, gold, "fixture"); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(page, buf.Bytes(), 0o644)

	// What each error row must mark: the gold span and the predicted one,
	// each where it is a span of the text.
	type row struct {
		Kind  string `json:"kind"`
		Type  string `json:"type"`
		Gold  string `json:"gold"`
		Pred  string `json:"pred"`
		GoldN int    `json:"goldN"`
		PredN int    `json:"predN"`
	}
	var want []row
	kinds := map[string]int{}
	for _, e := range rep.Errors {
		rs := []rune(gold[e.DocID].Text)
		r := row{Kind: e.Kind, Type: e.Type}
		span := func(m eval.Mention) (string, int) {
			sm, ok := show.MentionOf(m, "")
			if !ok || sm.Start < 0 || sm.Start >= sm.End || sm.End > len(rs) {
				return "", 0
			}
			return string(rs[sm.Start:sm.End]), 1
		}
		if e.Gold != nil {
			r.Gold, r.GoldN = span(e.Gold)
		}
		if e.Pred != nil {
			r.Pred, r.PredN = span(e.Pred)
		}
		want = append(want, r)
		kinds[e.Kind]++
	}
	if len(kinds) != 4 {
		t.Fatalf("the fixture should hold every kind of error: %v", kinds)
	}

	ctx := chromium(t)
	run(t, ctx, chromedp.Navigate(fileURL(page)))
	got := eval1[[]row](t, ctx, `Array.from(document.querySelectorAll('tr.err')).map(tr => {
		const side = s => { const e = tr.querySelector('.ctx [data-side="' + s + '"]'); if (!e) return ''; let t = e.textContent; for (const c of tr.querySelectorAll('[data-of="' + e.dataset.m + '"]')) t += c.textContent; return t; };
		return {kind: tr.dataset.kind, type: tr.dataset.type, gold: side('gold'), pred: side('pred'),
			goldN: tr.querySelectorAll('.ctx [data-side="gold"]').length, predN: tr.querySelectorAll('.ctx [data-side="pred"]').length};
	})`)
	if len(got) != len(want) {
		t.Fatalf("%d error rows, the report has %d errors", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("error %d: page %+v, want %+v", i+1, got[i], want[i])
		}
	}
	// Gold and predicted spans are drawn differently.
	styles := eval1[[]string](t, ctx, `['gold', 'pred'].map(s => { const c = getComputedStyle(document.querySelector('.ctx [data-side="' + s + '"]')); return c.borderTopStyle + ' ' + c.borderTopColor + ' ' + c.backgroundColor; })`)
	if styles[0] == styles[1] {
		t.Errorf("gold and predicted spans look the same: %v", styles)
	}
	// Every link of the summary leads to its document.
	broken := eval1[[]string](t, ctx, `Array.from(document.querySelectorAll('a[href^="#"]')).map(a => a.getAttribute('href')).filter(h => !document.getElementById(h.slice(1)))`)
	links := eval1[int](t, ctx, `document.querySelectorAll('table.docs a[href^="#"]').length`)
	if len(broken) > 0 || links != len(gold) {
		t.Errorf("%d document links (want %d), broken: %v", links, len(gold), broken)
	}
	run(t, ctx, chromedp.Evaluate[any](`document.querySelector('tr.err.k-boundary, tr.err') && window.scrollTo(0, 0)`))
	screenshot(t, ctx, dir, "report.png")
}
