package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/stemma-news/stemma/internal/analysis"
	"github.com/stemma-news/stemma/internal/clean"
	"github.com/stemma-news/stemma/internal/ingest"
	"github.com/stemma-news/stemma/internal/report"
)

type analyzeFlags struct {
	format     string
	maxBytes   int64
	workers    int
	story      float64
	exhaustive bool
	changes    bool
	cache      int
	spillDir   string
	progress   string
	memLimit   string
}

func newAnalyzeCmd() *cobra.Command {
	var f analyzeFlags
	cmd := &cobra.Command{
		Use:   "analyze [flags] PATH...",
		Short: "Find the stories, the copies and the originals in a collection of articles",
		Long: `analyze reads articles (.txt, .html, .jsonl, .gz of these, folders, or - for
standard input), removes page furniture, aligns the sentences of every pair
worth comparing, and reports the stories: which articles tell each one,
which are duplicates, near-duplicates, rewrites or partial copies of which,
which one is the origin, and the evidence for each call.

Inputs that cannot be read are reported on stderr, one line each; the rest
are analysed and the exit status is 2.`,
		Example: `  stemma analyze examples/seeds
  stemma analyze --format json articles/ > analysis.json
  cat feed.jsonl | stemma analyze --format markdown -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAnalyze(cmd.Context(), cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr(), args, f)
		},
	}
	cmd.Flags().StringVarP(&f.format, "format", "f", "text", "output format: text, markdown or json")
	cmd.Flags().Int64Var(&f.maxBytes, "max-bytes", ingest.DefaultMaxBytes, "skip input files larger than this many bytes")
	cmd.Flags().IntVar(&f.workers, "workers", 0, "parallel workers (0: one per CPU)")
	cmd.Flags().Float64Var(&f.story, "story-threshold", analysis.DefaultStoryThreshold, "similarity two groups of articles need to be one story")
	cmd.Flags().BoolVar(&f.changes, "changes", true, "list what each copy changed against its source (--changes=false to skip)")
	cmd.Flags().BoolVar(&f.exhaustive, "exhaustive", false, "align every pair instead of the candidates the index finds (slow: the baseline the index is measured against)")
	cmd.Flags().IntVar(&f.cache, "cache", analysis.DefaultCache, "recent articles kept in memory; older ones are spilt to a temporary file")
	cmd.Flags().StringVar(&f.spillDir, "spill-dir", "", "directory for the spill file (default: the system's temporary directory)")
	cmd.Flags().StringVar(&f.progress, "progress", "auto", "progress line on stderr: auto (on a terminal, after a second), always or never")
	cmd.Flags().StringVar(&f.memLimit, "memory-limit", "3GiB", memoryLimitUsage)
	return cmd
}

func runAnalyze(ctx context.Context, stdin io.Reader, stdout, stderr io.Writer, paths []string, f analyzeFlags) error {
	render, err := renderer(f.format)
	if err != nil {
		return err
	}
	if err := setMemoryLimit(f.memLimit); err != nil {
		return err
	}
	meter, err := newMeter(stderr, f.progress)
	if err != nil {
		return err
	}
	defer meter.Finish()
	if meter.Active() {
		go func() {
			if n, ok := ingest.Count(ctx, paths); ok {
				meter.SetTotal(n)
			}
		}()
	}
	// Messages go through the meter, so they do not land on its line.
	in := &inputs{stderr: meter}
	opt := analysis.Options{
		Workers: f.workers, StoryThreshold: f.story, Cache: f.cache, SpillDir: f.spillDir, NoChanges: !f.changes,
		// The report reads each change list once, at the end: until
		// then it is on disk, not among the index's gigabytes.
		SpillChanges: true,
		Prepare:      clean.Clean,
		Progress:     func(int) { meter.Add(1) },
		Warn: func(id string, err error) {
			fmt.Fprintf(meter, "stemma: %s: warning: %v\n", id, err)
		},
	}
	if f.exhaustive {
		opt.CandidateThreshold = -1
		// Every pair is aligned: keep every profile, or each would be
		// read back from disk once per pair.
		opt.Cache = math.MaxInt
	}
	start := time.Now()
	res, err := analysis.Run(ctx, in.documents(ctx, paths, ingest.Options{MaxBytes: f.maxBytes, Stdin: stdin}), opt)
	if err != nil {
		return err
	}
	meter.Finish()
	slog.Debug("analysed", "documents", len(res.Documents), "failed", in.failed, "stories", len(res.Stories),
		"pairs", len(res.Pairs), "elapsed", time.Since(start))
	if err := render(stdout, res); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	return in.err()
}

func renderer(format string) (func(io.Writer, *analysis.Result) error, error) {
	switch format {
	case "text", "":
		return report.Text, nil
	case "markdown", "md":
		return report.Markdown, nil
	case "json":
		return report.JSON, nil
	}
	return nil, fmt.Errorf("unknown format %q: want text, markdown or json", format)
}

// memoryLimitUsage is the help of --memory-limit.
const memoryLimitUsage = "soft memory limit: under it the garbage collector runs half as often as Go's default, near it as often as it must (0: none, and Go's default pace; GOMEMLIMIT and GOGC, when set, win)"

// gcPercent is the collector's pace under a memory limit. Go's default of
// 100 lets the heap grow to twice what is live before collecting; an
// analysis allocates fast and keeps little of it (token lists,
// alignments), so at 100 it collects every few seconds at 10^5 articles
// and marks the same live index each time. At 200 it collects half as
// often, for a heap of up to three times what is live, which the limit
// caps: near the limit the collector runs as often as it must, whatever
// the pace.
const gcPercent = 200

// setMemoryLimit applies --memory-limit, unless GOMEMLIMIT is set: the
// environment is how Go programs are usually told, and it wins. Under a
// limit the collector is paced at gcPercent, unless GOGC says otherwise;
// with none it keeps Go's default pace, so that no limit means the heap
// Go would have.
func setMemoryLimit(s string) error {
	n, err := parseBytes(s)
	if err != nil {
		return fmt.Errorf("--memory-limit: %w", err)
	}
	if os.Getenv("GOMEMLIMIT") != "" {
		n = debug.SetMemoryLimit(-1) // the environment's
		if n == math.MaxInt64 {
			n = 0
		}
	} else if n > 0 {
		debug.SetMemoryLimit(n)
	}
	if n > 0 && os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	return nil
}

// parseBytes reads "3GiB", "512MiB", "100KiB" or a plain number of bytes.
func parseBytes(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"B", 1}, {"", 1}}
	for _, u := range units {
		if num, ok := strings.CutSuffix(s, u.suffix); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
			if err != nil || v < 0 {
				return 0, fmt.Errorf("%q is not a size like 3GiB or 512MiB", s)
			}
			return int64(v * float64(u.mult)), nil
		}
	}
	return 0, fmt.Errorf("%q is not a size", s)
}
