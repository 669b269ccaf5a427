package story

import (
	"fmt"
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
	sim := func(i, j int) float64 { return s[[2]int{min(i, j), max(i, j)}] }
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
			got := Cluster(6, sim, tt.link, tt.threshold)
			if !slices.EqualFunc(got, tt.want, slices.Equal) {
				t.Errorf("Cluster = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestVectorCosine(t *testing.T) {
	docs := []Terms{
		NewTerms("Red Sox offer Teixeira $200 million", []string{"The Boston Red Sox offered Mark Teixeira an eight-year, $200 million contract."}),
		NewTerms("Teixeira gets Red Sox offer", []string{"Boston made first baseman Mark Teixeira an eight-year offer worth $200 million."}),
		NewTerms("Earthquake hits Indonesia", []string{"A strong earthquake struck off the coast of Indonesia on Sunday, officials said."}),
		NewTerms("Quake in Indonesia", []string{"An earthquake of magnitude 6.1 struck Indonesia's coast on Sunday."}),
	}
	df := NewDF()
	for _, d := range docs {
		df.Add(d)
	}
	v := make([]Vector, len(docs))
	for i, d := range docs {
		v[i] = df.Vector(d)
	}
	same, other := Cosine(v[0], v[1]), Cosine(v[0], v[2])
	if same <= 0.3 || other >= 0.05 {
		t.Errorf("cosine same story %.2f (want > 0.3), other story %.2f (want < 0.05)", same, other)
	}
	if self := Cosine(v[2], v[2]); self < 0.999 || self > 1.001 {
		t.Errorf("self cosine %.3f, want 1", self)
	}
}

func ExampleCluster() {
	sim := func(i, j int) float64 {
		if i/2 == j/2 {
			return 0.9
		}
		return 0.1
	}
	fmt.Println(Cluster(4, sim, nil, 0.5))
	// Output: [[0 1] [2 3]]
}
