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
	// Groups are numbered in order of their first items: ties between
	// merges go to lower numbers.
	groupOf := make([]int, n)
	var groups [][]int
	for i := range n {
		if r := find(i); r == i {
			groupOf[i] = len(groups)
			groups = append(groups, []int{i})
		} else {
			// A root is its group's lowest item, so its number is set.
			g := groupOf[r]
			groups[g] = append(groups[g], i)
			groupOf[i] = g
		}
	}

	graph := newGraph(groups, groupOf, edges)
	version := make([]int32, len(groups))
	candidate := func(r *pairSum) (merge, bool) {
		avg := r.sum / float64(len(groups[r.a])*len(groups[r.b]))
		lo, hi := min(r.a, r.b), max(r.a, r.b)
		return merge{avg: avg, g: lo, h: hi, vg: version[lo], vh: version[hi]}, avg >= threshold
	}
	var q mergeQueue
	for r := range graph.pairs {
		if m, ok := candidate(&graph.pairs[r]); ok {
			q = append(q, m)
		}
	}
	q.init()
	for len(q) > 0 {
		m := q.pop()
		if groups[m.g] == nil || groups[m.h] == nil || version[m.g] != m.vg || version[m.h] != m.vh {
			continue // one side has merged since
		}
		// The group with more neighbours takes the other in, so that
		// fewer pairs are moved.
		big, small := m.g, m.h
		if graph.degree[big] < graph.degree[small] {
			big, small = small, big
		}
		groups[big] = append(groups[big], groups[small]...)
		groups[small] = nil
		version[big]++
		for _, r := range graph.merge(big, small) {
			if m, ok := candidate(&graph.pairs[r]); ok {
				q.push(m)
			}
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

// merge is a candidate merge of groups g < h, valid while both groups are
// at the versions it was made at.
type merge struct {
	avg    float64
	g, h   int32
	vg, vh int32
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
	*q = h[:n]
	q.down(0)
	return top
}

// init orders q as a heap, in linear time: a million items start with
// millions of merges, which pushing one by one would sort.
func (q *mergeQueue) init() {
	for i := len(*q)/2 - 1; i >= 0; i-- {
		q.down(i)
	}
}

// down moves the merge at i down to its place.
func (q *mergeQueue) down(i int) {
	h := *q
	n := len(h)
	for {
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
}
