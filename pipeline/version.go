package pipeline

import "github.com/cnie/cnie/lexicon"

// Version is the version of cnie's extractors. Bump it whenever a change
// can change a record, so that stored records can be told apart.
const Version = "0.3.0"

// RecordVersion is what every record's version field holds: Version and
// the lexicon hash, as cnie version prints them, joined by "+"
// (0.3.0+0123456789abcdef), so that a store knows which build wrote each
// row. It is that of a pipeline on the embedded lexicons alone; a
// pipeline with user folders says its own (Pipeline.Version).
func RecordVersion() string { return recordVersion(nil) }

// recordVersion is the record version of a pipeline on the lexicons lx.
func recordVersion(lx *lexicon.Set) string { return Version + "+" + lx.Hash() }
