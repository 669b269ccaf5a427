package index

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stemma-news/stemma/internal/cputime"
	"github.com/stemma-news/stemma/internal/fingerprint"
	"github.com/stemma-news/stemma/internal/textproc"
)

func print(texts ...string) fingerprint.Print {
	var b fingerprint.Builder
	for _, s := range texts {
		for _, sent := range textproc.Sentences(s) {
			b.Sentence(textproc.Tokens(sent), 1)
		}
	}
	return b.Print()
}

// randomPrint is a document of k terms drawn from a vocabulary of v, with
// a Zipf-like skew so that some terms are common and most are rare.
func randomPrint(r *rand.Rand, k, v int) fingerprint.Print {
	seen := map[uint32]float32{}
	for range k {
		t := uint32(math.Pow(float64(v), r.Float64()))
		seen[t]++
	}
	var b fingerprint.Print
	for id, tf := range seen {
		b = append(b, fingerprint.Term{ID: id, TF: tf})
	}
	sortPrint(b)
	return b
}

func sortPrint(p fingerprint.Print) {
	for i := 1; i < len(p); i++ {
		for j := i; j > 0 && p[j].ID < p[j-1].ID; j-- {
			p[j], p[j-1] = p[j-1], p[j]
		}
	}
}

const (
	report  = "The Boston Red Sox offered first baseman Mark Teixeira an eight-year contract worth 200 million dollars."
	rewrite = "Mark Teixeira, the first baseman, was offered an eight-year deal worth 200 million dollars by the Boston Red Sox."
	quake   = "A strong earthquake struck off the coast of Indonesia on Sunday, officials said."
	quake2  = "Officials said an earthquake of magnitude 6.1 hit the Indonesian coast on Sunday."
	court   = "The Supreme Court ruled on Monday that the state law was unconstitutional."
)

func TestQuery(t *testing.T) {
	x := New(Options{})
	docs := []string{report, quake, court, rewrite, quake2}
	for _, d := range docs {
		x.Add(print(d))
	}
	got := x.Query(3, 0.05, 10)
	if len(got) == 0 || got[0].Doc != 0 {
		t.Fatalf("Query(rewrite) = %v, want the report first", got)
	}
	for _, c := range got {
		if c.Doc >= 3 {
			t.Errorf("Query(3) returned a later document %d", c.Doc)
		}
	}
	if got[0].Cosine < 0.3 {
		t.Errorf("rewrite ~ report cosine %.2f, want > 0.3", got[0].Cosine)
	}
	// With nothing capped and the collection complete, a query's score
	// is the cosine.
	for _, c := range x.Query(4, 0, 10) {
		if want := x.Cosine(c.Doc, 4); math.Abs(c.Cosine-want) > 1e-6 {
			t.Errorf("Query(4) scores doc %d %.6f, Cosine says %.6f", c.Doc, c.Cosine, want)
		}
	}
	if c := x.Query(0, 0, 10); len(c) != 0 {
		t.Errorf("the first document has candidates: %v", c)
	}
}

func TestCosine(t *testing.T) {
	x := New(Options{})
	for _, d := range []string{report, rewrite, quake, quake2, court} {
		x.Add(print(d))
	}
	if c := x.Cosine(2, 2); math.Abs(c-1) > 1e-6 {
		t.Errorf("self cosine %.4f, want 1", c)
	}
	if a, b := x.Cosine(0, 1), x.Cosine(1, 0); a != b {
		t.Errorf("cosine not symmetric: %v %v", a, b)
	}
	same, other := x.Cosine(0, 1), x.Cosine(0, 2)
	if same <= 0.3 || other >= 0.05 {
		t.Errorf("cosine same story %.2f (want > 0.3), other story %.2f (want < 0.05)", same, other)
	}
}

// A term in more documents than the cap is no longer read, so it cannot
// make candidates on its own, but it still counts in Cosine.
func TestPostingCap(t *testing.T) {
	x := New(Options{PostingCap: 3})
	common := fingerprint.Term{ID: 1, TF: 1}
	for i := range 4 {
		x.Add(fingerprint.Print{common, {ID: uint32(100 + i), TF: 1}})
	}
	for i := range 4 {
		x.Add(fingerprint.Print{{ID: uint32(200 + i), TF: 1}})
	}
	if got := x.Query(3, 0.01, 10); len(got) != 0 {
		t.Errorf("a capped term made candidates: %v", got)
	}
	// A rare term shared by two documents still finds the pair.
	x.Add(fingerprint.Print{common, {ID: 100, TF: 1}})
	if got := x.Query(8, 0.01, 10); len(got) != 1 || got[0].Doc != 0 {
		t.Errorf("Query = %v, want document 0 through the rare term", got)
	}
	if x.Cosine(1, 2) <= 0 {
		t.Error("Cosine ignores a capped term")
	}
}

// Past the budget, documents keep their most distinctive terms, and pairs
// sharing rare terms are still found.
func TestBudget(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	x := New(Options{Budget: 5000, Keep: 20})
	var pairs [][2]int
	var added []fingerprint.Print
	for i := range 400 {
		p := randomPrint(r, 60, 20000)
		x.Add(p)
		added = append(added, p)
		if i%10 == 9 && x.Len() > 20 {
			// A copy of a document twenty back.
			src := x.Len() - 20
			pairs = append(pairs, [2]int{src, x.Add(added[src])})
			added = append(added, added[src])
		}
	}
	if !x.Truncated() {
		t.Fatal("the budget was never passed")
	}
	for doc := range x.prints.len() {
		if p := x.prints.at(doc); len(p) > 20 {
			t.Fatalf("a print kept %d terms, want at most 20", len(p))
		}
	}
	for _, pr := range pairs {
		got := x.Query(pr[1], 0.1, 5)
		if len(got) == 0 || got[0].Doc != pr[0] {
			t.Errorf("copy %d: Query = %v, want its source %d first", pr[1], got, pr[0])
		}
	}
}

// With four documents, only the terms two of them share weigh anything,
// so the rewrite and its source are nearly alike.
func ExampleIndex() {
	x := New(Options{})
	for _, text := range []string{report, quake, court, rewrite} {
		x.Add(print(text))
	}
	for _, c := range x.Query(3, 0.1, 5) {
		fmt.Printf("document %d, cosine %.2f\n", c.Doc, c.Cosine)
	}
	// Output: document 0, cosine 0.99
}

// Past MaxTerms, terms of one document are forgotten, oldest first, and
// pairs sharing terms are still found.
func TestForget(t *testing.T) {
	x := New(Options{MaxTerms: 2000, Horizon: 50})
	next := uint32(1 << 20)
	fresh := func(k int) fingerprint.Print {
		var p fingerprint.Print
		for range k {
			p = append(p, fingerprint.Term{ID: next, TF: 1})
			next++
		}
		return p
	}
	for i := range 300 {
		p := fresh(30)
		if k := uint32(i / 50); i%50 <= 1 {
			// Two documents in fifty share three terms.
			p = append(p, fingerprint.Term{ID: 10*k + 1, TF: 1}, fingerprint.Term{ID: 10*k + 2, TF: 2}, fingerprint.Term{ID: 10*k + 3, TF: 1})
		}
		sortPrint(p)
		x.Add(p)
	}
	counted, forgotten := x.Terms()
	if forgotten == 0 || counted > 2*2000 {
		t.Errorf("counted %d terms, forgot %d: want the table bounded near 2000", counted, forgotten)
	}
	for doc := range x.prints.len() {
		for _, tm := range x.prints.at(doc) {
			if *x.slots.df(tm.slot) == 0 {
				t.Fatal("a stored print refers to a forgotten term")
			}
		}
	}
	if got := x.Query(251, 0.01, 5); len(got) == 0 || got[0].Doc != 250 {
		t.Errorf("Query(251) = %v, want document 250, which shares its terms", got)
	}
}

// A Probe run later, by another Searcher, while documents go on being
// added and terms forgotten, finds what Query found when its document was
// added.
func TestProbe(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	x := New(Options{Budget: 4000, Keep: 20, MaxTerms: 3000, Horizon: 40})
	type probed struct {
		p    *Probe
		want []Candidate
	}
	var waiting []probed
	var spare []*Probe
	var s Searcher
	var added []fingerprint.Print
	for i := range 600 {
		p := randomPrint(r, 60, 20000)
		if i%7 == 6 {
			p = added[i-5] // a copy, so that there is something to find
		}
		added = append(added, p)
		doc := x.Add(p)
		var reuse *Probe
		if n := len(spare); n > 0 {
			reuse, spare = spare[n-1], spare[:n-1]
		}
		probe, ok := x.Probe(reuse)
		if ok != x.Truncated() {
			t.Fatalf("document %d: Probe gives %v with the budget passed %v", doc, ok, x.Truncated())
		}
		want := x.Query(doc, 0.01, 50)
		if !ok {
			continue
		}
		waiting = append(waiting, probed{probe, want})
		if len(waiting) == 5 {
			for _, w := range waiting {
				if got := s.Search(w.p, 0.01, 50); !slices.Equal(got, w.want) {
					t.Fatalf("document %d: Search = %v, Query = %v", w.p.doc, got, w.want)
				}
				spare = append(spare, w.p)
			}
			x.Release(waiting[len(waiting)-1].p.doc)
			waiting = waiting[:0]
		}
	}
	if _, forgotten := x.Terms(); forgotten == 0 {
		t.Error("no term was forgotten: the test does not cover it")
	}
}

// Search scores as the plain sum it stands for, in the same order, and
// draws the line at min as the division does, whatever min is.
func TestSearchScores(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	x := New(Options{Budget: 3000, Keep: 20})
	var s Searcher
	var added []fingerprint.Print
	mins := []float64{0.05, 0.3, 0, -1, 1e-310, 0x1p-1000, 0x1p-1001, 1, 2, math.Inf(1), math.Inf(-1), math.NaN()}
	for i := range 500 {
		p := randomPrint(r, 60, 5000)
		if i%5 == 4 {
			p = added[r.IntN(i)] // copies, for cosines of 1 and near it
		}
		added = append(added, p)
		x.Add(p)
		probe, ok := x.Probe(nil)
		if !ok {
			continue
		}
		// The cosines found, and their neighbours, as min: the line
		// falls right on a score.
		var cut []float64
		for _, c := range plainSearch(probe, math.Inf(-1)) {
			if c.Cosine > 0 && len(cut) < 30 {
				cut = append(cut, c.Cosine, math.Nextafter(c.Cosine, 0), math.Nextafter(c.Cosine, 2))
			}
		}
		for _, min := range append(mins, cut...) {
			if got, want := s.Search(probe, min, 0), plainSearch(probe, min); !slices.Equal(got, want) {
				t.Fatalf("document %d, min %v: Search = %v, want %v", probe.doc, min, got, want)
			}
		}
	}
}

// plainSearch is Search done the plain way: a map of scores, each posting
// adding to its document's in the order of the probe's terms.
func plainSearch(p *Probe, min float64) []Candidate {
	acc := map[int32]float32{}
	for _, t := range p.terms {
		for _, e := range t.posts {
			if int(e.doc) >= p.doc {
				break
			}
			acc[e.doc] += t.q * e.tf
		}
	}
	nd := float64(p.norms[p.doc])
	if nd == 0 {
		return nil
	}
	var out []Candidate
	for d, sc := range acc {
		nn := float64(p.norms[d])
		if nn == 0 {
			continue
		}
		if c := float64(sc) / (nd * nn); c >= min {
			out = append(out, Candidate{int(d), math.Min(c, 1)})
		}
	}
	slices.SortFunc(out, func(a, b Candidate) int {
		if c := cmp.Compare(b.Cosine, a.Cosine); c != 0 {
			return c
		}
		return cmp.Compare(a.Doc, b.Doc)
	})
	return out
}

// The term table must agree with a map through growth and deletions.
func TestTermTable(t *testing.T) {
	for _, tc := range []struct {
		name string
		ids  func(r *rand.Rand) uint32
	}{
		{"hashes", func(r *rand.Rand) uint32 { return r.Uint32() }},
		{"small numbers", func(r *rand.Rand) uint32 { return uint32(r.IntN(5000)) }},
		{"clustered", func(r *rand.Rand) uint32 { return uint32(r.IntN(300)) << 20 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(5, 6))
			tab := newTermTable(16)
			want := map[uint32]int32{}
			const steps = 200000
			gone := make([]uint64, steps/64+1) // slots to remove, at the next batch
			var batch []uint32
			for step := range steps {
				id := tc.ids(r)
				s, ok := tab.get(id)
				w, wok := want[id]
				if ok != wok || s != w {
					t.Fatalf("step %d: get(%d) = %d, %v; want %d, %v", step, id, s, ok, w, wok)
				}
				switch {
				case ok && r.IntN(2) == 0:
					if gone[s/64]&(1<<(s%64)) == 0 {
						gone[s/64] |= 1 << (s % 64)
						batch = append(batch, id)
					}
				case !ok:
					tab.put(id, int32(step))
					want[id] = int32(step)
				}
				// Batches of every size, a single id among them.
				if r.IntN(500) == 0 || len(batch) == 1 && r.IntN(20) == 0 {
					tab.removeSlots(gone)
					for _, id := range batch {
						delete(want, id)
					}
					clear(gone)
					batch = batch[:0]
				}
				if tab.len() != len(want) {
					t.Fatalf("step %d: %d ids, want %d", step, tab.len(), len(want))
				}
			}
			for id, w := range want {
				if s, ok := tab.get(id); !ok || s != w {
					t.Fatalf("get(%d) = %d, %v; want %d", id, s, ok, w)
				}
			}
		})
	}
}

// weighed is a term with its TF-IDF weight.
type weighed struct {
	t term
	w float32
}

// ranksBefore reports whether a is kept before b: the heavier first, and
// of two as heavy, the lower slot.
func ranksBefore(a, b weighed) bool {
	if c := cmp.Compare(b.w, a.w); c != 0 {
		return c < 0
	}
	return a.t.slot < b.t.slot
}

// rankKey orders terms as ranksBefore, odd weights included.
func TestRankKey(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	odd := []float32{float32(math.NaN()), -float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)),
		0, float32(math.Copysign(0, -1)), math.SmallestNonzeroFloat32, -math.SmallestNonzeroFloat32,
		math.MaxFloat32, -math.MaxFloat32, 1, -1, 1.5, 2}
	var ws []weighed
	for range 2000 {
		var w float32
		if r.IntN(2) == 0 {
			w = odd[r.IntN(len(odd))]
		} else {
			w = math.Float32frombits(r.Uint32())
		}
		ws = append(ws, weighed{term{int32(r.IntN(50)), 1}, w})
	}
	for _, a := range ws {
		for _, b := range ws[:100] {
			if got, want := rankKey(a.w, a.t.slot) < rankKey(b.w, b.t.slot), ranksBefore(a, b); got != want {
				t.Fatalf("%v (slot %d) before %v (slot %d): %v, want %v", a.w, a.t.slot, b.w, b.t.slot, got, want)
			}
		}
	}
}

// selectKth finds what a full sort puts k-th.
func TestSelectKth(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, n := range []int{1, 2, 3, 10, 65, 500} {
		for _, k := range []int{0, 1, n / 2, n - 2, n - 1} {
			if k < 0 || k >= n {
				continue
			}
			keys := make([]uint64, n)
			for i := range keys {
				// Few distinct high halves, as weights tie often.
				keys[i] = uint64(r.IntN(4))<<32 | uint64(i)
			}
			r.Shuffle(n, func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
			sorted := slices.Clone(keys)
			slices.Sort(sorted)
			if got := selectKth(keys, k); got != sorted[k] {
				t.Fatalf("n %d k %d: %x, want %x", n, k, got, sorted[k])
			}
		}
	}
}

func slots(ws []weighed) []int32 {
	var s []int32
	for _, w := range ws {
		s = append(s, w.t.slot)
	}
	slices.Sort(s)
	return s
}

// benchPrints returns the base prints of the Add benchmarks: documents
// of 400 terms drawn from a vocabulary of millions, so that the index's
// tables are far larger than the processor's caches, as in a long run.
func benchPrints() []fingerprint.Print {
	r := rand.New(rand.NewPCG(9, 10))
	base := make([]fingerprint.Print, 2048)
	for i := range base {
		base[i] = randomPrint(r, 400, 1<<24)
		for k := range base[i] {
			base[i][k].ID *= 2654435761 // spread over the id space, as hashes are
		}
		slices.SortFunc(base[i], func(a, b fingerprint.Term) int { return cmp.Compare(a.ID, b.ID) })
	}
	return base
}

// benchPrint returns the i-th document's print: a base print, with fresh
// terms in every document past the first len(base), as names and typos
// come.
func benchPrint(base []fingerprint.Print, i int) fingerprint.Print {
	p := base[i%len(base)]
	if i < len(base) {
		return p
	}
	p = slices.Clone(p)
	for k := range p[:100] {
		p[k].ID ^= uint32(i) << 8
	}
	slices.SortFunc(p, func(a, b fingerprint.Term) int { return cmp.Compare(a.ID, b.ID) })
	return slices.CompactFunc(p, func(a, b fingerprint.Term) bool { return a.ID == b.ID })
}

// BenchmarkAdd adds 40,000 documents of benchPrints, making the fresh
// prints as it goes.
func BenchmarkAdd(b *testing.B) {
	base := benchPrints()
	cpu := cputime.Start()
	defer cpu.Report(b)
	for b.Loop() {
		x := New(Options{})
		for i := range 40000 {
			x.Add(benchPrint(base, i))
		}
	}
}

// BenchmarkAddProbe adds documents as BenchmarkAdd does, and takes the
// probe of each as a run does, with every print made before the clock
// starts: preparing them took a sixth of BenchmarkAdd's work.
func BenchmarkAddProbe(b *testing.B) {
	base := benchPrints()
	prints := make([]fingerprint.Print, 40000)
	for i := range prints {
		prints[i] = benchPrint(base, i)
	}
	cpu := cputime.Start()
	defer cpu.Report(b)
	for b.Loop() {
		x := New(Options{})
		var q *Probe
		for _, p := range prints {
			doc := x.Add(p)
			q, _ = x.Probe(q)
			x.Release(doc)
		}
	}
}

// BenchmarkQuery queries documents of 400 terms among 16,000: with every
// term stored ("full"), by Query, as a run does until the budget is
// passed; and with each document's 64 most distinctive ("kept"), by
// Probes taken as they were added, as a run does after.
func BenchmarkQuery(b *testing.B) {
	const docs = 16000
	r := rand.New(rand.NewPCG(11, 12))
	prints := make([]fingerprint.Print, docs)
	for i := range prints {
		prints[i] = randomPrint(r, 400, 1<<22)
	}
	b.Run("full", func(b *testing.B) {
		x := New(Options{})
		for _, p := range prints {
			x.Add(p)
		}
		cpu := cputime.Start()
		i := 0
		for b.Loop() {
			x.Query(docs/2+i%(docs/2), 0.05, 24)
			i++
		}
		cpu.Report(b)
	})
	b.Run("kept", func(b *testing.B) {
		x := New(Options{Budget: 400 * 1000})
		var probes []*Probe
		for _, p := range prints {
			x.Add(p)
			if q, ok := x.Probe(nil); ok {
				probes = append(probes, q)
			}
		}
		var s Searcher
		cpu := cputime.Start()
		i := 0
		for b.Loop() {
			s.Search(probes[len(probes)/2+i%(len(probes)/2)], 0.05, 24)
			i++
		}
		cpu.Report(b)
	})
}

// Posting lists grow through blocks of every size, and blocks let go
// serve other lists, without one list's entries showing in another's.
func TestPostings(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	p := newPostings()
	const lists = 3000
	refs := make([]postRef, lists)
	want := make([][]entry, lists)
	for doc := range 200000 {
		k := int(math.Pow(lists, r.Float64())) // some lists grow long, most stay short
		if len(want[k]) == 300 {
			p.release(refs[k], int32(doc))
			refs[k], want[k] = 0, nil
			continue
		}
		e := entry{int32(doc), float32(k)}
		refs[k] = p.add(refs[k], len(want[k]), e, int32(doc))
		want[k] = append(want[k], e)
	}
	for k := range lists {
		if got := p.slice(refs[k], len(want[k])); !slices.Equal(got, want[k]) {
			t.Fatalf("list %d: %d entries, want %d: %v", k, len(got), len(want[k]), got)
		}
	}
	held := 0
	for c, pc := range p.classes {
		held += (int(pc.blocks) - len(pc.free)) << c
	}
	inUse := 0
	for _, w := range want {
		inUse += len(w)
	}
	if held > 2*inUse+maxClasses {
		t.Errorf("%d entries held for %d in use: blocks let go are not reused", held, inUse)
	}
}

// normTop's norm is normOfTerms' to the bit, and it keeps the terms a
// full sort by weight ranks first.
func TestNormTop(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	x := New(Options{Keep: 20})
	for range 300 {
		x.Add(randomPrint(r, 60, 3000))
	}
	for _, tc := range []struct {
		name string
		k, n int // terms drawn, collection size
	}{
		{"fewer than Keep", 10, x.Len()},
		{"Keep", 20, x.Len()},
		{"more than Keep", 200, x.Len()},
		{"a small collection", 200, 2},
		{"a larger collection", 200, 10 * x.Len()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ts []term
			for _, s := range r.Perm(x.slots.len())[:tc.k] {
				ts = append(ts, term{int32(s), float32(1 + r.IntN(3))})
			}
			want := x.normOfTerms(ts, tc.n, nil)
			norm, kept := x.normTop(slices.Clone(ts), tc.n)
			if norm != want {
				t.Errorf("norm %v, normOfTerms %v", norm, want)
			}
			ws := make([]weighed, len(ts))
			for i, tm := range ts {
				ws[i] = weighed{tm, tm.w * float32(idf(tc.n, int(*x.slots.df(tm.slot))))}
			}
			slices.SortFunc(ws, func(a, b weighed) int {
				if ranksBefore(a, b) {
					return -1
				}
				return 1
			})
			ws = ws[:min(len(ws), 20)]
			got := make([]weighed, len(kept))
			for i, tm := range kept {
				got[i] = weighed{t: tm}
			}
			if g, w := slots(got), slots(ws); !slices.Equal(g, w) {
				t.Errorf("kept %v, want %v", g, w)
			}
		})
	}
}

// The memo gives what idf computes, whatever was asked of it before:
// other sizes, and frequencies that share its entries.
func TestIDFMemo(t *testing.T) {
	var m idfMemo
	for _, q := range []struct{ n, df int }{
		{0, 0}, {1, 1}, {2, 1}, {3, 1}, {3, 2}, {100, 1}, {100, 1 + memoSize},
		{101, 1}, {100, 1}, {1 << 20, 1 + memoSize}, {1 << 20, 1}, {1 << 30, 1 << 29}, {99, 1 + memoSize},
	} {
		got, ok := m.lookup(q.n, q.df)
		if !ok {
			got = idf(q.n, q.df)
			m.store(q.n, q.df, got)
		}
		if want := idf(q.n, q.df); got != want {
			t.Errorf("idf(%d, %d) = %v, want %v", q.n, q.df, got, want)
		}
	}
}
