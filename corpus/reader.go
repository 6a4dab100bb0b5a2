package corpus

import (
	"fmt"
	"io"
	"iter"
	"path"
)

// OpenReader returns the articles of one input whose bytes come from rd
// rather than from a local path: an object of a cloud store, or a file
// handed over by a data-processing framework (cnie-beam reads its inputs
// so). name is the input's path or URL: its extension gives the kind, as for
// Open (.txt, .jsonl, .ndjson or .json, optionally .gz, in which case rd
// holds the gzipped bytes), and it is the Source of the articles and errors,
// and gives the ids of articles without one as Open does for a PATH that is
// a file: its base name without extensions, or NAME:LINE. The articles and errors are those Open yields
// for a local file of that name with those bytes.
func OpenReader(name string, rd io.Reader, opt Options) iter.Seq2[Article, error] {
	return func(yield func(Article, error) bool) {
		r := &reader{opt: opt, yield: yield}
		kind, gz := kindOf(name)
		if kind == kindNone {
			r.fail(name, 0, fmt.Errorf("unsupported input type %q: want .txt, .jsonl, .ndjson or .json, optionally .gz", path.Ext(name)))
			return
		}
		r.stream(name, path.Base(name), rd, -1, kind, gz)
	}
}
