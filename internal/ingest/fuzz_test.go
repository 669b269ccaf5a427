package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkDoc holds what every reader promises of a document it returns:
// valid UTF-8, paragraphs that are neither blank nor multi-line, and
// errors that are one line.
func checkDoc(t *testing.T, docErr error, paras []string, title string) {
	t.Helper()
	if docErr != nil {
		if strings.Contains(docErr.Error(), "\n") {
			t.Fatalf("multi-line error %q", docErr)
		}
		return
	}
	if len(paras) == 0 {
		t.Fatal("document without paragraphs and without error")
	}
	for _, p := range append(paras, title) {
		if !utf8.ValidString(p) {
			t.Fatalf("invalid UTF-8 in %q", p)
		}
		if strings.ContainsAny(p, "\n\r") || p != strings.TrimSpace(p) {
			t.Fatalf("paragraph not collapsed: %q", p)
		}
	}
	for _, p := range paras {
		if p == "" {
			t.Fatal("blank paragraph")
		}
	}
}

func FuzzParseText(f *testing.F) {
	for _, s := range []string{sampleText, "", "\n\n", "By X\nY", "A?\nB", "caf\xe9", "\x00", "\uFEFFT\r\nx\r\n", "DECEMBER 16, 2008\nx"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ParseText(bytes.NewReader(data))
		if err != nil {
			checkDoc(t, err, nil, "")
			return
		}
		checkDoc(t, nil, doc.Paragraphs, doc.Title)
	})
}

func FuzzParseJSONL(f *testing.F) {
	for _, s := range []string{sampleJSONL, "{}", "{\"text\":\"a\"}\n{", "[1]", "null", `{"id":1.5e3,"text":"x","author":[1]}`,
		`{"html":"<p>x</p>"}`, `{"text":"x","published":"2024-01-01"}`, "{\"text\":\"\xff\"}", `{"text":"a"} {"text":"b"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) + 1
		n := 0
		for doc, err := range ParseJSONL(context.Background(), bytes.NewReader(data), "f.jsonl", Options{MaxBytes: 1 << 16}) {
			n++
			if err != nil {
				var e *Error
				if !errors.As(err, &e) || !strings.HasPrefix(e.Path, "f.jsonl:") {
					t.Fatalf("error %v does not name its line", err)
				}
				checkDoc(t, err, nil, "")
				continue
			}
			if doc.ID == "" {
				t.Fatal("document without id")
			}
			checkDoc(t, nil, doc.Paragraphs, doc.Title)
		}
		if n > lines {
			t.Fatalf("%d results from %d lines", n, lines)
		}
	})
}

func FuzzParseHTML(f *testing.F) {
	f.Add([]byte(samplePage))
	for _, name := range []string{"testdata/harbour.html", "testdata/results.htm"} {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{"", "<", "<html><body><p>x</p>", "<table><tr><td>a<td>b</table>", "<pre>a\n\nb</pre>",
		"<meta charset=shift_jis><p>\x82\xa0</p>", "\xff\xfe<\x00p\x00>\x00", "<p>caf\xe9</p>", "<br><br><hr>"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ParseHTML(bytes.NewReader(data), "")
		if err != nil {
			checkDoc(t, err, nil, "")
			return
		}
		checkDoc(t, nil, doc.Paragraphs, doc.Title)
	})
}

func FuzzParseWARC(f *testing.F) {
	page := func(head, body string) string {
		payload := head + "\r\n\r\n" + body
		return fmt.Sprintf("WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.com/a\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", len(payload), payload)
	}
	for _, s := range []string{
		page("HTTP/1.1 200 OK\r\nContent-Type: text/html", samplePage),
		page("HTTP/1.1 200 OK", samplePage),
		page("HTTP/2 200\r\ncontent-type: text/html; charset=iso-8859-7", "<p>\xe1\xe2</p>"),
		page("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked", "5\r\n<p>x<\r\n0\r\n\r\n"),
		page("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip", "\x1f\x8b\x08\x00"),
		page("HTTP/1.1 200 OK\r\nContent-Type: text/plain", sampleText),
		page("HTTP/1.1 404 Not Found\r\nContent-Type: text/html", samplePage),
		page("HTTP/1.1 2OO OK", ""),
		"WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nContent-Length: 12\r\n\r\n<p>hello</p>\r\n\r\n",
		"WARC/1.0\r\nContent-Length: x\r\n\r\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		n := 0
		for doc, err := range ParseWARC(context.Background(), bytes.NewReader(data), "f.warc", Options{MaxBytes: 1 << 16, KeepRaw: true}) {
			if n++; n > len(data)+1 {
				t.Fatalf("%d results from %d bytes", n, len(data))
			}
			if err != nil {
				var e *Error
				if !errors.As(err, &e) || !strings.HasPrefix(e.Path, "f.warc#") {
					t.Fatalf("error %v does not name its record", err)
				}
				checkDoc(t, err, nil, "")
				continue
			}
			if doc.ID == "" || doc.Format != FormatWARC || !bytes.Contains(data, doc.Raw) {
				t.Fatalf("document %q of format %q, raw not from the input", doc.ID, doc.Format)
			}
			checkDoc(t, nil, doc.Paragraphs, doc.Title)
		}
	})
}
