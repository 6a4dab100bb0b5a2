package amount

import "github.com/cnie/cnie/extract"

// The amount rules. Each candidate amount is read by Extractor.at, which
// tries the prefix forms first, then a number with what follows it; the
// rule a mention names is the branch that read it.
var (
	moneySuffix = extract.Rule{Name: "money/currency-after", Type: extract.Money,
		Starts:  "a digit or a Chinese numeral",
		Matches: "a number and a currency word (lexicon/currencies.tsv): 47.95亿元, 8900亿美元"}
	moneyPrefix = extract.Rule{Name: "money/currency-before", Type: extract.Money,
		Starts:  "a currency symbol (currencies.tsv, prefix:)",
		Matches: "a currency symbol and an Arabic number, a repeated currency word after it too: US$5亿, US$5亿美元"}
	moneyBefore = extract.Rule{Name: "money/currency-word-before", Type: extract.Money,
		Starts:  "a currency word (currencies.tsv) other than the bare 元",
		Matches: "a currency word straight before a number that ends in a multiplier or a currency word of its own: 人民币6千万元, 美元500万, 新台币1200亿元"}
	moneyColloquial = extract.Rule{Name: "money/colloquial", Type: extract.Money,
		Starts:  "a digit or a Chinese numeral",
		Matches: "a number and a colloquial or subunit money word (money_units.tsv): 五块钱, 两块 and 八毛 where no noun follows, 5美分"}
	moneyCompound = extract.Rule{Name: "money/compound", Type: extract.Money,
		Starts:  "a digit or a Chinese numeral",
		Matches: "a money amount stepping down from unit to subunit in one currency: 七元五毛, 20元3角五分, 三美元又五美分, 一块五"}
	percentNegative = extract.Rule{Name: "percent/negative", Type: extract.Percent,
		Starts:  "a percentage",
		Matches: "a sign word (amount_words.tsv, negative) straight before a percentage, not inside a longer word: 负3.2%"}
	percentHalfTenth = extract.Rule{Name: "percent/half-tenth", Type: extract.Percent,
		Starts: "半", Matches: "半成: half a tenth, 5 percent (not 半成品)"}
	percentRangeSecond = extract.Rule{Name: "percent/range-second", Type: extract.Percent,
		Starts:  "a bare number after a range separator",
		Matches: "the bare second end of a range whose first end is 百分之N: 百分之四至六 is 4 and 6"}
	percentRate = extract.Rule{Name: "percent/rate-li", Type: extract.Percent,
		Starts:  "a digit or a Chinese numeral",
		Matches: "a rate in 厘 in a Hong Kong or Macau article (amount_words.tsv, rate-percent): 5.625厘 is 5.625 percent"}
	quantityIndex = extract.Rule{Name: "quantity/index-point", Type: extract.Quantity,
		Starts:  "an Arabic number",
		Matches: "an index level or move in 点 (amount_words.tsv, index-point), with decimals or above 24: 升352点; 下午3点 is a time"}
	percentSign = extract.Rule{Name: "percent/sign", Type: extract.Percent,
		Starts: "a digit or a Chinese numeral", Matches: "a number and a percent sign: 14.4%"}
	percentPoint = extract.Rule{Name: "percent/point", Type: extract.Percent,
		Starts: "a digit or a Chinese numeral", Matches: "a number and 百分点 or 个百分点, unit point: 1.2个百分点"}
	percentWords = extract.Rule{Name: "percent/baifenzhi", Type: extract.Percent,
		Starts: "百", Matches: "百分之 and a number: 百分之八十, 百分之百"}
	percentFraction = extract.Rule{Name: "percent/fraction", Type: extract.Percent,
		Starts: "a digit or a Chinese numeral", Matches: "N分之M, as a percentage: 四分之一 is 25"}
	percentTenths = extract.Rule{Name: "percent/tenths", Type: extract.Percent,
		Starts: "a digit or a Chinese numeral", Matches: "a number and 成, with a following 半: 九成 is 90, 三成半 is 35"}
	percentHalf = extract.Rule{Name: "percent/half", Type: extract.Percent,
		Starts: "一", Matches: "一半 (not after 另): 50"}
	quantityMeasure = extract.Rule{Name: "quantity/measure", Type: extract.Quantity,
		Starts: "a digit or a Chinese numeral", Matches: "a number and a unit of measure (units.tsv, measure): 50万吨"}
	quantityClassifier = extract.Rule{Name: "quantity/classifier", Type: extract.Quantity,
		Starts: "a digit or a Chinese numeral", Matches: "a number and a classifier (units.tsv, classifier): 18个, 3家"}
	sharedUnit = extract.Rule{Name: "amount/shared-unit",
		Starts:  "a bare number before a list or range separator",
		Matches: "a member of a list or range that takes the unit written once on the last: 3.5%、5.6%; 3-5亿元 (the 3 takes 亿)"}
)

// Rules lists every amount rule.
var Rules = []extract.Rule{
	moneySuffix, moneyPrefix, moneyBefore, moneyColloquial, moneyCompound,
	percentSign, percentPoint, percentWords, percentFraction, percentTenths, percentHalf,
	percentNegative, percentHalfTenth, percentRangeSecond, percentRate,
	quantityMeasure, quantityClassifier, quantityIndex,
	sharedUnit,
}

// unitRule is the rule of a number read with a unit word of each kind.
var unitRule = map[unitKind]*extract.Rule{
	kindPercent: &percentSign, kindPoint: &percentPoint, kindMeasure: &quantityMeasure,
	kindClassifier: &quantityClassifier, kindTenth: &percentTenths,
}
