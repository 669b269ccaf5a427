package story

import "slices"

// Edge is the similarity of items I and J. Pairs without an edge count as
// similarity 0.
type Edge struct {
	I, J int
	Sim  float64
}

// Cluster groups n items by average-linkage agglomerative clustering: the
// two groups whose mean pairwise similarity is highest merge, until no two
// groups are closer than threshold. Pairs in link are joined first,
// whatever their similarity.
//
// Similarities come as a sparse list of edges; a missing pair counts as 0,
// which is what makes this near-linear: a group only ever needs the sums
// towards the groups it has an edge to, and a merge touches only those.
// Cosines under a tenth are well below any threshold worth using, so
// leaving them out changes averages too little to change a merge.
//
// Groups come back sorted, each by item, and by their first item.
func Cluster(n int, edges []Edge, link [][2]int, threshold float64) [][]int {
	// Union the must-link pairs first.
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	find := func(x int) int {
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
	groupOf := make([]int, n)
	var groups [][]int
	first := map[int]int{}
	for i := range n {
		r := find(i)
		g, ok := first[r]
		if !ok {
			g = len(groups)
			first[r] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
		groupOf[i] = g
	}

	// sums[g][h] is the sum of the similarities between members of g and h.
	// Each map is made at the size of its group's edges, which bounds its
	// neighbours, rather than grown from nothing: building the maps was a
	// third of the grouping of a million articles.
	degree := make([]int32, len(groups))
	for _, e := range edges {
		if g, h := groupOf[e.I], groupOf[e.J]; g != h && e.Sim > 0 {
			degree[g]++
			degree[h]++
		}
	}
	sums := make([]map[int]float64, len(groups))
	for _, e := range edges {
		g, h := groupOf[e.I], groupOf[e.J]
		if g == h || e.Sim <= 0 {
			continue
		}
		for _, gh := range [2][2]int{{g, h}, {h, g}} {
			if sums[gh[0]] == nil {
				sums[gh[0]] = make(map[int]float64, degree[gh[0]])
			}
			sums[gh[0]][gh[1]] += e.Sim
		}
	}
	degree = nil
	version := make([]int, len(groups))
	var q mergeQueue
	push := func(g, h int) {
		avg := sums[g][h] / float64(len(groups[g])*len(groups[h]))
		if avg >= threshold {
			q.push(merge{avg: avg, g: min(g, h), h: max(g, h), vg: version[min(g, h)], vh: version[max(g, h)]})
		}
	}
	var keys []int // sortedKeys', reused
	for g := range sums {
		for h := range sums[g] {
			if g < h {
				push(g, h)
			}
		}
	}
	for len(q) > 0 {
		m := q.pop()
		if groups[m.g] == nil || groups[m.h] == nil || version[m.g] != m.vg || version[m.h] != m.vh {
			continue // one side has merged since
		}
		// Keep the larger group's map and fold the smaller one into it.
		big, small := m.g, m.h
		if len(sums[big]) < len(sums[small]) {
			big, small = small, big
		}
		groups[big] = append(groups[big], groups[small]...)
		groups[small] = nil
		version[big]++
		if sums[big] == nil {
			sums[big] = map[int]float64{}
		}
		delete(sums[big], small)
		// In item order, so that sums, and ties, come out the same every run.
		keys = sortedKeys(keys, sums[small])
		for _, k := range keys {
			if k == big {
				continue
			}
			s := sums[small][k]
			sums[big][k] += s
			delete(sums[k], small)
			sums[k][big] += s
		}
		sums[small] = nil
		keys = sortedKeys(keys, sums[big])
		for _, k := range keys {
			push(big, k)
		}
	}
	var out [][]int
	for _, g := range groups {
		if g != nil {
			slices.Sort(g)
			out = append(out, g)
		}
	}
	slices.SortFunc(out, func(x, y []int) int { return x[0] - y[0] })
	return out
}

// sortedKeys returns the keys of m, in order, in keys' array.
func sortedKeys(keys []int, m map[int]float64) []int {
	keys = keys[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// merge is a candidate merge of groups g < h, valid while both groups are
// at the versions it was made at.
type merge struct {
	avg    float64
	g, h   int
	vg, vh int
}

// mergeQueue is a max-heap of merges by average similarity, ties by the
// lower groups first. It is written out rather than made with
// container/heap, whose interface boxes every merge pushed: a million
// items push millions. Merges that tie on all three pop one after
// another, in either order: at most one of them is still valid.
type mergeQueue []merge

// before reports whether merge a pops before b.
func before(a, b *merge) bool {
	if a.avg != b.avg {
		return a.avg > b.avg
	}
	if a.g != b.g {
		return a.g < b.g
	}
	return a.h < b.h
}

func (q *mergeQueue) push(m merge) {
	*q = append(*q, m)
	h := *q
	for i := len(h) - 1; i > 0; {
		parent := (i - 1) / 2
		if !before(&h[i], &h[parent]) {
			break
		}
		h[i], h[parent] = h[parent], h[i]
		i = parent
	}
}

func (q *mergeQueue) pop() merge {
	h := *q
	top := h[0]
	n := len(h) - 1
	h[0] = h[n]
	h = h[:n]
	for i := 0; ; {
		c := 2*i + 1
		if c >= n {
			break
		}
		if r := c + 1; r < n && before(&h[r], &h[c]) {
			c = r
		}
		if !before(&h[c], &h[i]) {
			break
		}
		h[i], h[c] = h[c], h[i]
		i = c
	}
	*q = h
	return top
}
