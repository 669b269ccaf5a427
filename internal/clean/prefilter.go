package clean

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
)

// The rules run dozens of regular expressions on every short paragraph
// and a dozen on the last ones, and nearly all of them fail. Go's regexp
// pays a set-up cost in proportion to the text on every call, so most of
// Clean's time went to expressions that could have been ruled out from
// the first letters of a paragraph or from a word missing in it. A
// matcher derives such tests from the expression itself (not from a list
// kept by hand beside it, which would drift) and runs the expression only
// when they pass. The tests over-approximate: they may let through a
// text that does not match, never stop one that does.

// matcher is a compiled expression and the tests that rule texts out
// before it runs.
type matcher struct {
	rx *regexp.Regexp
	// start is set when the expression is anchored at the start of the
	// text: it says what a match may start with.
	start *startFilter
	// need are sets of case-folded strings (see foldCase): every match
	// holds a string of each set. Empty when there is none worth testing.
	need []literalSet
	// needFirst says to test need even without a folded text to hand
	// (folding costs an allocation): start is missing or weak.
	needFirst bool
	// caseNeed is need as a match holds the strings, not folded: the
	// literals of the expression that match case-sensitively.
	caseNeed []literalSet
}

// compile is regexp.MustCompile with the tests derived from expr.
func compile(expr string) *matcher {
	m := &matcher{rx: regexp.MustCompile(expr)}
	// regexp compiles with syntax.Perl; the tests must see the same
	// expression.
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		panic(err)
	}
	m.need = needs(literals(re, true))
	m.caseNeed = needs(literals(re, false))
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		panic(err)
	}
	m.start = newStartFilter(prog)
	m.needFirst = len(m.need) > 0 && (m.start == nil || m.start.weak())
	compiled = append(compiled, m)
	return m
}

// needs makes the literal sets worth testing of what literals found.
func needs(exact []string, need [][]string) []literalSet {
	if exact != nil {
		need = [][]string{exact}
	}
	var sets []literalSet
	for _, set := range strongest(need) {
		sets = append(sets, literalSet{common: common(set), alts: set})
	}
	return sets
}

// compiled lists every matcher, for the test that holds the filters to
// the expressions.
var compiled []*matcher

// maxNeeds is how many literal sets a matcher tests, the most selective
// first.
const maxNeeds = 3

// strongest keeps the sets of need worth testing: not those that hold
// the empty string (they rule nothing out), the most selective first.
func strongest(need [][]string) [][]string {
	var out [][]string
	for _, set := range need {
		if len(set) > 0 && len(set) <= 4*maxLiterals && !slices.Contains(set, "") &&
			!slices.ContainsFunc(out, func(o []string) bool { return slices.Equal(o, set) }) {
			out = append(out, set)
		}
	}
	slices.SortStableFunc(out, func(a, b []string) int {
		if better(a, b) {
			return -1
		}
		if better(b, a) {
			return 1
		}
		return 0
	})
	return out[:min(len(out), maxNeeds)]
}

// literalSet is a set of strings one of which a text must hold, and the
// longest string all of them hold, when that is worth testing first: one
// search for "he ha" rules out a text before six for "he has ", "she has
// ", ... would.
type literalSet struct {
	common string
	alts   []string
}

// common returns the longest string that all of set hold, when it is
// three bytes or more and set has more than one string.
func common(set []string) string {
	if len(set) < 2 {
		return ""
	}
	shortest := slices.MinFunc(set, func(a, b string) int { return len(a) - len(b) })
	for n := len(shortest); n >= 3; n-- {
		for i := 0; i+n <= len(shortest); i++ {
			sub := shortest[i : i+n]
			if !slices.ContainsFunc(set, func(s string) bool { return !strings.Contains(s, sub) }) {
				return sub
			}
		}
	}
	return ""
}

// holdsNeed reports whether folded, a text run through foldCase, holds
// a string of each of the sets every match holds one of.
func (m *matcher) holdsNeed(folded string) bool { return holdsEach(m.need, folded) }

// holdsCaseNeed reports whether s, not folded, holds a string of each of
// the sets in caseNeed.
func (m *matcher) holdsCaseNeed(s string) bool { return holdsEach(m.caseNeed, s) }

// holdsEach reports whether s holds a string of each of sets.
func holdsEach(sets []literalSet, s string) bool {
	for _, set := range sets {
		if set.common != "" && !strings.Contains(s, set.common) {
			return false
		}
		if !slices.ContainsFunc(set.alts, func(lit string) bool { return strings.Contains(s, lit) }) {
			return false
		}
	}
	return true
}

// holdsNeedIn is holdsNeed for a text whose byte pairs are known.
func (m *matcher) holdsNeedIn(f *foldedText) bool {
	for _, set := range m.need {
		if set.common != "" && !f.contains(set.common) {
			return false
		}
		if !slices.ContainsFunc(set.alts, f.contains) {
			return false
		}
	}
	return true
}

// foldedText is a text run through foldCase and the pairs of adjacent
// bytes in it, hashed to a bit each. A literal one of whose pairs is
// missing is not in the text, which spares most of the searches for the
// literals of expressions that may match anywhere in a paragraph: each
// would otherwise scan the whole of it, and most fail.
type foldedText struct {
	s     string
	pairs [64]uint64
}

func (f *foldedText) init(s string) {
	f.s = s
	for i := 1; i < len(s); i++ {
		h := pairHash(s[i-1], s[i])
		f.pairs[h/64] |= 1 << (h % 64)
	}
}

// pairHash keeps the low six bits of each byte, which tell apart the
// letters, the digits and the space.
func pairHash(a, b byte) uint {
	return uint(a&63)<<6 | uint(b&63)
}

// contains is strings.Contains(f.s, lit).
func (f *foldedText) contains(lit string) bool {
	for i := 1; i < len(lit); i++ {
		if h := pairHash(lit[i-1], lit[i]); f.pairs[h/64]&(1<<(h%64)) == 0 {
			return false
		}
	}
	return strings.Contains(f.s, lit)
}

// matchInText is matchIn for a text whose byte pairs are known.
func (m *matcher) matchInText(s string, f *foldedText) bool {
	return m.holdsNeedIn(f) && (m.start == nil || m.start.may(s)) && m.rx.MatchString(s)
}

// may runs the tests on s. It folds s for the literals only when the
// start test is missing or weak: folding costs an allocation.
func (m *matcher) may(s string) bool {
	if m.start != nil && !m.start.may(s) {
		return false
	}
	return !m.needFirst || m.holdsNeed(foldCase(s))
}

// mayStart is false when the start test rules out a match of s and of
// every prefix of s: the test reads the first bytes only, and a prefix
// that matches keeps the program running through them.
func (m *matcher) mayStart(s string) bool {
	return m.start == nil || m.start.may(s)
}

// mayMatch runs the tests on a line, folding it for the literals when
// the start of the line does not rule a match out, or first when the
// start test is weak: a weak filter lets most lines through only after
// running its program over their first bytes (the image credits'
// "[^/]{1,60}" on every short paragraph), while a line's folded form,
// made once, serves every rule.
func (m *matcher) mayMatch(l *line) bool {
	if m.needFirst && !m.holdsNeed(l.fold()) {
		return false
	}
	if m.start != nil && !m.start.may(l.key) {
		return false
	}
	return m.needFirst || len(m.need) == 0 || m.holdsNeed(l.fold())
}

// matchLine is MatchString for a line.
func (m *matcher) matchLine(l *line) bool {
	return m.mayMatch(l) && m.rx.MatchString(l.key)
}

// MatchString is the expression's, after the tests.
func (m *matcher) MatchString(s string) bool {
	return m.may(s) && m.rx.MatchString(s)
}

// matchIn is MatchString for s within a longer text already folded:
// what a match of s needs, that text holds.
func (m *matcher) matchIn(s, folded string) bool {
	return m.holdsNeed(folded) && (m.start == nil || m.start.may(s)) && m.rx.MatchString(s)
}

// FindStringSubmatch is the expression's, after the tests.
func (m *matcher) FindStringSubmatch(s string) []string {
	if !m.may(s) {
		return nil
	}
	return m.rx.FindStringSubmatch(s)
}
