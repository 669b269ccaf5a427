package relate

import (
	"fmt"
	"math"

	"github.com/stemma-news/stemma/internal/align"
	"github.com/stemma-news/stemma/internal/change"
)

// Thresholds on the alignment. "Copy coverage" is the share of the more
// covered text that is linked to the other (a copy is mostly made of its
// source); "source coverage" is the same for the other side. The values
// sit in the gap measured between rewrites (65-80 % of a rewrite's
// sentences align to its source) and independent reports of one event
// (under 20 %).
const (
	nearCopyCoverage    = 0.8
	nearSourceCoverage  = 0.6
	nearShare           = 0.7
	rewriteCopyCoverage = 0.5
	rewriteSrcCoverage  = 0.4
	partialCoverage     = 0.3
	partialNearShare    = 0.5
	partialMeanScore    = 0.65
	minLinked           = 3
	// texts too short for minLinked links need every sentence matched
	// this closely
	shortTextScore = 0.8
	// direction needs at least this much evidence either way
	directionMargin = 0.5
)

// Pair is the comparison of two documents.
type Pair struct {
	A, B      *Doc
	Relation  Relation // None or a derived relation; stories add SameStory
	Score     float64
	Source    string // the ID of the source of a derived pair, "" when unknown
	Direction float64
	// Evidence says, in words, why the relation and the direction were
	// chosen.
	Evidence  []string
	Alignment *align.Alignment
	// Changes is what one document altered against the other, the one
	// named by ChangesAgainst (the source, unless a reader said
	// otherwise), once FindChanges or FindChangesAgainst has run.
	Changes        *change.List
	ChangesAgainst string
	// Sibling is set by the lineage of the pair's story when both are
	// copies of one source rather than one of the other; Source is then "".
	Sibling bool
}

// Compare aligns two documents and decides whether one is derived from
// the other, and which.
func Compare(a, b *Doc) *Pair {
	p := &Pair{A: a, B: b}
	if a.bodyHash == b.bodyHash && len(a.Text.Sentences) > 0 {
		p.Relation, p.Score = Duplicate, 1
		p.Evidence = append(p.Evidence, "the same text after normalisation")
		p.direct()
		return p
	}
	al := align.Align(a.Text, b.Text)
	p.Alignment = al
	hi, lo := al.CoverageA, al.CoverageB
	if lo > hi {
		hi, lo = lo, hi
	}
	linked := min(al.LinkedA, al.LinkedB)
	p.Score = round(0.6*hi + 0.4*lo)
	switch {
	case linked == 0 || linked < minLinked && !shortMatch(a, b, al):
		p.Relation = None
	case hi >= nearCopyCoverage && lo >= nearSourceCoverage && al.NearShare >= nearShare:
		p.Relation = NearDuplicate
	case hi >= rewriteCopyCoverage && lo >= rewriteSrcCoverage:
		p.Relation = Rewrite
	case hi >= partialCoverage && (al.NearShare >= partialNearShare || al.Mean >= partialMeanScore):
		p.Relation = Partial
	default:
		p.Relation = None
	}
	if !p.Relation.Derived() {
		return p
	}
	p.Evidence = append(p.Evidence, fmt.Sprintf("%d of %d sentences of %s and %d of %d of %s align (%.0f%% and %.0f%% of their content; %.0f%% of links near-verbatim)",
		al.LinkedA, len(a.Text.Sentences), a.ID, al.LinkedB, len(b.Text.Sentences), b.ID, 100*al.CoverageA, 100*al.CoverageB, 100*al.NearShare))
	p.direct()
	return p
}

// shortMatch reports whether a text too short to have minLinked sentences
// is matched whole, every sentence closely, by the other.
func shortMatch(a, b *Doc, al *align.Alignment) bool {
	short := min(len(a.Text.Sentences), len(b.Text.Sentences))
	if short >= minLinked || min(al.LinkedA, al.LinkedB) < short {
		return false
	}
	for _, l := range al.Links {
		if l.Kind == align.Merged || l.Score < shortTextScore {
			return false
		}
	}
	return true
}

func round(x float64) float64 { return math.Round(x*1000) / 1000 }
