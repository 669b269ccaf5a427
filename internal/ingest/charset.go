package ingest

import (
	"bytes"
	"regexp"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/unicode"
)

// decodeHTML returns the page as UTF-8. A byte-order mark decides first;
// then bytes that are valid UTF-8 are taken as UTF-8 whatever the page
// declares, because pages that declare Latin-1 but are served as UTF-8
// are common and the reverse almost never validates; only then is the
// declared charset used (the server's, in headerCharset, before the
// page's own, as browsers rank them), else windows-1252 as browsers do.
// The page's declaration is looked for further into the page than the
// HTML5 prescan's 1024 bytes because real pages put it after long
// scripts.
func decodeHTML(data []byte, headerCharset string) []byte {
	if enc, _, certain := charset.DetermineEncoding(data, ""); certain {
		if out, err := enc.NewDecoder().Bytes(data); err == nil {
			return bytes.TrimPrefix(out, utf8BOM)
		}
	}
	if utf8.Valid(data) {
		return data
	}
	name := "windows-1252"
	if m := metaCharset.FindSubmatch(data[:min(len(data), 64<<10)]); m != nil {
		name = string(m[1])
	}
	if enc, _ := charset.Lookup(headerCharset); enc != nil && enc != unicode.UTF8 {
		name = headerCharset
	}
	enc, _ := charset.Lookup(name)
	if enc == nil || enc == unicode.UTF8 {
		enc, _ = charset.Lookup("windows-1252")
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	return out
}

var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.-]+)`)
