package paraphrase

import (
	"math"

	"github.com/stemma-news/stemma/internal/textproc"
)

// DocFreq counts in how many texts each stem occurs, and weighs a stem by
// its inverse document frequency: the informativeness of a word in the
// collection being compared. Build it once with Add, then share it
// read-only between goroutines as the Weights of Prepare.
type DocFreq struct {
	n  int
	df map[string]int32
}

// NewDocFreq returns an empty table.
func NewDocFreq() *DocFreq { return &DocFreq{df: make(map[string]int32)} }

// Add counts the content stems of one text (a sentence or a document).
func (d *DocFreq) Add(text string) {
	d.n++
	seen := make(map[string]bool)
	toks := textproc.Tokens(text)
	for k := range toks {
		t := &toks[k]
		stem, kind, ok := canonical(t, lookupLex(t.Lower))
		if !ok || kind == textproc.Number || seen[stem] {
			continue
		}
		seen[stem] = true
		d.df[stem]++
	}
}

// Weight is the inverse document frequency of stem scaled to (0,1]: a stem
// in every text weighs near 0, a stem never seen weighs 1.
func (d *DocFreq) Weight(stem string) float64 {
	if d.n == 0 {
		return 1
	}
	return math.Log(float64(d.n+1)/float64(d.df[stem]+1)) / math.Log(float64(d.n+1))
}
