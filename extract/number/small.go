package number

import "unicode/utf8"

// The small numbers of dates: years, months, days and counts of a calendar
// (二〇二五年, 十二月, 三十一日, 前三季度). They are read here, beside Scan, from
// the same table of Chinese digits, in the plain forms a date is written
// in: the financial forms (壹, 贰…) write amounts, not dates.

// PlainDigit returns the value of a plain Chinese digit (〇 零 一 二 两 三 四 五
// 六 七 八 九): the digits of Scan's table less the financial forms (壹, 贰…),
// which the tests hold it to. A switch, not the table: dates ask at every
// numeral.
func PlainDigit(r rune) (int, bool) {
	switch r {
	case '〇', '零':
		return 0, true
	case '一':
		return 1, true
	case '二', '两':
		return 2, true
	case '三':
		return 3, true
	case '四':
		return 4, true
	case '五':
		return 5, true
	case '六':
		return 6, true
	case '七':
		return 7, true
	case '八':
		return 8, true
	case '九':
		return 9, true
	}
	return 0, false
}

// IsNumeral reports a rune that may stand inside a number of a date's
// context: an Arabic digit, a plain Chinese digit, or 十 百 千 万 亿.
func IsNumeral(r rune) bool {
	switch r {
	case '十', '百', '千', '万', '亿':
		return true
	}
	_, ok := PlainDigit(r)
	return ok || r >= '0' && r <= '9'
}

// Year reads a four-digit year at the start of s: Arabic 1900-2100, not
// followed by a fifth digit, or four plain Chinese digits read one by one
// making 1900-2099 (二〇二五; 两 is no digit of a year). It returns the year
// and its length in bytes.
func Year(s string) (year, n int, ok bool) {
	if len(s) >= 4 && isArabicYear(s[:4]) && (len(s) == 4 || s[4] < '0' || s[4] > '9') {
		y := 0
		for k := 0; k < 4; k++ {
			y = y*10 + int(s[k]-'0')
		}
		return y, 4, true
	}
	y := 0
	for k := 0; k < 4; k++ {
		r, size := utf8.DecodeRuneInString(s[n:])
		d, ok := PlainDigit(r)
		if !ok || r == '两' {
			return 0, 0, false
		}
		y = y*10 + d
		n += size
	}
	return y, n, y >= 1900 && y <= 2099
}

// isArabicYear reports four ASCII digits from 1900 to 2100.
func isArabicYear(s string) bool {
	return len(s) == 4 && isDigits(s) && (s[:2] == "19" || s[:2] == "20" || s == "2100")
}

// Small reads a number from 1 to limit at the start of s: one or two Arabic
// digits (three when limit is 100 or more), not followed by another digit;
// or Chinese numerals of tens and ones (十一, 二十三, 三十一, 两). It returns
// the value and its length in bytes; ok is false out of 1..limit.
func Small(s string, limit int) (v, n int, ok bool) {
	for n < len(s) && n < 3 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n > 0 {
		if n == 3 && limit < 100 || n < len(s) && s[n] >= '0' && s[n] <= '9' {
			return 0, 0, false
		}
		for k := 0; k < n; k++ {
			v = v*10 + int(s[k]-'0')
		}
		return v, n, v >= 1 && v <= limit
	}
	tens, ones := -1, -1
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		d, digit := PlainDigit(r)
		switch {
		case r == '十' && tens < 0 && ones <= 9:
			if ones < 0 {
				ones = 1
			}
			tens, ones = ones, -1
		case ones < 0 && r != '〇' && r != '零' && digit:
			ones = d
		default:
			goto done
		}
		n += size
	}
done:
	if tens < 0 && ones < 0 {
		return 0, 0, false
	}
	if tens >= 0 {
		v = tens * 10
	}
	if ones > 0 {
		v += ones
	}
	return v, n, v >= 1 && v <= limit
}
