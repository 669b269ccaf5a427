package wordload

import (
	"encoding/binary"
	"fmt"
	"testing"
)

func TestLoads(t *testing.T) {
	s := "\x01\x02\x03\x04\x05\x06\x07\x08\x09\xff"
	for i := 0; i+8 <= len(s); i++ {
		if got, want := Uint64(s, i), binary.LittleEndian.Uint64([]byte(s[i:])); got != want {
			t.Errorf("Uint64(s, %d) = %#x, want %#x", i, got, want)
		}
	}
	for i := 0; i+4 <= len(s); i++ {
		if got, want := Uint32(s, i), binary.LittleEndian.Uint32([]byte(s[i:])); got != want {
			t.Errorf("Uint32(s, %d) = %#x, want %#x", i, got, want)
		}
	}
}

func ExampleUint64() {
	fmt.Printf("%#x\n", Uint64("abcdefgh", 0))
	// Output: 0x6867666564636261
}
