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
	stems     map[string]bool
	// keys are every content key (stems and paraphrase classes), sorted,
	// each once: a set that holds no pointers and costs 8 bytes a key.
	keysOnce sync.Once
	keys     []uint64
	// words is every word, lower case, without full stops; text is the
	// words, lower case, sentences set apart by " | ". A pair with a
	// quote reads text; only a rare pair of names reads words.
	wordsOnce sync.Once
	words     map[string]bool
	textOnce  sync.Once
	text      string
	// quotes holds the words of each sentence's quotes, as facts lists
	// them.
	quotesOnce sync.Once
	quotes     [][]quoteWords
	// interned holds the interned copy of each sentence a change list
	// has named (see intern), "" for the others: the changes of each
	// copy of a source name its sentences again.
	internMu sync.Mutex
	interned []string
	// anchors are what each sentence names (see anchors).
	anchorsOnce sync.Once
	anchors     [][]string
	// names are the document's names, each where it first occurs, sorted
	// by key; nameWords every word of them, sorted, each once, made when
	// first asked for (few pairs do).
	names         []at
	nameWordsOnce sync.Once
	nameWords     []string
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
	// The names are sorted by key and then where they occur, through
	// small records rather than the names themselves, and the first of
	// each key kept.
	type ref struct {
		key     string
		sent, k int32
	}
	refs := make([]ref, 0, n)
	for i, s := range p.facts.Sentences {
		for k := range s.Names {
			refs = append(refs, ref{s.Names[k].Key, int32(i), int32(k)})
		}
	}
	slices.SortFunc(refs, func(a, b ref) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		if a.sent != b.sent {
			return int(a.sent - b.sent)
		}
		return int(a.k - b.k)
	})
	refs = slices.CompactFunc(refs, func(a, b ref) bool { return a.key == b.key })
	names := make([]at, len(refs))
	for i, r := range refs {
		names[i] = at{name: p.facts.Sentences[r.sent].Names[r.k], sent: int(r.sent)}
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
		p.stems = make(map[string]bool, n/2)
		for k := range p.ts {
			for _, tok := range p.ts[k].Tokens {
				p.stems[tok.Stem] = true
			}
		}
	})
	return p.stems[st]
}

// contentKeys returns every content key of the document, sorted, each
// once.
func (p *Profile) contentKeys() []uint64 {
	p.keysOnce.Do(func() {
		var keys []uint64
		var buf []paraphrase.Key
		runs := make([]int, 1, len(p.ts)+1) // where each sentence's keys end
		for i := range p.ts {
			buf = p.t.AppendKeys(buf[:0], i)
			for _, k := range buf {
				keys = append(keys, k.Key)
			}
			runs = append(runs, len(keys))
		}
		p.keys = slices.Clip(mergeRuns(keys, runs))
	})
	return p.keys
}

// mergeRuns sorts keys, made of sorted runs that end at runs[1:], and
// drops repeats. A sentence's keys come sorted: merging the sentences'
// runs two by two costs a fraction of sorting the keys anew.
func mergeRuns(keys []uint64, runs []int) []uint64 {
	for k := 1; k < len(runs); k++ {
		if !slices.IsSorted(keys[runs[k-1]:runs[k]]) {
			slices.Sort(keys)
			return slices.Compact(keys)
		}
	}
	tmp := make([]uint64, 0, len(keys))
	for len(runs) > 2 {
		tmp = tmp[:0]
		merged := runs[:1]
		for k := 1; k < len(runs); k += 2 {
			if k+1 == len(runs) {
				tmp = append(tmp, keys[runs[k-1]:runs[k]]...)
			} else {
				tmp = merge(tmp, keys[runs[k-1]:runs[k]], keys[runs[k]:runs[k+1]])
			}
			merged = append(merged, len(tmp))
		}
		keys, tmp, runs = tmp, keys, merged
	}
	return slices.Compact(keys)
}

// merge appends the merge of two sorted lists to dst, each key once
// when neither list repeats one.
func merge(dst, a, b []uint64) []uint64 {
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] < b[0]:
			dst = append(dst, a[0])
			a = a[1:]
		case a[0] > b[0]:
			dst = append(dst, b[0])
			b = b[1:]
		default:
			dst = append(dst, a[0])
			a, b = a[1:], b[1:]
		}
	}
	dst = append(dst, a...)
	return append(dst, b...)
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

// internSentence returns intern(p.sentences[i]), interned once.
func (p *Profile) internSentence(i int) string {
	p.internMu.Lock()
	defer p.internMu.Unlock()
	if p.interned == nil {
		p.interned = make([]string, len(p.sentences))
	}
	if p.interned[i] == "" {
		p.interned[i] = intern(p.sentences[i])
	}
	return p.interned[i]
}

// sentenceAnchors returns the anchors of each sentence.
func (p *Profile) sentenceAnchors() [][]string {
	p.anchorsOnce.Do(func() { p.anchors = anchors(p.facts) })
	return p.anchors
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
// apart by " | ".
func (p *Profile) lowerText() string {
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
		for k := range p.ts {
			for i, tok := range p.ts[k].Tokens {
				if i > 0 {
					text.WriteByte(' ')
				}
				text.WriteString(tok.Lower)
			}
			text.WriteString(" | ")
		}
		p.text = text.String()
	})
	return p.text
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
