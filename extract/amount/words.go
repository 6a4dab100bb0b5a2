package amount

import (
	"fmt"
	"unicode/utf8"

	tx "github.com/cnie/cnie/extract/internal/text"
	"github.com/cnie/cnie/lexicon"
)

// words are the amount rules' words of lexicon/amount_words.tsv, by role
// (see its header).
type words struct {
	indefinite, noCount, cohort, session map[string]bool
	sloganQuote                          *tx.RuneSet
}

// loadWords reads lexicon/amount_words.tsv; a slogan quote must be one
// character (an error names the line).
func loadWords() (words, error) {
	const file = "amount_words.tsv"
	rows, err := lexicon.Read(file, 2, 2)
	if err != nil {
		return words{}, err
	}
	ws := words{indefinite: map[string]bool{}, noCount: map[string]bool{}, cohort: map[string]bool{},
		session: map[string]bool{}, sloganQuote: new(tx.RuneSet)}
	for _, r := range rows {
		w, role := r.Fields[0], r.Fields[1]
		switch role {
		case "indefinite":
			ws.indefinite[w] = true
		case "no-count":
			ws.noCount[w] = true
		case "cohort":
			ws.cohort[w] = true
		case "session":
			ws.session[w] = true
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
	return ws, nil
}
