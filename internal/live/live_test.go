package live

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stemma-news/stemma/internal/analysis"
	"github.com/stemma-news/stemma/internal/change"
	"github.com/stemma-news/stemma/internal/clean"
	"github.com/stemma-news/stemma/internal/corpusgen"
	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/ingest"
	"github.com/stemma-news/stemma/internal/report"
	"github.com/stemma-news/stemma/internal/store"
)

func openStore(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func readSeeds(t *testing.T) []*document.Document {
	t.Helper()
	var docs []*document.Document
	for d, err := range ingest.Read(context.Background(), []string{"../../examples/seeds"}, ingest.Options{KeepRaw: true}) {
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// lines renders what a result says, story by story, in an order that does
// not depend on how stories are numbered.
func lines(res *analysis.Result) []string {
	var out []string
	for _, p := range res.Pairs {
		out = append(out, fmt.Sprintf("%s %s %s %.3f %s sibling=%v changes=%d", p.A.ID, p.B.ID, p.Relation, p.Score, p.Source, p.Sibling, changes(p.Changes)))
	}
	for _, s := range res.Stories {
		out = append(out, fmt.Sprintf("story %v origin %s", s.Documents, s.Origin))
	}
	slices.Sort(out)
	return out
}

func changes(l *change.List) int {
	if l == nil {
		return -1
	}
	return len(l.Changes)
}

// stored reads every story of st back as one result.
func stored(t *testing.T, st *store.Store) *analysis.Result {
	t.Helper()
	ctx := context.Background()
	all := &analysis.Result{}
	sums, err := st.Stories(ctx, store.StoryQuery{Limit: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sums {
		res, err := StoryResult(ctx, st, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		all.Documents = append(all.Documents, res.Documents...)
		all.Pairs = append(all.Pairs, res.Pairs...)
		all.Stories = append(all.Stories, res.Stories...)
	}
	return all
}

func TestKeeperSeeds(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.db")
	st := openStore(t, path)
	k, err := Open(ctx, st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := k.Ingest(ctx, slices.Values(readSeeds(t)))
	if err != nil {
		t.Fatal(err)
	}
	if s.Read != 5 || s.Stored != 5 || s.Analysed != 5 || s.Stories != 1 {
		t.Fatalf("first ingest: %+v, want 5 read, stored and analysed, in 1 story", s)
	}
	// Again, in a new Keeper: nothing new, nothing analysed again.
	k.Close()
	k, err = Open(ctx, st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	if s, err = k.Ingest(ctx, slices.Values(readSeeds(t))); err != nil {
		t.Fatal(err)
	}
	if s.Stored != 0 || s.Known != 5 || s.Analysed != 0 {
		t.Fatalf("second ingest: %+v, want 5 known and nothing stored or analysed", s)
	}

	docs := readSeeds(t)
	want, err := analysis.Analyze(ctx, docs, analysis.Options{Prepare: clean.Clean})
	if err != nil {
		t.Fatal(err)
	}
	got := stored(t, st)
	if g, w := lines(got), lines(want); !slices.Equal(g, w) {
		t.Fatalf("the store says\n%s\nanalysis says\n%s", strings.Join(g, "\n"), strings.Join(w, "\n"))
	}
	// The stored story renders as the contract.
	var b bytes.Buffer
	if err := report.JSON(&b, got); err != nil {
		t.Fatal(err)
	}
	var c struct {
		Documents []struct{ ID string }
		Stories   []struct {
			Documents []string
			Origin    *string
		}
	}
	if err := json.Unmarshal(b.Bytes(), &c); err != nil {
		t.Fatal(err)
	}
	if len(c.Documents) != 5 || len(c.Stories) != 1 || c.Stories[0].Origin == nil {
		t.Fatalf("the stored story as JSON: %s", b.String())
	}
}

// A store fed in two halves, closed and opened again between them, holds
// the stories one analysis of every document finds.
func TestKeeperResume(t *testing.T) {
	material, err := corpusgen.LoadMaterial(context.Background(), "../../../shared/eval")
	if err != nil {
		t.Skipf("no raw material for a generated corpus (%v)", err)
	}
	if _, err := os.Stat("../../../shared/eval"); err != nil {
		t.Skip("../shared is not beside the clone")
	}
	ctx := context.Background()
	gen := func() []*document.Document {
		var docs []*document.Document
		if _, err := corpusgen.Generate(ctx, material, corpusgen.Options{N: 400, Seed: 2}, func(d *document.Document) error {
			docs = append(docs, d)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return docs
	}
	want, err := analysis.Analyze(ctx, gen(), analysis.Options{Prepare: clean.Clean, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	docs := gen()
	path := filepath.Join(t.TempDir(), "s.db")
	for _, part := range [][]*document.Document{docs[:150], docs[150:]} {
		st, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		k, err := Open(ctx, st, Options{Chunk: 100, Analysis: analysis.Options{Workers: 2, Cache: 40}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := k.Ingest(ctx, slices.Values(part)); err != nil {
			t.Fatal(err)
		}
		k.Close()
		st.Close()
	}
	st := openStore(t, path)
	got := stored(t, st)
	g, w := lines(got), lines(want)
	derived := 0
	for _, l := range w {
		if !strings.Contains(l, "same-story") && !strings.HasPrefix(l, "story") {
			derived++
		}
	}
	if derived < 30 {
		t.Fatalf("only %d derived pairs: the test compares too little", derived)
	}
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			t.Fatalf("line %d: the store says %q, analysis says %q", i, g[i], w[i])
		}
	}
	if len(g) != len(w) {
		t.Fatalf("the store says %d lines, analysis %d", len(g), len(w))
	}
}

// An update cut short leaves nothing half done: the next one analyses
// every document and the stories are right.
func TestKeeperCancelled(t *testing.T) {
	ctx := context.Background()
	st := openStore(t, filepath.Join(t.TempDir(), "s.db"))
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	k, err := Open(ctx, st, Options{Analysis: analysis.Options{Progress: func(n int) {
		if n == 3 {
			cancel()
		}
	}}})
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	docs := readSeeds(t)
	for _, d := range docs {
		clean.Clean(d)
	}
	if _, err := st.PutDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Update(cctx); err == nil {
		t.Fatal("an update cancelled part way did not fail")
	}
	s, err := k.Update(ctx)
	if err != nil {
		t.Fatalf("the update after a cancelled one: %v", err)
	}
	if s.Analysed != 5 || s.Stories != 1 {
		t.Fatalf("the update after a cancelled one: %+v, want 5 analysed in 1 story", s)
	}
}

// A batch the store refuses ends the ingest with its error, stops the
// reading of the rest, and keeps the batches stored before it.
func TestKeeperStoreFails(t *testing.T) {
	ctx := context.Background()
	st := openStore(t, filepath.Join(t.TempDir(), "s.db"))
	k, err := Open(ctx, st, Options{Batch: 2, NoClean: true})
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	seeds := readSeeds(t)
	read := 0
	docs := func(yield func(*document.Document) bool) {
		for i := 0; i < 10000; i++ {
			var d *document.Document // the fifth is nil: the store refuses it
			switch {
			case i < 4:
				d = seeds[i]
			case i > 4:
				d = &document.Document{ID: fmt.Sprintf("more-%d", i), Paragraphs: []string{fmt.Sprintf("Another article, number %d, read after the failure.", i)}}
			}
			read++
			if !yield(d) {
				return
			}
		}
	}
	_, err = k.Ingest(ctx, docs)
	if err == nil || !strings.Contains(err.Error(), "nil") {
		t.Fatalf("ingest with a nil document: %v, want the store's error", err)
	}
	if read > 100 {
		t.Errorf("%d documents read after the store failed at the fifth", read)
	}
	s, err := k.Update(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Documents != 4 {
		t.Errorf("%d documents stored, want the 4 of the batches before the failure (%+v, update %+v)", c.Documents, c, s)
	}
}
