// Package extract finds the entity mentions of one article: money,
// percentages, quantities, dates, organisations and countries.
//
// Every extractor implements Extractor: it reads a Doc (the normalised text,
// its segmentation and the reference date) and appends Mentions whose offsets
// are byte offsets into Doc.Text, each naming the Rule that found it.
// Resolve then settles overlaps. The extractors live in their own packages
// (amount, date, country, org; numerals in number), each listing its rules
// in its rules.go beside a table of examples (testdata/examples.tsv) that is
// its test suite, negatives included.
package extract

import (
	"sort"
	"time"

	"github.com/cnie/cnie/extract/number"
	"github.com/cnie/cnie/segment"
)

// Type is an entity type.
type Type string

// The entity types, as the records write them.
const (
	Money    Type = "money"
	Percent  Type = "percent"
	Quantity Type = "quantity"
	Date     Type = "date"
	Org      Type = "org"
	Country  Type = "country"
)

// Types lists every entity type in the order records and reports use.
var Types = []Type{Money, Percent, Quantity, Date, Org, Country}

// Qualifiers of an amount: a hedge beside the number.
const (
	Approx = "approx" // 约, 大约, 左右, 上下
	Over   = "over"   // 超过, 逾, 以上, 多, 余, 至少
	Under  = "under"  // 近, 不到, 以下, 最多
)

// Doc is what every extractor reads: one article's normalised text, its
// words, and the date relative expressions count from.
type Doc struct {
	// Text is the normalised text (see package normalize).
	Text string
	// Tokens is the segmentation of Text; offsets are bytes into Text.
	Tokens []segment.Token
	// Ref is the reference date (UTC midnight), or the zero time if the
	// article has none.
	Ref time.Time
	// Locale is where the article reports from: CN, HK, TW, MO, SG or MY
	// (lexicon.Locales), or "" when neither the input nor the text tells.
	// It decides what the text leaves to its place: the currency of a bare
	// 元, ROC years, the fiscal year, 国庆, and the canonical of a body whose
	// short name several places use.
	Locale string
}

// Boundary reports whether byte i of Text is a word boundary of the
// segmentation: the start or end of the text, or where a token starts.
// Without tokens every position is a boundary.
func (d *Doc) Boundary(i int) bool {
	if len(d.Tokens) == 0 || i <= 0 || i >= len(d.Text) {
		return true
	}
	k := d.TokenAt(i)
	return k >= 0 && d.Tokens[k].Start == i
}

// TokenAt returns the index of the token that holds byte i of Text, or -1
// (no tokens, or i out of range). It takes logarithmic time.
func (d *Doc) TokenAt(i int) int {
	k := sort.Search(len(d.Tokens), func(k int) bool { return d.Tokens[k].End > i })
	if k < len(d.Tokens) && d.Tokens[k].Start <= i {
		return k
	}
	return -1
}

// HasRef reports whether the document has a reference date.
func (d *Doc) HasRef() bool { return !d.Ref.IsZero() }

// Mention is one entity mention found in a Doc.
type Mention struct {
	Type Type
	// Start and End are byte offsets into Doc.Text, End exclusive.
	Start, End int

	// Amounts (money, percent, quantity).
	Value     number.Value
	Currency  string // money: ISO 4217
	Unit      string // percent: "percent" or "point"; quantity: the unit as written
	Qualifier string // Approx, Over, Under or ""

	// Dates: inclusive calendar days, zero when unresolved, and the grain.
	StartDate, EndDate time.Time
	Grain              string

	// Organisations: the canonical full name.
	Canonical string
	// Countries: the ISO 3166-1 alpha-2 code and the standard short name.
	Code, Name string

	// ID is the user's own key of the entity (the id column of a user's
	// organisation list, see lexicon.Load), "" if none.
	ID string
	// Attrs are the fields of a user-defined type (x-…): the named groups
	// of the user's pattern rule (package extract/user).
	Attrs map[string]string

	// Rule is the name of the rule that found the mention (see Rule).
	Rule string
}

// Len is the length of the mention's span in bytes of Doc.Text.
func (m *Mention) Len() int { return m.End - m.Start }

// Overlaps reports whether two mentions share at least one byte.
func (m *Mention) Overlaps(o *Mention) bool { return m.Start < o.End && o.Start < m.End }

// Extractor finds the mentions of one kind in a document.
type Extractor interface {
	// Extract appends the mentions it finds in d to dst and returns dst.
	// It must not keep d or dst after it returns.
	Extract(d *Doc, dst []Mention) []Mention
}
