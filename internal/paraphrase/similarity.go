package paraphrase

// params are the tunable constants of the measure. Only the defaults are
// used outside tests; the fitting test (fit_test.go) varies them.
type params struct {
	prefix    int     // runes of a stem that make its key
	number    float64 // weight of a number
	weak      float64 // weight of a common news word
	stop      float64 // weight of a stopword (0: left out)
	name      float64 // factor for a capitalised name
	conflict  float64 // factor on Similarity when each side has a number the other lacks
	missing   float64 // factor when only one side has an unmatched number
	threshold float64 // IsParaphrase cut on Similarity
}

// defaults were fitted on the even-numbered half of the MRPC dev pairs by
// `STEMMA_FIT=1 go test -run TestFit -v ./internal/paraphrase/` (a grid
// search for accuracy); see fit_test.go for the grid and the report.
var defaults = params{
	prefix:    5,
	number:    1.5,
	weak:      1,
	stop:      0.4,
	name:      1,
	conflict:  1,
	missing:   1,
	threshold: 0.532,
}

// overlap merges the sorted keys of a and b. am and bm are the weights of
// the keys of a (of b) found in the other; an and bn count numbers of a
// (of b) not found in the other.
func overlap(a, b *Sentence) (am, bm float32, an, bn int) {
	x, y := a.items, b.items
	i, j := 0, 0
	for i < len(x) && j < len(y) {
		switch kx, ky := x[i].key, y[j].key; {
		case kx == ky:
			am += x[i].w
			bm += y[j].w
			i++
			j++
		case kx < ky:
			if kx&numberBit != 0 {
				an++
			}
			i++
		default:
			if ky&numberBit != 0 {
				bn++
			}
			j++
		}
	}
	// Numbers sort last (numberBit is the top bit), so the tails hold them.
	for ; i < len(x); i++ {
		if x[i].key&numberBit != 0 {
			an++
		}
	}
	for ; j < len(y); j++ {
		if y[j].key&numberBit != 0 {
			bn++
		}
	}
	return am, bm, an, bn
}

// Similarity is a symmetric score in [0,1]: the weighted share of the
// content of a and b that the two have in common (a weighted Dice
// coefficient of their keys), discounted when their numbers disagree.
// It does not allocate.
func Similarity(a, b *Sentence) float64 {
	return similarity(a, b, &defaults)
}

func similarity(a, b *Sentence, p *params) float64 {
	den := a.total + b.total
	if den == 0 {
		return 0
	}
	am, bm, an, bn := overlap(a, b)
	s := float64(am+bm) / float64(den)
	switch {
	case an > 0 && bn > 0:
		s *= p.conflict
	case an > 0 || bn > 0:
		s *= p.missing
	}
	return min(max(s, 0), 1)
}

// Containment is the weighted share of a's content found in b, in [0,1].
// It is high when a is a short sentence merged into a longer b, where
// Similarity is low. Numbers of a missing from b count against it as
// content does; numbers of b missing from a do not.
func Containment(a, b *Sentence) float64 {
	if a.total == 0 {
		return 0
	}
	am, _, _, _ := overlap(a, b)
	return min(max(float64(am/a.total), 0), 1)
}

// IsParaphrase reports whether a and b say the same thing, by the cut on
// Similarity that best separates paraphrases in news sentence pairs.
func IsParaphrase(a, b *Sentence) bool {
	return Similarity(a, b) >= defaults.threshold
}

// Threshold returns the Similarity cut used by IsParaphrase.
func Threshold() float64 { return defaults.threshold }
