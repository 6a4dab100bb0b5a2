package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// WriteText writes the report as a table, as score.py prints it, followed by
// up to showErrors errors with their context in the gold text.
func (r *Report) WriteText(w io.Writer, gold Set, showErrors int) {
	all := 0
	for _, t := range r.Types {
		all += r.ByType[t].Gold
	}
	fmt.Fprintf(w, "docs %d (no prediction for %d), gold mentions %d\n", r.Docs, r.MissingDocs, all)
	fmt.Fprintf(w, "%-9s %5s %8s %8s %8s %7s %7s %7s %10s\n", "type", "gold", "strictP", "strictR", "strictF1", "lenF1", "valAcc", "valF1", "qual/grain")
	for _, t := range r.Types {
		c := r.ByType[t]
		s := c.Strict()
		d := ""
		if acc, ok := c.DetailAcc(); ok {
			d = fmt.Sprintf("%.3f", acc)
		}
		fmt.Fprintf(w, "%-9s %5d %8.3f %8.3f %8.3f %7.3f %7.3f %7.3f %10s\n", t, c.Gold, s.P, s.R, s.F1, c.Lenient().F1, c.ValueAcc(), c.ValueF1(), d)
	}
	sf, vf := r.Micro()
	fmt.Fprintf(w, "micro strict F1 %.3f   micro value F1 %.3f\n", sf, vf)
	for _, t := range []string{"org", "country"} {
		if s := r.DocSets[t]; s != nil {
			p := s.PRF()
			fmt.Fprintf(w, "doc-level %s set: P %.3f R %.3f F1 %.3f\n", t, p.P, p.R, p.F1)
		}
	}
	if showErrors <= 0 || len(r.Errors) == 0 {
		return
	}
	fmt.Fprintf(w, "\nerrors (%d of %d):\n", min(showErrors, len(r.Errors)), len(r.Errors))
	for _, e := range r.Errors[:min(showErrors, len(r.Errors))] {
		fmt.Fprintf(w, "  %s %-8s %-8s %s %s%s%s\n", e.DocID, e.Type, e.Kind, brief(e.Gold), brief(e.Pred), e.extra(), e.rule())
		if d := gold[e.DocID]; d != nil && d.Text != "" {
			m := e.Gold
			if m == nil {
				m = e.Pred
			}
			if s, end, ok := m.span(); ok {
				fmt.Fprintf(w, "      … %s …\n", context(d.Text, s, end, 12))
			}
		}
	}
}

func brief(m Mention) string {
	if m == nil {
		return "-"
	}
	s, _ := intField(m["start"])
	return strconv.Quote(m.str("text")) + "@" + strconv.Itoa(s)
}

// valueFields are what an error line shows of a value: every field but the
// span.
func valueFields(m Mention) string {
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
	b, _ := json.Marshal(o)
	return string(b)
}

func (e Error) extra() string {
	if e.Kind != "value" {
		return ""
	}
	return " gold=" + valueFields(e.Gold) + " pred=" + valueFields(e.Pred)
}

// rule names the rule behind a spurious or wrong prediction (records of
// `cnie run --explain` carry it), so that an error line leads to the rule
// to change.
func (e Error) rule() string {
	if e.Pred == nil || e.Pred.str("rule") == "" {
		return ""
	}
	return " rule=" + e.Pred.str("rule")
}

// context shows text[start:end] in brackets with n code points either side,
// line breaks shown as ⏎.
func context(text string, start, end, n int) string {
	rs := []rune(text)
	if start < 0 || end > len(rs) || start > end {
		return ""
	}
	from, to := max(0, start-n), min(len(rs), end+n)
	s := string(rs[from:start]) + "[" + string(rs[start:end]) + "]" + string(rs[end:to])
	return strings.NewReplacer("\r\n", "⏎", "\n", "⏎", "\r", "⏎").Replace(s)
}

// JSON returns the report's figures in the shape of score.py --json.
func (r *Report) JSON() map[string]any {
	types := map[string]any{}
	for _, t := range r.Types {
		c := r.ByType[t]
		s, l := c.Strict(), c.Lenient()
		var detail any
		if acc, ok := c.DetailAcc(); ok {
			detail = acc
		}
		types[t] = map[string]any{
			"gold": c.Gold, "strict_p": s.P, "strict_r": s.R, "strict_f1": s.F1,
			"lenient_p": l.P, "lenient_r": l.R, "lenient_f1": l.F1,
			"value_acc": c.ValueAcc(), "value_f1": c.ValueF1(), "detail_acc": detail,
		}
	}
	sets := map[string]any{}
	for t, s := range r.DocSets {
		p := s.PRF()
		sets[t] = map[string]any{"p": p.P, "r": p.R, "f1": p.F1}
	}
	sf, vf := r.Micro()
	return map[string]any{
		"docs": r.Docs, "missing_docs": r.MissingDocs, "types": types, "doc_sets": sets,
		"micro_strict_f1": sf, "micro_value_f1": vf,
	}
}

// Floor is a minimum for one figure: Metric ("strict", "lenient", "value",
// "docset") of Type (an entity type, or "micro" for strict and value).
type Floor struct {
	Metric, Type string
	Min          float64
}

// ParseFloors reads a list such as
// "value:money=0.96,strict:org=0.85,docset:country=0.98".
func ParseFloors(s string) ([]Floor, error) {
	var out []Floor
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		key, val, ok := strings.Cut(item, "=")
		metric, typ, ok2 := strings.Cut(key, ":")
		if !ok || !ok2 {
			return nil, fmt.Errorf("floor %q: want METRIC:TYPE=MIN", item)
		}
		min, err := strconv.ParseFloat(val, 64)
		if err != nil || min < 0 || min > 1 {
			return nil, fmt.Errorf("floor %q: minimum must be a number from 0 to 1", item)
		}
		f := Floor{Metric: metric, Type: typ, Min: min}
		if _, err := f.valueIn(nil); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// valueIn returns the floor's figure in r (nil r only checks the floor).
func (f Floor) valueIn(r *Report) (float64, error) {
	known := f.Type == "micro"
	for _, t := range Types {
		known = known || t == f.Type
	}
	if !known {
		return 0, fmt.Errorf("floor %s:%s: unknown type %q", f.Metric, f.Type, f.Type)
	}
	switch {
	case f.Type == "micro" && f.Metric != "strict" && f.Metric != "value":
		return 0, fmt.Errorf("floor %s:micro: only strict and value have a micro figure", f.Metric)
	case f.Metric == "docset" && f.Type != "org" && f.Type != "country":
		return 0, fmt.Errorf("floor docset:%s: document sets are scored for org and country only", f.Type)
	}
	switch f.Metric {
	case "strict", "lenient", "value", "docset":
	default:
		return 0, fmt.Errorf("floor %s:%s: unknown metric %q (strict, lenient, value, docset)", f.Metric, f.Type, f.Metric)
	}
	if r == nil {
		return 0, nil
	}
	if f.Type == "micro" {
		s, v := r.Micro()
		if f.Metric == "strict" {
			return s, nil
		}
		return v, nil
	}
	if f.Metric == "docset" {
		s := r.DocSets[f.Type]
		if s == nil {
			return 0, fmt.Errorf("floor docset:%s: type not scored", f.Type)
		}
		return s.PRF().F1, nil
	}
	c := r.ByType[f.Type]
	if c == nil {
		return 0, fmt.Errorf("floor %s:%s: type not scored", f.Metric, f.Type)
	}
	switch f.Metric {
	case "strict":
		return c.Strict().F1, nil
	case "lenient":
		return c.Lenient().F1, nil
	}
	return c.ValueF1(), nil
}

// Check returns a line for every floor the report falls below; none means
// every floor holds.
func (r *Report) Check(floors []Floor) []string {
	var out []string
	for _, f := range floors {
		v, err := f.valueIn(r)
		if err != nil {
			out = append(out, err.Error())
			continue
		}
		if v+1e-12 < f.Min {
			out = append(out, fmt.Sprintf("%s:%s = %.4f, below the floor %.4f", f.Metric, f.Type, v, f.Min))
		}
	}
	return out
}
