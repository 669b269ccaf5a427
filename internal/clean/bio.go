package clean

import (
	"regexp"
	"slices"
	"strings"
)

// bioHeading is the heading a page puts over the author's bio.
var bioHeading = regexp.MustCompile(`(?i)^(?:about (?:the )?(?:author|writer|reporter|contributor)s?|author(?:'s)? (?:profile|bio|biography|info|information|details)|(?:the )?author|writer(?:'s)? (?:profile|bio)|meet the (?:author|writer|reporter))\s*:?$`)

// bioCues are the turns of phrase of a third-person bio: degrees, years of
// experience, a job at a publication. Each is specific enough that an
// article paragraph rarely holds two of them.
var bioCues = []*regexp.Regexp{
	regexp.MustCompile(`(?i)\b(?:he|she|they) (?:has|have) (?:over |more than |nearly |almost |about )?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|a decade|decades|years) (?:\w+ )?(?:years? |decades? )?of\b`),
	regexp.MustCompile(`(?i)\bhas (?:over |more than |nearly |almost )?\d+ years\b`),
	regexp.MustCompile(`(?i)\b(?:received|earned|holds|obtained|completed) (?:his|her|their|a|an) (?:ba|b\.a\.|bs|b\.s\.|ma|m\.a\.|ms|msc|mba|phd|ph\.d\.|bachelor'?s?|masters?'?s?|doctorate|degree|diploma)\b`),
	regexp.MustCompile(`(?i)\bgraduated (?:from|with)\b`),
	regexp.MustCompile(`(?i)\b(?:is|was) (?:a|an|the) (?:(?:senior|staff|freelance|contributing|veteran|former|award-winning|political|business|foreign|investigative|associate|managing|deputy|news|digital|sports)\s+)*(?:reporter|writer|journalist|editor|correspondent|columnist|contributor|producer|author|copy editor)\b`),
	regexp.MustCompile(`(?i)\b(?:started|began) (?:his|her|their) (?:career|college|studies|journalism)\b`),
	regexp.MustCompile(`(?i)\b(?:degree|ba|bs|ma|ms|msc|phd|masters?) in [A-Z]`),
	regexp.MustCompile(`(?i)\b(?:he|she) (?:covers|writes about|reports on|joined)\b`),
	regexp.MustCompile(`(?i)\b(?:copy editing|editorial|newsroom|reporting) (?:and \w+ )?experience\b`),
	regexp.MustCompile(`(?i)\bfollow (?:him|her|them) on\b`),
}

// bioWords are words one of which every bio cue holds: a cheap test that
// spares most paragraphs the regular expressions.
var bioWords = []string{"year", "decade", "degree", "graduat", "ba", "bs", "ma", "ms", "phd", "ph.d", "mba", "master", "bachelor", "diploma", "doctorate",
	"reporter", "writer", "journalist", "editor", "correspondent", "columnist", "contributor", "producer", "author",
	"career", "college", "studies", "covers", "writes", "reports", "joined", "experience", "follow"}

// bioScore counts the distinct bio cues in a paragraph.
func bioScore(s string) int {
	lower := strings.ToLower(s)
	if !slices.ContainsFunc(bioWords, func(w string) bool { return strings.Contains(lower, w) }) {
		return 0
	}
	n := 0
	for _, rx := range bioCues {
		if rx.MatchString(s) {
			n++
		}
	}
	return n
}

// bioSpan is how far from the end of the text an author bio is looked for.
const bioSpan = 4

// authorBio finds an author bio among keys, the folded texts of the last
// bioSpan paragraphs, and returns the positions to remove: a bio heading and
// the bio after it, or a bio without heading that is plainly one (two
// cues) and is the last or second-to-last paragraph.
func authorBio(keys []string) []int {
	n := len(keys)
	from := max(0, n-bioSpan)
	for i := from; i < n; i++ {
		if !bioHeading.MatchString(keys[i]) {
			continue
		}
		if i+1 == n {
			return []int{i}
		}
		if bioScore(keys[i+1]) >= 1 && words(keys[i+1]) <= 200 {
			return []int{i, i + 1}
		}
	}
	for i := max(0, n-2); i < n; i++ {
		if words(keys[i]) <= 150 && startsWithName(keys[i]) && bioScore(keys[i]) >= 2 {
			return []int{i}
		}
	}
	return nil
}

// startsWithName reports whether a paragraph opens on a capitalised name
// or a third-person pronoun, as a bio does ("Jane Doe is ...", "She has
// ...").
func startsWithName(s string) bool {
	f := strings.Fields(s)
	if len(f) < 2 {
		return false
	}
	switch f[0] {
	case "He", "She", "They":
		return true
	}
	return nameLike(f[0] + " " + f[1])
}

func words(s string) int { return len(strings.Fields(s)) }
