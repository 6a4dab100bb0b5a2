package normalize

import (
	"strings"
	"testing"
)

func TestNew(t *testing.T) {
	cases := []struct {
		raw, want string
	}{
		{"", ""},
		{"上海合作组\n织", "上海合作组织"},
		{"京津冀国家高新区联\n\n盟", "京津冀国家高新区联盟"},
		{"2024 年", "2024年"},
		{"111.555 亿元", "111.555亿元"},
		{"投资额 8.5 亿元;", "投资额8.5亿元;"},
		{"阿联酋 Sun 公司", "阿联酋Sun公司"},
		{"Connor okex官方网站", "Connor okex官方网站"},
		{"2025-08-29 6 0", "2025-08-29 6 0"},
		{"市场。\n\n4月9日", "市场。\n\n4月9日"},
		{"“走出去”\n服务联盟", "“走出去”服务联盟"},
		{"１２３％，ＡＢＣ（一）", "123%,ABC(一)"},
		{"中\u3000国", "中国"},
		{"  前导空白", "  前导空白"},
		{"末尾空白  ", "末尾空白  "},
		{"a\r\nb", "a\r\nb"},
	}
	for _, c := range cases {
		v := New(c.raw)
		if v.Text != c.want {
			t.Errorf("New(%q).Text = %q, want %q", c.raw, v.Text, c.want)
		}
		if got, want := v.RawLen(), len([]rune(c.raw)); got != want {
			t.Errorf("New(%q).RawLen() = %d, want %d", c.raw, got, want)
		}
	}
}

func TestSpan(t *testing.T) {
	cases := []struct {
		raw, find, wantRaw string
	}{
		{"在上海合作组\n织成员国", "上海合作组织", "上海合作组\n织"},
		{"总投资额 111.555 亿元。", "111.555亿元", "111.555 亿元"},
		{"京津冀国家高新区联\n\n盟 2024 年年会", "2024年", "2024 年"},
		{"京津冀国家高新区联\n\n盟 2024 年年会", "联盟", "联\n\n盟"},
		{"全角１２％增长", "12%", "１２％"},
		{"中\n国", "中国", "中\n国"},
	}
	for _, c := range cases {
		v := New(c.raw)
		i := strings.Index(v.Text, c.find)
		if i < 0 {
			t.Errorf("%q: view %q lacks %q", c.raw, v.Text, c.find)
			continue
		}
		rs, re := v.Span(i, i+len(c.find))
		if got := string([]rune(c.raw)[rs:re]); got != c.wantRaw {
			t.Errorf("%q: Span(%q) = raw %q, want %q", c.raw, c.find, got, c.wantRaw)
		}
	}
}

func TestSpanEveryRune(t *testing.T) {
	// Every view rune maps to a raw rune that is the same after folding.
	raw := "　京津冀 协同\n\n发展，ＡＩ 2024 年\r\n末。\n\n"
	v := New(raw)
	rr := []rune(raw)
	for i, r := range v.Text {
		rs, re := v.Span(i, i+len(string(r)))
		if re != rs+1 {
			t.Fatalf("rune %q at %d maps to %d runes", r, i, re-rs)
		}
		if fold(rr[rs]) != r {
			t.Errorf("rune %q at %d maps to raw %q", r, i, rr[rs])
		}
	}
}
