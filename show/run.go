package show

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
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/pipeline"
)

// DefaultPerPage is how many articles a page holds when Options sets none.
const DefaultPerPage = 100

// maxRecordLine bounds one line of a records file.
const maxRecordLine = 256 << 20

// Options sets a show run.
type Options struct {
	// Out is the first page's file; the next pages are written beside it,
	// page.html, page-2.html, page-3.html, …. "" writes one page to Stdout,
	// and an input that needs more than one page is an error.
	Out string
	// PerPage is the most articles on one page; 0 means DefaultPerPage.
	PerPage int
	// Stdin is read for "-" and when there are no paths; Stdout receives
	// the page when Out is "".
	Stdin  io.Reader
	Stdout io.Writer
	// Pipeline sets how articles given as text are extracted.
	Pipeline pipeline.Options
	// MaxArticleBytes bounds one article read (0: corpus's default).
	MaxArticleBytes int
}

// Result is what a run did.
type Result struct {
	// Articles counts the articles shown, Unshown lists what could not be.
	Articles int
	Unshown  []Unshown
	// Files are the pages written, first page first (none for Stdout).
	Files []string
	// Mentions counts the marked mentions by type.
	Mentions map[string]int
}

// ErrTooManyForStdout is returned when the input needs more than one page
// and no file was given.
var ErrTooManyForStdout = errors.New("more articles than one page holds: give -o FILE.html to write linked pages")

// Run shows paths: each a file of records (cnie run's JSON Lines output,
// whose articles are read again from their source and line and checked
// against their sha256) or articles (anything cnie run reads; they are
// extracted first). No paths read standard input. Records or inputs that
// cannot be shown are listed on the first page and in the Result; the error
// is for a page that cannot be written.
func Run(paths []string, opt Options) (*Result, error) {
	if opt.PerPage <= 0 {
		opt.PerPage = DefaultPerPage
	}
	if opt.Stdin == nil {
		opt.Stdin = os.Stdin
	}
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	pg := &pager{opt: opt, total: map[string]int{}, input: strings.Join(paths, " ")}
	src := &sources{maxBytes: opt.MaxArticleBytes}
	defer src.close()
	var pipe *pipeline.Pipeline
	for _, p := range expand(paths) {
		isRec, rd, err := classify(p, opt.Stdin)
		if err != nil {
			pg.unshown(Unshown{Where: p, Reason: err.Error()})
			continue
		}
		if isRec {
			dir := ""
			if p != "-" {
				dir = filepath.Dir(p)
			}
			err = readRecords(p, rd, dir, src, pg)
			if c, ok := rd.(io.Closer); ok {
				c.Close()
			}
			if err != nil {
				return pg.result(), err
			}
			continue
		}
		if pipe == nil {
			if pipe, err = pipeline.New(opt.Pipeline); err != nil {
				return pg.result(), err
			}
		}
		copt := corpus.Options{Stdin: rd, MaxArticleBytes: opt.MaxArticleBytes}
		for a, err := range corpus.Open([]string{p}, copt) {
			if err != nil {
				pg.unshown(Unshown{Where: errWhere(err, p), Reason: "cannot be read: " + errText(err)})
				continue
			}
			b, err := process(pipe, a)
			if err != nil {
				pg.unshown(Unshown{Where: where(a.Source, a.Line), DocID: a.ID, Reason: err.Error()})
				continue
			}
			var rl recordLine
			if err := decode(b, &rl); err != nil {
				return pg.result(), err
			}
			if err := pg.add(article(&rl, a.Text)); err != nil {
				return pg.result(), err
			}
		}
	}
	err := pg.finish()
	return pg.result(), err
}

// expand replaces each folder that holds files of records (the --out-dir of
// unattended runs) by its files, in name order, hidden ones skipped, so
// that each is shown as what it is; other folders are left to corpus,
// which reads their articles.
func expand(paths []string) []string {
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if p == "-" || err != nil || !fi.IsDir() {
			out = append(out, p)
			continue
		}
		var files []string
		records := false
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				files = append(files, path)
				if !records {
					records, _ = isRecordsFile(path)
				}
			}
			return nil
		})
		if records {
			out = append(out, files...)
		} else {
			out = append(out, p)
		}
	}
	return out
}

// isRecordsFile reports whether a JSON Lines file's first line is a record.
func isRecordsFile(path string) (bool, error) {
	isRec, rd, err := classify(path, nil)
	if c, ok := rd.(io.Closer); ok {
		c.Close()
	}
	return isRec, err
}

// process extracts one article and returns its record's JSON; an
// extractor's panic is an error naming the article, not the end of the run.
func process(p *pipeline.Pipeline, a corpus.Article) (b []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the extraction failed on it: %v", r)
		}
	}()
	rec := p.Process(a)
	return json.Marshal(&rec)
}

// classify tells whether path holds records (its first non-blank line is a
// JSON object with "entities", or an error record) and, for standard input,
// returns a reader that still holds what was looked at. A .txt, .json or
// folder path is articles.
func classify(path string, stdin io.Reader) (bool, io.Reader, error) {
	if path == "-" {
		br := bufio.NewReaderSize(stdin, 64*1024)
		var rd io.Reader = br
		if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
			zr, err := gzip.NewReader(br)
			if err != nil {
				return false, nil, fmt.Errorf("standard input: %v", err)
			}
			rd = zr
		}
		zb := bufio.NewReaderSize(rd, 64*1024)
		seen, isRec := looksLikeRecords(zb)
		return isRec, io.MultiReader(bytes.NewReader(seen), zb), nil
	}
	fi, err := os.Stat(path)
	if err != nil || fi.IsDir() || !fi.Mode().IsRegular() {
		return false, nil, nil // corpus says what is wrong with it
	}
	name := strings.TrimSuffix(strings.ToLower(path), ".gz")
	if strings.HasSuffix(name, ".txt") || strings.HasSuffix(name, ".json") {
		return false, nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return false, nil, nil
	}
	rd, err := maybeGunzip(f)
	if err != nil {
		f.Close()
		return false, nil, nil
	}
	br := bufio.NewReaderSize(rd, 64*1024)
	seen, isRec := looksLikeRecords(br)
	if !isRec {
		f.Close()
		return false, nil, nil
	}
	return true, readCloser{io.MultiReader(bytes.NewReader(seen), br), f}, nil
}

type readCloser struct {
	io.Reader
	io.Closer
}

// maybeGunzip reads f through gzip when it starts with gzip's magic bytes.
func maybeGunzip(f *os.File) (io.Reader, error) {
	br := bufio.NewReaderSize(f, 64*1024)
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		return gzip.NewReader(br)
	}
	return br, nil
}

// looksLikeRecords reads up to the first non-blank line and says whether it
// is a record; it returns what it read.
func looksLikeRecords(br *bufio.Reader) ([]byte, bool) {
	var seen []byte
	for {
		line, tooLong, err := readLine(br)
		seen = append(seen, line...)
		if t := bytes.TrimSpace(line); len(t) > 0 && !tooLong {
			var keys map[string]json.RawMessage
			if json.Unmarshal(t, &keys) != nil {
				return seen, false
			}
			_, ent := keys["entities"]
			_, errField := keys["error"]
			_, src := keys["source"]
			_, text := keys["text"]
			_, docID := keys["doc_id"]
			_, typ := keys["type"]
			_, start := keys["start"]
			if docID && typ && start {
				return seen, true // --flat lines: readRecords says why they cannot be shown
			}
			return seen, ent || (errField && src && !text)
		}
		if err != nil || tooLong {
			return seen, false
		}
	}
}

// recordLine is one line of a records file: a record or an error record.
type recordLine struct {
	DocID         string           `json:"doc_id"`
	Source        *string          `json:"source"`
	Line          int              `json:"line"`
	Title         string           `json:"title"`
	SHA256        string           `json:"sha256"`
	RefDate       *string          `json:"ref_date"`
	RefDateSource string           `json:"ref_date_source"`
	Entities      []map[string]any `json:"entities"`
	Error         *string          `json:"error"`
	// Type is set on the lines of cnie run --flat (one entity a line).
	Type string `json:"type"`
}

func decode(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	return d.Decode(v)
}

// readRecords shows the records of one records file.
func readRecords(name string, rd io.Reader, dir string, src *sources, pg *pager) error {
	br := bufio.NewReaderSize(rd, 64*1024)
	for n := 1; ; n++ {
		line, tooLong, err := readLine(br)
		if len(bytes.TrimSpace(line)) > 0 || tooLong {
			if e := showRecord(name, n, line, tooLong, dir, src, pg); e != nil {
				return e
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			pg.unshown(Unshown{Where: name + ":" + strconv.Itoa(n), Reason: "cannot be read: " + err.Error()})
			return nil
		}
	}
}

// readLine reads one line, at most maxRecordLine bytes of it.
func readLine(br *bufio.Reader) ([]byte, bool, error) {
	var line []byte
	for {
		part, err := br.ReadSlice('\n')
		if len(line)+len(part) <= maxRecordLine {
			line = append(line, part...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return line, len(line) >= maxRecordLine, err
	}
}

func showRecord(name string, n int, line []byte, tooLong bool, dir string, src *sources, pg *pager) error {
	at := name + ":" + strconv.Itoa(n)
	if tooLong {
		pg.unshown(Unshown{Where: at, Reason: "line too long for a record"})
		return nil
	}
	var rl recordLine
	if err := decode(line, &rl); err != nil {
		pg.unshown(Unshown{Where: at, Reason: "not a record: " + err.Error()})
		return nil
	}
	if rl.Entities == nil && rl.Error == nil && rl.Type != "" {
		pg.unshown(Unshown{Where: at, DocID: rl.DocID, Reason: "one entity of cnie run --flat, which names no sha256 to check the article against: show the records of cnie run without --flat"})
		return nil
	}
	if rl.Error != nil {
		what := ""
		if rl.Source != nil {
			what = where(*rl.Source, rl.Line) + ": "
		}
		pg.unshown(Unshown{Where: at, DocID: rl.DocID, Reason: "an error record, no article: " + what + *rl.Error})
		return nil
	}
	if rl.Source == nil || *rl.Source == "" {
		pg.unshown(Unshown{Where: at, DocID: rl.DocID, Reason: "the record names no source"})
		return nil
	}
	s := *rl.Source
	if s == "-" {
		pg.unshown(Unshown{Where: at, DocID: rl.DocID, Reason: "its article was read from standard input, whose text no file keeps"})
		return nil
	}
	text, reason := src.text(s, dir, rl.Line)
	if reason == "" {
		sum := sha256.Sum256([]byte(text))
		switch {
		case rl.SHA256 == "":
			reason = "the record carries no sha256 to check " + where(s, rl.Line) + " against"
		case !strings.EqualFold(hex.EncodeToString(sum[:]), rl.SHA256):
			reason = where(s, rl.Line) + " has changed since the record was made (its SHA-256 differs)"
		}
	}
	if reason != "" {
		pg.unshown(Unshown{Where: at, DocID: rl.DocID, Reason: reason})
		return nil
	}
	return pg.add(article(&rl, text))
}

// article builds the page's article of a record and its text. A mention
// whose span is outside the text or whose text is not the span's is not
// marked; it is listed as a problem.
func article(rl *recordLine, text string) Article {
	a := Article{DocID: rl.DocID, Title: rl.Title, Line: rl.Line, RefDateSource: rl.RefDateSource, Text: text}
	if rl.Source != nil {
		a.Source = *rl.Source
	}
	if rl.RefDate != nil {
		a.RefDate = *rl.RefDate
	}
	rs := []rune(text)
	for i, e := range rl.Entities {
		m, ok := MentionOf(e, "")
		switch {
		case !ok:
			a.Problems = append(a.Problems, fmt.Sprintf("entity %d has no type or span", i+1))
		case m.Start < 0 || m.End > len(rs) || m.Start >= m.End:
			a.Problems = append(a.Problems, fmt.Sprintf("entity %d (%s %d–%d) is outside the text", i+1, m.Type, m.Start, m.End))
		case string(rs[m.Start:m.End]) != m.Text:
			a.Problems = append(a.Problems, fmt.Sprintf("entity %d (%s %d–%d): the text there is %q, the record says %q", i+1, m.Type, m.Start, m.End, string(rs[m.Start:m.End]), m.Text))
		default:
			a.Mentions = append(a.Mentions, m)
		}
	}
	return a
}

func errWhere(err error, p string) string {
	var ce *corpus.Error
	if errors.As(err, &ce) {
		return where(ce.Source, ce.Line)
	}
	return p
}

func errText(err error) string {
	var ce *corpus.Error
	if errors.As(err, &ce) {
		return ce.Err.Error()
	}
	return err.Error()
}

// sources reads articles again from the sources that records name. Records
// of one JSON Lines file come in line order, so one pass over the file
// serves them all; a file is opened again only when a record goes back.
type sources struct {
	maxBytes int
	src      string // the record's source being read
	next     func() (corpus.Article, error, bool)
	stop     func()
	pos      int    // line of the last input read, -1 before any
	fileErr  string // why the whole source cannot be read
	done     bool
}

func (s *sources) close() {
	if s.stop != nil {
		s.stop()
		s.stop, s.next = nil, nil
	}
}

func (s *sources) open(src, dir string) {
	s.close()
	s.src, s.pos, s.fileErr, s.done = src, -1, "", false
	path, err := resolve(src, dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			s.fileErr = "its source " + src + " is gone (moved or deleted)"
		} else {
			s.fileErr = "its source " + src + " cannot be read: " + err.Error()
		}
		return
	}
	var seq iter.Seq2[corpus.Article, error] = corpus.Open([]string{path}, corpus.Options{MaxArticleBytes: s.maxBytes, Stdin: strings.NewReader("")})
	s.next, s.stop = iter.Pull2(seq)
}

// resolve finds a record's source: as written (relative to the working
// folder), else relative to the folder of the records file.
func resolve(src, dir string) (string, error) {
	_, err := os.Stat(src)
	if err == nil || filepath.IsAbs(src) || dir == "" {
		return src, err
	}
	alt := filepath.Join(dir, src)
	if _, err2 := os.Stat(alt); err2 == nil {
		return alt, nil
	}
	return src, err
}

// text returns the text at line of src ("" and why not when it cannot).
func (s *sources) text(src, dir string, line int) (string, string) {
	if src != s.src || line <= s.pos {
		s.open(src, dir)
	}
	if s.fileErr != "" {
		return "", s.fileErr
	}
	missing := func() string {
		if line > 0 {
			return fmt.Sprintf("its source %s holds no article at line %d now (changed since the record was made)", src, line)
		}
		return "its source " + src + " holds no article now (changed since the record was made)"
	}
	for !s.done {
		a, err, ok := s.next()
		if !ok {
			s.done = true
			break
		}
		ln := a.Line
		if err != nil {
			var ce *corpus.Error
			if errors.As(err, &ce) {
				ln = ce.Line
			}
			if ln == 0 {
				s.fileErr = "its source " + src + " cannot be read now: " + errText(err)
				return "", s.fileErr
			}
		}
		s.pos = ln
		if ln == line {
			if err != nil {
				return "", fmt.Sprintf("line %d of its source %s is no longer an article: %s", line, src, errText(err))
			}
			return a.Text, ""
		}
		if ln > line {
			return "", missing()
		}
	}
	return "", missing()
}

// pager collects articles into pages and writes them: every page when the
// next one has begun (so that it can link to it), the first page last,
// when the totals and everything that cannot be shown are known.
type pager struct {
	opt      Options
	input    string
	first    []Article
	cur      []Article
	pages    int // pages begun
	articles int
	total    map[string]int
	unshowns []Unshown
	files    []string
}

func (p *pager) unshown(u Unshown) { p.unshowns = append(p.unshowns, u) }

// fileOf is the file name of page n.
func (p *pager) fileOf(n int) string {
	if n == 1 {
		return p.opt.Out
	}
	ext := filepath.Ext(p.opt.Out)
	return strings.TrimSuffix(p.opt.Out, ext) + "-" + strconv.Itoa(n) + ext
}

func (p *pager) add(a Article) error {
	for _, m := range a.Mentions {
		p.total[m.Type]++
	}
	if p.pages == 0 {
		p.pages = 1
	}
	if p.articles > 0 && p.articles%p.opt.PerPage == 0 {
		if p.opt.Out == "" {
			return ErrTooManyForStdout
		}
		// a new page begins: the one before can be written now.
		if p.pages > 1 {
			if err := p.write(p.pages, p.cur, true); err != nil {
				return err
			}
		}
		p.cur = nil
		p.pages++
	}
	p.articles++
	if p.pages == 1 {
		p.first = append(p.first, a)
	} else {
		p.cur = append(p.cur, a)
	}
	return nil
}

func (p *pager) links(n int, hasNext bool) []PageLink {
	if p.opt.Out == "" {
		return nil
	}
	base := func(i int) string { return filepath.Base(p.fileOf(i)) }
	var ls []PageLink
	if n == 1 {
		if p.pages <= 1 {
			return nil
		}
		for i := 1; i <= p.pages; i++ {
			l := PageLink{Label: strconv.Itoa(i)}
			if i != 1 {
				l.File = base(i)
			}
			ls = append(ls, l)
		}
		return append(ls, PageLink{Label: "next", File: base(2)})
	}
	ls = append(ls, PageLink{Label: "1", File: base(1)}, PageLink{Label: "previous", File: base(n - 1)}, PageLink{Label: strconv.Itoa(n)})
	if hasNext {
		ls = append(ls, PageLink{Label: "next", File: base(n + 1)})
	}
	return ls
}

func (p *pager) write(n int, arts []Article, hasNext bool) error {
	pg := &Page{Number: n, Links: p.links(n, hasNext), Articles: arts, First: (n-1)*p.opt.PerPage + 1, Input: p.input}
	if n == 1 {
		pg.Total, pg.TotalArticles, pg.Unshown = p.total, p.articles, p.unshowns
	}
	if p.opt.Out == "" {
		bw := bufio.NewWriter(p.opt.Stdout)
		if err := WritePage(bw, pg); err != nil {
			return err
		}
		return bw.Flush()
	}
	name := p.fileOf(n)
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	err = WritePage(bw, pg)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	p.files = append(p.files, name)
	return nil
}

// finish writes the last page, then the first.
func (p *pager) finish() error {
	if p.pages > 1 {
		if err := p.write(p.pages, p.cur, false); err != nil {
			return err
		}
	}
	if err := p.write(1, p.first, false); err != nil {
		return err
	}
	// The first page first in the list.
	if n := len(p.files); n > 1 {
		p.files = append(p.files[n-1:], p.files[:n-1]...)
	}
	return nil
}

func (p *pager) result() *Result {
	return &Result{Articles: p.articles, Unshown: p.unshowns, Files: p.files, Mentions: p.total}
}
