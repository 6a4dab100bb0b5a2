package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

var bom = []byte("\uFEFF")

// A legacy encoding of Chinese text that decode recognises.
type legacy struct {
	name string
	enc  encoding.Encoding
}

var (
	encGB18030 = legacy{"GB18030", simplifiedchinese.GB18030}
	// Big5 as the WHATWG encoding standard defines it: Big5 with the
	// Hong Kong Supplementary Character Set (Big5-HKSCS), which is also
	// what Taiwanese Big5 (code page 950) text decodes correctly with.
	encBig5 = legacy{"Big5", traditionalchinese.Big5}
)

// decode turns the bytes of a text into a string: UTF-8 as it is (a leading
// byte-order mark dropped), and text from older systems in GB18030 (a
// superset of GBK and GB2312) or Big5 (Big5-HKSCS) decoded line by line, so
// that a file mixing UTF-8 with one of them still reads. Which of the two
// legacy encodings a file is in is decided once for the file (see
// chooseLegacy).
//
// A byte that none of these can read is replaced by U+FFFD, one code point
// per byte so that offsets stay well defined, and counted in replaced. Data
// that is mostly not text (NUL bytes, or invalid bytes over a quarter of the
// non-ASCII bytes and over one in twenty of all bytes) is an error.
//
// The text may share b's memory (valid UTF-8 is not copied): b must not be
// changed afterwards.
func decode(b []byte) (text string, replaced int, err error) {
	b = bytes.TrimPrefix(b, bom)
	if bytes.IndexByte(b, 0) >= 0 {
		return "", 0, errors.New("binary data (NUL bytes)")
	}
	if utf8.Valid(b) {
		if len(b) == 0 {
			return "", 0, nil
		}
		return unsafe.String(&b[0], len(b)), 0, nil
	}
	first := chooseLegacy(b)
	second := encBig5
	if first == encBig5 {
		second = encGB18030
	}
	var out bytes.Buffer
	out.Grow(len(b) * 3 / 2)
	for rest := b; len(rest) > 0; {
		chunk := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			chunk = rest[:i+1]
		}
		rest = rest[len(chunk):]
		switch {
		case utf8.Valid(chunk):
			out.Write(chunk)
		case mostlyUTF8(chunk):
			replaced += appendReplacing(&out, chunk)
		default:
			if s, ok := first.decode(chunk); ok {
				out.WriteString(s)
			} else if s, ok := second.decode(chunk); ok {
				out.WriteString(s)
			} else {
				replaced += appendReplacing(&out, chunk)
			}
		}
	}
	if replaced > 0 {
		nonASCII := 0
		for _, c := range b {
			if c >= utf8.RuneSelf {
				nonASCII++
			}
		}
		if replaced*4 > nonASCII && replaced*20 > len(b) {
			return "", 0, fmt.Errorf("not text: %d of its %d bytes are neither UTF-8, GB18030 nor Big5", replaced, len(b))
		}
	}
	return out.String(), replaced, nil
}

// mostlyUTF8 reports whether b, which is not valid UTF-8, is UTF-8 text
// with a few damaged bytes: its valid multi-byte sequences outnumber its
// invalid bytes four to one. GB18030 and Big5 text read as UTF-8 has almost
// no valid multi-byte sequence.
func mostlyUTF8(b []byte) bool {
	valid, invalid := 0, 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			valid++
		}
		i += size
	}
	return valid > 0 && valid >= 4*invalid
}

// appendReplacing writes b as UTF-8 with each invalid byte replaced by
// U+FFFD, and returns how many it replaced.
func appendReplacing(out *bytes.Buffer, b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			out.WriteRune(utf8.RuneError)
			n++
		} else {
			out.Write(b[:size])
		}
		b = b[size:]
	}
	return n
}

// chooseLegacy decides whether the lines of b that are not UTF-8 (nor
// mostly UTF-8) are GB18030 or Big5. Both are double-byte encodings over the same byte
// ranges, so either decodes the other into real (if rare) characters; what
// tells them apart is where the common characters lie. In GB2312 (the core
// of GB18030) the common hanzi and punctuation have both bytes in
// 0xA1-0xFE, with leads 0xA1-0xA9 and 0xB0-0xD7; in Big5 they have leads
// 0xA1-0xC6, and four in ten have a second byte in 0x40-0x7E, which GB2312
// never uses. Each encoding is scored by how many of the double-byte
// characters fall in its common part; GB18030 wins a tie.
func chooseLegacy(b []byte) legacy {
	gb, b5 := 0, 0
	for rest := b; len(rest) > 0; {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line = rest[:i+1]
		}
		rest = rest[len(line):]
		if !utf8.Valid(line) && !mostlyUTF8(line) {
			g, b := legacyScores(line)
			gb, b5 = gb+g, b5+b
		}
	}
	if b5 > gb {
		return encBig5
	}
	return encGB18030
}

// legacyScores counts the double-byte characters of b that fall in the
// common part of GB2312 and of Big5.
func legacyScores(b []byte) (gb, b5 int) {
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x81 || c == 0xFF || i+1 >= len(b) {
			i++
			continue
		}
		t := b[i+1]
		if t >= 0x30 && t <= 0x39 { // a GB18030 four-byte sequence
			i += 4
			continue
		}
		if t >= 0xA1 && t <= 0xFE && (c >= 0xA1 && c <= 0xA9 || c >= 0xB0 && c <= 0xD7) {
			gb++
		}
		if (t >= 0x40 && t <= 0x7E || t >= 0xA1 && t <= 0xFE) && c >= 0xA1 && c <= 0xC6 {
			b5++
		}
		i += 2
	}
	return gb, b5
}

// decode decodes b and reports whether the result looks like text: either
// encoding maps almost any byte sequence to some characters, so the decoded
// text must be made of the characters news uses (CJK ideographs and
// punctuation, ASCII, full-width forms, common symbols), not a scatter of
// rare ones and replacement characters.
func (l legacy) decode(b []byte) (string, bool) {
	d, err := l.enc.NewDecoder().Bytes(b)
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
		r >= 0x3000 && r <= 0x303F,   // CJK symbols and punctuation
		r >= 0xFF00 && r <= 0xFFEF,   // full-width forms
		r >= 0x2000 && r <= 0x206F,   // general punctuation (“ ” — …)
		r >= 0x00A0 && r <= 0x00FF,   // Latin-1 (· × ÷ °)
		r >= 0x2150 && r <= 0x22FF,   // number forms, arrows, maths
		r >= 0x2460 && r <= 0x24FF,   // enclosed numbers ①
		r >= 0x2500 && r <= 0x25FF,   // box drawing, shapes ▶ ■
		r >= 0x3400 && r <= 0x4DBF,   // CJK extension A
		r >= 0xFE30 && r <= 0xFE4F,   // CJK compatibility forms (Big5 vertical punctuation)
		r >= 0x20000 && r <= 0x2A6DF: // CJK extension B (HKSCS)
		return true
	}
	return unicode.IsLetter(r) && r < 0x0530 // Greek, Cyrillic
}
