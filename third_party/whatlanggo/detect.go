package whatlanggo

import (
	"math"
	"unicode"
)

// Detect language and script of the given text.
func Detect(text string) Info {
	return DetectWithOptions(text, Options{})
}

// DetectLang detects only the language by a given text.
func DetectLang(text string) Lang {
	return Detect(text).Lang
}

// DetectLangWithOptions detects only the language of the given text with the provided options.
func DetectLangWithOptions(text string, options Options) Lang {
	return DetectWithOptions(text, options).Lang
}

// DetectWithOptions detects the language and script of the given text with the provided options.
func DetectWithOptions(text string, options Options) Info {
	script := DetectScript(text)
	if script != nil {
		lang, confidence := detectLangBaseOnScript(text, options, script)
		return Info{
			Lang:       lang,
			Script:     script,
			Confidence: confidence,
		}
	}

	return Info{
		Lang:       -1,
		Script:     nil,
		Confidence: 0,
	}
}

func detectLangBaseOnScript(text string, options Options, script *unicode.RangeTable) (Lang, float64) {
	switch script {
	case unicode.Latin:
		return detectLangInProfiles(text, options, latinIndex.get())
	case unicode.Cyrillic:
		return detectLangInProfiles(text, options, cyrillicIndex.get())
	case unicode.Devanagari:
		return detectLangInProfiles(text, options, devanagariIndex.get())
	case unicode.Hebrew:
		return detectLangInProfiles(text, options, hebrewIndex.get())
	case unicode.Ethiopic:
		return detectLangInProfiles(text, options, ethiopicIndex.get())
	case unicode.Arabic:
		return detectLangInProfiles(text, options, arabicIndex.get())
	case unicode.Han:
		return Cmn, 1
	case unicode.Bengali:
		return Ben, 1
	case unicode.Hangul:
		return Kor, 1
	case unicode.Georgian:
		return Kat, 1
	case unicode.Greek:
		return Ell, 1
	case unicode.Kannada:
		return Kan, 1
	case unicode.Tamil:
		return Tam, 1
	case unicode.Thai:
		return Tha, 1
	case unicode.Gujarati:
		return Guj, 1
	case unicode.Gurmukhi:
		return Pan, 1
	case unicode.Telugu:
		return Tel, 1
	case unicode.Malayalam:
		return Mal, 1
	case unicode.Oriya:
		return Ori, 1
	case unicode.Myanmar:
		return Mya, 1
	case unicode.Sinhala:
		return Sin, 1
	case unicode.Khmer:
		return Khm, 1
	case _HiraganaKatakana:
		return Jpn, 1
	default:
		return -1, 0
	}
}

// detectLangInProfiles is upstream's algorithm over a precomputed inverted
// index (see fast.go) instead of a map[string]int of text trigrams probed
// once per profile entry.
//
// Upstream ranges over the profile map (random order) and then
// sort.SliceStable's by distance, so among languages tied for the highest
// distance the winner is random. Here candidates are visited in ascending
// language id, which makes the tie deterministic: the lowest id wins. Ties
// only change the language, never the confidence (equal top scores give
// confidence 0, or -1/0 when the scores are 0).
func detectLangInProfiles(text string, options Options, ix *profileIndex) (Lang, float64) {
	var dist, num [maxProfileLangs]int
	ix.distances(text, &dist, &num)

	candidates := 0
	best, second := -1, -1
	for li, lang := range ix.langs {
		if len(options.Whitelist) != 0 {
			//Skip non-whitelisted languages.
			if _, ok := options.Whitelist[lang]; !ok {
				continue
			}
		} else if len(options.Blacklist) != 0 {
			//skip blacklisted languages.
			if _, ok := options.Blacklist[lang]; ok {
				continue
			}
		}
		candidates++
		// best/second are elements 0 and 1 of upstream's stable sort by
		// descending distance of the candidates in ascending-id order.
		switch d := dist[li]; {
		case best < 0 || d > dist[best]:
			second, best = best, li
		case second < 0 || d > dist[second]:
			second = li
		}
	}

	switch candidates {
	case 0:
		return -1, 0
	case 1:
		return ix.langs[best], 1
	default:
		return calculateConfidence(ix.langs[best], dist[best], num[best], dist[second])
	}
}

// calculateConfidence is upstream's formula, taking the first two entries of
// the sorted distance list as arguments.
func calculateConfidence(lang1 Lang, score1, numTrigrams1, score2 int) (Lang, float64) {
	var confidence float64

	if score1 == 0 {
		// If score1 is 0, score2 is 0 as well, because array is sorted.
		// Therefore there is no language to return.
		return -1, 0
	} else if score2 == 0 {
		// If score2 is 0, return first language, to prevent division by zero in the rate formula.
		// In this case confidence is calculated by another formula.
		// At this point there are two options:
		// * Text contains random characters that accidentally match trigrams of one of the languages
		// * Text really matches one of the languages.
		//
		// Number 500.0 is based on experiments and common sense expectations.
		//
		// NOTE (kept from upstream): score1 is an int, so this is an
		// integer division; confidence is 0 for score1 < 500, else 1.
		confidence = float64((score1) / 500.0)
		if confidence > 1.0 {
			confidence = 1.0
		}
		return lang1, confidence
	}

	rate := float64((score1 - score2)) / float64(score2)
	// Hyperbola function. Everything that is above the function has confidence = 1.0
	// If rate is below, confidence is calculated proportionally.
	// Numbers 12.0 and 0.05 are obtained experimentally, so the function represents common sense.

	confidentRate := float64(12.0/float64(numTrigrams1)) + 0.05
	if rate > confidentRate {
		confidence = 1.0
	} else {
		confidence = rate / confidentRate
	}
	confidence = math.Round(confidence*100) / 100
	return lang1, confidence
}
