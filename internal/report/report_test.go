package report

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stemma-news/stemma/internal/analysis"
	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/relate"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// collection is a small hand-written analysis input: a wire report, a
// rewrite of it, and an unrelated article, with a removal and a credit.
func collection() []*document.Document {
	wire := &document.Document{ID: "wire", Title: "Talks in London", Site: "wire.example", Paragraphs: []string{
		"Officials from Britain, the United States and Ukraine will meet in London on Wednesday to push for a peace deal between Moscow and Kyiv.",
		"Secretary of State Marco Rubio, who attended the Paris talks, was unable to come because of a scheduling issue.",
		"\u201cNow is the time for Putin to show he is serious about peace,\u201d said Dave Pares, a spokesman for Prime Minister Keir Starmer.",
		"Russia has rejected a proposal for an immediate 30-day halt in the fighting by imposing far-reaching conditions.",
	}, Credits: []document.Credit{{Kind: "contributor", Text: "Jane Roe in Paris contributed."}},
		Removed: []document.Removal{{Text: "ARTICLE AD BOX", Reason: "ad-slot", Paragraph: -1}}}
	spin := &document.Document{ID: "spin", Title: "London talks <seek> a path | to peace", Paragraphs: []string{
		"Diplomats from the UK, the US and Ukraine gathered in London on Wednesday in a push for a peace agreement between Kyiv and Moscow.",
		"Secretary of State Marco Rubio, who took part in the Paris talks, could not attend due to a scheduling conflict.",
		"A spokesman for the Prime Minister said it was time for Putin to show he is serious about peace.",
		"Moscow has turned down a proposal for a 30-day halt to the fighting, setting far-reaching conditions.",
	}, Byline: "Staff, Agencies", Credits: []document.Credit{{Kind: "byline", Text: "By Staff, Agencies", Name: "Staff, Agencies"}}}
	other := &document.Document{ID: "quake", Title: "Quake off Indonesia", Paragraphs: []string{
		"An earthquake of magnitude 6.1 struck off the coast of Indonesia early on Sunday, the geological agency said.",
		"There were no immediate reports of damage or casualties, and no tsunami warning was issued.",
	}}
	return []*document.Document{wire, spin, other}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", name, got)
	}
}

func TestRenderings(t *testing.T) {
	res, err := analysis.Analyze(context.Background(), collection(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		file   string
		render func(*bytes.Buffer, *analysis.Result) error
	}{
		{"collection.json", func(b *bytes.Buffer, r *analysis.Result) error { return JSON(b, r) }},
		{"collection.txt", func(b *bytes.Buffer, r *analysis.Result) error { return Text(b, r) }},
		{"collection.md", func(b *bytes.Buffer, r *analysis.Result) error { return Markdown(b, r) }},
	} {
		t.Run(tt.file, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.render(&b, res); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.file, b.Bytes())
		})
	}
}

// The JSON contract of DESIGN.md: these fields, with these types, always.
func TestJSONContract(t *testing.T) {
	res, err := analysis.Analyze(context.Background(), collection(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := JSON(&b, res); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Documents []map[string]any `json:"documents"`
		Relations []map[string]any `json:"relations"`
		Stories   []map[string]any `json:"stories"`
	}
	if err := json.Unmarshal(b.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	need := func(kind string, m map[string]any, keys ...string) {
		for _, k := range keys {
			if _, ok := m[k]; !ok {
				t.Errorf("%s %v lacks %q", kind, m["id"], k)
			}
		}
	}
	for _, d := range out.Documents {
		need("document", d, "id", "title", "site", "published", "words")
	}
	for _, r := range out.Relations {
		need("relation", r, "a", "b", "relation", "score", "source")
		if s, ok := r["source"].(string); ok && s != r["a"] && s != r["b"] {
			t.Errorf("relation source %q is neither a nor b", s)
		}
	}
	for _, s := range out.Stories {
		need("story", s, "id", "documents", "origin")
	}
	if len(out.Relations) == 0 || len(out.Stories) != 2 {
		t.Errorf("%d relations and %d stories, want some and 2", len(out.Relations), len(out.Stories))
	}
}

// Markdown must not let a title break its tables or inject markup.
func TestMarkdownEscapes(t *testing.T) {
	res, _ := analysis.Analyze(context.Background(), collection(), analysis.Options{})
	var b bytes.Buffer
	if err := Markdown(&b, res); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "<seek>") || strings.Contains(b.String(), "path | to") {
		t.Errorf("title not escaped:\n%s", b.String())
	}
}

func TestCompareText(t *testing.T) {
	docs := collection()
	p := relate.Compare(relate.NewDoc(docs[0]), relate.NewDoc(docs[1]))
	var b bytes.Buffer
	if err := CompareText(&b, p, CompareOptions{Width: 120}); err != nil {
		t.Fatal(err)
	}
	golden(t, "compare.txt", b.Bytes())
	for _, line := range strings.Split(b.String(), "\n") {
		if n := len([]rune(line)); n > 120 && !strings.HasPrefix(line, "  ·") && !strings.HasPrefix(line, "legend") && !strings.HasPrefix(line, "wire") {
			t.Errorf("line of %d columns in a 120-column view: %q", n, line)
		}
	}
	b.Reset()
	if err := CompareJSON(&b, p); err != nil {
		t.Fatal(err)
	}
	golden(t, "compare.json", b.Bytes())
}
