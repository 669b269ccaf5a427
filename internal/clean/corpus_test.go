package clean

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/ingest"
)

// corpusDoc is one real document as a reader hands it to Clean.
type corpusDoc struct {
	Set, ID    string
	Title      string
	Paragraphs []string
}

// loadCorpus reads the shared evaluation sets the way the pipeline does:
// the seeds, the ECB+ dev documents and the extraction pages through
// internal/ingest, and the extraction set's ground-truth bodies one line a
// paragraph (as TestGroundTruthBodies reads them). Sets that are absent
// are left out; the result is nil when none is there.
var loadCorpus = sync.OnceValue(func() []corpusDoc {
	var docs []corpusDoc
	read := func(set, dir string) {
		if _, err := os.Stat(dir); err != nil {
			return
		}
		for doc, err := range ingest.Read(context.Background(), []string{dir}, ingest.Options{}) {
			if err != nil {
				continue // a file the reader refuses is not Clean's input
			}
			docs = append(docs, corpusDoc{set, doc.ID, doc.Title, doc.Paragraphs})
		}
	}
	read("seeds", filepath.Join(sharedDir, "corpus", "seeds"))
	read("ecb-dev", filepath.Join(sharedDir, "eval", "ecb-dev", "docs"))
	read("zyte-html", filepath.Join(sharedDir, "eval", "extraction-zyte", "html"))

	data, err := os.ReadFile(filepath.Join(sharedDir, "eval", "extraction-zyte", "ground-truth.json"))
	if err == nil {
		var gt map[string]struct {
			ArticleBody string `json:"articleBody"`
		}
		if json.Unmarshal(data, &gt) == nil {
			ids := make([]string, 0, len(gt))
			for id := range gt {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			for _, id := range ids {
				var ps []string
				for l := range strings.Lines(gt[id].ArticleBody) {
					if l = strings.TrimSpace(l); l != "" {
						ps = append(ps, l)
					}
				}
				docs = append(docs, corpusDoc{"zyte-body", id, "", ps})
			}
		}
	}
	return docs
})

// variants derives harder inputs from real documents, so that the golden
// file also pins down repetition and position rules that the real sets
// rarely exercise: paragraphs printed twice (verbatim, with a typo, with
// two of them joined), furniture stacked at the edges, a document read
// twice over. The generator is seeded, so the variants are the same on
// every run.
func variants(docs []corpusDoc) []corpusDoc {
	furniture := []string{
		"Advertisement", "46", "___", "Share this article", "By Jane Doe, Reuters",
		"Read more: How the talks in Paris fell apart", "About the author",
		"Jane Doe is a senior reporter at the Planet. She has 12 years of experience.",
		"We appreciate your thoughts. Please leave a comment.", "Photo: Reuters",
		"(Reporting by Will Dunham; Editing by Tom Brown)", "\u200b",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var out []corpusDoc
	for i, d := range docs {
		if i%4 != 0 || len(d.Paragraphs) < 3 {
			continue
		}
		ps := slices.Clone(d.Paragraphs)
		for range 1 + rng.IntN(4) {
			j := rng.IntN(len(ps))
			p := ps[j]
			switch rng.IntN(5) {
			case 0: // a typo in the copy
				if k := rng.IntN(len(p) + 1); k < len(p) && p[k] < 0x80 {
					p = p[:k] + "x" + p[k+1:]
				}
			case 1: // a broken word
				if k := strings.IndexByte(p[len(p)/2:], ' '); k > 2 {
					k += len(p) / 2
					p = p[:k-2] + " " + p[k-2:]
				}
			case 2: // two paragraphs joined
				if j+1 < len(ps) {
					p += " " + ps[j+1]
				}
			}
			ps = slices.Insert(ps, rng.IntN(len(ps)+1), p)
		}
		for range rng.IntN(4) {
			ps = slices.Insert(ps, 0, furniture[rng.IntN(len(furniture))])
			ps = append(ps, furniture[rng.IntN(len(furniture))])
		}
		out = append(out, corpusDoc{"variant", d.Set + "/" + d.ID, d.Title, ps})
		if i%16 == 0 {
			out = append(out, corpusDoc{"variant", d.Set + "/" + d.ID + "/twice", d.Title, append(slices.Clone(d.Paragraphs), d.Paragraphs...)})
		}
	}
	for name, ps := range worstCases(60) {
		out = append(out, corpusDoc{"variant", "worst/" + name, "", ps})
	}
	slices.SortFunc(out, func(a, b corpusDoc) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// corpusResult is what Clean made of one corpus document: its removals,
// credits and byline. Input is a digest of the document as read, to tell a
// change in a reader or in the shared data (regenerate the file) from a
// change in Clean.
type corpusResult struct {
	Set     string             `json:"set"`
	ID      string             `json:"id"`
	Input   string             `json:"input"`
	Byline  string             `json:"byline,omitempty"`
	Removed []document.Removal `json:"removed,omitempty"`
	Credits []document.Credit  `json:"credits,omitempty"`
}

func digest(d corpusDoc) string {
	h := sha256.New()
	fmt.Fprintf(h, "%q\n", d.Title)
	for _, p := range d.Paragraphs {
		fmt.Fprintf(h, "%q\n", p)
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// TestCorpusRemovals runs Clean over every document of the shared sets
// (and variants of them) and compares the removals with
// testdata/corpus.golden.json, so that a change meant only to make Clean
// faster is seen to change nothing. go test -run TestCorpusRemovals
// -update rewrites the file after a deliberate change (review the diff).
func TestCorpusRemovals(t *testing.T) {
	docs := loadCorpus()
	if len(docs) == 0 {
		t.Skipf("shared data not found at %s", sharedDir)
	}
	docs = append(slices.Clone(docs), variants(docs)...)
	got := make([]corpusResult, 0, len(docs))
	for _, d := range docs {
		doc := &document.Document{Title: d.Title, Paragraphs: slices.Clone(d.Paragraphs)}
		Clean(doc)
		got = append(got, corpusResult{d.Set, d.ID, digest(d), doc.Byline, doc.Removed, doc.Credits})
	}

	path := filepath.Join("testdata", "corpus.golden.json")
	if *update {
		data, err := json.MarshalIndent(got, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	var want []corpusResult
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	wantByKey := map[string]corpusResult{}
	for _, w := range want {
		wantByKey[w.Set+"/"+w.ID] = w
	}
	if len(want) != len(got) {
		t.Errorf("%d documents, the golden file has %d: the shared data changed? (run with -update and review the diff)", len(got), len(want))
	}
	differ := 0
	for _, g := range got {
		w, ok := wantByKey[g.Set+"/"+g.ID]
		switch {
		case !ok:
			t.Errorf("%s %s: not in the golden file", g.Set, g.ID)
		case w.Input != g.Input:
			t.Errorf("%s %s: input differs from the one the golden file was made from (a reader or the shared data changed; run with -update)", g.Set, g.ID)
		default:
			gj, _ := json.Marshal(g)
			wj, _ := json.Marshal(w)
			if !bytes.Equal(gj, wj) {
				differ++
				if differ <= 10 {
					t.Errorf("%s %s: Clean's output changed\n got %s\nwant %s", g.Set, g.ID, gj, wj)
				}
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d of %d documents cleaned differently", differ, len(got))
	}
}
