package clean

import (
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/stemma-news/stemma/internal/document"
)

// Clean removes page furniture and repeated paragraphs from doc.Title and
// doc.Paragraphs, recording each removal in doc.Removed with a stable
// reason, and keeps bylines and credits in doc.Credits (and the first
// byline's name in doc.Byline when it is empty).
//
// Removal.Paragraph is the index in doc.Paragraphs as Clean found them, -1
// for the title. Clean is idempotent: a second call removes nothing.
func Clean(doc *document.Document) {
	title, titleGone := cleanTitle(doc.Title)
	if titleGone {
		doc.Title = ""
	}

	// Removing furniture can bring other furniture to the edge of the text
	// (a bio heading becomes the last line once the comment prompt under
	// it is gone), so passes repeat until one removes nothing. That is
	// also what makes Clean idempotent.
	t := newText(doc.Paragraphs)
	defer t.release()
	for more := t.firstPass(); more; more = t.edgePass() {
	}

	if !titleGone && t.removed == 0 {
		return
	}
	// Removals in the order of the text, the title first.
	if titleGone {
		record(doc, title)
	}
	kept := make([]string, 0, len(t.paras)-t.removed)
	for i := range t.paras {
		if p := &t.paras[i]; p.gone != nil {
			record(doc, *p.gone)
		} else {
			kept = append(kept, p.text)
		}
	}
	doc.Paragraphs = kept
}

// record adds a finding to doc.
func record(doc *document.Document, f finding) {
	doc.Removed = append(doc.Removed, f.removal)
	if f.credit != nil {
		doc.Credits = append(doc.Credits, *f.credit)
		if f.credit.Kind == CreditByline && doc.Byline == "" {
			doc.Byline = f.credit.Name
		}
	}
}

// para is a paragraph: its index as read, the text as it stood, the line
// that rules look at, and what the rules found out about it. A
// paragraph's key never changes, so what depends only on the key is
// worked out once however many passes look at it.
type para struct {
	index int
	text  string
	line

	prev, next int      // neighbours still in the text, -1 at the ends
	gone       *finding // why it was removed; nil while it is in the text

	head, tail verdict // the position rules at either edge
	bioHead    int8    // bio heading: 0 unknown, 1 no, 2 yes
	bioCues    int8    // bioScore+1, 0 unknown
	named      int8    // startsWithName: 0 unknown, 1 no, 2 yes
}

// verdict memoises classify on a paragraph; rule is nil when none
// matches.
type verdict struct {
	known bool
	rule  *rule
	name  string
}

// atEdge returns the verdict of the position rules on p at the head or
// the tail, v, working it out the first time.
func (p *para) atEdge(v *verdict, at where) *verdict {
	if !v.known {
		r, name, _ := classify(&p.line, at, true)
		*v = verdict{true, r, name}
	}
	return v
}

// finding is one removal and the credit it keeps, if any.
type finding struct {
	removal document.Removal
	credit  *document.Credit
}

// text is the paragraphs of a document and which are still in it: a
// doubly linked list, so that the passes after the first, which only look
// at the edges, cost what they look at rather than the whole text.
//
// A text and its scratch are kept between calls of Clean in textPool:
// what Clean makes for a document and throws away with it is most of
// what it allocates otherwise.
type text struct {
	paras       []para
	first, last int // -1 when nothing is left
	removed     int

	// Scratch for repetitions.
	seen    repeats
	norms   []normPara
	rep     []int    // repeated paragraphs, in order
	reasons []string // theirs
}

// textPool holds texts for Clean, whose callers (analysis's workers,
// one document at a time) keep no value a scratch could live in.
var textPool = sync.Pool{New: func() any { return new(text) }}

// Beyond these a text is not kept for another call: a document with an
// unusual number of paragraphs or bytes would hold that much memory for
// as long as the pool keeps it.
const (
	poolParas = 1 << 12
	poolBytes = 1 << 20
)

func newText(paragraphs []string) *text {
	t := textPool.Get().(*text)
	t.first, t.last, t.removed = 0, len(paragraphs)-1, 0
	t.paras = slices.Grow(t.paras[:0], len(paragraphs))[:len(paragraphs)]
	for i, s := range paragraphs {
		t.paras[i] = para{index: i, text: s, line: newLine(s), prev: i - 1, next: i + 1}
	}
	if len(paragraphs) == 0 {
		t.first = -1
	} else {
		t.paras[t.last].next = -1
	}
	return t
}

// release gives t back to textPool, when it is small enough to keep,
// holding nothing of the document.
func (t *text) release() {
	if cap(t.paras) > poolParas || cap(t.seen.all) > poolBytes {
		return
	}
	clear(t.paras)
	textPool.Put(t)
}

// remove takes paragraph i out of the text for f.
func (t *text) remove(i int, f finding) {
	p := &t.paras[i]
	p.gone = &f
	t.removed++
	if p.prev >= 0 {
		t.paras[p.prev].next = p.next
	} else {
		t.first = p.next
	}
	if p.next >= 0 {
		t.paras[p.next].prev = p.prev
	} else {
		t.last = p.prev
	}
}

func (t *text) removeFor(i int, r *rule, name string) {
	t.remove(i, found(t.paras[i].text, i, r, name))
}

// cleanTitle applies the line rules to a title. A reader takes the first
// line of a text file as the title when it looks like one, so furniture
// such as "ARTICLE AD BOX" or a byline can arrive here.
func cleanTitle(title string) (finding, bool) {
	if title == "" {
		return finding{}, false
	}
	l := newLine(title)
	r, name, ok := classify(&l, where{head: true}, false)
	if !ok {
		return finding{}, false
	}
	return found(title, -1, r, name), true
}

// firstPass runs every rule once over the whole text and reports whether
// it removed anything. Rules that do not depend on position, and
// repetition, find all they will ever find here (what is kept only
// shrinks, so nothing new repeats), so later passes look only at the
// edges of the text and keep Clean linear.
func (t *text) firstPass() bool {
	before := t.removed
	for i := range t.paras {
		p := &t.paras[i]
		if r, name, ok := classify(&p.line, where{}, false); ok {
			t.removeFor(i, r, name)
		}
	}
	t.edges()
	t.repetitions()
	return t.removed > before
}

// edgePass runs the rules that depend on position once more and reports
// whether it removed anything.
func (t *text) edgePass() bool {
	before := t.removed
	t.edges()
	return t.removed > before
}

// edges runs the position rules: the head is the first headSpan
// paragraphs that are not furniture, and likewise the tail, however much
// furniture stands around them; then the author bio.
//
// Every paragraph still in the text has failed the rules that do not
// depend on position in the first pass, so only the others are tried.
func (t *text) edges() {
	for i, kept := t.first, 0; i >= 0 && kept < headSpan; {
		p := &t.paras[i]
		i = p.next
		if v := p.atEdge(&p.head, where{head: true}); v.rule != nil {
			t.removeFor(p.index, v.rule, v.name)
		} else {
			kept++
		}
	}
	for i, kept := t.last, 0; i >= 0 && kept < tailSpan; {
		p := &t.paras[i]
		i = p.prev
		if v := p.atEdge(&p.tail, where{tail: true}); v.rule != nil {
			t.removeFor(p.index, v.rule, v.name)
		} else {
			kept++
		}
	}

	// The author bio is judged on the last paragraphs left once line
	// furniture (the comment prompt under it, say) is gone.
	var buf [bioSpan]*para
	n := 0
	for i := t.last; i >= 0 && n < bioSpan; i = t.paras[i].prev {
		n++
		buf[bioSpan-n] = &t.paras[i]
	}
	tail := buf[bioSpan-n:]
	for _, j := range authorBio(tail) {
		p := tail[j]
		t.remove(p.index, finding{removal: document.Removal{Text: p.text, Reason: ReasonAuthorBio, Paragraph: p.index}})
	}
}

// repetitions removes later copies of kept paragraphs. A run of two or
// more consecutive copies (furniture between them aside) is a repeated
// block, as when a page's first paragraphs are printed twice.
func (t *text) repetitions() {
	// The paragraphs are normalised first, all into one buffer: the
	// forms kept to compare later paragraphs with are places in it.
	seen := &t.seen
	kept, size := 0, 0
	for i := t.first; i >= 0; i = t.paras[i].next {
		kept++
		size += len(t.paras[i].key)
	}
	seen.clearTexts()
	// A normalised text is no longer than its key, as a rule, and
	// sentences run to a hundred bytes or so.
	seen.all = slices.Grow(seen.all, size)
	seen.spans = slices.Grow(seen.spans, kept+size/128)
	t.norms = slices.Grow(t.norms[:0], kept)
	norms := t.norms[:0]
	for i := t.first; i >= 0; i = t.paras[i].next {
		norms = append(norms, seen.appendNormalized(t.paras[i].text, &t.paras[i].line))
	}
	t.norms = norms
	seen.reset(kept)
	rep := t.rep[:0]
	for i, k := t.first, 0; i >= 0; i, k = t.paras[i].next, k+1 {
		if seen.check(&t.paras[i].line, norms[k]) {
			rep = append(rep, i)
		}
	}
	t.rep = rep
	// Copies are adjacent when nothing but removed furniture stands
	// between them, that is when they are neighbours in the list.
	// Decide every reason before removing any copy, which would make its
	// neighbours adjacent.
	reasons := t.reasons[:0]
	for n, i := range rep {
		reason := ReasonRepeatedParagraph
		if (n > 0 && t.paras[rep[n-1]].next == i) || (n+1 < len(rep) && t.paras[i].next == rep[n+1]) {
			reason = ReasonRepeatedBlock
		}
		reasons = append(reasons, reason)
	}
	t.reasons = reasons
	for n, i := range rep {
		t.remove(i, finding{removal: document.Removal{Text: t.paras[i].text, Reason: reasons[n], Paragraph: i}})
	}
}

// where says whether a paragraph is at the head or the tail of the text
// (a short text's paragraphs can be both).
type where struct{ head, tail bool }

// classify returns the first rule that matches a line at a place. placed
// skips the rules that do not depend on position, for a line known to
// fail them.
func classify(l *line, at where, placed bool) (*rule, string, bool) {
	c := &candidates
	set := c.byWords[min(l.words, len(c.byWords)-1)]
	switch {
	case l.key == "":
		set &= c.byFirst[129]
	case l.key[0] >= utf8.RuneSelf:
		set &= c.byFirst[128]
	default:
		set &= c.byFirst[l.key[0]]
	}
	var places uint64
	if !placed {
		places |= c.byPlace[anywhere]
	}
	if at.head {
		places |= c.byPlace[head] | c.byPlace[edge]
	}
	if at.tail {
		places |= c.byPlace[tail] | c.byPlace[edge]
	}
	// In the order of the table: the first match wins.
	for set &= places; set != 0; set &= set - 1 {
		r := &rules[bits.TrailingZeros64(set)]
		if name, ok := r.match.run(l); ok {
			return r, name, true
		}
	}
	return nil, "", false
}

func found(text string, index int, r *rule, name string) finding {
	f := finding{removal: document.Removal{Text: text, Reason: r.reason, Paragraph: index}}
	if r.credit != "" {
		f.credit = &document.Credit{Kind: r.credit, Text: strings.TrimSpace(text), Name: creditName(r.credit, name)}
	}
	return f
}
