package facts

import "testing"

func TestWordKey(t *testing.T) {
	for in, want := range map[string]string{
		"said": "said", "U.S.": "us", "U.S": "us", "Lt.": "lt", "Zelenskyy": "zelenskyy",
		"O'Brien": "o'brien", "30-day": "30-day", "Ümit": "ümit", "ÉLYSÉE.": "élysée", "": "",
	} {
		if got := wordKey(in); got != want {
			t.Errorf("wordKey(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestClassOf checks the filter before the word lists against the lists
// themselves, on every listed word and on words of the tests.
func TestClassOf(t *testing.T) {
	words := []string{"", "a", "said", "Said", "the", "zelenskyy", "kyiv", "administration", "30-day", "ümit", "may", "xx",
		"said\x00", "\x00said", "sai\x00", "self-proclaimedx", "self-proclaimedxy", "administrationxyz"}
	for w := range classes {
		words = append(words, w, w+"s", "x"+w, w[:len(w)-1], w[1:], w+"\x00")
	}
	for _, w := range words {
		if got, want := classOf(w), classes[w]; got != want {
			t.Errorf("classOf(%q) = %b, want %b", w, got, want)
		}
	}
}

func TestAppendSkeleton(t *testing.T) {
	for _, w := range []string{"", "zelenskyy", "Kyiv", "al-qadiri", "ÉLYSÉE", "o'brien", "\u212aiev"} {
		if got, want := string(AppendSkeleton([]byte("x"), w)), "x"+Skeleton(w); got != want {
			t.Errorf("AppendSkeleton(x, %q) = %q, want %q", w, got, want)
		}
	}
}
