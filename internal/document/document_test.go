package document

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"unicode"

	"github.com/stemma-news/stemma/internal/texttest"
)

func TestIDFromPath(t *testing.T) {
	tests := map[string]string{
		"a/001_x.txt":          "001_x",
		"a/001_x.html.gz":      "001_x",
		"feed.JSONL.GZ":        "feed",
		"noext":                "noext",
		"/tmp/dir.d/story.htm": "story",
	}
	for in, want := range tests {
		if got := IDFromPath(in); got != want {
			t.Errorf("IDFromPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTextAndWords(t *testing.T) {
	d := &Document{Paragraphs: []string{"One two three.", "Four  five."}}
	if d.Text() != "One two three.\n\nFour  five." || d.Words() != 5 {
		t.Errorf("Text %q Words %d", d.Text(), d.Words())
	}
}

// wordsByRune is countWords as it reads plainly: a rune at a time.
func wordsByRune(s string) int {
	n, in := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

func TestCountWords(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"   ", 0},
		{"one", 1},
		{" one  two\tthree\n", 3},
		{"a\vb\fc\rd", 4},
		{"no\u00a0break\u2003em\u3000ideographic", 4},
		{"next\u0085line", 2},
		{"caf\u00e9 na\u00efve", 2},
		{"bad\xffbyte \xff", 2},
		{"\u200bzero-width is no space", 4},
	}
	for _, tt := range tests {
		if got := countWords(tt.in); got != tt.want || got != wordsByRune(tt.in) {
			t.Errorf("countWords(%q) = %d, want %d (by rune %d)", tt.in, got, tt.want, wordsByRune(tt.in))
		}
	}
}

// TestCountWordsRandom checks the eight-byte reading against wordsByRune
// on strings long enough to span several words of eight bytes, made of
// the bytes around the spaces' bounds (8, 9, 13, 14, 31, 32, 33), spaces
// and no-break spaces beyond ASCII, and broken UTF-8, so that runs of
// space and of non-space start and end at every offset of a word.
func TestCountWordsRandom(t *testing.T) {
	pieces := []string{"a", "Z", " ", "  ", "\t", "\n", "\v", "\f", "\r", "\x08", "\x0e", "\x1f", "!", "\x7f",
		"\u00a0", "\u2003", "\u0085", "\u00e9", "\xff", "\xc2"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		s := texttest.Concat(rng, pieces, rng.IntN(40))
		if got, want := countWords(s), wordsByRune(s); got != want {
			t.Fatalf("countWords(%q) = %d, by rune %d", s, got, want)
		}
	}
}

func FuzzCountWords(f *testing.F) {
	for _, s := range []string{"", "one two", "a\u00a0b", "\xff \xfe", "x\u2028y\u0085z", "\t\n\v\f\r "} {
		f.Add(s)
	}
	f.Add("The minister said\tthat \u00a0the plan  went\r\nahead.")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := countWords(s), wordsByRune(s); got != want {
			t.Errorf("countWords(%q) = %d, by rune %d", s, got, want)
		}
	})
}

func BenchmarkWords(b *testing.B) {
	p := "The minister said on Tuesday that the plan, first announced in March, would go ahead despite objections from three regional councils. "
	d := &Document{Paragraphs: []string{p + p + p, p + p, p + p + p + p}}
	b.SetBytes(int64(len(d.Text())))
	for b.Loop() {
		d.Words()
	}
}

func ExampleIDFromPath() {
	fmt.Println(IDFromPath("corpus/seeds/002_5abee7961dce3776.txt"))
	// Output: 002_5abee7961dce3776
}
