package story

import (
	"math"
	"slices"

	"github.com/stemma-news/stemma/internal/textproc"
	"github.com/zeebo/xxh3"
)

// Terms is a bag of weighted terms of one document, before IDF.
type Terms map[uint64]float64

// Term weights: a name or a number says more about which event a text
// tells than a common word does; a title word says what the text is about.
const (
	nameWeight   = 2.0
	titleWeight  = 2.0
	bigramWeight = 1.0
)

// NewTerms counts the content terms of a title and body.
func NewTerms(title string, paragraphs []string) Terms {
	t := Terms{}
	add := func(text string, w float64) {
		for _, s := range textproc.Sentences(text) {
			t.Add(textproc.Tokens(s), w)
		}
	}
	add(title, titleWeight)
	for _, p := range paragraphs {
		add(p, 1)
	}
	return t
}

// AddTitle counts the terms of a title, which say what a text is about.
func (t Terms) AddTitle(title string) {
	for _, s := range textproc.Sentences(title) {
		t.Add(textproc.Tokens(s), titleWeight)
	}
}

// Add counts the content terms of one sentence's tokens with weight w.
func (t Terms) Add(toks []textproc.Token, w float64) {
	prev := ""
	for k, tok := range toks {
		if !tok.Content() || len(tok.Stem) < 2 {
			continue
		}
		tw := w
		if tok.Cap && k > 0 || tok.Kind == textproc.Number {
			tw *= nameWeight
		}
		t[xxh3.HashString(tok.Stem)] += tw
		// Adjacent content words ("23 pirates", "INS Mysore") name the
		// particulars of one event better than either word.
		if prev != "" {
			t[xxh3.HashString(prev+" "+tok.Stem)] += w * bigramWeight
		}
		prev = tok.Stem
	}
}

// DF counts in how many documents each term occurs.
type DF struct {
	n  int
	df map[uint64]int32
}

// NewDF returns an empty document-frequency table.
func NewDF() *DF { return &DF{df: map[uint64]int32{}} }

// Add counts one document's terms.
func (d *DF) Add(t Terms) {
	d.n++
	for k := range t {
		d.df[k]++
	}
}

// Vector is a unit-length sparse TF-IDF vector, sorted by term.
type Vector struct {
	terms   []uint64
	weights []float32
}

// Vector weighs t by inverse document frequency. Terms seen in one
// document only are dropped: they cannot link it to another.
func (d *DF) Vector(t Terms) Vector {
	v := Vector{terms: make([]uint64, 0, len(t))}
	for k := range t {
		if d.df[k] > 1 || d.n < 3 {
			v.terms = append(v.terms, k)
		}
	}
	slices.Sort(v.terms)
	v.weights = make([]float32, len(v.terms))
	var norm float64
	for i, k := range v.terms {
		idf := math.Log(float64(d.n+1) / float64(d.df[k]+1))
		if d.n < 3 {
			idf = 1
		}
		w := (1 + math.Log(t[k])) * idf
		if t[k] < 1 {
			w = t[k] * idf
		}
		v.weights[i] = float32(w)
		norm += w * w
	}
	if norm > 0 {
		inv := float32(1 / math.Sqrt(norm))
		for i := range v.weights {
			v.weights[i] *= inv
		}
	}
	return v
}

// Cosine is the cosine similarity of two unit vectors.
func Cosine(a, b Vector) float64 {
	var s float32
	i, j := 0, 0
	for i < len(a.terms) && j < len(b.terms) {
		switch {
		case a.terms[i] == b.terms[j]:
			s += a.weights[i] * b.weights[j]
			i++
			j++
		case a.terms[i] < b.terms[j]:
			i++
		default:
			j++
		}
	}
	return float64(s)
}
