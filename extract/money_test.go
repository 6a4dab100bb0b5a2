package extract

import "testing"

// moneyExamples is the money extractor's table: every rule has its examples
// here, negatives included.
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
	// hedges stay outside the span and become the qualifier
	{text: "超过15亿美元", want: []string{"15亿美元=1500000000 USD over"}},
	{text: "约107.3亿元", want: []string{"107.3亿元=10730000000 CNY approx"}},
	{text: "近50亿元", want: []string{"50亿元=5000000000 CNY under"}},
	{text: "投资100亿元以上", want: []string{"100亿元=10000000000 CNY over"}},
	{text: "达20亿元", want: []string{"20亿元=2000000000 CNY"}},
	// negatives
	{text: "签署560亿投资协议", want: nil},
	{text: "G2产业走廊", want: nil},
	{text: "2024年", want: nil},
	{text: "增长14.4%", want: nil},
}

func TestMoneyExamples(t *testing.T) {
	x, err := NewMoney()
	if err != nil {
		t.Fatal(err)
	}
	runExamples(t, x, moneyExamples)
}
