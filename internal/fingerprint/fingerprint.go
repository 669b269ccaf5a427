package fingerprint

import (
	"cmp"
	"slices"

	"github.com/stemma-news/stemma/internal/textproc"
	"github.com/zeebo/xxh3"
)

// Term is one term of a Print with its weighted count in the document.
type Term struct {
	ID uint32
	TF float32
}

// Print is a document's terms, sorted by ID, each ID once.
type Print []Term

// Term weights: a name or a number says more about which event a text
// tells than a common word does; a title word says what the text is about.
const (
	nameWeight   = 2
	titleWeight  = 2
	bigramWeight = 1
)

// Builder accumulates the terms of one document at a time. Its zero value
// is ready to use; reusing one across documents saves its map. It is not
// safe for concurrent use.
type Builder struct {
	terms map[uint32]float32
	buf   []byte
}

// Title adds the terms of a title; tk may be nil.
func (b *Builder) Title(tk *textproc.Tokenizer, title string) {
	for _, s := range textproc.Sentences(title) {
		b.Sentence(tk.Tokens(s), titleWeight)
	}
}

// Sentence adds the content terms of one sentence's tokens, with weight w.
func (b *Builder) Sentence(toks []textproc.Token, w float32) {
	if b.terms == nil {
		b.terms = make(map[uint32]float32, 256)
	}
	prev := ""
	for k, tok := range toks {
		if !tok.Content() || len(tok.Stem) < 2 {
			continue
		}
		tw := w
		if tok.Cap && k > 0 || tok.Kind == textproc.Number {
			tw *= nameWeight
		}
		b.terms[uint32(xxh3.HashString(tok.Stem))] += tw
		if prev != "" {
			b.buf = append(append(append(b.buf[:0], prev...), ' '), tok.Stem...)
			b.terms[uint32(xxh3.Hash(b.buf))] += w * bigramWeight
		}
		prev = tok.Stem
	}
}

// Print returns the terms added since the last call, and starts afresh.
func (b *Builder) Print() Print {
	p := make(Print, 0, len(b.terms))
	for id, tf := range b.terms {
		p = append(p, Term{id, tf})
	}
	slices.SortFunc(p, func(x, y Term) int { return cmp.Compare(x.ID, y.ID) })
	clear(b.terms)
	return p
}

// Has reports whether p holds term id.
func (p Print) Has(id uint32) bool {
	_, ok := slices.BinarySearchFunc(p, id, func(t Term, id uint32) int { return cmp.Compare(t.ID, id) })
	return ok
}
