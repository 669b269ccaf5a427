package whatlanggo

// A straightforward copy of upstream's detection algorithm
// (github.com/RadhiFadlillah/whatlanggo v0.0.0-20240916001553-aac1f0f737fc:
// detect.go, script.go, trigrams.go, utils.go), used as the oracle for the
// fast paths. Only names are prefixed with "ref", and refDetectWithOptions
// also returns the sorted distance list so that tests can recognise ties
// (upstream breaks them by random map iteration order). It shares only the
// profile data (latinLangs, ...) and _HiraganaKatakana with the package.

import (
	"math"
	"sort"
	"unicode"
)

type refLangDistance struct {
	lang        Lang
	dist        int
	numTrigrams int
}

func refDetectWithOptions(text string, options Options) (Info, []refLangDistance) {
	script := refDetectScript(text)
	if script != nil {
		lang, confidence, dists := refDetectLangBaseOnScript(text, options, script)
		return Info{
			Lang:       lang,
			Script:     script,
			Confidence: confidence,
		}, dists
	}

	return Info{
		Lang:       -1,
		Script:     nil,
		Confidence: 0,
	}, nil
}

func refDetectLangBaseOnScript(text string, options Options, script *unicode.RangeTable) (Lang, float64, []refLangDistance) {
	switch script {
	case unicode.Latin:
		return refDetectLangInProfiles(text, options, latinLangs)
	case unicode.Cyrillic:
		return refDetectLangInProfiles(text, options, cyrillicLangs)
	case unicode.Devanagari:
		return refDetectLangInProfiles(text, options, devanagariLangs)
	case unicode.Hebrew:
		return refDetectLangInProfiles(text, options, hebrewLangs)
	case unicode.Ethiopic:
		return refDetectLangInProfiles(text, options, ethiopicLangs)
	case unicode.Arabic:
		return refDetectLangInProfiles(text, options, arabicLangs)
	case unicode.Han:
		return Cmn, 1, nil
	case unicode.Bengali:
		return Ben, 1, nil
	case unicode.Hangul:
		return Kor, 1, nil
	case unicode.Georgian:
		return Kat, 1, nil
	case unicode.Greek:
		return Ell, 1, nil
	case unicode.Kannada:
		return Kan, 1, nil
	case unicode.Tamil:
		return Tam, 1, nil
	case unicode.Thai:
		return Tha, 1, nil
	case unicode.Gujarati:
		return Guj, 1, nil
	case unicode.Gurmukhi:
		return Pan, 1, nil
	case unicode.Telugu:
		return Tel, 1, nil
	case unicode.Malayalam:
		return Mal, 1, nil
	case unicode.Oriya:
		return Ori, 1, nil
	case unicode.Myanmar:
		return Mya, 1, nil
	case unicode.Sinhala:
		return Sin, 1, nil
	case unicode.Khmer:
		return Khm, 1, nil
	case _HiraganaKatakana:
		return Jpn, 1, nil
	default:
		return -1, 0, nil
	}
}

func refDetectLangInProfiles(text string, options Options, langProfileList langProfileList) (Lang, float64, []refLangDistance) {
	trigramWeights := refCount(text)
	langDistances := []refLangDistance{}

	for lang, langTrigrams := range langProfileList {
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
		dist, numberTrigrams := refCalculateDistance(langTrigrams, trigramWeights)
		langDistances = append(langDistances, refLangDistance{lang, dist, numberTrigrams})
	}

	switch len(langDistances) {
	case 0:
		return -1, 0, langDistances
	case 1:
		return langDistances[0].lang, 1, langDistances
	default:
		lang, conf := refCalculateConfidence(langDistances)
		return lang, conf, langDistances
	}
}

func refCalculateConfidence(langDistances []refLangDistance) (Lang, float64) {
	sort.SliceStable(langDistances, func(i, j int) bool {
		return langDistances[i].dist > langDistances[j].dist
	})

	langDist1 := langDistances[0]
	langDist2 := langDistances[1]
	score1 := langDist1.dist
	score2 := langDist2.dist

	var confidence float64

	if score1 == 0 {
		return -1, 0
	} else if score2 == 0 {
		confidence = float64((score1) / 500.0)
		if confidence > 1.0 {
			confidence = 1.0
		}
		return langDist1.lang, confidence
	}

	rate := float64((score1 - score2)) / float64(score2)
	confidentRate := float64(12.0/float64(langDist1.numTrigrams)) + 0.05
	if rate > confidentRate {
		confidence = 1.0
	} else {
		confidence = rate / confidentRate
	}
	confidence = math.Round(confidence*100) / 100
	return langDist1.lang, confidence
}

func refCalculateDistance(langTrigrams []string, textTrigramsWeights map[string]int) (totalDist, numberTrigrams int) {
	for i, trigram := range langTrigrams {
		if textTrigramsWeights[trigram] > 0 {
			numberTrigrams++
			totalDist += (maxTrigramDistance - i) * textTrigramsWeights[trigram]
		}
	}
	return totalDist, numberTrigrams
}

// --- trigrams.go

func refToTrigramChar(ch rune) rune {
	if refIsStopChar(ch) {
		return ' '
	}
	return ch
}

func refCount(input string) map[string]int {
	// Convert input runes to lower
	inputRunes := []rune(input)
	nInputRunes := len(inputRunes)

	runes := make([]rune, nInputRunes+1)
	for i, ir := range inputRunes {
		runes[i] = unicode.ToLower(refToTrigramChar(ir))
	}
	runes[nInputRunes] = ' ' // put space as the last rune

	var r1, r2, r3 rune
	trigrams := map[string]int{}

	r1, r2 = ' ', runes[0]
	for i := 1; i < len(runes); i++ {
		r3 = runes[i]
		if !(r2 == ' ' && (r1 == ' ' || r3 == ' ')) {
			trigram := []rune{r1, r2, r3}
			strTrigram := string(trigram)

			if trigrams[strTrigram] == 0 {
				trigrams[strTrigram] = 1
			} else {
				trigrams[strTrigram]++
			}
		}
		r1 = r2
		r2 = r3
	}
	return trigrams
}

// --- utils.go

func refIsStopChar(r rune) bool {
	if unicode.IsSymbol(r) || unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsDigit(r) {
		return true
	}
	return false
}

// --- script.go

type refScriptCounter struct {
	checkFunc func(r rune) bool
	script    *unicode.RangeTable
	count     int
}

func refIs(t *unicode.RangeTable) func(rune) bool {
	return func(r rune) bool { return unicode.Is(t, r) }
}

func refDetectScript(text string) *unicode.RangeTable {
	halfLen := len(text) / 2

	scriptCounter := []refScriptCounter{
		{refIs(unicode.Latin), unicode.Latin, 0},
		{refIs(unicode.Cyrillic), unicode.Cyrillic, 0},
		{refIs(unicode.Arabic), unicode.Arabic, 0},
		{refIs(unicode.Devanagari), unicode.Devanagari, 0},
		{refIs(_HiraganaKatakana), _HiraganaKatakana, 0},
		{refIs(unicode.Ethiopic), unicode.Ethiopic, 0},
		{refIs(unicode.Hebrew), unicode.Hebrew, 0},
		{refIs(unicode.Bengali), unicode.Bengali, 0},
		{refIs(unicode.Georgian), unicode.Georgian, 0},
		{refIs(unicode.Han), unicode.Han, 0},
		{refIs(unicode.Hangul), unicode.Hangul, 0},
		{refIs(unicode.Greek), unicode.Greek, 0},
		{refIs(unicode.Kannada), unicode.Kannada, 0},
		{refIs(unicode.Tamil), unicode.Tamil, 0},
		{refIs(unicode.Thai), unicode.Thai, 0},
		{refIs(unicode.Gujarati), unicode.Gujarati, 0},
		{refIs(unicode.Gurmukhi), unicode.Gurmukhi, 0},
		{refIs(unicode.Telugu), unicode.Telugu, 0},
		{refIs(unicode.Malayalam), unicode.Malayalam, 0},
		{refIs(unicode.Oriya), unicode.Oriya, 0},
		{refIs(unicode.Myanmar), unicode.Myanmar, 0},
		{refIs(unicode.Sinhala), unicode.Sinhala, 0},
		{refIs(unicode.Khmer), unicode.Khmer, 0},
	}

	for _, ch := range text {
		if refIsStopChar(ch) {
			continue
		}

		for i, sc := range scriptCounter {
			if sc.checkFunc(ch) {
				scriptCounter[i].count++
				if scriptCounter[i].count > halfLen {
					return sc.script
				}

				//if script is found, move it closer to the front so that it be checked first.
				if i > 0 {
					scriptCounter[i], scriptCounter[i-1] = scriptCounter[i-1], scriptCounter[i]
				}
			}
		}
	}

	//find the script that occurs the most in the text and return it.
	jpCount := 0
	max := 0
	maxScript := &unicode.RangeTable{}
	for _, script := range scriptCounter {
		if script.count > max {
			max = script.count
			maxScript = script.script
			if script.script == _HiraganaKatakana {
				jpCount = max
			}
		}
	}

	switch {
	case max == 0:
		return nil
	case max != 0 && (maxScript == unicode.Han && jpCount > 0):
		return _HiraganaKatakana
	default:
		return maxScript
	}
}
