// Command gen compiles OpenCC's traditional-to-simplified dictionaries into
// the fold table that package normalize embeds (normalize/data/t2s.tsv).
//
// It reads the binary dictionaries of an installed OpenCC (Debian: apt-get
// install opencc; they sit in /usr/share/opencc) through the opencc_dict
// tool, and composes the Taiwan and Hong Kong variant tables with
// TSCharacters and TSPhrases, as OpenCC's tw2s and hk2s conversions chain
// them, into one table from what is written to its simplified form:
//
//	go generate ./normalize   (runs: go run ./internal/gen -dir /usr/share/opencc -o data/t2s.tsv)
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

func main() {
	dir := flag.String("dir", "/usr/share/opencc", "folder of OpenCC's .ocd2 dictionaries")
	out := flag.String("o", "data/t2s.tsv", "table to write")
	flag.Parse()
	if err := run(*dir, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// table is one OpenCC dictionary: a key and its candidates, the preferred
// one first, in file order.
type table struct {
	keys []string
	m    map[string][]string
}

func load(dir, name string) (*table, error) {
	tmp, err := os.CreateTemp("", name+"-*.txt")
	if err != nil {
		return nil, err
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	cmd := exec.Command("opencc_dict", "-i", filepath.Join(dir, name+".ocd2"), "-o", tmp.Name(), "-f", "ocd2", "-t", "text")
	if b, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("opencc_dict %s: %v: %s", name, err, b)
	}
	data, err := os.ReadFile(tmp.Name())
	if err != nil {
		return nil, err
	}
	t := &table{m: map[string][]string{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" {
			continue
		}
		k, v, ok := strings.Cut(line, "\t")
		if !ok || k == "" || v == "" {
			return nil, fmt.Errorf("%s.ocd2 line %d: not key<TAB>values: %q", name, n, line)
		}
		if _, dup := t.m[k]; !dup {
			t.keys = append(t.keys, k)
		}
		t.m[k] = strings.Fields(v)
	}
	return t, sc.Err()
}

func first(t *table, k string) (string, bool) {
	if v, ok := t.m[k]; ok {
		return v[0], true
	}
	return "", false
}

// staysSimplified lists variants that the tables above do not show to be
// simplified characters already: 抬 is what simplified text writes, and
// Hong Kong's 抬 -> 擡 would take it away from it.
var staysSimplified = map[string]bool{"抬": true}

// isTradOf reports whether STCharacters gives trad as a traditional form of
// the simplified character simp.
func isTradOf(stc *table, trad, simp string) bool {
	for _, v := range stc.m[simp] {
		if v == trad && v != simp {
			return true
		}
	}
	return false
}

func first1(t *table, k string) string {
	v, _ := first(t, k)
	return v
}

func version() string {
	b, _ := exec.Command("opencc", "--version").CombinedOutput()
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "Version:") {
			return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "Version:"))
		}
	}
	return "unknown"
}

func debVersion() string {
	b, err := exec.Command("dpkg-query", "-W", "-f", "${Version}", "libopencc-data").Output()
	if err != nil {
		return "not a Debian package"
	}
	return string(b)
}

func run(dir, out string) error {
	names := []string{"TSCharacters", "TSPhrases", "STCharacters", "TWVariantsRev", "TWVariantsRevPhrases", "HKVariantsRev", "HKVariantsRevPhrases"}
	t := map[string]*table{}
	for _, n := range names {
		x, err := load(dir, n)
		if err != nil {
			return err
		}
		t[n] = x
	}
	tsc, tsp, stc := t["TSCharacters"], t["TSPhrases"], t["STCharacters"]

	// Characters: a variant form goes to OpenCC's standard form first
	// (Taiwan's table, then Hong Kong's), then to simplified.
	chars := map[string]string{}
	var warn []string
	toSimp := func(c string) string {
		if s, ok := first(tsc, c); ok {
			return s
		}
		return c
	}
	var keys []string
	add := func(k, v string) {
		if k == v {
			return
		}
		if old, ok := chars[k]; ok {
			if old != v {
				warn = append(warn, fmt.Sprintf("%s: %s (kept) or %s", k, old, v))
			}
			return
		}
		chars[k] = v
		keys = append(keys, k)
	}
	for _, k := range tsc.keys {
		add(k, toSimp(k))
	}
	// Simplified forms: every candidate TSCharacters gives and every key of
	// STCharacters is a character of simplified text.
	simp := map[string]bool{}
	for _, k := range tsc.keys {
		for _, v := range tsc.m[k] {
			simp[v] = true
		}
	}
	for _, k := range stc.keys {
		simp[k] = true
	}
	for _, n := range []string{"TWVariantsRev", "HKVariantsRev"} {
		for _, k := range t[n].keys {
			v := toSimp(first1(t[n], k))
			// A variant that is itself the simplified form of its standard
			// form, or a simplified character whose standard form is not
			// one (抬 -> 擡, 么 -> 幺), stays.
			if isTradOf(stc, v, k) || simp[k] && !simp[v] || staysSimplified[k] {
				continue
			}
			add(k, v)
		}
	}

	// convert turns standard traditional text to simplified the way OpenCC
	// does: the longest TSPhrases key at each place, else character by
	// character.
	maxLen := 0
	for _, k := range tsp.keys {
		maxLen = max(maxLen, utf8.RuneCountInString(k))
	}
	convert := func(s string) string {
		r := []rune(s)
		var b strings.Builder
		for i := 0; i < len(r); {
			done := false
			for n := min(maxLen, len(r)-i); n >= 2; n-- {
				if v, ok := first(tsp, string(r[i:i+n])); ok {
					b.WriteString(v)
					i += n
					done = true
					break
				}
			}
			if !done {
				b.WriteString(toSimp(string(r[i])))
				i++
			}
		}
		return b.String()
	}

	// Variant forms of each standard character, to spell TSPhrases keys the
	// way Taiwan and Hong Kong text writes them.
	variants := map[rune][]rune{}
	for _, n := range []string{"TWVariantsRev", "HKVariantsRev"} {
		for _, k := range t[n].keys {
			std, _ := first(t[n], k)
			sr, kr := []rune(std), []rune(k)
			if len(sr) == 1 && len(kr) == 1 && sr[0] != kr[0] {
				variants[sr[0]] = append(variants[sr[0]], kr[0])
			}
		}
	}
	phrases := map[string]string{}
	var pkeys []string
	addPhrase := func(k, v string) {
		if old, ok := phrases[k]; ok {
			if old != v {
				warn = append(warn, fmt.Sprintf("phrase %s: %s (kept) or %s", k, old, v))
			}
			return
		}
		phrases[k] = v
		pkeys = append(pkeys, k)
	}
	for _, n := range []string{"TWVariantsRevPhrases", "HKVariantsRevPhrases"} {
		for _, k := range t[n].keys {
			std, _ := first(t[n], k)
			addPhrase(k, convert(std))
		}
	}
	for _, k := range tsp.keys {
		v, _ := first(tsp, k)
		spell := []string{""}
		for _, r := range k {
			var next []string
			for _, p := range spell {
				next = append(next, p+string(r))
				if len(spell) <= 8 {
					for _, vr := range variants[r] {
						next = append(next, p+string(vr))
					}
				}
			}
			spell = next
		}
		for _, s := range spell {
			addPhrase(s, v)
		}
	}

	var b strings.Builder
	fmt.Fprintf(&b, `# normalize/data/t2s.tsv - what traditional and variant Chinese characters fold to in the view the
# extractors read. GENERATED by normalize/internal/gen (go generate ./normalize); do not edit by hand.
#
# Source: OpenCC (https://github.com/BYVoid/OpenCC), Apache License 2.0, dictionaries of OpenCC %s
# (Debian package libopencc-data %s): TSCharacters, TSPhrases, STCharacters, TWVariantsRev,
# TWVariantsRevPhrases, HKVariantsRev, HKVariantsRevPhrases, composed as OpenCC's tw2s and hk2s chain them
# (a Taiwan or Hong Kong variant goes to OpenCC's standard form, then to simplified; the first candidate of
# a key is taken).
#
# Format: kind<TAB>written<TAB>simplified
#   t  a character that only traditional text writes, and its simplified form
#   a  a character that simplified text writes too (乾, 著, 於 ...): folded only in text that is traditional
#   p  a phrase, whose fold wins over its characters' (the longest at each place, OpenCC's TSPhrases and
#      the variant phrase tables, spelt also with the Taiwan and Hong Kong variant characters)
#   s  a character that only simplified text writes (no third column); it counts toward the script
`, version(), debVersion())
	sort.Strings(keys)
	for _, k := range keys {
		kind := "t"
		if _, std := tsc.m[k]; simp[k] || !std {
			kind = "a"
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\n", kind, k, chars[k])
	}
	sort.Strings(pkeys)
	for _, k := range pkeys {
		fmt.Fprintf(&b, "p\t%s\t%s\n", k, phrases[k])
	}
	var hans []string
	for _, k := range stc.keys {
		own := false
		for _, v := range stc.m[k] {
			own = own || v == k
		}
		if _, trad := chars[k]; !own && !trad && utf8.RuneCountInString(k) == 1 {
			hans = append(hans, k)
		}
	}
	sort.Strings(hans)
	for _, k := range hans {
		fmt.Fprintf(&b, "s\t%s\n", k)
	}
	for _, w := range warn {
		fmt.Fprintln(os.Stderr, "gen: conflict:", w)
	}
	return os.WriteFile(out, []byte(b.String()), 0o644)
}
