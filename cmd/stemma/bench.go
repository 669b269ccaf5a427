package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/stemma-news/stemma/internal/corpusgen"
	"github.com/stemma-news/stemma/internal/ingest"
	"github.com/stemma-news/stemma/internal/minhash"
)

type benchFlags struct {
	sizes         []int
	dir           string
	eval          string
	seed          int64
	exhaustiveMax int
	methods       []string
}

func newBenchCmd() *cobra.Command {
	var f benchFlags
	cmd := &cobra.Command{
		Use:   "bench [flags]",
		Short: "Measure speed, memory, recall and precision on generated corpora with planted copies",
		Long: `bench builds, for each size N, a corpus of N articles from real text (the
ecb-dev and extraction-zyte sets of the evaluation directory) with planted
copies of known lineage: exact copies, light edits, heavy rewrites and
partial reuse, among unrelated articles. It then runs, each as a separate
process so that time and peak memory are its own:

  stemma       stemma analyze --format json, the index on (the default)
  minhash      5-word-shingle MinHash LSH at Jaccard 0.7, the method of
               common near-duplicate tools
  exhaustive   stemma analyze --exhaustive, every pair aligned (only up to
               --exhaustive-max articles: it grows as N²)

and reports for each: seconds, articles per second, peak memory, the
recall of the planted pairs by kind, the precision of the reported derived
pairs (a pair is right when both articles are of one planted family), and
stemma's recall as a share of what exhaustive alignment finds.

Corpora are kept in --dir and reused when asked for again with the same
size and seed.`,
		Example: `  stemma bench --sizes 10000
  stemma bench --sizes 10000,100000,1000000 --methods stemma,minhash`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runBench(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr(), f)
		},
	}
	cmd.Flags().IntSliceVar(&f.sizes, "sizes", []int{10000}, "corpus sizes to measure")
	cmd.Flags().StringVar(&f.dir, "dir", filepath.Join(os.TempDir(), "stemma-bench"), "where corpora and outputs are kept")
	cmd.Flags().StringVar(&f.eval, "eval", "../shared/eval", "evaluation directory with ecb-dev and extraction-zyte, the raw material")
	cmd.Flags().Int64Var(&f.seed, "seed", 1, "seed of the generated corpora")
	cmd.Flags().IntVar(&f.exhaustiveMax, "exhaustive-max", 10000, "largest size the exhaustive baseline runs at")
	cmd.Flags().StringSliceVar(&f.methods, "methods", []string{"stemma", "minhash", "exhaustive"}, "methods to run")
	cmd.AddCommand(newBenchMinhashCmd(), newBenchStoreCmd())
	return cmd
}

// newBenchMinhashCmd is the baseline as a command of its own, so that
// bench can measure it in its own process: it prints "a<TAB>b<TAB>jaccard"
// for every pair of articles whose 5-word shingles reach Jaccard 0.7.
func newBenchMinhashCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "minhash PATH...",
		Short:  "The MinHash LSH baseline: print the near-duplicate pairs of the articles in PATH",
		Hidden: true,
		Args:   cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMinhash(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr(), args)
		},
	}
}

func runMinhash(ctx context.Context, stdout, stderr io.Writer, paths []string) error {
	idx := minhash.New(minhash.Options{})
	in := &inputs{stderr: stderr}
	// Signatures in parallel, added in input order: each document's
	// signature arrives on a channel of its own, queued in input order.
	type job struct {
		id   string
		text string
		sig  chan minhash.Signature
	}
	texts := make(chan job, 256)
	jobs := make(chan job, 256)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for j := range texts {
				j.sig <- idx.Signature(j.text)
			}
		})
	}
	go func() {
		defer close(jobs)
		defer close(texts)
		for d := range in.documents(ctx, paths, ingest.Options{}) {
			j := job{d.ID, d.Text(), make(chan minhash.Signature, 1)}
			texts <- j
			jobs <- j
		}
	}()
	w := bufio.NewWriter(stdout)
	var ids []string
	for j := range jobs {
		id := uint32(len(ids))
		ids = append(ids, j.id)
		for _, m := range idx.Add(id, <-j.sig) {
			fmt.Fprintf(w, "%s\t%s\t%.3f\n", ids[m.ID], j.id, m.Jaccard)
		}
	}
	wg.Wait()
	if err := w.Flush(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return in.err()
}

// measured is one method's run on one corpus.
type measured struct {
	method  string
	n       int
	elapsed time.Duration
	maxRSS  int64 // bytes
	found   map[[2]string]bool
	err     error
}

func runBench(ctx context.Context, stdout, stderr io.Writer, f benchFlags) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(f.dir, 0o755); err != nil {
		return err
	}
	cs := &corpora{dir: f.dir, eval: f.eval, seed: f.seed, stderr: stderr}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "method\tN\tseconds\tarticles/s\tpeak MB\texact\tlight\theavy\tpartial\trecall\tprecision\tof exhaustive\t\n")
	var prev *measured
	for _, n := range f.sizes {
		corpus, truth, err := cs.get(ctx, n)
		if err != nil {
			return err
		}
		var exhaustive *measured
		var results []*measured
		for _, method := range f.methods {
			var args []string
			switch method {
			case "stemma":
				args = []string{"analyze", "--format", "json", "--progress", "never", corpus}
			case "exhaustive":
				if n > f.exhaustiveMax {
					continue
				}
				args = []string{"analyze", "--exhaustive", "--format", "json", "--progress", "never", corpus}
			case "minhash":
				args = []string{"bench", "minhash", corpus}
			default:
				return fmt.Errorf("unknown method %q: want stemma, minhash or exhaustive", method)
			}
			fmt.Fprintf(stderr, "bench: %s on %d articles\n", method, n)
			out := filepath.Join(f.dir, fmt.Sprintf("out-%s-%d-seed%d", method, n, f.seed))
			m := runMeasured(ctx, self, args, out, method == "minhash")
			m.method, m.n = method, n
			if m.err != nil {
				fmt.Fprintf(stderr, "bench: %s on %d articles: %v\n", method, n, m.err)
				continue
			}
			if method == "exhaustive" {
				exhaustive = m
			}
			results = append(results, m)
		}
		for _, m := range results {
			fmt.Fprintln(tw, scoreRow(m, truth, exhaustive))
			if m.method == "stemma" {
				if prev != nil {
					fmt.Fprintf(stderr, "bench: stemma time x%.2f for N x%.1f (N log N would be x%.2f)\n",
						m.elapsed.Seconds()/prev.elapsed.Seconds(), float64(m.n)/float64(prev.n),
						nlogn(m.n)/nlogn(prev.n))
				}
				prev = m
			}
		}
		tw.Flush()
	}
	return tw.Flush()
}

// corpora makes the generated corpora of a bench run, or finds them made
// by an earlier one with the same size and seed.
type corpora struct {
	dir, eval string
	seed      int64
	stderr    io.Writer
	material  []corpusgen.Material // read on the first corpus made
}

// get returns the path of the corpus of n articles and its truth.
func (c *corpora) get(ctx context.Context, n int) (string, *corpusgen.Truth, error) {
	corpus := filepath.Join(c.dir, fmt.Sprintf("corpus-%d-seed%d.jsonl", n, c.seed))
	if truth, err := loadTruth(corpus + ".truth.json"); err == nil {
		return corpus, truth, nil
	}
	if c.material == nil {
		fmt.Fprintf(c.stderr, "bench: reading raw material from %s\n", c.eval)
		var err error
		if c.material, err = corpusgen.LoadMaterial(ctx, c.eval); err != nil {
			return "", nil, fmt.Errorf("raw material: %w", err)
		}
	}
	fmt.Fprintf(c.stderr, "bench: generating %d articles into %s\n", n, corpus)
	truth, err := generate(ctx, corpus, c.material, corpusgen.Options{N: n, Seed: c.seed})
	return corpus, truth, err
}

func nlogn(n int) float64 { return float64(n) * math.Log(float64(n)) }

func generate(ctx context.Context, path string, material []corpusgen.Material, opt corpusgen.Options) (*corpusgen.Truth, error) {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return nil, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	truth, err := corpusgen.WriteJSONL(ctx, w, material, opt)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("generating %s: %w", path, err)
	}
	b, err := json.Marshal(truth)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(path+".truth.json", b, 0o644); err != nil {
		return nil, err
	}
	return truth, os.Rename(tmp, path)
}

func loadTruth(path string) (*corpusgen.Truth, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var t corpusgen.Truth
	return &t, json.Unmarshal(b, &t)
}

// runMeasured runs this program with args, its output to out, and
// measures its wall time and peak memory; then reads the derived pairs it
// reported.
func runMeasured(ctx context.Context, self string, args []string, out string, tsv bool) *measured {
	m := &measured{}
	m.elapsed, m.maxRSS, m.err = timed(ctx, self, args, out)
	if m.err != nil {
		return m
	}
	if tsv {
		m.found, m.err = readTSVPairs(out)
	} else {
		m.found, m.err = readDerived(out)
	}
	return m
}

// timed runs this program with args, its output to out, and returns its
// wall time and peak memory. Exit status 2 (some inputs unreadable) is
// not a failure.
func timed(ctx context.Context, self string, args []string, out string) (time.Duration, int64, error) {
	f, err := os.Create(out)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	cmd := exec.CommandContext(ctx, self, args...)
	cmd.Stdout = f
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	err = cmd.Run()
	elapsed := time.Since(start)
	var rss int64
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = ru.Maxrss * 1024
		}
	}
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 2) {
		return elapsed, rss, fmt.Errorf("%w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return elapsed, rss, nil
}

// readDerived reads the derived pairs of an analysis in JSON.
func readDerived(path string) (map[[2]string]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out struct {
		Relations []struct {
			A, B     string
			Relation string
		} `json:"relations"`
	}
	if err := json.NewDecoder(bufio.NewReaderSize(f, 1<<20)).Decode(&out); err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	found := map[[2]string]bool{}
	for _, r := range out.Relations {
		if r.Relation != "same-story" {
			found[pairKey(r.A, r.B)] = true
		}
	}
	return found, nil
}

func readTSVPairs(path string) (map[[2]string]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	found := map[[2]string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		parts := strings.Split(sc.Text(), "\t")
		if len(parts) >= 2 {
			found[pairKey(parts[0], parts[1])] = true
		}
	}
	return found, sc.Err()
}

func pairKey(a, b string) [2]string { return [2]string{min(a, b), max(a, b)} }

// scoreRow is one line of the table: recall of the planted pairs by kind,
// precision of the reported pairs against the planted families.
func scoreRow(m *measured, truth *corpusgen.Truth, exhaustive *measured) string {
	family := map[string]int{}
	for k, fam := range truth.Families {
		for _, id := range fam {
			family[id] = k + 1
		}
	}
	kinds := []corpusgen.Kind{corpusgen.Exact, corpusgen.Light, corpusgen.Heavy, corpusgen.Partial}
	found, total := map[corpusgen.Kind]int{}, map[corpusgen.Kind]int{}
	var foundAll, ofExh, exh int
	for _, p := range truth.Planted {
		k := pairKey(p.Source, p.Copy)
		total[p.Kind]++
		if m.found[k] {
			found[p.Kind]++
			foundAll++
		}
		if exhaustive != nil && exhaustive.found[k] {
			exh++
			if m.found[k] {
				ofExh++
			}
		}
	}
	right := 0
	for k := range m.found {
		if f := family[k[0]]; f != 0 && f == family[k[1]] {
			right++
		}
	}
	ratio := func(a, b int) string {
		if b == 0 {
			return "-"
		}
		return fmt.Sprintf("%.3f", float64(a)/float64(b))
	}
	cells := []string{m.method, strconv.Itoa(m.n), fmt.Sprintf("%.1f", m.elapsed.Seconds()),
		fmt.Sprintf("%.0f", float64(m.n)/m.elapsed.Seconds()), fmt.Sprintf("%.0f", float64(m.maxRSS)/(1<<20))}
	for _, k := range kinds {
		cells = append(cells, ratio(found[k], total[k]))
	}
	cells = append(cells, ratio(foundAll, len(truth.Planted)), ratio(right, len(m.found)))
	if exhaustive != nil {
		cells = append(cells, ratio(ofExh, exh))
	} else {
		cells = append(cells, "-")
	}
	return strings.Join(slices.Clip(cells), "\t") + "\t"
}
