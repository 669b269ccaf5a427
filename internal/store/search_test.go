package store

import (
	"strings"
	"testing"
	"time"

	"github.com/stemma-news/stemma/internal/document"
)

func TestSearch(t *testing.T) {
	ctx := t.Context()
	s := openTest(t)
	put(t, s,
		&document.Document{ID: "talks", Title: "Zelenskyy meets leaders in Kyiv", Site: "a.example",
			Paragraphs: []string{"The President met European leaders on Tuesday.", "Talks went on late."}},
		&document.Document{ID: "weather", Title: "Weather", Site: "b.example",
			Paragraphs: []string{"Snow fell across the region, and a long list of cities from Lviv to Kyiv closed schools for the day."}},
		&document.Document{ID: "accent", Title: "Kýiv reopens the metro", Site: "c.example",
			Paragraphs: []string{"Trains ran again."}},
		&document.Document{ID: "other", Title: "Markets", Site: "d.example",
			Paragraphs: []string{"Shares rose (sharply) after the \"AND OR\" vote."}},
	)
	if err := s.SaveView(ctx, []Story{{ID: 1, Documents: []int64{1, 3}}}, time.Now()); err != nil {
		t.Fatal(err)
	}

	hits, err := s.Search(ctx, "kyiv", 10)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.ID)
	}
	if len(hits) != 3 || hits[2].ID != "weather" {
		t.Fatalf("Search(kyiv) = %v, want the two title matches, then weather", ids)
	}
	for i := 1; i < len(hits); i++ {
		if hits[i].Rank > hits[i-1].Rank {
			t.Errorf("hit %d ranks %g above hit %d's %g", i, hits[i].Rank, i-1, hits[i-1].Rank)
		}
	}
	byID := map[string]Hit{}
	for _, h := range hits {
		byID[h.ID] = h
	}
	if h := byID["talks"]; h.Seq != 1 || h.Story != 1 || h.Site != "a.example" || h.Title != "Zelenskyy meets leaders in Kyiv" {
		t.Errorf("hit talks: %+v", h)
	}
	if h := byID["weather"]; h.Story != 0 || !strings.Contains(h.Snippet, SnippetStart+"Kyiv"+SnippetEnd) {
		t.Errorf("hit weather: snippet %q, story %d", h.Snippet, h.Story)
	}
	if h := byID["accent"]; !strings.Contains(h.Snippet, SnippetStart+"Kýiv"+SnippetEnd) {
		t.Errorf("hit accent: snippet %q, want the word as written, marked", h.Snippet)
	}

	if hits, err := s.Search(ctx, "kyiv schools", 10); err != nil || len(hits) != 1 || hits[0].ID != "weather" {
		t.Errorf("Search(kyiv schools) = %v, %v; want weather alone", hits, err)
	}
	if hits, err := s.Search(ctx, "kyiv", 1); err != nil || len(hits) != 1 {
		t.Errorf("Search with limit 1 = %d hits, %v", len(hits), err)
	}

	for _, q := range []string{
		`"`, `""`, `AND OR (`, `*`, `kyiv*`, `NEAR(kyiv talks)`, `title:kyiv`, `-kyiv`, `^kyiv`, `kyiv"`, `'; DROP TABLE documents; --`,
		"\x00", `(sharply)`, `{title body}: x`, `"AND OR"`, "", "   ", `+`, `kyiv AND`, `NOT`,
	} {
		if _, err := s.Search(ctx, q, 5); err != nil {
			t.Errorf("Search(%q): %v", q, err)
		}
	}
	if hits, err := s.Search(ctx, `(sharply)`, 5); err != nil || len(hits) != 1 || hits[0].ID != "other" {
		t.Errorf("Search((sharply)) = %v, %v; want other", hits, err)
	}
	if hits, err := s.Search(ctx, `"AND OR"`, 5); err != nil || len(hits) != 1 || hits[0].ID != "other" {
		t.Errorf(`Search("AND OR") = %v, %v; want other, the words searched for as written`, hits, err)
	}
}

func TestMatchQuery(t *testing.T) {
	for in, want := range map[string]string{
		"":                  "",
		`kyiv talks`:        `"kyiv" "talks"`,
		`say "hi"`:          `"say" """hi"""`,
		`AND OR ( * - ^ :`:  `"AND" "OR"`,
		"Zelenskyy\tKyiv\n": `"Zelenskyy" "Kyiv"`,
	} {
		if got := matchQuery(in); got != want {
			t.Errorf("matchQuery(%q) = %s, want %s", in, got, want)
		}
	}
}
