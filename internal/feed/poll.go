package feed

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/stemma-news/stemma/internal/fetch"
)

// State is what is known of one feed between two polls. The caller keeps
// it (stemma's store persists it); Poll only reads one and returns the next.
type State struct {
	URL          string
	ETag         string // validators from the last response, for a conditional request
	LastModified string
	LastPolled   time.Time
	LastError    string // why the last poll failed; "" when it succeeded

	// Seen reports whether the item with this GUID was handled before;
	// nil means no item was. Poll only asks: the caller records items as
	// handled once it has handled them (a store, in the same transaction
	// as their documents), so an item whose handling failed comes back.
	Seen func(guid string) bool `json:"-"`
}

// Poller polls feeds with conditional requests. Its fields are read, not
// changed, so one Poller may poll many feeds at once.
type Poller struct {
	// Client fetches the feeds. It must be set.
	Client *fetch.Client
	// Logger receives Run's reports; slog.Default() when nil.
	Logger *slog.Logger
	// Jitter, from 0 to 1, spreads Run's polls: each feed's first poll is
	// delayed by up to Jitter×interval, and each later one moves by up to
	// half that either way, so that feeds of one server, or many
	// watchers, do not poll in step. 0 polls every feed at once.
	Jitter float64
	// Load, when set, gives Run each feed's state to start from (a
	// store's validators and Seen); it may return nil for a feed never
	// polled. Without it, Run starts every feed afresh.
	Load func(ctx context.Context, feedURL string) (*State, error)
	// Save, when set, is given each feed's state after each of Run's
	// polls, handled or failed, for the caller to keep; its Seen is nil.
	Save func(ctx context.Context, st *State) error
}

// Poll fetches st's feed once, conditionally on its validators, and
// returns the items st.Seen does not know, in the feed's order, and the
// state to keep for the next poll. An unchanged feed (304 Not Modified)
// gives no items. On error the returned state records it and keeps the
// validators st had, so that a feed that came broken is fetched again,
// not answered 304.
func (p *Poller) Poll(ctx context.Context, st *State) ([]Item, *State, error) {
	if p.Client == nil {
		return nil, st, errors.New("feed: Poller has no Client")
	}
	next := *st
	next.LastPolled = time.Now()
	fail := func(err error) ([]Item, *State, error) {
		next.LastError = err.Error()
		return nil, &next, err
	}
	resp, err := p.Client.Get(ctx, st.URL, fetch.Conditional{ETag: st.ETag, LastModified: st.LastModified})
	if err != nil {
		return fail(err)
	}
	var items []Item
	if !resp.NotModified {
		f, err := Parse(resp.Body, resp.URL)
		if err != nil {
			return fail(err)
		}
		items = unseen(f.Items, st.Seen)
	}
	next.ETag, next.LastModified, next.LastError = resp.ETag, resp.LastModified, ""
	return items, &next, nil
}

// unseen returns the items seen does not know, each once: a feed may list
// an item twice.
func unseen(items []Item, seen func(guid string) bool) []Item {
	var out []Item
	dup := make(map[string]bool, len(items))
	for _, it := range items {
		if dup[it.GUID] {
			continue
		}
		dup[it.GUID] = true
		if seen == nil || !seen(it.GUID) {
			out = append(out, it)
		}
	}
	return out
}

// Run polls every feed once each interval until ctx is cancelled, then
// returns ctx.Err(). The new items of a feed are passed to handle, which
// is called for one feed at a time and never with no items.
//
// An error polling a feed, or from handle, is logged and Run goes on. If
// handle fails, its items are not taken as seen and the feed is fetched
// whole at the next poll, so they come again: handle must accept an item
// twice (storing documents by ID does).
//
// Run remembers the items it handled, as long as they stay in their
// feed, besides what Load's states say were seen before.
func (p *Poller) Run(ctx context.Context, interval time.Duration, feeds []string, handle func(ctx context.Context, feedURL string, items []Item) error) error {
	if interval <= 0 {
		return fmt.Errorf("feed: poll interval must be positive, not %v", interval)
	}
	if p.Client == nil {
		return errors.New("feed: Poller has no Client")
	}
	var mu sync.Mutex // handle is called for one feed at a time
	serial := func(ctx context.Context, feedURL string, items []Item) error {
		mu.Lock()
		defer mu.Unlock()
		return handle(ctx, feedURL, items)
	}
	var wg sync.WaitGroup
	seen := make(map[string]bool)
	for _, u := range feeds {
		if seen[u] {
			continue
		}
		seen[u] = true
		wg.Go(func() { p.watch(ctx, interval, u, serial) })
	}
	wg.Wait()
	return ctx.Err()
}

// forget is how long Run remembers an item handled that has left its
// feed, in case it comes back: feeds that reorder items by update time
// drop and restore them.
const forget = 7 * 24 * time.Hour

// watch polls one feed each interval until ctx is done.
func (p *Poller) watch(ctx context.Context, interval time.Duration, feedURL string, handle func(context.Context, string, []Item) error) {
	log := p.logger().With("feed", feedURL)
	st := &State{URL: feedURL}
	if p.Load != nil {
		loaded, err := p.Load(ctx, feedURL)
		switch {
		case err != nil:
			log.WarnContext(ctx, "feed state not loaded; starting afresh", "err", err)
		case loaded != nil:
			cp := *loaded // Run changes its copy, not the caller's
			cp.URL = feedURL
			st = &cp
		}
	}
	mem := &memory{stored: st.Seen, handled: make(map[string]time.Time)}

	timer := time.NewTimer(p.delay(interval, true))
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		}
		st.Seen = mem.seen
		st = p.pollOnce(ctx, st, mem, handle, log)
		if p.Save != nil && ctx.Err() == nil {
			saved := *st
			saved.Seen = nil // Run's memory, not the caller's to keep
			if err := p.Save(ctx, &saved); err != nil {
				log.WarnContext(ctx, "feed state not saved", "err", err)
			}
		}
		timer.Reset(p.delay(interval, false))
	}
}

// pollOnce polls st's feed and hands its new items over, and returns the
// state to go on with.
func (p *Poller) pollOnce(ctx context.Context, st *State, mem *memory, handle func(context.Context, string, []Item) error, log *slog.Logger) *State {
	items, next, err := p.Poll(ctx, st)
	if err != nil {
		if ctx.Err() == nil {
			log.WarnContext(ctx, "feed poll failed", "err", err)
		}
		return next
	}
	mem.forgetGone()
	if len(items) == 0 {
		log.DebugContext(ctx, "feed polled", "new", 0, "etag", next.ETag)
		return next
	}
	log.InfoContext(ctx, "feed polled", "new", len(items))
	if err := handle(ctx, st.URL, items); err != nil {
		if ctx.Err() == nil {
			log.WarnContext(ctx, "feed items not handled; will retry", "items", len(items), "err", err)
		}
		// Keep the old validators: a 304 next time would hide these items.
		next.ETag, next.LastModified = st.ETag, st.LastModified
		next.LastError = "handling items: " + err.Error()
		return next
	}
	now := time.Now()
	for _, it := range items {
		mem.handled[it.GUID] = now
	}
	return next
}

// memory is what Run remembers of the items it handled from one feed.
type memory struct {
	stored  func(guid string) bool // the Seen of the state Load gave, if any
	handled map[string]time.Time   // GUID → when the feed last listed it
	listed  bool                   // whether the feed was read since forgetGone
}

// seen is the State.Seen of Run's polls. Poll asks it about every item of
// a feed it read, which tells memory which items the feed still lists.
func (m *memory) seen(guid string) bool {
	m.listed = true
	if _, ok := m.handled[guid]; ok {
		m.handled[guid] = time.Now()
		return true
	}
	return m.stored != nil && m.stored(guid)
}

// forgetGone drops the items that left the feed long ago, once the feed
// has been read again: while it answers 304, nothing is known to have left.
func (m *memory) forgetGone() {
	if !m.listed {
		return
	}
	m.listed = false
	now := time.Now()
	for g, t := range m.handled {
		if now.Sub(t) > forget {
			delete(m.handled, g)
		}
	}
}

// delay is how long to wait before a feed's next poll.
func (p *Poller) delay(interval time.Duration, first bool) time.Duration {
	j := min(max(p.Jitter, 0), 1)
	spread := time.Duration(j * float64(interval))
	if spread <= 0 {
		if first {
			return 0
		}
		return interval
	}
	if first {
		return rand.N(spread)
	}
	return interval - spread/2 + rand.N(spread)
}

func (p *Poller) logger() *slog.Logger {
	if p.Logger == nil {
		return slog.Default()
	}
	return p.Logger
}
