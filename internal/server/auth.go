package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"
)

// writable reports whether write endpoints are enabled: they need a token
// to check and a Keeper to add articles through.
func (s *Server) writable() bool { return s.token != "" && s.keeper != nil }

// authorize checks that r may write: 403 when writing is disabled, 401
// when r lacks the bearer token or has another.
func (s *Server) authorize(r *http.Request) error {
	if !s.writable() {
		return errorf(http.StatusForbidden, "writing is disabled on this server: start stemma serve with --token-env NAME, the environment variable NAME holding a secret token, and send it as \"Authorization: Bearer TOKEN\"")
	}
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return unauthorized("this endpoint needs an \"Authorization: Bearer TOKEN\" header")
	}
	// Hashing first makes the comparison constant-time in the length of
	// the token too.
	got, want := sha256.Sum256([]byte(strings.TrimSpace(token))), sha256.Sum256([]byte(s.token))
	if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
		return unauthorized("wrong token")
	}
	return nil
}

func unauthorized(msg string) error {
	e := errorf(http.StatusUnauthorized, "%s", msg)
	e.header = map[string]string{"WWW-Authenticate": `Bearer realm="stemma"`}
	return e
}
