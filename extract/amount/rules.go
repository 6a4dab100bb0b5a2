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
	moneySuffix, moneyPrefix,
	percentSign, percentPoint, percentWords, percentFraction, percentTenths, percentHalf,
	quantityMeasure, quantityClassifier,
	sharedUnit,
}

// unitRule is the rule of a number read with a unit word of each kind.
var unitRule = map[unitKind]*extract.Rule{
	kindPercent: &percentSign, kindPoint: &percentPoint, kindMeasure: &quantityMeasure,
	kindClassifier: &quantityClassifier, kindTenth: &percentTenths,
}
