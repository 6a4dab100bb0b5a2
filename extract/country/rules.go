package country

import "github.com/cnie/cnie/extract"

// The country rules. Extractor.Extract reads full names first (rName),
// then, outside them, 华 and the one-character abbreviations.
var (
	rName = extract.Rule{Name: "country/name", Type: extract.Country, Starts: "the first character of a name or alias",
		Matches: "a state's name or alias (lexicon/countries.tsv), longest first, not inside a region, people, language or sea named after it: 印度尼西亚, 美国 (not 内蒙古, 朝鲜族, 印度洋)"}
	rHua = extract.Rule{Name: "country/hua", Type: extract.Country, Starts: "华",
		Matches: "华 for China after a verb of going or dealing (对, 来, 驻, 访…), when no word starts there: 对华出口 (not 在华为)"}
	rSide = extract.Rule{Name: "country/side", Type: extract.Country, Starts: "an abbreviation",
		Matches: "an abbreviation and 方, a state's side, as a whole word: 中方, 俄方 (not 西方)"}
	rPair = extract.Rule{Name: "country/pair", Type: extract.Country, Starts: "an abbreviation",
		Matches: "a run of abbreviations pairing states, each its own mention: 中埃, 中俄美, 俄乌冲突 (lexicon/pair_context.tsv after a pair without 中)"}
	rAfterVerb = extract.Rule{Name: "country/abbrev-after-verb", Type: extract.Country, Starts: "an abbreviation",
		Matches: "a lone abbreviation after a verb of going or dealing, not an ordinary word: 对俄出口, 访美"}
)

// Rules lists every country rule.
var Rules = []extract.Rule{rName, rHua, rSide, rPair, rAfterVerb}
