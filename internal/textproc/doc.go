// Package textproc turns text into the units the rest of stemma compares:
// normalised strings, sentences, word tokens and their stems.
//
// Everything here is deterministic and language-light: English stemming
// and stopwords from snowball, Unicode word boundaries from uax29, and a
// rule-based sentence splitter that knows the abbreviations of news copy
// ("Lt. Gen.", "U.S.", "Sen.") so that titles do not end sentences.
package textproc
