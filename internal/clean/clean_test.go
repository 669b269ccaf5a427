package clean

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stemma-news/stemma/internal/document"
)

// filler is ordinary article text to put furniture in context: rules that
// depend on position (bylines at the head, contributor lines and bios at
// the tail) need an article around them.
var filler = []string{
	"Officials from several countries met in the capital on Wednesday to discuss a ceasefire, the third such meeting this month.",
	"The talks were described as constructive by both delegations, though no agreement was announced at the end of the day.",
	"A further round is expected next week, according to a statement released by the foreign ministry late on Wednesday.",
	"Analysts said the outcome would depend largely on whether the two sides could agree on the terms of a first exchange of prisoners.",
}

// around returns filler with p put at position at (negative counts from
// the end, -1 being after the last paragraph).
func around(p string, at int) []string {
	ps := slices.Clone(filler)
	if at < 0 {
		at = len(ps) + 1 + at
	}
	return slices.Insert(ps, at, p)
}

func TestCleanRemoves(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		at     int // where in the filler it stands
		reason string
		credit string // "kind=name" when a credit must be kept
	}{
		{"ad slot", "ARTICLE AD BOX", 2, ReasonAdSlot, ""},
		{"advertisement", "Advertisement", 2, ReasonAdSlot, ""},
		{"ADVERTISEMENT dashes", "- ADVERTISEMENT -", 2, ReasonAdSlot, ""},
		{"story continues", "Story continues below advertisement", 2, ReasonAdSlot, ""},
		{"sponsored", "Sponsored content: Ten tricks your bank won't tell you", 3, ReasonAdSlot, ""},
		{"counter", "46", 0, ReasonCounter, ""},
		{"counter zero", "0", 1, ReasonCounter, ""},
		{"counter with unit", "1.2K shares", 1, ReasonCounter, ""},
		{"separator underscores", "___", 2, ReasonSeparator, ""},
		{"separator stars", "* * *", 2, ReasonSeparator, ""},
		{"blank", "\u200b", 2, ReasonBlank, ""},
		{"comment prompt", "We appreciate your thoughts. Please leave a comment.", -1, ReasonCommentPrompt, ""},
		{"join conversation", "Join the conversation", -1, ReasonCommentPrompt, ""},
		{"share", "Share this article", -1, ReasonSharePrompt, ""},
		{"share networks", "Share: Facebook Twitter Email", 2, ReasonSharePrompt, ""},
		{"newsletter", "Sign up for our newsletter to get the day's top stories in your inbox.", -1, ReasonNewsletterPrompt, ""},
		{"click here", "Click here to read the full report.", -1, ReasonLinkPrompt, ""},
		{"read more", "Read more: How the talks in Paris fell apart", 2, ReasonRelatedLinks, ""},
		{"related", "Related: Ukraine rejects land-for-peace proposal", 2, ReasonRelatedLinks, ""},
		{"follow coverage", "Follow AP's coverage of the war in Ukraine at https://apnews.com/hub/russia-ukraine", -1, ReasonFollowCoverage, ""},
		{"follow coverage no url", "Follow The Guardian's live coverage of the summit", -1, ReasonFollowCoverage, ""},
		{"follow us", "Follow us on Twitter and Facebook", -1, ReasonFollowCoverage, ""},
		{"byline agency", "By Staff, Agencies", 0, ReasonByline, "byline=Staff, Agencies"},
		{"byline ministry", "By Ministry of Defense of Ukraine", 0, ReasonByline, "byline=Ministry of Defense of Ukraine"},
		{"byline reuters", "By Jane Doe, Reuters", 0, ReasonByline, "byline=Jane Doe, Reuters"},
		{"byline caps", "By JANE DOE Associated Press", 1, ReasonByline, "byline=JANE DOE Associated Press"},
		{"contributor ap", "Novikov reported from Kyiv and Madhani from Washington. Angela Charlton in Paris contributed.", -1, ReasonContributorLine, "contributor=Novikov, Madhani, Angela Charlton"},
		{"contributor writer", "Associated Press writer Jane Doe contributed to this report.", -1, ReasonContributorLine, "contributor=Jane Doe"},
		{"contributor outlet", "Fox News' Jessica Napoli contributed to this report.", -1, ReasonContributorLine, "contributor=Jessica Napoli"},
		{"contributor reuters", "(Reporting by Will Dunham; Editing by Tom Brown)", -1, ReasonContributorLine, "contributor=Will Dunham, Tom Brown"},
		{"image source url", "image source from:https://www.npr.org/2025/04/23/nx-s1-5373407/ukraine-peace-talks", -1, ReasonImageCredit, "image-source=npr.org"},
		{"photo colon", "Photo: Reuters", 2, ReasonImageCredit, "image-source=Reuters"},
		{"ap photo caption", "Delegates arrive for the talks in London on Wednesday. (AP Photo/Kin Cheung)", 2, ReasonImageCredit, "image-source=AP"},
		{"getty", "Jane Doe/Getty Images", 2, ReasonImageCredit, "image-source=Getty Images"},
		{"image colon", "Image: Ministry of Defence", 2, ReasonImageCredit, "image-source=Ministry of Defence"},
		{"gallery link", "Photos: Europa, Mysterious Icy Moon of Jupiter", 2, ReasonRelatedLinks, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &document.Document{Paragraphs: around(tt.text, tt.at)}
			Clean(doc)
			if len(doc.Removed) != 1 || doc.Removed[0].Text != tt.text || doc.Removed[0].Reason != tt.reason {
				t.Fatalf("Removed = %+v, want only %q as %s", doc.Removed, tt.text, tt.reason)
			}
			if !slices.Equal(doc.Paragraphs, filler) {
				t.Errorf("kept %q, want the filler", doc.Paragraphs)
			}
			if tt.credit != "" {
				kind, name, _ := strings.Cut(tt.credit, "=")
				if !hasCredit(doc.Credits, kind, name) {
					t.Errorf("Credits = %+v, want %s %q", doc.Credits, kind, name)
				}
			} else if len(doc.Credits) != 0 {
				t.Errorf("Credits = %+v, want none", doc.Credits)
			}
		})
	}
}

func TestCleanKeeps(t *testing.T) {
	tests := []struct {
		name string
		text string
		at   int
	}{
		{"by the end", "By the end of the year, the ministry expects to have spent most of its budget.", 0},
		{"by monday", "By Monday, the group had", 0},
		{"by the numbers heading", "By The Numbers", 0},
		{"number in sentence", "The death toll rose to 46.", 2},
		{"bare year heading", "2019", 2},
		{"price", "$164.99", 2},
		{"follow the money", "Follow the money, he said.", 2},
		{"follow the money at end", "Follow the money, he said.", -1},
		{"share in prose", "Share this information, please?", -1},
		{"sign up for product", "Sign up for a Hulu ad-free account for $11.99 a month", 2},
		{"photos in prose", "Photos from the scene show damage to the building.", 2},
		{"contributed in prose", "Rising costs and falling demand contributed.", -1},
		{"written by hand", "Written by hand, the letter was delivered to the embassy.", -1},
		{"comment declined", "A spokeswoman declined to comment.", -1},
		{"advertisers", "Advertisers have many online platforms to reach customers.", 2},
		{"up next heading", "UP NEXT", -2},
		{"truncated text", "Officials will meet in London on Wednesday to push for a peace deal, amid growing report", 1},
		{"russian", "Фото:", 2},
		{"german by", "Von Jana Müller, Berlin", 0},
		{"catch up", "Catch up on the 2020 election campaign with AP experts on our weekly politics podcast, \"Ground Game.\"", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := around(tt.text, tt.at)
			doc := &document.Document{Paragraphs: slices.Clone(in)}
			Clean(doc)
			if len(doc.Removed) != 0 || !slices.Equal(doc.Paragraphs, in) {
				t.Errorf("removed %+v from an article that has no furniture", doc.Removed)
			}
		})
	}
}

func TestRepetition(t *testing.T) {
	long := "Western analysts say Moscow is in no rush to conclude peace talks, because it has battlefield momentum and wants to capture more Ukrainian land."
	quote := "\"We will not give up,\" she said."
	tests := []struct {
		name    string
		in      []string
		removed map[int]string // paragraph index -> reason
	}{
		{"verbatim", []string{filler[0], long, filler[1], long}, map[int]string{3: ReasonRepeatedParagraph}},
		{"one comma apart", []string{long, filler[0], strings.Replace(long, "talks,", "talks", 1)}, map[int]string{2: ReasonRepeatedParagraph}},
		{"broken word", []string{filler[3], filler[0], strings.Replace(filler[3], "prisoners", "prison ers", 1)}, map[int]string{2: ReasonRepeatedParagraph}},
		{"block", []string{filler[0], filler[1], filler[2], long, filler[0], filler[1], filler[2]}, map[int]string{4: ReasonRepeatedBlock, 5: ReasonRepeatedBlock, 6: ReasonRepeatedBlock}},
		{"block joined", []string{filler[0], filler[1], filler[2], long, filler[0], filler[1] + " " + filler[2]}, map[int]string{4: ReasonRepeatedBlock, 5: ReasonRepeatedBlock}},
		{"block across an ad", []string{filler[0], filler[1], long, filler[0], "Advertisement", filler[1]}, map[int]string{3: ReasonRepeatedBlock, 4: ReasonAdSlot, 5: ReasonRepeatedBlock}},
		{"short quote repeated", []string{quote, filler[0], filler[1], quote}, nil},
		{"question repeated", []string{"What inspired you to start cooking for other people, and what do you like to cook the most?", filler[0], "What inspired you to start cooking for other people, and what do you like to cook the most?"}, nil},
		{"list item repeated", []string{"Asian Chicken Zoodles [1 cup zucchini noodles, 4 oz. cooked chicken, 1/2 cup edamame, 1 tsp. sesame oil]", filler[0], "Asian Chicken Zoodles [1 cup zucchini noodles, 4 oz. cooked chicken, 1/2 cup edamame, 1 tsp. sesame oil]"}, nil},
		{"pull quote", []string{filler[0] + " " + filler[1], filler[2], filler[1]}, nil},
		{"reworded summary", []string{"The September quarter earnings were not a complete disappointment, with most of the companies reporting in-line or better-than-expected results.", filler[0], "The September quarter earnings were not a complete disappointment, as most of the companies reported in-line or better than expected results."}, nil},
		{"number changed", []string{"The company reported revenue of 4.2 billion dollars for the quarter, up from a year earlier, beating forecasts.", filler[0], "The company reported revenue of 4.5 billion dollars for the quarter, up from a year earlier, beating forecasts."}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &document.Document{Paragraphs: slices.Clone(tt.in)}
			Clean(doc)
			got := map[int]string{}
			for _, r := range doc.Removed {
				got[r.Paragraph] = r.Reason
			}
			if len(got) != len(tt.removed) {
				t.Fatalf("removed %v, want %v", got, tt.removed)
			}
			for i, reason := range tt.removed {
				if got[i] != reason {
					t.Errorf("paragraph %d removed as %q, want %q", i, got[i], reason)
				}
			}
		})
	}
}

func TestTitle(t *testing.T) {
	tests := []struct {
		title, reason, byline string
	}{
		{"ARTICLE AD BOX", ReasonAdSlot, ""},
		{"By Ministry of Defense of Ukraine", ReasonByline, "Ministry of Defense of Ukraine"},
		{"Diplomats convene in London as pressure mounts for ceasefire", "", ""},
		{"By The Numbers: the cost of the war", "", ""},
	}
	for _, tt := range tests {
		doc := &document.Document{Title: tt.title, Paragraphs: slices.Clone(filler)}
		Clean(doc)
		if tt.reason == "" {
			if doc.Title != tt.title || len(doc.Removed) != 0 {
				t.Errorf("title %q: removed %+v", tt.title, doc.Removed)
			}
			continue
		}
		want := document.Removal{Text: tt.title, Reason: tt.reason, Paragraph: -1}
		if doc.Title != "" || len(doc.Removed) != 1 || doc.Removed[0] != want {
			t.Errorf("title %q: Title %q, Removed %+v, want %+v", tt.title, doc.Title, doc.Removed, want)
		}
		if doc.Byline != tt.byline {
			t.Errorf("title %q: Byline %q, want %q", tt.title, doc.Byline, tt.byline)
		}
	}
}

func TestAuthorBio(t *testing.T) {
	bio := "Jane Doe is a senior reporter at the Daily Planet. She has 12 years of experience covering courts and holds a degree in Journalism from Columbia."
	tests := []struct {
		name string
		in   []string
		want []int
	}{
		{"heading and bio", append(slices.Clone(filler), "About the author", bio), []int{4, 5}},
		{"heading, bio and prompt", append(slices.Clone(filler), "Author profile", bio, "Leave a comment"), []int{4, 5, 6}},
		{"bio without heading", append(slices.Clone(filler), bio), []int{4}},
		{"bio-like text mid-article", slices.Insert(slices.Clone(filler), 1, bio), nil},
		{"profile of a subject", append(slices.Clone(filler), "Senior author Dr. Silvia Martins, associate professor of epidemiology at Columbia University, said the results were clear."), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &document.Document{Paragraphs: tt.in}
			Clean(doc)
			var got []int
			for _, r := range doc.Removed {
				got = append(got, r.Paragraph)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("removed paragraphs %v, want %v (%+v)", got, tt.want, doc.Removed)
			}
		})
	}
}

func TestBylineKeepsExisting(t *testing.T) {
	doc := &document.Document{Byline: "Jane Doe", Paragraphs: around("By John Roe, Reuters", 0)}
	Clean(doc)
	if doc.Byline != "Jane Doe" {
		t.Errorf("Byline = %q, want the reader's %q", doc.Byline, "Jane Doe")
	}
	if !hasCredit(doc.Credits, CreditByline, "John Roe, Reuters") {
		t.Errorf("Credits = %+v", doc.Credits)
	}
}

// TestCleanShuffled cleans the shared sets' documents one after another
// and then on several goroutines in another order: Clean keeps its
// scratch between calls, and nothing of one document may reach another.
func TestCleanShuffled(t *testing.T) {
	docs := loadCorpus()
	if len(docs) == 0 {
		t.Skipf("shared data not found at %s", sharedDir)
	}
	if testing.Short() {
		docs = docs[:min(len(docs), 200)]
	}
	clean := func(d corpusDoc) document.Document {
		doc := document.Document{Title: d.Title, Paragraphs: slices.Clone(d.Paragraphs)}
		Clean(&doc)
		return doc
	}
	want := make([]document.Document, len(docs))
	for i, d := range docs {
		want[i] = clean(d)
	}
	order := rand.New(rand.NewPCG(1, 2)).Perm(len(docs))
	got := make([]document.Document, len(docs))
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for k := w; k < len(order); k += 4 {
				got[order[k]] = clean(docs[order[k]])
			}
		})
	}
	wg.Wait()
	for i := range docs {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("%s %s: cleaned\n%+v\nin another order, and\n%+v\nin the first", docs[i].Set, docs[i].ID, got[i], want[i])
		}
	}
}
