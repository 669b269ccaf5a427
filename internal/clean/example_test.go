package clean_test

import (
	"fmt"

	"github.com/stemma-news/stemma/internal/clean"
	"github.com/stemma-news/stemma/internal/document"
)

func ExampleClean() {
	doc := &document.Document{
		Title: "ARTICLE AD BOX",
		Paragraphs: []string{
			"By Jane Doe, Reuters",
			"Officials met in London on Wednesday to push for a ceasefire.",
			"46",
			"Delegations from both sides have held separate talks with U.S. officials in Saudi Arabia.",
			"image source from:https://www.npr.org/2025/04/23/ukraine-peace-talks",
		},
	}
	clean.Clean(doc)
	for _, p := range doc.Paragraphs {
		fmt.Println("kept:", p)
	}
	for _, r := range doc.Removed {
		fmt.Printf("removed %d (%s): %s\n", r.Paragraph, r.Reason, r.Text)
	}
	for _, c := range doc.Credits {
		fmt.Printf("credit %s: %s\n", c.Kind, c.Name)
	}
	fmt.Println("byline:", doc.Byline)
	// Output:
	// kept: Officials met in London on Wednesday to push for a ceasefire.
	// kept: Delegations from both sides have held separate talks with U.S. officials in Saudi Arabia.
	// removed -1 (ad-slot): ARTICLE AD BOX
	// removed 0 (byline): By Jane Doe, Reuters
	// removed 2 (counter): 46
	// removed 4 (image-credit): image source from:https://www.npr.org/2025/04/23/ukraine-peace-talks
	// credit byline: Jane Doe, Reuters
	// credit image-source: npr.org
	// byline: Jane Doe, Reuters
}
