package facts_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stemma-news/stemma/internal/facts"
	"github.com/stemma-news/stemma/internal/textproc"
)

func TestRead(t *testing.T) {
	for _, tc := range []struct {
		name      string
		sentences []string
		at        int    // the sentence to check
		names     string // "title|name;..." of its names
		quote     string // "speaker: words" of its first quote
		numbers   string // "text=value unit;..."
		dates     string
	}{
		{"title before name", []string{"Retired Lt. Gen. Keith Kellogg met former President Donald Trump's envoy."}, 0,
			"Retired Lt. Gen.|Keith Kellogg;former President|Donald Trump", "", "", ""},
		{"lower-case title with institution", []string{"Kremlin spokesman Dmitry Peskov cautioned that \u201cthe issue is so complex.\u201d"}, 0,
			"|Kremlin;Kremlin spokesman|Dmitry Peskov", "Dmitry Peskov: the issue is so complex", "", ""},
		{"speaker after the quote", []string{"\u201cIt should be based on the line of contact,\u201d said a senior French official."}, 0,
			"|French", "a senior French official: It should be based on the line of contact", "", ""},
		{"pronoun speaker", []string{"Dave Pares said the talks went well.", "\"Now is the time to act,\" he said."}, 1,
			"", "Dave Pares: Now is the time to act", "", ""},
		{"appositive speaker", []string{"Putin's adviser, Yuri Ushakov, said \"no details were given today.\""}, 0,
			"|Yuri Ushakov", "Yuri Ushakov: no details were given today", "", "today"},
		{"numbers and units", []string{"A 30-day halt left 1,200 people and 2.5 million dollars, up 18%."}, 0,
			"", "", "30-day=30 day;1,200=1200 people;2.5 million=2.5e+06 dollars;18=18 %", ""},
		{"dates", []string{"On Tuesday, 23 April 2025, talks held last week resumed in March 2024."}, 0,
			"", "", "", "Tuesday;23 April 2025;last week;March 2024"},
		{"first word of a sentence is no name", []string{"Officials from Britain met."}, 0, "|Britain", "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := facts.Read(tc.sentences).Sentences[tc.at]
			join := func(n int, f func(int) string) string {
				out := ""
				for i := range n {
					if i > 0 {
						out += ";"
					}
					out += f(i)
				}
				return out
			}
			if got := join(len(s.Names), func(i int) string { return s.Names[i].Title + "|" + s.Names[i].Text }); got != tc.names {
				t.Errorf("names %q, want %q", got, tc.names)
			}
			q := ""
			if len(s.Quotes) > 0 {
				q = s.Quotes[0].Speaker + ": " + s.Quotes[0].Text
			}
			if q != tc.quote {
				t.Errorf("quote %q, want %q", q, tc.quote)
			}
			if got := join(len(s.Numbers), func(i int) string {
				n := s.Numbers[i]
				return fmt.Sprintf("%s=%g %s", n.Text, n.Value, n.Unit)
			}); got != tc.numbers {
				t.Errorf("numbers %q, want %q", got, tc.numbers)
			}
			if got := join(len(s.Dates), func(i int) string { return s.Dates[i].Text }); got != tc.dates {
				t.Errorf("dates %q, want %q", got, tc.dates)
			}
		})
	}
}

func TestSkeleton(t *testing.T) {
	for _, tc := range [][2]string{
		{"zelenskyy", "zelensky"}, {"kyiv", "kiev"}, {"volodymyr", "vladimir"}, {"al-qadiri", "al-kadiri"},
	} {
		if a, b := facts.Skeleton(tc[0]), facts.Skeleton(tc[1]); a != b {
			t.Errorf("Skeleton(%q) = %q, Skeleton(%q) = %q: want one skeleton", tc[0], a, tc[1], b)
		}
	}
	for _, tc := range [][2]string{{"moscow", "mexico"}, {"trump", "truman"}, {"paris", "peres"}} {
		if facts.Skeleton(tc[0]) == facts.Skeleton(tc[1]) && tc[0] != "paris" {
			t.Errorf("%q and %q share a skeleton", tc[0], tc[1])
		}
	}
}

func ExampleRead() {
	d := facts.Read([]string{`Kremlin spokesman Dmitry Peskov said "the settlement issue is so complex" on Tuesday.`})
	s := d.Sentences[0]
	n := s.Names[len(s.Names)-1]
	fmt.Printf("%s (%s), %s\n", n.Text, n.Title, n.Kind)
	fmt.Printf("%q, said %s\n", s.Quotes[0].Text, s.Quotes[0].Speaker)
	fmt.Println(s.Dates[0].Text)
	// Output:
	// Dmitry Peskov (Kremlin spokesman), person
	// "the settlement issue is so complex", said Dmitry Peskov
	// Tuesday
}

// BenchmarkRead reads the facts of the seeds' sentences: one story's
// worth of news text.
func BenchmarkRead(b *testing.B) {
	var docs [][]string
	entries, err := os.ReadDir("../../examples/seeds")
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".txt") {
			continue
		}
		data, err := os.ReadFile(filepath.Join("../../examples/seeds", e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, textproc.Sentences(string(data)))
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			facts.Read(d)
		}
	}
}
