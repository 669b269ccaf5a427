package server

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/stemma-news/stemma/internal/analysis"
	"github.com/stemma-news/stemma/internal/change"
	"github.com/stemma-news/stemma/internal/live"
	"github.com/stemma-news/stemma/internal/relate"
)

// maxListedVersions bounds the versions a story page lists in full: a
// wire story copied ten thousand times would make a page nobody reads.
const maxListedVersions = 500

// storyView is the story page.
type storyView struct {
	ID          int64
	Title       string
	Origin      *version
	Size        int
	Sites       []string
	First, Last time.Time
	Partial     bool
	Graph       *graph
	Derived     int
	Versions    []version
	Hidden      int // versions not listed
	Siblings    [][2]versionRef
	JSONHref    string
}

// version is one document of a story as its page lists it.
type version struct {
	Anchor string
	docHead
	Role   string // "origin", "copy", "source" or "independent"
	Parent *versionRef
	// Closest is, for a version that is no copy, the document of the
	// story it is closest to when that is no derivation.
	Closest    *versionRef
	Relation   string
	Score      float64
	Evidence   []string
	Changes    []changeView
	Reworded   int
	QuotesKept []string
	// NoChanges says why no change is listed: "" when some are, or when
	// the version is no copy.
	NoChanges   string
	CompareHref string
}

type versionRef struct{ ID, Href string }

// changeView is one change of a copy against its source.
type changeView struct {
	Kind, Summary, Old, New, Who string
	SourceText, CopyText         string
	Href                         string // the change on the side-by-side view
}

// changeViews lists l's changes, each linked to its place on the
// side-by-side view of compare (a page of source and copy).
func changeViews(l *change.List, compare string) []changeView {
	out := make([]changeView, len(l.Changes))
	for i, c := range l.Changes {
		out[i] = changeView{Kind: string(c.Kind), Summary: c.String(), Old: c.Old, New: c.New, Who: c.Who,
			SourceText: c.SourceText, CopyText: c.CopyText, Href: fmt.Sprintf("%s#change-%d", compare, i)}
	}
	return out
}

// storyPage is GET /stories/{id}: the lineage drawn, and every version
// with what it changed against its source.
func (s *Server) storyPage(w http.ResponseWriter, r *http.Request) error {
	id, err := storyID(r.PathValue("id"))
	if err != nil {
		return err
	}
	res, err := live.StoryResult(r.Context(), s.st, id)
	if err != nil {
		return notFound(err, "no story %d", id)
	}
	if err := s.leadOfOrigin(r.Context(), res); err != nil {
		return err
	}
	v := newStoryView(id, res)
	return s.render(w, http.StatusOK, "story", page{Title: v.Title, Data: v})
}

// leadOfOrigin gives the origin of the story of res, when it has no
// title, the start of its text as Lead, for the page's heading: a story
// read back from the store has its documents without their text.
func (s *Server) leadOfOrigin(ctx context.Context, res *analysis.Result) error {
	origin := res.Stories[0].Origin
	for _, d := range res.Documents {
		if d.ID != origin || d.Title != "" || d.Lead != "" {
			continue
		}
		doc, err := s.st.DocumentByID(ctx, origin)
		if err != nil {
			return err
		}
		if len(doc.Paragraphs) > 0 {
			d.Lead = cut(doc.Paragraphs[0], 100)
		}
	}
	return nil
}

// newStoryView arranges the one story of res for its page.
func newStoryView(id int64, res *analysis.Result) *storyView {
	st := res.Stories[0]
	docs := make(map[string]*analysis.Summary, len(res.Documents))
	for _, d := range res.Documents {
		docs[d.ID] = d
	}
	pairs := make(map[[2]string]*relate.Pair, len(res.Pairs))
	for _, p := range res.Pairs {
		pairs[[2]string{p.A.ID, p.B.ID}] = p
		pairs[[2]string{p.B.ID, p.A.ID}] = p
	}
	f := newForest(st)
	anchors := make(map[string]string, len(f.order))
	for i, d := range f.order {
		anchors[d] = fmt.Sprintf("v%d", i+1)
	}
	anchor := func(id string) string { return anchors[id] }
	// The closest other document of each, by any relation: what an
	// independent report is listed with.
	closest := map[string]*relate.Pair{}
	for _, p := range res.Pairs {
		for _, id := range []string{p.A.ID, p.B.ID} {
			if c := closest[id]; c == nil || p.Score > c.Score {
				closest[id] = p
			}
		}
	}
	rel := func(src, cp string) (string, float64) {
		if p := pairs[[2]string{src, cp}]; p != nil {
			return string(p.Relation), p.Score
		}
		return "", 0
	}
	v := &storyView{ID: id, Size: len(st.Documents), Partial: st.Partial, JSONHref: fmt.Sprintf("/api/stories/%d", id),
		Graph: layoutGraph(st, f, docs, rel, anchor)}
	sites := map[string]bool{}
	for _, d := range res.Documents {
		if d.Site != "" && !sites[d.Site] {
			sites[d.Site] = true
			v.Sites = append(v.Sites, d.Site)
		}
		if t := d.Published; !t.IsZero() {
			if v.First.IsZero() || t.Before(v.First) {
				v.First = t
			}
			if t.After(v.Last) {
				v.Last = t
			}
		}
	}
	slices.Sort(v.Sites)
	for _, p := range res.Pairs {
		if p.Relation.Derived() && !p.Sibling {
			v.Derived++
		}
	}
	for _, id := range f.order {
		if len(v.Versions) == maxListedVersions {
			v.Hidden = len(f.order) - maxListedVersions
			break
		}
		ver := newVersion(id, anchors, docs[id], f, st, pairs)
		if p := closest[id]; ver.Parent == nil && p != nil && !p.Relation.Derived() {
			other := p.A.ID
			if other == id {
				other = p.B.ID
			}
			ver.Closest, ver.Relation, ver.Score = &versionRef{other, "#" + anchors[other]}, string(p.Relation), p.Score
		}
		v.Versions = append(v.Versions, ver)
	}
	if o := docs[st.Origin]; o != nil {
		v.Title = cmp.Or(o.Title, o.Lead)
		for i := range v.Versions {
			if v.Versions[i].ID == st.Origin {
				v.Origin = &v.Versions[i]
			}
		}
	}
	if v.Title == "" && len(v.Versions) > 0 {
		v.Title = v.Versions[0].Title
	}
	v.Title = cmp.Or(v.Title, fmt.Sprintf("Story %d", id))
	if st.Lineage != nil {
		for _, sb := range st.Lineage.Siblings {
			v.Siblings = append(v.Siblings, [2]versionRef{{sb[0], "#" + anchors[sb[0]]}, {sb[1], "#" + anchors[sb[1]]}})
		}
	}
	return v
}

func newVersion(id string, anchors map[string]string, d *analysis.Summary, f *forest, st *analysis.Story, pairs map[[2]string]*relate.Pair) version {
	ver := version{Anchor: anchors[id], docHead: docHead{ID: id, Href: documentHref(id)}, Role: "copy"}
	if d != nil {
		ver.docHead = docHead{ID: id, Title: cmp.Or(d.Title, d.Lead), Site: d.Site, Byline: d.Byline, URL: d.URL, Link: liveLink(d.URL),
			Href: documentHref(id), Published: d.Published, Words: d.Words}
	}
	parent, ok := f.parent[id]
	switch {
	case id == st.Origin:
		ver.Role = "origin"
	case f.independent[id]:
		ver.Role = "independent"
	case !ok:
		ver.Role = "source"
	}
	if !ok {
		return ver
	}
	ver.Parent = &versionRef{parent, "#" + anchors[parent]}
	ver.CompareHref = compareHref(parent, id)
	p := pairs[[2]string{parent, id}]
	if p == nil {
		ver.NoChanges = "the relation of the two is not stored"
		return ver
	}
	ver.Relation, ver.Score, ver.Evidence = string(p.Relation), p.Score, p.Evidence
	switch {
	case p.Changes == nil:
		ver.NoChanges = "changes were not listed for this pair"
	case p.ChangesAgainst != parent:
		// Listed the other way round: the tree's edge and the pair's
		// own direction disagree, and its changes would mislead.
		ver.NoChanges = "the changes were listed against " + p.ChangesAgainst + "; see the side-by-side view"
	default:
		ver.Changes = changeViews(p.Changes, ver.CompareHref)
		ver.Reworded, ver.QuotesKept = p.Changes.Reworded, p.Changes.QuotesKept
		if len(ver.Changes) == 0 {
			ver.NoChanges = "no change of fact found"
		}
	}
	return ver
}
