package align

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/stemma-news/stemma/internal/paraphrase"
	"github.com/stemma-news/stemma/internal/textproc"
)

// alignRef is Align as it was before its scratch memory, key index sort
// and cached normalised hashes: what Align must still return.

func alignRef(a, b *Text) *Alignment {
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
	ka, kb := indexRef(a), indexRef(b) // keys in the form it had
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
			if s := paraphrase.SimilarityOf(&a.preps[i], &b.preps[j], am, bm); s >= linkThreshold {
				cands = append(cands, cand{i, j, s})
			}
			// A container is longer than what it contains.
			if sb.Weight > sa.Weight {
				if c := paraphrase.ContainmentOf(&a.preps[i], am); c > inB[i].score {
					inB[i] = container{j, c}
				}
			}
			if sa.Weight > sb.Weight {
				if c := paraphrase.ContainmentOf(&b.preps[j], bm); c > inA[j].score {
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
		al.Links = append(al.Links, Link{A: c.i, B: c.j, Score: c.s, Kind: kindRef(&a.Sentences[c.i], &b.Sentences[c.j], c.s)})
	}

	// Second pass: a sentence left over whose content sits inside a
	// sentence of the other side was merged into it or split from it.
	al.Links = append(al.Links, containedRef(a, inB, usedA, usedB)...)
	for _, l := range containedRef(b, inA, usedB, usedA) {
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

func kindRef(a, b *Sentence, s float64) Kind {
	switch {
	case textproc.Normalize(a.Text) == textproc.Normalize(b.Text):
		return Verbatim
	case s >= nearVerbatimSimilarity:
		return Near
	default:
		return Paraphrase
	}
}

func containedRef(from *Text, best []container, usedFrom, usedTo []bool) []Link {
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

// occurrence is a content key in one sentence, as the key index holds it.
type occurrence struct {
	key  uint64
	sent int32
	w    float32
}

// occurrences lists the key index of t as indexRef makes it.
func occurrences(t *Text) []occurrence {
	var out []occurrence
	for k, key := range t.keys {
		if k > 0 && key <= t.keys[k-1] || t.offs[k] >= t.offs[k+1] {
			return nil // keys out of order or without a sentence
		}
		for _, p := range t.postings[t.offs[k]:t.offs[k+1]] {
			out = append(out, occurrence{key, p.Sent, p.W})
		}
	}
	return out
}

// indexRef is the key index as a comparison sort makes it.
func indexRef(t *Text) []occurrence {
	var keys []occurrence
	var buf []paraphrase.Key
	for i := range t.Sentences {
		buf = t.preps[i].AppendKeys(buf[:0])
		for _, k := range buf {
			keys = append(keys, occurrence{k.Key, int32(i), k.W})
		}
	}
	slices.SortFunc(keys, func(a, b occurrence) int {
		if c := cmp.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.sent, b.sent)
	})
	return keys
}

// refTexts are texts that share sentences, words and whole runs in the
// ways copies do, for comparing Align with alignRef.
var refTexts = [][]string{
	nil,
	{"Officials from Britain, the United States and Ukraine will meet in London on Wednesday to push for a peace deal. Russia has rejected a proposal for an immediate 30-day halt in the fighting."},
	{"Britain, the United States and Ukraine sent officials to London on Wednesday to push for a peace deal.", "Moscow turned down a plan for an immediate 30-day halt to the fighting."},
	{"Officials from Britain, the United States and Ukraine will meet in London on Wednesday to push for a peace deal, but Russia has rejected a proposal for an immediate 30-day halt in the fighting."},
	{"The ball\u2019s in Russia\u2019s court, he said on Monday.", "THE BALL'S IN RUSSIA'S COURT, HE SAID ON MONDAY!", "The ball's in Russia's court, he said on Monday."},
	{"Talks talks talks. Talks, talks and more talks. The talks went on.", "He said the talks went on and on and on, and said so again."},
	{"The Red Sox offered first baseman Mark Teixeira an eight-year contract worth 200 million dollars.", "An earthquake of magnitude 6.1 struck the coast of Indonesia early on Sunday."},
}

func TestAlignMatchesReference(t *testing.T) {
	texts := make([]*Text, len(refTexts))
	for i, p := range refTexts {
		texts[i] = NewText(p)
	}
	for i, a := range texts {
		for j, b := range texts {
			check(t, a, b, fmt.Sprintf("texts %d and %d", i, j))
		}
	}
}

// TestAlignMatchesReferenceCorpus compares Align with alignRef over the
// benchmark's pairs of real articles, where they are.
func TestAlignMatchesReferenceCorpus(t *testing.T) {
	docs, pairs := corpus(t)
	texts := make([]*Text, len(docs))
	for i, d := range docs {
		texts[i] = NewText(d)
	}
	for _, p := range pairs {
		check(t, texts[p[0]], texts[p[1]], fmt.Sprintf("documents %d and %d", p[0], p[1]))
		check(t, texts[p[1]], texts[p[0]], fmt.Sprintf("documents %d and %d", p[1], p[0]))
	}
}

func check(t *testing.T, a, b *Text, what string) {
	t.Helper()
	got := Align(a, b)
	if len(a.Sentences) == 0 || len(b.Sentences) == 0 {
		if !reflect.DeepEqual(got, &Alignment{}) {
			t.Errorf("%s: empty text aligned as %+v", what, got)
		}
		return
	}
	if want := alignRef(a, b); !reflect.DeepEqual(got, want) {
		t.Errorf("%s: Align gave\n%+v\nthe reference\n%+v", what, got, want)
	}
	for _, x := range []*Text{a, b} {
		if got, want := occurrences(x), indexRef(x); !slices.Equal(got, want) {
			t.Errorf("%s: key index differs from a sort's", what)
		}
	}
}

func TestKindOf(t *testing.T) {
	tests := []struct {
		a, b string
		s    float64
		want Kind
	}{
		{"The ball is in Russia's court.", "The ball is in Russia's court.", 1, Verbatim},
		{"The ball\u2019s in Russia\u2019s court, he said.", "THE BALL'S IN RUSSIA'S COURT -- HE SAID!", 1, Verbatim},
		{"The ball is in Russia's court.", "The ball is in Moscow's court.", 0.9, Near},
		{"The ball is in Russia's court.", "Russia now holds the ball.", 0.5, Paraphrase},
	}
	for _, tt := range tests {
		a, b := NewText([]string{tt.a}), NewText([]string{tt.b})
		a.ready()
		b.ready()
		// Twice: the second reads the cached hashes.
		for range 2 {
			if got := kindOf(a, 0, b, 0, tt.s); got != tt.want {
				t.Errorf("kindOf(%q, %q, %v) = %v, want %v", tt.a, tt.b, tt.s, got, tt.want)
			}
		}
	}
}

// TestAlignConcurrent aligns texts shared between goroutines, none of
// them prepared beforehand, as a stream's workers do, and checks each
// result against the reference; run with -race it checks the sharing.
func TestAlignConcurrent(t *testing.T) {
	texts := make([]*Text, len(refTexts))
	for i, p := range refTexts {
		texts[i] = NewText(p)
	}
	var wg sync.WaitGroup
	results := make([][]*Alignment, 4)
	for g := range results {
		wg.Go(func() {
			for i := range texts {
				for j := range texts {
					// Each goroutine starts at a different pair.
					a, b := texts[(i+g)%len(texts)], texts[j]
					results[g] = append(results[g], Align(a, b))
				}
			}
		})
	}
	wg.Wait()
	for g, rs := range results {
		k := 0
		for i := range texts {
			for j := range texts {
				a, b := texts[(i+g)%len(texts)], texts[j]
				want := &Alignment{}
				if len(a.Sentences) > 0 && len(b.Sentences) > 0 {
					want = alignRef(a, b)
				}
				if !reflect.DeepEqual(rs[k], want) {
					t.Errorf("goroutine %d, pair %d: %+v, want %+v", g, k, rs[k], want)
				}
				k++
			}
		}
	}
}

func TestNewText(t *testing.T) {
	tests := []struct {
		name  string
		paras []string
		want  []string // the sentences kept, "paragraph:text"
		cap   int
	}{
		{"none", nil, nil, 0},
		{"only punctuation and stopwords", []string{"\u2014", "And so it is."}, nil, 0},
		{"two paragraphs", []string{"Officials met in London. They talked.", "Russia said no."},
			[]string{"0:Officials met in London.", "0:They talked.", "1:Russia said no."}, 3},
		{"a sentence of stopwords left out", []string{"Officials met in London. And so it is. Russia said no."},
			[]string{"0:Officials met in London.", "0:Russia said no."}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			txt := NewText(tt.paras)
			var got []string
			weight := 0
			for _, s := range txt.Sentences {
				got = append(got, fmt.Sprintf("%d:%s", s.Paragraph, s.Text))
				weight += s.Weight
				if s.Weight == 0 || len(s.Tokens) == 0 {
					t.Errorf("sentence %q has weight %d and %d tokens", s.Text, s.Weight, len(s.Tokens))
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("sentences %q, want %q", got, tt.want)
			}
			if weight != txt.Weight {
				t.Errorf("weight %d, sentences add up to %d", txt.Weight, weight)
			}
			if cap(txt.Sentences) != tt.cap {
				t.Errorf("cap %d, want %d", cap(txt.Sentences), tt.cap)
			}
		})
	}
}
