package index

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stemma-news/stemma/internal/fingerprint"
)

// Prints cut at random and compacted, again and again, must read back as
// they were cut, with those longer than a chunk among them in odd seeds;
// with none, the chunks let go must leave little more than the prints.
func TestPrintStoreCompact(t *testing.T) {
	for seed := range uint64(6) {
		r := rand.New(rand.NewPCG(seed, 11))
		var s printStore
		var want [][]term
		add := func() {
			n := r.IntN(300)
			if seed%2 == 1 && r.IntN(200) == 0 {
				n = printChunk + r.IntN(printChunk)
			}
			ts := s.add(n)
			for i := range ts {
				ts[i] = term{slot: r.Int32(), w: r.Float32()}
			}
			want = append(want, slices.Clone(ts))
		}
		check := func(step string) {
			t.Helper()
			if s.len() != len(want) {
				t.Fatalf("seed %d, %s: %d prints, want %d", seed, step, s.len(), len(want))
			}
			for doc, w := range want {
				if got := s.at(doc); !slices.Equal(got, w) {
					t.Fatalf("seed %d, %s: print %d differs (%d terms, want %d)", seed, step, doc, len(got), len(w))
				}
			}
		}
		for range 6 {
			for range 2000 {
				add()
			}
			for doc := range want {
				if r.IntN(3) == 0 {
					k := r.IntN(len(want[doc]) + 1)
					s.cut(doc, k)
					want[doc] = want[doc][:k]
				}
			}
			check("cut")
			held := s.held()
			s.compact()
			check("compacted")
			stored := 0
			for _, w := range want {
				stored += len(w)
			}
			if s.held() > held || seed%2 == 0 && s.held() > stored+stored/100+2*printChunk {
				t.Fatalf("seed %d: %d terms held for %d stored (%d before)", seed, s.held(), stored, held)
			}
		}
	}
}

// Moving prints together is not seen from outside: an index that moves
// them after every document answers as one that moves them when prune
// has cut enough, before and after the budget is passed.
func TestCompactUnseen(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	opt := Options{Budget: 20000, Keep: 30, MaxTerms: 3000, Horizon: 40}
	x, y := New(opt), New(opt)
	var added []fingerprint.Print
	for i := range 1500 {
		p := randomPrint(r, 20+r.IntN(60), 1<<16)
		if i%7 == 3 && i > 10 {
			p = added[i-1-r.IntN(10)] // a copy
		}
		added = append(added, p)
		x.Add(p)
		y.Add(p)
		y.last = slices.Clone(y.last)
		y.prints.compact()
		gx, gy := x.Query(i, 0.05, 5), y.Query(i, 0.05, 5)
		if !slices.Equal(gx, gy) {
			t.Fatalf("document %d: Query = %v, moved after every document %v", i, gx, gy)
		}
	}
	if !x.Truncated() {
		t.Fatal("the budget was never passed")
	}
	if _, forgotten := x.Terms(); forgotten == 0 {
		t.Fatal("no term was forgotten")
	}
	for a := 0; a < x.Len(); a += 7 {
		for b := a + 1; b < x.Len(); b += 13 {
			if cx, cy := x.Cosine(a, b), y.Cosine(a, b); cx != cy {
				t.Fatalf("Cosine(%d, %d) = %v, moved after every document %v", a, b, cx, cy)
			}
		}
	}
}
