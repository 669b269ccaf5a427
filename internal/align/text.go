package align

import (
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

// occurrence is a content key in one sentence.
type occurrence struct {
	key  uint64
	sent int32
	w    float32
}

// posting is a sentence holding a key, and the key's weight there.
type posting struct {
	sent int32
	w    float32
}

// index builds the key index from the prepared sentences. It sorts the
// occurrences of keys by a counting sort on the keys' top bits followed
// by an insertion sort: keys are hashes, spread evenly, so few share a
// bucket and the insertion sort has little to do. Both sorts are stable,
// which keeps each key's occurrences in sentence order. It was a third
// of the cost of ready as a comparison sort.
func (t *Text) index() {
	n := 0
	for i := range t.preps {
		n += t.preps[i].Len()
	}
	sc := indexPool.Get().(*indexScratch)
	defer indexPool.Put(sc)
	src := sc.occ[:0]
	if cap(src) < n {
		src = make([]occurrence, 0, n)
	}
	for i := range t.preps {
		p := &t.preps[i]
		for k := range p.Len() {
			key := p.KeyAt(k)
			src = append(src, occurrence{key.Key, int32(i), key.W})
		}
	}
	sorted := grow(sc.sorted, n)
	sc.occ, sc.sorted = src, sorted
	bits := 4
	for bits < 16 && 1<<bits < n {
		bits++
	}
	shift := 64 - bits
	count := grow(sc.count, 1<<bits+1)
	sc.count = count
	for _, o := range src {
		count[o.key>>shift+1]++
	}
	for b := 1; b < len(count); b++ {
		count[b] += count[b-1]
	}
	distinct := 0
	for _, o := range src {
		b := o.key >> shift
		sorted[count[b]] = o
		count[b]++
	}
	for i := 1; i < len(sorted); i++ {
		if o := sorted[i]; o.key < sorted[i-1].key {
			j := i
			for ; j > 0 && sorted[j-1].key > o.key; j-- {
				sorted[j] = sorted[j-1]
			}
			sorted[j] = o
		}
	}
	for i, o := range sorted {
		if i == 0 || o.key != sorted[i-1].key {
			distinct++
		}
	}
	t.keys = make([]uint64, 0, distinct)
	t.offs = make([]int32, 0, distinct+1)
	t.postings = make([]posting, n)
	for i, o := range sorted {
		if i == 0 || o.key != sorted[i-1].key {
			t.keys = append(t.keys, o.key)
			t.offs = append(t.offs, int32(i))
		}
		t.postings[i] = posting{o.sent, o.w}
	}
	t.offs = append(t.offs, int32(n))
}

// indexScratch is the working memory of index, kept for the next text.
type indexScratch struct {
	occ, sorted []occurrence
	count       []int32
}

var indexPool = sync.Pool{New: func() any { return new(indexScratch) }}

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
	for p, sentences := range split {
		for _, s := range sentences {
			toks := tk.Tokens(s)
			w := 0
			for k := range toks {
				if toks[k].Content() {
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
		paraphrase.PrepareEach(t.preps, func(i int) (string, []textproc.Token) {
			return t.Sentences[i].Text, t.Sentences[i].Tokens
		}, nil)
		t.norms = make([]atomic.Uint64, len(t.Sentences))
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
	return paraphrase.Similarity(&t.preps[i], &u.preps[j])
}

// AppendKeys appends the content keys of sentence i to dst: stems and
// paraphrase classes, weighted.
func (t *Text) AppendKeys(dst []paraphrase.Key, i int) []paraphrase.Key {
	t.ready()
	return t.preps[i].AppendKeys(dst)
}

// normHash returns the hash of sentence i's normalised text, made once.
func (t *Text) normHash(i int) uint64 {
	if h := t.norms[i].Load(); h != 0 {
		return h
	}
	h := xxh3.HashString(textproc.Normalize(t.Sentences[i].Text))
	if h == 0 { // 0 means "not made yet"
		h = 1
	}
	t.norms[i].Store(h)
	return h
}
