package document

import (
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Document is one article. Readers fill the metadata and Paragraphs with
// the text as found; the cleaner then moves page furniture out of
// Paragraphs into Removed and keeps bylines and credits in Credits, so the
// text that reaches analysis is the article alone and nothing is lost.
type Document struct {
	// ID names the document in every output. A document read from a file
	// has as ID its file name without the extension (see IDFromPath).
	ID string
	// Origin says where the document was read from: a path, "path:line"
	// for a JSONL record, or "-" for standard input.
	Origin string
	// Format is the reader that produced it: "text", "html", "jsonl" or
	// "warc".
	Format string

	Title     string
	Byline    string
	Published time.Time // zero when unknown
	Site      string
	URL       string

	// Paragraphs is the article text, one paragraph an element.
	Paragraphs []string
	// Credits keeps bylines, agency credits, image sources and contributor
	// lines: evidence about where the text came from, never article text.
	Credits []Credit
	// Removed records every piece of text the cleaner took out, and why.
	Removed []Removal

	// Raw is the input exactly as received (after decompression), kept so
	// that nothing read is lost. Readers may leave it nil when asked to.
	Raw []byte
}

// Credit is a line that names who wrote, supplied or illustrated a text.
type Credit struct {
	Kind string `json:"kind"`           // "byline", "contributor", "image-source", "agency", "link"
	Text string `json:"text"`           // the line as it stood
	Name string `json:"name,omitempty"` // the name or site it credits, when one could be read off
}

// Removal is one piece of text taken out of a document by the cleaner.
type Removal struct {
	Text      string `json:"text"`
	Reason    string `json:"reason"`    // a short, stable reason such as "ad-slot" or "repeated-paragraph"
	Paragraph int    `json:"paragraph"` // index of the paragraph in the text as read, -1 for the title
}

// Text returns the article text, paragraphs separated by blank lines.
func (d *Document) Text() string { return strings.Join(d.Paragraphs, "\n\n") }

// Words counts the whitespace-separated words of the text.
func (d *Document) Words() int {
	// Counted without splitting: every document of a stream is counted.
	n := 0
	for _, p := range d.Paragraphs {
		n += countWords(p)
	}
	return n
}

// asciiSpace is 1 for the bytes below utf8.RuneSelf that unicode.IsSpace
// calls space, 0 for the others.
var asciiSpace = [utf8.RuneSelf]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}

// countWords counts the runs of non-space in s: the places where a byte
// or rune that is no space follows one that is, or starts s. Most text is
// ASCII, read here a byte at a time without a branch on what it is; a
// rune is decoded only where a byte says one starts, as a space beyond
// ASCII (U+00A0, U+2003...) may.
func countWords(s string) int {
	n := 0
	prev := uint8(1) // 1 after a space
	for i := 0; i < len(s); {
		var space uint8
		if c := s[i]; c < utf8.RuneSelf {
			space = asciiSpace[c]
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				space = 1
			}
			i += size
		}
		n += int(prev &^ space)
		prev = space
	}
	return n
}

// IDFromPath returns the id of a document read from path: its base name
// without extensions, so "a/001_x.txt" and "a/001_x.html.gz" both give
// "001_x".
func IDFromPath(path string) string {
	base := filepath.Base(path)
	if strings.HasSuffix(strings.ToLower(base), ".gz") {
		base = base[:len(base)-3]
	}
	return strings.TrimSuffix(base, filepath.Ext(base))
}
