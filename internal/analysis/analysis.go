package analysis

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"log/slog"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/stemma-news/stemma/internal/arena"
	"github.com/stemma-news/stemma/internal/change"
	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/fingerprint"
	"github.com/stemma-news/stemma/internal/index"
	"github.com/stemma-news/stemma/internal/lineage"
	"github.com/stemma-news/stemma/internal/relate"
	"github.com/stemma-news/stemma/internal/spill"
	"github.com/stemma-news/stemma/internal/story"
	"github.com/stemma-news/stemma/internal/textproc"
)

// Options tune an analysis. The zero value is usable.
type Options struct {
	// StoryThreshold is the mean TF-IDF cosine two groups of documents
	// need to be one story. Zero means DefaultStoryThreshold.
	StoryThreshold float64
	// CandidateThreshold is the TF-IDF cosine, as the index scores it when
	// a document arrives, under which a pair is not aligned: a derived
	// pair shares far more vocabulary than this. Zero means
	// DefaultCandidateThreshold; a negative value aligns every pair, the
	// exhaustive baseline.
	CandidateThreshold float64
	// Workers bounds parallel work; zero means one per CPU.
	Workers int
	// Prepare, when set, is called on each document by the workers before
	// it is analysed; the command line cleans documents there.
	Prepare func(*document.Document)
	// Index bounds the candidate index.
	Index index.Options
	// Cache is the number of recent documents whose profiles stay in
	// memory; older ones are written to a spill file in SpillDir (the
	// system's temporary directory when "") and read back when needed.
	// Zero means DefaultCache.
	Cache    int
	SpillDir string
	// MaxSentences bounds the sentences of one document that are aligned,
	// so that one enormous text cannot stall the run. Zero means
	// DefaultMaxSentences.
	MaxSentences int
	// Warn, when set, is told of documents analysed only in part.
	Warn func(id string, err error)
	// Progress, when set, is called after each document is indexed, with
	// the number indexed so far.
	Progress func(done int)
	// Record, when set, is given what the analysis found of each
	// document added, for a store to keep (see Analyzer).
	Record func(*Record)
	// Load reads back the text of a document restored into an Analyzer,
	// numbered in analysis order, when a new document is to be aligned
	// with it. Prepare is not called on it: a store keeps documents
	// prepared. The aligners call it from several goroutines at once.
	Load func(ctx context.Context, doc int) (*document.Document, error)
	// NoChanges skips listing what each copy changed against its source
	// (relate.Pair.Changes), for runs that want only the relations.
	NoChanges bool
	// SpillChanges keeps each change list in a spill file in SpillDir
	// once found, rather than in memory, and leaves the pairs of a Result
	// without them: Result.Changes reads them back. A million articles
	// have hundreds of thousands of derived pairs, and their change lists
	// are half a gigabyte of sentences that only the report reads, at the
	// end. It does nothing when Record is set: records carry their
	// changes. The file is unlinked when made, and its space goes when
	// neither the Analyzer nor a Result reading it is reachable.
	SpillChanges bool
}

// Defaults, chosen in the gap between same-event and same-kind pairs.
const (
	DefaultStoryThreshold     = 0.18
	DefaultCandidateThreshold = 0.12
	DefaultCache              = 4096
	DefaultMaxSentences       = 2000
)

// Story edges: a pair enters story grouping when its cosine reaches
// storyFloor. Average linkage over the pairs above a tenth gives the same
// stories on ecb-dev as over every pair; storyLimit bounds the edges one
// document brings, its best ones, so memory grows with N, not N².
const (
	storyFloor = 0.08
	// queryFloor is lower than storyFloor because a cosine scored on
	// arrival, with the frequencies of the moment, can end under its final
	// value.
	queryFloor = 0.05
	storyLimit = 24

	// candidateLimit bounds the documents one new document is aligned
	// with, its closest ones: in a story thousands strong, the copies are
	// among the closest.
	candidateLimit = 200
	// maxListedStory is the largest story whose every pair is listed.
	maxListedStory = 300
	// warmup is the number of documents at the start of a run that are
	// compared with every document before them. Inverse document
	// frequency means little until a collection has some size: among five
	// copies of one story, the words all five share weigh nothing and the
	// cosines that pick candidates say little. Comparing the first few
	// dozen exhaustively costs a few thousand alignments.
	warmup = 64
)

// The stems each tokeniser remembers: the profilers' read every text, the
// aligners' only those read back from the spill file.
const (
	profileStems = 1 << 18
	rereadStems  = 1 << 14
)

// Result is a finished analysis.
type Result struct {
	Documents []*Summary
	// Pairs lists every related pair: derived pairs and same-story pairs,
	// A before B in input order.
	Pairs   []*relate.Pair
	Stories []*Story

	// spilt are the pairs whose change lists are in spill, by
	// Options.SpillChanges.
	spilt map[*relate.Pair]spill.Ref
	spill *spill.File
}

// Changes returns p's change list: p.Changes, or, for an analysis with
// Options.SpillChanges, the list kept on disk. p is one of r.Pairs.
func (r *Result) Changes(p *relate.Pair) (*change.List, error) {
	ref, ok := r.spilt[p]
	if !ok {
		return p.Changes, nil
	}
	l, err := r.spill.GetChanges(ref)
	if err != nil {
		return nil, fmt.Errorf("analysis: the changes of %s against %s: %w", p.B.ID, p.A.ID, err)
	}
	return l, nil
}

// Summary is what a Result keeps of a document: everything but its text,
// which a result over millions of documents could not hold.
type Summary struct {
	ID, Title, Site, URL, Byline, Origin string
	Published                            time.Time
	Words                                int
	// Lead is the start of the first paragraph, for a document with no
	// title.
	Lead    string
	Credits []document.Credit
	Removed []document.Removal
}

// Story is a group of documents telling one event, with its lineage.
type Story struct {
	ID        string
	Documents []string // ids, in input order
	Origin    string   // "" when unknown
	Lineage   *lineage.Lineage
	// Partial is set for a story of more than maxListedStory documents,
	// whose same-story pairs are not all listed: only the pairs the index
	// found closest, as listing every pair of ten thousand copies of one
	// wire story would be fifty million pairs. Derived pairs are all
	// listed.
	Partial bool
}

// Analyze analyses docs; it is Run over a slice.
func Analyze(ctx context.Context, docs []*document.Document, opt Options) (*Result, error) {
	return Run(ctx, slices.Values(docs), opt)
}

// profiled is a document after the first pool.
type profiled struct {
	seq     int
	doc     *document.Document
	profile *relate.Doc
	print   fingerprint.Print
	summary *Summary
}

// alignJob asks for document j (earlier) to be compared with document i.
type alignJob struct {
	j, i int
	pi   *relate.Doc
}

// derivedPair is a derived pair found by the aligners, j before i.
type derivedPair struct {
	j, i int
	pair *relate.Pair
	// changes locates the pair's change list in the spill file, when
	// spilt is set.
	changes spill.Ref
	spilt   bool
}

// Run analyses the documents of docs as they come, and returns when docs
// is exhausted and everything is related and grouped. It returns early
// with ctx's error when ctx ends.
func Run(ctx context.Context, docs iter.Seq[*document.Document], opt Options) (*Result, error) {
	a := NewAnalyzer(opt)
	defer a.Close()
	if err := a.Add(ctx, docs); err != nil {
		return nil, err
	}
	// Nothing comes after: the profiles kept for the copies still to
	// come can go before the grouping, where a run peaks.
	a.cache.forget()
	a.profilers, a.rereaders = nil, nil
	return a.Result(), nil
}

// Analyzer is an analysis open to more documents: a store that receives
// articles all day adds each batch to the analysis of the ones before,
// rather than analysing everything again, and reads the stories after
// each. A later process takes up the analysis by restoring the Records
// of the documents analysed before. An Analyzer is not safe for
// concurrent use.
type Analyzer struct {
	opt       Options
	idx       *index.Index
	cache     *profiles
	summaries []*Summary
	kept      keeper     // of summaries, on the index stage
	keptPairs keeper     // of derived pairs, by the aligners under a lock
	edges     [][2]int32 // candidate story edges, earlier document first
	derived   []derivedPair
	hashes    []uint64          // body hash by document
	dupOf     map[uint64][2]int // the first and latest documents with each body
	records   map[int]*Record   // of the documents of the current Add
	changes   *spill.File       // the change lists, with Options.SpillChanges
	// The workers' tokenizers outlive each Add, so that a caller adding
	// a few hundred documents at a time, as the store does, keeps their
	// stem caches warm and does not clear megabytes of new ones each time.
	profilers, rereaders []*textproc.Tokenizer
}

// Record is what the analysis of one document found, enough to restore
// it in a later Analyzer without reading its text again.
type Record struct {
	// Doc numbers the document in analysis order, from 0.
	Doc      int
	Summary  *Summary
	Print    fingerprint.Print
	BodyHash uint64
	// Edges are the earlier documents it may share a story with.
	Edges []int
	// Pairs are its derived pairs with earlier documents.
	Pairs []Derived
}

// Derived is a derived pair of a Record: the earlier document With, and
// the pair, its texts let go.
type Derived struct {
	With int
	Pair *relate.Pair
}

// NewAnalyzer returns an Analyzer with no documents.
func NewAnalyzer(opt Options) *Analyzer {
	opt = opt.withDefaults()
	return &Analyzer{opt: opt, idx: index.New(opt.Index), cache: newProfiles(opt), dupOf: map[uint64][2]int{}}
}

// Close deletes the spill file.
func (a *Analyzer) Close() error { return a.cache.close() }

// Len returns the number of documents analysed.
func (a *Analyzer) Len() int { return len(a.summaries) }

// Restore adds a document analysed before, as its record says, without
// aligning it again; its text is read through Options.Load when a later
// document needs it. Documents are restored in their analysis order,
// before any Add.
func (a *Analyzer) Restore(r *Record) error {
	i := len(a.summaries)
	if r.Doc != i {
		return fmt.Errorf("analysis: restoring document %d as number %d", r.Doc, i)
	}
	a.idx.Add(r.Print)
	a.summaries = append(a.summaries, a.kept.summary(r.Summary))
	a.cache.addStored(i)
	a.hashes = append(a.hashes, r.BodyHash)
	if r.BodyHash != 0 {
		a.sameBody(r.BodyHash, i)
	}
	for _, j := range r.Edges {
		if j < 0 || j >= i {
			return fmt.Errorf("analysis: document %d has an edge to %d, not an earlier document", i, j)
		}
		a.edges = append(a.edges, [2]int32{int32(j), int32(i)})
	}
	for _, d := range r.Pairs {
		if d.With < 0 || d.With >= i {
			return fmt.Errorf("analysis: document %d has a pair with %d, not an earlier document", i, d.With)
		}
		a.derived = append(a.derived, derivedPair{j: d.With, i: i, pair: d.Pair})
	}
	return nil
}

// sameBody notes document i as the latest with body hash h, and returns
// the first and latest documents before it with that body, and whether
// there were any.
func (a *Analyzer) sameBody(h uint64, i int) (seen [2]int, dup bool) {
	seen, dup = a.dupOf[h]
	if dup {
		a.dupOf[h] = [2]int{seen[0], i}
	} else {
		a.dupOf[h] = [2]int{i, i}
	}
	return seen, dup
}

// Add analyses the documents of docs as they come, after those already
// added, and returns when docs is exhausted and every pair is aligned.
// When Options.Record is set it is then given each new document's
// Record, in order. It returns early with ctx's error when ctx ends; the
// Analyzer is then unusable.
func (a *Analyzer) Add(ctx context.Context, docs iter.Seq[*document.Document]) error {
	opt := a.opt
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	cache := a.cache
	first := len(a.summaries)
	if opt.Record != nil {
		a.records = map[int]*Record{}
	}
	spillChanges := opt.SpillChanges && opt.Record == nil && !opt.NoChanges
	if spillChanges && a.changes == nil {
		f, err := spill.Create(opt.SpillDir)
		if err != nil {
			return fmt.Errorf("analysis: %w", err)
		}
		a.changes = f
	}

	// Stage 1: the caller's iterator, in its own goroutine.
	type numbered struct {
		seq int
		doc *document.Document
	}
	in := make(chan numbered, 4*opt.Workers)
	go func() {
		defer close(in)
		seq := first
		for d := range docs {
			select {
			case in <- numbered{seq, d}:
				seq++
			case <-ctx.Done():
				return
			}
		}
	}()

	// Stage 2: profiling, in parallel.
	out := make(chan profiled, 4*opt.Workers)
	var profWG sync.WaitGroup
	for len(a.profilers) < opt.Workers {
		a.profilers = append(a.profilers, textproc.NewTokenizer(profileStems))
		a.rereaders = append(a.rereaders, textproc.NewTokenizer(rereadStems))
	}
	for w := range opt.Workers {
		profWG.Go(func() {
			tk := a.profilers[w]
			var fb fingerprint.Builder
			for n := range in {
				out <- profile(tk, &fb, n.seq, n.doc, opt)
			}
		})
	}
	go func() { profWG.Wait(); close(out) }()

	// Stage 4: alignment, in parallel.
	jobs := make(chan alignJob, 64*opt.Workers)
	var (
		mu      sync.Mutex
		aligned atomic.Int64
		found   []derivedPair
		alignWG sync.WaitGroup
	)
	for w := range opt.Workers {
		alignWG.Go(func() {
			tk := a.rereaders[w]
			for job := range jobs {
				pj, err := cache.get(ctx, tk, job.j)
				if err != nil {
					cancel(err)
					continue
				}
				aligned.Add(1)
				p := relate.Compare(pj, job.pi)
				if !p.Relation.Derived() {
					continue
				}
				if !opt.NoChanges {
					// Here, while both texts are in hand: the result
					// keeps neither.
					p.FindChanges()
				}
				d := derivedPair{j: job.j, i: job.i, pair: lighten(p)}
				if spillChanges && d.pair.Changes != nil {
					if d.changes, err = a.changes.PutChanges(d.pair.Changes); err != nil {
						cancel(fmt.Errorf("analysis: %w", err))
						continue
					}
					d.pair.Changes, d.spilt = nil, true
				}
				mu.Lock()
				a.keptPairs.pair(d.pair)
				found = append(found, d)
				mu.Unlock()
			}
		})
	}

	// Stage 3: the index, in input order. Once documents keep only their
	// most distinctive terms, a query leaves the index as it is, and runs
	// in a pool of its own while the next documents are added; the
	// candidates are used in input order all the same.
	queries := make(chan *indexed, queryWindow*opt.Workers)
	var queryWG sync.WaitGroup
	for range opt.Workers {
		queryWG.Go(func() {
			var s index.Searcher
			for t := range queries {
				t.cands = s.Search(t.probe, queryFloor, queryLimit)
				close(t.done)
			}
		})
	}
	st := &stage{a: a, opt: opt, ctx: ctx, cache: cache, jobs: jobs, queries: queries, first: first}
	pending := map[int]profiled{}
	next := first
	var runErr error
	for p := range out {
		if runErr != nil {
			continue // drain
		}
		pending[p.seq] = p
		for {
			q, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if err := st.add(q); err != nil {
				runErr = err
				cancel(err)
				break
			}
		}
	}
	if runErr == nil {
		if runErr = st.flush(true); runErr != nil {
			cancel(runErr)
		}
	}
	close(queries)
	queryWG.Wait()
	close(jobs)
	alignWG.Wait()
	if runErr != nil {
		return runErr
	}
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	// Found in whatever order the aligners finished; sorted, so that
	// results do not depend on timing.
	slices.SortFunc(found, func(x, y derivedPair) int {
		if c := cmp.Compare(x.i, y.i); c != 0 {
			return c
		}
		return cmp.Compare(x.j, y.j)
	})
	a.derived = append(a.derived, found...)
	counted, forgotten := a.idx.Terms()
	slog.Debug("indexed", "documents", a.idx.Len(), "terms", counted, "forgotten", forgotten, "truncated", a.idx.Truncated(),
		"aligned", aligned.Load(), "derived", len(found), "cache hits", cache.hits, "rereads", cache.rereads, "edges", len(a.edges))
	if a.records != nil {
		// A batch's pairs are few: a map, not a slot for every document
		// analysed so far.
		light := map[int]*relate.Doc{}
		doc := func(i int) *relate.Doc {
			if light[i] == nil {
				light[i] = lightDoc(a.summaries[i])
			}
			return light[i]
		}
		for _, d := range found {
			r := a.records[d.i]
			r.Pairs = append(r.Pairs, Derived{With: d.j, Pair: withDocs(d, doc)})
		}
		for i := first; i < len(a.summaries); i++ {
			opt.Record(a.records[i])
		}
		a.records = nil
	}
	return nil
}

// stage is stage 3 of Add: it adds each document to the index in input
// order, and once the document's candidates are known, sends its pairs to
// the aligners and notes its story edges, in input order too.
type stage struct {
	a       *Analyzer
	opt     Options
	ctx     context.Context
	cache   *profiles
	jobs    chan<- alignJob
	queries chan<- *indexed
	first   int
	// waiting are the documents added whose candidates are yet to be
	// used, in input order.
	waiting []*indexed
	spare   []*index.Probe // searched, for Index.Probe to reuse
}

// indexed is a document added to the index, waiting for its candidates.
type indexed struct {
	i    int
	pi   *relate.Doc
	h    uint64 // body hash; 0 for a text with nothing to compare
	seen [2]int // the first and latest documents with its body
	dup  bool   // whether there were some before it
	rec  *Record
	// cands are its candidates, once done is closed when it is not nil.
	cands []index.Candidate
	probe *index.Probe
	done  chan struct{}
}

// Documents queried in the pool: at most queryWindow per worker wait for
// their candidates, so that the index runs only a little ahead.
const (
	queryWindow = 4
	queryLimit  = max(candidateLimit, storyLimit)
)

// add adds p to the index and queries it, then uses the candidates of
// the documents before it that are known.
func (st *stage) add(p profiled) error {
	a := st.a
	i := a.idx.Add(p.print)
	sum := a.kept.summary(p.summary)
	a.summaries = append(a.summaries, sum)
	if err := st.cache.add(i, p.doc, p.profile); err != nil {
		return err
	}
	h := p.profile.BodyHash()
	if len(p.profile.Text.Sentences) == 0 {
		h = 0 // nothing to compare; like nothing else
	}
	a.hashes = append(a.hashes, h)
	t := &indexed{i: i, pi: p.profile, h: h}
	if a.records != nil {
		t.rec = &Record{Doc: i, Summary: sum, Print: p.print, BodyHash: h}
		a.records[i] = t.rec
	}
	if h != 0 {
		t.seen, t.dup = a.sameBody(h, i)
	}
	if h != 0 && i >= warmup {
		var reuse *index.Probe
		if n := len(st.spare); n > 0 {
			reuse, st.spare = st.spare[n-1], st.spare[:n-1]
		}
		if probe, ok := a.idx.Probe(reuse); ok {
			t.probe, t.done = probe, make(chan struct{})
			st.queries <- t
		} else {
			t.cands = a.idx.Query(i, queryFloor, queryLimit)
		}
	}
	st.waiting = append(st.waiting, t)
	return st.flush(false)
}

// flush uses the candidates of the waiting documents, in order: of all of
// them, or of those whose candidates are known, waiting only when too
// many wait.
func (st *stage) flush(all bool) error {
	for len(st.waiting) > 0 {
		t := st.waiting[0]
		if t.done != nil {
			if all || len(st.waiting) > queryWindow*st.opt.Workers {
				<-t.done
			} else {
				select {
				case <-t.done:
				default:
					return nil
				}
			}
		}
		st.waiting[0] = nil
		st.waiting = st.waiting[1:]
		if t.probe != nil {
			st.spare = append(st.spare, t.probe)
			t.probe = nil
			// In order: the probes of the documents before it are
			// searched too.
			st.a.idx.Release(t.i)
		}
		if err := st.relate(t); err != nil {
			return err
		}
	}
	return nil
}

// relate sends the pairs of document t.i to be aligned, notes its story
// edges and reports progress.
func (st *stage) relate(t *indexed) error {
	a, opt, ctx, i, h := st.a, st.opt, st.ctx, t.i, t.h
	edge := func(j int) {
		a.edges = append(a.edges, [2]int32{int32(j), int32(i)})
		if t.rec != nil {
			t.rec.Edges = append(t.rec.Edges, j)
		}
	}
	if h == 0 {
		return st.progress(i)
	}
	// A text seen before is linked to its first and its latest earlier
	// occurrences only, not to every other copy: a thousand identical
	// texts make two thousand pairs, not half a million, and the
	// lineage still has the copy it was most likely made from. The
	// index still finds the text's other relatives.
	seen, dup := t.seen, t.dup
	alignWith := func(j int) bool {
		if dup && a.hashes[j] == h && j != seen[0] && j != seen[1] && opt.CandidateThreshold >= 0 {
			return true
		}
		return send(ctx, st.jobs, alignJob{j, i, t.pi})
	}
	if i < warmup || opt.CandidateThreshold < 0 {
		for j := range i {
			if !alignWith(j) {
				return context.Cause(ctx)
			}
			if i < warmup {
				edge(j)
			}
		}
		if i < warmup {
			return st.progress(i)
		}
	}
	cands := t.cands
	if dup && opt.CandidateThreshold >= 0 {
		for _, j := range slices.Compact(seen[:]) {
			if !slices.ContainsFunc(cands, func(c index.Candidate) bool { return c.Doc == j && c.Cosine >= opt.CandidateThreshold }) {
				if !alignWith(j) {
					return context.Cause(ctx)
				}
			}
		}
	}
	for _, c := range cands {
		if opt.CandidateThreshold >= 0 && c.Cosine >= opt.CandidateThreshold {
			if !alignWith(c.Doc) {
				return context.Cause(ctx)
			}
		}
	}
	for _, c := range cands[:min(len(cands), storyLimit)] {
		edge(c.Doc)
	}
	return st.progress(i)
}

func (st *stage) progress(i int) error {
	if st.opt.Progress != nil {
		st.opt.Progress(i + 1 - st.first)
	}
	return nil
}

// Result groups every document analysed so far into stories, with the
// document frequencies of now, and builds each story's lineage. The
// Analyzer stays open to more documents.
func (a *Analyzer) Result() *Result {
	res := finish(a.summaries, a.idx, a.edges, a.derived, a.opt)
	res.spill = a.changes
	return res
}

// send sends job unless ctx ends first.
func send(ctx context.Context, jobs chan<- alignJob, job alignJob) bool {
	select {
	case jobs <- job:
		return true
	case <-ctx.Done():
		return false
	}
}

func (opt Options) withDefaults() Options {
	if opt.StoryThreshold == 0 {
		opt.StoryThreshold = DefaultStoryThreshold
	}
	if opt.CandidateThreshold == 0 {
		opt.CandidateThreshold = DefaultCandidateThreshold
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.Cache <= 0 {
		opt.Cache = DefaultCache
	}
	if opt.MaxSentences <= 0 {
		opt.MaxSentences = DefaultMaxSentences
	}
	return opt
}

// profile prepares one document for the index and the aligners.
func profile(tk *textproc.Tokenizer, fb *fingerprint.Builder, seq int, d *document.Document, opt Options) profiled {
	if opt.Prepare != nil {
		opt.Prepare(d)
	}
	p := newProfile(tk, d, opt)
	fb.Title(tk, d.Title)
	for _, s := range p.Text.Sentences {
		fb.Sentence(s.Tokens, 1)
	}
	sum := summarise(d)
	d.Raw = nil
	print := fb.Print()
	// A text of one word over and over is analysed like any other, and
	// costs little, but is most likely a broken page or feed; say so.
	if sum.Words >= 1000 && len(print) < sum.Words/100 && opt.Warn != nil {
		opt.Warn(d.ID, fmt.Errorf("repetitive text: %d words but %d distinct terms", sum.Words, len(print)))
	}
	return profiled{seq: seq, doc: d, profile: p, print: print, summary: sum}
}

// summarise makes what the result keeps of d. Its strings are pieces of
// d's until keeper.summary copies them.
func summarise(d *document.Document) *Summary {
	sum := &Summary{ID: d.ID, Title: d.Title, Site: d.Site, URL: d.URL, Byline: d.Byline, Origin: d.Origin,
		Published: d.Published, Words: d.Words(), Credits: d.Credits, Removed: d.Removed}
	if d.Title == "" && len(d.Paragraphs) > 0 {
		sum.Lead = cut(d.Paragraphs[0], 200)
	}
	return sum
}

// keeper keeps what an analysis holds to its end, summaries and derived
// pairs, in arenas: a million summaries were five million objects for the
// collector to mark at every collection. Strings are copied in too: a
// title, a credit or an ID is often a piece of a string holding the whole
// article, page or record, which a piece kept would keep alive for the
// length of the run. A keeper is not safe for concurrent use.
type keeper struct {
	text     arena.Strings
	lists    arena.Slab[string]
	sums     arena.Slab[Summary]
	credits  arena.Slab[document.Credit]
	removals arena.Slab[document.Removal]
}

// summary returns a copy of s in the arenas.
func (k *keeper) summary(s *Summary) *Summary {
	c := k.sums.New()
	*c = *s
	for _, f := range []*string{&c.ID, &c.Title, &c.Site, &c.URL, &c.Byline, &c.Origin, &c.Lead} {
		*f = k.text.Copy(*f)
	}
	if len(s.Credits) > 0 {
		c.Credits = k.credits.Take(len(s.Credits))
		for i, cr := range s.Credits {
			c.Credits[i] = document.Credit{Kind: cr.Kind, Text: k.text.Copy(cr.Text), Name: k.text.Copy(cr.Name)}
		}
	}
	if len(s.Removed) > 0 {
		c.Removed = k.removals.Take(len(s.Removed))
		for i, r := range s.Removed {
			c.Removed[i] = document.Removal{Text: k.text.Copy(r.Text), Reason: r.Reason, Paragraph: r.Paragraph}
		}
	}
	return c
}

// pair copies the strings p keeps, its evidence, source and IDs, into
// the arenas.
func (k *keeper) pair(p *relate.Pair) {
	if p.Evidence != nil {
		ev := k.lists.Take(len(p.Evidence))
		for i, e := range p.Evidence {
			ev[i] = k.text.Copy(e)
		}
		p.Evidence = ev
	}
	p.Source, p.ChangesAgainst = k.text.Copy(p.Source), k.text.Copy(p.ChangesAgainst)
}

// newProfile profiles d for comparison, aligning at most MaxSentences of
// its sentences.
func newProfile(tk *textproc.Tokenizer, d *document.Document, opt Options) *relate.Doc {
	p := relate.NewDocWith(tk, d)
	if n := len(p.Text.Sentences); n > opt.MaxSentences {
		p.Text.Truncate(opt.MaxSentences)
		if opt.Warn != nil {
			opt.Warn(d.ID, fmt.Errorf("%d sentences: only the first %d are compared", n, opt.MaxSentences))
		}
	}
	return p
}

// cut shortens s to at most n bytes, at a word boundary.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && s[i] != ' ' {
		i--
	}
	if i == 0 {
		i = n
		for i > 0 && s[i]&0xC0 == 0x80 {
			i--
		}
	}
	return s[:i] + "…"
}

// lighten drops what a pair holds of its documents, so that a result
// over millions of documents keeps only figures: the documents are the
// pair's numbers in the analysis, and withDocs puts them back.
func lighten(p *relate.Pair) *relate.Pair {
	q := *p
	q.A, q.B = nil, nil
	if p.Alignment != nil {
		al := *p.Alignment
		al.Links = nil
		q.Alignment = &al
	}
	return &q
}

// withDocs returns a copy of d's pair with its documents, which lighten
// let go, as doc gives them.
func withDocs(d derivedPair, doc func(i int) *relate.Doc) *relate.Pair {
	p := *d.pair
	if p.A != nil {
		return &p // restored, as the store had it
	}
	p.A, p.B = doc(d.j), doc(d.i)
	return &p
}

// lightDoc is what a pair of a result holds of a document.
func lightDoc(s *Summary) *relate.Doc { return &relate.Doc{ID: s.ID, Published: s.Published} }

// finish groups the indexed documents into stories, with the final
// document frequencies, and builds each story's lineage.
func finish(docs []*Summary, idx *index.Index, edges [][2]int32, derived []derivedPair, opt Options) *Result {
	n := len(docs)
	idx.Freeze(opt.Workers)
	sims := make([]float32, len(edges))
	var wg sync.WaitGroup
	for k := range opt.Workers {
		wg.Go(func() {
			for e := k; e < len(edges); e += opt.Workers {
				sims[e] = float32(idx.Cosine(int(edges[e][0]), int(edges[e][1])))
			}
		})
	}
	wg.Wait()
	// Counted first: at 10^6 millions are kept, and growing the slice
	// to them took a second.
	above := 0
	for _, sim := range sims {
		if float64(sim) >= storyFloor {
			above++
		}
	}
	kept := make([]story.Edge, 0, above)
	for e, sim := range sims {
		if float64(sim) >= storyFloor {
			kept = append(kept, story.Edge{I: int(edges[e][0]), J: int(edges[e][1]), Sim: float64(sim)})
		}
	}
	sims, edges = nil, nil
	slices.SortFunc(derived, func(x, y derivedPair) int {
		if c := cmp.Compare(x.j, y.j); c != 0 {
			return c
		}
		return cmp.Compare(x.i, y.i)
	})
	res := &Result{Documents: docs}
	links := make([][2]int, len(derived))
	for k, d := range derived {
		links[k] = [2]int{d.j, d.i}
	}
	// Grouping takes seconds of one core at 10^6 documents: the result's
	// pairs and the map of IDs are made on another meanwhile.
	grouped := make(chan [][]int, 1)
	go func() { grouped <- story.Cluster(n, kept, links, opt.StoryThreshold) }()
	light := make([]*relate.Doc, n) // the documents of pairs, made once each
	doc := func(i int) *relate.Doc {
		if light[i] == nil {
			light[i] = lightDoc(docs[i])
		}
		return light[i]
	}
	byPair := make(map[[2]int]*relate.Pair, len(derived))
	for _, d := range derived {
		// A copy: the lineage below marks siblings on the result's
		// pairs, and an Analyzer's own must stay as found for the next
		// Result.
		p := withDocs(d, doc)
		byPair[[2]int{d.j, d.i}] = p
		if d.spilt {
			if res.spilt == nil {
				res.spilt = map[*relate.Pair]spill.Ref{}
			}
			res.spilt[p] = d.changes
		}
	}
	index := make(map[string]int, n)
	for i, d := range docs {
		index[d.ID] = i
	}
	groups := <-grouped
	slices.SortStableFunc(groups, func(x, y []int) int { return cmp.Compare(len(y), len(x)) })
	storyOf := make([]int32, n)
	for g, members := range groups {
		for _, i := range members {
			storyOf[i] = int32(g)
		}
	}
	// Derived pairs and, for stories too big to list every pair, the
	// edges the index found, by story.
	derivedIn := make([][]derivedPair, len(groups))
	for _, d := range derived {
		if g := storyOf[d.j]; g == storyOf[d.i] {
			derivedIn[g] = append(derivedIn[g], d)
		}
	}
	edgesIn := map[int32][]story.Edge{}
	for _, e := range kept {
		if g := storyOf[e.I]; g == storyOf[e.J] && len(groups[g]) > maxListedStory {
			edgesIn[g] = append(edgesIn[g], e)
		}
	}
	var pairs []numberedPair
	for g, members := range groups {
		st := &Story{ID: fmt.Sprintf("s%d", g+1)}
		nodes := make([]lineage.Node, len(members))
		for k, i := range members {
			st.Documents = append(st.Documents, docs[i].ID)
			nodes[k] = lineage.Node{ID: docs[i].ID, Published: docs[i].Published}
		}
		var lp []lineage.Pair
		for _, d := range derivedIn[g] {
			p := byPair[[2]int{d.j, d.i}]
			lp = append(lp, lineage.Pair{A: p.A.ID, B: p.B.ID, Source: p.Source, Score: p.Score})
			pairs = append(pairs, numberedPair{d.j, d.i, p})
		}
		sameStory := func(i, j int, sim float64) {
			pairs = append(pairs, numberedPair{i, j, &relate.Pair{
				A: &relate.Doc{ID: docs[i].ID}, B: &relate.Doc{ID: docs[j].ID}, Relation: relate.SameStory,
				Score: float64(int(sim*1000+0.5)) / 1000,
			}})
		}
		if len(members) <= maxListedStory {
			for a, i := range members {
				for _, j := range members[a+1:] {
					if byPair[[2]int{i, j}] == nil {
						sameStory(i, j, idx.Cosine(i, j))
					}
				}
			}
		} else {
			st.Partial = true
			for _, e := range edgesIn[int32(g)] {
				i, j := min(e.I, e.J), max(e.I, e.J)
				if byPair[[2]int{i, j}] == nil {
					sameStory(i, j, e.Sim)
				}
			}
		}
		st.Lineage = lineage.Build(nodes, lp)
		st.Origin = st.Lineage.Origin
		for _, sb := range st.Lineage.Siblings {
			i, j := index[sb[0]], index[sb[1]]
			if p := byPair[[2]int{min(i, j), max(i, j)}]; p != nil {
				// Siblings are copies of one source, not of each other:
				// what one changed against the other is not a change.
				p.Sibling, p.Source, p.Changes, p.ChangesAgainst = true, "", nil, ""
				delete(res.spilt, p)
			}
		}
		res.Stories = append(res.Stories, st)
	}
	slices.SortFunc(pairs, func(x, y numberedPair) int {
		if c := cmp.Compare(x.a, y.a); c != 0 {
			return c
		}
		return cmp.Compare(x.b, y.b)
	})
	for _, np := range pairs {
		res.Pairs = append(res.Pairs, np.p)
	}
	return res
}

// numberedPair is a pair of a result with the input numbers of its
// documents, A's and B's, which the result's pairs are sorted by: the
// numbers are in hand where each pair is made, where sorting by ID would
// look two documents up in a map at every comparison.
type numberedPair struct {
	a, b int
	p    *relate.Pair
}
