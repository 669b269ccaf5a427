package server

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/ingest"
	"github.com/stemma-news/stemma/internal/live"
	"github.com/stemma-news/stemma/internal/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const (
	testToken = "test-token-0123456789"
	seedsDir  = "../../examples/seeds"
)

// env is a real server over a real store in a temporary directory.
type env struct {
	t      testing.TB
	st     *store.Store
	keeper *live.Keeper
	srv    *Server
	http   *httptest.Server
}

// quiet is a logger for tests: request lines would drown the output.
func quiet() *slog.Logger { return slog.New(slog.DiscardHandler) }

// newEnv opens a store, a Keeper and a server over them, all closed when
// the test ends; opt's Store, Keeper and Logger are filled in.
func newEnv(t testing.TB, opt Options) *env {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "stemma.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	k, err := live.Open(ctx, st, live.Options{Logger: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { k.Close() })
	opt.Store, opt.Keeper, opt.Logger = st, k, quiet()
	srv, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &env{t: t, st: st, keeper: k, srv: srv, http: ts}
}

// ingest adds the documents read from paths through the Keeper, as
// stemma ingest does.
func (e *env) ingest(paths ...string) {
	e.t.Helper()
	var docs []*document.Document
	for d, err := range ingest.Read(context.Background(), paths, ingest.Options{KeepRaw: true}) {
		if err != nil {
			e.t.Fatal(err)
		}
		docs = append(docs, d)
	}
	if _, err := e.keeper.Ingest(context.Background(), slices.Values(docs)); err != nil {
		e.t.Fatal(err)
	}
}

// response is a response read whole.
type response struct {
	status int
	header http.Header
	body   string
}

// do sends a request with an optional body and headers ("Name: value").
func (e *env) do(method, path string, body io.Reader, headers ...string) response {
	e.t.Helper()
	req, err := http.NewRequest(method, e.http.URL+path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, h := range headers {
		k, v, _ := strings.Cut(h, ": ")
		req.Header.Set(k, v)
	}
	resp, err := e.http.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, string(b)}
}

// get fetches path and fails the test unless it answers want.
func (e *env) get(path string, want int) response {
	e.t.Helper()
	r := e.do(http.MethodGet, path, nil)
	if r.status != want {
		e.t.Fatalf("GET %s: %d, want %d: %s", path, r.status, want, r.body)
	}
	return r
}

// getJSON fetches path, expecting 200, into v.
func (e *env) getJSON(path string, v any) {
	e.t.Helper()
	r := e.get(path, http.StatusOK)
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		e.t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	if err := json.Unmarshal([]byte(r.body), v); err != nil {
		e.t.Fatalf("GET %s: %v in %s", path, err, r.body)
	}
}

// post sends records to POST /api/documents with the test token.
func (e *env) post(body string, headers ...string) response {
	e.t.Helper()
	return e.do(http.MethodPost, "/api/documents", bytes.NewBufferString(body),
		append([]string{"Authorization: Bearer " + testToken, "Content-Type: application/json"}, headers...)...)
}

// checkPageHeaders checks the headers every page must carry.
func checkPageHeaders(t testing.TB, path string, r response) {
	t.Helper()
	if got := r.header.Get("Content-Security-Policy"); got != contentSecurityPolicy {
		t.Errorf("%s: Content-Security-Policy %q", path, got)
	}
	if got := r.header.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("%s: X-Content-Type-Options %q", path, got)
	}
}
