package ingest

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blocks turns trafilatura's content tree into paragraphs: one per block
// element (p, headings, list items, quotes, table rows...) and one per
// line of a <br>-broken block, so that a byline or a caption that shares
// a block with nothing else reaches the cleaner as a paragraph of its own
// instead of glued to the article text. Inline elements join their text
// without adding spaces, as a browser would.
func blocks(root *html.Node) []string {
	w := &walker{}
	w.walk(root)
	w.flush()
	return w.out
}

type walker struct {
	out []string
	cur strings.Builder
}

// flush ends the paragraph being built, if it has any text.
func (w *walker) flush() {
	if p := collapse(w.cur.String()); p != "" {
		w.out = append(w.out, p)
	}
	w.cur.Reset()
}

func (w *walker) walk(n *html.Node) {
	if n == nil {
		return
	}
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
		tag := tagOf(n)
		switch tag {
		case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head:
			return
		case atom.Br, atom.Hr:
			w.flush()
			return
		case atom.Pre:
			w.flush()
			w.pre(n)
			return
		case atom.Td, atom.Th:
			// Cells of a row stay one paragraph, apart like columns.
			if strings.TrimSpace(w.cur.String()) != "" {
				w.cur.WriteString(" | ")
			}
			w.children(n)
			return
		}
		if isBlock(tag) {
			w.flush()
			w.children(n)
			w.flush()
			return
		}
	}
	w.children(n)
}

// text appends a text node. Trafilatura trims the white space around the
// inline elements it keeps or strips ("on <a>Mason Rudolph</a> (well"
// comes out as "on" "Mason Rudolph" "(well"), so where two pieces of text
// meet without a space one is put back, except next to punctuation that
// hugs its word.
func (w *walker) text(s string) {
	if s == "" {
		return
	}
	cur := w.cur.String()
	if cur != "" {
		last, _ := utf8.DecodeLastRuneInString(cur)
		first, _ := utf8.DecodeRuneInString(s)
		if !isSpace(last) && !isSpace(first) && !strings.ContainsRune(hugsLeft, first) && !strings.ContainsRune(hugsRight, last) {
			w.cur.WriteByte(' ')
		}
	}
	w.cur.WriteString(s)
}

// Punctuation written against the word before it, and after it.
const (
	hugsLeft  = ".,;:!?)]}%’”'\"»…"
	hugsRight = "([{“‘«$£€#@/-–—"
)

func (w *walker) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}

// pre keeps preformatted text line by line: its newlines are its breaks.
func (w *walker) pre(n *html.Node) {
	var b strings.Builder
	textOf(n, &b)
	w.out = append(w.out, paragraphs(b.String())...)
}

func textOf(n *html.Node, b *strings.Builder) {
	if n.Type == html.TextNode {
		b.WriteString(n.Data)
	}
	if n.Type == html.ElementNode && tagOf(n) == atom.Br {
		b.WriteByte('\n')
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		textOf(c, b)
	}
}

// tagOf names an element by its tag name: trafilatura builds its output
// tree with elements whose DataAtom is unset.
func tagOf(n *html.Node) atom.Atom {
	if n.DataAtom != 0 {
		return n.DataAtom
	}
	return atom.Lookup([]byte(strings.ToLower(n.Data)))
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Dt, atom.Dd, atom.Blockquote,
		atom.Table, atom.Thead, atom.Tbody, atom.Tfoot, atom.Tr, atom.Caption,
		atom.Section, atom.Article, atom.Header, atom.Footer, atom.Aside, atom.Nav,
		atom.Main, atom.Figure, atom.Figcaption, atom.Details, atom.Summary,
		atom.Address, atom.Form, atom.Fieldset, atom.Center, atom.Body, atom.Html:
		return true
	}
	return false
}
