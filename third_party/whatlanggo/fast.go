package whatlanggo

// Fast paths added in the stemma copy (see README.stemma.md). Everything here
// is derived at run time from upstream's own data and predicates (isStopChar,
// unicode.ToLower, isLatin, ..., the language profiles), so the answers stay
// exactly the upstream ones; only the amount of work changes.

import (
	"math"
	"math/bits"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// ---------------------------------------------------------------------------
// Per-rune classification, cached in lazily built 256-rune pages.

// Rune classes as seen by DetectScript.
const (
	clsNone    uint8 = 0 // not a stop char and matched by no script checker
	clsStop    uint8 = 1 // isStopChar: skipped by DetectScript, ' ' in trigrams
	clsMulti   uint8 = 2 // matched by several checkers: DetectScript slow path
	clsScript0 uint8 = 3 // clsScript0+k: matched by exactly scriptChecks[k]
)

// scriptTables and scriptChecks are upstream's scriptCounter list, in its
// initial order (DetectScript's tie-breaking depends on that order).
var scriptTables = [...]*unicode.RangeTable{
	unicode.Latin, unicode.Cyrillic, unicode.Arabic, unicode.Devanagari,
	_HiraganaKatakana, unicode.Ethiopic, unicode.Hebrew, unicode.Bengali,
	unicode.Georgian, unicode.Han, unicode.Hangul, unicode.Greek,
	unicode.Kannada, unicode.Tamil, unicode.Thai, unicode.Gujarati,
	unicode.Gurmukhi, unicode.Telugu, unicode.Malayalam, unicode.Oriya,
	unicode.Myanmar, unicode.Sinhala, unicode.Khmer,
}

var scriptChecks = [...]func(rune) bool{
	isLatin, isCyrillic, isArabic, isDevanagari,
	isHiraganaKatakana, isEthiopic, isHebrew, isBengali,
	isGeorgian, isHan, isHangul, isGreek,
	isKannada, isTamil, isThai, isGujarati,
	isGurmukhi, isTelugu, isMalayalam, isOriya,
	isMyanmar, isSinhala, isKhmer,
}

const numScripts = len(scriptTables)

type runePage struct {
	cls  [256]uint8 // DetectScript class (clsXxx)
	trig [256]rune  // unicode.ToLower(toTrigramChar(r)), as upstream count()
}

// runePages[r>>8] caches the page holding r. Pages are immutable once
// published; two goroutines may build the same page concurrently, which is
// harmless because both compute identical contents.
var runePages [unicode.MaxRune>>8 + 1]atomic.Pointer[runePage]

// page0 covers ASCII and Latin-1; built eagerly so the ASCII fast path needs
// no atomic load.
var page0 = buildRunePage(0)

func buildRunePage(hi rune) *runePage {
	p := new(runePage)
	for j := rune(0); j < 256; j++ {
		r := hi<<8 | j
		p.cls[j] = classifyRune(r)
		p.trig[j] = unicode.ToLower(toTrigramChar(r))
	}
	return p
}

func pageOf(r rune) *runePage {
	hi := r >> 8
	if hi == 0 {
		return page0
	}
	p := runePages[hi].Load()
	if p == nil {
		p = buildRunePage(hi)
		runePages[hi].Store(p)
	}
	return p
}

// classifyRune asks upstream's predicates, in upstream's order: stop chars
// are skipped before any script check.
func classifyRune(r rune) uint8 {
	if isStopChar(r) {
		return clsStop
	}
	c := clsNone
	for k, f := range scriptChecks {
		if f(r) {
			if c != clsNone {
				return clsMulti
			}
			c = clsScript0 + uint8(k)
		}
	}
	return c
}

// scriptMask is the slow-path classification: the set of all checkers that
// accept r. (With Go's current Unicode tables no rune needs it; it is kept so
// that the result stays upstream's even if tables overlap one day.)
func scriptMask(r rune) uint32 {
	var m uint32
	for k, f := range scriptChecks {
		if f(r) {
			m |= 1 << uint(k)
		}
	}
	return m
}

// trigramRune is unicode.ToLower(toTrigramChar(r)) through the page cache.
func trigramRune(r rune) rune {
	if r < utf8.RuneSelf {
		return page0.trig[r]
	}
	return pageOf(r).trig[r&0xff]
}

// ---------------------------------------------------------------------------
// Trigram keys.

// A trigram of three runes packed 21 bits each. Runes produced by ranging
// over a string are at most unicode.MaxRune (21 bits), so the packing is
// injective and never sets bit 63.
func trigramKey(r1, r2, r3 rune) uint64 {
	return uint64(r1)<<42 | uint64(r2)<<21 | uint64(r3)
}

// profileKey packs a profile trigram. ok is false for strings that can never
// equal string([]rune{r1, r2, r3}) for runes obtained by decoding text: not
// exactly three runes or not valid (canonical) UTF-8. Upstream's map lookup
// can never hit such an entry either.
func profileKey(s string) (key uint64, ok bool) {
	if !utf8.ValidString(s) || utf8.RuneCountInString(s) != 3 {
		return 0, false
	}
	var rs [3]rune
	i := 0
	for _, r := range s {
		rs[i] = r
		i++
	}
	if string(rs[:]) != s {
		return 0, false
	}
	return trigramKey(rs[0], rs[1], rs[2]), true
}

// emptyKey marks a free table cell; trigramKey never sets bit 63.
const emptyKey = ^uint64(0)

func hashKey(k uint64, shift uint) uint64 {
	return (k * 0x9E3779B97F4A7C15) >> shift
}

// ---------------------------------------------------------------------------
// Inverted profile index: trigram -> list of (language, position).

const maxProfileLangs = 64

type profileIndex struct {
	langs []Lang // languages of the profile list, ascending id

	// Open-addressing (linear probing) table: distinct profile trigram ->
	// slot number. Read-only after construction.
	cells []indexCell
	mask  uint64
	shift uint

	// Slots 0..nslots-1 are the distinct profile trigrams; sink (= nslots)
	// is the answer for text trigrams that are in no profile or that
	// upstream's count() skips.
	sink int32

	// direct maps trigrams made only of ' ' and 'a'..'z' (the bulk of text
	// in Latin script) to their slot without hashing; index
	// asciiCode(r1)*27*27 + asciiCode(r2)*27 + asciiCode(r3).
	direct []int16

	// Postings of slot s are post[postStart[s]:postStart[s+1]].
	postStart []int32
	post      []posting

	scratch sync.Pool // *indexScratch
}

type indexCell struct {
	key  uint64 // emptyKey if free
	slot int32
}

// asciiCodes maps ' ' to 0 and 'a'..'z' to 1..26; everything else to
// noCode. An OR of three valid codes is < 32, any noCode makes it >= 32.
const noCode = 0xff

var asciiCodes = func() (t [128]uint8) {
	for i := range t {
		t[i] = noCode
	}
	t[' '] = 0
	for c := 'a'; c <= 'z'; c++ {
		t[c] = uint8(c-'a') + 1
	}
	return t
}()

// asciiRune is the inverse of asciiCode.
func asciiRune(c int) rune {
	if c == 0 {
		return ' '
	}
	return 'a' + rune(c-1)
}

func asciiCode(r rune) uint8 {
	if r < utf8.RuneSelf {
		return asciiCodes[r]
	}
	return noCode
}

type posting struct {
	lang   uint8 // index into profileIndex.langs (< maxProfileLangs)
	weight int16 // maxTrigramDistance - position (negative past 300, as upstream)
}

// indexScratch holds the per-call text trigram weights by slot. counts is
// all zero between calls (reset through touched, which has room for every
// slot).
type indexScratch struct {
	counts  []int
	touched []int32
}

func buildProfileIndex(list langProfileList) *profileIndex {
	ix := &profileIndex{}
	for lang := range list {
		ix.langs = append(ix.langs, lang)
	}
	if len(ix.langs) > maxProfileLangs {
		panic("whatlanggo: too many languages in a profile list")
	}
	// Ascending language id: this is the deterministic tie order.
	for i := 1; i < len(ix.langs); i++ {
		for j := i; j > 0 && ix.langs[j] < ix.langs[j-1]; j-- {
			ix.langs[j], ix.langs[j-1] = ix.langs[j-1], ix.langs[j]
		}
	}

	// Distinct keys, numbered in first-seen order.
	slotOf := map[uint64]int32{}
	var keys []uint64
	type rawPosting struct {
		slot int32
		posting
	}
	var raw []rawPosting
	for li, l := range ix.langs {
		if len(list[l]) > math.MaxInt16 {
			panic("whatlanggo: profile too long")
		}
		for pos, s := range list[l] {
			key, ok := profileKey(s)
			if !ok {
				continue
			}
			slot, seen := slotOf[key]
			if !seen {
				slot = int32(len(keys))
				slotOf[key] = slot
				keys = append(keys, key)
			}
			// Duplicates inside one profile would each count, as upstream.
			raw = append(raw, rawPosting{slot, posting{uint8(li), int16(maxTrigramDistance - pos)}})
		}
	}
	nslots := len(keys)

	// Hash table at load factor <= 1/2.
	size := 16
	for size < 2*nslots {
		size <<= 1
	}
	ix.cells = make([]indexCell, size)
	for i := range ix.cells {
		ix.cells[i].key = emptyKey
	}
	ix.mask = uint64(size - 1)
	ix.shift = uint(64 - bits.TrailingZeros(uint(size)))
	for slot, key := range keys {
		h := hashKey(key, ix.shift)
		for ix.cells[h].key != emptyKey {
			h = (h + 1) & ix.mask
		}
		ix.cells[h] = indexCell{key, int32(slot)}
	}

	// Direct table for ' '/a-z trigrams. Trigrams that count() skips (a
	// space in the middle next to another space) go to the sink even if a
	// profile listed them: upstream could never match them either.
	if nslots >= math.MaxInt16 {
		panic("whatlanggo: too many distinct trigrams in a profile list")
	}
	ix.sink = int32(nslots)
	ix.direct = make([]int16, 27*27*27)
	for i := range ix.direct {
		c1, c2, c3 := i/(27*27), i/27%27, i%27
		if c2 == 0 && (c1 == 0 || c3 == 0) {
			ix.direct[i] = int16(ix.sink)
			continue
		}
		ix.direct[i] = int16(ix.lookup(trigramKey(asciiRune(c1), asciiRune(c2), asciiRune(c3))))
	}

	// Group postings by slot (counting sort, stable); the sink has none.
	ix.postStart = make([]int32, nslots+2)
	for _, p := range raw {
		ix.postStart[p.slot+1]++
	}
	for s := 0; s <= nslots; s++ {
		ix.postStart[s+1] += ix.postStart[s]
	}
	ix.post = make([]posting, len(raw))
	fill := append([]int32(nil), ix.postStart[:nslots]...)
	for _, p := range raw {
		ix.post[fill[p.slot]] = p.posting
		fill[p.slot]++
	}
	ix.scratch.New = func() any {
		return &indexScratch{counts: make([]int, nslots+1), touched: make([]int32, nslots+1)}
	}
	return ix
}

// lookup returns the slot of key, or ix.sink.
func (ix *profileIndex) lookup(key uint64) int32 {
	h := hashKey(key, ix.shift)
	for {
		c := &ix.cells[h]
		if c.key == key {
			return c.slot
		}
		if c.key == emptyKey {
			return ix.sink
		}
		h = (h + 1) & ix.mask
	}
}

// distances computes, for every language of the index, upstream's
// calculateDistance(profile, count(text)): the sum over profile positions i
// whose trigram occurs w>0 times in text of (maxTrigramDistance-i)*w, and the
// number of such positions. Integer sums, so the order of accumulation does
// not matter.
func (ix *profileIndex) distances(text string, dist, num *[maxProfileLangs]int) {
	sc := ix.scratch.Get().(*indexScratch)
	counts, touched := sc.counts, sc.touched
	nt := 0 // touched[:nt] are the slots with counts > 0

	// Same trigram walk as upstream count(): the text is framed by one
	// leading and one trailing space, stop chars become ' ', runes are
	// lower-cased, and a trigram whose middle rune is a space next to
	// another space is skipped.
	r1, r2 := rune(' '), rune(' ')
	c1, c2 := uint8(0), uint8(0) // asciiCode(r1), asciiCode(r2)
	direct, sink := ix.direct, ix.sink
	for _, ch := range text {
		var r3 rune
		if ch < utf8.RuneSelf {
			r3 = page0.trig[ch]
		} else {
			r3 = pageOf(ch).trig[ch&0xff]
		}
		c3 := asciiCode(r3)
		var s int32
		switch {
		case c1|c2|c3 < 32: // skipped trigrams are mapped to the sink
			s = int32(direct[(int(c1)*27+int(c2))*27+int(c3)])
		case r2 != ' ' || (r1 != ' ' && r3 != ' '):
			s = ix.lookup(trigramKey(r1, r2, r3))
		default:
			s = sink
		}
		if s != sink {
			if counts[s] == 0 {
				touched[nt] = s
				nt++
			}
			counts[s]++
		}
		r1, r2 = r2, r3
		c1, c2 = c2, c3
	}
	if r2 != ' ' { // final trigram (r1, r2, ' ')
		if s := ix.lookup(trigramKey(r1, r2, ' ')); s != sink {
			if counts[s] == 0 {
				touched[nt] = s
				nt++
			}
			counts[s]++
		}
	}

	for _, s := range touched[:nt] {
		w := counts[s]
		counts[s] = 0
		for _, p := range ix.post[ix.postStart[s]:ix.postStart[s+1]] {
			l := p.lang % maxProfileLangs // no bounds check
			dist[l] += int(p.weight) * w
			num[l]++
		}
	}
	ix.scratch.Put(sc)
}

// lazyIndex builds a profileIndex on first use; it is read-only afterwards.
type lazyIndex struct {
	once sync.Once
	list langProfileList
	ix   *profileIndex
}

func (l *lazyIndex) get() *profileIndex {
	l.once.Do(func() { l.ix = buildProfileIndex(l.list) })
	return l.ix
}

var (
	latinIndex      = &lazyIndex{list: latinLangs}
	cyrillicIndex   = &lazyIndex{list: cyrillicLangs}
	arabicIndex     = &lazyIndex{list: arabicLangs}
	devanagariIndex = &lazyIndex{list: devanagariLangs}
	ethiopicIndex   = &lazyIndex{list: ethiopicLangs}
	hebrewIndex     = &lazyIndex{list: hebrewLangs}
)
