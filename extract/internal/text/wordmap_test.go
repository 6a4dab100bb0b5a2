package text

import (
	"fmt"
	"testing"
)

// TestWordSetWith: the longest word of the trie or of the hash index beside
// it, many words, words of one rune, repeated words, and no word found
// where the bitset of pairs lets a position through by a collision.
func TestWordSetWith(t *testing.T) {
	var more []string
	for i := 0; i < 20000; i++ {
		more = append(more, fmt.Sprintf("客户%d号", i))
	}
	more = append(more, "甲", "客户1号", "星河智造科技有限公司", "星河智造")
	w, err := NewWordSetWith([]string{"星河", "华为技术有限公司", "华为"}, more)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ s, want string }{
		{"星河智造科技有限公司今日发布", "星河智造科技有限公司"},
		{"星河智造发布", "星河智造"},
		{"星河的光", "星河"},
		{"华为技术有限公司", "华为技术有限公司"},
		{"客户19999号到访", "客户19999号"},
		{"客户20000号到访", ""},
		{"客户1号", "客户1号"},
		{"甲乙", "甲"},
		{"乙甲", ""},
		{"", ""},
	} {
		if got := w.Longest(c.s); got != c.want {
			t.Errorf("Longest(%q) = %q, want %q", c.s, got, c.want)
		}
		if c.s != "" {
			if got := w.LongestAt(c.s, FirstRune(c.s)); got != c.want {
				t.Errorf("LongestAt(%q) = %q, want %q", c.s, got, c.want)
			}
		}
	}
	if w.Contained("他说客户42号和乙") != "客户42号" {
		t.Error("Contained misses a word of the index")
	}
}
