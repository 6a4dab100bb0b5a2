// Package number parses the numbers of Chinese news text into exact values.
//
// Values are rationals (math/big.Rat), never floats: `47.95亿` is exactly
// 4795000000, and a fraction such as 三分之二 keeps its exact value until it is
// written out.
package number

import (
	"math/big"
	"strconv"
	"strings"
)

// Value is an exact number. The zero value is 0.
type Value struct {
	r *big.Rat
}

// FromInt returns the Value n.
func FromInt(n int64) Value { return Value{r: new(big.Rat).SetInt64(n)} }

// FromRat returns a Value equal to r (copied).
func FromRat(r *big.Rat) Value { return Value{r: new(big.Rat).Set(r)} }

// Rat returns the value as a new big.Rat.
func (v Value) Rat() *big.Rat {
	if v.r == nil {
		return new(big.Rat)
	}
	return new(big.Rat).Set(v.r)
}

// Mul returns v × w.
func (v Value) Mul(w Value) Value {
	return Value{r: new(big.Rat).Mul(v.Rat(), w.Rat())}
}

// Neg returns −v.
func (v Value) Neg() Value { return Value{r: new(big.Rat).Neg(v.Rat())} }

// Cmp compares v and w: -1, 0 or +1.
func (v Value) Cmp(w Value) int { return v.Rat().Cmp(w.Rat()) }

// Sign returns -1, 0 or +1 as v is negative, zero or positive.
func (v Value) Sign() int {
	if v.r == nil {
		return 0
	}
	return v.r.Sign()
}

// IsZero reports whether v is 0.
func (v Value) IsZero() bool { return v.r == nil || v.r.Sign() == 0 }

// String writes v in decimal: exactly when its expansion terminates
// (4795000000, 12.37), else to 15 significant digits (66.6666666666667).
func (v Value) String() string {
	r := v.Rat()
	if r.IsInt() {
		return r.Num().String()
	}
	if n, exact := terminatingDigits(r.Denom()); exact {
		s := r.FloatString(n)
		return s
	}
	f, _ := r.Float64()
	return strconv.FormatFloat(f, 'g', 15, 64)
}

// MarshalJSON writes v as a JSON number.
func (v Value) MarshalJSON() ([]byte, error) { return []byte(v.String()), nil }

// Float64 returns the nearest float64 to v.
func (v Value) Float64() float64 {
	f, _ := v.Rat().Float64()
	return f
}

// terminatingDigits reports whether 1/d has a terminating decimal expansion,
// and how many digits after the point it needs.
func terminatingDigits(d *big.Int) (int, bool) {
	x := new(big.Int).Set(d)
	two, five := big.NewInt(2), big.NewInt(5)
	var n2, n5 int
	m := new(big.Int)
	for {
		q, r := new(big.Int).QuoRem(x, two, m)
		if r.Sign() != 0 {
			break
		}
		x, n2 = q, n2+1
	}
	for {
		q, r := new(big.Int).QuoRem(x, five, m)
		if r.Sign() != 0 {
			break
		}
		x, n5 = q, n5+1
	}
	if x.Cmp(big.NewInt(1)) != 0 {
		return 0, false
	}
	return max(n2, n5), true
}

// Multipliers maps each multiplier word to its value. Multi-character ones
// (万亿) come before their parts when matched longest-first.
var multipliers = map[string]int64{
	"十":  10,
	"百":  100,
	"千":  1000,
	"万":  10000,
	"亿":  100000000,
	"万亿": 1000000000000,
	"千万": 10000000,
	"百万": 1000000,
	"十万": 100000,
	"千亿": 100000000000,
	"百亿": 10000000000,
	"十亿": 1000000000,
	"兆":  1000000000000,
}

// Multiplier returns the value of a multiplier word (十 百 千 万 亿 兆 万亿 and
// their compounds such as 千万), and whether s is one.
func Multiplier(s string) (Value, bool) {
	n, ok := multipliers[s]
	if !ok {
		return Value{}, false
	}
	return FromInt(n), true
}

// ParseDecimal parses an Arabic number as news writes it: digits with an
// optional sign, decimal point and thousands separators (`1,100.9`). It
// reports false for anything else.
func ParseDecimal(s string) (Value, bool) {
	s = strings.ReplaceAll(s, ",", "")
	if s == "" || strings.HasPrefix(s, ".") || strings.HasSuffix(s, ".") {
		return Value{}, false
	}
	body := strings.TrimLeft(s, "+-")
	if len(s)-len(body) > 1 || body == "" {
		return Value{}, false
	}
	dots := 0
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == '.' {
			dots++
			continue
		}
		if c < '0' || c > '9' {
			return Value{}, false
		}
	}
	if dots > 1 {
		return Value{}, false
	}
	r, ok := new(big.Rat).SetString(strings.TrimPrefix(s, "+"))
	if !ok {
		return Value{}, false
	}
	return Value{r: r}, true
}

// UnmarshalJSON reads a JSON number (or a numeric string) exactly.
func (v *Value) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return &strconv.NumError{Func: "number.Value.UnmarshalJSON", Num: s, Err: strconv.ErrSyntax}
	}
	v.r = r
	return nil
}
