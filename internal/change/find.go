package change

import (
	"cmp"
	"slices"
	"strings"
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
		c.Old, c.New, c.Who = intern(c.Old), intern(c.New), intern(c.Who)
		c.SourceText, c.CopyText = intern(c.SourceText), intern(c.CopyText)
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

type finder struct {
	// tk tokenises the few words of quotes, speakers and diffs. It is nil,
	// remembering no stems: a stem cache made for each pair allocates far
	// more than it saves on the few hundred words a pair reads.
	tk              *textproc.Tokenizer
	src, cp         Side
	ps, pc          *Profile
	fs, fc          *facts.Doc
	srcSent, cpSent []string
	pairs           []pair
	srcPaired       []bool
	cpPaired        []bool
	out             []Change
	seen            map[string]bool // changes reported, to report each once
	changed         map[int]bool    // source sentences with a change of fact
	kept            []string
	// speakers memoises speakerWords: a pair compares the same few
	// speakers many times.
	speakers map[string]map[string]bool
}

func newFinder(source, copy Side, links []align.Link) *finder {
	f := &finder{src: source, cp: copy, ps: source.Profile, pc: copy.Profile, seen: map[string]bool{}, changed: map[int]bool{}}
	if f.ps == nil {
		f.ps = NewProfile(source.Text)
	}
	if f.pc == nil {
		f.pc = NewProfile(copy.Text)
	}
	f.srcSent, f.cpSent = f.ps.sentences, f.pc.sentences
	f.fs, f.fc = f.ps.facts, f.pc.facts
	f.srcPaired = make([]bool, len(f.srcSent))
	f.cpPaired = make([]bool, len(f.cpSent))
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
	as, ac := f.ps.anchors, f.pc.anchors
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
// its numbers and its speakers.
func anchors(d *facts.Doc) []map[string]bool {
	out := make([]map[string]bool, len(d.Sentences))
	for i, s := range d.Sentences {
		m := map[string]bool{}
		for _, n := range s.Names {
			for _, w := range strings.Fields(n.Key) {
				if sk := facts.Skeleton(w); len(sk) >= 2 {
					m[sk] = true
				}
			}
		}
		for _, n := range s.Numbers {
			m["#"+n.Text] = true
		}
		for _, a := range s.Attributions {
			for _, w := range strings.Fields(strings.ToLower(a.Source)) {
				if sk := facts.Skeleton(w); len(sk) >= 3 {
					m[sk] = true
				}
			}
		}
		out[i] = m
	}
	return out
}

func common(a, b map[string]bool) int {
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return n
}

// add reports a change once.
func (f *finder) add(c Change) {
	key := string(c.Kind) + "\x00" + strings.ToLower(c.Old) + "\x00" + strings.ToLower(c.New)
	if f.seen[key] {
		return
	}
	f.seen[key] = true
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
