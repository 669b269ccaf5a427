package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/sync/errgroup"

	"github.com/stemma-news/stemma/internal/server"
)

func newServeCmd() *cobra.Command {
	var f storeFlags
	var addr, tokenEnv string
	var maxBody int64
	var feeds []string
	var interval time.Duration
	cmd := &cobra.Command{
		Use:   "serve [flags]",
		Short: "Serve the store's stories as web pages and a JSON API",
		Long: `serve serves the store (--db) over HTTP: web pages of the stories (newest
first), each story's lineage drawn as a graph with every version and what
it changed, a side-by-side view of a copy against its source, and search;
a JSON API of the same (described at /api/openapi.json); /healthz; and
Prometheus metrics at /metrics. Pages need no JavaScript.

Writing (POST /api/documents) needs a bearer token, read from the
environment variable named by --token-env; without one the server is
read-only. With --watch, the server also polls those feeds every
--interval and adds their new articles as they appear.`,
		Example: `  stemma serve --db news.db
  STEMMA_TOKEN=s3cret stemma serve --addr 0.0.0.0:8080 --watch https://example.org/feed.xml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			st, k, err := f.open(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			defer k.Close()
			token := os.Getenv(tokenEnv)
			reg := server.NewRegistry()
			srv, err := server.New(server.Options{Store: st, Keeper: k, Token: token, MaxBody: maxBody, Registry: reg})
			if err != nil {
				return err
			}
			if token == "" {
				slog.Warn("no token: the server is read-only", "set", tokenEnv)
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "stemma: serving %s at http://%s/\n", f.db, addr)
			g, ctx := errgroup.WithContext(ctx)
			g.Go(func() error { return srv.Serve(ctx, addr) })
			if len(feeds) > 0 {
				g.Go(func() error { return watch(ctx, cmd.ErrOrStderr(), st, k, &f, interval, feeds) })
			}
			err = g.Wait()
			if errors.Is(err, context.Canceled) {
				return nil
			}
			return err
		},
	}
	f.add(cmd)
	f.addIngest(cmd)
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	cmd.Flags().StringVar(&tokenEnv, "token-env", "STEMMA_TOKEN", "environment variable holding the bearer token that writing needs")
	cmd.Flags().Int64Var(&maxBody, "max-body", server.DefaultMaxBody, "largest request body accepted, in bytes")
	cmd.Flags().StringSliceVar(&feeds, "watch", nil, "feeds to poll while serving (repeat or comma-separate)")
	cmd.Flags().DurationVar(&interval, "interval", 5*time.Minute, "how often each --watch feed is polled")
	return cmd
}
