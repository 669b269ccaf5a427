package change

import (
	"slices"
	"strings"

	"github.com/stemma-news/stemma/internal/align"
	"github.com/stemma-news/stemma/internal/facts"
	"github.com/stemma-news/stemma/internal/textproc"
)

// claimAnchors is how many names, numbers and speakers two sentences the
// alignment left out must share to be read as one statement whose claim
// changed, rather than two statements that mention one country.
const claimAnchors = 3

// titles reports a person whose title or role differs between the two
// sentences: a status that changes what the title means ("former",
// "acting") or a different role ("Defense Minister", "Foreign Minister").
// A title dropped or shortened ("Russian President" to "President") is
// not a change of fact.
func (f *finder) titles(p pair, ss, cs *facts.Sentence) {
	for _, c := range cs.Names {
		for _, s := range ss.Names {
			if s.Surname != c.Surname {
				continue
			}
			if s.Title == "" && c.Title == "" {
				continue
			}
			if !titleChanged(s.Title, c.Title) {
				continue
			}
			f.add(Change{Kind: Title, Old: strings.TrimSpace(s.Title + " " + s.Text), New: strings.TrimSpace(c.Title + " " + c.Text),
				Who: c.Text, Source: p.i, Copy: p.j})
		}
	}
}

func titleChanged(a, b string) bool {
	var bufs [4][8]string
	ra, sa := roles(a, bufs[0][:0], bufs[1][:0])
	rb, sb := roles(b, bufs[2][:0], bufs[3][:0])
	if !slices.Equal(sa, sb) {
		return true
	}
	// A title shortened or lengthened ("Russian President" and
	// "President") is the same title; "Defense Minister" and "Foreign
	// Minister" are not.
	return !subset(ra, rb) && !subset(rb, ra)
}

// subset reports whether every word of a is in b, both sorted.
func subset(a, b []string) bool {
	for _, w := range a {
		if _, ok := slices.BinarySearch(b, w); !ok {
			return false
		}
	}
	return true
}

// roles splits a title into its role words and its status words,
// appended to role and status, each sorted, each word once.
func roles(title string, role, status []string) ([]string, []string) {
	for w := range strings.FieldsSeq(strings.ToLower(title)) {
		w = strings.Trim(strings.ReplaceAll(w, ".", ""), "-")
		switch {
		case facts.IsStatus(w):
			status = append(status, w)
		case facts.IsTitle(w) || facts.IsTitleModifier(w):
			role = append(role, facts.Role(w))
		}
	}
	slices.Sort(role)
	slices.Sort(status)
	return slices.Compact(role), slices.Compact(status)
}

// numbers reports a figure of the source replaced by another in the copy:
// one number on each side left unmatched, with the same unit.
func (f *finder) numbers(p pair, ss, cs *facts.Sentence) {
	left := func(a, b []facts.Number) []facts.Number {
		var out []facts.Number
		for _, x := range a {
			found := false
			for _, y := range b {
				if x.Value == y.Value {
					found = true
					break
				}
			}
			if !found {
				out = append(out, x)
			}
		}
		return out
	}
	ls, lc := left(ss.Numbers, cs.Numbers), left(cs.Numbers, ss.Numbers)
	for _, s := range ls {
		for _, c := range lc {
			if unitOf(s) == unitOf(c) {
				f.add(Change{Kind: Number, Old: s.Text, New: c.Text, Source: p.i, Copy: p.j})
				break
			}
		}
	}
}

func unitOf(n facts.Number) string {
	u := strings.TrimSuffix(n.Unit, "s")
	switch u {
	case "percent", "per cent", "pct":
		return "%"
	case "kilometre", "kilometer", "km":
		return "km"
	}
	return u
}

// dates reports a date replaced by another.
func (f *finder) dates(p pair, ss, cs *facts.Sentence) {
	if len(ss.Dates) != 1 || len(cs.Dates) != 1 {
		return // which replaced which cannot be told
	}
	a, b := dateKey(ss.Dates[0]), dateKey(cs.Dates[0])
	if a == b || strings.Contains(a, b) || strings.Contains(b, a) {
		return
	}
	f.add(Change{Kind: Date, Old: ss.Dates[0].Text, New: cs.Dates[0].Text, Source: p.i, Copy: p.j})
}

// dateKey reads "last Saturday", "on Saturday" and "Saturday's" as one
// day.
func dateKey(d facts.Date) string {
	k := strings.TrimSuffix(d.Key, "'s")
	for _, lead := range []string{"on ", "last ", "this past ", "past "} {
		if rest, ok := strings.CutPrefix(k, lead); ok && facts.IsWeekday(rest) {
			return rest
		}
	}
	return k
}

// attributions reports a statement attributed to someone else in the
// copy: "according to a European official" to "according to Kremlin
// sources". A pronoun and its name are one speaker.
func (f *finder) attributions(p pair, ss, cs *facts.Sentence) {
	if len(ss.Attributions) == 0 || len(cs.Attributions) == 0 {
		return
	}
	for _, a := range ss.Attributions {
		for _, b := range cs.Attributions {
			if f.sameSpeaker(a.Source, b.Source) || !f.named(a.Source) && !f.named(b.Source) && f.describedAlike(a.Source, b.Source) {
				return
			}
		}
	}
	a, b := ss.Attributions[0], cs.Attributions[0]
	f.add(Change{Kind: Attribution, Old: a.Verb + " " + a.Source, New: b.Verb + " " + b.Source, Source: p.i, Copy: p.j})
}

// sameSpeaker reports whether two speakers are one: named, they share
// a surname (by skeleton); described, the words of the shorter
// description are all in the longer ("a senior French official" and
// "the French official", not "a European official").
func (f *finder) sameSpeaker(a, b string) bool {
	sa, sb := f.speaker(a), f.speaker(b)
	wa, wb := sa.words, sb.words
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	if sa.named || sb.named {
		return shares(wa, wb, func(w string) bool { return strings.HasPrefix(w, "#") })
	}
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	for _, w := range wa {
		if _, ok := slices.BinarySearch(wb, w); !ok {
			return false
		}
	}
	return true
}

// shares reports whether two sorted lists have a word in common that ok
// accepts.
func shares(a, b []string, ok func(string) bool) bool {
	for len(a) > 0 && len(b) > 0 {
		switch c := strings.Compare(a[0], b[0]); {
		case c == 0:
			if ok(a[0]) {
				return true
			}
			a, b = a[1:], b[1:]
		case c < 0:
			a = a[1:]
		default:
			b = b[1:]
		}
	}
	return false
}

// describedAlike reports whether two described speakers share a word:
// "a study published on Wednesday" and "a study released on Wednesday".
// Officials and authorities are one.
func (f *finder) describedAlike(a, b string) bool {
	return shares(f.speaker(a).words, f.speaker(b).words, func(string) bool { return true })
}

// named reports whether a speaker is named rather than described.
func (f *finder) named(s string) bool { return f.speaker(s).named }

// speaker is what the rules compare of a speaker: the words of the
// speaker, and whether the speaker is named rather than described.
type speaker struct {
	// words are the skeletons of its capitalised words, after a "#",
	// and the stems of its other content words, sorted, each once.
	words []string
	named bool
}

func (f *finder) speaker(s string) speaker {
	if sp, ok := f.speakers[s]; ok {
		return sp
	}
	if f.speakers == nil {
		f.speakers = map[string]speaker{}
	}
	var sp speaker
	// A speaker is named when each word is capitalised or a stopword;
	// one tokenising answers both.
	toks := f.tk.Tokens(s)
	sp.named = s != ""
	for _, t := range toks {
		if !t.Stop && !t.Cap {
			sp.named = false
		}
		if t.Stop {
			continue
		}
		if t.Cap {
			sp.words = append(sp.words, f.arena.capital(t.Lower))
		} else if st, ok := officialdom[t.Stem]; ok {
			sp.words = append(sp.words, st)
		} else {
			sp.words = append(sp.words, t.Stem)
		}
	}
	slices.Sort(sp.words)
	sp.words = slices.Compact(sp.words)
	f.speakers[s] = sp
	return sp
}

// addedClauses reports runs of words inserted into a linked sentence
// whose content is nowhere in the source: a claim the copy slipped into a
// sentence it otherwise reworded. An insertion next to a deletion whose
// words the copy's sentence lacks replaced them: rewording, not addition.
func (f *finder) addedClauses(p pair) {
	// An added clause is a run of the copy's words with minAddedContent
	// content words the source has nowhere, addedShare of the run's; most
	// linked sentences have no such run and need no diff.
	if !f.mayHaveClause(f.cp.Text.Sentences[p.j].Tokens) {
		return
	}
	cpToks := f.cp.Text.Sentences[p.j].Tokens
	d := &f.differ
	replaces := func(op wordOp) bool {
		if op.kind != align.Delete {
			return false
		}
		n := 0
		for _, t := range f.tk.Tokens(d.text(op)) {
			if t.Content() && !hasStem(cpToks, t.Stem) {
				n++
			}
		}
		return n >= 2
	}
	ops := d.diff(f.srcSent[p.i], f.cpSent[p.j])
	for k, op := range ops {
		if op.kind != align.Insert || op.b1-op.b0 < minAddedWords {
			continue
		}
		if !d.clause(ops, k) || k > 0 && replaces(ops[k-1]) || k+1 < len(ops) && replaces(ops[k+1]) {
			continue
		}
		text := d.text(op)
		content, absent := 0, 0
		for _, t := range f.tk.Tokens(text) {
			// Names are the names rule's; a clause is added for what
			// it claims.
			if !t.Content() || t.Cap || t.Kind == textproc.Number {
				continue
			}
			content++
			if !f.ps.hasStem(t.Stem) {
				absent++
			}
		}
		if absent >= minAddedContent && float64(absent) >= addedShare*float64(content) {
			f.add(Change{Kind: Added, New: strings.TrimRight(text, ".,;"), Source: p.i, Copy: p.j})
		}
	}
}

// mayHaveClause reports whether some run of ts holds enough content
// words absent from the source to be an added clause: the test below on
// an inserted run, made on every run before diffing.
func (f *finder) mayHaveClause(ts []textproc.Token) bool {
	var buf [64]bool
	absent := buf[:0] // of the content words counted, in order
	n := 0
	for _, t := range ts {
		if !t.Content() || t.Cap || t.Kind == textproc.Number {
			continue
		}
		a := !f.ps.hasStem(t.Stem)
		absent = append(absent, a)
		if a {
			n++
		}
	}
	if n < minAddedContent {
		return false
	}
	for i := range absent {
		content, missing := 0, 0
		for _, a := range absent[i:] {
			content++
			if a {
				missing++
			}
			if missing >= minAddedContent && float64(missing) >= addedShare*float64(content) {
				return true
			}
		}
	}
	return false
}

// clause reports whether the insertion ops[k] is a clause of its own:
// set off by punctuation before it (or opening the sentence) and ending
// the sentence or a comma, as an added "highlighting that..." or ", who
// received a bonus," is, and words worked into a reworded clause are not.
// The steps before and after an insertion that are not deletions end and
// start at the words of the second sentence next to it.
func (d *differ) clause(ops []wordOp, k int) bool {
	op := ops[k]
	first, last := d.b[op.b0], d.b[op.b1-1]
	// The sentence's start, or the last byte of the word before.
	before := op.b0 == 0 || strings.IndexByte(",;:-(", d.b[op.b0-1][len(d.b[op.b0-1])-1]) >= 0
	if !before && first[0] != '-' {
		return false
	}
	// A comma or the like, or the sentence's end.
	return strings.IndexByte(",;.-)", last[len(last)-1]) >= 0 || op.b1 == len(d.b)
}

// claim reports a loosely matched pair: the same people or figures, but
// a statement reworded past paraphrase.
func (f *finder) claim(p pair) {
	f.add(Change{Kind: Claim, Old: f.srcSent[p.i], New: f.cpSent[p.j], Source: p.i, Copy: p.j})
}

// names reports names spelled differently: a name word only the source
// has and one only the copy has, with one skeleton. Whole names are
// reported when all their words changed together ("Volodymyr Zelenskyy"
// to "Vladimir Zelensky").
func (f *finder) names() {
	srcAll, cpAll := f.ps.allWords, f.pc.allWords
	// variant reports whether two name words are spellings of one name;
	// strict, that neither text also has the other's spelling.
	variant := func(a, b, ska, skb string, strict bool) bool {
		if a == b {
			return true
		}
		return ska == skb && len(ska) >= 2 && (!strict || !cpAll()[a] && !srcAll()[b])
	}
	// Which names the other text has too, read from the two sorted
	// lists side by side.
	inCp := make([]bool, len(f.ps.names)+len(f.pc.names))
	inSrc := inCp[len(f.ps.names):]
	for i, j := 0, 0; i < len(f.ps.names) && j < len(f.pc.names); {
		switch c := strings.Compare(f.ps.names[i].name.Key, f.pc.names[j].name.Key); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			inCp[i], inSrc[j] = f.ps.names[i].name.Key != "", f.pc.names[j].name.Key != ""
			i++
			j++
		}
	}
	done := map[string]bool{}
	report := func(s, c *at) {
		kind := s.name.Kind
		if kind == facts.Unknown {
			kind = c.name.Kind
		}
		f.add(Change{Kind: Name, Old: s.name.Text, New: c.name.Text, Who: kind.String(), Source: s.sent, Copy: c.sent})
	}
	// Whole names first, longest first, then single words not covered.
	for _, long := range []bool{true, false} {
		for k := range f.ps.names {
			s := &f.ps.names[k]
			sf := s.fields
			if (len(sf) > 1) != long || inCp[k] {
				continue
			}
			for k := range f.pc.names {
				c := &f.pc.names[k]
				cf := c.fields
				if len(cf) != len(sf) || inSrc[k] {
					continue
				}
				// Every word a variant, one of them strictly: "Volodymyr"
				// and "Vladimir" in a text that also names Vladimir Putin.
				all, differ := true, false
				for k := range sf {
					if !variant(sf[k], cf[k], s.skel[k], c.skel[k], false) {
						all = false
						break
					}
					differ = differ || sf[k] != cf[k] && variant(sf[k], cf[k], s.skel[k], c.skel[k], true)
				}
				if !all || !differ {
					continue
				}
				if !long && (done[sf[0]] || f.pc.nameWord(sf[0]) || f.ps.nameWord(cf[0])) {
					continue // a word of a whole name reported, or a word both use
				}
				for k := range sf {
					done[sf[k]] = true
				}
				report(s, c)
			}
		}
	}
}

// negation reports a linked pair of which one sentence is negated and the
// other is not: "funded the research" and "did not fund the research"
// align as paraphrases and mean the opposite. Only close one-to-one links
// count: a merged sentence or a loose paraphrase brings negations of its
// own ("though no details were given"), and a rewrite swaps one negation
// for another ("unable to come", "could not attend") without a flip.
func (f *finder) negation(p pair) {
	// Most pairs negate in neither sentence, known of each sentence once
	// a document: asked first, it spares them the similarity.
	if p.kind == align.Merged {
		return
	}
	ns := f.ps.negated(p.i)
	if ns == f.pc.negated(p.j) || align.Similarity(f.src.Text, p.i, f.cp.Text, p.j) < negationSimilarity {
		return
	}
	ts, tc := f.src.Text.Sentences[p.i].Tokens, f.cp.Text.Sentences[p.j].Tokens
	// What the negation governs must be in the other sentence: "though no
	// further details were given" merged in from a next sentence negates
	// nothing the source sentence says.
	neg, other := tc, ts
	if ns {
		neg, other = ts, tc
	}
	if denied(neg, func(st string) bool { return hasStem(other, st) }) {
		f.add(Change{Kind: Claim, Old: f.srcSent[p.i], New: f.cpSent[p.j], Source: p.i, Copy: p.j})
	}
}

// hasStem reports whether a token of ts has stem st. A sentence has a
// few dozen words: looking through them beats making a set.
func hasStem(ts []textproc.Token, st string) bool {
	for k := range ts {
		if ts[k].Stem == st {
			return true
		}
	}
	return false
}

// denied reports whether in accepts the stem of one of the two content
// words after a negation.
func denied(ts []textproc.Token, in func(string) bool) bool {
	for k := range ts {
		if !negates(ts, k) {
			continue
		}
		n := 0
		for _, u := range ts[k+1:] {
			if n == 2 {
				break
			}
			if u.Content() {
				if in(u.Stem) {
					return true
				}
				n++
			}
		}
	}
	return false
}

// negationSimilarity: below it, two linked sentences differ in too much
// for a negation alone to be the change.
const negationSimilarity = 0.5

// officialdom folds the words for those in office onto one.
var officialdom = map[string]string{"offici": "offici", "author": "offici", "govern": "offici"}

// negated reports whether a word of ts negates what follows.
func negated(ts []textproc.Token) bool {
	for k := range ts {
		if negates(ts, k) {
			return true
		}
	}
	return false
}

// negates reports whether token k negates what follows: "not", "never",
// "hasn't", "yet to".
func negates(ts []textproc.Token, k int) bool {
	t := ts[k].Lower
	return negator(t) || strings.HasSuffix(t, "n't") || t == "yet" && k+1 < len(ts) && ts[k+1].Lower == "to"
}

// negator reports whether a word negates what follows. It is asked of
// every word of every linked sentence: the length and first letter turn
// most words away, and a switch answers the rest without hashing.
func negator(w string) bool {
	if len(w) < 2 || len(w) > 7 {
		return false
	}
	switch w[0] {
	case 'n', 'w', 'u', 'f', 'r', 'c', 'l':
	default:
		return false
	}
	switch w {
	case "not", "no", "never", "nor", "neither", "none", "nobody",
		"nothing", "without", "unable", "fail", "fails", "failed",
		"refuse", "refused", "refuses", "cannot", "lack", "lacks":
		return true
	}
	return false
}
