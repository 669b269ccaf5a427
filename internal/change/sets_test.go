package change

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/stemma-news/stemma/internal/textproc"
)

// The sorted lists that stand for sets, against the sets.

func TestCommon(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 0}, {"a b c", "b c d", 2}, {"#1 #2 trmp", "#2 trmp", 2}, {"a c e", "b d f", 0},
	} {
		a, b := strings.Fields(tc.a), strings.Fields(tc.b)
		slices.Sort(a)
		slices.Sort(b)
		if got := common(a, b); got != tc.want {
			t.Errorf("common(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		hash := func(w string) bool { return strings.HasPrefix(w, "#") }
		want := false
		for _, w := range a {
			want = want || slices.Contains(b, w) && hash(w)
		}
		if got := shares(a, b, hash); got != want {
			t.Errorf("shares(%q, %q, #) = %v, want %v", tc.a, tc.b, got, want)
		}
	}
}

func TestTitleChanged(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"President", "former President", true},
		{"Russian President", "President", false},
		{"Defense Minister", "Foreign Minister", true},
		{"Defence Minister", "defense minister", false},
		{"spokesman", "Kremlin spokeswoman", false},
		{"Lt. Gen.", "Lieutenant General", false},
		{"acting Secretary of State", "Secretary of State", true},
		{"", "", false},
	} {
		if got := titleChanged(tc.a, tc.b); got != tc.want {
			t.Errorf("titleChanged(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestAdd checks that a change is listed once whatever its case, and
// that texts are told apart as the old key, joined with NULs, told them.
func TestAdd(t *testing.T) {
	f := &finder{srcSent: []string{"s"}, cpSent: []string{"c"}, changed: make([]bool, 1)}
	for _, c := range []Change{
		{Kind: Number, Old: "5 million", New: "9 million", Source: 0, Copy: 0},
		{Kind: Number, Old: "5 Million", New: "9 MILLION", Source: 0, Copy: 0},
		{Kind: Date, Old: "5 million", New: "9 million", Source: 0, Copy: 0},
		{Kind: Added, New: "Ümit said so.", Source: -1, Copy: 0},
		{Kind: Added, New: "ümit SAID so.", Source: -1, Copy: 0},
		{Kind: Claim, Old: "x\x00y", New: "z", Source: 0, Copy: 0},
		{Kind: Claim, Old: "x", New: "y\x00z", Source: 0, Copy: 0},
		{Kind: Claim, Old: "x", New: "y", Source: 0, Copy: 0},
	} {
		f.add(c)
	}
	var got []string
	for _, c := range f.out {
		got = append(got, string(c.Kind)+":"+c.Old+">"+c.New)
	}
	want := []string{"number:5 million>9 million", "date:5 million>9 million", "added:>Ümit said so.", "claim:x\x00y>z", "claim:x>y"}
	if !slices.Equal(got, want) {
		t.Errorf("listed %q, want %q", got, want)
	}
	if !f.changed[0] {
		t.Error("the source sentence of a number change is not marked changed")
	}
	if f.out[0].SourceText != "s" || f.out[0].CopyText != "c" {
		t.Errorf("sentences %q and %q, want s and c", f.out[0].SourceText, f.out[0].CopyText)
	}
}

func TestSpeaker(t *testing.T) {
	f := &finder{tk: tokenizers.Get().(*textproc.Tokenizer)}
	defer tokenizers.Put(f.tk)
	for _, tc := range []struct {
		a, b        string
		same, alike bool
	}{
		{"Dmitry Peskov", "Peskov", true, true},
		{"a senior French official", "the French official", true, true},
		{"a senior French official", "a European official", false, true},
		{"Western analysts", "analysts", true, true},
		{"officials", "the authorities", true, true},
		{"", "Peskov", false, false},
	} {
		if got := f.sameSpeaker(tc.a, tc.b); got != tc.same {
			t.Errorf("sameSpeaker(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.same)
		}
		if got := f.describedAlike(tc.a, tc.b); got != tc.alike {
			t.Errorf("describedAlike(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.alike)
		}
	}
	for _, s := range slices.Sorted(maps.Keys(f.speakers)) {
		if w := f.speakers[s].words; !slices.IsSorted(w) || len(slices.Compact(slices.Clone(w))) != len(w) {
			t.Errorf("words of %q not sorted, each once: %q", s, w)
		}
	}
}

func TestMergeRuns(t *testing.T) {
	for _, tc := range [][][]uint64{
		{},
		{{}},
		{{1, 2, 3}},
		{{1, 1, 5}, {}, {2, 5, 9}, {0}, {9, 9}},
		{{3}, {2}, {1}, {0}, {5}, {4}, {4}},
		{{5, 1}, {2}}, // not sorted: sorted anew
	} {
		var keys []uint64
		runs := []int{0}
		for _, r := range tc {
			keys = append(keys, r...)
			runs = append(runs, len(keys))
		}
		want := slices.Compact(slices.Sorted(slices.Values(keys)))
		if got := mergeRuns(slices.Clone(keys), runs); !slices.Equal(got, want) {
			t.Errorf("mergeRuns(%v) = %v, want %v", tc, got, want)
		}
	}
}

func TestNegator(t *testing.T) {
	negators := strings.Fields(`not no never nor neither none nobody nothing without unable fail fails failed
		refuse refused refuses cannot lack lacks`)
	for _, w := range append(slices.Clone(negators), "", "n", "note", "nothings", "lacking", "won't", "Not", "never-ending", "yet") {
		if got, want := negator(w), slices.Contains(negators, w); got != want {
			t.Errorf("negator(%q) = %v, want %v", w, got, want)
		}
	}
}
