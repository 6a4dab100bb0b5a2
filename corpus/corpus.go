// Package corpus reads articles from the files of a drop: plain text files
// (one article each), JSON Lines exports (one article a line), single JSON
// articles, and standard input.
//
// Open yields the articles of its paths in order, with an *Error in place of
// each input that gives no article; an error never ends the iteration.
package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Article is one article as read from its input.
type Article struct {
	// ID is the article's id: the JSON "id", a text file's name without its
	// extension, or SOURCE:LINE for a JSON Lines article without one.
	ID string
	// Title is carried over to the record; only Text is extracted from.
	Title string
	// Text is the article text, decoded, with any byte-order mark dropped.
	Text string
	// Published is the "published" field as given (a date or an RFC 3339
	// date-time), or "".
	Published string
	// Source is the input path as given ("-" for standard input); Line is the
	// 1-based line of a JSON Lines input, 0 otherwise.
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

// Options adjusts how Open reads. The zero value reads standard input for
// "-" or no paths.
type Options struct {
	// Stdin is read for the path "-" and when there are no paths; nil means
	// os.Stdin.
	Stdin io.Reader
}

// Open returns the articles of paths in order. Each path is a .txt file (one
// article), a .jsonl or .ndjson file (one article a line), a .json file (one
// article), or "-" (JSON Lines on standard input); no paths at all read JSON
// Lines from standard input. Where an input, or a line of it, gives no
// article, the sequence yields an *Error for it and goes on.
func Open(paths []string, opt Options) iter.Seq2[Article, error] {
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	return func(yield func(Article, error) bool) {
		for _, p := range paths {
			if !readPath(p, opt, yield) {
				return
			}
		}
	}
}

type yieldFunc = func(Article, error) bool

func readPath(p string, opt Options, yield yieldFunc) bool {
	if p == "-" {
		in := opt.Stdin
		if in == nil {
			in = os.Stdin
		}
		return readJSONL("-", in, yield)
	}
	fail := func(err error) bool { return yield(Article{}, &Error{Source: p, Err: err}) }
	switch ext := strings.ToLower(filepath.Ext(p)); ext {
	case ".jsonl", ".ndjson":
		f, err := os.Open(p)
		if err != nil {
			return fail(unwrapPath(err))
		}
		defer f.Close()
		return readJSONL(p, f, yield)
	case ".txt", ".json":
		b, err := os.ReadFile(p)
		if err != nil {
			return fail(unwrapPath(err))
		}
		if ext == ".json" {
			a, err := parseArticle(b)
			if err != nil {
				return fail(err)
			}
			a.Source = p
			if a.ID == "" {
				a.ID = baseID(p)
			}
			return yield(a, nil)
		}
		text, err := decodeText(b)
		if err != nil {
			return fail(err)
		}
		return yield(Article{ID: baseID(p), Text: text, Source: p}, nil)
	default:
		return fail(fmt.Errorf("unsupported input type %q: want .txt, .jsonl, .ndjson or .json", ext))
	}
}

// readJSONL yields one article per non-blank line of r.
func readJSONL(source string, r io.Reader, yield yieldFunc) bool {
	br := bufio.NewReaderSize(r, 64*1024)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 {
			if n == 1 {
				line = bytes.TrimPrefix(line, bom)
			}
			if len(bytes.TrimSpace(line)) > 0 {
				a, perr := parseLine(line)
				if perr != nil {
					if !yield(Article{}, &Error{Source: source, Line: n, Err: perr}) {
						return false
					}
				} else {
					a.Source, a.Line = source, n
					if a.ID == "" {
						a.ID = source + ":" + strconv.Itoa(n)
					}
					if !yield(a, nil) {
						return false
					}
				}
			}
		}
		if err == io.EOF {
			return true
		}
		if err != nil {
			return yield(Article{}, &Error{Source: source, Line: n, Err: err})
		}
	}
}

func parseLine(line []byte) (Article, error) {
	if !utf8.Valid(line) {
		return Article{}, errors.New("invalid UTF-8")
	}
	return parseArticle(line)
}

var bom = []byte("\uFEFF")

// parseArticle decodes one article object: {"id", "title", "text",
// "published"}.
func parseArticle(b []byte) (Article, error) {
	b = bytes.TrimPrefix(b, bom)
	if !utf8.Valid(b) {
		return Article{}, errors.New("invalid UTF-8")
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			return Article{}, fmt.Errorf("not a JSON object but %s", ute.Value)
		}
		return Article{}, fmt.Errorf("not valid JSON: %v", err)
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
		return Article{}, fmt.Errorf(`"text" is not a string`)
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

// decodeText turns the bytes of a text file into its text.
func decodeText(b []byte) (string, error) {
	b = bytes.TrimPrefix(b, bom)
	if len(bytes.TrimSpace(b)) == 0 {
		return "", errors.New("empty file")
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return "", errors.New("binary file (NUL bytes)")
	}
	if !utf8.Valid(b) {
		return "", errors.New("invalid UTF-8")
	}
	return string(b), nil
}

// baseID is a file's name without its directory and extension.
func baseID(p string) string {
	b := filepath.Base(p)
	return strings.TrimSuffix(b, filepath.Ext(b))
}

// unwrapPath drops the path from an *fs.PathError: the Error already names
// the source.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}
