package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stemma-news/stemma/internal/align"
	"github.com/stemma-news/stemma/internal/analysis"
	"github.com/stemma-news/stemma/internal/change"
	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/lineage"
	"github.com/stemma-news/stemma/internal/relate"
)

// hostile are pieces of strings that encoding/json escapes, replaces or
// must leave alone.
var hostile = []string{
	"", "a", "Talks in London", "<script>alert(1)</script>", "&amp;", "a > b < c",
	"\u2028", "\u2029", "x\u2028y\u2029z", "\u2027\u202a", "\x00", "\x01\x1f", "\x7f",
	`"quoted"`, `back\slash`, "\b\f\n\r\t", "\xff", "\xfe\xff", "\xe2\x80", "\xe2\x80\xa8\xe2",
	"\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80", "é", "日本語", "😀", "\ufffd", "\u00a0",
	"\u201cNow,\u201d he said", "é\xff\u2028<", strings.Repeat("long words ", 40),
}

// genString is a few hostile pieces, or random bytes.
func genString(rng *rand.Rand) string {
	if rng.IntN(8) == 0 {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = byte(rng.UintN(256))
		}
		return string(b)
	}
	var sb strings.Builder
	for range rng.IntN(4) {
		sb.WriteString(hostile[rng.IntN(len(hostile))])
	}
	return sb.String()
}

func genStrings(rng *rand.Rand) []string {
	switch rng.IntN(4) {
	case 0:
		return nil
	case 1:
		return []string{}
	}
	ss := make([]string, 1+rng.IntN(4))
	for i := range ss {
		ss[i] = genString(rng)
	}
	return ss
}

// genFloat is a float64 from the corners of encoding/json's formatting:
// the ends of its plain decimals, negative zero, subnormals, and with
// finiteOnly false, infinities and NaN.
func genFloat(rng *rand.Rand, finiteOnly bool) float64 {
	corners := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 0.875, 0.1 + 0.2, 1e-6, -1e-6, 9.999999e-7,
		1e-7, 1.5e-300, 5e-324, 1e20, 1e21, -1e21, 999999999999999999999, 123456789e12, math.MaxFloat64,
		math.SmallestNonzeroFloat64, 1.0 / 3, 2.0 / 3, 1e-10, 12345.678}
	if !finiteOnly && rng.IntN(20) == 0 {
		return []float64{math.NaN(), math.Inf(1), math.Inf(-1)}[rng.IntN(3)]
	}
	switch rng.IntN(5) {
	case 0:
		return corners[rng.IntN(len(corners))]
	case 1:
		return rng.Float64()
	case 2:
		return math.Round(rng.Float64()*1000) / 1000
	case 3:
		return rng.NormFloat64() * math.Pow(10, float64(rng.IntN(60)-30))
	}
	f := math.Float64frombits(rng.Uint64())
	if finiteOnly && !finite(f) {
		return 0
	}
	return f
}

func genInt(rng *rand.Rand) int {
	return []int{0, -1, 1, rng.IntN(1000), math.MaxInt, math.MinInt, int(rng.Int64())}[rng.IntN(7)]
}

func genTime(rng *rand.Rand) time.Time {
	switch rng.IntN(5) {
	case 0:
		return time.Time{}
	case 1:
		return time.Date([]int{-1, 0, 1, 9999, 10000, 123456}[rng.IntN(6)], time.March, 5, 9, 0, 0, 0, time.UTC)
	}
	t := time.Unix(rng.Int64N(4e9), rng.Int64N(1e9))
	switch rng.IntN(3) {
	case 0:
		return t.UTC()
	case 1:
		return t.In(time.FixedZone("<odd>", (rng.IntN(48)-24)*1800+rng.IntN(60)))
	}
	return t
}

func genSummary(rng *rand.Rand) *analysis.Summary {
	d := &analysis.Summary{ID: genString(rng), Title: genString(rng), Site: genString(rng), URL: genString(rng),
		Byline: genString(rng), Origin: genString(rng), Published: genTime(rng), Words: genInt(rng), Lead: genString(rng)}
	if rng.IntN(3) == 0 {
		d.Credits = []document.Credit{}
		for range rng.IntN(3) {
			d.Credits = append(d.Credits, document.Credit{Kind: genString(rng), Text: genString(rng), Name: genString(rng)})
		}
	}
	if rng.IntN(3) == 0 {
		d.Removed = []document.Removal{}
		for range rng.IntN(3) {
			d.Removed = append(d.Removed, document.Removal{Text: genString(rng), Reason: genString(rng), Paragraph: genInt(rng)})
		}
	}
	return d
}

var kinds = []change.Kind{change.Title, change.Name, change.Fact, change.Number, change.QuoteAltered, change.QuoteIndirect,
	change.Claim, change.Date, change.Attribution, change.Credit, change.QuoteDropped, change.Added, change.Dropped}

var relations = []relate.Relation{relate.Duplicate, relate.NearDuplicate, relate.Rewrite, relate.Partial, relate.SameStory, relate.None}

// genPair is a pair with, in some, changes: whether they are against A,
// B, or neither (which the report does not list) is chosen at random.
func genPair(rng *rand.Rand, finiteOnly bool) *relate.Pair {
	p := &relate.Pair{A: &relate.Doc{ID: genString(rng)}, B: &relate.Doc{ID: genString(rng)}, Score: genFloat(rng, finiteOnly),
		Source: genString(rng), Direction: genFloat(rng, finiteOnly), Evidence: genStrings(rng), Sibling: rng.IntN(4) == 0}
	if rng.IntN(2) == 0 {
		p.Direction = 0
	}
	if rng.IntN(8) == 0 {
		p.Relation = relate.Relation(genString(rng))
	} else {
		p.Relation = relations[rng.IntN(len(relations))]
	}
	if rng.IntN(4) > 0 {
		p.Alignment = &align.Alignment{CoverageA: genFloat(rng, finiteOnly), CoverageB: genFloat(rng, finiteOnly)}
	}
	if rng.IntN(3) > 0 {
		l := &change.List{QuotesKept: genStrings(rng), Reworded: rng.IntN(5)}
		for range rng.IntN(5) {
			c := change.Change{Kind: kinds[rng.IntN(len(kinds))], Old: genString(rng), New: genString(rng), Who: genString(rng),
				Source: genInt(rng), Copy: genInt(rng), SourceText: genString(rng), CopyText: genString(rng)}
			if rng.IntN(8) == 0 {
				c.Kind = change.Kind(genString(rng))
			}
			l.Changes = append(l.Changes, c)
		}
		p.Changes = l
		p.ChangesAgainst = []string{p.A.ID, p.B.ID, genString(rng)}[rng.IntN(3)]
	}
	return p
}

func genStory(rng *rand.Rand) *analysis.Story {
	s := &analysis.Story{ID: genString(rng), Documents: genStrings(rng), Origin: genString(rng), Partial: rng.IntN(4) == 0,
		Lineage: &lineage.Lineage{Parent: map[string]string{}}}
	for _, id := range s.Documents {
		if rng.IntN(2) == 0 {
			s.Lineage.Parent[id] = genString(rng)
		}
	}
	switch rng.IntN(3) {
	case 0:
		s.Lineage.Siblings = [][2]string{}
	case 1:
		for range 1 + rng.IntN(3) {
			s.Lineage.Siblings = append(s.Lineage.Siblings, [2]string{genString(rng), genString(rng)})
		}
	}
	return s
}

// checkAppend checks that enc appends what json.MarshalIndent writes of
// the contract's shape of the same value, and fails as it fails.
func checkAppend[T any](t *testing.T, what string, v T, enc func([]byte, T) ([]byte, error), shape any) {
	t.Helper()
	want, wantErr := json.MarshalIndent(shape, "  ", " ")
	// Appended after other bytes, as in a worker's buffer.
	got, err := enc([]byte("before"), v)
	if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
		t.Fatalf("%s %+v: error %v, MarshalIndent's %v", what, shape, err, wantErr)
	}
	if err == nil && (!bytes.HasPrefix(got, []byte("before")) || !bytes.Equal(got[len("before"):], want)) {
		t.Fatalf("%s %+v:\n%s\nMarshalIndent writes\n%s", what, shape, got, want)
	}
}

func checkRelation(t *testing.T, p *relate.Pair) {
	t.Helper()
	l, against := changesOf(p)
	checkAppend(t, "relation", pairChanges{p, l, against}, appendRelation, relationJSON(p, l, against))
}

// The appenders write each element as encoding/json writes its shape,
// whatever the strings and floats in it.
func TestAppendersMatchMarshalIndent(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for range n {
		d := genSummary(rng)
		checkAppend(t, "document", d, appendDocument, documentJSON(d))
		checkRelation(t, genPair(rng, false))
		s := genStory(rng)
		checkAppend(t, "story", s, appendStory, storyJSON(s))
	}
}

// reportJSON is the report as one json.MarshalIndent of it writes it,
// with the relations marshalling fails on left out as JSON leaves them.
func reportJSON(t *testing.T, r *analysis.Result) []byte {
	t.Helper()
	var out struct {
		Documents []jsonDocument `json:"documents"`
		Relations []jsonRelation `json:"relations"`
		Stories   []jsonStory    `json:"stories"`
	}
	out.Documents, out.Relations, out.Stories = []jsonDocument{}, []jsonRelation{}, []jsonStory{}
	for _, d := range r.Documents {
		out.Documents = append(out.Documents, documentJSON(d))
	}
	for _, p := range r.Pairs {
		l, against := changesOf(p)
		if jr := relationJSON(p, l, against); finite(jr.Score) && finite(jr.Direction) {
			out.Relations = append(out.Relations, jr)
		}
	}
	for _, s := range r.Stories {
		out.Stories = append(out.Stories, storyJSON(s))
	}
	b, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// A whole report, over several batches and with relations JSON cannot
// write, is what MarshalIndent writes of it.
func TestJSONMatchesMarshalIndent(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, tt := range []struct {
		n          int
		finiteOnly bool
	}{{0, true}, {1, true}, {jsonBatch, true}, {2*jsonBatch + 3, true}, {2*jsonBatch + 3, false}} {
		t.Run(fmt.Sprintf("%d/finite=%v", tt.n, tt.finiteOnly), func(t *testing.T) {
			r := &analysis.Result{}
			nan := false
			for range tt.n {
				r.Documents = append(r.Documents, genSummary(rng))
				p := genPair(rng, tt.finiteOnly)
				nan = nan || !finite(p.Score) || !finite(p.Direction)
				r.Pairs = append(r.Pairs, p)
				r.Stories = append(r.Stories, genStory(rng))
			}
			var b bytes.Buffer
			err := JSON(&b, r)
			if (err != nil) != nan {
				t.Fatalf("error %v with non-finite floats %v", err, nan)
			}
			want := reportJSON(t, r)
			if err != nil {
				// What was written before the failure, the buffer not
				// flushed.
				if !strings.HasPrefix(err.Error(), "json: unsupported value: ") || !bytes.HasPrefix(want, b.Bytes()) {
					t.Fatalf("error %v after %d bytes that are not the start of MarshalIndent's", err, b.Len())
				}
				return
			}
			if !bytes.Equal(b.Bytes(), want) {
				i := 0
				for i < min(b.Len(), len(want)) && b.Bytes()[i] == want[i] {
					i++
				}
				t.Fatalf("differs from MarshalIndent at byte %d:\n%.300s\nwant\n%.300s", i, b.Bytes()[i:], want[i:])
			}
		})
	}
}

// FuzzAppenders checks the appenders against json.MarshalIndent over
// elements made of two strings, a float and an integer.
func FuzzAppenders(f *testing.F) {
	for i, s := range hostile {
		f.Add(s, hostile[(i+7)%len(hostile)], []float64{0, 1e-7, 1e21, 0.123, math.NaN()}[i%5], i-3)
	}
	f.Add("\xff\xfe", "", math.Inf(-1), math.MinInt)
	f.Add("", "<\u2028>", math.Copysign(0, -1), math.MaxInt)
	f.Fuzz(func(t *testing.T, s, u string, x float64, n int) {
		d := &analysis.Summary{ID: s, Title: u, Site: s + u, URL: u, Byline: s, Origin: u, Words: n,
			Published: time.Unix(int64(n)%(1<<40), 0).In(time.FixedZone(s, n%86400)),
			Credits:   []document.Credit{{Kind: s, Text: u, Name: s}},
			Removed:   []document.Removal{{Text: u, Reason: s, Paragraph: n}}}
		checkAppend(t, "document", d, appendDocument, documentJSON(d))

		p := &relate.Pair{A: &relate.Doc{ID: s}, B: &relate.Doc{ID: u}, Relation: relate.Rewrite, Score: x, Source: u,
			Direction: -x, Evidence: []string{s, u}, Alignment: &align.Alignment{CoverageA: x, CoverageB: 1 - x},
			Changes: &change.List{Changes: []change.Change{
				{Kind: change.Kind(s), Old: s, New: u, Who: u, Source: n, Copy: -n, SourceText: s + u, CopyText: u + s},
				{Kind: change.QuoteAltered, Old: u, New: s, Who: s},
			}, QuotesKept: []string{u}},
			ChangesAgainst: u}
		checkRelation(t, p)

		st := &analysis.Story{ID: s, Documents: []string{s, u}, Origin: u, Partial: n%2 == 0,
			Lineage: &lineage.Lineage{Parent: map[string]string{u: s}, Siblings: [][2]string{{s, u}}}}
		checkAppend(t, "story", st, appendStory, storyJSON(st))
	})
}

// plainASCII passes a word only when jsonSafe marks all its bytes safe,
// whatever byte is where.
func TestPlainASCII(t *testing.T) {
	safe := func(w uint64) bool {
		for range 8 {
			if c := byte(w); c >= utf8.RuneSelf || !jsonSafe[c] {
				return false
			}
			w >>= 8
		}
		return true
	}
	for k := range 8 {
		for c := range 256 {
			w := uint64(0x6161616161616161)&^(0xff<<(8*k)) | uint64(c)<<(8*k)
			if plainASCII(w) != safe(w) {
				t.Errorf("plainASCII(%#016x) = %v", w, plainASCII(w))
			}
		}
	}
	// Words of the bytes either side of the ones it must catch.
	edges := []byte{0, 0x01, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x25, 0x26, 0x27, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f,
		0x5b, 0x5c, 0x5d, 0x7e, 0x7f, 0x80, 0xff, 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a'}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 1_000_000 {
		var w uint64
		for k := range 8 {
			w |= uint64(edges[rng.IntN(len(edges))]) << (8 * k)
		}
		if plainASCII(w) != safe(w) {
			t.Fatalf("plainASCII(%#016x) = %v", w, plainASCII(w))
		}
	}
}
