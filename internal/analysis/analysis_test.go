package analysis

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stemma-news/stemma/internal/clean"
	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/ingest"
	"github.com/stemma-news/stemma/internal/relate"
)

// shared is where CI keeps the evaluation sets, relative to this package.
const shared = "../../../shared"

func readDir(t testing.TB, dir string) []*document.Document {
	t.Helper()
	var docs []*document.Document
	for d, err := range ingest.Read(context.Background(), []string{dir}, ingest.Options{}) {
		if err != nil {
			t.Fatalf("reading %s: %v", dir, err)
		}
		clean.Clean(d)
		docs = append(docs, d)
	}
	return docs
}

func doc(id string, paragraphs ...string) *document.Document {
	return &document.Document{ID: id, Paragraphs: paragraphs}
}

// A small collection written for this test: a report, a paraphrased
// rewrite of it, a verbatim copy, and an unrelated report.
func TestAnalyzeSmall(t *testing.T) {
	original := []string{
		"Officials from Britain, the United States, European nations and Ukraine will meet in London on Wednesday to push for a peace deal between Moscow and Kyiv.",
		"British Defense Secretary John Healey said the meeting follows talks last week in Paris and will consider what a ceasefire might look like.",
		"Secretary of State Marco Rubio, who attended the Paris talks, was unable to come because of a scheduling issue, the State Department said.",
		"Russia has rejected a proposal for an immediate and full 30-day halt in the fighting by imposing far-reaching conditions.",
		"Western analysts say Moscow is in no rush to conclude peace talks because it has battlefield momentum.",
	}
	rewrite := []string{
		"Diplomats from the UK, the US, several European countries and Ukraine are gathering in London on Wednesday in a renewed push for a peace agreement between Kyiv and Moscow.",
		"The meeting follows last week's talks in Paris, British Defence Secretary John Healey said, and will look at what a ceasefire could look like.",
		"Secretary of State Marco Rubio, who took part in the Paris talks, could not attend due to a scheduling conflict, according to the State Department.",
		"Moscow has effectively turned down a proposal for a full 30-day halt to the fighting, setting far-reaching conditions.",
		"According to Western analysts, Moscow is in no hurry to conclude peace talks since it holds battlefield momentum.",
	}
	unrelated := []string{
		"The Boston Red Sox have offered first baseman Mark Teixeira an eight-year contract worth 200 million dollars, a radio host reported on Monday.",
		"The offer would top the reported eight-year, 160 million dollar offers made by the Angels and the Washington Nationals.",
		"Teixeira hit .308 with 33 home runs last season, which he split between the Braves and the Angels.",
	}
	docs := []*document.Document{doc("orig", original...), doc("rw", rewrite...), doc("copy", original...), doc("other", unrelated...)}
	res, err := Analyze(context.Background(), docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[[2]string]*relate.Pair{}
	for _, p := range res.Pairs {
		got[[2]string{p.A.ID, p.B.ID}] = p
	}
	if p := got[[2]string{"orig", "copy"}]; p == nil || p.Relation != relate.Duplicate {
		t.Errorf("orig ~ copy: got %+v, want duplicate", p)
	}
	if p := got[[2]string{"orig", "rw"}]; p == nil || p.Relation != relate.Rewrite && p.Relation != relate.NearDuplicate {
		t.Errorf("orig ~ rw: got %+v, want a rewrite", p)
	}
	for k, p := range got {
		if k[0] == "other" || k[1] == "other" {
			t.Errorf("unrelated report related: %v %s", k, p.Relation)
		}
	}
	if len(res.Stories) != 2 {
		t.Fatalf("%d stories, want 2: %+v", len(res.Stories), res.Stories)
	}
	if n := len(res.Stories[0].Documents); n != 3 {
		t.Errorf("first story has %d documents, want 3", n)
	}
}

func TestAnalyzeCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	docs := []*document.Document{doc("a", "One sentence here about London."), doc("b", "Another one about Paris.")}
	if _, err := Analyze(ctx, docs, Options{}); err == nil {
		t.Error("Analyze on a canceled context returned no error")
	}
}

type truth struct {
	Stories [][]string `json:"stories"`
	Derived []struct {
		Source, Copy string
	} `json:"derived"`
	Siblings [][2]string         `json:"siblings"`
	Removed  map[string][]string `json:"removed"`
}

// The founding example: one story, three rewrites of the wire report with
// the right direction, the independent report derived from nothing.
func TestAnalyzeSeeds(t *testing.T) {
	dir := filepath.Join(shared, "corpus", "seeds")
	raw, err := os.ReadFile(filepath.Join(shared, "corpus", "seeds.truth.json"))
	if err != nil {
		t.Skipf("the seeds are not here (%v): run with ../shared beside the repository", err)
	}
	var tr truth
	if err := json.Unmarshal(raw, &tr); err != nil {
		t.Fatal(err)
	}
	res, err := Analyze(context.Background(), readDir(t, dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Stories) != len(tr.Stories) || len(res.Stories[0].Documents) != len(tr.Stories[0]) {
		t.Errorf("stories %v, want %v", res.Stories, tr.Stories)
	}
	key := func(a, b string) [2]string { return [2]string{min(a, b), max(a, b)} }
	want := map[[2]string]string{}
	for _, d := range tr.Derived {
		want[key(d.Source, d.Copy)] = d.Source
	}
	siblings := map[[2]string]bool{}
	for _, s := range tr.Siblings {
		siblings[key(s[0], s[1])] = true
	}
	found := 0
	for _, p := range res.Pairs {
		k := key(p.A.ID, p.B.ID)
		src, isDerived := want[k]
		switch {
		case isDerived && !p.Relation.Derived():
			t.Errorf("%v: %s, want derived", k, p.Relation)
		case isDerived:
			found++
			if p.Source != src {
				t.Errorf("%v: source %q, want %q; evidence %q", k, p.Source, src, p.Evidence)
			}
		case p.Relation.Derived() && !siblings[k]:
			t.Errorf("%v: %s, want not derived", k, p.Relation)
		}
	}
	if found != len(want) {
		t.Errorf("found %d derived pairs, want %d", found, len(want))
	}
	if o := res.Stories[0].Origin; o != tr.Derived[0].Source {
		t.Errorf("origin %q, want %q", o, tr.Derived[0].Source)
	}
	for _, d := range res.Documents {
		if len(tr.Removed[d.ID]) > 0 && len(d.Removed) == 0 {
			t.Errorf("%s: nothing removed, want %q", d.ID, tr.Removed[d.ID])
		}
	}
}

// BenchmarkECB measures the whole job of `stemma analyze` on the 462
// ecb-dev articles (read, clean, analyse), and beside it the same with
// every pair aligned (no candidate filter), the baseline the filter is
// measured against.
func BenchmarkECB(b *testing.B) {
	dir := filepath.Join(shared, "eval", "ecb-dev", "docs")
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("ecb-dev is not here (%v)", err)
	}
	for _, bc := range []struct {
		name string
		opt  Options
	}{
		{"read+analyze", Options{}},
		{"read+analyze/no-changes", Options{NoChanges: true}},
		{"read+analyze/all-pairs-baseline", Options{CandidateThreshold: -1}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				docs := readDir(b, dir)
				if _, err := Analyze(context.Background(), docs, bc.opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
