package server

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The seeds: the AP original and four rewrites, one (001) calling the
// sitting President "former".
const (
	seedWire   = "002_5abee7961dce3776"
	seedFormer = "001_b81c5c988f4b0327"
)

// TestSeeds serves the five seed articles, ingested as stemma ingest
// would, and reads every page and endpoint of them.
func TestSeeds(t *testing.T) {
	e := newEnv(t, Options{Token: testToken})
	e.ingest(seedsDir)

	var stories struct {
		Stories []apiStory
		Total   int
	}
	e.getJSON("/api/stories", &stories)
	var story apiStory
	for _, s := range stories.Stories {
		if s.Size == 5 {
			story = s
		}
	}
	if story.ID == 0 {
		t.Fatalf("no story of 5 documents in %+v", stories)
	}
	storyPath := fmt.Sprintf("/stories/%d", story.ID)

	t.Run("index", func(t *testing.T) {
		r := e.get("/", http.StatusOK)
		checkPageHeaders(t, "/", r)
		if !strings.Contains(r.body, `href="`+storyPath+`"`) {
			t.Errorf("the index does not link the story %s:\n%s", storyPath, r.body)
		}
		if !regexp.MustCompile(`<td class="num">5</td>`).MatchString(r.body) {
			t.Errorf("the index does not show a story of 5")
		}
		if !strings.Contains(r.body, `action="/search"`) {
			t.Errorf("no search box")
		}
		if r := e.get("/?min_size=6", http.StatusOK); !strings.Contains(r.body, "No story matches.") {
			t.Errorf("a story of 5 is listed among those of 6 or more")
		}
		e.get("/?offset=-1", http.StatusBadRequest)
	})

	t.Run("story page", func(t *testing.T) {
		r := e.get(storyPath, http.StatusOK)
		checkPageHeaders(t, storyPath, r)
		body := r.body
		svg := body[strings.Index(body, "<svg"):max(strings.Index(body, "</svg>"), 0)]
		if svg == "" {
			t.Fatalf("no <svg> on the story page")
		}
		if n := strings.Count(svg, `<a class="node `); n != 5 {
			t.Errorf("%d nodes in the lineage graph, want 5", n)
		}
		edges := regexp.MustCompile(`<g class="edge rel-[a-z]+"><path [^>]*>.*?</path><text [^>]*>(duplicate|near-duplicate|rewrite|partial)</text></g>`).FindAllString(svg, -1)
		if len(edges) < 3 {
			t.Errorf("%d labelled edges in the lineage graph, want the AP original's three rewrites at least:\n%s", len(edges), svg)
		}
		if n := strings.Count(body, `<section class="version role-`); n != 5 {
			t.Errorf("%d versions listed, want 5", n)
		}
		if !strings.Contains(body, `<section class="version role-origin" id="v1">`) {
			t.Errorf("the origin is not the first version")
		}
		// 001's change of the President into a "former" one.
		i := strings.Index(body, `<code>`+seedFormer+`</code>`)
		if i < 0 {
			t.Fatalf("no version %s", seedFormer)
		}
		section := body[i:]
		section = section[:strings.Index(section, "</section>")]
		if !strings.Contains(section, `<li class="change kind-title"><span class="tag kind">title</span>`) || !strings.Contains(section, "former") {
			t.Errorf("the version %s lists no change of title to \"former\":\n%s", seedFormer, section)
		}
		if !strings.Contains(section, `href="/compare?a=`+seedWire+`&amp;b=`+seedFormer+`#change-`) {
			t.Errorf("the changes of %s do not link to the side-by-side view:\n%s", seedFormer, section)
		}
	})

	t.Run("story JSON", func(t *testing.T) {
		var out struct {
			Documents []map[string]any `json:"documents"`
			Relations []map[string]any `json:"relations"`
			Stories   []struct {
				ID        string      `json:"id"`
				Documents []string    `json:"documents"`
				Origin    *string     `json:"origin"`
				Lineage   []any       `json:"lineage"`
				Siblings  [][2]string `json:"siblings"`
			} `json:"stories"`
		}
		e.getJSON(fmt.Sprintf("/api/stories/%d", story.ID), &out)
		if len(out.Documents) != 5 || len(out.Stories) != 1 || len(out.Stories[0].Documents) != 5 {
			t.Fatalf("%d documents and %d stories, want 5 in one", len(out.Documents), len(out.Stories))
		}
		for _, d := range out.Documents {
			for _, k := range []string{"id", "title", "site", "published", "words"} {
				if _, ok := d[k]; !ok {
					t.Errorf("document %v lacks %q", d["id"], k)
				}
			}
		}
		var changes int
		for _, r := range out.Relations {
			for _, k := range []string{"a", "b", "relation", "score", "source"} {
				if _, ok := r[k]; !ok {
					t.Errorf("relation %v-%v lacks %q", r["a"], r["b"], k)
				}
			}
			if c, ok := r["changes"].([]any); ok {
				changes += len(c)
			}
		}
		s := out.Stories[0]
		if s.Origin == nil || *s.Origin != seedWire || len(s.Lineage) < 3 || changes == 0 {
			t.Errorf("story %s: origin %v, %d lineage edges, %d changes; want %s, 3 or more, some", s.ID, s.Origin, len(s.Lineage), changes, seedWire)
		}
		e.get(fmt.Sprintf("/api/stories/s%d", story.ID), http.StatusOK)
	})

	t.Run("compare", func(t *testing.T) {
		path := "/compare?" + url.Values{"a": {seedWire}, "b": {seedFormer}}.Encode()
		r := e.get(path, http.StatusOK)
		checkPageHeaders(t, path, r)
		for _, want := range []string{"<del>", "<ins>", `<tr id="r`, `class="changed`, `<li id="change-0" class="change kind-`, `class="change kind-title"`, `href="#change-`} {
			if !strings.Contains(r.body, want) {
				t.Errorf("the side-by-side view has no %q", want)
			}
		}
		var out struct {
			Relation  string           `json:"relation"`
			Source    *string          `json:"source"`
			Sentences []map[string]any `json:"sentences"`
			Changes   []map[string]any `json:"changes"`
		}
		e.getJSON("/api"+path, &out)
		if out.Relation == "" || len(out.Sentences) == 0 || len(out.Changes) == 0 {
			t.Errorf("compare JSON: relation %q, %d rows, %d changes", out.Relation, len(out.Sentences), len(out.Changes))
		}
		e.get("/compare?a="+seedWire, http.StatusBadRequest)
		e.get("/api/compare?a="+seedWire+"&b=nothing", http.StatusNotFound)
	})

	t.Run("search", func(t *testing.T) {
		r := e.get("/search?q=Kellogg", http.StatusOK)
		if !strings.Contains(r.body, "<mark>Kellogg</mark>") {
			t.Errorf("no highlighted Kellogg in the search page:\n%s", r.body)
		}
		var out struct{ Hits []apiHit }
		e.getJSON("/api/search?q=Kellogg", &out)
		if len(out.Hits) == 0 || !strings.Contains(out.Hits[0].Snippet, "Kellogg") || strings.ContainsAny(out.Hits[0].Snippet, "\x02\x03") {
			t.Errorf("search hits: %+v", out.Hits)
		}
		e.get("/api/search", http.StatusBadRequest)
	})

	t.Run("documents", func(t *testing.T) {
		r := e.get("/documents/"+seedWire, http.StatusOK)
		checkPageHeaders(t, "/documents/"+seedWire, r)
		if !strings.Contains(r.body, `href="`+storyPath+`"`) || !strings.Contains(r.body, "Kellogg") {
			t.Errorf("the document page lacks its story link or its text")
		}
		var d apiDocument
		e.getJSON("/api/documents/"+seedWire, &d)
		if d.ID != seedWire || len(d.Paragraphs) == 0 || d.Story == nil || *d.Story != story.ID || len(d.Removed) == 0 {
			t.Errorf("document: %+v", d)
		}
		raw := e.get("/api/documents/"+seedWire+"/raw", http.StatusOK)
		want, err := os.ReadFile(filepath.Join(seedsDir, seedWire+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		if raw.body != string(want) {
			t.Errorf("the raw input is not the file byte for byte")
		}
		if ct, cd := raw.header.Get("Content-Type"), raw.header.Get("Content-Disposition"); ct != "application/octet-stream" || !strings.HasPrefix(cd, "attachment") || raw.header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("raw served as %q, %q", ct, cd)
		}
		// Every document, two a page.
		var ids []string
		next := "/api/documents?limit=2"
		for pages := 0; next != "" && pages < 10; pages++ {
			var page struct {
				Documents []apiDocument
				Next      *string
			}
			e.getJSON(next, &page)
			for _, d := range page.Documents {
				ids = append(ids, d.ID)
				if len(d.Paragraphs) > 0 {
					t.Errorf("a listed document has its text without text=true")
				}
			}
			next = ""
			if page.Next != nil {
				next = *page.Next
			}
		}
		if len(ids) != 5 {
			t.Errorf("paging gave %v", ids)
		}
		e.get("/api/documents/nothing", http.StatusNotFound)
		e.get("/documents/nothing", http.StatusNotFound)
		e.get("/api/documents?limit=x", http.StatusBadRequest)
	})

	t.Run("not found", func(t *testing.T) {
		r := e.get("/api/nothing", http.StatusNotFound)
		if !strings.Contains(r.body, `"error"`) {
			t.Errorf("an unknown API path is not answered in JSON: %s", r.body)
		}
		r = e.do(http.MethodDelete, "/api/documents", nil)
		if r.status != http.StatusMethodNotAllowed || !strings.Contains(r.header.Get("Allow"), "POST") || !strings.Contains(r.body, `"error"`) {
			t.Errorf("DELETE /api/documents: %d, Allow %q: %s", r.status, r.header.Get("Allow"), r.body)
		}
		r = e.get("/nothing", http.StatusNotFound)
		checkPageHeaders(t, "/nothing", r)
		if !strings.Contains(r.body, "<h1>404 Not Found</h1>") {
			t.Errorf("an unknown page is not answered with a page: %s", r.body)
		}
		e.get("/stories/abc", http.StatusBadRequest)
		e.get("/stories/999999", http.StatusNotFound)
		e.get("/api/stories/999999", http.StatusNotFound)
	})
}
