package org

import (
	"testing"

	"github.com/cnie/cnie/extract/country"
	"github.com/cnie/cnie/extract/internal/extest"
)

// TestExamples runs testdata/examples.tsv: each text with every
// organisation it names (text = canonical), in order, negatives included,
// and every rule of Rules shown. The texts are news phrasing of the kinds
// the rules of org.go, name.go, context.go and alias.go exist for.
func TestExamples(t *testing.T) {
	seg := extest.Segmenter(t)
	c, err := country.New(seg)
	if err != nil {
		t.Fatal(err)
	}
	x, err := New(seg, c)
	if err != nil {
		t.Fatal(err)
	}
	extest.Run(t, x, "testdata/*.tsv", Rules)
}
