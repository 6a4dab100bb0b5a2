package show

import (
	"html/template"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Article is one article of a show page.
type Article struct {
	DocID, Title, Source string
	// Line is the JSON Lines line of the article, 0 for other inputs.
	Line int
	// RefDate and RefDateSource are the record's, "" when none.
	RefDate, RefDateSource string
	// Text is the raw article text the offsets count in.
	Text string
	// Mentions are the record's entities.
	Mentions []Mention
	// Problems are mentions that cannot be marked (a span outside the text,
	// a text that is not the span's): shown in the table with the reason.
	Problems []string
}

// Unshown is a record or input that no page can show, and why.
type Unshown struct {
	// Where names it: a records file and line, or an input path.
	Where string
	// DocID is the record's doc_id, "" when unknown.
	DocID  string
	Reason string
}

// Page is one page of a show run.
type Page struct {
	// Number is the page's number from 1; Links lead to other pages (none
	// when the run has one page).
	Number int
	Links  []PageLink
	// Articles are this page's articles; First is the number (from 1) of
	// the first of them in the whole input.
	Articles []Article
	First    int
	// Total counts mentions by type over every page and TotalArticles the
	// articles of every page; nil and 0 on pages after the first, which
	// are written before the input has been read to its end.
	Total         map[string]int
	TotalArticles int
	// Unshown lists what cannot be shown (on the first page).
	Unshown []Unshown
	// Input says what the page was made from, for its heading.
	Input string
}

// PageLink is a link to a page of the same run.
type PageLink struct {
	// Label is what the link says ("1", "next"); File the page's file name,
	// "" for the current page.
	Label, File string
}

// counts counts mentions by type.
func counts(ms []Mention) map[string]int {
	c := map[string]int{}
	for _, m := range ms {
		c[m.Type]++
	}
	return c
}

// typesOf returns the known types, then any other type present in c.
func typesOf(cs ...map[string]int) []string {
	out := append([]string{}, Types...)
	seen := map[string]bool{}
	for _, t := range Types {
		seen[t] = true
	}
	for _, c := range cs {
		for t := range c {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}

type countRow struct {
	Type, Class string
	Page, Total int
}

type articleView struct {
	Anchor, DocID, Title, Where, RefDate string
	Chars                                int
	Counts                               []countRow
	Marked                               template.HTML
	Rows                                 []mentionRow
	Problems                             []string
}

type mentionRow struct {
	N                 int
	Type, Class       string
	Start, End        int
	Text, Value, Rule string
}

type pageView struct {
	Title, CSS     template.CSS
	Heading, Input string
	Number         int
	Links          []PageLink
	Counts         []countRow
	MultiPage      bool
	AllPages       bool
	TotalArticles  int
	Articles       []articleView
	Unshown        []Unshown
	First, Last    int
	Filters        []countRow
}

// Where names an article's input: the source and, for JSON Lines, the line.
func where(source string, line int) string {
	if line > 0 {
		return source + ":" + strconv.Itoa(line)
	}
	return source
}

// WritePage writes one show page.
func WritePage(w io.Writer, p *Page) error {
	v := pageView{
		CSS:           template.CSS(css),
		Input:         p.Input,
		Heading:       "cnie show: " + p.Input,
		Number:        p.Number,
		Links:         p.Links,
		MultiPage:     len(p.Links) > 0,
		AllPages:      p.Total != nil && len(p.Links) > 0,
		TotalArticles: p.TotalArticles,
		Unshown:       p.Unshown,
		First:         p.First,
		Last:          p.First + len(p.Articles) - 1,
	}
	var all []Mention
	idBase := 0
	for i := range p.Articles {
		a := &p.Articles[i]
		all = append(all, a.Mentions...)
		av := articleView{
			Anchor:   "a" + strconv.Itoa(p.First+i),
			DocID:    a.DocID,
			Title:    a.Title,
			Where:    where(a.Source, a.Line),
			Chars:    utf8.RuneCountInString(a.Text),
			Problems: a.Problems,
		}
		if a.RefDate != "" {
			av.RefDate = a.RefDate + " (" + a.RefDateSource + ")"
		}
		c := counts(a.Mentions)
		for _, t := range typesOf(c) {
			if c[t] > 0 {
				av.Counts = append(av.Counts, countRow{Type: t, Class: typeClass(t), Page: c[t]})
			}
		}
		var b strings.Builder
		rs := []rune(a.Text)
		markText(&b, rs, 0, len(rs), a.Mentions, idBase)
		idBase += len(a.Mentions)
		av.Marked = template.HTML(b.String())
		for j, m := range a.Mentions {
			av.Rows = append(av.Rows, mentionRow{N: j + 1, Type: m.Type, Class: typeClass(m.Type),
				Start: m.Start, End: m.End, Text: m.Text, Value: m.Value, Rule: m.Rule})
		}
		v.Articles = append(v.Articles, av)
	}
	pc := counts(all)
	for _, t := range typesOf(pc, p.Total) {
		row := countRow{Type: t, Class: typeClass(t), Page: pc[t], Total: p.Total[t]}
		v.Counts = append(v.Counts, row)
	}
	v.Filters = filters(v.Counts)
	return pageTmpl.Execute(w, v)
}

// filters are the legend's entries: one per known type and one for any
// other types together.
func filters(rows []countRow) []countRow {
	var out []countRow
	other := countRow{Type: "other", Class: "t-other"}
	for _, r := range rows {
		if r.Class == "t-other" {
			other.Page += r.Page
			other.Total += r.Total
			continue
		}
		out = append(out, r)
	}
	if other.Page+other.Total > 0 {
		out = append(out, other)
	}
	return out
}

var pageTmpl = template.Must(template.New("page").Parse(head + `
<header>
<h1>cnie show{{if .MultiPage}} · page {{.Number}}{{end}}</h1>
<p class="input">{{.Input}}</p>
{{if .MultiPage}}<nav class="pages">pages:{{range .Links}} {{if .File}}<a href="{{.File}}">{{.Label}}</a>{{else}}<b>{{.Label}}</b>{{end}}{{end}}</nav>{{end}}
<section class="summary">
<table class="counts"><tr><th>type</th>{{range .Counts}}<th class="{{.Class}}"><span class="sw {{.Class}}"></span>{{.Type}}</th>{{end}}</tr>
<tr><th>mentions{{if .MultiPage}} on this page{{end}}</th>{{range .Counts}}<td class="n">{{.Page}}</td>{{end}}</tr>
{{if .AllPages}}<tr><th>on all pages</th>{{range .Counts}}<td class="n">{{.Total}}</td>{{end}}</tr>{{end}}</table>
<p>articles {{if .Articles}}{{.First}}–{{.Last}}{{else}}none{{end}}{{if .TotalArticles}} of {{.TotalArticles}}{{end}}{{if .Unshown}}; <a href="#unshown">{{len .Unshown}} cannot be shown</a>{{end}}</p>
</section>
</header>
<div class="legend" role="group" aria-label="legend and filter"><b>marked:</b>
{{range .Filters}}<label class="lg {{.Class}}"><input type="checkbox" id="f-{{.Type}}" checked> <span class="sw {{.Class}}"></span>{{.Type}}</label>
{{end}}</div>
{{if .Unshown}}<section id="unshown" class="unshown"><h2>{{len .Unshown}} cannot be shown</h2><ul>
{{range .Unshown}}<li><code>{{.Where}}</code>{{if .DocID}} {{.DocID}}{{end}}: {{.Reason}}</li>
{{end}}</ul></section>{{end}}
{{if .Articles}}<nav class="toc"><ol start="{{.First}}">{{range .Articles}}<li><a href="#{{.Anchor}}">{{.DocID}}</a>{{if .Title}} {{.Title}}{{end}}</li>{{end}}</ol></nav>{{end}}
<main>
{{range .Articles}}<article id="{{.Anchor}}" data-doc-id="{{.DocID}}">
<h2>{{.DocID}}</h2>
<p class="meta"><code>{{.Where}}</code>{{if .Title}} · {{.Title}}{{end}}{{if .RefDate}} · reference date {{.RefDate}}{{end}} · {{.Chars}} characters ·{{range .Counts}} <span class="sw {{.Class}}"></span>{{.Type}} {{.Page}}{{else}} no mentions{{end}}</p>
<div class="text">{{.Marked}}</div>
{{if .Problems}}<ul class="problems">{{range .Problems}}<li>{{.}}</li>{{end}}</ul>{{end}}
{{if .Rows}}<table class="ms"><tr><th>#</th><th>type</th><th>span</th><th>text</th><th>value</th><th>rule</th></tr>
{{range .Rows}}<tr class="{{.Class}}"><td class="n">{{.N}}</td><td><span class="sw {{.Class}}"></span>{{.Type}}</td><td class="n">{{.Start}}–{{.End}}</td><td class="mt">{{.Text}}</td><td>{{.Value}}</td><td>{{.Rule}}</td></tr>
{{end}}</table>{{end}}
</article>
{{end}}</main>
{{if .MultiPage}}<nav class="pages">pages:{{range .Links}} {{if .File}}<a href="{{.File}}">{{.Label}}</a>{{else}}<b>{{.Label}}</b>{{end}}{{end}}</nav>{{end}}
</body></html>
`))

// head opens every page: no script may run (the policy allows none) and
// nothing is loaded from anywhere.
const head = `<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Heading}}</title>
<style>{{.CSS}}</style>
</head>
<body>`

// css draws the marks: a background and an underline in the type's colour;
// a mark inside another also gets a frame, so that both stay visible. A
// filter that is off (its checkbox cleared) unmarks its type and hides its
// table rows. The hover box shows the value of the innermost mark.
const css = `
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif;margin:0 auto;max-width:60em;padding:0 1em 3em;color:#222;background:#fff}
h1{font-size:1.4em;margin:.6em 0 .2em}
h2{font-size:1.1em;margin:0 0 .3em}
.input{color:#555;margin:0 0 .5em}
table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.legend{border:1px solid #ccc;margin:.5em 0;padding:.3em .6em;position:sticky;top:0;background:#fff;z-index:20}
.legend b{margin-right:.8em}
.lg{margin-right:1em;white-space:nowrap;cursor:pointer}
.sw{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em;border-radius:2px}
article{border-top:2px solid #888;margin-top:1.5em;padding-top:.5em}
.meta{color:#555;font-size:.9em}
.text{white-space:pre-wrap;line-height:1.9;font-size:1.05em;overflow-wrap:anywhere}
.m{position:relative;border-bottom:3px solid;padding:1px 0}
.m .m{outline:1px solid;outline-offset:-1px}
.m.cont{border-left:none}
.m:hover{z-index:40;box-shadow:0 0 0 1px var(--c)}
.m:hover:not(:has(.m:hover))::after{content:attr(data-tip);position:absolute;left:0;top:100%;z-index:30;background:#222;color:#fff;padding:2px 6px;border-radius:3px;font-size:13px;line-height:1.4;white-space:pre;pointer-events:none}
.unshown{border:2px solid #c62828;padding:.3em .8em;margin:.8em 0;background:#fff5f5}
.unshown h2{color:#c62828}
.problems{color:#c62828}
.mt{white-space:pre-wrap}
.t-money{--c:#2e7d32;--b:#c8e6c9}
.t-percent{--c:#00838f;--b:#b2ebf2}
.t-quantity{--c:#6a1b9a;--b:#e1bee7}
.t-date{--c:#1565c0;--b:#bbdefb}
.t-org{--c:#e65100;--b:#ffe0b2}
.t-country{--c:#c2185b;--b:#f8bbd0}
.t-other{--c:#5d4037;--b:#d7ccc8}
.sw{background:var(--c)}
.m{background:var(--b);border-color:var(--c);outline-color:var(--c)}
body:has(#f-money:not(:checked)) .m.t-money,body:has(#f-percent:not(:checked)) .m.t-percent,body:has(#f-quantity:not(:checked)) .m.t-quantity,body:has(#f-date:not(:checked)) .m.t-date,body:has(#f-org:not(:checked)) .m.t-org,body:has(#f-country:not(:checked)) .m.t-country,body:has(#f-other:not(:checked)) .m.t-other{background:transparent;border-color:transparent;outline:none}
body:has(#f-money:not(:checked)) table.ms tr.t-money,body:has(#f-percent:not(:checked)) table.ms tr.t-percent,body:has(#f-quantity:not(:checked)) table.ms tr.t-quantity,body:has(#f-date:not(:checked)) table.ms tr.t-date,body:has(#f-org:not(:checked)) table.ms tr.t-org,body:has(#f-country:not(:checked)) table.ms tr.t-country,body:has(#f-other:not(:checked)) table.ms tr.t-other{display:none}
.side-gold{background:#e8f5e9;border:2px solid #2e7d32;border-radius:3px}
.side-pred{background:#ffebee;border:2px dashed #c62828;border-radius:3px}
.m.side-gold .m.side-pred,.m.side-pred .m.side-gold{outline:none}
.errs td{font-size:.95em}
.ctx{white-space:normal;line-height:2}
.k-missed{color:#2e7d32}.k-spurious{color:#c62828}.k-boundary{color:#e65100}.k-value{color:#1565c0}
`
