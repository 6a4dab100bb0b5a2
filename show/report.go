package show

import (
	"html/template"
	"io"
	"strconv"
	"strings"
)

// Report is the content of an evaluation's HTML page: figures, then every
// error in its context.
type Report struct {
	// Title says what was scored (the gold and the prediction).
	Title string
	// Notes are lines shown under the title (documents, gold mentions).
	Notes []string
	// Head and Rows are the figures per type, Footer lines under them
	// (micro-averages, document-level sets).
	Head   []string
	Rows   [][]string
	Footer []string
	// Docs are the gold documents, each with its errors, in input order.
	Docs []ReportDoc
}

// ReportDoc is one gold document and its errors.
type ReportDoc struct {
	DocID, Source string
	// Text is the gold text the offsets count in ("" when not known).
	Text   string
	Errors []ReportError
}

// ReportError is one disagreement between gold and prediction.
type ReportError struct {
	// Type and Kind ("missed", "spurious", "boundary", "value").
	Type, Kind string
	// Gold and Pred are the mentions involved, nil where there is none;
	// their Side is set to "gold" and "pred" when drawn.
	Gold, Pred *Mention
}

// ErrorKinds are the kinds of errors in report order.
var ErrorKinds = []string{"missed", "spurious", "boundary", "value"}

// contextRunes is how much text an error shows either side of its spans.
const contextRunes = 40

type reportView struct {
	Heading  string
	CSS      template.CSS
	Notes    []string
	Head     []string
	Rows     [][]string
	Footer   []string
	Kinds    []string
	Matrix   []matrixRow
	Docs     []docView
	NErrors  int
	KindSums []int
}

type matrixRow struct {
	Type   string
	Class  string
	Counts []int
	Sum    int
}

type docView struct {
	Anchor, DocID, Source string
	N                     int
	Errors                []errorView
	ByKind                []int
}

type errorView struct {
	Anchor, Kind, Type, Class string
	N                         int
	Gold, Pred                *Mention
	Rule                      string
	Context                   template.HTML
}

// WriteReport writes an evaluation's HTML page.
func WriteReport(w io.Writer, r *Report) error {
	v := reportView{Heading: r.Title, CSS: template.CSS(css), Notes: r.Notes, Head: r.Head, Rows: r.Rows, Footer: r.Footer, Kinds: ErrorKinds}
	kindIdx := map[string]int{}
	for i, k := range ErrorKinds {
		kindIdx[k] = i
	}
	byType := map[string]*matrixRow{}
	var order []string
	v.KindSums = make([]int, len(ErrorKinds))
	idBase := 0
	for di, d := range r.Docs {
		dv := docView{Anchor: "d" + strconv.Itoa(di+1), DocID: d.DocID, Source: d.Source, N: di + 1, ByKind: make([]int, len(ErrorKinds))}
		rs := []rune(d.Text)
		for _, e := range d.Errors {
			v.NErrors++
			ev := errorView{Anchor: "e" + strconv.Itoa(v.NErrors), N: v.NErrors, Kind: e.Kind, Type: e.Type, Class: typeClass(e.Type)}
			var ms []Mention
			lo, hi := -1, -1
			for _, p := range []struct {
				m    *Mention
				side string
			}{{e.Gold, "gold"}, {e.Pred, "pred"}} {
				if p.m == nil {
					continue
				}
				m := *p.m
				m.Side = p.side
				if p.side == "gold" {
					ev.Gold = &m
				} else {
					ev.Pred = &m
					ev.Rule = m.Rule
				}
				ms = append(ms, m)
				if lo < 0 || m.Start < lo {
					lo = m.Start
				}
				if m.End > hi {
					hi = m.End
				}
			}
			if lo >= 0 && lo < hi && hi <= len(rs) {
				from, to := max(0, lo-contextRunes), min(len(rs), hi+contextRunes)
				var b strings.Builder
				if from > 0 {
					b.WriteString("…")
				}
				markText(&b, rs, from, to, ms, idBase)
				if to < len(rs) {
					b.WriteString("…")
				}
				ev.Context = template.HTML(b.String())
			}
			idBase += len(ms)
			dv.Errors = append(dv.Errors, ev)
			k, ok := kindIdx[e.Kind]
			if !ok {
				continue
			}
			dv.ByKind[k]++
			v.KindSums[k]++
			row := byType[e.Type]
			if row == nil {
				row = &matrixRow{Type: e.Type, Class: typeClass(e.Type), Counts: make([]int, len(ErrorKinds))}
				byType[e.Type] = row
				order = append(order, e.Type)
			}
			row.Counts[k]++
			row.Sum++
		}
		v.Docs = append(v.Docs, dv)
	}
	for _, t := range typesOf(countsOf(order)) {
		if row := byType[t]; row != nil {
			v.Matrix = append(v.Matrix, *row)
		}
	}
	return reportTmpl.Execute(w, v)
}

func countsOf(ts []string) map[string]int {
	c := map[string]int{}
	for _, t := range ts {
		c[t]++
	}
	return c
}

var reportTmpl = template.Must(template.New("report").Parse(head + `
<header>
<h1>{{.Heading}}</h1>
{{range .Notes}}<p class="input">{{.}}</p>{{end}}
<table class="figures"><tr>{{range .Head}}<th>{{.}}</th>{{end}}</tr>
{{range .Rows}}<tr>{{range $i, $c := .}}{{if $i}}<td class="n">{{$c}}</td>{{else}}<th>{{$c}}</th>{{end}}{{end}}</tr>
{{end}}</table>
{{range .Footer}}<p>{{.}}</p>{{end}}
<h2>{{.NErrors}} errors</h2>
<p class="legend-eval"><span class="m side-gold">gold (the annotation)</span> <span class="m side-pred">cnie (predicted)</span>: missed is gold only, spurious cnie only, boundary both with other spans, value both with the same span.</p>
{{if .Matrix}}<table class="kinds"><tr><th>type</th>{{range .Kinds}}<th class="k-{{.}}">{{.}}</th>{{end}}<th>all</th></tr>
{{range .Matrix}}<tr><th><span class="sw {{.Class}}"></span>{{.Type}}</th>{{range .Counts}}<td class="n">{{.}}</td>{{end}}<td class="n">{{.Sum}}</td></tr>
{{end}}<tr><th>all</th>{{range .KindSums}}<td class="n">{{.}}</td>{{end}}<td class="n">{{.NErrors}}</td></tr></table>{{end}}
<table class="docs"><tr><th>#</th><th>document</th>{{range .Kinds}}<th class="k-{{.}}">{{.}}</th>{{end}}</tr>
{{range .Docs}}<tr><td class="n">{{.N}}</td><td><a href="#{{.Anchor}}">{{.DocID}}</a></td>{{range .ByKind}}<td class="n">{{.}}</td>{{end}}</tr>
{{end}}</table>
</header>
<main>
{{range .Docs}}<article id="{{.Anchor}}" data-doc-id="{{.DocID}}">
<h2>{{.DocID}}</h2>
<p class="meta">{{if .Source}}<code>{{.Source}}</code> · {{end}}{{len .Errors}} errors</p>
{{if .Errors}}<table class="errs"><tr><th>#</th><th>kind</th><th>type</th><th>gold</th><th>cnie</th><th>rule</th><th>context</th></tr>
{{range .Errors}}<tr id="{{.Anchor}}" class="err" data-kind="{{.Kind}}" data-type="{{.Type}}"><td class="n">{{.N}}</td><td class="k-{{.Kind}}">{{.Kind}}</td><td><span class="sw {{.Class}}"></span>{{.Type}}</td>
<td>{{with .Gold}}<span class="mt">{{.Text}}</span> {{.Start}}–{{.End}}<br>{{.Value}}{{else}}–{{end}}</td>
<td>{{with .Pred}}<span class="mt">{{.Text}}</span> {{.Start}}–{{.End}}<br>{{.Value}}{{else}}–{{end}}</td>
<td>{{.Rule}}</td>
<td class="ctx">{{.Context}}</td></tr>
{{end}}</table>{{end}}
</article>
{{end}}</main>
</body></html>
`))
