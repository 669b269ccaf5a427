package corpusgen_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/stemma-news/stemma/internal/corpusgen"
	"github.com/stemma-news/stemma/internal/document"
)

// Two articles of raw material; real runs load the eval sets with
// LoadMaterial, some 400 usable articles.
var material = []corpusgen.Material{
	{
		ID:    "ferry",
		Title: "Harbour ferry returns after storm repairs",
		Paragraphs: []string{
			"The harbour ferry resumed service on Tuesday after three weeks of repairs to its damaged pier, the city transport office said.",
			"About 4,000 commuters use the crossing every day, and many had spent the past weeks on a bus route that added an hour to their journey.",
			"Officials said the new pier was built to survive stronger storms, and that the repairs cost less than the council had feared in October.",
			"The ferry will run every twenty minutes during the morning and evening rush, and every hour at night, according to the new timetable.",
			"Residents on the island welcomed the news. Shop owners said trade had fallen sharply while the service was suspended and hoped customers would now return.",
			"The transport office said it would review the timetable in the spring, when a second boat is expected to join the route.",
			"Engineers will inspect the pier again after the winter. The council has also asked the harbour master to report on how the old pier failed, since its builders had promised it would last another thirty years.",
		},
	},
	{
		ID:    "library",
		Title: "Town library to open on Sundays from March",
		Paragraphs: []string{
			"The town library will open on Sundays from March, the council announced on Friday, after a petition signed by more than 2,500 residents.",
			"The library has been closed on Sundays since budget cuts in 2012, and students have complained that they have nowhere quiet to work at weekends.",
			"The council said the extra day would be paid for by savings on heating after the building's windows were replaced last year.",
			"Volunteers will help staff the reading rooms, and the children's section will host story hours on Sunday mornings.",
			"The head librarian said she was delighted with the decision and expected the new opening hours to be popular with families.",
			"A review of visitor numbers is planned for the end of the year, and the council will decide then whether to keep the Sunday service.",
			"The petition was started by a group of parents in November. Its organisers said they were surprised by how quickly it had gathered signatures, and thanked local shops for displaying it.",
		},
	},
}

// A corpus of 40 articles from two articles of material: four families
// (the first two originals are the material, the others synthetic), the
// rest filler.
func ExampleGenerate() {
	var docs []*document.Document
	truth, err := corpusgen.Generate(context.Background(), material, corpusgen.Options{N: 40, Seed: 1},
		func(d *document.Document) error {
			docs = append(docs, d)
			return nil
		})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("articles:", len(docs), "first:", docs[0].ID, "published:", docs[0].Published.Format("2006-01-02T15:04:05Z"))
	for _, f := range truth.Families {
		fmt.Println("family:", strings.Join(f, " "))
	}
	for _, p := range truth.Planted {
		fmt.Printf("%s is a %s copy of %s\n", p.Copy, p.Kind, p.Source)
	}
	// Output:
	// articles: 40 first: g0000001 published: 2025-01-01T00:00:02Z
	// family: g0000001 g0000008
	// family: g0000004 g0000011
	// family: g0000027 g0000029 g0000034
	// family: g0000039 g0000040
	// g0000008 is a partial copy of g0000001
	// g0000011 is a heavy copy of g0000004
	// g0000029 is a partial copy of g0000027
	// g0000034 is a partial copy of g0000027
	// g0000040 is a light copy of g0000039
}
