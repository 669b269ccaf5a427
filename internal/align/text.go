package align

import (
	"cmp"
	"slices"
	"sync"

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
	// keys are the content keys of every sentence, sorted by key and then
	// sentence: the inverted form that Align joins two texts by.
	keys []occurrence
	// The sentences' content keys are made the first time the text is
	// aligned: in a stream most texts are never aligned with anything,
	// and making them is a third of the cost of a text.
	prepare sync.Once
}

// occurrence is a content key in one sentence.
type occurrence struct {
	key  uint64
	sent int32
	w    float32
}

// index builds t.keys from the sentences.
func (t *Text) index() {
	var buf []paraphrase.Key
	t.keys = t.keys[:0]
	for i := range t.Sentences {
		buf = t.Sentences[i].prep.AppendKeys(buf[:0])
		for _, k := range buf {
			t.keys = append(t.keys, occurrence{k.Key, int32(i), k.W})
		}
	}
	slices.SortFunc(t.keys, func(a, b occurrence) int {
		if c := cmp.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.sent, b.sent)
	})
	t.keys = slices.Clip(t.keys)
}

// NewText splits paragraphs into sentences and prepares each one. The
// title, when given, is not part of the text: titles are rewritten freely
// and compared separately.
func NewText(paragraphs []string) *Text { return NewTextWith(nil, paragraphs) }

// NewTextWith is NewText tokenising with tk, which may be nil.
func NewTextWith(tk *textproc.Tokenizer, paragraphs []string) *Text {
	t := &Text{}
	for p, para := range paragraphs {
		for _, s := range textproc.Sentences(para) {
			toks := tk.Tokens(s)
			w := 0
			for _, tok := range toks {
				if tok.Content() {
					w++
				}
			}
			if w == 0 {
				continue
			}
			t.Sentences = append(t.Sentences, Sentence{Text: s, Paragraph: p, Weight: w, Tokens: toks})
			t.Weight += w
		}
	}
	return t
}

// ready makes the sentences' content keys and the text's key index, once;
// it is safe for concurrent use.
func (t *Text) ready() {
	t.prepare.Do(func() {
		for i := range t.Sentences {
			s := &t.Sentences[i]
			s.prep = paraphrase.PrepareTokens(s.Text, s.Tokens, nil)
		}
		t.index()
	})
}

// Truncate keeps the first n sentences of t. It must be called before t
// is first aligned.
func (t *Text) Truncate(n int) {
	if n >= len(t.Sentences) {
		return
	}
	t.Sentences = t.Sentences[:n:n]
	t.Weight = 0
	for _, s := range t.Sentences {
		t.Weight += s.Weight
	}
}

// Similarity is the paraphrase similarity of sentence i of t and sentence
// j of u, on the scale of Link.Score: what later stages use to match the
// sentences Align left unlinked.
func Similarity(t *Text, i int, u *Text, j int) float64 {
	t.ready()
	u.ready()
	return paraphrase.Similarity(&t.Sentences[i].prep, &u.Sentences[j].prep)
}

// AppendKeys appends the content keys of sentence i to dst: stems and
// paraphrase classes, weighted.
func (t *Text) AppendKeys(dst []paraphrase.Key, i int) []paraphrase.Key {
	t.ready()
	return t.Sentences[i].prep.AppendKeys(dst)
}
