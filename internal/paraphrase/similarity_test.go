package paraphrase

import (
	"fmt"
	"testing"
)

func TestSimilarityPairs(t *testing.T) {
	tests := []struct {
		name     string
		a, b     string
		min, max float64 // Similarity must fall in [min, max]
	}{
		{"identical", "Officials will meet in London on Wednesday.", "Officials will meet in London on Wednesday.", 1, 1},
		{"reordered", "Officials from Britain and Ukraine will meet in London on Wednesday.",
			"On Wednesday, officials from Ukraine and Britain will meet in London.", 0.95, 1},
		{"inflected", "The minister rejected the proposal and criticised the talks.",
			"The minister's rejection of the proposals came with criticism of the talk.", 0.6, 1},
		{"synonyms", "Zelenskyy said the land belongs to the Ukrainian people.",
			"Zelensky stated that the land belonged to the Ukrainian people.", 0.8, 1},
		{"spelling", "The British Defence Secretary attended.", "The British Defense Secretary attended.", 0.95, 1},
		{"paraphrase", "Secretary of State Marco Rubio was unable to come because of a scheduling issue.",
			"Secretary of State Marco Rubio could not join the meeting due to a scheduling conflict.", 0.5, 0.9},
		{"same topic, other claim", "Secretary of State Marco Rubio was unable to come because of a scheduling issue.",
			"Russia is firmly entrenched in the territory it occupies in Ukraine.", 0, 0.15},
		{"unrelated", "Stocks rose on Wall Street after the jobs report.",
			"The hurricane made landfall near the Texas coast.", 0, 0.1},
		{"empty", "", "Something happened.", 0, 0},
		{"only stopwords", "It was what it was.", "Was it?", 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := Prepare(tt.a, nil), Prepare(tt.b, nil)
			s := Similarity(&a, &b)
			if s < tt.min || s > tt.max {
				t.Errorf("Similarity = %.3f, want in [%.2f, %.2f]\n a: %s\n b: %s", s, tt.min, tt.max, tt.a, tt.b)
			}
		})
	}
}

func TestIsParaphraseNumbers(t *testing.T) {
	// The same sentence frame with other figures is not the same claim.
	a := Prepare("Yucaipa sold the chain to Safeway in 1998 for $2.5 billion.", nil)
	b := Prepare("Yucaipa sold the chain to Safeway in 1995 for $1.8 billion.", nil)
	c := Prepare("In 1998 Yucaipa sold the chain to Safeway for $2.5 billion.", nil)
	if sab, sac := Similarity(&a, &b), Similarity(&a, &c); sab >= sac {
		t.Errorf("different numbers %.3f should score below same numbers %.3f", sab, sac)
	}
	if !IsParaphrase(&a, &c) {
		t.Errorf("reordered sentence with the same numbers should be a paraphrase (p=%.3f)", Probability(&a, &c))
	}
}

func TestIsParaphraseAddedClause(t *testing.T) {
	// A copy that adds a clause of its own says more than its source.
	a := Prepare("The NEA report aims to help education groups shape their agendas.", nil)
	b := Prepare("The NEA report aims to help education groups shape their agendas, while critics in three states have called for it to be withdrawn before the autumn vote.", nil)
	if IsParaphrase(&a, &b) {
		t.Errorf("added clause: p=%.3f, want below the cut", Probability(&a, &b))
	}
	if c := Containment(&a, &b); c < 0.99 {
		t.Errorf("Containment(short, long) = %.3f, want 1", c)
	}
	if c := Containment(&b, &a); c > 0.7 {
		t.Errorf("Containment(long, short) = %.3f, want well below 1", c)
	}
}

var propertyTexts = []string{
	"",
	"The",
	"LONDON -- Officials from Britain, the U.S., European nations and Ukraine will meet in London on Wednesday.",
	"Ukraine's President Volodymyr Zelenskyy pushed back against that idea.",
	"Zelensky rejected the proposal, saying there is nothing to talk about.",
	"Shares rose 5% to $13.62 on the Nasdaq, up from $13.60.",
	"Shares fell 5 percent to $12.10.",
	"Пресс-служба заявила, что переговоры продолжатся. 北京",
	"1 2 3 4 5 6 7 8 9 10",
}

func TestProperties(t *testing.T) {
	for _, x := range propertyTexts {
		a := Prepare(x, nil)
		if s := Similarity(&a, &a); a.Len() > 0 && s < 0.999 {
			t.Errorf("Similarity(a, a) = %.4f for %q", s, x)
		}
		for _, y := range propertyTexts {
			b := Prepare(y, nil)
			checkPair(t, &a, &b)
		}
	}
}

func checkPair(t *testing.T, a, b *Sentence) {
	t.Helper()
	for name, f := range map[string]func(a, b *Sentence) float64{"Similarity": Similarity, "Probability": Probability} {
		ab, ba := f(a, b), f(b, a)
		if ab != ba {
			t.Errorf("%s not symmetric: %v vs %v for %q, %q", name, ab, ba, a.Text, b.Text)
		}
		if ab < 0 || ab > 1 || ab != ab {
			t.Errorf("%s = %v out of [0,1] for %q, %q", name, ab, a.Text, b.Text)
		}
	}
	for _, c := range []float64{Containment(a, b), Containment(b, a)} {
		if c < 0 || c > 1 || c != c {
			t.Errorf("Containment = %v out of [0,1] for %q, %q", c, a.Text, b.Text)
		}
	}
}

func FuzzSimilarity(f *testing.F) {
	for i, x := range propertyTexts {
		f.Add(x, propertyTexts[(i+1)%len(propertyTexts)])
	}
	f.Add("don't 's '' -- 2.50 2.5 ", "U.S. u.s USA")
	f.Fuzz(func(t *testing.T, x, y string) {
		a, b := Prepare(x, nil), Prepare(y, nil)
		checkPair(t, &a, &b)
	})
}

func TestSimilarityDoesNotAllocate(t *testing.T) {
	a, b := Prepare(benchA, nil), Prepare(benchB, nil)
	if n := testing.AllocsPerRun(100, func() { Similarity(&a, &b); Containment(&a, &b); Probability(&a, &b) }); n != 0 {
		t.Errorf("%v allocations per comparison, want 0", n)
	}
}

func ExamplePrepare() {
	s := Prepare("Ukraine's President Volodymyr Zelenskyy pushed back against that idea.", nil)
	fmt.Println(s.Len(), "keys")
	// Output: 9 keys
}

func ExampleSimilarity() {
	src := Prepare("Zelenskyy rejected the proposal to cede occupied territory to Russia.", nil)
	copy := Prepare("The proposal that occupied territory be ceded to Russia was rebuffed by Zelensky.", nil)
	other := Prepare("Rubio was unable to attend because of a scheduling issue.", nil)
	fmt.Printf("rewrite %.2f, other %.2f\n", Similarity(&src, &copy), Similarity(&src, &other))
	fmt.Println(IsParaphrase(&src, &copy), IsParaphrase(&src, &other))
	// Output:
	// rewrite 0.91, other 0.05
	// true false
}

const (
	benchA = "During similar talks last week in Paris, U.S. officials presented a proposal that included allowing Russia to keep control of occupied Ukrainian territory as part of a deal, according to a European official familiar with the matter."
	benchB = "According to a European official, American negotiators in Paris last week floated a plan under which Russia would retain the Ukrainian land it occupies as part of a peace agreement."
)

func BenchmarkSimilarity(b *testing.B) {
	x, y := Prepare(benchA, nil), Prepare(benchB, nil)
	b.ReportAllocs()
	for b.Loop() {
		Similarity(&x, &y)
	}
}

func BenchmarkContainment(b *testing.B) {
	x, y := Prepare(benchA, nil), Prepare(benchB, nil)
	b.ReportAllocs()
	for b.Loop() {
		Containment(&x, &y)
	}
}

func BenchmarkProbability(b *testing.B) {
	x, y := Prepare(benchA, nil), Prepare(benchB, nil)
	b.ReportAllocs()
	for b.Loop() {
		Probability(&x, &y)
	}
}

func BenchmarkPrepare(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Prepare(benchA, nil)
	}
}

// The filter before the lexicon must let every word of it through.
func TestLookupLex(t *testing.T) {
	for w, want := range lexicon {
		if got := *lookupLex(w); got != want {
			t.Errorf("lookupLex(%q) = %+v, want %+v", w, got, want)
		}
	}
	for _, w := range []string{"", "a", "zzz", "pirates", "saying-that", "internationalisation"} {
		if got, want := *lookupLex(w), lexicon[w]; got != want {
			t.Errorf("lookupLex(%q) = %+v, want %+v", w, got, want)
		}
	}
}
