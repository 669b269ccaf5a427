package change

import (
	"slices"
	"strings"
	"sync"

	"github.com/stemma-news/stemma/internal/align"
	"github.com/stemma-news/stemma/internal/facts"
	"github.com/stemma-news/stemma/internal/paraphrase"
	"github.com/stemma-news/stemma/internal/textproc"
)

// Profile is what Find reads of one document as a whole. A document in
// several derived pairs (a wire story and its copies) is read once, not
// once a pair.
type Profile struct {
	sentences []string
	facts     *facts.Doc
	stems     map[string]bool // every stem
	keys      map[uint64]bool // every content key (stems and paraphrase classes)
	// words and text are made the first time a pair asks (few do):
	// every word, lower case, without full stops; and the words, lower
	// case, sentences set apart by " | ".
	lazy  sync.Once
	t     *align.Text
	words map[string]bool
	text  string
	// quotes holds the words of each sentence's quotes, as facts lists
	// them.
	quotes [][][]textproc.Token
	// anchors are what each sentence names (see anchors).
	anchors []map[string]bool
	// names are the document's names, by key, each where it first
	// occurs; nameWords every word of them.
	names     map[string]at
	nameKeys  []string // the keys of names, sorted
	nameWords map[string]bool
}

// at is a name where it first occurs, with its words and their
// skeletons.
type at struct {
	name   facts.Name
	sent   int
	fields []string
	skel   []string
}

// NewProfile reads t for Find. The alignment may be preparing t in
// another goroutine: only the sentences' fields set when t was made are
// read here, and keys through t's own once-only preparation.
func NewProfile(t *align.Text) *Profile {
	n := 0
	for k := range t.Sentences {
		n += len(t.Sentences[k].Tokens)
	}
	p := &Profile{
		t:         t,
		sentences: make([]string, 0, len(t.Sentences)),
		stems:     make(map[string]bool, n/2),
		keys:      make(map[uint64]bool, n/2),
	}
	for k := range t.Sentences {
		s := &t.Sentences[k]
		p.sentences = append(p.sentences, s.Text)
		for _, tok := range s.Tokens {
			p.stems[tok.Stem] = true
		}
	}
	p.facts = facts.Read(p.sentences)
	var buf []paraphrase.Key
	for i := range t.Sentences {
		buf = t.AppendKeys(buf[:0], i)
		for _, k := range buf {
			p.keys[k.Key] = true
		}
	}
	var tk *textproc.Tokenizer // no cache: few words
	p.quotes = make([][][]textproc.Token, len(p.facts.Sentences))
	for i, s := range p.facts.Sentences {
		for _, q := range s.Quotes {
			p.quotes[i] = append(p.quotes[i], tk.Tokens(q.Text))
		}
	}
	p.anchors = anchors(p.facts)
	p.names, p.nameWords = map[string]at{}, map[string]bool{}
	for i, s := range p.facts.Sentences {
		for _, nm := range s.Names {
			if _, ok := p.names[nm.Key]; ok {
				continue
			}
			a := at{name: nm, sent: i, fields: strings.Fields(nm.Key)}
			for _, w := range a.fields {
				a.skel = append(a.skel, facts.Skeleton(w))
				p.nameWords[w] = true
			}
			p.names[nm.Key] = a
			p.nameKeys = append(p.nameKeys, nm.Key)
		}
	}
	slices.Sort(p.nameKeys)
	return p
}

// read makes words and text.
func (p *Profile) read() {
	p.lazy.Do(func() {
		n := 0
		for k := range p.t.Sentences {
			n += len(p.t.Sentences[k].Tokens)
		}
		p.words = make(map[string]bool, n/2)
		var text strings.Builder
		text.Grow(n * 8)
		for k := range p.t.Sentences {
			for i, tok := range p.t.Sentences[k].Tokens {
				p.words[strings.ReplaceAll(tok.Lower, ".", "")] = true
				if i > 0 {
					text.WriteByte(' ')
				}
				text.WriteString(tok.Lower)
			}
			text.WriteString(" | ")
		}
		p.text = text.String()
	})
}

// allWords returns every word of the document, lower case, without full
// stops.
func (p *Profile) allWords() map[string]bool {
	p.read()
	return p.words
}

// lowerText returns the document's words, lower case, sentences set
// apart by " | ".
func (p *Profile) lowerText() string {
	p.read()
	return p.text
}
