package extract

import (
	"cmp"
	"slices"

	tx "github.com/cnie/cnie/extract/internal/text"
)

// Resolve settles overlapping mentions and sorts them by (Start, -End,
// Type). Within a type the longest mention wins, then the leftmost; a
// quantity that overlaps a money, percent or date mention is dropped. Other
// overlaps across types stay: a country inside an organisation's name is a
// mention of both. Resolve reorders and filters ms in place and returns the
// kept prefix. It takes time linear in the total length of the mentions.
func Resolve(ms []Mention) []Mention {
	size := 0
	for i := range ms {
		size = max(size, ms[i].End)
	}
	// Sort indices, not mentions: a Mention is a large struct.
	order := make([]int32, len(ms))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int {
		return cmp.Or(
			cmp.Compare(ms[b].Len(), ms[a].Len()),
			cmp.Compare(ms[a].Start, ms[b].Start),
		)
	})
	taken := map[Type]*tx.Bitset{}
	kept := order[:0]
	for _, i := range order {
		m := &ms[i]
		b := taken[m.Type]
		if b == nil {
			b = tx.NewBitset(size)
			taken[m.Type] = b
		}
		if b.Any(m.Start, m.End) {
			continue
		}
		b.Set(m.Start, m.End)
		kept = append(kept, i)
	}
	out := kept[:0]
	for _, i := range kept {
		m := &ms[i]
		if m.Type == Quantity && (taken[Money].Any(m.Start, m.End) ||
			taken[Percent].Any(m.Start, m.End) || taken[Date].Any(m.Start, m.End)) {
			continue
		}
		out = append(out, i)
	}
	slices.SortStableFunc(out, func(a, b int32) int {
		return cmp.Or(
			cmp.Compare(ms[a].Start, ms[b].Start),
			cmp.Compare(ms[b].End, ms[a].End),
			cmp.Compare(ms[a].Type, ms[b].Type),
		)
	})
	res := make([]Mention, len(out))
	for k, i := range out {
		res[k] = ms[i]
	}
	return append(ms[:0], res...)
}
