package server

import (
	_ "embed"
	"net/http"
)

// openAPI describes every route of the server; a test holds the two to
// each other.
//
//go:embed openapi.json
var openAPI []byte

// apiOpenAPI is GET /api/openapi.json.
func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "public, max-age=3600")
	writeBody(w, http.StatusOK, "application/json; charset=utf-8", openAPI)
	return nil
}
