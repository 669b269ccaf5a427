package analysis

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/lineage"
	"github.com/stemma-news/stemma/internal/relate"
	"github.com/stemma-news/stemma/internal/story"
)

// Options tune an analysis. The zero value is usable.
type Options struct {
	// StoryThreshold is the mean TF-IDF cosine two groups of documents
	// need to be one story. Zero means DefaultStoryThreshold.
	StoryThreshold float64
	// CandidateThreshold is the TF-IDF cosine under which a pair is not
	// aligned at all: a derived pair shares far more vocabulary than this.
	// Zero means DefaultCandidateThreshold; a negative value aligns every
	// pair.
	CandidateThreshold float64
	// Workers bounds parallel work; zero means one per CPU.
	Workers int
}

// Defaults, chosen in the gap between same-event and same-kind pairs.
const (
	DefaultStoryThreshold     = 0.18
	DefaultCandidateThreshold = 0.12
)

// Result is a finished analysis.
type Result struct {
	Documents []*document.Document
	// Pairs lists every related pair: derived pairs and same-story pairs,
	// A before B in document order.
	Pairs   []*relate.Pair
	Stories []*Story
}

// Story is a group of documents telling one event, with its lineage.
type Story struct {
	ID        string
	Documents []string // ids, in input order
	Origin    string   // "" when unknown
	Lineage   *lineage.Lineage
}

// Analyze analyses docs. It returns early with ctx's error when ctx ends.
func Analyze(ctx context.Context, docs []*document.Document, opt Options) (*Result, error) {
	if opt.StoryThreshold == 0 {
		opt.StoryThreshold = DefaultStoryThreshold
	}
	if opt.CandidateThreshold == 0 {
		opt.CandidateThreshold = DefaultCandidateThreshold
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	n := len(docs)
	profiles := make([]*relate.Doc, n)
	terms := make([]story.Terms, n)
	if err := parallel(ctx, n, opt.Workers, func(i int) {
		profiles[i] = relate.NewDoc(docs[i])
		// The body's terms come from the tokens the profile already made.
		t := story.Terms{}
		t.AddTitle(docs[i].Title)
		for _, s := range profiles[i].Text.Sentences {
			t.Add(s.Tokens, 1)
		}
		terms[i] = t
	}); err != nil {
		return nil, err
	}
	df := story.NewDF()
	for _, t := range terms {
		df.Add(t)
	}
	vecs := make([]story.Vector, n)
	for i, t := range terms {
		vecs[i] = df.Vector(t)
	}
	sim := make([][]float32, n)
	if err := parallel(ctx, n, opt.Workers, func(i int) {
		row := make([]float32, n)
		for j := range n {
			if j != i {
				row[j] = float32(story.Cosine(vecs[i], vecs[j]))
			}
		}
		sim[i] = row
	}); err != nil {
		return nil, err
	}

	type job struct{ i, j int }
	var jobs []job
	for i := range n {
		for j := i + 1; j < n; j++ {
			if opt.CandidateThreshold < 0 || float64(sim[i][j]) >= opt.CandidateThreshold {
				jobs = append(jobs, job{i, j})
			}
		}
	}
	compared := make([]*relate.Pair, len(jobs))
	if err := parallel(ctx, len(jobs), opt.Workers, func(k int) {
		compared[k] = relate.Compare(profiles[jobs[k].i], profiles[jobs[k].j])
	}); err != nil {
		return nil, err
	}

	index := make(map[string]int, n)
	for i, d := range docs {
		index[d.ID] = i
	}
	var links [][2]int
	derived := map[[2]int]*relate.Pair{}
	for k, p := range compared {
		if p.Relation.Derived() {
			links = append(links, [2]int{jobs[k].i, jobs[k].j})
			derived[[2]int{jobs[k].i, jobs[k].j}] = p
		}
	}
	groups := story.Cluster(n, func(i, j int) float64 { return float64(sim[i][j]) }, links, opt.StoryThreshold)

	res := &Result{Documents: docs}
	slices.SortStableFunc(groups, func(x, y []int) int { return cmp.Compare(len(y), len(x)) })
	for g, members := range groups {
		st := &Story{ID: fmt.Sprintf("s%d", g+1)}
		var nodes []lineage.Node
		var lp []lineage.Pair
		for a, i := range members {
			st.Documents = append(st.Documents, docs[i].ID)
			nodes = append(nodes, lineage.Node{ID: docs[i].ID, Published: docs[i].Published})
			for _, j := range members[a+1:] {
				if p := derived[[2]int{i, j}]; p != nil {
					lp = append(lp, lineage.Pair{A: p.A.ID, B: p.B.ID, Source: p.Source, Score: p.Score})
					res.Pairs = append(res.Pairs, p)
					continue
				}
				res.Pairs = append(res.Pairs, &relate.Pair{
					A: profiles[i], B: profiles[j], Relation: relate.SameStory,
					Score: float64(int(sim[i][j]*1000+0.5)) / 1000,
				})
			}
		}
		st.Lineage = lineage.Build(nodes, lp)
		st.Origin = st.Lineage.Origin
		for _, sb := range st.Lineage.Siblings {
			i, j := index[sb[0]], index[sb[1]]
			if p := derived[[2]int{min(i, j), max(i, j)}]; p != nil {
				p.Sibling, p.Source = true, ""
			}
		}
		res.Stories = append(res.Stories, st)
	}
	slices.SortFunc(res.Pairs, func(x, y *relate.Pair) int {
		if c := cmp.Compare(index[x.A.ID], index[y.A.ID]); c != 0 {
			return c
		}
		return cmp.Compare(index[x.B.ID], index[y.B.ID])
	})
	return res, nil
}

// parallel calls f(0..n-1) on up to workers goroutines.
func parallel(ctx context.Context, n, workers int, f func(int)) error {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(workers, max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	var err error
loop:
	for i := range n {
		select {
		case next <- i:
		case <-ctx.Done():
			err = ctx.Err()
			break loop
		}
	}
	close(next)
	wg.Wait()
	return err
}
