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
		Matches: "a run of abbreviations pairing states, each its own mention: 中埃, 中俄美, 俄乌冲突 (lexicon/pair_context.tsv after a pair without 中); a shared abbreviation is the state named in full, else the one its partners in the run settle for the document (中哈乌: 乌 is UZ; country_partners.tsv), else its default"}
	rRisky = extract.Rule{Name: "country/name-risky", Type: extract.Country, Starts: "the first character of a risky name",
		Matches: "a name Taiwan or Hong Kong news writes that is also a place or a person (countries_hant.tsv, risky), before a state word or listed beside a state: 马利总统, 肯亚、马利 (not 乔治亚州)"}
	rHuaAcross = extract.Rule{Name: "country/hua-across-word", Type: extract.Country, Starts: "华",
		Matches: "华 after a verb where the segmenter read a two-character name whose second character starts a dictionary word with the next: 在华新设企业 (not 在华为工作)"}
	rSideAcross = extract.Rule{Name: "country/side-across-word", Type: extract.Country, Starts: "an abbreviation",
		Matches: "X方 at a clause's start where the segmenter read 方向 or 方面: 中方向有关国家通报 (not 集中方案, 过程中方向)"}
	rPairAcross = extract.Rule{Name: "country/pair-across-word", Type: extract.Country, Starts: "an abbreviation",
		Matches: "a run of abbreviations whose 中 the segmenter joined to a preposition before it: 从中老铁路 (not 从中可以看出, 集中)"}
	rAfterVerb = extract.Rule{Name: "country/abbrev-after-verb", Type: extract.Country, Starts: "an abbreviation",
		Matches: "a lone abbreviation after a verb of going or dealing, not an ordinary word: 对俄出口, 访美"}
)

// Rules lists every country rule.
var Rules = []extract.Rule{rName, rRisky, rHua, rHuaAcross, rSide, rSideAcross, rPair, rPairAcross, rAfterVerb}
