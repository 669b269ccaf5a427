package relate

import (
	"strings"
	"sync"
	"time"

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

	bodyHash uint64         // hash of the body's words, for duplicates
	names    map[string]int // capitalised words not opening a sentence
	numbers  map[string]int
	quotes   []bool // per sentence: holds a direct quote

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
		names:     map[string]int{},
		numbers:   map[string]int{},
	}
	// Two texts are duplicates when their words are the same, in the same
	// order, whatever their punctuation, case or spacing: hash the words.
	h := xxh3.New()
	for _, s := range doc.Text.Sentences {
		for _, t := range s.Tokens {
			h.WriteString(t.Lower)
			h.WriteString(" ")
		}
	}
	doc.bodyHash = h.Sum64()
	for _, s := range doc.Text.Sentences {
		doc.quotes = append(doc.quotes, hasDirectQuote(s.Text))
		for k, t := range s.Tokens {
			switch {
			case t.Kind == textproc.Number:
				doc.numbers[t.Stem]++
			case t.Cap && k > 0 && !t.Stop:
				doc.names[t.Lower]++
			}
		}
	}
	return doc
}

// BodyHash identifies the document's words in order: two documents with
// one BodyHash are duplicates.
func (d *Doc) BodyHash() uint64 { return d.bodyHash }

// hasDirectQuote reports whether a sentence quotes someone's words: a
// quoted span of at least four words. Shorter quoted spans are titles or
// scare quotes, which rewrites keep.
func hasDirectQuote(s string) bool {
	if !strings.ContainsAny(s, "\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033") {
		return false
	}
	s = textproc.Fold(s)
	parts := strings.Split(s, "\"")
	for i := 1; i < len(parts); i += 2 {
		if len(strings.Fields(parts[i])) >= 4 {
			return true
		}
	}
	// An opening quote whose paragraph closes it in a later sentence.
	return len(parts) == 2 && len(strings.Fields(parts[1])) >= 4
}
