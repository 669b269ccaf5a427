package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stemma-news/stemma/internal/document"
)

const (
	sampleText = "Storm closes harbour\n\nThe harbour at Port Ellis closed on Monday.\nFerries will resume on Tuesday, officials said.\n"
	samplePage = `<html><head><title>Storm closes harbour</title>
<link rel="canonical" href="https://news.example.com/storm"></head><body><article>
<h1>Storm closes harbour</h1>
<p>The harbour at Port Ellis closed on Monday after a winter storm tore two mooring posts from the main pier and flooded the ticket office.</p>
<p>Ferries will resume on Tuesday, the harbour master said, once crews from the county works department have replaced the posts and checked the pier.</p>
</article></body></html>`
	sampleJSONL = `{"id":"a1","url":"https://news.example.com/a1","title":"One","text":"First paragraph.\n\nSecond paragraph.","published":"2024-03-05T09:30:00Z","site":"Example News","author":"Maren Holt"}
{"title":"No id","text":"Only paragraph."}
`
)

func gz(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// result is what one Read yields, reduced to what tests compare.
type result struct {
	docs []*document.Document
	errs []error
}

func readAll(t *testing.T, paths []string, opt Options) result {
	t.Helper()
	var r result
	for doc, err := range Read(context.Background(), paths, opt) {
		if (doc == nil) == (err == nil) {
			t.Fatalf("Read yielded doc %v and err %v: want exactly one", doc, err)
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is %T, want *Error", err, err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error message spans lines: %q", err)
			}
			r.errs = append(r.errs, err)
			continue
		}
		r.docs = append(r.docs, doc)
	}
	return r
}

func TestReadFormats(t *testing.T) {
	tests := []struct {
		name, file string
		data       []byte
		want       []document.Document // ID, Origin suffix, Format, Title, Paragraphs count in Words
		paras      []int
	}{
		{name: "text", file: "001_a.txt", data: []byte(sampleText),
			want: []document.Document{{ID: "001_a", Format: "text", Title: "Storm closes harbour"}}, paras: []int{2}},
		{name: "text gzip", file: "001_a.txt.gz", data: gz(t, sampleText),
			want: []document.Document{{ID: "001_a", Format: "text", Title: "Storm closes harbour"}}, paras: []int{2}},
		{name: "text CRLF and BOM", file: "b.txt", data: []byte("\uFEFFStorm closes harbour\r\nThe harbour closed.\r\n\r\nFerries resume.\r\n"),
			want: []document.Document{{ID: "b", Format: "text", Title: "Storm closes harbour"}}, paras: []int{2}},
		{name: "html", file: "p.html", data: []byte(samplePage),
			want: []document.Document{{ID: "p", Format: "html", Title: "Storm closes harbour", URL: "https://news.example.com/storm"}}, paras: []int{2}},
		{name: "htm gzip", file: "p.htm.gz", data: gz(t, samplePage),
			want: []document.Document{{ID: "p", Format: "html", Title: "Storm closes harbour", URL: "https://news.example.com/storm"}}, paras: []int{2}},
		{name: "jsonl", file: "feed.jsonl", data: []byte(sampleJSONL),
			want: []document.Document{
				{ID: "a1", Format: "jsonl", Title: "One", Byline: "Maren Holt", Site: "Example News", URL: "https://news.example.com/a1"},
				{ID: "feed#2", Format: "jsonl", Title: "No id"}}, paras: []int{2, 1}},
		{name: "jsonl gzip", file: "feed.jsonl.gz", data: gz(t, sampleJSONL),
			want: []document.Document{{ID: "a1", Format: "jsonl", Title: "One", Byline: "Maren Holt", Site: "Example News", URL: "https://news.example.com/a1"},
				{ID: "feed#2", Format: "jsonl", Title: "No id"}}, paras: []int{2, 1}},
		{name: "unknown extension named explicitly is sniffed", file: "article", data: []byte(samplePage),
			want: []document.Document{{ID: "article", Format: "html", Title: "Storm closes harbour", URL: "https://news.example.com/storm"}}, paras: []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tt.file)
			if err := os.WriteFile(path, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			r := readAll(t, []string{path}, Options{KeepRaw: true})
			if len(r.errs) > 0 || len(r.docs) != len(tt.want) {
				t.Fatalf("got %d docs, errors %v; want %d docs", len(r.docs), r.errs, len(tt.want))
			}
			for i, got := range r.docs {
				w := tt.want[i]
				if got.ID != w.ID || got.Format != w.Format || got.Title != w.Title || got.URL != w.URL ||
					got.Byline != w.Byline || (w.Site != "" && got.Site != w.Site) {
					t.Errorf("doc %d: got id %q format %q title %q url %q byline %q site %q; want %+v",
						i, got.ID, got.Format, got.Title, got.URL, got.Byline, got.Site, w)
				}
				if len(got.Paragraphs) != tt.paras[i] {
					t.Errorf("doc %d: got %d paragraphs %q, want %d", i, len(got.Paragraphs), got.Paragraphs, tt.paras[i])
				}
				if !strings.HasPrefix(got.Origin, path) {
					t.Errorf("doc %d: origin %q does not name %s", i, got.Origin, path)
				}
				if len(got.Raw) == 0 {
					t.Errorf("doc %d: KeepRaw set but Raw is empty", i)
				}
			}
		})
	}
}

func TestReadBadInputs(t *testing.T) {
	big := strings.Repeat("word ", 300)
	tests := []struct {
		name, file string
		data       []byte
		max        int64
		sentinel   error
		reason     string // part of the message
		docs       int    // documents that still come out
	}{
		{name: "empty", file: "e.txt", data: nil, sentinel: ErrEmpty, reason: "empty"},
		{name: "blank", file: "e.txt", data: []byte(" \n\t\n"), sentinel: ErrEmpty, reason: "empty"},
		{name: "empty gzip", file: "e.txt.gz", data: gz(t, ""), sentinel: ErrEmpty, reason: "empty"},
		{name: "binary NUL", file: "b.txt", data: []byte("PK\x03\x04\x00\x00abc"), sentinel: ErrBinary, reason: "binary"},
		{name: "binary control bytes", file: "b.html", data: bytes.Repeat([]byte{0x01, 0x02, 'a', 0x1b}, 100), sentinel: ErrBinary, reason: "binary"},
		{name: "invalid UTF-8 text", file: "l.txt", data: []byte("Title here\ncaf\xe9 au lait\n"), sentinel: ErrInvalidUTF8, reason: "invalid UTF-8 at byte 14"},
		{name: "too large", file: "big.txt", data: []byte(big), max: 1024, sentinel: ErrTooLarge, reason: "1 KiB limit"},
		{name: "gzip bomb", file: "bomb.txt.gz", data: gz(t, strings.Repeat("a", 1<<20)), max: 4096, sentinel: ErrTooLarge, reason: "4 KiB limit"},
		{name: "corrupt gzip", file: "c.txt.gz", data: append(gz(t, sampleText)[:12], 0xff, 0xff, 0xff), reason: "gzip"},
		{name: "truncated gzip", file: "t.txt.gz", data: gz(t, sampleText)[:20], reason: "corrupt gzip data: unexpected EOF"},
		{name: "html without text", file: "n.html", data: []byte("<html><body><script>var a=1;</script></body></html>"), sentinel: ErrNoText, reason: "no article text"},
		{name: "jsonl malformed line", file: "f.jsonl", data: []byte("{\"text\":\"ok\"}\n{\"text\": oops}\n\n{\"text\":\"ok again\"}\n"), sentinel: ErrMalformed, reason: "f.jsonl:2: malformed JSON", docs: 2},
		{name: "jsonl not an object", file: "f.jsonl", data: []byte("[1,2]\n"), sentinel: ErrMalformed, reason: "f.jsonl:1: malformed JSON record: expected an object"},
		{name: "jsonl wrong field type", file: "f.jsonl", data: []byte(`{"text":"x","title":3}` + "\n"), sentinel: ErrMalformed, reason: `field "title" must be a string`},
		{name: "jsonl no text", file: "f.jsonl", data: []byte(`{"id":"x","title":"t"}` + "\n" + `{"text":"y"}`), sentinel: ErrNoText, reason: `f.jsonl:1: record has no "text" or "html"`, docs: 1},
		{name: "jsonl bad date", file: "f.jsonl", data: []byte(`{"text":"x","published":"yesterday-ish"}`), sentinel: ErrMalformed, reason: "published date"},
		{name: "jsonl invalid UTF-8 line", file: "f.jsonl", data: []byte("{\"text\":\"caf\xe9\"}\n{\"text\":\"fine\"}\n"), sentinel: ErrInvalidUTF8, reason: "f.jsonl:1: invalid UTF-8", docs: 1},
		{name: "jsonl html without text", file: "f.jsonl", data: []byte(`{"html":"<p></p>"}`), sentinel: ErrNoText, reason: "no article text"},
		{name: "jsonl binary", file: "f.jsonl", data: []byte("{\"text\":\"\x00\"}"), sentinel: ErrBinary, reason: "f.jsonl: binary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tt.file)
			if err := os.WriteFile(path, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			r := readAll(t, []string{path}, Options{MaxBytes: tt.max})
			if len(r.errs) != 1 || len(r.docs) != tt.docs {
				t.Fatalf("got %d docs and errors %v; want %d docs and one error", len(r.docs), r.errs, tt.docs)
			}
			err := r.errs[0]
			if tt.sentinel != nil && !errors.Is(err, tt.sentinel) {
				t.Errorf("error %q is not %v", err, tt.sentinel)
			}
			if !strings.Contains(err.Error(), tt.reason) || !strings.HasPrefix(err.Error(), path) {
				t.Errorf("error %q: want it to start with the path and say %q", err, tt.reason)
			}
		})
	}
}

func TestReadMissingAndGoesOn(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	if err := os.WriteFile(good, []byte(sampleText), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.txt")
	r := readAll(t, []string{missing, good, missing}, Options{})
	if len(r.docs) != 1 || len(r.errs) != 2 {
		t.Fatalf("got %d docs, %d errors; want 1 and 2", len(r.docs), len(r.errs))
	}
	if want := missing + ": cannot read: no such file or directory"; r.errs[0].Error() != want {
		t.Errorf("got %q, want %q", r.errs[0], want)
	}
	if !errors.Is(r.errs[0], os.ErrNotExist) {
		t.Errorf("%v does not wrap os.ErrNotExist", r.errs[0])
	}
}

func TestReadDirectory(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"b.txt":             sampleText,
		"a.html":            samplePage,
		"sub/c.txt.gz":      string(gz(t, sampleText)),
		"sub/d.jsonl":       sampleJSONL,
		".hidden.txt":       sampleText,
		".git/e.txt":        sampleText,
		"notes.md":          "# not read",
		"image.png":         "\x89PNG\x00\x00",
		"sub/empty.txt":     "",
		"sub/UPPER.TXT":     sampleText,
		"sub/deeper/f.text": sampleText,
	}
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := readAll(t, []string{dir}, Options{})
	var ids []string
	for _, d := range r.docs {
		ids = append(ids, d.ID)
	}
	want := "a b UPPER c a1 d#2 f"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("got ids %q, want %q (sorted walk, hidden and unknown files skipped)", got, want)
	}
	if len(r.errs) != 1 || !errors.Is(r.errs[0], ErrEmpty) {
		t.Errorf("got errors %v, want one for sub/empty.txt", r.errs)
	}
}

func TestReadStdin(t *testing.T) {
	tests := []struct {
		name   string
		in     []byte
		format string
		n      int
	}{
		{"text", []byte(sampleText), "text", 1},
		{"html", []byte("  \n" + samplePage), "html", 1},
		{"jsonl", []byte(sampleJSONL), "jsonl", 2},
		{"gzip jsonl", gz(t, sampleJSONL), "jsonl", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := readAll(t, []string{"-"}, Options{Stdin: bytes.NewReader(tt.in)})
			if len(r.errs) > 0 || len(r.docs) != tt.n {
				t.Fatalf("got %d docs, errors %v; want %d", len(r.docs), r.errs, tt.n)
			}
			d := r.docs[0]
			if d.Format != tt.format || !strings.HasPrefix(d.Origin, "-") {
				t.Errorf("got format %q origin %q; want %q from -", d.Format, d.Origin, tt.format)
			}
		})
	}
	// The real thing: a pipe as os.Stdin, which is what Options.Stdin defaults to.
	t.Run("os.Stdin", func(t *testing.T) {
		pr, pw, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		go func() {
			pw.WriteString(sampleText)
			pw.Close()
		}()
		old := os.Stdin
		os.Stdin = pr
		defer func() { os.Stdin = old; pr.Close() }()
		r := readAll(t, []string{"-"}, Options{})
		if len(r.docs) != 1 || r.docs[0].Origin != "-" || r.docs[0].ID != "stdin" {
			t.Fatalf("got %+v, errors %v", r.docs, r.errs)
		}
	})
}

func TestReadStopsEarlyAndOnCancel(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(sampleText), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	for range Read(context.Background(), []string{dir, dir}, Options{}) {
		n++
		if n == 2 {
			break // must not panic by yielding after break
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var errs []error
	docs := 0
	for doc, err := range Read(ctx, []string{dir, dir}, Options{}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		docs++
		cancel()
		_ = doc
	}
	if docs != 1 || len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("after cancel: got %d docs and errors %v; want 1 doc then context.Canceled once", docs, errs)
	}
}

// A JSONL file is a stream: the size limit applies to each record, not to
// the file, gzipped or not, so a day of a firehose in one file is read.
func TestReadLargeJSONL(t *testing.T) {
	dir := t.TempDir()
	var plain bytes.Buffer
	for i := range 2000 {
		fmt.Fprintf(&plain, `{"id":"r%d","text":"Record %d is one short paragraph of text."}`+"\n", i, i)
	}
	zipped := filepath.Join(dir, "day.jsonl.gz")
	var zb bytes.Buffer
	zw := gzip.NewWriter(&zb)
	zw.Write(plain.Bytes())
	zw.Close()
	if err := os.WriteFile(zipped, zb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "day.jsonl"), plain.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	opt := Options{MaxBytes: int64(plain.Len() / 10)} // far below the file, far above a record
	n := 0
	for d, err := range Read(context.Background(), []string{dir}, opt) {
		if err != nil {
			t.Fatalf("record refused: %v", err)
		}
		if !strings.HasPrefix(d.ID, "r") {
			t.Errorf("id %q", d.ID)
		}
		n++
	}
	if n != 4000 {
		t.Errorf("read %d records from two files of 2000, want 4000", n)
	}
}

// Count agrees with Read on what a folder holds: JSONL records, files of
// known kinds, no hidden files.
func TestCount(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte(sampleText), 0o644)
	os.WriteFile(filepath.Join(dir, "b.jsonl"), []byte(sampleJSONL+"\n\n"), 0o644)
	os.WriteFile(filepath.Join(dir, ".hidden.txt"), []byte(sampleText), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.pdf"), []byte("%PDF"), 0o644)
	want := 0
	for _, err := range Read(context.Background(), []string{dir}, Options{}) {
		if err == nil {
			want++
		}
	}
	got, ok := Count(context.Background(), []string{dir})
	if !ok || got != int64(want) {
		t.Errorf("Count = %d, %v; Read yields %d", got, ok, want)
	}
	if _, ok := Count(context.Background(), []string{"-"}); ok {
		t.Error("Count claims to count standard input")
	}
}
