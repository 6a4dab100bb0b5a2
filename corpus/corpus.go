// Package corpus reads the articles of a drop: folders of files, plain text
// files (one article each), JSON Lines exports (one article a line), single
// JSON articles, any of them gzipped, in UTF-8, GB18030 or Big5, and
// standard input.
//
// Open yields the articles of its paths in a fixed order, with an *Error in
// place of each input (or JSON line) that gives no article; an error never
// ends the iteration.
package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cnie/cnie/lexicon"
)

// Article is one article as read from its input.
type Article struct {
	// ID is the article's id: the JSON "id", else the file's path relative
	// to the PATH argument it was found under, "/"-separated and without
	// its extensions (a PATH that is a file gives its base name), with
	// ":LINE" added for a JSON Lines article ("-:LINE" on standard input).
	ID string
	// LegacyID is the id that cnie before 0.3 gave the same article (a
	// file's bare name, or SOURCE:LINE with the path as typed), when it
	// differs from ID; state migration looks it up.
	LegacyID string
	// Title is carried over to the record; only Text is extracted from.
	Title string
	// Text is the article text, decoded, with any byte-order mark dropped.
	Text string
	// Published is the "published" field as given (a date or an RFC 3339
	// date-time), or "".
	Published string
	// Locale is the "locale" field as given (CN, HK, TW, MO, SG or MY, in
	// capitals), or "": where the article reports from.
	Locale string
	// Source is the input path ("-" for standard input); Line is the 1-based
	// line of a JSON Lines input, 0 otherwise.
	Source string
	Line   int
	// Warnings say what was repaired on reading ("3 invalid bytes
	// replaced"); nil when nothing was.
	Warnings []string
}

// Error is an input, or one line of it, that gave no article.
type Error struct {
	Source string
	Line   int // 0 when the error concerns the whole file
	// DocID is the id of the article, when it is known (a text file's, or
	// an article read but refused); "" otherwise.
	DocID string
	Err   error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Source, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Source, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// DefaultMaxArticleBytes is the largest article text read when Options sets
// none.
const DefaultMaxArticleBytes = 16 << 20

// LineBytesPerArticleByte is how much larger than the article limit the
// reader's bound on a JSON line (or a .json file) is by default: a JSON
// writer that escapes every non-ASCII character (Python's json.dumps does)
// writes each Chinese character in 6 bytes, twice its UTF-8 size, and the
// other fields need room too.
const LineBytesPerArticleByte = 4

// Options adjusts how Open reads. The zero value is ready to use.
type Options struct {
	// Stdin is read for the path "-" and when there are no paths; nil means
	// os.Stdin.
	Stdin io.Reader
	// MaxArticleBytes bounds an article's text, in UTF-8 bytes once
	// decoded; a larger one is an error record naming it. Zero means
	// DefaultMaxArticleBytes.
	MaxArticleBytes int
	// MaxLineBytes bounds what the reader holds for one article before
	// parsing it: a JSON line or a .json file, as bytes read (after gzip);
	// a longer one is an error record. Zero means LineBytesPerArticleByte
	// times the article limit.
	MaxLineBytes int
}

func (o Options) max() int {
	if o.MaxArticleBytes > 0 {
		return o.MaxArticleBytes
	}
	return DefaultMaxArticleBytes
}

func (o Options) maxLine() int {
	if o.MaxLineBytes > 0 {
		return o.MaxLineBytes
	}
	return LineBytesPerArticleByte * o.max()
}

// Open returns the articles of paths in order. A path is a folder (walked
// recursively in name order, symbolic links followed, hidden entries and
// files of other types skipped), a .txt file (one article), a .jsonl or
// .ndjson file (one article a line), a .json file (one article), any of
// these with .gz added, or "-" (JSON Lines on standard input, gzipped or
// not). No paths at all read standard input.
func Open(paths []string, opt Options) iter.Seq2[Article, error] {
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	return func(yield func(Article, error) bool) {
		r := &reader{opt: opt, yield: yield, walking: map[fileID]bool{}}
		for _, p := range paths {
			if !r.path(p, "", true) {
				return
			}
		}
	}
}

type reader struct {
	opt   Options
	yield func(Article, error) bool
	// walking holds the folders on the path from an argument to the folder
	// being read: meeting one again is a symbolic-link loop.
	walking map[fileID]bool
}

func (r *reader) fail(source string, line int, err error) bool {
	return r.yield(Article{}, &Error{Source: source, Line: line, Err: err})
}

// failID is fail for an article whose id is known.
func (r *reader) failID(source string, line int, id string, err error) bool {
	return r.yield(Article{}, &Error{Source: source, Line: line, DocID: id, Err: err})
}

// Kinds of input file, by extension.
const (
	kindNone = iota
	kindText
	kindJSONL
	kindJSON
)

// kindOf returns the kind of a file name and whether it is gzipped.
func kindOf(name string) (kind int, gz bool) {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".gz") {
		gz, lower = true, strings.TrimSuffix(lower, ".gz")
	}
	switch filepath.Ext(lower) {
	case ".txt":
		return kindText, gz
	case ".jsonl", ".ndjson":
		return kindJSONL, gz
	case ".json":
		return kindJSON, gz
	}
	return kindNone, gz
}

// path reads one path; rel is its path relative to the argument it was
// found under ("/"-separated; "" for the argument itself), and explicit says
// it was named on the command line rather than found in a folder.
func (r *reader) path(p, rel string, explicit bool) bool {
	if p == "-" {
		in := r.opt.Stdin
		if in == nil {
			in = os.Stdin
		}
		br := bufio.NewReaderSize(in, 64*1024)
		var rd io.Reader = br
		if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
			zr, err := gzip.NewReader(br)
			if err != nil {
				return r.fail("-", 0, err)
			}
			rd = zr
		}
		return r.jsonl("-", "-", rd)
	}
	fi, err := os.Stat(p)
	if err != nil {
		if li, lerr := os.Lstat(p); lerr == nil && li.Mode()&fs.ModeSymlink != 0 {
			if errors.Is(err, fs.ErrNotExist) {
				return r.fail(p, 0, errors.New("dangling symbolic link"))
			}
			// A chain of links that returns to itself, or a target that
			// cannot be read: say what the system says.
			return r.fail(p, 0, fmt.Errorf("symbolic link: %v", unwrapPath(err)))
		}
		return r.fail(p, 0, unwrapPath(err))
	}
	if fi.IsDir() {
		return r.dir(p, rel, fi)
	}
	if rel == "" {
		rel = filepath.Base(p)
	}
	kind, gz := kindOf(p)
	if kind == kindNone {
		if !explicit {
			return true // a folder may hold other files: they are not articles
		}
		return r.fail(p, 0, fmt.Errorf("unsupported input type %q: want .txt, .jsonl, .ndjson or .json, optionally .gz", filepath.Ext(p)))
	}
	if !fi.Mode().IsRegular() {
		return r.fail(p, 0, errors.New("not a regular file"))
	}
	return r.file(p, rel, kind, gz)
}

func (r *reader) dir(p, rel string, fi fs.FileInfo) bool {
	id, ok := idOf(fi)
	if ok {
		if r.walking[id] {
			return r.fail(p, 0, errors.New("symbolic link loop: this folder contains itself"))
		}
		r.walking[id] = true
		defer delete(r.walking, id)
	}
	entries, err := os.ReadDir(p)
	if err != nil {
		return r.fail(p, 0, unwrapPath(err))
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		sub := e.Name()
		if rel != "" {
			sub = rel + "/" + sub
		}
		if !r.path(filepath.Join(p, e.Name()), sub, false) {
			return false
		}
	}
	return true
}

func (r *reader) file(p, rel string, kind int, gz bool) bool {
	id := relID(rel)
	if kind != kindText {
		id = "" // a JSON article may carry its own id
	}
	f, err := os.Open(p)
	if err != nil {
		return r.failID(p, 0, id, unwrapPath(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return r.failID(p, 0, id, unwrapPath(err))
	}
	return r.stream(p, rel, f, fi.Size(), kind, gz)
}

// stream reads one input of the given kind from f, named p and found as rel
// under its PATH argument; size is its size in bytes where known, else -1.
func (r *reader) stream(p, rel string, f io.Reader, size int64, kind int, gz bool) bool {
	id, legacy := relID(rel), baseID(p)
	if kind != kindText {
		id = "" // a JSON article may carry its own id
	}
	var rd io.Reader = f
	if gz {
		zr, err := gzip.NewReader(bufio.NewReaderSize(f, 64*1024))
		if err != nil {
			return r.failID(p, 0, id, err)
		}
		defer zr.Close()
		rd = zr
	}
	if kind == kindJSONL {
		return r.jsonl(p, relID(rel), rd)
	}
	// A text file's bytes are never more than its text's UTF-8 bytes and a
	// byte-order mark, so the article limit bounds the read exactly; a JSON
	// file's escapes may make it longer, up to the line limit.
	limit, what := r.opt.max()+len(bom), "--max-article-bytes"
	if kind == kindJSON {
		limit, what = r.opt.maxLine(), "--max-line-bytes"
	}
	hint := 0
	if !gz && size > 0 {
		hint = int(min(size, int64(limit)))
	}
	b, err := readAtMost(rd, limit, hint)
	if err == errOverRead {
		if kind == kindJSON {
			err = fmt.Errorf("%w (%s): file over %d bytes", errTooLarge, what, limit)
		} else {
			err = fmt.Errorf("%w (%s): its text is over %d bytes", errTooLarge, what, r.opt.max())
		}
		return r.failID(p, 0, id, err)
	}
	if err != nil {
		return r.failID(p, 0, id, readErr(err, gz))
	}
	if kind == kindJSON {
		a, err := parseLine(b)
		if err != nil {
			return r.fail(p, 0, err)
		}
		a.Source = p
		if a.ID == "" {
			a.ID = relID(rel)
			if legacy != a.ID {
				a.LegacyID = legacy
			}
		}
		if err := r.checkSize(&a); err != nil {
			return r.failID(p, 0, a.ID, err)
		}
		return r.yield(a, nil)
	}
	text, replaced, err := decode(b)
	b = nil
	if err != nil {
		return r.failID(p, 0, id, err)
	}
	if strings.TrimSpace(text) == "" {
		return r.failID(p, 0, id, errors.New("empty file"))
	}
	a := Article{ID: id, Text: text, Source: p, Warnings: replacedWarning(replaced)}
	if legacy != id {
		a.LegacyID = legacy
	}
	if err := r.checkSize(&a); err != nil {
		return r.failID(p, 0, id, err)
	}
	return r.yield(a, nil)
}

// checkSize reports an article whose text is over the limit.
func (r *reader) checkSize(a *Article) error {
	if max := r.opt.max(); len(a.Text) > max {
		return fmt.Errorf("%w (--max-article-bytes): its text is %d bytes, over %d", errTooLarge, len(a.Text), max)
	}
	return nil
}

// replacedWarning is the record's warning for n replaced bytes, or nil.
func replacedWarning(n int) []string {
	switch n {
	case 0:
		return nil
	case 1:
		return []string{"1 invalid byte replaced"}
	}
	return []string{strconv.Itoa(n) + " invalid bytes replaced"}
}

// errTooLarge is an article over Options.MaxArticleBytes, or a line over
// Options.MaxLineBytes.
var errTooLarge = errors.New("article larger than the limit")

// errOverRead is readAtMost's error for an input over its bound.
var errOverRead = errors.New("over the bound")

// readAtMost reads all of r, or fails with errOverRead once it passes max
// bytes. hint, if positive, is the size expected (a file's), so that a large
// file is read into one buffer of its size rather than a doubling one.
func readAtMost(r io.Reader, max, hint int) ([]byte, error) {
	var buf bytes.Buffer
	if hint > 0 {
		buf.Grow(hint + bytes.MinRead + 1)
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, int64(max)+1)); err != nil {
		return nil, err
	}
	if buf.Len() > max {
		return nil, errOverRead
	}
	return buf.Bytes(), nil
}

// SHA256 returns the hex SHA-256 of text's UTF-8 bytes (a record's sha256),
// without copying the text.
func SHA256(text string) string {
	h := sha256.New()
	var buf [32 << 10]byte
	for text != "" {
		n := copy(buf[:], text)
		h.Write(buf[:n])
		text = text[n:]
	}
	return hex.EncodeToString(h.Sum(nil))
}

// readErr says what a read error means to a person.
func readErr(err error, gz bool) error {
	if gz && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum)) {
		return fmt.Errorf("truncated or corrupt gzip data: %v", err)
	}
	return unwrapPath(err)
}

// jsonl yields one article per non-blank line of rd, reading line by line so
// that memory stays bounded by the longest allowed line. id is the file's
// id, to which ":LINE" is added for a line without one. A file without any
// article line is an error, as an empty text file is.
func (r *reader) jsonl(source, id string, rd io.Reader) bool {
	br := bufio.NewReaderSize(rd, 64*1024)
	max := r.opt.maxLine()
	_, gz := rd.(*gzip.Reader)
	lines := 0 // non-blank lines
	for n := 1; ; n++ {
		line, tooLong, err := readLine(br, max)
		switch {
		case tooLong:
			lines++
			if !r.fail(source, n, fmt.Errorf("%w (--max-line-bytes): line over %d bytes", errTooLarge, max)) {
				return false
			}
		case len(bytes.TrimSpace(line)) > 0:
			lines++
			if n == 1 {
				line = bytes.TrimPrefix(line, bom)
			}
			a, perr := parseLine(line)
			if perr != nil {
				if !r.fail(source, n, perr) {
					return false
				}
				break
			}
			a.Source, a.Line = source, n
			if a.ID == "" {
				a.ID = id + ":" + strconv.Itoa(n)
				if legacy := source + ":" + strconv.Itoa(n); legacy != a.ID {
					a.LegacyID = legacy
				}
			}
			if serr := r.checkSize(&a); serr != nil {
				if !r.failID(source, n, a.ID, serr) {
					return false
				}
				break
			}
			if !r.yield(a, nil) {
				return false
			}
		}
		if err == io.EOF {
			if lines == 0 {
				return r.fail(source, 0, errors.New("empty file"))
			}
			return true
		}
		if err != nil {
			return r.fail(source, n, readErr(err, gz))
		}
	}
}

// readLine reads one line (without its end) of at most max bytes; a longer
// line is skipped to its end and reported as tooLong.
func readLine(br *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > max+1 { // +1: the line end
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == nil || err == io.EOF {
			return bytes.TrimRight(buf, "\r\n"), tooLong, err
		}
		return nil, tooLong, err
	}
}

// parseLine decodes and parses one JSON article (a line, or a .json file).
func parseLine(line []byte) (Article, error) {
	if !utf8.Valid(line) {
		text, replaced, err := decode(line)
		if err != nil {
			return Article{}, err
		}
		a, err := parseArticle([]byte(text))
		a.Warnings = replacedWarning(replaced)
		return a, err
	}
	return parseArticle(bytes.TrimPrefix(line, bom))
}

// parseArticle decodes one article object: {"id", "title", "text",
// "published", "locale"}.
func parseArticle(s []byte) (Article, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(s, &raw); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			return Article{}, fmt.Errorf("not a JSON object but %s", ute.Value)
		}
		return Article{}, fmt.Errorf("not valid JSON: %v", err)
	}
	if raw == nil {
		return Article{}, errors.New("not a JSON object but null")
	}
	var a Article
	var err error
	if a.ID, err = idField(raw["id"]); err != nil {
		return Article{}, err
	}
	if a.Title, err = stringField(raw, "title"); err != nil {
		return Article{}, err
	}
	if a.Published, err = stringField(raw, "published"); err != nil {
		return Article{}, err
	}
	if a.Locale, err = stringField(raw, "locale"); err != nil {
		return Article{}, err
	}
	if a.Locale != "" && !slices.Contains(lexicon.Locales, a.Locale) {
		return Article{}, fmt.Errorf(`"locale" is %q, not one of %s`, a.Locale, strings.Join(lexicon.Locales, ", "))
	}
	t, ok := raw["text"]
	if !ok || string(t) == "null" {
		return Article{}, errors.New(`no "text" field`)
	}
	if err := json.Unmarshal(t, &a.Text); err != nil {
		return Article{}, errors.New(`"text" is not a string`)
	}
	a.Text = strings.TrimPrefix(a.Text, "\uFEFF")
	return a, nil
}

// idField reads "id": a string or a number, or absent.
func idField(m json.RawMessage) (string, error) {
	if len(m) == 0 || string(m) == "null" {
		return "", nil
	}
	var s string
	if json.Unmarshal(m, &s) == nil {
		return s, nil
	}
	var n json.Number
	if json.Unmarshal(m, &n) == nil {
		return n.String(), nil
	}
	return "", errors.New(`"id" is neither a string nor a number`)
}

// stringField reads an optional string field.
func stringField(raw map[string]json.RawMessage, name string) (string, error) {
	m, ok := raw[name]
	if !ok || string(m) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(m, &s); err != nil {
		return "", fmt.Errorf("%q is not a string", name)
	}
	return s, nil
}

// relID is the id of a file from its path relative to its argument: the
// path without its extensions (day1/a.txt.gz: day1/a).
func relID(rel string) string {
	if strings.HasSuffix(strings.ToLower(rel), ".gz") {
		rel = rel[:len(rel)-3]
	}
	return strings.TrimSuffix(rel, path.Ext(rel))
}

// baseID is the id cnie before 0.3 gave a file: its name without its
// folder and extensions (a.txt.gz: a).
func baseID(p string) string {
	return relID(filepath.Base(p))
}

// unwrapPath drops the path and operation from an *fs.PathError: the Error
// already names the source, and "no such file or directory" says enough.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
