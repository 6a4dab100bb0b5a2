package date

import "github.com/cnie/cnie/extract"

// The date rules. Extractor.at tries, at each position where a date may
// start (dateStarts), a plan period, a numeric date, then an expression
// (Extractor.expr: a year, written or relative, with what follows it, or a
// month, a day, a period or a relative word alone); then the end of a range
// after it. The rule a mention names is the branch that read it.
var (
	rPlan = extract.Rule{Name: "date/plan", Type: extract.Date, Starts: "a quote or a Chinese numeral",
		Matches: "a five-year-plan period, quoted or before 规划/时期/期间/以来/计划, with 前N年: “十四五” is 2021-2025"}
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

// Rules lists every date rule.
var Rules = []extract.Rule{
	rPlan, rNumeric, rYear, rYearRelative, rYearBare, rYearPart, rPeriod,
	rMonth, rMonthRange, rMonthDay, rMonthPart, rDay,
	rRelativeDay, rRelativeWeek, rRelativeMonth, rMonthPartRelative, rAgo,
	rRangeYearsBare, rRangeYear, rRangeMonth, rRangeMonthDay, rRangeOther,
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
