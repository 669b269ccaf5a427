package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/ingest"
)

// postOrigin names posted documents in their Origin ("api:N", the N-th
// record of the request) and in read errors.
const postOrigin = "api"

// posted is what became of one posted document.
type posted struct {
	Seq   int64  `json:"seq"`
	ID    string `json:"id"`
	New   bool   `json:"new"`
	Story *int64 `json:"story"`
	Href  string `json:"href"`
}

// apiPostDocuments is POST /api/documents: articles as JSONL records (one
// object, or an array of them) are stored, cleaned and analysed, and the
// stories updated before the answer, which says what became of each.
// Either every record is read or none is stored.
func (s *Server) apiPostDocuments(w http.ResponseWriter, r *http.Request) error {
	if err := s.authorize(r); err != nil {
		return err
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.maxBody))
	if err != nil {
		s.metrics.countRejected()
		if mbe, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return errorf(http.StatusRequestEntityTooLarge, "request body larger than the %d-byte limit", mbe.Limit)
		}
		return errorf(http.StatusBadRequest, "reading the request body: %v", err)
	}
	docs, err := parsePosted(r.Context(), body, s.maxBody)
	if err != nil {
		s.metrics.countRejected()
		return err
	}
	// The client leaving must not stop the work half done: what is
	// stored is analysed now rather than at the next request.
	ctx := context.WithoutCancel(r.Context())
	puts, st, err := s.keeper.Add(ctx, docs)
	if err != nil {
		return fmt.Errorf("storing and analysing the posted documents: %w", err)
	}
	s.metrics.CountIngest(st)
	out := struct {
		Documents []posted `json:"documents"`
		Stored    int      `json:"stored"`
		Known     int      `json:"known"`
		Analysed  int      `json:"analysed"`
	}{Stored: st.Stored, Known: st.Known, Analysed: st.Analysed}
	for _, p := range puts {
		d, err := s.st.Document(ctx, p.Seq)
		if err != nil {
			return err
		}
		pd := posted{Seq: p.Seq, ID: p.ID, New: p.New, Href: "/api" + documentHref(p.ID)}
		if d.Story != 0 {
			pd.Story = &d.Story
		}
		out.Documents = append(out.Documents, pd)
	}
	writeJSON(w, http.StatusCreated, out)
	return nil
}

// parsePosted reads the documents of a request body: a JSONL record, an
// array of them, or records one a line. Each is read by the JSONL reader,
// so that a posted article is read exactly as one in a file; a record
// without an id gets one from its content in the store.
func parsePosted(ctx context.Context, body []byte, limit int64) ([]*document.Document, error) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil, errorf(http.StatusBadRequest, "empty body: send a JSON object with id, url, title, text or html, published and site, or an array of them")
	}
	var records []json.RawMessage
	if body[0] == '[' {
		if err := json.Unmarshal(body, &records); err != nil {
			return nil, errorf(http.StatusBadRequest, "malformed JSON: %s", jsonError(err))
		}
	} else {
		dec := json.NewDecoder(bytes.NewReader(body))
		for {
			var rec json.RawMessage
			err := dec.Decode(&rec)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return nil, errorf(http.StatusBadRequest, "malformed JSON: %s", jsonError(err))
			}
			records = append(records, rec)
		}
	}
	if len(records) == 0 {
		return nil, errorf(http.StatusBadRequest, "no records in the body")
	}
	// One record a line, as the JSONL reader reads them.
	var lines bytes.Buffer
	noID := make([]bool, len(records))
	for i, rec := range records {
		if err := json.Compact(&lines, rec); err != nil {
			return nil, errorf(http.StatusBadRequest, "record %d: malformed JSON: %s", i+1, jsonError(err))
		}
		lines.WriteByte('\n')
		var id struct {
			ID any `json:"id"`
		}
		if json.Unmarshal(rec, &id) == nil {
			noID[i] = id.ID == nil || id.ID == ""
		}
	}
	var docs []*document.Document
	var problems []string
	i := 0
	for d, err := range ingest.ParseJSONL(ctx, &lines, postOrigin, ingest.Options{MaxBytes: limit, KeepRaw: true}) {
		if err != nil {
			problems = append(problems, strings.TrimPrefix(err.Error(), postOrigin+":"))
		} else {
			if noID[i] {
				d.ID = ""
			}
			docs = append(docs, d)
		}
		i++
	}
	if len(problems) > 0 {
		return nil, errorf(http.StatusBadRequest, "%d of %d records cannot be read, nothing was stored: record %s", len(problems), len(records), strings.Join(problems, "; record "))
	}
	return docs, nil
}

// jsonError words a decoding error for the client.
func jsonError(err error) string {
	if se, ok := errors.AsType[*json.SyntaxError](err); ok {
		return fmt.Sprintf("%v (at byte %d)", se, se.Offset)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "the body ends in the middle of a value"
	}
	if te, ok := errors.AsType[*json.UnmarshalTypeError](err); ok {
		return fmt.Sprintf("expected %s, found %s (at byte %d)", te.Type, te.Value, te.Offset)
	}
	return err.Error()
}
