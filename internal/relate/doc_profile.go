package relate

import (
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/stemma-news/stemma/internal/align"
	"github.com/stemma-news/stemma/internal/change"
	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/textproc"
	"github.com/zeebo/xxh3"
)

// Doc is what relate needs to know of a document, computed once.
type Doc struct {
	ID        string
	Published time.Time
	Credits   []document.Credit
	Text      *align.Text

	bodyHash uint64 // hash of the body's words, for duplicates

	// The evidence of direction is read from the text the first time a
	// pair of it is derived, most documents being in none: from every
	// sentence, those a Truncate of Text left out too.
	evidenceOnce sync.Once
	sentences    []align.Sentence
	// names (capitalised words not opening a sentence) and numbers are
	// sorted and each there once: direction only asks which of one
	// document's are missing from the other's, a merge of the two.
	names   []string
	numbers []string
	quotes  []bool // per sentence: holds a direct quote

	// changes is what change.Find reads of the whole document, made the
	// first time a pair of it is derived: most documents are in none.
	changesOnce sync.Once
	changes     *change.Profile
}

// ChangeProfile returns change.NewProfile of the document's text, made
// once; it is safe for concurrent use.
func (d *Doc) ChangeProfile() *change.Profile {
	d.changesOnce.Do(func() { d.changes = change.NewProfile(d.Text) })
	return d.changes
}

// NewDoc prepares a document for comparison.
func NewDoc(d *document.Document) *Doc { return NewDocWith(nil, d) }

// NewDocWith is NewDoc tokenising with tk, which may be nil.
func NewDocWith(tk *textproc.Tokenizer, d *document.Document) *Doc {
	doc := &Doc{
		ID:        d.ID,
		Published: d.Published,
		Credits:   d.Credits,
		Text:      align.NewTextWith(tk, d.Paragraphs),
	}
	doc.sentences = doc.Text.Sentences
	// Two texts are duplicates when their words are the same, in the same
	// order, whatever their punctuation, case or spacing: hash the words.
	doc.bodyHash = bodyHash(doc.Text.Sentences)
	return doc
}

// evidence reads the names, numbers and quotes of the document, once; it
// is safe for concurrent use.
func (d *Doc) evidence() {
	d.evidenceOnce.Do(func() {
		d.quotes = make([]bool, len(d.sentences))
		for i := range d.sentences {
			s := &d.sentences[i]
			d.quotes[i] = hasDirectQuote(s.Text)
			for k := range s.Tokens {
				switch t := &s.Tokens[k]; {
				case t.Kind == textproc.Number:
					d.numbers = append(d.numbers, t.Stem)
				case t.Cap && k > 0 && !t.Stop:
					d.names = append(d.names, t.Lower)
				}
			}
		}
		d.names, d.numbers = set(d.names), set(d.numbers)
	})
}

// set sorts s and drops its repeats, in place, and returns it clipped.
func set(s []string) []string {
	slices.Sort(s)
	return slices.Clip(slices.Compact(s))
}

// bodyHash hashes the lower-case words of sentences, each followed by a
// space. The words are gathered in a buffer and hashed a buffer at a
// time, most texts at once: XXH3 of an input is the same in one piece or
// streamed, and hashing a few pieces costs a third of streaming each word.
func bodyHash(sentences []align.Sentence) uint64 {
	var buf [4096]byte
	b := buf[:0]
	var h *xxh3.Hasher
	for i := range sentences {
		toks := sentences[i].Tokens
		for k := range toks {
			// By pointer: a token is 56 bytes, and copying each of every
			// text cost more than reading its one field.
			t := &toks[k]
			if len(b)+len(t.Lower)+1 > len(buf) {
				if h == nil {
					h = xxh3.New()
				}
				h.Write(b)
				b = b[:0]
				if len(t.Lower)+1 > len(buf) {
					h.WriteString(t.Lower)
					h.WriteString(" ")
					continue
				}
			}
			b = append(append(b, t.Lower...), ' ')
		}
	}
	if h == nil {
		return xxh3.Hash(b)
	}
	h.Write(b)
	return h.Sum64()
}

// BodyHash identifies the document's words in order: two documents with
// one BodyHash are duplicates.
func (d *Doc) BodyHash() uint64 { return d.bodyHash }

// hasDirectQuote reports whether a sentence quotes someone's words: a
// quoted span of at least four words. Shorter quoted spans are titles or
// scare quotes, which rewrites keep.
func hasDirectQuote(s string) bool {
	if !hasQuoteMark(s) {
		return false
	}
	s = textproc.Fold(s)
	// The parts between quote marks, read in place: every sentence is
	// asked, and splitting each into new strings was most of the cost.
	parts := strings.Count(s, "\"") + 1
	rest := s
	for i := 0; i < parts; i++ {
		part := rest
		if j := strings.IndexByte(rest, '"'); j >= 0 {
			part, rest = rest[:j], rest[j+1:]
		}
		if i%2 == 1 && atLeastFields(part, 4) {
			return true
		}
	}
	// An opening quote whose paragraph closes it in a later sentence: the
	// part after it, read above, is the second of two.
	return false
}

// hasQuoteMark reports whether s holds a double quote mark, straight or
// typographic: " “ ” „ ‟ « » ″. It looks at bytes, where strings.ContainsAny
// with marks outside ASCII decodes every rune of s and looks for it among
// them, a tenth of the cost of profiling a document.
func hasQuoteMark(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			return true
		case 0xC2: // « U+00AB, » U+00BB
			if i+1 < len(s) && (s[i+1] == 0xAB || s[i+1] == 0xBB) {
				return true
			}
		case 0xE2: // U+201C to U+201F, U+2033
			if i+2 < len(s) && s[i+1] == 0x80 && (0x9C <= s[i+2] && s[i+2] <= 0x9F || s[i+2] == 0xB3) {
				return true
			}
		}
	}
	return false
}

// atLeastFields reports whether s has at least n fields as strings.Fields
// splits it, without splitting it.
func atLeastFields(s string, n int) bool {
	k := 0
	in := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			if k++; k >= n {
				return true
			}
		}
	}
	return false
}
