package document

import (
	"math/bits"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/stemma-news/stemma/internal/wordload"
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
// ASCII, read here eight bytes at a time: which of them are spaces is
// worked out for all eight at once, and the words that start among them
// are counted from that in one instruction. A rune is decoded only where
// a byte says one starts, as a space beyond ASCII (U+00A0, U+2003...)
// may.
func countWords(s string) int {
	n := 0
	prev := uint64(1) // 1 after a space
	i := 0
	for i+8 <= len(s) {
		w := wordload.Uint64(s, i)
		if w&highBits != 0 {
			space, size := spaceAt(s, i)
			n += int(prev &^ space)
			prev = space
			i += size
			continue
		}
		space := asciiSpaces(w)
		// A word starts at each byte that is no space and follows one
		// that is; the byte before the first is the last one read.
		n += bits.OnesCount64(^space & (space<<8 | prev<<7) & highBits)
		prev = space >> 63
		i += 8
	}
	for i < len(s) {
		space, size := spaceAt(s, i)
		n += int(prev &^ space)
		prev = space
		i += size
	}
	return n
}

const (
	lowBits  = 0x0101010101010101
	highBits = 0x8080808080808080
)

// asciiSpaces returns the top bit of each byte of w that is a space,
// \t \n \v \f \r (9 to 13) or ' ' (32), every byte of w being ASCII. Setting
// a byte's top bit before subtracting keeps the subtraction from
// borrowing from the next byte.
func asciiSpaces(w uint64) uint64 {
	from9 := (w | highBits) - 9*lowBits   // top bit set where the byte is 9 or more
	from14 := (w | highBits) - 14*lowBits // and where it is 14 or more
	notBlank := (w ^ ' '*lowBits | highBits) - lowBits
	return (from9&^from14 | ^notBlank) & highBits
}

// spaceAt returns 1 if the byte or rune at s[i] is a space, 0 if not, and
// its length.
func spaceAt(s string, i int) (uint64, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return uint64(asciiSpace[c]), 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if unicode.IsSpace(r) {
		return 1, size
	}
	return 0, size
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
