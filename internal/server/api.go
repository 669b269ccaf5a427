package server

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/live"
	"github.com/stemma-news/stemma/internal/report"
	"github.com/stemma-news/stemma/internal/store"
)

// Paging limits of the list endpoints.
const (
	defaultPage = 50
	maxPage     = 1000
)

// apiDocument is a document as the API writes it. Its first fields are
// those of the analysis contract's documents.
type apiDocument struct {
	ID         string             `json:"id"`
	Title      string             `json:"title"`
	Site       string             `json:"site"`
	Published  *string            `json:"published"`
	Words      int                `json:"words"`
	Seq        int64              `json:"seq"`
	URL        string             `json:"url,omitempty"`
	Byline     string             `json:"byline,omitempty"`
	Origin     string             `json:"path,omitempty"`
	Format     string             `json:"format,omitempty"`
	Added      string             `json:"added"`
	Analysed   bool               `json:"analysed"`
	Story      *int64             `json:"story"`
	Paragraphs []string           `json:"paragraphs,omitempty"`
	Credits    []document.Credit  `json:"credits,omitempty"`
	Removed    []document.Removal `json:"removed,omitempty"`
}

// documentJSON is d for the API, with its text when text is set.
func documentJSON(d *store.Document, text bool) apiDocument {
	out := apiDocument{ID: d.ID, Title: d.Title, Site: d.Site, Words: d.Words, Seq: d.Seq, URL: d.URL, Byline: d.Byline,
		Origin: d.Origin, Format: d.Format, Added: d.Added.Format(time.RFC3339), Analysed: d.Analysed, Credits: d.Credits}
	if !d.Published.IsZero() {
		p := d.Published.Format(time.RFC3339)
		out.Published = &p
	}
	if d.Story != 0 {
		out.Story = &d.Story
	}
	if text {
		out.Paragraphs, out.Removed = d.Paragraphs, d.Removed
	}
	return out
}

// apiDocuments is GET /api/documents: every document in arrival order,
// a page at a time (after the seq the last page ended with).
func (s *Server) apiDocuments(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	after, err := intParam(q, "after", 0, 0)
	if err != nil {
		return err
	}
	limit, err := intParam(q, "limit", defaultPage, 1)
	if err != nil {
		return err
	}
	limit = min(limit, maxPage)
	text := q.Get("text") == "true" || q.Get("text") == "1"
	docs, err := s.st.Documents(r.Context(), int64(after), limit)
	if err != nil {
		return err
	}
	out := struct {
		Documents []apiDocument `json:"documents"`
		Next      *string       `json:"next"`
	}{Documents: make([]apiDocument, 0, len(docs))}
	for _, d := range docs {
		out.Documents = append(out.Documents, documentJSON(d, text))
	}
	if len(docs) == limit {
		v := url.Values{"after": {strconv.FormatInt(docs[len(docs)-1].Seq, 10)}, "limit": {strconv.Itoa(limit)}}
		if text {
			v.Set("text", "true")
		}
		next := "/api/documents?" + v.Encode()
		out.Next = &next
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// apiDocument is GET /api/documents/{id}: one document with its text.
func (s *Server) apiDocument(w http.ResponseWriter, r *http.Request) error {
	d, err := s.document(r, r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, documentJSON(d, true))
	return nil
}

// apiRaw is GET /api/documents/{id}/raw: the input a document was read
// from, byte for byte. It is a download, never a page: the bytes are a
// stranger's HTML, which must not run in this site's origin.
func (s *Server) apiRaw(w http.ResponseWriter, r *http.Request) error {
	d, err := s.document(r, r.PathValue("id"))
	if err != nil {
		return err
	}
	raw, err := s.st.Raw(r.Context(), d.Seq)
	if err != nil {
		return notFound(err, "document %q was stored without its raw input", d.ID)
	}
	h := w.Header()
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": fileName(d.ID) + ".raw"}))
	h.Set("Cache-Control", "private, max-age=3600")
	writeBody(w, http.StatusOK, "application/octet-stream", raw)
	return nil
}

// fileName keeps the characters of id that are safe in a file name on
// every system.
func fileName(id string) string {
	name := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			return r
		}
		return '_'
	}, id)
	name = strings.TrimLeft(name, ".")
	if name == "" {
		name = "document"
	}
	return name[:min(len(name), 100)]
}

// apiStory is a story as the API lists it.
type apiStory struct {
	ID          int64     `json:"id"`
	Size        int64     `json:"size"`
	Title       string    `json:"title"`
	Origin      *int64    `json:"origin"` // seq of the origin document
	OriginTitle string    `json:"origin_title,omitempty"`
	OriginSite  string    `json:"origin_site,omitempty"`
	Sites       []string  `json:"sites"`
	First       time.Time `json:"first"`
	Last        time.Time `json:"last"`
	Updated     time.Time `json:"updated"`
	Href        string    `json:"href"`
}

// storyQuery reads the listing parameters shared by the API and the index
// page.
func storyQuery(q url.Values) (store.StoryQuery, error) {
	var sq store.StoryQuery
	var err error
	if sq.Limit, err = intParam(q, "limit", defaultPage, 1); err != nil {
		return sq, err
	}
	sq.Limit = min(sq.Limit, maxPage)
	if sq.Offset, err = intParam(q, "offset", 0, 0); err != nil {
		return sq, err
	}
	if sq.MinSize, err = intParam(q, "min_size", 0, 0); err != nil {
		return sq, err
	}
	sq.Site = strings.TrimSpace(q.Get("site"))
	return sq, nil
}

// stories is the page of stories r asks for, the query it asked with and
// the number of stories in all.
func (s *Server) stories(r *http.Request) (store.StoryQuery, []store.StorySummary, int, error) {
	sq, err := storyQuery(r.URL.Query())
	if err != nil {
		return sq, nil, 0, err
	}
	list, err := s.st.Stories(r.Context(), sq)
	if err != nil {
		return sq, nil, 0, err
	}
	total, err := s.st.CountStories(r.Context())
	return sq, list, total, err
}

// apiStories is GET /api/stories: stories, the latest first.
func (s *Server) apiStories(w http.ResponseWriter, r *http.Request) error {
	sq, list, total, err := s.stories(r)
	if err != nil {
		return err
	}
	out := struct {
		Stories []apiStory `json:"stories"`
		Total   int        `json:"total"` // of every story, whatever the filters
		Offset  int        `json:"offset"`
		Limit   int        `json:"limit"`
	}{Stories: make([]apiStory, 0, len(list)), Total: total, Offset: sq.Offset, Limit: sq.Limit}
	for _, st := range list {
		as := apiStory{ID: st.ID, Size: st.Size, Title: st.Title, OriginTitle: st.OriginTitle, OriginSite: st.OriginSite,
			Sites: st.Sites, First: st.First, Last: st.Last, Updated: st.Updated, Href: fmt.Sprintf("/api/stories/%d", st.ID)}
		if st.Origin != 0 {
			as.Origin = &st.Origin
		}
		if as.Sites == nil {
			as.Sites = []string{}
		}
		out.Stories = append(out.Stories, as)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// apiStory is GET /api/stories/{id}: one story in the shape of the
// analysis contract, as stemma analyze --format json writes it.
func (s *Server) apiStory(w http.ResponseWriter, r *http.Request) error {
	id, err := storyID(r.PathValue("id"))
	if err != nil {
		return err
	}
	res, err := live.StoryResult(r.Context(), s.st, id)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := report.JSON(&b, res); err != nil {
		return err
	}
	writeBody(w, http.StatusOK, "application/json; charset=utf-8", b.Bytes())
	return nil
}

// apiCompare is GET /api/compare: two documents aligned, as stemma
// compare --format json writes them.
func (s *Server) apiCompare(w http.ResponseWriter, r *http.Request) error {
	c, err := s.compare(r)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := report.CompareJSON(&b, c.pair); err != nil {
		return err
	}
	writeBody(w, http.StatusOK, "application/json; charset=utf-8", b.Bytes())
	return nil
}

// apiHit is a search hit as the API writes it.
type apiHit struct {
	Seq   int64   `json:"seq"`
	ID    string  `json:"id"`
	Title string  `json:"title"`
	Site  string  `json:"site"`
	Story *int64  `json:"story"`
	Rank  float64 `json:"rank"`
	// Snippet is the passage around the matched words as plain text;
	// Parts is the same passage cut where matches begin and end.
	Snippet string        `json:"snippet"`
	Parts   []snippetPart `json:"parts"`
}

// apiSearch is GET /api/search: documents holding every word of q.
func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, err := intParam(q, "limit", 20, 1)
	if err != nil {
		return err
	}
	query := strings.TrimSpace(q.Get("q"))
	if query == "" {
		return errorf(http.StatusBadRequest, "missing the query: ?q=words")
	}
	hits, err := s.st.Search(r.Context(), query, min(limit, maxPage))
	if err != nil {
		return err
	}
	out := struct {
		Query string   `json:"query"`
		Hits  []apiHit `json:"hits"`
	}{Query: query, Hits: make([]apiHit, 0, len(hits))}
	for _, h := range hits {
		parts := snippetParts(h.Snippet)
		ah := apiHit{Seq: h.Seq, ID: h.ID, Title: h.Title, Site: h.Site, Rank: h.Rank, Snippet: plainSnippet(parts), Parts: parts}
		if h.Story != 0 {
			ah.Story = &h.Story
		}
		out.Hits = append(out.Hits, ah)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// document returns the document called id, or a 404 naming it.
func (s *Server) document(r *http.Request, id string) (*store.Document, error) {
	d, err := s.st.DocumentByID(r.Context(), id)
	if err != nil {
		return nil, notFound(err, "no document %q", id)
	}
	return d, nil
}

// notFound words err as a 404 when it is store.ErrNotFound, and leaves it
// to Server.fail otherwise.
func notFound(err error, format string, args ...any) error {
	if errors.Is(err, store.ErrNotFound) {
		return errorf(http.StatusNotFound, format, args...)
	}
	return err
}

// storyID reads a story's id from a path: its number, as the listings
// give it, or "s" and its number, as the analysis contract writes it.
func storyID(s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(s, "s"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errorf(http.StatusBadRequest, "%q is not a story id: want a positive number", s)
	}
	return id, nil
}

// intParam reads the integer query parameter name, def when absent; it
// must be at least least.
func intParam(q url.Values, name string, def, least int) (int, error) {
	v := q.Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < least {
		return 0, errorf(http.StatusBadRequest, "parameter %s=%q: want a whole number of at least %d", name, v, least)
	}
	return n, nil
}
