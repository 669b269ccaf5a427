package clean

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stemma-news/stemma/internal/textproc"
)

// blank matches a paragraph with nothing in it once zero-width and odd
// spaces are folded away: filler, not text.
func blank(l *line) (string, bool) { return "", l.key == "" }

// separator matches a rule drawn with punctuation ("___", "* * *",
// "• • •", "———"). It holds no letter or digit, so it is language-free.
func separator(l *line) (string, bool) {
	s := l.key
	if s == "" || utf8.RuneCountInString(s) > 80 {
		return "", false
	}
	for _, r := range s {
		if !(unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r)) {
			return "", false
		}
	}
	return "", true
}

var counterRx = compile(`(?i)^\d+(?:[.,]\d+)*[km]?(?:\s+(?:comments?|shares?|views?|likes?|reactions?|replies|responses))?$`)

// counter matches a paragraph that is only a number, as share and comment
// counts are when a page is flattened to text. A bare year is left alone:
// timelines use years as headings.
func counter(l *line) (string, bool) {
	s := l.key
	if !counterRx.matchLine(l) {
		return "", false
	}
	if len(s) == 4 && (strings.HasPrefix(s, "18") || strings.HasPrefix(s, "19") || strings.HasPrefix(s, "20")) {
		return "", false
	}
	return "", true
}

var bylineRx = compile(`^(?:(?:[Ww]ritten|[Ww]ords|[Ss]tory|[Tt]ext|[Rr]eporting) )?(?:By|BY|by):?\s+(\S.*)$`)

// notNames are phrases that follow "By" in headings that are not bylines.
var notNames = regexp.MustCompile(`(?i)^(?:the numbers|the way|the book|design|far|now|then|contrast|comparison|definition|default|chance|law|accident|popular demand|the same token|all means|no means)\b`)

// byline matches "By Jane Doe, Reuters", "By Staff, Agencies", "BY JANE
// DOE Associated Press", "By Ministry of Defense of Ukraine". What follows
// "By" must read as a name, so "By the end of the year, ..." and "By
// Monday, the group had ..." stay.
func byline(l *line) (string, bool) {
	if !bylineRx.mayMatch(l) {
		return "", false
	}
	m := bylineRx.rx.FindStringSubmatch(l.key)
	if m == nil {
		return "", false
	}
	name := strings.TrimRight(strings.TrimSpace(m[1]), " .,;:|")
	if notNames.MatchString(name) || !nameLike(name) {
		return "", false
	}
	return name, true
}

// connectors may sit between the capitalised words of a name or an
// organisation: "Ministry of Defense of Ukraine", "Jane Doe and John Roe".
var connectors = map[string]bool{
	"and": true, "of": true, "the": true, "for": true, "at": true, "in": true, "with": true, "&": true,
	"de": true, "da": true, "del": true, "della": true, "der": true, "van": true, "von": true,
	"la": true, "le": true, "du": true, "dos": true, "das": true, "y": true, "e": true,
	"bin": true, "al": true, "el": true, "ibn": true,
}

// nameLike reports whether s reads as a list of names: up to twelve words,
// each capitalised or a connector, no digits, starting with a capital.
// Sentences fail on their first lower-case content word.
func nameLike(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 12 {
		return false
	}
	return namesOnly(words)
}

// namesOnly reports whether words, the fields of a line, read as names as
// nameLike tells them: each capitalised, or a connector after the first,
// and no digits.
func namesOnly(words []string) bool {
	names := 0
	for i, w := range words {
		w = strings.Trim(w, ",;:|/()\"'-")
		if w == "" {
			continue
		}
		if strings.ContainsFunc(w, unicode.IsDigit) {
			return false
		}
		if strings.Contains(w, "@") { // an e-mail or a handle after the name
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r):
			names++
		case i > 0 && connectors[strings.ToLower(w)]:
		default:
			return false
		}
	}
	return names > 0
}

// contributor lines end wire copy: "Novikov reported from Kyiv and Madhani
// from Washington. Angela Charlton in Paris contributed." Every sentence
// of the paragraph must be one of these, so a real closing paragraph that
// mentions reporting stays.
var contributorSentences = []*matcher{
	// "[Associated Press writer] Jane Doe [in Paris] contributed [to this report]."
	compile(`^(?:(?:The )?(?:Associated Press|AP|Reuters|AFP|Bloomberg|CNN|BBC|NPR)?\s*(?:(?:staff|freelance|video|contributing)\s+)?(?:[Ww]riters?|[Rr]eporters?|[Cc]orrespondents?|[Jj]ournalists?|[Pp]hotographers?|[Rr]esearchers?|[Ss]taff)\s+)?\p{Lu}[\p{L}'.-]*(?:,?\s+(?:\p{Lu}[\p{L}'.-]*|and|in|from|de|van|von|al|bin))*,?\s+(?:also\s+)?contributed(?:\s+(?:reporting|research|to this (?:report|story|article)))?(?:\s+from\s+\p{Lu}[\p{L}., ]*)?[.]?$`),
	// "Novikov reported from Kyiv and Madhani from Washington."
	compile(`^\p{Lu}[\p{L}'.-]*(?:\s+\p{Lu}[\p{L}'.-]*)*\s+reported\s+(?:from|in)\s+\p{Lu}[\p{L}.-]*(?:\s+\p{Lu}[\p{L}.-]*)*(?:,?\s+(?:and\s+)?\p{Lu}[\p{L}'.-]*(?:\s+\p{Lu}[\p{L}'.-]*)*\s+(?:reported\s+)?(?:from|in)\s+\p{Lu}[\p{L}.-]*(?:\s+\p{Lu}[\p{L}.-]*)*)*[.]?$`),
}

var staffCreditRx = compile(`(?i)^\(?\s*(?:additional )?(?:reporting|writing|editing|research|compiled|edited|written|produced|fact-checking) by\s+(.+?)\s*\)?\.?$`)

// staffCredits matches the Reuters style "Reporting by Jane Doe in Kyiv;
// Editing by John Roe", each part naming people, so "Written by hand, the
// letter ..." stays.
func staffCredits(sent string) bool {
	for part := range strings.SplitSeq(sent, ";") {
		m := staffCreditRx.FindStringSubmatch(strings.TrimSpace(part))
		if m == nil || !nameLike(m[1]) {
			return false
		}
	}
	return true
}

var contributorNameRx = regexp.MustCompile(`\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)*`)

// contributor matches a paragraph made only of contributor sentences and
// credits the names in it.
func contributor(l *line) (string, bool) {
	// An expression can match a sentence only if the paragraph holds
	// what every match of it holds ("contributed", "reported", "editing
	// by"), and one of them must match the first sentence, which starts
	// the paragraph. Before folding the paragraph for the literals of
	// staff credits, they are ruled out by what it starts with, and the
	// others by their literals as they stand: those expressions are
	// case-sensitive.
	s := l.key
	if !staffCreditRx.mayStart(s) && !slices.ContainsFunc(contributorSentences, func(m *matcher) bool { return m.holdsCaseNeed(s) }) {
		return "", false
	}
	folded := l.fold()
	if !staffCreditRx.holdsNeed(folded) && !slices.ContainsFunc(contributorSentences, func(m *matcher) bool { return m.holdsNeed(folded) }) {
		return "", false
	}
	sentences := textproc.Sentences(s)
	if len(sentences) == 0 {
		return "", false
	}
	for _, sent := range sentences {
		ok := staffCredits(sent)
		for _, m := range contributorSentences {
			if m.matchIn(sent, folded) {
				ok = true
				break
			}
		}
		if !ok {
			return "", false
		}
	}
	// The names credited are the capitalised runs that are not places
	// (after "from" or "in") and not agency or role words.
	var names []string
	words := contributorNameRx.FindAllStringIndex(s, -1)
	for _, w := range words {
		before := strings.ToLower(strings.TrimSpace(s[:w[0]]))
		if strings.HasSuffix(before, " from") || strings.HasSuffix(before, " in") || before == "from" || before == "in" {
			continue
		}
		name := s[w[0]:w[1]]
		// "Fox News' Jessica Napoli": the outlet is not the person.
		if i := strings.LastIndex(name, "' "); i >= 0 {
			name = name[i+2:]
		} else if i := strings.LastIndex(name, "'s "); i >= 0 {
			name = name[i+3:]
		}
		if contributorRoles.MatchString(name) {
			continue
		}
		names = append(names, name)
	}
	return strings.Join(names, ", "), true
}

var contributorRoles = regexp.MustCompile(`^(?:The |Associated Press|AP|Reuters|AFP|Bloomberg|CNN|BBC|NPR|Reporting|Writing|Editing|Additional|Research|Compiled|Edited|Written|Produced|Writers?|Reporters?|Correspondents?|Staff)\b`)

// creditName turns what a credit line names into the outlet or site it
// credits: a URL gives its host ("npr.org"), "Jane Doe/Getty Images" gives
// "Getty Images", "AP Photo/Jane Doe" gives "AP".
func creditName(kind, name string) string {
	name = strings.TrimSpace(name)
	if kind != CreditImageSource {
		return name
	}
	if i := strings.Index(name, "http"); i >= 0 {
		if u, err := url.Parse(strings.Fields(name[i:])[0]); err == nil && u.Host != "" {
			return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		}
	}
	if i := strings.LastIndex(name, "/"); i >= 0 && strings.TrimSpace(name[i+1:]) != "" {
		name = name[i+1:]
	}
	name = strings.TrimSpace(name)
	if i := strings.LastIndex(strings.ToLower(name), " via "); i >= 0 {
		name = name[i+5:]
	}
	return strings.Trim(name, " .,;:()")
}
