package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/stemma-news/stemma/internal/align"
	"github.com/stemma-news/stemma/internal/change"
	"github.com/stemma-news/stemma/internal/relate"
)

// CompareOptions shape the side-by-side view.
type CompareOptions struct {
	Width int  // total width in columns; 0 means 160
	Color bool // mark differences with ANSI colours instead of [-…-] {+…+}
}

// row is one line of the side-by-side view: a sentence of A, of B, or of
// both when they are linked.
type row struct {
	a, b int // sentence indexes, -1 for none
	link *align.Link
}

// rows orders the sentences of both texts for reading: A's order, with the
// sentences only in B placed after the row of the B sentence before them.
func rows(p *relate.Pair) []row {
	na, nb := len(p.A.Text.Sentences), len(p.B.Text.Sentences)
	var out []row
	linkedA := make([]bool, na)
	linkedB := make([]bool, nb)
	var links []align.Link
	if p.Alignment != nil {
		links = p.Alignment.Links
	}
	for k := range links {
		linkedA[links[k].A], linkedB[links[k].B] = true, true
	}
	for i := range na {
		if !linkedA[i] {
			out = append(out, row{a: i, b: -1})
		}
		for k := range links {
			if links[k].A == i {
				out = append(out, row{a: i, b: links[k].B, link: &links[k]})
			}
		}
	}
	for j := range nb {
		if linkedB[j] {
			continue
		}
		at := 0
		for k, r := range out {
			if r.b >= 0 && r.b < j {
				at = k + 1
			}
		}
		out = slices.Insert(out, at, row{a: -1, b: j})
	}
	return out
}

// CompareText writes two documents side by side, sentence aligned, with
// word-level differences of linked sentences marked, after the relation
// and its evidence.
func CompareText(w io.Writer, p *relate.Pair, o CompareOptions) error {
	if o.Width <= 0 {
		o.Width = 160
	}
	col := max((o.Width-3)/2, 20)
	bw := bufio.NewWriter(w)
	rel := string(p.Relation)
	if rel == "" {
		rel = "unrelated"
	}
	fmt.Fprintf(bw, "%s  ~  %s: %s, score %.2f", p.A.ID, p.B.ID, rel, p.Score)
	if p.Source != "" {
		fmt.Fprintf(bw, ", source %s", p.Source)
	}
	fmt.Fprintln(bw)
	for _, e := range p.Evidence {
		fmt.Fprintf(bw, "  · %s\n", e)
	}
	if l, against := changesOf(p); l != nil {
		compareChanges(bw, p, l, against)
	}
	fmt.Fprintln(bw)
	fmt.Fprintf(bw, "%s | %s\n%s-+-%s\n", pad(p.A.ID, col), p.B.ID, strings.Repeat("-", col), strings.Repeat("-", col))
	rs := rows(p)
	notes := rowChanges(p, rs)
	for k, r := range rs {
		var left, right []cell
		switch {
		case r.link != nil:
			left, right = diffCells(p.A.Text.Sentences[r.a].Text, p.B.Text.Sentences[r.b].Text)
		case r.a >= 0:
			left = []cell{{text: p.A.Text.Sentences[r.a].Text, kind: align.Delete}}
		default:
			right = []cell{{text: p.B.Text.Sentences[r.b].Text, kind: align.Insert}}
		}
		ll, rl := wrap(left, col, o.Color), wrap(right, col, o.Color)
		var note string
		if notes != nil && len(notes[k]) > 0 {
			note = "  ← " + strings.Join(notes[k], ", ")
		}
		// A linked row's note follows its link; a row alone on one side
		// has its note under its sentence, on its side.
		switch {
		case r.link != nil:
			rl = append(rl, tagLine(fmt.Sprintf("  (%s %.2f)", r.link.Kind, r.link.Score)+note, col))
		case note != "" && r.a >= 0:
			ll = append(ll, tagLine(note, col))
		case note != "":
			rl = append(rl, tagLine(note, col))
		}
		for k := range max(len(ll), len(rl)) {
			var l, rr line
			if k < len(ll) {
				l = ll[k]
			}
			if k < len(rl) {
				rr = rl[k]
			}
			fmt.Fprintf(bw, "%s%s | %s\n", l.text, strings.Repeat(" ", max(col-l.width, 0)), rr.text)
		}
		fmt.Fprintf(bw, "%s | \n", strings.Repeat(" ", col))
	}
	fmt.Fprintln(bw, "legend: [-words-] only in the left text, {+words+} only in the right; a sentence alone on one side has no counterpart")
	return bw.Flush()
}

// compareChanges writes the changes of one document against the other,
// one line each, and whose quotes it kept.
func compareChanges(w io.Writer, p *relate.Pair, l *change.List, against string) {
	head := "changes (copy against source):"
	if against != p.Source {
		// The direction is the reader's, not the evidence's: say so.
		other := p.A.ID
		if against == p.A.ID {
			other = p.B.ID
		}
		head = fmt.Sprintf("changes (%s against %s, taken as the source):", other, against)
	}
	if len(l.Changes) == 0 && len(l.QuotesKept) == 0 {
		fmt.Fprintln(w, head+" none found")
		return
	}
	fmt.Fprintln(w, head)
	for _, c := range l.Changes {
		fmt.Fprintf(w, "  - %s\n", oneLine(c.String()))
	}
	if len(l.QuotesKept) > 0 {
		fmt.Fprintf(w, "  quotes kept verbatim: %s\n", oneLine(strings.Join(l.QuotesKept, ", ")))
	}
}

// tagLine is an annotation line of the side-by-side view, cut to the
// column so that it does not push the right column out of line.
func tagLine(s string, col int) line {
	if r := []rune(s); len(r) > col {
		s = string(r[:col-1]) + "…"
	}
	return line{text: s, width: utf8.RuneCountInString(s)}
}

type cell struct {
	text string
	kind align.OpKind
}

type line struct {
	text  string
	width int
}

func diffCells(a, b string) (left, right []cell) {
	for _, op := range align.Diff(a, b) {
		switch op.Kind {
		case align.Equal:
			left = append(left, cell{op.Text, align.Equal})
			right = append(right, cell{op.B, align.Equal})
		case align.Delete:
			left = append(left, cell{op.Text, align.Delete})
		case align.Insert:
			right = append(right, cell{op.Text, align.Insert})
		}
	}
	return left, right
}

// wrap lays cells out in lines of at most width visible columns, marking
// changed words. A word longer than the column is cut.
func wrap(cells []cell, width int, color bool) []line {
	var out []line
	var cur strings.Builder
	curW := 0
	flush := func() {
		out = append(out, line{text: cur.String(), width: curW})
		cur.Reset()
		curW = 0
	}
	for _, c := range cells {
		open, close := "", ""
		switch {
		case c.kind == align.Delete && color:
			open, close = "\x1b[31m", "\x1b[0m"
		case c.kind == align.Insert && color:
			open, close = "\x1b[32m", "\x1b[0m"
		case c.kind == align.Delete:
			open, close = "[-", "-]"
		case c.kind == align.Insert:
			open, close = "{+", "+}"
		}
		words := strings.Fields(c.text)
		for k, word := range words {
			if k == 0 && !color {
				word = open + word
			}
			if k == len(words)-1 && !color {
				word += close
			}
			ww := utf8.RuneCountInString(word)
			if ww > width {
				word = string([]rune(word)[:width])
				ww = width
			}
			need := ww
			if curW > 0 {
				need++
			}
			if curW+need > width {
				flush()
				need = ww
			}
			if curW > 0 {
				cur.WriteByte(' ')
			}
			if color && open != "" {
				cur.WriteString(open + word + close)
			} else {
				cur.WriteString(word)
			}
			curW += need
		}
	}
	if curW > 0 || len(out) == 0 {
		flush()
	}
	return out
}

func pad(s string, w int) string {
	if n := utf8.RuneCountInString(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return string([]rune(s)[:w])
}

type jsonCompare struct {
	jsonRelation
	Sentences []jsonRow `json:"sentences"`
}

type jsonRow struct {
	A     *string  `json:"a"`
	B     *string  `json:"b"`
	Kind  string   `json:"kind,omitempty"`
	Score float64  `json:"score,omitempty"`
	Diff  []jsonOp `json:"diff,omitempty"`
	// Changes are the kinds of the changes the row carries, as in
	// the view's "← kind" notes.
	Changes []string `json:"changes,omitempty"`
}

type jsonOp struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// CompareJSON writes the comparison as one JSON object: the relation as in
// the analysis contract, and the sentence rows with their word diffs.
func CompareJSON(w io.Writer, p *relate.Pair) error {
	l, against := changesOf(p)
	out := jsonCompare{jsonRelation: relationJSON(p, l, against), Sentences: []jsonRow{}}
	rs := rows(p)
	notes := rowChanges(p, rs)
	for k, r := range rs {
		var jr jsonRow
		if r.a >= 0 {
			jr.A = &p.A.Text.Sentences[r.a].Text
		}
		if r.b >= 0 {
			jr.B = &p.B.Text.Sentences[r.b].Text
		}
		if r.link != nil {
			jr.Kind, jr.Score = r.link.Kind.String(), round3(r.link.Score)
			for _, op := range align.Diff(*jr.A, *jr.B) {
				jr.Diff = append(jr.Diff, jsonOp{Op: [...]string{"=", "-", "+"}[op.Kind], Text: op.Text})
			}
		}
		if notes != nil {
			jr.Changes = notes[k]
		}
		out.Sentences = append(out.Sentences, jr)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(out)
}
