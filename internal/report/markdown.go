package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/stemma-news/stemma/internal/analysis"
	"github.com/stemma-news/stemma/internal/change"
)

// Markdown writes the analysis as a Markdown document: a section per
// story with a table of its versions (source, relation, score) and the
// evidence for each derived copy.
func Markdown(w io.Writer, r *analysis.Result) error {
	bw := bufio.NewWriter(w)
	docs, pairs := indexes(r)
	fmt.Fprintf(bw, "# stemma analysis\n\n%s, %s, %s.\n", count(len(r.Documents), "document"), count(len(r.Stories), "story"), count(countDerived(r), "derived pair"))
	for _, s := range r.Stories {
		v := newStoryView(r, s, docs, pairs)
		fmt.Fprintf(bw, "\n## Story %s", s.ID)
		if s.Origin != "" {
			fmt.Fprintf(bw, ": %s", mdEscape(label(docs[s.Origin])))
		}
		fmt.Fprintf(bw, "\n\n%d document%s", len(s.Documents), plural(len(s.Documents)))
		if s.Origin != "" {
			fmt.Fprintf(bw, "; origin `%s`", s.Origin)
		}
		fmt.Fprint(bw, ".\n\n| document | title | site | relation | source | score |\n|---|---|---|---|---|---|\n")
		for _, id := range s.Documents {
			d := docs[id]
			rel, src, score := "independent", "", ""
			if id == s.Origin {
				rel = "origin"
			}
			if parent, ok := s.Lineage.Parent[id]; ok {
				p := v.pairOf(parent, id)
				rel, src, score = string(p.Relation), "`"+parent+"`", fmt.Sprintf("%.2f", p.Score)
			}
			fmt.Fprintf(bw, "| `%s` | %s | %s | %s | %s | %s |\n", id, mdEscape(label(d)), mdEscape(site(d)), rel, src, score)
		}
		for _, id := range s.Documents {
			parent, ok := s.Lineage.Parent[id]
			if !ok {
				continue
			}
			p := v.pairOf(parent, id)
			fmt.Fprintf(bw, "\n### `%s` %s of `%s`\n\n", id, p.Relation, parent)
			for _, e := range p.Evidence {
				fmt.Fprintf(bw, "- %s\n", mdEscape(e))
			}
			if l := v.changesAgainst(p, parent); l != nil {
				mdChanges(bw, parent, id, l)
			}
		}
		if sib := s.Lineage.Siblings; len(sib) > 0 {
			fmt.Fprint(bw, "\nSiblings (copies of one source, not of each other):")
			for _, p := range sib {
				fmt.Fprintf(bw, " `%s` ~ `%s`;", p[0], p[1])
			}
			fmt.Fprintln(bw)
		}
		var removed []string
		for _, id := range s.Documents {
			if d := docs[id]; d != nil && len(d.Removed) > 0 {
				removed = append(removed, fmt.Sprintf("- `%s`: %s", id, removedSummary(d.Removed)))
			}
		}
		if len(removed) > 0 {
			fmt.Fprintf(bw, "\nPage furniture removed:\n\n%s\n", strings.Join(removed, "\n"))
		}
		if v.err != nil {
			return v.err
		}
	}
	return bw.Flush()
}

// mdChanges writes every change of a copy against its source, and whose
// quotes it kept, as a subsection of the copy's section.
func mdChanges(w io.Writer, source, copy string, l *change.List) {
	if len(l.Changes) == 0 && len(l.QuotesKept) == 0 {
		return
	}
	fmt.Fprintf(w, "\n#### Changes (`%s` → `%s`)\n\n", source, copy)
	for _, c := range l.Changes {
		fmt.Fprintf(w, "- %s\n", mdEscape(oneLine(c.String())))
	}
	if len(l.QuotesKept) > 0 {
		if len(l.Changes) > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "Quotes kept verbatim: %s.\n", mdEscape(oneLine(strings.Join(l.QuotesKept, ", "))))
	}
}

func site(d *analysis.Summary) string {
	if d == nil {
		return ""
	}
	return d.Site
}

// mdEscape keeps text from breaking a table or turning into markup. The
// backslash is escaped too, or one in the text would undo the escape of
// the character after it.
func mdEscape(s string) string {
	r := strings.NewReplacer("\\", "\\\\", "|", "\\|", "\n", " ", "*", "\\*", "_", "\\_", "`", "\\`", "<", "&lt;", ">", "&gt;", "[", "\\[", "]", "\\]")
	return r.Replace(s)
}
