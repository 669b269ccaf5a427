package story

import "slices"

// pairSum is the sum of the similarities between the members of groups a
// and b, once for both directions. A pair moved to the group that took
// one of its groups in says so in place, so that the lists of its other
// group, which hold it by number, need no change.
type pairSum struct {
	a, b int32 // a is -1 once the pair is gone
	sum  float64
}

// other returns the group of r that is not g.
func (r *pairSum) other(g int32) int32 {
	if r.a == g {
		return r.b
	}
	return r.a
}

// graph is the groups' pairs of nonzero similarity. A map of sums per
// group was what grouping a million documents spent its time on,
// hashing; here a group lists its pairs by number in one array of all
// of them, and finding a neighbour's pair during a merge is an array
// read of marks.
type graph struct {
	pairs  []pairSum
	lists  [][]int32 // by group, the pairs it is in, some of them gone
	degree []int32   // by group, its pairs not gone
	marks  []int32   // by group, one more than its pair with the merging group, or 0
	moved  []int32   // merge's
}

// newGraph sums edges into pairs of the groups they join. The sums of one
// pair are added up in the order of edges, so that they are the same
// every run.
func newGraph(groups [][]int, groupOf []int, edges []Edge) *graph {
	n := len(groups)
	g := &graph{degree: make([]int32, n), marks: make([]int32, n)}
	// The edges by their lower group, in order, by a counting sort.
	start := make([]int32, n+1)
	for _, e := range edges {
		if a, b := groupOf[e.I], groupOf[e.J]; a != b && e.Sim > 0 {
			start[min(a, b)+1]++
		}
	}
	for i := range n {
		start[i+1] += start[i]
	}
	type half struct {
		b   int32
		sim float64
	}
	byLow := make([]half, start[n])
	at := slices.Clone(start[:n])
	for _, e := range edges {
		if a, b := groupOf[e.I], groupOf[e.J]; a != b && e.Sim > 0 {
			lo := min(a, b)
			byLow[at[lo]] = half{int32(max(a, b)), e.Sim}
			at[lo]++
		}
	}
	at = nil
	g.pairs = make([]pairSum, 0, len(byLow)) // at most one each
	for a := range n {
		run := byLow[start[a]:start[a+1]]
		for _, h := range run {
			if p := g.marks[h.b]; p != 0 {
				g.pairs[p-1].sum += h.sim
				continue
			}
			g.pairs = append(g.pairs, pairSum{int32(a), h.b, h.sim})
			g.marks[h.b] = int32(len(g.pairs))
		}
		for _, h := range run {
			g.marks[h.b] = 0
		}
	}
	byLow = nil
	for _, r := range g.pairs {
		g.degree[r.a]++
		g.degree[r.b]++
	}
	// Each group's list is a piece of one array, capped, so that a list
	// that grows moves out rather than into the next group's.
	all := make([]int32, 2*len(g.pairs))
	g.lists = make([][]int32, n)
	off := 0
	for i, d := range g.degree {
		g.lists[i] = all[off : off : off+int(d)]
		off += int(d)
	}
	for r, p := range g.pairs {
		g.lists[p.a] = append(g.lists[p.a], int32(r))
		g.lists[p.b] = append(g.lists[p.b], int32(r))
	}
	return g
}

// merge folds group small's pairs into big's and returns big's pairs.
// Where both had a pair with a group k, small's sum is added to big's and
// its own pair is gone; where only small had one, the pair is moved to
// big. A merged sum is big's plus small's, one addition, whichever group
// keeps its pairs: so the sums, and the merges they decide, are the same
// every run.
func (g *graph) merge(big, small int32) []int32 {
	list := g.lists[big][:0] // its pairs not gone, kept in place
	for _, r := range g.lists[big] {
		p := &g.pairs[r]
		if p.a < 0 {
			continue
		}
		k := p.other(big)
		if k == small {
			p.a = -1
			g.degree[big]--
			g.degree[small]--
			continue
		}
		g.marks[k] = r + 1
		list = append(list, r)
	}
	g.moved = g.moved[:0]
	for _, r := range g.lists[small] {
		p := &g.pairs[r]
		if p.a < 0 {
			continue
		}
		k := p.other(small)
		if q := g.marks[k]; q != 0 {
			g.pairs[q-1].sum += p.sum
			p.a = -1
			g.degree[k]--
			continue
		}
		if p.a == small {
			p.a = big
		} else {
			p.b = big
		}
		g.degree[big]++
		g.moved = append(g.moved, r)
	}
	for _, r := range list {
		g.marks[g.pairs[r].other(big)] = 0
	}
	list = append(list, g.moved...)
	g.lists[big], g.lists[small] = list, nil
	g.degree[small] = 0
	return list
}
