package report

import (
	"encoding/json"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/stemma-news/stemma/internal/analysis"
	"github.com/stemma-news/stemma/internal/change"
	"github.com/stemma-news/stemma/internal/relate"
	"github.com/stemma-news/stemma/internal/wordload"
)

// The appenders below write the elements of the JSON report byte for
// byte as json.MarshalIndent(v, "  ", " ") writes jsonDocument,
// jsonRelation and jsonStory: the same fields in the same order, left out
// under the same omitempty rules, strings escaped and numbers formatted as
// encoding/json does. TestAppendersMatchMarshalIndent and
// FuzzAppenders hold them to it.

// indents are the line breaks of an element at each depth: the element's
// own fields at depth 1, under the two spaces of its place in the array.
const indents = "\n      "

func indent(depth int) string { return indents[:3+depth] }

// pairChanges is a relation to write: a pair with the changes of one of
// its documents against the other, against, as changesIn returned them.
type pairChanges struct {
	p       *relate.Pair
	l       *change.List
	against string
}

// appendDocument appends d as json.MarshalIndent writes documentJSON(d).
func appendDocument(b []byte, d *analysis.Summary) ([]byte, error) {
	b = append(b, "{\n   \"id\": "...)
	b = appendJSONString(b, d.ID)
	b = append(b, ",\n   \"title\": "...)
	b = appendJSONString(b, d.Title)
	b = append(b, ",\n   \"site\": "...)
	b = appendJSONString(b, d.Site)
	b = append(b, ",\n   \"published\": "...)
	if d.Published.IsZero() {
		b = append(b, "null"...)
	} else {
		// RFC 3339 is digits, signs, colons, T and Z: nothing to escape.
		b = append(b, '"')
		b = d.Published.AppendFormat(b, time.RFC3339)
		b = append(b, '"')
	}
	b = append(b, ",\n   \"words\": "...)
	b = strconv.AppendInt(b, int64(d.Words), 10)
	b = appendOptString(b, "url", d.URL)
	b = appendOptString(b, "byline", d.Byline)
	b = appendOptString(b, "path", d.Origin)
	if len(d.Credits) > 0 {
		b = append(b, ",\n   \"credits\": ["...)
		for i, c := range d.Credits {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, "\n    {\n     \"kind\": "...)
			b = appendJSONString(b, c.Kind)
			b = append(b, ",\n     \"text\": "...)
			b = appendJSONString(b, c.Text)
			if c.Name != "" {
				b = append(b, ",\n     \"name\": "...)
				b = appendJSONString(b, c.Name)
			}
			b = append(b, "\n    }"...)
		}
		b = append(b, "\n   ]"...)
	}
	if len(d.Removed) > 0 {
		b = append(b, ",\n   \"removed\": ["...)
		for i, r := range d.Removed {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, "\n    {\n     \"text\": "...)
			b = appendJSONString(b, r.Text)
			b = append(b, ",\n     \"reason\": "...)
			b = appendJSONString(b, r.Reason)
			b = append(b, ",\n     \"paragraph\": "...)
			b = strconv.AppendInt(b, int64(r.Paragraph), 10)
			b = append(b, "\n    }"...)
		}
		b = append(b, "\n   ]"...)
	}
	return append(b, "\n  }"...), nil
}

// appendRelation appends r as json.MarshalIndent writes its relationJSON.
func appendRelation(b []byte, r pairChanges) ([]byte, error) {
	p, l := r.p, r.l
	var coverage [2]float64
	derived := p.Alignment != nil && p.Relation.Derived()
	if derived {
		coverage = [2]float64{round3(p.Alignment.CoverageA), round3(p.Alignment.CoverageB)}
	}
	if !finite(p.Score) || !finite(p.Direction) || !finite(coverage[0]) || !finite(coverage[1]) {
		// JSON has no infinities and no NaN: encoding/json fails on
		// them, and its error is the one to return.
		js, err := json.MarshalIndent(relationJSON(p, l, r.against), "  ", " ")
		return append(b, js...), err
	}
	b = append(b, "{\n   \"a\": "...)
	b = appendJSONString(b, p.A.ID)
	b = append(b, ",\n   \"b\": "...)
	b = appendJSONString(b, p.B.ID)
	b = append(b, ",\n   \"relation\": "...)
	b = appendJSONString(b, string(p.Relation))
	b = append(b, ",\n   \"score\": "...)
	b = appendJSONFloat(b, p.Score)
	b = append(b, ",\n   \"source\": "...)
	if p.Source == "" {
		b = append(b, "null"...)
	} else {
		b = appendJSONString(b, p.Source)
	}
	if p.Sibling {
		b = append(b, ",\n   \"siblings\": true"...)
	}
	if p.Direction != 0 {
		b = append(b, ",\n   \"direction\": "...)
		b = appendJSONFloat(b, p.Direction)
	}
	if derived {
		b = append(b, ",\n   \"coverage\": [\n    "...)
		b = appendJSONFloat(b, coverage[0])
		b = append(b, ",\n    "...)
		b = appendJSONFloat(b, coverage[1])
		b = append(b, "\n   ]"...)
	}
	if len(p.Evidence) > 0 {
		b = append(b, ",\n   \"evidence\": "...)
		b = appendJSONStrings(b, p.Evidence, 1)
	}
	if l == nil {
		return append(b, "\n  }"...), nil
	}
	b = appendOptString(b, "changes_against", r.against)
	if len(l.Changes) > 0 {
		b = append(b, ",\n   \"changes\": ["...)
		for i := range l.Changes {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendChange(b, &l.Changes[i])
		}
		b = append(b, "\n   ]"...)
	}
	if len(l.QuotesKept) > 0 {
		b = append(b, ",\n   \"quotes_kept\": "...)
		b = appendJSONStrings(b, l.QuotesKept, 1)
	}
	return append(b, "\n  }"...), nil
}

// appendChange appends c as an element of a relation's changes, as
// json.MarshalIndent writes its jsonChange.
func appendChange(b []byte, c *change.Change) []byte {
	b = append(b, "\n    {\n     \"kind\": "...)
	b = appendJSONString(b, string(c.Kind))
	if c.Old != "" {
		b = append(b, ",\n     \"old\": "...)
		b = appendJSONString(b, c.Old)
	}
	if c.New != "" {
		b = append(b, ",\n     \"new\": "...)
		b = appendJSONString(b, c.New)
	}
	if c.Who != "" {
		b = append(b, ",\n     \"who\": "...)
		b = appendJSONString(b, c.Who)
	}
	b = append(b, ",\n     \"source_sentence\": "...)
	b = strconv.AppendInt(b, int64(c.Source), 10)
	b = append(b, ",\n     \"copy_sentence\": "...)
	b = strconv.AppendInt(b, int64(c.Copy), 10)
	if c.SourceText != "" {
		b = append(b, ",\n     \"source_text\": "...)
		b = appendJSONString(b, c.SourceText)
	}
	if c.CopyText != "" {
		b = append(b, ",\n     \"copy_text\": "...)
		b = appendJSONString(b, c.CopyText)
	}
	b = append(b, ",\n     \"summary\": "...)
	b = appendJSONString(b, c.String())
	return append(b, "\n    }"...)
}

// appendStory appends s as json.MarshalIndent writes storyJSON(s).
func appendStory(b []byte, s *analysis.Story) ([]byte, error) {
	b = append(b, "{\n   \"id\": "...)
	b = appendJSONString(b, s.ID)
	b = append(b, ",\n   \"documents\": "...)
	if s.Documents == nil {
		b = append(b, "null"...)
	} else {
		b = appendJSONStrings(b, s.Documents, 1)
	}
	b = append(b, ",\n   \"origin\": "...)
	if s.Origin == "" {
		b = append(b, "null"...)
	} else {
		b = appendJSONString(b, s.Origin)
	}
	b = append(b, ",\n   \"lineage\": ["...)
	n := 0
	for _, id := range s.Documents {
		src, ok := s.Lineage.Parent[id]
		if !ok {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = append(b, "\n    {\n     \"source\": "...)
		b = appendJSONString(b, src)
		b = append(b, ",\n     \"copy\": "...)
		b = appendJSONString(b, id)
		b = append(b, "\n    }"...)
	}
	if n > 0 {
		b = append(b, "\n   "...)
	}
	b = append(b, "],\n   \"siblings\": "...)
	if len(s.Lineage.Siblings) == 0 {
		b = append(b, "[]"...)
	} else {
		b = append(b, '[')
		for i, pair := range s.Lineage.Siblings {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, "\n    "...)
			b = appendJSONStrings(b, pair[:], 2)
		}
		b = append(b, "\n   ]"...)
	}
	if s.Partial {
		b = append(b, ",\n   \"partial_relations\": true"...)
	}
	return append(b, "\n  }"...), nil
}

// appendOptString appends the field key of an element, holding s, unless
// s is "" (a string field tagged omitempty).
func appendOptString(b []byte, key, s string) []byte {
	if s == "" {
		return b
	}
	b = append(b, ",\n   \""...)
	b = append(b, key...)
	b = append(b, "\": "...)
	return appendJSONString(b, s)
}

// appendJSONStrings appends ss, a []string at depth of an element (1 for
// the element's own fields), as MarshalIndent writes a non-nil slice: "[]"
// when empty.
func appendJSONStrings(b []byte, ss []string, depth int) []byte {
	if len(ss) == 0 {
		return append(b, "[]"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, indent(depth+1)...)
		b = appendJSONString(b, s)
	}
	b = append(b, indent(depth)...)
	return append(b, ']')
}

// jsonSafe marks the ASCII bytes encoding/json writes as they are: the
// printable ones and DEL but the quote, the backslash, and <, > and &, which it
// escapes for the sake of HTML.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = true
	}
	for _, c := range `"\<>&` {
		t[c] = false
	}
	return t
}()

const hexDigits = "0123456789abcdef"

// appendJSONString appends s quoted as encoding/json quotes a string:
// HTML-safe, invalid UTF-8 replaced by \ufffd, and U+2028 and U+2029
// escaped.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Most of the text needs no escaping: skip it a word at a time.
		for i+8 <= len(s) && plainASCII(wordload.Uint64(s, i)) {
			i += 8
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// plainASCII reports whether the eight bytes of w are all ASCII that
// jsonSafe marks safe. Its tests for a byte below 0x20 and for a zero
// byte (x-lsb &^ x) borrow across bytes: they never miss the lowest such
// byte, and may only flag bytes above one that is there, so a word they
// pass holds none.
func plainASCII(w uint64) bool {
	// Bytes equal to '<' or '>' (0x3c, 0x3e), '"' or '&' (0x22, 0x26), and
	// '\\' become zero.
	lt := (w | 0x02*lsb) ^ 0x3e*lsb
	qu := (w | 0x04*lsb) ^ 0x26*lsb
	bs := w ^ 0x5c*lsb
	t := w | (w - 0x20*lsb) | (lt-lsb)&^lt | (qu-lsb)&^qu | (bs-lsb)&^bs
	return t&msb == 0
}

func finite(f float64) bool { return !math.IsInf(f, 0) && !math.IsNaN(f) }

// appendJSONFloat appends a finite f as encoding/json writes a float64:
// the shortest decimal that reads back as f, with an exponent only below
// 1e-6 or from 1e21, and that without a leading zero.
func appendJSONFloat(b []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-07 is written e-7.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}
