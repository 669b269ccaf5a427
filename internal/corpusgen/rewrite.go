package corpusgen

import (
	"cmp"
	"math"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/stemma-news/stemma/internal/textproc"
)

// text is an article as the generator handles it: sentences in
// paragraphs. Texts are shared between a source and its copies' jobs, so
// no edit changes one in place: every edit builds new slices.
type text struct {
	title string
	paras [][]string
	names map[string]bool // see nameSet
	once  sync.Once       // computes names
}

func (t *text) words() int {
	n := 0
	for _, p := range t.paras {
		for _, s := range p {
			n += countWords(s)
		}
	}
	return n
}

// editor makes copies. It holds the copy's random source and a filler
// generator for the sentences rewriters add.
type editor struct {
	r     *rand.Rand
	g     *gen
	m     *markov
	names map[string]bool // capitalised words the source uses inside sentences

	w1, w2, w3 []word // scratch for rewriting one sentence; see rewordSentence
}

func newEditor(r *rand.Rand, g *gen, m *markov, src *text) *editor {
	e := &editor{}
	e.reset(r, g, m, src)
	return e
}

// reset readies the editor for a copy of src, keeping its scratch.
func (e *editor) reset(r *rand.Rand, g *gen, m *markov, src *text) {
	e.r, e.g, e.m, e.names = r, g, m, src.nameSet()
}

// nameSet returns the capitalised words the text uses inside sentences:
// its names. Copies of one source share it; it is computed once.
func (t *text) nameSet() map[string]bool {
	t.once.Do(func() {
		t.names = map[string]bool{}
		for _, p := range t.paras {
			for _, s := range p {
				first := true
				for f := range strings.FieldsSeq(s) {
					if w := splitWord(f); !first && isCap(w.core) {
						t.names[w.core] = true
					}
					first = false
				}
			}
		}
	})
	return t.names
}

// lowerable reports whether a capitalised word is an ordinary word that
// only had a capital for starting the sentence ("The", "Police"), so it
// can be lower-cased when it moves inside one. Names and acronyms cannot.
func (e *editor) lowerable(core string) bool {
	if core == "" || core == "I" || !isCap(core) {
		return false
	}
	if len(core) > 1 && isCap(core[1:]) || e.names[core] {
		return false // "US", "NATO", "Jobs"
	}
	return e.m.lower[strings.ToLower(core)]
}

// inner prepares words that start a sentence for use inside one.
func (e *editor) inner(ws []word) {
	if len(ws) > 0 && e.lowerable(ws[0].core) {
		ws[0].core = lowerFirst(ws[0].core)
	}
}

// exact copies the body and maybe restyles the title: sites differ in
// headline style, not in what they republish.
func (e *editor) exact(src *text) *text {
	return &text{title: e.restyle(src.title), paras: src.paras}
}

// restyle returns the title as it is, in title case or in sentence case.
func (e *editor) restyle(t string) string {
	switch e.r.IntN(3) {
	case 0:
		return titleCase(t)
	case 1:
		return e.sentenceCase(t)
	}
	return t
}

func (e *editor) sentenceCase(t string) string {
	ws := splitWords(t)
	for i := range ws {
		if i == 0 {
			ws[i].core = upperFirst(ws[i].core)
		} else if e.lowerable(ws[i].core) {
			ws[i].core = lowerFirst(ws[i].core)
		}
	}
	return joinWords(ws)
}

// light makes a few small edits, as a copy desk does: a word changed here
// and there, punctuation, a sentence dropped or added, a paragraph split
// or joined.
func (e *editor) light(src *text) *text {
	paras := make([][]string, len(src.paras))
	for i, p := range src.paras {
		paras[i] = slices.Clone(p)
	}
	ops := []func([][]string) [][]string{e.swapWords, e.punctuate, e.dropSentence, e.addSentence, e.splitOrJoin}
	e.r.Shuffle(len(ops), func(i, j int) { ops[i], ops[j] = ops[j], ops[i] })
	for _, op := range ops[:2+e.r.IntN(3)] {
		paras = op(paras)
	}
	title := src.title
	switch e.r.IntN(4) {
	case 0:
		title = e.restyle(title)
	case 1:
		ws, _ := synonymize(e.r, splitWords(title), 0.5, 1, e.names)
		title = joinWords(ws)
	}
	return &text{title: title, paras: paras}
}

// randomSentence picks a sentence: its paragraph and index.
func (e *editor) randomSentence(paras [][]string) (int, int, bool) {
	n := 0
	for _, p := range paras {
		n += len(p)
	}
	if n == 0 {
		return 0, 0, false
	}
	k := e.r.IntN(n)
	for i, p := range paras {
		if k < len(p) {
			return i, k, true
		}
		k -= len(p)
	}
	return 0, 0, false
}

func (e *editor) swapWords(paras [][]string) [][]string {
	for range 1 + e.r.IntN(3) {
		// Try a few sentences: not every one has a word in the table.
		for range 4 {
			i, j, ok := e.randomSentence(paras)
			if !ok {
				return paras
			}
			ws, n := synonymize(e.r, splitWords(paras[i][j]), 0.4, 1, e.names)
			if n > 0 {
				paras[i][j] = joinWords(ws)
				break
			}
		}
	}
	return paras
}

func (e *editor) punctuate(paras [][]string) [][]string {
	for range 4 {
		i, j, ok := e.randomSentence(paras)
		if !ok {
			return paras
		}
		s := paras[i][j]
		switch {
		case strings.ContainsAny(s, "“”’"):
			r := strings.NewReplacer("“", `"`, "”", `"`, "’", "'")
			paras[i][j] = r.Replace(s)
			return paras
		case strings.Contains(s, ", "):
			// drop one comma, as house styles differ on them
			k := strings.Index(s, ", ")
			if e.r.IntN(2) == 0 {
				k = strings.LastIndex(s, ", ")
			}
			paras[i][j] = s[:k] + s[k+1:]
			return paras
		case strings.Contains(s, " and "):
			paras[i][j] = strings.Replace(s, " and ", ", and ", 1)
			return paras
		}
	}
	return paras
}

func (e *editor) dropSentence(paras [][]string) [][]string {
	total := 0
	for _, p := range paras {
		total += len(p)
	}
	if total < 4 {
		return paras
	}
	i, j, _ := e.randomSentence(paras)
	paras[i] = slices.Delete(paras[i], j, j+1)
	if len(paras[i]) == 0 {
		paras = slices.Delete(paras, i, i+1)
	}
	return paras
}

func (e *editor) addSentence(paras [][]string) [][]string {
	if len(paras) == 0 {
		return paras
	}
	i := e.r.IntN(len(paras))
	paras[i] = slices.Insert(paras[i], e.r.IntN(len(paras[i])+1), e.g.sentence())
	return paras
}

func (e *editor) splitOrJoin(paras [][]string) [][]string {
	var long []int
	for i, p := range paras {
		if len(p) >= 2 {
			long = append(long, i)
		}
	}
	if len(long) > 0 && (len(paras) < 2 || e.r.IntN(2) == 0) {
		i := long[e.r.IntN(len(long))]
		k := 1 + e.r.IntN(len(paras[i])-1)
		head, tail := paras[i][:k:k], slices.Clone(paras[i][k:])
		return slices.Insert(slices.Replace(paras, i, i+1, head), i+1, tail)
	}
	if len(paras) < 2 {
		return paras
	}
	i := e.r.IntN(len(paras) - 1)
	joined := append(slices.Clone(paras[i]), paras[i+1]...)
	return slices.Replace(paras, i, i+2, joined)
}

// heavy rewrites the way a spinning tool or a hurried rewriter does, so
// that few 5-word runs of the source survive while names, numbers and most
// claims do: 10-20 % of the sentences dropped, attribution clauses moved,
// table synonyms, coordinated words swapped, long sentences split and
// short ones merged, sentences reordered within and across paragraphs,
// and 1-3 unrelated sentences added.
func (e *editor) heavy(src *text) *text {
	var flat []string
	for _, p := range src.paras {
		flat = append(flat, p...)
	}
	// Keep at least three sentences: a partial copy borrows no fewer.
	if len(flat) > 3 {
		drop := int(math.Round(float64(len(flat)) * (0.10 + 0.10*e.r.Float64())))
		drop = min(max(drop, 1), len(flat)-3)
		for _, k := range e.r.Perm(len(flat))[:drop] {
			flat[k] = ""
		}
	}
	var out []string
	for _, s := range flat {
		if s == "" {
			continue
		}
		if t, ok := e.indirect(s); ok && e.r.IntN(10) < 8 {
			s = t
		} else if e.r.IntN(10) < 8 {
			s = e.front(s)
		}
		s = e.rewordSentence(s)
		if a, b, ok := e.split(s); ok && e.r.IntN(10) < 8 {
			out = append(out, a, b)
		} else {
			out = append(out, s)
		}
	}
	out = e.merge(out)
	// Reorder locally: a sentence moves up to a few places, often across a
	// paragraph break, but the story's order survives.
	keys := make([]float64, len(out))
	idx := make([]int, len(out))
	for i := range out {
		keys[i], idx[i] = float64(i)+6*e.r.Float64(), i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(keys[a], keys[b]) })
	shuffled := make([]string, 0, len(out)+3)
	for _, i := range idx {
		shuffled = append(shuffled, out[i])
	}
	for range 1 + e.r.IntN(3) {
		shuffled = slices.Insert(shuffled, e.r.IntN(len(shuffled)+1), e.g.sentence())
	}
	return &text{title: e.rewriteTitle(src.title), paras: e.chunk(shuffled)}
}

// rewordSentence applies the word-level rewrites to one sentence. The
// steps pass words between two scratch slices, because a heavy copy
// rewrites every sentence of its source.
func (e *editor) rewordSentence(s string) string {
	ws := appendWords(e.w1[:0], s)
	out, _ := appendSynonyms(e.w2[:0], e.r, ws, 1, -1, e.names)
	e.w1, e.w2 = ws, out
	out = e.swapCoordinated(out)
	out = e.flipPossessives(out)
	ws = e.insertAdverbs(e.w1[:0], out)
	out = e.tighten(e.w2[:0], ws)
	e.w1, e.w2 = ws, out
	return joinWords(out)
}

// chunk groups sentences into paragraphs of one to four.
func (e *editor) chunk(sents []string) [][]string {
	var paras [][]string
	for len(sents) > 0 {
		k := min(paragraphSentences(e.r), len(sents))
		paras = append(paras, sents[:k:k])
		sents = sents[k:]
	}
	return paras
}

// saidWords are the attribution verbs whose clause can move.
var saidWords = map[string]bool{"said": true, "says": true}

// leadWords open a leading clause or phrase that can move to the end of
// its sentence: "When X, Y." becomes "Y when X.".
var leadWords = map[string]bool{
	"In": true, "On": true, "At": true, "After": true, "Before": true, "During": true,
	"Earlier": true, "Later": true, "Last": true, "Since": true, "Following": true,
	"When": true, "While": true, "Although": true, "Though": true, "Because": true,
	"If": true, "Despite": true, "Until": true, "Once": true, "Amid": true, "With": true,
	"Without": true, "Under": true, "For": true, "By": true, "Over": true, "Within": true,
}

// trailWords open a trailing clause that can move to the front: "Y
// because X." becomes "Because X, y.".
var trailWords = map[string]bool{
	"because": true, "when": true, "after": true, "before": true, "while": true,
	"although": true, "until": true, "despite": true, "if": true, "once": true,
}

// front moves a clause: "X said Y." becomes "Y, X said."; "Y, X said."
// becomes "X said that Y."; "According to X, Y." becomes "Y, according to
// X."; "On Tuesday, Y." becomes "Y on Tuesday.", and back. Quoted
// sentences are left alone.
func (e *editor) front(s string) string {
	if quoted(s) {
		return s
	}
	ws := appendWords(e.w3[:0], s)
	e.w3 = ws
	n := len(ws)
	if n < 6 {
		return s
	}
	build := func(parts ...[]word) string {
		var all []word
		for _, p := range parts {
			all = append(all, p...)
		}
		capSentence(all)
		endSentence(all)
		return joinWords(all)
	}
	clone := func(p []word) []word { return slices.Clone(p) }

	// "Y, X said." or "Y, said X."
tail:
	for j := n - 2; j >= max(3, n-7); j-- {
		if ws[j].trail == "" {
			continue
		}
		if ws[j].trail != "," {
			break
		}
		x := clone(ws[j+1:])
		stripEnd(x)
		for _, w := range x[:len(x)-1] {
			if w.trail != "" || w.lead != "" {
				break tail
			}
		}
		switch {
		case len(x) >= 2 && saidWords[x[0].core]: // "said X" -> "X said"
			x = append(x[1:], x[0])
		case len(x) >= 2 && saidWords[x[len(x)-1].core]:
		default:
			break tail
		}
		y := clone(ws[:j+1])
		y[len(y)-1].trail = ""
		e.inner(y)
		return build(x, []word{{core: "that"}}, y)
	}
	// "X said Y."
	for i := 1; i <= 5 && i < n-6; i++ {
		if ws[i-1].trail != "" {
			break
		}
		if !saidWords[ws[i].core] || ws[i].trail != "" {
			continue
		}
		y := clone(ws[i+1:])
		if y[0].core == "that" && y[0].trail == "" {
			y = y[1:]
		}
		stripEnd(y)
		if len(y) < 5 || hasSaid(y) {
			break
		}
		y[len(y)-1].trail += ","
		x := clone(ws[:i+1])
		e.inner(x)
		return build(y, x)
	}
	// "According to X, Y."
	if strings.EqualFold(ws[0].core, "according") && ws[1].core == "to" {
		for j := 2; j < min(n-5, 9); j++ {
			if ws[j].trail == "," {
				x := clone(ws[:j+1])
				x[len(x)-1].trail = ""
				e.inner(x)
				y := clone(ws[j+1:])
				stripEnd(y)
				y[len(y)-1].trail += ","
				return build(y, x)
			}
		}
	}
	// "When X, Y." -> "Y when X."; "Speaking to reporters, Y." -> "Y,
	// speaking to reporters."
	if first := ws[0].core; leadWords[first] || len(first) > 5 && strings.HasSuffix(first, "ing") && e.lowerable(first) {
		for j := 1; j < n*6/10; j++ {
			if ws[j].trail == "," {
				x := clone(ws[:j+1])
				x[len(x)-1].trail = ""
				e.inner(x)
				y := clone(ws[j+1:])
				stripEnd(y)
				if len(y) < 4 {
					break
				}
				return build(y, x)
			}
			if ws[j].trail != "" || ws[j].lead != "" {
				break
			}
		}
	}
	// "Y on Tuesday." -> "On Tuesday, Y."
	if n >= 8 && ws[n-2].core == "on" && ws[n-2].trail == "" && keepCaps[ws[n-1].core] {
		x := clone(ws[n-2:])
		stripEnd(x)
		x[len(x)-1].trail += ","
		y := clone(ws[:n-2])
		e.inner(y)
		return build(x, y)
	}
	// "Y because X." -> "Because X, y."
	for k := 4; k < n-3; k++ {
		if !trailWords[ws[k].core] || ws[k].lead != "" || ws[k-1].trail != "" && ws[k-1].trail != "," {
			continue
		}
		x := clone(ws[k:])
		stripEnd(x)
		if hasPunct(x) {
			break
		}
		x[len(x)-1].trail += ","
		y := clone(ws[:k])
		y[len(y)-1].trail = ""
		e.inner(y)
		return build(x, y)
	}
	return s
}

// hasPunct reports whether any word but the last has punctuation around
// it: a clause with commas inside is not moved whole.
func hasPunct(ws []word) bool {
	for i, w := range ws {
		if w.lead != "" || i < len(ws)-1 && w.trail != "" {
			return true
		}
	}
	return false
}

// quoteAttributed matches a quote followed by who said it, in the styles
// of the material: “Q,” X said. / "Q," said X. / “ Q , ” X said .
var quoteAttributed = regexp.MustCompile("^(?:“|\"|``)\\s*([^“”\"`']+?)\\s*,?\\s*(?:”|\"|'')\\s*,?\\s+(?:(said|says|told) ([^“”\"`',.]{2,60}?)|([^“”\"`',.]{2,60}?) (said|says|told(?: [^ ,.]+)?))\\s*\\.$")

// indirect turns a quoted statement into reported speech: “We will
// rebuild,” the mayor said. becomes The mayor said that we will rebuild.
// (Pronouns are not changed: a rewriter's grammar slips.) It reports
// whether the sentence was a quote it could turn.
func (e *editor) indirect(s string) (string, bool) {
	m := quoteAttributed.FindStringSubmatch(s)
	if m == nil {
		return s, false
	}
	q := strings.TrimRight(strings.TrimSpace(m[1]), ",")
	if q == "" || strings.ContainsAny(q[len(q)-1:], "?!") || countWords(q) < 4 {
		return s, false
	}
	verb, who := m[2], m[3]
	if verb == "" {
		who, verb = m[4], m[5]
	}
	if countWords(who) > 8 {
		return s, false
	}
	x := splitWords(who + " " + verb)
	if verb == "said" || verb == "says" {
		x = append(x, word{core: "that"})
	}
	y := splitWords(q)
	e.inner(y)
	all := append(x, y...)
	capSentence(all)
	endSentence(all)
	return joinWords(all), true
}

func hasSaid(ws []word) bool {
	for _, w := range ws {
		if saidWords[w.core] {
			return true
		}
	}
	return false
}

// swapCoordinated turns "X and Y" into "Y and X" for single content
// words, which breaks runs without touching facts. Numbers are never
// swapped ("between 5 and 10" has an order), and a pair is only taken for
// coordinated when it follows a function word and ends a phrase (or the
// two words look alike), so "new things and quickly" is left alone.
func (e *editor) swapCoordinated(ws []word) []word {
	content := func(w word) bool {
		return w.core != "" && !hasDigit(w.core) && !textproc.IsStopword(strings.ToLower(w.core))
	}
	for i := 1; i+1 < len(ws); i++ {
		a, and, b := ws[i-1], ws[i], ws[i+1]
		if and.core != "and" || and.lead != "" || and.trail != "" || a.trail != "" || b.lead != "" ||
			!content(a) || !content(b) || isCap(a.core) != isCap(b.core) {
			continue
		}
		opens := i < 2 || ws[i-2].trail != "" || textproc.IsStopword(strings.ToLower(ws[i-2].core))
		closes := b.trail != "" || i+2 >= len(ws) || textproc.IsStopword(strings.ToLower(ws[i+2].core)) ||
			len(a.core) > 3 && len(b.core) > 3 && a.core[len(a.core)-2:] == b.core[len(b.core)-2:]
		if !opens || !closes || e.r.IntN(10) >= 7 {
			continue
		}
		ws[i-1].core, ws[i+1].core = b.core, a.core
		i += 2
	}
	return ws
}

// flipPossessives turns "Taylor Swift's display" into "the display of
// Taylor Swift" when the possessed noun is one word that ends a phrase.
func (e *editor) flipPossessives(ws []word) []word {
	for i := 0; i+1 < len(ws); i++ {
		w := ws[i]
		base, ok := strings.CutSuffix(w.core, "'s")
		if !ok {
			base, ok = strings.CutSuffix(w.core, "’s")
		}
		if !ok || !isCap(base) || w.trail != "" || e.r.IntN(10) >= 7 {
			continue
		}
		noun := ws[i+1]
		if noun.lead != "" || noun.core == "" || isCap(noun.core) || hasDigit(noun.core) || textproc.IsStopword(noun.core) {
			continue
		}
		if noun.trail == "" && i+2 < len(ws) && !textproc.IsStopword(strings.ToLower(ws[i+2].core)) {
			continue
		}
		// The owner: the run of capitalised words ending in the possessive.
		j := i
		for j > 0 && ws[j-1].trail == "" && ws[j-1].lead == "" && isCap(ws[j-1].core) && !(j-1 == 0 && e.lowerable(ws[0].core)) {
			j--
		}
		if j == 0 && w.lead == "" && ws[0].core != "" && e.lowerable(ws[0].core) {
			continue
		}
		owner := slices.Clone(ws[j : i+1])
		owner[len(owner)-1].core = base
		owner[len(owner)-1].trail = noun.trail
		owner[0].lead = ""
		the := "the"
		if j == 0 {
			the = "The"
		}
		phrase := append([]word{{lead: ws[j].lead, core: the}, {core: noun.core}, {core: "of"}}, owner...)
		ws = slices.Replace(slices.Clone(ws), j, i+2, phrase...)
		i = j + len(phrase) - 1
	}
	return ws
}

// tighten makes the small cuts of a copy editor: "that" before a name
// goes ("said that Smith" becomes "said Smith"), and "5 percent" and "$2
// million" become "5%" and "$2m".
func (e *editor) tighten(out, ws []word) []word {
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if i > 0 && i+1 < len(ws) && w.core == "that" && w.lead == "" && w.trail == "" && ws[i-1].trail == "" &&
			isCap(ws[i+1].core) && ws[i+1].core != "I" && e.r.IntN(10) < 7 {
			continue
		}
		if i+1 < len(ws) && hasDigit(w.core) && w.trail == "" && ws[i+1].lead == "" && e.r.IntN(10) < 7 {
			if short, ok := unitShort[ws[i+1].core]; ok {
				w.core += short
				w.trail = ws[i+1].trail
				out = append(out, w)
				i++
				continue
			}
		}
		out = append(out, w)
	}
	return out
}

// unitShort are the short forms of units written after a number.
var unitShort = map[string]string{"percent": "%", "million": "m", "billion": "bn"}

// auxiliaries take an adverb after them: "has maintained" becomes "has
// consistently maintained".
var auxiliaries = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "has": true, "have": true, "had": true,
	"will": true, "would": true, "could": true, "can": true, "should": true, "may": true,
	"might": true, "must": true, "shall": true,
}

// fillerAdverbs are what rewriters pad sentences with: they change no fact.
var fillerAdverbs = strings.Fields("also now still indeed clearly certainly actually largely generally")

// insertAdverbs puts a filler adverb after some auxiliaries, which breaks
// the word runs around them. An adverb is not put before another, so
// copies of copies do not pile them up.
func (e *editor) insertAdverbs(out, ws []word) []word {
	for i, w := range ws {
		out = append(out, w)
		if i+1 < len(ws) && auxiliaries[w.core] && w.trail == "" && ws[i+1].lead == "" && e.r.IntN(10) < 5 {
			next := ws[i+1].core
			if next == "" || isCap(next) || hasDigit(next) || next == "not" || strings.HasSuffix(next, "ly") ||
				slices.Contains(fillerAdverbs, next) || slices.Contains(fillerAdverbs, strings.TrimSuffix(next, ",")) {
				continue
			}
			out = append(out, word{core: fillerAdverbs[e.r.IntN(len(fillerAdverbs))]})
		}
	}
	return out
}

// split cuts a long sentence at a clause boundary near its middle.
func (e *editor) split(s string) (string, string, bool) {
	if quoted(s) {
		return "", "", false
	}
	ws := appendWords(e.w3[:0], s)
	e.w3 = ws
	n := len(ws)
	if n < 18 {
		return "", "", false
	}
	best, bestDist := -1, n
	for j := n * 3 / 10; j < n*3/4; j++ {
		t := ws[j].trail
		if t == ";" || t == "," && (splitters[ws[j+1].core] != "" || ws[j+1].core == "and") {
			if d := abs(j - n/2); d < bestDist {
				best, bestDist = j, d
			}
		}
	}
	if best < 0 {
		return "", "", false
	}
	a := slices.Clone(ws[:best+1])
	b := slices.Clone(ws[best+1:])
	a[len(a)-1].trail = ""
	endSentence(a)
	if ws[best].trail == "," {
		conj := b[0].core
		b = b[1:]
		if rep := splitters[conj]; rep != "" {
			b = append([]word{{core: rep}}, b...)
		}
	}
	if len(b) < 4 {
		return "", "", false
	}
	capSentence(b)
	return joinWords(a), joinWords(b), true
}

// splitters say how a clause that began with a conjunction starts as a
// sentence of its own ("and" simply goes).
var splitters = map[string]string{"but": "But", "while": "Meanwhile,", "which": "This", "whereas": "By contrast,", "although": "Still,"}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// merge joins some pairs of short adjacent sentences: "A. B." becomes
// "A, and b." or "A; b.".
func (e *editor) merge(sents []string) []string {
	out := make([]string, 0, len(sents))
	for i := 0; i < len(sents); i++ {
		if i+1 < len(sents) && e.r.IntN(10) < 5 {
			a, b := sents[i], sents[i+1]
			if na, nb := countWords(a), countWords(b); na <= 18 && nb <= 18 && na >= 3 && nb >= 3 && !quoted(a) && !quoted(b) {
				wa, wb := splitWords(a), splitWords(b)
				stripEnd(wa)
				e.inner(wb)
				if e.r.IntN(3) == 0 {
					wa[len(wa)-1].trail += ";"
				} else {
					wa[len(wa)-1].trail += ","
					wa = append(wa, word{core: "and"})
				}
				all := append(wa, wb...)
				endSentence(all)
				out = append(out, joinWords(all))
				i++
				continue
			}
		}
		out = append(out, sents[i])
	}
	return out
}

// titleTags are what content farms put around a borrowed headline.
var titleTags = []string{"Report: ", "Breaking: ", "Update: ", "Watch: ", "Explained: "}

// rewriteTitle spins a headline: all its table words swapped, its halves
// swapped around a colon, its style changed, sometimes a tag added.
func (e *editor) rewriteTitle(t string) string {
	// Headlines in title case have every word capitalised: bring them to
	// sentence case first, or no word would be matched.
	ws, _ := synonymize(e.r, splitWords(e.sentenceCase(t)), 1, -1, e.names)
	out := joinWords(ws)
	if a, b, ok := strings.Cut(out, ": "); ok && a != "" && b != "" {
		out = upperFirst(b) + ": " + a
	}
	out = e.restyle(out)
	if out == t || e.r.IntN(4) == 0 {
		out = titleTags[e.r.IntN(len(titleTags))] + out
	}
	return out
}

// partial embeds 30-60 % of the source's paragraphs (at least three
// sentences), lightly or heavily edited, in a filler article at least as
// long as the borrowed part: an article that reuses a passage of another.
func (e *editor) partial(src *text) *text {
	p := len(src.paras)
	k := min(max(1, int(math.Round(float64(p)*(0.3+0.3*e.r.Float64())))), p)
	start := e.r.IntN(p - k + 1)
	end := start + k
	count := func() int {
		n := 0
		for _, para := range src.paras[start:end] {
			n += len(para)
		}
		return n
	}
	for count() < 3 && (start > 0 || end < p) {
		if end < p {
			end++
		} else {
			start--
		}
	}
	part := &text{title: src.title, paras: src.paras[start:end:end]}
	if e.r.IntN(2) == 0 {
		part = e.light(part)
	} else {
		part = e.heavy(part)
	}
	// The host's paragraphs are single strings: nothing edits them.
	title, filler := e.g.flatArticle()
	host := &text{title: title}
	for _, p := range filler {
		host.paras = append(host.paras, []string{p})
	}
	for host.words() < part.words() {
		host.paras = append(host.paras, []string{e.g.paragraphText()})
	}
	// The passage goes in whole, or in two pieces, somewhere in the host.
	pieces := [][][]string{part.paras}
	if len(part.paras) >= 2 && e.r.IntN(10) < 3 {
		cut := 1 + e.r.IntN(len(part.paras)-1)
		pieces = [][][]string{part.paras[:cut], part.paras[cut:]}
	}
	paras := host.paras
	for _, piece := range pieces {
		at := e.r.IntN(len(paras) + 1)
		paras = slices.Insert(paras, at, piece...)
	}
	return &text{title: title, paras: paras}
}
