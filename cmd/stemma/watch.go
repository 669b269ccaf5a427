package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/spf13/cobra"

	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/feed"
	"github.com/stemma-news/stemma/internal/live"
	"github.com/stemma-news/stemma/internal/store"
)

func newWatchCmd() *cobra.Command {
	var f storeFlags
	var interval time.Duration
	cmd := &cobra.Command{
		Use:   "watch [flags] FEED...",
		Short: "Poll feeds and add their new articles to the store as they appear",
		Long: `watch polls RSS, Atom and JSON feeds every --interval, with conditional
requests (an unchanged feed costs a 304), fetches the page of each new item
and adds it to the store (--db), updating the stories as each batch
arrives. What each feed last sent and which items were seen are kept in
the store, so a restarted watch does not fetch old items again. It runs
until interrupted; a feed that fails is logged and polled again later.`,
		Example: `  stemma watch --interval 5m https://example.org/feed.xml https://example.com/rss`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, k, err := f.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			defer k.Close()
			return watch(cmd.Context(), cmd.ErrOrStderr(), st, k, &f, interval, args)
		},
	}
	f.add(cmd)
	f.addIngest(cmd)
	cmd.Flags().DurationVar(&interval, "interval", 5*time.Minute, "how often each feed is polled")
	return cmd
}

// watch polls feeds until ctx ends, adding their new items through k.
func watch(ctx context.Context, stderr io.Writer, st *store.Store, k *live.Keeper, f *storeFlags, interval time.Duration, feeds []string) error {
	w := &web{client: f.client(), stderr: stderr, pages: 4}
	p := &feed.Poller{
		Client: w.client,
		Jitter: 0.1,
		Load: func(ctx context.Context, url string) (*feed.State, error) {
			fs, err := st.FeedState(ctx, url)
			if err != nil {
				return nil, err
			}
			return &feed.State{URL: url, ETag: fs.ETag, LastModified: fs.LastModified, LastPolled: fs.LastPolled,
				LastError: fs.LastError, Seen: func(guid string) bool {
					seen, err := st.SeenItem(ctx, url, guid)
					return err == nil && seen
				}}, nil
		},
		Save: func(ctx context.Context, s *feed.State) error {
			return st.SaveFeedState(ctx, store.FeedState{URL: s.URL, ETag: s.ETag, LastModified: s.LastModified,
				LastPolled: s.LastPolled, LastError: s.LastError})
		},
	}
	handle := func(ctx context.Context, url string, items []feed.Item) error {
		var docs []*document.Document
		var guids []string
		if !w.items(ctx, items, func(d *document.Document) bool {
			docs = append(docs, d)
			return true
		}) {
			return ctx.Err()
		}
		for _, it := range items {
			guids = append(guids, it.GUID)
		}
		s, err := k.Ingest(ctx, func(yield func(*document.Document) bool) {
			for _, d := range docs {
				if !yield(d) {
					return
				}
			}
		})
		if err != nil {
			return err
		}
		for _, g := range guids {
			if err := st.MarkSeen(ctx, url, g, 0); err != nil {
				return err
			}
		}
		slog.Info("feed polled", "feed", url, "items", len(items), "new", s.Stored, "known", s.Known, "stories", s.Stories)
		return nil
	}
	fmt.Fprintf(stderr, "stemma: watching %d feeds every %s into %s (Ctrl-C to stop)\n", len(feeds), interval, f.db)
	err := p.Run(ctx, interval, feeds, handle)
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}
