package textproc

import (
	"strings"

	"github.com/zeebo/xxh3"
)

// stemCache remembers the lower-case form, stem and stopword flag of the
// words a Tokenizer has seen. It is a two-way set-associative cache: a
// word may be in either way of one bucket, chosen by its hash, and a new
// word takes the place of the one less recently hit, so that the words in
// use stay and the long tail of names and typos a firehose brings passes
// through.
//
// A bucket is one cache line of the processor, its two words inline, so
// that a lookup costs one read of memory: the cache is read for every
// word of every text, and a cache of this size is mostly out of the
// processor's caches. A word's lower-case form and stem share one
// allocation of their own, so that a hit makes no garbage and the cache
// holds no document's text alive.
type stemCache struct {
	entries []stemSlot // the ways of bucket b at 2b and 2b+1
	// size is the number of buckets made on first use, a power of two; 0
	// means stemBuckets.
	size int
}

type stemSlot struct {
	word  [maxCachedWord]byte // the lower-case word
	n     uint8               // its length; 0 for an empty way
	flags uint8
	forms string // the lower-case word, then its stem
}

// Flags of a stemSlot.
const (
	slotStop   = 1 << iota // the word is a stopword
	slotRecent             // the way was hit more recently than the other
	slotPrefix             // the stem begins the word, as it mostly does
)

const (
	// stemBuckets bounds a Tokenizer's memory: 256k words in 8 MB.
	stemBuckets = 1 << 17
	// minStemBuckets and maxStemBuckets bound what NewTokenizer makes.
	minStemBuckets = 1 << 6
	maxStemBuckets = 1 << 22
	// maxCachedWord is the longest word cached, so that a way is half a
	// cache line; a word of English is longer about once in a thousand,
	// and then is stemmed each time.
	maxCachedWord = 14
)

// stemForms is what the cache holds of a word.
type stemForms struct {
	lower, stem string
	stop        bool
	// prefix says the stem begins the word: the caller may take it from
	// a copy of the word it holds, and leave the cache's alone.
	prefix bool
}

// stemHash is the hash a word is cached by.
func stemHash(w []byte) uint64 { return xxh3.Hash(w) }

// touch reads the buckets of words, and returns nothing of use; see
// Tokenizer.stems.
func (c *stemCache) touch(words []pending) uint64 {
	var sink uint64
	if c.entries == nil {
		return 0
	}
	for _, p := range words {
		sink += uint64(c.bucket(p.hash)[0].n)
	}
	return sink
}

// lookup returns the cached forms of the lower-case word w, of hash h,
// and whether it was there.
func (c *stemCache) lookup(w []byte, h uint64) (stemForms, bool) {
	if c.entries == nil || len(w) > maxCachedWord || len(w) == 0 {
		return stemForms{}, false
	}
	b := c.bucket(h)
	for i := range 2 {
		e := &b[i]
		if int(e.n) == len(w) && string(e.word[:e.n]) == string(w) {
			e.flags |= slotRecent
			b[1-i].flags &^= slotRecent
			return e.get(), true
		}
	}
	return stemForms{}, false
}

func (e *stemSlot) get() stemForms {
	return stemForms{e.forms[:e.n], e.forms[e.n:], e.flags&slotStop != 0, e.flags&slotPrefix != 0}
}

// add caches lower's stem and stopword flag, lower being of hash h, and
// returns the forms as the cache holds them.
func (c *stemCache) add(lower, stem string, stop bool, h uint64) stemForms {
	if len(lower) > maxCachedWord || lower == "" {
		return stemForms{lower, stem, stop, strings.HasPrefix(lower, stem)}
	}
	if c.entries == nil {
		if c.size <= 0 {
			c.size = stemBuckets
		}
		c.entries = make([]stemSlot, 2*c.size)
	}
	b := c.bucket(h)
	i := 0
	if b[0].flags&slotRecent != 0 {
		i = 1
	}
	e := &b[i]
	e.n = uint8(copy(e.word[:], lower))
	e.flags = slotRecent
	if stop {
		e.flags |= slotStop
	}
	if strings.HasPrefix(lower, stem) {
		e.flags |= slotPrefix
	}
	e.forms = lower + stem
	b[1-i].flags &^= slotRecent
	return e.get()
}

// bucket returns the two ways of the bucket of hash h.
func (c *stemCache) bucket(h uint64) []stemSlot {
	k := 2 * int(h&uint64(len(c.entries)/2-1))
	return c.entries[k : k+2 : k+2]
}

// appendLower appends the lower case of w to buf, and reports whether it
// differs from w: byte by byte for ASCII, the common case, without making
// a string.
func appendLower(buf []byte, w string) ([]byte, bool) {
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			lower := strings.ToLower(w)
			return append(buf, lower...), lower != w
		}
	}
	changed := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
			changed = true
		}
		buf = append(buf, c)
	}
	return buf, changed
}
