// Command stemma traces how news stories are copied: it finds the copies,
// rewrites and spins of each story in a pile of articles, names the
// original and shows what each version changed.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"

	"github.com/spf13/cobra"
)

// errInputsFailed marks a run that finished but could not read some
// inputs; each was already reported on stderr, so main only sets the exit
// status.
var errInputsFailed = errors.New("some inputs could not be read")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err := newRootCmd().ExecuteContext(ctx)
	switch {
	case err == nil:
	case errors.Is(err, errInputsFailed):
		if err != errInputsFailed {
			fmt.Fprintln(os.Stderr, "stemma:", err)
		}
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "stemma:", err)
		os.Exit(1)
	}
}

func newRootCmd() *cobra.Command {
	var verbose bool
	root := &cobra.Command{
		Use:           "stemma",
		Short:         "Trace how news stories are copied, rewritten and spun",
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRun: func(cmd *cobra.Command, _ []string) {
			level := slog.LevelWarn
			if verbose {
				level = slog.LevelDebug
			}
			slog.SetDefault(slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), &slog.HandlerOptions{Level: level})))
		},
	}
	root.PersistentFlags().BoolVarP(&verbose, "verbose", "v", false, "log progress and decisions to stderr")
	root.AddCommand(newAnalyzeCmd(), newCompareCmd(), newExtractCmd(), newPairsCmd())
	return root
}
