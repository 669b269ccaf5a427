package server

import (
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// contentSecurityPolicy allows the page's own stylesheet and nothing
// else: no script at all, no frames, no form posting elsewhere. Inline
// SVG needs no source of its own.
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"

// ServeHTTP serves a request, with the security headers every response
// carries, and logs and counts it by route pattern (never by path, which
// would give a metric series per document).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	h := w.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	rec := &recorder{ResponseWriter: w}
	route := "unmatched"
	if _, pattern := s.mux.Handler(r); pattern != "" {
		route = pattern
		s.mux.ServeHTTP(rec, r)
	} else {
		s.unmatched(rec, r)
	}
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	elapsed := time.Since(start)
	s.metrics.observe(route, rec.status, elapsed)
	// Probes come every few seconds; a line each would bury the rest.
	level := slog.LevelInfo
	if route == "GET /healthz" || route == "GET /metrics" {
		level = slog.LevelDebug
	}
	s.log.LogAttrs(r.Context(), level, "request",
		slog.String("method", r.Method), slog.String("route", route), slog.String("path", r.URL.Path),
		slog.Int("status", rec.status), slog.Duration("duration", elapsed), slog.Int64("bytes", rec.bytes))
}

// unmatched answers a request no route takes: 405 with the methods the
// path allows when some route has its path, 404 otherwise; in JSON under
// /api/, as a page elsewhere. (ServeMux would answer in plain text.)
func (s *Server) unmatched(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		if m == r.Method {
			continue
		}
		try := r.Clone(r.Context())
		try.Method = m
		if _, p := s.mux.Handler(try); p != "" {
			allow = append(allow, m)
			if m == http.MethodGet {
				allow = append(allow, http.MethodHead) // ServeMux routes HEAD as GET
			}
		}
	}
	err := errorf(http.StatusNotFound, "no such page: %s", r.URL.Path)
	if len(allow) > 0 {
		err = errorf(http.StatusMethodNotAllowed, "method %s not allowed here: use %s", r.Method, strings.Join(allow, ", "))
		err.header = map[string]string{"Allow": strings.Join(allow, ", ")}
	}
	api := strings.HasPrefix(r.URL.Path, "/api/")
	s.fail(w, r, !api, err)
}

// recorder remembers the status and size of a response.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
