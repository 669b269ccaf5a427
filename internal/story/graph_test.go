package story

import (
	"math/rand/v2"
	"testing"
)

// The pairs' sums and degrees after any run of merges must be what
// adding the groups' maps of sums gives, which is how they were kept
// before.
func TestGraphMerge(t *testing.T) {
	for seed := range uint64(20) {
		r := rand.New(rand.NewPCG(seed, 3))
		n := 2 + r.IntN(60)
		groups := make([][]int, n)
		groupOf := make([]int, n)
		for i := range n {
			groups[i], groupOf[i] = []int{i}, i
		}
		var edges []Edge
		for range r.IntN(4 * n) {
			edges = append(edges, Edge{r.IntN(n), r.IntN(n), r.Float64() - 0.1})
		}
		want := make([]map[int]float64, n)
		for i := range want {
			want[i] = map[int]float64{}
		}
		for _, e := range edges {
			if e.I != e.J && e.Sim > 0 {
				want[e.I][e.J] += e.Sim
				want[e.J][e.I] += e.Sim
			}
		}
		g := newGraph(groups, groupOf, edges)
		check := func(step string) {
			t.Helper()
			for a := range n {
				if int(g.degree[a]) != len(want[a]) {
					t.Fatalf("seed %d, %s: degree[%d] = %d, want %d", seed, step, a, g.degree[a], len(want[a]))
				}
			}
			live := 0
			for _, p := range g.pairs {
				if p.a < 0 {
					continue
				}
				live++
				if w, ok := want[p.a][int(p.b)]; !ok || w != p.sum {
					t.Fatalf("seed %d, %s: pair %d-%d sums %v, want %v (%v)", seed, step, p.a, p.b, p.sum, w, ok)
				}
			}
			total := 0
			for a := range n {
				total += len(want[a])
			}
			if 2*live != total {
				t.Fatalf("seed %d, %s: %d pairs, want %d", seed, step, live, total/2)
			}
		}
		check("built")
		for step := 0; step < n; step++ {
			big := r.IntN(n)
			var ks []int
			for k := range want[big] {
				ks = append(ks, k)
			}
			if len(ks) == 0 {
				continue
			}
			small := ks[r.IntN(len(ks))]
			list := g.merge(int32(big), int32(small))
			delete(want[big], small)
			for k, s := range want[small] {
				if k != big {
					want[big][k] += s
					delete(want[k], small)
					want[k][big] += s
				}
			}
			want[small] = map[int]float64{}
			if len(list) != len(want[big]) {
				t.Fatalf("seed %d: merge returned %d pairs, want %d", seed, len(list), len(want[big]))
			}
			check("merged")
		}
	}
}
