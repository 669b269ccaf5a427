package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// sharedDir finds the project's shared data: CI checks it out beside the
// repository, so it is ../shared from the repository root.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared data not found at %s (it sits beside the repository in CI): %v", dir, err)
	}
	return dir
}

func TestReadSeeds(t *testing.T) {
	seeds := filepath.Join(sharedDir(t), "corpus", "seeds")
	titles := map[string]string{}
	n := 0
	for doc, err := range Read(context.Background(), []string{seeds}, Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		titles[doc.ID] = doc.Title
		if doc.Words() < 200 {
			t.Errorf("%s: only %d words", doc.ID, doc.Words())
		}
	}
	if n != 5 {
		t.Fatalf("read %d seeds, want 5", n)
	}
	want := map[string]string{
		"000_c436af9a853c0990": "", // opens with a byline
		"001_b81c5c988f4b0327": "Diplomats convene in London as pressure mounts for ceasefire in Ukraine-Russia conflict",
		"003_2bdf8af0f159c7e7": "London Talks Seek Path to Ceasefire in Ukraine Conflict",
		"004_e132605b6a14040e": "", // opens with a dateline sentence
	}
	for id, title := range want {
		if titles[id] != title {
			t.Errorf("%s: title %q, want %q", id, titles[id], title)
		}
	}
}

// Every ECB+ document must read; the set is plain text with a title on
// line 1 where there is one.
func TestReadECBDocs(t *testing.T) {
	docs := filepath.Join(sharedDir(t), "eval", "ecb-dev", "docs")
	if _, err := os.Stat(docs); err != nil {
		t.Skip(err)
	}
	n, titled := 0, 0
	for doc, err := range Read(context.Background(), []string{docs}, Options{}) {
		if err != nil {
			t.Error(err)
			continue
		}
		n++
		if doc.Title != "" {
			titled++
		}
	}
	if n < 400 || titled < n/2 {
		t.Errorf("read %d documents, %d with a title", n, titled)
	}
	t.Logf("%d ECB documents, %d with a title", n, titled)
}
