package clean

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stemma-news/stemma/internal/document"
)

// maxGroundTruthRemovals bounds how many ground-truth paragraphs Clean may
// take out. The bodies are article text as human annotators drew it, so
// every removal there is text the extraction score counts as lost. The
// few allowed are lines the annotators kept that are credits by any
// reading (an "Image Source: ..." line, a Reuters "(Reporting by ...)").
// Separators ("___") are counted apart: the brief wants them gone and
// they are one token each.
const maxGroundTruthRemovals = 3

// TestGroundTruthBodies runs Clean over every article body of the
// extraction set and reports each paragraph it removes.
func TestGroundTruthBodies(t *testing.T) {
	path := filepath.Join(sharedDir, "eval", "extraction-zyte", "ground-truth.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("ground truth not found at %s: %v", path, err)
	}
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(data, &gt); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, len(gt))
	for id := range gt {
		ids = append(ids, id)
	}
	sort.Strings(ids)

	// Only removals holding a word count against the extraction score
	// (score.py counts \w+ shingles); a zero-width space is nothing.
	word := regexp.MustCompile(`\w`)
	total, paragraphs, scored, rules := 0, 0, 0, 0
	byReason := map[string]int{}
	for _, id := range ids {
		var ps []string
		for l := range strings.Lines(gt[id].ArticleBody) {
			if l = strings.TrimSpace(l); l != "" {
				ps = append(ps, l)
			}
		}
		paragraphs += len(ps)
		doc := &document.Document{Paragraphs: ps}
		Clean(doc)
		for _, r := range doc.Removed {
			total++
			byReason[r.Reason]++
			switch {
			case r.Reason == ReasonSeparator || r.Reason == ReasonBlank:
				rules++
			case word.MatchString(r.Text):
				scored++
				t.Logf("%.8s p%-3d %-18s %.90q", id, r.Paragraph, r.Reason, r.Text)
			}
		}
	}
	t.Logf("removed %d of %d ground-truth paragraphs: %d holding words, %d separators or blanks; by reason %v", total, paragraphs, scored, rules, byReason)
	if scored > maxGroundTruthRemovals {
		t.Errorf("removed %d ground-truth paragraphs holding words, want at most %d", scored, maxGroundTruthRemovals)
	}
}
