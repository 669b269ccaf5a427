package change

import (
	"slices"
	"strings"

	"github.com/stemma-news/stemma/internal/align"
	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/facts"
	"github.com/stemma-news/stemma/internal/textproc"
)

// quotes follows each direct quote of the source into the copy: kept
// word for word (a change of a function word or of punctuation still
// counts as kept), kept as a quote with its words changed, made reported
// speech in the sentence the copy made of it, or left out.
func (f *finder) quotes() {
	type cquote struct {
		q     facts.Quote
		sent  int
		words []textproc.Token
	}
	// The copy's quotes are read only for a quote it did not keep word
	// for word.
	var cqs []cquote
	read := false
	copyQuotes := func() []cquote {
		if read {
			return cqs
		}
		read = true
		for j, s := range f.fc.Sentences {
			for k, q := range s.Quotes {
				cqs = append(cqs, cquote{q, j, f.pc.quoteWords()[j][k].tokens})
			}
		}
		return cqs
	}
	keptWho := map[string]bool{}
	for i, s := range f.fs.Sentences {
		for k, q := range s.Quotes {
			qw := f.ps.quoteWords()[i][k]
			qt := qw.tokens
			if w := qw.lower; w != "" && f.quoteKept(i, w) {
				f.keep(q.Speaker, keptWho)
				continue
			}
			best, share := -1, 0.0
			for k, c := range copyQuotes() {
				if sh := tokenShare(qt, c.words); sh > share {
					best, share = k, sh
				}
			}
			if best >= 0 && share >= quoteKeptShare {
				c := cqs[best]
				if f.contentDiffers(q.Text, c.q.Text) {
					f.add(Change{Kind: QuoteAltered, Old: q.Text, New: c.q.Text, Who: q.Speaker, Source: i, Copy: c.sent})
				} else {
					f.keep(q.Speaker, keptWho)
				}
				continue
			}
			if j := f.partner(i, q, qt); j >= 0 {
				f.add(Change{Kind: QuoteIndirect, Old: q.Text, New: f.cpSent[j], Who: q.Speaker, Source: i, Copy: j})
				continue
			}
			f.add(Change{Kind: QuoteDropped, Old: q.Text, Who: q.Speaker, Source: i, Copy: -1})
		}
	}
}

// quoteKept reports whether the copy's words, lower case, hold w, the
// words of a quote of source sentence i. They are looked for first in the
// sentences paired with i, where a kept quote mostly is, and then in the
// whole text.
func (f *finder) quoteKept(i int, w string) bool {
	text, at := f.pc.lowerText()
	for _, p := range f.pairs {
		if p.i == i && strings.Contains(text[at[p.j]:at[p.j+1]], w) {
			return true
		}
	}
	return strings.Contains(text, w)
}

// keep notes a speaker whose quote the copy kept, once per surname.
func (f *finder) keep(who string, seen map[string]bool) {
	if who == "" {
		return
	}
	fs := strings.Fields(who)
	key := facts.Skeleton(strings.ToLower(fs[len(fs)-1]))
	if seen[key] {
		return
	}
	seen[key] = true
	f.kept = append(f.kept, who)
}

// partner is the copy sentence that reports quote q of source sentence i
// in other words, or -1: among the sentences paired with i and those
// attributed to q's speaker that carry some of the quote's content, the
// one with most of it, the speaker's own sentences first.
func (f *finder) partner(i int, q facts.Quote, qt []textproc.Token) int {
	best, bestShare := -1, -1.0
	pairedWith := map[int]bool{}
	for _, p := range f.pairs {
		if p.i == i {
			pairedWith[p.j] = true
		}
	}
	for j := range f.cpSent {
		paired := pairedWith[j]
		speaks := q.Speaker != "" && slices.ContainsFunc(f.fc.Sentences[j].Attributions, func(a facts.Attribution) bool {
			return f.sameSpeaker(a.Source, q.Speaker)
		})
		if !paired && !speaks {
			continue
		}
		sh := tokenShare(qt, f.cp.Text.Sentences[j].Tokens)
		if !paired && sh < speakerShare {
			continue // the speaker said something else
		}
		// The alignment's pairing first, then the speaker's own words.
		if paired {
			sh += 0.5
		}
		if speaks {
			sh += 0.3
		}
		if sh > bestShare {
			best, bestShare = j, sh
		}
	}
	return best
}

// tokenShare is the share of a's content stems found in b.
func tokenShare(a, b []textproc.Token) float64 {
	// A sentence has a few dozen words: looking through them beats
	// making a set.
	in := func(stem string) bool {
		for k := range b {
			if b[k].Stem == stem {
				return true
			}
		}
		return false
	}
	n, found := 0, 0
	for k := range a {
		if !a[k].Content() {
			continue
		}
		n++
		if in(a[k].Stem) {
			found++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(found) / float64(n)
}

// contentDiffers reports whether two quotes differ in a content word,
// not only in function words or punctuation.
func (f *finder) contentDiffers(a, b string) bool {
	for _, op := range f.differ.diff(a, b) {
		if op.kind == align.Equal {
			continue
		}
		for _, t := range f.tk.Tokens(f.differ.text(op)) {
			if t.Content() {
				return true
			}
		}
	}
	return false
}

// institutions reports a name whose institution changed: "the Trump
// administration" in the source, "the Trump campaign" in the copy.
func (f *finder) institutions() {
	type at struct {
		in   facts.Institution
		sent int
	}
	collect := func(d *facts.Doc) ([]at, map[string]bool) {
		var out []at
		have := map[string]bool{}
		for i, s := range d.Sentences {
			for _, in := range s.Institutions {
				out = append(out, at{in, i})
				have[strings.ToLower(in.Text)] = true
			}
		}
		return out, have
	}
	si, shave := collect(f.fs)
	if len(si) == 0 {
		return // most texts name no institution
	}
	ci, chave := collect(f.fc)
	for _, s := range si {
		if chave[strings.ToLower(s.in.Text)] {
			continue
		}
		for _, c := range ci {
			if c.in.Name == s.in.Name && c.in.Noun != s.in.Noun && !shave[strings.ToLower(c.in.Text)] {
				f.add(Change{Kind: Fact, Old: s.in.Text, New: c.in.Text, Who: "organisation", Source: s.sent, Copy: c.sent})
			}
		}
	}
}

// credits reports a copy that drops the source's credit or credits
// someone else.
func (f *finder) credits() {
	authored := func(cs []document.Credit) []document.Credit {
		var out []document.Credit
		for _, c := range cs {
			if c.Kind == "byline" || c.Kind == "contributor" || c.Kind == "agency" {
				out = append(out, c)
			}
		}
		return out
	}
	sc, cc := authored(f.src.Credits), authored(f.cp.Credits)
	if len(sc) == 0 {
		return
	}
	if len(cc) == 0 {
		f.add(Change{Kind: Credit, Old: sc[0].Text, Source: -1, Copy: -1})
		return
	}
	for _, s := range sc {
		for _, c := range cc {
			if f.sameSpeaker(creditName(s), creditName(c)) {
				return
			}
		}
	}
	f.add(Change{Kind: Credit, Old: sc[0].Text, New: cc[0].Text, Source: -1, Copy: -1})
}

func creditName(c document.Credit) string {
	if c.Name != "" {
		return c.Name
	}
	return c.Text
}

// addedAndDropped reports the sentences matched to nothing whose content
// is mostly absent from the other text: matched to nothing but made of
// the other text's words, a sentence is reworded material the alignment
// could not place, not news.
func (f *finder) addedAndDropped() {
	quoted := map[int]bool{}
	for _, c := range f.out {
		if c.Kind == QuoteDropped {
			quoted[c.Source] = true
		}
	}
	// Both the sentence's keys and the other text's are ascending: each
	// key is searched for past the one before it.
	absent := func(t *align.Text, i int, o *Profile) bool {
		keys := t.SentenceKeys(i)
		if len(keys) < minContent {
			return false
		}
		other := o.t.Keys()
		var total, missing float32
		for _, k := range keys {
			total += k.W
			j, found := slices.BinarySearch(other, k.Key)
			if !found {
				missing += k.W
			}
			other = other[j:]
		}
		return missing >= absentShare*total
	}
	for j := range f.cpSent {
		if !f.cpPaired[j] && absent(f.cp.Text, j, f.ps) {
			f.add(Change{Kind: Added, New: f.cpSent[j], Source: -1, Copy: j})
		}
	}
	for i := range f.srcSent {
		if !f.srcPaired[i] && !quoted[i] && absent(f.src.Text, i, f.pc) {
			f.add(Change{Kind: Dropped, Old: f.srcSent[i], Source: i, Copy: -1})
		}
	}
}
