package clean

import (
	"os"
	"strings"

	"github.com/stemma-news/stemma/internal/document"
)

// readSeed is a tiny stand-in for the text reader: every non-blank line is
// a paragraph, and the first becomes the title when it is short and does
// not end like a sentence.
func readSeed(path string) (*document.Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var lines []string
	for l := range strings.Lines(string(data)) {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	doc := &document.Document{}
	if len(lines) > 1 && len(strings.Fields(lines[0])) <= 20 && !strings.HasSuffix(lines[0], ".") {
		doc.Title, lines = lines[0], lines[1:]
	}
	doc.Paragraphs = lines
	return doc, nil
}

// sharedDir is where the project's shared data sits seen from this package.
const sharedDir = "../../../shared"
