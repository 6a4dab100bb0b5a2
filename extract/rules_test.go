package extract_test

import (
	"strings"
	"testing"

	"github.com/cnie/cnie/extract"
	"github.com/cnie/cnie/extract/amount"
	"github.com/cnie/cnie/extract/country"
	"github.com/cnie/cnie/extract/date"
	"github.com/cnie/cnie/extract/org"
)

// TestRuleNames: rule names are unique across the packages, each says
// where it may start and what it matches, and names of a single type start
// with that type (money/…, date/…), others with their package.
func TestRuleNames(t *testing.T) {
	var all []extract.Rule
	for pkg, rules := range map[string][]extract.Rule{"amount": amount.Rules, "date": date.Rules, "country": country.Rules, "org": org.Rules} {
		for _, r := range rules {
			prefix := pkg
			if r.Type != "" {
				prefix = string(r.Type)
			}
			if !strings.HasPrefix(r.Name, prefix+"/") || r.Starts == "" || r.Matches == "" {
				t.Errorf("%s: rule %+v", pkg, r)
			}
		}
		all = append(all, rules...)
	}
	if err := extract.CheckRules(all); err != nil {
		t.Error(err)
	}
	if err := extract.CheckRules([]extract.Rule{{Name: "a/b"}, {Name: "a/b"}}); err == nil {
		t.Error("a repeated name passed")
	}
}
