package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		ip   string
		kind string // "" when allowed
	}{
		{"10.1.2.3", "a private"},
		{"192.168.0.1", "a private"},
		{"172.16.5.4", "a private"},
		{"172.31.255.255", "a private"},
		{"169.254.1.1", "a link-local"},
		{"127.0.0.1", "a loopback"},
		{"127.8.9.10", "a loopback"},
		{"::1", "a loopback"},
		{"fe80::1", "a link-local"},
		{"fe80::1%eth0", "a link-local"},
		{"fd00::1", "a private"},
		{"fc00::1", "a private"},
		{"::ffff:127.0.0.1", "a loopback"},
		{"::ffff:10.0.0.1", "a private"},
		{"::ffff:169.254.169.254", "a link-local"},
		{"100.64.0.1", "a carrier-grade NAT (100.64.0.0/10)"},
		{"100.127.255.254", "a carrier-grade NAT (100.64.0.0/10)"},
		{"0.0.0.0", "an unspecified"},
		{"0.1.2.3", "an unspecified"},
		{"::", "an unspecified"},
		{"224.0.0.1", "a multicast"},
		{"ff02::1", "a multicast"},
		{"255.255.255.255", "a broadcast"},
		{"8.8.8.8", ""},
		{"100.128.0.1", ""},
		{"172.32.0.1", ""},
		{"2001:4860::8888", ""},
		{"::ffff:8.8.8.8", ""},
	}
	for _, tt := range tests {
		if got := classify(netip.MustParseAddr(tt.ip)); got != tt.kind {
			t.Errorf("classify(%s) = %q, want %q", tt.ip, got, tt.kind)
		}
	}
}

func TestControl(t *testing.T) {
	c := New(Options{})
	tests := []struct {
		addr string
		ok   bool
	}{
		{"10.1.2.3:80", false},
		{"192.168.0.1:443", false},
		{"172.16.5.4:80", false},
		{"169.254.1.1:80", false},
		{"[::1]:80", false},
		{"[fe80::1]:80", false},
		{"[fd00::1]:80", false},
		{"[::ffff:127.0.0.1]:80", false},
		{"100.64.0.1:80", false},
		{"0.0.0.0:80", false},
		{"8.8.8.8:443", true},
		{"[2001:4860::8888]:443", true},
		{"not-an-address", false},
	}
	for _, tt := range tests {
		err := c.control("tcp", tt.addr, nil)
		if tt.ok && err != nil {
			t.Errorf("control(%s) = %v, want allowed", tt.addr, err)
		}
		if !tt.ok && !errors.Is(err, ErrRefused) {
			t.Errorf("control(%s) = %v, want ErrRefused", tt.addr, err)
		}
	}
	if err := New(Options{AllowPrivate: true}).control("tcp", "127.0.0.1:80", nil); err != nil {
		t.Errorf("AllowPrivate: control(127.0.0.1:80) = %v", err)
	}
}

// onlyPort returns a hook that lets through the loopback port of srv alone.
func onlyPort(t *testing.T, srv *httptest.Server) func(netip.AddrPort) bool {
	t.Helper()
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	port, err := strconv.Atoi(u.Port())
	if err != nil {
		t.Fatal(err)
	}
	return func(ap netip.AddrPort) bool { return ap.Addr().IsLoopback() && int(ap.Port()) == port }
}

func TestRefused(t *testing.T) {
	var hits atomic.Int32
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		fmt.Fprint(w, "secret")
	}))
	defer target.Close()
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+"/admin", http.StatusFound)
	}))
	defer redirector.Close()
	port := target.URL[strings.LastIndex(target.URL, ":")+1:]

	c := New(Options{})
	c.allow = onlyPort(t, redirector)
	tests := []struct {
		name, url, want string
	}{
		{"loopback by IP", "http://127.0.0.1:" + port + "/x",
			"fetch http://127.0.0.1:" + port + "/x: refused: 127.0.0.1 is a loopback address (allow with --allow-private)"},
		{"localhost by name", "http://localhost:" + port + "/x", "is a loopback address (allow with --allow-private)"},
		{"redirect to loopback", redirector.URL + "/go",
			"fetch " + redirector.URL + "/go: redirected to " + target.URL + "/admin: refused: 127.0.0.1 is a loopback address"},
		{"private IP", "http://10.255.255.1:" + port + "/", "refused: 10.255.255.1 is a private address"},
		{"mapped loopback", "http://[::ffff:127.0.0.1]:" + port + "/", "refused: 127.0.0.1 is a loopback address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.Get(context.Background(), tt.url, Conditional{})
			if err == nil {
				t.Fatalf("Get(%s) = %d, want refusal", tt.url, resp.Status)
			}
			if !errors.Is(err, ErrRefused) {
				t.Errorf("error %v does not match ErrRefused", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q\nwant it to contain %q", err, tt.want)
			}
		})
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the refused server was reached %d times", n)
	}
}

func TestScheme(t *testing.T) {
	c := New(Options{AllowPrivate: true})
	for _, u := range []string{"file:///etc/passwd", "ftp://example.com/x", "gopher://x", "http:///nohost", "::bad"} {
		if _, err := c.Get(context.Background(), u, Conditional{}); err == nil || !strings.HasPrefix(err.Error(), "fetch ") {
			t.Errorf("Get(%q) = %v, want an error naming the URL", u, err)
		}
	}
	redirector := httptest.NewServer(http.RedirectHandler("file:///etc/passwd", http.StatusFound))
	defer redirector.Close()
	_, err := c.Get(context.Background(), redirector.URL, Conditional{})
	if err == nil || !strings.Contains(err.Error(), `unsupported scheme "file"`) {
		t.Errorf("redirect to file: got %v", err)
	}
}

func TestGet(t *testing.T) {
	const page = "<html><body><p>Hello</p></body></html>"
	var gotUA, gotAccept string
	mux := http.NewServeMux()
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		gotUA, gotAccept = r.UserAgent(), r.Header.Get("Accept")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 02 Jan 2006 15:04:05 GMT")
		fmt.Fprint(w, page)
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			t.Error("gzip not offered")
		}
		w.Header().Set("Content-Encoding", "gzip")
		gz := gzip.NewWriter(w)
		fmt.Fprint(gz, page)
		gz.Close()
	})
	mux.Handle("/moved", http.RedirectHandler("/page", http.StatusMovedPermanently))
	mux.HandleFunc("/missing", http.NotFound)
	srv := httptest.NewServer(mux)
	defer srv.Close()

	c := New(Options{AllowPrivate: true})
	tests := []struct {
		path, wantURL string
	}{
		{"/page", "/page"},
		{"/gzip", "/gzip"},
		{"/moved", "/page"},
	}
	for _, tt := range tests {
		resp, err := c.Get(context.Background(), srv.URL+tt.path, Conditional{})
		if err != nil {
			t.Fatalf("Get(%s): %v", tt.path, err)
		}
		if string(resp.Body) != page || resp.Status != 200 || resp.NotModified || resp.URL != srv.URL+tt.wantURL {
			t.Errorf("Get(%s) = %+v", tt.path, resp)
		}
		if resp.Fetched.IsZero() {
			t.Errorf("Get(%s): no fetch time", tt.path)
		}
	}
	if !strings.HasPrefix(gotUA, "stemma/") || !strings.Contains(gotUA, "github.com/stemma-news/stemma") {
		t.Errorf("User-Agent %q", gotUA)
	}
	if !strings.Contains(gotAccept, "text/html") {
		t.Errorf("Accept %q", gotAccept)
	}

	resp, err := c.Get(context.Background(), srv.URL+"/page", Conditional{})
	if err != nil {
		t.Fatal(err)
	}
	if resp.ETag != `"v1"` || resp.LastModified != "Mon, 02 Jan 2006 15:04:05 GMT" || resp.ContentType != "text/html; charset=utf-8" {
		t.Errorf("headers: %+v", resp)
	}

	_, err = c.Get(context.Background(), srv.URL+"/missing", Conditional{})
	var se *StatusError
	if !errors.As(err, &se) || se.Code != 404 {
		t.Fatalf("404: got %v", err)
	}
	if want := "fetch " + srv.URL + "/missing: server answered 404 Not Found"; err.Error() != want {
		t.Errorf("404 error %q, want %q", err, want)
	}
}

func TestConditional(t *testing.T) {
	const etag, lastMod = `"abc"`, "Tue, 03 Jan 2006 10:00:00 GMT"
	var withETag bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == lastMod {
			if withETag {
				w.Header().Set("ETag", etag)
			}
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		fmt.Fprint(w, "body")
	}))
	defer srv.Close()
	c := New(Options{AllowPrivate: true})
	ctx := context.Background()

	first, err := c.Get(ctx, srv.URL, Conditional{})
	if err != nil {
		t.Fatal(err)
	}
	if first.NotModified || string(first.Body) != "body" {
		t.Fatalf("first: %+v", first)
	}
	for _, tt := range []struct {
		name     string
		cond     Conditional
		withETag bool
	}{
		{"etag", Conditional{ETag: first.ETag}, true},
		{"last-modified", Conditional{LastModified: first.LastModified}, false},
		{"both, 304 without validators", Conditional{ETag: first.ETag, LastModified: first.LastModified}, false},
	} {
		withETag = tt.withETag
		resp, err := c.Get(ctx, srv.URL, tt.cond)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !resp.NotModified || resp.Status != 304 || len(resp.Body) != 0 {
			t.Errorf("%s: %+v, want 304", tt.name, resp)
		}
		if resp.ETag != tt.cond.ETag && resp.ETag != etag || resp.LastModified != tt.cond.LastModified {
			t.Errorf("%s: validators %q %q", tt.name, resp.ETag, resp.LastModified)
		}
	}
}

func TestMaxBytes(t *testing.T) {
	big := bytes.Repeat([]byte("x"), 2048)
	mux := http.NewServeMux()
	mux.HandleFunc("/length", func(w http.ResponseWriter, r *http.Request) { w.Write(big) })
	mux.HandleFunc("/chunked", func(w http.ResponseWriter, r *http.Request) {
		for i := range big {
			w.Write(big[i : i+1])
			if i%512 == 0 {
				w.(http.Flusher).Flush()
			}
		}
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		gz := gzip.NewWriter(w)
		gz.Write(big)
		gz.Close()
	})
	mux.HandleFunc("/exact", func(w http.ResponseWriter, r *http.Request) { w.Write(big[:1024]) })
	srv := httptest.NewServer(mux)
	defer srv.Close()

	c := New(Options{AllowPrivate: true, MaxBytes: 1024})
	for _, path := range []string{"/length", "/chunked", "/gzip"} {
		_, err := c.Get(context.Background(), srv.URL+path, Conditional{})
		if !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: got %v, want ErrTooLarge", path, err)
			continue
		}
		if want := "fetch " + srv.URL + path + ": response too large: body exceeds the limit of 1 KiB"; err.Error() != want {
			t.Errorf("%s: error %q, want %q", path, err, want)
		}
	}
	resp, err := c.Get(context.Background(), srv.URL+"/exact", Conditional{})
	if err != nil || len(resp.Body) != 1024 {
		t.Errorf("body of exactly the limit: %v", err)
	}
}

func TestTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow-body" {
			w.Write([]byte("start"))
			w.(http.Flusher).Flush()
		}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release) // before Close, which waits for the handlers

	short, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	tests := []struct {
		name string
		ctx  context.Context
		opt  Options
		path string
	}{
		{"client timeout", context.Background(), Options{AllowPrivate: true, Timeout: 100 * time.Millisecond}, "/hang"},
		{"client timeout in body", context.Background(), Options{AllowPrivate: true, Timeout: 100 * time.Millisecond}, "/slow-body"},
		{"context deadline", short, Options{AllowPrivate: true}, "/hang"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := New(tt.opt).Get(tt.ctx, srv.URL+tt.path, Conditional{})
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("got %v, want a deadline error", err)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "fetch "+srv.URL+tt.path+": ") {
				t.Errorf("error %q does not name the URL first", err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

func TestRedirectLimit(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/"))
		if n > 0 {
			http.Redirect(w, r, "/"+strconv.Itoa(n-1), http.StatusFound)
			return
		}
		fmt.Fprint(w, "end")
	}))
	defer srv.Close()
	tests := []struct {
		max, hops int
		ok        bool
	}{
		{0, 5, true}, // the default, 5
		{0, 6, false},
		{2, 2, true},
		{2, 3, false},
		{-1, 0, true},
		{-1, 1, false}, // redirects not followed: the 302 is an error
	}
	for _, tt := range tests {
		c := New(Options{AllowPrivate: true, MaxRedirects: tt.max})
		resp, err := c.Get(context.Background(), srv.URL+"/"+strconv.Itoa(tt.hops), Conditional{})
		switch {
		case tt.ok && err != nil:
			t.Errorf("max %d, %d hops: %v", tt.max, tt.hops, err)
		case tt.ok && string(resp.Body) != "end":
			t.Errorf("max %d, %d hops: body %q", tt.max, tt.hops, resp.Body)
		case !tt.ok && err == nil:
			t.Errorf("max %d, %d hops: no error", tt.max, tt.hops)
		}
	}
	_, err := New(Options{AllowPrivate: true}).Get(context.Background(), srv.URL+"/9", Conditional{})
	if err == nil || !strings.Contains(err.Error(), "stopped after 5 redirects") {
		t.Errorf("got %v", err)
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{8 << 20: "8 MiB", 1024: "1 KiB", 1000: "1000 bytes", 1536: "1536 bytes"} {
		if got := size(n); got != want {
			t.Errorf("size(%d) = %q, want %q", n, got, want)
		}
	}
}
