package textproc

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/words"
	"golang.org/x/text/unicode/norm"

	"github.com/stemma-news/stemma/internal/texttest"
)

// split must find the tokens words.Iterator finds, whatever the text:
// every ASCII byte, and the marks beyond ASCII that join or extend words.
func TestSplitMatchesIterator(t *testing.T) {
	pieces := []string{
		"word", "Word", "WORD", "x", "42", "1,000", "2.5", "U.S.", "don't", "O'Brien's", "a_b", "e.g.",
		"caf\u00e9", "\u00e9t\u00e9", "e\u0301", "\u0301", "\u200d", "\u00ad", "\u05e9", "\u05e9\"\u05e9",
		"\u30ab\u30ab", "\U0001F1FA\U0001F1F8", "\U0001F600", "\u200d\U0001F600", "\u2019", "\u00a0", "\u0130",
		"\u212a", "\xff", "\xe2\x80", "stra\u00dfe", "\u0661\u0662", "\r\n", "  ", "\u3000",
	}
	for c := range utf8.RuneSelf {
		pieces = append(pieces, string(rune(c)))
	}
	r := rand.New(rand.NewPCG(3, 4))
	tk := NewTokenizer(100)
	tk.init()
	for range 50000 {
		text := texttest.Concat(r, pieces, r.IntN(12))
		var want []string
		it := words.FromString(text)
		for it.Next() {
			w := it.Value()
			if r, _ := utf8.DecodeRuneInString(w); unicode.IsLetter(r) || unicode.IsDigit(r) {
				want = append(want, w)
			}
		}
		var got []string
		for _, s := range tk.split(nil, text) {
			got = append(got, text[s.start:s.end])
		}
		if !slices.Equal(got, want) {
			t.Fatalf("split(%q) = %q, want %q", text, got, want)
		}
		if got, want := tk.Tokens(text), Tokens(text); !slices.Equal(got, want) {
			t.Fatalf("Tokens(%q) = %v, want %v", text, got, want)
		}
	}
}

// asciiLowerKey must lower what strings.ToLower lowers, and refuse
// anything beyond ASCII, whatever byte is at whatever place.
func TestASCIILowerKey(t *testing.T) {
	check := func(w string) {
		t.Helper()
		k, changed, ok := asciiLowerKey(w)
		if ok != isASCII(w) {
			t.Fatalf("asciiLowerKey(%q): ok = %v", w, ok)
		}
		if !ok {
			return
		}
		lower := strings.ToLower(w)
		if k != keyOf(lower) || changed != (lower != w) {
			t.Fatalf("asciiLowerKey(%q) = %x, %v; want %x, %v", w, k, changed, keyOf(lower), lower != w)
		}
	}
	for _, w := range []string{"a", "Z", "@", "[", "`", "{", "The", "U.S", "HELLO'S", "mixedCASEword99", "abcdefghijklmno"} {
		check(w)
	}
	for n := 1; n <= maxCachedWord; n++ {
		for p := range n {
			for c := 1; c < 256; c++ {
				b := []byte(strings.Repeat("kQ", 8)[:n])
				b[p] = byte(c)
				check(string(b))
			}
		}
	}
}

// keyOf must hold a word's bytes in order, padded with zeros, so that
// two words have one key only if they are one word.
func TestKeyOf(t *testing.T) {
	tests := []struct {
		w      string
		lo, hi uint64
	}{
		{"a", 0x61, 0},
		{"ab", 0x6261, 0},
		{"abc", 0x636261, 0},
		{"abcd", 0x64636261, 0},
		{"abcdefg", 0x67666564636261, 0},
		{"abcdefgh", 0x6867666564636261, 0},
		{"abcdefghi", 0x6867666564636261, 0x69},
		{"abcdefghijklmno", 0x6867666564636261, 0x6f6e6d6c6b6a69},
	}
	for _, tt := range tests {
		if got := keyOf(tt.w); got != (wordKey{tt.lo, tt.hi}) {
			t.Errorf("keyOf(%q) = %x, want %x %x", tt.w, got, tt.lo, tt.hi)
		}
	}
	seen := map[wordKey]string{}
	for n := 1; n <= maxCachedWord; n++ {
		for _, w := range []string{strings.Repeat("a", n), strings.Repeat("b", n-1) + "a", "z" + strings.Repeat("y", n-1)} {
			if prev, ok := seen[keyOf(w)]; ok && prev != w {
				t.Errorf("keyOf(%q) = keyOf(%q)", w, prev)
			}
			seen[keyOf(w)] = w
		}
	}
}

// A zero Tokenizer makes its caches on first use, of the default size.
func TestZeroTokenizer(t *testing.T) {
	var tk Tokenizer
	text := "The Ukraine's envoys said 1,000 caf\u00e9s closed."
	for range 2 {
		if got, want := tk.Tokens(text), Tokens(text); !slices.Equal(got, want) {
			t.Fatalf("Tokens(%q) = %v, want %v", text, got, want)
		}
	}
	if len(tk.cache.entries) != 2*stemBuckets || len(tk.front.entries) != 2*maxFrontBuckets {
		t.Errorf("caches of %d and %d ways, want %d and %d", len(tk.cache.entries), len(tk.front.entries), 2*stemBuckets, 2*maxFrontBuckets)
	}
}

// quoteFold is what foldTypography must do.
var quoteFold = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201a", "'", "\u201b", "'", "\u2032", "'",
	"\u201c", "\"", "\u201d", "\"", "\u201e", "\"", "\u201f", "\"", "\u2033", "\"",
	"\u00ab", "\"", "\u00bb", "\"",
	"\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2013", "-", "\u2014", "-", "\u2015", "-", "\u2212", "-",
	"\u2026", "...",
	"\u00a0", " ", "\u2009", " ", "\u200a", " ", "\u202f", " ", "\u2007", " ",
	"\u200b", "", "\u200c", "", "\u200d", "", "\ufeff", "",
)

// foldTypography must replace what quoteFold replaces, among other
// runes, broken encodings and encodings cut short, and give back a string
// with nothing to fold as it is; and Fold must give what NFKC and then
// quoteFold give.
func TestFoldTypography(t *testing.T) {
	pieces := []string{
		"a", " ", "'", "\u00e9", "\u00ac", "\u2020", "\u201c", "\u2019", "\u2026", "\u00a0", "\u200b", "\ufeff",
		"\u2212", "\u2033", "\u2032", "\u2011", "\u00bb", "\U0001F600", "\xff", "\xe2", "\xe2\x80", "\xe2\x80\x99", "\x80",
		"\u0301", "e\u0301", "\ufb01", "\u2460", "\uff21", "\u1100\u1161", "\u2009", "\u2014",
	}
	r := rand.New(rand.NewPCG(5, 6))
	for range 50000 {
		s := texttest.Concat(r, pieces, r.IntN(10))
		if got, _ := foldTypography(s, 0, false); got != quoteFold.Replace(s) {
			t.Fatalf("foldTypography(%q) = %q, want %q", s, got, quoteFold.Replace(s))
		}
		if got, want := Fold(s), quoteFold.Replace(norm.NFKC.String(s)); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"caf\u00e9", "caf\u00e9"},
		{"\u201cIt\u2019s\u201d \u2014 over\u2026", "\"It's\" - over..."},
		{"a\u200bb\ufeff", "ab"},
		{"6\u2033 and 5\u2032", "6'' and 5'"}, // NFKC first: a double prime is two primes
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, s := range []string{"caf\u00e9 cr\u00e8me", "plain", "na\u00efve"} {
		if testing.AllocsPerRun(10, func() { Fold(s) }) != 0 {
			t.Errorf("Fold(%q) allocates, with nothing to fold", s)
		}
	}
	// The runes folded without NFKC must be left by it as they are, in
	// any company of ASCII.
	for r := rune(0x80); r < 0x10000; r++ {
		if _, _, stable := typography(r); stable {
			for _, s := range []string{string(r), "a" + string(r) + "b", "'" + string(r) + "'"} {
				if !norm.NFKC.IsNormalString(s) {
					t.Errorf("%q is folded without NFKC, but is not in NFKC", s)
				}
			}
		}
	}
}

func TestIsASCIIAlnum(t *testing.T) {
	for c := range 256 {
		r := rune(c)
		want := c < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
		if got := isASCIIAlnum(byte(c)); got != want {
			t.Errorf("isASCIIAlnum(%#x) = %v, want %v", c, got, want)
		}
	}
}

// alnumBytes and upperBytes must mark each byte as asciiAlnum and
// unicode.IsUpper do, whatever byte is at whatever place and whatever
// bytes are beside it.
func TestAlnumBytes(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for c := range 256 {
		for p := range 8 {
			for range 64 {
				var b [8]byte
				for j := range b {
					b[j] = byte(r.Uint32())
				}
				b[p] = byte(c)
				x := uint64(0)
				for j := range b {
					x |= uint64(b[j]) << (8 * j)
				}
				got := alnumBytes(x)>>(8*p+7)&1 == 1
				if got != asciiAlnum[c] {
					t.Fatalf("alnumBytes(%x): byte %d is %v, want %v", b, p, got, asciiAlnum[c])
				}
				if c >= utf8.RuneSelf {
					continue
				}
				ascii := x &^ highBits
				up := upperBytes(ascii)>>(8*p+7)&1 == 1
				if want := unicode.IsUpper(rune(c)); up != want {
					t.Fatalf("upperBytes(%x): byte %d is %v, want %v", ascii, p, up, want)
				}
			}
		}
	}
}

// normalizeByRune is Normalize as it was, for any text.
func normalizeByRune(s string) string {
	s = strings.ToLower(Fold(s))
	var b strings.Builder
	space := true
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			space = false
		case !space:
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// Normalize must give what reading rune by rune gave, ASCII or not.
func TestNormalizeMatchesByRune(t *testing.T) {
	pieces := []string{"The", "ball", "'s", " ", "  ", "\n", "\t", ".", ",", "-", "42", "Z", "@", "[", "`", "{", "\x7f",
		"\u201c", "\u2019", "\u00e9", "\u00c9", "\u00a0", "\xff", "\u0130", "\u2160", "\u24b6", "\u03a3", "\ufb01", "\u0301"}
	r := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		s := texttest.Concat(r, pieces, r.IntN(10))
		if got, want := Normalize(s), normalizeByRune(s); got != want {
			t.Fatalf("Normalize(%q) = %q, want %q", s, got, want)
		}
	}
	for c := range utf8.RuneSelf {
		s := "A" + string(rune(c)) + "b" + string(rune(c))
		if got, want := Normalize(s), normalizeByRune(s); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", s, got, want)
		}
	}
}
