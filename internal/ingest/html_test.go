package ingest

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden is what an HTML page's extraction is compared on.
type golden struct {
	Title      string   `json:"title"`
	Byline     string   `json:"byline"`
	Published  string   `json:"published,omitempty"`
	Site       string   `json:"site"`
	URL        string   `json:"url"`
	Paragraphs []string `json:"paragraphs"`
}

func TestParseHTMLGolden(t *testing.T) {
	pages, err := filepath.Glob("testdata/*.htm*")
	if err != nil || len(pages) == 0 {
		t.Fatalf("no test pages: %v", err)
	}
	for _, page := range pages {
		t.Run(filepath.Base(page), func(t *testing.T) {
			data, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := ParseHTML(bytes.NewReader(data), "")
			if err != nil {
				t.Fatal(err)
			}
			got := golden{Title: doc.Title, Byline: doc.Byline, Site: doc.Site, URL: doc.URL, Paragraphs: doc.Paragraphs}
			if !doc.Published.IsZero() {
				got.Published = doc.Published.Format(time.RFC3339)
			}
			out, _ := json.MarshalIndent(got, "", "  ")
			out = append(out, '\n')
			path := strings.TrimSuffix(page, filepath.Ext(page)) + ".golden.json"
			if *update {
				if err := os.WriteFile(path, out, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(out, want) {
				t.Errorf("extraction of %s changed (go test -update rewrites the golden file)\ngot:\n%s\nwant:\n%s", page, out, want)
			}
		})
	}
}

// The golden files pin whole outputs; these say what in them matters.
func TestParseHTMLDetails(t *testing.T) {
	read := func(name string) *golden {
		t.Helper()
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := ParseHTML(bytes.NewReader(data), "")
		if err != nil {
			t.Fatal(err)
		}
		return &golden{Title: doc.Title, Byline: doc.Byline, Site: doc.Site, URL: doc.URL, Paragraphs: doc.Paragraphs, Published: doc.Published.Format(time.DateOnly)}
	}
	h := read("harbour.html")
	if h.URL != "https://courier.example.com/news/harbour-ferry-resumes" {
		t.Errorf("canonical URL: got %q", h.URL)
	}
	if h.Site != "Coastal Courier" || h.Byline != "Maren Holt" || h.Published != "2024-03-05" {
		t.Errorf("metadata: got site %q byline %q date %q", h.Site, h.Byline, h.Published)
	}
	if len(h.Paragraphs) < 6 {
		t.Errorf("want one paragraph per block, got %d: %q", len(h.Paragraphs), h.Paragraphs)
	}
	joined := strings.Join(h.Paragraphs, "\n")
	for _, want := range []string{"harbour master, Ines Varga, told", "every two hours at weekends."} {
		if !strings.Contains(joined, want) {
			t.Errorf("text lacks %q:\n%s", want, joined)
		}
	}
	for _, furniture := range []string{"All rights reserved", "Most read"} {
		if strings.Contains(joined, furniture) {
			t.Errorf("text keeps page furniture %q", furniture)
		}
	}

	l := read("lyon-cp1252.html")
	if !strings.Contains(strings.Join(l.Paragraphs, " "), "« Nous ne prendrons aucun risque », a déclaré l’adjoint") {
		t.Errorf("windows-1252 page not decoded: %q", l.Paragraphs)
	}
	if l.Site != "lyon.example.fr" {
		t.Errorf("site from URL host: got %q", l.Site)
	}

	r := read("results.htm")
	if !strings.Contains(strings.Join(r.Paragraphs, "\n"), "1 | Grace Okafor | 2:24:10") {
		t.Errorf("table row not one paragraph: %q", r.Paragraphs)
	}
}
