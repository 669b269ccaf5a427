package minhash

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/zeebo/xxh3"
)

// vocab is a fixed pseudo-vocabulary large enough that generated texts
// rarely repeat a 5-word shingle by chance.
var vocab = func() []string {
	r := rand.New(rand.NewPCG(1, 2))
	const letters = "abcdefghijklmnopqrstuvwxyz"
	v := make([]string, 5000)
	for i := range v {
		b := make([]byte, 3+r.IntN(7))
		for j := range b {
			b[j] = letters[r.IntN(len(letters))]
		}
		v[i] = string(b)
	}
	return v
}()

// words returns n pseudo-random words drawn with generator r.
func words(r *rand.Rand, n int) []string {
	w := make([]string, n)
	for i := range w {
		w[i] = vocab[r.IntN(len(vocab))]
	}
	return w
}

// replaced returns a copy of w with the words at positions where
// change(i) holds swapped for fresh words not in the vocabulary.
func replaced(w []string, change func(i int) bool) []string {
	out := make([]string, len(w))
	for i, s := range w {
		if change(i) {
			s = fmt.Sprintf("zz%dqq", i)
		}
		out[i] = s
	}
	return out
}

func text(w []string) string { return strings.Join(w, " ") }

// exactJaccard is the Jaccard similarity of the two texts' shingle sets.
func exactJaccard(x *Index, a, b string) float64 {
	sa, sb := x.Shingles(a), x.Shingles(b)
	if len(sa) == 0 && len(sb) == 0 {
		return 0
	}
	inter := 0
	i, j := 0, 0
	for i < len(sa) && j < len(sb) {
		switch {
		case sa[i] == sb[j]:
			inter++
			i++
			j++
		case sa[i] < sb[j]:
			i++
		default:
			j++
		}
	}
	return float64(inter) / float64(len(sa)+len(sb)-inter)
}

func TestDefaults(t *testing.T) {
	x := New(Options{})
	o := x.Options()
	if o.Shingle != 5 || o.Hashes != 128 || o.Threshold != 0.7 || o.BucketCap != 1000 {
		t.Fatalf("defaults = %+v", o)
	}
	if o.Bands != 16 || x.Rows() != 8 {
		t.Fatalf("bands x rows = %d x %d, want 16 x 8", o.Bands, x.Rows())
	}
	if st := SCurveThreshold(o.Bands, x.Rows()); math.Abs(st-0.7) > 0.02 {
		t.Fatalf("S-curve threshold %.3f, want near 0.7", st)
	}
	for _, tc := range []struct {
		hashes int
		thr    float64
	}{{64, 0.5}, {128, 0.8}, {256, 0.7}, {200, 0.9}} {
		x := New(Options{Hashes: tc.hashes, Threshold: tc.thr})
		o := x.Options()
		st := SCurveThreshold(o.Bands, x.Rows())
		if math.Abs(st-tc.thr) > 0.05 {
			t.Errorf("Hashes %d Threshold %.1f: %d bands x %d rows, S-curve threshold %.3f", tc.hashes, tc.thr, o.Bands, x.Rows(), st)
		}
	}
}

func TestAdd(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	base := words(r, 300)
	other := words(r, 300)
	tests := []struct {
		name    string
		a, b    string
		match   bool
		jaccard float64 // checked when > 0: estimated within ±0.1
	}{
		{"identical", text(base), text(base), true, 1},
		{"one word changed in 300", text(base), text(replaced(base, func(i int) bool { return i == 150 })), true, 291.0 / 301},
		{"case, punctuation and spacing only", text(base), strings.ToUpper(strings.Join(base, ",  ")) + ".", true, 1},
		{"unrelated", text(base), text(other), false, 0},
		{"paraphrase, every fifth word changed", text(base), text(replaced(base, func(i int) bool { return i%5 == 2 })), false, 0},
		{"short identical", "Read more.", "read MORE", true, 1},
		{"short different", "Read more.", "Read less.", false, 0},
		{"short with one word of five changed", "the quick brown fox jumps", "the quick brown cat jumps", false, 0},
		{"non-ASCII case folding", "Café RÉSUMÉ über Straße", "café résumé ÜBER straße", true, 1},
		{"empty", "", "", false, 0},
		{"punctuation only", "-- ... !!", "-- ... !!", false, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := New(Options{})
			if m := x.Add(1, x.Signature(tc.a)); m != nil {
				t.Fatalf("first Add returned %v", m)
			}
			m := x.Add(2, x.Signature(tc.b))
			if !tc.match {
				if len(m) != 0 {
					t.Fatalf("got matches %v, want none (exact Jaccard %.3f)", m, exactJaccard(x, tc.a, tc.b))
				}
				return
			}
			if len(m) != 1 || m[0].ID != 1 {
				t.Fatalf("got matches %v, want one with document 1", m)
			}
			if tc.jaccard == 1 && m[0].Jaccard != 1 {
				t.Fatalf("Jaccard %.3f, want 1", m[0].Jaccard)
			}
			if math.Abs(m[0].Jaccard-tc.jaccard) > 0.1 {
				t.Fatalf("Jaccard %.3f, want %.3f ± 0.1", m[0].Jaccard, tc.jaccard)
			}
			if ex := exactJaccard(x, tc.a, tc.b); math.Abs(ex-tc.jaccard) > 1e-9 {
				t.Fatalf("exact Jaccard %.4f, test expects %.4f", ex, tc.jaccard)
			}
		})
	}
}

func TestShingles(t *testing.T) {
	x := New(Options{})
	for _, tc := range []struct {
		text string
		want int
	}{
		{"", 0},
		{" -- ", 0},
		{"one", 1},
		{"one two three four", 1},
		{"one two three four five", 1},
		{"one two three four five six", 2},
		{"One, two; THREE four five six seven!", 3},
		{"a b c d e a b c d e", 5}, // "a b c d e" twice
	} {
		if got := len(x.Shingles(tc.text)); got != tc.want {
			t.Errorf("%q: %d shingles, want %d", tc.text, got, tc.want)
		}
	}
	if a, b := x.Shingles("Hello, World"), x.Shingles("hello world"); len(a) != 1 || len(b) != 1 || a[0] != b[0] {
		t.Errorf("case and punctuation change shingles: %v %v", a, b)
	}
}

func TestSeveralMatches(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	base := words(r, 300)
	x := New(Options{Expect: 10})
	ids := []uint32{40, 7, 99, 12}
	docs := []string{
		text(base),
		text(words(r, 300)),
		text(replaced(base, func(i int) bool { return i == 10 })),
		text(replaced(base, func(i int) bool { return i == 200 })),
	}
	var last []Match
	for i, d := range docs {
		last = x.Add(ids[i], x.Signature(d))
	}
	if len(last) != 2 || last[0].ID != 40 || last[1].ID != 99 {
		t.Fatalf("matches %v, want documents 40 and 99 in order of addition", last)
	}
	if x.Len() != 4 {
		t.Fatalf("Len %d", x.Len())
	}
}

func TestEmptySignature(t *testing.T) {
	x := New(Options{})
	if s := x.Signature("  ,.;  "); s != nil {
		t.Fatalf("signature of a text without words = %v, want nil", s)
	}
	if m := x.Add(1, nil); m != nil || x.Len() != 0 || x.Buckets() != 0 {
		t.Fatalf("Add of empty signature: matches %v, Len %d, Buckets %d", m, x.Len(), x.Buckets())
	}
	if s := x.Signature("one"); len(s) != 128 {
		t.Fatalf("one-word signature has %d slots", len(s))
	}
}

func TestWrongSignatureLengthPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic")
		}
	}()
	New(Options{}).Add(1, make(Signature, 64))
}

// TestEstimate checks the estimated Jaccard against the exact Jaccard of
// the shingle sets on generated pairs across 0.3–1.0.
//
// With 512 hashes every estimate is within ±0.1 (the standard error
// sqrt(J(1-J)/512) is at most 0.022). With the default 128 it is at most
// 0.044, so about 2% of pairs near J=0.5 fall outside ±0.1 by chance
// alone; there the test asks for 95% of pairs within ±0.1, every pair
// within 4 standard errors, and no bias.
func TestEstimate(t *testing.T) {
	for _, tc := range []struct {
		hashes  int
		within  float64 // share of pairs within ±0.1
		maxBias float64
	}{
		{512, 1, 0.01},
		{128, 0.95, 0.02},
	} {
		t.Run(fmt.Sprint(tc.hashes, " hashes"), func(t *testing.T) {
			x := New(Options{Hashes: tc.hashes})
			r := rand.New(rand.NewPCG(3, 4))
			var n, in int
			var sumErr, sumAbs float64
			for trial := 0; trial < 200; trial++ {
				a := words(r, 200+r.IntN(400))
				// Change a random share of the words: each changed word
				// removes up to 5 shingles, so 0–9% changed spans J from
				// 1 to about 0.3.
				p := float64(trial%15) * 0.0065
				b := replaced(a, func(int) bool { return r.Float64() < p })
				ta, tb := text(a), text(b)
				ex := exactJaccard(x, ta, tb)
				if ex < 0.3 {
					continue
				}
				est := x.Signature(ta).Similarity(x.Signature(tb))
				d := est - ex
				if math.Abs(d) <= 0.1 {
					in++
				} else if tc.within == 1 {
					t.Errorf("pair %d: estimated %.3f, exact %.3f", trial, est, ex)
				}
				if se := math.Sqrt(ex * (1 - ex) / float64(tc.hashes)); math.Abs(d) > 4*se+1e-9 {
					t.Errorf("pair %d: estimated %.3f, exact %.3f: more than 4 standard errors", trial, est, ex)
				}
				n++
				sumErr += d
				sumAbs += math.Abs(d)
			}
			if n < 150 {
				t.Fatalf("only %d pairs in 0.3–1.0", n)
			}
			share, bias, mae := float64(in)/float64(n), sumErr/float64(n), sumAbs/float64(n)
			t.Logf("%d pairs: %.1f%% within ±0.1, mean error %+.4f, mean absolute error %.4f", n, 100*share, bias, mae)
			if share < tc.within {
				t.Errorf("%.1f%% of pairs within ±0.1, want %.0f%%", 100*share, 100*tc.within)
			}
			if math.Abs(bias) > tc.maxBias {
				t.Errorf("mean error %+.4f", bias)
			}
		})
	}
}

func TestDeterminism(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	docs := make([]string, 50)
	for i := range docs {
		docs[i] = text(words(r, 20+r.IntN(300)))
	}
	x1, x2 := New(Options{}), New(Options{})
	sigs := make([]Signature, len(docs))
	var wg sync.WaitGroup
	for i := range docs {
		wg.Go(func() { sigs[i] = x1.Signature(docs[i]) })
	}
	wg.Wait()
	for i, d := range docs {
		if s := x2.Signature(d); !equal(s, sigs[i]) {
			t.Fatalf("doc %d: signature differs between indexes or under concurrency", i)
		}
	}
	// Signatures are fixed across runs and machines: a golden digest.
	var buf []byte
	for _, v := range New(Options{}).Signature("The quick brown fox jumps over the lazy dog.") {
		buf = fmt.Appendf(buf, "%08x", v)
	}
	const golden = 0xfebd6ba1c56c291e
	if got := xxh3.Hash(buf); got != golden {
		t.Fatalf("signature digest %#x, want %#x: signatures changed", got, uint64(golden))
	}
}

func equal(a, b Signature) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestDegenerate adds many identical tiny articles: every band of every
// one falls in the same buckets, which must stop growing at the cap so
// that Add stays bounded.
func TestDegenerate(t *testing.T) {
	const n = 20000
	x := New(Options{})
	sig := x.Signature("Read more.")
	capN := x.Options().BucketCap
	for i := range n {
		m := x.Add(uint32(i), sig)
		want := min(i, capN)
		if len(m) != want {
			t.Fatalf("Add %d: %d matches, want %d", i, len(m), want)
		}
		if want > 0 && (m[0].ID != 0 || m[len(m)-1].ID != uint32(want-1) || m[0].Jaccard != 1) {
			t.Fatalf("Add %d: matches %v ... %v", i, m[0], m[len(m)-1])
		}
	}
	if x.Len() != n || x.Buckets() != x.Options().Bands {
		t.Fatalf("Len %d, Buckets %d", x.Len(), x.Buckets())
	}
	for _, l := range x.lists {
		if len(l) > capN {
			t.Fatalf("posting list of %d > cap %d", len(l), capN)
		}
	}
}

func TestBucketCapOne(t *testing.T) {
	x := New(Options{BucketCap: 1})
	sig := x.Signature("same text here")
	for i := range 5 {
		m := x.Add(uint32(i), sig)
		if want := min(i, 1); len(m) != want {
			t.Fatalf("Add %d: %v", i, m)
		}
	}
}

func ExampleIndex() {
	x := New(Options{}) // 5-word shingles, 128 hashes, 16 bands x 8 rows, threshold 0.7
	story := "The central bank raised interest rates by a quarter point on Tuesday, " +
		"citing persistent inflation in services and a tight labour market, " +
		"and signalled that further increases remain possible this year."
	docs := []string{
		story,
		"Local team wins the regional cup after a dramatic penalty shoot-out.",
		strings.Replace(story, "this year", "next year", 1), // a copy with one word changed
	}
	for i, d := range docs {
		for _, m := range x.Add(uint32(i), x.Signature(d)) {
			fmt.Printf("document %d matches %d (Jaccard %.2f)\n", i, m.ID, m.Jaccard)
		}
	}
	// Output:
	// document 2 matches 0 (Jaccard 0.91)
}

// doc500 returns a 500-word text.
func doc500(r *rand.Rand) string {
	w := words(r, 500)
	for i := 11; i < len(w); i += 17 {
		w[i] += "."
	}
	return text(w)
}

func BenchmarkSignature(b *testing.B) {
	x := New(Options{})
	r := rand.New(rand.NewPCG(1, 1))
	docs := make([]string, 64)
	for i := range docs {
		docs[i] = doc500(r)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(docs[0])))
	i := 0
	for b.Loop() {
		x.Signature(docs[i%len(docs)])
		i++
	}
}

// BenchmarkAdd adds distinct signatures of 500-word documents, one in ten
// a near copy of an earlier one. A pool of real signatures is reused with
// every slot xor-ed by a value that depends on the pass and the slot, so
// that documents of one pass keep their pairwise similarities and
// documents of different passes are unrelated. It reports the heap held
// per indexed document.
func BenchmarkAdd(b *testing.B) {
	x := New(Options{})
	r := rand.New(rand.NewPCG(2, 2))
	const pool = 4096
	sigs := make([]Signature, pool)
	var prev []string
	for i := range sigs {
		var w []string
		if i > 0 && i%10 == 0 {
			w = replaced(prev, func(int) bool { return r.IntN(100) == 0 })
		} else {
			w = words(r, 500)
		}
		prev = w
		sigs[i] = x.Signature(text(w))
	}
	sig := make(Signature, x.Options().Hashes)
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before := ms.HeapAlloc
	b.ResetTimer()
	matches, i := 0, 0
	for b.Loop() {
		pass := uint64(i / pool)
		for j, v := range sigs[i%pool] {
			sig[j] = v ^ uint32(pass*0x9e3779b97f4a7c15>>32^uint64(j)*0xbf58476d1ce4e5b9>>40)
		}
		if pass == 0 {
			copy(sig, sigs[i])
		}
		matches += len(x.Add(uint32(i), sig))
		i++
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(int64(ms.HeapAlloc)-int64(before))/float64(i), "heapB/doc")
	b.ReportMetric(float64(matches)/float64(i), "matches/doc")
	runtime.KeepAlive(x)
}
