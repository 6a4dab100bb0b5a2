package number

import (
	"math/big"
	"strings"
	"testing"
	"time"
)

func TestScan(t *testing.T) {
	cases := []struct {
		in    string
		value string // "" for no number
		text  string // the part read
		over  bool
	}{
		{"47.95亿元", "4795000000", "47.95亿", false},
		{"533.7亿", "53370000000", "533.7亿", false},
		{"1.2万亿元", "1200000000000", "1.2万亿", false},
		{"5千万元", "50000000", "5千万", false},
		{"3千万", "30000000", "3千万", false},
		{"2.5万人", "25000", "2.5万", false},
		{"1,200家", "1200", "1,200", false},
		{"1,100.9亿元", "110090000000", "1,100.9亿", false},
		{"+12.37%", "12.37", "+12.37", false},
		{"-3%", "-3", "-3", false},
		{"三千万元", "30000000", "三千万", false},
		{"两亿", "200000000", "两亿", false},
		{"一千二百零五", "1205", "一千二百零五", false},
		{"一千零五", "1005", "一千零五", false},
		{"十五", "15", "十五", false},
		{"十", "10", "十", false},
		{"〇", "0", "〇", false},
		{"二〇二五年", "2025", "二〇二五", false},
		{"壹贰叁", "123", "壹贰叁", false},
		{"壹佰贰拾叁元", "123", "壹佰贰拾叁", false},
		{"二百五", "250", "二百五", false},
		{"一万五千", "15000", "一万五千", false},
		{"一万五", "15000", "一万五", false},
		{"一万零五", "10005", "一万零五", false},
		{"三万五千二百", "35200", "三万五千二百", false},
		{"十二点五", "12.5", "十二点五", false},
		{"一百二十点五", "120.5", "一百二十点五", false},
		{"二十点零五", "20.05", "二十点零五", false},
		{"二三十", "", "", false}, // a rough range (20 to 30), not 230
		{"三五百万", "", "", false},
		{"八十", "80", "八十", false},
		{"一百", "100", "一百", false},
		{"百", "100", "百", false},
		{"20多亿元", "2000000000", "20多亿", true},
		{"300余亿元", "30000000000", "300余亿", true},
		{"三十几万元", "300000", "三十几万", true},
		{"30余家", "30", "30余", true},
		{"十几个", "10", "十几", true},
		{"万人", "10000", "万", false},
		{"16.93万人", "169300", "16.93万", false},
		{"1万P", "10000", "1万", false},
		{"3点钟", "3", "3", false},
		{"十一亿二千万", "1120000000", "十一亿二千万", false},
		{"2.89兆元", "2890000000000", "2.89兆", false},
		{"1兆2千亿元", "1200000000000", "1兆2千亿", false},
		{"2兆3000亿元", "2300000000000", "2兆3000亿", false},
		{"两万三千亿元", "2300000000000", "两万三千亿", false},
		{"3.5万亿日元", "3500000000000", "3.5万亿", false},
		{"12亿5千万元", "1250000000", "12亿5千万", false},
		{"1万2千元", "12000", "1万2千", false},
		{"3,500万元", "35000000", "3,500万", false},
		{"一亿两千万元", "120000000", "一亿两千万", false},
		{"两千零五十万元", "20500000", "两千零五十万", false},
		{"六点五成", "6.5", "六点五", false},
		{"五十五点五", "55.5", "五十五点五", false},
		{"abc", "", "", false},
		{"", "", "", false},
		{"+", "", "", false},
		{"点五", "", "", false},
		{"千百", "", "", false},
	}
	for _, c := range cases {
		e, ok := Scan(c.in, nil)
		if c.value == "" {
			if ok {
				t.Errorf("Scan(%q) = %v (%d bytes), want no number", c.in, e.Value, e.Len)
			}
			continue
		}
		if !ok {
			t.Errorf("Scan(%q): no number, want %s", c.in, c.value)
			continue
		}
		if e.Value.String() != c.value || c.in[:e.Len] != c.text || e.Over != c.over {
			t.Errorf("Scan(%q) = %s %q over=%v, want %s %q over=%v", c.in, e.Value, c.in[:e.Len], e.Over, c.value, c.text, c.over)
		}
	}
}

func TestScanStopsBeforeUnitWords(t *testing.T) {
	in := "992万千瓦"
	stop := func(i int) bool { return strings.HasPrefix(in[i:], "千瓦") }
	e, ok := Scan(in, stop)
	if !ok || e.Value.String() != "9920000" || in[:e.Len] != "992万" {
		t.Errorf("Scan(%q) = %v %q", in, e.Value, in[:e.Len])
	}
}

func TestScanFlags(t *testing.T) {
	e, _ := Scan("万人", nil)
	if !e.Bare || !e.Multiplier {
		t.Errorf("万: bare %v multiplier %v", e.Bare, e.Multiplier)
	}
	e, _ = Scan("一个", nil)
	if e.Bare || e.Multiplier || e.Digits != "一" || e.Arabic {
		t.Errorf("一: %+v", e)
	}
	e, _ = Scan("18个", nil)
	if !e.Arabic || e.Digits != "18" {
		t.Errorf("18: %+v", e)
	}
}

// FuzzScan: no panic, Len within the input, and an Arabic number with a
// multiplier agrees with big.Rat arithmetic done separately.
func FuzzScan(f *testing.F) {
	for _, s := range []string{"47.95亿元", "一千二百零五", "1.2万亿", "三十几万", "十二点五", "二〇二五", "+3.5%", "1,200.5万"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, ok := Scan(s, nil)
		if !ok {
			return
		}
		if e.Len <= 0 || e.Len > len(s) {
			t.Fatalf("Scan(%q): Len %d", s, e.Len)
		}
		// Reference: Arabic digits then one multiplier word.
		num, l := arabic(s)
		if l == 0 || !e.Arabic {
			return
		}
		rest := s[l:]
		for _, m := range []string{"万亿", "亿", "万", "千", "百", "十"} {
			if strings.HasPrefix(rest, m) {
				after := rest[len(m):]
				if after != "" && (IsUnit([]rune(after)[0]) || IsDigit([]rune(after)[0]) || strings.ContainsRune("多余几点", []rune(after)[0])) {
					return
				}
				mv, _ := Multiplier(m)
				want := new(big.Rat).Mul(num, mv.Rat())
				if e.Value.Rat().Cmp(want) != 0 {
					t.Fatalf("Scan(%q) = %v, reference %v", s, e.Value, want.FloatString(6))
				}
				return
			}
		}
	})
}

func TestScanBoundsHostileRuns(t *testing.T) {
	for _, s := range []string{strings.Repeat("亿", 200000), strings.Repeat("1", 200000), strings.Repeat("一", 100000), strings.Repeat("十", 1000) + "元"} {
		if e, ok := Scan(s, nil); ok {
			t.Errorf("Scan(%q…) = %d bytes, want no number", s[:12], e.Len)
		}
	}
	if _, ok := Scan("一千二百三十四万五千六百七十八亿九千八百七十六万五千四百三十二", nil); !ok {
		t.Error("a long but real number was refused")
	}
}

// TestScanHostileRuns: Scan called at every position of long runs (as the
// amount scanner does when each position fails) reads a bounded prefix, so
// the whole sweep is linear. Before the bounds, 25,000 一 took 90 s.
func TestScanHostileRuns(t *testing.T) {
	for _, unit := range []string{"一", "1", "亿", "一千", "十二点五", "1,000", ",000", "1.", "0.1", "二〇"} {
		s := strings.Repeat(unit, 8000/len([]rune(unit)))
		start := time.Now()
		for i := range s {
			e, ok := Scan(s[i:], nil)
			if ok && (e.Len <= 0 || e.Len > 3*(maxDigits+maxTokens)+len("点")) {
				t.Fatalf("%q run at %d: Len %d", unit, i, e.Len)
			}
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("scanning every position of a run of %q took %v", unit, d)
		}
	}
	// Past the bounds a run is no number, however long.
	for _, s := range []string{strings.Repeat("一", 41), strings.Repeat("1", 41), "0." + strings.Repeat("1", 41), "1" + strings.Repeat(",000", 14), "十二点" + strings.Repeat("五", 41)} {
		if e, ok := Scan(s, nil); ok {
			t.Errorf("Scan(%.20q…) = %v, want no number", s, e.Value)
		}
	}
	if e, ok := Scan(strings.Repeat("1", 40), nil); !ok || e.Len != 40 {
		t.Errorf("40 digits: %v %v", e, ok)
	}
}

// TestStartRunes: every rune IsDigit or IsUnit reports, and no other, in the
// Basic Multilingual Plane.
func TestStartRunes(t *testing.T) {
	in := map[rune]bool{}
	for _, r := range StartRunes() {
		in[r] = true
	}
	for r := rune(0); r < 0x10000; r++ {
		if want := IsDigit(r) || IsUnit(r); in[r] != want {
			t.Errorf("%q: in StartRunes %v, IsDigit||IsUnit %v", r, in[r], want)
		}
	}
}

// TestDigitSwitches: IsUnit and digitRun, switches for speed, report
// exactly the runes of the units and digits tables.
func TestDigitSwitches(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		_, unit := units[r]
		_, digit := digits[r]
		if IsUnit(r) != unit || digitRun(r) != digit {
			t.Errorf("%q: IsUnit %v (table %v), digitRun %v (table %v)", r, IsUnit(r), unit, digitRun(r), digit)
		}
	}
}
