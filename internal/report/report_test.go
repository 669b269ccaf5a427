package report

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/stemma-news/stemma/internal/analysis"
	"github.com/stemma-news/stemma/internal/change"
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
	// An analysis that keeps its change lists on disk renders the same.
	spilt, err := analysis.Analyze(context.Background(), collection(), analysis.Options{SpillChanges: true, SpillDir: t.TempDir()})
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
			var fromDisk bytes.Buffer
			if err := tt.render(&fromDisk, spilt); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(fromDisk.Bytes(), b.Bytes()) {
				t.Errorf("with the change lists on disk:\n%s", fromDisk.Bytes())
			}
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

// Changes carry text from the documents: in Markdown it must not inject
// markup or break the list, in the terminal it must stay on its line, and
// both must keep it short. The terminal lists the first few only.
func TestHostileChanges(t *testing.T) {
	res, err := analysis.Analyze(context.Background(), collection(), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var p *relate.Pair
	for _, q := range res.Pairs {
		if q.Source != "" {
			p = q
		}
	}
	if p == nil {
		t.Fatal("no derived pair in the collection")
	}
	hostile := strings.Repeat("**bold** | pipe <script>x</script> [link](javascript:y) _u_ `c` \\* ", 30)
	l := &change.List{QuotesKept: []string{"<b>Evil</b> | Name"}}
	l.Changes = append(l.Changes, change.Change{Kind: change.Claim, Old: hostile, New: "line\nbreak\x1b[2J\n- item", Source: 0, Copy: 0})
	for range 9 {
		l.Changes = append(l.Changes, change.Change{Kind: change.Number, Old: "4", New: "5", Source: 3, Copy: 3})
	}
	p.Changes, p.ChangesAgainst = l, p.Source

	var b bytes.Buffer
	if err := Markdown(&b, res); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, bad := range []string{"<script>", "<b>", " | pipe", "**bold**", "[link](", "\n- item", "\x1b", " \\* "} {
		if strings.Contains(md, bad) {
			t.Errorf("Markdown has %q unescaped", bad)
		}
	}
	if n := strings.Count(md, "\n- number: "); n != 9 {
		t.Errorf("Markdown lists %d of the 9 number changes", n)
	}
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "- claim: ") && (!strings.Contains(line, "…") || len([]rune(line)) > 2*len(hostile)/5) {
			t.Errorf("the claim is not shortened: %d runes", len([]rune(line)))
		}
	}

	b.Reset()
	if err := Text(&b, res); err != nil {
		t.Fatal(err)
	}
	txt := b.String()
	if strings.Contains(txt, "\nbreak") || strings.Contains(txt, "\x1b") {
		t.Errorf("a change's text broke out of its line:\n%s", txt)
	}
	if n := strings.Count(txt, "- number: "); n != 7 || !strings.Contains(txt, "… and 2 more\n") {
		t.Errorf("the terminal report lists %d number changes, want the first 8 changes and a count of the rest:\n%s", n, txt)
	}
	if !strings.Contains(txt, "quotes kept verbatim: <b>Evil</b> | Name\n") {
		t.Errorf("no quotes kept line:\n%s", txt)
	}
}

func TestCompareText(t *testing.T) {
	docs := collection()
	p := relate.Compare(relate.NewDoc(docs[0]), relate.NewDoc(docs[1]))
	p.FindChanges() // as the compare command does
	compareGoldens(t, p, "compare")
}

// compareGoldens checks the side-by-side view and the JSON of a comparison
// against name.txt and name.json. The lines above the view (evidence and
// changes, one line each) and the legend are exempt from its width.
func compareGoldens(t *testing.T, p *relate.Pair, name string) {
	t.Helper()
	var b bytes.Buffer
	if err := CompareText(&b, p, CompareOptions{Width: 120}); err != nil {
		t.Fatal(err)
	}
	golden(t, name+".txt", b.Bytes())
	head, view, _ := strings.Cut(b.String(), "\n\n")
	for _, line := range strings.Split(view, "\n") {
		if n := len([]rune(line)); n > 120 && !strings.HasPrefix(line, "legend") {
			t.Errorf("line of %d columns in a 120-column view: %q", n, line)
		}
	}
	for _, line := range strings.Split(head, "\n") {
		if strings.ContainsFunc(line, unicode.IsControl) {
			t.Errorf("control character in %q", line)
		}
	}
	b.Reset()
	if err := CompareJSON(&b, p); err != nil {
		t.Fatal(err)
	}
	golden(t, name+".json", b.Bytes())
}

// bridge is a source and a copy that changes a figure, keeps a quote word
// for word, leaves a sentence out and adds one: every way a row of the
// side-by-side view can carry a change.
func bridge() (src, cp *document.Document) {
	src = &document.Document{ID: "agency", Title: "Bridge approved", Published: time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC), Paragraphs: []string{
		"The city council approved a budget of 4.2 million euros for the new bridge on Tuesday.",
		"\u201cThis bridge will connect two neighbourhoods that have been apart for decades,\u201d said Anna Berg, the mayor.",
		"Construction is expected to begin in March and last two years, according to the council's planning office.",
		"The opposition criticised the cost, saying the money should have gone to the city's crumbling schools instead.",
		"The old ferry service across the river will continue to run until the bridge opens to traffic.",
	}}
	cp = &document.Document{ID: "paper", Title: "Council backs bridge", Published: time.Date(2024, 3, 5, 15, 0, 0, 0, time.UTC), Paragraphs: []string{
		"The city council approved a budget of 5.2 million euros for the new bridge on Tuesday.",
		"\u201cThis bridge will connect two neighbourhoods that have been apart for decades,\u201d said Anna Berg, the mayor.",
		"Construction should begin in March and take two years, according to the council's planning office.",
		"The old ferry service across the river will keep running until the bridge opens to traffic.",
		"Shopkeepers along the waterfront hope the crossing will bring more customers to their businesses.",
	}}
	return src, cp
}

func TestCompareChanges(t *testing.T) {
	src, cp := bridge()
	// The copy first: the rows are in its order, and the changes, which
	// count sentences as source and copy, must still land on theirs.
	p := relate.Compare(relate.NewDoc(cp), relate.NewDoc(src))
	if p.Source != src.ID {
		t.Fatalf("source %q, want %q", p.Source, src.ID)
	}
	p.FindChanges()
	kinds := map[change.Kind]bool{}
	for _, c := range p.Changes.Changes {
		kinds[c.Kind] = true
	}
	if !kinds[change.Number] || !kinds[change.Added] || !kinds[change.Dropped] || len(p.Changes.QuotesKept) == 0 {
		t.Fatalf("the fixture no longer shows a number, an added and a dropped sentence and a kept quote: %+v", p.Changes)
	}
	compareGoldens(t, p, "compare-changes")
	var b bytes.Buffer
	if err := CompareText(&b, p, CompareOptions{Width: 120}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"(near 0.88)  ← number", "← added", "← dropped", "quotes kept verbatim: Anna Berg"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %q in\n%s", want, b.String())
		}
	}

	// With no direction known, the changes are against the document the
	// reader names, and the view says so.
	p = relate.Compare(relate.NewDoc(src), relate.NewDoc(cp))
	p.Source = ""
	p.FindChangesAgainst(src.ID)
	b.Reset()
	if err := CompareText(&b, p, CompareOptions{Width: 120}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "changes (paper against agency, taken as the source):") {
		t.Errorf("the view does not say which document the changes are against:\n%s", b.String())
	}
}

// A report longer than a batch of elements comes out whole, in order,
// and indented as one json.MarshalIndent of it would be.
func TestJSONBatches(t *testing.T) {
	res := &analysis.Result{}
	for i := range 3*jsonBatch + 7 {
		res.Documents = append(res.Documents, &analysis.Summary{ID: fmt.Sprintf("d%d", i), Title: fmt.Sprintf("Title %d", i), Words: i})
	}
	var b bytes.Buffer
	if err := JSON(&b, res); err != nil {
		t.Fatal(err)
	}
	var compact, indented bytes.Buffer
	if err := json.Compact(&compact, b.Bytes()); err != nil {
		t.Fatal(err)
	}
	if err := json.Indent(&indented, compact.Bytes(), "", " "); err != nil {
		t.Fatal(err)
	}
	indented.WriteByte('\n')
	if !bytes.Equal(indented.Bytes(), b.Bytes()) {
		t.Errorf("not indented as MarshalIndent would:\n%.600s", b.Bytes())
	}
	var out struct {
		Documents []struct {
			ID string `json:"id"`
		} `json:"documents"`
	}
	if err := json.Unmarshal(b.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Documents) != len(res.Documents) {
		t.Fatalf("%d documents, want %d", len(out.Documents), len(res.Documents))
	}
	for i, d := range out.Documents {
		if d.ID != res.Documents[i].ID {
			t.Fatalf("document %d is %s, want %s", i, d.ID, res.Documents[i].ID)
		}
	}
}
