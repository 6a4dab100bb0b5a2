package lexicon

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing/fstest"

	"github.com/cnie/cnie/normalize"
)

// A user lexicon folder is laid out like the embedded lexicon/ folder: its
// orgs/*.tsv are organisations, its countries.tsv, currencies.tsv,
// units.tsv… add to (and take from) the embedded files of the same name,
// and its patterns/*.tsv are the user's own pattern rules (package
// extract/user). Load lays such folders over the embedded files, and the
// Set it returns answers Read, Files and Hash for the overlay.
//
// In a user file:
//   - a line "#columns NAME NAME…" (tab- or space-separated) names the
//     columns of the rows after it, in any order and any subset of the
//     file's columns (Columns); without one, the columns are the embedded
//     file's own, in order, and then its optional extra columns (an
//     organisation's id);
//   - a row whose key (its first column: an organisation's canonical name,
//     a country's code, a currency's word) is that of an embedded row
//     completes that row: its non-empty fields replace the row's, and its
//     names are added to the row's name lists;
//   - any other row is a new entry; each of its names (its key and the
//     entries of its name lists: an organisation's aliases, a country's
//     aliases) is taken from the embedded rows that have it, so that the
//     user's entry wins;
//   - a line "-NAME" removes NAME from the embedded rows: a row whose key
//     it is goes, and a name list loses it.
//
// A user file is validated as it loads: its name must be that of a lexicon
// (an entry of specs), every row must fit the file's spec, and a key or a
// name given twice in the user's files, or an unknown column, is an error
// naming the file and line.

// layout says how a user file of a lexicon may be written: its columns'
// names, which columns are '|'-separated lists of names, and the extra
// columns a user row may carry beyond the embedded file's own.
type layout struct {
	cols  []string // the spec's columns, in order
	lists []int    // columns holding '|'-separated names
	extra []string // further columns a user row may carry ("id")
}

// layouts are the column names of the files a user overlays by name; a file
// not listed here has columns col1, col2… and no name lists.
var layouts = map[string]layout{
	"orgs/*.tsv":         {cols: []string{"canonical", "aliases", "kind"}, lists: []int{1}, extra: []string{"id"}},
	"countries.tsv":      {cols: []string{"code", "name", "full", "aliases", "abbrev", "default"}, lists: []int{3, 4}},
	"countries_hant.tsv": {cols: []string{"code", "aliases", "risky"}, lists: []int{1, 2}},
	"currencies.tsv":     {cols: []string{"word", "code"}},
	"units.tsv":          {cols: []string{"word", "kind"}},
	"patterns/*.tsv":     {cols: []string{"name", "type", "pattern", "context", "precedence"}},
}

// Columns returns the column names of the lexicon file name (such as
// "orgs/clients.tsv"), extra columns included, as a user file's "#columns"
// line may name them.
func Columns(name string) []string {
	g, sp, ok := groupOf(name)
	if !ok {
		return nil
	}
	lay := layoutOf(g, sp)
	return append(slices.Clone(lay.cols), lay.extra...)
}

// layoutOf returns the layout of a group, made up from its spec when it has
// none of its own.
func layoutOf(group string, sp spec) layout {
	if l, ok := layouts[group]; ok {
		return l
	}
	var l layout
	for i := 0; i < sp.max; i++ {
		l.cols = append(l.cols, fmt.Sprintf("col%d", i+1))
	}
	return l
}

// groupOf returns the spec key of a file name ("orgs/*.tsv" for
// "orgs/x.tsv") and its spec.
func groupOf(name string) (string, spec, bool) {
	if sp, ok := specs[name]; ok {
		return name, sp, true
	}
	for pat, sp := range specs {
		if ok, _ := path.Match(pat, name); ok && strings.ContainsRune(pat, '*') {
			return pat, sp, true
		}
	}
	return "", spec{}, false
}

// Set is a set of lexicons: the embedded files, with user folders laid
// over them (Load). Its Read, Files and Hash answer for the overlay, so that
// every extractor built from a Set reads the user's entries without knowing
// of them. A nil or empty Set is the embedded files alone. A Set is not
// changed after Load, and is safe for concurrent use; two Sets in one
// process do not see each other's entries.
type Set struct {
	dirs []string
	rows map[string]*packed // file name -> its rows, embedded and user's
	fsys fs.FS
	hash string
}

// Load reads the user lexicon folders dirs and lays them over the embedded
// files, later folders over earlier ones. Every file is read and validated
// now: an error names the file and line. With no dirs it returns nil, the
// embedded files alone.
func Load(dirs ...string) (*Set, error) {
	if len(dirs) == 0 {
		return nil, nil
	}
	return load(dirs)
}

// Dirs returns the user lexicon folders of s.
func (s *Set) Dirs() []string {
	if s == nil {
		return nil
	}
	return slices.Clone(s.dirs)
}

// userFile is one file of a user folder.
type userFile struct {
	name, path string // lexicon name (orgs/x.tsv) and path on disk
	data       []byte
}

// userRow is a row of a user file, with the names it gives.
type userRow struct {
	Row
	name    string   // the lexicon file it is in (orgs/x.tsv)
	key     string   // its key, folded
	names   []string // its key and list entries, folded
	removes bool     // a "-NAME" line: key is the name removed
}

// load reads and validates every user file of dirs and overlays them.
func load(dirs []string) (*Set, error) {
	var ufs []userFile
	for _, dir := range dirs {
		st, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("lexicon: %w", err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("lexicon: %s is not a folder", dir)
		}
		err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !strings.HasSuffix(p, ".tsv") {
				return nil
			}
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			ufs = append(ufs, userFile{name: filepath.ToSlash(rel), path: p, data: data})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("lexicon: %w", err)
		}
	}
	o := &Set{dirs: slices.Clone(dirs), rows: map[string]*packed{}}
	groups := map[string][]userRow{} // spec key -> the user rows of its files
	names := map[string][]string{}   // spec key -> the user files' names
	hash := sha256.New()
	fmt.Fprintf(hash, "embedded\x00%s\x00", embeddedHash())
	for _, f := range ufs {
		g, sp, ok := groupOf(f.name)
		if !ok {
			return nil, fmt.Errorf("lexicon: %s: %s is not the name of a lexicon file (want one of %s)", f.path, f.name, knownNames())
		}
		rows, err := parseUser(f, g, sp)
		if err != nil {
			return nil, err
		}
		groups[g] = append(groups[g], rows...)
		if !slices.Contains(names[g], f.name) {
			names[g] = append(names[g], f.name)
		}
		fmt.Fprintf(hash, "%s\x00%d\x00", f.name, len(f.data))
		hash.Write(f.data)
	}
	o.hash = hex.EncodeToString(hash.Sum(nil))[:16]
	mapfs := fstest.MapFS{}
	_ = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := files.ReadFile(p)
			mapfs[p] = &fstest.MapFile{Data: b}
		}
		return nil
	})
	for _, f := range ufs {
		if mf, ok := mapfs[f.name]; ok {
			mf.Data = append(slices.Clip(mf.Data), append([]byte("\n"), f.data...)...)
		} else {
			mapfs[f.name] = &fstest.MapFile{Data: f.data}
		}
	}
	o.fsys = mapfs
	for g, urows := range groups {
		if err := o.overlayGroup(g, urows, names[g]); err != nil {
			return nil, err
		}
	}
	return o, nil
}

// knownNames lists the lexicon names a user file may have.
func knownNames() string {
	var ns []string
	for k := range specs {
		ns = append(ns, k)
	}
	sort.Strings(ns)
	return strings.Join(ns, ", ")
}

// fold is the form names are compared in: the normalised text, without
// the context-only mark ~ (lexicon/orgs/*.tsv).
func fold(s string) string {
	return normalize.Text(strings.TrimPrefix(strings.TrimSpace(s), "~"))
}

// parseUser reads the rows of a user file of group g.
func parseUser(f userFile, g string, sp spec) ([]userRow, error) {
	lay := layoutOf(g, sp)
	all := append(slices.Clone(lay.cols), lay.extra...)
	order := make([]int, len(all)) // column of the file -> column of all
	for i := range order {
		order[i] = i
	}
	var rows []userRow
	sc := bufio.NewScanner(bytes.NewReader(f.data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		at := lineAt{f.path, n}
		if rest, ok := strings.CutPrefix(line, "#columns"); ok {
			names := strings.Fields(rest)
			if len(names) == 0 {
				return nil, fmt.Errorf("%s: #columns names no column", at)
			}
			order = order[:0]
			for _, c := range names {
				k := slices.Index(all, c)
				if k < 0 {
					return nil, fmt.Errorf("%s: unknown column %q (the columns of %s are %s)", at, c, f.name, strings.Join(all, ", "))
				}
				if slices.Contains(order, k) {
					return nil, fmt.Errorf("%s: column %q named twice", at, c)
				}
				order = append(order, k)
			}
			if order[0] != 0 {
				return nil, fmt.Errorf("%s: the first column must be %q", at, all[0])
			}
			continue
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		raw := strings.Split(line, "\t")
		for i := range raw {
			raw[i] = strings.TrimSpace(raw[i])
		}
		for len(raw) > 1 && raw[len(raw)-1] == "" {
			raw = raw[:len(raw)-1]
		}
		if name, ok := strings.CutPrefix(raw[0], "-"); ok {
			if len(raw) > 1 || strings.TrimSpace(name) == "" {
				return nil, fmt.Errorf("%s: a removal line is -NAME alone", at)
			}
			rows = append(rows, userRow{Row: Row{Line: n, File: f.path}, name: f.name, key: fold(name), removes: true})
			continue
		}
		if len(raw) > len(order) {
			return nil, fmt.Errorf("%s: %d fields, but %s has %d columns (%s)", at, len(raw), f.name, len(order), colNames(all, order))
		}
		fields := make([]string, len(lay.cols))
		var id string
		for i, v := range raw {
			if k := order[i]; k < len(fields) {
				fields[k] = v
			} else if all[k] == "id" {
				id = v
			}
		}
		if fields[0] == "" {
			return nil, fmt.Errorf("%s: the first column (%s) is empty", at, all[0])
		}
		for len(fields) > sp.min && fields[len(fields)-1] == "" {
			fields = fields[:len(fields)-1]
		}
		if err := check(sp, fields); err != nil {
			return nil, fmt.Errorf("%s: %w", at, err)
		}
		r := userRow{Row: Row{Fields: fields, Line: n, File: f.path, ID: id}, name: f.name, key: fold(fields[0])}
		r.names = append(r.names, r.key)
		for _, li := range lay.lists {
			for _, a := range strings.Split(r.Field(li), "|") {
				if a = fold(a); a != "" && !slices.Contains(r.names, a) {
					r.names = append(r.names, a)
				}
			}
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("lexicon: %s: %w", f.path, err)
	}
	return rows, nil
}

// lineAt names a line of a file in an error message; it is formatted only
// when an error is.
type lineAt struct {
	path string
	line int
}

// String implements fmt.Stringer.
func (l lineAt) String() string { return fmt.Sprintf("lexicon: %s:%d", l.path, l.line) }

// colNames names the columns order picks.
func colNames(all []string, order []int) string {
	var s []string
	for _, k := range order {
		s = append(s, all[k])
	}
	return strings.Join(s, ", ")
}

// overlayGroup lays the user rows of a group (a file, or a pattern of files
// such as orgs/*.tsv) over its embedded files, and keeps the result of
// each file.
func (o *Set) overlayGroup(g string, urows []userRow, ufiles []string) error {
	sp := specs[g]
	lay := layoutOf(g, sp)
	// The user's keys and names, each given once.
	keyAt := make(map[string]int, len(urows))    // key -> index in urows
	nameAt := make(map[string]int, 2*len(urows)) // name -> index in urows
	removed := map[string]string{}
	for i, r := range urows {
		where := lineAt{r.File, r.Line}
		if r.removes {
			removed[r.key] = fmt.Sprintf("%s:%d", r.File, r.Line)
			continue
		}
		if k, dup := keyAt[r.key]; dup {
			return fmt.Errorf("%s: %q is given again (first at %s:%d)", where, r.Fields[0], urows[k].File, urows[k].Line)
		}
		keyAt[r.key] = i
		for _, a := range r.names {
			if k, dup := nameAt[a]; dup && urows[k].key != r.key {
				return fmt.Errorf("%s: name %q names %q, but %s:%d gave it to %q", where, a, r.Fields[0], urows[k].File, urows[k].Line, urows[k].Fields[0])
			}
			nameAt[a] = i
		}
	}
	for a, where := range removed {
		if _, ok := nameAt[a]; ok {
			return fmt.Errorf("lexicon: %s: %q is removed, but a user entry gives it", where, a)
		}
	}
	rowsOf := map[string][]Row{}
	defer func() {
		for name, rows := range rowsOf {
			o.rows[name] = pack(rows)
		}
	}()
	// The embedded files of the group, each overlaid.
	embedded, _ := fs.Glob(files, g)
	merged := make([]bool, len(urows))
	for _, name := range embedded {
		data, err := files.ReadFile(name)
		if err != nil {
			return err
		}
		rows, err := parse(name, data, 1, 1<<10)
		if err != nil {
			return err
		}
		out := rows[:0]
		for _, r := range rows {
			key := fold(r.Fields[0])
			if _, gone := removed[key]; gone {
				continue
			}
			if i, ok := keyAt[key]; ok { // every embedded row of the key
				out = append(out, complete(r, urows[i].Row, lay, removed, nameAt, i))
				merged[i] = true
				continue
			}
			if _, taken := nameAt[key]; taken {
				continue // the user's entry has its name
			}
			out = append(out, strip(r, lay, removed, nameAt, -1))
		}
		rowsOf[name] = out
	}
	// The user's new entries, under their own files' names.
	for _, name := range ufiles {
		if _, ok := rowsOf[name]; !ok {
			rowsOf[name] = []Row{} // its entries may all complete embedded ones
		}
		for i, r := range urows {
			if !r.removes && !merged[i] && r.name == name {
				if err := required(sp, lay, r); err != nil {
					return err
				}
				rowsOf[name] = append(rowsOf[name], r.Row)
			}
		}
	}
	return nil
}

// required checks that a new user entry fills its spec's required columns
// (a list of names may be empty: the key is a name).
func required(sp spec, lay layout, r userRow) error {
	for i := 0; i < sp.min; i++ {
		if r.Field(i) == "" && !slices.Contains(lay.lists, i) {
			return fmt.Errorf("lexicon: %s:%d: a new entry needs its column %q (no embedded entry has the key %q)", r.File, r.Line, lay.cols[i], r.Fields[0])
		}
	}
	return nil
}

// complete returns the embedded row r completed by the user's row u of the
// same key: u's non-empty fields replace r's, and name lists are joined.
func complete(r, u Row, lay layout, removed map[string]string, nameAt map[string]int, self int) Row {
	r = strip(r, lay, removed, nameAt, self)
	f := slices.Clone(r.Fields)
	for len(f) < len(u.Fields) {
		f = append(f, "")
	}
	for i, v := range u.Fields {
		switch {
		case v == "":
		case slices.Contains(lay.lists, i) && f[i] != "":
			have := strings.Split(f[i], "|")
			for _, a := range strings.Split(v, "|") {
				if a = strings.TrimSpace(a); a != "" && !slices.Contains(have, a) {
					have = append(have, a)
				}
			}
			f[i] = strings.Join(have, "|")
		default:
			f[i] = v
		}
	}
	return Row{Fields: f, Line: u.Line, File: u.File, ID: u.ID}
}

// strip returns r without the names of its lists that the user removes or
// gives to another entry than urows[self].
func strip(r Row, lay layout, removed map[string]string, nameAt map[string]int, self int) Row {
	var f []string
	for _, li := range lay.lists {
		v := r.Field(li)
		if v == "" {
			continue
		}
		parts := strings.Split(v, "|")
		keep := parts[:0:0]
		for _, a := range parts {
			k := fold(a)
			_, gone := removed[k]
			at, taken := nameAt[k]
			if gone || taken && at != self {
				continue
			}
			keep = append(keep, a)
		}
		if len(keep) == len(parts) {
			continue
		}
		if f == nil {
			f = slices.Clone(r.Fields)
		}
		f[li] = strings.Join(keep, "|")
	}
	if f != nil {
		r.Fields = f
	}
	return r
}

// packed holds the rows of a file in one string and slices of numbers, so
// that the garbage collector, which traces every pointer of the live heap
// on each of its cycles, does not trace 100,000 rows of a user's list
// through a whole run.
type packed struct {
	text  string      // the fields and the id of every row, one after another
	cuts  []uint32    // text[cuts[k]:cuts[k+1]] is field k of the file
	rows  []packedRow // each row's first field k and count
	files []string    // the File of the rows, by index
}

// packedRow is one row of packed: fields first…first+n-1 and its id
// (field first+n).
type packedRow struct {
	first uint32
	n     uint16
	file  uint16
	line  int32
}

// pack packs rows.
func pack(rows []Row) *packed {
	p := &packed{rows: make([]packedRow, 0, len(rows)), cuts: []uint32{0}}
	var b strings.Builder
	fileAt := map[string]uint16{}
	for _, r := range rows {
		f, ok := fileAt[r.File]
		if !ok {
			f = uint16(len(p.files))
			fileAt[r.File] = f
			p.files = append(p.files, r.File)
		}
		p.rows = append(p.rows, packedRow{first: uint32(len(p.cuts) - 1), n: uint16(len(r.Fields)), file: f, line: int32(r.Line)})
		for _, v := range r.Fields {
			b.WriteString(v)
			p.cuts = append(p.cuts, uint32(b.Len()))
		}
		b.WriteString(r.ID)
		p.cuts = append(p.cuts, uint32(b.Len()))
	}
	p.text = b.String()
	return p
}

// unpack returns the rows; their fields are substrings of p.text.
func (p *packed) unpack() []Row {
	out := make([]Row, len(p.rows))
	fields := make([]string, 0, len(p.cuts))
	for i, r := range p.rows {
		k := int(r.first)
		start := len(fields)
		for j := k; j < k+int(r.n); j++ {
			fields = append(fields, p.text[p.cuts[j]:p.cuts[j+1]])
		}
		out[i] = Row{Fields: fields[start:len(fields):len(fields)], Line: int(r.line), File: p.files[r.file],
			ID: p.text[p.cuts[k+int(r.n)]:p.cuts[k+int(r.n)+1]]}
	}
	return out
}
