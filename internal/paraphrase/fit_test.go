package paraphrase

import (
	"os"
	"slices"
	"testing"
)

// bestCut returns the threshold on scores that maximises accuracy against
// labels, and that accuracy. Cuts are taken midway between scores.
func bestCut(scores []float64, labels []bool) (cut, acc float64) {
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		switch {
		case scores[a] < scores[b]:
			return -1
		case scores[a] > scores[b]:
			return 1
		}
		return 0
	})
	pos := 0
	for _, l := range labels {
		if l {
			pos++
		}
	}
	// Cut below everything: all predicted paraphrase.
	correct, best, bestCut := pos, pos, 0.0
	for k, i := range idx {
		if labels[i] {
			correct--
		} else {
			correct++
		}
		if k+1 < len(idx) && scores[idx[k+1]] == scores[i] {
			continue
		}
		if correct > best {
			best = correct
			if k+1 < len(idx) {
				bestCut = (scores[i] + scores[idx[k+1]]) / 2
			} else {
				bestCut = scores[i] + 1e-9
			}
		}
	}
	return bestCut, float64(best) / float64(len(scores))
}

func accuracyAt(scores []float64, labels []bool, cut float64) float64 {
	ok := 0
	for i, s := range scores {
		if (s >= cut) == labels[i] {
			ok++
		}
	}
	return float64(ok) / float64(len(scores))
}

// TestFit reproduces the constants in defaults: a grid search on the
// even-numbered MRPC dev pairs, reporting accuracy on the odd-numbered
// (held-out) half. It only runs with STEMMA_FIT=1.
func TestFit(t *testing.T) {
	if os.Getenv("STEMMA_FIT") == "" {
		t.Skip("set STEMMA_FIT=1 to run the parameter search")
	}
	pairs := loadMRPC(t)
	var train, test []labelled
	for i, p := range pairs {
		if i%2 == 0 {
			train = append(train, p)
		} else {
			test = append(test, p)
		}
	}
	prep := func(ps []labelled, p *params) [][2]Sentence {
		out := make([][2]Sentence, len(ps))
		for i, q := range ps {
			out[i] = [2]Sentence{prepare(q.s1, nil, p), prepare(q.s2, nil, p)}
		}
		return out
	}
	labels := func(ps []labelled) []bool {
		lb := make([]bool, len(ps))
		for i, q := range ps {
			lb[i] = q.label
		}
		return lb
	}
	score := func(ss [][2]Sentence, p *params) []float64 {
		sc := make([]float64, len(ss))
		for i := range ss {
			sc[i] = similarity(&ss[i][0], &ss[i][1], p)
		}
		return sc
	}
	trainLabels, testLabels := labels(train), labels(test)
	type result struct {
		p           params
		train, held float64
	}
	var best result
	for _, prefix := range []int{4, 5} {
		for _, number := range []float64{1, 1.5} {
			for _, weak := range []float64{0.3, 0.6, 1} {
				for _, name := range []float64{1, 1.5} {
					for _, stop := range []float64{0, 0.1, 0.2, 0.4} {
						p := params{prefix: prefix, number: number, weak: weak, name: name, stop: stop}
						trainS, testS := prep(train, &p), prep(test, &p)
						for _, conflict := range []float64{0.5, 0.6, 0.7, 0.8, 1} {
							for _, missing := range []float64{0.8, 0.9, 1} {
								p.conflict, p.missing = conflict, missing
								cut, acc := bestCut(score(trainS, &p), trainLabels)
								p.threshold = cut
								if acc > best.train {
									best = result{p, acc, accuracyAt(score(testS, &p), testLabels, cut)}
									t.Logf("%+v train %.4f held-out %.4f", best.p, best.train, best.held)
								}
							}
						}
					}
				}
			}
		}
	}
	t.Logf("best: %+v train %.4f held-out %.4f", best.p, best.train, best.held)
}
