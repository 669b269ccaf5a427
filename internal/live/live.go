package live

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"sync"
	"time"

	"github.com/stemma-news/stemma/internal/analysis"
	"github.com/stemma-news/stemma/internal/clean"
	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/fingerprint"
	"github.com/stemma-news/stemma/internal/store"
)

// Options tune a Keeper. The zero value is usable.
type Options struct {
	// Analysis tunes the analysis; its Record and Load are the Keeper's.
	Analysis analysis.Options
	// Batch is the number of documents stored in one transaction; zero
	// means 500.
	Batch int
	// Chunk is the number of documents analysed before what was found of
	// them is saved: a crash loses at most one chunk of analysis (never
	// a document). Zero means 5000.
	Chunk int
	// NoClean stores documents as given, for callers that cleaned them.
	NoClean bool
	Logger  *slog.Logger
}

// Keeper adds articles to a store and keeps its stories up to date. It
// is safe for concurrent use; additions are made one at a time.
type Keeper struct {
	st  *store.Store
	opt Options
	log *slog.Logger

	mu   sync.Mutex
	an   *analysis.Analyzer
	seqs []int64        // by analysis number: the document's Seq
	num  map[int64]int  // by Seq: the analysis number
	byID map[string]int // by document ID: the analysis number
	ids  []string       // by analysis number: the document's ID
	pend []*analysis.Record
	// dirty is set when documents were analysed since the stories were
	// last written.
	dirty bool
	// broken is why the analysis in memory may differ from the store's:
	// an Add cut short leaves documents numbered but not saved.
	broken error
}

// Stats counts what an Ingest or Update did.
type Stats struct {
	Read     int // documents given
	Stored   int // new documents stored
	Known    int // documents already in the store
	Analysed int // documents analysed
	Stories  int // stories in the store after the update
}

// Open restores the analysis st holds and returns a Keeper for it.
func Open(ctx context.Context, st *store.Store, opt Options) (*Keeper, error) {
	if opt.Batch <= 0 {
		opt.Batch = 500
	}
	if opt.Chunk <= 0 {
		opt.Chunk = 5000
	}
	k := &Keeper{st: st, opt: opt, log: opt.Logger}
	if k.log == nil {
		k.log = slog.Default()
	}
	if err := k.restore(ctx); err != nil {
		return nil, err
	}
	return k, nil
}

// restore makes the Keeper's analysis that of the store, afresh.
func (k *Keeper) restore(ctx context.Context) error {
	if k.an != nil {
		k.an.Close()
	}
	k.seqs, k.ids, k.num, k.byID, k.broken = nil, nil, map[int64]int{}, map[string]int{}, nil
	ao := k.opt.Analysis
	ao.Prepare = nil // stored documents are clean
	ao.Record = func(r *analysis.Record) { k.pend = append(k.pend, r) }
	ao.Load = k.load
	k.an = analysis.NewAnalyzer(ao)
	start := time.Now()
	for r, err := range k.st.Analysed(ctx) {
		if err != nil {
			return k.fail(fmt.Errorf("restoring the analysis: %w", err))
		}
		rec, err := k.record(r)
		if err == nil {
			err = k.an.Restore(rec)
		}
		if err != nil {
			return k.fail(fmt.Errorf("restoring the analysis of %s: %w", r.Doc.ID, err))
		}
	}
	k.log.Debug("restored", "documents", len(k.seqs), "elapsed", time.Since(start))
	return nil
}

// fail marks the analysis in memory as no longer the store's, so that
// the next Update restores it before going on, and returns err.
func (k *Keeper) fail(err error) error {
	k.broken = err
	return err
}

// Close lets the analysis go; the store stays open.
func (k *Keeper) Close() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.an.Close()
}

// number gives the next analysis number to the document with Seq seq.
func (k *Keeper) number(seq int64, id string) int {
	n := len(k.seqs)
	k.seqs = append(k.seqs, seq)
	k.ids = append(k.ids, id)
	k.num[seq] = n
	k.byID[id] = n
	return n
}

// record turns a restored document into the analysis's record of it.
func (k *Keeper) record(r *store.Restored) (*analysis.Record, error) {
	print, err := fingerprint.Decode(r.Analysis.Print)
	if err != nil {
		return nil, err
	}
	n := k.number(r.Doc.Seq, r.Doc.ID)
	rec := &analysis.Record{Doc: n, Summary: summary(r.Doc), Print: print, BodyHash: r.Analysis.BodyHash}
	for _, e := range r.Analysis.Edges {
		j, ok := k.num[e]
		if !ok {
			return nil, fmt.Errorf("an edge to document %d, not analysed before it", e)
		}
		rec.Edges = append(rec.Edges, j)
	}
	for _, sp := range r.Analysis.Pairs {
		p, err := k.pair(sp)
		if err != nil {
			return nil, err
		}
		rec.Pairs = append(rec.Pairs, analysis.Derived{With: k.num[sp.A], Pair: p})
	}
	return rec, nil
}

// load reads back the text of the document numbered n, for alignment.
func (k *Keeper) load(ctx context.Context, n int) (*document.Document, error) {
	// Numbers are handed out before each Add, under k.mu, and never
	// change: reading k.seqs here races with nothing.
	d, err := k.st.Document(ctx, k.seqs[n])
	if err != nil {
		return nil, err
	}
	return toDocument(d), nil
}

// Ingest stores the documents of docs, in transactions of Options.Batch,
// and then analyses every document not yet analysed and rewrites the
// stories that changed. Documents are cleaned first unless NoClean. A
// document the store holds already is counted, not stored again.
func (k *Keeper) Ingest(ctx context.Context, docs iter.Seq[*document.Document]) (Stats, error) {
	// Three goroutines share the work. This one reads documents into
	// batches, which keeps the parsers upstream of it busy; a storer
	// writes each batch in a transaction, so that SQLite's time is not
	// taken out of parsing; and the analysis takes up what is stored
	// while the rest is read and stored.
	//
	// A batch the store refuses stops the reading (failed), but not the
	// analysis of the batches stored before it.
	failed := make(chan struct{})
	batches := make(chan []*document.Document, 1)
	stored := make(chan struct{}, 1)
	storedErr := make(chan error, 1)
	analysed := make(chan error, 1)
	var s, kept, background Stats
	go func() {
		var err error
		for range stored {
			if err == nil {
				var u Stats
				u, err = k.update(ctx, false)
				background.Analysed += u.Analysed
			}
		}
		analysed <- err
	}()
	go func() {
		defer close(stored)
		for batch := range batches {
			if _, err := k.store(ctx, batch, &kept); err != nil {
				close(failed)
				for range batches { // until the reader sees it
				}
				storedErr <- err
				return
			}
			select {
			case stored <- struct{}{}:
			default: // the analysis will find these too
			}
		}
		storedErr <- nil
	}()
	send := func(batch []*document.Document) bool {
		if len(batch) == 0 {
			return true
		}
		select {
		case batches <- batch:
			return true
		case <-failed:
			return false
		case <-ctx.Done():
			return false
		}
	}
	batch := make([]*document.Document, 0, k.opt.Batch)
	for d := range docs {
		s.Read++
		batch = append(batch, d)
		if len(batch) == k.opt.Batch {
			if !send(batch) {
				break
			}
			batch = make([]*document.Document, 0, k.opt.Batch)
		}
	}
	select {
	case <-failed:
	default:
		send(batch)
	}
	close(batches)
	err := <-storedErr
	if aerr := <-analysed; err == nil {
		err = aerr
	}
	s.Stored, s.Known, s.Analysed = kept.Stored, kept.Known, background.Analysed
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return s, err
	}
	u, err := k.Update(ctx)
	s.Analysed += u.Analysed
	s.Stories = u.Stories
	return s, err
}

// Add stores docs in one transaction and analyses them, as Ingest does,
// and returns what became of each: for a caller that answers for every
// document, as the server does for a post.
func (k *Keeper) Add(ctx context.Context, docs []*document.Document) ([]store.Put, Stats, error) {
	s := Stats{Read: len(docs)}
	puts, err := k.store(ctx, docs, &s)
	if err != nil {
		return nil, s, err
	}
	u, err := k.Update(ctx)
	s.Analysed, s.Stories = u.Analysed, u.Stories
	return puts, s, err
}

// store cleans docs (unless NoClean) and stores them in one transaction,
// counting the new and the known in s.
func (k *Keeper) store(ctx context.Context, docs []*document.Document, s *Stats) ([]store.Put, error) {
	if !k.opt.NoClean {
		for _, d := range docs {
			clean.Clean(d)
		}
	}
	puts, err := k.st.PutDocuments(ctx, docs)
	if err != nil {
		return nil, err
	}
	for _, p := range puts {
		if p.New {
			s.Stored++
		} else {
			s.Known++
		}
	}
	return puts, nil
}

// Update analyses the stored documents not yet analysed, in chunks of
// Options.Chunk whose records are saved as each ends, and then rewrites
// the stories that changed. It does nothing when every document is
// analysed.
func (k *Keeper) Update(ctx context.Context) (Stats, error) {
	return k.update(ctx, true)
}

// update is Update; it rewrites the stories only when view is set, and
// then if anything was analysed since they were last written.
func (k *Keeper) update(ctx context.Context, view bool) (Stats, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	var s Stats
	if k.broken != nil {
		k.log.Info("restoring the analysis from the store", "after", k.broken)
		if err := k.restore(ctx); err != nil {
			return s, err
		}
	}
	for {
		var chunk []*document.Document
		for d, err := range k.st.Pending(ctx) {
			if err != nil {
				return s, k.fail(err)
			}
			if _, done := k.num[d.Seq]; done {
				return s, k.fail(fmt.Errorf("document %s is analysed but its analysis was not saved", d.ID))
			}
			k.number(d.Seq, d.ID)
			chunk = append(chunk, toDocument(d))
			if len(chunk) == k.opt.Chunk {
				break
			}
		}
		if len(chunk) == 0 {
			break
		}
		k.pend = k.pend[:0]
		if err := k.an.Add(ctx, func(yield func(*document.Document) bool) {
			for _, d := range chunk {
				if !yield(d) {
					return
				}
			}
		}); err != nil {
			return s, k.fail(fmt.Errorf("analysing: %w", err))
		}
		recs := make([]store.Analysis, 0, len(k.pend))
		for _, r := range k.pend {
			a, err := k.analysisOf(r)
			if err != nil {
				return s, k.fail(err)
			}
			recs = append(recs, a)
		}
		if err := k.st.SaveAnalyses(ctx, recs); err != nil {
			return s, k.fail(fmt.Errorf("saving the analysis: %w", err))
		}
		s.Analysed += len(chunk)
		k.log.Debug("analysed", "documents", len(chunk), "total", len(k.seqs))
	}
	k.dirty = k.dirty || s.Analysed > 0
	if !view {
		return s, nil
	}
	if !k.dirty {
		n, err := k.st.CountStories(ctx)
		s.Stories = n
		return s, err
	}
	stories, err := k.view()
	if err != nil {
		return s, err
	}
	s.Stories = len(stories)
	if err := k.st.SaveView(ctx, stories, time.Now()); err != nil {
		return s, fmt.Errorf("saving the stories: %w", err)
	}
	k.dirty = false
	return s, nil
}

// analysisOf is what the store keeps of a record.
func (k *Keeper) analysisOf(r *analysis.Record) (store.Analysis, error) {
	print, err := r.Print.AppendBinary(nil)
	if err != nil {
		return store.Analysis{}, err
	}
	a := store.Analysis{Seq: k.seqs[r.Doc], BodyHash: r.BodyHash, Print: print}
	for _, j := range r.Edges {
		a.Edges = append(a.Edges, k.seqs[j])
	}
	for _, d := range r.Pairs {
		p, err := k.storePair(d.Pair, true)
		if err != nil {
			return store.Analysis{}, err
		}
		a.Pairs = append(a.Pairs, p)
	}
	return a, nil
}

// errUnknown says a pair names a document the Keeper has not numbered.
var errUnknown = errors.New("a pair names a document not in the analysis")
