package change

import (
	"cmp"
	"slices"
	"strings"
	"sync"
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
	slices.SortStableFunc(f.out, func(a, b Change) int {
		if c := cmp.Compare(weight[b.Kind], weight[a.Kind]); c != 0 {
			return c
		}
		return cmp.Compare(max(a.Copy, a.Source), max(b.Copy, b.Source))
	})
	// Interned copies: the list outlives the texts, whose sentences and
	// facts its strings would otherwise keep alive whole. A run holds the
	// lists of every copy, and the same sentence recurs: as a dropped
	// sentence's Old and SourceText, in several changes of one sentence,
	// and in the lists of each copy of one source. Interned, each is kept
	// once, which at 10^5 articles halves what the lists hold.
	out := slices.Clone(f.out) // at its length: lists are many and long-lived
	for k := range out {
		c := &out[k]
		// A change names its sentences, and an added or dropped
		// sentence, a claim or an indirect quote is one of them: each
		// is interned once a document.
		var src, cp string
		if c.Source >= 0 {
			src = f.ps.internSentence(c.Source)
		}
		if c.Copy >= 0 {
			cp = f.pc.internSentence(c.Copy)
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
	return l
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
}

func newFinder(source, copy Side, links []align.Link) *finder {
	f := &finder{src: source, cp: copy, ps: source.Profile, pc: copy.Profile}
	if f.ps == nil {
		f.ps = NewProfile(source.Text)
	}
	if f.pc == nil {
		f.pc = NewProfile(copy.Text)
	}
	f.srcSent, f.cpSent = f.ps.sentences, f.pc.sentences
	f.fs, f.fc = f.ps.facts, f.pc.facts
	// One array for the three sets of sentences.
	flags := make([]bool, 2*len(f.srcSent)+len(f.cpSent))
	f.srcPaired, f.changed, f.cpPaired = flags[:len(f.srcSent)], flags[len(f.srcSent):2*len(f.srcSent)], flags[2*len(f.srcSent):]
	f.pairs = make([]pair, 0, len(links)+len(f.cpSent)/4)
	for _, l := range links {
		f.pairs = append(f.pairs, pair{i: l.A, j: l.B, kind: l.Kind})
		f.srcPaired[l.A], f.cpPaired[l.B] = true, true
	}
	f.loosen()
	return f
}

func lowerWords(ts []textproc.Token) string {
	var b strings.Builder
	for k, t := range ts {
		if k > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Lower)
	}
	return b.String()
}

// loosen pairs each sentence the alignment left unlinked with the most
// similar sentence of the other text that names someone or something it
// names, when they are similar enough to be one statement.
func (f *finder) loosen() {
	as, ac := f.ps.sentenceAnchors(), f.pc.sentenceAnchors()
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
			if common(as[i], ac[j]) == 0 {
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

// anchors are what a sentence names: the skeletons of its names' words,
// its numbers and its speakers; each sentence's sorted, each once.
func anchors(d *facts.Doc) [][]string {
	out := make([][]string, len(d.Sentences))
	var all []string // every sentence's, one after another
	var ar arena
	for i, s := range d.Sentences {
		from := len(all)
		for _, n := range s.Names {
			// The last word's skeleton is the name's Surname: most
			// names are one word, and need none made.
			if sk := n.Surname; len(sk) >= 2 {
				all = append(all, sk)
			}
			if k := strings.LastIndexByte(n.Key, ' '); k >= 0 {
				for w := range strings.FieldsSeq(n.Key[:k]) {
					if sk := ar.skeleton(w); len(sk) >= 2 {
						all = append(all, sk)
					}
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
	}
	return out
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
	key := changeKey{c.Kind, strings.ToLower(c.Old), strings.ToLower(c.New)}
	if strings.IndexByte(key.old, 0) >= 0 || strings.IndexByte(key.new, 0) >= 0 {
		// Keys are told apart as the texts joined with NULs would be.
		key.old, key.new = key.old+"\x00"+key.new, ""
	}
	for _, k := range f.seen {
		if k == key {
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
// new texts in lower case.
type changeKey struct {
	kind     Kind
	old, new string
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
