package feed

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/stemma-news/stemma/internal/fetch"
)

func TestItemDocumentPage(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("testdata", "article.html"))
	if err != nil {
		t.Fatal(err)
	}
	it := Item{
		GUID:      "hg-2024-0314-771",
		Link:      "https://www.harbourgazette.example/world/2024/03/14/grain-ships-odesa.html?utm_source=rss",
		Title:     "Feed title",
		Published: time.Date(2024, 3, 14, 9, 30, 0, 0, time.UTC),
		Author:    "Maria Kowalska",
		Content:   "<p>Three bulk carriers sailed on Thursday.</p>",
	}
	page := &fetch.Response{
		URL:    "https://www.harbourgazette.example/world/2024/03/14/grain-ships-odesa.html?utm_source=rss",
		Status: 200,
		Body:   body,
	}
	doc, err := ItemDocument(it, page)
	if err != nil {
		t.Fatal(err)
	}
	if doc.ID != "harbourgazette-example-world-2024-03-14-grain-ships-odesa" {
		t.Errorf("ID %q", doc.ID)
	}
	// The page's own title and canonical address win; the feed fills the rest.
	if !strings.HasPrefix(doc.Title, "Grain ships leave Odesa") {
		t.Errorf("title %q", doc.Title)
	}
	if doc.URL != "https://www.harbourgazette.example/world/2024/03/14/grain-ships-odesa.html" {
		t.Errorf("URL %q", doc.URL)
	}
	if doc.Byline != "Maria Kowalska" || !doc.Published.Equal(it.Published) {
		t.Errorf("byline %q, published %v: not filled from the item", doc.Byline, doc.Published)
	}
	if doc.Origin != page.URL || string(doc.Raw) != string(body) || doc.Format != "html" {
		t.Errorf("origin %q, format %q, raw kept %v", doc.Origin, doc.Format, len(doc.Raw) == len(body))
	}
	if len(doc.Paragraphs) < 4 || !strings.HasPrefix(doc.Paragraphs[0], "Three bulk carriers") {
		t.Errorf("paragraphs %q", doc.Paragraphs)
	}
	for _, p := range doc.Paragraphs {
		if strings.Contains(p, "All rights reserved") || strings.Contains(p, "Sport") {
			t.Errorf("page furniture kept: %q", p)
		}
	}

	if _, err := ItemDocument(it, &fetch.Response{URL: page.URL, Status: 200, Body: []byte("<html><body></body></html>")}); err == nil ||
		!strings.Contains(err.Error(), page.URL) {
		t.Errorf("empty page: got %v, want an error naming it", err)
	}
	if _, err := ItemDocument(it, &fetch.Response{URL: page.URL, Status: 304, NotModified: true}); err == nil {
		t.Error("304 page accepted")
	}
}

func TestItemDocumentCharset(t *testing.T) {
	// A Cyrillic page whose charset only the Content-Type header gives.
	var b strings.Builder
	b.WriteString("<html><head><title>Новости</title></head><body><article><h1>Зерновые суда покинули Одессу</h1>")
	for range 5 {
		b.WriteString("<p>Три балкера с пшеницей вышли из порта Одесса в четверг, первыми по новому соглашению о коридоре, подписанному на прошлой неделе.</p>")
	}
	b.WriteString("</article></body></html>")
	body, err := charmap.Windows1251.NewEncoder().String(b.String())
	if err != nil {
		t.Fatal(err)
	}
	page := &fetch.Response{URL: "https://news.example/odesa", Status: 200, ContentType: "text/html; charset=windows-1251", Body: []byte(body)}
	doc, err := ItemDocument(Item{GUID: "g", Link: page.URL}, page)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Paragraphs) == 0 || !strings.HasPrefix(doc.Paragraphs[0], "Три балкера") {
		t.Errorf("paragraphs %q", doc.Paragraphs)
	}
	if string(doc.Raw) != body {
		t.Error("raw bytes not kept as fetched")
	}
}

func TestItemDocumentContent(t *testing.T) {
	published := time.Date(2024, 3, 11, 12, 45, 0, 0, time.UTC)
	tests := []struct {
		name   string
		it     Item
		id     string
		format string
		paras  []string
	}{
		{
			name: "html summary",
			it: Item{GUID: "vc-5521", Link: "https://valleycourier.example/news/bridge-reopens", Title: "Old bridge reopens",
				Published: published, Author: "Sam Ortiz",
				Content: "<p>The old stone bridge reopened to traffic on Monday.</p><p>Repairs took <b>eight</b> months.<br>Tolls are unchanged.</p><script>track()</script>"},
			id:     "valleycourier-example-news-bridge-reopens",
			format: "html",
			paras:  []string{"The old stone bridge reopened to traffic on Monday.", "Repairs took eight months.", "Tolls are unchanged."},
		},
		{
			name: "plain text",
			it: Item{GUID: "vc-5520", Link: "https://valleycourier.example/news/school-budget", Title: "School budget approved",
				Published: published, Content: "The school board approved next year's budget.\n\nTeachers will get a 3 percent raise."},
			id:     "valleycourier-example-news-school-budget",
			format: "text",
			paras:  []string{"The school board approved next year's budget.", "Teachers will get a 3 percent raise."},
		},
		{
			name: "no link",
			it: Item{GUID: "tag:northernwire.example,2024:1003", Title: "Bulletin", Published: published,
				Content: "<p>Bulletin</p><p>The ferry to the islands is cancelled today.</p>"},
			id:     "tag-northernwire-example-2024-1003",
			format: "html",
			paras:  []string{"The ferry to the islands is cancelled today."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ItemDocument(tt.it, nil)
			if err != nil {
				t.Fatal(err)
			}
			if doc.ID != tt.id || doc.Format != tt.format {
				t.Errorf("ID %q, format %q; want %q, %q", doc.ID, doc.Format, tt.id, tt.format)
			}
			if !slices.Equal(doc.Paragraphs, tt.paras) {
				t.Errorf("paragraphs\n got %q\nwant %q", doc.Paragraphs, tt.paras)
			}
			if doc.Title != tt.it.Title || doc.Byline != tt.it.Author || !doc.Published.Equal(tt.it.Published) || doc.URL != tt.it.Link {
				t.Errorf("metadata not from the item: %q %q %v %q", doc.Title, doc.Byline, doc.Published, doc.URL)
			}
			if string(doc.Raw) != tt.it.Content {
				t.Error("raw content not kept")
			}
		})
	}

	if _, err := ItemDocument(Item{GUID: "x", Link: "https://example.com/x"}, nil); err == nil {
		t.Error("item with no content accepted")
	}
}

func TestHTMLParagraphs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"<p>One.</p><p>Two &amp; three.</p>", []string{"One.", "Two & three."}},
		{"<div><div>Nested <em>inline</em> text</div><ul><li>first</li><li>second</li></ul></div>", []string{"Nested inline text", "first", "second"}},
		{"Loose text<br/>after a break<style>p{}</style>", []string{"Loose text", "after a break"}},
		{"<p>Cafe\u0301</p>", []string{"Caf\u00e9"}}, // NFC, as every reader gives
		{"<p> </p><script>x()</script>", nil},
	}
	for _, tt := range tests {
		if got := htmlParagraphs(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("htmlParagraphs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for s, want := range map[string]bool{"<p>x</p>": true, "a </b>": true, "a < b and c > d": false, "AT&T; fine": false, "x<": false} {
		if looksLikeHTML(s) != want {
			t.Errorf("looksLikeHTML(%q) = %v", s, !want)
		}
	}
}
