package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/stemma-news/stemma/internal/analysis"
	"github.com/stemma-news/stemma/internal/document"
)

// describe is a one-line summary of a document: title, site, date, length.
func describe(d *analysis.Summary) string {
	if d == nil {
		return ""
	}
	parts := []string{fmt.Sprintf("%q", label(d))}
	if d.Site != "" {
		parts = append(parts, d.Site)
	}
	if !d.Published.IsZero() {
		parts = append(parts, d.Published.Format("2006-01-02 15:04"))
	}
	if d.Byline != "" {
		parts = append(parts, "by "+d.Byline)
	}
	parts = append(parts, fmt.Sprintf("%d words", d.Words))
	return strings.Join(parts, ", ")
}

// removedSummary counts removals by reason: "2 repeated-paragraph, 1 ad-slot".
func removedSummary(rs []document.Removal) string {
	n := map[string]int{}
	for _, r := range rs {
		n[r.Reason]++
	}
	reasons := make([]string, 0, len(n))
	for r := range n {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	parts := make([]string, len(reasons))
	for i, r := range reasons {
		parts[i] = fmt.Sprintf("%d %s", n[r], r)
	}
	return strings.Join(parts, ", ")
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// count writes "1 story", "2 stories", "3 documents".
func count(n int, noun string) string {
	switch {
	case n == 1:
		return "1 " + noun
	case strings.HasSuffix(noun, "y"):
		return fmt.Sprintf("%d %sies", n, noun[:len(noun)-1])
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
