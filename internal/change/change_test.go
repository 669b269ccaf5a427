package change_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stemma-news/stemma/internal/align"
	"github.com/stemma-news/stemma/internal/change"
	"github.com/stemma-news/stemma/internal/clean"
	"github.com/stemma-news/stemma/internal/ingest"
	"github.com/stemma-news/stemma/internal/relate"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// changes reads two article files as the program does and lists what
// the second changed against the first.
func changes(t *testing.T, source, copy string) *change.List {
	t.Helper()
	var docs []*relate.Doc
	for _, path := range []string{source, copy} {
		for d, err := range ingest.Read(context.Background(), []string{path}, ingest.Options{}) {
			if err != nil {
				t.Fatal(err)
			}
			clean.Clean(d)
			d.ID = path // the pairs' files share names
			docs = append(docs, relate.NewDoc(d))
		}
	}
	p := relate.Compare(docs[0], docs[1])
	if !p.Relation.Derived() {
		t.Fatalf("%s and %s are not related (score %.2f): nothing to list", source, copy, p.Score)
	}
	p.FindChangesAgainst(docs[0].ID)
	return p.Changes
}

func render(l *change.List) string {
	var b strings.Builder
	for _, c := range l.Changes {
		fmt.Fprintf(&b, "%s\n    source %d, copy %d\n", c, c.Source, c.Copy)
	}
	if len(l.QuotesKept) > 0 {
		fmt.Fprintf(&b, "quotes kept: %s\n", strings.Join(l.QuotesKept, "; "))
	}
	return b.String()
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", path, got)
	}
}

// TestPairs runs the small pairs of testdata/pairs, each written with one
// kind of change planted (want.txt, read by a person) or none. It checks
// the output against its golden file, that the controls get no change at
// all, and that most planted changes are found with the right kind; the
// misses are logged, as they are what to work on next.
func TestPairs(t *testing.T) {
	dirs, err := filepath.Glob("testdata/pairs/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no pairs in testdata/pairs: %v", err)
	}
	planted, found := 0, 0
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			l := changes(t, filepath.Join(dir, "source.txt"), filepath.Join(dir, "copy.txt"))
			golden(t, filepath.Join(dir, "changes.golden"), render(l))
			want, err := os.ReadFile(filepath.Join(dir, "want.txt"))
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(string(want)), "\n")
			if strings.TrimSpace(string(want)) == "" {
				if len(l.Changes) > 0 {
					t.Errorf("a faithful copy, but changes were listed:\n%s", render(l))
				}
				return
			}
			// Each planted change is found when a change of its kind is
			// listed, one listed change per planted one.
			have := map[change.Kind]int{}
			for _, c := range l.Changes {
				have[c.Kind]++
			}
			for _, line := range lines {
				kind, _, _ := strings.Cut(line, ":")
				planted++
				if have[change.Kind(kind)] > 0 {
					have[change.Kind(kind)]--
					found++
				} else {
					t.Logf("missed: %s", line)
				}
			}
		})
	}
	t.Logf("planted changes found: %d of %d", found, planted)
	if float64(found) < 0.7*float64(planted) {
		t.Errorf("found %d of %d planted changes, want at least 70%%", found, planted)
	}
}

// TestSeeds checks the changes that ../shared/corpus/seeds.truth.json
// lists for the two rewrites of the seeds.
func TestSeeds(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "seeds")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("the seeds are not beside the clone (%v)", err)
	}
	source := filepath.Join(dir, "002_5abee7961dce3776.txt")
	type want struct {
		kind     change.Kind
		old, new string // substrings
	}
	for _, tc := range []struct {
		copy  string
		want  []want
		kept  []string
		limit int // at most this many changes in all
	}{
		{"001_b81c5c988f4b0327.txt", []want{
			{change.Title, "President Donald Trump", "former President Donald Trump"},
			{change.Fact, "Trump administration", "Trump campaign"},
			{change.Added, "", "highlighting that time may be running out"},
		}, []string{"Pares", "Zelenskyy", "Peskov", "Trump"}, 10},
		{"003_2bdf8af0f159c7e7.txt", []want{
			{change.Title, "President Donald Trump", "former President Donald Trump"},
			{change.Name, "Volodymyr Zelenskyy", "Vladimir Zelensky"},
			{change.Name, "Kyiv", "Kiev"},
			{change.QuoteIndirect, "the settlement issue is so complex", "Peskov"},
			{change.QuoteDropped, "the ball's in Russia's court", ""},
			{change.Claim, "imposing far-reaching conditions", "citing demands it considers unrealistic"},
		}, nil, 15},
	} {
		t.Run(tc.copy, func(t *testing.T) {
			l := changes(t, source, filepath.Join(dir, tc.copy))
			golden(t, filepath.Join("testdata", "seeds-"+strings.TrimSuffix(tc.copy, ".txt")+".golden"), render(l))
			for _, w := range tc.want {
				found := false
				for _, c := range l.Changes {
					if c.Kind == w.kind && strings.Contains(c.Old, w.old) && strings.Contains(c.New, w.new) {
						found = true
					}
				}
				if !found {
					t.Errorf("no %s change %q -> %q in:\n%s", w.kind, w.old, w.new, render(l))
				}
			}
			for _, who := range tc.kept {
				if !strings.Contains(strings.Join(l.QuotesKept, " "), who) {
					t.Errorf("quotes of %s not listed as kept: %v", who, l.QuotesKept)
				}
			}
			if len(l.Changes) > tc.limit {
				t.Errorf("%d changes listed, want at most %d:\n%s", len(l.Changes), tc.limit, render(l))
			}
		})
	}
}

// The meaning-changing kinds come before added and dropped sentences.
func TestRanking(t *testing.T) {
	src := align.NewText([]string{
		"President Ana Lopez said the bridge would cost 5 million dollars.",
		"The council will vote on the plan next month, officials said.",
		"Work on the old bridge stopped in the winter after inspectors found cracks in two of its piers.",
	})
	cp := align.NewText([]string{
		"Former President Ana Lopez said the bridge would cost 9 million dollars.",
		"The council will vote on the plan next month, officials said.",
		"Critics of the mayor have long accused the city of wasting money on showcase projects.",
	})
	l := change.Find(change.Side{Text: src}, change.Side{Text: cp}, align.Align(src, cp).Links)
	var kinds []string
	for _, c := range l.Changes {
		kinds = append(kinds, string(c.Kind))
	}
	if got, want := strings.Join(kinds, ","), "title,number,added,dropped"; got != want {
		t.Errorf("kinds in order %s, want %s:\n%s", got, want, render(l))
	}
}

func ExampleFind() {
	source := align.NewText([]string{"President Ana Lopez said the bridge would cost 5 million dollars."})
	copy := align.NewText([]string{"Former President Ana Lopez said the bridge would cost 9 million dollars."})
	l := change.Find(change.Side{Text: source}, change.Side{Text: copy}, align.Align(source, copy).Links)
	for _, c := range l.Changes {
		fmt.Println(c)
	}
	// Output:
	// title: 'President Ana Lopez' became 'Former President Ana Lopez'
	// number: '5 million' became '9 million'
}
