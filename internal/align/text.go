package align

import (
	"github.com/stemma-news/stemma/internal/paraphrase"
	"github.com/stemma-news/stemma/internal/textproc"
)

// Sentence is one sentence of a Text, prepared for comparison.
type Sentence struct {
	Text      string
	Paragraph int // index of its paragraph in the document
	// Weight is the sentence's share of the text's content, in content
	// tokens; coverage figures are sums of weights, so a one-word heading
	// counts for less than a long paragraph sentence.
	Weight int
	// Tokens are the sentence's words and numbers, made once here for
	// every later stage that reads them.
	Tokens []textproc.Token
	prep   paraphrase.Sentence
}

// Text is a document split into prepared sentences.
type Text struct {
	Sentences []Sentence
	Weight    int // sum of sentence weights
}

// NewText splits paragraphs into sentences and prepares each one. The
// title, when given, is not part of the text: titles are rewritten freely
// and compared separately.
func NewText(paragraphs []string) *Text {
	t := &Text{}
	for p, para := range paragraphs {
		for _, s := range textproc.Sentences(para) {
			toks := textproc.Tokens(s)
			w := 0
			for _, tok := range toks {
				if tok.Content() {
					w++
				}
			}
			if w == 0 {
				continue
			}
			t.Sentences = append(t.Sentences, Sentence{Text: s, Paragraph: p, Weight: w, Tokens: toks, prep: paraphrase.PrepareTokens(s, toks, nil)})
			t.Weight += w
		}
	}
	return t
}
