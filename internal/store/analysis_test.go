package store

import (
	"errors"
	"reflect"
	"testing"

	"github.com/stemma-news/stemma/internal/document"
)

func pending(t *testing.T, s *Store) []int64 {
	t.Helper()
	var seqs []int64
	for d, err := range s.Pending(t.Context()) {
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Paragraphs) == 0 || d.Analysed {
			t.Fatalf("pending document %d: %d paragraphs, analysed %v", d.Seq, len(d.Paragraphs), d.Analysed)
		}
		seqs = append(seqs, d.Seq)
	}
	return seqs
}

func analysed(t *testing.T, s *Store) []*Restored {
	t.Helper()
	var rs []*Restored
	for r, err := range s.Analysed(t.Context()) {
		if err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	return rs
}

func TestAnalyses(t *testing.T) {
	ctx := t.Context()
	s := openTest(t)
	s.docPage, s.restorePage = 16, 32
	n := 3*s.restorePage + 10 // pages of each reader, the last one short
	var docs []*document.Document
	for i := range n {
		d := article(i, "a.example")
		d.Credits = []document.Credit{{Kind: "agency", Text: "(AP)", Name: "AP"}}
		docs = append(docs, d)
	}
	put(t, s, docs...)
	if got := pending(t, s); len(got) != n || got[0] != 1 || got[n-1] != int64(n) {
		t.Fatalf("%d pending documents, want %d", len(got), n)
	}

	// Analyse all but the last five, in two batches, one of them saved twice.
	var recs []Analysis
	for seq := int64(1); seq <= int64(n-5); seq++ {
		a := Analysis{Seq: seq, BodyHash: uint64(seq) << 60, Print: []byte{byte(seq), 0, 1}}
		if seq > 2 {
			a.Edges = []int64{seq - 1, 1}
			a.Pairs = []Pair{
				{A: 1, B: seq, Relation: "same-story", Score: 0.25},
				{A: seq - 1, B: seq, Relation: "rewrite", Score: 0.8, Source: seq - 1, Detail: []byte(`{"evidence":["x"]}`)},
			}
		}
		recs = append(recs, a)
	}
	half := len(recs) / 2
	for _, batch := range [][]Analysis{recs[:half], recs[half:], recs[half:]} {
		if err := s.SaveAnalyses(ctx, batch); err != nil {
			t.Fatal(err)
		}
	}
	if got := pending(t, s); len(got) != 5 || got[0] != int64(n-4) {
		t.Errorf("pending after analysing: %v, want the last five", got)
	}

	rs := analysed(t, s)
	if len(rs) != len(recs) {
		t.Fatalf("Analysed yielded %d, want %d", len(rs), len(recs))
	}
	for i, r := range rs {
		if !reflect.DeepEqual(r.Analysis, recs[i]) {
			t.Fatalf("restored analysis %d:\n got %+v\nwant %+v", i, r.Analysis, recs[i])
		}
		d := r.Doc
		if d.Seq != recs[i].Seq || d.ID != docs[i].ID || d.Title != docs[i].Title || !d.Analysed ||
			d.Paragraphs != nil || d.Removed != nil || !reflect.DeepEqual(d.Credits, docs[i].Credits) || d.Words != docs[i].Words() {
			t.Fatalf("restored document %d: %+v", i, d)
		}
	}

	// Saving a record again replaces it, pairs and all.
	again := Analysis{Seq: 5, BodyHash: 7, Edges: []int64{2}, Pairs: []Pair{{A: 2, B: 5, Relation: "duplicate", Score: 1, Sibling: true}}}
	if err := s.SaveAnalyses(ctx, []Analysis{again}); err != nil {
		t.Fatal(err)
	}
	if got := analysed(t, s)[4].Analysis; !reflect.DeepEqual(got, again) {
		t.Errorf("re-saved analysis: %+v, want %+v", got, again)
	}
	if p, err := s.Relation(ctx, 5, 4); !errors.Is(err, ErrNotFound) {
		t.Errorf("replaced pair still there: %+v, %v", p, err)
	}

	for _, bad := range []Analysis{
		{Seq: 99999},
		{Seq: int64(n), Pairs: []Pair{{A: 1, B: 2}}},
		{Seq: int64(n), Pairs: []Pair{{A: int64(n), B: int64(n)}}},
		{Seq: int64(n), Pairs: []Pair{{A: 99999, B: int64(n)}}},
	} {
		if err := s.SaveAnalyses(ctx, []Analysis{{Seq: int64(n - 1)}, bad}); err == nil {
			t.Errorf("SaveAnalyses(%+v) succeeded", bad)
		}
	}
	if got := pending(t, s); len(got) != 5 {
		t.Errorf("a failed batch marked documents analysed: %d pending, want 5", len(got))
	}
}

func TestPendingWhileSaving(t *testing.T) {
	ctx := t.Context()
	s := openTest(t)
	s.docPage = 16
	var docs []*document.Document
	for i := range 3 * s.docPage {
		docs = append(docs, article(i, "a.example"))
	}
	put(t, s, docs[:2*s.docPage]...)
	var seen int
	for d, err := range s.Pending(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		seen++
		if err := s.SaveAnalyses(ctx, []Analysis{{Seq: d.Seq}}); err != nil {
			t.Fatal(err)
		}
		if d.Seq == 1 { // documents stored meanwhile are yielded too
			put(t, s, docs[2*s.docPage:]...)
		}
	}
	if seen != len(docs) {
		t.Errorf("Pending yielded %d documents, want %d", seen, len(docs))
	}
	if got := pending(t, s); len(got) != 0 {
		t.Errorf("%d still pending", len(got))
	}
}
