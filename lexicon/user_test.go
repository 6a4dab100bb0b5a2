package lexicon

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cnie/cnie/normalize"
)

// writeDir writes files (lexicon name -> content) into a new folder.
func writeDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// use loads dirs over the embedded files for the test.
func use(t *testing.T, dirs ...string) *Set {
	t.Helper()
	s, err := Load(dirs...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// orgRows reads every organisation row of s, by canonical; the rows of one
// canonical (in two files) are joined.
func orgRows(t *testing.T, s *Set) map[string]Row {
	t.Helper()
	names, err := fs.Glob(s.Files(), "orgs/*.tsv")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Row{}
	for _, n := range names {
		rows, err := s.Read(n, 2, 3)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if prev, dup := out[r.Fields[0]]; dup {
				if prev.ID != r.ID {
					t.Errorf("%s: canonical %q with ids %q and %q", n, r.Fields[0], prev.ID, r.ID)
				}
				r.Fields = slices.Clone(r.Fields)
				r.Fields[1] += "|" + prev.Field(1)
			}
			out[r.Fields[0]] = r
		}
	}
	return out
}

func aliases(r Row) []string { return strings.Split(r.Field(1), "|") }

// TestUserOrgs: a user's organisations are new entries with their ids, or
// complete an embedded entry of the same canonical; a user's alias is taken
// from the embedded entry that had it; a removal line takes an alias, or a
// whole entry, away.
func TestUserOrgs(t *testing.T) {
	before := orgRows(t, nil)
	wanda, ok := before["大连万达集团股份有限公司"]
	if !ok || !slices.Contains(aliases(wanda), "万达") {
		t.Fatalf("the embedded 万达 entry changed: %+v", wanda)
	}
	if _, ok := before["中国恒大集团"]; !ok || !slices.Contains(aliases(before["贵州茅台酒股份有限公司"]), "贵州茅台") {
		t.Fatal("the embedded 恒大 or 茅台 entry changed")
	}
	hash := Hash()
	dir := writeDir(t, map[string]string{
		"orgs/clients.tsv": "# our clients\n#columns\tcanonical\tid\taliases\n" +
			"万达信息股份有限公司\tC-17\t万达信息|万达\n" + // takes 万达 from the Dalian group
			"星河智造科技有限公司\tC-18\t星河智造\n" +
			"大连万达集团股份有限公司\tC-19\t万达集团\n" + // completes the embedded entry
			"-中国恒大集团\n" +
			"-贵州茅台\n",
	})
	s := use(t, dir)
	if s.Hash() == hash || len(s.Hash()) != 16 {
		t.Errorf("the hash %q does not cover the user's files", s.Hash())
	}
	rows := orgRows(t, s)
	if r := rows["万达信息股份有限公司"]; r.ID != "C-17" || !slices.Contains(aliases(r), "万达") || !strings.HasSuffix(r.File, "clients.tsv") || r.Line != 3 {
		t.Errorf("new entry: %+v", r)
	}
	if r := rows["星河智造科技有限公司"]; r.ID != "C-18" {
		t.Errorf("new entry: %+v", r)
	}
	w := rows["大连万达集团股份有限公司"]
	if w.ID != "C-19" || slices.Contains(aliases(w), "万达") || !slices.Contains(aliases(w), "万达集团") || w.Field(2) != wanda.Field(2) {
		t.Errorf("completed entry: %+v (was %+v)", w, wanda)
	}
	if _, ok := rows["中国恒大集团"]; ok {
		t.Error("a removed entry is still there")
	}
	if r := rows["贵州茅台酒股份有限公司"]; slices.Contains(aliases(r), "贵州茅台") || !slices.Contains(aliases(r), "贵州茅台酒股份有限公司") {
		t.Errorf("after removing the alias 贵州茅台: %+v", r)
	}
	// The embedded lexicons, and an empty Set, are as they were.
	for _, e := range []*Set{nil, {}} {
		if e.Hash() != hash || !slices.Contains(aliases(orgRows(t, e)["大连万达集团股份有限公司"]), "万达") {
			t.Errorf("loading a Set changed the embedded lexicons (%v)", e)
		}
	}
	if Hash() != hash {
		t.Errorf("Hash() = %s, want the embedded %s", Hash(), hash)
	}
	if e, err := Load(); err != nil || e.Hash() != hash || e.Dirs() != nil {
		t.Errorf("Load() = %v, %v: want the embedded lexicons", e, err)
	}
}

// TestUserFilesOverlayByName: a user's currencies.tsv, units.tsv and
// countries.tsv are laid over the embedded files of the same names; a row
// of a country's code adds aliases to the embedded country.
func TestUserFilesOverlayByName(t *testing.T) {
	dir := writeDir(t, map[string]string{
		"currencies.tsv": "泰达币\tUSD\n比索\tPHP\n", // a new word; a word the user reads otherwise
		"units.tsv":      "标准箱\tmeasure\n",
		"countries.tsv":  "#columns code aliases\nUS\t花旗国\n",
	})
	s := use(t, dir)
	cur, err := s.Read("currencies.tsv", 2, 2)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range cur {
		if prev, dup := got[r.Fields[0]]; dup {
			t.Errorf("%s twice (%s, %s)", r.Fields[0], prev, r.Fields[1])
		}
		got[r.Fields[0]] = r.Fields[1]
	}
	if got["泰达币"] != "USD" || got["比索"] != "PHP" || got["人民币"] != "CNY" {
		t.Errorf("currencies: 泰达币 %q, 比索 %q, 人民币 %q", got["泰达币"], got["比索"], got["人民币"])
	}
	units, err := s.Read("units.tsv", 2, 2)
	if err != nil || !slices.ContainsFunc(units, func(r Row) bool { return r.Fields[0] == "标准箱" }) {
		t.Errorf("units: %v", err)
	}
	cs, err := s.Read("countries.tsv", 4, 6)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range cs {
		if r.Fields[0] == "US" && (r.Fields[1] != "美国" || !strings.Contains(r.Fields[3], "美利坚") || !strings.Contains(r.Fields[3], "花旗国")) {
			t.Errorf("US: %v", r.Fields)
		}
	}
}

// TestUserFilesValidated: a bad user file is an error naming the file and
// line, and no Set is made.
func TestUserFilesValidated(t *testing.T) {
	hash := Hash()
	for _, c := range []struct {
		files map[string]string
		want  string
	}{
		{map[string]string{"orgs/a.tsv": "#columns canonical aliases sector\n"}, `a.tsv:1: unknown column "sector"`},
		{map[string]string{"orgs/a.tsv": "# x\n甲公司\t甲司\t\t\t\n甲乙有限公司\t甲乙|甲乙丙\tcompany\tX-1\tmore\n"}, "a.tsv:3: 5 fields"},
		{map[string]string{"orgs/a.tsv": "甲乙有限公司\t甲乙\n", "orgs/b.tsv": "\n甲乙丙有限公司\t甲乙\n"}, `names "甲乙丙有限公司", but`},
		{map[string]string{"orgs/a.tsv": "甲乙有限公司\t甲乙\n甲乙有限公司\t甲乙公司\n"}, `a.tsv:2: "甲乙有限公司" is given again (first at `},
		{map[string]string{"orgs/a.tsv": "甲乙有限公司\t甲乙\n-甲乙\n"}, `a.tsv:2: "甲乙" is removed, but a user entry gives it`},
		{map[string]string{"orgs/a.tsv": "-万达\t万达集团\n"}, "a.tsv:1: a removal line is -NAME alone"},
		{map[string]string{"units.tsv": "# u\n标准箱\tbox\n"}, `units.tsv:2: field 2 is "box", not one of`},
		{map[string]string{"unit.tsv": "标准箱\tmeasure\n"}, "unit.tsv is not the name of a lexicon file"},
		{map[string]string{"countries.tsv": "#columns code aliases\nZZ\t乌有国\n"}, `countries.tsv:2: a new entry needs its column "name"`},
		{map[string]string{"patterns/p.tsv": "r1\tx-code\n"}, `p.tsv:1: a new entry needs its column "pattern"`},
	} {
		dir := writeDir(t, c.files)
		s, err := Load(dir)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), dir) {
			t.Errorf("%v: got %v, want an error with %q and the path", c.files, err, c.want)
		}
		if s != nil || Hash() != hash {
			t.Errorf("%v: a failed Load made a Set or changed the lexicons", c.files)
		}
	}
	// Two files give one alias two canonicals: both places are named.
	dir := writeDir(t, map[string]string{"orgs/a.tsv": "甲乙有限公司\t甲乙\n", "orgs/b.tsv": "\n甲乙丙有限公司\t甲乙\n"})
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "a.tsv:1") || !strings.Contains(err.Error(), "b.tsv:2") {
		t.Errorf("an alias with two canonicals: %v", err)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "none")); err == nil {
		t.Error("a missing folder is no error")
	}
}

// TestLaterFolderAndFiles: user files are listed by Files beside the
// embedded ones, and a later folder's entry completes an earlier one's only
// through its own key.
func TestLaterFolderAndFiles(t *testing.T) {
	a := writeDir(t, map[string]string{"orgs/a.tsv": "甲乙有限公司\t甲乙\n", "patterns/p.tsv": "code\tx-code\t[A-Z]{2}\\d{4}\n"})
	b := writeDir(t, map[string]string{"orgs/b.tsv": "丙丁有限公司\t丙丁\n"})
	s := use(t, a, b)
	if got := s.Dirs(); !slices.Equal(got, []string{a, b}) {
		t.Errorf("Dirs() = %v", got)
	}
	for _, n := range []string{"orgs/a.tsv", "orgs/b.tsv", "patterns/p.tsv", "orgs/gov.tsv"} {
		if _, err := fs.Stat(s.Files(), n); err != nil {
			t.Errorf("Files() has no %s: %v", n, err)
		}
	}
	if _, err := fs.Stat(Files(), "orgs/a.tsv"); err == nil {
		t.Error("the embedded Files() list a user's file")
	}
	if rows, err := s.Read("patterns/p.tsv", 3, 5); err != nil || len(rows) != 1 || rows[0].Field(2) != `[A-Z]{2}\d{4}` {
		t.Errorf("patterns: %v %v", rows, err)
	}
	if got := Columns("orgs/x.tsv"); !slices.Equal(got, []string{"canonical", "aliases", "kind", "id"}) {
		t.Errorf("Columns = %v", got)
	}
}

// TestFoldIsNormalize: the quick path of fold gives what normalize.New
// gives, on every name of the embedded lists and on forms it must fold.
func TestFoldIsNormalize(t *testing.T) {
	names := []string{"臺灣積體電路製造", "ＡＢＣ银行", "中国 银行", "Saudi Aramco", "~美的", "（集团）", "華為"}
	for g, lay := range layouts {
		ns, _ := fs.Glob(files, g)
		for _, n := range ns {
			rows, err := Read(n, 1, 16)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				names = append(names, r.Fields[0])
				for _, li := range lay.lists {
					names = append(names, strings.Split(r.Field(li), "|")...)
				}
			}
		}
	}
	if len(names) < 5000 {
		t.Fatalf("only %d names", len(names))
	}
	for _, n := range names {
		want := normalize.New(strings.TrimPrefix(strings.TrimSpace(n), "~")).Text
		if got := fold(n); got != want {
			t.Errorf("fold(%q) = %q, normalize gives %q", n, got, want)
		}
	}
}

// TestSetsApart: two Sets loaded in one process each answer for their own
// folders only, whichever was loaded last.
func TestSetsApart(t *testing.T) {
	a := use(t, writeDir(t, map[string]string{"orgs/a.tsv": "甲乙有限公司\t甲乙\n", "currencies.tsv": "泰达币\tUSD\n"}))
	b := use(t, writeDir(t, map[string]string{"orgs/b.tsv": "丙丁有限公司\t丙丁\n"}))
	ra, rb := orgRows(t, a), orgRows(t, b)
	if _, ok := ra["甲乙有限公司"]; !ok {
		t.Error("set a lost its own entry")
	}
	if _, ok := ra["丙丁有限公司"]; ok {
		t.Error("set a sees set b's entry")
	}
	if _, ok := rb["丙丁有限公司"]; !ok {
		t.Error("set b lost its own entry")
	}
	if _, ok := rb["甲乙有限公司"]; ok {
		t.Error("set b sees set a's entry")
	}
	cur, err := b.Read("currencies.tsv", 2, 2)
	if err != nil || slices.ContainsFunc(cur, func(r Row) bool { return r.Fields[0] == "泰达币" }) {
		t.Errorf("set b reads set a's currency (%v)", err)
	}
	if a.Hash() == b.Hash() || a.Hash() == Hash() || b.Hash() == Hash() {
		t.Errorf("hashes: a %s, b %s, embedded %s", a.Hash(), b.Hash(), Hash())
	}
}
