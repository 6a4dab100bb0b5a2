package extract

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/cnie/cnie/extract/number"
	"github.com/cnie/cnie/lexicon"
)

// MoneyExtractor finds amounts of money: a number, an optional multiplier and
// a currency word (`47.95亿元`, `8900亿美元`, `533.7亿元人民币`), with a hedge
// beside it as the qualifier. Build it with NewMoney.
type MoneyExtractor struct {
	currency map[string]string // currency word -> ISO 4217
	hedges   hedges
	re       *regexp.Regexp
}

// NewMoney builds the money extractor from lexicon/currencies.tsv and
// lexicon/hedges.tsv.
func NewMoney() (*MoneyExtractor, error) {
	rows, err := lexicon.Read("currencies.tsv", 2, 2)
	if err != nil {
		return nil, err
	}
	x := &MoneyExtractor{currency: map[string]string{}}
	var words []string
	for _, r := range rows {
		w, code := r.Fields[0], r.Fields[1]
		if len(code) != 3 || strings.ToUpper(code) != code {
			return nil, fmt.Errorf("lexicon: currencies.tsv:%d: %q is not an ISO 4217 code", r.Line, code)
		}
		if strings.HasPrefix(w, "prefix:") {
			continue // symbol prefixes come with the full amounts extractor
		}
		x.currency[w] = code
		words = append(words, w)
	}
	if x.hedges, err = loadHedges(); err != nil {
		return nil, err
	}
	x.re = regexp.MustCompile(`([+-]?[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)(万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千)?(` +
		alternation(words, regexp.QuoteMeta) + `)`)
	return x, nil
}

// Extract implements Extractor.
func (x *MoneyExtractor) Extract(d *Doc, dst []Mention) []Mention {
	for _, g := range x.re.FindAllStringSubmatchIndex(d.Text, -1) {
		start, end := g[0], g[1]
		if start > 0 {
			// A number glued to a letter or digit before it is a code or
			// a model number (`G2`), not an amount.
			if r, _ := utf8.DecodeLastRuneInString(d.Text[:start]); isASCIIAlnum(r) || r == '.' {
				continue
			}
		}
		v, ok := number.ParseDecimal(d.Text[g[2]:g[3]])
		if !ok {
			continue
		}
		if g[4] >= 0 {
			m, _ := number.Multiplier(d.Text[g[4]:g[5]])
			v = v.Mul(m)
		}
		dst = append(dst, Mention{
			Type: Money, Start: start, End: end,
			Value:     v,
			Currency:  x.currency[d.Text[g[6]:g[7]]],
			Qualifier: x.hedges.qualifier(d.Text, start, end),
		})
	}
	return dst
}

func isASCIIAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}
