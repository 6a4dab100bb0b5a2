package extract

import (
	"math/big"
	"regexp"
	"testing"
	"unicode/utf8"

	"github.com/cnie/cnie/extract/number"
)

// The amount extractor's tables: every rule has its examples here, negatives
// included. Each want entry is "span=value unit-or-currency [qualifier]".

var moneyExamples = []example{
	// number + multiplier + currency
	{text: "金额总计47.95亿元。", want: []string{"47.95亿元=4795000000 CNY"}},
	{text: "贸易额达8900亿美元", want: []string{"8900亿美元=890000000000 USD"}},
	{text: "投资533.7亿元人民币", want: []string{"533.7亿元人民币=53370000000 CNY"}},
	{text: "总投资额 111.555 亿元。", want: []string{"111.555亿元=11155500000 CNY"}},
	{text: "募资300万元", want: []string{"300万元=3000000 CNY"}},
	{text: "合同额1.2万亿元", want: []string{"1.2万亿元=1200000000000 CNY"}},
	{text: "收入1,100.9亿元", want: []string{"1,100.9亿元=110090000000 CNY"}},
	{text: "售价15元", want: []string{"15元=15 CNY"}},
	{text: "5000欧元和200英镑", want: []string{"5000欧元=5000 EUR", "200英镑=200 GBP"}},
	{text: "共1500万卢布", want: []string{"1500万卢布=15000000 RUB"}},
	{text: "亏损3000万港元", want: []string{"3000万港元=30000000 HKD"}},
	{text: "定存单5306亿台币", want: []string{"5306亿台币=530600000000 TWD"}},
	{text: "融资5千万元", want: []string{"5千万元=50000000 CNY"}},
	{text: "日元贬值，换得100万日元", want: []string{"100万日元=1000000 JPY"}},
	{text: "合同金额2.5亿坚戈", want: []string{"2.5亿坚戈=250000000 KZT"}},
	{text: "人民币1000元", want: []string{"1000元=1000 CNY"}},
	{text: "捐款10万人民币", want: []string{"10万人民币=100000 CNY"}},
	// Chinese numerals
	{text: "拨款三千万元", want: []string{"三千万元=30000000 CNY"}},
	{text: "两亿美元", want: []string{"两亿美元=200000000 USD"}},
	{text: "壹仟贰佰元整", want: []string{"壹仟贰佰元=1200 CNY"}},
	{text: "花了一千二百零五元", want: []string{"一千二百零五元=1205 CNY"}},
	// inner 多/余/几
	{text: "20多亿元", want: []string{"20多亿元=2000000000 CNY over"}},
	{text: "300余亿元", want: []string{"300余亿元=30000000000 CNY over"}},
	{text: "三十几万元", want: []string{"三十几万元=300000 CNY over"}},
	// symbol prefixes
	{text: "估值US$5亿", want: []string{"US$5亿=500000000 USD"}},
	{text: "售价$199", want: []string{"$199=199 USD"}},
	{text: "门票￥80", want: []string{"￥80=80 CNY"}},
	// hedges stay outside the span and become the qualifier
	{text: "超过15亿美元", want: []string{"15亿美元=1500000000 USD over"}},
	{text: "约107.3亿元", want: []string{"107.3亿元=10730000000 CNY approx"}},
	{text: "近50亿元", want: []string{"50亿元=5000000000 CNY under"}},
	{text: "投资100亿元以上", want: []string{"100亿元=10000000000 CNY over"}},
	{text: "损失5000万元左右", want: []string{"5000万元=50000000 CNY approx"}},
	{text: "不到1000元", want: []string{"1000元=1000 CNY under"}},
	{text: "逾200亿元", want: []string{"200亿元=20000000000 CNY over"}},
	{text: "突破1万亿元", want: []string{"1万亿元=1000000000000 CNY over"}},
	{text: "最高50万元", want: []string{"50万元=500000 CNY under"}},
	{text: "至少3亿元", want: []string{"3亿元=300000000 CNY over"}},
	{text: "达20亿元", want: []string{"20亿元=2000000000 CNY"}},
	{text: "共计3亿元", want: []string{"3亿元=300000000 CNY"}},
	{text: "签约12亿元", want: []string{"12亿元=1200000000 CNY"}},
	{text: "亿元以上项目", want: []string{"亿元=100000000 CNY over"}},
	// lists and ranges that write the currency once
	{text: "出口额分别为3.2万亿、1.5万亿、4200亿元", want: []string{"3.2万亿=3200000000000 CNY", "1.5万亿=1500000000000 CNY", "4200亿元=420000000000 CNY"}},
	{text: "投资3-5亿元", want: []string{"3=300000000 CNY", "5亿元=500000000 CNY"}},
	{text: "预计50亿至80亿元", want: []string{"50亿=5000000000 CNY", "80亿元=8000000000 CNY"}},
	{text: "每股2至3元", want: []string{"2=2 CNY", "3元=3 CNY"}},
	{text: "2026年5月6日 星期六\n95家中外产业园区发布", want: []string{"95家=95 家"}}, // a numeral before the line break
	// negatives
	{text: "第十四届全国人民代表大会第三次会议", want: nil},
	{text: "签署560亿投资协议", want: nil},
	{text: "G2产业走廊", want: nil},
	{text: "2024年", want: nil},
	{text: "1月1日元旦放假", want: nil},
	{text: "元首外交", want: nil},
	{text: "千元机", want: nil},
	{text: "一元复始", want: nil},
}

var percentExamples = []example{
	{text: "约占外贸总额的14.4%。", want: []string{"14.4%=14.4 percent"}},
	{text: "同比增长22%", want: []string{"22%=22 percent"}},
	{text: "全角１２％", want: []string{"12%=12 percent"}},
	{text: "同比+12.37%", want: []string{"+12.37%=12.37 percent"}},
	{text: "下降-3%", want: []string{"-3%=-3 percent"}},
	{text: "百分之八十", want: []string{"百分之八十=80 percent"}},
	{text: "百分之十二点五", want: []string{"百分之十二点五=12.5 percent"}},
	{text: "百分之百", want: []string{"百分之百=100 percent"}},
	{text: "百分之5", want: []string{"百分之5=5 percent"}},
	{text: "提高1.8个百分点", want: []string{"1.8个百分点=1.8 point"}},
	{text: "下降0.5百分点", want: []string{"0.5百分点=0.5 point"}},
	{text: "分别提高1.8、1.9、1.2个百分点", want: []string{"1.8=1.8 point", "1.9=1.9 point", "1.2个百分点=1.2 point"}},
	{text: "分别增长3.5%、5.6%", want: []string{"3.5%=3.5 percent", "5.6%=5.6 percent"}},
	{text: "分别加快3.6个、1.2个百分点", want: []string{"3.6个=3.6 point", "1.2个百分点=1.2 point"}},
	{text: "增长5%至8%", want: []string{"5%=5 percent", "8%=8 percent"}},
	{text: "增长3-5%", want: []string{"3=3 percent", "5%=5 percent"}},
	{text: "由7.1%提高到13%", want: []string{"7.1%=7.1 percent", "13%=13 percent"}},
	{text: "九成企业", want: []string{"九成=90 percent"}},
	{text: "占比约三成半", want: []string{"三成半=35 percent approx"}},
	{text: "三成半导体企业", want: []string{"三成=30 percent"}},
	{text: "占比7.2成", want: []string{"7.2成=72 percent"}},
	{text: "约占国内生产总值的四分之一", want: []string{"四分之一=25 percent"}},
	{text: "三分之二的人", want: []string{"三分之二=66.6666666666667 percent"}},
	{text: "3分之1", want: []string{"3分之1=33.3333333333333 percent"}},
	{text: "超过一半", want: []string{"一半=50 percent over"}},
	{text: "利用率达99%以上", want: []string{"99%=99 percent over"}},
	{text: "占有率超80%", want: []string{"80%=80 percent over"}},
	{text: "近30%的企业", want: []string{"30%=30 percent under"}},
	{text: "约5%左右", want: []string{"5%=5 percent approx"}},
	// negatives
	{text: "增长3.5倍", want: nil},
	{text: "打八折", want: nil},
	{text: "成为第一", want: nil},
	{text: "一成不变", want: nil},
	{text: "八成为", want: nil},
	{text: "另一半", want: nil},
	{text: "百分之", want: nil},
}

var quantityExamples = []example{
	{text: "年产能从50万吨提升至75万吨", want: []string{"50万吨=500000 吨", "75万吨=750000 吨"}},
	{text: "200兆瓦变电站", want: []string{"200兆瓦=200 兆瓦"}},
	{text: "装机992万千瓦", want: []string{"992万千瓦=9920000 千瓦"}},
	{text: "智算规模超1万P", want: []string{"1万P=10000 P over"}},
	{text: "签约18个项目", want: []string{"18个=18 个"}},
	{text: "146家企业", want: []string{"146家=146 家"}},
	{text: "开行1.9万列", want: []string{"1.9万列=19000 列"}},
	{text: "接待游客约1.35亿人次", want: []string{"1.35亿人次=135000000 人次 approx"}},
	{text: "近400名代表", want: []string{"400名=400 名 under"}},
	{text: "20多个国家", want: []string{"20多个=20 个 over"}},
	{text: "30余家企业", want: []string{"30余家=30 家 over"}},
	{text: "带动当地近万人就业", want: []string{"万人=10000 人 under"}},
	{text: "新增就业16.93万人", want: []string{"16.93万人=169300 人"}},
	{text: "举办两场活动", want: []string{"两场=2 场"}},
	{text: "先后两次举办", want: []string{"两次=2 次"}},
	{text: "成员增至 10 家", want: []string{"10家=10 家"}},
	{text: "十五个省份", want: []string{"十五个=15 个"}},
	{text: "三千名志愿者", want: []string{"三千名=3000 名"}},
	{text: "面积1,200平方米", want: []string{"1,200平方米=1200 平方米"}},
	{text: "建设5GW光伏", want: []string{"5GW=5 GW"}},
	{text: "运输120万标箱", want: []string{"120万标箱=1200000 标箱"}},
	{text: "十几个项目", want: []string{"十几个=10 个 over"}},
	{text: "建了5至8座", want: []string{"5=5 座", "8座=8 座"}},
	{text: "吸引29家、280家", want: []string{"29家=29 家", "280家=280 家"}},
	{text: "推出1个标识、上线1份地图", want: []string{"1个=1 个", "1份=1 份"}},
	{text: "120项以上", want: []string{"120项=120 项 over"}},
	{text: "完成转化9个,注册企业 10家", want: []string{"9个=9 个", "10家=10 家"}},
	// negatives: ordinals, durations, ages, multiples, bare numbers before nouns
	{text: "第二届", want: nil},
	{text: "第3个", want: nil},
	{text: "24年来", want: nil},
	{text: "3年内", want: nil},
	{text: "10周年", want: nil},
	{text: "前8个月", want: nil},
	{text: "5个多月", want: nil},
	{text: "72小时", want: nil},
	{text: "年满18岁", want: nil},
	{text: "增长3.5倍", want: nil},
	{text: "三地协同", want: nil},
	{text: "两市", want: nil},
	{text: "六大中心", want: nil},
	{text: "五大类创新资源", want: nil},
	{text: "1+3+4", want: nil},
	{text: "一批项目", want: nil},
	{text: "多家企业", want: nil},
	{text: "一个重要的经济体", want: nil},
	{text: "搭建一座桥梁", want: nil},
	{text: "三部门联合", want: nil},
	{text: "“三位一体”", want: nil},
	{text: "汽车零部件", want: nil},
	{text: "“二次开发”", want: nil},
	{text: "党的二十届三中全会", want: nil},
	{text: "“三个大规模”更新", want: nil},
	{text: "5G基站", want: nil},
	{text: "3D屏幕", want: nil},
	{text: "C919大飞机", want: nil},
	{text: "2023届毕业生", want: nil},
	{text: "千人计划", want: nil},
	{text: "万物互联", want: nil},
	{text: "十分重要", want: nil},
	{text: "一带一路", want: nil},
	{text: "上午10:30", want: nil},
	{text: "电话022-12345678", want: nil},
	{text: "4月9日至11日", want: nil},
	{text: "2024-2027年", want: nil},
	{text: "“十四五”", want: nil},
}

func TestAmountExamples(t *testing.T) {
	x, err := NewAmounts()
	if err != nil {
		t.Fatal(err)
	}
	t.Run("money", func(t *testing.T) { runExamples(t, x, moneyExamples) })
	t.Run("percent", func(t *testing.T) { runExamples(t, x, percentExamples) })
	t.Run("quantity", func(t *testing.T) { runExamples(t, x, quantityExamples) })
	if n := len(moneyExamples) + len(percentExamples) + len(quantityExamples); n < 150 {
		t.Errorf("%d amount examples; the tables promise at least 150", n)
	}
}

// FuzzAmounts: no panic, every mention a non-empty span on rune boundaries
// of the text, and a money value made of Arabic digits and one multiplier
// agrees with exact arithmetic done apart.
func FuzzAmounts(f *testing.F) {
	for _, ex := range append(append(moneyExamples, percentExamples...), quantityExamples...) {
		f.Add(ex.text)
	}
	x, err := NewAmounts()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		d := &Doc{Text: s}
		for _, m := range x.Extract(d, nil) {
			if m.Start < 0 || m.End > len(s) || m.Start >= m.End || !utf8.RuneStart(s[m.Start]) || (m.End < len(s) && !utf8.RuneStart(s[m.End])) {
				t.Fatalf("%q: bad span %d..%d", s, m.Start, m.End)
			}
			if m.Type != Money {
				continue
			}
			span := s[m.Start:m.End]
			if g := moneyRef.FindStringSubmatch(span); g != nil {
				want, _ := new(big.Rat).SetString(g[1])
				mult, _ := number.Multiplier(g[2])
				want.Mul(want, mult.Rat())
				if m.Value.Rat().Cmp(want) != 0 {
					t.Fatalf("%q: %s = %s, reference %s", s, span, m.Value, want.RatString())
				}
			}
		}
	})
}

// moneyRef is the reference form: digits, one multiplier, 元.
var moneyRef = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)(亿|万)元$`)
