package text

import (
	"testing"
	"unicode/utf8"
)

func TestWordSetLongest(t *testing.T) {
	ws, err := NewWordSet([]string{"百分点", "个百分点", "个", "吨", "千瓦", "千瓦时"})
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{"个百分点以上": "个百分点", "个人": "个", "千瓦时电": "千瓦时", "千米": "", "": "", "万吨": ""} {
		if got := ws.Longest(in); got != want {
			t.Errorf("Longest(%q) = %q, want %q", in, got, want)
		}
		if got := ws.LongestAt(in, FirstRune(in)); got != want {
			t.Errorf("LongestAt(%q) = %q, want %q", in, got, want)
		}
	}
	if got := ws.Contained("发电量达千瓦时"); got != "千瓦时" {
		t.Errorf("Contained = %q", got)
	}
	var zero WordSet
	if zero.Longest("吨") != "" || zero.LongestAt("吨", '吨') != "" {
		t.Error("the zero WordSet found a word")
	}
}

func TestSeparators(t *testing.T) {
	for in, want := range map[string]int{"——5月": len("——"), "—5月": len("—"), "至11日": len("至"), "-3": 1, "、": 0} {
		if got := RangeSepAt(in); got != want {
			t.Errorf("RangeSepAt(%q) = %d, want %d", in, got, want)
		}
	}
	if RangeSepBefore("1——") != len("——") || !IsRangeSep("～") || IsRangeSep("、") || !IsListSep("、") || IsListSep("至") {
		t.Error("separators")
	}
}

func TestBitsetAndRuneSet(t *testing.T) {
	b := NewBitset(200)
	b.Set(63, 66)
	if !b.Has(63) || !b.Has(65) || b.Has(66) || b.Any(0, 63) || !b.Any(60, 64) {
		t.Error("bitset")
	}
	var nilSet *Bitset
	if nilSet.Any(0, 10) {
		t.Error("a nil bitset has a byte")
	}
	var s RuneSet
	s.AddString("年月日")
	s.Add(0x1F600) // beyond the BMP: ignored
	if !s.Has('月') || s.Has('时') || s.Has(0x1F600) || s.Has(-1) {
		t.Error("rune set")
	}
}

// TestLongestAtPairFilter holds LongestAt, which passes most positions on
// the first two runes, to Longest, which walks the trie at every one, where
// the first rune starts a word (HasFirst): at every position of texts with
// one-rune words, words sharing a first rune, words with invalid UTF-8, and
// texts cut inside a rune.
func TestLongestAtPairFilter(t *testing.T) {
	words := []string{"委", "委员会", "国务院", "国家统计局", "国资委", "局", "商务部", "部", "A\xe4", "\xe4\xb8", "中欧班列", "中"}
	ws, err := NewWordSet(words)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"国务院国资委和国家统计局、商务部委员会中欧班列",
		"国家发展改革委员会局部的部委中",
		"A\xe4\xb8\x80A\xe4 \xe4\xb8 \xe4\xb8\x80国",
		"国", "委", "中欧", "商务", "\xe4", "国家统计",
	}
	hits := 0
	for _, text := range texts {
		for i := 0; i < len(text); i++ {
			s := text[i:]
			r, _ := utf8.DecodeRuneInString(s)
			want := ws.Longest(s)
			if !ws.HasFirst(r) {
				want = ""
			}
			if got := ws.LongestAt(s, r); got != want {
				t.Errorf("LongestAt(%q) = %q, Longest = %q", s, got, want)
			}
			if want != "" {
				hits++
			}
		}
	}
	if hits < 15 {
		t.Errorf("only %d positions start a word: the test texts hold too few", hits)
	}
}
