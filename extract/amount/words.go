package amount

import (
	"fmt"
	"strings"
	"unicode/utf8"

	tx "github.com/cnie/cnie/extract/internal/text"
	"github.com/cnie/cnie/extract/number"
	"github.com/cnie/cnie/lexicon"
)

// words are the amount rules' words of lexicon/amount_words.tsv, by role
// (see its header).
type words struct {
	indefinite, noCount, cohort, session map[string]bool
	sloganQuote                          *tx.RuneSet
	// negative signs a percentage unless a negativeNot character stands
	// before it; compoundJoin joins the parts of a compound amount;
	// indexPoint and ratePercent are unit words of the index and rate rules.
	negative, negativeNot, compoundJoin, indexPoint, ratePercent map[string]bool
	// negativeLast holds the last characters of the negative words.
	negativeLast *tx.RuneSet
	// priceCue holds the words that make a colloquial 块 or 毛 money.
	priceCue tx.WordSet
}

// loadWords reads lexicon/amount_words.tsv; a slogan quote must be one
// character (an error names the line).
func loadWords(lx *lexicon.Set) (words, error) {
	const file = "amount_words.tsv"
	rows, err := lx.Read(file, 2, 2)
	if err != nil {
		return words{}, err
	}
	ws := words{indefinite: map[string]bool{}, noCount: map[string]bool{}, cohort: map[string]bool{},
		session: map[string]bool{}, sloganQuote: new(tx.RuneSet),
		negative: map[string]bool{}, negativeNot: map[string]bool{}, compoundJoin: map[string]bool{},
		indexPoint: map[string]bool{}, ratePercent: map[string]bool{}, negativeLast: new(tx.RuneSet)}
	var cues []string
	for _, r := range rows {
		w, role := r.Fields[0], r.Fields[1]
		switch role {
		case "price-cue":
			cues = append(cues, w)
		case "indefinite":
			ws.indefinite[w] = true
		case "no-count":
			ws.noCount[w] = true
		case "cohort":
			ws.cohort[w] = true
		case "session":
			ws.session[w] = true
		case "negative":
			ws.negative[w] = true
			ws.negativeLast.Add(tx.LastRune(w))
		case "negative-not":
			ws.negativeNot[w] = true
		case "compound-join":
			ws.compoundJoin[w] = true
		case "index-point":
			ws.indexPoint[w] = true
		case "rate-percent":
			ws.ratePercent[w] = true
		case "slogan-quote":
			c, size := utf8.DecodeRuneInString(w)
			if size != len(w) {
				return words{}, fmt.Errorf("lexicon: %s:%d: a slogan-quote is one character, not %q", file, r.Line, w)
			}
			ws.sloganQuote.Add(c)
		default: // lexicon.Read has checked the role
			return words{}, fmt.Errorf("lexicon: %s:%d: role %q has no rule", file, r.Line, role)
		}
	}
	if ws.priceCue, err = tx.NewWordSet(cues); err != nil {
		return words{}, fmt.Errorf("lexicon: %s: %w", file, err)
	}
	return ws, nil
}

// moneyUnit is a word of lexicon/money_units.tsv.
type moneyUnit struct {
	currency string       // ISO 4217, or "" for the article's own (a bare 元)
	value    number.Value // one of it in units of the currency
	use      string       // alone, no-noun or compound
}

// loadMoneyUnits reads lexicon/money_units.tsv and
// lexicon/locale_currencies.tsv: the colloquial and subunit money words,
// and the currency of a bare 元 by locale.
func loadMoneyUnits(lx *lexicon.Set) (map[string]moneyUnit, map[string]string, error) {
	rows, err := lx.Read("money_units.tsv", 4, 4)
	if err != nil {
		return nil, nil, err
	}
	units := map[string]moneyUnit{}
	for _, r := range rows {
		w, code, val, use := r.Fields[0], r.Fields[1], r.Fields[2], r.Fields[3]
		v, ok := number.ParseDecimal(val)
		if !ok || v.Cmp(number.FromInt(0)) <= 0 {
			return nil, nil, fmt.Errorf("lexicon: money_units.tsv:%d: value %q is not a positive decimal", r.Line, val)
		}
		if code == "local" {
			code = ""
		} else if len(code) != 3 || strings.ToUpper(code) != code {
			return nil, nil, fmt.Errorf("lexicon: money_units.tsv:%d: %q is neither local nor an ISO 4217 code", r.Line, code)
		}
		if _, dup := units[w]; dup {
			return nil, nil, fmt.Errorf("lexicon: money_units.tsv:%d: %q is listed twice", r.Line, w)
		}
		units[w] = moneyUnit{currency: code, value: v, use: use}
	}
	if rows, err = lx.Read("locale_currencies.tsv", 2, 2); err != nil {
		return nil, nil, err
	}
	local := map[string]string{}
	for _, r := range rows {
		if code := r.Fields[1]; len(code) != 3 || strings.ToUpper(code) != code {
			return nil, nil, fmt.Errorf("lexicon: locale_currencies.tsv:%d: %q is not an ISO 4217 code", r.Line, code)
		}
		local[r.Fields[0]] = r.Fields[1]
	}
	if local["CN"] == "" {
		return nil, nil, fmt.Errorf("lexicon: locale_currencies.tsv: no currency for CN, the default")
	}
	return units, local, nil
}
