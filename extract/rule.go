package extract

import "fmt"

// Rule is one named extraction rule: what `cnie run --explain` writes beside
// a mention, and what a newcomer looks up to find the code and examples
// behind it. Each extractor package lists its rules in one place (its
// rules.go, `var Rules`), and every Mention it makes carries the Name of
// the rule that made it.
type Rule struct {
	// Name is unique across packages: "<package or type>/<what it reads>",
	// as in "date/range-month-day" or "percent/tenths".
	Name string
	// Type is the entity type of its mentions ("" when it gives an amount
	// of any type, as a list sharing its unit does).
	Type Type
	// Starts says where the rule may start: the characters or the context
	// that it is tried at.
	Starts string
	// Matches says what it reads and what it produces, with an example.
	Matches string
}

// String returns the rule's name.
func (r Rule) String() string { return r.Name }

// CheckRules reports an error for a rule list with an empty or repeated
// name: every rule must be reachable by its name.
func CheckRules(rules []Rule) error {
	seen := map[string]bool{}
	for _, r := range rules {
		if r.Name == "" || seen[r.Name] {
			return fmt.Errorf("extract: rule name %q is empty or repeated", r.Name)
		}
		seen[r.Name] = true
	}
	return nil
}
