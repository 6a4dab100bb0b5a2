package text

import "testing"

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
