package align

import (
	"slices"
	"sync"
	"sync/atomic"

	"github.com/stemma-news/stemma/internal/paraphrase"
	"github.com/stemma-news/stemma/internal/textproc"
	"github.com/zeebo/xxh3"
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
}

// Text is a document split into prepared sentences.
type Text struct {
	Sentences []Sentence
	Weight    int // sum of sentence weights
	// preps are the sentences prepared for comparison, in the order of
	// Sentences. They are kept apart from Sentences so that a text never
	// aligned does not carry room for them.
	preps []paraphrase.Sentence
	// The inverted form that Align joins two texts by: keys are the
	// distinct content keys of the sentences, ascending, and key k is in
	// the sentences postings[offs[k]:offs[k+1]], in sentence order. Each
	// key is stored once, so that the join steps over keys, not over
	// every sentence holding one.
	keys     []uint64
	offs     []int32
	postings []posting
	// sizes are, per sentence, its weight and the total weight of its
	// keys: what Align reads of every pair of sentences sharing a key, in
	// eight bytes a sentence where the sentences and their keys are
	// larger records apart.
	sizes []size
	// norms caches, per sentence, a hash of its normalised text (0 until
	// it is first needed): deciding whether a link is verbatim needs it,
	// and normalising both sentences again for every link was a quarter
	// of the cost of an alignment. Aligners share a text, hence atomics.
	norms []atomic.Uint64
	// The sentences' content keys are made the first time the text is
	// aligned: in a stream most texts are never aligned with anything,
	// and making them is a third of the cost of a text.
	prepare sync.Once
}

// size is what Align reads of a sentence for each pair it is in.
type size struct {
	total  float32 // its keys' total weight, paraphrase.Sentence.Total
	weight int32   // Sentence.Weight
}

// posting is a sentence holding a key, and the key's weight there.
type posting = paraphrase.Posting

// NewText splits paragraphs into sentences and prepares each one. The
// title, when given, is not part of the text: titles are rewritten freely
// and compared separately.
func NewText(paragraphs []string) *Text { return NewTextWith(nil, paragraphs) }

// NewTextWith is NewText tokenising with tk, which may be nil.
func NewTextWith(tk *textproc.Tokenizer, paragraphs []string) *Text {
	t := &Text{}
	// The sentences are split first so that their slice is made at its
	// length: a text is kept while it may be compared, and a slice grown
	// by appending is up to twice as long as its sentences, and made
	// several times over.
	split := make([][]string, len(paragraphs))
	n := 0
	for p, para := range paragraphs {
		split[p] = textproc.Sentences(para)
		n += len(split[p])
	}
	if n == 0 {
		return t
	}
	t.Sentences = make([]Sentence, 0, n)
	// The sentences are tokenised together, so that their tokens are
	// made in one array.
	flat := make([]string, 0, n)
	for _, sentences := range split {
		flat = append(flat, sentences...)
	}
	p, next := 0, len(split[0]) // the paragraph of sentence i, and where it ends
	tk.TokensEach(flat, func(i int, toks []textproc.Token) {
		for i == next {
			p++
			next += len(split[p])
		}
		// Content's test, on the token in place: the method takes a
		// copy of the 56-byte token, which was most of the cost of
		// counting, and a count without a branch does not mispredict
		// at every stopword.
		w := 0
		for k := range toks {
			t := &toks[k]
			c := 0
			if !t.Stop {
				c = 1
			}
			if t.Kind == textproc.Number {
				c = 1
			}
			w += c
		}
		if w == 0 {
			return
		}
		t.Sentences = append(t.Sentences, Sentence{Text: flat[i], Paragraph: p, Weight: w, Tokens: toks})
		t.Weight += w
	})
	if len(t.Sentences) == 0 {
		t.Sentences = nil
	}
	return t
}

// ready makes the sentences' content keys and the text's key index, once;
// it is safe for concurrent use.
func (t *Text) ready() {
	t.prepare.Do(func() {
		t.preps = make([]paraphrase.Sentence, len(t.Sentences))
		ix := paraphrase.PrepareIndex(t.preps, func(i int) (string, []textproc.Token) {
			return t.Sentences[i].Text, t.Sentences[i].Tokens
		}, nil)
		t.keys, t.offs, t.postings = ix.Keys, ix.Offs, ix.Postings
		t.sizes = make([]size, len(t.Sentences))
		for i := range t.sizes {
			t.sizes[i] = size{t.preps[i].Total(), int32(t.Sentences[i].Weight)}
		}
		t.norms = make([]atomic.Uint64, len(t.Sentences))
	})
}

// Truncate keeps the first n sentences of t. It must be called before t
// is first aligned.
func (t *Text) Truncate(n int) {
	if n >= len(t.Sentences) {
		return
	}
	// A copy, not a reslice: the sentences' tokens share one array, which
	// would otherwise keep every dropped sentence's tokens alive while the
	// text is cached, and a text is truncated because it is huge.
	kept := 0
	for _, s := range t.Sentences[:n] {
		kept += len(s.Tokens)
	}
	toks := make([]textproc.Token, 0, kept)
	t.Sentences = slices.Clone(t.Sentences[:n])
	t.Weight = 0
	for i := range t.Sentences {
		s := &t.Sentences[i]
		start := len(toks)
		toks = append(toks, s.Tokens...)
		s.Tokens = toks[start:len(toks):len(toks)]
		t.Weight += s.Weight
	}
}

// Similarity is the paraphrase similarity of sentence i of t and sentence
// j of u, on the scale of Link.Score: what later stages use to match the
// sentences Align left unlinked.
func Similarity(t *Text, i int, u *Text, j int) float64 {
	t.ready()
	u.ready()
	return paraphrase.Similarity(&t.preps[i], &u.preps[j])
}

// SentenceKeys returns the content keys of sentence i in key order, each
// once: stems and paraphrase classes, weighted. They are t's own; the
// caller must not change them.
func (t *Text) SentenceKeys(i int) []paraphrase.Key {
	t.ready()
	return t.preps[i].Keys()
}

// Keys returns the distinct content keys of all of t's sentences,
// ascending: whether a key is in the text is a search of them, or a
// merge with a sentence's keys (SentenceKeys), with no set to make.
// They are t's own; the caller must not change them.
func (t *Text) Keys() []uint64 {
	t.ready()
	return t.keys
}

// normHash returns the hash of sentence i's normalised text, made once.
func (t *Text) normHash(i int) uint64 {
	if h := t.norms[i].Load(); h != 0 {
		return h
	}
	h := normalHash(t.Sentences[i].Text)
	if h == 0 { // 0 means "not made yet"
		h = 1
	}
	t.norms[i].Store(h)
	return h
}

// normalHash is xxh3.HashString(textproc.Normalize(s)). An ASCII sentence,
// which most are, is normalised as normalizeASCII does into a buffer on
// the stack, not into a string made for each sentence to be hashed once.
func normalHash(s string) uint64 {
	var buf [512]byte
	if len(s) > len(buf) {
		return xxh3.HashString(textproc.Normalize(s))
	}
	// Each byte is written, its folded form or a space, and the count
	// steps past it unless it is a space after a space: no branch on the
	// kind of byte, where one mispredicted at every word's end.
	n := 0
	space := 1
	for i := 0; i < len(s); i++ {
		o := foldASCII[s[i]]
		if o == 0 {
			return xxh3.HashString(textproc.Normalize(s))
		}
		buf[n] = o
		sep := 0
		if o == ' ' {
			sep = 1
		}
		n += 1 - sep&space
		space = sep
	}
	if n > 0 && buf[n-1] == ' ' {
		n--
	}
	return xxh3.Hash(buf[:n])
}

// foldASCII is what normalHash writes for each byte: letters in lower
// case, digits as they are, a space for the rest of ASCII, and 0 for the
// bytes of other runes, which it leaves to textproc.Normalize.
var foldASCII = func() (t [256]byte) {
	for c := range 0x80 {
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			t[c] = byte(c)
		case 'A' <= c && c <= 'Z':
			t[c] = byte(c) + 'a' - 'A'
		default:
			t[c] = ' '
		}
	}
	return t
}()
