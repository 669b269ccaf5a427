package report

import (
	"bufio"
	"cmp"
	"io"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/stemma-news/stemma/internal/analysis"
	"github.com/stemma-news/stemma/internal/change"
	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/relate"
)

// The JSON shapes: one object of three arrays, documents, relations and
// stories (written by JSON), of these elements. The fields of the contract
// come first in each; the rest are additions. JSON writes them by hand
// (jsonenc.go): a field added here must be written there too, where
// TestAppendersMatchMarshalIndent compares the two.
type jsonDocument struct {
	ID        string             `json:"id"`
	Title     string             `json:"title"`
	Site      string             `json:"site"`
	Published *string            `json:"published"`
	Words     int                `json:"words"`
	URL       string             `json:"url,omitempty"`
	Byline    string             `json:"byline,omitempty"`
	Origin    string             `json:"path,omitempty"`
	Credits   []document.Credit  `json:"credits,omitempty"`
	Removed   []document.Removal `json:"removed,omitempty"`
}

type jsonRelation struct {
	A         string    `json:"a"`
	B         string    `json:"b"`
	Relation  string    `json:"relation"`
	Score     float64   `json:"score"`
	Source    *string   `json:"source"`
	Sibling   bool      `json:"siblings,omitempty"`
	Direction float64   `json:"direction,omitempty"`
	Coverage  []float64 `json:"coverage,omitempty"`
	Evidence  []string  `json:"evidence,omitempty"`
	// Changes and QuotesKept are what one document changed against the
	// other, named by ChangesAgainst (the source but in a comparison
	// whose direction a reader chose), and whose quotes it kept word for
	// word.
	ChangesAgainst string       `json:"changes_against,omitempty"`
	Changes        []jsonChange `json:"changes,omitempty"`
	QuotesKept     []string     `json:"quotes_kept,omitempty"`
}

type jsonStory struct {
	ID        string      `json:"id"`
	Documents []string    `json:"documents"`
	Origin    *string     `json:"origin"`
	Lineage   []jsonEdge  `json:"lineage"`
	Siblings  [][2]string `json:"siblings"`
	// PartialRelations marks a story too big for every same-story pair to
	// be listed in relations: only the closest pairs are.
	PartialRelations bool `json:"partial_relations,omitempty"`
}

type jsonEdge struct {
	Source string `json:"source"`
	Copy   string `json:"copy"`
}

// JSON writes the analysis as one indented JSON object. It writes one
// element at a time, so that the report of a million documents does not
// need a second copy of the result in memory.
//
// The elements are written by hand (appendDocument, appendRelation,
// appendStory) as json.MarshalIndent would write the shapes above: the
// report of 10^5 documents is 150 MB, and encoding it by reflection and
// indenting it in a second pass took 1.9 s of processor time.
func JSON(w io.Writer, r *analysis.Result) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString("{\n \"documents\": ")
	docs := jsonArray[*analysis.Summary]{w: bw, enc: appendDocument}
	docs.open()
	for _, d := range r.Documents {
		docs.add(d)
	}
	docs.close()
	bw.WriteString(",\n \"relations\": ")
	rels := jsonArray[pairChanges]{w: bw, enc: appendRelation}
	rels.open()
	for _, p := range r.Pairs {
		l, against, err := changesIn(r, p)
		if err != nil {
			return err
		}
		rels.add(pairChanges{p, l, against})
	}
	rels.close()
	bw.WriteString(",\n \"stories\": ")
	stories := jsonArray[*analysis.Story]{w: bw, enc: appendStory}
	stories.open()
	for _, s := range r.Stories {
		stories.add(s)
	}
	stories.close()
	bw.WriteString("\n}\n")
	if err := cmp.Or(docs.err, rels.err, stories.err); err != nil {
		return err
	}
	return bw.Flush()
}

// jsonArray writes the elements of an array in order, indented as
// json.MarshalIndent with a one-space indent would indent them inside a
// top-level object. Elements are encoded a batch at a time, the batch's
// on every core: encoding a report of 10^5 documents took 2.5 s, all
// of it after the analysis and on one core, with the others idle.
type jsonArray[T any] struct {
	w *bufio.Writer
	// enc appends an element, indented as an element of the array; on
	// an error the element is left out, as it was when it was marshalled
	// alone.
	enc   func([]byte, T) ([]byte, error)
	n     int
	err   error
	batch []T
	// bufs holds each worker's encodings, reused from batch to batch;
	// spans says where in its worker's buffer each element of the batch
	// is.
	bufs  [][]byte
	spans [][2]int
	errs  []error
}

// jsonBatch is the elements encoded at once: enough to keep every core
// busy, few enough that a batch of large relations stays small.
const jsonBatch = 512

func (a *jsonArray[T]) open() { a.n = 0; a.w.WriteByte('[') }

func (a *jsonArray[T]) add(v T) {
	a.batch = append(a.batch, v)
	if len(a.batch) == jsonBatch {
		a.flush()
	}
}

// flush encodes the batch and writes it.
func (a *jsonArray[T]) flush() {
	n := len(a.batch)
	if n == 0 {
		return
	}
	workers := min(runtime.GOMAXPROCS(0), n)
	for len(a.bufs) < workers {
		a.bufs = append(a.bufs, nil)
	}
	a.spans = slices.Grow(a.spans[:0], n)[:n]
	a.errs = slices.Grow(a.errs[:0], n)[:n]
	var wg sync.WaitGroup
	for k := range workers {
		wg.Go(func() {
			b := a.bufs[k][:0]
			for i := k; i < n; i += workers {
				start := len(b)
				var err error
				if b, err = a.enc(b, a.batch[i]); err != nil {
					b = b[:start]
				}
				a.spans[i], a.errs[i] = [2]int{start, len(b)}, err
			}
			a.bufs[k] = b
		})
	}
	wg.Wait()
	for i, sp := range a.spans {
		if err := a.errs[i]; err != nil {
			a.err = cmp.Or(a.err, err)
			continue
		}
		if a.n > 0 {
			a.w.WriteByte(',')
		}
		a.w.WriteString("\n  ")
		a.w.Write(a.bufs[i%workers][sp[0]:sp[1]])
		a.n++
	}
	clear(a.batch)
	clear(a.errs)
	a.batch = a.batch[:0]
}

func (a *jsonArray[T]) close() {
	a.flush()
	if a.n > 0 {
		a.w.WriteString("\n ")
	}
	a.w.WriteByte(']')
}

// documentJSON is d as the analysis contract has it.
func documentJSON(d *analysis.Summary) jsonDocument {
	jd := jsonDocument{ID: d.ID, Title: d.Title, Site: d.Site, Words: d.Words, URL: d.URL, Byline: d.Byline, Origin: d.Origin,
		Credits: d.Credits, Removed: d.Removed}
	if !d.Published.IsZero() {
		s := d.Published.Format(time.RFC3339)
		jd.Published = &s
	}
	return jd
}

// storyJSON is s as the analysis contract has it.
func storyJSON(s *analysis.Story) jsonStory {
	js := jsonStory{ID: s.ID, Documents: s.Documents, Origin: nullable(s.Origin), Lineage: []jsonEdge{}, Siblings: s.Lineage.Siblings, PartialRelations: s.Partial}
	if js.Siblings == nil {
		js.Siblings = [][2]string{}
	}
	for _, id := range s.Documents {
		if src, ok := s.Lineage.Parent[id]; ok {
			js.Lineage = append(js.Lineage, jsonEdge{Source: src, Copy: id})
		}
	}
	return js
}

// relationJSON is p as the analysis contract has it, with l, the changes
// of one of its documents against the other, against.
func relationJSON(p *relate.Pair, l *change.List, against string) jsonRelation {
	jr := jsonRelation{A: p.A.ID, B: p.B.ID, Relation: string(p.Relation), Score: p.Score,
		Source: nullable(p.Source), Sibling: p.Sibling, Direction: p.Direction, Evidence: p.Evidence}
	if al := p.Alignment; al != nil && p.Relation.Derived() {
		jr.Coverage = []float64{round3(al.CoverageA), round3(al.CoverageB)}
	}
	if l != nil {
		jr.ChangesAgainst, jr.Changes, jr.QuotesKept = against, changesJSON(l), l.QuotesKept
	}
	return jr
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }
