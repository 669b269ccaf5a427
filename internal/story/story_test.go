package story

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestCluster(t *testing.T) {
	// Two tight groups {0,1,2} and {3,4}; 2 and 3 are close to each
	// other alone, which must not chain the groups under average linkage.
	s := map[[2]int]float64{
		{0, 1}: 0.8, {0, 2}: 0.7, {1, 2}: 0.75,
		{3, 4}: 0.9,
		{2, 3}: 0.5,
	}
	var edges []Edge
	for k, v := range s {
		edges = append(edges, Edge{k[0], k[1], v})
	}
	tests := []struct {
		name      string
		link      [][2]int
		threshold float64
		want      [][]int
	}{
		{"average linkage does not chain", nil, 0.3, [][]int{{0, 1, 2}, {3, 4}, {5}}},
		{"single link would chain at a low threshold", nil, 0.05, [][]int{{0, 1, 2, 3, 4}, {5}}},
		{"must-link joins dissimilar items", [][2]int{{4, 5}}, 0.3, [][]int{{0, 1, 2}, {3, 4, 5}}},
		{"high threshold leaves singletons", nil, 0.95, [][]int{{0}, {1}, {2}, {3}, {4}, {5}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Cluster(6, edges, tt.link, tt.threshold)
			if !slices.EqualFunc(got, tt.want, slices.Equal) {
				t.Errorf("Cluster = %v, want %v", got, tt.want)
			}
		})
	}
}

func ExampleCluster() {
	edges := []Edge{{0, 1, 0.9}, {2, 3, 0.9}, {1, 2, 0.1}}
	fmt.Println(Cluster(4, edges, nil, 0.5))
	// Output: [[0 1] [2 3]]
}

// denseCluster is average linkage done the textbook way, over every pair:
// the reference the sparse Cluster must agree with.
func denseCluster(n int, sim func(i, j int) float64, link [][2]int, threshold float64) [][]int {
	var groups [][]int
	for i := range n {
		groups = append(groups, []int{i})
	}
	merge := func(g, h int) {
		groups[g] = append(groups[g], groups[h]...)
		groups = slices.Delete(groups, h, h+1)
	}
	for _, l := range link {
		g := slices.IndexFunc(groups, func(x []int) bool { return slices.Contains(x, l[0]) })
		h := slices.IndexFunc(groups, func(x []int) bool { return slices.Contains(x, l[1]) })
		if g != h {
			merge(min(g, h), max(g, h))
		}
	}
	for {
		bg, bh, best := -1, -1, threshold
		for g := range groups {
			for h := g + 1; h < len(groups); h++ {
				var s float64
				for _, i := range groups[g] {
					for _, j := range groups[h] {
						s += sim(i, j)
					}
				}
				if avg := s / float64(len(groups[g])*len(groups[h])); avg > best || bg < 0 && avg >= best {
					bg, bh, best = g, h, avg
				}
			}
		}
		if bg < 0 {
			break
		}
		merge(bg, bh)
	}
	for _, g := range groups {
		slices.Sort(g)
	}
	slices.SortFunc(groups, func(x, y []int) int { return x[0] - y[0] })
	return groups
}

// The sparse clustering must give what average linkage over every pair
// gives, on random graphs of planted groups with noise between them.
func TestClusterMatchesDense(t *testing.T) {
	for seed := range uint64(40) {
		r := rand.New(rand.NewPCG(seed, 7))
		n := 5 + r.IntN(40)
		truth := make([]int, n)
		for i := range truth {
			truth[i] = r.IntN(1 + n/4)
		}
		sim := map[[2]int]float64{}
		var edges []Edge
		for i := range n {
			for j := i + 1; j < n; j++ {
				var s float64
				switch {
				case truth[i] == truth[j] && r.Float64() < 0.8:
					s = 0.2 + 0.7*r.Float64()
				case r.Float64() < 0.1:
					s = 0.3 * r.Float64()
				default:
					continue
				}
				// Distinct values, so that no two averages tie.
				s = math.Round(s*1000)/1000 + float64(i*n+j)*1e-7
				sim[[2]int{i, j}] = s
				edges = append(edges, Edge{i, j, s})
			}
		}
		var link [][2]int
		if r.IntN(2) == 0 {
			link = append(link, [2]int{r.IntN(n), r.IntN(n)})
		}
		th := 0.1 + 0.3*r.Float64()
		want := denseCluster(n, func(i, j int) float64 { return sim[[2]int{min(i, j), max(i, j)}] }, link, th)
		got := Cluster(n, edges, link, th)
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("seed %d: Cluster = %v\nwant (dense) %v", seed, got, want)
		}
	}
}

// BenchmarkCluster groups 200,000 items with about eight edges each to
// items shortly before them, most weak and some strong, as an analysis's
// candidate edges are: many small stories among unrelated texts.
func BenchmarkCluster(b *testing.B) {
	const n = 200000
	r := rand.New(rand.NewPCG(1, 2))
	var edges []Edge
	var link [][2]int
	for j := 1; j < n; j++ {
		for range r.IntN(16) {
			i := max(0, j-1-r.IntN(5000))
			sim := 0.08 + 0.2*r.Float64()
			if r.IntN(20) == 0 {
				sim = 0.3 + 0.6*r.Float64()
			}
			edges = append(edges, Edge{i, j, sim})
		}
		if r.IntN(50) == 0 {
			link = append(link, [2]int{max(0, j-1-r.IntN(100)), j})
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		Cluster(n, edges, link, 0.2)
	}
}
