package change

import (
	"slices"
	"strings"

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
	words     map[string]bool // every word, lower case, without full stops
	keys      map[uint64]bool // every content key (stems and paraphrase classes)
	text      string          // the words, lower case, sentences set apart by " | "
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
		sentences: make([]string, 0, len(t.Sentences)),
		stems:     make(map[string]bool, n/2),
		words:     make(map[string]bool, n/2),
		keys:      make(map[uint64]bool, n/2),
	}
	var text strings.Builder
	text.Grow(n * 8)
	for k := range t.Sentences {
		s := &t.Sentences[k]
		p.sentences = append(p.sentences, s.Text)
		for i, tok := range s.Tokens {
			p.stems[tok.Stem] = true
			p.words[strings.ReplaceAll(tok.Lower, ".", "")] = true
			if i > 0 {
				text.WriteByte(' ')
			}
			text.WriteString(tok.Lower)
		}
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
