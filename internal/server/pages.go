package server

import (
	"bytes"
	"cmp"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/stemma-news/stemma/internal/document"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static/style.css
var styleCSS []byte

// pageNames are the pages, each a template file defining "content" (and
// "title") for the layout.
var pageNames = []string{"index", "story", "document", "compare", "search", "error"}

var funcs = template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return "date unknown"
		}
		return t.UTC().Format("2006-01-02 15:04 UTC")
	},
	"score": func(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) },
	"plural": func(n int, noun string) string {
		if n == 1 {
			return "1 " + noun
		}
		if strings.HasSuffix(noun, "y") {
			return fmt.Sprintf("%d %sies", n, noun[:len(noun)-1])
		}
		return fmt.Sprintf("%d %ss", n, noun)
	},
}

// parsePages parses every page with the layout and the lineage graph.
func parsePages() (map[string]*template.Template, error) {
	out := map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/lineage.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("server: templates: %w", err)
		}
		out[name] = t
	}
	return out, nil
}

// page is what the layout renders: the page's own data in Data.
type page struct {
	Title string // of the window, after "stemma"
	Query string // shown in the search box
	Data  any
}

// render answers with page name.
func (s *Server) render(w http.ResponseWriter, status int, name string, p page) error {
	var b bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&b, "layout", p); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	writeBody(w, status, "text/html; charset=utf-8", b.Bytes())
	return nil
}

// errorPage answers with an error page; if even that fails, in plain text.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, msg string) {
	data := struct {
		Status int
		Text   string
		Msg    string
	}{status, http.StatusText(status), msg}
	if err := s.render(w, status, "error", page{Title: http.StatusText(status), Data: data}); err != nil {
		s.log.ErrorContext(r.Context(), "error page", "err", err)
		http.Error(w, msg, status)
	}
}

// style is GET /static/style.css.
func (s *Server) style(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "public, max-age=3600")
	writeBody(w, http.StatusOK, "text/css; charset=utf-8", styleCSS)
	return nil
}

// Hrefs of the pages. IDs are path-escaped here, as html/template leaves
// '/', '?' and '#' in a URL as they are.
func documentHref(id string) string { return "/documents/" + url.PathEscape(id) }
func storyHref(id int64) string     { return "/stories/" + strconv.FormatInt(id, 10) }
func compareHref(a, b string) string {
	return "/compare?" + url.Values{"a": {a}, "b": {b}}.Encode()
}

// liveLink returns u when it is a web address a reader may follow, ""
// otherwise: a javascript: or data: URL from an article is shown as
// text, never as a link.
func liveLink(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || p.Host == "" || p.Scheme != "http" && p.Scheme != "https" {
		return ""
	}
	return p.String()
}

// docHead is what every page shows of a document it names.
type docHead struct {
	ID, Title, Site, Byline, URL, Link, Href string
	Published                                time.Time
	Words                                    int
}

// maxListedSites bounds the sites the index names for a story: a wire
// story can run on hundreds.
const maxListedSites = 8

// indexPage is GET /: the stories, the latest first.
func (s *Server) indexPage(w http.ResponseWriter, r *http.Request) error {
	sq, list, total, err := s.stories(r)
	if err != nil {
		return err
	}
	type siteLink struct{ Name, Href string }
	type row struct {
		Href, Title, OriginSite string
		Size                    int64
		Sites                   []siteLink
		MoreSites               int
		First, Last             time.Time
	}
	data := struct {
		Stories          []row
		Total, From, To  int
		Site             string
		MinSize          int
		Newer, Older     string
		Filtered, Paging bool
	}{Total: total, Site: sq.Site, MinSize: sq.MinSize, From: sq.Offset + 1, To: sq.Offset + len(list)}
	for _, st := range list {
		rw := row{Href: storyHref(st.ID), Title: cmp.Or(st.Title, fmt.Sprintf("Story %d", st.ID)), OriginSite: st.OriginSite, Size: st.Size, First: st.First, Last: st.Last}
		for _, site := range st.Sites[:min(len(st.Sites), maxListedSites)] {
			rw.Sites = append(rw.Sites, siteLink{site, "/?" + url.Values{"site": {site}}.Encode()})
		}
		rw.MoreSites = len(st.Sites) - len(rw.Sites)
		data.Stories = append(data.Stories, rw)
	}
	pageAt := func(offset int) string {
		v := url.Values{}
		if offset > 0 {
			v.Set("offset", strconv.Itoa(offset))
		}
		if sq.Site != "" {
			v.Set("site", sq.Site)
		}
		if sq.MinSize > 0 {
			v.Set("min_size", strconv.Itoa(sq.MinSize))
		}
		if sq.Limit != defaultPage {
			v.Set("limit", strconv.Itoa(sq.Limit))
		}
		if len(v) == 0 {
			return "/"
		}
		return "/?" + v.Encode()
	}
	if sq.Offset > 0 {
		data.Newer = pageAt(max(sq.Offset-sq.Limit, 0))
	}
	if len(list) == sq.Limit {
		data.Older = pageAt(sq.Offset + sq.Limit)
	}
	data.Filtered = sq.Site != "" || sq.MinSize > 0
	data.Paging = data.Newer != "" || data.Older != ""
	return s.render(w, http.StatusOK, "index", page{Title: "stories", Data: data})
}

// documentPage is GET /documents/{id}: one document and its text.
func (s *Server) documentPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.document(r, r.PathValue("id"))
	if err != nil {
		return err
	}
	data := struct {
		Doc               docHead
		Paragraphs        []string
		Credits           []document.Credit
		Removed           []document.Removal
		Added             time.Time
		Format, Origin    string
		StoryHref         string
		RawHref, JSONHref string
		Analysed          bool
	}{
		Doc:        docHead{ID: d.ID, Title: d.Title, Site: d.Site, Byline: d.Byline, URL: d.URL, Link: liveLink(d.URL), Href: documentHref(d.ID), Published: d.Published, Words: d.Words},
		Paragraphs: d.Paragraphs, Credits: d.Credits, Removed: d.Removed, Added: d.Added, Format: d.Format, Origin: d.Origin,
		RawHref: "/api" + documentHref(d.ID) + "/raw", JSONHref: "/api" + documentHref(d.ID), Analysed: d.Analysed,
	}
	if d.Story != 0 {
		data.StoryHref = storyHref(d.Story)
	}
	return s.render(w, http.StatusOK, "document", page{Title: cmp.Or(d.Title, d.ID), Data: data})
}

// searchPage is GET /search: documents holding every word of q.
func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) error {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	type hit struct {
		Href, Title, Site, ID, StoryHref string
		Parts                            []snippetPart
	}
	var hits []hit
	if q != "" {
		found, err := s.st.Search(r.Context(), q, 50)
		if err != nil {
			return err
		}
		for _, h := range found {
			ht := hit{Href: documentHref(h.ID), Title: cmp.Or(h.Title, h.ID), Site: h.Site, ID: h.ID, Parts: snippetParts(h.Snippet)}
			if h.Story != 0 {
				ht.StoryHref = storyHref(h.Story)
			}
			hits = append(hits, ht)
		}
	}
	data := struct {
		Query string
		Hits  []hit
	}{q, hits}
	return s.render(w, http.StatusOK, "search", page{Title: "search", Query: q, Data: data})
}
