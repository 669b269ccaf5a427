package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"strconv"

	"github.com/stemma-news/stemma/internal/store"
)

// handler serves one route. It returns the error a request failed with
// instead of answering it, so that every failure is answered, logged and
// counted in one place (Server.fail), as JSON for the API and as a page
// for people. A handler that returns an error has written nothing.
type handler func(w http.ResponseWriter, r *http.Request) error

// httpError is an error a client is told about: its status and message.
type httpError struct {
	status int
	msg    string
	header map[string]string // set on the response, as Allow or WWW-Authenticate
}

func (e *httpError) Error() string { return e.msg }

func errorf(status int, format string, args ...any) *httpError {
	return &httpError{status: status, msg: fmt.Sprintf(format, args...)}
}

// adapt makes an http.Handler of a route's handler.
func (s *Server) adapt(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.fail(w, r, rt.page, fmt.Errorf("panic: %v\n%s", v, debug.Stack()))
			}
		}()
		if err := rt.handle(w, r); err != nil {
			s.fail(w, r, rt.page, err)
		}
	})
}

// fail answers a request that failed with err, and logs the failures
// that are the server's rather than the client's.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, page bool, err error) {
	var he *httpError
	switch {
	case errors.As(err, &he):
	case errors.Is(err, store.ErrNotFound):
		he = errorf(http.StatusNotFound, "not found")
	case errors.Is(err, context.Canceled) && r.Context().Err() != nil:
		// The client left; nobody reads the answer.
		he = errorf(http.StatusServiceUnavailable, "request cancelled")
	default:
		s.log.ErrorContext(r.Context(), "request failed", "method", r.Method, "route", r.Pattern, "path", r.URL.Path, "err", err)
		he = errorf(http.StatusInternalServerError, "internal error")
	}
	for k, v := range he.header {
		w.Header().Set(k, v)
	}
	if page {
		s.errorPage(w, r, he.status, he.msg)
		return
	}
	writeJSON(w, he.status, map[string]string{"error": he.msg})
}

// writeJSON answers with v as JSON. v is made of the server's own types,
// which always encode.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		b, status = []byte(`{"error": "internal error"}`), http.StatusInternalServerError
	}
	b = append(b, '\n')
	writeBody(w, status, "application/json; charset=utf-8", b)
}

// writeBody answers with b, rendered in full beforehand so that a failure
// while rendering is answered as one rather than cut off mid-way.
func writeBody(w http.ResponseWriter, status int, contentType string, b []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	w.Write(b)
}
