// Package corpus reads the articles of a drop: folders of files, plain text
// files (one article each), JSON Lines exports (one article a line), single
// JSON articles, any of them gzipped, in UTF-8 or GB18030, and standard
// input.
//
// Open yields the articles of its paths in a fixed order, with an *Error in
// place of each input (or JSON line) that gives no article; an error never
// ends the iteration.
package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Article is one article as read from its input.
type Article struct {
	// ID is the article's id: the JSON "id", a file's name without its
	// extensions, or SOURCE:LINE for a JSON Lines article without one.
	ID string
	// Title is carried over to the record; only Text is extracted from.
	Title string
	// Text is the article text, decoded, with any byte-order mark dropped.
	Text string
	// Published is the "published" field as given (a date or an RFC 3339
	// date-time), or "".
	Published string
	// Source is the input path ("-" for standard input); Line is the 1-based
	// line of a JSON Lines input, 0 otherwise.
	Source string
	Line   int
}

// Error is an input, or one line of it, that gave no article.
type Error struct {
	Source string
	Line   int // 0 when the error concerns the whole file
	Err    error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Source, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Source, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// DefaultMaxArticleBytes is the largest article read when Options sets none.
const DefaultMaxArticleBytes = 16 << 20

// Options adjusts how Open reads. The zero value is ready to use.
type Options struct {
	// Stdin is read for the path "-" and when there are no paths; nil means
	// os.Stdin.
	Stdin io.Reader
	// MaxArticleBytes bounds one article (a text or JSON file, or one JSON
	// line) before decoding; a larger one is an error, so that memory stays
	// bounded. Zero means DefaultMaxArticleBytes.
	MaxArticleBytes int
}

func (o Options) max() int {
	if o.MaxArticleBytes > 0 {
		return o.MaxArticleBytes
	}
	return DefaultMaxArticleBytes
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
			if !r.path(p, true) {
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

// path reads one path; explicit says it was named on the command line
// rather than found in a folder.
func (r *reader) path(p string, explicit bool) bool {
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
		return r.jsonl("-", rd)
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
		return r.dir(p, fi)
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
	return r.file(p, kind, gz)
}

func (r *reader) dir(p string, fi fs.FileInfo) bool {
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
		if !r.path(filepath.Join(p, e.Name()), false) {
			return false
		}
	}
	return true
}

func (r *reader) file(p string, kind int, gz bool) bool {
	f, err := os.Open(p)
	if err != nil {
		return r.fail(p, 0, unwrapPath(err))
	}
	defer f.Close()
	return r.stream(p, f, kind, gz)
}

// stream reads one input of the given kind from f, named p.
func (r *reader) stream(p string, f io.Reader, kind int, gz bool) bool {
	var rd io.Reader = f
	if gz {
		zr, err := gzip.NewReader(bufio.NewReaderSize(f, 64*1024))
		if err != nil {
			return r.fail(p, 0, err)
		}
		defer zr.Close()
		rd = zr
	}
	if kind == kindJSONL {
		return r.jsonl(p, rd)
	}
	b, err := readAtMost(rd, r.opt.max())
	if err != nil {
		return r.fail(p, 0, readErr(err, gz))
	}
	text, err := decode(b)
	if err != nil {
		return r.fail(p, 0, err)
	}
	if kind == kindJSON {
		a, err := parseArticle(text)
		if err != nil {
			return r.fail(p, 0, err)
		}
		a.Source = p
		if a.ID == "" {
			a.ID = baseID(p)
		}
		return r.yield(a, nil)
	}
	if strings.TrimSpace(text) == "" {
		return r.fail(p, 0, errors.New("empty file"))
	}
	return r.yield(Article{ID: baseID(p), Text: text, Source: p}, nil)
}

// errTooLarge is an article over Options.MaxArticleBytes.
var errTooLarge = errors.New("article larger than the limit (--max-article-bytes)")

// readAtMost reads all of r, or fails once it passes max bytes.
func readAtMost(r io.Reader, max int) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, int64(max)+1))
	if err != nil {
		return nil, err
	}
	if len(b) > max {
		return nil, fmt.Errorf("%w: over %d bytes", errTooLarge, max)
	}
	return b, nil
}

// readErr says what a read error means to a person.
func readErr(err error, gz bool) error {
	if gz && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum)) {
		return fmt.Errorf("truncated or corrupt gzip data: %v", err)
	}
	return unwrapPath(err)
}

// jsonl yields one article per non-blank line of rd, reading line by line so
// that memory stays bounded by the longest allowed line.
func (r *reader) jsonl(source string, rd io.Reader) bool {
	br := bufio.NewReaderSize(rd, 64*1024)
	max := r.opt.max()
	_, gz := rd.(*gzip.Reader)
	for n := 1; ; n++ {
		line, tooLong, err := readLine(br, max)
		switch {
		case tooLong:
			if !r.fail(source, n, fmt.Errorf("%w: line over %d bytes", errTooLarge, max)) {
				return false
			}
		case len(bytes.TrimSpace(line)) > 0:
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
				a.ID = source + ":" + strconv.Itoa(n)
			}
			if !r.yield(a, nil) {
				return false
			}
		}
		if err == io.EOF {
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

func parseLine(line []byte) (Article, error) {
	text, err := decode(line)
	if err != nil {
		return Article{}, err
	}
	return parseArticle(text)
}

// parseArticle decodes one article object: {"id", "title", "text",
// "published"}.
func parseArticle(s string) (Article, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
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

// baseID is a file's name without its folder and extensions (a.txt.gz: a).
func baseID(p string) string {
	b := filepath.Base(p)
	if strings.HasSuffix(strings.ToLower(b), ".gz") {
		b = b[:len(b)-3]
	}
	return strings.TrimSuffix(b, filepath.Ext(b))
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
