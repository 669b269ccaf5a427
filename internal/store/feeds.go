package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// FeedState is what stemma watch remembers of a feed between polls.
type FeedState struct {
	URL          string
	ETag         string
	LastModified string    // the Last-Modified header as sent
	LastPolled   time.Time // zero when never
	LastError    string    // of the last poll; empty when it succeeded
}

// FeedState returns the state of the feed at url: the zero state, with
// URL set, for a feed never saved.
func (s *Store) FeedState(ctx context.Context, url string) (FeedState, error) {
	f := FeedState{URL: url}
	var polled sql.NullInt64
	err := s.r.QueryRowContext(ctx, "SELECT etag, last_modified, last_polled, last_error FROM feeds WHERE url = ?", url).
		Scan(&f.ETag, &f.LastModified, &polled, &f.LastError)
	if errors.Is(err, sql.ErrNoRows) {
		return f, nil
	}
	if err != nil {
		return FeedState{}, fmt.Errorf("store: feed state of %s: %w", url, err)
	}
	if polled.Valid {
		f.LastPolled = fromMicros(polled.Int64)
	}
	return f, nil
}

// SaveFeedState saves f, replacing the state saved for f.URL.
func (s *Store) SaveFeedState(ctx context.Context, f FeedState) error {
	var polled sql.NullInt64
	if !f.LastPolled.IsZero() {
		polled = sql.NullInt64{Int64: micros(f.LastPolled), Valid: true}
	}
	if _, err := s.w.ExecContext(ctx, `INSERT INTO feeds (url, etag, last_modified, last_polled, last_error) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
			last_polled = excluded.last_polled, last_error = excluded.last_error`,
		f.URL, f.ETag, f.LastModified, polled, f.LastError); err != nil {
		return fmt.Errorf("store: save feed state of %s: %w", f.URL, err)
	}
	return nil
}

// SeenItem reports whether the item guid of feed was marked seen.
func (s *Store) SeenItem(ctx context.Context, feed, guid string) (bool, error) {
	var one int
	err := s.r.QueryRowContext(ctx, "SELECT 1 FROM feed_items WHERE feed = ? AND guid = ?", feed, guid).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: feed item %q of %s: %w", guid, feed, err)
	}
	return true, nil
}

// MarkSeen records that the item guid of feed was read, and the document
// it gave (seq; 0 when it gave none). Marking an item again keeps the time
// it was first seen and takes the document if one is given.
func (s *Store) MarkSeen(ctx context.Context, feed, guid string, seq int64) error {
	if _, err := s.w.ExecContext(ctx, `INSERT INTO feed_items (feed, guid, seq, seen) VALUES (?, ?, ?, ?)
		ON CONFLICT (feed, guid) DO UPDATE SET seq = coalesce(excluded.seq, seq)`,
		feed, guid, nullSeq(seq), micros(s.now())); err != nil {
		return fmt.Errorf("store: mark feed item %q of %s seen: %w", guid, feed, err)
	}
	return nil
}
