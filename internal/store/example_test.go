package store_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/store"
)

// A wire report and a rewrite of it are stored, analysed, grouped into a
// story and listed; storing them again changes nothing.
func Example() {
	dir, err := os.MkdirTemp("", "stemma-store-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(dir, "stemma.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	docs := []*document.Document{
		{ID: "ap", Site: "apnews.com", Title: "Talks to resume in Kyiv",
			Paragraphs: []string{"Talks will resume in Kyiv next week, officials said."}},
		{ID: "farm", Site: "farm.example", Title: "Kyiv talks set to restart",
			Paragraphs: []string{"Negotiations are set to restart in Kyiv next week, according to officials."}},
	}
	for range 2 {
		puts, err := s.PutDocuments(ctx, docs)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(puts)
	}

	// The analysis, not the store's business, finds the rewrite.
	var recs []store.Analysis
	for d, err := range s.Pending(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		a := store.Analysis{Seq: d.Seq}
		if d.ID == "farm" {
			a.Edges = []int64{1}
			a.Pairs = []store.Pair{{A: 1, B: d.Seq, Relation: "rewrite", Score: 0.81, Source: 1}}
		}
		recs = append(recs, a)
	}
	if err := s.SaveAnalyses(ctx, recs); err != nil {
		log.Fatal(err)
	}
	story := store.Story{ID: 1, Documents: []int64{1, 2}, Origin: 1,
		Lineage:   []store.Edge{{Source: 1, Copy: 2, Relation: "rewrite"}},
		Relations: recs[1].Pairs}
	if err := s.SaveView(ctx, []store.Story{story}, time.Now()); err != nil {
		log.Fatal(err)
	}

	list, err := s.Stories(ctx, store.StoryQuery{Limit: 10})
	if err != nil {
		log.Fatal(err)
	}
	for _, sum := range list {
		fmt.Printf("story %d: %q, %d documents from %v\n", sum.ID, sum.Title, sum.Size, sum.Sites)
	}
	hits, err := s.Search(ctx, "restart", 5)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %q\n", hits[0].ID, hits[0].Snippet)
	// Output:
	// [{1 ap true} {2 farm true}]
	// [{1 ap false} {2 farm false}]
	// story 1: "Talks to resume in Kyiv", 2 documents from [apnews.com farm.example]
	// farm: "Kyiv talks set to \x02restart\x03"
}
