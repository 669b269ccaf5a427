package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/stemma-news/stemma/internal/analysis"
	"github.com/stemma-news/stemma/internal/change"
)

// Text writes the analysis as a report for a terminal: a summary line,
// then each story with its lineage drawn as a tree, the relation, score
// and evidence of each copy, and its independent reports.
func Text(w io.Writer, r *analysis.Result) error {
	bw := bufio.NewWriter(w)
	docs, pairs := indexes(r)
	fmt.Fprintf(bw, "%s, %s, %s\n", count(len(r.Documents), "document"), count(len(r.Stories), "story"), count(countDerived(r), "derived pair"))
	for _, s := range r.Stories {
		v := newStoryView(r, s, docs, pairs)
		fmt.Fprintf(bw, "\nStory %s: %d document%s", s.ID, len(s.Documents), plural(len(s.Documents)))
		if s.Origin != "" {
			fmt.Fprintf(bw, ", origin %s", s.Origin)
		}
		fmt.Fprintln(bw)
		for _, root := range v.roots {
			fmt.Fprintf(bw, "  %s  %s\n", root, describe(docs[root]))
			v.textTree(bw, root, "  ")
		}
		if len(v.independent) > 0 {
			fmt.Fprintln(bw, "  independent reports of the same story:")
			for _, id := range v.independent {
				fmt.Fprintf(bw, "    %s  %s\n", id, describe(docs[id]))
			}
		}
		if sib := s.Lineage.Siblings; len(sib) > 0 {
			parts := make([]string, len(sib))
			for i, p := range sib {
				parts[i] = p[0] + " ~ " + p[1]
			}
			fmt.Fprintf(bw, "  siblings (copies of one source): %s\n", strings.Join(parts, ", "))
		}
		for _, id := range s.Documents {
			if d := docs[id]; d != nil && len(d.Removed) > 0 {
				fmt.Fprintf(bw, "  removed from %s: %s\n", id, removedSummary(d.Removed))
			}
		}
		if v.err != nil {
			return v.err
		}
	}
	return bw.Flush()
}

func (v *storyView) textTree(w io.Writer, parent, indent string) {
	kids := v.children[parent]
	for k, id := range kids {
		branch, next := "├─ ", "│  "
		if k == len(kids)-1 {
			branch, next = "└─ ", "   "
		}
		p := v.pairOf(parent, id)
		fmt.Fprintf(w, "%s%s%s  %s %.2f  %s\n", indent, branch, id, p.Relation, p.Score, describe(v.docs[id]))
		for _, e := range p.Evidence {
			fmt.Fprintf(w, "%s%s    · %s\n", indent, next, e)
		}
		if l := v.changesAgainst(p, parent); l != nil {
			textChanges(w, indent+next+"    ", parent, l)
		}
		v.textTree(w, id, indent+next)
	}
}

// textChanges lists the first changes of a copy against its source, one
// line each, and whose quotes it kept.
func textChanges(w io.Writer, indent, source string, l *change.List) {
	if len(l.Changes) > 0 {
		fmt.Fprintf(w, "%schanges against %s:\n", indent, source)
		for _, c := range l.Changes[:min(len(l.Changes), maxTextChanges)] {
			fmt.Fprintf(w, "%s  - %s\n", indent, oneLine(c.String()))
		}
		if n := len(l.Changes) - maxTextChanges; n > 0 {
			fmt.Fprintf(w, "%s  … and %d more\n", indent, n)
		}
	}
	if len(l.QuotesKept) > 0 {
		fmt.Fprintf(w, "%squotes kept verbatim: %s\n", indent, oneLine(strings.Join(l.QuotesKept, ", ")))
	}
}
