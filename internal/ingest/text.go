package ingest

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"unicode"

	"github.com/stemma-news/stemma/internal/document"
)

// ParseText reads a plain-text article: every non-blank line is a
// paragraph, whether the file separates paragraphs with one newline or a
// blank line. The first line becomes the title when it looks like one
// (see looksLikeTitle). r is read to the end: bound it if it may be large.
func ParseText(r io.Reader) (*document.Document, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if err := checkText(data); err != nil {
		return nil, err
	}
	if err := checkUTF8(data); err != nil {
		return nil, err
	}
	lines := paragraphs(string(bytes.TrimPrefix(data, utf8BOM)))
	if len(lines) == 0 {
		// Only a byte-order mark or invisible spaces.
		return nil, refuse(ErrEmpty, "empty file")
	}
	doc := &document.Document{Format: FormatText}
	if len(lines) > 1 && looksLikeTitle(lines[0]) {
		doc.Title, lines = lines[0], lines[1:]
	}
	doc.Paragraphs = lines
	return doc, nil
}

// paragraphs splits text into its non-blank lines, each with its
// whitespace runs collapsed, so that no paragraph holds a newline.
func paragraphs(text string) []string {
	var out []string
	for line := range strings.Lines(text) {
		if p := collapse(line); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// collapse trims s and turns each run of white space into one space.
func collapse(s string) string {
	if clean := strings.TrimSpace(s); isCollapsed(clean) {
		return clean // the usual line: nothing to rebuild
	}
	return strings.Join(strings.FieldsFunc(s, isSpace), " ")
}

// isCollapsed reports whether s is ASCII with single spaces between words
// and no other white space: already what collapse would make of it.
func isCollapsed(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80, c < ' ', c == ' ' && i+1 < len(s) && s[i+1] == ' ':
			return false
		}
	}
	return true
}

// isSpace also counts no-break and zero-width spaces, which pages use as
// filler and which would otherwise glue or split words unpredictably.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

// looksLikeTitle says whether the first line of a text file is a
// headline: short, not ending like a sentence that goes on, not a byline
// and not a bare dateline. Furniture that passes ("ARTICLE AD BOX") is
// left for the cleaner, which knows what furniture looks like.
func looksLikeTitle(line string) bool {
	if len(line) > 200 || len(strings.Fields(line)) > 20 {
		return false
	}
	switch line[len(line)-1] {
	case '.', ',', ':', ';':
		return false
	}
	if byline.MatchString(line) || dateOnly(line) {
		return false
	}
	return true
}

var byline = regexp.MustCompile(`(?i)^by\s+\S`)

// dateOnly reports a line made only of a date and time ("DECEMBER 16,
// 2008", "Thursday, December 11, 2008 at 1:00pm"): a dateline, not a title.
func dateOnly(line string) bool {
	words := strings.FieldsFunc(strings.ToLower(line), func(r rune) bool {
		return !unicode.IsLetter(r)
	})
	hasDigit := strings.ContainsFunc(line, unicode.IsDigit)
	if !hasDigit {
		return false
	}
	for _, w := range words {
		if !dateWords[w] && !(len(w) >= 3 && monthOrDay(w)) {
			return false
		}
	}
	return true
}

var dateWords = map[string]bool{
	"at": true, "on": true, "am": true, "pm": true, "st": true, "nd": true, "rd": true, "th": true,
	"of": true, "updated": true, "published": true, "posted": true, "est": true, "edt": true,
	"gmt": true, "utc": true, "cst": true, "cdt": true, "pst": true, "pdt": true, "et": true,
}

// monthOrDay accepts month and weekday names and their usual prefixes
// ("Dec", "Thurs").
func monthOrDay(w string) bool {
	for _, name := range []string{
		"january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	} {
		if strings.HasPrefix(name, w) {
			return true
		}
	}
	return false
}
