package feed

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParse(t *testing.T) {
	tests := []struct {
		file, url string
		want      Feed
	}{
		{"rss.xml", "https://www.harbourgazette.example/world/rss.xml", Feed{
			Title: "Harbour Gazette – World",
			Link:  "https://www.harbourgazette.example/world/",
			Items: []Item{
				{
					GUID:      "hg-2024-0314-771",
					Link:      "https://www.harbourgazette.example/world/2024/03/14/grain-ships-odesa.html?utm_source=rss&utm_medium=feed",
					Title:     "Grain ships leave Odesa under new corridor deal",
					Published: date("2024-03-14T09:30:00Z"),
					Author:    "Maria Kowalska",
					Content:   "<p>Three bulk carriers loaded with wheat sailed from Odesa on Thursday, the first under the new corridor agreement.</p><p>The ministry said more ships would follow next week.</p>",
				},
				{
					// No guid: the link, made absolute, stands for it.
					GUID:      "https://www.harbourgazette.example/world/2024/03/13/port-strike-ends",
					Link:      "https://www.harbourgazette.example/world/2024/03/13/port-strike-ends",
					Title:     "Port strike ends after two weeks",
					Published: date("2024-03-13T17:05:00Z"),
					Author:    "News Desk",
					Content:   "<p>Dock workers in Rotterdam returned to work on Wednesday after a deal on pay.</p>",
				},
				{
					// No link, no content, but a permalink guid.
					GUID:      "https://www.harbourgazette.example/local/ferry-timetable",
					Link:      "https://www.harbourgazette.example/local/ferry-timetable",
					Title:     "Ferry timetable changes",
					Published: date("2024-03-12T08:00:00Z"),
				},
			},
			Skipped: 1,
		}},
		{"atom.xml", "https://northernwire.example/feeds/atom.xml", Feed{
			Title: "Northern Wire",
			Link:  "https://northernwire.example/",
			Items: []Item{
				{
					GUID:      "tag:northernwire.example,2024:1001",
					Link:      "https://northernwire.example/politics/fisheries-bill-approved",
					Title:     "Parliament approves fisheries bill",
					Published: date("2024-03-14T09:15:00Z"),
					Author:    "Jonas Berg, Elin Dahl",
					Content:   "<p>The fisheries bill passed by 92 votes to 61 on Thursday.</p><p>Opposition parties said they would challenge quotas in court.</p>",
				},
				{
					// No published date: the update time; a relative link.
					GUID:      "tag:northernwire.example,2024:1002",
					Link:      "https://northernwire.example/feeds/weather/storm-warning",
					Title:     "Storm warning for the coast",
					Published: date("2024-03-13T18:00:00Z"),
					Content:   "Winds of up to 120 km/h are expected overnight.",
				},
			},
		}},
		{"feed.json", "https://valleycourier.example/feed.json", Feed{
			Title: "Valley Courier",
			Link:  "https://valleycourier.example/",
			Items: []Item{
				{
					GUID:      "vc-5521",
					Link:      "https://valleycourier.example/news/bridge-reopens",
					Title:     "Old bridge reopens after repairs",
					Published: date("2024-03-11T12:45:00Z"),
					Author:    "Sam Ortiz",
					Content:   "<p>The old stone bridge reopened to traffic on Monday after eight months of repairs.</p>",
				},
				{
					GUID:      "vc-5520",
					Link:      "https://valleycourier.example/news/school-budget",
					Title:     "School budget approved",
					Published: date("2024-03-11T00:00:00Z"),
					Content:   "The school board approved next year's budget.\n\nTeachers will get a 3 percent raise.",
				},
			},
			Skipped: 1,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			got, err := Parse(data, tt.url)
			if err != nil {
				t.Fatal(err)
			}
			if got.Title != tt.want.Title || got.Link != tt.want.Link || got.Skipped != tt.want.Skipped {
				t.Errorf("feed = %q %q skipped %d, want %q %q skipped %d",
					got.Title, got.Link, got.Skipped, tt.want.Title, tt.want.Link, tt.want.Skipped)
			}
			if len(got.Items) != len(tt.want.Items) {
				t.Fatalf("%d items, want %d: %+v", len(got.Items), len(tt.want.Items), got.Items)
			}
			for i, g := range got.Items {
				w := tt.want.Items[i]
				if !g.Published.Equal(w.Published) {
					t.Errorf("item %d: published %v, want %v", i, g.Published, w.Published)
				}
				g.Published, w.Published = time.Time{}, time.Time{}
				if g != w {
					t.Errorf("item %d:\n got %+v\nwant %+v", i, g, w)
				}
			}
		})
	}
}

func TestParseMalformed(t *testing.T) {
	const url = "https://example.com/feed.xml"
	tests := []struct {
		name, data, reason string
	}{
		{"empty", "  \n", "empty document"},
		{"html page", "<!DOCTYPE html><html><body><p>Hello</p></body></html>", "not an RSS, Atom or JSON feed"},
		{"plain text", "Service unavailable", "not an RSS, Atom or JSON feed"},
		{"truncated rss", `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>A</tit`, ""},
		{"json, not a feed", `{"error": "rate limited"}`, "JSON but not a JSON Feed"},
		{"broken json", `{"version": "https://jsonfeed.org/version/1.1", "items": [`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse([]byte(tt.data), url)
			if err == nil {
				t.Fatalf("no error; got %+v", f)
			}
			if !errors.Is(err, ErrMalformed) {
				t.Errorf("%v does not match ErrMalformed", err)
			}
			prefix := "feed " + url + ": malformed feed: " + tt.reason
			if !strings.HasPrefix(err.Error(), prefix) {
				t.Errorf("error %q\nwant it to start %q", err, prefix)
			}
		})
	}
}

func TestIDFromURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www.harbourgazette.example/world/2024/03/14/grain-ships-odesa.html?utm_source=rss&utm_medium=feed",
			"harbourgazette-example-world-2024-03-14-grain-ships-odesa"},
		{"https://www.harbourgazette.example/world/2024/03/14/grain-ships-odesa.html",
			"harbourgazette-example-world-2024-03-14-grain-ships-odesa"},
		{"https://northernwire.example/politics/fisheries-bill-approved/",
			"northernwire-example-politics-fisheries-bill-approved"},
		{"http://NorthernWire.example/Politics/Fisheries", "northernwire-example-politics-fisheries"},
		{"https://news.example/article.php?id=5521&ref=home", "news-example-article-id-5521"},
		{"https://news.example/article.php?id=5522", "news-example-article-id-5522"},
		{"https://news.example/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/kyiv", "news-example-новости-kyiv"},
		{"tag:northernwire.example,2024:1001", "tag-northernwire-example-2024-1001"},
		{"", "item"},
	}
	for _, tt := range tests {
		if got := IDFromURL(tt.in); got != tt.want {
			t.Errorf("IDFromURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}

	long := "https://example.com/" + strings.Repeat("very-long-slug-", 20)
	a, b := IDFromURL(long+"a"), IDFromURL(long+"b")
	if len(a) > maxID || len(b) > maxID || a == b {
		t.Errorf("long addresses: %q (%d), %q (%d)", a, len(a), b, len(b))
	}
	if a != IDFromURL(long+"a") {
		t.Error("IDFromURL is not stable")
	}
}
