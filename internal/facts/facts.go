package facts

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
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
	word    int32 // index of its first word
	end     int32 // index of the word after its last
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
	sc := scratchPool.Get().(*scratch)
	defer sc.put()
	sc.texts = slices.Grow(sc.texts[:0], len(sentences))[:len(sentences)]
	sc.spans = slices.Grow(sc.spans[:0], len(sentences)+1)[:len(sentences)+1]
	sc.sums = slices.Grow(sc.sums[:0], len(sentences))[:len(sentences)]
	size := 0
	for _, s := range sentences {
		size += len(s)
	}
	// One array for the document's words, not one a sentence: news
	// averages about six bytes a word.
	all := slices.Grow(sc.words[:0], size/6+8)
	r := reader{midCap: sc.midCap, places: sc.places, sc: sc}
	// The keys of capitalised words, names joined and their skeletons
	// take about two fifths of a document's bytes (a tenth of documents
	// half or more): a buffer of half its bytes is outgrown, and copied,
	// for few documents, where one of a sixth was for nearly all.
	r.arena.b.Grow(size/2 + 16)
	for i, s := range sentences {
		sc.texts[i] = textproc.Fold(s)
		if len(sc.texts[i]) > math.MaxInt32 {
			sc.texts[i] = sc.texts[i][:math.MaxInt32] // past what a word's offsets hold
		}
		sc.spans[i] = len(all)
		all = scan(all, sc.texts[i], &r.arena)
		ws := all[sc.spans[i]:]
		var sum summary
		for k := range ws {
			w := &ws[k]
			sum.add(w)
			if w.cap && k > 0 && ws[k-1].before != '"' && !opensClause(ws, k) {
				r.midCap[w.key] = true
			}
			if w.cap && k > 0 && ws[k-1].is(clPlaceLead) && ws[k-1].after == 0 {
				r.places[w.key] = true
			}
		}
		sc.sums[i] = sum
	}
	sc.spans[len(sentences)] = len(all)
	sc.words = all
	sc.ends = slices.Grow(sc.ends[:0], len(sentences))
	for i := range sentences {
		r.sentence(sc.texts[i], all[sc.spans[i]:sc.spans[i+1]:sc.spans[i+1]], sc.sums[i])
	}
	// The facts were read into the scratch arrays; the document keeps
	// arrays of their number, one a kind, which its sentences share.
	d := &Doc{Sentences: make([]Sentence, len(sentences))}
	names, insts, nums := exact(sc.names), exact(sc.insts), exact(sc.nums)
	dates, quotes, attrs := exact(sc.dates), exact(sc.quotes), exact(sc.attrs)
	var from ends
	for i, to := range sc.ends {
		s := &d.Sentences[i]
		s.Names = part(names, from.names, to.names)
		s.Institutions = part(insts, from.insts, to.insts)
		s.Numbers = part(nums, from.nums, to.nums)
		s.Dates = part(dates, from.dates, to.dates)
		s.Quotes = part(quotes, from.quotes, to.quotes)
		s.Attributions = part(attrs, from.attrs, to.attrs)
		from = to
	}
	return d
}

// scratch holds what Read makes and lets go of, for the next Read: a
// document's words, the facts of each kind before they are copied out,
// and the words that show a capitalised word is a name or a place.
type scratch struct {
	texts  []string
	spans  []int // where each sentence's words start in words
	sums   []summary
	words  []word
	midCap map[string]bool
	places map[string]bool
	names  []Name
	insts  []Institution
	nums   []Number
	dates  []Date
	quotes []Quote
	attrs  []Attribution
	ends   []ends // where each sentence's facts end
}

// ends is where the facts of a sentence end in the scratch arrays.
type ends struct{ names, insts, nums, dates, quotes, attrs int }

var scratchPool = sync.Pool{New: func() any {
	return &scratch{midCap: map[string]bool{}, places: map[string]bool{}}
}}

// put clears sc, which holds strings of the document read, and returns
// it to the pool.
func (sc *scratch) put() {
	// The texts and words are not cleared: they hold one document alive
	// at most until the next Read or the pool lets go of sc, and clearing
	// the words, as many as the document's, cost a tenth of a Read.
	clear(sc.midCap)
	clear(sc.places)
	sc.names = clearAll(sc.names)
	sc.insts = clearAll(sc.insts)
	sc.nums = clearAll(sc.nums)
	sc.dates = clearAll(sc.dates)
	sc.quotes = clearAll(sc.quotes)
	sc.attrs = clearAll(sc.attrs)
	scratchPool.Put(sc)
}

func clearAll[T any](s []T) []T {
	clear(s)
	return s[:0]
}

// exact copies s into an array of its length, nil when it is empty.
func exact[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	out := make([]T, len(s))
	copy(out, s)
	return out
}

// part is s[from:to], nil when it is empty, as a sentence of no facts
// of a kind has none.
func part[T any](s []T, from, to int) []T {
	if from == to {
		return nil
	}
	return s[from:to:to]
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
	arena          arena
	sc             *scratch
}

// summary is what the words of a sentence hold between them: the lists
// they are on, and whether one is capitalised, a number, quoted. A rule
// is not run on a sentence without the words it starts from: most
// sentences have no date, number or quote, and many no speech verb.
type summary struct {
	cls              class
	cap, num, quoted bool
}

func (s *summary) add(w *word) {
	s.cls |= w.cls
	s.cap = s.cap || w.cap
	s.num = s.num || w.num
	s.quoted = s.quoted || w.quoted
}

// sentence reads the facts of a sentence, of words ws and summary sum,
// into the scratch arrays.
func (r *reader) sentence(text string, ws []word, sum summary) {
	sc := r.sc
	from := len(sc.names)
	if sum.cap {
		sc.names = r.names(sc.names, ws)
	}
	names := sc.names[from:]
	sc.insts = institutions(sc.insts, ws, names)
	if sum.num {
		sc.nums = numbers(sc.nums, ws)
	}
	if sum.num || sum.cls&(clWeekday|clRelativeDay|clMonth|clPeriodLead) != 0 {
		sc.dates = r.dates(sc.dates, text, ws)
	}
	from = len(sc.quotes)
	if sum.quoted {
		sc.quotes = quotes(sc.quotes, text, ws)
	}
	quotes := sc.quotes[from:]
	from = len(sc.attrs)
	if sum.cls&(clSpeechVerb|clAccording) != 0 {
		sc.attrs = r.attributions(sc.attrs, ws, names)
	}
	attrs := sc.attrs[from:]
	if len(attrs) > 0 {
		for k := range quotes {
			quotes[k].Speaker = attrs[0].Source
		}
		r.lastSpeaker = attrs[0].Source
	}
	for _, n := range names {
		if n.Kind == Person {
			r.lastPerson = n.Text
		}
	}
	for _, a := range attrs {
		if isName(a.Source) {
			r.lastPerson = a.Source
		}
	}
	sc.ends = append(sc.ends, ends{len(sc.names), len(sc.insts), len(sc.nums), len(sc.dates), len(sc.quotes), len(sc.attrs)})
}

// names finds runs of capitalised words and splits each into a title and
// a name.
func (r *reader) names(out []Name, ws []word) []Name {
	for k := 0; k < len(ws); {
		if !ws[k].cap || ws[k].num || ws[k].calendar() {
			k++
			continue
		}
		end := k + 1
		for end < len(ws) {
			w := ws[end]
			if ws[end-1].after != 0 || ws[end-1].poss || w.quoted != ws[k].quoted || w.calendar() {
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
		out = append(out, r.split(ws, start, end))
	}
	return out
}

// split splits a run of capitalised words into its leading title and the
// name after it, with a lower-case title or status just before the run.
func (r *reader) split(ws []word, start, end int) Name {
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
	n := Name{Text: r.joinWords(ws[t:end]), Key: r.nameKey(ws[t:end]), word: int32(t), end: int32(end)}
	n.Surname = r.skeleton(ws[end-1].key)
	if hasTitle {
		n.Title = r.joinWords(ws[from:t])
		n.Kind = Person
	}
	last := ws[end-1].key
	switch {
	case n.Kind == Person:
	case ws[end-1].is(clInstitutionHead) || len(ws[end-1].text) >= 2 && isUpper(ws[end-1].text) && end-t == 1:
		n.Kind = Organisation
	case end-t == 1 && r.places[last]:
		n.Kind = Place
	}
	return n
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

func (r *reader) joinWords(ws []word) string {
	return r.join(ws, func(w *word) string { return w.text })
}

// nameKey is the key of a run of words: their keys, space-separated.
func (r *reader) nameKey(ws []word) string {
	return r.join(ws, func(w *word) string { return w.key })
}

// join joins a string of each word with spaces; most names are one word,
// whose string it is.
func (r *reader) join(ws []word, s func(*word) string) string {
	if len(ws) == 1 {
		return s(&ws[0])
	}
	if len(ws) == 0 {
		return ""
	}
	b := &r.arena.b
	at := b.Len()
	for i := range ws {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s(&ws[i]))
	}
	return r.arena.since(at)
}

// skeleton is Skeleton(key), made in the arena.
func (r *reader) skeleton(key string) string {
	var buf [32]byte
	return r.arena.bytes(AppendSkeleton(buf[:0], key))
}

// institutions finds names followed by an institution noun.
func institutions(out []Institution, ws []word, names []Name) []Institution {
	for _, n := range names {
		end := int(n.end)
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
func numbers(out []Number, ws []word) []Number {
	for k := 0; k < len(ws); k++ {
		w := &ws[k]
		if !w.num {
			continue
		}
		if isYear(w) || len(w.text) <= 2 && (k > 0 && ws[k-1].is(clMonth) && ws[k-1].cap || k+1 < len(ws) && ws[k+1].is(clMonth) && ws[k+1].cap) {
			continue // a date: "2025", "March 4"
		}
		digits, unit, _ := strings.Cut(w.text, "-")
		v, err := strconv.ParseFloat(strings.ReplaceAll(digits, ",", ""), 64)
		if err != nil {
			continue
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

// isYear reports whether w is a year of four digits. It reads the digits
// itself: strconv.Atoi on the words that are not numbers, most of them,
// makes an error value for each.
func isYear(w *word) bool {
	if len(w.text) != 4 || !w.num {
		return false
	}
	v := 0
	for i := 0; i < 4; i++ {
		c := w.text[i]
		if c < '0' || c > '9' {
			return false
		}
		v = v*10 + int(c-'0')
	}
	return v >= 1800 && v <= 2100
}

// dates finds weekdays, months with their day or year, years, relative
// days and periods ("last week").
func (r *reader) dates(out []Date, text string, ws []word) []Date {
	for k := 0; k < len(ws); k++ {
		w := &ws[k]
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
		d.Key = r.arena.lower(d.Text)
		out = append(out, d)
		k = end - 1
	}
	return out
}

// quotes finds the spans between double quotes of at least
// MinQuoteWords words. A quote left open runs to the end of the sentence,
// as a quote continuing into the next paragraph does.
func quotes(out []Quote, text string, ws []word) []Quote {
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
func (r *reader) attributions(out []Attribution, ws []word, names []Name) []Attribution {
	// A sentence names a few people: looking through them beats a map.
	nameStartingAt := func(k int) *Name {
		for i := range names {
			if int(names[i].word) == k {
				return &names[i]
			}
		}
		return nil
	}
	nameEndingAt := func(k int) *Name {
		for i := range names {
			if int(names[i].end)-1 == k {
				return &names[i]
			}
		}
		return nil
	}
	for k := range ws {
		w := &ws[k]
		if w.quoted {
			continue
		}
		verb := ""
		after := k + 1
		switch {
		case w.is(clSpeechVerb):
			verb = w.key
		case w.is(clAccording) && k+1 < len(ws) && ws[k+1].key == "to":
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
		case verb != "according to" && before >= 0 && nameEndingAt(before) != nil && (ws[before].after == 0 || appositive(ws, nameEndingAt(before))):
			a.Source = nameEndingAt(before).Text
		case inverted && after < len(ws) && nameStartingAt(after) != nil && endsClause(ws, nameStartingAt(after)):
			a.Source = nameStartingAt(after).Text
		case verb != "according to" && before >= 0 && ws[before].is(clPronoun):
			a.Source = r.lastPerson // the last person named or quoted
			if a.Source == "" {
				a.Source = r.lastSpeaker
			}
		case inverted && after < len(ws) && (ws[after].key == "a" || ws[after].key == "an" || ws[after].key == "the" || verb == "according to"):
			a.Source = r.phrase(ws, after)
		case verb != "according to" && k > 0:
			a.Source = r.subject(ws, k)
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
	end := n.end - 1
	return n.word > 0 && ws[n.word-1].after == ',' && ws[end].after == ','
}

// endsClause reports whether a name is followed by punctuation or the
// end of the sentence: "..., said Dave Pares." names the speaker, "said
// U.S. envoy Steve Witkoff was expected" names what was said.
func endsClause(ws []word, n *Name) bool {
	end := int(n.end) - 1
	return end+1 >= len(ws) || ws[end].after != 0
}

// phrase is the noun phrase starting at word k, up to punctuation, a
// verb-like word or five words.
func (r *reader) phrase(ws []word, k int) string {
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
	return r.joinWords(ws[k:end])
}

// subject is the described speaker just before the verb at k: "the
// European official said", "Western analysts say": the words back to the
// start of the clause, when there are at most four and one is a noun of
// people.
func (r *reader) subject(ws []word, k int) string {
	s := k
	for s > 0 && k-s < 4 && ws[s-1].after == 0 && !ws[s-1].quoted {
		s--
	}
	if s > 0 && ws[s-1].after == 0 {
		return "" // the clause is longer: this is not its subject
	}
	for _, w := range ws[s:k] {
		if w.is(clSpeakerNoun) {
			return r.joinWords(ws[s:k])
		}
	}
	return ""
}

// lastPersonBefore is the last person named before word k, or else a
// name opening the sentence: "Yuri Ushakov, an adviser to Putin, said".
func lastPersonBefore(names []Name, k int) string {
	who := ""
	for _, n := range names {
		if int(n.word) < k && n.Kind == Person {
			who = n.Text
		}
	}
	if who == "" && len(names) > 0 && names[0].word == 0 && int(names[0].word) < k {
		who = names[0].Text
	}
	return who
}

// calendar reports whether a word is a weekday or a month other than
// "may", which is more often the verb.
func (w *word) calendar() bool { return w.is(clWeekday) || w.is(clMonth) && w.key != "may" }

// Skeleton is the consonants of a name in order, without doubled letters,
// with y read as i and w as v: the part of a name that survives the usual
// transliteration variants ("Zelenskyy" and "Zelensky", "Kyiv" and
// "Kiev", "Volodymyr" and "Vladimir" have one skeleton each).
func Skeleton(key string) string {
	var buf [32]byte
	return string(AppendSkeleton(buf[:0], key))
}

// AppendSkeleton appends the Skeleton of key to b: for a caller making
// many, without a string for each.
func AppendSkeleton(b []byte, key string) []byte {
	var prev rune
	first := true
	for i := 0; i < len(key); {
		var r rune
		if c := key[i]; c < utf8.RuneSelf {
			r = rune(skeletonASCII[c])
			i++
		} else {
			var n int
			r, n = utf8.DecodeRuneInString(key[i:])
			i += n
			if r = unicode.ToLower(r); r < utf8.RuneSelf {
				r = rune(skeletonASCII[r]) // the Kelvin sign is a k
			} else if !unicode.IsLetter(r) {
				continue
			}
		}
		switch r {
		case 0:
			continue
		case ' ':
			b = append(b, ' ')
			prev = ' '
			first = true
			continue
		}
		vowel := r == 'a' || r == 'e' || r == 'i' || r == 'o' || r == 'u'
		if r != prev && (!vowel || first) {
			if vowel {
				r = 'a' // an opening vowel counts, whichever it is
			}
			b = utf8.AppendRune(b, r)
		}
		prev = r
		first = false
	}
	return b
}

// skeletonASCII is what a Skeleton reads of each ASCII byte: a letter in
// lower case, with y and j read as i, w as v, k and q as c; a space; 0
// for the rest, which it skips.
var skeletonASCII = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		r := byte(c)
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		switch r {
		case 'y', 'j':
			r = 'i'
		case 'w':
			r = 'v'
		case 'k', 'q':
			r = 'c'
		}
		if 'a' <= r && r <= 'z' || r == ' ' {
			t[c] = r
		}
	}
	return t
}()

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

// isName reports whether every word of s is capitalised.
func isName(s string) bool {
	for w := range strings.FieldsSeq(s) {
		if !unicode.IsUpper(firstRune(w)) {
			return false
		}
	}
	return true
}
