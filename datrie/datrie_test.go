package datrie

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// longestNaive is the contract: the longest word that s starts with.
func longestNaive(words []string, s string) int {
	best := 0
	for _, w := range words {
		if strings.HasPrefix(s, w) && len(w) > best {
			best = len(w)
		}
	}
	return best
}

func TestLongestMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"中", "国", "人", "民", "银", "行", "a", "b", "ab", "é", "集团", "公司", "\x01", "\xfe"}
	gen := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		return b.String()
	}
	for round := 0; round < 200; round++ {
		var words []string
		for i := rng.IntN(60); i >= 0; i-- {
			words = append(words, gen(1+rng.IntN(5)))
		}
		tr, err := New(words)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 200; i++ {
			s := gen(rng.IntN(8))
			if rng.IntN(8) == 0 {
				s += "\x00\xff"
			}
			if got, want := tr.Longest(s), longestNaive(words, s); got != want {
				t.Fatalf("words %q: Longest(%q) = %d, want %d", words, s, got, want)
			}
		}
		for _, w := range words {
			if !tr.Contains(w) {
				t.Fatalf("words %q: Contains(%q) = false", words, w)
			}
		}
	}
}

func TestEdges(t *testing.T) {
	var zero Trie
	if zero.Longest("abc") != 0 || zero.Contains("a") {
		t.Error("the zero Trie matched")
	}
	var nilTrie *Trie
	if nilTrie.Longest("abc") != 0 {
		t.Error("a nil Trie matched")
	}
	empty, err := New(nil)
	if err != nil || empty.Longest("abc") != 0 {
		t.Errorf("New(nil) = %v, %v", empty, err)
	}
	for _, bad := range []string{"", "a\x00b", "\xff"} {
		if _, err := New([]string{"ok", bad}); err == nil {
			t.Errorf("New accepted %q", bad)
		}
	}
	tr, err := New([]string{"上海", "上海合作组织", "上海市", "上海"})
	if err != nil {
		t.Fatal(err)
	}
	for s, want := range map[string]int{"上海合作组织峰会": len("上海合作组织"), "上海合作": len("上海"),
		"上海市长": len("上海市"), "上": 0, "": 0, "海": 0} {
		if got := tr.Longest(s); got != want {
			t.Errorf("Longest(%q) = %d, want %d", s, got, want)
		}
	}
	if tr.Contains("上海合作") || !tr.Contains("上海市") || tr.Contains("") {
		t.Error("Contains is wrong")
	}
}

func TestBuildValues(t *testing.T) {
	words := []string{"乙", "甲乙", "甲", "甲乙丙"}
	base, label, err := Build(words, []int32{10, 11, 12, 13})
	if err != nil {
		t.Fatal(err)
	}
	value := func(w string) int32 {
		s := int32(0)
		for i := 0; i < len(w); i++ {
			next := base[s] + int32(w[i])
			if label[next] != w[i] {
				return -1
			}
			s = next
		}
		if end := base[s]; label[end] == terminal {
			return base[end]
		}
		return -1
	}
	for i, w := range words {
		if got := value(w); got != int32(10+i) {
			t.Errorf("value(%q) = %d, want %d", w, got, 10+i)
		}
	}
	if value("甲乙丙丁") != -1 || value("丙") != -1 {
		t.Error("a non-word has a value")
	}
	if _, _, err := Build([]string{"a", "a"}, []int32{1, 2}); err == nil {
		t.Error("Build accepted a word twice")
	}
	if _, _, err := Build([]string{"a"}, nil); err == nil {
		t.Error("Build accepted words without values")
	}
}
