package relate

import (
	"slices"
	"testing"
)

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
	}
	for _, tt := range tests {
		if got := missing(tt.x, tt.y); got != tt.want {
			t.Errorf("missing(%q, %q) = %d, want %d", tt.x, tt.y, got, tt.want)
		}
	}
}

func TestSet(t *testing.T) {
	tests := []struct{ in, want []string }{
		{nil, nil},
		{[]string{"b", "a", "b", "c", "a"}, []string{"a", "b", "c"}},
		{[]string{"x"}, []string{"x"}},
	}
	for _, tt := range tests {
		if got := set(slices.Clone(tt.in)); !slices.Equal(got, tt.want) {
			t.Errorf("set(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
