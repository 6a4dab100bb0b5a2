package number

import (
	"strings"
	"testing"
)

func TestSmallAndYear(t *testing.T) {
	for _, c := range []struct {
		in    string
		limit int
		v, n  int
		ok    bool
	}{
		{"7月", 12, 7, 1, true}, {"12日", 31, 12, 2, true}, {"123", 31, 0, 0, false}, {"13月", 12, 13, 2, false},
		{"十二月", 12, 12, len("十二"), true}, {"三十一日", 31, 31, len("三十一"), true}, {"二十三", 31, 23, len("二十三"), true},
		{"两个", 5, 2, len("两"), true}, {"零", 9, 0, 0, false}, {"壹月", 12, 0, 0, false}, {"150年前", 200, 150, 3, true},
	} {
		v, n, ok := Small(c.in, c.limit)
		if ok != c.ok || ok && (v != c.v || n != c.n) {
			t.Errorf("Small(%q, %d) = %d, %d, %v; want %d, %d, %v", c.in, c.limit, v, n, ok, c.v, c.n, c.ok)
		}
	}
	for _, c := range []struct {
		in   string
		y, n int
		ok   bool
	}{
		{"2025年", 2025, 4, true}, {"20251", 0, 0, false}, {"1899年", 0, 0, false}, {"二〇二五年", 2025, len("二〇二五"), true},
		{"二〇两五", 0, 0, false}, {"一八〇〇", 1800, len("一八〇〇"), false}, {"贰〇二五", 0, 0, false},
	} {
		y, n, ok := Year(c.in)
		if ok != c.ok || ok && (y != c.y || n != c.n) {
			t.Errorf("Year(%q) = %d, %d, %v; want %d, %d, %v", c.in, y, n, ok, c.y, c.n, c.ok)
		}
	}
	if !IsNumeral('亿') || !IsNumeral('7') || IsNumeral('壹') || IsNumeral('年') {
		t.Error("IsNumeral")
	}
}

// TestPlainDigitIsTheTableLessFinancial: PlainDigit is Scan's digit table
// without the financial forms, no more, no less.
func TestPlainDigitIsTheTableLessFinancial(t *testing.T) {
	const financial = "壹贰叁肆伍陆柒捌玖貳參陸兩"
	n := 0
	for r, v := range digits {
		got, ok := PlainDigit(r)
		if fin := strings.ContainsRune(financial, r); ok == fin || ok && int64(got) != v {
			t.Errorf("PlainDigit(%q) = %d, %v; table %d, financial %v", r, got, ok, v, fin)
		}
		if ok {
			n++
		}
	}
	if n != 12 {
		t.Errorf("%d plain digits, want 12", n)
	}
}
