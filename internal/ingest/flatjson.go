package ingest

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeFlat fills rec from line when line is a JSON object whose values
// are strings, numbers, booleans and nulls, its keys plain ASCII: what
// exporters write, and nearly every record. It reports false, leaving
// rec as it found it, for anything else (nested values, escaped or
// odd-cased keys, lone surrogates, malformed JSON), which encoding/json
// then decodes, and words the errors of. What it decodes it decodes as
// encoding/json would into a record: the last of repeated keys wins, null
// leaves a string field alone and empties a flexString, a number is a
// flexString's literal text.
//
// The strings of a record are built in one buffer: one allocation a
// record instead of one a field and the decoder's own. The text and the
// paragraphs cut from it share it, and let it go together; the short
// fields are copied out, as they outlive the text: an ID is kept by
// every pair the document is in until the end of the run, and a million
// such IDs must not hold on to a million texts.
func decodeFlat(line []byte, rec *record) bool {
	d := flatDecoder{s: line}
	d.out.Grow(len(line)) // unescaping only shortens
	var spans [numFields]span
	d.space()
	if !d.byte('{') {
		return false
	}
	d.space()
	if !d.byte('}') {
		for {
			d.space()
			f, ok := d.key()
			if !ok {
				return false
			}
			d.space()
			if !d.byte(':') {
				return false
			}
			d.space()
			if !d.value(f, &spans) {
				return false
			}
			d.space()
			if d.byte(',') {
				continue
			}
			if !d.byte('}') {
				return false
			}
			break
		}
	}
	d.space()
	if d.i != len(d.s) {
		return false
	}
	all := d.out.String()
	html := spans[fieldHTML].to > spans[fieldHTML].from
	str := func(f recField) string {
		s := all[spans[f].from:spans[f].to]
		switch f {
		case fieldText, fieldContent, fieldBody:
			if !html {
				return s
			}
			// A page is read into paragraphs of their own and dropped;
			// nothing kept from the record may hold on to it.
		case fieldHTML:
			return s
		}
		return strings.Clone(s)
	}
	for f := range numFields {
		if !spans[f].set {
			continue
		}
		switch f {
		case fieldID:
			rec.ID = flexString(str(f))
		case fieldURL:
			rec.URL = str(f)
		case fieldTitle:
			rec.Title = str(f)
		case fieldText:
			rec.Text = str(f)
		case fieldContent:
			rec.Content = str(f)
		case fieldBody:
			rec.Body = str(f)
		case fieldHTML:
			rec.HTML = str(f)
		case fieldPublished:
			rec.Published = flexString(str(f))
		case fieldDate:
			rec.Date = flexString(str(f))
		case fieldSite:
			rec.Site = str(f)
		case fieldByline:
			rec.Byline = flexString(str(f))
		case fieldAuthor:
			rec.Author = flexString(str(f))
		}
	}
	return true
}

// recField is a field of record, by its JSON name; recOther is a key
// record has no field for.
type recField int8

const (
	fieldID recField = iota
	fieldURL
	fieldTitle
	fieldText
	fieldContent
	fieldBody
	fieldHTML
	fieldPublished
	fieldDate
	fieldSite
	fieldByline
	fieldAuthor
	numFields
	recOther recField = -1
)

// flex reports whether f is a flexString, which takes numbers and null.
func (f recField) flex() bool {
	switch f {
	case fieldID, fieldPublished, fieldDate, fieldByline, fieldAuthor:
		return true
	}
	return false
}

var fieldNames = [numFields]string{"id", "url", "title", "text", "content", "body", "html", "published", "date", "site", "byline", "author"}

// span is where a field's value is in the decoder's buffer.
type span struct {
	set      bool
	from, to int
}

type flatDecoder struct {
	s   []byte
	i   int
	out strings.Builder
}

func (d *flatDecoder) space() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// byte consumes c if it is next.
func (d *flatDecoder) byte(c byte) bool {
	if d.i < len(d.s) && d.s[d.i] == c {
		d.i++
		return true
	}
	return false
}

// key reads an object key and says which field it names. encoding/json
// matches keys to fields regardless of case, Unicode's included, so a
// key that is a field's name but for case, or that is escaped or not
// ASCII, is left to it.
func (d *flatDecoder) key() (recField, bool) {
	if !d.byte('"') {
		return 0, false
	}
	from := d.i
	for ; d.i < len(d.s); d.i++ {
		c := d.s[d.i]
		switch {
		case c == '"':
			k := d.s[from:d.i]
			d.i++
			for f, name := range fieldNames {
				if string(k) == name {
					return recField(f), true
				}
				if len(k) == len(name) && asciiEqualFold(k, name) {
					return 0, false
				}
			}
			return recOther, true
		case c == '\\' || c < ' ' || c >= utf8.RuneSelf:
			return 0, false
		}
	}
	return 0, false
}

func asciiEqualFold(b []byte, s string) bool {
	for i := range len(b) {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}

// value reads the value of field f into spans.
func (d *flatDecoder) value(f recField, spans *[numFields]span) bool {
	if d.i >= len(d.s) {
		return false
	}
	switch c := d.s[d.i]; {
	case c == '"':
		from := d.out.Len()
		if !d.str(f != recOther) {
			return false
		}
		if f != recOther {
			spans[f] = span{true, from, d.out.Len()}
		}
		return true
	case c == 'n':
		if !d.literal("null") {
			return false
		}
		// null leaves a string alone; a flexString takes it for "".
		if f != recOther && f.flex() {
			spans[f] = span{set: true}
		}
		return true
	case c == 't' || c == 'f':
		// Only an unknown key may hold a boolean: for a recField it is an
		// error, left to encoding/json to word.
		return f == recOther && (d.literal("true") || d.literal("false"))
	case c == '-' || '0' <= c && c <= '9':
		from := d.i
		if !d.number() || f != recOther && !f.flex() {
			return false
		}
		if f != recOther {
			at := d.out.Len()
			d.out.Write(d.s[from:d.i])
			spans[f] = span{true, at, d.out.Len()}
		}
		return true
	}
	return false
}

func (d *flatDecoder) literal(lit string) bool {
	if len(d.s)-d.i >= len(lit) && string(d.s[d.i:d.i+len(lit)]) == lit {
		d.i += len(lit)
		return true
	}
	return false
}

// number reads a number as JSON spells it.
func (d *flatDecoder) number() bool {
	d.byte('-')
	switch {
	case d.byte('0'):
	case d.digits() == 0:
		return false
	}
	if d.byte('.') && d.digits() == 0 {
		return false
	}
	if d.byte('e') || d.byte('E') {
		if !d.byte('+') {
			d.byte('-')
		}
		if d.digits() == 0 {
			return false
		}
	}
	return true
}

func (d *flatDecoder) digits() int {
	from := d.i
	for d.i < len(d.s) && '0' <= d.s[d.i] && d.s[d.i] <= '9' {
		d.i++
	}
	return d.i - from
}

// str reads a string, unescaped into out when keep is set. The line is
// valid UTF-8 (parseRecord has checked), so bytes beyond ASCII are copied
// as they are.
func (d *flatDecoder) str(keep bool) bool {
	d.i++ // the opening quote
	from := d.i
	for d.i < len(d.s) {
		c := d.s[d.i]
		if c >= ' ' && c != '"' && c != '\\' {
			d.i = plainRun(d.s, d.i+1)
			continue
		}
		if keep {
			d.out.Write(d.s[from:d.i])
		}
		switch {
		case c == '"':
			d.i++
			return true
		case c < ' ':
			return false
		}
		// A backslash.
		if d.i+1 >= len(d.s) {
			return false
		}
		e := d.s[d.i+1]
		d.i += 2
		switch e {
		case '"', '\\', '/':
		case 'b':
			e = '\b'
		case 'f':
			e = '\f'
		case 'n':
			e = '\n'
		case 'r':
			e = '\r'
		case 't':
			e = '\t'
		case 'u':
			r, ok := d.hex4()
			// encoding/json pairs surrogates and puts U+FFFD for a lone
			// one; that is rare enough to leave to it.
			if !ok || utf16.IsSurrogate(r) {
				return false
			}
			if keep {
				d.out.WriteRune(r)
			}
			from = d.i
			continue
		default:
			return false
		}
		if keep {
			d.out.WriteByte(e)
		}
		from = d.i
	}
	return false
}

func (d *flatDecoder) hex4() (rune, bool) {
	if len(d.s)-d.i < 4 {
		return 0, false
	}
	var r rune
	for _, c := range d.s[d.i : d.i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	d.i += 4
	return r, true
}

// plainRun returns the index of the first byte from i on that ends a run
// of string content JSON takes as it is: a quote, a backslash or a
// control character; len(s) when there is none. It looks at eight bytes
// at a time, since article text runs hundreds of bytes between escapes.
func plainRun(s []byte, i int) int {
	for ; i+8 <= len(s); i += 8 {
		w := binary.LittleEndian.Uint64(s[i:])
		// Bit 7 of each byte that is a quote, a backslash or below ' '.
		// The tests can also flag a byte above one they rightly flag,
		// never below, so the lowest flag is the first such byte.
		m := zeroBytes(w^'"'*ones) | zeroBytes(w^'\\'*ones) | (w-' '*ones)&^w&hiBits
		if m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < ' ' || c == '"' || c == '\\' {
			return i
		}
	}
	return i
}

// zeroBytes flags, in bit 7, the bytes of w that are zero (and maybe
// bytes above one).
func zeroBytes(w uint64) uint64 {
	return (w - ones) &^ w & hiBits
}
