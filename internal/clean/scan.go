package clean

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/stemma-news/stemma/internal/textproc"
	"github.com/stemma-news/stemma/internal/wordload"
	"golang.org/x/text/unicode/norm"
)

// The scanners here go over every byte of every paragraph, several times,
// so they avoid allocating and look ASCII up in tables; they do what the
// standard functions named in their comments do, only faster.

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// line is a paragraph, or a title, as the rules see it: key is the text
// folded (textproc.Fold) and trimmed; words counts its fields and digits
// those that start with a digit; folded is the key run through foldCase,
// made when a rule first needs it.
type line struct {
	key           string
	words, digits int
	ascii         bool
	folded        string
	hasFolded     bool
}

func newLine(text string) line {
	// Most paragraphs are ASCII, which folding leaves as it is; one pass
	// over them finds that and counts their fields.
	if words, digits, ok := fieldsASCII(text); ok {
		return line{key: strings.TrimSpace(text), words: words, digits: digits, ascii: true}
	}
	key := strings.TrimSpace(textproc.Fold(text))
	// Folding makes typographic quotes and dashes ASCII, and often with
	// them the whole paragraph.
	if words, digits, ok := fieldsASCII(key); ok {
		return line{key: key, words: words, digits: digits, ascii: true}
	}
	words, digits := fields(key)
	return line{key: key, words: words, digits: digits}
}

func (l *line) fold() string {
	if !l.hasFolded {
		if l.ascii {
			l.folded = lowerASCII(l.key)
		} else {
			l.folded = foldCase(l.key)
		}
		l.hasFolded = true
	}
	return l.folded
}

// lowerASCII is strings.ToLower for an ASCII s, eight bytes at a time
// (see between): the lines folded are whole paragraphs. Like ToLower it
// returns s itself when s has no capitals.
func lowerASCII(s string) string {
	var buf [512]byte
	b := buf[:0]
	if len(s) > len(buf) {
		b = make([]byte, 0, len(s))
	}
	b = b[:len(s)]
	var upper uint64
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := wordload.Uint64(s, i)
		u := between(x, 'A', 'Z')
		upper |= u
		binary.LittleEndian.PutUint64(b[i:], x+u>>2)
	}
	for ; i < len(s); i++ {
		b[i] = asciiLower[s[i]]
		upper |= uint64(b[i] ^ s[i])
	}
	if upper == 0 {
		return s
	}
	return string(b)
}

// asciiLower maps an ASCII byte to its lower case (and any other byte to
// itself).
var asciiLower = func() (t [256]byte) {
	for c := range 256 {
		t[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			t[c] = byte(c) + 'a' - 'A'
		}
	}
	return t
}()

// asciiSpace is unicode.IsSpace for ASCII.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// fields returns len(strings.Fields(s)) and how many of the fields start
// with a digit, without building the fields.
func fields(s string) (n, digits int) {
	in := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if asciiSpace[c] {
				in = false
			} else if !in {
				in = true
				n++
				if '0' <= c && c <= '9' {
					digits++
				}
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if isSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
			if unicode.IsDigit(r) {
				digits++
			}
		}
	}
	return n, digits
}

// fieldsASCII is fields for an ASCII s; ok is false when s is not ASCII.
// It has no branches on the text but the one that gives up on a byte
// beyond ASCII: words and spaces alternate every few bytes, which a
// branch predictor cannot follow. It takes eight bytes at a time, as the
// bits of a word (see between), which every paragraph of every document
// is run through.
func fieldsASCII(s string) (n, digits int, ok bool) {
	prev := uint64(0x80) // whether the byte before was a space, in bit 7; the start counts as one
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := wordload.Uint64(s, i)
		if w&hiBits != 0 {
			return 0, 0, false // the caller folds the text and counts again
		}
		space := between(w, ' ', ' ') | between(w, '\t', '\r')
		digit := between(w, '0', '9')
		after := space<<8 | prev // whether the byte before each was a space
		start := after &^ space  // a field starts here
		n += countHigh(start)
		digits += countHigh(start & digit)
		prev = space >> 56
	}
	var tail byte
	p := int(prev >> 7)
	for ; i < len(s); i++ {
		c := s[i]
		tail |= c
		k := int(byteClass[c])
		start := p &^ k & 1
		n += start
		digits += start & (k >> 1)
		p = k & 1
	}
	return n, digits, tail < utf8.RuneSelf
}

const (
	loBits = 0x7f7f7f7f7f7f7f7f
	hiBits = 0x8080808080808080
	ones   = 0x0101010101010101
)

// countHigh counts the bytes of m with bit 7 set, m having no other bits
// set: the multiplication sums the bytes into the top one. It is
// bits.OnesCount64 without the test for the instruction, and the call
// that test leaves in a loop, spilling what it holds in registers.
func countHigh(m uint64) int { return int((m >> 7) * ones >> 56) }

// between returns, in bit 7 of each byte, whether that byte of x, which
// has bit 7 clear in every byte, is in [lo, hi]. Adding to a byte of at
// most 0x7f cannot carry into the next, so the comparisons are additions
// that set bit 7 or not.
func between(x uint64, lo, hi byte) uint64 {
	return (x + (0x80-uint64(lo))*ones) &^ (x + (0x7f-uint64(hi))*ones) & hiBits
}

// byteClass has bit 0 set for the ASCII spaces and bit 1 for the digits.
var byteClass = func() (t [256]byte) {
	for c := range utf8.RuneSelf {
		if asciiSpace[c] {
			t[c] |= 1
		}
		if '0' <= c && c <= '9' {
			t[c] |= 2
		}
	}
	return t
}()

// asciiNormal maps an ASCII byte to what textproc.Normalize keeps of it:
// a letter lower-cased, a digit, 0 for anything else.
var asciiNormal = func() (t [utf8.RuneSelf]byte) {
	for c := range byte(utf8.RuneSelf) {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			t[c] = c
		case 'A' <= c && c <= 'Z':
			t[c] = c + 'a' - 'A'
		}
	}
	return t
}()

// runeBlock holds what the scanners ask of 256 runes of the Basic
// Multilingual Plane (bit r%64 of word r%256/64): own is set for a rune
// that is its own lower case and kept for one of those that is a letter
// or a digit (see appendNormal); space for white space; stable for a rune
// that normalisation leaves alone whatever its neighbours (see
// nfkcStable). Looking these up in unicode's and norm's tables costs tens
// of nanoseconds a rune, which dominated the handling of text in other
// scripts; a block is filled when a text first holds one of its runes, so
// only the scripts met cost anything.
type runeBlock struct{ own, kept, space, stable [4]uint64 }

var runeBlocks [256]struct {
	once  sync.Once
	block runeBlock
}

func blockOf(r rune) *runeBlock {
	e := &runeBlocks[r>>8]
	e.once.Do(func() {
		b := &e.block
		for i := range rune(256) {
			r := r&^0xff | i
			bit := uint64(1) << (i % 64)
			if unicode.ToLower(r) == r {
				b.own[i/64] |= bit
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					b.kept[i/64] |= bit
				}
			}
			if unicode.IsSpace(r) {
				b.space[i/64] |= bit
			}
			if nfkcStable(r) {
				b.stable[i/64] |= bit
			}
		}
	})
	return &e.block
}

func (b *runeBlock) has(set *[4]uint64, r rune) bool {
	i := r & 0xff
	return set[i/64]&(1<<(i%64)) != 0
}

// nfkcStable reports whether r has canonical combining class 0 and is in
// NFKC whatever comes before or after it (NFKC_Quick_Check=Yes): a text
// made of such runes is in NFKC, and so is every piece of it (UAX #15,
// "Detecting Normalization Forms").
func nfkcStable(r rune) bool {
	var buf [utf8.UTFMax]byte
	b := utf8.AppendRune(buf[:0], r)
	p := norm.NFKC.Properties(b)
	// BoundaryBefore rules out the runes that may combine with what
	// precedes them (Quick_Check=Maybe); a rune that is not in NFKC on
	// its own has Quick_Check=No.
	return p.CCC() == 0 && p.BoundaryBefore() && norm.NFKC.IsNormal(b)
}

// allStable reports whether every rune of s is nfkcStable.
func allStable(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r < 1<<16 {
			if b := blockOf(r); !b.has(&b.stable, r) {
				return false
			}
		} else if !nfkcStable(r) {
			return false
		}
	}
	return true
}

// isSpace is unicode.IsSpace.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiSpace[r]
	}
	if r < 1<<16 {
		b := blockOf(r)
		return b.has(&b.space, r)
	}
	return unicode.IsSpace(r)
}

// normalRune returns what textproc.Normalize keeps of a rune beyond
// ASCII, and false when it is a separator.
func normalRune(r rune) (rune, bool) {
	if r < 1<<16 {
		if b := blockOf(r); b.has(&b.own, r) {
			return r, b.has(&b.kept, r)
		}
	}
	r = unicode.ToLower(r)
	return r, unicode.IsLetter(r) || unicode.IsDigit(r)
}

// appendNormalASCII is appendNormal for an ASCII s. Like fieldsASCII it
// takes eight bytes at a time and avoids branching on the text: each is
// written as a letter lower-cased, a digit or a space, and a space after a
// space (or at the start) is then taken out of the word. The bytes that
// are left over at the end go one at a time, to the same effect.
func appendNormalASCII(buf []byte, numAt []int, s string) ([]byte, []int) {
	from := len(buf)
	buf = slices.Grow(buf, len(s))[:from+len(s)] // every byte makes at most one
	out := buf[from:]
	// A word starts at most every other byte. With room for them all,
	// the loop stores the digit words without append, whose call would
	// have what the loop holds in registers stored and loaded again on
	// every turn.
	n := len(numAt)
	numAt = slices.Grow(numAt, len(s)/2+1)[:n+len(s)/2+1]
	j, i := 0, 0
	prev := uint64(0x80) // whether the byte before was a separator, in bit 7; the start counts as one
	for ; i+8 <= len(s); i += 8 {
		x := wordload.Uint64(s, i) & loBits
		// Setting bit 5 lower-cases a letter and leaves a digit as it
		// is; the space kept for the others has it too.
		y := x | 0x20*ones
		digit := between(x, '0', '9')
		kept := between(y, 'a', 'z') | digit
		sep := hiBits &^ kept
		after := sep<<8 | prev // whether the byte before each was a separator
		drop := sep & after    // separators after a separator
		w := y & ((kept>>7)*0xff | ' '*ones)
		// A word starting with a digit: its place in out is its place in
		// w less the bytes dropped before it.
		for d := digit & after; d != 0; d &= d - 1 {
			k := bits.TrailingZeros64(d)
			numAt[n] = from + j + k/8 - countHigh(drop&(1<<k-1))
			n++
		}
		// Take out the dropped bytes, the highest first so that those
		// below stay where they are; what comes in at the top is past
		// the end of what is written, and overwritten or cut.
		for d := drop; d != 0; {
			top := 63 - bits.LeadingZeros64(d)
			below := uint64(1)<<(top&^7) - 1
			w = w&below | (w>>8)&^below
			d &^= 1 << top
		}
		binary.LittleEndian.PutUint64(out[j:], w)
		j += 8 - countHigh(drop)
		prev = sep >> 56
	}
	prevSep := int(prev >> 7)
	for ; i < len(s); i++ {
		c := asciiNormal[s[i]&0x7f]
		sep := int(c-1) >> 7 & 1 // 1 when c is 0
		if c-'0' < 10 && prevSep == 1 {
			numAt[n] = from + j
			n++
		}
		out[j] = c | byte(sep)*' '
		j += 1 - sep&prevSep
		prevSep = sep
	}
	if j > 0 && out[j-1] == ' ' {
		j--
	}
	return buf[:from+j], numAt[:n]
}

// appendNormal appends textproc.Normalize(s) for an s that
// textproc.Fold leaves as it is: letters lower-cased and digits, every
// run of anything else one space between them. It appends to numAt the
// offsets in buf of the words that start with a digit.
func appendNormal(buf []byte, numAt []int, s string) ([]byte, []int) {
	from, space := len(buf), true
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if c = asciiNormal[c]; c == 0 {
				if !space {
					buf = append(buf, ' ')
					space = true
				}
				continue
			}
			if space && c <= '9' {
				numAt = append(numAt, len(buf))
			}
			buf = append(buf, c)
			space = false
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		r, ok := normalRune(r)
		if !ok {
			if !space {
				buf = append(buf, ' ')
				space = true
			}
			continue
		}
		if space && unicode.IsDigit(r) {
			numAt = append(numAt, len(buf))
		}
		buf = utf8.AppendRune(buf, r)
		space = false
	}
	if len(buf) > from && buf[len(buf)-1] == ' ' {
		buf = buf[:len(buf)-1]
	}
	return buf, numAt
}
