package extract

import (
	"testing"

	"github.com/cnie/cnie/segment"
)

// orgExamples: lexicon names with their canonical, names ending in a head,
// sub-units, defined short forms, and look-alikes. (The table is still
// growing with the extractor; see issue 8.)
var orgExamples = []example{
	{text: "在上合组织可持续发展投资促进活动现场", want: []string{"上合组织=上海合作组织"}},
	{text: "工信部规划司指导", want: []string{"工信部规划司=工业和信息化部规划司"}},
	{text: "国家发展改革委", want: []string{"国家发展改革委=国家发展和改革委员会"}},
	{text: "新华社记者", want: []string{"新华社=新华通讯社"}},
	{text: "与北京大学、北航、北邮等", want: []string{"北京大学=北京大学", "北航=北京航空航天大学", "北邮=北京邮电大学"}},
	{text: "天津泰达电力有限公司总经理", want: []string{"天津泰达电力有限公司=天津泰达电力有限公司"}},
	{text: "天津市委常委、常务副市长王旭", want: []string{"天津市委=天津市委"}},
	{text: "天津市发展改革委主任戴永康", want: []string{"天津市发展改革委=天津市发展改革委"}},
	{text: "市政府", want: []string{"市政府=市政府"}},
	{text: "京津冀国家高新区联盟(以下简称\"联盟\"),联盟轮值秘书处", want: []string{
		"京津冀国家高新区联盟=京津冀国家高新区联盟", "联盟=京津冀国家高新区联盟", "联盟轮值秘书处=京津冀国家高新区联盟轮值秘书处"}},
	// look-alikes
	{text: "该公司表示", want: nil},
	{text: "内部管理", want: nil},
	{text: "全部完成", want: nil},
	{text: "局部地区", want: nil},
	{text: "公司法", want: nil},
	{text: "联盟", want: nil},
}

func TestOrgExamples(t *testing.T) {
	seg, err := segment.Load()
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewCountries(seg)
	if err != nil {
		t.Fatal(err)
	}
	x, err := NewOrgs(seg, c)
	if err != nil {
		t.Fatal(err)
	}
	runExamples(t, x, orgExamples)
}
