package feed

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// ErrMalformed is matched, with errors.Is, by the error of a document
// that is not a feed Parse can read.
var ErrMalformed = errors.New("malformed feed")

// Feed is a parsed feed.
type Feed struct {
	Title string
	Link  string // the site's address, absolute; may be empty
	Items []Item // in the feed's order, usually newest first
	// Skipped counts the items left out because they had neither a link
	// nor any content: nothing could be read from them.
	Skipped int
}

// Item is one entry of a feed.
type Item struct {
	// GUID identifies the item within its feed: its guid or id, else its
	// link, else a hash of its title and content.
	GUID string
	// Link is the article's address, absolute (resolved against the feed's
	// address); empty when the feed gave none, or not an http(s) one.
	Link      string
	Title     string
	Published time.Time // when published, else last updated; zero when unknown
	Author    string    // the authors' names, comma-separated
	// Content is the article as the feed carries it, HTML: the full text
	// (content:encoded, Atom content, content_html) when there is one,
	// else the description or summary. JSON Feed's content_text is kept
	// as plain text.
	Content string
}

// Parse reads an RSS (0.9x, 1.0, 2.0), Atom or JSON Feed document fetched
// from feedURL, against which relative links are resolved.
func Parse(data []byte, feedURL string) (*Feed, error) {
	gf, err := parse(data)
	if err != nil {
		return nil, fmt.Errorf("feed %s: %w", feedURL, err)
	}
	base, _ := url.Parse(feedURL) // a nil base leaves relative links to be dropped
	f := &Feed{Title: collapse(gf.Title), Link: resolve(base, gf.Link)}
	for _, gi := range gf.Items {
		if gi == nil {
			continue
		}
		it := item(gi, base)
		if it.Link == "" && strings.TrimSpace(it.Content) == "" {
			f.Skipped++
			continue
		}
		f.Items = append(f.Items, it)
	}
	return f, nil
}

// parse runs gofeed, which is fed documents from anywhere: a panic in it
// is made into an error for this one feed.
func parse(data []byte) (gf *gofeed.Feed, err error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%w: empty document", ErrMalformed)
	}
	defer func() {
		if p := recover(); p != nil {
			gf, err = nil, fmt.Errorf("%w: parser failed: %v", ErrMalformed, p)
		}
	}()
	gf, err = gofeed.NewParser().Parse(bytes.NewReader(data))
	switch {
	case errors.Is(err, gofeed.ErrFeedTypeNotDetected):
		return nil, fmt.Errorf("%w: not an RSS, Atom or JSON feed", ErrMalformed)
	case err != nil:
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	case gf.FeedType == "json" && !strings.Contains(gf.FeedVersion, "jsonfeed.org/version/"):
		// Any JSON object parses as an empty JSON Feed; an API's error
		// answer must not pass for a feed with nothing new.
		return nil, fmt.Errorf("%w: JSON but not a JSON Feed (no jsonfeed.org version)", ErrMalformed)
	}
	return gf, nil
}

func item(gi *gofeed.Item, base *url.URL) Item {
	it := Item{
		Title:   collapse(gi.Title),
		Content: strings.TrimSpace(gi.Content),
	}
	if it.Content == "" {
		it.Content = strings.TrimSpace(gi.Description)
	}
	guid := strings.TrimSpace(gi.GUID)
	it.Link = resolve(base, gi.Link)
	for _, l := range gi.Links {
		if it.Link != "" {
			break
		}
		it.Link = resolve(base, l)
	}
	if it.Link == "" && guid != "" {
		// An RSS guid is a permalink unless marked otherwise; one that is
		// an absolute web address is the best link such an item has.
		if u, err := url.Parse(guid); err == nil && u.IsAbs() && webScheme(u) && u.Host != "" {
			it.Link = u.String()
		}
	}
	switch {
	case guid != "":
		it.GUID = guid
	case it.Link != "":
		it.GUID = it.Link
	default:
		sum := sha256.Sum256([]byte(it.Title + "\x00" + it.Content))
		it.GUID = "sha256:" + hex.EncodeToString(sum[:12])
	}
	switch {
	case gi.PublishedParsed != nil:
		it.Published = *gi.PublishedParsed
	case gi.UpdatedParsed != nil:
		it.Published = *gi.UpdatedParsed
	}
	var names []string
	for _, p := range gi.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			names = append(names, collapse(p.Name))
		}
	}
	if len(names) == 0 && gi.Author != nil {
		names = append(names, collapse(gi.Author.Name))
	}
	it.Author = strings.Join(names, ", ")
	return it
}

// resolve makes ref absolute against base; it returns "" for an empty or
// unparsable reference and for anything but an http(s) address, which is
// all a link may be fetched as.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if !u.IsAbs() || !webScheme(u) || u.Host == "" {
		return ""
	}
	return u.String()
}

func webScheme(u *url.URL) bool {
	s := strings.ToLower(u.Scheme)
	return s == "http" || s == "https"
}

// collapse trims s and turns each run of white space in it into one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
