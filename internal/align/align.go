package align

import (
	"cmp"
	"slices"
	"sync"

	"github.com/stemma-news/stemma/internal/paraphrase"
	"github.com/stemma-news/stemma/internal/textproc"
)

// Thresholds of the two passes. A one-to-one link needs the similarity of
// a paraphrase; a merge or split link needs most of the shorter sentence's
// content inside the longer one, and enough content that the match is not
// a coincidence of two names.
const (
	linkThreshold          = 0.42
	containThreshold       = 0.72
	containMinWeight       = 6
	nearVerbatimSimilarity = 0.85

	// Below these, by a margin far above rounding, a ratio cannot reach
	// the thresholds above.
	linkFilter    = linkThreshold - 0.001
	containFilter = containThreshold - 0.001
)

// Link joins one sentence of A to one sentence of B.
type Link struct {
	A, B  int     // sentence indexes
	Score float64 // similarity of the two sentences, or containment for merge/split links
	Kind  Kind
}

// Kind says how a pair of linked sentences relate.
type Kind uint8

const (
	Verbatim   Kind = iota // the same after normalisation
	Near                   // nearly the same words
	Paraphrase             // the same content reworded
	Merged                 // part of a longer sentence on the other side (a merge or a split)
)

func (k Kind) String() string {
	return [...]string{"verbatim", "near", "paraphrase", "merged"}[k]
}

// Alignment is the set of links between two texts with summary figures.
type Alignment struct {
	Links []Link
	// CoverageA is the share of A's content (by sentence weight) linked to
	// B; CoverageB the same for B.
	CoverageA, CoverageB float64
	// LinkedA and LinkedB count the sentences of each side that are linked.
	LinkedA, LinkedB int
	// NearShare is the share of the links that are verbatim or near.
	NearShare float64
	// Order is the share of consecutive one-to-one links (in A's order)
	// whose B sentences also come in order: 1 for a copy that kept the
	// sentence order, lower for one that reshuffled it.
	Order float64
	// Mean is the mean score of the one-to-one links.
	Mean float64
}

// scratch is the working memory of one Align, kept for the next: an
// alignment needs a few arrays sized by the two texts, and making them
// anew for every pair of a stream was most of what Align allocated.
type scratch struct {
	m        []overlaps  // per pair of sentences, row-major by a's
	inB, inA []container // best container in the other text of each sentence
	cands    []cand
	usedA    []bool
	usedB    []bool
	links    []Link
}

// overlaps is the weight of a's sentence found in b's, and of b's in a's.
type overlaps struct{ a, b float32 }

type cand struct {
	i, j int32
	s    float64
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// grow returns s[:n], cleared, reusing s's array when it is large enough.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// Align aligns the sentences of a and b.
func Align(a, b *Text) *Alignment {
	al := &Alignment{}
	if len(a.Sentences) == 0 || len(b.Sentences) == 0 {
		return al
	}
	a.ready()
	b.ready()
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	na, nb := len(a.Sentences), len(b.Sentences)
	// One merge of each pair of sentences gives both the similarity of
	// the first pass and the containments of the second: a sentence's
	// best container on the other side does not depend on which
	// sentences the first pass links.
	inB := grow(sc.inB, na)
	inA := grow(sc.inA, nb)
	for k := range inB {
		inB[k].at = -1
	}
	for k := range inA {
		inA[k].at = -1
	}
	// The overlaps of every pair of sentences, by a join of the two
	// texts' keys: a pair sharing no key costs nothing, where merging the
	// keys of every pair would cost a merge each.
	m := grow(sc.m, na*nb)
	ka, kb := a.keys, b.keys
	for x, y := 0, 0; x < len(ka) && y < len(kb); {
		k, l := ka[x], kb[y]
		if k != l {
			// Which side is behind is a coin toss with hashed keys: a
			// step without a branch (a conditional move) saves a
			// mispredicted branch on most steps of the join.
			d := 0
			if k < l {
				d = 1
			}
			x += d
			y += 1 - d
			continue
		}
		pb := b.postings[b.offs[y]:b.offs[y+1]]
		for _, oa := range a.postings[a.offs[x]:a.offs[x+1]] {
			row := m[int(oa.Sent)*nb : int(oa.Sent+1)*nb]
			for _, ob := range pb {
				o := &row[ob.Sent]
				o.a += oa.W
				o.b += ob.W
			}
		}
		x++
		y++
	}
	cands := sc.cands[:0]
	sizesB := b.sizes[:nb]
	for i, sa := range a.sizes[:na] {
		ta := float64(sa.total)
		row := m[i*nb : (i+1)*nb]
		for j := range row {
			am, bm := row[j].a, row[j].b
			if am == 0 {
				continue
			}
			sb := sizesB[j]
			// The scores are ratios, and most pairs fall well short of the
			// thresholds: a product tells them apart without the division
			// that was most of the cost of a pair of sentences. The
			// margin is far above rounding, so a pair filtered out could
			// not have reached the threshold.
			if float64(am+bm) >= linkFilter*float64(sa.total+sb.total) {
				if s := paraphrase.SimilarityOfTotals(sa.total, sb.total, am, bm); s >= linkThreshold {
					cands = append(cands, cand{int32(i), int32(j), s})
				}
			}
			// A container is longer than what it contains. A container
			// below containThreshold is never used, so it need not be
			// kept as the best so far either.
			if sb.weight > sa.weight && float64(am) >= containFilter*ta {
				if c := paraphrase.ContainmentOfTotal(sa.total, am); c > inB[i].score {
					inB[i] = container{j, c}
				}
			}
			if sa.weight > sb.weight && float64(bm) >= containFilter*float64(sb.total) {
				if c := paraphrase.ContainmentOfTotal(sb.total, bm); c > inA[j].score {
					inA[j] = container{i, c}
				}
			}
		}
	}
	// Most similar first; ties in text order so the result is deterministic.
	slices.SortFunc(cands, func(x, y cand) int {
		if c := cmp.Compare(y.s, x.s); c != 0 {
			return c
		}
		if c := cmp.Compare(x.i, y.i); c != 0 {
			return c
		}
		return cmp.Compare(x.j, y.j)
	})
	usedA := grow(sc.usedA, na)
	usedB := grow(sc.usedB, nb)
	links := sc.links[:0]
	for _, c := range cands {
		if usedA[c.i] || usedB[c.j] {
			continue
		}
		usedA[c.i], usedB[c.j] = true, true
		i, j := int(c.i), int(c.j)
		links = append(links, Link{A: i, B: j, Score: c.s, Kind: kindOf(a, i, b, j, c.s)})
	}

	// Second pass: a sentence left over whose content sits inside a
	// sentence of the other side was merged into it or split from it.
	links = contained(links, a, inB, usedA, usedB, false)
	links = contained(links, b, inA, usedB, usedA, true)
	if len(links) > 0 {
		al.Links = slices.Clone(links)
		slices.SortFunc(al.Links, func(x, y Link) int {
			if c := cmp.Compare(x.A, y.A); c != 0 {
				return c
			}
			return cmp.Compare(x.B, y.B)
		})
	}
	al.summarise(a, b, usedA, usedB)
	sc.m, sc.inB, sc.inA, sc.cands, sc.usedA, sc.usedB, sc.links = m, inB, inA, cands, usedA, usedB, links
	return al
}

// kindOf says how sentence i of a and sentence j of b, linked with score
// s, relate. Verbatim is the same text after textproc.Normalize; the
// cached hashes of the normalised texts rule most pairs out, and the
// texts themselves are compared only when the hashes agree, so that a
// collision cannot make a link verbatim.
func kindOf(a *Text, i int, b *Text, j int, s float64) Kind {
	ta, tb := a.Sentences[i].Text, b.Sentences[j].Text
	switch {
	case ta == tb || a.normHash(i) == b.normHash(j) && textproc.Normalize(ta) == textproc.Normalize(tb):
		return Verbatim
	case s >= nearVerbatimSimilarity:
		return Near
	default:
		return Paraphrase
	}
}

// container is the sentence of the other text that best contains a
// sentence, and how much of it it contains.
type container struct {
	at    int
	score float64
}

// contained appends to links a link for each sentence of from left
// unlinked to the sentence of the other text that contains it, marking
// both used. Links run from "from" (A) to the other text (B), or the
// other way when swap is set.
func contained(links []Link, from *Text, best []container, usedFrom, usedTo []bool, swap bool) []Link {
	for i := range from.Sentences {
		if usedFrom[i] || from.Sentences[i].Weight < containMinWeight {
			continue
		}
		if c := best[i]; c.at >= 0 && c.score >= containThreshold {
			usedFrom[i], usedTo[c.at] = true, true
			l := Link{A: i, B: c.at, Score: c.score, Kind: Merged}
			if swap {
				l.A, l.B = l.B, l.A
			}
			links = append(links, l)
		}
	}
	return links
}

func (al *Alignment) summarise(a, b *Text, usedA, usedB []bool) {
	wa, wb := 0, 0
	for i, u := range usedA {
		if u {
			wa += a.Sentences[i].Weight
			al.LinkedA++
		}
	}
	for j, u := range usedB {
		if u {
			wb += b.Sentences[j].Weight
			al.LinkedB++
		}
	}
	if a.Weight > 0 {
		al.CoverageA = float64(wa) / float64(a.Weight)
	}
	if b.Weight > 0 {
		al.CoverageB = float64(wb) / float64(b.Weight)
	}
	var near, sum float64
	var ordered, pairs int
	prevB := -1
	n := 0
	for _, l := range al.Links {
		if l.Kind == Verbatim || l.Kind == Near {
			near++
		}
		if l.Kind == Merged {
			continue
		}
		sum += l.Score
		n++
		if prevB >= 0 {
			pairs++
			if l.B > prevB {
				ordered++
			}
		}
		prevB = l.B
	}
	if len(al.Links) > 0 {
		al.NearShare = near / float64(len(al.Links))
	}
	if n > 0 {
		al.Mean = sum / float64(n)
	}
	al.Order = 1
	if pairs > 0 {
		al.Order = float64(ordered) / float64(pairs)
	}
}

// Swap returns links with their sides exchanged, for reading an alignment
// of A and B as one of B and A.
func Swap(links []Link) []Link {
	out := make([]Link, len(links))
	for k, l := range links {
		out[k] = Link{A: l.B, B: l.A, Score: l.Score, Kind: l.Kind}
	}
	return out
}
