package change

import (
	"strings"
	"unicode/utf8"
)

// Kind names a kind of change.
type Kind string

// The kinds of change, in the order of how much they alter what a reader
// is told (see weight).
const (
	Title         Kind = "title"          // a title or role attached to a name changed
	Name          Kind = "name"           // a name spelled differently
	Fact          Kind = "fact"           // a named institution, person or place replaced by another
	Number        Kind = "number"         // a number or quantity changed
	QuoteAltered  Kind = "quote-altered"  // a direct quote kept as a quote, its words changed
	QuoteIndirect Kind = "quote-indirect" // a direct quote made reported speech
	Claim         Kind = "claim"          // a statement kept about the same people and figures, its claim reworded
	Date          Kind = "date"           // a date or time changed
	Attribution   Kind = "attribution"    // who said or reported something changed
	Credit        Kind = "credit"         // the source's credit missing or changed
	QuoteDropped  Kind = "quote-dropped"  // a direct quote left out
	Added         Kind = "added"          // a sentence or clause not in the source
	Dropped       Kind = "dropped"        // a sentence of the source left out
)

// weight ranks the kinds: a changed title, figure or name alters what a
// reader believes; an added or dropped sentence alters what they are told;
// rewording alone, which every rewrite does, is not listed at all.
var weight = map[Kind]int{
	Title: 100, Fact: 95, Number: 92, Name: 90, QuoteAltered: 85, QuoteIndirect: 80, Claim: 75,
	Date: 70, Attribution: 65, Credit: 60, QuoteDropped: 50, Added: 40, Dropped: 30,
}

// Change is one thing a copy altered against its source.
type Change struct {
	Kind Kind `json:"kind"`
	// Old is the fact or text as the source has it, New as the copy has
	// it; one of them is "" for an added or dropped sentence.
	Old string `json:"old,omitempty"`
	New string `json:"new,omitempty"`
	// Who is the speaker of a quote, or what the name names ("person",
	// "place", "organisation") for a name.
	Who string `json:"who,omitempty"`
	// Source and Copy are the indexes of the two sentences the change
	// comes from, -1 for none; SourceText and CopyText are the sentences.
	Source     int    `json:"source_sentence"`
	Copy       int    `json:"copy_sentence"`
	SourceText string `json:"source_text,omitempty"`
	CopyText   string `json:"copy_text,omitempty"`
}

// List is what a copy changed against its source, most meaningful first.
type List struct {
	Changes []Change `json:"changes"`
	// QuotesKept names the speakers whose direct quotes the copy kept word
	// for word: worth saying, as a rewrite that keeps quotes verbatim
	// while rewording everything else shows where it was careful.
	QuotesKept []string `json:"quotes_kept,omitempty"`
	// Reworded counts the sentences the copy reworded without a change
	// of fact.
	Reworded int `json:"reworded"`
}

// String describes a change in one line for a reader. The report asks it
// of every change listed: it is put together by concatenation, which
// makes the one string a format would, without parsing a format and
// boxing each argument.
func (c Change) String() string {
	// Each text is shortened, within single quotes.
	const n = 160
	switch c.Kind {
	case Added:
		return "added, not in the source: '" + shorten(c.New, n) + "'"
	case Dropped:
		return "dropped: '" + shorten(c.Old, n) + "'"
	case QuoteDropped:
		return "quote of " + orSomeone(c.Who) + " dropped: '" + shorten(c.Old, n) + "'"
	case QuoteIndirect:
		return "quote of " + orSomeone(c.Who) + " made indirect: '" + shorten(c.Old, n) + "' became '" + shorten(c.New, n) + "'"
	case QuoteAltered:
		return "quote of " + orSomeone(c.Who) + " altered: '" + shorten(c.Old, n) + "' became '" + shorten(c.New, n) + "'"
	case Credit:
		if c.New == "" {
			return "credit missing: the source credits '" + shorten(c.Old, n) + "', the copy no one"
		}
		if c.Old == "" {
			return "credit: the copy credits '" + shorten(c.New, n) + "'"
		}
		return "credit changed: '" + shorten(c.Old, n) + "' became '" + shorten(c.New, n) + "'"
	case Name:
		what := "" // what the name names, if it is said
		if c.Who != "" && c.Who != "name" {
			what = c.Who + " "
		}
		return what + "name spelled differently: '" + shorten(c.Old, n) + "' became '" + shorten(c.New, n) + "'"
	}
	return string(c.Kind) + ": '" + shorten(c.Old, n) + "' became '" + shorten(c.New, n) + "'"
}

func orSomeone(who string) string {
	if who == "" {
		return "an unnamed speaker"
	}
	return who
}

// shorten cuts s to at most n runes at a word boundary. Text of UTF-8, all
// of it but for a broken page, is cut where it is, without a copy of its
// runes.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	var cut string
	if utf8.ValidString(s) {
		k := 0
		for i := range s {
			if k == n {
				cut = s[:i]
				break
			}
			k++
		}
	} else {
		cut = string([]rune(s)[:n]) // a byte not of UTF-8 becomes U+FFFD
	}
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
