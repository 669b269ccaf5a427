package ingest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestExtractionDevSet guards the HTML reader's quality on the extraction
// dev set, with the metric of eval/score.py (4-gram shingle precision and
// recall, averaged per page). The floor sits below the measured figure
// (0.965 before cleaning) so that it catches breakage, not noise;
// eval/score.py remains the figure to report.
func TestExtractionDevSet(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 181 pages")
	}
	set := filepath.Join(sharedDir(t), "eval", "extraction-zyte")
	raw, err := os.ReadFile(filepath.Join(set, "ground-truth.json"))
	if err != nil {
		t.Skip(err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for doc, err := range Read(context.Background(), []string{filepath.Join(set, "html")}, Options{}) {
		if err != nil {
			t.Error(err)
			continue
		}
		got[doc.ID] = doc.Text()
	}
	var sumP, sumR float64
	for id, want := range truth {
		p, r := shingleScore(want.ArticleBody, got[id])
		sumP += p
		sumR += r
	}
	p, r := sumP/float64(len(truth)), sumR/float64(len(truth))
	f1 := 2 * p * r / (p + r)
	t.Logf("extraction precision %.3f recall %.3f F1 %.3f over %d pages", p, r, f1, len(truth))
	if f1 < 0.95 {
		t.Errorf("extraction F1 %.3f fell below 0.95", f1)
	}
}

var word = regexp.MustCompile(`[\p{L}\p{M}\p{N}_]+`)

func shingleScore(truth, pred string) (p, r float64) {
	count := func(s string) map[[4]string]int {
		toks := word.FindAllString(s, -1)
		m := map[[4]string]int{}
		for i := 0; i < max(1, len(toks)-3); i++ {
			var k [4]string
			copy(k[:], toks[i:min(len(toks), i+4)])
			if len(toks) > 0 {
				m[k]++
			}
		}
		return m
	}
	T, P := count(truth), count(pred)
	tp, np, nt := 0, 0, 0
	for k, n := range P {
		tp += min(n, T[k])
		np += n
	}
	for _, n := range T {
		nt += n
	}
	switch {
	case np == 0 && nt == 0:
		return 1, 1
	case np == 0:
		return 0, 0
	}
	return float64(tp) / float64(np), float64(tp) / float64(max(1, nt))
}
