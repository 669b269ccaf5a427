package server

import (
	"strings"

	"github.com/stemma-news/stemma/internal/store"
)

// snippetPart is a run of a search snippet: matched words or the text
// between them.
type snippetPart struct {
	Text  string `json:"text"`
	Match bool   `json:"match,omitempty"`
}

// snippetParts cuts a snippet where the store's markers say its matches
// begin and end. The page renders the parts through html/template, the
// matches in <mark>: the text is escaped as any other, and no marker,
// however placed, can produce unbalanced markup.
func snippetParts(s string) []snippetPart {
	var parts []snippetPart
	match := false
	for s != "" {
		i := strings.IndexAny(s, store.SnippetStart+store.SnippetEnd)
		if i < 0 {
			i = len(s)
		}
		if i > 0 {
			parts = append(parts, snippetPart{Text: s[:i], Match: match})
		}
		if i == len(s) {
			break
		}
		match = s[i:i+1] == store.SnippetStart
		s = s[i+1:]
	}
	return parts
}

// plainSnippet is the snippet's text without its markers.
func plainSnippet(parts []snippetPart) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.Text)
	}
	return b.String()
}
