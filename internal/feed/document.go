package feed

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/unicode/norm"

	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/fetch"
	"github.com/stemma-news/stemma/internal/ingest"
)

// ItemDocument builds the document of a feed item.
//
// With a page (the item's link, fetched), the article is extracted from
// the page with ingest.ParseHTML, and the item fills in what the page did
// not give: title, date, byline, URL. A page with no readable article is
// an error; the caller may then fall back on the item's content by
// calling ItemDocument(it, nil).
//
// With no page, the document is the item's content: a paragraph per block
// of its HTML, or per blank-line separated part of plain text; the item's
// metadata is then all there is. Feeds often carry only a summary: such a
// document is short.
//
// The document's ID comes from the item's link (see IDFromURL), or from
// its GUID when it has none, so that the same article gets the same ID on
// every poll. Raw keeps the bytes the text was read from.
func ItemDocument(it Item, page *fetch.Response) (*document.Document, error) {
	if page != nil {
		return pageDocument(it, page)
	}
	return contentDocument(it)
}

func pageDocument(it Item, page *fetch.Response) (*document.Document, error) {
	if page.NotModified || len(page.Body) == 0 {
		return nil, fmt.Errorf("item %s: page %s has no body", it.GUID, page.URL)
	}
	doc, err := ingest.ParseHTML(bytes.NewReader(pageBytes(page)), page.URL)
	if err != nil {
		return nil, fmt.Errorf("item %s: page %s: %w", it.GUID, page.URL, err)
	}
	doc.ID = itemID(it)
	doc.Origin = page.URL
	doc.Raw = page.Body
	// The page knows itself best; the feed fills the gaps.
	doc.Title = firstNonEmpty(doc.Title, it.Title)
	doc.Byline = firstNonEmpty(doc.Byline, it.Author)
	doc.URL = firstNonEmpty(doc.URL, it.Link, page.URL)
	if vaguer(doc.Published, it.Published) {
		doc.Published = it.Published
	}
	return doc, nil
}

// pageBytes returns the page's body as ParseHTML should read it. That
// sees only the bytes: a page in a legacy charset that only the
// Content-Type header names is decoded here, to UTF-8, which ParseHTML
// takes as it is whatever the page says.
func pageBytes(page *fetch.Response) []byte {
	if utf8.Valid(page.Body) || !strings.Contains(strings.ToLower(page.ContentType), "charset") {
		return page.Body
	}
	enc, _, certain := charset.DetermineEncoding(page.Body, page.ContentType)
	if !certain {
		return page.Body
	}
	out, err := enc.NewDecoder().Bytes(page.Body)
	if err != nil {
		return page.Body
	}
	return out
}

// vaguer says whether a page's date says less than its feed item's: it
// is missing, or it gives the same day and no time (a date read off the
// address, say).
func vaguer(page, item time.Time) bool {
	if item.IsZero() {
		return false
	}
	if page.IsZero() {
		return true
	}
	h, m, s := page.Clock()
	if h != 0 || m != 0 || s != 0 || page.Nanosecond() != 0 {
		return false
	}
	y1, m1, d1 := page.Date()
	for _, loc := range []*time.Location{item.Location(), time.UTC} {
		if y2, m2, d2 := item.In(loc).Date(); y1 == y2 && m1 == m2 && d1 == d2 {
			return true
		}
	}
	return false
}

func contentDocument(it Item) (*document.Document, error) {
	content := strings.TrimSpace(it.Content)
	if content == "" {
		return nil, fmt.Errorf("item %s: no content in the feed", it.GUID)
	}
	// The content is the article's body already, with no page around
	// it, and mostly short: the extractor, made to find an article in a
	// page, finds none in a summary or runs its paragraphs together. Its
	// own blocks are the paragraphs; like every reader, this one leaves
	// furniture ("The post ... appeared first on ...") to internal/clean.
	doc := &document.Document{Format: ingest.FormatHTML}
	if looksLikeHTML(content) {
		doc.Paragraphs = htmlParagraphs(content)
	} else {
		// JSON Feed's content_text, or a feed that puts plain text in its
		// description: paragraphs are blank-line separated.
		doc.Format = ingest.FormatText
		doc.Paragraphs = textParagraphs(content)
	}
	if len(doc.Paragraphs) == 0 {
		return nil, fmt.Errorf("item %s: no text in the feed's content", it.GUID)
	}
	doc.ID = itemID(it)
	doc.Origin = firstNonEmpty(it.Link, it.GUID)
	doc.Raw = []byte(it.Content)
	doc.Title, doc.Byline, doc.URL, doc.Published = it.Title, it.Author, it.Link, it.Published
	if u, err := url.Parse(it.Link); err == nil {
		doc.Site = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	// A fragment that starts with the headline: that is the title, not text.
	if len(doc.Paragraphs) > 1 && strings.EqualFold(doc.Paragraphs[0], doc.Title) {
		doc.Paragraphs = doc.Paragraphs[1:]
	}
	return doc, nil
}

func itemID(it Item) string {
	if it.Link != "" {
		return IDFromURL(it.Link)
	}
	return IDFromURL(it.GUID)
}

// looksLikeHTML says whether s holds a tag, rather than being plain text
// (where "<" may stand alone, as in "a < b").
func looksLikeHTML(s string) bool {
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 || i+1 >= len(s) {
			return false
		}
		if c := s[i+1]; c == '/' || c == '!' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
			return true
		}
		s = s[i+1:]
	}
}

func textParagraphs(s string) []string {
	var out []string
	for p := range strings.SplitSeq(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = norm.NFC.String(collapse(p)); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// htmlParagraphs reads an HTML fragment as paragraphs: one per block
// element or line break, scripts and styles left out.
func htmlParagraphs(fragment string) []string {
	body := &xhtml.Node{Type: xhtml.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := xhtml.ParseFragment(strings.NewReader(fragment), body)
	if err != nil {
		return nil
	}
	var out []string
	var cur strings.Builder
	flush := func() {
		if p := norm.NFC.String(collapse(cur.String())); p != "" {
			out = append(out, p)
		}
		cur.Reset()
	}
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		switch n.Type {
		case xhtml.TextNode:
			cur.WriteString(n.Data)
			return
		case xhtml.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe:
				return
			case atom.Br, atom.Hr:
				flush()
				return
			}
		}
		block := n.Type == xhtml.ElementNode && isBlock(n.DataAtom)
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	flush()
	return out
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Li, atom.Ul, atom.Ol, atom.Blockquote, atom.Pre,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Tr, atom.Table,
		atom.Section, atom.Article, atom.Header, atom.Footer, atom.Figure, atom.Figcaption,
		atom.Dl, atom.Dt, atom.Dd, atom.Aside, atom.Main:
		return true
	}
	return false
}

// maxID bounds an ID's length: long enough for a host and an article's
// slug, short enough for a file name.
const maxID = 120

// IDFromURL returns a document ID for an article's address: its host,
// without "www.", and path, with the query's parameters after them when
// there are any but tracking ones (some sites name articles by "?id=");
// lower-cased, with each run of other characters than letters and digits
// made one "-" and common page extensions dropped. The same address
// always gives the same ID:
//
//	https://www.example.com/world/2024/03/14/grain-ships.html?utm_source=rss
//	→ example-com-world-2024-03-14-grain-ships
//
// An ID that would be longer than 120 bytes is cut and ends in a hash of
// the whole, so that two long addresses do not share an ID. rawURL need
// not be a URL: a GUID such as "tag:example.com,2024:1001" is slugified
// as it stands.
func IDFromURL(rawURL string) string {
	rawURL = strings.TrimSpace(rawURL)
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return shorten(slug(rawURL), rawURL)
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	p := strings.TrimSuffix(u.Path, "/")
	switch strings.ToLower(path.Ext(p)) {
	case ".html", ".htm", ".shtml", ".php", ".asp", ".aspx", ".jsp", ".cms":
		p = strings.TrimSuffix(p, path.Ext(p))
	}
	parts := []string{host, p}
	q := u.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		if !tracking(k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		parts = append(parts, k)
		parts = append(parts, q[k]...)
	}
	canon := strings.Join(parts, "/")
	return shorten(slug(canon), canon)
}

// tracking says whether a query parameter only says where a reader came
// from, and so must not change an article's ID.
func tracking(key string) bool {
	key = strings.ToLower(key)
	if strings.HasPrefix(key, "utm_") {
		return true
	}
	switch key {
	case "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "ref", "ref_src", "cmpid", "ocid", "smid", "at_medium", "at_campaign", "taid", "_ga", "ito":
		return true
	}
	return false
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "item"
	}
	return b.String()
}

// shorten cuts an over-long slug s at a rune boundary and appends a hash
// of whole, what s was made from.
func shorten(s, whole string) string {
	if len(s) <= maxID {
		return s
	}
	h := fnv.New32a()
	h.Write([]byte(whole))
	cut := maxID - 9
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strings.TrimRight(s[:cut], "-") + fmt.Sprintf("-%08x", h.Sum32())
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
