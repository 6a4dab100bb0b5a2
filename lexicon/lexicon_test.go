package lexicon

import (
	"io/fs"
	"strings"
	"testing"
)

// TestEveryFileHasSourcesAndParses: each lexicon names its sources in its
// header and reads without error.
func TestEveryFileHasSourcesAndParses(t *testing.T) {
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := files.ReadFile(p)
		var head strings.Builder
		for _, line := range strings.Split(string(b), "\n") {
			if !strings.HasPrefix(line, "#") {
				break
			}
			head.WriteString(line)
		}
		if !strings.Contains(strings.ToLower(head.String()), "source") {
			t.Errorf("%s: header names no sources", p)
		}
		if _, err := Read(p, 1, 16); err != nil {
			t.Error(err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestReadChecksFields(t *testing.T) {
	rows, err := Read("currencies.tsv", 2, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 50 || rows[0].Field(1) != "CNY" || rows[0].Line < 10 {
		t.Errorf("currencies.tsv: %d rows, first %+v", len(rows), rows[0])
	}
	if _, err := Read("currencies.tsv", 3, 3); err == nil || !strings.Contains(err.Error(), "currencies.tsv:") {
		t.Errorf("a row with too few fields: %v", err)
	}
	if _, err := Read("nope.tsv", 1, 1); err == nil {
		t.Error("a missing file read without error")
	}
	if h := Hash(); len(h) != 16 || h != Hash() {
		t.Errorf("Hash() = %q", h)
	}
}

// TestClosedFieldsAreChecked: a value outside a field's closed set, or a
// file no spec describes, is an error naming the file and line.
func TestClosedFieldsAreChecked(t *testing.T) {
	for _, c := range []struct{ name, data, want string }{
		{"org_context.tsv", "# h\n集团\tlist-tail\n联盟\tlist-tale\n", "org_context.tsv:3: field 2 is \"list-tale\""},
		{"units.tsv", "吨\tmeasure\n个\tcount\n", "units.tsv:2: field 2 is \"count\""},
		{"org_heads.tsv", "大学\tstrong\tpart\n公司\tstrong\tparts\n", "org_heads.tsv:2: field 3"},
		{"orgs/new.tsv", "甲\n", "orgs/new.tsv:1: want 2 to 3"},
		{"unknown.tsv", "甲\n", "unknown.tsv: no entry in specs"},
	} {
		_, err := parse(c.name, []byte(c.data), 1, 16)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
	if _, err := parse("org_context.tsv", []byte("集团\tlist-tail\n"), 2, 2); err != nil {
		t.Error(err)
	}
}
