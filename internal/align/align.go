package align

import (
	"cmp"
	"slices"

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

// Align aligns the sentences of a and b.
func Align(a, b *Text) *Alignment {
	al := &Alignment{}
	if len(a.Sentences) == 0 || len(b.Sentences) == 0 {
		return al
	}
	a.ready()
	b.ready()
	type cand struct {
		i, j int
		s    float64
	}
	var cands []cand
	// One merge of each pair of sentences gives both the similarity of
	// the first pass and the containments of the second: a sentence's
	// best container on the other side does not depend on which
	// sentences the first pass links.
	inB := make([]container, len(a.Sentences)) // best container in b of each sentence of a
	inA := make([]container, len(b.Sentences))
	for k := range inB {
		inB[k].at = -1
	}
	for k := range inA {
		inA[k].at = -1
	}
	// The overlaps of every pair of sentences, by a join of the two
	// texts' keys: a pair sharing no key costs nothing, where merging the
	// keys of every pair would cost a merge each.
	nb := len(b.Sentences)
	am := make([]float32, len(a.Sentences)*nb) // weight of a's sentence found in b's
	bm := make([]float32, len(am))
	ka, kb := a.keys, b.keys
	for x, y := 0, 0; x < len(ka) && y < len(kb); {
		switch k := ka[x].key; {
		case k < kb[y].key:
			x++
		case k > kb[y].key:
			y++
		default:
			x1, y1 := x, y
			for x1 < len(ka) && ka[x1].key == k {
				x1++
			}
			for y1 < len(kb) && kb[y1].key == k {
				y1++
			}
			for _, oa := range ka[x:x1] {
				row := int(oa.sent) * nb
				for _, ob := range kb[y:y1] {
					am[row+int(ob.sent)] += oa.w
					bm[row+int(ob.sent)] += ob.w
				}
			}
			x, y = x1, y1
		}
	}
	for i := range a.Sentences {
		sa := &a.Sentences[i]
		for j := range b.Sentences {
			sb := &b.Sentences[j]
			am, bm := am[i*nb+j], bm[i*nb+j]
			if am == 0 {
				continue
			}
			if s := paraphrase.SimilarityOf(&sa.prep, &sb.prep, am, bm); s >= linkThreshold {
				cands = append(cands, cand{i, j, s})
			}
			// A container is longer than what it contains.
			if sb.Weight > sa.Weight {
				if c := paraphrase.ContainmentOf(&sa.prep, am); c > inB[i].score {
					inB[i] = container{j, c}
				}
			}
			if sa.Weight > sb.Weight {
				if c := paraphrase.ContainmentOf(&sb.prep, bm); c > inA[j].score {
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
	usedA := make([]bool, len(a.Sentences))
	usedB := make([]bool, len(b.Sentences))
	for _, c := range cands {
		if usedA[c.i] || usedB[c.j] {
			continue
		}
		usedA[c.i], usedB[c.j] = true, true
		al.Links = append(al.Links, Link{A: c.i, B: c.j, Score: c.s, Kind: kindOf(&a.Sentences[c.i], &b.Sentences[c.j], c.s)})
	}

	// Second pass: a sentence left over whose content sits inside a
	// sentence of the other side was merged into it or split from it.
	al.Links = append(al.Links, contained(a, inB, usedA, usedB)...)
	for _, l := range contained(b, inA, usedB, usedA) {
		l.A, l.B = l.B, l.A
		al.Links = append(al.Links, l)
	}
	slices.SortFunc(al.Links, func(x, y Link) int {
		if c := cmp.Compare(x.A, y.A); c != 0 {
			return c
		}
		return cmp.Compare(x.B, y.B)
	})
	al.summarise(a, b, usedA, usedB)
	return al
}

func kindOf(a, b *Sentence, s float64) Kind {
	switch {
	case textproc.Normalize(a.Text) == textproc.Normalize(b.Text):
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

// contained links each sentence of from left unlinked to the sentence of
// the other text that contains it, marking both used. Links run from
// "from" (A) to the other text (B).
func contained(from *Text, best []container, usedFrom, usedTo []bool) []Link {
	var out []Link
	for i := range from.Sentences {
		if usedFrom[i] || from.Sentences[i].Weight < containMinWeight {
			continue
		}
		if c := best[i]; c.at >= 0 && c.score >= containThreshold {
			usedFrom[i], usedTo[c.at] = true, true
			out = append(out, Link{A: i, B: c.at, Score: c.score, Kind: Merged})
		}
	}
	return out
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
