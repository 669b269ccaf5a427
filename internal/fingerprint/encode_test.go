package fingerprint

import (
	"bytes"
	"slices"
	"testing"
)

func TestEncode(t *testing.T) {
	for _, p := range []Print{
		nil,
		{{ID: 0, TF: 1}},
		{{ID: 3, TF: 2.5}, {ID: 70000, TF: 1}, {ID: 1<<32 - 1, TF: 0.25}},
	} {
		b, err := p.AppendBinary(nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Decode(b)
		if err != nil {
			t.Fatalf("%v: %v", p, err)
		}
		if !slices.Equal(got, p) && len(got)+len(p) > 0 {
			t.Errorf("%v decodes to %v", p, got)
		}
		if len(b) > 0 {
			if _, err := Decode(b[:len(b)-1]); err == nil {
				t.Errorf("%v: a truncated encoding decodes", p)
			}
		}
	}
}

func FuzzDecode(f *testing.F) {
	b, _ := Print{{ID: 3, TF: 2.5}, {ID: 9, TF: 1}}.AppendBinary(nil)
	f.Add(b)
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := Decode(b)
		if err != nil {
			return
		}
		// Compared encoded: a TF may be NaN.
		again, _ := p.AppendBinary(nil)
		q, err := Decode(again)
		if err != nil {
			t.Fatalf("%x: decodes to %v, whose encoding does not decode: %v", b, p, err)
		}
		if third, _ := q.AppendBinary(nil); !bytes.Equal(third, again) {
			t.Fatalf("%x: decodes to %v, which does not round trip", b, p)
		}
	})
}
