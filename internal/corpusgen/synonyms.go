package corpusgen

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
)

// synonymTable is what a spinning tool does to news copy: common words and
// phrases swapped for near-synonyms, often clumsily. Each line is
// "phrase = alternative | alternative". Phrases are matched on lower-case
// words, longest first; names and numbers are never in the table, because
// rewriters keep the facts. Words whose part of speech is ambiguous in a way
// that would wreck most sentences ("show", "win", "lead") are left out.
const synonymTable = `
said = stated | noted | explained | remarked
says = states | notes | explains
say = state | claim
said on = stated on | announced on
told = informed
told reporters = informed journalists | explained to reporters
told the = informed the
announced = revealed | declared | unveiled
announce = reveal | declare
added = continued | went on to say
claimed = alleged | asserted
claims = allegations | assertions
warned = cautioned | alerted
warning = caution | alert
urged = called on | pressed
asked = requested | questioned
reported = indicated | disclosed
confirmed = verified | acknowledged
denied = rejected | disputed
admitted = conceded | acknowledged
refused = declined
agreed = consented | concurred
agreed to = consented to | accepted to
described = characterized | portrayed
explained = clarified | detailed
insisted = maintained | stressed
suggested = proposed | hinted
believed = thought | considered
believe = think | reckon
think = believe | reckon
thinks = believes | reckons
thought = believed | reckoned
want = wish | desire
wanted = wished | desired
wants = wishes | desires
need = require
needs = requires
needed = required
try = attempt
tried = attempted
trying = attempting
use = utilize
used = utilized | employed
using = utilizing | employing
allow = permit
allowed = permitted
allows = permits
help = aid | assist
helped = aided | assisted
helping = aiding | assisting
buy = purchase | acquire
bought = purchased | acquired
sold = offloaded | sold off
increase = rise | boost
increased = climbed | went up
rose = climbed | went up
fell = dropped | slipped
dropped = declined | slid
decline = drop | fall
raise = boost | lift
raised = boosted | lifted
reduce = cut | lower
reduced = lowered | trimmed
won = secured | clinched
defeated = beat | overcame
began = started | commenced
begin = start | commence
started = commenced | kicked off
ended = concluded | finished
continue = carry on | go on
continued = carried on | persisted
continues = carries on | persists
received = got | obtained
receive = get | obtain
gave = handed | provided
give = provide | hand
get = obtain | receive
got = obtained | received
found = discovered | uncovered
find = discover | uncover
showed = demonstrated | revealed
shows = demonstrates | reveals
happened = occurred | took place
occurred = happened | took place
took place = happened | occurred
included = featured | comprised
includes = features | comprises
including = among them | such as
involved = implicated | engaged
involving = concerning | regarding
provide = supply | offer
provided = supplied | offered
offered = provided | extended
prevent = stop | avert
protect = safeguard | shield
build = construct | erect
built = constructed | erected
create = establish | form
created = established | formed
closed = shut | shut down
struck = hit | slammed
caused = triggered | sparked
led to = resulted in | brought about
returned to = went back to | came back to
moved = shifted | relocated
decided = chose | opted
decide = choose | opt
discussed = talked about | went over
discuss = talk about | go over
considered = weighed | regarded
looking for = searching for | seeking
searching = hunting | looking
faced = confronted | encountered
visited = toured | went to
met with = held talks with | sat down with
remain = stay
remained = stayed
became = turned into | grew into
become = turn into | grow into
seemed = appeared
seems = appears
expected = anticipated | predicted
expected to = set to | anticipated to | poised to
expects = anticipates | predicts
plans to = intends to | aims to
planned = intended | scheduled
hopes to = aims to | wishes to
set to = poised to | due to
going to = about to | set to
able to = capable of | in a position to
has been = had been | was
have been = had been | were
will be = is going to be | is set to be
could be = may be | might be
would be = might be | could be
was killed = died | lost their life
were killed = died | lost their lives
killed = slain | left dead
died = passed away | perished
death = demise | passing
deaths = fatalities | losses
injured = hurt | wounded
arrested = detained | taken into custody
charged with = accused of | indicted for
sentenced = jailed | condemned
destroyed = demolished | wrecked
damaged = harmed | wrecked
rescued = saved | pulled out
released = issued | put out
launched = rolled out | introduced
signed = inked | put pen to
fired = dismissed | let go
hired = recruited | brought in
resigned = stepped down | quit
elected = voted in | chosen
government = administration | authorities
governments = administrations | authorities
officials = authorities | representatives
authorities = officials | the powers that be
meeting = talks | session
meetings = talks | sessions
people = individuals | persons
person = individual
children = kids | youngsters
child = kid | youngster
man = male | guy
men = males | guys
woman = lady | female
women = ladies | females
police = law enforcement | officers
officers = officials | agents
company = firm | business
companies = firms | businesses
firm = company | business
business = company | enterprise
country = nation
countries = nations
city = town | municipality
town = city | community
area = region | zone
areas = regions | zones
region = area | zone
world = globe | planet
family = household | relatives
families = households | relatives
friends = pals | acquaintances
president = head of state | leader
leader = chief | head
leaders = chiefs | heads
member = participant | associate
members = participants | associates
group = organization | body
groups = organizations | bodies
statement = declaration | release
news = information | reports
media = press
reporters = journalists | correspondents
journalists = reporters | correspondents
interview = conversation | chat
spokesman = representative | spokesperson
spokeswoman = representative | spokesperson
problem = issue | difficulty
problems = issues | difficulties
issue = matter | question
issues = matters | questions
decision = ruling | choice
plan = proposal | scheme
plans = proposals | schemes
effort = attempt | push
efforts = attempts | endeavors
change = shift | alteration
changes = shifts | alterations
changed = altered | modified
money = funds | cash
costs = expenses | outlays
price = cost
prices = costs | rates
job = position | role
jobs = positions | roles
house = home | residence
homes = houses | residences
building = structure | edifice
buildings = structures | edifices
car = vehicle | automobile
cars = vehicles | automobiles
street = road | avenue
attack = assault | strike
attacks = assaults | strikes
soldiers = troops | servicemen
troops = soldiers | forces
forces = troops | units
fighting = combat | clashes
war = conflict | hostilities
weapons = arms | weaponry
bomb = explosive | device
explosion = blast | detonation
blast = explosion | detonation
victims = those affected | casualties
residents = locals | inhabitants
damage = destruction | harm
earthquake = quake | tremor
quake = earthquake | tremor
fire = blaze | flames
storm = tempest | weather system
crime = offense | wrongdoing
prison = jail | lockup
jail = prison | custody
lawyer = attorney | counsel
attorney = lawyer | counsel
charges = accusations | counts
evidence = proof | testimony
case = matter | affair
law = legislation | statute
laws = regulations | statutes
bill = measure | legislation
rules = regulations | guidelines
agency = body | organization
investigation = probe | inquiry
investigators = detectives | inspectors
trial = court case | hearing
court = tribunal | bench
judge = justice | magistrate
election = vote | poll
elections = votes | polls
vote = ballot
campaign = drive | bid
candidate = contender | hopeful
support = backing | endorsement
supporters = backers | followers
opposition = resistance | dissent
crisis = emergency | turmoil
economy = economic system | markets
market = marketplace | sector
shares = stocks | equities
profit = earnings | gains
profits = earnings | gains
revenue = sales | income
sales = revenue | turnover
growth = expansion | rise
rate = level | pace
deal = agreement | pact
contract = agreement | deal
team = squad | side
teams = squads | sides
game = match | contest
games = matches | contests
season = campaign | term
player = athlete | competitor
players = athletes | competitors
coach = manager | trainer
fans = supporters | followers
victory = win | triumph
phone = handset | device
phones = handsets | devices
device = gadget | unit
devices = gadgets | units
customers = clients | consumers
users = customers | subscribers
product = offering | item
products = offerings | items
service = offering | facility
services = offerings | facilities
doctors = physicians | medics
doctor = physician | medic
hospital = medical center | clinic
treatment = care | therapy
illness = sickness | disease
disease = illness | condition
rehab = rehabilitation | treatment
researchers = scientists | academics
scientists = researchers | experts
experts = specialists | analysts
study = analysis | survey
film = movie | picture
movie = film | picture
actor = performer | star
actress = performer | star
role = part | character
award = prize | honor
awards = prizes | honors
singer = vocalist | performer
album = record | release
song = track | tune
songs = tracks | tunes
concert = gig | performance
event = occasion | affair
events = occasions | happenings
program = scheme | initiative
project = venture | undertaking
system = network | setup
report = account | document
record = tally | figure
series = string | run
number of = count of | total of
a number of = several | various
a lot of = plenty of | lots of
according to = as stated by | per
in addition = additionally | furthermore
as well as = along with | and also
in order to = to | so as to
at the time = back then | then
in the past = previously | historically
in the future = going forward | down the road
so far = thus far | to date
as a result = consequently | therefore
at the same time = simultaneously | meanwhile
in recent years = lately | over recent years
due to = because of | owing to
because of = due to | owing to
such as = like | including
in the wake of = following | after
more than = over | in excess of
less than = under | below
at least = no fewer than | a minimum of
last year = the previous year | a year ago
last week = the previous week | a week ago
last month = the previous month | a month ago
this year = this calendar year | in the current year
next year = the coming year | the following year
next week = the coming week | the following week
earlier this = previously this | sooner this
for the first time = in a first | for the very first time
because = since | as
however = nevertheless | still
but = yet | though
also = additionally | likewise
after = following | subsequent to
before = prior to | ahead of
during = throughout | in the course of
while = whereas | even as
although = though | even though
near = close to | next to
several = a number of | various
many = numerous | a lot of
big = large | major
large = big | sizable
small = little | minor
new = fresh | latest
first = initial | earliest
last = previous | final
important = significant | key
major = significant | big
good = fine | solid
bad = poor | terrible
difficult = tough | challenging
serious = grave | severe
huge = massive | enormous
strong = powerful | robust
main = primary | principal
top = leading | senior
local = regional | area
international = global | worldwide
quickly = rapidly | swiftly
recently = lately | in recent times
currently = presently | at present
now = currently | at this point
again = once more | once again
only = just | merely
very = extremely | highly
really = truly | genuinely
often = frequently | regularly
usually = typically | normally
later = subsequently | afterwards
soon = shortly | before long
immediately = right away | at once
finally = ultimately | eventually
eventually = in the end | ultimately
nearly = almost | close to
almost = nearly | practically
approximately = around | roughly
roughly = about | around
about = around | roughly
around = about | roughly
whether = if
still = yet | even now
already = previously | by now
just = only | merely
other = additional | further
others = other people | the rest
some = certain | a few
each = every
every = each
and = as well as | and also | plus
did not = didn't | failed to
do not = don't
does not = doesn't
is not = isn't
are not = aren't
was not = wasn't
were not = weren't
has not = hasn't
have not = haven't
had not = hadn't
will not = won't
would not = wouldn't
could not = couldn't
should not = shouldn't
cannot = can't | is unable to
didn't = did not
don't = do not
doesn't = does not
isn't = is not
aren't = are not
wasn't = was not
weren't = were not
hasn't = has not
haven't = have not
won't = will not
wouldn't = would not
couldn't = could not
can't = cannot
it's = it is
that's = that is
there's = there is
they're = they are
you're = you are
it is = it's
that is = that's
there is = there's
they are = they're
he is = he's
she is = she's
we are = we're
you are = you're
was = had been
were = had been
will = shall
can = could
could = might
may = might
might = may
should = ought to
must = should
has to = must | needs to
have to = must | need to
had to = needed to | was forced to
this = that
these = those
those = these
one of the = among the
when = once | as
through = via | by way of
know = realize | understand
another = one more | an additional
between = among
called = named | dubbed
shooting = gunfire | shooting incident
online = on the internet | on the web
never = not once | at no point
percent = per cent
better = superior | stronger
same = identical
best = finest | greatest
came = arrived | showed up
though = although
things = matters | items
scene = site | location
saw = witnessed | observed
fight = battle | struggle
information = details | data
murder = killing | homicide
feel = sense
went = headed | traveled
until = till | up until
across = throughout | all over
different = distinct | various
ago = back | earlier
making = creating | producing
keep = maintain | retain
possible = feasible | conceivable
story = account | tale
saying = stating | noting
great = tremendous | excellent
wrote = penned | authored
always = consistently | invariably
killing = slaying
gun = firearm | weapon
potential = possible | prospective
current = present | existing
fact = reality | truth
full = complete | entire
vehicle = car | automobile
inside = within
industry = sector | trade
further = additional | more
risk = danger | threat
community = neighborhood | locality
within = inside
available = accessible | obtainable
young = youthful
key = crucial | vital
history = past | record
process = procedure | method
someone = somebody
protesters = demonstrators | activists
center = centre
defense = defence
organization = organisation
color = colour
favorite = favourite
tariffs = duties | levies
global = worldwide | international
employees = staff | workers
workers = employees | staff
instead = rather
reason = cause | motive
security = safety | protection
sure = certain | confident
conference = summit | gathering
similar = comparable | alike
success = achievement | triumph
whole = entire | complete
clear = evident | obvious
recent = latest | new
data = figures | statistics
chance = opportunity | possibility
previous = prior | earlier
final = last | concluding
probably = likely | most likely
protests = demonstrations | rallies
store = shop | outlet
mission = operation | task
streets = roads | avenues
convicted = found guilty
failed to = did not manage to | could not
facility = site | plant
violence = bloodshed | unrest
despite = in spite of | notwithstanding
easy = simple | straightforward
threatened = menaced | warned
amount = quantity | sum
published = issued | put out
effect = impact | result
measures = steps | actions
latest = newest | most recent
suffered = sustained | endured
additional = extra | further
responded = replied | reacted
stopped = halted | ceased
results = outcomes | findings
witnesses = bystanders | onlookers
sent = dispatched | sent out
reached = arrived at | got to
idea = notion | concept
details = specifics | particulars
certainly = definitely | surely
incident = episode | event
situation = circumstances | state of affairs
technology = tech
crowd = throng | gathering
particularly = especially | notably
largest = biggest | greatest
understand = grasp | comprehend
everyone = everybody
everybody = everyone
negotiations = talks | discussions
talks = negotiations | discussions
began to = started to | commenced to
start to = begin to
according to police = police said
in a statement = in a release | in remarks
on the scene = at the site | at the location
at the scene = at the site | on site
in critical condition = critically ill
in the meantime = meanwhile | in the interim
take part = participate | join in
took part = participated | joined in
a few = several | some
all of = each of | the whole of
as well = too | also
even though = although | despite the fact that
in fact = indeed | actually
kind of = sort of | type of
lots of = plenty of | many
on top of = in addition to | besides
prior to = before | ahead of
rather than = instead of
so that = in order that | so
whether or not = whether
up to = as many as | as much as
each other = one another
one another = each other
around the world = across the globe | worldwide
all over = throughout | everywhere in
that the = the
that a = a
that he = he
that she = she
that it = it
that they = they
that we = we
that there = there
that his = his
that this = this
which = that
two = 2
three = 3
four = 4
five = 5
six = 6
seven = 7
eight = 8
nine = 9
ten = 10
seen = observed | witnessed
getting = obtaining | receiving
coming = arriving | approaching
behind = in back of
political = governmental
endangered = threatened | imperiled
policy = strategy | approach
action = measure | step
future = years ahead | time to come
officer = cop | policeman
source = origin
earlier = previously | before
following = after | in the wake of
hearing = session | proceeding
performance = showing | display
health = well-being | wellness
pollution = contamination | emissions
control = command | authority
focus = emphasis | attention
doing = performing | carrying out
gang = band | crew
review = assessment | evaluation
projects = ventures | undertakings
comes = arrives | shows up
design = layout | style
experience = background | know-how
door = entrance | doorway
spent = expended | used
felt = sensed | believed
regulations = rules | guidelines
audience = viewers | crowd
agent = representative | broker
points = details | aspects
means = signifies | implies
jury = panel | jurors
longer = lengthier
based = founded | grounded
direct = straight | immediate
worked = labored | toiled
total = overall | combined
career = profession | working life
quality = standard | caliber
escape = getaway | flight
approach = method | strategy
loss = defeat | setback
production = output | manufacturing
forward = ahead | onward
bring = carry | deliver
custody = detention | confinement
attention = notice | focus
toward = towards
towards = toward
sources = insiders | informants
declined = refused | turned down
manager = boss | supervisor
level = degree | extent
safety = security | protection
friend = pal | companion
space = room | area
required = needed | necessary
management = leadership | administration
followed = came after | trailed
solution = answer | fix
anyone = anybody
stay = remain
range = span | array
broke = smashed | shattered
paid = compensated | remunerated
question = query | inquiry
questions = queries | inquiries
together = jointly | side by side
version = edition | variant
brought = carried | delivered
real = genuine | actual
feeling = sensation | emotion
single = sole | lone
annual = yearly
result = outcome | consequence
visit = trip | stop
listed = named | cited
larger = bigger
staff = personnel | employees
couple = pair
harm = damage | injury
tell = inform
gone = departed | vanished
cases = instances | incidents
appears = seems
include = encompass | cover
holding = keeping | clutching
equipment = gear | kit
message = note | communication
heard = listened to | caught
order = command | directive
comment = remark
giving = offering | handing
spending = expenditure | outlays
businesses = companies | firms
initial = first | original
physical = bodily
goods = merchandise | products
medical = health | clinical
animals = creatures | beasts
talk = speak | chat
arrest = detention | apprehension
popular = well-liked | widely liked
concerns = worries | fears
systems = networks | setups
value = worth | importance
voters = the electorate | constituents
original = initial | first
entire = whole | full
ready = prepared | set
focused = concentrated | centered
site = location | spot
identified = named | recognized
powerful = strong | potent
attacked = assaulted | struck
pulled = dragged | tugged
looks = appears | seems
regular = routine | normal
looked = appeared | seemed
employee = worker | staff member
wrong = incorrect | mistaken
multiple = numerous | several
completely = entirely | totally
avoid = steer clear of | sidestep
champion = titleholder | winner
strategy = plan | approach
decisions = rulings | choices
impact = effect | influence
nearby = close by | neighbouring
goal = aim | objective
ability = capacity | capability
symptoms = signs | indications
happy = glad | pleased
expect = anticipate | predict
attempt = effort | bid
improve = enhance | boost
testimony = evidence | account
response = reaction | reply
ensure = make sure | guarantee
successful = effective | fruitful
learned = discovered | found out
spread = spread out | extended
accident = crash | mishap
private = personal | confidential
happen = occur | take place
choice = option | selection
standard = normal | typical
apparently = seemingly | evidently
investigate = probe | look into
necessary = essential | required
written = penned | authored
victim = casualty | sufferer
save = rescue | preserve
highly = very | extremely
actually = in fact | really
adding = including | noting
committed = dedicated | devoted
below = beneath | under
improved = enhanced | upgraded
recovered = regained | retrieved
speak = talk
spoke = talked
speaking = talking
talking = speaking
showed up = arrived | turned up
kept = retained | maintained
told police = informed police | told officers
in the = within the | inside the
on the = upon the
one of = among
is a = remains a | is one
there are = there exist
there were = there existed
`

// synEntry is one phrase of the table and what may replace it.
type synEntry struct {
	from []string
	to   [][]string
}

// synonyms indexes the table by a phrase's first word, longest phrases
// first so that "more than" wins over "more". Built once, never mutated.
var synonyms = func() map[string][]synEntry {
	idx := map[string][]synEntry{}
	for line := range strings.SplitSeq(synonymTable, "\n") {
		from, to, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		e := synEntry{from: strings.Fields(from)}
		for alt := range strings.SplitSeq(to, "|") {
			if f := strings.Fields(alt); len(f) > 0 {
				e.to = append(e.to, f)
			}
		}
		idx[e.from[0]] = append(idx[e.from[0]], e)
		// Copy styled with typographic apostrophes ("didn’t") matches too.
		if strings.Contains(from, "'") {
			curly := synEntry{from: strings.Fields(strings.ReplaceAll(from, "'", "’")), to: e.to}
			idx[curly.from[0]] = append(idx[curly.from[0]], curly)
		}
	}
	for _, es := range idx {
		slices.SortStableFunc(es, func(a, b synEntry) int { return cmp.Compare(len(b.from), len(a.from)) })
	}
	return idx
}()

// synonymize replaces table phrases in ws, each match with probability
// prob, at most limit times (limit < 0: no limit). A capitalised word is
// only matched as a sentence's first word, and not when names holds it:
// elsewhere, or when the text uses it as a name, it is one ("Bill",
// "Jobs"). Punctuation around the phrase is kept around its replacement.
// It returns the new words and the number of replacements.
func synonymize(r *rand.Rand, ws []word, prob float64, limit int, names map[string]bool) ([]word, int) {
	return appendSynonyms(make([]word, 0, len(ws)+4), r, ws, prob, limit, names)
}

// appendSynonyms is synonymize appending to out, which must not share
// memory with ws.
func appendSynonyms(out []word, r *rand.Rand, ws []word, prob float64, limit int, names map[string]bool) ([]word, int) {
	n := 0
	for i := 0; i < len(ws); {
		if limit >= 0 && n >= limit {
			out = append(out, ws[i:]...)
			break
		}
		e, k := matchSynonym(ws, i, names)
		if k == 0 || r.Float64() >= prob {
			out = append(out, ws[i])
			i++
			continue
		}
		alt := e.to[r.IntN(len(e.to))]
		capital := isCap(ws[i].core)
		// "a goal" becomes "an objective", not "a objective".
		if last := len(out) - 1; last >= 0 && out[last].trail == "" {
			switch out[last].core {
			case "a", "an", "A", "An":
				article := "a"
				if strings.ContainsRune("aeiou", rune(alt[0][0])) {
					article = "an"
				}
				if isCap(out[last].core) {
					article = upperFirst(article)
				}
				out[last].core = article
			}
		}
		for j, a := range alt {
			w := word{core: a}
			if j == 0 {
				w.lead = ws[i].lead
				if capital {
					w.core = upperFirst(w.core)
				}
			}
			if j == len(alt)-1 {
				w.trail = ws[i+k-1].trail
			}
			out = append(out, w)
		}
		n++
		i += k
	}
	return out, n
}

// matchSynonym finds the longest table phrase starting at ws[i]: its entry
// and length in words, or 0.
func matchSynonym(ws []word, i int, names map[string]bool) (synEntry, int) {
	w := ws[i]
	if w.core == "" || isCap(w.core) && (i > 0 || names[w.core]) {
		return synEntry{}, 0
	}
	key := w.core
	if isCap(key) {
		key = lowerFirst(key)
	}
	for _, e := range synonyms[key] {
		k := len(e.from)
		if i+k > len(ws) {
			continue
		}
		ok := true
		for j := 1; j < k && ok; j++ {
			// inner words must be bare: "said, on" is not "said on"
			ok = ws[i+j-1].trail == "" && ws[i+j].lead == "" && ws[i+j].core == e.from[j]
		}
		if ok {
			return e, k
		}
	}
	return synEntry{}, 0
}
