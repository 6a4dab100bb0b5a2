package extract

import (
	"testing"
	"time"
	"unicode/utf8"
)

// dateExamples is the date extractor's table: text, reference date, and the
// mentions with their interval and grain ("null" where the reference date
// is missing). Negatives included.
var dateExamples = []example{
	// absolute
	{text: "2025年7月19日 星期六", ref: "2025-08-01", want: []string{"2025年7月19日=2025-07-19..2025-07-19 day"}},
	{text: "发布于2025-08-29 6 0", ref: "2025-09-01", want: []string{"2025-08-29=2025-08-29..2025-08-29 day"}},
	{text: "2025/8/29", want: []string{"2025/8/29=2025-08-29..2025-08-29 day"}},
	{text: "2025.8.29", want: []string{"2025.8.29=2025-08-29..2025-08-29 day"}},
	{text: "二〇二五年七月十九日", want: []string{"二〇二五年七月十九日=2025-07-19..2025-07-19 day"}},
	{text: "2025年7月", want: []string{"2025年7月=2025-07-01..2025-07-31 month"}},
	{text: "2024年2月", want: []string{"2024年2月=2024-02-01..2024-02-29 month"}},
	{text: "2024年，中国", want: []string{"2024年=2024-01-01..2024-12-31 year"}},
	{text: "2024 年", want: []string{"2024年=2024-01-01..2024-12-31 year"}},
	{text: "2024年末", want: []string{"2024年末=2024-12-01..2024-12-31 month"}},
	{text: "2024年底", want: []string{"2024年底=2024-12-01..2024-12-31 month"}},
	{text: "预计2027年底建成投产", want: []string{"2027年底=2027-12-01..2027-12-31 month"}},
	{text: "2024年初步统计", want: []string{"2024年=2024-01-01..2024-12-31 year"}},
	{text: "2025年内容更新", want: []string{"2025年=2025-01-01..2025-12-31 year"}},
	{text: "2025年初", want: []string{"2025年初=2025-01-01..2025-01-31 month"}},
	{text: "7月18日上午", ref: "2025-07-19", want: []string{"7月18日=2025-07-18..2025-07-18 day"}},
	{text: "7月18日", want: []string{"7月18日=null day"}},
	{text: "18日，会议召开", ref: "2025-07-19", want: []string{"18日=2025-07-18..2025-07-18 day"}},
	{text: "3号开幕", ref: "2025-07-19", want: []string{"3号=2025-07-03..2025-07-03 day"}},
	{text: "十二月三十一日", ref: "2024-06-01", want: []string{"十二月三十一日=2024-12-31..2024-12-31 day"}},
	{text: "6月份", ref: "2024-06-01", want: []string{"6月份=2024-06-01..2024-06-30 month"}},
	{text: "2023上合组织产业链供应链论坛", want: []string{"2023=2023-01-01..2023-12-31 year"}},
	{text: "2024京津产业握手活动", want: []string{"2024=2024-01-01..2024-12-31 year"}},
	{text: "“智汇上合·2025职业教育”", want: []string{"2025=2025-01-01..2025-12-31 year"}},
	// ranges as one mention
	{text: "4月9日至11日", ref: "2025-04-12", want: []string{"4月9日至11日=2025-04-09..2025-04-11 day"}},
	{text: "8月31日至9月1日", ref: "2025-08-29", want: []string{"8月31日至9月1日=2025-08-31..2025-09-01 day"}},
	{text: "1—7月", ref: "2025-08-29", want: []string{"1—7月=2025-01-01..2025-07-31 month"}},
	{text: "1-7月", ref: "2025-08-29", want: []string{"1-7月=2025-01-01..2025-07-31 month"}},
	{text: "今年1—7月", ref: "2025-08-29", want: []string{"今年1—7月=2025-01-01..2025-07-31 month"}},
	{text: "2024-2027年", want: []string{"2024-2027年=2024-01-01..2027-12-31 year"}},
	{text: "(2024-2027年)", want: []string{"2024-2027年=2024-01-01..2027-12-31 year"}},
	{text: "2020年至2024年", want: []string{"2020年至2024年=2020-01-01..2024-12-31 year"}},
	{text: "2023年11月至2024年3月", want: []string{"2023年11月至2024年3月=2023-11-01..2024-03-31 month"}},
	{text: "3月至5月", ref: "2025-01-10", want: []string{"3月至5月=2025-03-01..2025-05-31 month"}},
	{text: "3月中旬", ref: "2025-01-10", want: []string{"3月中旬=2025-03-11..2025-03-20 day"}},
	{text: "2月下旬", ref: "2024-01-10", want: []string{"2月下旬=2024-02-21..2024-02-29 day"}},
	{text: "5月上旬", ref: "2025-01-10", want: []string{"5月上旬=2025-05-01..2025-05-10 day"}},
	{text: "6月底", ref: "2025-01-10", want: []string{"6月底=2025-06-21..2025-06-30 day"}},
	{text: "9月初", ref: "2025-01-10", want: []string{"9月初=2025-09-01..2025-09-10 day"}},
	{text: "月底前完成", ref: "2025-02-10", want: []string{"月底=2025-02-21..2025-02-28 day"}},
	{text: "年初以来", ref: "2025-02-10", want: []string{"年初=2025-01-01..2025-01-31 month"}},
	{text: "年底前", ref: "2025-02-10", want: []string{"年底=2025-12-01..2025-12-31 month"}},
	// periods
	{text: "上半年，全市", ref: "2025-08-29", want: []string{"上半年=2025-01-01..2025-06-30 half"}},
	{text: "下半年", ref: "2025-08-29", want: []string{"下半年=2025-07-01..2025-12-31 half"}},
	{text: "2024年上半年", want: []string{"2024年上半年=2024-01-01..2024-06-30 half"}},
	{text: "一季度", ref: "2025-08-29", want: []string{"一季度=2025-01-01..2025-03-31 quarter"}},
	{text: "第三季度", ref: "2025-08-29", want: []string{"第三季度=2025-07-01..2025-09-30 quarter"}},
	{text: "前三季度", ref: "2025-11-01", want: []string{"前三季度=2025-01-01..2025-09-30 quarter"}},
	{text: "去年四季度", ref: "2025-11-01", want: []string{"去年四季度=2024-10-01..2024-12-31 quarter"}},
	{text: "今年秋天", ref: "2025-04-12", want: []string{"今年秋天=2025-09-01..2025-11-30 season"}},
	{text: "今年\n秋天", ref: "2025-04-12", want: []string{"今年秋天=2025-09-01..2025-11-30 season"}},
	{text: "2025年春季", want: []string{"2025年春季=2025-03-01..2025-05-31 season"}},
	{text: "去年冬天", ref: "2025-04-12", want: []string{"去年冬天=2024-12-01..2025-02-28 season"}},
	{text: "年内将新增", ref: "2025-08-29", want: []string{"年内=2025-01-01..2025-12-31 year"}},
	{text: "“十四五”目标", want: []string{"“十四五”=2021-01-01..2025-12-31 year"}},
	{text: "\"十四五\"规划", want: []string{"\"十四五\"=2021-01-01..2025-12-31 year"}},
	{text: "十五五规划", want: []string{"十五五=2026-01-01..2030-12-31 year"}},
	{text: "“十四五”前四年", want: []string{"“十四五”前四年=2021-01-01..2024-12-31 year"}},
	{text: "“十三五”时期", want: []string{"“十三五”=2016-01-01..2020-12-31 year"}},
	// relative to the reference date
	{text: "今年是上合组织", ref: "2025-04-12", want: []string{"今年=2025-01-01..2025-12-31 year"}},
	{text: "今年以来", ref: "2025-04-12", want: []string{"今年=2025-01-01..2025-12-31 year"}},
	{text: "去年以来", ref: "2024-09-25", want: []string{"去年=2023-01-01..2023-12-31 year"}},
	{text: "前年", ref: "2024-09-25", want: []string{"前年=2022-01-01..2022-12-31 year"}},
	{text: "明年", ref: "2024-09-25", want: []string{"明年=2025-01-01..2025-12-31 year"}},
	{text: "后年", ref: "2024-09-25", want: []string{"后年=2026-01-01..2026-12-31 year"}},
	{text: "预计明年6月投产", ref: "2024-09-25", want: []string{"明年6月=2025-06-01..2025-06-30 month"}},
	{text: "于今年1月获批", ref: "2025-07-19", want: []string{"今年1月=2025-01-01..2025-01-31 month"}},
	{text: "“6年前就来到", ref: "2024-09-25", want: []string{"6年前=2018-01-01..2018-12-31 year"}},
	{text: "两年前", ref: "2024-09-25", want: []string{"两年前=2022-01-01..2022-12-31 year"}},
	{text: "3个月前", ref: "2024-09-25", want: []string{"3个月前=2024-06-01..2024-06-30 month"}},
	{text: "3天前", ref: "2024-09-25", want: []string{"3天前=2024-09-22..2024-09-22 day"}},
	{text: "今天,我们", ref: "2025-08-29", want: []string{"今天=2025-08-29..2025-08-29 day"}},
	{text: "今天有400多家企业来到现场", ref: "2025-08-29", want: []string{"今天=2025-08-29..2025-08-29 day"}},
	{text: "欢迎出席今天的吹风会", ref: "2025-08-29", want: []string{"今天=2025-08-29..2025-08-29 day"}},
	{text: "今天这些倡议更具现实意义", ref: "2025-08-29", want: nil},
	{text: "今天,越来越多的企业走出去", ref: "2025-08-29", want: []string{"今天=2025-08-29..2025-08-29 day"}},
	{text: "今天越来越多的企业走出去", ref: "2025-08-29", want: nil},
	{text: "昨天", ref: "2025-03-01", want: []string{"昨天=2025-02-28..2025-02-28 day"}},
	{text: "明天", ref: "2024-12-31", want: []string{"明天=2025-01-01..2025-01-01 day"}},
	{text: "本周", ref: "2025-08-29", want: []string{"本周=2025-08-25..2025-08-31 week"}},
	{text: "上周", ref: "2025-08-29", want: []string{"上周=2025-08-18..2025-08-24 week"}},
	{text: "下周", ref: "2025-08-31", want: []string{"下周=2025-09-01..2025-09-07 week"}},
	{text: "本月", ref: "2025-02-10", want: []string{"本月=2025-02-01..2025-02-28 month"}},
	{text: "下个月", ref: "2025-12-10", want: []string{"下个月=2026-01-01..2026-01-31 month"}},
	{text: "上个月", ref: "2025-01-10", want: []string{"上个月=2024-12-01..2024-12-31 month"}},
	// no reference date: span kept, dates null
	{text: "今年", want: []string{"今年=null year"}},
	{text: "上半年", want: []string{"上半年=null half"}},
	{text: "18日", want: []string{"18日=null day"}},
	{text: "本周", want: []string{"本周=null week"}},
	{text: "2024年内", want: []string{"2024年内=2024-01-01..2024-12-31 year"}},
	{text: "2024年初步形成", want: []string{"2024年=2024-01-01..2024-12-31 year"}},
	{text: "2023年11月29日成立", want: []string{"2023年11月29日=2023-11-29..2023-11-29 day"}},
	{text: "截至2024年,上合", want: []string{"2024年=2024-01-01..2024-12-31 year"}},
	{text: "2022年以来,连续", want: []string{"2022年=2022-01-01..2022-12-31 year"}},
	{text: "2024年产值突破", want: []string{"2024年=2024-01-01..2024-12-31 year"}},
	{text: "9月24日,以", ref: "2024-09-25", want: []string{"9月24日=2024-09-24..2024-09-24 day"}},
	{text: "本报7月18日讯 18日,中国", ref: "2025-07-19", want: []string{"7月18日=2025-07-18..2025-07-18 day", "18日=2025-07-18..2025-07-18 day"}},
	{text: "2024年2月29日", want: []string{"2024年2月29日=2024-02-29..2024-02-29 day"}},
	{text: "二〇二四年", want: []string{"二〇二四年=2024-01-01..2024-12-31 year"}},
	{text: "今年年底", ref: "2025-03-01", want: []string{"今年年底=2025-12-01..2025-12-31 month"}},
	// negatives
	{text: "2025年2月29日", want: nil},
	{text: "去年同期", ref: "2025-04-12", want: nil},
	{text: "一年来", ref: "2025-04-12", want: nil},
	{text: "24年来", ref: "2025-04-12", want: nil},
	{text: "两年来", ref: "2025-04-12", want: nil},
	{text: "3年内", ref: "2025-04-12", want: nil},
	{text: "近年来", ref: "2025-04-12", want: nil},
	{text: "近日", ref: "2025-04-12", want: nil},
	{text: "前不久", ref: "2025-04-12", want: nil},
	{text: "目前", ref: "2025-04-12", want: nil},
	{text: "新时代", ref: "2025-04-12", want: nil},
	{text: "10周年", ref: "2025-04-12", want: nil},
	{text: "1+3+4", ref: "2025-04-12", want: nil},
	{text: "G2产业", ref: "2025-04-12", want: nil},
	{text: "2月30日", ref: "2025-04-12", want: nil},
	{text: "13月", ref: "2025-04-12", want: nil},
	{text: "十三月", ref: "2025-04-12", want: nil},
	{text: "32日", ref: "2025-04-12", want: nil},
	{text: "2000吨", ref: "2025-04-12", want: nil},
	{text: "2000多人", ref: "2025-04-12", want: nil},
	{text: "1950亿元", ref: "2025-04-12", want: nil},
	{text: "增长20%,进口", ref: "2025-04-12", want: nil},
	{text: "“深算二号”", ref: "2025-04-12", want: nil},
	{text: "十五个省", ref: "2025-04-12", want: nil},
	{text: "第二季", ref: "2025-04-12", want: nil},
	{text: "如今", ref: "2025-04-12", want: nil},
	{text: "C919", ref: "2025-04-12", want: nil},
	{text: "10:30", ref: "2025-04-12", want: nil},
	{text: "电话022-12345678", ref: "2025-04-12", want: nil},
	{text: "2025-13-01", ref: "2025-04-12", want: nil},
	{text: "5-3月", ref: "2025-04-12", want: nil},
	{text: "2027-2024年", ref: "2025-04-12", want: nil},
}

func TestDateExamples(t *testing.T) {
	x, err := NewDates()
	if err != nil {
		t.Fatal(err)
	}
	runExamples(t, x, dateExamples)
	if len(dateExamples) < 120 {
		t.Errorf("%d date examples; the table promises at least 120", len(dateExamples))
	}
}

// FuzzDates: no panic, spans on rune boundaries, start_date <= end_date, and
// a resolved date always has both ends.
func FuzzDates(f *testing.F) {
	for _, ex := range dateExamples {
		f.Add(ex.text, int64(20250412))
	}
	x, err := NewDates()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string, refNum int64) {
		if !utf8.ValidString(s) {
			return
		}
		d := &Doc{Text: s}
		if refNum > 0 {
			d.Ref = time.Date(int(refNum/10000%3000), time.Month(refNum/100%100), int(refNum%100), 0, 0, 0, 0, time.UTC)
		}
		for _, m := range x.Extract(d, nil) {
			if m.Start < 0 || m.End > len(s) || m.Start >= m.End || !utf8.RuneStart(s[m.Start]) || (m.End < len(s) && !utf8.RuneStart(s[m.End])) {
				t.Fatalf("%q: bad span %d..%d", s, m.Start, m.End)
			}
			if m.StartDate.IsZero() != m.EndDate.IsZero() || m.EndDate.Before(m.StartDate) {
				t.Fatalf("%q: %s: %v..%v", s, s[m.Start:m.End], m.StartDate, m.EndDate)
			}
		}
	})
}
