package main

import (
	"bufio"
	"cmp"
	"context"
	"fmt"
	"html"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/ingest"
	"github.com/stemma-news/stemma/internal/server"
	"github.com/stemma-news/stemma/internal/store"
	"github.com/stemma-news/stemma/internal/warc"
)

type benchStoreFlags struct {
	sizes    []int
	dir      string
	eval     string
	seed     int64
	requests int
}

func newBenchStoreCmd() *cobra.Command {
	var f benchStoreFlags
	cmd := &cobra.Command{
		Use:   "store [flags]",
		Short: "Measure ingest into the store and the time to serve story pages",
		Long: `bench store builds, for each size N, the generated corpus of bench as a
WARC file of article pages (one response record an article, each page with
a header, navigation and a footer around the article), and measures, each
in its own process so that time and peak memory are its own:

  ingest warc    stemma ingest of the WARC into a new store: HTML
                 extraction, cleaning, storing, analysis and stories
  ingest jsonl   the same articles as JSON lines, no HTML to extract: the
                 baseline that shows what extraction costs
  analyze jsonl  stemma analyze of the JSON lines, nothing stored: the
                 baseline that shows what storing costs

Then it serves the WARC's store on loopback and requests --requests story
pages of random stories, one at a time, and reports the latency
percentiles of story pages, of their JSON and of the story list.`,
		Example: `  stemma bench store --sizes 100000`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runBenchStore(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr(), f)
		},
	}
	cmd.Flags().IntSliceVar(&f.sizes, "sizes", []int{10000}, "corpus sizes to measure")
	cmd.Flags().StringVar(&f.dir, "dir", filepath.Join(os.TempDir(), "stemma-bench"), "where corpora, WARC files and stores are kept")
	cmd.Flags().StringVar(&f.eval, "eval", "../shared/eval", "evaluation directory with ecb-dev and extraction-zyte, the raw material")
	cmd.Flags().Int64Var(&f.seed, "seed", 1, "seed of the generated corpora")
	cmd.Flags().IntVar(&f.requests, "requests", 2000, "story pages requested for the latency figures")
	return cmd
}

func runBenchStore(ctx context.Context, stdout, stderr io.Writer, f benchStoreFlags) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(f.dir, 0o755); err != nil {
		return err
	}
	cs := &corpora{dir: f.dir, eval: f.eval, seed: f.seed, stderr: stderr}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "method\tN\tseconds\tarticles/s\tpeak MB\t\n")
	for _, n := range f.sizes {
		corpus, _, err := cs.get(ctx, n)
		if err != nil {
			return err
		}
		archive := strings.TrimSuffix(corpus, ".jsonl") + ".warc.gz"
		if _, err := os.Stat(archive); err != nil {
			fmt.Fprintf(stderr, "bench: writing %s\n", archive)
			if err := writeWARC(ctx, corpus, archive); err != nil {
				return err
			}
		}
		var warcDB string
		for _, m := range []struct{ name, input, cmd string }{
			{"ingest warc", archive, "ingest"},
			{"ingest jsonl", corpus, "ingest"},
			{"analyze jsonl", corpus, "analyze"},
		} {
			db := filepath.Join(f.dir, fmt.Sprintf("store-%s-%d-seed%d.db", strings.ReplaceAll(m.name, " ", "-"), n, f.seed))
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(db + suffix)
			}
			args := []string{"ingest", "--db", db, m.input}
			if m.cmd == "analyze" {
				args = []string{"analyze", "--format", "json", "--progress", "never", m.input}
			}
			fmt.Fprintf(stderr, "bench: %s, %d articles\n", m.name, n)
			elapsed, rss, err := timed(ctx, self, args, filepath.Join(f.dir, "out-"+strings.ReplaceAll(m.name, " ", "-")))
			if err != nil {
				return fmt.Errorf("%s: %w", m.name, err)
			}
			fmt.Fprintf(tw, "%s\t%d\t%.1f\t%.0f\t%.0f\t\n", m.name, n, elapsed.Seconds(), float64(n)/elapsed.Seconds(), float64(rss)/(1<<20))
			if m.name == "ingest warc" {
				warcDB = db
			}
		}
		tw.Flush()
		if err := pageLatency(ctx, stdout, warcDB, f.requests, f.seed); err != nil {
			return err
		}
	}
	return tw.Flush()
}

// writeWARC writes the articles of a JSONL corpus as a crawl would have
// fetched their pages.
func writeWARC(ctx context.Context, corpus, path string) error {
	in, err := os.Open(corpus)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp := path + ".tmp"
	out, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer out.Close()
	bw := bufio.NewWriterSize(out, 1<<20)
	w := warc.NewWriter(bw, true)
	if err := w.WriteInfo(warc.Header{{Name: "software", Value: "stemma bench store"}, {Name: "format", Value: "WARC File Format 1.1"}}); err != nil {
		return err
	}
	crawled := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for d, err := range ingest.ParseJSONL(ctx, in, corpus, ingest.Options{}) {
		if err != nil {
			return err
		}
		page := articlePage(d)
		url := fmt.Sprintf("https://%s/news/%s", cmp.Or(d.Site, "example.org"), d.ID)
		if err := w.WriteResponse(url, crawled, http.StatusOK, "text/html; charset=utf-8", page); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// articlePage is a news page of d: its article among the furniture every
// page of a site repeats.
func articlePage(d *document.Document) []byte {
	var b strings.Builder
	e := html.EscapeString
	site := cmp.Or(d.Site, "example.org")
	fmt.Fprintf(&b, "<!doctype html><html lang=en><head><meta charset=utf-8><title>%s | %s</title>", e(d.Title), e(site))
	if !d.Published.IsZero() {
		fmt.Fprintf(&b, `<meta property="article:published_time" content="%s">`, d.Published.Format(time.RFC3339))
	}
	fmt.Fprintf(&b, `<meta property="og:site_name" content="%s"></head><body>`, e(site))
	fmt.Fprintf(&b, `<header><a href="/">%s</a><nav><a href="/world">World</a> <a href="/politics">Politics</a> <a href="/business">Business</a> <a href="/sport">Sport</a></nav></header>`, e(site))
	fmt.Fprintf(&b, "<main><article><h1>%s</h1>", e(d.Title))
	if d.Byline != "" {
		fmt.Fprintf(&b, `<p class="byline">By %s</p>`, e(d.Byline))
	}
	for _, p := range d.Paragraphs {
		fmt.Fprintf(&b, "<p>%s</p>", e(p))
	}
	b.WriteString(`</article><aside><h2>Most read</h2><ul><li><a href="/a">Markets rally as rates hold</a></li><li><a href="/b">Storm warnings for the coast</a></li></ul></aside></main>`)
	fmt.Fprintf(&b, `<footer><p>© 2026 %s. All rights reserved.</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer></body></html>`, e(site))
	return []byte(b.String())
}

// pageLatency serves db on loopback and requests story pages of random
// stories, one at a time, reporting the percentiles of their latency.
func pageLatency(ctx context.Context, stdout io.Writer, db string, requests int, seed int64) error {
	st, err := store.Open(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	c, err := st.Counts(ctx)
	if err != nil {
		return err
	}
	stories, err := st.Stories(ctx, store.StoryQuery{Limit: 1 << 30})
	if err != nil {
		return err
	}
	if len(stories) == 0 {
		return fmt.Errorf("%s has no stories", db)
	}
	srv, err := server.New(server.Options{Store: st, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	r := rand.New(rand.NewPCG(uint64(seed), 7))
	// Half the requests for stories of several versions, which readers
	// open and which cost the most to draw.
	var big []int64
	for _, s := range stories {
		if s.Size > 1 {
			big = append(big, s.ID)
		}
	}
	pick := func() int64 {
		if len(big) > 0 && r.IntN(2) == 0 {
			return big[r.IntN(len(big))]
		}
		return stories[r.IntN(len(stories))].ID
	}
	fmt.Fprintf(stdout, "\nserving %s: %d documents, %d stories (%d of several versions); %d requests of each kind, one at a time\n",
		filepath.Base(db), c.Documents, len(stories), len(big), requests)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "page\tp50 ms\tp90 ms\tp99 ms\tmax ms\t\n")
	for _, page := range []struct {
		name string
		path func() string
	}{
		{"story page", func() string { return fmt.Sprintf("/stories/%d", pick()) }},
		{"story JSON", func() string { return fmt.Sprintf("/api/stories/%d", pick()) }},
		{"story list", func() string { return fmt.Sprintf("/?offset=%d", 50*r.IntN(max(1, len(stories)/50))) }},
	} {
		var took []time.Duration
		for range requests {
			start := time.Now()
			resp, err := ts.Client().Get(ts.URL + page.path())
			if err != nil {
				return err
			}
			_, err = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if err != nil {
				return err
			}
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("%s: %s", page.name, resp.Status)
			}
			took = append(took, time.Since(start))
		}
		slices.Sort(took)
		q := func(p float64) float64 { return float64(took[int(p*float64(len(took)-1))].Microseconds()) / 1000 }
		fmt.Fprintf(tw, "%s\t%.1f\t%.1f\t%.1f\t%.1f\t\n", page.name, q(0.5), q(0.9), q(0.99), q(1))
	}
	return tw.Flush()
}
