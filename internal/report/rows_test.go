package report

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/stemma-news/stemma/internal/relate"
)

// Rows must be the rows CompareJSON writes, with the same changes on each.
func TestRowsMatchCompareJSON(t *testing.T) {
	src, cp := bridge()
	p := relate.Compare(relate.NewDoc(cp), relate.NewDoc(src))
	p.FindChanges()
	var b bytes.Buffer
	if err := CompareJSON(&b, p); err != nil {
		t.Fatal(err)
	}
	var out struct{ Sentences []jsonRow }
	if err := json.Unmarshal(b.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	rs := Rows(p)
	if len(rs) != len(out.Sentences) {
		t.Fatalf("%d rows, CompareJSON writes %d", len(rs), len(out.Sentences))
	}
	for k, r := range rs {
		js := out.Sentences[k]
		if (r.A >= 0) != (js.A != nil) || (r.B >= 0) != (js.B != nil) || (r.Link != nil) != (js.Kind != "") {
			t.Errorf("row %d: %+v, CompareJSON has %+v", k, r, js)
		}
		if r.A >= 0 && *js.A != p.A.Text.Sentences[r.A].Text || r.B >= 0 && *js.B != p.B.Text.Sentences[r.B].Text {
			t.Errorf("row %d holds other sentences than CompareJSON's", k)
		}
		var kinds []string
		for _, i := range r.Changes {
			if kind := string(p.Changes.Changes[i].Kind); !slices.Contains(kinds, kind) {
				kinds = append(kinds, kind)
			}
		}
		if !slices.Equal(kinds, js.Changes) {
			t.Errorf("row %d carries %v, CompareJSON notes %v", k, kinds, js.Changes)
		}
	}
}
