package clean

import (
	"slices"
	"strings"
	"unicode"
)

// bioHeading is the heading a page puts over the author's bio.
var bioHeading = compile(`(?i)^(?:about (?:the )?(?:author|writer|reporter|contributor)s?|author(?:'s)? (?:profile|bio|biography|info|information|details)|(?:the )?author|writer(?:'s)? (?:profile|bio)|meet the (?:author|writer|reporter))\s*:?$`)

// bioCues are the turns of phrase of a third-person bio: degrees, years of
// experience, a job at a publication. Each is specific enough that an
// article paragraph rarely holds two of them.
var bioCues = []*matcher{
	compile(`(?i)\b(?:he|she|they) (?:has|have) (?:over |more than |nearly |almost |about )?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|a decade|decades|years) (?:\w+ )?(?:years? |decades? )?of\b`),
	compile(`(?i)\bhas (?:over |more than |nearly |almost )?\d+ years\b`),
	compile(`(?i)\b(?:received|earned|holds|obtained|completed) (?:his|her|their|a|an) (?:ba|b\.a\.|bs|b\.s\.|ma|m\.a\.|ms|msc|mba|phd|ph\.d\.|bachelor'?s?|masters?'?s?|doctorate|degree|diploma)\b`),
	compile(`(?i)\bgraduated (?:from|with)\b`),
	compile(`(?i)\b(?:is|was) (?:a|an|the) (?:(?:senior|staff|freelance|contributing|veteran|former|award-winning|political|business|foreign|investigative|associate|managing|deputy|news|digital|sports)\s+)*(?:reporter|writer|journalist|editor|correspondent|columnist|contributor|producer|author|copy editor)\b`),
	compile(`(?i)\b(?:started|began) (?:his|her|their) (?:career|college|studies|journalism)\b`),
	compile(`(?i)\b(?:degree|ba|bs|ma|ms|msc|phd|masters?) in [A-Z]`),
	compile(`(?i)\b(?:he|she) (?:covers|writes about|reports on|joined)\b`),
	compile(`(?i)\b(?:copy editing|editorial|newsroom|reporting) (?:and \w+ )?experience\b`),
	compile(`(?i)\bfollow (?:him|her|them) on\b`),
}

// bioWords are words one of which every bio cue holds: a cheap test that
// spares most paragraphs the regular expressions.
var bioWords = []string{"year", "decade", "degree", "graduat", "ba", "bs", "ma", "ms", "phd", "ph.d", "mba", "master", "bachelor", "diploma", "doctorate",
	"reporter", "writer", "journalist", "editor", "correspondent", "columnist", "contributor", "producer", "author",
	"career", "college", "studies", "covers", "writes", "reports", "joined", "experience", "follow"}

// bioScore counts the distinct bio cues in a paragraph.
func bioScore(l *line) int {
	// An ASCII line's folded form is its lower case, often made already
	// for the rules at the tail.
	var lower foldedText
	if l.ascii {
		lower.init(l.fold())
	} else {
		lower.init(strings.ToLower(l.key))
	}
	if !slices.ContainsFunc(bioWords, lower.contains) {
		return 0
	}
	// Each cue is an unanchored search through the whole paragraph;
	// most paragraphs lack the words any match of it holds.
	folded := &lower
	if !l.ascii {
		folded = &foldedText{}
		folded.init(l.fold())
	}
	n := 0
	for _, m := range bioCues {
		if m.matchInText(l.key, folded) {
			n++
		}
	}
	return n
}

// bioSpan is how far from the end of the text an author bio is looked for.
const bioSpan = 4

// authorBio finds an author bio among the last bioSpan paragraphs and
// returns the positions in tail to remove: a bio heading and the bio
// after it, or a bio without heading that is plainly one (two cues) and
// is the last or second-to-last paragraph.
func authorBio(tail []*para) []int {
	n := len(tail)
	from := max(0, n-bioSpan)
	for i := from; i < n; i++ {
		if !tail[i].isBioHeading() {
			continue
		}
		if i+1 == n {
			return []int{i}
		}
		if tail[i+1].bioScore() >= 1 && tail[i+1].words <= 200 {
			return []int{i, i + 1}
		}
	}
	for i := max(0, n-2); i < n; i++ {
		if tail[i].words <= 150 && tail[i].startsWithName() && tail[i].bioScore() >= 2 {
			return []int{i}
		}
	}
	return nil
}

// isBioHeading, bioScore and startsWithName memoise the bio tests on a
// paragraph, which every pass asks again of the last paragraphs.
func (p *para) isBioHeading() bool {
	if p.bioHead == 0 {
		p.bioHead = 1
		if bioHeading.matchLine(&p.line) {
			p.bioHead = 2
		}
	}
	return p.bioHead == 2
}

func (p *para) bioScore() int {
	if p.bioCues == 0 {
		p.bioCues = int8(bioScore(&p.line)) + 1
	}
	return int(p.bioCues) - 1
}

func (p *para) startsWithName() bool {
	if p.named == 0 {
		p.named = 1
		if startsWithName(p.key) {
			p.named = 2
		}
	}
	return p.named == 2
}

// startsWithName reports whether a paragraph opens on a capitalised name
// or a third-person pronoun, as a bio does ("Jane Doe is ...", "She has
// ...").
func startsWithName(s string) bool {
	first, rest, ok := cutField(s)
	if !ok {
		return false
	}
	second, _, ok := cutField(rest)
	if !ok {
		return false
	}
	switch first {
	case "He", "She", "They":
		return true
	}
	// The two fields are what strings.Fields makes of them joined by a
	// space, without the joining.
	return namesOnly([]string{first, second})
}

// cutField returns the first of strings.Fields(s) and what follows it.
func cutField(s string) (field, rest string, ok bool) {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	if s == "" {
		return "", "", false
	}
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		return s[:i], s[i:], true
	}
	return s, "", true
}
