package feed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stemma-news/stemma/internal/fetch"
)

// feedServer serves an RSS feed of its current items with validators,
// and answers 304 to a request that holds them.
type feedServer struct {
	mu       sync.Mutex
	version  int
	items    []string // GUIDs, newest first
	requests []http.Header
	broken   bool
}

func (s *feedServer) set(items ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.version++
	s.items = items
}

func (s *feedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, r.Header.Clone())
	etag := fmt.Sprintf(`"v%d"`, s.version)
	lastMod := time.Date(2024, 3, 14, 12, s.version, 0, 0, time.UTC).Format(http.TimeFormat)
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", lastMod)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "application/rss+xml")
	if s.broken {
		io.WriteString(w, "<rss><channel><item><title>cut off")
		return
	}
	fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Test</title><link>/</link>`)
	for _, g := range s.items {
		fmt.Fprintf(w, `<item><title>Story %[1]s</title><link>/news/%[1]s</link><guid>%[1]s</guid>`+
			`<description>Text of story %[1]s.</description></item>`, g)
	}
	fmt.Fprint(w, `</channel></rss>`)
}

func (s *feedServer) lastRequest() http.Header {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[len(s.requests)-1]
}

func guids(items []Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.GUID)
	}
	return out
}

func testClient() *fetch.Client {
	return fetch.New(fetch.Options{AllowPrivate: true, Timeout: 5 * time.Second})
}

func TestPoll(t *testing.T) {
	fs := &feedServer{}
	fs.set("a2", "a1")
	srv := httptest.NewServer(fs)
	defer srv.Close()
	p := &Poller{Client: testClient()}
	ctx := context.Background()

	// The caller records what it handled; here, in a map.
	handled := map[string]bool{}
	st := &State{URL: srv.URL + "/rss", Seen: func(g string) bool { return handled[g] }}

	items, st, err := p.Poll(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if got := guids(items); !slices.Equal(got, []string{"a2", "a1"}) {
		t.Fatalf("first poll: %v", got)
	}
	if items[0].Link != srv.URL+"/news/a2" {
		t.Errorf("link %q not resolved against the feed", items[0].Link)
	}
	if st.ETag != `"v1"` || st.LastModified == "" || st.LastError != "" || st.LastPolled.IsZero() {
		t.Errorf("state after the first poll: %+v", st)
	}
	for _, it := range items {
		handled[it.GUID] = true
	}

	// Unchanged: the conditional request is answered 304.
	items, st, err = p.Poll(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 0 {
		t.Errorf("unchanged feed gave %v", guids(items))
	}
	if h := fs.lastRequest(); h.Get("If-None-Match") != `"v1"` || h.Get("If-Modified-Since") == "" {
		t.Errorf("not a conditional request: %v", h)
	}
	if st.ETag != `"v1"` {
		t.Errorf("validators lost on 304: %+v", st)
	}

	// One new item: only it is returned.
	fs.set("a3", "a2", "a1")
	items, st, err = p.Poll(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if got := guids(items); !slices.Equal(got, []string{"a3"}) {
		t.Errorf("changed feed gave %v, want [a3]", got)
	}
	if st.ETag != `"v2"` {
		t.Errorf("state after the change: %+v", st)
	}

	// A broken feed: an error naming the feed, and the old validators kept.
	fs.mu.Lock()
	fs.broken, fs.version = true, fs.version+1
	fs.mu.Unlock()
	items, next, err := p.Poll(ctx, st)
	if !errors.Is(err, ErrMalformed) || len(items) != 0 {
		t.Fatalf("broken feed: %v, %v", items, err)
	}
	if !strings.Contains(err.Error(), srv.URL+"/rss") || next.LastError != err.Error() || next.ETag != st.ETag {
		t.Errorf("broken feed: error %q, state %+v", err, next)
	}
}

func TestPollTimeout(t *testing.T) {
	done := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-done:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(done)

	p := &Poller{Client: fetch.New(fetch.Options{AllowPrivate: true, Timeout: 150 * time.Millisecond})}
	st := &State{URL: srv.URL, ETag: `"old"`}
	start := time.Now()
	items, next, err := p.Poll(context.Background(), st)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v, %v; want a timeout", items, err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("the timeout took %v", time.Since(start))
	}
	if next.LastError == "" || next.ETag != `"old"` || next.LastPolled.IsZero() {
		t.Errorf("state after a timeout: %+v", next)
	}
}

func TestPollRefused(t *testing.T) {
	srv := httptest.NewServer(&feedServer{})
	defer srv.Close()
	p := &Poller{Client: fetch.New(fetch.Options{})}
	_, _, err := p.Poll(context.Background(), &State{URL: srv.URL})
	if !errors.Is(err, fetch.ErrRefused) {
		t.Errorf("feed on loopback: got %v, want refusal", err)
	}
}

// delivery is one call of Run's handle.
type delivery struct {
	feed  string
	items []string
}

func TestRun(t *testing.T) {
	fs := &feedServer{}
	fs.set("b2", "b1", "b0")
	srv := httptest.NewServer(fs)
	defer srv.Close()
	feedURL := srv.URL + "/rss"

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	got := make(chan delivery, 10)
	fail := true
	var saved []State
	var savedMu sync.Mutex
	p := &Poller{
		Client: testClient(),
		Logger: slog.New(slog.DiscardHandler),
		Jitter: 0.5,
		// A store that already holds b0.
		Load: func(ctx context.Context, u string) (*State, error) {
			return &State{URL: u, Seen: func(g string) bool { return g == "b0" }}, nil
		},
		Save: func(ctx context.Context, st *State) error {
			savedMu.Lock()
			defer savedMu.Unlock()
			saved = append(saved, *st)
			return nil
		},
	}
	done := make(chan error)
	go func() {
		done <- p.Run(ctx, 30*time.Millisecond, []string{feedURL, feedURL}, func(ctx context.Context, u string, items []Item) error {
			got <- delivery{u, guids(items)}
			if fail {
				fail = false // handle is called for one feed at a time: no race
				return errors.New("disk full")
			}
			return nil
		})
	}()

	next := func() delivery {
		t.Helper()
		select {
		case d := <-got:
			return d
		case <-time.After(10 * time.Second):
			t.Fatal("no delivery")
		}
		return delivery{}
	}
	// The first handle fails: the same items come again.
	for range 2 {
		if d := next(); d.feed != feedURL || !slices.Equal(d.items, []string{"b2", "b1"}) {
			t.Fatalf("delivery %+v, want b2 b1", d)
		}
	}
	fs.set("b3", "b2", "b1", "b0")
	if d := next(); !slices.Equal(d.items, []string{"b3"}) {
		t.Fatalf("delivery %+v, want b3", d)
	}
	time.Sleep(100 * time.Millisecond) // a few more polls, all 304
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Run returned %v", err)
	}
	select {
	case d := <-got:
		t.Errorf("unexpected delivery %+v", d)
	default:
	}

	savedMu.Lock()
	defer savedMu.Unlock()
	if len(saved) < 3 {
		t.Fatalf("%d states saved", len(saved))
	}
	if !strings.Contains(saved[0].LastError, "disk full") || saved[0].ETag != "" {
		t.Errorf("state after a failed handle: %+v", saved[0])
	}
	last := saved[len(saved)-1]
	if last.LastError != "" || last.ETag != `"v2"` || last.Seen != nil {
		t.Errorf("last state saved: %+v", last)
	}
}

func TestRunArgs(t *testing.T) {
	noop := func(context.Context, string, []Item) error { return nil }
	if err := (&Poller{Client: testClient()}).Run(context.Background(), 0, nil, noop); err == nil {
		t.Error("zero interval accepted")
	}
	if err := (&Poller{}).Run(context.Background(), time.Second, nil, noop); err == nil {
		t.Error("no client accepted")
	}
}

func TestDelay(t *testing.T) {
	const interval = time.Minute
	for _, jitter := range []float64{0, 0.2, 1, 3} {
		p := &Poller{Jitter: jitter}
		spread := time.Duration(min(jitter, 1) * float64(interval))
		for range 100 {
			if d := p.delay(interval, true); d < 0 || d > spread {
				t.Errorf("jitter %v: first delay %v", jitter, d)
			}
			if d := p.delay(interval, false); d < interval-spread/2 || d > interval+spread/2 {
				t.Errorf("jitter %v: delay %v", jitter, d)
			}
		}
	}
}
