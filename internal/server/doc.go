// Package server is stemma serve: an HTTP API over a store and pages for
// people, rendered on the server, readable without JavaScript, loading
// nothing from elsewhere.
//
// The API, under /api/ (described in full by /api/openapi.json):
//
//	GET  /api/documents?after=SEQ&limit=N   every document, in arrival order, a page at a time
//	POST /api/documents                     add articles (JSONL records); needs the bearer token
//	GET  /api/documents/{id}                a document with its text
//	GET  /api/documents/{id}/raw            the raw input it was read from, as a download
//	GET  /api/stories?limit&offset&site&min_size   stories, the latest first
//	GET  /api/stories/{id}                  a story in the analysis contract's shape
//	GET  /api/compare?a=ID&b=ID             two documents aligned, with their changes
//	GET  /api/search?q=WORDS                full-text search
//	GET  /healthz, GET /metrics             for operators (Prometheus text format)
//
// The pages: / (the stories), /stories/{id} (the lineage drawn as SVG and
// every version with its changes), /compare?a&b (side by side),
// /documents/{id} and /search?q.
//
// Article text is hostile input: every page is rendered by html/template,
// the lineage graph included, and no article text is ever marked as safe
// HTML; every response carries a Content-Security-Policy that forbids
// scripts outright, so that an escaping mistake still cannot run one.
package server
