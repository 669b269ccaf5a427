package store

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stemma-news/stemma/internal/document"
)

// viewFixture stores nine documents on three sites, with known published
// times (the ninth has none), and analyses them.
func viewFixture(t *testing.T) (*Store, time.Time) {
	t.Helper()
	s := openTest(t)
	added := time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC)
	s.now = func() time.Time { return added }
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	sites := []string{"a.example", "b.example", "c.example"}
	var docs []*document.Document
	for i := range 9 {
		d := article(i+1, sites[i%3])
		if i < 8 {
			d.Published = base.Add(time.Duration(i) * time.Hour)
		}
		docs = append(docs, d)
	}
	put(t, s, docs...)
	if err := s.SaveAnalyses(t.Context(), []Analysis{
		{Seq: 1}, {Seq: 2, Pairs: []Pair{{A: 1, B: 2, Relation: "rewrite", Score: 0.9, Source: 1, Detail: []byte(`{"changes":["name"]}`)}}},
	}); err != nil {
		t.Fatal(err)
	}
	return s, base
}

func relationIDs(t *testing.T, s *Store, story int64) []int64 {
	t.Helper()
	rows, err := s.r.QueryContext(t.Context(), "SELECT id FROM relations WHERE story = ? ORDER BY ord", story)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

func storyOf(t *testing.T, s *Store, seq int64) int64 {
	t.Helper()
	d, err := s.Document(t.Context(), seq)
	if err != nil {
		t.Fatal(err)
	}
	return d.Story
}

func TestSaveView(t *testing.T) {
	ctx := t.Context()
	s, _ := viewFixture(t)
	t1 := time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	t2 := t1.Add(time.Hour)
	storyA := Story{
		ID: 1, Documents: []int64{1, 2, 3}, Origin: 1,
		Lineage:  []Edge{{Source: 1, Copy: 2, Relation: "rewrite"}, {Source: 1, Copy: 3, Relation: "near-duplicate"}},
		Siblings: [][2]int64{{2, 3}},
		Relations: []Pair{
			{A: 1, B: 2, Relation: "rewrite", Score: 0.9, Source: 1}, // Detail from the analysis
			{A: 1, B: 3, Relation: "near-duplicate", Score: 0.95, Source: 1, Detail: []byte(`{"own":true}`)},
			{A: 2, B: 3, Relation: "same-story", Score: 0.3, Sibling: true},
		},
	}
	storyB := Story{ID: 4, Documents: []int64{4, 5}, Relations: []Pair{{A: 4, B: 5, Relation: "same-story", Score: 0.2}}}
	storyC := Story{ID: 6, Documents: []int64{6, 7}}
	if err := s.SaveView(ctx, []Story{storyA, storyB, storyC}, t1); err != nil {
		t.Fatal(err)
	}
	relA := relationIDs(t, s, 1)

	got, members, err := s.Story(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	wantA := storyA
	wantA.Relations = slices.Clone(storyA.Relations)
	wantA.Relations[0].Detail = []byte(`{"changes":["name"]}`)
	if !reflect.DeepEqual(*got, wantA) {
		t.Errorf("Story(1):\n got %+v\nwant %+v", *got, wantA)
	}
	if len(members) != 3 || members[0].Seq != 1 || members[2].Seq != 3 || members[0].Story != 1 || members[0].Paragraphs != nil {
		t.Errorf("members of story 1: %+v", members)
	}

	// Story B changes (a document joins), C goes, A stays as it was, D is new.
	storyB.Documents = []int64{4, 5, 8}
	storyD := Story{ID: 7, Documents: []int64{7}}
	if err := s.SaveView(ctx, []Story{storyA, storyB, storyD}, t2); err != nil {
		t.Fatal(err)
	}
	list, err := s.Stories(ctx, StoryQuery{})
	if err != nil {
		t.Fatal(err)
	}
	updated := map[int64]time.Time{}
	for _, sum := range list {
		updated[sum.ID] = sum.Updated
	}
	if want := map[int64]time.Time{1: t1, 4: t2, 7: t2}; !reflect.DeepEqual(updated, want) {
		t.Errorf("stories and when they changed: %v, want %v", updated, want)
	}
	if got := relationIDs(t, s, 1); !slices.Equal(got, relA) {
		t.Errorf("unchanged story 1 was rewritten: relation rows %v, were %v", got, relA)
	}
	if _, _, err := s.Story(ctx, 6); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted story 6: %v, want ErrNotFound", err)
	}
	for seq, want := range map[int64]int64{1: 1, 3: 1, 4: 4, 8: 4, 6: 0, 7: 7, 9: 0} {
		if got := storyOf(t, s, seq); got != want {
			t.Errorf("document %d in story %d, want %d", seq, got, want)
		}
	}

	// A document moving between stories, in either order of writing.
	for _, view := range [][]Story{
		{{ID: 1, Documents: []int64{1, 2}}, {ID: 3, Documents: []int64{3, 4, 5, 8}}},
		{{ID: 4, Documents: []int64{4, 5}}, {ID: 1, Documents: []int64{1, 2, 3, 8}}},
	} {
		if err := s.SaveView(ctx, view, t2); err != nil {
			t.Fatal(err)
		}
		for _, st := range view {
			for _, seq := range st.Documents {
				if got := storyOf(t, s, seq); got != st.ID {
					t.Errorf("document %d in story %d, want %d", seq, got, st.ID)
				}
			}
		}
		if got := storyOf(t, s, 7); got != 0 {
			t.Errorf("document 7 of a deleted story is in %d", got)
		}
	}

	if err := s.SaveView(ctx, nil, t2); err != nil {
		t.Fatal(err)
	}
	if n, err := s.CountStories(ctx); err != nil || n != 0 {
		t.Errorf("CountStories after an empty view: %d, %v", n, err)
	}
	for seq := int64(1); seq <= 9; seq++ {
		if got := storyOf(t, s, seq); got != 0 {
			t.Errorf("document %d in story %d of an empty view", seq, got)
		}
	}
	var n int
	if err := s.r.QueryRowContext(ctx, "SELECT (SELECT count(*) FROM lineage) + (SELECT count(*) FROM siblings) + (SELECT count(*) FROM relations) + (SELECT count(*) FROM story_sites)").Scan(&n); err != nil || n != 0 {
		t.Errorf("%d rows of deleted stories left, %v", n, err)
	}
}

func TestSaveViewErrors(t *testing.T) {
	ctx := t.Context()
	s, _ := viewFixture(t)
	good := Story{ID: 1, Documents: []int64{1}}
	if err := s.SaveView(ctx, []Story{good}, time.Now()); err != nil {
		t.Fatal(err)
	}
	for name, st := range map[string]Story{
		"no id":             {Documents: []int64{2}},
		"no documents":      {ID: 2},
		"unknown document":  {ID: 2, Documents: []int64{2, 99}},
		"pair in disorder":  {ID: 2, Documents: []int64{2, 3}, Relations: []Pair{{A: 3, B: 2}}},
		"story given twice": good,
	} {
		if err := s.SaveView(ctx, []Story{good, st}, time.Now()); err == nil {
			t.Errorf("%s: saved", name)
		}
	}
	if got := storyOf(t, s, 1); got != 1 {
		t.Errorf("a failed SaveView changed the view: document 1 in story %d", got)
	}
}

func TestStories(t *testing.T) {
	ctx := t.Context()
	s, base := viewFixture(t)
	added := time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC)
	// Published hours: 1:0 2:1 3:2 4:3 5:4 6:5 7:6 8:7, 9 unknown (added 10 Jan).
	// Sites: 1,4,7 a; 2,5,8 b; 3,6,9 c.
	view := []Story{
		{ID: 1, Documents: []int64{1, 2, 8}, Origin: 2}, // latest 7h
		{ID: 3, Documents: []int64{3, 9}},               // latest: 9's added time
		{ID: 4, Documents: []int64{4, 5, 6}},            // latest 5h
		{ID: 7, Documents: []int64{7}},                  // latest 6h
	}
	if err := s.SaveView(ctx, view, base); err != nil {
		t.Fatal(err)
	}
	ids := func(q StoryQuery) []int64 {
		t.Helper()
		list, err := s.Stories(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, sum := range list {
			ids = append(ids, sum.ID)
		}
		return ids
	}
	for _, tt := range []struct {
		q    StoryQuery
		want []int64
	}{
		{StoryQuery{}, []int64{3, 1, 7, 4}},
		{StoryQuery{Limit: 2}, []int64{3, 1}},
		{StoryQuery{Limit: 2, Offset: 2}, []int64{7, 4}},
		{StoryQuery{Offset: 10}, nil},
		{StoryQuery{Site: "a.example"}, []int64{1, 7, 4}},
		{StoryQuery{Site: "c.example", MinSize: 3}, []int64{4}},
		{StoryQuery{MinSize: 2}, []int64{3, 1, 4}},
		{StoryQuery{Site: "nowhere.example"}, nil},
	} {
		if got := ids(tt.q); !slices.Equal(got, tt.want) {
			t.Errorf("Stories(%+v) = %v, want %v", tt.q, got, tt.want)
		}
	}

	list, err := s.Stories(ctx, StoryQuery{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	want := []StorySummary{
		{ID: 3, Size: 2, Sites: []string{"c.example"}, First: base.Add(2 * time.Hour), Last: added, Updated: base, Title: "Title of article 3"},
		{ID: 1, Size: 3, Origin: 2, OriginTitle: "Title of article 2", OriginSite: "b.example", Sites: []string{"a.example", "b.example"},
			First: base, Last: base.Add(7 * time.Hour), Updated: base, Title: "Title of article 2"},
	}
	if !reflect.DeepEqual(list, want) {
		t.Errorf("Stories:\n got %+v\nwant %+v", list, want)
	}
	if n, err := s.CountStories(ctx); err != nil || n != 4 {
		t.Errorf("CountStories = %d, %v; want 4", n, err)
	}
}

func TestRelation(t *testing.T) {
	ctx := t.Context()
	s, _ := viewFixture(t)
	// Before any view: the analysis pair.
	p, err := s.Relation(ctx, 2, 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Pair{A: 1, B: 2, Relation: "rewrite", Score: 0.9, Source: 1, Detail: []byte(`{"changes":["name"]}`)}); !reflect.DeepEqual(*p, want) {
		t.Errorf("Relation(2, 1) = %+v, want %+v", *p, want)
	}
	if err := s.SaveView(ctx, []Story{{ID: 1, Documents: []int64{1, 2, 3}, Relations: []Pair{
		{A: 1, B: 2, Relation: "rewrite", Score: 0.9, Source: 1, Sibling: true},
		{A: 1, B: 3, Relation: "same-story", Score: 0.1, Detail: []byte(`{}`)},
	}}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		a, b int64
		want Pair
	}{
		{1, 2, Pair{A: 1, B: 2, Relation: "rewrite", Score: 0.9, Source: 1, Sibling: true, Detail: []byte(`{"changes":["name"]}`)}},
		{3, 1, Pair{A: 1, B: 3, Relation: "same-story", Score: 0.1, Detail: []byte(`{}`)}},
	} {
		p, err := s.Relation(ctx, tt.a, tt.b)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(*p, tt.want) {
			t.Errorf("Relation(%d, %d) = %+v, want %+v", tt.a, tt.b, *p, tt.want)
		}
	}
	if _, err := s.Relation(ctx, 2, 3); !errors.Is(err, ErrNotFound) {
		t.Errorf("Relation(2, 3): %v, want ErrNotFound", err)
	}
}

func TestLeadOf(t *testing.T) {
	long := strings.Repeat("word ", 40)
	for _, c := range []struct{ body, want string }{
		{"", ""},
		{"A short text.", "A short text."},
		{"First line\nsecond line", "First line"},
		{long, strings.TrimSpace(long[:99]) + "…"},
		{strings.Repeat("é", 80), strings.Repeat("é", 50) + "…"},
	} {
		if got := leadOf(c.body); got != c.want {
			t.Errorf("leadOf(%.20q) = %q, want %q", c.body, got, c.want)
		}
	}
}
