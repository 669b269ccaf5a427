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
	"runtime/pprof"

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
	var cpuProfile, memProfile string
	var stopProfile func()
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
			stopProfile = startProfiles(cpuProfile, memProfile)
		},
		PersistentPostRun: func(*cobra.Command, []string) { stopProfile() },
	}
	root.PersistentFlags().StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile to this file")
	root.PersistentFlags().StringVar(&memProfile, "memprofile", "", "write a heap profile to this file at the end")
	_ = root.PersistentFlags().MarkHidden("cpuprofile")
	_ = root.PersistentFlags().MarkHidden("memprofile")
	root.PersistentFlags().BoolVarP(&verbose, "verbose", "v", false, "log progress and decisions to stderr")
	root.AddCommand(newAnalyzeCmd(), newBenchCmd(), newCompareCmd(), newExtractCmd(), newPairsCmd(),
		newIngestCmd(), newWatchCmd(), newServeCmd(), newExportCmd())
	return root
}

// startProfiles starts the profiles asked for and returns what stops and
// writes them. Failures are logged, not fatal: a profile is a diagnostic.
func startProfiles(cpu, mem string) func() {
	var stops []func()
	if cpu != "" {
		f, err := os.Create(cpu)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			slog.Error("cpu profile", "err", err)
		} else {
			stops = append(stops, func() { pprof.StopCPUProfile(); f.Close() })
		}
	}
	if mem != "" {
		stops = append(stops, func() {
			f, err := os.Create(mem)
			if err == nil {
				err = pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
			if err != nil {
				slog.Error("heap profile", "err", err)
			}
		})
	}
	return func() {
		for _, stop := range stops {
			stop()
		}
	}
}
