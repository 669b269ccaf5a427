package spill

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/stemma-news/stemma/internal/change"
	"github.com/stemma-news/stemma/internal/document"
)

// changeLists are lists as the analysis makes them, and the corners of
// the encoding: nil against empty slices, sentence numbers of -1, text
// that is not UTF-8.
var changeLists = []*change.List{
	{},
	{Changes: []change.Change{}, QuotesKept: []string{}},
	{Changes: []change.Change{
		{Kind: change.Added, New: "A new claim.", Source: -1, Copy: 4, CopyText: "A new claim."},
		{Kind: change.Dropped, Old: "Old \u2028 <&> é", Source: 3, Copy: -1, SourceText: "Old \u2028 <&> é"},
		{Kind: "name", Old: "Jon", New: "John", Who: "person", Source: 1 << 20, Copy: 0},
	}, QuotesKept: []string{"Ms Ardern", ""}, Reworded: 12},
	{Changes: []change.Change{{Kind: "quote", Old: "bad \xff byte", New: "x\xe2\x80y", Who: "\xc3"}}, Reworded: -1},
	{Changes: []change.Change{{Kind: change.Added, New: strings.Repeat("long ", 10000)}}},
}

// A change list comes back as JSON would have it.
func TestChangesAsJSON(t *testing.T) {
	viaJSON := func(l *change.List) *change.List {
		b, err := json.Marshal(l)
		if err != nil {
			t.Fatal(err)
		}
		var out change.List
		if err := json.Unmarshal(b, &out); err != nil {
			t.Fatal(err)
		}
		return &out
	}
	for k, l := range changeLists {
		b := encodeChanges(nil, l)
		got, err := decodeChanges(b)
		if err != nil {
			t.Fatalf("list %d: %v", k, err)
		}
		if want := viaJSON(l); !reflect.DeepEqual(got, want) {
			t.Errorf("list %d: read back %#v, JSON gave %#v", k, got, want)
		}
		for i := range b {
			if _, err := decodeChanges(b[:i]); err == nil {
				t.Fatalf("list %d: a record cut to %d of %d bytes decodes", k, i, len(b))
			}
		}
	}
}

// Change lists and documents share a file, each read back by its Ref.
func TestPutGetChanges(t *testing.T) {
	s, err := Create(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var refs []Ref
	for i := range 100 {
		l := changeLists[i%len(changeLists)]
		if i%3 == 0 {
			if _, err := s.Put(docOf(i)); err != nil {
				t.Fatal(err)
			}
		}
		r, err := s.PutChanges(l)
		if err != nil {
			t.Fatal(err)
		}
		refs = append(refs, r)
	}
	for i := len(refs) - 1; i >= 0; i-- {
		got, err := s.GetChanges(refs[i])
		if err != nil {
			t.Fatal(err)
		}
		want := changeLists[i%len(changeLists)]
		if len(got.Changes) != len(want.Changes) || got.Reworded != want.Reworded {
			t.Errorf("list %d: got %d changes, %d reworded; want %d, %d", i, len(got.Changes), got.Reworded, len(want.Changes), want.Reworded)
		}
	}
}

// Whatever the bytes, decoding fails cleanly or gives a list that
// survives a round trip once its text is valid UTF-8, as encoding makes
// it.
func FuzzDecodeChanges(f *testing.F) {
	for _, l := range changeLists {
		f.Add(encodeChanges(nil, l))
	}
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := decodeChanges(b)
		if err != nil {
			return
		}
		valid, err := decodeChanges(encodeChanges(nil, l))
		if err != nil {
			t.Fatalf("%q decodes to %#v, which does not encode (%v)", b, l, err)
		}
		again, err := decodeChanges(encodeChanges(nil, valid))
		if err != nil || !reflect.DeepEqual(again, valid) {
			t.Fatalf("%#v does not survive a round trip (%v)", valid, err)
		}
	})
}

func docOf(i int) *document.Document {
	return &document.Document{ID: fmt.Sprintf("d%d", i), Paragraphs: []string{"text"}}
}
