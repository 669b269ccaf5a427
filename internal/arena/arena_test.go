package arena

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unsafe"
)

// Copies read back as what was copied, however many blocks they fill and
// whatever their sizes, large ones among them, and share blocks.
func TestStrings(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var a Strings
	var want, got []string
	for i := range 20000 {
		n := r.IntN(100)
		if i%1000 == 999 {
			n = blockSize/4 + r.IntN(blockSize)
		}
		s := strings.Repeat(string(rune('a'+i%26)), n) + fmt.Sprint(i)
		want = append(want, s)
		got = append(got, a.Copy(s))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("copy %d reads %.20q…, want %.20q…", i, got[i], want[i])
		}
	}
	if a.Copy("") != "" {
		t.Error(`Copy("") is not empty`)
	}
}

// A copy of a piece of a string does not keep the string: it is in a
// block of its own making, not the piece's.
func TestStringsCopies(t *testing.T) {
	var a Strings
	whole := strings.Repeat("x", 1000)
	c := a.Copy(whole[10:20])
	if c != whole[10:20] {
		t.Fatalf("Copy = %q", c)
	}
	if unsafe.StringData(c) == unsafe.StringData(whole[10:]) {
		t.Fatal("the copy is the piece")
	}
}

// Values taken are zero, distinct, and capped, so that appending to one
// does not write over the next.
func TestSlab(t *testing.T) {
	var s Slab[[3]int]
	var all [][][3]int
	for i := range 5000 {
		n := i % 7
		if i%500 == 0 {
			n = 10000
		}
		v := s.Take(n)
		if len(v) != n || cap(v) != n {
			t.Fatalf("Take(%d): len %d, cap %d", n, len(v), cap(v))
		}
		for k := range v {
			if v[k] != [3]int{} {
				t.Fatalf("Take(%d)[%d] = %v, want zero", n, k, v[k])
			}
			v[k] = [3]int{i, k, n}
		}
		all = append(all, v)
	}
	for i, v := range all {
		for k := range v {
			if v[k] != [3]int{i, k, len(v)} {
				t.Fatalf("value %d/%d was written over: %v", i, k, v[k])
			}
		}
	}
	p := s.New()
	if *p != [3]int{} {
		t.Fatalf("New() = %v, want zero", *p)
	}
}

func ExampleStrings() {
	var a Strings
	page := "<html>… a page of a megabyte …<title>Floods in Valencia</title>…"
	title := a.Copy(page[strings.Index(page, "Floods"):strings.Index(page, "</title>")])
	fmt.Println(title)
	// Output: Floods in Valencia
}

func ExampleSlab() {
	type point struct{ x, y int }
	var s Slab[point]
	var kept []*point
	for i := range 3 {
		p := s.New() // from one block, not an allocation each
		*p = point{i, i * i}
		kept = append(kept, p)
	}
	fmt.Println(*kept[0], *kept[1], *kept[2])
	// Output: {0 0} {1 1} {2 4}
}
