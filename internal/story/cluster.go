package story

import "slices"

// Cluster groups n items by average-linkage agglomerative clustering: the
// two groups whose mean pairwise similarity is highest merge, until no two
// groups are closer than threshold. Pairs in link are joined first,
// whatever their similarity. sim must be symmetric. Groups come back
// sorted, each by item, and by their first item.
func Cluster(n int, sim func(i, j int) float64, link [][2]int, threshold float64) [][]int {
	// Union the must-link pairs first.
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for _, l := range link {
		ra, rb := find(l[0]), find(l[1])
		if ra != rb {
			parent[max(ra, rb)] = min(ra, rb)
		}
	}
	groupOf := map[int]int{}
	var groups [][]int
	for i := range n {
		r := find(i)
		g, ok := groupOf[r]
		if !ok {
			g = len(groups)
			groupOf[r] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}

	// sum[g][h] is the sum of similarities between the members of g and h.
	m := len(groups)
	sum := make([][]float64, m)
	for g := range sum {
		sum[g] = make([]float64, m)
	}
	for g := range m {
		for h := g + 1; h < m; h++ {
			var s float64
			for _, i := range groups[g] {
				for _, j := range groups[h] {
					s += sim(i, j)
				}
			}
			sum[g][h], sum[h][g] = s, s
		}
	}
	alive := make([]bool, m)
	for g := range alive {
		alive[g] = true
	}
	for {
		bg, bh, best := -1, -1, threshold
		for g := range m {
			if !alive[g] {
				continue
			}
			for h := g + 1; h < m; h++ {
				if !alive[h] {
					continue
				}
				if avg := sum[g][h] / float64(len(groups[g])*len(groups[h])); avg >= best {
					bg, bh, best = g, h, avg
				}
			}
		}
		if bg < 0 {
			break
		}
		groups[bg] = append(groups[bg], groups[bh]...)
		groups[bh] = nil
		alive[bh] = false
		for k := range m {
			if alive[k] && k != bg {
				sum[bg][k] += sum[bh][k]
				sum[k][bg] = sum[bg][k]
			}
		}
	}
	var out [][]int
	for g := range m {
		if alive[g] {
			slices.Sort(groups[g])
			out = append(out, groups[g])
		}
	}
	slices.SortFunc(out, func(x, y []int) int { return x[0] - y[0] })
	return out
}
