package date

import (
	"regexp"
	"strings"
	"unicode/utf8"

	tx "github.com/cnie/cnie/extract/internal/text"
	"github.com/cnie/cnie/extract/number"
)

var numericDateRe = regexp.MustCompile(`^((?:19|20)[0-9]{2})([-/.])([0-9]{1,2})([-/.])([0-9]{1,2})(?:[^0-9]|$)`)

// numericDate reads 2025-08-29, 2025/8/29 or 2025.8.29, not inside a longer
// run of digits.
func numericDate(text string, i int) (point, int, bool) {
	if i >= len(text) || text[i] != '1' && text[i] != '2' {
		return point{}, 0, false
	}
	// A numeric date is at most 10 bytes and the character after it; a
	// bounded window keeps the regexp from scanning the rest of the text.
	s := text[i:min(len(text), i+16)]
	m := numericDateRe.FindStringSubmatchIndex(s)
	if m == nil {
		return point{}, 0, false
	}
	if s[m[4]:m[5]] != s[m[8]:m[9]] {
		return point{}, 0, false // 2025-8/29
	}
	y, _, _ := number.Year(s[m[2]:m[3]])
	mo, _, okm := number.Small(s[m[6]:m[7]], 12)
	dd, _, okd := number.Small(s[m[10]:m[11]], 31)
	if !okm || !okd {
		return point{}, 0, false
	}
	return point{kind: kDay, abs: true, year: y, a: mo, b: dd, rule: &rNumeric}, i + m[11], true
}

// bareYear reads a year written without 年 before a name (2023上合组织产业链
// 论坛, 2024京津产业握手活动): four digits from 1900 to 2099 followed by a CJK
// character that is not a unit, multiplier or date word.
func bareYear(x *Extractor, text string, i int) (int, int, bool) {
	s := text[i:]
	if len(s) < 5 || !tx.IsYear(s[:4]) || (len(s) > 4 && s[4] >= '0' && s[4] <= '9') {
		return 0, 0, false
	}
	r, _ := utf8.DecodeRuneInString(s[4:])
	if !tx.IsCJKRune(r) || strings.ContainsRune("年月日号多余几十百千万亿", r) || x.amountWords.Longest(s[4:]) != "" {
		return 0, 0, false
	}
	y, _, _ := number.Year(s[:4])
	return y, 4, true
}

// plan reads a Chinese five-year-plan period: “十四五” (2021-2025), 十五五
// (2026-2030), in quotes or before 规划/时期/期间/以来, and “十四五”前四年.
func (x *Extractor) plan(text string, i int) (point, int, bool) {
	s := text[i:]
	if r := tx.FirstRune(s); !number.IsNumeral(r) && r != '“' && r != '"' && r != '‘' && r != '「' {
		return point{}, 0, false // neither a quote nor a numeral: number.Small below reads nothing
	}
	open := ""
	for _, q := range []string{"“", "\"", "‘", "「"} {
		if strings.HasPrefix(s, q) {
			open = q
			break
		}
	}
	body := s[len(open):]
	k, n, ok := number.Small(body, 20)
	if !ok || k < 3 || !strings.HasPrefix(body[n:], "五") {
		return point{}, 0, false
	}
	end := len(open) + n + len("五")
	if open != "" {
		closeQ := map[string]string{"“": "”", "\"": "\"", "‘": "’", "「": "」"}[open]
		if !strings.HasPrefix(s[end:], closeQ) {
			return point{}, 0, false
		}
		end += len(closeQ)
	} else {
		ok := false
		for _, w := range x.words.planAfter {
			ok = ok || strings.HasPrefix(s[end:], w)
		}
		if !ok {
			return point{}, 0, false
		}
	}
	first := 1956 + 5*(k-1)
	p := point{kind: kPlan, abs: true, year: first, a: 5}
	// “十五五”开局之年 is its first year, “十四五”收官之年 its last.
	switch {
	case strings.HasPrefix(s[end:], "开局之年"):
		p.a, end = 1, end+len("开局之年")
	case strings.HasPrefix(s[end:], "收官之年"):
		p.year, p.a, end = first+4, 1, end+len("收官之年")
	}
	if p.a == 5 && strings.HasPrefix(s[end:], "前") {
		if m, l, ok := number.Small(s[end+len("前"):], 5); ok && strings.HasPrefix(s[end+len("前")+l:], "年") {
			p.a = m
			end += len("前") + l + len("年")
		}
	}
	p.rule = &rPlan
	return p, i + end, true
}
