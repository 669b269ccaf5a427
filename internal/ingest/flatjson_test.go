package ingest

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

// decodeStd is how parseRecord decodes a record that decodeFlat leaves
// alone, and what decodeFlat must agree with.
func decodeStd(line []byte) (record, bool) {
	var rec record
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&rec); err != nil || dec.More() {
		return record{}, false
	}
	return rec, true
}

var flatCases = []struct {
	line string
	flat bool // whether decodeFlat should take it
}{
	{`{"id":"g1","title":"T","site":"s.org","url":"https://s.org/a","published":"2025-01-01T00:00:01Z","text":"One.\n\nTwo."}`, true},
	{`  { "text" : "a" , "title" : "b" }  `, true},
	{"{\t\"text\":\r\n\"a\"}", true},
	{`{}`, true},
	{`{"text":"esc \" \\ \/ \b \f \n \r \t \u00e9 \u2028 \u0000 end"}`, true},
	{`{"text":"raw “utf-8” café"}`, true},
	{`{"id":42,"published":1709631000,"text":"x"}`, true},
	{`{"id":-1.5e+3,"date":0.25,"text":"x"}`, true},
	{`{"id":null,"text":"x","title":null}`, true},
	{`{"title":"a","title":null,"text":"x"}`, true},
	{`{"title":"a","title":"b","text":"x"}`, true},
	{`{"id":"a","id":null,"text":"x"}`, true},
	{`{"extra":true,"other":false,"n":null,"num":-0,"s":"\u00e9","text":"x"}`, true},
	{`{"texts":"a","tit":"b","text":"x"}`, true},
	{`{"text":"","content":"c","body":"b","html":"<p>h</p>","byline":"B","author":"A","date":"2024-01-01"}`, true},

	// Left to encoding/json.
	{`{"Text":"a"}`, false},
	{`{"TITLE":"a","text":"x"}`, false},
	{`{"t\u0065xt":"a"}`, false},
	{`{"ſite":"a","text":"x"}`, false},
	{`{"text":"\ud83d\ude00"}`, false},
	{`{"text":"\ud83d"}`, false},
	{`{"author":["A","B"],"text":"x"}`, false},
	{`{"meta":{"a":1},"text":"x"}`, false},
	{`{"list":[1,2],"text":"x"}`, false},
	{`{"title":1,"text":"x"}`, false},
	{`{"title":true,"text":"x"}`, false},
	{`{"id":true,"text":"x"}`, false},
	{`{"text":"x"} {"text":"y"}`, false},
	{`{"text":"x"}}`, false},
	{`{"text":"x",}`, false},
	{`{"text":"x"`, false},
	{`{"text":"x`, false},
	{`{"text":"a` + "\t" + `b"}`, false},
	{`{"text":"\x"}`, false},
	{`{"text":"\u12"}`, false},
	{`{"id":01,"text":"x"}`, false},
	{`{"id":1.,"text":"x"}`, false},
	{`{"id":1e,"text":"x"}`, false},
	{`{"id":-,"text":"x"}`, false},
	{`{"id":+1,"text":"x"}`, false},
	{`{"n":nul,"text":"x"}`, false},
	{`["text"]`, false},
	{`null`, false},
	{``, false},
	{`{"text" "x"}`, false},
}

func TestDecodeFlat(t *testing.T) {
	for _, tt := range flatCases {
		var got record
		ok := decodeFlat([]byte(tt.line), &got)
		if ok != tt.flat {
			t.Errorf("decodeFlat(%s) = %v, want %v", tt.line, ok, tt.flat)
		}
		if !ok {
			if got != (record{}) {
				t.Errorf("decodeFlat(%s) failed but filled %+v", tt.line, got)
			}
			continue
		}
		want, stdOK := decodeStd([]byte(tt.line))
		if !stdOK || !reflect.DeepEqual(got, want) {
			t.Errorf("decodeFlat(%s) = %+v; encoding/json: %+v (ok %v)", tt.line, got, want, stdOK)
		}
	}
}

// FuzzDecodeFlat holds decodeFlat to encoding/json: whatever it takes, it
// decodes the same.
func FuzzDecodeFlat(f *testing.F) {
	for _, tt := range flatCases {
		f.Add([]byte(tt.line))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		if checkUTF8(line) != nil {
			return // parseRecord refuses it before decoding
		}
		var got record
		if !decodeFlat(line, &got) {
			if got != (record{}) {
				t.Fatalf("decodeFlat(%q) failed but filled %+v", line, got)
			}
			return
		}
		want, ok := decodeStd(line)
		if !ok || got != want {
			t.Fatalf("decodeFlat(%q) = %+v; encoding/json: %+v (ok %v)", line, got, want, ok)
		}
	})
}

func TestPlainRun(t *testing.T) {
	ref := func(s []byte, i int) int {
		for ; i < len(s); i++ {
			if c := s[i]; c < ' ' || c == '"' || c == '\\' {
				return i
			}
		}
		return i
	}
	base := "plain words, “curly” café \x7f\xff and more words after them"
	for _, special := range []string{"\"", "\\", "\n", "\x00", "\x1f", "\"\"", "\x01\\", "!", "]", "\x80\x22"} {
		for i := range len(base) + 1 {
			s := []byte(base[:i] + special + base[i:])
			for from := range min(len(s), 10) {
				if got, want := plainRun(s, from), ref(s, from); got != want {
					t.Fatalf("plainRun(%q, %d) = %d, want %d", s, from, got, want)
				}
			}
		}
	}
}

// The short fields of a record outlive its text, an ID above all: none
// may be a piece of the buffer the text is in, or keeping the ID keeps
// the text.
func TestDecodeFlatShortFieldsOwnMemory(t *testing.T) {
	text := strings.Repeat("A long article. ", 1000)
	line := []byte(`{"id":"a1","title":"T","site":"s.example","url":"https://s.example/a","byline":"By B","published":"2025-01-01","text":"` + text + `"}`)
	var rec record
	if !decodeFlat(line, &rec) {
		t.Fatal("the record was not taken")
	}
	if rec.Text != text {
		t.Fatalf("text %q", rec.Text[:40])
	}
	from := uintptr(unsafe.Pointer(unsafe.StringData(rec.Text)))
	to := from + uintptr(len(rec.Text))
	// The buffer the text is in holds the whole record, at most: a
	// field further from the text than that is in memory of its own.
	buf := from - uintptr(len(line))
	for name, s := range map[string]string{"id": string(rec.ID), "title": rec.Title, "site": rec.Site, "url": rec.URL, "byline": string(rec.Byline), "published": string(rec.Published)} {
		if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); p >= buf && p < to {
			t.Errorf("%s %q shares the text's buffer", name, s)
		}
	}
}
