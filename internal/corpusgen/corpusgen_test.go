package corpusgen

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/ingest"
	"github.com/stemma-news/stemma/internal/relate"
	"github.com/stemma-news/stemma/internal/textproc"
)

// evalDir finds the shared eval sets: CI checks the shared data out
// beside the repository, so it is ../shared/eval from the repository root.
func evalDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "eval")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared data not found at %s (it sits beside the repository in CI): %v", dir, err)
	}
	return dir
}

var shared struct {
	once     sync.Once
	material []Material
	pool     *Pool
	err      error
}

// testPool loads the shared material once for all tests.
func testPool(t testing.TB) *Pool {
	t.Helper()
	dir := evalDir(t)
	shared.once.Do(func() {
		shared.material, shared.err = LoadMaterial(context.Background(), dir)
		if shared.err == nil {
			shared.pool, shared.err = NewPool(context.Background(), shared.material)
		}
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.pool
}

// corpus is a generated corpus held in memory, for tests.
type corpus struct {
	docs  []*document.Document
	byID  map[string]*document.Document
	pos   map[string]int
	truth *Truth
}

func generate(t testing.TB, p *Pool, opt Options) *corpus {
	t.Helper()
	c := &corpus{byID: map[string]*document.Document{}, pos: map[string]int{}}
	truth, err := p.Generate(context.Background(), opt, func(d *document.Document) error {
		c.pos[d.ID] = len(c.docs)
		c.docs = append(c.docs, d)
		c.byID[d.ID] = d
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	c.truth = truth
	return c
}

var (
	corpusOnce sync.Once
	corpus5k   *corpus
)

// sharedCorpus is one 5000-article corpus several tests inspect.
func sharedCorpus(t *testing.T) *corpus {
	p := testPool(t)
	corpusOnce.Do(func() { corpus5k = generate(t, p, Options{N: 5000, Seed: 1}) })
	return corpus5k
}

func TestLoadMaterial(t *testing.T) {
	p := testPool(t)
	ms := shared.material
	var ecb, zyte int
	for _, m := range ms {
		switch {
		case strings.HasPrefix(m.ID, "ecb-dev/"):
			ecb++
		case strings.HasPrefix(m.ID, "extraction-zyte/"):
			zyte++
			for _, para := range m.Paragraphs {
				if strings.Contains(para, "\n") || para != strings.TrimSpace(para) || para == "" {
					t.Fatalf("%s: paragraph not split or trimmed: %q", m.ID, para)
				}
			}
		default:
			t.Errorf("unexpected id %q", m.ID)
		}
	}
	if ecb != 462 || zyte < 150 {
		t.Errorf("read %d ecb-dev and %d zyte articles, want 462 and about 180", ecb, zyte)
	}
	reasons := map[string]int{}
	for _, d := range p.Dropped() {
		reasons[d.Reason]++
	}
	kept := p.Material()
	t.Logf("material: %d read, %d kept, dropped %v", len(ms), len(kept), reasons)
	if reasons["derived"] == 0 || reasons["short"] == 0 || len(kept) < 300 {
		t.Errorf("dropped %v, kept %d: ecb-dev holds short texts and wire copies, and most material should stay", reasons, len(kept))
	}
	for _, m := range kept {
		if len(m.Paragraphs) < minParagraphs || m.words() < minWords {
			t.Errorf("%s kept with %d paragraphs, %d words", m.ID, len(m.Paragraphs), m.words())
		}
	}
}

// TestDerivedMaterialPrefilter checks what NewPool relies on: that no
// derived pair of material falls below the word-overlap prefilter, by
// comparing every pair of kept material a little below it, and that no
// derived pair is left among kept material above it.
func TestDerivedMaterialPrefilter(t *testing.T) {
	if testing.Short() {
		t.Skip("compares thousands of pairs")
	}
	p := testPool(t)
	kept := p.Material()
	docs := make([]*relate.Doc, len(kept))
	sets := make([][]uint64, len(kept))
	for i, m := range kept {
		docs[i] = relate.NewDoc(&document.Document{ID: m.ID, Paragraphs: m.Paragraphs})
		sets[i] = wordSet(m.Paragraphs)
	}
	compared := 0
	for i := range kept {
		for j := i + 1; j < len(kept); j++ {
			if overlap(sets[i], sets[j]) < derivedPrefilter-0.1 {
				continue
			}
			compared++
			if pr := relate.Compare(docs[i], docs[j]); pr.Relation.Derived() {
				t.Errorf("kept material %s and %s are %s (word overlap %.2f)", kept[i].ID, kept[j].ID, pr.Relation, overlap(sets[i], sets[j]))
			}
		}
	}
	t.Logf("compared %d pairs", compared)
}

func TestDeterminism(t *testing.T) {
	p := testPool(t)
	hash := func(opt Options) (string, *Truth) {
		var buf bytes.Buffer
		truth, err := p.WriteJSONL(context.Background(), &buf, opt)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%x", sha256.Sum256(buf.Bytes())), truth
	}
	a, ta := hash(Options{N: 3000, Seed: 42, Workers: 1})
	b, tb := hash(Options{N: 3000, Seed: 42, Workers: 4})
	c, _ := hash(Options{N: 3000, Seed: 43})
	if a != b {
		t.Error("the same seed gave different corpora with 1 and 4 workers")
	}
	if fmt.Sprint(ta) != fmt.Sprint(tb) {
		t.Error("the same seed gave different truths")
	}
	if a == c {
		t.Error("different seeds gave the same corpus")
	}
}

func TestExactN(t *testing.T) {
	p := testPool(t)
	for _, n := range []int{0, 1, 2, 7, 100, 2500} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			c := generate(t, p, Options{N: n, Seed: int64(n)})
			if len(c.docs) != n || c.truth.N != n {
				t.Fatalf("emitted %d articles, truth says %d, want %d", len(c.docs), c.truth.N, n)
			}
			prev := epoch
			for i, d := range c.docs {
				if want := fmt.Sprintf("g%07d", i+1); d.ID != want {
					t.Fatalf("article %d has id %q, want %q", i, d.ID, want)
				}
				if gap := d.Published.Sub(prev); gap <= 0 || gap > 10*time.Second {
					t.Fatalf("%s published %v after the previous", d.ID, gap)
				}
				prev = d.Published
				if d.Title == "" || d.Site == "" || len(d.Paragraphs) == 0 {
					t.Fatalf("%s lacks a title, site or text: %+v", d.ID, d)
				}
				if want := "https://" + d.Site + d.Published.Format("/2006/01/02/"); !strings.HasPrefix(d.URL, want) {
					t.Fatalf("%s: url %s does not start with %s", d.ID, d.URL, want)
				}
			}
		})
	}
}

func TestTruthConsistency(t *testing.T) {
	c := sharedCorpus(t)
	tr := c.truth
	family := map[string]int{}
	for f, ids := range tr.Families {
		if len(ids) < 2 || len(ids) > 4 {
			t.Errorf("family %d has %d members, want an original and 1-3 copies", f, len(ids))
		}
		for k, id := range ids {
			if _, ok := c.byID[id]; !ok {
				t.Fatalf("family %d: unknown id %s", f, id)
			}
			if g, dup := family[id]; dup {
				t.Fatalf("%s is in families %d and %d", id, g, f)
			}
			if k > 0 && c.pos[ids[k-1]] >= c.pos[id] {
				t.Errorf("family %d is not in publication order", f)
			}
			family[id] = f
		}
	}
	copies := map[string]bool{}
	kinds := map[Kind]int{}
	chained, maxGap := 0, 0
	for _, pl := range tr.Planted {
		s, okS := c.pos[pl.Source]
		cp, okC := c.pos[pl.Copy]
		if !okS || !okC {
			t.Fatalf("plant %v names an article not emitted", pl)
		}
		if s >= cp {
			t.Errorf("plant %v: the copy was emitted first", pl)
		}
		maxGap = max(maxGap, cp-s)
		if copies[pl.Copy] {
			t.Errorf("%s is planted twice", pl.Copy)
		}
		copies[pl.Copy] = true
		fs, inS := family[pl.Source]
		fc, inC := family[pl.Copy]
		if !inS || !inC || fs != fc {
			t.Errorf("plant %v crosses families (%d, %d)", pl, fs, fc)
		}
		if tr.Families[fc][0] != pl.Source {
			chained++
		}
		kinds[pl.Kind]++
	}
	// Families partition the planted ids: every member but the original
	// is a copy, and every copy is in a family.
	for f, ids := range tr.Families {
		if copies[ids[0]] {
			t.Errorf("family %d's original %s is planted as a copy", f, ids[0])
		}
		for _, id := range ids[1:] {
			if !copies[id] {
				t.Errorf("family %d member %s has no plant", f, id)
			}
		}
	}
	if len(family) != len(copies)+len(tr.Families) {
		t.Errorf("%d family members, %d copies and %d originals", len(family), len(copies), len(tr.Families))
	}

	n := float64(len(tr.Planted))
	share := float64(len(family)) / float64(tr.N)
	t.Logf("family share %.3f, %d families, %d copies, kinds %v, chained %.3f, longest source-copy gap %d",
		share, len(tr.Families), len(tr.Planted), kinds, float64(chained)/n, maxGap)
	if math.Abs(share-defaultFamilyShare) > 0.05 {
		t.Errorf("family share %.3f, want about %.2f", share, defaultFamilyShare)
	}
	if r := float64(chained) / n; math.Abs(r-chainShare) > 0.06 {
		t.Errorf("%.3f of copies are made from a copy, want about %.2f", r, chainShare)
	}
	for _, w := range kindWeights {
		if got := float64(kinds[w.kind]) / n; math.Abs(got-float64(w.weight)/100) > 0.05 {
			t.Errorf("%.3f of copies are %s, want about %.2f", got, w.kind, float64(w.weight)/100)
		}
	}
	if window := min(defaultWindow, tr.N/4); maxGap > 2*window {
		t.Errorf("a copy came %d articles after its source; the window is %d", maxGap, window)
	}
}

// words5 returns the set of 5-word shingles of a text, on normalised
// words.
func words5(paras []string) map[string]bool {
	var ws []string
	for _, p := range paras {
		ws = append(ws, strings.Fields(textproc.Normalize(p))...)
	}
	set := map[string]bool{}
	for i := 0; i+5 <= len(ws); i++ {
		set[strings.Join(ws[i:i+5], " ")] = true
	}
	return set
}

// survival is the share of a's shingles found in b.
func survival(a, b map[string]bool) float64 {
	if len(a) == 0 {
		return 0
	}
	n := 0
	for s := range a {
		if b[s] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

func median(xs []float64) float64 {
	slices.Sort(xs)
	return xs[len(xs)/2]
}

func TestHeavyShingles(t *testing.T) {
	c := sharedCorpus(t)
	var surv []float64
	for _, pl := range c.truth.Planted {
		if pl.Kind == Heavy {
			surv = append(surv, survival(words5(c.byID[pl.Source].Paragraphs), words5(c.byID[pl.Copy].Paragraphs)))
		}
	}
	if len(surv) < 100 {
		t.Fatalf("only %d heavy copies", len(surv))
	}
	m := median(surv)
	t.Logf("%d heavy copies: median 5-shingle survival %.3f, max %.3f", len(surv), m, slices.Max(surv))
	if m >= 0.2 {
		t.Errorf("median share of the source's 5-word shingles in heavy copies is %.3f, want under 0.2", m)
	}
}

// fillers returns the articles in no family.
func (c *corpus) fillers() []*document.Document {
	in := map[string]bool{}
	for _, f := range c.truth.Families {
		for _, id := range f {
			in[id] = true
		}
	}
	var out []*document.Document
	for _, d := range c.docs {
		if !in[d.ID] {
			out = append(out, d)
		}
	}
	return out
}

func sentencesOf(paras []string) []string {
	var out []string
	for _, p := range paras {
		out = append(out, textproc.Sentences(p)...)
	}
	return out
}

func TestFillerUnrelated(t *testing.T) {
	c := sharedCorpus(t)
	fill := c.fillers()
	if len(fill) < 1000 {
		t.Fatalf("only %d filler articles", len(fill))
	}
	// No filler sentence is a sentence of the material.
	material := map[string]bool{}
	for _, m := range shared.pool.Material() {
		for _, s := range sentencesOf(m.Paragraphs) {
			material[textproc.Normalize(s)] = true
		}
	}
	for _, d := range fill[:300] {
		for _, s := range sentencesOf(d.Paragraphs) {
			// The splitter may cut a one-word "sentence" off a name
			// ending in a stop; such fragments say nothing about reuse.
			if countWords(s) >= 4 && material[textproc.Normalize(s)] {
				t.Errorf("%s reuses a sentence of the material: %q", d.ID, s)
			}
		}
	}
	// Pairs of filler articles share no sentence and few shingles.
	var worst, sum float64
	pairs := 0
	for i := 0; i+1 < 400; i += 2 {
		a, b := fill[i], fill[i+1]
		sa := map[string]bool{}
		for _, s := range sentencesOf(a.Paragraphs) {
			sa[textproc.Normalize(s)] = true
		}
		for _, s := range sentencesOf(b.Paragraphs) {
			if countWords(s) >= 4 && sa[textproc.Normalize(s)] {
				t.Errorf("%s and %s share the sentence %q", a.ID, b.ID, s)
			}
		}
		wa, wb := words5(a.Paragraphs), words5(b.Paragraphs)
		s := max(survival(wa, wb), survival(wb, wa))
		worst = max(worst, s)
		sum += s
		pairs++
	}
	t.Logf("filler pairs: mean shared 5-shingles %.4f, worst %.4f", sum/float64(pairs), worst)
	if worst > 0.05 {
		t.Errorf("two filler articles share %.3f of their 5-word shingles, want few", worst)
	}
}

// TestRelateFindsCopies is a sanity check of the planted copies, not a
// tuning target for relate: exact and light copies are what any copy
// detector must find.
func TestRelateFindsCopies(t *testing.T) {
	c := sharedCorpus(t)
	found, total := map[Kind]int{}, map[Kind]int{}
	for _, pl := range c.truth.Planted {
		if total[pl.Kind] >= 150 {
			continue
		}
		total[pl.Kind]++
		pr := relate.Compare(relate.NewDoc(c.byID[pl.Source]), relate.NewDoc(c.byID[pl.Copy]))
		if pr.Relation.Derived() {
			found[pl.Kind]++
		}
	}
	for _, w := range kindWeights {
		t.Logf("%s: relate finds %d of %d", w.kind, found[w.kind], total[w.kind])
	}
	for kind, want := range map[Kind]float64{Exact: 0.95, Light: 0.9} {
		if got := float64(found[kind]) / float64(total[kind]); got < want {
			t.Errorf("relate finds %.2f of %s copies derived, want at least %.2f", got, kind, want)
		}
	}
}

// TestUnrelatedStayUnrelated checks the other side: articles of different
// families, and filler, are not derived from one another.
func TestUnrelatedStayUnrelated(t *testing.T) {
	c := sharedCorpus(t)
	fam := map[string]int{}
	for f, ids := range c.truth.Families {
		for _, id := range ids {
			fam[id] = f + 1
		}
	}
	docs := c.docs[:400]
	rd := make([]*relate.Doc, len(docs))
	for i, d := range docs {
		rd[i] = relate.NewDoc(d)
	}
	false_, pairs := 0, 0
	for i := range docs {
		for j := i + 1; j < min(i+30, len(docs)); j++ {
			if fam[docs[i].ID] != 0 && fam[docs[i].ID] == fam[docs[j].ID] {
				continue
			}
			pairs++
			if pr := relate.Compare(rd[i], rd[j]); pr.Relation.Derived() {
				false_++
				t.Logf("%s and %s: %s", docs[i].ID, docs[j].ID, pr.Relation)
			}
		}
	}
	if false_ > pairs/200 {
		t.Errorf("%d of %d unrelated pairs are related", false_, pairs)
	}
}

func TestJSONLRoundTrip(t *testing.T) {
	p := testPool(t)
	var buf bytes.Buffer
	if _, err := p.WriteJSONL(context.Background(), &buf, Options{N: 300, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	want := generate(t, p, Options{N: 300, Seed: 3})
	i := 0
	for doc, err := range ingest.ParseJSONL(context.Background(), &buf, "corpus.jsonl", ingest.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		w := want.docs[i]
		i++
		if doc.ID != w.ID || doc.Title != strings.Join(strings.Fields(w.Title), " ") || doc.Site != w.Site || doc.URL != w.URL ||
			!doc.Published.Equal(w.Published) || !slices.Equal(doc.Paragraphs, w.Paragraphs) {
			t.Fatalf("read back\n%+v\nwant\n%+v", doc, w)
		}
	}
	if i != 300 {
		t.Fatalf("read back %d records, want 300", i)
	}
}

func TestEmitErrorStops(t *testing.T) {
	p := testPool(t)
	boom := errors.New("disk full")
	n := 0
	_, err := p.Generate(context.Background(), Options{N: 5000, Seed: 1}, func(*document.Document) error {
		if n++; n == 100 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) || n != 100 {
		t.Fatalf("got %v after %d articles, want %v after 100", err, n, boom)
	}

	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	_, err = p.Generate(ctx, Options{N: 5000, Seed: 1}, func(*document.Document) error {
		if n++; n == 10 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n > 11 {
		t.Fatalf("got %v after %d articles, want context.Canceled after 10", err, n)
	}
}

func TestOptionsErrors(t *testing.T) {
	p := testPool(t)
	for _, opt := range []Options{{N: -1}, {N: 10, FamilyShare: 1.5}} {
		if _, err := p.Generate(context.Background(), opt, func(*document.Document) error { return nil }); err == nil {
			t.Errorf("%+v: no error", opt)
		}
	}
	c := generate(t, p, Options{N: 500, Seed: 1, FamilyShare: -1})
	if len(c.truth.Families) != 0 || len(c.truth.Planted) != 0 {
		t.Errorf("FamilyShare < 0 planted %d copies", len(c.truth.Planted))
	}
}

func TestNoUsableMaterial(t *testing.T) {
	_, err := NewPool(context.Background(), []Material{{ID: "a", Paragraphs: []string{"Too short."}}})
	if err == nil {
		t.Fatal("no error for material with nothing usable")
	}
}

func TestAppendJSONChars(t *testing.T) {
	for _, s := range []string{
		"plain", `quote " and \ backslash`, "tab\tnew\nline\r", "\x00\x1f control", "“typographic” – é ü 日本",
		"line\u2028separator\u2029", "bad \xff utf-8", "",
	} {
		got := appendJSONString(nil, s)
		var back string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Errorf("%q: %s does not decode: %v", s, got, err)
			continue
		}
		if want := strings.ToValidUTF8(s, "\uFFFD"); back != want {
			t.Errorf("%q: round trip gave %q", s, back)
		}
	}
}

func TestArticleID(t *testing.T) {
	for i, want := range map[int]string{0: "g0000001", 41: "g0000042", 9_999_998: "g9999999", 9_999_999: "g10000000"} {
		if got := articleID(i); got != want {
			t.Errorf("articleID(%d) = %q, want %q", i, got, want)
		}
	}
}

func TestTitleFromURL(t *testing.T) {
	for _, c := range []struct{ url, want string }{
		{"https://www.wsj.com/articles/google-stadia-microsoft-xcloud-apple-arcade-so-many-ways-to-playand-pay-11574168580", "Google stadia microsoft xcloud apple arcade so many ways to playand pay"},
		{"https://example.com/2019/11/20/tim-cook-on-apple-being-pulled-into-the-enterprise.html", "Tim cook on apple being pulled into the enterprise"},
		{"https://example.com/story/12345", ""},
		{"::bad", ""},
	} {
		if got := titleFromURL(c.url); got != c.want {
			t.Errorf("titleFromURL(%q) = %q, want %q", c.url, got, c.want)
		}
	}
}

func TestNumberShape(t *testing.T) {
	for in, want := range map[string]string{"2008": "YYYY", "1,250": "9,999", "$160": "$999", "3rd": "9#", "21st": "99#", "5-4": "9-9", "2.5": "9.9"} {
		if got := numberShape(in); got != want {
			t.Errorf("numberShape(%q) = %q, want %q", in, got, want)
		}
	}
	g := newGen(&markov{}, rand.NewPCG(1, 2), rand.New(rand.NewPCG(1, 2)))
	for range 200 {
		n := string(g.number(nil, "99#"))
		suffix := n[len(n)-2:]
		want := ordinal(n[len(n)-3], n[len(n)-4] == '1')
		if suffix != want {
			t.Fatalf("ordinal %q, want suffix %q", n, want)
		}
	}
}

func TestFront(t *testing.T) {
	p := testPool(t)
	e := newEditor(rand.New(rand.NewPCG(1, 1)), nil, p.chain, &text{})
	for _, c := range []struct{ in, want string }{
		{"The mayor said the bridge would reopen next spring after repairs.", "The bridge would reopen next spring after repairs, the mayor said."},
		{"The bridge will reopen next spring after the repairs, the mayor said.", "The mayor said that the bridge will reopen next spring after the repairs."},
		{"The bridge will reopen next spring after the repairs, said Jane Doe.", "Jane Doe said that the bridge will reopen next spring after the repairs."},
		{"According to the council, the bridge will reopen next spring.", "The bridge will reopen next spring, according to the council."},
		{"On Tuesday, the council voted to reopen the old bridge.", "The council voted to reopen the old bridge on Tuesday."},
		{"The council voted to reopen the old bridge on Tuesday.", "On Tuesday, the council voted to reopen the old bridge."},
		{"The bridge closed in March because the old piers were unsafe.", "Because the old piers were unsafe, the bridge closed in March."},
		{"“It will not reopen,” he said.", "“It will not reopen,” he said."},
	} {
		if got := e.front(c.in); got != c.want {
			t.Errorf("front(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestIndirect(t *testing.T) {
	p := testPool(t)
	e := newEditor(rand.New(rand.NewPCG(1, 1)), nil, p.chain, &text{})
	for _, c := range []struct{ in, want string }{
		{"“We will rebuild the bridge,” the mayor said.", "The mayor said that we will rebuild the bridge."},
		{`"The repairs are finished," said Jane Doe.`, "Jane Doe said that the repairs are finished."},
		{"“Will it open?” she asked.", ""},
		{"The bridge is open.", ""},
	} {
		got, ok := e.indirect(c.in)
		if !ok {
			got = ""
		}
		if got != c.want {
			t.Errorf("indirect(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSynonymize(t *testing.T) {
	names := map[string]bool{"Jobs": true}
	for _, c := range []struct{ in, want string }{
		// Longest phrase first; punctuation and capitals kept; "said,"
		// is not the phrase "said on".
		{"More than 40 people said, on Monday.", `^(Over|In excess of) 40 (individuals|persons) (stated|noted|explained|remarked), on Monday\.$`},
		// Names are not words: "Bill", and "Jobs" when the text uses it
		// as a name, stay.
		{"Jobs met Bill Gates.", `^Jobs met Bill Gates\.$`},
		// The article follows the new word.
		{"a major goal", `^a (significant|big) (aim|objective)$`},
		{"an attack", `^(an assault|a strike)$`},
		{"They didn't go.", `^They did not go\.$`},
		{"They didn’t go.", `^They did not go\.$`},
	} {
		re := regexp.MustCompile(c.want)
		for seed := range uint64(8) {
			ws, _ := synonymize(rand.New(rand.NewPCG(seed, 1)), splitWords(c.in), 1, -1, names)
			if got := joinWords(ws); !re.MatchString(got) {
				t.Errorf("synonymize(%q) = %q, want %s", c.in, got, c.want)
			}
		}
	}
}

// TestRewordKeepsFacts checks that the word-level rewrites of heavy copies
// keep every name and number of a sentence.
func TestRewordKeepsFacts(t *testing.T) {
	p := testPool(t)
	r := rand.New(rand.NewPCG(3, 3))
	for _, tx := range p.texts[:60] {
		e := newEditor(r, newGen(p.chain, rand.NewPCG(3, 4), r), p.chain, tx)
		for _, para := range tx.paras {
			for _, s := range para {
				out := e.rewordSentence(s)
				for i, w := range splitWords(s) {
					core := strings.TrimSuffix(strings.TrimSuffix(w.core, "'s"), "’s")
					if hasDigit(core) && !strings.Contains(out, core) || i > 0 && isCap(core) && !strings.Contains(out, core) {
						t.Errorf("%q lost %q:\n%s", s, core, out)
					}
				}
			}
		}
	}
}
