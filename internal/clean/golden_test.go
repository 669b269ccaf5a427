package clean

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stemma-news/stemma/internal/document"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenInput is a document as a reader would hand it over.
type goldenInput struct {
	Title      string   `json:"title"`
	Paragraphs []string `json:"paragraphs"`
}

// goldenOutput is what Clean made of it.
type goldenOutput struct {
	Title      string             `json:"title"`
	Byline     string             `json:"byline"`
	Paragraphs []string           `json:"paragraphs"`
	Removed    []document.Removal `json:"removed"`
	Credits    []document.Credit  `json:"credits"`
}

// TestGolden runs Clean over testdata/golden/*.input.json and compares
// with the matching .golden.json; go test -run TestGolden -update
// rewrites them after a deliberate change (review the diff).
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "golden", "*.input.json"))
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".input.json")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			var gi goldenInput
			if err := json.Unmarshal(data, &gi); err != nil {
				t.Fatal(err)
			}
			doc := &document.Document{Title: gi.Title, Paragraphs: gi.Paragraphs}
			Clean(doc)
			got, err := json.MarshalIndent(goldenOutput{doc.Title, doc.Byline, doc.Paragraphs, doc.Removed, doc.Credits}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "golden", name+".golden.json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (run with -update and review the diff):\n%s", path, got)
			}
		})
	}
}
