package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/stemma-news/stemma/internal/document"
)

// record is one JSONL article. Fields other sources name differently
// (author for byline, content or body for text) are accepted too.
type record struct {
	ID        flexString `json:"id"`
	URL       string     `json:"url"`
	Title     string     `json:"title"`
	Text      string     `json:"text"`
	Content   string     `json:"content"`
	Body      string     `json:"body"`
	HTML      string     `json:"html"`
	Published flexString `json:"published"`
	Date      flexString `json:"date"`
	Site      string     `json:"site"`
	Byline    flexString `json:"byline"`
	Author    flexString `json:"author"`
}

// ParseJSONL reads one article a line from r. name is the input's name,
// used in Origin ("name:LINE"), in errors and, with "#LINE", as the id of
// records that have none. A line that cannot be read yields an *Error and
// the next line is read; blank lines are skipped. A line longer than
// opt.MaxBytes is refused without being held in memory.
func ParseJSONL(ctx context.Context, r io.Reader, name string, opt Options) iter.Seq2[*document.Document, error] {
	return func(yield func(*document.Document, error) bool) {
		br := bufio.NewReader(r)
		// Lines are read into one buffer, reused: nothing decoded from a
		// line keeps a reference to it.
		var buf []byte
		id := document.IDFromPath(name)
		if name == "-" {
			id = "stdin"
		}
		for n := 1; ; n++ {
			if err := ctx.Err(); err != nil {
				yield(nil, err)
				return
			}
			line, err := readLine(br, opt.maxBytes(), buf[:0])
			buf = line[:0]
			if len(bytes.TrimSpace(line)) > 0 || err != nil && !errors.Is(err, io.EOF) {
				where := name + ":" + strconv.Itoa(n)
				doc, perr := parseRecord(line, err)
				if perr != nil {
					if !yield(nil, fail(where, perr)) {
						return
					}
				} else {
					doc.Origin = where
					if opt.KeepRaw {
						doc.Raw = bytes.Clone(line)
					}
					if doc.ID == "" {
						doc.ID = id + "#" + strconv.Itoa(n)
					}
					if !yield(doc, nil) {
						return
					}
				}
			}
			if err != nil {
				if errors.Is(err, io.EOF) {
					return
				}
				if !errors.Is(err, ErrTooLarge) {
					return // a read error ends the input: nothing after it is trustworthy
				}
			}
		}
	}
}

// readLine returns the next line without its line ending, read into
// buf, and the error that ended it (io.EOF after the last). An over-long
// line is skipped to its end and reported with ErrTooLarge.
func readLine(br *bufio.Reader, limit int64, buf []byte) ([]byte, error) {
	line := buf
	tooLong := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if int64(len(line)+len(chunk)) > limit+1 { // +1: the newline is not content
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if tooLong && (err == nil || errors.Is(err, io.EOF)) {
			return nil, refuse(ErrTooLarge, "line longer than the %s limit (--max-bytes)", humanBytes(limit))
		}
		return bytes.TrimRight(line, "\r\n"), err
	}
}

// parseRecord decodes one line; readErr is the error that came with it
// (io.EOF on a last line without newline, which is fine).
func parseRecord(line []byte, readErr error) (*document.Document, error) {
	if readErr != nil && !errors.Is(readErr, io.EOF) {
		return nil, readErr
	}
	if err := checkUTF8(line); err != nil {
		return nil, err
	}
	var rec record
	if decodeFlat(line, &rec) {
		return rec.document()
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&rec); err != nil {
		return nil, refuse(ErrMalformed, "malformed JSON record: %s", jsonReason(err))
	}
	if dec.More() {
		return nil, refuse(ErrMalformed, "malformed JSON record: more than one value on the line")
	}
	return rec.document()
}

func (rec *record) document() (*document.Document, error) {
	doc := &document.Document{Format: FormatJSONL}
	text := firstNonEmpty(rec.Text, rec.Content, rec.Body)
	paras := paragraphs(text)
	switch {
	case len(paras) > 0:
		doc.Paragraphs = paras
	case strings.TrimSpace(rec.HTML) != "":
		h, err := ParseHTML(strings.NewReader(rec.HTML), rec.URL)
		if err != nil {
			return nil, err
		}
		doc = h
		doc.Format = FormatJSONL
	default:
		return nil, refuse(ErrNoText, `record has no "text" or "html"`)
	}
	// The record's own fields are the publisher's word; they win over
	// what was read off its HTML.
	doc.ID = strings.TrimSpace(string(rec.ID))
	if t := collapse(rec.Title); t != "" {
		doc.Title = t
	}
	if b := collapse(firstNonEmpty(string(rec.Byline), string(rec.Author))); b != "" {
		doc.Byline = b
	}
	if u := strings.TrimSpace(rec.URL); u != "" {
		doc.URL = u
	}
	if s := collapse(rec.Site); s != "" {
		doc.Site = s
	} else if doc.Site == "" {
		doc.Site = hostOf(doc.URL, "")
	}
	if p := firstNonEmpty(string(rec.Published), string(rec.Date)); p != "" {
		t, err := parseDate(p)
		if err != nil {
			return nil, refuse(ErrMalformed, "cannot read published date %q", p)
		}
		doc.Published = t
	}
	return doc, nil
}

// dateLayouts are the forms feeds and scrapers write dates in.
var dateLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05",
	"2006-01-02T15:04Z07:00", "2006-01-02", time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822,
	"Mon, 2 Jan 2006 15:04:05 -0700", "January 2, 2006", "Jan 2, 2006", "2 January 2006",
}

func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	// Unix seconds, as some exporters write them.
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 0 && n < 1e11 {
		return time.Unix(n, 0).UTC(), nil
	}
	return time.Time{}, errors.New("unknown date format")
}

// jsonReason words a decoding error without the decoder's type names.
func jsonReason(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("%s (at byte %d)", syn.Error(), syn.Offset)
	case errors.As(err, &typ):
		if typ.Field != "" {
			return fmt.Sprintf("field %q must be a string, not %s", typ.Field, typ.Value)
		}
		return fmt.Sprintf("expected an object, found %s", typ.Value)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "unexpected end of line"
	}
	return err.Error()
}

// flexString accepts a string, a number or null, since exporters write
// ids and dates either way.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*f = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
	case len(b) > 0 && (b[0] == '-' || b[0] >= '0' && b[0] <= '9'):
		*f = flexString(b)
	case len(b) > 0 && b[0] == '[':
		// Author lists: join the names.
		var names []string
		if err := json.Unmarshal(b, &names); err != nil {
			return &json.UnmarshalTypeError{Value: "array of non-strings", Type: reflect.TypeOf("")}
		}
		*f = flexString(strings.Join(names, ", "))
	default:
		return &json.UnmarshalTypeError{Value: string(b[:min(len(b), 10)]), Type: reflect.TypeOf("")}
	}
	return nil
}
