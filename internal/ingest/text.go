package ingest

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/wordload"
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
	if text == "" {
		return nil
	}
	// Sized for every line: most are paragraphs or the blank lines
	// between them, and growing the slice a dozen times for a long
	// article cost more than the slack.
	out := make([]string, 0, min(strings.Count(text, "\n")+1, 1024))
	for len(text) > 0 {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		if p := collapse(line); p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// collapse trims s and turns each run of white space into one space.
//
// Nearly every line that reaches it is already so, or only wants
// trimming: that is checked first, and then collapse is a slice of s.
func collapse(s string) string {
	if t, ok := collapsed(s); ok {
		return t
	}
	return collapseSpaces(s)
}

// collapsed returns s without the white space around it, and whether
// that is all collapse would do to s: inside, s has only single ' '
// between words.
func collapsed(s string) (string, bool) {
	start, end := 0, len(s)
	for start < end {
		c := s[start]
		if c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			start++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[start:end])
		if !isSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		c := s[end-1]
		if c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			end--
			continue
		}
		r, n := utf8.DecodeLastRuneInString(s[start:end])
		if !isSpace(r) {
			break
		}
		end -= n
	}
	t := s[start:end]
	// One pass without branches on the text for the bytes, which are
	// nearly always ASCII; words and spaces alternate too often for
	// branches to be predicted. Eight bytes are taken at a time, as the
	// bytes of a word: adding to a byte of at most 0x7f cannot carry into
	// the next, so each comparison is an addition that sets bit 7 or not.
	var high, bad, prev uint64 // prev: whether the byte before was a ' ', in bit 7
	i := 0
	for ; i+8 <= len(t); i += 8 {
		w := wordload.Uint64(t, i)
		high |= w
		// Bytes beyond ASCII are taken for their low seven bits, then
		// left out.
		x, ascii := w&loBits, ^w&hiBits
		blank := (((x^' '*ones)+loBits)&hiBits ^ hiBits) & ascii            // bytes == ' '
		other := (x + (0x80-'\t')*ones) &^ (x + (0x80-'\r'-1)*ones) & ascii // '\t' <= bytes <= '\r'
		bad |= other | blank&(blank<<8|prev)
		prev = blank >> 56
	}
	tail, p := byte(0), byte(prev>>7)
	for ; i < len(t); i++ {
		c := t[i]
		tail |= c
		k := spaceClass[c]
		bad |= uint64(k&2 | k&p)
		p = k & 1
	}
	if bad != 0 {
		return "", false
	}
	if (high&hiBits != 0 || tail >= utf8.RuneSelf) && !noSpaceRunes(t) {
		return "", false
	}
	return t, true
}

const (
	loBits = 0x7f7f7f7f7f7f7f7f
	hiBits = 0x8080808080808080
	ones   = 0x0101010101010101
)

// spaceClass is 1 for ' ' and 2 for the other ASCII spaces.
var spaceClass = [256]byte{' ': 1, '\t': 2, '\n': 2, '\v': 2, '\f': 2, '\r': 2}

// noSpaceRunes reports whether s holds no space beyond ASCII.
func noSpaceRunes(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isSpace(r) {
			return false
		}
		i += n
	}
	return true
}

// collapseSpaces is strings.Join(strings.FieldsFunc(s, isSpace), " ")
// built in one buffer.
func collapseSpaces(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	from := -1 // where the word being read started; -1 between words
	for i := 0; i < len(s); {
		c, n, space := s[i], 1, false
		if c < utf8.RuneSelf {
			space = asciiSpace[c]
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			space = isSpace(r)
		}
		switch {
		case space && from >= 0:
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s[from:i])
			from = -1
		case !space && from < 0:
			from = i
		}
		i += n
	}
	if from >= 0 {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[from:])
	}
	return b.String()
}

// asciiSpace is isSpace for ASCII.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

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
