package server

import (
	"bufio"
	"cmp"
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/stemma-news/stemma/internal/live"
	"github.com/stemma-news/stemma/internal/store"
)

// Registry holds the server's metrics and writes them in the Prometheus
// text format (version 0.0.4), which is small enough to write by hand.
// It is safe for concurrent use.
type Registry struct {
	mu       sync.Mutex
	requests map[requestKey]uint64
	latency  map[string]*histogram // by route
	ingest   live.Stats            // summed over every ingest counted
	posts    uint64                // ingest requests that stored or found their documents
	rejected uint64                // ingest requests refused for their content
}

type requestKey struct {
	route  string
	status int
}

// latencyBuckets are the upper bounds, in seconds, of the request
// duration histogram: from a cached page to an ingest that analyses.
var latencyBuckets = []float64{0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30}

type histogram struct {
	counts []uint64 // by bucket, not cumulative
	n      uint64
	sum    float64
}

// NewRegistry returns an empty Registry.
func NewRegistry() *Registry {
	return &Registry{requests: map[requestKey]uint64{}, latency: map[string]*histogram{}}
}

// observe counts one request.
func (g *Registry) observe(route string, status int, d time.Duration) {
	sec := d.Seconds()
	g.mu.Lock()
	defer g.mu.Unlock()
	g.requests[requestKey{route, status}]++
	h := g.latency[route]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(latencyBuckets))}
		g.latency[route] = h
	}
	if i, _ := slices.BinarySearch(latencyBuckets, sec); i < len(latencyBuckets) {
		h.counts[i]++
	}
	h.n++
	h.sum += sec
}

// CountIngest adds what one ingest did to the ingest counters; the
// command's own ingest loops may count theirs here too.
func (g *Registry) CountIngest(s live.Stats) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.posts++
	g.ingest.Read += s.Read
	g.ingest.Stored += s.Stored
	g.ingest.Known += s.Known
	g.ingest.Analysed += s.Analysed
}

func (g *Registry) countRejected() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.rejected++
}

// write writes every metric; c holds the store's sizes, nil when the
// store could not be read.
func (g *Registry) write(w io.Writer, c *store.Counts) error {
	bw := bufio.NewWriter(w)
	head := func(name, typ, help string) {
		fmt.Fprintf(bw, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
	}
	g.mu.Lock()
	head("stemma_http_requests_total", "counter", "HTTP requests served, by route pattern and status.")
	keys := slices.SortedFunc(maps.Keys(g.requests), func(a, b requestKey) int {
		return cmp.Or(strings.Compare(a.route, b.route), cmp.Compare(a.status, b.status))
	})
	for _, k := range keys {
		fmt.Fprintf(bw, "stemma_http_requests_total{route=%s,status=\"%d\"} %d\n", label(k.route), k.status, g.requests[k])
	}
	head("stemma_http_request_duration_seconds", "histogram", "Time to serve an HTTP request, by route pattern.")
	for _, route := range slices.Sorted(maps.Keys(g.latency)) {
		h := g.latency[route]
		var cum uint64
		for i, le := range latencyBuckets {
			cum += h.counts[i]
			fmt.Fprintf(bw, "stemma_http_request_duration_seconds_bucket{route=%s,le=\"%s\"} %d\n", label(route), number(le), cum)
		}
		fmt.Fprintf(bw, "stemma_http_request_duration_seconds_bucket{route=%s,le=\"+Inf\"} %d\n", label(route), h.n)
		fmt.Fprintf(bw, "stemma_http_request_duration_seconds_sum{route=%s} %s\n", label(route), number(h.sum))
		fmt.Fprintf(bw, "stemma_http_request_duration_seconds_count{route=%s} %d\n", label(route), h.n)
	}
	head("stemma_ingest_requests_total", "counter", "Ingest requests, by outcome.")
	fmt.Fprintf(bw, "stemma_ingest_requests_total{outcome=\"accepted\"} %d\n", g.posts)
	fmt.Fprintf(bw, "stemma_ingest_requests_total{outcome=\"rejected\"} %d\n", g.rejected)
	head("stemma_ingest_documents_total", "counter", "Documents received for ingest, by what became of them.")
	fmt.Fprintf(bw, "stemma_ingest_documents_total{outcome=\"stored\"} %d\n", g.ingest.Stored)
	fmt.Fprintf(bw, "stemma_ingest_documents_total{outcome=\"known\"} %d\n", g.ingest.Known)
	head("stemma_ingest_analysed_total", "counter", "Documents analysed after an ingest.")
	fmt.Fprintf(bw, "stemma_ingest_analysed_total %d\n", g.ingest.Analysed)
	g.mu.Unlock()

	head("stemma_store_up", "gauge", "Whether the store could be read for this scrape.")
	if c == nil {
		fmt.Fprintln(bw, "stemma_store_up 0")
	} else {
		fmt.Fprintln(bw, "stemma_store_up 1")
		for _, m := range []struct {
			name, help string
			v          int64
		}{
			{"stemma_documents", "Documents in the store.", c.Documents},
			{"stemma_documents_analysed", "Documents analysed.", c.Analysed},
			{"stemma_stories", "Stories in the current view.", c.Stories},
			{"stemma_inputs", "Raw inputs kept.", c.Inputs},
			{"stemma_raw_bytes", "Bytes of the raw inputs kept.", c.RawBytes},
		} {
			head(m.name, "gauge", m.help)
			fmt.Fprintf(bw, "%s %d\n", m.name, m.v)
		}
	}
	head("go_goroutines", "gauge", "Goroutines that currently exist.")
	fmt.Fprintf(bw, "go_goroutines %d\n", runtime.NumGoroutine())
	return bw.Flush()
}

// label quotes a label value as the text format wants it.
func label(v string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(v) + `"`
}

func number(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// serveMetrics is GET /metrics.
func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	var counts *store.Counts
	if c, err := s.st.Counts(ctx); err == nil {
		counts = &c
	} else {
		s.log.WarnContext(r.Context(), "metrics: cannot read the store", "err", err)
	}
	var b strings.Builder
	if err := s.metrics.write(&b, counts); err != nil {
		return err
	}
	writeBody(w, http.StatusOK, "text/plain; version=0.0.4; charset=utf-8", []byte(b.String()))
	return nil
}
