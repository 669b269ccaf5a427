package whatlanggo

import (
	"unicode"
	"unicode/utf8"
)

// Scripts is the set of Unicode script tables.
var Scripts = map[*unicode.RangeTable]string{
	unicode.Arabic:     "Arabic",
	unicode.Bengali:    "Bengali",
	unicode.Cyrillic:   "Cyrillic",
	unicode.Ethiopic:   "Ethiopic",
	unicode.Devanagari: "Devanagari",
	unicode.Han:        "Han",
	unicode.Georgian:   "Georgian",
	unicode.Greek:      "Greek",
	unicode.Gujarati:   "Gujarati",
	unicode.Gurmukhi:   "Gurmukhi",
	unicode.Hangul:     "Hangul",
	unicode.Hebrew:     "Hebrew",
	unicode.Hiragana:   "Hiragana",
	unicode.Kannada:    "Kannada",
	unicode.Katakana:   "Katakana",
	unicode.Khmer:      "Khmer",
	unicode.Latin:      "Latin",
	unicode.Malayalam:  "Malayalam",
	unicode.Myanmar:    "Myanmar",
	unicode.Oriya:      "Oriya",
	unicode.Sinhala:    "Sinhala",
	unicode.Tamil:      "Tamil",
	unicode.Telugu:     "Telugu",
	unicode.Thai:       "Thai",
}

// DetectScript returns only the script of the given text.
//
// Same algorithm as upstream: count, per script, the non-stop runes accepted
// by its checker, return a script as soon as its count exceeds half the
// text's byte length, move a script one place forward each time it matches
// (this order decides ties below), and finally return the first script in
// that order with the highest count (Hiragana/Katakana if Han wins after
// kana had been the leader). The per-rune checks come from the rune page
// cache in fast.go instead of calling up to 27 unicode.Is* per rune.
func DetectScript(text string) *unicode.RangeTable {
	halfLen := len(text) / 2

	var counts [numScripts]int  // by script index (scriptTables)
	var order [numScripts]uint8 // order[i]: script at position i
	var pos [numScripts]uint8   // pos[k]: position of script k
	for k := range order {
		order[k] = uint8(k)
		pos[k] = uint8(k)
	}

	for _, ch := range text {
		var cls uint8
		if ch < utf8.RuneSelf {
			cls = page0.cls[ch]
		} else {
			cls = pageOf(ch).cls[ch&0xff]
		}

		switch {
		case cls == clsNone || cls == clsStop:
			continue
		case cls >= clsScript0:
			k := cls - clsScript0
			counts[k]++
			if counts[k] > halfLen {
				return scriptTables[k]
			}
			//if script is found, move it closer to the front so that it be checked first.
			if i := pos[k]; i > 0 {
				j := order[i-1]
				order[i-1], order[i] = k, j
				pos[k], pos[j] = i-1, i
			}
		default: // clsMulti: upstream's loop, one checker at a time
			m := scriptMask(ch)
			for i := 0; i < numScripts; i++ {
				k := order[i]
				if m&(1<<k) == 0 {
					continue
				}
				counts[k]++
				if counts[k] > halfLen {
					return scriptTables[k]
				}
				if i > 0 {
					j := order[i-1]
					order[i-1], order[i] = k, j
					pos[k], pos[j] = uint8(i-1), uint8(i)
				}
			}
		}
	}

	//find the script that occurs the most in the text and return it.
	jpCount := 0
	max := 0
	maxScript := &unicode.RangeTable{}
	for _, k := range order {
		if counts[k] > max {
			max = counts[k]
			maxScript = scriptTables[k]
			if maxScript == _HiraganaKatakana {
				jpCount = max
			}
		}
	}

	switch {
	case max == 0:
		//if no valid script is detected, return nil.
		return nil
	case max != 0 && (maxScript == unicode.Han && jpCount > 0):
		// If Hiragana or Katakana is included, even if judged as Mandarin,
		// it is regarded as Japanese. Japanese uses Kanji (unicode.Han)
		// in addition to Hiragana and Katakana.
		return _HiraganaKatakana
	default:
		return maxScript
	}
}

var isCyrillic = func(r rune) bool {
	return unicode.Is(unicode.Cyrillic, r)
}

var isLatin = func(r rune) bool {
	return unicode.Is(unicode.Latin, r)
}

var isArabic = func(r rune) bool {
	return unicode.Is(unicode.Arabic, r)
}

var isDevanagari = func(r rune) bool {
	return unicode.Is(unicode.Devanagari, r)
}

var isEthiopic = func(r rune) bool {
	return unicode.Is(unicode.Ethiopic, r)
}

var isHebrew = func(r rune) bool {
	return unicode.Is(unicode.Hebrew, r)
}

var isHan = func(r rune) bool {
	return unicode.Is(unicode.Han, r)
}

var isBengali = func(r rune) bool {
	return unicode.Is(unicode.Bengali, r)
}

var isHiraganaKatakana = func(r rune) bool {
	return unicode.Is(_HiraganaKatakana, r)
}

var isHangul = func(r rune) bool {
	return unicode.Is(unicode.Hangul, r)
}

var isGreek = func(r rune) bool {
	return unicode.Is(unicode.Greek, r)
}

var isKannada = func(r rune) bool {
	return unicode.Is(unicode.Kannada, r)
}

var isTamil = func(r rune) bool {
	return unicode.Is(unicode.Tamil, r)
}

var isThai = func(r rune) bool {
	return unicode.Is(unicode.Thai, r)
}

var isGujarati = func(r rune) bool {
	return unicode.Is(unicode.Gujarati, r)
}

var isGurmukhi = func(r rune) bool {
	return unicode.Is(unicode.Gurmukhi, r)
}

var isTelugu = func(r rune) bool {
	return unicode.Is(unicode.Telugu, r)
}

var isMalayalam = func(r rune) bool {
	return unicode.Is(unicode.Malayalam, r)
}

var isOriya = func(r rune) bool {
	return unicode.Is(unicode.Oriya, r)
}

var isMyanmar = func(r rune) bool {
	return unicode.Is(unicode.Myanmar, r)
}

var isSinhala = func(r rune) bool {
	return unicode.Is(unicode.Sinhala, r)
}

var isKhmer = func(r rune) bool {
	return unicode.Is(unicode.Khmer, r)
}

var isGeorgian = func(r rune) bool {
	return unicode.Is(unicode.Georgian, r)
}
