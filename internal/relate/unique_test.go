package relate

import (
	"slices"
	"strconv"
	"testing"

	"github.com/zeebo/xxh3"
)

// facts makes the set of ss, as evidence does.
func facts(ss []string) []fact {
	f := make([]fact, len(ss))
	for i, s := range ss {
		f[i] = fact{xxh3.HashString(s), s}
	}
	return factSet(f, new(factScratch))
}

func TestMissing(t *testing.T) {
	tests := []struct {
		x, y []string
		want int
	}{
		{nil, nil, 0},
		{[]string{"kyiv"}, nil, 1},
		{nil, []string{"kyiv"}, 0},
		{[]string{"kyiv", "london", "moscow"}, []string{"london"}, 2},
		{[]string{"kyiv", "london", "moscow"}, []string{"a", "kyiv", "london", "moscow", "z"}, 0},
		{[]string{"a", "c", "e"}, []string{"b", "d", "f"}, 3},
		{[]string{"b", "d", "f"}, []string{"a", "c", "e"}, 3},
		{[]string{"2", "30", "30.5"}, []string{"30"}, 2},
		{[]string{"kyiv", "kyiv", "london"}, []string{"london", "london"}, 1},
	}
	for _, tt := range tests {
		if got := missing(facts(tt.x), facts(tt.y)); got != tt.want {
			t.Errorf("missing(%q, %q) = %d, want %d", tt.x, tt.y, got, tt.want)
		}
	}
	// Facts of one hash are ordered by their text, and stay apart.
	x := []fact{{1, "b"}, {1, "a"}, {2, "c"}, {1, "b"}}
	y := []fact{{1, "b"}, {2, "a"}}
	if got := missing(factSet(x, new(factScratch)), factSet(y, new(factScratch))); got != 2 {
		t.Errorf("missing with shared hashes = %d, want 2", got)
	}
}

func TestFactSet(t *testing.T) {
	tests := []struct{ in, want []string }{
		{nil, nil},
		{[]string{"b", "a", "b", "c", "a"}, []string{"a", "b", "c"}},
		{[]string{"x"}, []string{"x"}},
	}
	// Enough facts for every bucket of the counting sort, each three times.
	var many, distinct []string
	for i := range 3000 {
		many = append(many, strconv.Itoa(i%1000))
	}
	for i := range 1000 {
		distinct = append(distinct, strconv.Itoa(i))
	}
	slices.Sort(distinct)
	tests = append(tests, struct{ in, want []string }{many, distinct})
	for _, tt := range tests {
		got := facts(slices.Clone(tt.in))
		if !slices.IsSortedFunc(got, factOrder) {
			t.Errorf("factSet(%q) = %v, not in factOrder", tt.in, got)
		}
		var s []string
		for _, f := range got {
			s = append(s, f.s)
		}
		slices.Sort(s)
		if !slices.Equal(s, tt.want) {
			t.Errorf("factSet(%q) holds %q, want %q", tt.in, s, tt.want)
		}
	}
}
