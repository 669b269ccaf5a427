package relate

import (
	"encoding/binary"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/stemma-news/stemma/internal/align"
	"github.com/stemma-news/stemma/internal/change"
	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/textproc"
	"github.com/stemma-news/stemma/internal/wordload"
	"github.com/zeebo/xxh3"
)

// Doc is what relate needs to know of a document, computed once.
type Doc struct {
	ID        string
	Published time.Time
	Credits   []document.Credit
	Text      *align.Text

	bodyHash uint64 // hash of the body's words, for duplicates

	// The evidence of direction is read from the text the first time a
	// pair of it is derived, most documents being in none: from every
	// sentence, those a Truncate of Text left out too.
	evidenceOnce sync.Once
	sentences    []align.Sentence
	// names (capitalised words not opening a sentence) and numbers are
	// each there once, in factOrder: direction only asks how many of one
	// document's are missing from the other's, a merge of the two.
	names   []fact
	numbers []fact
	quotes  []bool // per sentence: holds a direct quote

	// changes is what change.Find reads of the whole document, made the
	// first time a pair of it is derived: most documents are in none.
	changesOnce sync.Once
	changes     *change.Profile
}

// ChangeProfile returns change.NewProfile of the document's text, made
// once; it is safe for concurrent use.
func (d *Doc) ChangeProfile() *change.Profile {
	d.changesOnce.Do(func() { d.changes = change.NewProfile(d.Text) })
	return d.changes
}

// NewDoc prepares a document for comparison.
func NewDoc(d *document.Document) *Doc { return NewDocWith(nil, d) }

// NewDocWith is NewDoc tokenising with tk, which may be nil.
func NewDocWith(tk *textproc.Tokenizer, d *document.Document) *Doc {
	doc := &Doc{
		ID:        d.ID,
		Published: d.Published,
		Credits:   d.Credits,
		Text:      align.NewTextWith(tk, d.Paragraphs),
	}
	doc.sentences = doc.Text.Sentences
	// Two texts are duplicates when their words are the same, in the same
	// order, whatever their punctuation, case or spacing: hash the words.
	doc.bodyHash = bodyHash(doc.Text.Sentences)
	return doc
}

// evidence reads the names, numbers and quotes of the document, once; it
// is safe for concurrent use.
func (d *Doc) evidence() {
	d.evidenceOnce.Do(func() {
		d.quotes = make([]bool, len(d.sentences))
		sc := factPool.Get().(*factScratch)
		names, numbers := sc.names[:0], sc.numbers[:0]
		for i := range d.sentences {
			s := &d.sentences[i]
			d.quotes[i] = hasDirectQuote(s.Text)
			for k := range s.Tokens {
				switch t := &s.Tokens[k]; {
				case t.Kind == textproc.Number:
					numbers = append(numbers, fact{xxh3.HashString(t.Stem), t.Stem})
				case t.Cap && k > 0 && !t.Stop:
					names = append(names, fact{xxh3.HashString(t.Lower), t.Lower})
				}
			}
		}
		d.names, d.numbers = factSet(names, sc), factSet(numbers, sc)
		// The scratch must not keep the document's strings alive.
		clear(names)
		clear(numbers)
		sc.names, sc.numbers = names, numbers
		factPool.Put(sc)
	})
}

// fact is a name or a number of a document, and its hash.
type fact struct {
	hash uint64
	s    string
}

// factPool holds the names and numbers of a document while they are
// gathered and sorted, before their sets are copied out at their length.
var factPool = sync.Pool{New: func() any { return new(factScratch) }}

type factScratch struct {
	names, numbers, sorted []fact
	count                  []int32
}

// factOrder orders facts by hash, and facts of one hash by their text:
// sorting and merging strings compared them byte by byte, most of the
// cost of the evidence of direction, where most hashes differ in their
// first comparison, and no collision of hashes can make two facts one.
func factOrder(a, b fact) int {
	if a.hash != b.hash {
		if a.hash < b.hash {
			return -1
		}
		return 1
	}
	return strings.Compare(a.s, b.s)
}

// factSet returns the facts of f in factOrder without repeats, in an
// array of their number; sc is scratch. They are sorted by a counting
// sort on the top bits of their hashes and an insertion sort after it:
// hashes are spread evenly, so the insertion sort has little to do, and
// neither calls a comparison through a pointer, as a generic sort does
// for every one.
func factSet(f []fact, sc *factScratch) []fact {
	n := len(f)
	if n == 0 {
		return nil
	}
	bits := 2
	for bits < 12 && 1<<bits < n {
		bits++
	}
	shift := 64 - bits
	count := sc.count[:0]
	if cap(count) < 1<<bits+1 {
		count = make([]int32, 1<<bits+1)
	}
	count = count[:1<<bits+1]
	clear(count)
	for i := range f {
		count[f[i].hash>>shift+1]++
	}
	for b := 1; b < len(count); b++ {
		count[b] += count[b-1]
	}
	sorted := sc.sorted[:0]
	if cap(sorted) < n {
		sorted = make([]fact, n)
	}
	sorted = sorted[:n]
	for i := range f {
		b := f[i].hash >> shift
		sorted[count[b]] = f[i]
		count[b]++
	}
	for i := 1; i < n; i++ {
		if x := sorted[i]; factOrder(x, sorted[i-1]) < 0 {
			j := i
			for ; j > 0 && factOrder(x, sorted[j-1]) < 0; j-- {
				sorted[j] = sorted[j-1]
			}
			sorted[j] = x
		}
	}
	k := 0
	for i := range sorted {
		if k > 0 && sorted[i].hash == sorted[k-1].hash && sorted[i].s == sorted[k-1].s {
			continue
		}
		sorted[k] = sorted[i]
		k++
	}
	set := slices.Clone(sorted[:k])
	clear(sorted) // the scratch must not keep the document's strings alive
	sc.count, sc.sorted = count, sorted
	return set
}

// bodyHash hashes the lower-case words of sentences, each followed by a
// space. The words are gathered in a buffer and hashed a buffer at a
// time, most texts at once: XXH3 of an input is the same in one piece or
// streamed, and hashing a few pieces costs a third of streaming each word.
func bodyHash(sentences []align.Sentence) uint64 {
	var buf [4096]byte
	n := 0
	// The hasher of a long text, on the stack: most texts need none.
	var hs xxh3.Hasher
	var h *xxh3.Hasher
	for i := range sentences {
		toks := sentences[i].Tokens
		for k := range toks {
			// By pointer: a token is 56 bytes, and copying each of every
			// text cost more than reading its one field.
			w := toks[k].Lower
			l := len(w)
			if l <= 16 && n <= len(buf)-32 {
				// A word of up to 16 bytes, nearly every one, is
				// written in two loads and two stores that overlap,
				// into a window of the buffer of a constant length,
				// where appending it called memmove for each word:
				// most of the cost of hashing a text.
				b := (*[32]byte)(buf[n:])
				switch {
				case l >= 8:
					binary.LittleEndian.PutUint64(b[:], wordload.Uint64(w, 0))
					binary.LittleEndian.PutUint64(b[l-8:], wordload.Uint64(w, l-8))
				case l >= 4:
					binary.LittleEndian.PutUint32(b[:], wordload.Uint32(w, 0))
					binary.LittleEndian.PutUint32(b[l-4:], wordload.Uint32(w, l-4))
				case l > 0:
					b[0], b[l/2], b[l-1] = w[0], w[l/2], w[l-1]
				}
				b[l] = ' '
				n += l + 1
				continue
			}
			if n+l+1 > len(buf) {
				if h == nil {
					h = &hs
				}
				h.Write(buf[:n])
				n = 0
				if l+1 > len(buf) {
					h.WriteString(w)
					h.WriteString(" ")
					continue
				}
			}
			n += copy(buf[n:], w)
			buf[n] = ' '
			n++
		}
	}
	if h == nil {
		return xxh3.Hash(buf[:n])
	}
	h.Write(buf[:n])
	return h.Sum64()
}

// BodyHash identifies the document's words in order: two documents with
// one BodyHash are duplicates.
func (d *Doc) BodyHash() uint64 { return d.bodyHash }

// hasDirectQuote reports whether a sentence quotes someone's words: a
// quoted span of at least four words. Shorter quoted spans are titles or
// scare quotes, which rewrites keep.
func hasDirectQuote(s string) bool {
	if !hasQuoteMark(s) {
		return false
	}
	s = textproc.Fold(s)
	// The parts between quote marks, read in place: every sentence is
	// asked, and splitting each into new strings was most of the cost.
	parts := strings.Count(s, "\"") + 1
	rest := s
	for i := 0; i < parts; i++ {
		part := rest
		if j := strings.IndexByte(rest, '"'); j >= 0 {
			part, rest = rest[:j], rest[j+1:]
		}
		if i%2 == 1 && atLeastFields(part, 4) {
			return true
		}
	}
	// An opening quote whose paragraph closes it in a later sentence: the
	// part after it, read above, is the second of two.
	return false
}

// hasQuoteMark reports whether s holds a double quote mark, straight or
// typographic: " “ ” „ ‟ « » ″. It looks at bytes, where strings.ContainsAny
// with marks outside ASCII decodes every rune of s and looks for it among
// them, a tenth of the cost of profiling a document.
func hasQuoteMark(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			return true
		case 0xC2: // « U+00AB, » U+00BB
			if i+1 < len(s) && (s[i+1] == 0xAB || s[i+1] == 0xBB) {
				return true
			}
		case 0xE2: // U+201C to U+201F, U+2033
			if i+2 < len(s) && s[i+1] == 0x80 && (0x9C <= s[i+2] && s[i+2] <= 0x9F || s[i+2] == 0xB3) {
				return true
			}
		}
	}
	return false
}

// atLeastFields reports whether s has at least n fields as strings.Fields
// splits it, without splitting it.
func atLeastFields(s string, n int) bool {
	k := 0
	in := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			if k++; k >= n {
				return true
			}
		}
	}
	return false
}
