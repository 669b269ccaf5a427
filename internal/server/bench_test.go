package server

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/stemma-news/stemma/internal/corpusgen"
	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/ingest"
	"github.com/stemma-news/stemma/internal/store"
)

// benchDocs is the size of the generated corpus the benchmarks serve.
const benchDocs = 3000

// BenchmarkStoryPage requests the seeds' story page from a store of a few
// thousand documents (the seeds, and a corpus generated from them with
// planted copies), over loopback HTTP as a browser would, and reports the
// 99th percentile of the request times beside the mean.
//
//	go test ./internal/server -run XXX -bench StoryPage
func BenchmarkStoryPage(b *testing.B) {
	e := newEnv(b, Options{})
	ctx := context.Background()
	var seeds []*document.Document
	for d, err := range ingest.Read(ctx, []string{seedsDir}, ingest.Options{KeepRaw: true}) {
		if err != nil {
			b.Fatal(err)
		}
		seeds = append(seeds, d)
	}
	material := make([]corpusgen.Material, len(seeds))
	for i, d := range seeds {
		material[i] = corpusgen.Material{ID: d.ID, Title: d.Title, Paragraphs: slices.Clone(d.Paragraphs)}
	}
	docs := slices.Clone(seeds)
	if _, err := corpusgen.Generate(ctx, material, corpusgen.Options{N: benchDocs, Seed: 1}, func(d *document.Document) error {
		docs = append(docs, d)
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	st, err := e.keeper.Ingest(ctx, slices.Values(docs))
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("ingested %d documents into %d stories in %v", st.Stored, st.Stories, time.Since(start).Round(time.Millisecond))
	d, err := e.st.DocumentByID(ctx, seedWire)
	if err != nil {
		b.Fatal(err)
	}
	list, err := e.st.Stories(ctx, store.StoryQuery{Limit: 2 * benchDocs})
	if err != nil {
		b.Fatal(err)
	}
	biggest := slices.MaxFunc(list, func(x, y store.StorySummary) int { return cmp.Compare(x.Size, y.Size) })
	for _, bc := range []struct {
		name string
		path string
	}{
		{"seeds", fmt.Sprintf("/stories/%d", d.Story)},
		{"index", "/"},
		{"compare", "/compare?a=" + seedWire + "&b=" + seedFormer},
		{fmt.Sprintf("largest-of-%d", biggest.Size), fmt.Sprintf("/stories/%d", biggest.ID)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			client := e.http.Client()
			var times []time.Duration
			for b.Loop() {
				t0 := time.Now()
				resp, err := client.Get(e.http.URL + bc.path)
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					b.Fatalf("GET %s: %d", bc.path, resp.StatusCode)
				}
				times = append(times, time.Since(t0))
			}
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
}
