package change

import (
	"cmp"
	"hash/maphash"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/stemma-news/stemma/internal/align"
	"github.com/stemma-news/stemma/internal/facts"
	"github.com/stemma-news/stemma/internal/textproc"
)

// Profile is what Find reads of one document as a whole. A document in
// several derived pairs (a wire story and its copies) is read once, not
// once a pair.
//
// What only some pairs read is made the first time one does: a copy
// that keeps every sentence and quote of its source needs no stems,
// keys, anchors or quote words of its own, and most documents of a run
// are such copies. Each part is made once; a Profile is safe for
// concurrent use.
type Profile struct {
	sentences []string
	facts     *facts.Doc
	t         *align.Text
	// ts are t's sentences as they were when the profile was made.
	ts []align.Sentence

	// stems holds every stem.
	stemsOnce sync.Once
	stems     stringSet
	// words is every word, lower case, without full stops; text is the
	// words, lower case, sentences set apart by " | ". A pair with a
	// quote reads text; only a rare pair of names reads words.
	wordsOnce sync.Once
	words     map[string]bool
	textOnce  sync.Once
	text      string
	textAt    []int32 // where each sentence's words start in text, and its end
	// quotes holds the words of each sentence's quotes, as facts lists
	// them.
	quotesOnce sync.Once
	quotes     [][]quoteWords
	// named holds the copy of each sentence a change list has named,
	// "" for the others: the changes of each copy of a source name its
	// sentences again, and share the one copy.
	namedMu sync.Mutex
	named   []string
	// negs holds whether each sentence is negated (see negated): 0 until
	// a pair asks, then 1 for no and 2 for yes. The sentences of a
	// source are asked of by each of its copies.
	negsOnce sync.Once
	negs     []atomic.Uint32
	// anchors are what each sentence names, and signs their signs (see
	// makeAnchors).
	anchorsOnce sync.Once
	anchors     [][]string
	signs       []uint64
	// names are the document's names, each where it first occurs, sorted
	// by key; nameWords every word of them, sorted, each once, made when
	// first asked for (few pairs do). nameOf holds the index in names of
	// each name of the facts, in the order of their sentences.
	names         []at
	nameOf        []int32
	nameWordsOnce sync.Once
	nameWords     []string
}

// at is a name where it first occurs, with its words and their
// skeletons.
type at struct {
	name   *facts.Name // in the facts
	sent   int
	fields []string
	skel   []string
}

// NewProfile reads t for Find. The alignment may be preparing t in
// another goroutine: only the sentences' fields set when t was made are
// read here, and keys through t's own once-only preparation.
func NewProfile(t *align.Text) *Profile {
	p := &Profile{
		t:         t,
		ts:        t.Sentences,
		sentences: make([]string, 0, len(t.Sentences)),
	}
	for k := range t.Sentences {
		p.sentences = append(p.sentences, t.Sentences[k].Text)
	}
	p.facts = facts.Read(p.sentences)
	p.readNames()
	return p
}

// readNames makes names and nameWords. The names' words and skeletons
// share two arrays, and the skeletons one string.
func (p *Profile) readNames() {
	n := 0
	for _, s := range p.facts.Sentences {
		n += len(s.Names)
	}
	if n == 0 {
		return
	}
	// Each key is kept where it first occurs, through a table of the
	// keys seen: a document names its people again and again. The keys
	// kept are then sorted, through small records rather than the names
	// themselves.
	sc := nameScratch.Get().(*nameRefs)
	defer sc.put()
	refs := sc.refs[:0]
	table := grow(sc.table, 1<<max(bits.Len(uint(2*n)), 4)) // index in refs plus one, 0 for none
	mask := len(table) - 1
	p.nameOf = make([]int32, n)
	g := 0 // the index of the name in the facts, sentence by sentence
	for i, s := range p.facts.Sentences {
		for k := range s.Names {
			key := s.Names[k].Key
			h := int(maphash.String(setSeed, key)) & mask
			for table[h] != 0 && refs[table[h]-1].key != key {
				h = (h + 1) & mask
			}
			if table[h] == 0 {
				refs = append(refs, nameRef{prefix(key), key, int32(i), int32(k), int32(len(refs))})
				table[h] = int32(len(refs))
			}
			p.nameOf[g] = table[h] - 1
			g++
		}
	}
	sc.refs, sc.table = refs, table
	slices.SortFunc(refs, func(a, b nameRef) int {
		if a.head != b.head {
			return cmp.Compare(a.head, b.head)
		}
		return strings.Compare(a.key, b.key)
	})
	// nameOf held the index of each name's key where it was first seen,
	// and is to hold where the key is sorted.
	sc.rank = grow(sc.rank, len(refs))
	for k := range refs {
		sc.rank[refs[k].seen] = int32(k)
	}
	for k, d := range p.nameOf {
		p.nameOf[k] = sc.rank[d]
	}
	names := make([]at, len(refs))
	for i, r := range refs {
		names[i] = at{name: &p.facts.Sentences[r.sent].Names[r.k], sent: int(r.sent)}
	}
	words := 0
	for i := range names {
		words += strings.Count(names[i].name.Key, " ") + 1
	}
	fields := make([]string, 0, words)
	skel := make([]string, 0, words)
	var a arena
	a.b.Grow(words * 6)
	for i := range names {
		from := len(fields)
		for w := range strings.FieldsSeq(names[i].name.Key) {
			fields = append(fields, w)
			skel = append(skel, "")
		}
		// The last word's skeleton is the name's Surname.
		for k := from; k < len(skel); k++ {
			if k == len(skel)-1 {
				skel[k] = names[i].name.Surname
			} else {
				skel[k] = a.skeleton(fields[k])
			}
		}
		names[i].fields = fields[from:len(fields):len(fields)]
		names[i].skel = skel[from:len(skel):len(skel)]
	}
	p.names = names
}

// nameRef is a name of a document's facts where its key first occurs,
// as readNames sorts them. A key's first bytes as a number order most
// pairs of keys without reading them again.
type nameRef struct {
	head    uint64 // prefix(key)
	key     string
	sent, k int32 // the name is the facts' Sentences[sent].Names[k]
	seen    int32 // how many keys were seen before
}

// nameRefs is the working memory of readNames, kept for the next.
type nameRefs struct {
	refs        []nameRef
	table, rank []int32
}

var nameScratch = sync.Pool{New: func() any { return new(nameRefs) }}

// put clears sc, which holds keys of the document read, and returns it to
// nameScratch.
func (sc *nameRefs) put() {
	clear(sc.refs)
	sc.refs = sc.refs[:0]
	nameScratch.Put(sc)
}

// prefix is the first eight bytes of s, big-endian, padded with zeros: of
// two strings whose prefixes differ, the one of the lesser prefix is the
// lesser.
func prefix(s string) uint64 {
	var h uint64
	for i := range 8 {
		h <<= 8
		if i < len(s) {
			h |= uint64(s[i])
		}
	}
	return h
}

// nameWord reports whether w is a word of one of the document's names.
func (p *Profile) nameWord(w string) bool {
	p.nameWordsOnce.Do(func() {
		var words []string
		for i := range p.names {
			words = append(words, p.names[i].fields...)
		}
		slices.Sort(words)
		p.nameWords = slices.Clip(slices.Compact(words))
	})
	_, ok := slices.BinarySearch(p.nameWords, w)
	return ok
}

// hasStem reports whether the document has a word of stem st.
func (p *Profile) hasStem(st string) bool {
	p.stemsOnce.Do(func() {
		n := 0
		for k := range p.ts {
			n += len(p.ts[k].Tokens)
		}
		// About three in five of a document's words are stems no
		// word before had: room for five in eight spares most
		// documents a second table.
		p.stems = newStringSet(n * 5 / 8)
		for k := range p.ts {
			for i := range p.ts[k].Tokens {
				p.stems.add(p.ts[k].Tokens[i].Stem)
			}
		}
	})
	return p.stems.has(st)
}

// quoteWords are the words of a quote.
type quoteWords struct {
	tokens []textproc.Token
	lower  string // lowerWords(tokens)
}

// quoteWords returns the words of each sentence's quotes.
func (p *Profile) quoteWords() [][]quoteWords {
	p.quotesOnce.Do(func() {
		tk := tokenizers.Get().(*textproc.Tokenizer)
		defer tokenizers.Put(tk)
		p.quotes = make([][]quoteWords, len(p.facts.Sentences))
		for i, s := range p.facts.Sentences {
			if len(s.Quotes) == 0 {
				continue
			}
			p.quotes[i] = make([]quoteWords, len(s.Quotes))
			for k, q := range s.Quotes {
				ts := tk.Tokens(q.Text)
				p.quotes[i][k] = quoteWords{ts, lowerWords(ts)}
			}
		}
	})
	return p.quotes
}

// namedSentence returns a copy of p.sentences[i] of its own, made once
// a document. It is not interned across documents too (see intern): at
// 10^5 articles an eighth of the sentences named, 2.7 MB of 23 MB, are
// also named by another document, and interning cost an eighth of the
// run's CPU for change lists, hashing each sentence into the shared
// table and adding a cleanup for each it kept.
func (p *Profile) namedSentence(i int) string {
	p.namedMu.Lock()
	defer p.namedMu.Unlock()
	if p.named == nil {
		p.named = make([]string, len(p.sentences))
	}
	if p.named[i] == "" {
		p.named[i] = strings.Clone(p.sentences[i])
	}
	return p.named[i]
}

// negated reports whether sentence i is negated, read once.
func (p *Profile) negated(i int) bool {
	p.negsOnce.Do(func() { p.negs = make([]atomic.Uint32, len(p.ts)) })
	switch p.negs[i].Load() {
	case 1:
		return false
	case 2:
		return true
	}
	n := negated(p.ts[i].Tokens)
	v := uint32(1)
	if n {
		v = 2
	}
	p.negs[i].Store(v)
	return n
}

// sentenceAnchors returns the anchors of each sentence and their signs.
func (p *Profile) sentenceAnchors() ([][]string, []uint64) {
	p.anchorsOnce.Do(func() { p.anchors, p.signs = p.makeAnchors() })
	return p.anchors, p.signs
}

// allWords returns every word of the document, lower case, without full
// stops.
func (p *Profile) allWords() map[string]bool {
	p.wordsOnce.Do(func() {
		n := 0
		for k := range p.ts {
			n += len(p.ts[k].Tokens)
		}
		p.words = make(map[string]bool, n/2)
		for k := range p.ts {
			for _, tok := range p.ts[k].Tokens {
				p.words[strings.ReplaceAll(tok.Lower, ".", "")] = true
			}
		}
	})
	return p.words
}

// lowerText returns the document's words, lower case, sentences set
// apart by " | ", and where each sentence's words start in it.
func (p *Profile) lowerText() (string, []int32) {
	p.textOnce.Do(func() {
		n := 0
		for k := range p.ts {
			n += 3
			for i, tok := range p.ts[k].Tokens {
				if i > 0 {
					n++
				}
				n += len(tok.Lower)
			}
		}
		var text strings.Builder
		text.Grow(n)
		p.textAt = make([]int32, 0, len(p.ts)+1)
		for k := range p.ts {
			p.textAt = append(p.textAt, int32(text.Len()))
			for i, tok := range p.ts[k].Tokens {
				if i > 0 {
					text.WriteByte(' ')
				}
				text.WriteString(tok.Lower)
			}
			text.WriteString(" | ")
		}
		p.textAt = append(p.textAt, int32(text.Len()))
		p.text = text.String()
	})
	return p.text, p.textAt
}

// arena makes many short strings one after another in one buffer: a
// document's skeletons each need one, and one allocation for all of them
// costs a fraction of one each. A string made is never written again, as
// a strings.Builder only appends, so each stays valid when the buffer
// grows.
type arena struct{ b strings.Builder }

// skeleton is facts.Skeleton(w), made in the arena.
func (a *arena) skeleton(w string) string {
	var buf [32]byte
	return a.bytes(facts.AppendSkeleton(buf[:0], w))
}

// capital is "#" and facts.Skeleton(w), made in the arena: the word of
// a speaker's capitalised word.
func (a *arena) capital(w string) string {
	var buf [33]byte
	buf[0] = '#'
	return a.bytes(facts.AppendSkeleton(buf[:1], w))
}

// bytes returns b as a string of the arena.
func (a *arena) bytes(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	at := a.b.Len()
	a.b.Write(b)
	return a.b.String()[at:]
}

// concat returns x+y, made in the arena.
func (a *arena) concat(x, y string) string {
	at := a.b.Len()
	a.b.WriteString(x)
	a.b.WriteString(y)
	return a.b.String()[at:]
}
