package report

import (
	"slices"
	"strings"
	"unicode"

	"github.com/stemma-news/stemma/internal/analysis"
	"github.com/stemma-news/stemma/internal/change"
	"github.com/stemma-news/stemma/internal/relate"
)

// maxTextChanges is how many changes the terminal report lists under a
// copy: the list is ordered most meaningful first, and a tree that
// scrolls off the screen for one copy hides the others.
const maxTextChanges = 8

// changesOf returns what one document of p changed against the other,
// and the ID of that other (the source, unless a reader chose it), or nil
// when no changes were listed.
func changesOf(p *relate.Pair) (*change.List, string) {
	if p == nil || p.Changes == nil || p.ChangesAgainst != p.A.ID && p.ChangesAgainst != p.B.ID {
		return nil, ""
	}
	return p.Changes, p.ChangesAgainst
}

// changesIn is changesOf for a pair of r, whose change lists the
// analysis may have kept on disk.
func changesIn(r *analysis.Result, p *relate.Pair) (*change.List, string, error) {
	if p == nil || p.ChangesAgainst != p.A.ID && p.ChangesAgainst != p.B.ID {
		return nil, "", nil
	}
	l, err := r.Changes(p)
	if l == nil || err != nil {
		return nil, "", err
	}
	return l, p.ChangesAgainst, nil
}

// jsonChange is a change as the JSON outputs write it: the change's own
// fields, and its one-line description so that a reader of the JSON need
// not rebuild it.
type jsonChange struct {
	change.Change
	Summary string `json:"summary"`
}

func changesJSON(l *change.List) []jsonChange {
	out := make([]jsonChange, len(l.Changes))
	for i, c := range l.Changes {
		out[i] = jsonChange{Change: c, Summary: c.String()}
	}
	return out
}

// rowChanges lists, for each row of the side-by-side view, the kinds of
// the changes it carries, most meaningful first: a linked row the changes
// between its two sentences, a row alone on one side the changes of its
// sentence that have no counterpart on the other side (added, dropped, or
// sentences the change finder paired that the alignment left apart).
func rowChanges(p *relate.Pair, rs []row) [][]string {
	l, hits := changeRows(p, rs)
	if l == nil {
		return nil
	}
	out := make([][]string, len(rs))
	for k, cs := range hits {
		for _, i := range cs {
			if kind := string(l.Changes[i].Kind); !slices.Contains(out[k], kind) {
				out[k] = append(out[k], kind)
			}
		}
	}
	return out
}

// changeRows returns p's changes and, for each row of rs, the indexes of
// the changes that come from its sentences; nil when p has no changes.
func changeRows(p *relate.Pair, rs []row) (*change.List, [][]int) {
	l, against := changesOf(p)
	if l == nil {
		return nil, nil
	}
	hits := make([][]int, len(rs))
	for i, c := range l.Changes {
		// Changes count sentences as source and copy; rows as A and B.
		a, b := c.Source, c.Copy
		if against == p.B.ID {
			a, b = b, a
		}
		for k, r := range rs {
			var hit bool
			switch {
			case r.link != nil:
				hit = r.a == a && r.b == b
			case r.b < 0:
				hit = a >= 0 && r.a == a
			default:
				hit = b >= 0 && r.b == b
			}
			if hit {
				hits[k] = append(hits[k], i)
			}
		}
	}
	return l, hits
}

// oneLine keeps text taken from documents on one line of a terminal or of
// Markdown: newlines would break the tree or the list, and escape
// sequences could rewrite the terminal.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}
