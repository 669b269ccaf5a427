package server

import (
	"context"
	"net/http"
	"time"
)

// health is GET /healthz: ok, with the store's sizes, when the store
// answers within two seconds; 503 otherwise, so that a load balancer
// takes the instance out.
func (s *Server) health(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	c, err := s.st.Counts(ctx)
	if err != nil {
		s.log.WarnContext(r.Context(), "health: cannot read the store", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "error": "the store cannot be read"})
		return nil
	}
	writeJSON(w, http.StatusOK, struct {
		Status    string `json:"status"`
		Documents int64  `json:"documents"`
		Analysed  int64  `json:"analysed"`
		Pending   int64  `json:"pending"`
		Stories   int64  `json:"stories"`
		Writable  bool   `json:"writable"`
	}{"ok", c.Documents, c.Analysed, c.Documents - c.Analysed, c.Stories, s.writable()})
	return nil
}
