// Package lexicon holds the word lists the extractors use, as plain
// tab-separated files embedded in the binary, so that a linguist can edit
// them without reading Go. Every file names its sources in its header.
//
// File format: UTF-8, one entry per line, fields separated by tabs; blank
// lines and lines starting with # are ignored.
package lexicon

import (
	"bufio"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

//go:embed *.tsv orgs/*.tsv
var files embed.FS

// Row is one entry of a lexicon file: its fields and where it stands.
type Row struct {
	Fields []string
	// Line is the 1-based line number in the file, for error messages.
	Line int
}

// Field returns field i, or "" if the row is shorter.
func (r Row) Field(i int) string {
	if i < len(r.Fields) {
		return r.Fields[i]
	}
	return ""
}

// Read returns the rows of the named embedded file (for instance
// "currencies.tsv"). A row must have between minFields and maxFields fields;
// another row is an error naming the file and line.
func Read(name string, minFields, maxFields int) ([]Row, error) {
	data, err := files.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	var rows []Row
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		for len(f) > minFields && f[len(f)-1] == "" {
			f = f[:len(f)-1]
		}
		if len(f) < minFields || len(f) > maxFields || f[0] == "" {
			return nil, fmt.Errorf("lexicon: %s:%d: want %d to %d tab-separated fields, got %d", name, n, minFields, maxFields, len(f))
		}
		rows = append(rows, Row{Fields: f, Line: n})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("lexicon: %s: %w", name, err)
	}
	return rows, nil
}

// Hash returns a short hex digest of every embedded lexicon file, names and
// contents, so that output can say which lexicons made it.
func Hash() string {
	h := sha256.New()
	var names []string
	_ = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return nil
	})
	sort.Strings(names)
	for _, n := range names {
		b, _ := files.ReadFile(n)
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Files returns the embedded lexicon files, for listing a folder of them
// (orgs/*.tsv).
func Files() fs.FS { return files }
