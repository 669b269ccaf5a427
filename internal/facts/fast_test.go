package facts

import (
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The fast paths of the package against the plain code they replace.

var fastWords = []string{
	"", "a", "said", "Said", "SAID", "U.S.", "U.S", "Lt.", "O'Brien", "30-day", "1,000", "2025", "1799",
	"2101", "+200", "-999", "0800", "１９９９", "Zelenskyy", "Kyiv", "Ümit", "ÉLYSÉE.", "\u212aelvin",
	"İstanbul", "straße", "ſun", "Wednesday's", "x\x00y", "\xff\xfe", "al-Qadiri", "MAY", "Qatar",
	"Volodymyr Zelenskyy", "New York Times", "ǅemal",
}

func TestSkeletonFast(t *testing.T) {
	// skeleton is Skeleton as it was, a rune at a time.
	skeleton := func(key string) string {
		var b []byte
		var prev rune
		first := true
		for _, r := range key {
			r = unicode.ToLower(r)
			switch r {
			case 'y':
				r = 'i'
			case 'w':
				r = 'v'
			case 'k':
				r = 'c'
			case 'j':
				r = 'i'
			case 'q':
				r = 'c'
			}
			if !unicode.IsLetter(r) {
				if r == ' ' {
					b = append(b, ' ')
					prev = ' '
					first = true
				}
				continue
			}
			vowel := strings.ContainsRune("aeiou", r)
			if r != prev && (!vowel || first) {
				if vowel {
					r = 'a'
				}
				b = utf8.AppendRune(b, r)
			}
			prev = r
			first = false
		}
		return string(b)
	}
	for _, w := range fastWords {
		for _, w := range []string{w, strings.ToLower(w), strings.ToUpper(w)} {
			if got, want := Skeleton(w), skeleton(w); got != want {
				t.Errorf("Skeleton(%q) = %q, want %q", w, got, want)
			}
		}
	}
}

func TestIsYear(t *testing.T) {
	for _, w := range fastWords {
		r, _ := utf8.DecodeRuneInString(w)
		wd := word{text: w, num: unicode.IsDigit(r)}
		v, err := strconv.Atoi(w)
		want := len(w) == 4 && err == nil && v >= 1800 && v <= 2100
		if got := isYear(&wd); got != want {
			t.Errorf("isYear(%q) = %v, want %v", w, got, want)
		}
	}
}

func TestArena(t *testing.T) {
	var a arena
	var made []string
	var want []string
	for _, w := range fastWords {
		made = append(made, a.lower(w), a.wordKey(w))
		want = append(want, strings.ToLower(w), strings.ReplaceAll(strings.ToLower(strings.TrimSuffix(w, ".")), ".", ""))
	}
	// Every string made stays as it was made while the arena grows.
	for i := range made {
		if made[i] != want[i] {
			t.Errorf("made %q, want %q", made[i], want[i])
		}
	}
}

func TestAbbreviation(t *testing.T) {
	for _, w := range append(fastWords, "LT", "Gen", "DR", "Mr", "Ms", "abcdefghij", "GENERALS") {
		want := strings.Contains(w, ".") || titleAbbreviations[strings.ToLower(w)]
		if got := abbreviation(w); got != want {
			t.Errorf("abbreviation(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestReadReuse reads documents one after another, as the pool of
// scratch space lends one document's arrays to the next: each reading
// must be what a first reading is.
func TestReadReuse(t *testing.T) {
	docs := [][]string{
		{"Kremlin spokesman Dmitry Peskov said \"the settlement issue is so complex\" on Tuesday.", "He said 1,200 people left."},
		{"Officials from Britain met.", "A 30-day halt left 2.5 million dollars, up 18%.", "\"Now is the time to act,\" she said."},
		{},
		{"Retired Lt. Gen. Keith Kellogg met former President Donald Trump's envoy in Kyiv."},
	}
	render := func(d *Doc) string {
		var b strings.Builder
		for _, s := range d.Sentences {
			for _, n := range s.Names {
				b.WriteString(n.Title + "|" + n.Text + "|" + n.Key + "|" + n.Surname + "|" + n.Kind.String() + ";")
			}
			for _, n := range s.Institutions {
				b.WriteString(n.Text + ";")
			}
			for _, n := range s.Numbers {
				b.WriteString(n.Text + " " + n.Unit + ";")
			}
			for _, n := range s.Dates {
				b.WriteString(n.Key + ";")
			}
			for _, n := range s.Quotes {
				b.WriteString(n.Speaker + ":" + n.Text + ";")
			}
			for _, n := range s.Attributions {
				b.WriteString(n.Verb + " " + n.Source + ";")
			}
			b.WriteString("\n")
		}
		return b.String()
	}
	first := make([]string, len(docs))
	read := make([]*Doc, len(docs))
	for i, d := range docs {
		read[i] = Read(d)
		first[i] = render(read[i])
	}
	for range 3 {
		for i, d := range docs {
			if got := render(Read(d)); got != first[i] {
				t.Errorf("document %d read again:\n%s\nfirst:\n%s", i, got, first[i])
			}
		}
	}
	// What was read holds nothing of the scratch space lent on.
	for i := range docs {
		if got := render(read[i]); got != first[i] {
			t.Errorf("document %d changed after others were read:\n%s\nwas:\n%s", i, got, first[i])
		}
	}
}
