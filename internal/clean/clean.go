package clean

import (
	"slices"
	"strings"

	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/textproc"
)

// Clean removes page furniture and repeated paragraphs from doc.Title and
// doc.Paragraphs, recording each removal in doc.Removed with a stable
// reason, and keeps bylines and credits in doc.Credits (and the first
// byline's name in doc.Byline when it is empty).
//
// Removal.Paragraph is the index in doc.Paragraphs as Clean found them, -1
// for the title. Clean is idempotent: a second call removes nothing.
func Clean(doc *document.Document) {
	var found []finding
	if f, ok := cleanTitle(doc.Title); ok {
		found = append(found, f)
		doc.Title = ""
	}

	// Removing furniture can bring other furniture to the edge of the text
	// (a bio heading becomes the last line once the comment prompt under
	// it is gone), so passes repeat until one removes nothing. That is
	// also what makes Clean idempotent.
	live := make([]para, len(doc.Paragraphs))
	for i, p := range doc.Paragraphs {
		live[i] = para{index: i, text: p, key: strings.TrimSpace(textproc.Fold(p))}
	}
	for first := true; ; first = false {
		var gone []finding
		live, gone = pass(live, first)
		if len(gone) == 0 {
			break
		}
		found = append(found, gone...)
	}

	slices.SortStableFunc(found, func(a, b finding) int { return a.removal.Paragraph - b.removal.Paragraph })
	for _, f := range found {
		doc.Removed = append(doc.Removed, f.removal)
		if f.credit != nil {
			doc.Credits = append(doc.Credits, *f.credit)
			if f.credit.Kind == CreditByline && doc.Byline == "" {
				doc.Byline = f.credit.Name
			}
		}
	}
	kept := make([]string, len(live))
	for i, p := range live {
		kept[i] = p.text
	}
	if len(found) > 0 {
		doc.Paragraphs = kept
	}
}

// para is a paragraph still in the text: its index as read, the text as it
// stood and its folded, trimmed form that rules look at.
type para struct {
	index     int
	text, key string
}

// finding is one removal and the credit it keeps, if any.
type finding struct {
	removal document.Removal
	credit  *document.Credit
}

// cleanTitle applies the line rules to a title. A reader takes the first
// line of a text file as the title when it looks like one, so furniture
// such as "ARTICLE AD BOX" or a byline can arrive here.
func cleanTitle(title string) (finding, bool) {
	if title == "" {
		return finding{}, false
	}
	key := strings.TrimSpace(textproc.Fold(title))
	r, name, ok := classify(key, where{head: true})
	if !ok {
		return finding{}, false
	}
	return found(title, -1, r, name), true
}

// pass runs the rules once over the paragraphs still in the text and
// returns those that stay and what was removed. Rules that do not depend
// on position, and repetition, find all they will ever find in the first
// pass (what is kept only shrinks, so nothing new repeats), so later
// passes look only at the edges of the text and keep Clean near linear.
func pass(live []para, first bool) ([]para, []finding) {
	var gone []finding
	drop := make([]bool, len(live))
	mark := func(i int, r rule, name string) {
		drop[i] = true
		gone = append(gone, found(live[i].text, live[i].index, r, name))
	}

	if first {
		for i, p := range live {
			if r, name, ok := classify(p.key, where{}); ok {
				mark(i, r, name)
			}
		}
	}
	// The head is the first headSpan paragraphs that are not furniture,
	// and likewise the tail, however much furniture stands around them.
	for i, kept := 0, 0; i < len(live) && kept < headSpan; i++ {
		if drop[i] {
			continue
		}
		if r, name, ok := classify(live[i].key, where{head: true}); ok {
			mark(i, r, name)
		} else {
			kept++
		}
	}
	for i, kept := len(live)-1, 0; i >= 0 && kept < tailSpan; i-- {
		if drop[i] {
			continue
		}
		if r, name, ok := classify(live[i].key, where{tail: true}); ok {
			mark(i, r, name)
		} else {
			kept++
		}
	}

	// The author bio is judged on the last paragraphs left once line
	// furniture (the comment prompt under it, say) is gone.
	var tailIdx []int
	for i := len(live) - 1; i >= 0 && len(tailIdx) < bioSpan; i-- {
		if !drop[i] {
			tailIdx = append(tailIdx, i)
		}
	}
	slices.Reverse(tailIdx)
	keys := make([]string, len(tailIdx))
	for j, i := range tailIdx {
		keys[j] = live[i].key
	}
	for _, j := range authorBio(keys) {
		i := tailIdx[j]
		drop[i] = true
		gone = append(gone, finding{removal: document.Removal{Text: live[i].text, Reason: ReasonAuthorBio, Paragraph: live[i].index}})
	}

	if first {
		gone = append(gone, repetitions(live, drop)...)
	}

	if len(gone) == 0 {
		return live, nil
	}
	keep := make([]para, 0, len(live))
	for i, p := range live {
		if !drop[i] {
			keep = append(keep, p)
		}
	}
	return keep, gone
}

// repetitions marks later copies of kept paragraphs in drop. A run of two
// or more consecutive copies (furniture between them aside) is a repeated
// block, as when a page's first paragraphs are printed twice.
func repetitions(live []para, drop []bool) []finding {
	seen := newRepeats()
	var rep []int // positions in live, in order
	for i, p := range live {
		if drop[i] {
			continue
		}
		if seen.check(p.key) {
			rep = append(rep, i)
		}
	}
	adjacent := func(a, b int) bool {
		for k := a + 1; k < b; k++ {
			if !drop[k] {
				return false
			}
		}
		return true
	}
	var out []finding
	for n, i := range rep {
		reason := ReasonRepeatedParagraph
		if (n > 0 && adjacent(rep[n-1], i)) || (n+1 < len(rep) && adjacent(i, rep[n+1])) {
			reason = ReasonRepeatedBlock
		}
		out = append(out, finding{removal: document.Removal{Text: live[i].text, Reason: reason, Paragraph: live[i].index}})
	}
	for _, i := range rep {
		drop[i] = true
	}
	return out
}

// where says whether a paragraph is at the head or the tail of the text
// (a short text's paragraphs can be both).
type where struct{ head, tail bool }

// classify returns the first rule that matches key at a place.
func classify(key string, at where) (rule, string, bool) {
	n := words(key)
	for _, r := range rules {
		if n > r.maxWords {
			continue
		}
		if !fits(r.where, at) {
			continue
		}
		if name, ok := r.match(key); ok {
			return r, name, true
		}
	}
	return rule{}, "", false
}

func fits(want place, at where) bool {
	switch want {
	case head:
		return at.head
	case tail:
		return at.tail
	case edge:
		return at.head || at.tail
	}
	return true
}

func found(text string, index int, r rule, name string) finding {
	f := finding{removal: document.Removal{Text: text, Reason: r.reason, Paragraph: index}}
	if r.credit != "" {
		f.credit = &document.Credit{Kind: r.credit, Text: strings.TrimSpace(text), Name: creditName(r.credit, name)}
	}
	return f
}
