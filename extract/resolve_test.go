package extract

import (
	"slices"
	"testing"
)

func TestResolve(t *testing.T) {
	m := func(ty Type, s, e int) Mention { return Mention{Type: ty, Start: s, End: e} }
	cases := []struct {
		name     string
		in, want []Mention
	}{
		{"longest wins within a type",
			[]Mention{m(Org, 0, 4), m(Org, 0, 10), m(Org, 6, 12)},
			[]Mention{m(Org, 0, 10)}},
		{"leftmost wins a tie",
			[]Mention{m(Money, 5, 9), m(Money, 3, 7)},
			[]Mention{m(Money, 3, 7)}},
		{"quantity inside percent is dropped",
			[]Mention{m(Quantity, 10, 15), m(Percent, 10, 25)},
			[]Mention{m(Percent, 10, 25)}},
		{"quantity overlapping a date is dropped",
			[]Mention{m(Date, 0, 7), m(Quantity, 5, 9)},
			[]Mention{m(Date, 0, 7)}},
		{"country inside org stays",
			[]Mention{m(Country, 0, 9), m(Org, 0, 30)},
			[]Mention{m(Org, 0, 30), m(Country, 0, 9)}},
		{"sorted by start, then longer first, then type",
			[]Mention{m(Org, 20, 26), m(Date, 0, 3), m(Country, 0, 3), m(Quantity, 30, 33)},
			[]Mention{m(Country, 0, 3), m(Date, 0, 3), m(Org, 20, 26), m(Quantity, 30, 33)}},
		{"empty", nil, nil},
	}
	for _, c := range cases {
		got := Resolve(slices.Clone(c.in))
		if !slices.EqualFunc(got, c.want, func(a, b Mention) bool {
			return a.Type == b.Type && a.Start == b.Start && a.End == b.End
		}) {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}
