package server

import (
	"errors"
	"html/template"
	"log/slog"
	"net/http"

	"github.com/stemma-news/stemma/internal/live"
	"github.com/stemma-news/stemma/internal/store"
)

// DefaultMaxBody is the size limit of a request body when Options.MaxBody
// is zero: room for a few hundred articles a request.
const DefaultMaxBody = 8 << 20

// Options configure a Server.
type Options struct {
	Store *store.Store // required
	// Keeper adds posted articles to the store and analyses them; without
	// one, writing is disabled.
	Keeper *live.Keeper
	// Token is the bearer token write endpoints require. Empty disables
	// them: a server without a token is read-only rather than open.
	Token string
	// MaxBody bounds a request body in bytes; DefaultMaxBody when zero.
	MaxBody int64
	// Logger receives a line per request; slog.Default() when nil.
	Logger *slog.Logger
	// Registry collects the metrics /metrics serves; a new one when nil.
	Registry *Registry
}

// Server serves the API and the pages. It is an http.Handler.
type Server struct {
	st      *store.Store
	keeper  *live.Keeper
	token   string
	maxBody int64
	log     *slog.Logger
	metrics *Registry
	mux     *http.ServeMux
	pages   map[string]*template.Template
	routes  []route
}

// route is one endpoint: its ServeMux pattern and handler. API handlers
// answer errors in JSON, page handlers with an HTML page.
type route struct {
	pattern string
	handle  handler
	page    bool
}

// New returns a Server over opt.Store.
func New(opt Options) (*Server, error) {
	if opt.Store == nil {
		return nil, errors.New("server: no store")
	}
	s := &Server{st: opt.Store, keeper: opt.Keeper, token: opt.Token, maxBody: opt.MaxBody, log: opt.Logger, metrics: opt.Registry, mux: http.NewServeMux()}
	if s.maxBody <= 0 {
		s.maxBody = DefaultMaxBody
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.metrics == nil {
		s.metrics = NewRegistry()
	}
	var err error
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	s.routes = []route{
		// Pages.
		{"GET /{$}", s.indexPage, true},
		{"GET /stories/{id}", s.storyPage, true},
		{"GET /documents/{id}", s.documentPage, true},
		{"GET /compare", s.comparePage, true},
		{"GET /search", s.searchPage, true},
		{"GET /static/style.css", s.style, true},
		// API.
		{"GET /api/documents", s.apiDocuments, false},
		{"POST /api/documents", s.apiPostDocuments, false},
		{"GET /api/documents/{id}", s.apiDocument, false},
		{"GET /api/documents/{id}/raw", s.apiRaw, false},
		{"GET /api/stories", s.apiStories, false},
		{"GET /api/stories/{id}", s.apiStory, false},
		{"GET /api/compare", s.apiCompare, false},
		{"GET /api/search", s.apiSearch, false},
		{"GET /api/openapi.json", s.apiOpenAPI, false},
		// Operations.
		{"GET /healthz", s.health, false},
		{"GET /metrics", s.serveMetrics, false},
	}
	for _, rt := range s.routes {
		s.mux.Handle(rt.pattern, s.adapt(rt))
	}
	return s, nil
}
