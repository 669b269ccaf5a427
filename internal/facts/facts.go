package facts

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stemma-news/stemma/internal/textproc"
)

// Kind says what a name names, as far as the rules can tell.
type Kind uint8

const (
	Unknown      Kind = iota // a name of no telling kind
	Person                   // has a title, speaks, or is a pronoun's referent
	Organisation             // ends in an institution noun or is an acronym
	Place                    // follows "in", "from", "to" somewhere in the document
)

func (k Kind) String() string {
	return [...]string{"name", "person", "organisation", "place"}[k]
}

// Name is a proper name in a sentence.
type Name struct {
	Text string // as written, without a possessive: "Volodymyr Zelenskyy"
	Key  string // lower case, no full stops: "volodymyr zelenskyy"
	Kind Kind
	// Title is the title or role written before the name, with its
	// status: "former President", "Kremlin spokesman"; "" for none.
	Title string
	// Surname is the Skeleton of the name's last word: "Donald Trump"
	// and "Trump" are one person, and so are "Zelenskyy" and "Zelensky".
	Surname string
	word    int // index of its first word
}

// Institution is a name with an institution noun after it: "Trump
// administration", "Labour government".
type Institution struct {
	Text string // "Trump administration"
	Name string // key of the name part: "trump"
	Noun string // "administration"
}

// Number is a quantity.
type Number struct {
	Text  string  // as written: "30-day", "1,000", "2.5 million"
	Value float64 // the quantity
	Unit  string  // "day", "kilometer", "%", "people"; "" for none
}

// Date is a date or time expression.
type Date struct {
	Text string // as written: "on Saturday", "last week", "April 23"
	Key  string // lower case without "on" and "the": "saturday"
}

// Quote is a direct quotation.
type Quote struct {
	Text    string // the quoted words, without the marks
	Words   int
	Speaker string // who says it, as the text names them; "" when unknown
}

// Attribution is a report of who said something.
type Attribution struct {
	Verb   string // "said", "according to"
	Source string // the speaker as named: "Dmitry Peskov", "a senior French official"
}

// Sentence is the facts of one sentence.
type Sentence struct {
	Names        []Name
	Institutions []Institution
	Numbers      []Number
	Dates        []Date
	Quotes       []Quote
	Attributions []Attribution
}

// Doc is the facts of every sentence of a document.
type Doc struct {
	Sentences []Sentence
}

// MinQuoteWords is the fewest words a quotation needs to count as a direct
// quote: shorter quoted spans are titles or scare quotes.
const MinQuoteWords = 3

// Read reads the facts of a document's sentences, in order: a pronoun is
// resolved to the last person named before it, and a capitalised word
// opening a sentence counts as a name only when the document capitalises
// it elsewhere too.
func Read(sentences []string) *Doc {
	words := make([][]word, len(sentences))
	texts := make([]string, len(sentences))
	midCap := map[string]bool{}
	places := map[string]bool{}
	size := 0
	for _, s := range sentences {
		size += len(s)
	}
	// One array for the document's words, not one a sentence: news
	// averages about six bytes a word.
	all := make([]word, 0, size/6+8)
	for i, s := range sentences {
		texts[i] = textproc.Fold(s)
		start := len(all)
		all = scan(all, texts[i])
		words[i] = all[start:len(all):len(all)]
		ws := words[i]
		for k, w := range ws {
			if w.cap && k > 0 && ws[k-1].before != '"' && !opensClause(ws, k) {
				midCap[w.key] = true
			}
			if w.cap && k > 0 && ws[k-1].is(clPlaceLead) && ws[k-1].after == 0 {
				places[w.key] = true
			}
		}
	}
	d := &Doc{Sentences: make([]Sentence, len(sentences))}
	r := reader{midCap: midCap, places: places}
	for i := range sentences {
		d.Sentences[i] = r.sentence(texts[i], words[i])
	}
	return d
}

// opensClause reports whether word k starts a clause, where any word is
// capitalised: after a colon or an opening quote.
func opensClause(ws []word, k int) bool {
	return ws[k].before == ':' || ws[k].before == '"' && ws[k].quoted
}

// reader carries what one sentence leaves for the next.
type reader struct {
	midCap, places map[string]bool
	lastPerson     string
	lastSpeaker    string
}

func (r *reader) sentence(text string, ws []word) Sentence {
	var s Sentence
	s.Names = r.names(ws)
	s.Institutions = institutions(ws, s.Names)
	s.Numbers = numbers(ws)
	s.Dates = dates(text, ws)
	s.Quotes = quotes(text, ws)
	s.Attributions = r.attributions(ws, s.Names)
	if len(s.Attributions) > 0 {
		for k := range s.Quotes {
			s.Quotes[k].Speaker = s.Attributions[0].Source
		}
		r.lastSpeaker = s.Attributions[0].Source
	}
	for _, n := range s.Names {
		if n.Kind == Person {
			r.lastPerson = n.Text
		}
	}
	for _, a := range s.Attributions {
		if isName(a.Source) {
			r.lastPerson = a.Source
		}
	}
	return s
}

// names finds runs of capitalised words and splits each into a title and
// a name.
func (r *reader) names(ws []word) []Name {
	var out []Name
	for k := 0; k < len(ws); {
		if !ws[k].cap || ws[k].num || calendar(ws[k].key) {
			k++
			continue
		}
		end := k + 1
		for end < len(ws) {
			w := ws[end]
			if ws[end-1].after != 0 || ws[end-1].poss || w.quoted != ws[k].quoted || calendar(w.key) {
				break
			}
			if w.cap && !w.num {
				end++
				continue
			}
			if w.is(clNameConnector) && end+1 < len(ws) && ws[end+1].cap && w.after == 0 {
				end += 2
				continue
			}
			break
		}
		start := k
		// A sentence's first word is capitalised whatever it is.
		// Of two or more capitalised words, the first is part of the
		// name unless it is a function word ("The", "But").
		if (start == 0 || opensClause(ws, start)) && !r.midCap[ws[start].key] && !ws[start].is(clTitle) && !ws[start].is(clTitleModifier) && !ws[start].is(clStatus) &&
			(end-start == 1 || textproc.IsStopword(ws[start].key)) {
			start++
		}
		k = end
		if start >= end {
			continue
		}
		out = append(out, r.split(ws, start, end)...)
	}
	return out
}

// split splits a run of capitalised words into its leading title and the
// name after it, with a lower-case title or status just before the run.
func (r *reader) split(ws []word, start, end int) []Name {
	// The title is the run up to its last title word, with "of State"
	// and the like after it; the name is the rest. An organisation's
	// name ("Justice Department") is not split.
	t := start
	if !ws[end-1].is(clInstitutionHead) {
		for j := end - 2; j >= start; j-- {
			if ws[j].is(clTitle) {
				t = j + 1
				for t < end-1 && (ws[t].key == "of" || ws[t].is(clTitleModifier)) {
					t++
				}
				break
			}
		}
	}
	hasTitle := t > start
	// Lower-case words of a title or status before the run: "former
	// President", "Kremlin spokesman Dmitry Peskov".
	from := start
	for from > 0 && from > start-3 {
		p := ws[from-1]
		if p.after != 0 || p.cap || !(p.is(clTitle) || p.is(clStatus) || p.is(clTitleModifier)) {
			break
		}
		if p.is(clTitle) {
			hasTitle = true
		}
		from--
	}
	// A capitalised word right before a lower-case title belongs to it:
	// "Kremlin spokesman".
	if from < start && from > 0 && ws[from-1].cap && ws[from-1].after == 0 && !ws[from-1].poss {
		from--
	}
	n := Name{Text: joinWords(ws[t:end]), Key: nameKey(ws[t:end]), word: t}
	n.Surname = Skeleton(ws[end-1].key)
	if hasTitle {
		n.Title = joinWords(ws[from:t])
		n.Kind = Person
	}
	last := ws[end-1].key
	switch {
	case n.Kind == Person:
	case institutionHeads[last] || len(ws[end-1].text) >= 2 && isUpper(ws[end-1].text) && end-t == 1:
		n.Kind = Organisation
	case end-t == 1 && r.places[last]:
		n.Kind = Place
	}
	return []Name{n}
}

func nationality(key string) bool {
	for _, suf := range []string{"ian", "ese", "ish", "can", "ean", "ani", "i"} {
		if strings.HasSuffix(key, suf) && len(key) > len(suf)+2 {
			return true
		}
	}
	return false
}

func isUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

func joinWords(ws []word) string {
	return join(ws, func(w *word) string { return w.text })
}

// nameKey is the key of a run of words: their keys, space-separated.
func nameKey(ws []word) string {
	return join(ws, func(w *word) string { return w.key })
}

// join joins a string of each word with spaces; most names are one word,
// whose string it is.
func join(ws []word, s func(*word) string) string {
	if len(ws) == 1 {
		return s(&ws[0])
	}
	n := len(ws)
	for i := range ws {
		n += len(s(&ws[i]))
	}
	var b strings.Builder
	b.Grow(n)
	for i := range ws {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s(&ws[i]))
	}
	return b.String()
}

// institutions finds names followed by an institution noun.
func institutions(ws []word, names []Name) []Institution {
	var out []Institution
	for _, n := range names {
		end := n.word + strings.Count(n.Text, " ") + 1
		if end >= len(ws) || ws[end-1].after != 0 || ws[end-1].poss {
			continue
		}
		if w := ws[end]; !w.cap && w.is(clInstitutionNoun) {
			out = append(out, Institution{Text: n.Text + " " + w.text, Name: n.Key, Noun: w.key})
		}
	}
	return out
}

// numbers finds quantities written in digits, with a unit after them.
func numbers(ws []word) []Number {
	var out []Number
	for k := 0; k < len(ws); k++ {
		w := ws[k]
		if !w.num {
			continue
		}
		digits, unit, _ := strings.Cut(w.text, "-")
		v, err := strconv.ParseFloat(strings.ReplaceAll(digits, ",", ""), 64)
		if err != nil {
			continue
		}
		if isYear(w) || len(w.text) <= 2 && (k > 0 && ws[k-1].is(clMonth) && ws[k-1].cap || k+1 < len(ws) && ws[k+1].is(clMonth) && ws[k+1].cap) {
			continue // a date: "2025", "March 4"
		}
		n := Number{Text: w.text, Value: v, Unit: strings.ToLower(unit)}
		if w.after == '%' {
			n.Unit = "%"
		}
		if k+1 < len(ws) && w.after == 0 {
			next := ws[k+1]
			if m, ok := multipliers[next.key]; ok {
				n.Value *= m
				n.Text += " " + next.text
				k++
				if k+1 < len(ws) && next.after == 0 && ws[k+1].is(clUnit) {
					n.Unit = ws[k+1].key
				}
			} else if n.Unit == "" && next.is(clUnit) {
				n.Unit = next.key
			}
		}
		if n.Unit == "per" {
			n.Unit = "%"
		}
		out = append(out, n)
	}
	return out
}

func isYear(w word) bool {
	if len(w.text) != 4 {
		return false
	}
	v, err := strconv.Atoi(w.text)
	return err == nil && v >= 1800 && v <= 2100
}

// dates finds weekdays, months with their day or year, years, relative
// days and periods ("last week").
func dates(text string, ws []word) []Date {
	var out []Date
	for k := 0; k < len(ws); k++ {
		w := ws[k]
		start, end := k, k+1
		switch {
		case w.is(clWeekday) || w.is(clRelativeDay):
		case w.is(clMonth) && w.cap && (w.key != "may" || k+1 < len(ws) && ws[k+1].num):
			for end < len(ws) && end < k+3 && ws[end].num && ws[end-1].after != '.' {
				end++
			}
		case isYear(w):
		case w.is(clPeriodLead) && k+1 < len(ws) && (ws[k+1].is(clPeriod) || ws[k+1].is(clWeekday)) && w.after == 0:
			end = k + 2
		default:
			continue
		}
		// A day number before a month: "23 April".
		if start > 0 && ws[start-1].num && w.is(clMonth) && len(ws[start-1].text) <= 2 {
			start--
		}
		d := Date{Text: text[ws[start].start:ws[end-1].end]}
		d.Key = strings.ToLower(d.Text)
		out = append(out, d)
		k = end - 1
	}
	return out
}

// quotes finds the spans between double quotes of at least
// MinQuoteWords words. A quote left open runs to the end of the sentence,
// as a quote continuing into the next paragraph does.
func quotes(text string, ws []word) []Quote {
	var out []Quote
	for k := 0; k < len(ws); {
		if !ws[k].quoted {
			k++
			continue
		}
		end := k
		for end < len(ws) && ws[end].quoted {
			end++
		}
		if end-k >= MinQuoteWords {
			out = append(out, Quote{Text: text[ws[k].start:ws[end-1].end], Words: end - k})
		}
		k = end
	}
	return out
}

// attributions finds speech verbs and "according to" outside quotes, and
// who they name as the speaker: a name next to the verb, a pronoun's
// referent, or a described speaker ("a senior French official").
func (r *reader) attributions(ws []word, names []Name) []Attribution {
	var out []Attribution
	nameEndingAt := map[int]*Name{}
	nameStartingAt := map[int]*Name{}
	for i := range names {
		n := &names[i]
		nameStartingAt[n.word] = n
		nameEndingAt[n.word+strings.Count(n.Text, " ")] = n
	}
	for k, w := range ws {
		if w.quoted {
			continue
		}
		verb := ""
		after := k + 1
		switch {
		case w.is(clSpeechVerb):
			verb = w.key
		case w.key == "according" && k+1 < len(ws) && ws[k+1].key == "to":
			verb, after = "according to", k+2
		default:
			continue
		}
		a := Attribution{Verb: verb}
		before := k - 1 // the word before the verb, past auxiliaries: "Peskov has also said"
		for before > 0 && ws[before].is(clAuxiliary) && ws[before-1].after == 0 {
			before--
		}
		// A speaker after the verb ends a clause: "..., said a senior
		// official"; in "officials said Russian attacks continued" the
		// name after the verb is what was said.
		inverted := verb == "according to" || invertible[verb] && k > 0 && ws[k-1].after != 0
		switch {
		case verb != "according to" && before >= 0 && nameEndingAt[before] != nil && (ws[before].after == 0 || appositive(ws, nameEndingAt[before])):
			a.Source = nameEndingAt[before].Text
		case inverted && after < len(ws) && nameStartingAt[after] != nil && endsClause(ws, nameStartingAt[after]):
			a.Source = nameStartingAt[after].Text
		case verb != "according to" && before >= 0 && ws[before].is(clPronoun):
			a.Source = r.lastPerson // the last person named or quoted
			if a.Source == "" {
				a.Source = r.lastSpeaker
			}
		case inverted && after < len(ws) && (ws[after].key == "a" || ws[after].key == "an" || ws[after].key == "the" || verb == "according to"):
			a.Source = phrase(ws, after)
		case verb != "according to" && k > 0:
			a.Source = subject(ws, k)
			if a.Source == "" {
				a.Source = lastPersonBefore(names, k)
			}
		}
		if a.Source == "" {
			continue
		}
		out = append(out, a)
	}
	return out
}

// appositive reports whether a name stands between commas, as the
// subject named after its description: "Putin's adviser, Yuri Ushakov,
// said".
func appositive(ws []word, n *Name) bool {
	end := n.word + strings.Count(n.Text, " ")
	return n.word > 0 && ws[n.word-1].after == ',' && ws[end].after == ','
}

// endsClause reports whether a name is followed by punctuation or the
// end of the sentence: "..., said Dave Pares." names the speaker, "said
// U.S. envoy Steve Witkoff was expected" names what was said.
func endsClause(ws []word, n *Name) bool {
	end := n.word + strings.Count(n.Text, " ")
	return end+1 >= len(ws) || ws[end].after != 0
}

// phrase is the noun phrase starting at word k, up to punctuation, a
// verb-like word or five words.
func phrase(ws []word, k int) string {
	end := k
	for end < len(ws) && end < k+5 {
		if end > k && (ws[end].key == "familiar" || ws[end].key == "who" || ws[end].key == "that" || ws[end].is(clSpeechVerb)) {
			break
		}
		end++
		if ws[end-1].after != 0 {
			break
		}
	}
	// A described speaker ends its clause: "said the city should build"
	// names what was said.
	if ws[end-1].after == 0 && end < len(ws) {
		return ""
	}
	return joinWords(ws[k:end])
}

// subject is the described speaker just before the verb at k: "the
// European official said", "Western analysts say": the words back to the
// start of the clause, when there are at most four and one is a noun of
// people.
func subject(ws []word, k int) string {
	s := k
	for s > 0 && k-s < 4 && ws[s-1].after == 0 && !ws[s-1].quoted {
		s--
	}
	if s > 0 && ws[s-1].after == 0 {
		return "" // the clause is longer: this is not its subject
	}
	for _, w := range ws[s:k] {
		if w.is(clSpeakerNoun) {
			return joinWords(ws[s:k])
		}
	}
	return ""
}

// lastPersonBefore is the last person named before word k, or else a
// name opening the sentence: "Yuri Ushakov, an adviser to Putin, said".
func lastPersonBefore(names []Name, k int) string {
	who := ""
	for _, n := range names {
		if n.word < k && n.Kind == Person {
			who = n.Text
		}
	}
	if who == "" && len(names) > 0 && names[0].word == 0 && names[0].word < k {
		who = names[0].Text
	}
	return who
}

func calendar(key string) bool { return weekdays[key] || months[key] && key != "may" }

// Skeleton is the consonants of a name in order, without doubled letters,
// with y read as i and w as v: the part of a name that survives the usual
// transliteration variants ("Zelenskyy" and "Zelensky", "Kyiv" and
// "Kiev", "Volodymyr" and "Vladimir" have one skeleton each).
func Skeleton(key string) string {
	var buf [32]byte
	b := buf[:0]
	var prev rune
	first := true
	for _, r := range key {
		r = unicode.ToLower(r)
		switch r {
		case 'y':
			r = 'i'
		case 'w':
			r = 'v'
		case 'k':
			r = 'c'
		case 'j':
			r = 'i'
		case 'q':
			r = 'c'
		}
		if !unicode.IsLetter(r) {
			if r == ' ' {
				b = append(b, ' ')
				prev = ' '
				first = true
			}
			continue
		}
		vowel := strings.ContainsRune("aeiou", r)
		if r != prev && (!vowel || first) {
			if vowel {
				r = 'a' // an opening vowel counts, whichever it is
			}
			b = utf8.AppendRune(b, r)
		}
		prev = r
		first = false
	}
	return string(b)
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

// isName reports whether every word of s is capitalised.
func isName(s string) bool {
	for _, w := range strings.Fields(s) {
		if !unicode.IsUpper(firstRune(w)) {
			return false
		}
	}
	return true
}
