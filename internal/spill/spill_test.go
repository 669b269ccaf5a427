package spill

import (
	"fmt"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stemma-news/stemma/internal/document"
)

func TestPutGet(t *testing.T) {
	dir := t.TempDir()
	s, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	var refs []Ref
	var docs []*document.Document
	for i := range 200 {
		d := &document.Document{
			ID: fmt.Sprintf("d%d", i), Title: "Title \"quoted\" é",
			Published:  time.Date(2025, 1, 1, 0, 0, i, 0, time.UTC),
			Credits:    []document.Credit{{Kind: "byline", Text: "By A"}},
			Paragraphs: []string{"One.", fmt.Sprintf("Two %d.\nwith a line break", i)},
		}
		r, err := s.Put(d)
		if err != nil {
			t.Fatal(err)
		}
		refs, docs = append(refs, r), append(docs, d)
	}
	// Read back concurrently, in an order unlike the writes.
	var wg sync.WaitGroup
	for k := range 4 {
		wg.Go(func() {
			for i := len(refs) - 1 - k; i >= 0; i -= 4 {
				got, err := s.Get(refs[i])
				if err != nil {
					t.Error(err)
					return
				}
				want := docs[i]
				if got.ID != want.ID || got.Title != want.Title || !got.Published.Equal(want.Published) ||
					!slices.Equal(got.Paragraphs, want.Paragraphs) || len(got.Credits) != 1 {
					t.Errorf("doc %d: got %+v, want %+v", i, got, want)
				}
			}
		})
	}
	wg.Wait()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("spill file left behind: %v", left)
	}
}
