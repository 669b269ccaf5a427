package corpusgen

import (
	"strconv"
	"strings"
	"time"
	"unicode"
)

// sites are the synthetic publishers: every place with every masthead,
// 480 host names such as "harbourtonherald.com". Built once, never
// mutated.
var sites = func() []string {
	places := strings.Fields(`ashford bramley carrow dunmore eastvale fairhaven glenmoor harbourton
		ivybridge kestrel lindow marlow northgate oakham pendle quarry redcliff saltash thornbury
		upland valemount westbury yarrow zennor brookfield cedarton dovercourt elmstead foxley
		greywater hollins inchmore juniper kingsway lakeside millbrook newhaven orchard pinewood riverside`)
	mastheads := strings.Fields("herald tribune gazette post times chronicle observer dispatch ledger courier journal wire")
	tlds := []string{".com", ".com", ".net", ".org", ".news", ".co.uk"}
	out := make([]string, 0, len(places)*len(mastheads))
	for i, p := range places {
		for j, m := range mastheads {
			out = append(out, p+m+tlds[(i*7+j*3)%len(tlds)])
		}
	}
	return out
}()

// articleURL is https://SITE/YYYY/MM/DD/slug-NUMBER: the slug from the
// title's first words, the number because real sites add one and it keeps
// two articles with one headline apart.
func articleURL(site string, pub time.Time, title string, number int) string {
	var b strings.Builder
	b.WriteString("https://")
	b.WriteString(site)
	b.WriteString(pub.Format("/2006/01/02/"))
	words := 0
	for w := range strings.FieldsFuncSeq(strings.ToLower(title), func(r rune) bool {
		return !(r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)))
	}) {
		if words == 8 {
			break
		}
		b.WriteString(w)
		b.WriteByte('-')
		words++
	}
	b.WriteString(strconv.Itoa(number))
	return b.String()
}
