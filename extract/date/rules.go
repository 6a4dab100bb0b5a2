package date

import "github.com/cnie/cnie/extract"

// The date rules. Extractor.at tries, at each position where a date may
// start (dateStarts), a plan period, a numeric date, then an expression
// (Extractor.expr: a year, written or relative, with what follows it, or a
// month, a day, a period or a relative word alone); then the end of a range
// after it. The rule a mention names is the branch that read it.
var (
	rPlan = extract.Rule{Name: "date/plan", Type: extract.Date, Starts: "a quote or a Chinese numeral",
		Matches: "a five-year-plan period, quoted or before 规划/时期/期间/以来/计划, with 前N年, 开局之年 (the first year) or 收官之年 (the last): “十四五” is 2021-2025"}
	rNumeric = extract.Rule{Name: "date/numeric", Type: extract.Date, Starts: "1 or 2 (a year 19xx, 20xx)",
		Matches: "a numeric date with one separator: 2025-08-29, 2025/8/29, 2025.8.29"}
	rYear = extract.Rule{Name: "date/year", Type: extract.Date, Starts: "a digit or a Chinese digit",
		Matches: "a written year with 年 and nothing after it that the other rules read: 2024年, 二〇二五年"}
	rYearRelative = extract.Rule{Name: "date/year-relative", Type: extract.Date, Starts: "今, 本, 去, 前, 明, 后",
		Matches: "a year relative to the reference date: 今年, 去年, 明年 (not 去年同期)"}
	rYearBare = extract.Rule{Name: "date/year-bare", Type: extract.Date, Starts: "1 or 2",
		Matches: "four digits 1900-2099 before a name, with no 年: 2024京津产业握手活动"}
	rYearPart = extract.Rule{Name: "date/year-part", Type: extract.Date, Starts: "a written year",
		Matches: "a written year with 初, 底, 末 or 内 (not 初步, 内容…): 2024年底 is December, 2025年初 January"}
	rPeriod = extract.Rule{Name: "date/period", Type: extract.Date, Starts: "上, 下, 年, 第, 前, a numeral, a season after a year",
		Matches: "a part of a year, after a year or alone: 上半年, 一季度, 前三季度, 年初, 年底, 年内, 2024年秋天"}
	rMonth = extract.Rule{Name: "date/month", Type: extract.Date, Starts: "a numeral, or after a year",
		Matches: "a month, 份 too: 7月, 2025年7月, 6月份, 十二月"}
	rMonthRange = extract.Rule{Name: "date/month-range", Type: extract.Date, Starts: "a numeral, or after a year",
		Matches: "two months with 月 written once: 1—7月, 今年1-7月"}
	rMonthDay = extract.Rule{Name: "date/month-day", Type: extract.Date, Starts: "a numeral, or after a year",
		Matches: "a month and a day (日 or 号): 7月18日, 2025年7月19日, 十二月三十一日"}
	rMonthPart = extract.Rule{Name: "date/month-part", Type: extract.Date, Starts: "a numeral, or after a year",
		Matches: "a third of a month: 3月中旬, 5月上旬, 6月底, 9月初"}
	rDay = extract.Rule{Name: "date/day", Type: extract.Date, Starts: "a numeral",
		Matches: "a day alone, in the reference month or the range's: 18日, 3号 (号 after Arabic digits only)"}
	rRelativeDay = extract.Rule{Name: "date/relative-day", Type: extract.Date, Starts: "今, 昨, 前, 明, 后",
		Matches: "a day relative to the reference date: 今天, 昨日, 前天 (not 今天 meaning nowadays)"}
	rRelativeWeek = extract.Rule{Name: "date/relative-week", Type: extract.Date, Starts: "本, 这, 上, 下",
		Matches: "a week relative to the reference date: 本周, 上周, 下周"}
	rRelativeMonth = extract.Rule{Name: "date/relative-month", Type: extract.Date, Starts: "本, 这, 上, 下",
		Matches: "a month relative to the reference date: 本月, 上个月, 下月"}
	rMonthPartRelative = extract.Rule{Name: "date/month-part-relative", Type: extract.Date, Starts: "月",
		Matches: "a third of the reference month: 月初, 月底, 月末"}
	rAgo = extract.Rule{Name: "date/ago", Type: extract.Date, Starts: "a numeral",
		Matches: "N年前, N个月前, N天前, N周前: counted back from the reference date"}
	rRangeYearsBare = extract.Rule{Name: "date/range-years-bare", Type: extract.Date, Starts: "1 or 2",
		Matches: "two years with 年 written once: 2024-2027年"}
	rRangeYear = extract.Rule{Name: "date/range-year", Type: extract.Date, Starts: "a year, then a range separator",
		Matches: "two years joined by a range separator: 2020年至2024年"}
	rRangeMonth = extract.Rule{Name: "date/range-month", Type: extract.Date, Starts: "a month, then a range separator",
		Matches: "two months joined by a range separator, the year carried over: 3月至5月, 2023年11月至2024年3月"}
	rRangeMonthDay = extract.Rule{Name: "date/range-month-day", Type: extract.Date, Starts: "a day, then a range separator",
		Matches: "two days joined by a range separator, year and month carried over: 4月9日至11日, 8月31日至9月1日"}
	rRangeOther = extract.Rule{Name: "date/range-period", Type: extract.Date, Starts: "a period, then a range separator",
		Matches: "two periods of the same kind joined by a range separator: 一季度至三季度"}
)

// The long-tail rules (issues #16 and #17).
var (
	rROCYear = extract.Rule{Name: "date/roc-year", Type: extract.Date, Starts: "民 or 中, or digits in a Taiwanese article",
		Matches: "a Republic of China year (the year + 1911): 民国113年, 民国一一三年, and in a Taiwanese article 112年, 113年度"}
	rNumericROC = extract.Rule{Name: "date/numeric-roc", Type: extract.Date, Starts: "a digit, in a Taiwanese article",
		Matches: "a numeric date with an ROC year in a Taiwanese article: 113/12/10 is 2024-12-10"}
	rYearTwoDigit = extract.Rule{Name: "date/year-two-digit", Type: extract.Date, Starts: "a numeral",
		Matches: "a two-digit year where a date stands, the century nearest the reference date: 09年, 九八年, 98年特大洪水 (not 干了25年)"}
	rFiscalSplit = extract.Rule{Name: "date/fiscal-split", Type: extract.Date, Starts: "1 or 2",
		Matches: "a split fiscal year, 1 April to 31 March, with 期初/期末: 2023/24年度, 2023至24年度, 2023-24财年, 2024/2025年度"}
	rFiscalYear = extract.Rule{Name: "date/fiscal-year", Type: extract.Date, Starts: "a written year",
		Matches: "a written year with a fiscal word, the calendar year, with 期初/期末: 2024财年, 2024财政年度, 2024年度, 2024财年期末"}
	rFiscalRelative = extract.Rule{Name: "date/fiscal-relative", Type: extract.Date, Starts: "本, 上, 下, 今",
		Matches: "the fiscal year holding the reference date, before or after it, April-March in HK and SG, else the calendar year: 本财政年度, 上个财政年度"}
	rFirstMonths = extract.Rule{Name: "date/first-months", Type: extract.Date, Starts: "前 or 首, or after a year",
		Matches: "the first N months of a year: 今年前4个月, 首三个月, 2021年前9个月"}
	rRelativeQuarter = extract.Rule{Name: "date/relative-quarter", Type: extract.Date, Starts: "本, 上, 下, 这",
		Matches: "a quarter relative to the reference date's: 本季度, 上季度, 下一季度"}
	rRelativeHalf = extract.Rule{Name: "date/relative-half", Type: extract.Date, Starts: "上 or 下",
		Matches: "the half before or after the reference date's: 上个半年, 下个半年"}
	rCompact = extract.Rule{Name: "date/compact", Type: extract.Date, Starts: "a digit",
		Matches: "the compact forms of reports: 20240315, 24Q3, 2024Q3, 2024年Q3, 2024H2"}
	rWeekday = extract.Rule{Name: "date/weekday", Type: extract.Date, Starts: "本, 这, 上, 下",
		Matches: "a weekday with a week word, in that ISO week: 下周三, 上上个周五, 本周日, 下星期二"}
	rRelativeMonthDay = extract.Rule{Name: "date/relative-month-day", Type: extract.Date, Starts: "本, 这, 上, 下",
		Matches: "a day of a month relative to the reference date: 本月15日, 下月5号 (an impossible day is no date)"}
	rFestival = extract.Rule{Name: "date/festival", Type: extract.Date, Starts: "a festival's first character, or after a year",
		Matches: "a festival's day in the year written or the reference year: 春节, 2024年除夕, 清明节, 中秋节, 元旦, 五一假期, 国庆 (10 October in Taiwan)"}
	rYearPair = extract.Rule{Name: "date/year-pair", Type: extract.Date, Starts: "今 or 明",
		Matches: "two years from the reference year as one mention: 今明两年, 明后两年"}
	rLunar = extract.Rule{Name: "date/lunar", Type: extract.Date, Starts: "农, 阴, 正, 冬, 腊, or after a year",
		Matches: "a lunar date, its Gregorian day (the reference year's, else the nearest): 腊月二十三, 农历八月十五, 2025年正月三十 (正月三十 of 2024 is none)"}
)

// Rules lists every date rule.
var Rules = []extract.Rule{
	rPlan, rNumeric, rYear, rYearRelative, rYearBare, rYearPart, rPeriod,
	rMonth, rMonthRange, rMonthDay, rMonthPart, rDay,
	rRelativeDay, rRelativeWeek, rRelativeMonth, rMonthPartRelative, rAgo,
	rRangeYearsBare, rRangeYear, rRangeMonth, rRangeMonthDay, rRangeOther,
	rROCYear, rNumericROC, rYearTwoDigit, rFiscalSplit, rFiscalYear, rFiscalRelative, rFirstMonths,
	rRelativeQuarter, rRelativeHalf, rCompact, rWeekday, rRelativeMonthDay, rFestival, rLunar, rYearPair,
}

// relativeRule is the rule of each kind of relative word.
var relativeRule = map[int]*extract.Rule{kRelDay: &rRelativeDay, kWeek: &rRelativeWeek, kRelMonth: &rRelativeMonth}

// rangeRule is the rule of a range whose first end is of the given kind.
func rangeRule(kind int) *extract.Rule {
	switch kind {
	case kYear:
		return &rRangeYear
	case kMonth:
		return &rRangeMonth
	case kDay:
		return &rRangeMonthDay
	}
	return &rRangeOther
}
