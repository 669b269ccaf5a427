package feed_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/stemma-news/stemma/internal/feed"
	"github.com/stemma-news/stemma/internal/fetch"
)

func ExampleParse() {
	data := []byte(`<?xml version="1.0"?>
<rss version="2.0"><channel>
  <title>Harbour Gazette</title><link>https://harbourgazette.example/</link>
  <item>
    <title>Port strike ends</title>
    <link>/world/port-strike-ends</link>
    <pubDate>Wed, 13 Mar 2024 17:05:00 +0000</pubDate>
    <description>Dock workers returned to work on Wednesday.</description>
  </item>
  <item><title>An item with nothing to read</title></item>
</channel></rss>`)
	f, err := feed.Parse(data, "https://harbourgazette.example/rss.xml")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(f.Title, "-", len(f.Items), "item,", f.Skipped, "skipped")
	for _, it := range f.Items {
		fmt.Println(it.Published.Format("2006-01-02"), it.Title, it.Link)
		doc, err := feed.ItemDocument(it, nil) // the feed's content; fetch it.Link for the full text
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(doc.ID, doc.Paragraphs)
	}
	// Output:
	// Harbour Gazette - 1 item, 1 skipped
	// 2024-03-13 Port strike ends https://harbourgazette.example/world/port-strike-ends
	// harbourgazette-example-world-port-strike-ends [Dock workers returned to work on Wednesday.]
}

func ExamplePoller_Poll() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"1"`)
		fmt.Fprint(w, `<rss version="2.0"><channel><title>T</title>
			<item><guid>a</guid><link>/a</link><title>A</title></item>
			<item><guid>b</guid><link>/b</link><title>B</title></item></channel></rss>`)
	}))
	defer srv.Close()

	// AllowPrivate because the test server is on loopback.
	p := &feed.Poller{Client: fetch.New(fetch.Options{AllowPrivate: true})}
	seen := map[string]bool{"a": true} // the caller's record of items handled
	st := &feed.State{URL: srv.URL, Seen: func(guid string) bool { return seen[guid] }}
	ctx := context.Background()
	for range 2 {
		items, next, err := p.Poll(ctx, st)
		if err != nil {
			log.Fatal(err)
		}
		for _, it := range items {
			fmt.Println("new:", it.Title)
			seen[it.GUID] = true
		}
		fmt.Printf("%d new, etag %s\n", len(items), next.ETag)
		st = next // the caller keeps it, in a store or in memory
	}
	// Output:
	// new: B
	// 1 new, etag "1"
	// 0 new, etag "1"
}
