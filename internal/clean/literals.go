package clean

import (
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A match of an expression holds certain literal strings: "contributed"
// for "... contributed to this report", one of "he has ", "she has " ...
// for "(?:he|she) (?:has|have) ...". literals finds such sets, case-folded
// (see foldCase), so that a text holding none of them is ruled out with a
// few substring searches instead of a run of the expression.

// maxLiterals bounds the literal sets literals builds: beyond it a test
// costs more than it saves.
const maxLiterals = 16

// literals analyses a parsed expression. exact is the set of texts it
// matches, case-folded, when that set is small (nil otherwise); need are
// sets of case-folded strings such that every match holds a string of
// each set.
//
// With fold false the strings are as a match holds them, not case-folded,
// which only the parts of the expression that match case-sensitively
// tell: the others rule nothing out.
func literals(re *syntax.Regexp, fold bool) (exact []string, need [][]string) {
	of := func(re *syntax.Regexp) ([]string, [][]string) { return literals(re, fold) }
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return []string{""}, nil
	case syntax.OpLiteral:
		switch {
		case fold:
			return []string{foldCase(string(re.Rune))}, nil
		case re.Flags&syntax.FoldCase != 0:
			return nil, nil
		}
		return []string{string(re.Rune)}, nil
	case syntax.OpCharClass:
		var set []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] >= 4*maxLiterals {
				return nil, nil
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				f := string(r)
				if fold {
					f = string(foldRune(r))
				}
				if !slices.Contains(set, f) {
					if len(set) == maxLiterals {
						return nil, nil
					}
					set = append(set, f)
				}
			}
		}
		return set, nil
	case syntax.OpCapture:
		return of(re.Sub[0])
	case syntax.OpQuest:
		if e, _ := of(re.Sub[0]); e != nil && len(e) < maxLiterals {
			return union(e, []string{""}), nil
		}
		return nil, nil
	case syntax.OpPlus:
		return nil, required(of(re.Sub[0]))
	case syntax.OpRepeat:
		if re.Min == 1 && re.Max == 1 {
			return of(re.Sub[0])
		}
		if re.Min >= 1 {
			return nil, required(of(re.Sub[0]))
		}
		return nil, nil
	case syntax.OpAlternate:
		// A match of the whole is a match of one branch: it holds a
		// string of the union of one set from each branch.
		var exact, oneOf []string
		exactOK, oneOfOK := true, true
		for _, sub := range re.Sub {
			e, n := of(sub)
			if exactOK && e != nil {
				exact = union(exact, e)
			} else {
				exactOK = false
			}
			if best := bestOf(required(e, n)); oneOfOK && best != nil {
				oneOf = union(oneOf, best)
			} else {
				oneOfOK = false
			}
		}
		if !exactOK || len(exact) > maxLiterals {
			exact = nil
		}
		if oneOfOK && len(oneOf) <= 4*maxLiterals {
			need = [][]string{oneOf}
		}
		return exact, need
	case syntax.OpConcat:
		// Every part's needs are the whole's, and so are the products of
		// runs of consecutive parts with small exact sets (longer
		// literals, rarer in text).
		run := []string{""}
		all := true
		for _, sub := range re.Sub {
			e, n := of(sub)
			need = append(need, n...)
			if e == nil {
				all = false
				need = append(need, run)
				run = []string{""}
				continue
			}
			if len(run)*len(e) > maxLiterals {
				all = false
				need = append(need, run)
				run = []string{""}
			}
			run = product(run, e)
		}
		if all {
			return run, nil
		}
		return nil, append(need, run)
	}
	return nil, nil
}

// required is need with exact among them, when known.
func required(exact []string, need [][]string) [][]string {
	if exact != nil {
		return append([][]string{exact}, need...)
	}
	return need
}

// bestOf returns the most selective of the sets that rule something out.
func bestOf(need [][]string) []string {
	if s := strongest(need); len(s) > 0 {
		return s[0]
	}
	return nil
}

func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, s := range b {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func product(a, b []string) []string {
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			if s := x + y; !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// better prefers a literal set whose shortest string is longer (rarer in
// text), then a smaller one.
func better(a, b []string) bool {
	shortest := func(set []string) int {
		n := len(set[0])
		for _, s := range set {
			n = min(n, len(s))
		}
		return n
	}
	if sa, sb := shortest(a), shortest(b); sa != sb {
		return sa > sb
	}
	return len(a) < len(b)
}

// foldRune maps r to one rune of its case-folding orbit (the runes a
// case-insensitive expression takes for one another), so that text and
// literals compare case-insensitively by plain substring search: the
// lower-case ASCII letter when the orbit has one (K, the Kelvin sign and
// k all fold to k), else the smallest rune of the orbit.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	m := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f < utf8.RuneSelf {
			return foldRune(f)
		}
		m = min(m, f)
	}
	return m
}

// foldCase applies foldRune to every rune of s; for ASCII that is
// strings.ToLower, which returns s itself when it has no capitals.
func foldCase(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	return strings.Map(foldRune, s)
}
