package org

import (
	"fmt"
	"strings"
	"unicode/utf8"

	tx "github.com/cnie/cnie/extract/internal/text"
	"github.com/cnie/cnie/lexicon"
)

// words are the organisation rules' words of lexicon/org_words.tsv, by
// role (see its header); lists keep file order.
type words struct {
	nameEnd, notInName, placeWord, researchHead, listCount, home map[string]bool
	project, legalSuffix, generic, placeSuffixNot, credit        []string
	listedContext                                                []string
	latinSuffix                                                  map[string]bool
	latinJoin                                                    map[string]bool
	inCompound                                                   map[string]bool
	outletNot, publication                                       []string
	researchPrefix, govSuffix, companySuffix                     []string
	university, universityUnit, listTailSuffix                   []string
	deictic, placeSuffix, placeBody, nrPlace, govLast            tx.RuneSet
}

// loadWords reads lexicon/org_words.tsv. A role of one character must be
// one character: an error names the line.
func loadWords(lx *lexicon.Set) (*words, error) {
	const file = "org_words.tsv"
	rows, err := lx.Read(file, 2, 2)
	if err != nil {
		return nil, err
	}
	ws := &words{nameEnd: map[string]bool{}, notInName: map[string]bool{}, placeWord: map[string]bool{},
		researchHead: map[string]bool{}, listCount: map[string]bool{}, home: map[string]bool{}, latinSuffix: map[string]bool{}, latinJoin: map[string]bool{}, inCompound: map[string]bool{}}
	for _, r := range rows {
		w, role := r.Fields[0], r.Fields[1]
		one := func(set *tx.RuneSet) error {
			c, size := utf8.DecodeRuneInString(w)
			if size != len(w) {
				return fmt.Errorf("lexicon: %s:%d: a %s is one character, not %q", file, r.Line, role, w)
			}
			set.Add(c)
			return nil
		}
		switch role {
		case "name-end":
			ws.nameEnd[w] = true
		case "not-in-name":
			ws.notInName[w] = true
		case "place-word":
			ws.placeWord[w] = true
		case "listed-context":
			ws.listedContext = append(ws.listedContext, w)
		case "latin-suffix":
			ws.latinSuffix[w] = true
		case "latin-join":
			ws.latinJoin[w] = true
		case "in-compound":
			ws.inCompound[w] = true
		case "outlet-not":
			ws.outletNot = append(ws.outletNot, w)
		case "publication":
			ws.publication = append(ws.publication, w)
		case "home":
			ws.home[w] = true
		case "project":
			ws.project = append(ws.project, w)
		case "legal-suffix":
			ws.legalSuffix = append(ws.legalSuffix, w)
		case "generic":
			ws.generic = append(ws.generic, w)
		case "place-suffix-not":
			ws.placeSuffixNot = append(ws.placeSuffixNot, w)
		case "credit":
			ws.credit = append(ws.credit, w)
		case "research-head":
			ws.researchHead[w] = true
		case "list-count":
			ws.listCount[w] = true
		case "research-head-prefix":
			ws.researchPrefix = append(ws.researchPrefix, w)
		case "gov-head-suffix":
			ws.govSuffix = append(ws.govSuffix, w)
		case "company-head-suffix":
			ws.companySuffix = append(ws.companySuffix, w)
		case "university":
			ws.university = append(ws.university, w)
		case "university-unit-suffix":
			ws.universityUnit = append(ws.universityUnit, w)
		case "list-tail-suffix":
			ws.listTailSuffix = append(ws.listTailSuffix, w)
		case "gov-head-last":
			err = one(&ws.govLast)
		case "deictic":
			err = one(&ws.deictic)
		case "place-suffix":
			err = one(&ws.placeSuffix)
		case "place-body":
			err = one(&ws.placeBody)
		case "nr-place":
			err = one(&ws.nrPlace)
		default: // lexicon.Read has checked the role
			err = fmt.Errorf("lexicon: %s:%d: role %q has no rule", file, r.Line, role)
		}
		if err != nil {
			return nil, err
		}
	}
	return ws, nil
}

// hasAnySuffix reports whether s ends with one of words.
func hasAnySuffix(s string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}
