package org

import "github.com/cnie/cnie/extract"

// The organisation rules, by the evidence they read (see Extractor).
// Extractor.Extract runs them in this order: lexicon names, head names, list
// members, appositives, repeats of context names, by-lines, defined short
// forms; then it gives every name its canonical and unifies short and full
// forms.
var (
	rLexicon = extract.Rule{Name: "org/lexicon", Type: extract.Org, Starts: "the first character of a lexicon name",
		Matches: "a name or alias of lexicon/orgs/*.tsv on word boundaries: 上合组织 is 上海合作组织 (org.go)"}
	rLexiconUnit = extract.Rule{Name: "org/lexicon-unit", Type: extract.Org, Starts: "a lexicon name",
		Matches: "a lexicon name with the sub-units written after it: 上合组织秘书处, 工信部规划司 (org.go)"}
	rHead = extract.Rule{Name: "org/head", Type: extract.Org, Starts: "a head (lexicon/org_heads.tsv)",
		Matches: "a name ending in a head, its left edge found from the segmentation: 山东能源集团有限公司, 天津大学 (name.go)"}
	rPlaceBody = extract.Rule{Name: "org/place-body", Type: extract.Org, Starts: "a weak two-character head",
		Matches: "a body named by its place word alone: 市委, 省委, 区政府 (name.go)"}
	rListMember = extract.Rule{Name: "org/list-member", Type: extract.Org, Starts: "等 before a noun for organisations",
		Matches: "the members of a list closed by 等 and a list tail (org_context.tsv): 山东重工、潍柴雷沃等龙头企业 (context.go)"}
	rAppositive = extract.Rule{Name: "org/appositive", Type: extract.Org, Starts: "a kind of company (org_context.tsv, appositive)",
		Matches: "an unknown brand written straight after its kind: 民营企业明源丝路在… (context.go)"}
	rRepeat = extract.Rule{Name: "org/context-repeat", Type: extract.Org, Starts: "a name a list showed",
		Matches: "every other use, as a word of its own, of a list member's name (context.go)"}
	rByline = extract.Rule{Name: "org/byline", Type: extract.Org, Starts: "a line with 记者",
		Matches: "the outlet of a by-line, ending in an outlet word or a lexicon name: 青岛日报/观海新闻记者 (context.go)"}
	rCredit = extract.Rule{Name: "org/credit", Type: extract.Org, Starts: "©, 来源:",
		Matches: "the outlet of a credit line: ©天津发布, 来源：央视新闻 (context.go)"}
	rLatin = extract.Rule{Name: "org/latin", Type: extract.Org, Starts: "a capital Latin letter",
		Matches: "a Latin name ending in a legal form or a kind (org_words.tsv, latin-suffix): M&G Investments, HSBC Holdings plc (latin.go)"}
	rShortRepeat = extract.Rule{Name: "org/short-repeat", Type: extract.Org, Starts: "a short name the lexicon keeps (~美的)",
		Matches: "each use of a company's ordinary-word short name once the article has named the company: 美的集团…美的 (alias.go)"}
	rLatinAbbrev = extract.Rule{Name: "org/latin-abbrev", Type: extract.Org, Starts: "a Latin abbreviation in brackets after a name",
		Matches: "the abbreviation the text gives a name, there and wherever it stands later: 国际数据公司（IDC） (latin.go)"}
	rTitledOutlet = extract.Rule{Name: "org/titled-outlet", Type: extract.Org, Starts: "《",
		Matches: "a newspaper or magazine in title marks, its name ending in an outlet word: 《金融时报》 (context.go)"}
	rAliasDefined = extract.Rule{Name: "org/alias-defined", Type: extract.Org, Starts: "a quoted name before （以下简称",
		Matches: "a quoted name the text gives a short form: “中国—中亚合作论坛”（以下简称“论坛”） (alias.go)"}
	rAliasUse = extract.Rule{Name: "org/alias-use", Type: extract.Org, Starts: "a short form the text defined",
		Matches: "each use of a short form defined by 以下简称, with the full name as canonical (alias.go)"}
)

// Rules lists every organisation rule.
var Rules = []extract.Rule{
	rLexicon, rLexiconUnit, rHead, rPlaceBody, rListMember, rAppositive, rRepeat,
	rByline, rCredit, rLatin, rLatinAbbrev, rTitledOutlet, rShortRepeat, rAliasDefined, rAliasUse,
}
