package ingest

import (
	"strings"
	"testing"
)

func TestParseText(t *testing.T) {
	tests := []struct {
		name, in, title string
		paras           []string
	}{
		{"title and blank-line paragraphs", "Storm closes harbour\n\nFirst.\n\nSecond.\n", "Storm closes harbour", []string{"First.", "Second."}},
		{"single-newline paragraphs", "Storm closes harbour\nFirst.\nSecond.", "Storm closes harbour", []string{"First.", "Second."}},
		{"question title", "Is the harbour safe?\nOfficials say yes.", "Is the harbour safe?", []string{"Officials say yes."}},
		{"furniture title is left for the cleaner", "ARTICLE AD BOX\nLONDON -- Officials met.", "ARTICLE AD BOX", []string{"LONDON -- Officials met."}},
		{"leading blank line then byline", "\nBy Ministry of Defense of Ukraine\nOn Wednesday, diplomats met.", "", []string{"By Ministry of Defense of Ukraine", "On Wednesday, diplomats met."}},
		{"sentence first line", "The harbour closed on Monday.\nFerries resume Tuesday.", "", []string{"The harbour closed on Monday.", "Ferries resume Tuesday."}},
		{"first line ends with colon", "8: 24am:\nAccording to the Herald, the offer stands.", "", []string{"8: 24am:", "According to the Herald, the offer stands."}},
		{"dateline is not a title", "DECEMBER 16, 2008\nHerald: Sox Make Offer\nText.", "", []string{"DECEMBER 16, 2008", "Herald: Sox Make Offer", "Text."}},
		{"weekday dateline is not a title", "Thursday, December 11, 2008\nPrediction: Red Sox Will Nab Teixeira\nText.", "", []string{"Thursday, December 11, 2008", "Prediction: Red Sox Will Nab Teixeira", "Text."}},
		{"long first line is text", strings.Repeat("word ", 25) + "\nmore", "", []string{strings.TrimSpace(strings.Repeat("word ", 25)), "more"}},
		{"title alone is text, not a title", "Storm closes harbour\n", "", []string{"Storm closes harbour"}},
		{"whitespace collapsed", "Title  here\n  spaced \t out\u00a0text  \n", "Title here", []string{"spaced out text"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseText(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Title != tt.title || strings.Join(doc.Paragraphs, "|") != strings.Join(tt.paras, "|") {
				t.Errorf("got title %q paragraphs %q; want %q %q", doc.Title, doc.Paragraphs, tt.title, tt.paras)
			}
			if doc.Format != "text" {
				t.Errorf("format %q", doc.Format)
			}
		})
	}
}
