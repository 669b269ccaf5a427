package corpusgen

import (
	"container/heap"
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/stemma-news/stemma/internal/document"
)

// Kind is how a planted copy was made from its source.
type Kind string

const (
	Exact   Kind = "exact"   // the same body on another site, the title maybe restyled
	Light   Kind = "light"   // a few copy-desk edits
	Heavy   Kind = "heavy"   // a rule-based paraphrase: few 5-word runs survive
	Partial Kind = "partial" // a passage of the source inside another article
)

// Plant is one planted derivation: Copy was made from Source.
type Plant struct {
	Source string `json:"source"`
	Copy   string `json:"copy"`
	Kind   Kind   `json:"kind"`
}

// Truth is what was planted in a generated corpus. Its JSON form is what a
// scorer reads beside the corpus.
type Truth struct {
	N    int   `json:"n"`
	Seed int64 `json:"seed"`
	// Planted lists every direct derivation, in the copies' order.
	Planted []Plant `json:"planted"`
	// Families lists the ids of each family: its original first, then
	// everything derived from it (transitively) in publication order.
	// Articles in no family are unrelated filler.
	Families [][]string `json:"families"`
}

// Options says what to generate.
type Options struct {
	N    int   // number of articles
	Seed int64 // the same seed and material give the same corpus
	// FamilyShare is the share of the N articles that belong to families
	// (an original and its copies); 0 means the default, 0.3, and a
	// negative value means none (all filler).
	FamilyShare float64
	// Window bounds how far after its source a copy is published: about
	// this many articles. 0 means 2000.
	Window int
	// Workers is how many goroutines write text; 0 means GOMAXPROCS. The
	// output does not depend on it.
	Workers int
}

const (
	defaultFamilyShare = 0.3
	defaultWindow      = 2000
	// chainShare of copies are made from an earlier copy rather than the
	// original. Only a copy with an earlier non-partial copy in its family
	// can be: with 1-3 copies a family and a quarter of copies partial,
	// that is (0 + 3/4 + (3/4 + 15/16)) / 6 = 13/32 of all copies, so those
	// do it with chance chainShare / (13/32).
	chainShare  = 0.2
	chainChance = chainShare * 32 / 13
	meanCopies  = 2.0 // copies per family are 1, 2 or 3
)

// kindWeights mix the copy kinds: exact 15 %, light 25 %, heavy 35 %,
// partial 25 %.
var kindWeights = []struct {
	kind   Kind
	weight int
}{{Exact, 15}, {Light, 25}, {Heavy, 35}, {Partial, 25}}

// epoch is when the generated news starts.
var epoch = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// Generate emits opt.N articles to emit in publication order, with copies
// of known lineage planted among unrelated filler, and returns what was
// planted. See the package documentation for what is generated.
//
// It builds a Pool from material first (a second or two); use
// Pool.Generate to generate several corpora from one material.
func Generate(ctx context.Context, material []Material, opt Options, emit func(*document.Document) error) (*Truth, error) {
	p, err := NewPool(ctx, material)
	if err != nil {
		return nil, err
	}
	return p.Generate(ctx, opt, emit)
}

// role is what a generated article is.
type role uint8

const (
	roleFiller role = iota
	roleOriginal
	roleCopy
)

// job is one article to write. The planner fills what is decided in
// publication order (all the randomness that the truth depends on);
// a worker writes the text with the job's own random source, so the
// output does not depend on which worker ran it.
type job struct {
	idx  int
	id   string
	site int
	pub  time.Time
	role role
	mat  int // roleOriginal: index in the pool's texts, -1 for a synthetic original
	kind Kind
	src  *job // roleCopy: the source, nil once the copy is written

	out  *text // the text, kept while copies may need it
	doc  *document.Document
	done chan struct{}
}

// Generate is the package function Generate with a prepared pool.
//
// The emitted Document belongs to emit: the generator keeps its own copy
// of what later copies need. emit is called from the calling goroutine,
// in publication order; an error from it stops generation and is
// returned.
func (p *Pool) Generate(ctx context.Context, opt Options, emit func(*document.Document) error) (*Truth, error) {
	if opt.N < 0 {
		return nil, fmt.Errorf("corpusgen: negative N %d", opt.N)
	}
	share := opt.FamilyShare
	switch {
	case share == 0:
		share = defaultFamilyShare
	case share < 0:
		share = 0
	case share > 1:
		return nil, fmt.Errorf("corpusgen: FamilyShare %g is above 1", share)
	}
	window := opt.Window
	if window <= 0 {
		window = defaultWindow
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	truth := &Truth{N: opt.N, Seed: opt.Seed}
	// The reorder buffer: how many articles may be written ahead of the
	// one being emitted. It, the copy window and the truth are all the
	// memory generation takes.
	inflight := 64 * workers
	order := make(chan *job, inflight)
	work := make(chan *job, inflight)

	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(order)
		defer close(work)
		pl := newPlanner(p, opt, share, window, truth)
		for i := range opt.N {
			j := pl.next(i)
			select {
			case order <- j:
			case <-ctx.Done():
				return
			}
			select {
			case work <- j:
			case <-ctx.Done():
				return
			}
		}
	})
	for range workers {
		wg.Go(func() {
			w := p.newWorker()
			for j := range work {
				if j.src != nil {
					select {
					case <-j.src.done:
					case <-ctx.Done():
						return
					}
				}
				if ctx.Err() != nil {
					return
				}
				w.write(j, opt.Seed)
				close(j.done)
			}
		})
	}

	var err error
	for j := range order {
		select {
		case <-j.done:
		case <-ctx.Done():
		}
		if err = ctx.Err(); err != nil {
			err = fmt.Errorf("corpusgen: %w", err)
			break
		}
		doc := j.doc
		j.doc = nil
		if err = emit(doc); err != nil {
			err = fmt.Errorf("corpusgen: emitting %s: %w", j.id, err)
			break
		}
	}
	cancel()
	wg.Wait()
	if err != nil {
		return nil, err
	}
	return truth, nil
}

// planner decides, in publication order, what each article is. It keeps
// only the families whose copies are still to come.
type planner struct {
	p      *Pool
	r      *rand.Rand
	n      int
	start  float64 // chance that a free slot starts a family
	window int
	truth  *Truth
	perm   []int // material order; used without replacement
	used   int
	due    slots
	seq    int
	pub    time.Time
}

type family struct {
	id      int    // index in Truth.Families
	members []*job // the original, then the copies planned so far
	left    int    // copies still to plan
}

// slot is a copy waiting for its publication position.
type slot struct {
	due, seq int
	fam      *family
}

type slots []slot

func (s slots) Len() int { return len(s) }
func (s slots) Less(i, j int) bool {
	return s[i].due < s[j].due || s[i].due == s[j].due && s[i].seq < s[j].seq
}
func (s slots) Swap(i, j int) { s[i], s[j] = s[j], s[i] }
func (s *slots) Push(x any)   { *s = append(*s, x.(slot)) }
func (s *slots) Pop() any {
	old := *s
	x := old[len(old)-1]
	*s = old[:len(old)-1]
	return x
}

func newPlanner(p *Pool, opt Options, share float64, window int, truth *Truth) *planner {
	r := rand.New(rand.NewPCG(uint64(opt.Seed), splitmix(uint64(opt.Seed))))
	// A free slot starts a family with chance q. A family takes 1 free slot
	// and meanCopies more, so the share of family articles is
	// q(1+m) / (1+qm); solved for q:
	q := share / (1 + meanCopies - meanCopies*share)
	return &planner{
		p: p, r: r, n: opt.N, start: q,
		// For small corpora the window shrinks, or every copy would pile
		// up at the end.
		window: max(1, min(window, opt.N/4)),
		truth:  truth,
		perm:   r.Perm(len(p.texts)),
		pub:    epoch,
	}
}

func (pl *planner) next(i int) *job {
	pl.pub = pl.pub.Add(time.Duration(1+pl.r.IntN(6)) * time.Second)
	j := &job{idx: i, id: articleID(i), pub: pl.pub, done: make(chan struct{})}
	remaining := pl.n - i
	if len(pl.due) > 0 && (pl.due[0].due <= i || len(pl.due) >= remaining) {
		pl.planCopy(j, heap.Pop(&pl.due).(slot).fam)
		return j
	}
	if pl.r.Float64() < pl.start {
		copies := 1 + pl.r.IntN(3)
		// The copies must fit before the end.
		if remaining-len(pl.due) >= 1+copies {
			pl.planOriginal(j, copies)
			return j
		}
	}
	j.role = roleFiller
	j.site = pl.r.IntN(len(sites))
	return j
}

func (pl *planner) planOriginal(j *job, copies int) {
	j.role = roleOriginal
	j.site = pl.r.IntN(len(sites))
	j.mat = -1
	if pl.used < len(pl.perm) {
		j.mat = pl.perm[pl.used]
		pl.used++
	}
	f := &family{id: len(pl.truth.Families), members: []*job{j}, left: copies}
	pl.truth.Families = append(pl.truth.Families, []string{j.id})
	for range copies {
		pl.seq++
		heap.Push(&pl.due, slot{due: j.idx + 1 + pl.r.IntN(pl.window), seq: pl.seq, fam: f})
	}
}

func (pl *planner) planCopy(j *job, f *family) {
	j.role = roleCopy
	x := pl.r.IntN(100)
	for _, w := range kindWeights {
		if x < w.weight {
			j.kind = w.kind
			break
		}
		x -= w.weight
	}
	// The source: the original, or an earlier copy that is not partial (a
	// copy of a passage-in-another-article would share nothing with the
	// original and little with anything).
	src := f.members[0]
	var chain []*job
	for _, m := range f.members[1:] {
		if m.kind != Partial {
			chain = append(chain, m)
		}
	}
	if len(chain) > 0 && pl.r.Float64() < chainChance {
		src = chain[pl.r.IntN(len(chain))]
	}
	j.src = src
	j.site = pl.r.IntN(len(sites) - 1)
	if j.site >= src.site {
		j.site++
	}
	f.members = append(f.members, j)
	f.left--
	pl.truth.Families[f.id] = append(pl.truth.Families[f.id], j.id)
	pl.truth.Planted = append(pl.truth.Planted, Plant{Source: src.id, Copy: j.id, Kind: j.kind})
	if f.left == 0 {
		f.members = nil // the jobs now live only as long as their copies
	}
}

// articleID is "g" and the 1-based position, zero-padded to 7 digits.
func articleID(i int) string {
	s := strconv.Itoa(i + 1)
	if len(s) >= 7 {
		return "g" + s
	}
	return "g" + strings.Repeat("0", 7-len(s)) + s
}

// worker is what one writing goroutine reuses from article to article:
// the random source, reseeded for each job, and scratch buffers.
type worker struct {
	p   *Pool
	pcg *rand.PCG
	r   *rand.Rand
	g   *gen
	ed  editor
}

func (p *Pool) newWorker() *worker {
	pcg := rand.NewPCG(0, 0)
	r := rand.New(pcg)
	return &worker{p: p, pcg: pcg, r: r, g: newGen(p.chain, pcg, r)}
}

// write writes a job's text and document. Everything random about it
// comes from a source seeded with the corpus seed and the job's position,
// so it does not matter which worker writes it, or after what.
func (w *worker) write(j *job, seed int64) {
	p := w.p
	s1 := splitmix(uint64(seed) ^ splitmix(uint64(j.idx)))
	w.pcg.Seed(s1, splitmix(s1))
	r, g := w.r, w.g
	g.reset()
	var title string
	var paras []string
	if j.role == roleFiller {
		title, paras = g.flatArticle()
	} else {
		var t *text
		switch {
		case j.role == roleOriginal && j.mat >= 0:
			t = p.texts[j.mat]
		case j.role == roleOriginal:
			title, sents := g.article()
			t = &text{title: title, paras: sents}
		default:
			src := j.src.out
			e := &w.ed
			e.reset(r, g, p.chain, src)
			switch j.kind {
			case Exact:
				t = e.exact(src)
			case Light:
				t = e.light(src)
			case Heavy:
				t = e.heavy(src)
			case Partial:
				t = e.partial(src)
			}
			j.src = nil
		}
		j.out = t // a possible source
		title = t.title
		paras = make([]string, len(t.paras))
		for i, ss := range t.paras {
			paras[i] = strings.Join(ss, " ")
		}
	}
	site := sites[j.site]
	j.doc = &document.Document{
		ID:         j.id,
		Origin:     "corpusgen",
		Title:      title,
		Published:  j.pub,
		Site:       site,
		URL:        articleURL(site, j.pub, title, 100000+r.IntN(900000)),
		Paragraphs: paras,
	}
}

func splitmix(x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ x>>30) * 0xBF58476D1CE4E5B9
	x = (x ^ x>>27) * 0x94D049BB133111EB
	return x ^ x>>31
}
