package textproc

import (
	"math/bits"
	"strings"

	"github.com/stemma-news/stemma/internal/wordload"
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
// processor's caches. A word is held as two machine words, its bytes
// padded with zeros, so that it is compared in two instructions and
// hashed in one multiplication. A word's lower-case form and stem share
// one allocation of their own, so that a hit makes no garbage and the
// cache holds no document's text alive.
type stemCache struct {
	entries []stemSlot // the ways of bucket b at 2b and 2b+1; a power of two of buckets
	mask    uint64     // the buckets less one, by which a hash is cut to a bucket
}

type stemSlot struct {
	// key is the lower-case word (wordKey), with the slot's flags in the
	// top byte, which a cached word leaves zero; all zero for an empty
	// way.
	key   wordKey
	forms string // the lower-case word, then its stem
}

// wordKey is a word of at most maxCachedWord bytes, little-endian and
// padded with zeros, its first eight bytes in lo. No word has a zero
// byte (U+0000 is never part of a word), so the padding marks where the
// word ends. It is a struct, not an array, so that the compiler keeps it
// in registers.
type wordKey struct{ lo, hi uint64 }

// Flags of a stemSlot, in the top byte of key.hi.
const (
	slotStop   = 1 << (56 + iota) // the word is a stopword
	slotRecent                    // the way was hit more recently than the other
	slotPrefix                    // the stem begins the word, as it mostly does
	slotFlags  = 0xff << 56
)

const (
	// stemBuckets bounds a Tokenizer's memory: 256k words in 8 MB.
	stemBuckets = 1 << 17
	// minStemBuckets and maxStemBuckets bound what NewTokenizer makes.
	minStemBuckets = 1 << 6
	maxStemBuckets = 1 << 22
	// maxFrontBuckets bounds the front cache of a Tokenizer: 4k words in
	// 128 kB, which stay in the processor's second-level cache; the 4k
	// words most used in news are four fifths of its words.
	maxFrontBuckets = 1 << 11
	// maxCachedWord is the longest word cached, so that a way is half a
	// cache line and the top byte of its key is free for flags; a word of
	// English is longer about once in a thousand, and then is stemmed
	// each time.
	maxCachedWord = 15
)

// keyOf returns the key of a lower-case word of 1 to maxCachedWord bytes.
// Its bytes are read in a few overlapping loads, where copying them to
// an array would call memmove for each word.
func keyOf(w string) wordKey {
	n := len(w)
	switch {
	case n >= 8:
		return wordKey{wordload.Uint64(w, 0), wordload.Uint64(w, n-8) >> (8 * (16 - n))}
	case n >= 4:
		return wordKey{uint64(wordload.Uint32(w, 0)) | uint64(wordload.Uint32(w, n-4))<<(8*(n-4)), 0}
	case n > 0:
		return wordKey{uint64(w[0]) | uint64(w[n/2])<<(8*(n/2)) | uint64(w[n-1])<<(8*(n-1)), 0}
	}
	return wordKey{}
}

// hash returns the hash a key is cached by: the two halves of their
// product, as XXH3 folds its multiplications.
func (k wordKey) hash() uint64 {
	hi, lo := bits.Mul64(k.lo^0x9e3779b97f4a7c15, k.hi^0xc2b2ae3d27d4eb4f)
	return hi ^ lo
}

// touch reads the buckets of the keyed words of spans that the front
// cache lacks, and returns nothing of use; see Tokenizer.Tokens.
func (c *stemCache) touch(spans []span) uint64 {
	var sink uint64
	for i := range spans {
		if spans[i].keyed && spans[i].front < 0 {
			sink += c.bucket(spans[i].hash)[0].key.lo
		}
	}
	return sink
}

// init makes the cache's buckets, size of them.
func (c *stemCache) init(size int) {
	c.entries = make([]stemSlot, 2*size)
	c.mask = uint64(size - 1)
}

// find returns the index in c.entries of the way holding the word of key
// k and hash h, or -1.
func (c *stemCache) find(k wordKey, h uint64) int {
	j := c.index(h)
	b := (*[2]stemSlot)(c.entries[j : j+2])
	for i := range 2 {
		e := &b[i]
		if e.holds(k) {
			// Only a change is written, so that a bucket hit again and
			// again stays clean in the processor's cache.
			if e.key.hi&slotRecent == 0 {
				e.key.hi |= slotRecent
				b[1-i].key.hi &^= slotRecent
			}
			return j + i
		}
	}
	return -1
}

// way returns the index in c.entries of the way holding the word of key
// k and hash h, or -1, as find does, but without a branch on what it
// reads and without marking the way hit. A branch on a read that misses
// the processor's caches, mispredicted as often as not, holds up all
// that follows until the read is done; a conditional move lets the
// processor go on to the next words, and wait for the reads of several
// at once. The flags, in the top byte, are shifted out of the compare.
func (c *stemCache) way(k wordKey, h uint64) int {
	j := int(h&c.mask) * 2 // c.index(h), spelled out to keep way inlined
	b := c.entries[j:]
	w := -1
	if b[0].key.lo^k.lo|(b[0].key.hi^k.hi)<<8 == 0 {
		w = j
	}
	if b[1].key.lo^k.lo|(b[1].key.hi^k.hi)<<8 == 0 {
		w = j + 1
	}
	return w
}

// hit marks way i of c.entries hit, as find does.
func (c *stemCache) hit(i int) {
	e := &c.entries[i]
	if e.key.hi&slotRecent == 0 {
		e.key.hi |= slotRecent
		c.entries[i^1].key.hi &^= slotRecent
	}
}

// holds reports whether the way holds the word of key k.
func (e *stemSlot) holds(k wordKey) bool {
	return e.key.lo == k.lo && e.key.hi&^slotFlags == k.hi
}

// put caches the word of key k, flags included, with its forms, in the
// bucket of hash h in place of the way less recently hit, and returns
// that way.
func (c *stemCache) put(k wordKey, forms string, h uint64) *stemSlot {
	j := c.index(h)
	b := (*[2]stemSlot)(c.entries[j : j+2])
	i := 0
	if b[0].key.hi&slotRecent != 0 {
		i = 1
	}
	b[i] = stemSlot{wordKey{k.lo, k.hi | slotRecent}, forms}
	b[1-i].key.hi &^= slotRecent
	return &b[i]
}

// newSlot returns the way that caches lower, of key k, with its stem and
// stopword flag.
func newSlot(lower string, stem []byte, stop bool, k wordKey) stemSlot {
	if stop {
		k.hi |= slotStop
	}
	if strings.HasPrefix(lower, string(stem)) {
		k.hi |= slotPrefix
	}
	return stemSlot{k, lower + string(stem)}
}

// index returns the index in c.entries of the first way of the bucket of
// hash h.
func (c *stemCache) index(h uint64) int {
	return 2 * int(h&c.mask)
}

// bucket returns the two ways of the bucket of hash h.
func (c *stemCache) bucket(h uint64) *[2]stemSlot {
	k := c.index(h)
	return (*[2]stemSlot)(c.entries[k : k+2])
}

// asciiLowerKey returns the key of the lower case of the ASCII word w, of
// 1 to maxCachedWord bytes, and whether w has upper-case letters; ok is
// false if w is not ASCII. It lowers eight letters at a time, through
// upperBytes.
func asciiLowerKey(w string) (k wordKey, changed, ok bool) {
	k = keyOf(w)
	if (k.lo|k.hi)&highBits != 0 {
		return wordKey{}, false, false
	}
	ulo, uhi := upperBytes(k.lo), upperBytes(k.hi)
	return wordKey{k.lo | ulo>>2, k.hi | uhi>>2}, ulo|uhi != 0, true
}
