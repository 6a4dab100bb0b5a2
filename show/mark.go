// Package show draws cnie's results as self-contained HTML pages: each
// article's text with every mention marked by its type (a colour per type,
// a legend, filters by type, the normalised value on hover and in a table
// below the text), and the error report of an evaluation. Pages hold no
// script at all and load nothing from the network: the filters and the
// hover boxes are CSS, and a Content-Security-Policy forbids scripts, so an
// article holding <script> is shown as text and never run.
//
// Every marked mention is one element with the attributes data-type,
// data-start and data-end (the record's values: code points of the raw
// text, end exclusive), so that other tools can read the pages.
package show

import (
	"encoding/json"
	"html"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Mention is one marked span of an article.
type Mention struct {
	// Type is the entity type ("money", "org", …).
	Type string
	// Start and End are code points of the article text, End exclusive.
	Start, End int
	// Text is the span's text as the record gives it.
	Text string
	// Value is the normalised value as shown (see Value).
	Value string
	// Rule names the rule that found the mention, "" when the record does
	// not say.
	Rule string
	// Side is "" on a show page, "gold" or "pred" in an evaluation report,
	// where the two are marked differently.
	Side string
}

// Types are the entity types in the order of legends and tables.
var Types = []string{"money", "percent", "quantity", "date", "org", "country"}

// typeClass is the CSS class of a type: t-<type> for the known ones,
// t-other for anything else a record may hold.
func typeClass(t string) string {
	for _, k := range Types {
		if k == t {
			return "t-" + t
		}
	}
	return "t-other"
}

// tip is what a mention's hover box says.
func (m *Mention) tip() string {
	s := m.Type
	if m.Side != "" {
		s = m.Side + " " + s
	}
	if m.Value != "" {
		s += " · " + m.Value
	}
	if m.Rule != "" {
		s += " · rule " + m.Rule
	}
	return s
}

// open is an element being written: the mention and whether its first
// piece has been written already (a piece after the first is a
// continuation, see markText).
type open struct {
	m     *Mention
	id    int
	begun bool
}

// markText writes the code points rs[from:to] as HTML, every mention of ms
// inside that range marked by an element. Mentions that nest (a country
// inside an organisation) are nested elements. A mention that crosses
// another (starts inside it and ends after it) cannot nest: it is written
// in pieces, the first carrying data-type, data-start and data-end and the
// next ones the class "cont" and data-of naming the first's data-m; the
// text of the pieces together is the mention's. Mentions outside the range
// or with an empty or reversed span are not marked. idBase numbers the
// mentions (data-m) so that numbers are unique on a page.
func markText(b *strings.Builder, rs []rune, from, to int, ms []Mention, idBase int) {
	type item struct {
		m  *Mention
		id int
	}
	var items []item
	for i := range ms {
		m := &ms[i]
		if m.Start < from || m.End > to || m.Start >= m.End {
			continue
		}
		items = append(items, item{m, idBase + i})
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, c := items[i].m, items[j].m
		if a.Start != c.Start {
			return a.Start < c.Start
		}
		return a.End > c.End // outer first
	})
	// Boundaries: every start and end, in order.
	cuts := []int{from, to}
	for _, it := range items {
		cuts = append(cuts, it.m.Start, it.m.End)
	}
	sort.Ints(cuts)
	cuts = slices.Compact(cuts)
	var stack []*open
	next := 0 // next item to open
	for ci, pos := range cuts {
		// Close what ends here. Everything above the outermost element
		// that ends here is closed too, and reopened as a continuation if
		// it goes on.
		low := -1
		for i, o := range stack {
			if o.m.End == pos {
				low = i
				break
			}
		}
		var reopen []*open
		if low >= 0 {
			for i := len(stack) - 1; i >= low; i-- {
				b.WriteString("</span>")
				if stack[i].m.End > pos {
					reopen = append(reopen, stack[i])
				}
			}
			stack = stack[:low]
		}
		// Open what starts here together with the continuations, the
		// longest outside.
		for next < len(items) && items[next].m.Start == pos {
			reopen = append(reopen, &open{m: items[next].m, id: items[next].id})
			next++
		}
		sort.SliceStable(reopen, func(i, j int) bool { return reopen[i].m.End > reopen[j].m.End })
		for _, o := range reopen {
			writeOpen(b, o)
			stack = append(stack, o)
		}
		if ci+1 < len(cuts) && pos < to {
			end := cuts[ci+1]
			writeText(b, rs[pos:end])
		}
	}
	for range stack {
		b.WriteString("</span>")
	}
}

func writeOpen(b *strings.Builder, o *open) {
	m := o.m
	b.WriteString(`<span class="m `)
	b.WriteString(typeClass(m.Type))
	if m.Side != "" {
		b.WriteString(" side-")
		b.WriteString(html.EscapeString(m.Side))
	}
	if o.begun {
		b.WriteString(` cont" data-of="`)
		b.WriteString(strconv.Itoa(o.id))
		b.WriteString(`">`)
		return
	}
	o.begun = true
	b.WriteString(`" data-m="`)
	b.WriteString(strconv.Itoa(o.id))
	b.WriteString(`" data-type="`)
	b.WriteString(html.EscapeString(m.Type))
	b.WriteString(`" data-start="`)
	b.WriteString(strconv.Itoa(m.Start))
	b.WriteString(`" data-end="`)
	b.WriteString(strconv.Itoa(m.End))
	if m.Side != "" {
		b.WriteString(`" data-side="`)
		b.WriteString(html.EscapeString(m.Side))
	}
	if m.Rule != "" {
		b.WriteString(`" data-rule="`)
		b.WriteString(html.EscapeString(m.Rule))
	}
	b.WriteString(`" data-tip="`)
	b.WriteString(html.EscapeString(m.tip()))
	b.WriteString(`">`)
}

// writeText writes text escaped for an HTML element, so that the parsed
// page holds exactly these code points: <, >, & and quotes as references,
// a carriage return as &#13; (a raw one would be folded into the line
// break by the HTML parser), NUL as U+FFFD (the parser drops a raw one).
func writeText(b *strings.Builder, rs []rune) {
	for _, r := range rs {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&#34;")
		case '\'':
			b.WriteString("&#39;")
		case '\r':
			b.WriteString("&#13;")
		case 0:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
}

// Value is how a page shows the normalised value of a mention given as
// its JSON fields (numbers as json.Number or float64): money "4795000000
// CNY", a date "2025-04-09..2025-04-11 (day)", an organisation its
// canonical name, a country "AE 阿联酋"; a qualifier in brackets.
func Value(m map[string]any) string {
	str := func(k string) string { return fieldString(m[k]) }
	join := func(parts ...string) string {
		var out []string
		for _, p := range parts {
			if p != "" {
				out = append(out, p)
			}
		}
		return strings.Join(out, " ")
	}
	qual := ""
	if q := str("qualifier"); q != "" {
		qual = "(" + q + ")"
	}
	switch str("type") {
	case "money":
		return orUnknown(join(str("value"), str("currency"), qual), str("value"))
	case "percent", "quantity":
		return orUnknown(join(str("value"), str("unit"), qual), str("value"))
	case "date":
		s, e, g := str("start_date"), str("end_date"), str("grain")
		if s == "" && e == "" {
			return join("date unknown", bracket(g))
		}
		if s == e {
			return join(s, bracket(g))
		}
		return join(s+".."+e, bracket(g))
	case "org":
		return str("canonical")
	case "country":
		return join(str("code"), str("name"))
	}
	// A type this page does not know: every field but the span.
	o := map[string]any{}
	for k, v := range m {
		switch k {
		case "type", "start", "end", "text", "rule":
		default:
			if v != nil {
				o[k] = v
			}
		}
	}
	if len(o) == 0 {
		return ""
	}
	js, _ := json.Marshal(o)
	return string(js)
}

func bracket(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

// orUnknown says "value unknown" for an amount without a value.
func orUnknown(s, value string) string {
	if value == "" {
		return strings.TrimSpace("value unknown " + s)
	}
	return s
}

// fieldString shows one JSON field: a string as it is, a number as
// written, null as "".
func fieldString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	js, _ := json.Marshal(v)
	return string(js)
}

// MentionOf turns an entity's JSON fields into a Mention; ok is false when
// its type or span is missing.
func MentionOf(m map[string]any, side string) (Mention, bool) {
	t, ok := m["type"].(string)
	s, ok1 := intOf(m["start"])
	e, ok2 := intOf(m["end"])
	if !ok || !ok1 || !ok2 {
		return Mention{}, false
	}
	text, _ := m["text"].(string)
	rule, _ := m["rule"].(string)
	return Mention{Type: t, Start: s, End: e, Text: text, Value: Value(m), Rule: rule, Side: side}, true
}

func intOf(v any) (int, bool) {
	switch x := v.(type) {
	case json.Number:
		n, err := strconv.Atoi(x.String())
		return n, err == nil
	case float64:
		if x == float64(int(x)) {
			return int(x), true
		}
	case int:
		return x, true
	}
	return 0, false
}
