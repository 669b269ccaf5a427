package spill

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stemma-news/stemma/internal/document"
)

func TestPutGet(t *testing.T) {
	dir := t.TempDir()
	s, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	var refs []Ref
	var docs []*document.Document
	for i := range 200 {
		d := &document.Document{
			ID: fmt.Sprintf("d%d", i), Title: "Title \"quoted\" é",
			Published:  time.Date(2025, 1, 1, 0, 0, i, 0, time.UTC),
			Credits:    []document.Credit{{Kind: "byline", Text: "By A"}},
			Paragraphs: []string{"One.", fmt.Sprintf("Two %d.\nwith a line break", i)},
		}
		if i == 100 {
			// Larger than the write buffer and than the encoding buffer
			// Put keeps: the records around it must come back whole.
			d.Paragraphs = append(d.Paragraphs, strings.Repeat("long ", 1<<19))
		}
		r, err := s.Put(d)
		if err != nil {
			t.Fatal(err)
		}
		refs, docs = append(refs, r), append(docs, d)
	}
	if left, _ := os.ReadDir(dir); runtime.GOOS != "windows" && len(left) != 0 {
		t.Errorf("the spill file has a name while in use: %v", left)
	}
	// Read back concurrently, in an order unlike the writes.
	var wg sync.WaitGroup
	for k := range 4 {
		wg.Go(func() {
			for i := len(refs) - 1 - k; i >= 0; i -= 4 {
				got, err := s.Get(refs[i])
				if err != nil {
					t.Error(err)
					return
				}
				want := docs[i]
				if got.ID != want.ID || got.Title != want.Title || !got.Published.Equal(want.Published) ||
					!slices.Equal(got.Paragraphs, want.Paragraphs) || len(got.Credits) != 1 {
					t.Errorf("doc %d: got %+v, want %+v", i, got, want)
				}
			}
		})
	}
	wg.Wait()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("spill file left behind: %v", left)
	}
}

// A document comes back as it did when spill files were JSON.
func TestEncodeAsJSON(t *testing.T) {
	type record struct {
		ID         string            `json:"id"`
		Title      string            `json:"title,omitempty"`
		Published  time.Time         `json:"published,omitzero"`
		Credits    []document.Credit `json:"credits,omitempty"`
		Paragraphs []string          `json:"paragraphs"`
	}
	viaJSON := func(d *document.Document) *document.Document {
		b, err := json.Marshal(record{d.ID, d.Title, d.Published, d.Credits, d.Paragraphs})
		if err != nil {
			t.Fatal(err)
		}
		var r record
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatal(err)
		}
		return &document.Document{ID: r.ID, Title: r.Title, Published: r.Published, Credits: r.Credits, Paragraphs: r.Paragraphs}
	}
	for _, d := range []*document.Document{
		{},
		{ID: "a", Paragraphs: []string{}},
		{ID: "b", Title: "T", Paragraphs: []string{"", "one", "two <&> \u2028 é"}},
		{ID: "bad\xff", Title: "x\xe2\x80y", Paragraphs: []string{"\xc3", "ok"}, Credits: []document.Credit{{Kind: "byline", Text: "By \xff", Name: ""}}},
		{ID: "t", Published: time.Date(2025, 3, 4, 5, 6, 7, 890, time.UTC), Credits: []document.Credit{}},
		{ID: "z", Published: time.Date(2025, 3, 4, 5, 6, 7, 0, time.FixedZone("", -5*3600))},
		{ID: "l", Published: time.Date(2024, 12, 31, 23, 0, 0, 0, time.FixedZone("CET", 3600)), Paragraphs: []string{strings.Repeat("long ", 10000)}},
	} {
		b, err := encode(nil, d)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decode(b)
		if err != nil {
			t.Fatalf("%q: %v", d.ID, err)
		}
		if want := viaJSON(d); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: read back %#v, JSON gave %#v", d.ID, got, want)
		}
		for i := range b {
			if _, err := decode(b[:i]); err == nil {
				t.Fatalf("%q: a record cut to %d of %d bytes decodes", d.ID, i, len(b))
			}
		}
	}
}
