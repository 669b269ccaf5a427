package corpusgen

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/zeebo/xxh3"

	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/relate"
	"github.com/stemma-news/stemma/internal/textproc"
)

// Material smaller than this is not used: a copy of a three-line brief
// cannot be told from a coincidence, and partial copies need paragraphs
// to take.
const (
	minParagraphs = 4
	minWords      = 150
)

// A pair of material articles is compared with relate only when this
// share of the smaller one's distinct content words is in the other. On
// the eval material every pair relate finds derived shares at least 0.38,
// and pairs at 0.3 and above are a few hundred of the 100,000: the margin
// costs little. TestDerivedMaterialPrefilter checks the margin holds.
const derivedPrefilter = 0.3

// Pool is material made ready for generation: filtered, de-duplicated,
// split into sentences, with the filler generator trained on it. Building
// one from the eval sets takes about a second; build it once to generate
// many corpora.
// A Pool is safe for concurrent use.
type Pool struct {
	material []Material
	texts    []*text
	dropped  []Dropped
	chain    *markov
}

// Dropped is a material article left out of a Pool, and why.
type Dropped struct {
	ID     string
	Reason string // "short", "not-english" or "derived"
	Of     string // for "derived": the earlier article it is related to
}

// NewPool prepares material for generation. It drops articles with fewer
// than 4 paragraphs or 150 words, articles not in English (the synonym
// table and the filler's grammar are English), and of each pair that
// relate.Compare finds derived (either way) the later in the list: real
// material holds wire copies, and a family original that is secretly a
// copy of another family's original would make the planted truth wrong.
func NewPool(ctx context.Context, material []Material) (*Pool, error) {
	p := &Pool{}
	var sized []Material
	for _, m := range material {
		switch {
		case len(m.Paragraphs) < minParagraphs || m.words() < minWords:
			p.dropped = append(p.dropped, Dropped{ID: m.ID, Reason: "short"})
		case !english(m.Paragraphs):
			p.dropped = append(p.dropped, Dropped{ID: m.ID, Reason: "not-english"})
		default:
			sized = append(sized, m)
		}
	}
	derivedOf, err := findDerived(ctx, sized)
	if err != nil {
		return nil, err
	}
	var sentences []string
	for i, m := range sized {
		if of, ok := derivedOf[i]; ok {
			p.dropped = append(p.dropped, Dropped{ID: m.ID, Reason: "derived", Of: sized[of].ID})
			continue
		}
		t := &text{title: strings.TrimSpace(m.Title)}
		for _, para := range m.Paragraphs {
			if s := textproc.Sentences(para); len(s) > 0 {
				t.paras = append(t.paras, s)
				sentences = append(sentences, s...)
			}
		}
		if len(t.paras) < minParagraphs {
			p.dropped = append(p.dropped, Dropped{ID: m.ID, Reason: "short"})
			continue
		}
		p.material = append(p.material, m)
		p.texts = append(p.texts, t)
	}
	if len(p.material) == 0 {
		return nil, errors.New("corpusgen: no usable material (each article needs 4 paragraphs and 150 words)")
	}
	p.chain = trainMarkov(sentences)
	if len(p.chain.lens) == 0 {
		return nil, errors.New("corpusgen: the material has no sentences to learn filler from")
	}
	for _, t := range p.texts {
		if t.title == "" {
			t.title = titleFromText(t)
		}
	}
	return p, nil
}

// Material returns the articles the pool uses, in the order given.
func (p *Pool) Material() []Material { return slices.Clone(p.material) }

// Dropped returns the articles the pool left out, and why.
func (p *Pool) Dropped() []Dropped { return slices.Clone(p.dropped) }

// english reports whether a text reads as English: English stopwords make
// 40-50 % of English news and under 10 % of other languages' (on the eval
// material nothing falls between 0.18 and 0.3).
func english(paras []string) bool {
	n, stop := 0, 0
	for _, p := range paras {
		for _, w := range strings.Fields(p) {
			n++
			if textproc.IsStopword(strings.ToLower(strings.Trim(w, ".,;:!?\"'“”‘’()"))) {
				stop++
			}
		}
	}
	return n > 0 && float64(stop) >= 0.25*float64(n)
}

// titleFromText makes a headline for material without one: the start of
// its first sentence, cut after a content word.
func titleFromText(t *text) string {
	ws := splitWords(t.paras[0][0])
	if len(ws) == 0 {
		return "Untitled"
	}
	n := min(len(ws), 10)
	for n > 4 && (ws[n-1].trail != "" || textproc.IsStopword(strings.ToLower(ws[n-1].core))) {
		n--
	}
	out := slices.Clone(ws[:n])
	out[len(out)-1].trail = ""
	return joinWords(out)
}

// findDerived returns, for each article derived from or a source of an
// earlier one, the index of the earlier one. Keeping only articles not in
// the map leaves no derived pair among them: of each derived pair the
// later one goes.
func findDerived(ctx context.Context, ms []Material) (map[int]int, error) {
	sets := make([][]uint64, len(ms))
	for i, m := range ms {
		sets[i] = wordSet(m.Paragraphs)
	}
	type pair struct{ i, j int }
	var cands []pair
	for i := range ms {
		for j := i + 1; j < len(ms); j++ {
			if overlap(sets[i], sets[j]) >= derivedPrefilter {
				cands = append(cands, pair{i, j})
			}
		}
	}
	docs := make([]*relate.Doc, len(ms))
	var once = make([]sync.Once, len(ms))
	doc := func(i int) *relate.Doc {
		once[i].Do(func() {
			docs[i] = relate.NewDoc(&document.Document{ID: ms[i].ID, Paragraphs: ms[i].Paragraphs})
		})
		return docs[i]
	}
	derived := make([]bool, len(cands))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for k := range next {
				c := cands[k]
				derived[k] = relate.Compare(doc(c.i), doc(c.j)).Relation.Derived()
			}
		})
	}
	var err error
feed:
	for k := range cands {
		select {
		case next <- k:
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err != nil {
		return nil, fmt.Errorf("corpusgen: comparing material: %w", err)
	}
	out := map[int]int{}
	for k, c := range cands {
		if _, seen := out[c.j]; derived[k] && !seen {
			out[c.j] = c.i
		}
	}
	return out, nil
}

// wordSet is the sorted set of hashes of an article's distinct content
// words (lower case, no stopwords, at least three letters).
func wordSet(paras []string) []uint64 {
	var set []uint64
	for _, p := range paras {
		for w := range strings.FieldsFuncSeq(strings.ToLower(p), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			if len(w) >= 3 && !textproc.IsStopword(w) {
				set = append(set, xxh3.HashString(w))
			}
		}
	}
	slices.Sort(set)
	return slices.Compact(set)
}

// overlap is |a∩b| / min(|a|,|b|) of two sorted sets: containment rather
// than Jaccard, so that a short copy of a long source still scores high.
func overlap(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return float64(n) / float64(min(len(a), len(b)))
}
