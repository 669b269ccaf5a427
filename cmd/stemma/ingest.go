package main

import (
	"context"
	"fmt"
	"io"
	"iter"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/fetch"
	"github.com/stemma-news/stemma/internal/ingest"
	"github.com/stemma-news/stemma/internal/live"
	"github.com/stemma-news/stemma/internal/store"
)

// storeFlags are the flags of every command that works on a store.
type storeFlags struct {
	db       string
	workers  int
	changes  bool
	maxBytes int64
	private  bool
	memLimit string // "" for commands without --memory-limit
}

func (f *storeFlags) add(cmd *cobra.Command) {
	def := os.Getenv("STEMMA_DB")
	if def == "" {
		def = "stemma.db"
	}
	cmd.Flags().StringVar(&f.db, "db", def, "the store: an SQLite file, made when missing ($STEMMA_DB)")
}

func (f *storeFlags) addIngest(cmd *cobra.Command) {
	cmd.Flags().IntVar(&f.workers, "workers", 0, "parallel workers (0: one per CPU)")
	cmd.Flags().BoolVar(&f.changes, "changes", true, "list what each copy changed against its source")
	cmd.Flags().Int64Var(&f.maxBytes, "max-bytes", ingest.DefaultMaxBytes, "skip inputs (files, records, pages) larger than this many bytes")
	cmd.Flags().BoolVar(&f.private, "allow-private", false, "let web addresses reach loopback and private networks (refused by default)")
	cmd.Flags().StringVar(&f.memLimit, "memory-limit", "3GiB", memoryLimitUsage)
}

// open opens the store and a Keeper of its analysis.
func (f *storeFlags) open(ctx context.Context) (*store.Store, *live.Keeper, error) {
	if f.memLimit != "" {
		if err := setMemoryLimit(f.memLimit); err != nil {
			return nil, nil, err
		}
	}
	st, err := store.Open(ctx, f.db)
	if err != nil {
		return nil, nil, err
	}
	k, err := live.Open(ctx, st, f.liveOptions())
	if err != nil {
		st.Close()
		return nil, nil, fmt.Errorf("%s: %w", f.db, err)
	}
	return st, k, nil
}

func (f *storeFlags) liveOptions() live.Options {
	var o live.Options
	o.Analysis.Workers = f.workers
	o.Analysis.NoChanges = !f.changes
	return o
}

func (f *storeFlags) client() *fetch.Client {
	return fetch.New(fetch.Options{AllowPrivate: f.private, MaxBytes: f.maxBytes})
}

func newIngestCmd() *cobra.Command {
	var f storeFlags
	cmd := &cobra.Command{
		Use:   "ingest [flags] PATH|URL...",
		Short: "Add articles to the store and update its stories",
		Long: `ingest adds articles to the store (--db): files and folders as analyze reads
them, WARC archives, and web addresses (a page, or a feed whose items are
fetched). Each article is stored once however often it is given, with the
input exactly as received; the articles not yet analysed are then analysed
against everything before them and the stories that changed are updated.

An interrupted ingest loses nothing stored: run it again and it goes on.
Inputs that cannot be read are reported on stderr, one line each; the rest
are ingested and the exit status is 2.`,
		Example: `  stemma ingest examples/seeds
  stemma ingest --db news.db crawl.warc.gz
  stemma ingest https://example.org/feed.xml`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runIngest(cmd.Context(), cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr(), args, f)
		},
	}
	f.add(cmd)
	f.addIngest(cmd)
	return cmd
}

func runIngest(ctx context.Context, stdin io.Reader, stdout, stderr io.Writer, args []string, f storeFlags) error {
	st, k, err := f.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	defer k.Close()
	in := &inputs{stderr: stderr}
	w := &web{client: f.client(), stderr: stderr, pages: 4}
	start := time.Now()
	s, err := k.Ingest(ctx, sources(ctx, in, w, args, ingest.Options{MaxBytes: f.maxBytes, Stdin: stdin, KeepRaw: true}))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d read: %d new, %d already stored; %d analysed; %d stories in %s (%.1fs)\n",
		s.Read, s.Stored, s.Known, s.Analysed, s.Stories, f.db, time.Since(start).Seconds())
	if in.failed+w.failed > 0 {
		return errInputsFailed
	}
	return nil
}

// sources yields the documents of every argument, files and web
// addresses, in order.
func sources(ctx context.Context, in *inputs, w *web, args []string, opt ingest.Options) iter.Seq[*document.Document] {
	return func(yield func(*document.Document) bool) {
		for _, a := range args {
			if isURL(a) {
				if !w.documents(ctx, a, yield) {
					return
				}
				continue
			}
			for d := range in.documents(ctx, []string{a}, opt) {
				if !yield(d) {
					return
				}
			}
			if ctx.Err() != nil {
				return
			}
		}
	}
}
