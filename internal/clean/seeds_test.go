package clean

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedRemoval is one removal the seeds must show: a paragraph containing
// text (or the title, at paragraph -1) removed for reason.
type seedRemoval struct {
	text   string
	reason string
	title  bool
}

// seedExpect spells out seeds.truth.json's "removed" items (prose there)
// as checkable removals. Nothing else may be removed: the rest is the
// article proper.
var seedExpect = map[string]struct {
	removals []seedRemoval
	credits  map[string]string // kind -> name
	byline   string
}{
	// the four opening paragraphs appear twice (the fourth joined to the
	// third the second time); byline "By Ministry of Defense of Ukraine"
	"000_c436af9a853c0990": {
		removals: []seedRemoval{
			{"By Ministry of Defense of Ukraine", ReasonByline, true},
			{"On Wednesday, diplomats and defense leaders", ReasonRepeatedBlock, false},
			{"The US State Department announced", ReasonRepeatedBlock, false},
			{"Last week, Trump remarked", ReasonRepeatedBlock, false},
		},
		credits: map[string]string{CreditByline: "Ministry of Defense of Ukraine"},
		byline:  "Ministry of Defense of Ukraine",
	},
	// counters '0' and '46', the author profile, the comment prompt
	"001_b81c5c988f4b0327": {
		removals: []seedRemoval{
			{"0", ReasonCounter, false},
			{"46", ReasonCounter, false},
			{"Author profile", ReasonAuthorBio, false},
			{"Edgaroo Hernal started college", ReasonAuthorBio, false},
			{"We appreciate your thoughts", ReasonCommentPrompt, false},
		},
	},
	// 'ARTICLE AD BOX', the repeated 'Western analysts say...', the
	// follow-coverage line, the contributor line (and the two separators
	// around it)
	"002_5abee7961dce3776": {
		removals: []seedRemoval{
			{"ARTICLE AD BOX", ReasonAdSlot, true},
			{"Western analysts say Moscow is in no rush to conclude peace talks because", ReasonRepeatedParagraph, false},
			{"___", ReasonSeparator, false},
			{"Novikov reported from Kyiv and Madhani from Washington", ReasonContributorLine, false},
			{"___", ReasonSeparator, false},
			{"Follow AP", ReasonFollowCoverage, false},
		},
		credits: map[string]string{CreditContributor: "Novikov, Madhani, Angela Charlton"},
	},
	// byline 'By Staff, Agencies'
	"003_2bdf8af0f159c7e7": {
		removals: []seedRemoval{{"By Staff, Agencies", ReasonByline, false}},
		credits:  map[string]string{CreditByline: "Staff, Agencies"},
		byline:   "Staff, Agencies",
	},
	// 'image source from: <npr.org URL>'
	"004_e132605b6a14040e": {
		removals: []seedRemoval{{"image source from:https://www.npr.org/", ReasonImageCredit, false}},
		credits:  map[string]string{CreditImageSource: "npr.org"},
	},
}

func TestSeeds(t *testing.T) {
	dir := filepath.Join(sharedDir, "corpus", "seeds")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("seeds not found at %s: %v", dir, err)
	}
	var truth struct {
		Removed map[string][]string `json:"removed"`
	}
	data, err := os.ReadFile(filepath.Join(sharedDir, "corpus", "seeds.truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &truth); err != nil {
		t.Fatal(err)
	}
	for id := range truth.Removed {
		if _, ok := seedExpect[id]; !ok {
			t.Errorf("seeds.truth.json lists removals for %s, which this test does not check", id)
		}
	}

	for id, want := range seedExpect {
		t.Run(id, func(t *testing.T) {
			doc, err := readSeed(filepath.Join(dir, id+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			in := append([]string(nil), doc.Paragraphs...)
			Clean(doc)
			for _, r := range doc.Removed {
				t.Logf("removed %-18s p%-3d %.70q", r.Reason, r.Paragraph, r.Text)
			}
			if len(doc.Removed) != len(want.removals) {
				t.Errorf("%d removals, want %d", len(doc.Removed), len(want.removals))
			}
			for i, w := range want.removals {
				if i >= len(doc.Removed) {
					t.Errorf("missing removal %q (%s)", w.text, w.reason)
					continue
				}
				got := doc.Removed[i]
				if !strings.HasPrefix(got.Text, w.text) || got.Reason != w.reason || (got.Paragraph == -1) != w.title {
					t.Errorf("removal %d = %s p%d %.60q, want %s %q (title %v)", i, got.Reason, got.Paragraph, got.Text, w.reason, w.text, w.title)
				}
			}
			// The article proper is whatever is not expected to go: every
			// such paragraph must still be there, in order.
			removed := map[int]bool{}
			for _, r := range doc.Removed {
				removed[r.Paragraph] = true
			}
			var proper []string
			for i, p := range in {
				if !removed[i] {
					proper = append(proper, p)
				}
			}
			if strings.Join(proper, "\n") != strings.Join(doc.Paragraphs, "\n") {
				t.Errorf("kept paragraphs differ from the input less its removals")
			}
			for kind, name := range want.credits {
				if !hasCredit(doc.Credits, kind, name) {
					t.Errorf("no credit %s %q in %+v", kind, name, doc.Credits)
				}
			}
			if doc.Byline != want.byline {
				t.Errorf("Byline = %q, want %q", doc.Byline, want.byline)
			}
		})
	}
}
