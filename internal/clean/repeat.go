package clean

import (
	"bytes"
	"hash/maphash"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stemma-news/stemma/internal/textproc"
	"golang.org/x/text/unicode/norm"
)

// minRepeatWords is the shortest paragraph whose repetition is taken for a
// page fault. Shorter things repeat legitimately: a refrain in a quote, an
// interview's recurring question, a list item in a recipe.
const minRepeatWords = 12

// prose reports whether a paragraph is a full prose paragraph, the kind
// whose second copy is always repetition: long enough, ending like a
// statement (not a question, which interviews repeat on purpose, and not
// a list item ending in a bracket), and mostly words rather than numbers.
// words and digits count s's fields and those that start with a digit.
func prose(s string, words, digits int) bool {
	// Scripts without spaces between words count by characters.
	if words < minRepeatWords && !(words <= 3 && utf8.RuneCountInString(s) >= 5*minRepeatWords) {
		return false
	}
	t := strings.TrimRightFunc(s, func(r rune) bool {
		return r == '"' || r == '\'' || unicode.IsSpace(r)
	})
	r, _ := utf8.DecodeLastRuneInString(t)
	switch r {
	case '.', '!', '。', '！':
	default:
		return false
	}
	return digits*5 < words
}

// repeats remembers the paragraphs already kept, to recognise a later copy
// of one of them. It belongs to a text, kept between calls of Clean (see
// textPool), so its buffers and tables serve document after document.
//
// The normalised texts are bytes in all, and everything else refers to
// them by their place there (all is filled before any paragraph is
// checked): tables keyed by strings would cost an allocation for each
// text, thrown away with the document.
type repeats struct {
	seen seenSet // normalised paragraphs (seenPara) and sentences (seenSentence)
	// Kept prose paragraphs, found by length in runes and numbers: a near
	// copy has the same numbers, so only those are compared, which keeps
	// a text of many similar paragraphs from being compared pairwise.
	// near holds the position in texts, plus one, of the last one kept
	// with a length and numbers, and each links to the one before it.
	near  nearTable // by nearKey
	texts []normText

	// What appendNormalized makes: the normalised paragraphs and sentences,
	// and where the words that start with a digit are in them.
	all   []byte   // the normalised texts, one after the other
	spans [][2]int // sentences, in all
	numAt []int    // in all

	nums   []byte       // the numbers of texts, each text's sorted and joined by spaces
	hists  [][32]uint32 // of texts, counted when first compared
	runes  []rune       // texts as runes, made when first compared
	words  [][2]int     // scratch for newNormText
	hashes []uint64     // scratch for check
	rows   [2][]int     // scratch for editDistance
}

const (
	seenPara uint8 = 1 << iota
	seenSentence
)

// nearKey is the key of near: a length and a hash of numbers (see
// numsHash). Texts that differ in numbers may share a key; nearSame tells
// them apart.
func nearKey(n int, numsHash uint32) uint64 { return uint64(n)<<32 | uint64(numsHash) }

// numsHash is the hash of numbers in nearKey.
func numsHash(nums []byte) uint32 {
	h := uint32(2166136261) // FNV-1a
	for _, c := range nums {
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}

// normText is a prose paragraph's normalised text, its length in runes
// and its numbers, sorted and joined by spaces, as places in the buffers
// of repeats.
type normText struct {
	text     [2]int // in repeats.all
	n        int
	nums     [2]int // in repeats.nums
	ascii    bool   // the text is ASCII: its bytes are its runes
	hasRunes bool
	runes    [2]int // in repeats.runes, once hasRunes
	prev     int32  // in repeats.texts, plus one: the one kept before with the same key in near
	hist     int32  // in repeats.hists, plus one, once counted
}

// newNormText makes the normText of the normalised text at text in r.all,
// of n runes, whose words that start with a digit are at numAt (in r.all);
// ascii says it is ASCII.
func (r *repeats) newNormText(text [2]int, n int, numAt []int, ascii bool) normText {
	t := normText{text: text, n: n, ascii: ascii}
	from := len(r.nums)
	if len(numAt) > 0 {
		all, words := r.all, r.words[:0]
		for _, at := range numAt {
			end := text[1]
			if i := bytes.IndexByte(all[at:end], ' '); i >= 0 {
				end = at + i
			}
			words = append(words, [2]int{at, end})
		}
		slices.SortFunc(words, func(a, b [2]int) int { return bytes.Compare(all[a[0]:a[1]], all[b[0]:b[1]]) })
		for i, w := range words {
			if i > 0 {
				r.nums = append(r.nums, ' ')
			}
			r.nums = append(r.nums, all[w[0]:w[1]]...)
		}
		r.words = words
	}
	t.nums = [2]int{from, len(r.nums)}
	return t
}

func (r *repeats) numbers(t *normText) []byte { return r.nums[t.nums[0]:t.nums[1]] }

// appendDigitWords appends to numAt where the words of norm, a normalised
// text at base in all, that start with a digit are.
func appendDigitWords(numAt []int, norm string, base int) []int {
	// A normalised text holds words joined by single spaces, so
	// splitting at spaces gives its fields.
	at := base
	for w := range strings.SplitSeq(norm, " ") {
		if c, _ := utf8.DecodeRuneInString(w); unicode.IsDigit(c) {
			numAt = append(numAt, at)
		}
		at += len(w) + 1
	}
	return numAt
}

// histogram returns t's counts of runes by their low five bits, in
// r.hists, plus one. Every edit changes such counts by at most two in
// all, so texts whose counts differ by more than twice the edits allowed
// need not be compared rune by rune: most pairs of the same length and
// numbers are told apart that way, without the dynamic programming.
func (r *repeats) histogram(t *normText) int32 {
	if t.hist == 0 {
		var h [32]uint32
		text := r.all[t.text[0]:t.text[1]]
		if t.ascii {
			for _, c := range text {
				h[c&31]++
			}
		} else {
			for i := 0; i < len(text); {
				c, size := utf8.DecodeRune(text[i:])
				h[c&31]++
				i += size
			}
		}
		r.hists = append(r.hists, h)
		t.hist = int32(len(r.hists))
	}
	return t.hist
}

// asRunes makes t's text as runes in r.runes, once.
func (r *repeats) asRunes(t *normText) {
	if !t.hasRunes {
		from, text := len(r.runes), r.all[t.text[0]:t.text[1]]
		for i := 0; i < len(text); {
			c, size := utf8.DecodeRune(text[i:])
			r.runes = append(r.runes, c)
			i += size
		}
		t.runes, t.hasRunes = [2]int{from, len(r.runes)}, true
	}
}

// newRepeats makes a repeats to check n paragraphs.
func newRepeats(n int) *repeats {
	r := &repeats{}
	r.reset(n)
	return r
}

// clearTexts empties what appendNormalized fills.
func (r *repeats) clearTexts() {
	r.all, r.spans, r.numAt = r.all[:0], r.spans[:0], r.numAt[:0]
}

// reset makes r ready to check n paragraphs, normalised by appendNormalized
// beforehand (the tables are sized for them and their sentences).
func (r *repeats) reset(n int) {
	r.seen.reset(n + len(r.spans))
	r.near.reset(n)
	r.texts, r.nums, r.hists, r.runes = slices.Grow(r.texts[:0], n), r.nums[:0], r.hists[:0], r.runes[:0]
}

// normPara is where a paragraph's normalised text, sentences and digit
// words are in what appendNormalized made.
type normPara struct {
	whole, sents, numAt [2]int // in all, spans and numAt
}

// hash is the hash of seen of the text at sp in all.
func (r *repeats) hash(sp [2]int) uint64 { return maphash.Bytes(seenSeed, r.all[sp[0]:sp[1]]) }

// check reports whether a paragraph, l as the rules see it and np its
// normalised forms, repeats what was kept before, and otherwise
// remembers it. A paragraph repeats when it is the same after
// normalisation, when every one of its several sentences was already
// seen (a repeated block whose paragraphs were joined or split
// differently), or when it is a few characters from a kept paragraph (a
// typo, a broken word) with the same numbers.
func (r *repeats) check(l *line, np normPara) bool {
	whole, sents := np.whole, r.spans[np.sents[0]:np.sents[1]]
	empty := whole[0] == whole[1]
	isProse := prose(l.key, l.words, l.digits)
	hashes := r.hashes[:0]
	for _, sp := range sents {
		hashes = append(hashes, r.hash(sp))
	}
	r.hashes = hashes
	var h uint64
	switch {
	case empty:
	case len(sents) == 1 && sents[0] == whole:
		h = hashes[0]
	default:
		h = r.hash(whole)
	}
	var t normText
	if isProse {
		runes := whole[1] - whole[0] // an ASCII line normalises to ASCII
		if !l.ascii {
			runes = utf8.RuneCount(r.all[whole[0]:whole[1]])
		}
		if !empty {
			if r.seen.slot(r.all, whole, h).flags&seenPara != 0 {
				return true
			}
			// Only a paragraph of several sentences: one sentence printed
			// again on its own is a pull quote, which annotators count as
			// article text.
			if len(sents) > 1 && r.allSeen(sents, hashes) {
				return true
			}
		}
		t = r.newNormText(whole, runes, r.numAt[np.numAt[0]:np.numAt[1]], l.ascii)
		if !empty && r.nearCopy(&t) {
			return true
		}
	}
	// The empty text is never looked up.
	if !empty {
		r.seen.slot(r.all, whole, h).flags |= seenPara
	}
	for i, sp := range sents {
		r.seen.slot(r.all, sp, hashes[i]).flags |= seenSentence
	}
	if isProse {
		k := nearKey(t.n, numsHash(r.numbers(&t)))
		t.prev = r.near.get(k)
		r.texts = append(r.texts, t)
		r.near.put(k, int32(len(r.texts)))
	}
	return false
}

// allSeen reports whether every one of sents, whose hashes are given, was
// seen as a sentence.
func (r *repeats) allSeen(sents [][2]int, hashes []uint64) bool {
	for i, sp := range sents {
		if r.seen.slot(r.all, sp, hashes[i]).flags&seenSentence == 0 {
			return false
		}
	}
	return true
}

// seenSeed seeds the hashes of seen. Which slot a text takes does not
// change what is found: texts are compared when their hashes match.
var seenSeed = maphash.MakeSeed()

// seenSet maps texts in repeats.all to flags: a hash table with open
// addressing whose keys are places in all, so that it holds no strings
// and its slots serve document after document. It holds no empty text.
type seenSet struct {
	slots []seenSlot
	mask  uint64
}

type seenSlot struct {
	hash     uint64
	from, to int32 // the text in all; to is 0 in a free slot
	flags    uint8
}

// reset empties s to hold up to n texts, at most half full.
func (s *seenSet) reset(n int) {
	s.slots = resetSlots(s.slots, n)
	s.mask = uint64(len(s.slots) - 1)
}

// resetSlots returns the slots of an open-addressing table emptied to
// hold up to n entries, at most half full: a power of two of them, made
// anew only when slots is too small.
func resetSlots[T any](slots []T, n int) []T {
	size := 8
	for size < 2*n {
		size *= 2
	}
	if cap(slots) < size {
		return make([]T, size)
	}
	slots = slots[:size]
	clear(slots)
	return slots
}

// slot returns the slot of the text at sp in all, not empty, whose hash
// is h; a new text takes a free slot, with no flags.
func (s *seenSet) slot(all []byte, sp [2]int, h uint64) *seenSlot {
	key := all[sp[0]:sp[1]]
	for i := h & s.mask; ; i = (i + 1) & s.mask {
		e := &s.slots[i]
		if e.to == 0 {
			e.hash, e.from, e.to = h, int32(sp[0]), int32(sp[1])
			return e
		}
		if e.hash == h && bytes.Equal(all[e.from:e.to], key) {
			return e
		}
	}
}

// nearTable maps the keys of near to positions in repeats.texts, plus
// one: a hash table with open addressing, kept like seenSet.
type nearTable struct {
	slots []nearSlot
	shift uint
}

type nearSlot struct {
	key uint64
	at  int32 // 0 in a free slot
}

// reset empties t to hold up to n keys, at most half full.
func (t *nearTable) reset(n int) {
	t.slots = resetSlots(t.slots, n)
	t.shift = uint(64 - bits.TrailingZeros(uint(len(t.slots))))
}

// find returns the slot of key, or the free one it would take.
func (t *nearTable) find(key uint64) *nearSlot {
	mask := uint64(len(t.slots) - 1)
	for i := (key * 0x9e3779b97f4a7c15) >> t.shift; ; i = (i + 1) & mask {
		if e := &t.slots[i]; e.at == 0 || e.key == key {
			return e
		}
	}
}

func (t *nearTable) get(key uint64) int32 { return t.find(key).at }

func (t *nearTable) put(key uint64, at int32) {
	e := t.find(key)
	e.key, e.at = key, at
}

// normalize returns textproc.Normalize(key) and the normalised sentences
// of key that are not empty, for key the folded form of text, as
// appendNormalized makes them, and leaves in numAt where the digit words
// are; the first is left at the start of all.
func (r *repeats) normalize(text string, l *line) (string, []string) {
	r.clearTexts()
	np := r.appendNormalized(text, l)
	var sents []string
	for _, sp := range r.spans[np.sents[0]:np.sents[1]] {
		sents = append(sents, string(r.all[sp[0]:sp[1]]))
	}
	return string(r.all[np.whole[0]:np.whole[1]]), sents
}

// appendNormalized appends to all textproc.Normalize(key) and the
// normalised sentences of key that are not empty, for key the folded form
// of text, and to numAt where the words of the first that start with a
// digit are.
//
// Normalize folds its argument again, and the sentences one by one, which
// on a paragraph Clean has already folded changes nothing but costs most
// of the time repetition takes. Folding is skipped where it is seen to
// change nothing. Then, since sentences are parted by white space, which
// Normalize turns into the single space it puts between words anyway, the
// normalised paragraph is its normalised sentences joined by spaces: it is
// built once and the sentences are parts of it.
func (r *repeats) appendNormalized(text string, l *line) normPara {
	key := l.key
	var one [1]string
	sents := sentences(key, &one)
	np := normPara{sents: [2]int{len(r.spans), 0}, numAt: [2]int{len(r.numAt), 0}}
	base := len(r.all)
	if !l.ascii && !foldsToItself(text, key, sents) {
		whole := textproc.Normalize(key)
		r.all = append(r.all, whole...)
		np.whole = [2]int{base, len(r.all)}
		for _, sent := range sents {
			if n := textproc.Normalize(sent); n != "" {
				at := len(r.all)
				r.all = append(r.all, n...)
				r.spans = append(r.spans, [2]int{at, len(r.all)})
			}
		}
		r.numAt = appendDigitWords(r.numAt, whole, base)
		np.sents[1], np.numAt[1] = len(r.spans), len(r.numAt)
		return np
	}
	all, spans, numAt := r.all, r.spans, r.numAt
	for _, sent := range sents {
		mark := len(all)
		if mark > base {
			all = append(all, ' ')
		}
		from := len(all)
		if l.ascii {
			all, numAt = appendNormalASCII(all, numAt, sent)
		} else {
			all, numAt = appendNormal(all, numAt, sent)
		}
		if len(all) == from {
			all = all[:mark]
			continue
		}
		spans = append(spans, [2]int{from, len(all)})
	}
	r.all, r.spans, r.numAt = all, spans, numAt
	np.whole = [2]int{base, len(all)}
	np.sents[1], np.numAt[1] = len(spans), len(numAt)
	return np
}

// sentences is textproc.Sentences(key), in one (no array made) when key
// is one sentence, as it is when no space follows its first '.', '!' or
// '?': a sentence ends only at one of those followed by a space.
func sentences(key string, one *[1]string) []string {
	t := strings.TrimSpace(key)
	if t == "" {
		return nil
	}
	if k := textproc.IndexTerminator(t); k >= 0 && mayHoldSpace(t[k:]) {
		return textproc.Sentences(key)
	}
	one[0] = t
	return one[:]
}

// mayHoldSpace reports whether s holds an ASCII space or a byte past
// ASCII, which may be part of another one of unicode.IsSpace.
func mayHoldSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\v', '\f', '\r':
			return true
		}
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// foldsToItself reports whether textproc.Fold leaves key, the folded form
// of text, and each of its sentences as they are. Fold is NFKC followed by
// replacing some characters; a key folded from valid UTF-8 holds none of
// those (the replacements are ASCII or nothing), so what is left to check
// is that key and its sentences are in NFKC: plainly so when all its
// runes are stable, else by asking norm of each.
func foldsToItself(text, key string, sents []string) bool {
	if !utf8.ValidString(text) {
		return false
	}
	if allStable(key) {
		return true
	}
	if !norm.NFKC.IsNormalString(key) {
		return false
	}
	for _, s := range sents {
		// A text of one sentence is its own sentence; ASCII is in NFKC.
		if s != key && !isASCII(s) && !norm.NFKC.IsNormalString(s) {
			return false
		}
	}
	return true
}

// nearCopy reports whether a kept prose paragraph is a few edits from t.
func (r *repeats) nearCopy(t *normText) bool {
	// A longer kept paragraph allows a few more edits than t does.
	limit := editLimit(t.n*101/100 + 2)
	h := numsHash(r.numbers(t))
	for n := t.n - limit; n <= t.n+limit; n++ {
		for i := r.near.get(nearKey(n, h)); i > 0; i = r.texts[i-1].prev {
			if r.nearSame(t, &r.texts[i-1]) {
				return true
			}
		}
	}
	return false
}

// editLimit is how many character edits still make a copy of a normalised
// paragraph of n characters: one, and one more per hundred characters,
// enough for a typo or a broken word ("the wa r"), not for a reworded
// phrase ("with most reporting" for "as most reported").
func editLimit(n int) int { return 1 + n/100 }

// nearSame reports whether two normalised texts are a few edits apart and
// carry the same numbers: a typo, not a changed fact.
func (r *repeats) nearSame(a, b *normText) bool {
	limit := editLimit(max(a.n, b.n))
	if d := a.n - b.n; d > limit || -d > limit {
		return false
	}
	if !bytes.Equal(r.numbers(a), r.numbers(b)) {
		return false
	}
	ia, ib := r.histogram(a), r.histogram(b)
	ha, hb, diff := &r.hists[ia-1], &r.hists[ib-1], 0
	for i := range ha {
		diff += max(int(ha[i])-int(hb[i]), int(hb[i])-int(ha[i]))
	}
	if diff > 2*limit {
		return false
	}
	if a.ascii && b.ascii {
		return editDistance(r.all[a.text[0]:a.text[1]], r.all[b.text[0]:b.text[1]], limit, &r.rows) <= limit
	}
	r.asRunes(a)
	r.asRunes(b)
	return editDistance(r.runes[a.runes[0]:a.runes[1]], r.runes[b.runes[0]:b.runes[1]], limit, &r.rows) <= limit
}

// editDistance is the Levenshtein distance of a and b, computed only
// within a band of width limit around the diagonal; anything beyond limit
// is reported as limit+1. rows is scratch space kept between calls.
//
// Only the cells of the band are computed and reset, so a call costs
// len(a) times the band, not len(a) times len(b), and one that fails
// early costs little: a text of many paragraphs of the same length and
// numbers compares each with every other.
func editDistance[T comparable](a, b []T, limit int, rows *[2][]int) int {
	inf := limit + 1
	if d := len(a) - len(b); d > limit || -d > limit {
		return inf // the distance is at least the difference in length
	}
	for k := range rows {
		if cap(rows[k]) < len(b)+1 {
			rows[k] = make([]int, len(b)+1)
		}
	}
	prev, cur := rows[0][:len(b)+1], rows[1][:len(b)+1]
	// Row 0, as far as row 1 reads it.
	for j := 0; j <= min(len(b), limit+1); j++ {
		prev[j] = min(j, inf)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-limit), min(len(b), i+limit)
		// The cell left of the band; cur[0] when the band starts at 1.
		edge := inf
		if lo == 1 && i <= limit {
			edge = i
		}
		cur[lo-1] = edge
		best := inf
		if i <= limit {
			best = i
		}
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j-1]+cost, prev[j]+1, cur[j-1]+1, inf)
			cur[j] = v
			best = min(best, v)
		}
		// The cell right of the band, which the next row reads as above
		// its own band's last cell.
		if hi+1 <= len(b) {
			cur[hi+1] = inf
		}
		if best >= inf {
			return inf
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], inf)
}
