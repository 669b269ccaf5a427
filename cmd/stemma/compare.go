package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/stemma-news/stemma/internal/clean"
	"github.com/stemma-news/stemma/internal/ingest"
	"github.com/stemma-news/stemma/internal/relate"
	"github.com/stemma-news/stemma/internal/report"
)

func newCompareCmd() *cobra.Command {
	var (
		format   string
		width    int
		color    string
		maxBytes int64
	)
	cmd := &cobra.Command{
		Use:   "compare [flags] A B",
		Short: "Show two articles side by side, sentence aligned, with their differences",
		Long: `compare aligns the sentences of two articles and prints them side by side,
linked sentences on one row with the words only in A marked [-like this-]
and the words only in B {+like this+} (in colour on a terminal), and
sentences without a counterpart alone on their side. Above them: the
relation of the two (duplicate, near-duplicate, rewrite, partial or
unrelated), its score, which one is the source, and the evidence.`,
		Example: `  stemma compare examples/seeds/002_5abee7961dce3776.txt examples/seeds/003_2bdf8af0f159c7e7.txt
  stemma compare --format json a.html b.html`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return fmt.Errorf("unknown format %q: want text or json", format)
			}
			in := &inputs{stderr: cmd.ErrOrStderr(), clean: clean.Clean}
			docs := slices.Collect(in.documents(cmd.Context(), args, ingest.Options{MaxBytes: maxBytes, Stdin: cmd.InOrStdin()}))
			if err := cmd.Context().Err(); err != nil {
				return err
			}
			if in.failed > 0 || len(docs) != 2 {
				return fmt.Errorf("compare needs two readable articles, got %d: %w", len(docs), errInputsFailed)
			}
			p := relate.Compare(relate.NewDoc(docs[0]), relate.NewDoc(docs[1]))
			// With no evidence of direction, the reader's order says it:
			// the second article against the first.
			if p.Source != "" {
				p.FindChanges()
			} else {
				p.FindChangesAgainst(p.A.ID)
			}
			if format == "json" {
				return report.CompareJSON(cmd.OutOrStdout(), p)
			}
			return report.CompareText(cmd.OutOrStdout(), p, report.CompareOptions{Width: width, Color: useColor(color, cmd.OutOrStdout())})
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text or json")
	cmd.Flags().IntVarP(&width, "width", "w", terminalWidth(), "width of the side-by-side view in columns")
	cmd.Flags().StringVar(&color, "color", "auto", "colour the differences: auto, always or never")
	cmd.Flags().Int64Var(&maxBytes, "max-bytes", ingest.DefaultMaxBytes, "refuse input files larger than this many bytes")
	return cmd
}

// useColor colours output for a terminal unless NO_COLOR is set.
func useColor(mode string, w io.Writer) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// terminalWidth reads $COLUMNS, as shells export it; 160 otherwise.
func terminalWidth() int {
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n >= 60 {
		return n
	}
	return 160
}
