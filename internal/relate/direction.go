package relate

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/stemma-news/stemma/internal/document"
)

// Weights of the direction evidence. A known publication order outweighs
// everything the texts say; the texts' own signs add up.
const (
	timeWeight     = 4.0
	creditWeight   = 1.5
	quoteWeight    = 0.5
	quoteCap       = 2.0
	factsWeight    = 2.0
	coverWeight    = 3.0
	factsSmoothing = 4.0
)

// direct sets p.Direction (positive: A is the source) and p.Source from
// the evidence, and appends that evidence in words.
func (p *Pair) direct() {
	a, b := p.A, p.B
	a.evidence()
	b.evidence()
	var score float64
	say := func(format string, args ...any) { p.Evidence = append(p.Evidence, fmt.Sprintf(format, args...)) }

	if !a.Published.IsZero() && !b.Published.IsZero() && !a.Published.Equal(b.Published) {
		if a.Published.Before(b.Published) {
			score += timeWeight
			say("%s was published %s before %s", a.ID, b.Published.Sub(a.Published).Round(time.Minute), b.ID)
		} else {
			score -= timeWeight
			say("%s was published %s before %s", b.ID, a.Published.Sub(b.Published).Round(time.Minute), a.ID)
		}
	}

	// Original reporting is credited to reporters ("X reported from
	// Kyiv"); reused copy credits where it came from ("Agencies", an image
	// source on another site).
	oa, ob := originalCredit(a.Credits), originalCredit(b.Credits)
	ba, bb := borrowedCredit(a.Credits), borrowedCredit(b.Credits)
	if oa != "" && ob == "" {
		score += creditWeight
		say("%s credits its own reporters (%q)", a.ID, oa)
	} else if ob != "" && oa == "" {
		score -= creditWeight
		say("%s credits its own reporters (%q)", b.ID, ob)
	}
	if ba != "" && bb == "" {
		score -= creditWeight
		say("%s credits another source (%q)", a.ID, ba)
	} else if bb != "" && ba == "" {
		score += creditWeight
		say("%s credits another source (%q)", b.ID, bb)
	}

	// Rewrites turn direct quotes into reported speech far more often than
	// the reverse.
	if al := p.Alignment; al != nil {
		var qa, qb float64
		for _, l := range al.Links {
			ia, ib := a.quotes[l.A], b.quotes[l.B]
			if ia && !ib {
				qa++
			} else if ib && !ia {
				qb++
			}
		}
		if d := clamp(quoteWeight*(qa-qb), quoteCap); d != 0 {
			score += d
			if d > 0 {
				say("%s quotes directly where %s reports the words (%d sentences)", a.ID, b.ID, int(qa))
			} else {
				say("%s quotes directly where %s reports the words (%d sentences)", b.ID, a.ID, int(qb))
			}
		}
	}

	// A copy is made of its source, and copies drop more than they add: the
	// text more fully found in the other is the copy.
	if al := p.Alignment; al != nil {
		if d := coverWeight * (al.CoverageB - al.CoverageA); math.Abs(d) >= 0.05 {
			score += d
			hi, lo := b, a
			if d < 0 {
				hi, lo = a, b
			}
			say("%s is more fully contained in %s than the reverse (%.0f%% against %.0f%%)", hi.ID, lo.ID, 100*max(al.CoverageA, al.CoverageB), 100*min(al.CoverageA, al.CoverageB))
		}
	}

	// A copy drops specifics (names, numbers) more than it adds them.
	ua, ub := unique(a, b), unique(b, a)
	if d := factsWeight * float64(ua-ub) / float64(ua+ub+factsSmoothing); d != 0 {
		score += d
		say("%s has %d names and numbers not in %s; %s has %d not in %s", a.ID, ua, b.ID, b.ID, ub, a.ID)
	}

	p.Direction = round(score)
	switch {
	case score >= directionMargin:
		p.Source = a.ID
	case score <= -directionMargin:
		p.Source = b.ID
	default:
		say("the direction is undecided: the evidence either way is too weak")
	}
}

// unique counts the names and numbers of x that y lacks.
func unique(x, y *Doc) int {
	return missing(x.names, y.names) + missing(x.numbers, y.numbers)
}

// missing counts the facts of the set x that the set y lacks, both in
// factOrder.
func missing(x, y []fact) int {
	n, j := 0, 0
	for _, f := range x {
		for j < len(y) && factOrder(y[j], f) < 0 {
			j++
		}
		if j == len(y) || y[j].hash != f.hash || y[j].s != f.s {
			n++
		}
	}
	return n
}

func clamp(x, c float64) float64 { return max(-c, min(c, x)) }

// originalCredit returns the first credit that names reporting of the
// text's own: a contributor line.
func originalCredit(cs []document.Credit) string {
	for _, c := range cs {
		if c.Kind == "contributor" {
			return c.Text
		}
	}
	return ""
}

// borrowedCredit returns the first credit that says the text was taken
// from elsewhere: an agency byline, a "staff and agencies" byline or an
// image or text source on another site.
func borrowedCredit(cs []document.Credit) string {
	for _, c := range cs {
		switch c.Kind {
		case "image-source", "agency", "source":
			return c.Text
		case "byline":
			l := strings.ToLower(c.Text)
			if strings.Contains(l, "agencies") || strings.Contains(l, "wire") || strings.Contains(l, "staff") {
				return c.Text
			}
		}
	}
	return ""
}
