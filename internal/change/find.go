package change

import (
	"cmp"
	"hash/maphash"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unique"

	"github.com/stemma-news/stemma/internal/align"
	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/facts"
	"github.com/stemma-news/stemma/internal/textproc"
)

// Side is one document of a derived pair.
type Side struct {
	Text    *align.Text
	Credits []document.Credit
	// Profile is NewProfile(Text), when the caller keeps it for the
	// document's other pairs; nil to make it here.
	Profile *Profile
}

// Thresholds. The alignment links sentences that say the same thing; the
// looser match here pairs the sentences it left out that still speak of
// the same people or figures, because a sentence whose claim was changed
// is, by its change, less similar than a faithful paraphrase.
const (
	looseSimilarity = 0.2
	// An added or dropped sentence has most of its content (by weight)
	// nowhere in the other text.
	absentShare = 0.6
	// minContent keeps headings and datelines ("LONDON.") out of the
	// added and dropped sentences.
	minContent = 4
	// An added clause inside a linked sentence has at least this many
	// words, and at least minAddedContent content words absent from the
	// source.
	minAddedWords   = 6
	minAddedContent = 4
	addedShare      = 0.7
	// A quote kept in a copy with at least this share of its words in a
	// quote of the copy's sentence is altered, not made indirect.
	quoteKeptShare = 0.6
	// A sentence of the quote's speaker not matched to the quote's
	// sentence reports the quote when it has this share of its content.
	speakerShare = 0.25
)

// Find lists what copy changed against source. links are the links of
// the two texts' alignment with A the source and B the copy; see
// Alignment.Swap for a pair aligned the other way round.
func Find(source, copy Side, links []align.Link) *List {
	f := newFinder(source, copy, links)
	f.tk = tokenizers.Get().(*textproc.Tokenizer)
	defer tokenizers.Put(f.tk)
	f.names()
	f.institutions()
	for _, p := range f.pairs {
		if p.kind == align.Verbatim {
			continue // the same sentence: the same facts
		}
		f.pair(p)
	}
	f.quotes()
	f.credits()
	f.addedAndDropped()
	// By weight, heaviest first, then by sentence, then in the order
	// found: through small records, each change's weight looked up once,
	// rather than moving the changes.
	order := f.order[:0]
	for k := range f.out {
		c := &f.out[k]
		order = append(order, changeAt{-weight[c.Kind], max(c.Copy, c.Source), k})
	}
	slices.SortFunc(order, func(a, b changeAt) int {
		if a.w != b.w {
			return cmp.Compare(a.w, b.w)
		}
		if a.at != b.at {
			return cmp.Compare(a.at, b.at)
		}
		return cmp.Compare(a.k, b.k)
	})
	f.order = order
	// Interned copies: the list outlives the texts, whose sentences and
	// facts its strings would otherwise keep alive whole. A run holds the
	// lists of every copy, and the same sentence recurs: as a dropped
	// sentence's Old and SourceText, in several changes of one sentence,
	// and in the lists of each copy of one source. Interned, each is kept
	// once (a sentence once a document, through its profile), which at
	// 10^5 articles halves what the lists hold.
	// At its length: lists are many and long-lived. A list of no changes
	// holds nil, as the finder's array, lent from the last, may not.
	var out []Change
	if len(f.out) > 0 {
		out = make([]Change, len(f.out))
		for k, o := range order {
			out[k] = f.out[o.k]
		}
	}
	for k := range out {
		c := &out[k]
		// A change names its sentences, and an added or dropped
		// sentence, a claim or an indirect quote is one of them: each
		// is copied once a document.
		var src, cp string
		if c.Source >= 0 {
			src = f.ps.namedSentence(c.Source)
		}
		if c.Copy >= 0 {
			cp = f.pc.namedSentence(c.Copy)
		}
		sentence := func(s string) string {
			switch {
			case s == "":
				return ""
			case c.Source >= 0 && s == c.SourceText:
				return src
			case c.Copy >= 0 && s == c.CopyText:
				return cp
			}
			return intern(s)
		}
		c.Old, c.New, c.Who = sentence(c.Old), sentence(c.New), intern(c.Who)
		c.SourceText, c.CopyText = src, cp
	}
	for k, w := range f.kept {
		f.kept[k] = intern(w)
	}
	l := &List{Changes: out, QuotesKept: f.kept}
	for _, p := range f.pairs {
		if !p.loose && p.kind == align.Paraphrase && !f.changed[p.i] {
			l.Reworded++
		}
	}
	f.release()
	return l
}

// changeAt is where a change the finder found is listed: by w, then at,
// then k.
type changeAt struct {
	w  int // the weight of its kind, negated
	at int // the later of its sentences
	k  int // its index among the changes found
}

// pair is a sentence of the source matched with one of the copy.
type pair struct {
	i, j  int // source and copy sentence
	kind  align.Kind
	loose bool // matched here, not by the alignment
	alone bool // loose, and the source sentence is linked to nothing else
	// anchors counts the names, numbers and speakers a loose pair shares
	anchors int
}

// tokenizers lend Find and Profile a Tokenizer for the few words of
// quotes, speakers and diffs. A stem cache made for each pair would cost
// far more than it saves on the few hundred words a pair reads; one lent
// from pair to pair keeps the stems of the words news uses most.
var tokenizers = sync.Pool{New: func() any { return textproc.NewTokenizer(1 << 12) }}

type finder struct {
	tk              *textproc.Tokenizer // from tokenizers
	src, cp         Side
	ps, pc          *Profile
	fs, fc          *facts.Doc
	srcSent, cpSent []string
	pairs           []pair
	flags           []bool // the array of srcPaired, changed and cpPaired
	srcPaired       []bool
	cpPaired        []bool
	out             []Change
	// seen holds the keys of the changes reported, to report each
	// once: a pair has a few, and looking through them beats a map.
	seen    []changeKey
	changed []bool // source sentences with a change of fact
	kept    []string
	// speakers memoises speaker: a pair compares the same few speakers
	// many times.
	speakers map[string]speaker
	arena    arena // of the strings the finder makes and keeps
	differ   differ
	order    []changeAt // the order of out, for Find
}

// finders holds the finders of past calls of Find, for their arrays: what
// a finder makes lives only while it runs, as the list is a copy.
var finders = sync.Pool{New: func() any { return new(finder) }}

func newFinder(source, copy Side, links []align.Link) *finder {
	f := finders.Get().(*finder)
	f.src, f.cp, f.ps, f.pc = source, copy, source.Profile, copy.Profile
	if f.ps == nil {
		f.ps = NewProfile(source.Text)
	}
	if f.pc == nil {
		f.pc = NewProfile(copy.Text)
	}
	f.srcSent, f.cpSent = f.ps.sentences, f.pc.sentences
	f.fs, f.fc = f.ps.facts, f.pc.facts
	// One array for the three sets of sentences.
	f.flags = grow(f.flags, 2*len(f.srcSent)+len(f.cpSent))
	flags := f.flags
	f.srcPaired, f.changed, f.cpPaired = flags[:len(f.srcSent)], flags[len(f.srcSent):2*len(f.srcSent)], flags[2*len(f.srcSent):]
	f.pairs = slices.Grow(f.pairs[:0], len(links)+len(f.cpSent)/4)
	for _, l := range links {
		f.pairs = append(f.pairs, pair{i: l.A, j: l.B, kind: l.Kind})
		f.srcPaired[l.A], f.cpPaired[l.B] = true, true
	}
	f.loosen()
	return f
}

func lowerWords(ts []textproc.Token) string {
	n := len(ts)
	for k := range ts {
		n += len(ts[k].Lower)
	}
	var b strings.Builder
	b.Grow(n)
	for k, t := range ts {
		if k > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Lower)
	}
	return b.String()
}

// release returns f to finders, holding nothing of the pair.
func (f *finder) release() {
	clear(f.out)
	clear(f.seen)
	clear(f.speakers)
	f.differ.release()
	*f = finder{
		differ:   f.differ,
		flags:    f.flags,
		pairs:    f.pairs[:0],
		out:      f.out[:0],
		seen:     f.seen[:0],
		speakers: f.speakers,
		order:    f.order[:0],
	}
	finders.Put(f)
}

// grow returns s at length n, cleared, in its own array when it has room.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// loosen pairs each sentence the alignment left unlinked with the most
// similar sentence of the other text that names someone or something it
// names, when they are similar enough to be one statement.
func (f *finder) loosen() {
	// The anchors are read only for a sentence left unlinked: a close
	// copy has none. A sentence's signs tell most pairs of sentences
	// that share no anchor without comparing their anchors.
	var as, ac [][]string
	var gs, gc []uint64
	best := func(fromSrc bool, k int) (int, float64) {
		bi, bs := -1, looseSimilarity
		n := len(f.cpSent)
		if !fromSrc {
			n = len(f.srcSent)
		}
		for o := range n {
			i, j := k, o
			if !fromSrc {
				i, j = o, k
			}
			if gs[i]&gc[j] == 0 || common(as[i], ac[j]) == 0 {
				continue
			}
			if s := align.Similarity(f.src.Text, i, f.cp.Text, j); s > bs {
				bi, bs = o, s
			}
		}
		return bi, bs
	}
	var loose []pair
	for j := range f.cpSent {
		if f.cpPaired[j] {
			continue
		}
		if as == nil {
			as, gs = f.ps.sentenceAnchors()
			ac, gc = f.pc.sentenceAnchors()
		}
		if i, _ := best(false, j); i >= 0 {
			loose = append(loose, pair{i: i, j: j, kind: align.Paraphrase, loose: true})
		}
	}
	for _, p := range loose {
		// A pair of two sentences the alignment left out is one
		// statement told differently; a copy sentence matched to a
		// linked source sentence is the rest of a split.
		p.alone = !f.srcPaired[p.i]
		p.anchors = common(as[p.i], ac[p.j])
		f.pairs = append(f.pairs, p)
	}
	for _, p := range loose {
		f.srcPaired[p.i], f.cpPaired[p.j] = true, true
	}
}

// makeAnchors returns what each sentence names: the skeletons of its
// names' words, its numbers and its speakers; each sentence's sorted,
// each once. Each sentence's sign has a bit set for each of its anchors,
// by their hash: two sentences whose signs share no bit share no anchor.
func (p *Profile) makeAnchors() ([][]string, []uint64) {
	d := p.facts
	out := make([][]string, len(d.Sentences))
	signs := make([]uint64, len(d.Sentences))
	n := 0
	for _, s := range d.Sentences {
		n += 2*len(s.Names) + len(s.Numbers) + 4*len(s.Attributions)
	}
	all := make([]string, 0, n) // every sentence's, one after another
	var ar arena
	name := 0 // the index of the sentence's first name in nameOf
	for i, s := range d.Sentences {
		from := len(all)
		for _, n := range s.Names {
			// The skeletons of a name's words were made with the
			// names, the last word's being its Surname.
			if sk := n.Surname; len(sk) >= 2 {
				all = append(all, sk)
			}
			skel := p.names[p.nameOf[name]].skel
			name++
			for _, sk := range skel[:max(len(skel)-1, 0)] {
				if len(sk) >= 2 {
					all = append(all, sk)
				}
			}
		}
		for _, n := range s.Numbers {
			all = append(all, ar.concat("#", n.Text))
		}
		for _, a := range s.Attributions {
			for w := range strings.FieldsSeq(lower(a.Source)) {
				if sk := ar.skeleton(w); len(sk) >= 3 {
					all = append(all, sk)
				}
			}
		}
		slices.Sort(all[from:])
		all = append(all[:from], slices.Compact(all[from:])...)
		out[i] = all[from:len(all):len(all)]
		for _, a := range out[i] {
			signs[i] |= 1 << (maphash.String(setSeed, a) & 63)
		}
	}
	return out, signs
}

// lower is strings.ToLower(s) for a Skeleton to read: Skeleton lowers
// ASCII itself, and only other text needs lowering first.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}

// common counts the anchors two sentences share.
func common(a, b []string) int {
	n := 0
	for len(a) > 0 && len(b) > 0 {
		switch c := strings.Compare(a[0], b[0]); {
		case c == 0:
			n++
			a, b = a[1:], b[1:]
		case c < 0:
			a = a[1:]
		default:
			b = b[1:]
		}
	}
	return n
}

// add reports a change once: of one kind, from one old text to one new
// one, whatever their case.
func (f *finder) add(c Change) {
	key := changeKey{kind: c.Kind, old: c.Old, new: c.New}
	key.nul = strings.IndexByte(c.Old, 0) >= 0 || strings.IndexByte(c.New, 0) >= 0
	for _, k := range f.seen {
		if k.same(key) {
			return
		}
	}
	f.seen = append(f.seen, key)
	if c.Source >= 0 {
		c.SourceText = f.srcSent[c.Source]
	}
	if c.Copy >= 0 {
		c.CopyText = f.cpSent[c.Copy]
	}
	switch c.Kind {
	case Added, Dropped, QuoteDropped, Credit:
	default:
		if c.Source >= 0 {
			f.changed[c.Source] = true
		}
	}
	f.out = append(f.out, c)
}

// changeKey is what tells changes apart: their kind, and their old and
// new texts in lower case. The texts are kept as the change has them and
// compared a rune at a time: most are whole sentences, which lowering
// would copy for each change.
type changeKey struct {
	kind     Kind
	old, new string
	nul      bool // old or new holds a NUL
}

// same reports whether two keys are one: of one kind, with old and new
// texts that strings.ToLower makes equal. Texts with a NUL are told
// apart as they are lowered and joined with one.
func (k changeKey) same(o changeKey) bool {
	switch {
	case k.kind != o.kind || k.nul != o.nul:
		// A text joined with a NUL holds one, and is unlike any that
		// holds none.
		return false
	case k.nul:
		return strings.ToLower(k.old)+"\x00"+strings.ToLower(k.new) == strings.ToLower(o.old)+"\x00"+strings.ToLower(o.new)
	}
	return lowerEqual(k.old, o.old) && lowerEqual(k.new, o.new)
}

// lowerEqual reports whether strings.ToLower(a) == strings.ToLower(b),
// without making either: ToLower maps each rune through unicode.ToLower,
// a byte not of UTF-8 to U+FFFD, and two strings of UTF-8 are equal when
// their runes are.
func lowerEqual(a, b string) bool {
	for len(a) > 0 && len(b) > 0 {
		if ca, cb := a[0], b[0]; ca < utf8.RuneSelf && cb < utf8.RuneSelf {
			if ca != cb && lowerASCII(ca) != lowerASCII(cb) {
				return false
			}
			a, b = a[1:], b[1:]
			continue
		}
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb && unicode.ToLower(ra) != unicode.ToLower(rb) {
			return false
		}
		a, b = a[na:], b[nb:]
	}
	return len(a) == 0 && len(b) == 0
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// pair looks for changed titles, numbers, dates and attributions between
// two matched sentences, and for clauses the copy added to its sentence.
func (f *finder) pair(p pair) {
	ss, cs := &f.fs.Sentences[p.i], &f.fc.Sentences[p.j]
	f.titles(p, ss, cs)
	f.numbers(p, ss, cs)
	f.dates(p, ss, cs)
	if !p.loose {
		f.attributions(p, ss, cs)
		f.negation(p)
		if p.kind != align.Merged && p.kind != align.Verbatim {
			f.addedClauses(p)
		}
	} else if p.alone && !hasQuote(ss) && !hasQuote(cs) && p.anchors >= claimAnchors {
		f.claim(p)
	}
}

func hasQuote(s *facts.Sentence) bool { return len(s.Quotes) > 0 }

// intern returns the one copy of s that every list shares.
func intern(s string) string {
	if s == "" {
		return ""
	}
	return unique.Make(s).Value()
}
