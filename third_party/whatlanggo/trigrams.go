package whatlanggo

type trigram struct {
	trigram string
	count   int
}

// convert punctuations and digits to space.
func toTrigramChar(ch rune) rune {
	if isStopChar(ch) {
		return ' '
	}
	return ch
}

// count returns the text's trigrams and their number of occurrences, as
// upstream. Detection no longer uses it (see profileIndex.distances, which
// walks the text the same way without building strings); it is kept for the
// tests and as documentation of the trigram rules.
func count(input string) map[string]int {
	trigrams := map[string]int{}
	forEachTrigram(input, func(r1, r2, r3 rune) {
		trigrams[string([]rune{r1, r2, r3})]++
	})
	return trigrams
}

// forEachTrigram calls fn for every trigram upstream's count() would count:
// runes are mapped by unicode.ToLower(toTrigramChar(r)), the text is framed
// by one leading and one trailing space, and a trigram is skipped when its
// middle rune is a space next to another space.
func forEachTrigram(input string, fn func(r1, r2, r3 rune)) {
	r1, r2 := rune(' '), rune(' ')
	for _, ch := range input {
		r3 := trigramRune(ch)
		if !(r2 == ' ' && (r1 == ' ' || r3 == ' ')) {
			fn(r1, r2, r3)
		}
		r1, r2 = r2, r3
	}
	if r2 != ' ' {
		fn(r1, r2, ' ')
	}
}
