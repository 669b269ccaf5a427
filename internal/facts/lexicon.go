package facts

import (
	"slices"
	"strconv"
	"strings"

	"github.com/stemma-news/stemma/internal/wordload"
)

// The closed word lists the rules read. They name kinds of words that any
// news text uses (titles, speech verbs, institutions, calendar words), not
// the people or places of any particular story.

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// titles are the nouns of titles and roles that stand before a name.
var titles = set(`president presidents premier minister ministers secretary chancellor senator sen
	governor gov mayor king queen prince princess emperor pope cardinal bishop archbishop rabbi imam sheikh
	general gen lt lieutenant colonel col major maj captain capt admiral adm commander sergeant sgt marshal
	ambassador envoy spokesman spokeswoman spokesperson adviser advisor chief director chairman chairwoman
	chair ceo cfo coo founder judge justice attorney prosecutor sheriff inspector commissioner officer
	representative rep congressman congresswoman lawmaker mp speaker leader head dr doctor professor prof
	mr mrs ms miss sir dame lord lady coach manager striker defender midfielder goalkeeper chancellor
	deputy vice rev reverend father brother sister superintendent trustee treasurer councillor councilman
	councilwoman delegate negotiator diplomat economist analyst spokesmen auditor`)

// statuses change what a title means: a "former President" no longer is one.
var statuses = set(`former ex late acting interim outgoing incoming retired deposed ousted exiled
	self-proclaimed self-styled disgraced embattled then elect elected designate caretaker
	deputy vice assistant junior senior honorary`)

// titleModifiers are the words that qualify a title without being one:
// "Foreign Secretary", "Prime Minister", "Secretary of State".
var titleModifiers = set(`foreign defense defence home interior finance justice health state prime
	trade economy economic energy education transport agriculture environment labor labour culture
	supreme special attorney surgeon chief general first opposition majority minority party
	white house national security affairs military press communications executive managing
	kremlin pentagon army navy police`)

var titleAbbreviations = set(`lt gen col maj capt adm sgt sen rep gov dr mr mrs ms prof rev st jr sr mt ft no vs`)

// speechVerbs report speech; their subject or object is a speaker.
var speechVerbs = set(`said says say saying told tells tell stated states stating added adds adding
	noted notes warned warns cautioned cautions remarked explained explains wrote writes posted tweeted
	insisted insists argued argues declared announced claimed claims asked asks replied urged urges
	emphasized emphasised emphasizes stressed stresses indicated indicates suggested suggests
	acknowledged confirmed confirms denied mentioned commented reported reports believe believes
	recalled observed admitted conceded signaled signalled described describes called vowed pledged
	predicted estimated alleged testified responded continued concluded`)

// institutionNouns after a name make it an institution: "the Trump
// administration", "the Labour government".
var institutionNouns = set(`administration campaign government cabinet ministry party regime army
	military forces police navy court parliament council committee company family camp delegation
	embassy foundation institute office team coalition movement junta authorities presidency`)

// institutionHeads end the name of an organisation: "State Department".
var institutionHeads = set(`department ministry agency office council committee commission court
	party parliament congress senate house assembly bank fund union association organization
	organisation institute university college school hospital police army navy force forces corps
	guard press agency news times post journal company corp corporation inc ltd group authority
	board bureau service services administration foundation federation league club network`)

// placeLeads stand before place names: "in Kyiv", "from Washington".
var placeLeads = set(`in from to at near across outside inside toward towards into via`)

var weekdays = set(`monday tuesday wednesday thursday friday saturday sunday`)

var months = set(`january february march april may june july august september october november december
	jan feb mar apr jun jul aug sep sept oct nov dec`)

var relativeDays = set(`yesterday today tomorrow tonight`)

var periods = set(`week weekend month year morning afternoon evening night spring summer autumn fall winter`)

var periodLeads = set(`last this next past previous coming`)

var numberWords = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"hundred": 100, "hundreds": 100, "thousand": 1e3, "thousands": 1e3, "dozen": 12, "dozens": 12,
	"million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9, "half": 0.5,
}

// multipliers scale the number before them: "2.5 million".
var multipliers = map[string]float64{"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

// units follow a number as a separate word.
var units = set(`percent per cent people persons dead killed injured wounded troops soldiers civilians
	years year months month weeks week days day hours hour minutes km kilometers kilometres miles mile
	meters metres feet tons tonnes dollars euros pounds yen yuan rubles roubles barrels votes seats points
	cases deaths homes families children students workers jobs times`)

// pronouns whose referent is the last person named.
var pronouns = set(`he she they`)

// nameConnectors may stand inside a name between capitalised words.
var nameConnectors = set(`of de del da di al el bin ibn van von der la le du`)

// auxiliaries and adverbs stand between a speaker and the speech verb:
// "Rubio has also indicated".
var auxiliaries = set(`has have had also later then previously again reportedly once earlier
	further is was were will would already publicly repeatedly separately privately recently`)

// according, before "to", reports who said something.
var according = set(`according`)

// invertible verbs may come before their speaker: "said a senior official".
var invertible = set(`said says added adds wrote writes asked warned noted explained told continued`)

// speakerNouns are the nouns of described speakers: "the official said".
var speakerNouns = set(`official officials analyst analysts spokesman spokeswoman spokesperson
	source sources diplomat diplomats expert experts police witness witnesses minister ministry
	government authorities residents observers lawyer lawyers aide aides adviser advisers statement
	report reports media agency officer officers leader leaders critics researchers scientists`)

// IsTitle reports whether a lower-case word is the noun of a title or role.
func IsTitle(w string) bool { return titles[w] }

// IsStatus reports whether a lower-case word changes what a title means:
// "former", "acting", "deputy".
func IsStatus(w string) bool { return statuses[w] }

// IsWeekday reports whether a lower-case word is a day of the week.
func IsWeekday(w string) bool { return weekdays[w] }

// roleSynonyms fold the spellings of one role onto one word.
var roleSynonyms = map[string]string{
	"spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesmen": "spokesperson",
	"chairman": "chair", "chairwoman": "chair", "advisor": "adviser", "lt": "lieutenant",
	"gen": "general", "col": "colonel", "maj": "major", "capt": "captain", "adm": "admiral",
	"sgt": "sergeant", "sen": "senator", "rep": "representative", "gov": "governor", "prof": "professor",
	"dr": "doctor", "rev": "reverend", "congressman": "representative", "congresswoman": "representative",
	"lawmaker": "representative", "premier": "prime minister", "defence": "defense", "ministers": "minister", "presidents": "president",
}

// Role is the canonical form of a title word: "spokesman" and
// "spokeswoman" are both "spokesperson".
func Role(w string) string {
	if r, ok := roleSynonyms[w]; ok {
		return r
	}
	return w
}

// IsTitleModifier reports whether a lower-case word qualifies a title:
// "foreign", "defense", "prime".
func IsTitleModifier(w string) bool { return titleModifiers[w] }

// class is the word lists a word is on, as bits: a word's lists are
// looked up once, when it is scanned, not once a rule.
type class uint32

const (
	clTitle class = 1 << iota
	clStatus
	clTitleModifier
	clTitleAbbreviation
	clSpeechVerb
	clInstitutionNoun
	clInstitutionHead
	clPlaceLead
	clWeekday
	clMonth
	clRelativeDay
	clPeriod
	clPeriodLead
	clUnit
	clPronoun
	clNameConnector
	clAuxiliary
	clInvertible
	clSpeakerNoun
	clAccording
)

var classes = func() map[string]class {
	m := map[string]class{}
	for c, list := range map[class]map[string]bool{
		clTitle:             titles,
		clStatus:            statuses,
		clTitleModifier:     titleModifiers,
		clTitleAbbreviation: titleAbbreviations,
		clSpeechVerb:        speechVerbs,
		clInstitutionNoun:   institutionNouns,
		clInstitutionHead:   institutionHeads,
		clPlaceLead:         placeLeads,
		clWeekday:           weekdays,
		clMonth:             months,
		clRelativeDay:       relativeDays,
		clPeriod:            periods,
		clPeriodLead:        periodLeads,
		clUnit:              units,
		clPronoun:           pronouns,
		clNameConnector:     nameConnectors,
		clAuxiliary:         auxiliaries,
		clInvertible:        invertible,
		clSpeakerNoun:       speakerNouns,
		clAccording:         according,
	} {
		for w := range list {
			m[w] |= c
		}
	}
	return m
}()

// classOf is classes[key]. It is asked of every word of every document
// read, and most words are on no list: a table indexed by a hash of the
// word's length and three of its bytes holds the place of each listed
// word in listedWords, and a word whose slot is empty, most of them, is
// answered by a bit of listedUsed, without reading the word again. Those
// 512 bytes stay in the processor's nearest cache where the table's 8 kB
// are pushed out by the text read, which made the table alone slower
// than a map in a run. The listed words are held as numbers, compared
// in two instructions.
func classOf(key string) class {
	n := len(key)
	if n == 0 || n > maxListed {
		return 0
	}
	i := listedSlot(key)
	if listedUsed[i/64]&(1<<(i%64)) == 0 {
		return 0
	}
	at := listedTable[i]
	lo, hi := pack(key)
	for at != 0 {
		if w := &listedWords[at-1]; w.lo == lo && w.hi == hi && int(w.n) == n {
			return w.cls
		}
		i = (i + 1) & (len(listedTable) - 1)
		at = listedTable[i]
	}
	return 0
}

// maxListed bounds the length of a listed word: pack holds 16 bytes.
const maxListed = 16

// pack returns the bytes of s, of 1 to 16 bytes, as two numbers,
// little-endian, padded with zeros. It reads them in a few overlapping
// loads rather than a byte at a time.
func pack(s string) (lo, hi uint64) {
	n := len(s)
	switch {
	case n >= 8:
		return wordload.Uint64(s, 0), wordload.Uint64(s, n-8) >> (8 * (16 - n))
	case n >= 4:
		return uint64(wordload.Uint32(s, 0)) | uint64(wordload.Uint32(s, n-4))<<(8*(n-4)), 0
	}
	return uint64(s[0]) | uint64(s[n/2])<<(8*(n/2)) | uint64(s[n-1])<<(8*(n-1)), 0
}

// listedSlot is where classOf starts looking for a word, not "".
func listedSlot(key string) int {
	n := len(key)
	x := uint64(n) | uint64(key[0])<<8 | uint64(key[n/2])<<16 | uint64(key[n-1])<<24
	return int((x * 0x9e3779b97f4a7c15) >> (64 - listedBits))
}

// listedBits sizes listedTable: eight slots a listed word, so that most
// words find an empty one at once.
const listedBits = 12

// listedWord is a word of classes, packed (see pack), and its class.
type listedWord struct {
	lo, hi uint64
	n      uint8
	cls    class
}

// listedWords are the words of classes, and listedTable the place of
// each in it, plus one, by listedSlot and then the next free slot; 0 for
// an empty slot. listedUsed has a bit set for each slot not empty.
var listedWords, listedTable, listedUsed = func() ([]listedWord, *[1 << listedBits]uint16, *[1 << listedBits / 64]uint64) {
	keys := make([]string, 0, len(classes))
	for w := range classes {
		if len(w) == 0 || len(w) > maxListed {
			panic("facts: a listed word of " + strconv.Itoa(len(w)) + " bytes: " + w)
		}
		keys = append(keys, w)
	}
	// In order, so that the table is the same in every run.
	slices.Sort(keys)
	words := make([]listedWord, len(keys))
	var table [1 << listedBits]uint16
	var used [1 << listedBits / 64]uint64
	for k, w := range keys {
		lo, hi := pack(w)
		words[k] = listedWord{lo, hi, uint8(len(w)), classes[w]}
		i := listedSlot(w)
		for table[i] != 0 {
			i = (i + 1) & (len(table) - 1)
		}
		table[i] = uint16(k + 1)
		used[i/64] |= 1 << (i % 64)
	}
	return words, &table, &used
}()
