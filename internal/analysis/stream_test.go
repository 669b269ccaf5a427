package analysis

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/index"
)

// summary renders what a result says, for comparing two runs.
func summary(t *testing.T, res *Result) []string {
	t.Helper()
	var out []string
	for _, p := range res.Pairs {
		l, err := res.Changes(p)
		if err != nil {
			t.Fatal(err)
		}
		changes, err := json.Marshal(l)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s %s %s %.3f %s %s %s", p.A.ID, p.B.ID, p.Relation, p.Score, p.Source, p.ChangesAgainst, changes))
	}
	for _, s := range res.Stories {
		out = append(out, fmt.Sprintf("story %v origin %s", s.Documents, s.Origin))
	}
	return out
}

// The result must not depend on how many workers run, or on whether old
// documents were kept in memory or spilt to disk and read back.
func TestRunDeterministic(t *testing.T) {
	docs, _ := generated(t, 600)
	texts := make([][]string, len(docs))
	for i, d := range docs {
		texts[i] = d.Paragraphs
	}
	run := func(opt Options) []string {
		for i, d := range docs {
			d.Paragraphs = texts[i]
		}
		a := NewAnalyzer(opt)
		defer a.Close()
		if err := a.Add(context.Background(), slices.Values(docs)); err != nil {
			t.Fatal(err)
		}
		if small := opt.Index.Budget > 0; a.idx.Truncated() != small {
			t.Fatalf("index budget %d: truncated %v", opt.Index.Budget, a.idx.Truncated())
		}
		res := a.Result()
		if opt.SpillChanges {
			for _, p := range res.Pairs {
				if p.Changes != nil {
					t.Fatalf("%s %s: changes in memory, with SpillChanges", p.A.ID, p.B.ID)
				}
			}
		}
		return summary(t, res)
	}
	want := run(Options{Workers: 1})
	derived := 0
	for _, l := range want {
		if !strings.Contains(l, "same-story") && !strings.HasPrefix(l, "story") {
			derived++
		}
	}
	if derived < 50 {
		t.Fatalf("only %d derived pairs in a generated corpus of 600: the test compares too little", derived)
	}
	compare := func(want []string, opt Options) {
		t.Helper()
		if got := run(opt); !slices.Equal(got, want) {
			for i := range min(len(got), len(want)) {
				if got[i] != want[i] {
					t.Fatalf("workers %d cache %d: line %d is %q, want %q", opt.Workers, opt.Cache, i, got[i], want[i])
				}
			}
			t.Fatalf("workers %d cache %d: %d lines, want %d", opt.Workers, opt.Cache, len(got), len(want))
		}
	}
	for _, opt := range []Options{{Workers: 4}, {Workers: 3, Cache: 5, SpillDir: t.TempDir()}, {Workers: 2, SpillChanges: true, SpillDir: t.TempDir()}} {
		compare(want, opt)
	}
	// Past the index's budget, queries run in a pool of their own, and
	// their candidates are used in input order all the same.
	small := index.Options{Budget: 20000}
	want = run(Options{Workers: 1, Index: small})
	for _, opt := range []Options{{Workers: 4, Index: small}, {Workers: 3, Cache: 5, SpillDir: t.TempDir(), Index: small}} {
		compare(want, opt)
	}
}

// warnings collects Warn calls.
type warnings struct {
	mu  sync.Mutex
	got []string
}

func (w *warnings) warn(id string, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.got = append(w.got, id+": "+err.Error())
}

// Degenerate inputs are analysed, or warned about, without blowing up.
func TestRunDegenerate(t *testing.T) {
	t.Run("many identical tiny articles", func(t *testing.T) {
		var docs []*document.Document
		for i := range 3000 {
			docs = append(docs, doc(fmt.Sprintf("t%d", i), "Read more about this story on our website today."))
		}
		res, err := Analyze(context.Background(), docs, Options{})
		if err != nil {
			t.Fatal(err)
		}
		derived := 0
		for _, p := range res.Pairs {
			if p.Relation.Derived() {
				derived++
			}
		}
		// Each copy is linked to the first and the latest before it, not
		// to every other copy.
		if derived < len(docs)-1 || derived > 2*len(docs) {
			t.Errorf("%d derived pairs among %d identical articles, want about %d", derived, len(docs), 2*len(docs))
		}
		if len(res.Stories) != 1 || !res.Stories[0].Partial {
			t.Errorf("want one story, too big to list every pair: %d stories", len(res.Stories))
		}
		if len(res.Pairs) > 100*len(docs) {
			t.Errorf("%d pairs listed for %d articles", len(res.Pairs), len(docs))
		}
	})
	t.Run("one word repeated", func(t *testing.T) {
		var w warnings
		text := strings.Repeat("buffalo ", 100000)
		docs := []*document.Document{doc("buffalo", text), doc("other", "A different article about something else entirely.")}
		if _, err := Analyze(context.Background(), docs, Options{Warn: w.warn}); err != nil {
			t.Fatal(err)
		}
		if len(w.got) != 1 || !strings.Contains(w.got[0], "repetitive") {
			t.Errorf("warnings %q, want one about repetitive text", w.got)
		}
	})
	t.Run("too many sentences", func(t *testing.T) {
		var w warnings
		var b strings.Builder
		for i := range 5000 {
			fmt.Fprintf(&b, "Sentence number %d says something new about item %d. ", i, i*7)
		}
		docs := []*document.Document{doc("long", b.String()), doc("long-copy", b.String())}
		res, err := Analyze(context.Background(), docs, Options{MaxSentences: 1000, Warn: w.warn})
		if err != nil {
			t.Fatal(err)
		}
		if len(w.got) != 2 || !strings.Contains(w.got[0], "only the first 1000") {
			t.Errorf("warnings %q, want one per long document", w.got)
		}
		if len(res.Pairs) != 1 || !res.Pairs[0].Relation.Derived() {
			t.Errorf("the two long copies are not related: %v", summary(t, res))
		}
	})
	t.Run("empty after cleaning", func(t *testing.T) {
		docs := []*document.Document{doc("empty"), doc("blank", "   "), doc("a", "One real sentence about the harbour in Oslo.")}
		res, err := Analyze(context.Background(), docs, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Pairs) != 0 || len(res.Stories) != 3 {
			t.Errorf("empty documents related: %v", summary(t, res))
		}
	})
}

// An analysis taken up where it stopped, in the same Analyzer after a
// Result or in a new one from the records of the first, finds what one
// run over every document finds.
func TestAnalyzerResume(t *testing.T) {
	docs, _ := generated(t, 600)
	texts := make([][]string, len(docs))
	for i, d := range docs {
		texts[i] = d.Paragraphs
	}
	reset := func() {
		for i, d := range docs {
			d.Paragraphs = texts[i]
		}
	}
	ctx := context.Background()
	want, err := Analyze(ctx, docs, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	half := len(docs) / 2

	t.Run("same analyzer", func(t *testing.T) {
		reset()
		a := NewAnalyzer(Options{Workers: 2})
		defer a.Close()
		if err := a.Add(ctx, slices.Values(docs[:half])); err != nil {
			t.Fatal(err)
		}
		if n := len(a.Result().Documents); n != half {
			t.Fatalf("a result of the first half has %d documents, want %d", n, half)
		}
		if err := a.Add(ctx, slices.Values(docs[half:])); err != nil {
			t.Fatal(err)
		}
		sameLines(t, summary(t, a.Result()), summary(t, want))
	})

	t.Run("restored", func(t *testing.T) {
		reset()
		var recs []*Record
		first := NewAnalyzer(Options{Workers: 2, Record: func(r *Record) { recs = append(recs, r) }})
		defer first.Close()
		if err := first.Add(ctx, slices.Values(docs[:half])); err != nil {
			t.Fatal(err)
		}
		if len(recs) != half {
			t.Fatalf("%d records for %d documents", len(recs), half)
		}
		var loaded atomic.Int64
		second := NewAnalyzer(Options{Workers: 2, Cache: 50, Load: func(_ context.Context, i int) (*document.Document, error) {
			loaded.Add(1)
			d := *docs[i]
			d.Paragraphs = texts[i]
			return &d, nil
		}})
		defer second.Close()
		for _, r := range recs {
			if err := second.Restore(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := second.Add(ctx, slices.Values(docs[half:])); err != nil {
			t.Fatal(err)
		}
		if loaded.Load() == 0 {
			t.Error("no restored text was read back: the second half was aligned with nothing of the first")
		}
		sameLines(t, summary(t, second.Result()), summary(t, want))
	})
}

func sameLines(t *testing.T, got, want []string) {
	t.Helper()
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			t.Fatalf("line %d is %q, want %q", i, got[i], want[i])
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d lines, want %d", len(got), len(want))
	}
}
