package store

import (
	"testing"
	"time"
)

func TestFeeds(t *testing.T) {
	ctx := t.Context()
	s := openTest(t)
	const url = "https://a.example/feed.xml"
	f, err := s.FeedState(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if f != (FeedState{URL: url}) {
		t.Errorf("state of an unknown feed: %+v", f)
	}
	polled := time.Date(2025, 4, 1, 10, 0, 0, 0, time.UTC)
	for _, want := range []FeedState{
		{URL: url, ETag: `"abc"`, LastModified: "Tue, 01 Apr 2025 10:00:00 GMT", LastPolled: polled},
		{URL: url, ETag: `"abc"`, LastModified: "Tue, 01 Apr 2025 10:00:00 GMT", LastPolled: polled.Add(time.Hour), LastError: "503 Service Unavailable"},
	} {
		if err := s.SaveFeedState(ctx, want); err != nil {
			t.Fatal(err)
		}
		got, err := s.FeedState(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("FeedState = %+v, want %+v", got, want)
		}
	}

	seq := put(t, s, article(1, "a.example"))[0].Seq
	for _, m := range []struct {
		guid string
		seq  int64
	}{{"item-1", 0}, {"item-1", seq}, {"item-1", 0}, {"item-2", 0}} {
		if err := s.MarkSeen(ctx, url, m.guid, m.seq); err != nil {
			t.Fatal(err)
		}
	}
	for guid, want := range map[string]bool{"item-1": true, "item-2": true, "item-3": false} {
		if got, err := s.SeenItem(ctx, url, guid); err != nil || got != want {
			t.Errorf("SeenItem(%s) = %v, %v; want %v", guid, got, err, want)
		}
	}
	if got, err := s.SeenItem(ctx, "https://b.example/feed", "item-1"); err != nil || got {
		t.Errorf("an item seen in another feed: %v, %v", got, err)
	}
	var got int64
	if err := s.r.QueryRowContext(ctx, "SELECT seq FROM feed_items WHERE guid = 'item-1'").Scan(&got); err != nil || got != seq {
		t.Errorf("item-1 gave document %d, %v; want %d kept when marked again without one", got, err, seq)
	}
	if err := s.MarkSeen(ctx, url, "item-9", 999); err == nil {
		t.Error("MarkSeen with an unknown document succeeded")
	}
}
