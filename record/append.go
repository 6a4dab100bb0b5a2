package record

import (
	"sort"
	"strconv"
	"unicode/utf8"
)

// AppendJSON appends r as one JSON object, without a newline, and returns the
// extended buffer: the fields of Fields in order, an empty one written as its
// Emit says. For the fields encoding/json knows it writes exactly what
// encoding/json's Encoder writes for r with SetEscapeHTML(false) (the tests
// hold the two to the same bytes), in one pass and without the Encoder's
// check and copy of every entity, which made writing a tenth of a run.
func (r *Record) AppendJSON(b []byte) []byte {
	b = append(b, '{')
	first := true
	for _, f := range recordFields {
		if f.Emit == OmitEmpty && f.Empty(r, nil) {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, '"')
		b = append(b, f.Name...)
		b = append(b, '"', ':')
		if f.Kind == Entities {
			b = r.appendEntities(b)
			continue
		}
		b = appendValue(b, f, r, nil, false)
	}
	return append(b, '}')
}

func (r *Record) appendEntities(b []byte) []byte {
	if r.Entities == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range r.Entities {
		if i > 0 {
			b = append(b, ',')
		}
		b = r.Entities[i].appendJSON(b)
	}
	return append(b, ']')
}

// appendJSON appends the entity's JSON object to b: the common fields, the
// value fields of its type, then id, attrs and rule when set. Entity strings
// are written as json.Marshal does, <, > and & escaped: what records have
// always held.
func (e *Entity) appendJSON(b []byte) []byte {
	b = append(b, '{')
	for i, f := range entityHead {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendKey(b, f)
		b = appendValue(b, f, nil, e, true)
	}
	for _, f := range valueFields[e.Type] {
		b = append(b, ',')
		b = appendKey(b, f)
		b = appendValue(b, f, nil, e, true)
	}
	for _, f := range commonTail {
		if f.Emit == OmitEmpty && f.Empty(nil, e) {
			continue
		}
		b = append(b, ',')
		b = appendKey(b, f)
		b = appendValue(b, f, nil, e, true)
	}
	return append(b, '}')
}

func appendKey(b []byte, f *Field) []byte {
	b = append(b, '"')
	b = append(b, f.Name...)
	return append(b, '"', ':')
}

// appendValue appends the value of field f of r or e, null when it is
// empty and f.Emit says so; html escapes <, > and & in strings.
func appendValue(b []byte, f *Field, r *Record, e *Entity, html bool) []byte {
	null := f.Emit == Null
	switch f.Kind {
	case String, Date:
		s := f.str(r, e)
		if null && s == "" {
			break
		}
		return appendJSONString(b, s, html)
	case Int:
		n := f.num(r, e)
		if null && n == 0 {
			break
		}
		return strconv.AppendInt(b, int64(n), 10)
	case Decimal:
		v := f.dec(r, e)
		if v == nil {
			break
		}
		return append(b, v.String()...)
	case Strings:
		l := f.list(r, e)
		if l == nil || null && len(l) == 0 {
			break
		}
		b = append(b, '[')
		for i, s := range l {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, s, html)
		}
		return append(b, ']')
	case Object:
		m := f.obj(r, e)
		if m == nil || null && len(m) == 0 {
			break
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, k, html)
			b = append(b, ':')
			b = appendJSONString(b, m[k], html)
		}
		return append(b, '}')
	}
	return append(b, "null"...)
}

// appendJSONString appends s as a JSON string the way encoding/json writes
// it: invalid UTF-8 as U+FFFD, control characters escaped, U+2028 and U+2029
// escaped, and <, >, & escaped when html is set.
func appendJSONString(b []byte, s string, html bool) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && (!html || c != '<' && c != '>' && c != '&') {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
