package segment

import (
	"strings"
	"testing"
)

func TestCut(t *testing.T) {
	s, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	text := "阿联酋Sun管理咨询公司首席执行官说，天津市发展改革委主任戴永康出席。"
	toks := s.Cut(text, nil)
	if len(toks) < 8 {
		t.Fatalf("got %d tokens: %v", len(toks), toks)
	}
	// Tokens tile the text: each starts where the last ended.
	at := 0
	var words []string
	for _, tk := range toks {
		if tk.Start != at || tk.End <= tk.Start {
			t.Fatalf("token %v does not continue at %d", tk, at)
		}
		words = append(words, text[tk.Start:tk.End]+"/"+tk.Pos)
		at = tk.End
	}
	if at != len(text) {
		t.Fatalf("tokens end at %d of %d", at, len(text))
	}
	got := strings.Join(words, " ")
	for _, w := range []string{"阿联酋/ns", "天津市/ns", "Sun/"} {
		if !strings.Contains(got, w) {
			t.Errorf("segmentation %q lacks %q", got, w)
		}
	}
	if pos, ok := s.Lookup("天津市"); !ok || pos != "ns" {
		t.Errorf("Lookup(天津市) = %q, %v", pos, ok)
	}
	if s2, _ := Load(); s2 != s {
		t.Error("Load built a second Segmenter")
	}
}
