package corpusgen

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stemma-news/stemma/internal/textproc"
)

// The filler generator is a word bigram Markov chain trained on the
// material's sentences. Two things keep its output from being a collage of
// the material, which would plant relations nobody intended:
//
//   - capitalised names and numbers are classes, not words: each use draws
//     a fresh syllable-built name or a random number of the same shape, so
//     two filler articles share no names and no figures;
//   - a continuation that would repeat a 5-word run of the material is
//     redrawn, so no sentence of the material comes out verbatim (a rare
//     word with a single successor would otherwise replay its sentence).

type tokKind uint8

const (
	plainTok  tokKind = iota
	nameTok           // a capitalised name: replaced with a fresh one
	numberTok         // a number: replaced with a random one of the same shape
)

// vtok is one entry of the chain's vocabulary.
type vtok struct {
	text        string // plain: the word as written; number: its digit shape
	lead, trail string // names and numbers: the punctuation around them
	kind        tokKind
	stop        bool // a stopword: sentences are not cut after one
}

// endTok is state 0: the start of a sentence as a state, its end as a
// successor.
const endTok = 0

const (
	gramBits     = 21 // the material's 5-grams in a 256 KB bitset, which stays in cache; collisions only cost a redraw
	minSentence  = 6
	maxSentence  = 45
	sentenceSlop = 8 // words past the drawn length allowed while looking for a place to stop
)

type markov struct {
	toks []vtok
	// The hot loop reads plain words from here rather than from toks:
	// all their bytes in one block, word i at text[span[i]:span[i+1]]
	// (empty for names and numbers), so that writing text stays in cache.
	text   []byte
	span   []uint32
	off    []int32 // successors of state s are succ[off[s]:off[s+1]], repeated by frequency
	succ   []int32
	canEnd []bool          // state has the end among its successors
	lens   []uint8         // sentence lengths of the material, in words
	grams  []uint64        // bitset of the material's 5-grams of token ids
	lower  map[string]bool // words seen in lower case inside sentences
}

// keepCaps are capitalised words that are not names: kept as words so
// that filler says "on Tuesday" rather than "on Brindek".
var keepCaps = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`I I'm I've I'd I'll Monday Tuesday Wednesday Thursday Friday Saturday Sunday
		January February March April June July August September October November December`) {
		m[w] = true
	}
	return m
}()

// stripQuotes removes quotation marks and brackets: the chain cannot keep
// them balanced, so filler has none.
func stripQuotes(s string) string {
	if !strings.ContainsAny(s, "\"“”‘’«»()[]`'") {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '"', '“', '”', '‘', '’', '«', '»', '(', ')', '[', ']', '`', '\'':
			return -1
		}
		return r
	}, s)
}

func trainMarkov(sentences []string) *markov {
	m := &markov{lower: map[string]bool{}}
	// First pass: which words occur in lower case, to tell a sentence's
	// first word ("The", "Police") from a name ("Obama").
	for _, s := range sentences {
		for i, f := range strings.Fields(s) {
			if w := splitWord(f); i > 0 && w.core != "" && !isCap(w.core) && !hasDigit(w.core) {
				m.lower[strings.ToLower(w.core)] = true
			}
		}
	}

	ids := map[string]int32{"": endTok}
	m.toks = append(m.toks, vtok{})
	intern := func(t vtok) int32 {
		key := string(rune('0'+t.kind)) + t.text + "\x00" + t.lead + "\x00" + t.trail
		if id, ok := ids[key]; ok {
			return id
		}
		id := int32(len(m.toks))
		ids[key] = id
		m.toks = append(m.toks, t)
		return id
	}
	var next [][]int32 // successors by state, before flattening
	add := func(from, to int32) {
		for int(from) >= len(next) {
			next = append(next, nil)
		}
		next[from] = append(next[from], to)
	}
	m.grams = make([]uint64, 1<<gramBits/64)
	var seq []int32
	for _, s := range sentences {
		fields := strings.Fields(s)
		seq = seq[:0]
		for i, f := range fields {
			w := splitWord(f)
			w.lead, w.trail = stripQuotes(w.lead), stripQuotes(w.trail)
			if i == len(fields)-1 {
				w.trail = strings.TrimRight(w.trail, ".!?")
			}
			if w.core == "" {
				if p := w.lead + w.trail; p != "" {
					seq = append(seq, intern(vtok{text: p}))
				}
				continue
			}
			var t vtok
			switch lowerCore := strings.ToLower(w.core); {
			case hasDigit(w.core):
				// A stop after a number inside a sentence is a list
				// marker ("1. The…"): it would end filler sentences early.
				t = vtok{kind: numberTok, text: numberShape(w.core), lead: w.lead, trail: strings.ReplaceAll(w.trail, ".", "")}
			case isCap(w.core) && keepCaps[w.core]:
				t = vtok{text: w.String()}
			case isCap(w.core) && i == 0 && m.lower[lowerCore]:
				t = vtok{text: w.lead + lowerFirst(w.core) + w.trail, stop: textproc.IsStopword(lowerCore)}
			case isCap(w.core):
				// "Sen." and "U.S." are names too; their stop goes with them.
				t = vtok{kind: nameTok, lead: w.lead, trail: strings.ReplaceAll(w.trail, ".", "")}
			default:
				t = vtok{text: w.String(), stop: textproc.IsStopword(lowerCore)}
			}
			seq = append(seq, intern(t))
		}
		if len(seq) < 4 {
			continue
		}
		m.lens = append(m.lens, uint8(min(len(seq), 255)))
		prev := int32(endTok)
		for _, id := range seq {
			add(prev, id)
			prev = id
		}
		add(prev, endTok)
		for i := 0; i+5 <= len(seq); i++ {
			h := gramHash(seq[i], seq[i+1], seq[i+2], seq[i+3], seq[i+4])
			m.grams[h>>6] |= 1 << (h & 63)
		}
	}
	for len(next) < len(m.toks) {
		next = append(next, nil)
	}
	m.span = make([]uint32, len(m.toks)+1)
	for i, t := range m.toks {
		if t.kind == plainTok {
			m.text = append(m.text, t.text...)
		}
		m.span[i+1] = uint32(len(m.text))
	}
	m.off = make([]int32, len(m.toks)+1)
	m.canEnd = make([]bool, len(m.toks))
	for s, succ := range next {
		m.off[s+1] = m.off[s] + int32(len(succ))
		m.succ = append(m.succ, succ...)
		for _, t := range succ {
			if t == endTok {
				m.canEnd[s] = true
				break
			}
		}
	}
	return m
}

// numberShape is the form of a number with its digits blanked ("$1,250"
// gives "9,999"), or "YYYY" for a year, so that fresh numbers look like
// the ones they replace.
// An ordinal's suffix becomes "#", to be matched to the new number.
func numberShape(s string) string {
	if len(s) == 4 && (strings.HasPrefix(s, "19") || strings.HasPrefix(s, "20")) && !strings.ContainsFunc(s[2:], func(r rune) bool { return r < '0' || r > '9' }) {
		return "YYYY"
	}
	shape := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '9'
		}
		return r
	}, s)
	for _, suf := range []string{"9st", "9nd", "9rd", "9th"} {
		if strings.HasSuffix(shape, suf) {
			return shape[:len(shape)-2] + "#"
		}
	}
	return shape
}

func gramHash(a, b, c, d, e int32) uint64 {
	const k = 0x9E3779B97F4A7C15
	h := uint64(uint32(a))
	h = h*k + uint64(uint32(b))
	h = h*k + uint64(uint32(c))
	h = h*k + uint64(uint32(d))
	h = h*k + uint64(uint32(e))
	h ^= h >> 31
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 29
	return h >> (64 - gramBits)
}

func (m *markov) seen(last4 []int32, c int32) bool {
	h := gramHash(last4[0], last4[1], last4[2], last4[3], c)
	return m.grams[h>>6]&(1<<(h&63)) != 0
}

// gen writes filler with one random source. Its cast of names lives for
// one article, so that an article mentions its people more than once.
type gen struct {
	m        *markov
	r        *rand.Rand
	pcg      *rand.PCG // r's source, drawn from directly in the hot loop
	cast     []string
	lastName string
	ids      []int32
	buf      []byte
}

func newGen(m *markov, pcg *rand.PCG, r *rand.Rand) *gen { return &gen{m: m, r: r, pcg: pcg} }

// reset forgets the article's names, for the next article.
func (g *gen) reset() { g.cast, g.lastName = g.cast[:0], "" }

// intn draws from [0, n) by multiply-shift on the source: faster than
// rand.Rand.IntN, which goes through an interface and rejects to remove a
// bias of under 2^-32 that filler does not care about.
func (g *gen) intn(n int) int { return int((g.pcg.Uint64() >> 32) * uint64(n) >> 32) }

// sentenceIDs draws the token ids of one sentence of about target words.
func (g *gen) sentenceIDs(target int) []int32 {
	m := g.m
	ids := g.ids[:0]
	cur := int32(endTok)
	for {
		n := len(ids)
		if n >= target && m.canEnd[cur] || n >= target+sentenceSlop {
			break
		}
		c, ok := g.pick(cur, ids, n < target)
		if !ok {
			break
		}
		ids = append(ids, c)
		cur = c
	}
	// A cut sentence must not end on "the" or "of".
	for len(ids) > minSentence && m.toks[ids[len(ids)-1]].stop {
		ids = ids[:len(ids)-1]
	}
	g.ids = ids
	return ids
}

// pick draws the successor of cur, avoiding the end while the sentence is
// short and any word that would repeat a 5-word run of the material; when
// the chain offers nothing else it falls back on a word drawn from the
// whole vocabulary (by frequency), which breaks the run.
func (g *gen) pick(cur int32, ids []int32, avoidEnd bool) (int32, bool) {
	m := g.m
	succ := m.succ[m.off[cur]:m.off[cur+1]]
	check := len(ids) >= 4
	var last4 []int32
	if check {
		last4 = ids[len(ids)-4:]
	}
	for range min(len(succ), 6) {
		c := succ[g.intn(len(succ))]
		if c == endTok {
			if avoidEnd {
				continue
			}
			return 0, false
		}
		if check && m.seen(last4, c) {
			continue
		}
		return c, true
	}
	for range 6 {
		c := m.succ[g.intn(len(m.succ))]
		if c != endTok && (!check || !m.seen(last4, c)) {
			return c, true
		}
	}
	return 0, false
}

// sentence draws one sentence with a length drawn from the material's.
func (g *gen) sentence() string { return g.render(g.sentenceIDs(g.sentenceLength()), true) }

// sentenceLength draws the length of a sentence from the material's.
func (g *gen) sentenceLength() int {
	return min(max(int(g.m.lens[g.intn(len(g.m.lens))]), minSentence), maxSentence)
}

// render writes token ids as text with fresh names and numbers; a
// sentence gets a capital and a full stop.
func (g *gen) render(ids []int32, sentence bool) string {
	g.buf = g.appendText(g.buf[:0], ids, sentence)
	return string(g.buf)
}

// appendText is render appending to buf.
func (g *gen) appendText(buf []byte, ids []int32, sentence bool) []byte {
	start := len(buf)
	m := g.m
	for i, id := range ids {
		if i > 0 {
			buf = append(buf, ' ')
		}
		if a, b := m.span[id], m.span[id+1]; a < b {
			if i == 0 {
				buf = appendUpperFirst(buf, m.text[a:b])
			} else {
				buf = append(buf, m.text[a:b]...)
			}
			continue
		}
		switch t := &m.toks[id]; t.kind {
		case nameTok:
			// "Barack Obama" is two name tokens: they must not come out
			// as "Chobrond Chobrond".
			prev := ""
			if i > 0 && m.toks[ids[i-1]].kind == nameTok {
				prev = g.lastName
			}
			g.lastName = g.name(prev)
			buf = append(buf, t.lead...)
			buf = append(buf, g.lastName...)
			buf = append(buf, t.trail...)
		case numberTok:
			buf = append(buf, t.lead...)
			buf = g.number(buf, t.text)
			buf = append(buf, t.trail...)
		}
	}
	// A sentence cut short must not end on a comma or a dash.
	for len(buf) > start {
		if strings.IndexByte(",;:-& ", buf[len(buf)-1]) >= 0 {
			buf = buf[:len(buf)-1]
		} else if len(buf)-start >= 3 && (string(buf[len(buf)-3:]) == "—" || string(buf[len(buf)-3:]) == "–") {
			buf = buf[:len(buf)-3]
		} else {
			break
		}
	}
	if sentence && (len(buf) == start || buf[len(buf)-1] != '.') {
		buf = append(buf, '.')
	}
	return buf
}

// appendUpperFirst appends s with its first letter upper-cased.
func appendUpperFirst(buf []byte, s []byte) []byte {
	r, size := utf8.DecodeRune(s)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return append(buf, s...)
	}
	buf = utf8.AppendRune(buf, unicode.ToUpper(r))
	return append(buf, s[size:]...)
}

// name returns a name for this article, other than not: often one
// already used, so that people recur, else a fresh one.
func (g *gen) name(not string) string {
	if len(g.cast) > 0 && g.intn(100) < 55 {
		if n := g.cast[g.intn(len(g.cast))]; n != not {
			return n
		}
	}
	n := g.freshName()
	if len(g.cast) < 12 {
		g.cast = append(g.cast, n)
	}
	return n
}

var (
	nameOnsets = strings.Fields("b c d f g h j k l m n p r s t v w z br ch cl dr fr gr kr pl st tr sh th bl vr")
	nameVowels = strings.Fields("a e i o u a e o ai ea io ou ei")
	nameCodas  = append([]string{"", "", "", ""}, strings.Fields("n r l s m k nd rt st th ck ll sk")...)
)

// freshName builds a name of two or three syllables: there are about
// 10^7 two-syllable ones, so two articles rarely share one.
func (g *gen) freshName() string {
	var b [48]byte
	name := b[:0]
	n := 2
	if g.intn(10) < 3 {
		n = 3
	}
	for i := range n {
		name = append(name, nameOnsets[g.intn(len(nameOnsets))]...)
		name = append(name, nameVowels[g.intn(len(nameVowels))]...)
		if i == n-1 || g.intn(3) == 0 {
			name = append(name, nameCodas[g.intn(len(nameCodas))]...)
		}
	}
	name[0] -= 'a' - 'A'
	return string(name)
}

// number appends a random number of the given shape.
func (g *gen) number(buf []byte, shape string) []byte {
	if shape == "YYYY" {
		y := 1990 + g.r.IntN(36)
		return append(buf, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
	}
	run := 0
	for i := 0; i < len(shape); i++ {
		if shape[i] == '#' && i > 0 {
			buf = append(buf, ordinal(buf[len(buf)-1], i > 1 && buf[len(buf)-2] == '1')...)
			continue
		}
		if shape[i] != '9' {
			buf = append(buf, shape[i])
			run = 0
			continue
		}
		d := g.intn(10)
		if run == 0 && i+1 < len(shape) && shape[i+1] == '9' && d == 0 {
			d = 1 + g.intn(9) // no leading zero
		}
		buf = append(buf, byte('0'+d))
		run++
	}
	return buf
}

// ordinal is the suffix of a number ending in digit d ("1st", "12th").
func ordinal(d byte, teen bool) string {
	switch {
	case teen:
		return "th"
	case d == '1':
		return "st"
	case d == '2':
		return "nd"
	case d == '3':
		return "rd"
	}
	return "th"
}

// title draws a headline: a short run of the chain, without a stop.
func (g *gen) title() string {
	ids := g.sentenceIDs(5 + g.r.IntN(7))
	t := g.render(ids, false)
	if g.r.IntN(10) < 4 {
		t = titleCase(t)
	}
	return t
}

// paragraphSentences draws how many sentences a paragraph has: news
// paragraphs are short, one to four sentences.
func paragraphSentences(r *rand.Rand) int {
	switch x := r.IntN(100); {
	case x < 30:
		return 1
	case x < 65:
		return 2
	case x < 90:
		return 3
	default:
		return 4
	}
}

// paragraphCount draws how many paragraphs a filler article has: 4 to
// 20, most near 9.
func paragraphCount(r *rand.Rand) int { return 4 + min(r.IntN(17), r.IntN(17)) }

// article draws a filler article as sentences, for texts that copies
// will be made from.
func (g *gen) article() (string, [][]string) {
	g.cast = g.cast[:0]
	title := g.title()
	paras := make([][]string, paragraphCount(g.r))
	for i := range paras {
		paras[i] = make([]string, paragraphSentences(g.r))
		for j := range paras[i] {
			paras[i][j] = g.sentence()
		}
	}
	return title, paras
}

// flatArticle draws a filler article as paragraphs: most articles are
// filler that nothing is copied from, and building each paragraph in one
// piece is most of what makes a million articles quick.
func (g *gen) flatArticle() (string, []string) {
	g.cast = g.cast[:0]
	title := g.title()
	paras := make([]string, paragraphCount(g.r))
	for i := range paras {
		paras[i] = g.paragraphText()
	}
	return title, paras
}

// paragraphText draws one filler paragraph as one string.
func (g *gen) paragraphText() string {
	buf := g.buf[:0]
	for k := range paragraphSentences(g.r) {
		if k > 0 {
			buf = append(buf, ' ')
		}
		buf = g.appendText(buf, g.sentenceIDs(g.sentenceLength()), true)
	}
	g.buf = buf
	return string(buf)
}
