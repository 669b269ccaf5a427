package clean

import (
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
// of one of them.
type repeats struct {
	seen map[string]uint8 // normalised paragraphs (seenPara) and sentences (seenSentence)
	// Kept prose paragraphs, found by length in runes and numbers: a near
	// copy has the same numbers, so only those are compared, which keeps
	// a text of many similar paragraphs from being compared pairwise.
	// near holds the position in texts, plus one, of the last one kept
	// with a length and numbers, and each links to the one before it.
	near  map[uint64]int32 // by nearKey
	texts []normText

	// What appendNormalized makes: the normalised paragraphs and sentences,
	// and where the words that start with a digit are in them.
	all   strings.Builder // the normalised texts, one after the other
	spans [][2]int        // sentences, in all
	numAt []int           // each paragraph's, from its start in all
	buf   []byte          // scratch for appendNormalized
	rows  [2][]int        // scratch for editDistance
}

const (
	seenPara uint8 = 1 << iota
	seenSentence
)

// nearKey is the key of near: a length and a hash of numbers. Texts that
// differ in numbers may share a key; nearSame tells them apart.
func nearKey(n int, nums string) uint64 {
	h := uint32(2166136261) // FNV-1a
	for i := 0; i < len(nums); i++ {
		h = (h ^ uint32(nums[i])) * 16777619
	}
	return uint64(n)<<32 | uint64(h)
}

// normText is a prose paragraph's normalised text, its length in runes
// and its numbers, sorted and joined by spaces.
type normText struct {
	text  string
	n     int
	nums  string
	runes []rune      // text as runes, made when it is first compared
	prev  int32       // in repeats.texts, plus one: the one kept before with the same key in near
	hist  *[32]uint32 // runes counted by their low five bits, made when it is first compared
}

// newNormText makes the normText of norm, a normalised text whose words
// that start with a digit are at numAt.
func newNormText(norm string, numAt []int) normText {
	return newNormTextLen(norm, utf8.RuneCountInString(norm), numAt)
}

// newNormTextLen is newNormText for a norm of n runes.
func newNormTextLen(norm string, n int, numAt []int) normText {
	t := normText{text: norm, n: n}
	if len(numAt) > 0 {
		nums := make([]string, len(numAt))
		for i, at := range numAt {
			w := norm[at:]
			if end := strings.IndexByte(w, ' '); end >= 0 {
				w = w[:end]
			}
			nums[i] = w
		}
		slices.Sort(nums)
		t.nums = strings.Join(nums, " ")
	}
	return t
}

// appendDigitWords appends to numAt where the words of norm, a normalised
// text, that start with a digit are.
func appendDigitWords(numAt []int, norm string) []int {
	// A normalised text holds words joined by single spaces, so
	// splitting at spaces gives its fields.
	at := 0
	for w := range strings.SplitSeq(norm, " ") {
		if c, _ := utf8.DecodeRuneInString(w); unicode.IsDigit(c) {
			numAt = append(numAt, at)
		}
		at += len(w) + 1
	}
	return numAt
}

// histogram returns t.hist. Every edit changes such counts by at most
// two in all, so texts whose counts differ by more than twice the edits
// allowed need not be compared rune by rune: most pairs of the same
// length and numbers are told apart that way, without the allocation and
// the dynamic programming.
func (t *normText) histogram() *[32]uint32 {
	if t.hist == nil {
		t.hist = new([32]uint32)
		for _, r := range t.text {
			t.hist[r&31]++
		}
	}
	return t.hist
}

func (t *normText) asRunes() []rune {
	if t.runes == nil {
		t.runes = []rune(t.text)
	}
	return t.runes
}

// newRepeats makes a repeats to check n paragraphs.
func newRepeats(n int) *repeats {
	r := &repeats{}
	r.reset(n)
	return r
}

// reset makes r ready to check n paragraphs, normalised by appendNormalized
// beforehand (the maps are sized for them and their sentences).
func (r *repeats) reset(n int) {
	r.seen = make(map[string]uint8, n+len(r.spans))
	r.near = map[uint64]int32{}
	r.texts = make([]normText, 0, n)
}

// normPara is where a paragraph's normalised text, sentences and digit
// words are in what appendNormalized made.
type normPara struct {
	whole, sents, numAt [2]int // in all, spans and numAt
}

// normalized is a paragraph normalised.
type normalized struct {
	whole string
	sents []string
	numAt []int
}

// check reports whether a paragraph, l as the rules see it and n its
// normalised forms, repeats what was kept before, and otherwise
// remembers it. A paragraph repeats when it is the same after
// normalisation, when every one of its several sentences was already
// seen (a repeated block whose paragraphs were joined or split
// differently), or when it is a few characters from a kept paragraph (a
// typo, a broken word) with the same numbers.
func (r *repeats) check(l *line, n normalized) bool {
	norm, sents := n.whole, n.sents
	isProse := prose(l.key, l.words, l.digits)
	var t normText
	runes := len(norm) // an ASCII line normalises to ASCII
	if isProse && !l.ascii {
		runes = utf8.RuneCountInString(norm)
	}
	if isProse && norm != "" {
		if r.seen[norm]&seenPara != 0 {
			return true
		}
		// Only a paragraph of several sentences: one sentence printed
		// again on its own is a pull quote, which annotators count as
		// article text.
		if len(sents) > 1 && !slices.ContainsFunc(sents, func(n string) bool { return r.seen[n]&seenSentence == 0 }) {
			return true
		}
		t = newNormTextLen(norm, runes, n.numAt)
		if r.nearCopy(&t) {
			return true
		}
	} else if isProse {
		t = newNormTextLen(norm, runes, n.numAt)
	}
	r.seen[norm] |= seenPara
	for _, n := range sents {
		r.seen[n] |= seenSentence
	}
	if isProse {
		k := nearKey(t.n, t.nums)
		t.prev = r.near[k]
		r.texts = append(r.texts, t)
		r.near[k] = int32(len(r.texts))
	}
	return false
}

// normalize returns textproc.Normalize(key) and the normalised sentences
// of key that are not empty, for key the folded form of text, as
// appendNormalized makes them, and leaves in numAt where the digit words
// are.
func (r *repeats) normalize(text string, l *line) (string, []string) {
	r.all.Reset()
	r.spans, r.numAt = r.spans[:0], r.numAt[:0]
	np := r.appendNormalized(text, l)
	n, _ := np.strings(r.all.String(), r.spans, nil, r.numAt)
	return n.whole, n.sents
}

// strings returns the normalised forms of np, given all as
// appendNormalized made it and the spans of the sentences in it. The
// sentences are appended to sents, returned for use again.
func (np normPara) strings(all string, spans [][2]int, sents []string, numAt []int) (normalized, []string) {
	for _, sp := range spans[np.sents[0]:np.sents[1]] {
		sents = append(sents, all[sp[0]:sp[1]])
	}
	return normalized{all[np.whole[0]:np.whole[1]], sents, numAt[np.numAt[0]:np.numAt[1]]}, sents
}

// appendNormalized appends to all textproc.Normalize(key) and the
// normalised sentences of key that are not empty, for key the folded form
// of text, and to numAt where the words of the first that start with a
// digit are, from its start.
//
// Normalize folds its argument again, and the sentences one by one, which
// on a paragraph Clean has already folded changes nothing but costs most
// of the time repetition takes. Folding is skipped where it is seen to
// change nothing. Then, since sentences are parted by white space, which
// Normalize turns into the single space it puts between words anyway, the
// normalised paragraph is its normalised sentences joined by spaces: it is
// built once and the sentences are slices of it.
func (r *repeats) appendNormalized(text string, l *line) normPara {
	key := l.key
	sents := textproc.Sentences(key)
	np := normPara{sents: [2]int{len(r.spans), 0}, numAt: [2]int{len(r.numAt), 0}}
	base := r.all.Len()
	if !l.ascii && !foldsToItself(text, key, sents) {
		whole := textproc.Normalize(key)
		r.all.WriteString(whole)
		np.whole = [2]int{base, r.all.Len()}
		for _, sent := range sents {
			if n := textproc.Normalize(sent); n != "" {
				at := r.all.Len()
				r.all.WriteString(n)
				r.spans = append(r.spans, [2]int{at, r.all.Len()})
			}
		}
		r.numAt = appendDigitWords(r.numAt, whole)
		np.sents[1], np.numAt[1] = len(r.spans), len(r.numAt)
		return np
	}
	buf, spans, numAt := r.buf[:0], r.spans, r.numAt
	for _, sent := range sents {
		mark := len(buf)
		if mark > 0 {
			buf = append(buf, ' ')
		}
		from := len(buf)
		if l.ascii {
			buf, numAt = appendNormalASCII(buf, numAt, sent)
		} else {
			buf, numAt = appendNormal(buf, numAt, sent)
		}
		if len(buf) == from {
			buf = buf[:mark]
			continue
		}
		spans = append(spans, [2]int{base + from, base + len(buf)})
	}
	r.all.Write(buf)
	r.buf, r.spans, r.numAt = buf, spans, numAt
	np.whole = [2]int{base, r.all.Len()}
	np.sents[1], np.numAt[1] = len(spans), len(numAt)
	return np
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
	for n := t.n - limit; n <= t.n+limit; n++ {
		for i := r.near[nearKey(n, t.nums)]; i > 0; i = r.texts[i-1].prev {
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
	if a.nums != b.nums {
		return false
	}
	ha, hb, diff := a.histogram(), b.histogram(), 0
	for i := range ha {
		diff += max(int(ha[i])-int(hb[i]), int(hb[i])-int(ha[i]))
	}
	if diff > 2*limit {
		return false
	}
	return editDistance(a.asRunes(), b.asRunes(), limit, &r.rows) <= limit
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
