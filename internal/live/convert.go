package live

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/stemma-news/stemma/internal/align"
	"github.com/stemma-news/stemma/internal/analysis"
	"github.com/stemma-news/stemma/internal/change"
	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/lineage"
	"github.com/stemma-news/stemma/internal/relate"
	"github.com/stemma-news/stemma/internal/store"
)

// detail is what the store keeps of a pair beyond its columns: the
// evidence, the alignment's figures and the changes.
type detail struct {
	Direction      float64          `json:"direction,omitempty"`
	Evidence       []string         `json:"evidence,omitempty"`
	Alignment      *align.Alignment `json:"alignment,omitempty"`
	ChangesAgainst string           `json:"changes_against,omitempty"`
	Changes        *change.List     `json:"changes,omitempty"`
}

// storePair is what the store keeps of a pair; its Detail only when
// withDetail.
func (k *Keeper) storePair(p *relate.Pair, withDetail bool) (store.Pair, error) {
	a, okA := k.byID[p.A.ID]
	b, okB := k.byID[p.B.ID]
	if !okA || !okB {
		return store.Pair{}, fmt.Errorf("%w: %s and %s", errUnknown, p.A.ID, p.B.ID)
	}
	sp := store.Pair{A: k.seqs[a], B: k.seqs[b], Relation: string(p.Relation), Score: p.Score, Sibling: p.Sibling}
	if sp.A > sp.B {
		sp.A, sp.B = sp.B, sp.A
	}
	if p.Source != "" {
		s, ok := k.byID[p.Source]
		if !ok {
			return store.Pair{}, fmt.Errorf("%w: %s", errUnknown, p.Source)
		}
		sp.Source = k.seqs[s]
	}
	if !withDetail {
		return sp, nil
	}
	d := detail{Direction: p.Direction, Evidence: p.Evidence, ChangesAgainst: p.ChangesAgainst, Changes: p.Changes}
	if p.Alignment != nil {
		al := *p.Alignment
		al.Links = nil
		d.Alignment = &al
	}
	var err error
	sp.Detail, err = json.Marshal(d)
	return sp, err
}

// pair is the analysis's pair of a stored one.
func (k *Keeper) pair(sp store.Pair) (*relate.Pair, error) {
	id := func(seq int64) (string, error) {
		n, ok := k.num[seq]
		if !ok {
			return "", fmt.Errorf("%w: %d", errUnknown, seq)
		}
		return k.ids[n], nil
	}
	a, err := id(sp.A)
	if err != nil {
		return nil, err
	}
	b, err := id(sp.B)
	if err != nil {
		return nil, err
	}
	var src string
	if sp.Source != 0 {
		if src, err = id(sp.Source); err != nil {
			return nil, err
		}
	}
	return pairOf(sp, a, b, src)
}

// pairOf makes the analysis's pair of a stored one whose documents have
// IDs a, b and source (or "").
func pairOf(sp store.Pair, a, b, source string) (*relate.Pair, error) {
	p := &relate.Pair{A: &relate.Doc{ID: a}, B: &relate.Doc{ID: b}, Relation: relate.Relation(sp.Relation),
		Score: sp.Score, Source: source, Sibling: sp.Sibling}
	if len(sp.Detail) > 0 {
		var d detail
		if err := json.Unmarshal(sp.Detail, &d); err != nil {
			return nil, fmt.Errorf("the pair %d–%d: %w", sp.A, sp.B, err)
		}
		p.Direction, p.Evidence, p.Alignment, p.ChangesAgainst, p.Changes = d.Direction, d.Evidence, d.Alignment, d.ChangesAgainst, d.Changes
	}
	if p.Sibling {
		// As the analysis has it: what one copy changed against another
		// copy of one source is not a change.
		p.Source, p.Changes, p.ChangesAgainst = "", nil, ""
	}
	return p, nil
}

// view turns the analysis's stories into the store's.
func (k *Keeper) view() ([]store.Story, error) {
	res := k.an.Result()
	seq := func(id string) int64 {
		if id == "" {
			return 0
		}
		return k.seqs[k.byID[id]]
	}
	storyOf := map[string]int{}
	out := make([]store.Story, len(res.Stories))
	for g, s := range res.Stories {
		st := &out[g]
		for _, id := range s.Documents {
			storyOf[id] = g
			st.Documents = append(st.Documents, seq(id))
		}
		st.ID = st.Documents[0]
		for _, sq := range st.Documents {
			st.ID = min(st.ID, sq)
		}
		st.Origin, st.Partial = seq(s.Origin), s.Partial
		if s.Lineage != nil {
			for _, id := range s.Documents {
				if parent, ok := s.Lineage.Parent[id]; ok {
					st.Lineage = append(st.Lineage, store.Edge{Source: seq(parent), Copy: seq(id)})
				}
			}
			for _, sb := range s.Lineage.Siblings {
				st.Siblings = append(st.Siblings, [2]int64{seq(sb[0]), seq(sb[1])})
			}
		}
	}
	relation := map[[2]int64]string{}
	for _, p := range res.Pairs {
		g, ok := storyOf[p.A.ID]
		if !ok || storyOf[p.B.ID] != g {
			continue
		}
		// No detail: the store reads a derived pair's back from its
		// document's analysis, and a same-story pair has none.
		sp, err := k.storePair(p, false)
		if err != nil {
			return nil, err
		}
		relation[[2]int64{sp.A, sp.B}] = sp.Relation
		out[g].Relations = append(out[g].Relations, sp)
	}
	for g := range out {
		for e := range out[g].Lineage {
			ed := &out[g].Lineage[e]
			ed.Relation = relation[[2]int64{min(ed.Source, ed.Copy), max(ed.Source, ed.Copy)}]
		}
	}
	return out, nil
}

// summary is the analysis's summary of a stored document.
func summary(d *store.Document) *analysis.Summary {
	// Without Lead: the store reads documents back for a summary without
	// their text.
	return &analysis.Summary{ID: d.ID, Title: d.Title, Site: d.Site, URL: d.URL, Byline: d.Byline, Origin: d.Origin,
		Published: d.Published, Words: d.Words, Credits: d.Credits, Removed: d.Removed}
}

// toDocument is the document a stored one was made from.
func toDocument(d *store.Document) *document.Document {
	return &document.Document{ID: d.ID, Origin: d.Origin, Format: d.Format, Title: d.Title, Byline: d.Byline,
		Published: d.Published, Site: d.Site, URL: d.URL, Paragraphs: d.Paragraphs, Credits: d.Credits, Removed: d.Removed}
}

// StoryResult reads story id back from st as an analysis.Result holding
// that story alone, its documents and its pairs, for the reports to
// render.
func StoryResult(ctx context.Context, st *store.Store, id int64) (*analysis.Result, error) {
	s, docs, err := st.Story(ctx, id)
	if err != nil {
		return nil, err
	}
	ids := make(map[int64]string, len(docs))
	res := &analysis.Result{}
	for _, d := range docs {
		ids[d.Seq] = d.ID
		res.Documents = append(res.Documents, summary(d))
	}
	story := &analysis.Story{ID: fmt.Sprintf("s%d", s.ID), Origin: ids[s.Origin], Partial: s.Partial,
		Lineage: &lineage.Lineage{Origin: ids[s.Origin], Parent: map[string]string{}}}
	for _, sq := range s.Documents {
		story.Documents = append(story.Documents, ids[sq])
	}
	for _, e := range s.Lineage {
		story.Lineage.Parent[ids[e.Copy]] = ids[e.Source]
	}
	for _, sb := range s.Siblings {
		story.Lineage.Siblings = append(story.Lineage.Siblings, [2]string{ids[sb[0]], ids[sb[1]]})
	}
	for _, sp := range s.Relations {
		p, err := pairOf(sp, ids[sp.A], ids[sp.B], ids[sp.Source])
		if err != nil {
			return nil, err
		}
		res.Pairs = append(res.Pairs, p)
	}
	res.Stories = []*analysis.Story{story}
	return res, nil
}
