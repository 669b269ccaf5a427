package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"

	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/feed"
	"github.com/stemma-news/stemma/internal/fetch"
	"github.com/stemma-news/stemma/internal/ingest"
)

// isURL reports whether an argument names a web address, not a file.
func isURL(arg string) bool {
	return strings.HasPrefix(arg, "http://") || strings.HasPrefix(arg, "https://")
}

// web reads articles from the web: a page, or each item of a feed with
// its page. Failures are reported on stderr, one line each, and counted;
// the rest go on.
type web struct {
	client *fetch.Client
	stderr io.Writer
	// pages bounds the article pages of a feed fetched at once.
	pages int

	mu     sync.Mutex
	failed int
}

func (w *web) fail(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	fmt.Fprintln(w.stderr, "stemma:", err)
	w.failed++
}

// documents fetches url and yields its article, or the articles of the
// feed it is.
func (w *web) documents(ctx context.Context, url string, yield func(*document.Document) bool) bool {
	resp, err := w.client.Get(ctx, url, fetch.Conditional{})
	if err != nil {
		w.fail(err)
		return ctx.Err() == nil
	}
	if looksLikeFeed(resp) {
		f, err := feed.Parse(resp.Body, resp.URL)
		if err == nil {
			return w.items(ctx, f.Items, yield)
		}
		if !strings.Contains(resp.ContentType, "html") {
			w.fail(err)
			return true
		}
	}
	doc, err := ingest.ParseHTML(bytes.NewReader(resp.Body), resp.URL)
	if err != nil {
		w.fail(fmt.Errorf("%s: %w", resp.URL, err))
		return true
	}
	doc.ID = feed.IDFromURL(resp.URL)
	doc.Origin, doc.Raw = resp.URL, resp.Body
	return yield(doc)
}

// items fetches the pages of a feed's items, a few at a time, and yields
// their documents in the feed's order. An item whose page cannot be read
// is made of the feed's own content for it.
func (w *web) items(ctx context.Context, items []feed.Item, yield func(*document.Document) bool) bool {
	docs := make([]*document.Document, len(items))
	sem := make(chan struct{}, max(w.pages, 1))
	var wg sync.WaitGroup
	for i, it := range items {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			docs[i] = w.item(ctx, it)
		})
	}
	wg.Wait()
	for _, d := range docs {
		if d != nil && !yield(d) {
			return false
		}
	}
	return ctx.Err() == nil
}

// item is the document of one feed item.
func (w *web) item(ctx context.Context, it feed.Item) *document.Document {
	if it.Link != "" {
		page, err := w.client.Get(ctx, it.Link, fetch.Conditional{})
		if err == nil {
			d, err := feed.ItemDocument(it, page)
			if err == nil {
				return d
			}
			slog.Debug("item page unreadable; using the feed's content", "item", it.Link, "err", err)
		} else {
			slog.Debug("item page not fetched; using the feed's content", "item", it.Link, "err", err)
		}
	}
	d, err := feed.ItemDocument(it, nil)
	if err != nil {
		w.fail(err)
		return nil
	}
	return d
}

// looksLikeFeed reports whether a response is a feed by its type, or,
// for a server that types feeds as text, by its first bytes.
func looksLikeFeed(r *fetch.Response) bool {
	ct := strings.ToLower(r.ContentType)
	for _, t := range []string{"rss", "atom", "xml", "feed+json"} {
		if strings.Contains(ct, t) {
			return true
		}
	}
	head := bytes.TrimSpace(r.Body[:min(len(r.Body), 512)])
	return bytes.HasPrefix(head, []byte("<?xml")) || bytes.Contains(head, []byte("<rss")) || bytes.Contains(head, []byte("<feed"))
}
