package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// site serves two article pages and a feed of them, with ETag support.
func site(t *testing.T) *httptest.Server {
	t.Helper()
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("../../examples/seeds", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	pages := map[string]string{
		"/news/london-talks":  read("002_5abee7961dce3776.txt"),
		"/world/ceasefire-ue": read("001_b81c5c988f4b0327.txt"),
	}
	mux := http.NewServeMux()
	var srv *httptest.Server
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>%[1]s/</link>
<item><title>Talks in London</title><link>%[1]s/news/london-talks</link><guid>a</guid></item>
<item><title>Ceasefire</title><link>%[1]s/world/ceasefire-ue</link><guid>b</guid></item>
</channel></rss>`, srv.URL)
	})
	for path, text := range pages {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			title, body, _ := strings.Cut(text, "\n")
			fmt.Fprintf(w, "<html><head><title>%s</title></head><body><nav><a href=/>Home</a></nav><article><h1>%s</h1>", title, title)
			for _, p := range strings.Split(body, "\n\n") {
				if p = strings.TrimSpace(p); p != "" {
					fmt.Fprintf(w, "<p>%s</p>", p)
				}
			}
			fmt.Fprint(w, "</article><footer>© Test</footer></body></html>")
		})
	}
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestIngestURL(t *testing.T) {
	srv := site(t)
	db := filepath.Join(t.TempDir(), "s.db")
	// Loopback is refused unless allowed, and the refusal says so.
	_, stderr, err := run(t, "", "ingest", "--db", db, srv.URL+"/feed.xml")
	if err == nil || !strings.Contains(stderr, "refused") || !strings.Contains(stderr, "--allow-private") {
		t.Fatalf("a loopback feed was not refused: %v\n%s", err, stderr)
	}
	out, stderr, err := run(t, "", "ingest", "--allow-private", "--db", db, srv.URL+"/feed.xml")
	if err != nil {
		t.Fatalf("ingest of a feed: %v\n%s", err, stderr)
	}
	if !strings.Contains(out, "2 new") {
		t.Errorf("ingest of a feed of two articles says %q", out)
	}
	out, _, err = run(t, "", "ingest", "--allow-private", "--db", db, srv.URL+"/news/london-talks")
	if err != nil || !strings.Contains(out, "0 new, 1 already stored") {
		t.Errorf("ingest of a page already stored from the feed says %q (%v)", out, err)
	}
}

func TestWatch(t *testing.T) {
	srv := site(t)
	db := filepath.Join(t.TempDir(), "s.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		cmd := newRootCmd()
		cmd.SetArgs([]string{"watch", "--allow-private", "--db", db, "--interval", "50ms", srv.URL + "/feed.xml"})
		cmd.SetOut(&strings.Builder{})
		cmd.SetErr(&strings.Builder{})
		done <- cmd.ExecuteContext(ctx)
	}()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if c, ok := counts(context.Background(), db); ok && c.Analysed == 2 && c.Stories > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("watch did not store and analyse the feed's two articles in 30 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // a few more polls: 304s, nothing new
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("watch ended with %v", err)
	}
	if c, _ := counts(context.Background(), db); c.Documents != 2 {
		t.Errorf("%d documents after polls of an unchanged feed, want 2", c.Documents)
	}
}

// serve answers on its address with the store given, takes writes only
// with the token from the environment, and stops when its context ends.
func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	if _, stderr, err := run(t, "", "ingest", "--db", db, "../../examples/seeds"); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	t.Setenv("STEMMA_TEST_TOKEN", "s3cret")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		cmd := newRootCmd()
		cmd.SetArgs([]string{"serve", "--db", db, "--addr", addr, "--token-env", "STEMMA_TEST_TOKEN"})
		cmd.SetOut(&strings.Builder{})
		cmd.SetErr(&strings.Builder{})
		done <- cmd.ExecuteContext(ctx)
	}()
	base := "http://" + addr
	var resp *http.Response
	for deadline := time.Now().Add(20 * time.Second); ; {
		if resp, err = http.Get(base + "/healthz"); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not answer in 20 s: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"documents": 5`) {
		t.Errorf("/healthz: %s %s", resp.Status, body)
	}
	post := func(token string) int {
		req, _ := http.NewRequest("POST", base+"/api/documents", strings.NewReader(`{"id":"n1","title":"A note","text":"A short note on the weather in the hills this week."}`))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post(""); code != http.StatusUnauthorized {
		t.Errorf("a post without the token: %d, want 401", code)
	}
	if code := post("s3cret"); code != http.StatusCreated {
		t.Errorf("a post with the token from the environment: %d, want 201", code)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve ended with %v", err)
		}
	case <-time.After(40 * time.Second):
		t.Fatal("serve did not stop when its context ended")
	}
}
