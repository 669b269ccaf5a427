package store

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/stemma-news/stemma/internal/document"
)

func TestPutIdempotent(t *testing.T) {
	tests := []struct {
		name   string
		second func(first *document.Document) *document.Document
		wantID string // of the second; "" when it is the first again
	}{
		{"same document", func(d *document.Document) *document.Document { c := *d; return &c }, ""},
		{"same article, different raw (ad slot)", func(d *document.Document) *document.Document {
			c := *d
			c.Raw = append(slices.Clone(d.Raw), "<div class=ad>Buy now</div>"...)
			return &c
		}, ""},
		{"same article, different id", func(d *document.Document) *document.Document { c := *d; c.ID = "other"; return &c }, ""},
		{"same article, whitespace differs", func(d *document.Document) *document.Document {
			c := *d
			c.Title = "  Title   of\tarticle 1 "
			c.Paragraphs = []string{"", " Article 1 begins  with a paragraph\nof words.", "It ends with another, numbered 1.", "  "}
			return &c
		}, ""},
		{"same raw, different article and id", func(d *document.Document) *document.Document {
			c := article(2, d.Site)
			c.Raw = d.Raw
			return c
		}, "doc2"},
		{"same text on another site", func(d *document.Document) *document.Document { c := *d; c.Site = "b.example"; return &c }, "doc1~2"},
		{"same id, different article", func(d *document.Document) *document.Document {
			c := article(2, d.Site)
			c.ID = d.ID
			return c
		}, "doc1~2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTest(t)
			first := article(1, "a.example")
			p1 := put(t, s, first)[0]
			if !p1.New || p1.Seq != 1 || p1.ID != "doc1" {
				t.Fatalf("first Put = %+v", p1)
			}
			p2 := put(t, s, tt.second(first))[0]
			if tt.wantID == "" {
				if p2 != (Put{Seq: 1, ID: "doc1", New: false}) {
					t.Errorf("second Put = %+v, want the first, not new", p2)
				}
			} else if p2 != (Put{Seq: 2, ID: tt.wantID, New: true}) {
				t.Errorf("second Put = %+v, want seq 2, id %s, new", p2, tt.wantID)
			}
			c, err := s.Counts(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if want := int64(1 + btoi(tt.wantID != "")); c.Documents != want || c.Inputs > want {
				t.Errorf("%d documents and %d inputs, want %d", c.Documents, c.Inputs, want)
			}
			raw, err := s.Raw(t.Context(), 1)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(raw, first.Raw) {
				t.Errorf("Raw(1) = %q, want the first raw input", raw)
			}
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestPutBatch(t *testing.T) {
	s := openTest(t)
	ctx := t.Context()
	raw := []byte("\x00\xff one WARC record holding many articles \r\n")
	var docs []*document.Document
	for i := range 10 {
		d := article(i, "a.example")
		d.Raw = raw
		docs = append(docs, d)
	}
	docs = append(docs, article(3, "a.example")) // a repeat within the batch
	puts := put(t, s, docs...)
	if last := puts[len(puts)-1]; last != (Put{Seq: 4, ID: "doc3"}) {
		t.Errorf("repeat in the batch: %+v, want seq 4, not new", last)
	}
	for i, p := range puts[:10] {
		if !p.New || p.Seq != int64(i+1) {
			t.Errorf("Put %d = %+v", i, p)
		}
		got, err := s.Raw(ctx, p.Seq)
		if err != nil || !bytes.Equal(got, raw) {
			t.Errorf("Raw(%d) = %q, %v", p.Seq, got, err)
		}
	}
	c, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Documents != 10 || c.Inputs != 1 || c.RawBytes != int64(len(raw)) {
		t.Errorf("Counts = %+v, want 10 documents sharing 1 input of %d bytes", c, len(raw))
	}

	// A failing document rolls the whole batch back.
	if _, err := s.PutDocuments(ctx, []*document.Document{article(20, "a.example"), nil}); err == nil {
		t.Error("a batch with a nil document was stored")
	}
	if _, err := s.DocumentByID(ctx, "doc20"); !errors.Is(err, ErrNotFound) {
		t.Errorf("document of a failed batch: %v, want ErrNotFound", err)
	}
}

func TestIDs(t *testing.T) {
	s := openTest(t)
	ctx := t.Context()
	var docs []*document.Document
	for i := range 5 {
		d := article(i, "a.example")
		d.ID = "index"
		docs = append(docs, d)
	}
	lit := article(10, "a.example")
	lit.ID = "index~6" // takes the name the next clash would get
	docs = append(docs, lit)
	d := article(11, "a.example")
	d.ID = "index"
	docs = append(docs, d)
	anon := article(12, "a.example")
	anon.ID = ""
	docs = append(docs, anon)

	var got []string
	for _, p := range put(t, s, docs...) {
		got = append(got, p.ID)
	}
	k := Key(anon)
	want := []string{"index", "index~2", "index~3", "index~4", "index~5", "index~6", "index~7", hex.EncodeToString(k[:8])}
	if !slices.Equal(got, want) {
		t.Errorf("ids %q, want %q", got, want)
	}
	for _, id := range got {
		if _, err := s.DocumentByID(ctx, id); err != nil {
			t.Error(err)
		}
	}
}

func TestDocumentRoundTrip(t *testing.T) {
	ctx := t.Context()
	s := openTest(t)
	now := time.Date(2025, 3, 1, 12, 0, 0, 123456000, time.UTC)
	s.now = func() time.Time { return now }
	tests := []struct {
		name string
		doc  *document.Document
	}{
		{"full", &document.Document{
			ID: "full", Origin: "feeds/x.jsonl:3", Format: "jsonl",
			Title: "Kyiv talks", Byline: "By A. Writer", Site: "news.example", URL: "https://news.example/a?b=c",
			Published:  time.Date(2024, 5, 6, 7, 8, 9, 500, time.FixedZone("", 3*3600)),
			Paragraphs: []string{"First paragraph.", "Second, with\na line break.", "Third."},
			Credits:    []document.Credit{{Kind: "agency", Text: "(AP)", Name: "AP"}, {Kind: "byline", Text: "By A. Writer"}},
			Removed:    []document.Removal{{Text: "Advertisement", Reason: "ad-slot", Paragraph: 1}, {Text: "Menu", Reason: "nav", Paragraph: -1}},
			Raw:        []byte("{}"),
		}},
		{"no text", &document.Document{ID: "empty", Title: "Only a title"}},
		{"blank line inside a paragraph", &document.Document{ID: "blank", Title: "B", Paragraphs: []string{"one\n\ntwo", "three"}}},
		{"empty paragraph", &document.Document{ID: "emptypara", Title: "E", Paragraphs: []string{"one", "", "three"}}},
		{"trailing newline", &document.Document{ID: "nl", Title: "N", Paragraphs: []string{"one\n", "\ntwo"}}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := put(t, s, tt.doc)[0]
			want := &Document{
				Seq: int64(i + 1), ID: tt.doc.ID, Title: tt.doc.Title, Site: tt.doc.Site, URL: tt.doc.URL,
				Byline: tt.doc.Byline, Origin: tt.doc.Origin, Format: tt.doc.Format, Published: tt.doc.Published,
				Words: tt.doc.Words(), Paragraphs: tt.doc.Paragraphs, Credits: tt.doc.Credits, Removed: tt.doc.Removed,
				Added: now.Truncate(time.Microsecond),
			}
			for _, get := range []func() (*Document, error){
				func() (*Document, error) { return s.Document(ctx, p.Seq) },
				func() (*Document, error) { return s.DocumentByID(ctx, p.ID) },
			} {
				got, err := get()
				if err != nil {
					t.Fatal(err)
				}
				// The offset read off the page is kept, not only the instant.
				if g, w := got.Published.Format(time.RFC3339Nano), want.Published.Format(time.RFC3339Nano); g != w {
					t.Errorf("Published = %s, want %s", g, w)
				}
				got.Published = want.Published
				if !reflect.DeepEqual(got, want) {
					t.Errorf("got  %+v\nwant %+v", got, want)
				}
			}
		})
	}
	if _, err := s.Document(ctx, 99); !errors.Is(err, ErrNotFound) {
		t.Errorf("Document(99): %v, want ErrNotFound", err)
	}
	if _, err := s.DocumentByID(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("DocumentByID(nope): %v, want ErrNotFound", err)
	}
	if raw, err := s.Raw(ctx, 1); err != nil || string(raw) != "{}" {
		t.Errorf("Raw(1) = %q, %v", raw, err)
	}
	if _, err := s.Raw(ctx, 2); !errors.Is(err, ErrNotFound) {
		t.Errorf("Raw of a document stored without it: %v, want ErrNotFound", err)
	}
	if _, err := s.Raw(ctx, 99); !errors.Is(err, ErrNotFound) {
		t.Errorf("Raw(99): %v, want ErrNotFound", err)
	}
}

func TestEmptyRaw(t *testing.T) {
	s := openTest(t)
	d := article(1, "")
	d.Raw = []byte{}
	put(t, s, d)
	raw, err := s.Raw(t.Context(), 1)
	if err != nil || raw == nil || len(raw) != 0 {
		t.Errorf("Raw of an empty input = %q (nil %v), %v; want empty", raw, raw == nil, err)
	}
}

func TestDocumentsPaging(t *testing.T) {
	ctx := t.Context()
	s := openTest(t)
	s.docPage = 16
	var docs []*document.Document
	for i := range 2*s.docPage + 5 {
		docs = append(docs, article(i, "a.example"))
	}
	put(t, s, docs...)

	page, err := s.Documents(ctx, 10, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(page) != 3 || page[0].Seq != 11 || page[2].Seq != 13 || len(page[0].Paragraphs) != 2 {
		t.Errorf("Documents(10, 3) = %d documents from %d", len(page), page[0].Seq)
	}
	var n int64
	for d, err := range s.Each(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if d.Seq != n || d.ID != docs[n-1].ID || !slices.Equal(d.Paragraphs, docs[n-1].Paragraphs) {
			t.Fatalf("Each: document %d is %d %q", n, d.Seq, d.ID)
		}
	}
	if n != int64(len(docs)) {
		t.Errorf("Each yielded %d documents, want %d", n, len(docs))
	}
	for range s.Each(ctx) {
		break // stopping early must not panic
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	for d, err := range s.Each(cancelled) {
		if err == nil {
			t.Fatalf("Each with a cancelled context yielded document %d", d.Seq)
		}
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Each with a cancelled context: %v", err)
		}
	}
}
