package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

var bom = []byte("\uFEFF")

// decode turns the bytes of a text into a string: UTF-8 as it is (a leading
// byte-order mark dropped), and text from older systems in GB18030 (a
// superset of GBK and GB2312) decoded line by line, so that a file mixing
// the two still reads. Binary data, and bytes that are neither, are an
// error.
func decode(b []byte) (string, error) {
	b = bytes.TrimPrefix(b, bom)
	if bytes.IndexByte(b, 0) >= 0 {
		return "", errors.New("binary data (NUL bytes)")
	}
	if utf8.Valid(b) {
		return string(b), nil
	}
	var out bytes.Buffer
	out.Grow(len(b) * 3 / 2)
	line := 1
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		chunk := b
		if i >= 0 {
			chunk = b[:i+1]
		}
		b = b[len(chunk):]
		if utf8.Valid(chunk) {
			out.Write(chunk)
		} else if s, ok := fromGB18030(chunk); ok {
			out.WriteString(s)
		} else {
			if line == 1 && len(b) == 0 {
				return "", errors.New("neither UTF-8 nor GB18030 text")
			}
			return "", fmt.Errorf("line %d is neither UTF-8 nor GB18030 text", line)
		}
		line++
	}
	return out.String(), nil
}

// fromGB18030 decodes b as GB18030 and reports whether the result looks like
// text: GB18030 maps almost any byte sequence to some characters, so the
// decoded text must be made of the characters news uses (CJK ideographs and
// punctuation, ASCII, full-width forms, common symbols), not a scatter of
// rare ones and replacement characters.
func fromGB18030(b []byte) (string, bool) {
	d, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil {
		return "", false
	}
	s := string(d)
	var total, odd int
	for _, r := range s {
		total++
		if r == utf8.RuneError || !plausible(r) {
			odd++
		}
	}
	return s, total > 0 && odd*50 <= total // at most 2% odd characters
}

func plausible(r rune) bool {
	switch {
	case r < 0x80:
		return r >= 0x20 || r == '\n' || r == '\r' || r == '\t'
	case r >= 0x4E00 && r <= 0x9FFF, // CJK unified ideographs
		r >= 0x3000 && r <= 0x303F, // CJK symbols and punctuation
		r >= 0xFF00 && r <= 0xFFEF, // full-width forms
		r >= 0x2000 && r <= 0x206F, // general punctuation (“ ” — …)
		r >= 0x00A0 && r <= 0x00FF, // Latin-1 (· × ÷ °)
		r >= 0x2150 && r <= 0x22FF, // number forms, arrows, maths
		r >= 0x2460 && r <= 0x24FF, // enclosed numbers ①
		r >= 0x2500 && r <= 0x25FF, // box drawing, shapes ▶ ■
		r >= 0x3400 && r <= 0x4DBF: // CJK extension A
		return true
	}
	return unicode.IsLetter(r) && r < 0x0530 // Greek, Cyrillic
}
