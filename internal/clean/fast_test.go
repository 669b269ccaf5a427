package clean

import (
	"fmt"
	"math/rand/v2"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stemma-news/stemma/internal/textproc"
	"golang.org/x/text/unicode/norm"
)

// The tests here hold the fast paths of the package to the plain
// functions they stand in for, on the shared sets' paragraphs and on
// texts made to hit the corners (other scripts, invalid UTF-8, characters
// NFKC changes, case variants outside ASCII).

var awkward = []string{
	"", " ", "a", "7", "é", "\u200b", "x\xff\xfey", "\xe2\x80\u200b\x99 broken", "e\u0301 café", "ﬁne ﬂour",
	"ſhare this article", "Kelvin \u212a", "İstanbul ıi", "Straße STRASSE", "ΣΊΣΥΦΟΣ σίσυφος.",
	"Что вас вдохновило? Это всё. Да!", "中文段落。中文段落。", "١٢٣ ٤٥ numbers", "Ⅻ ½ ²",
	"“Quoted,” he said — “really.”  Next… one.", "A.  B.\tC.\nD.", "By Jane Doe, Reuters", "ADVERTISEMENT", "- Advertisement -",
	"Story continues below advertisement", "(Reporting by Will Dunham; Editing by Tom Brown)", "46", "1.2K shares",
	"Photo: Reuters", "Jane Doe/Getty Images", "About the author", "He has 5 years of experience.",
	"Novikov reported from Kyiv and Madhani from Washington. Angela Charlton in Paris contributed.",
}

// realTexts is every paragraph of the shared sets, the sentences of the
// short ones (those the contributor rule splits) and the awkward texts.
func realTexts() []string {
	out := slices.Clone(awkward)
	for _, d := range loadCorpus() {
		for _, p := range d.Paragraphs {
			out = append(out, p)
			if l := newLine(p); l.words <= 60 {
				out = append(out, textproc.Sentences(l.key)...)
			}
		}
	}
	return out
}

func TestFields(t *testing.T) {
	for _, s := range realTexts() {
		f := strings.Fields(s)
		digits := 0
		for _, w := range f {
			if r, _ := utf8.DecodeRuneInString(w); unicode.IsDigit(r) {
				digits++
			}
		}
		if n, d := fields(s); n != len(f) || d != digits {
			t.Errorf("fields(%q) = %d, %d, want %d, %d", s, n, d, len(f), digits)
		}
	}
}

func TestSentences(t *testing.T) {
	extra := []string{"  ", "One.", " One. ", "One.Two", "One. ", "One.\u00a0Two", "One.\u0085Two", "One.\u2028Two",
		"One.\x85Two", "One?! \"Two", "Mr. Smith", "Hi! Yo", "a.b.c", "Ends.\t", "\tStarts. Two"}
	for _, s := range append(realTexts(), extra...) {
		for _, key := range []string{s, newLine(s).key} {
			var one [1]string
			if got, want := sentences(key, &one), textproc.Sentences(key); !slices.Equal(got, want) {
				t.Errorf("sentences(%q) = %q, want %q", key, got, want)
			}
		}
	}
}

func TestLowerASCII(t *testing.T) {
	texts := realTexts()
	for n := range 600 { // every length around the word size and the stack buffer
		texts = append(texts, strings.Repeat("AZaz@[`{09 ", n)[:n])
	}
	for _, s := range texts {
		if isASCII(s) {
			if got, want := lowerASCII(s), strings.ToLower(s); got != want {
				t.Errorf("lowerASCII(%q) = %q, want %q", s, got, want)
			}
		}
	}
}

func TestNewLine(t *testing.T) {
	for _, s := range realTexts() {
		key := strings.TrimSpace(textproc.Fold(s))
		words, digits := fields(key)
		want := line{key: key, words: words, digits: digits, ascii: isASCII(key)}
		if l := newLine(s); l != want {
			t.Errorf("newLine(%q) = %+v, want %+v", s, l, want)
		}
	}
}

func TestNormalize(t *testing.T) {
	r := newRepeats(0)
	for _, s := range realTexts() {
		l := newLine(s)
		key := l.key
		var want []string
		for _, sent := range textproc.Sentences(key) {
			if n := textproc.Normalize(sent); n != "" {
				want = append(want, n)
			}
		}
		whole, sents := r.normalize(s, &l)
		if l.ascii && !isASCII(whole) {
			t.Errorf("normalize(%q) = %q: an ASCII line must normalise to ASCII", key, whole)
		}
		if w := textproc.Normalize(key); whole != w || !slices.Equal(sents, want) {
			t.Errorf("normalize(%q) = %q, %q; want %q, %q", key, whole, sents, w, want)
		}
		var nums []string
		for _, w := range strings.Fields(whole) {
			if c, _ := utf8.DecodeRuneInString(w); unicode.IsDigit(c) {
				nums = append(nums, w)
			}
		}
		slices.Sort(nums)
		// normalize leaves whole at the start of r.all.
		for _, numAt := range [][]int{slices.Clone(r.numAt), appendDigitWords(nil, whole, 0)} {
			r.reset(1)
			nt := r.newNormText([2]int{0, len(whole)}, utf8.RuneCountInString(whole), numAt, l.ascii)
			if got := string(r.numbers(&nt)); got != strings.Join(nums, " ") {
				t.Errorf("newNormText(%q, %v) has numbers %q, want %q", whole, numAt, got, strings.Join(nums, " "))
			}
		}
	}
}

// TestAppendNormalASCII holds the word-at-a-time normalisation to
// Normalize on texts dense in what it handles apart: runs of separators,
// words starting with digits, capitals, at every alignment.
func TestAppendNormalASCII(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	const alphabet = "aZm09 ,.-'\t\n\v\f\r\x7f@[`{"
	for range 200000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		s := string(b)
		prefix := []byte("xy z"[:rng.IntN(5)])
		out, numAt := appendNormalASCII(slices.Clone(prefix), []int{-1}, s)
		want := textproc.Normalize(s)
		if got := string(out[len(prefix):]); string(out[:len(prefix)]) != string(prefix) || got != want {
			t.Fatalf("appendNormalASCII(%q, %q) = %q, want %q", prefix, s, out, string(prefix)+want)
		}
		if wantAt := appendDigitWords([]int{-1}, want, len(prefix)); !slices.Equal(numAt, wantAt) {
			t.Fatalf("appendNormalASCII(%q, %q): digit words at %v, want %v", prefix, s, numAt, wantAt)
		}
	}
}

func TestRuneTables(t *testing.T) {
	for r := range rune(unicode.MaxRune + 1) {
		lower := unicode.ToLower(r)
		got, ok := normalRune(r)
		if got != lower || ok != (unicode.IsLetter(lower) || unicode.IsDigit(lower)) {
			t.Fatalf("normalRune(%U) = %U, %v", r, got, ok)
		}
		if isSpace(r) != unicode.IsSpace(r) {
			t.Fatalf("isSpace(%U) = %v", r, isSpace(r))
		}
		if s := string(r); allStable(s) != nfkcStable(r) || (nfkcStable(r) && !norm.NFKC.IsNormalString(s)) {
			t.Fatalf("allStable(%U) = %v", r, allStable(s))
		}
	}
	// A stable rune is left alone next to any other.
	rng := rand.New(rand.NewPCG(5, 6))
	for range 300000 {
		a, b := rune(rng.IntN(0x3400)), rune(rng.IntN(0x10000))
		if rng.IntN(2) == 0 {
			a, b = b, a
		}
		if s := string(a) + string(b); allStable(s) && !norm.NFKC.IsNormalString(s) {
			t.Fatalf("%+q is stable but not in NFKC", s)
		}
	}
}

// levenshtein is the textbook distance.
func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j-1]+cost, prev[j]+1, cur[j-1]+1)
		}
		prev = cur
	}
	return prev[len(b)]
}

func TestEditDistance(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var rows [2][]int
	word := func() []rune {
		w := make([]rune, rng.IntN(14))
		for i := range w {
			w[i] = 'a' + rune(rng.IntN(3))
		}
		return w
	}
	for range 50000 {
		a, b, limit := word(), word(), rng.IntN(5)
		if rng.IntN(2) == 0 { // a near copy
			b = slices.Clone(a)
			for range rng.IntN(4) {
				if k := rng.IntN(len(b) + 1); k < len(b) {
					b = slices.Delete(b, k, k+1)
				} else {
					b = append(b, 'c')
				}
			}
		}
		want := min(levenshtein(a, b), limit+1)
		if got := editDistance(a, b, limit, &rows); got != want {
			t.Fatalf("editDistance(%q, %q, %d) = %d, want %d", string(a), string(b), limit, got, want)
		}
	}
}

// TestMatchers checks that no filter stops a text its expression matches
// (nor changes what it finds).
func TestMatchers(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range realTexts() {
		// The expressions are about short lines; the start of a long
		// paragraph serves as well as the whole.
		if len(s) > 200 {
			s = strings.ToValidUTF8(s[:200], "")
		}
		variants := []string{s}
		if len(s) < 100 {
			variants = append(variants, strings.ToUpper(s))
		}
		for _, s := range variants {
			if !seen[s] {
				seen[s] = true
				checkMatchers(t, s)
			}
		}
	}
}

func checkMatchers(t *testing.T, s string) {
	t.Helper()
	var around foldedText
	around.init(foldCase("x " + s + " y"))
	for _, m := range compiled {
		want := m.rx.FindStringSubmatch(s)
		if got := m.FindStringSubmatch(s); !slices.Equal(got, want) {
			t.Fatalf("%s on %q: found %q, the expression %q", m.rx, s, got, want)
		}
		if got := m.MatchString(s); got != (want != nil) {
			t.Fatalf("%s on %q: match %v, the expression %v", m.rx, s, got, want != nil)
		}
		if got := m.matchIn(s, foldCase("x "+s+" y")); got != (want != nil) {
			t.Fatalf("%s on %q: matchIn %v, the expression %v", m.rx, s, got, want != nil)
		}
		if got := m.matchInText(s, &around); got != (want != nil) {
			t.Fatalf("%s on %q: matchInText %v, the expression %v", m.rx, s, got, want != nil)
		}
		if want != nil && !m.holdsCaseNeed(s) {
			t.Fatalf("%s on %q: a match, but holdsCaseNeed is false", m.rx, s)
		}
		// A sentence or a part of one that matches, as contributor
		// splits them, must not be ruled out by the text it starts.
		for i := range len(s) + 1 {
			if (i == len(s) || strings.IndexByte(".;!?", s[i]) >= 0) && !m.mayStart(s) && m.rx.MatchString(s[:i]) {
				t.Fatalf("%s: %q matches, but mayStart(%q) is false", m.rx, s[:i], s)
			}
		}
	}
}

// FuzzMatchers looks for a text a filter wrongly stops: go test -fuzz
// FuzzMatchers.
func FuzzMatchers(f *testing.F) {
	for _, s := range awkward {
		f.Add(s)
	}
	f.Fuzz(checkMatchers)
}

// TestMatcherFilters makes sure the filters are there: a change to the
// analysis that quietly lost them would cost speed, not correctness.
func TestMatcherFilters(t *testing.T) {
	for _, m := range compiled {
		if m.start == nil && len(m.need) == 0 {
			t.Errorf("%s: no filter", m.rx)
		}
		// The start filter reads what a rune instruction accepts from its
		// runes and flags; hold that to MatchRune.
		re, err := syntax.Parse(m.rx.String(), syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		prog, err := syntax.Compile(re.Simplify())
		if err != nil {
			t.Fatal(err)
		}
		for pc := range prog.Inst {
			inst := &prog.Inst[pc]
			if !isRune(inst.Op) {
				continue
			}
			var want [2]uint64
			for b := range byte(utf8.RuneSelf) {
				if consumes(inst, rune(b)) {
					want[b/64] |= 1 << (b % 64)
				}
			}
			if got := asciiMask(inst); got != want {
				t.Errorf("%s: instruction %d (%v) accepts %x, asciiMask says %x", m.rx, pc, inst, want, got)
			}
		}
	}
	got := fmt.Sprint(compile(`(?i)\b(?:he|she) (?:covers|joined)\b`).need)
	if want := "[{he  [he covers he joined she covers she joined]}]"; got != want {
		t.Errorf("need = %s, want %s", got, want)
	}
	// Literals as they stand, only where the expression is
	// case-sensitive.
	got = fmt.Sprint(compile(`(?:[Ww]riter|AP) (?i:said) in \d+`).caseNeed)
	if want := "[{ [ in ]} { [riter AP]} { [ ]}]"; got != want {
		t.Errorf("caseNeed = %s, want %s", got, want)
	}
	if got := compile(`(?i)contributed`).caseNeed; len(got) != 0 {
		t.Errorf("caseNeed of a case-insensitive expression = %v, want none", got)
	}
	for _, m := range contributorSentences {
		if len(m.caseNeed) == 0 {
			t.Errorf("%s: no literals to rule paragraphs out with", m.rx)
		}
	}
}

// TestClassifyCandidates holds classify, which tries only the rules its
// tables leave for a line, to trying every rule in order.
func TestClassifyCandidates(t *testing.T) {
	plain := func(l *line, at where, placed bool) (*rule, string, bool) {
		for i := range rules {
			r := &rules[i]
			fires := (!placed && r.where == anywhere) ||
				(at.head && (r.where == head || r.where == edge)) ||
				(at.tail && (r.where == tail || r.where == edge))
			if !fires || l.words > r.maxWords {
				continue
			}
			if name, ok := r.match.run(l); ok {
				return r, name, true
			}
		}
		return nil, "", false
	}
	places := []struct {
		at     where
		placed bool
	}{{where{}, false}, {where{head: true}, false}, {where{head: true}, true}, {where{tail: true}, true}, {where{head: true, tail: true}, false}}
	for _, s := range realTexts() {
		variants := []string{s}
		if len(s) < 100 {
			variants = append(variants, strings.ToUpper(s), strings.ToLower(s))
		}
		for _, s := range variants {
			for _, p := range places {
				l, l2 := newLine(s), newLine(s)
				r, name, ok := classify(&l, p.at, p.placed)
				wr, wname, wok := plain(&l2, p.at, p.placed)
				if r != wr || name != wname || ok != wok {
					t.Fatalf("classify(%q, %+v, %v) = %v %q %v, trying every rule %v %q %v", s, p.at, p.placed, r, name, ok, wr, wname, wok)
				}
			}
		}
	}
}
