package corpusgen

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/stemma-news/stemma/internal/clean"
	"github.com/stemma-news/stemma/internal/ingest"
)

// Material is one real article used as raw material.
type Material struct {
	ID, Title  string
	Paragraphs []string
}

// words counts the whitespace-separated words of m's paragraphs.
func (m *Material) words() int {
	n := 0
	for _, p := range m.Paragraphs {
		n += len(strings.Fields(p))
	}
	return n
}

// LoadMaterial reads raw material from the shared eval sets under evalDir:
// every document under ecb-dev/docs (read with ingest.Read and cleaned with
// clean.Clean, so that page furniture does not end up in planted copies) and
// the article bodies of extraction-zyte/ground-truth.json, split into
// paragraphs on newlines.
//
// Ids are prefixed with their set ("ecb-dev/ecb_1_1ecb",
// "extraction-zyte/04a6…") and the order is fixed (ecb-dev in lexical order,
// then the zyte pages by id), so that generation from the same material and
// seed is reproducible. A document that cannot be read is an error: the sets
// are curated, so a failure means something is wrong with the checkout.
func LoadMaterial(ctx context.Context, evalDir string) ([]Material, error) {
	var out []Material
	docs := filepath.Join(evalDir, "ecb-dev", "docs")
	for doc, err := range ingest.Read(ctx, []string{docs}, ingest.Options{}) {
		if err != nil {
			return nil, fmt.Errorf("corpusgen: reading material: %w", err)
		}
		clean.Clean(doc)
		out = append(out, Material{ID: "ecb-dev/" + doc.ID, Title: doc.Title, Paragraphs: doc.Paragraphs})
	}
	zyte, err := loadZyte(filepath.Join(evalDir, "extraction-zyte", "ground-truth.json"))
	if err != nil {
		return nil, err
	}
	out = append(out, zyte...)
	if len(out) == 0 {
		return nil, fmt.Errorf("corpusgen: no material under %s", evalDir)
	}
	return out, nil
}

// loadZyte reads the extraction ground truth: a JSON object mapping page
// ids to {"articleBody": ..., "url": ...}. The bodies have no titles; one is
// made from the URL's slug, which is how most news sites spell the headline.
func loadZyte(path string) ([]Material, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("corpusgen: reading material: %w", err)
	}
	var pages map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(b, &pages); err != nil {
		return nil, fmt.Errorf("corpusgen: reading %s: %w", path, err)
	}
	ids := make([]string, 0, len(pages))
	for id := range pages {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	out := make([]Material, 0, len(ids))
	for _, id := range ids {
		p := pages[id]
		var paras []string
		for line := range strings.SplitSeq(p.ArticleBody, "\n") {
			if line = strings.Join(strings.Fields(line), " "); line != "" {
				paras = append(paras, line)
			}
		}
		if len(paras) == 0 {
			continue
		}
		out = append(out, Material{ID: "extraction-zyte/" + id, Title: titleFromURL(p.URL), Paragraphs: paras})
	}
	return out, nil
}

// titleFromURL makes a headline from the longest hyphenated segment of a
// URL's path ("/2019/11/so-many-ways-to-play-11574168580" gives "So many
// ways to play"), dropping trailing ids. It returns "" when no segment
// reads like words.
func titleFromURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	best := ""
	for seg := range strings.SplitSeq(u.Path, "/") {
		seg = strings.TrimSuffix(seg, filepath.Ext(seg))
		if strings.Count(seg, "-")+strings.Count(seg, "_") > strings.Count(best, "-")+strings.Count(best, "_") {
			best = seg
		}
	}
	words := strings.FieldsFunc(best, func(r rune) bool { return r == '-' || r == '_' })
	// Trailing ids and hashes are not headline words.
	for len(words) > 0 && strings.ContainsFunc(words[len(words)-1], unicode.IsDigit) && len(words[len(words)-1]) > 4 {
		words = words[:len(words)-1]
	}
	if len(words) < 4 {
		return ""
	}
	t := strings.Join(words, " ")
	return strings.ToUpper(t[:1]) + t[1:]
}
