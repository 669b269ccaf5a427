package paraphrase

import "math"

// numFeatures is the length of the feature vector of a pair.
const numFeatures = 3

// model is a logistic model of "a and b are paraphrases" over features.
// It was fitted on the even-numbered half of the MRPC dev pairs by
// `STEMMA_FIT=1 go test -run TestFitModel -v ./internal/paraphrase/`
// (plain gradient descent on the log loss, see fit_test.go), with
// sentences weighted by a DocFreq over all the dev sentences. That run
// reports accuracy 0.757 on the fitting half and 0.753 on the held-out
// odd-numbered half at the cut 0.5, which is kept rather than fitted.
var model = struct {
	bias float64
	w    [numFeatures]float64
	cut  float64 // on the probability
}{
	bias: -0.6567,
	w:    [numFeatures]float64{6.1393, -1.2828, -1.6403},
	cut:  0.5,
}

// features describes a pair for the model:
//   - Similarity, the shared content;
//   - log(1+r) where r is the longest run of consecutive words of one
//     sentence that the other lacks: a reworded sentence scatters its
//     unshared words, a sentence that adds a claim has them in one clause;
//   - the difference in word count, in tens of words.
func features(a, b *Sentence) [numFeatures]float64 {
	run := max(missingRun(a, b), missingRun(b, a))
	d := len(a.seq) - len(b.seq)
	if d < 0 {
		d = -d
	}
	return [numFeatures]float64{Similarity(a, b), math.Log1p(float64(run)), float64(d) / 10}
}

// missingRun is the length of the longest run of consecutive keys of a
// that b lacks.
func missingRun(a, b *Sentence) int {
	best, cur := 0, 0
	for _, k := range a.seq {
		if b.hasKey(k) {
			cur = 0
			continue
		}
		cur++
		best = max(best, cur)
	}
	return best
}

// hasKey is a binary search of the sorted items, written out because the
// generic slices.BinarySearchFunc costs an indirect call per probe.
func (s *Sentence) hasKey(k uint64) bool {
	lo, hi := 0, len(s.items)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if s.items[m].Key < k {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(s.items) && s.items[lo].Key == k
}

func logistic(f [numFeatures]float64, bias float64, w *[numFeatures]float64) float64 {
	z := bias
	for i, x := range f {
		z += w[i] * x
	}
	return 1 / (1 + math.Exp(-z))
}

// Probability is the estimated probability, in [0,1], that a and b are
// paraphrases in the sense of news sentence-pair judgements: the same
// claim, neither adding a clause of its own. It is symmetric and does not
// allocate, but costs a few times Similarity. It panics for a sentence
// prepared by PrepareIndex.
func Probability(a, b *Sentence) float64 {
	if a.indexed || b.indexed {
		panic("paraphrase: Probability of a sentence prepared by PrepareIndex, which keeps no keys in text order")
	}
	return logistic(features(a, b), model.bias, &model.w)
}

// IsParaphrase reports whether Probability reaches the decision cut.
func IsParaphrase(a, b *Sentence) bool {
	return Probability(a, b) >= model.cut
}
