package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"

	"github.com/spf13/cobra"

	"github.com/stemma-news/stemma/internal/analysis"
	"github.com/stemma-news/stemma/internal/clean"
	"github.com/stemma-news/stemma/internal/ingest"
	"github.com/stemma-news/stemma/internal/report"
)

type analyzeFlags struct {
	format   string
	maxBytes int64
	workers  int
	story    float64
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
	return cmd
}

func runAnalyze(ctx context.Context, stdin io.Reader, stdout, stderr io.Writer, paths []string, f analyzeFlags) error {
	render, err := renderer(f.format)
	if err != nil {
		return err
	}
	in := &inputs{stderr: stderr, clean: clean.Clean}
	docs := slices.Collect(in.documents(ctx, paths, ingest.Options{MaxBytes: f.maxBytes, Stdin: stdin}))
	if err := ctx.Err(); err != nil {
		return err
	}
	slog.Debug("read inputs", "documents", len(docs), "failed", in.failed)
	res, err := analysis.Analyze(ctx, docs, analysis.Options{Workers: f.workers, StoryThreshold: f.story})
	if err != nil {
		return err
	}
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
