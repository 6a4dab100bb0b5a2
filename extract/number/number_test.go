package number

import (
	"encoding/json"
	"math/big"
	"testing"
)

func TestParseDecimal(t *testing.T) {
	cases := []struct {
		in   string
		want string // "" for not a number
	}{
		{"47.95", "47.95"},
		{"1,100.9", "1100.9"},
		{"+12.37", "12.37"},
		{"-3", "-3"},
		{"0", "0"},
		{"007", "7"},
		{"1.2.3", ""},
		{".5", ""},
		{"5.", ""},
		{"", ""},
		{"+-1", ""},
		{"12a", ""},
		{"1e5", ""},
	}
	for _, c := range cases {
		v, ok := ParseDecimal(c.in)
		if c.want == "" {
			if ok {
				t.Errorf("ParseDecimal(%q) = %v, want no number", c.in, v)
			}
			continue
		}
		if !ok || v.String() != c.want {
			t.Errorf("ParseDecimal(%q) = %v, %v; want %s", c.in, v, ok, c.want)
		}
	}
}

func TestExactMultiply(t *testing.T) {
	cases := []struct{ num, mult, want string }{
		{"47.95", "亿", "4795000000"},
		{"533.7", "亿", "53370000000"},
		{"111.555", "亿", "11155500000"},
		{"1.2", "万亿", "1200000000000"},
		{"0.1", "万", "1000"},
		{"3", "千万", "30000000"},
	}
	for _, c := range cases {
		v, _ := ParseDecimal(c.num)
		m, ok := Multiplier(c.mult)
		if !ok {
			t.Fatalf("Multiplier(%q) unknown", c.mult)
		}
		if got := v.Mul(m).String(); got != c.want {
			t.Errorf("%s%s = %s, want %s", c.num, c.mult, got, c.want)
		}
	}
}

func TestString(t *testing.T) {
	cases := []struct {
		r    *big.Rat
		want string
	}{
		{big.NewRat(200, 3), "66.6666666666667"},
		{big.NewRat(25, 1), "25"},
		{big.NewRat(1, 8), "0.125"},
		{big.NewRat(-7, 2), "-3.5"},
	}
	for _, c := range cases {
		if got := FromRat(c.r).String(); got != c.want {
			t.Errorf("%v: String() = %s, want %s", c.r, got, c.want)
		}
	}
	var zero Value
	b, err := json.Marshal(struct{ V Value }{zero})
	if err != nil || string(b) != `{"V":0}` {
		t.Errorf("zero Value marshals as %s, %v", b, err)
	}
}
