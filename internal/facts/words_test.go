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
