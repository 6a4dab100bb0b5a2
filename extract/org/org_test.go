package org

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cnie/cnie/extract"

	"github.com/cnie/cnie/extract/country"
	"github.com/cnie/cnie/extract/internal/extest"
)

// TestExamples runs testdata/examples.tsv: each text with every
// organisation it names (text = canonical), in order, negatives included,
// and every rule of Rules shown. The texts are news phrasing of the kinds
// the rules of org.go, name.go, context.go and alias.go exist for.
func TestExamples(t *testing.T) {
	seg := extest.Segmenter(t)
	c, err := country.New(seg, nil)
	if err != nil {
		t.Fatal(err)
	}
	x, err := New(seg, c, nil)
	if err != nil {
		t.Fatal(err)
	}
	extest.Run(t, x, "testdata/*.tsv", Rules)
}

// TestDefinedAliasesMany gives a long text many definitions, each short form
// used twice afterwards: every use is found with its own full name, however
// many definitions the text holds (one walk of the text for all of them).
func TestDefinedAliasesMany(t *testing.T) {
	seg := extest.Segmenter(t)
	x, err := New(seg, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	cities := []string{"苏州", "无锡", "常州", "南通", "扬州", "镇江", "泰州", "盐城", "徐州", "宁波",
		"温州", "嘉兴", "湖州", "绍兴", "金华", "台州", "合肥", "芜湖", "福州", "厦门",
		"泉州", "南昌", "赣州", "济南", "青岛", "烟台", "潍坊", "郑州", "洛阳", "武汉",
		"宜昌", "长沙", "株洲", "广州", "深圳", "佛山", "东莞", "成都", "绵阳", "西安"}
	kinds := [][2]string{{"汽车行业协会", "汽协"}, {"电子商会", "电商会"}, {"物流协会", "物协"}}
	type def struct{ full, short string }
	var defs []def
	for _, c := range cities {
		for _, k := range kinds {
			defs = append(defs, def{c + "市" + k[0], c + k[1]})
		}
	}
	var b strings.Builder
	for _, df := range defs {
		fmt.Fprintf(&b, "“%s”（以下简称“%s”）于今日换届。", df.full, df.short)
	}
	for _, df := range defs {
		fmt.Fprintf(&b, "%s表示，%s将组织企业参展。", df.short, df.short)
	}
	d := &extract.Doc{Text: b.String()}
	d.Tokens = seg.Cut(d.Text, nil)
	uses := map[string]int{}
	for _, m := range x.Extract(d, nil) {
		if m.Rule != rAliasDefined.Name && m.Canonical != d.Text[m.Start:m.End] {
			uses[m.Canonical]++ // a use of the short form, with the full name
		}
	}
	for _, df := range defs {
		if uses[df.full] < 3 {
			t.Errorf("%s: %d uses of its short form found, want 3 (the definition and two uses)", df.full, uses[df.full])
		}
	}
}
