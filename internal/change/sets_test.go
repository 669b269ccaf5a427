package change

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/stemma-news/stemma/internal/align"
	"github.com/stemma-news/stemma/internal/textproc"
)

// The sets, and the fast paths, against what they stand for.

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

func TestStringSet(t *testing.T) {
	for _, words := range [][]string{
		{},
		{""},
		{"a", "b", "a", "c"},
		strings.Fields("the the the cat sat on the mat and the dog sat on the cat"),
		strings.Fields(strings.Repeat("a b c d e f g h i j k l m n o p q r s t u v w x y z ", 3) + "aa bb cc dd ee ff gg hh ii jj kk"),
	} {
		s := newStringSet(len(words) / 8)
		for _, w := range words {
			s.add(w)
		}
		for _, w := range []string{"", "a", "b", "c", "d", "the", "cat", "ca", "cats", "mat", "dog", "x", "z", "kk", "ll"} {
			if got, want := s.has(w), slices.Contains(words, w); got != want {
				t.Errorf("set of %q has %q: %v, want %v", words, w, got, want)
			}
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

func TestPrefix(t *testing.T) {
	words := []string{"", "a", "a\x00", "ab", "abcdefgh", "abcdefghi", "abcdefgh\x00", "abcdefgz", "b", "zelenskyy", "ümit", "\xff", "\x00"}
	for _, a := range words {
		for _, b := range words {
			if pa, pb := prefix(a), prefix(b); pa != pb && (pa < pb) != (a < b) {
				t.Errorf("prefix(%q) = %x, prefix(%q) = %x: out of order", a, pa, b, pb)
			}
		}
	}
}

func TestLowerEqual(t *testing.T) {
	words := []string{"", "a", "A", "ab", "aB", "Ümit", "ümit", "ÜMIT", "İ", "i", "I", "\u212a", "k", "K", "ß", "ẞ",
		"\xff", "\ufffd", "\xffa", "\ufffdA", "Σ", "σ", "ς", "ǅ", "ǆ", "Ǆ", "x\x00y", "X\x00Y", "said so.", "SAID SO."}
	for _, a := range words {
		for _, b := range words {
			if got, want := lowerEqual(a, b), strings.ToLower(a) == strings.ToLower(b); got != want {
				t.Errorf("lowerEqual(%q, %q) = %v, want %v", a, b, got, want)
			}
		}
	}
}

// TestDiffer checks the differ against align.Diff, step by step, on
// sentences made of words that differ in case, punctuation, typography
// and spacing.
func TestDiffer(t *testing.T) {
	words := []string{"the", "The", "THE", "said", "said,", "Said.", "Peskov", "Peskov's", "“quoted”", "\"quoted\"", "—", "-", "--",
		"...", ",", "Ümit", "ümit", "İstanbul", "x\u00a0y", "1,000", "30-day", "U.S.", "US", "(who", "bonus),", "\xff", "ﬁne", "fine",
		"a", "b", "c", "d", "e"}
	seps := []string{" ", " ", " ", "  ", "\t", "\n", "\u00a0", "\u2003"}
	seed := uint64(3)
	rnd := func(n int) int {
		seed = seed*6364136223846793005 + 1442695040888963407
		return int((seed >> 33) % uint64(n))
	}
	sentence := func() string {
		var b strings.Builder
		for range rnd(14) {
			b.WriteString(words[rnd(len(words))])
			b.WriteString(seps[rnd(len(seps))])
		}
		return b.String()
	}
	var d differ
	for range 20000 {
		a, b := sentence(), sentence()
		if rnd(3) == 0 {
			b = a[:rnd(len(a)+1)] + sentence() + a[rnd(len(a)+1):]
		}
		want := align.Diff(a, b)
		got := d.diff(a, b)
		ok := len(got) == len(want)
		for k := 0; ok && k < len(got); k++ {
			op := got[k]
			ok = op.kind == want[k].Kind && d.text(op) == want[k].Text
			if op.kind == align.Equal {
				ok = ok && strings.Join(d.b[op.b0:op.b1], " ") == want[k].B
			}
		}
		if !ok {
			t.Fatalf("diff of %q and %q: %+v, want %+v", a, b, got, want)
		}
	}
}

func TestAppendNormalized(t *testing.T) {
	for c0 := range 128 {
		for c1 := range 128 {
			for _, w := range []string{string([]byte{byte(c0), byte(c1)}), string([]byte{byte(c0), 'a', byte(c1)}), "x" + string([]byte{byte(c0), byte(c1)})} {
				want := textproc.Normalize(w)
				if want == "" {
					want = w
				}
				if got := string(appendNormalized(nil, w)); got != want {
					t.Fatalf("appendNormalized(%q) = %q, want %q", w, got, want)
				}
			}
		}
	}
}

func TestShorten(t *testing.T) {
	// shortened is shorten as it was, through the runes.
	shortened := func(s string, n int) string {
		r := []rune(s)
		if len(r) <= n {
			return s
		}
		cut := string(r[:n])
		if i := strings.LastIndexByte(cut, ' '); i > n/2 {
			cut = cut[:i]
		}
		return cut + "…"
	}
	for _, s := range []string{"", "a", "short one", "a sentence of some length that goes on", "Ümit Özdağ said “so” — twice, and again",
		"x\xffy z w v u t s r q", "\xff\xfe\xfd abc def ghi", strings.Repeat("é ", 40), strings.Repeat("word ", 50)} {
		for n := range 30 {
			if got, want := shorten(s, n), shortened(s, n); got != want {
				t.Errorf("shorten(%q, %d) = %q, want %q", s, n, got, want)
			}
		}
	}
}

func TestChangeString(t *testing.T) {
	// described is Change.String as it was, through fmt.
	described := func(c Change) string {
		q := func(s string) string { return "'" + shorten(s, 160) + "'" }
		switch c.Kind {
		case Added:
			return fmt.Sprintf("added, not in the source: %s", q(c.New))
		case Dropped:
			return fmt.Sprintf("dropped: %s", q(c.Old))
		case QuoteDropped:
			return fmt.Sprintf("quote of %s dropped: %s", orSomeone(c.Who), q(c.Old))
		case QuoteIndirect:
			return fmt.Sprintf("quote of %s made indirect: %s became %s", orSomeone(c.Who), q(c.Old), q(c.New))
		case QuoteAltered:
			return fmt.Sprintf("quote of %s altered: %s became %s", orSomeone(c.Who), q(c.Old), q(c.New))
		case Credit:
			if c.New == "" {
				return fmt.Sprintf("credit missing: the source credits %s, the copy no one", q(c.Old))
			}
			if c.Old == "" {
				return fmt.Sprintf("credit: the copy credits %s", q(c.New))
			}
			return fmt.Sprintf("credit changed: %s became %s", q(c.Old), q(c.New))
		case Name:
			what := "name"
			if c.Who != "" && c.Who != "name" {
				what = c.Who + " name"
			}
			return fmt.Sprintf("%s spelled differently: %s became %s", what, q(c.Old), q(c.New))
		}
		return fmt.Sprintf("%s: %s became %s", c.Kind, q(c.Old), q(c.New))
	}
	texts := []string{"", "5 million", "a %s of 100% \xff", strings.Repeat("a long sentence, ", 20)}
	for kind := range weight {
		for _, who := range []string{"", "name", "person", "Jane Doe"} {
			for _, old := range texts {
				for _, new := range texts {
					c := Change{Kind: kind, Old: old, New: new, Who: who}
					if got, want := c.String(), described(c); got != want {
						t.Errorf("%#v.String() = %q, want %q", c, got, want)
					}
				}
			}
		}
	}
}

// TestNoChanges checks that a list of no changes holds nil, as it did
// before finders were lent from one Find to the next: its JSON says so.
func TestNoChanges(t *testing.T) {
	src := align.NewText([]string{"The minister said the plan would cost 5 million dollars. Officials met on Monday to discuss it."})
	cp := align.NewText([]string{"The minister said the plan would cost 9 million dollars."})
	for range 3 {
		l := Find(Side{Text: src}, Side{Text: cp}, []align.Link{{A: 0, B: 0, Kind: align.Paraphrase}})
		if len(l.Changes) == 0 {
			t.Fatal("no changes listed for a changed figure")
		}
		l = Find(Side{Text: src}, Side{Text: src}, []align.Link{{A: 0, B: 0, Kind: align.Verbatim}, {A: 1, B: 1, Kind: align.Verbatim}})
		if l.Changes != nil || l.QuotesKept != nil {
			t.Fatalf("a copy of no changes lists %#v", l)
		}
	}
}
