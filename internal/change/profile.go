package change

import (
	"strings"

	"github.com/stemma-news/stemma/internal/align"
	"github.com/stemma-news/stemma/internal/facts"
	"github.com/stemma-news/stemma/internal/paraphrase"
)

// Profile is what Find reads of one document as a whole. A document in
// several derived pairs (a wire story and its copies) is read once, not
// once a pair.
type Profile struct {
	sentences []string
	facts     *facts.Doc
	stems     map[string]bool // every stem
	words     map[string]bool // every word, lower case, without full stops
	keys      map[uint64]bool // every content key (stems and paraphrase classes)
	text      string          // the words, lower case, sentences set apart by " | "
}

// NewProfile reads t for Find. The alignment may be preparing t in
// another goroutine: only the sentences' fields set when t was made are
// read here, and keys through t's own once-only preparation.
func NewProfile(t *align.Text) *Profile {
	p := &Profile{
		stems: map[string]bool{},
		words: map[string]bool{},
		keys:  map[uint64]bool{},
	}
	var text strings.Builder
	for k := range t.Sentences {
		s := &t.Sentences[k]
		p.sentences = append(p.sentences, s.Text)
		for _, tok := range s.Tokens {
			p.stems[tok.Stem] = true
			p.words[strings.ReplaceAll(tok.Lower, ".", "")] = true
		}
		text.WriteString(lowerWords(s.Tokens))
		text.WriteString(" | ")
	}
	p.text = text.String()
	p.facts = facts.Read(p.sentences)
	var buf []paraphrase.Key
	for i := range t.Sentences {
		buf = t.AppendKeys(buf[:0], i)
		for _, k := range buf {
			p.keys[k.Key] = true
		}
	}
	return p
}
