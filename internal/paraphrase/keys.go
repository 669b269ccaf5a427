package paraphrase

import "strings"

// equivalents folds words that news paraphrase swaps freely onto one key.
// Kept small and general on purpose: each group is a set of verbs or
// nouns that wire rewrites substitute for one another regardless of topic.
// Keys are lower-case surface forms, so inflections are listed.
var equivalents = func() map[string]string {
	groups := [][]string{
		{"say", "says", "said", "saying", "state", "states", "stated", "stating", "tell", "tells", "told",
			"add", "adds", "added", "note", "notes", "noted", "remark", "remarked", "remarks",
			"declare", "declared", "explain", "explained", "comment", "commented", "according"},
		{"reject", "rejected", "rejects", "rejecting", "rejection", "rebuff", "rebuffed",
			"dismiss", "dismissed", "refuse", "refused", "deny", "denied", "denies"},
		{"buy", "buys", "bought", "buying", "purchase", "purchased", "acquire", "acquired", "acquisition"},
		{"rise", "rises", "rose", "risen", "rising", "increase", "increased", "increases", "climb", "climbed",
			"gain", "gained", "gains", "jump", "jumped"},
		{"fall", "falls", "fell", "fallen", "falling", "drop", "dropped", "drops", "decline", "declined",
			"declines", "decrease", "decreased", "slip", "slipped"},
		{"begin", "began", "begun", "begins", "start", "started", "starts", "launch", "launched"},
		{"end", "ended", "ends", "finish", "finished", "conclude", "concluded"},
		{"meet", "met", "meeting", "talk", "talks", "discussion", "discussions"},
		{"kill", "killed", "kills", "die", "died", "dead", "death", "deaths"},
		{"arrest", "arrested", "detain", "detained", "custody"},
		{"charge", "charged", "charges", "accuse", "accused", "allege", "alleged", "allegedly"},
		{"help", "helped", "helps", "aid", "assist", "assisted"},
		{"show", "shows", "showed", "shown", "indicate", "indicated", "reveal", "revealed"},
		{"big", "bigger", "biggest", "large", "larger", "largest"},
		{"firm", "company", "companies", "corporation"},
		{"stock", "stocks", "share", "shares"},
		{"u.s", "u.s.a", "usa", "america"},
		{"u.k", "uk", "britain", "british"},
		{"percent", "pct"},
	}
	m := make(map[string]string)
	for _, g := range groups {
		for _, w := range g {
			m[w] = g[0]
		}
	}
	return m
}()

// weak lists content words that the snowball stopword list keeps but that
// carry little of a news sentence's meaning: reporting and hedging verbs,
// time words, units. They still count, at a fraction of a content word.
var weak = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(`say percent also would could may might
		will can must shall one new year years last first time times day days week weeks
		month months today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday
		mr mrs ms dr million billion thousand hundred cent cents dollar dollars
		just still even many much well back now get got make made take took told
		including include includes early late later since ago around about there`) {
		m[w] = true
	}
	return m
}()

// numberWords turns small spelled-out numbers into digits so that "three"
// and "3" are the same number. "one" is left out: it is more often a
// pronoun than a count.
var numberWords = map[string]string{
	"two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
	"eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
	"twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100",
}

// canonicalNumber gives one spelling to numbers written differently:
// thousands separators are already gone; trailing zero decimals are dropped
// so that "2.50" and "2.5" agree.
func canonicalNumber(s string) string {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
	}
	return s
}

// lexEntry is what the tables above say of one word.
type lexEntry struct {
	number string // the digits of a spelled-out number
	equiv  string // the key of its group of equivalents
	weak   bool
}

// lexicon joins the tables into one, so that a token costs one lookup
// rather than one per table: preparing sentences is done for every
// sentence of a firehose.
var lexicon = func() map[string]lexEntry {
	m := make(map[string]lexEntry)
	for w, d := range numberWords {
		e := m[w]
		e.number = d
		m[w] = e
	}
	for w, g := range equivalents {
		e := m[w]
		e.equiv = g
		m[w] = e
	}
	for w := range weak {
		e := m[w]
		e.weak = true
		m[w] = e
	}
	return m
}()

// lexFilter is a one-hash Bloom filter of the lexicon's words, by their
// length and first, second and last bytes. Most words of a sentence are
// in no table, and the filter answers nine in ten of them without
// hashing the whole word and probing the map, where a filter by first
// byte and length alone let most through. It is never changed.
var lexFilter = func() (f [lexFilterBits / 64]uint64) {
	for w := range lexicon {
		if w == "" {
			continue
		}
		h := lexFilterHash(w)
		f[h/64] |= 1 << (h % 64)
	}
	return f
}()

const lexFilterBits = 4096

func lexFilterHash(w string) uint32 {
	n := len(w)
	x := uint32(w[0]) | uint32(w[min(1, n-1)])<<8 | uint32(w[n-1])<<16 | uint32(n)<<24
	return x * 0x9E3779B1 >> (32 - 12) // the top 12 bits: lexFilterBits
}

// lexWord is a word of the lexicon in the chains of lexHeads.
type lexWord struct {
	word string
	lexEntry
	next uint16 // the next word of the same lexFilterHash, plus one; 0 ends
}

// lexHeads and lexWords are the lexicon again, chained by lexFilterHash:
// a word the filter lets through is then found by the hash already made,
// where the map hashed the whole word again. Few words share a hash, so
// a chain is a word or two.
var lexHeads, lexWords = func() (heads [lexFilterBits]uint16, words []lexWord) {
	for w, e := range lexicon {
		if w == "" {
			continue
		}
		h := lexFilterHash(w)
		words = append(words, lexWord{w, e, heads[h]})
		heads[h] = uint16(len(words))
	}
	return heads, words
}()

// lookupLex returns what the lexicon says of a lower-case word, as a
// pointer that must not be written through: the entry is two strings and
// a flag, and returning it by value copied them for every token. It is
// too large to be inlined, so appendKeys, which looks up every token,
// writes the filter's test out and calls lexChain only for a word that
// passes it.
func lookupLex(w string) *lexEntry {
	if w == "" {
		return &noLex
	}
	h := lexFilterHash(w)
	if lexFilter[h/64]&(1<<(h%64)) == 0 {
		return &noLex
	}
	return lexChain(w, h)
}

// noLex is what the lexicon says of a word it does not hold.
var noLex lexEntry

// lexChain looks w, of lexFilterHash h, up in its chain.
func lexChain(w string, h uint32) *lexEntry {
	for i := lexHeads[h]; i != 0; {
		e := &lexWords[i-1]
		if e.word == w {
			return &e.lexEntry
		}
		i = e.next
	}
	return &noLex
}

// weakFilter is lexFilter of the weak words alone: a stem is looked up
// only to learn whether it is weak, and few stems could be.
var weakFilter = func() (f [lexFilterBits / 64]uint64) {
	for w, e := range lexicon {
		if w != "" && e.weak {
			h := lexFilterHash(w)
			f[h/64] |= 1 << (h % 64)
		}
	}
	return f
}()

// isWeak reports whether the lexicon calls a lower-case word weak.
func isWeak(w string) bool {
	if w == "" {
		return false
	}
	h := lexFilterHash(w)
	if weakFilter[h/64]&(1<<(h%64)) == 0 {
		return false
	}
	return lexChain(w, h).weak
}
