package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// hostile is markup meant to break out of every context a page puts
// article text in: element text, attributes, URLs, SVG.
const hostile = `<script>alert(1)</script> "><img src=x onerror=alert(1)> </svg><script>alert(2)</script> '><svg onload=alert(3)>`

// hostileRecords are a source and a near-duplicate copy of it whose every
// field is hostile.
func hostileRecords() string {
	text := []string{
		"The harbour ferry resumed service on Tuesday after three weeks of repairs to its damaged pier, the city transport office said. " + hostile,
		"About 4,000 commuters use the crossing every day, and many had spent the past weeks on a bus route that added an hour to their journey.",
		"Officials said the new pier was built to survive stronger storms, and that the repairs cost less than the council had feared in October.",
		"The ferry will run every twenty minutes during the morning and evening rush, and every hour at night, according to the new timetable.",
		"Residents on the island welcomed the news. " + hostile,
		"The transport office said it would review the timetable in the spring, when a second boat is expected to join the route.",
	}
	copyText := append([]string(nil), text...)
	copyText[1] = strings.Replace(copyText[1], "4,000", "5,000", 1)
	copyText = append(copyText, "Shop owners said trade had fallen sharply while the service was suspended. "+hostile)
	recs := []map[string]string{
		{"id": `src"><svg onload=alert(4)>`, "title": "Ferry returns " + hostile, "site": `</svg><script>alert(5)</script>`,
			"url": "javascript:alert(6)", "published": "2025-04-23T08:00:00Z", "byline": hostile, "text": strings.Join(text, "\n\n")},
		{"id": `copy</title><script>alert(7)</script>`, "title": hostile, "site": `evil.example" onmouseover="alert(8)`,
			"url": " JavaScript:alert(9)", "published": "2025-04-23T12:00:00Z", "text": strings.Join(copyText, "\n\n")},
	}
	b, err := json.Marshal(recs)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// TestHostileArticle posts articles made of markup and checks that no
// page, the lineage SVG included, lets any of it through as markup, and
// that their javascript: URLs are never links.
func TestHostileArticle(t *testing.T) {
	e := newEnv(t, Options{Token: testToken})
	r := e.post(hostileRecords())
	if r.status != http.StatusCreated {
		t.Fatalf("POST: %d %s", r.status, r.body)
	}
	var out struct{ Documents []posted }
	if err := json.Unmarshal([]byte(r.body), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Documents) != 2 || out.Documents[0].Story == nil {
		t.Fatalf("POST answered %s", r.body)
	}
	src, cp := out.Documents[0].ID, out.Documents[1].ID
	story := fmt.Sprintf("/stories/%d", *out.Documents[0].Story)
	pages := []string{
		"/", story,
		"/documents/" + url.PathEscape(src), "/documents/" + url.PathEscape(cp),
		"/compare?" + url.Values{"a": {src}, "b": {cp}}.Encode(),
		"/search?q=" + url.QueryEscape("ferry alert script"),
		"/search?q=" + url.QueryEscape(hostile),
		"/documents/" + url.PathEscape(hostile), // a 404 page naming it
	}
	for i, path := range pages {
		want := http.StatusOK
		if i == len(pages)-1 {
			want = http.StatusNotFound
		}
		r := e.do(http.MethodGet, path, nil)
		if r.status != want {
			t.Errorf("GET %s: %d, want %d", path, r.status, want)
			continue
		}
		checkPageHeaders(t, path, r)
		checkInert(t, path, r.body)
	}
	r = e.get(story, http.StatusOK)
	if !strings.Contains(r.body, "<svg") || strings.Count(r.body, `<a class="node `) != 2 || !strings.Contains(r.body, `<g class="edge rel-`) {
		t.Errorf("the story of the hostile articles has no graph of two nodes and an edge:\n%s", r.body)
	}
	if !strings.Contains(r.body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the hostile text is not shown escaped")
	}
	r = e.get("/documents/"+url.PathEscape(src), http.StatusOK)
	if !strings.Contains(r.body, `<span class="url">javascript:alert(6)</span>`) {
		t.Errorf("the javascript: URL is not shown as text")
	}
}

// checkInert fails the test if body, parsed as a browser would, holds an
// element or attribute that can run script.
func checkInert(t *testing.T, path, body string) {
	t.Helper()
	if strings.Contains(strings.ToLower(body), "<script") {
		t.Errorf("%s: <script in the page", path)
	}
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.Data {
		case "script", "img", "iframe", "object", "embed", "foreignObject", "style":
			t.Errorf("%s: a <%s> element", path, n.Data)
		}
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			if strings.HasPrefix(key, "on") {
				t.Errorf("%s: <%s %s=%q>", path, n.Data, a.Key, a.Val)
			}
			if key == "href" || key == "src" || key == "action" || key == "formaction" {
				v := strings.ToLower(strings.TrimSpace(a.Val))
				if strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:") {
					t.Errorf("%s: <%s %s=%q>", path, n.Data, a.Key, a.Val)
				}
			}
		}
	}
}
