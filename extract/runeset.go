package extract

// runeSet is a set of runes of the Basic Multilingual Plane, tested in
// constant time with no hashing: the extractors use one to skip, at a glance,
// the positions where nothing of theirs can start. The zero runeSet is empty.
type runeSet struct {
	bits [0x10000 / 64]uint64
}

func (s *runeSet) add(rs ...rune) {
	for _, r := range rs {
		if r >= 0 && r < 0x10000 {
			s.bits[r/64] |= 1 << (r % 64)
		}
	}
}

func (s *runeSet) addString(str string) {
	for _, r := range str {
		s.add(r)
	}
}

func (s *runeSet) has(r rune) bool {
	return r >= 0 && r < 0x10000 && s.bits[r/64]&(1<<(r%64)) != 0
}
