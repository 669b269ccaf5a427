package clean

import "strings"

// Reasons recorded in document.Removal.Reason. They are part of the
// output contract: other stages and users filter on them, so keep them
// stable.
const (
	ReasonAdSlot            = "ad-slot"
	ReasonCounter           = "counter"
	ReasonSeparator         = "separator"
	ReasonBlank             = "blank"
	ReasonAuthorBio         = "author-bio"
	ReasonCommentPrompt     = "comment-prompt"
	ReasonSharePrompt       = "share-prompt"
	ReasonNewsletterPrompt  = "newsletter-prompt"
	ReasonLinkPrompt        = "link-prompt"
	ReasonRelatedLinks      = "related-links"
	ReasonFollowCoverage    = "follow-coverage"
	ReasonContributorLine   = "contributor-line"
	ReasonImageCredit       = "image-credit"
	ReasonByline            = "byline"
	ReasonRepeatedParagraph = "repeated-paragraph"
	ReasonRepeatedBlock     = "repeated-block"
)

// Credit kinds written to document.Credit.Kind.
const (
	CreditByline      = "byline"
	CreditContributor = "contributor"
	CreditImageSource = "image-source"
)

// place says where in the text a rule may fire. Bylines and contributor
// lines look like ordinary short sentences; only their position at the
// edge of an article makes them safe to take out.
type place uint8

const (
	anywhere place = iota
	head           // among the first headSpan kept paragraphs, or the title
	tail           // among the last tailSpan kept paragraphs
	edge           // head or tail
)

const (
	headSpan = 3
	tailSpan = 3
)

// rule recognises one kind of furniture in a whole paragraph. match gets
// the paragraph as a line (its key folded: typographic quotes and dashes
// made ASCII, and trimmed) and returns whether it is furniture and, for
// credits, the name it credits.
type rule struct {
	reason   string
	credit   string // Credit kind to keep, "" when the line is not evidence
	where    place
	maxWords int // longer paragraphs never match: furniture is short
	match    lineMatch
}

// lineMatch is a rule's test: run it on a line. start, when set, says what
// a line it matches may start with, so that classify can pass over the
// rule for most lines without running it.
type lineMatch struct {
	run   func(l *line) (name string, ok bool)
	start *startFilter
}

// plain is the lineMatch of a function, which may match any line.
func plain(run func(*line) (string, bool)) lineMatch { return lineMatch{run: run} }

// rules is the furniture table, tried in order; the first match wins.
// Every pattern matches a whole paragraph (anchored at the start, and at
// the end unless the rest is free text such as a headline after "Read
// more:"), so a sentence that merely mentions an advertisement or a
// comment never matches.
var rules = []rule{
	{ReasonBlank, "", anywhere, 0, plain(blank)},
	{ReasonSeparator, "", anywhere, 3, plain(separator)},
	{ReasonCounter, "", anywhere, 2, lineMatch{counter, counterRx.start}},

	{ReasonAdSlot, "", anywhere, 8, re(`^[-*\s]*(?:advertisement|advertising|advertisement feature|article ad box|ad box|ad slot|ad feedback|ads?|sponsored|sponsored (?:content|links?|stories|posts?)|promoted(?: content| stories| links?)?|paid (?:content|post|partner content)|partner content|skip (?:advertisement|ad)|(?:story|article) continues (?:below|after)(?: (?:this|the))? (?:advertisement|ad)|(?:story|article) continues below|continue reading (?:below|the main story)|scroll (?:down )?to continue(?: with content| reading)?|remove ads|ads by \S+|report this ad)[-*\s.:]*$`)},
	{ReasonAdSlot, "", anywhere, 20, re(`^(?:sponsored|sponsored content|paid content|promoted)\s*[:|]\s*\S.*$`)},

	// "Photos: <title>" links a gallery; "Photo: <name>" credits one.
	{ReasonRelatedLinks, "", anywhere, 20, re(`^(?:photos|pictures|images|in pictures|gallery|video|watch)\s*:\s*\S.*$`)},
	{ReasonImageCredit, CreditImageSource, anywhere, 20, re(`^(?:image|photo|picture|photograph|illustration|graphic)(?:\s+(?:source|credit)s?)?(?:\s+(?:from|by|courtesy(?:\s+of)?))?\s*:\s*(?P<name>\S.*)$`)},
	{ReasonImageCredit, CreditImageSource, anywhere, 12, nameAfter(`^(?:image|photo|picture|photograph|illustration)s?(?:\s+(?:source|credit)s?)?\s+(?:from|by|courtesy(?:\s+of)?)\s+(?P<name>\S.*)$`)},
	{ReasonImageCredit, CreditImageSource, anywhere, 15, re(`^(?:photo\s*|image\s*)?credits?\s*:\s*(?P<name>\S.*)$`)},
	{ReasonImageCredit, CreditImageSource, anywhere, 15, re(`^photographer\s*:\s*(?P<name>\S.*)$`)},
	{ReasonImageCredit, CreditImageSource, anywhere, 10, re(`^(?:[^/]{1,60}\s*/\s*)?(?P<name>getty images|shutterstock|istock(?:photo)?|alamy(?: stock photo)?|[\w.]+ via getty images|ap images)$`)},
	// a caption line ending in its credit: "... Tuesday. (AP Photo/Jane Doe)"
	{ReasonImageCredit, CreditImageSource, anywhere, 80, endsWith(")", `\((?P<name>[\w.&' -]{0,40}?)\s*(?:photo|image|picture|foto)s?\s*(?:/|:|by)\s*[^()]{1,80}\)$`)},

	{ReasonCommentPrompt, "", anywhere, 20, re(`^(?:we (?:appreciate|value|welcome|want to hear|would love to hear|'d love to hear) your (?:thoughts|comments|feedback|views|opinions?)|(?:please )?(?:leave|post|add|write|submit) (?:a|your) comments?|(?:join|start) the (?:conversation|discussion|debate)|comments? (?:are|is|have been) (?:closed|disabled|turned off)|(?:view|show|load|see|read) (?:all |the )?(?:\d+ )?comments?|have your say|what do you think\?|tell us what you think|share your (?:thoughts|views|opinions?|comments)|be the first to comment|no comments yet|you must be logged in to (?:post|leave) a comment)`)},
	{ReasonCommentPrompt, "", anywhere, 3, re(`^comments?(?:\s*\(\d+\))?\s*:?$`)},

	{ReasonSharePrompt, "", anywhere, 12, re(`^(?:share|tweet|pin|e-?mail|print)(?: this)?(?: (?:article|story|post|page|video|gallery|link))?\s*:?\s*(?:(?:facebook|twitter|x|linkedin|whatsapp|e-?mail|reddit|pinterest|telegram|messenger|flipboard|copy link|print|sms|comments?)[\s,|/]*)*$`)},
	{ReasonSharePrompt, "", anywhere, 10, re(`^(?:share|post) (?:this (?:article|story) )?(?:on|via|to|with) (?:facebook|twitter|x|linkedin|whatsapp|e-?mail|reddit|pinterest|telegram|messenger|flipboard)\b.*$`)},
	{ReasonSharePrompt, "", anywhere, 4, re(`^copy (?:the )?link(?: to (?:this )?(?:article|story))?$`)},

	{ReasonNewsletterPrompt, "", anywhere, 35, re(`^(?:sign up|subscribe|register|join|get|enter your e-?mail|don't miss)\b.{0,100}\b(?:newsletters?|e-?mail (?:updates|alerts)|news alerts|breaking news alerts|inbox|daily briefing|morning briefing|digest|mailing list)\b`)},
	{ReasonNewsletterPrompt, "", anywhere, 5, re(`^(?:subscribe|sign up|register)(?: (?:now|today|here|for free))?[.!]*$`)},

	{ReasonLinkPrompt, "", anywhere, 25, re(`^(?:click|tap) (?:here|this link|the link(?: below| above)?|below|above)\b.{0,60}?\b(?:read|see|view|watch|listen|subscribe|sign up|register|join|follow|comment|share|continue|download (?:our|the) app|get (?:our|the) (?:newsletter|app)|full (?:story|article|coverage))\b`)},

	// Link-list headings: alone on a line only the unambiguous ones, since
	// "Up next" or "Don't miss" also head real sections; followed by a
	// colon and a headline, any of them.
	{ReasonRelatedLinks, "", anywhere, 6, re(`^(?:read more|related (?:articles?|stories|coverage|content|links|reading|posts|videos?)|more (?:stories|news) (?:from|on)(?: \S+){1,3}|you (?:may|might) also (?:like|be interested in|enjoy)|recommended (?:for you|stories|reading|articles)|most (?:read|popular|viewed|shared)(?: (?:stories|articles))?|further reading)\s*:?$`)},
	{ReasonRelatedLinks, "", anywhere, 30, re(`^(?:read more|read also|also read|more|more (?:stories|news|coverage|reading|from \S+(?: \S+)?|on this(?: story| topic)?)|related(?: articles?| stories| coverage| content| links| reading| news| posts| videos?)?|see also|recommended(?: for you| stories| reading| articles)?|you (?:may|might) also (?:like|be interested in|enjoy)|don't miss|must read|most (?:read|popular|viewed|shared)|trending(?: now| stories)?|(?:read|watch|up) next|further reading|top stories|latest (?:news|stories)|editor's picks?)\s*(?:[:>|]|--?|\s-)\s*\S.*$`)},

	{ReasonFollowCoverage, "", anywhere, 30, re(`^(?:follow|find|see|read|get|for)(?: more)?(?: of)? (?:our|\S+'s|the \S+'s) (?:full |latest |ongoing |complete |live |continuing |extensive )?coverage\b.*$`)},
	{ReasonFollowCoverage, "", anywhere, 30, re(`^(?:follow|find|see|read|get|for) .{0,80}\b(?:coverage|updates|news|stories)\b.{0,40}(?:https?://|www\.)\S+$`)},
	{ReasonFollowCoverage, "", anywhere, 30, re(`^(?:for|get) (?:the latest|more|full|live) (?:news|updates|coverage|stories)\b.{0,80}\b(?:visit|go to|head to|download|follow us|click)\b.*$`)},
	{ReasonFollowCoverage, "", anywhere, 20, re(`^(?:follow us|like us on facebook|find us on facebook|follow (?:the |our )?(?:live|latest) (?:updates|blog|coverage))\b.*$`)},
	{ReasonFollowCoverage, "", anywhere, 20, re(`^follow .{1,40} on (?:twitter|x|facebook|instagram|threads|bluesky|tiktok|youtube|linkedin|mastodon)\b.*(?:@\w+|https?://).*$`)},

	{ReasonByline, CreditByline, edge, 14, lineMatch{byline, bylineRx.start}},
	{ReasonContributorLine, CreditContributor, tail, 60, plain(contributor)},
}

// re compiles a case-insensitive pattern into a match function whose
// credited name is the group called "name", if any.
func re(expr string) lineMatch {
	m := compile(`(?i)` + expr)
	idx := m.rx.SubexpIndex("name")
	return lineMatch{start: m.start, run: func(l *line) (string, bool) {
		if !m.mayMatch(l) {
			return "", false
		}
		if idx < 0 {
			return "", m.rx.MatchString(l.key)
		}
		sub := m.rx.FindStringSubmatch(l.key)
		if sub == nil {
			return "", false
		}
		return strings.TrimSpace(sub[idx]), true
	}}
}

// endsWith is re for a pattern anchored at the end of a line that must
// end in suffix: the check spares every other paragraph an unanchored
// search.
func endsWith(suffix, expr string) lineMatch {
	m := re(expr)
	return lineMatch{start: m.start, run: func(l *line) (string, bool) {
		if !strings.HasSuffix(l.key, suffix) {
			return "", false
		}
		return m.run(l)
	}}
}

// nameAfter is re for lines that are only a credit when what follows the
// keyword is a name: "Photo by Jane Doe" is a credit, "Photos from the
// scene show damage." is article text.
func nameAfter(expr string) lineMatch {
	m := re(expr)
	return lineMatch{start: m.start, run: func(l *line) (string, bool) {
		name, ok := m.run(l)
		if !ok || !nameLike(name) {
			return "", false
		}
		return name, true
	}}
}

// candidates narrows the rules classify tries for a line, as bit sets
// over rules: those that allow as many words, those whose lines may start
// with a byte (index 128 for any byte beyond ASCII, 129 for an empty
// line), and those that may fire at each place.
var candidates = func() (c struct {
	byWords []uint64
	byFirst [130]uint64
	byPlace [edge + 1]uint64
}) {
	if len(rules) > 64 {
		panic("clean: more rules than bits in a candidate set")
	}
	most := 0
	for _, r := range rules {
		most = max(most, r.maxWords)
	}
	c.byWords = make([]uint64, most+2) // the last, for longer lines, empty
	for i, r := range rules {
		bit := uint64(1) << i
		for n := 0; n <= r.maxWords; n++ {
			c.byWords[n] |= bit
		}
		c.byPlace[r.where] |= bit
		f := r.match.start
		for b := range c.byFirst {
			switch {
			case f == nil, b == 129:
				// An empty line is left to the rule: the filter judges
				// texts by what they start with.
			case b == 128 && !f.anyOther && len(f.other) == 0:
				continue
			case b < 128 && !has(f.first, byte(b)):
				continue
			}
			c.byFirst[b] |= bit
		}
	}
	return c
}()
