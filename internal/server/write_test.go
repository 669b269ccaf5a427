package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

const article = `{"id": "ferry-1", "site": "harbour.example", "url": "https://harbour.example/ferry", "title": "Ferry back", "published": "2025-04-23T08:00:00Z",
 "text": "The harbour ferry resumed service on Tuesday after three weeks of repairs.\n\nAbout 4,000 commuters use the crossing every day."}`

func TestWriteAccess(t *testing.T) {
	e := newEnv(t, Options{Token: testToken, MaxBody: 4096})

	for _, tt := range []struct {
		name   string
		header []string
		body   string
		status int
		want   string
	}{
		{"no token", nil, article, http.StatusUnauthorized, "Authorization: Bearer"},
		{"wrong token", []string{"Authorization: Bearer " + testToken + "x"}, article, http.StatusUnauthorized, "wrong token"},
		{"other scheme", []string{"Authorization: Basic " + testToken}, article, http.StatusUnauthorized, "Bearer"},
		{"too large", []string{"Authorization: Bearer " + testToken}, `{"id": "big", "text": "` + strings.Repeat("word ", 1000) + `"}`, http.StatusRequestEntityTooLarge, "4096-byte limit"},
		{"bad JSON", []string{"Authorization: Bearer " + testToken}, `{"id": "x", "text": "unterminated`, http.StatusBadRequest, "malformed JSON"},
		{"bad array", []string{"Authorization: Bearer " + testToken}, `[{"id": "x", "text": "a"}, ]`, http.StatusBadRequest, "malformed JSON"},
		{"no text", []string{"Authorization: Bearer " + testToken}, `[{"id": "ok", "text": "Some text."}, {"id": "x", "title": "no text"}]`, http.StatusBadRequest, `record 2: record has no \"text\" or \"html\"`},
		{"empty", []string{"Authorization: Bearer " + testToken}, ` `, http.StatusBadRequest, "empty body"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := e.do(http.MethodPost, "/api/documents", strings.NewReader(tt.body), tt.header...)
			if r.status != tt.status || !strings.Contains(r.body, tt.want) {
				t.Errorf("%d %s, want %d and %q", r.status, r.body, tt.status, tt.want)
			}
			var msg struct{ Error string }
			if err := json.Unmarshal([]byte(r.body), &msg); err != nil || msg.Error == "" {
				t.Errorf("not a JSON error: %s", r.body)
			}
			if tt.status == http.StatusUnauthorized && r.header.Get("WWW-Authenticate") == "" {
				t.Errorf("401 without WWW-Authenticate")
			}
		})
	}
	if c, err := e.st.Counts(t.Context()); err != nil || c.Documents != 0 {
		t.Fatalf("refused requests stored %d documents (%v)", c.Documents, err)
	}

	// Accepted: stored, analysed and in a story; posted again, known.
	for round, wantNew := range []bool{true, false} {
		r := e.post(article)
		if r.status != http.StatusCreated {
			t.Fatalf("round %d: %d %s", round, r.status, r.body)
		}
		var out struct {
			Documents []posted
			Stored    int
			Known     int
		}
		if err := json.Unmarshal([]byte(r.body), &out); err != nil {
			t.Fatal(err)
		}
		if len(out.Documents) != 1 || out.Documents[0].ID != "ferry-1" || out.Documents[0].New != wantNew || out.Documents[0].Story == nil {
			t.Errorf("round %d: %s", round, r.body)
		}
	}
	var d apiDocument
	e.getJSON("/api/documents/ferry-1", &d)
	if d.Site != "harbour.example" || d.Published == nil || !d.Analysed || d.Story == nil {
		t.Errorf("stored as %+v", d)
	}
	raw := e.get("/api/documents/ferry-1/raw", http.StatusOK)
	var rec map[string]any
	if err := json.Unmarshal([]byte(raw.body), &rec); err != nil || rec["id"] != "ferry-1" {
		t.Errorf("the raw input is not the posted record: %q", raw.body)
	}

	// A record without an id gets one from its content; records may come
	// one a line.
	r := e.post(`{"text": "A record without an id, first of two."}` + "\n" + `{"text": "The second record without an id."}`)
	var out struct{ Documents []posted }
	if err := json.Unmarshal([]byte(r.body), &out); err != nil || r.status != http.StatusCreated || len(out.Documents) != 2 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if id := out.Documents[0].ID; id == "" || strings.Contains(id, "#") {
		t.Errorf("a record without an id was stored as %q", id)
	}
}

func TestWriteDisabled(t *testing.T) {
	e := newEnv(t, Options{})
	r := e.do(http.MethodPost, "/api/documents", strings.NewReader(article), "Authorization: Bearer anything")
	if r.status != http.StatusForbidden || !strings.Contains(r.body, "--token-env") {
		t.Errorf("%d %s, want 403 saying how to enable writing", r.status, r.body)
	}
	var h struct{ Writable bool }
	e.getJSON("/healthz", &h)
	if h.Writable {
		t.Errorf("healthz says a server without a token is writable")
	}
}

func TestHealthAndMetrics(t *testing.T) {
	e := newEnv(t, Options{Token: testToken})
	if r := e.post(article); r.status != http.StatusCreated {
		t.Fatalf("POST: %d %s", r.status, r.body)
	}
	var h struct {
		Status    string
		Documents int
		Stories   int
	}
	for range 3 {
		e.getJSON("/healthz", &h)
	}
	if h.Status != "ok" || h.Documents != 1 || h.Stories != 1 {
		t.Errorf("healthz: %+v", h)
	}
	e.get("/api/documents/nothing", http.StatusNotFound)
	r := e.get("/metrics", http.StatusOK)
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain; version=0.0.4") {
		t.Errorf("metrics served as %q", ct)
	}
	for _, want := range []string{
		`stemma_http_requests_total{route="GET /healthz",status="200"} 3`,
		`stemma_http_requests_total{route="GET /api/documents/{id}",status="404"} 1`,
		`stemma_http_requests_total{route="POST /api/documents",status="201"} 1`,
		`stemma_http_request_duration_seconds_count{route="GET /healthz"} 3`,
		`stemma_http_request_duration_seconds_bucket{route="GET /healthz",le="+Inf"} 3`,
		`stemma_ingest_documents_total{outcome="stored"} 1`,
		`stemma_ingest_requests_total{outcome="accepted"} 1`,
		"stemma_documents 1\n", "stemma_documents_analysed 1\n", "stemma_stories 1\n", "stemma_store_up 1\n",
	} {
		if !strings.Contains(r.body, want) {
			t.Errorf("no %q in\n%s", want, r.body)
		}
	}
	checkExposition(t, r.body)

	// A store that cannot be read: 503, and the metrics say so.
	e.st.Close()
	r = e.get("/healthz", http.StatusServiceUnavailable)
	if !strings.Contains(r.body, `"unavailable"`) {
		t.Errorf("healthz of a closed store: %s", r.body)
	}
	if r := e.get("/metrics", http.StatusOK); !strings.Contains(r.body, "stemma_store_up 0\n") {
		t.Errorf("metrics of a closed store:\n%s", r.body)
	}
}

// checkExposition checks the text format's grammar: every sample's
// metric has a TYPE, every line is a comment or "name{labels} value".
func checkExposition(t *testing.T, body string) {
	t.Helper()
	typed := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSuffix(body, "\n"), "\n") {
		if f, ok := strings.CutPrefix(line, "# TYPE "); ok {
			typed[strings.Fields(f)[0]] = true
			continue
		}
		if strings.HasPrefix(line, "# HELP ") {
			continue
		}
		name, _, _ := strings.Cut(line, "{")
		name, _, _ = strings.Cut(name, " ")
		base := name
		for _, suf := range []string{"_bucket", "_sum", "_count"} {
			if b, ok := strings.CutSuffix(name, suf); ok && typed[b] {
				base = b
			}
		}
		if !typed[base] {
			t.Errorf("sample without a TYPE: %q", line)
		}
		var v float64
		if _, err := fmt.Sscan(line[strings.LastIndexByte(line, ' ')+1:], &v); err != nil {
			t.Errorf("bad value in %q", line)
		}
	}
}

// Every route is described in the OpenAPI document, and everything it
// describes is a route.
func TestOpenAPICoversRoutes(t *testing.T) {
	e := newEnv(t, Options{})
	var spec struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	e.getJSON("/api/openapi.json", &spec)
	if !strings.HasPrefix(spec.OpenAPI, "3.1") {
		t.Errorf("openapi %q, want 3.1", spec.OpenAPI)
	}
	routes := map[string]bool{}
	for _, rt := range e.srv.routes {
		method, path, _ := strings.Cut(rt.pattern, " ")
		path = strings.TrimSuffix(path, "{$}")
		routes[strings.ToLower(method)+" "+path] = true
	}
	described := map[string]bool{}
	for path, ops := range spec.Paths {
		for method := range ops {
			if method == "parameters" || method == "summary" || method == "description" {
				continue
			}
			described[method+" "+path] = true
		}
	}
	for r := range routes {
		if !described[r] {
			t.Errorf("route %s is not in openapi.json", r)
		}
	}
	for d := range described {
		if !routes[d] {
			t.Errorf("openapi.json describes %s, which is no route", d)
		}
	}
	// Every reference resolves.
	raw := e.get("/api/openapi.json", http.StatusOK).body
	var all map[string]any
	if err := json.Unmarshal([]byte(raw), &all); err != nil {
		t.Fatal(err)
	}
	schemas := all["components"].(map[string]any)["schemas"].(map[string]any)
	for _, m := range bytes.Split([]byte(raw), []byte(`"$ref": "#/components/schemas/`))[1:] {
		name, _, _ := bytes.Cut(m, []byte(`"`))
		if _, ok := schemas[string(name)]; !ok {
			t.Errorf("unresolved $ref %s", name)
		}
	}
}

// Duplicates are decided without aligning; their side-by-side view still
// pairs every sentence with its counterpart.
func TestCompareDuplicates(t *testing.T) {
	e := newEnv(t, Options{Token: testToken})
	text := "The harbour ferry resumed service on Tuesday after three weeks of repairs.\n\nAbout 4,000 commuters use the crossing every day.\n\nThe new pier was built to survive stronger storms."
	recs, _ := json.Marshal([]map[string]string{
		{"id": "one", "site": "one.example", "text": text, "published": "2025-04-23T08:00:00Z"},
		{"id": "two", "site": "two.example", "text": text, "published": "2025-04-23T09:00:00Z"},
	})
	if r := e.post(string(recs)); r.status != http.StatusCreated {
		t.Fatalf("POST: %d %s", r.status, r.body)
	}
	r := e.get("/compare?a=one&b=two", http.StatusOK)
	if !strings.Contains(r.body, `<span class="rel">duplicate</span>`) || strings.Count(r.body, `<span class="link">verbatim 1.00</span>`) != 3 || strings.Contains(r.body, "alone-") {
		t.Errorf("the duplicates are not shown sentence by sentence:\n%s", r.body)
	}
}
