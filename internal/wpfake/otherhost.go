package wpfake

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// OtherHost stands for a host that is not the site: where a Link header,
// a WordPress Address or a redirect may point, and where the credentials
// must never go. It answers every request 404 and fails the test when one
// carries an Authorization header, or the password (with or without its
// spaces) in its address or body.
type OtherHost struct {
	// URL is http://127.0.0.1:PORT: the host name of a fake site, another
	// port. Replace the host name with localhost for another name.
	URL  string
	hits atomic.Int32
}

// NewOtherHost starts an OtherHost that looks for password (Password for a
// fake site's administrator) and closes it when the test ends.
func NewOtherHost(tb testing.TB, password string) *OtherHost {
	tb.Helper()
	o := &OtherHost{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o.hits.Add(1)
		body, _ := io.ReadAll(r.Body)
		if r.Header.Get("Authorization") != "" {
			tb.Errorf("the other host received an Authorization header: %s %s", r.Method, r.URL)
		}
		for _, pw := range []string{password, strings.ReplaceAll(password, " ", "")} {
			if pw != "" && (strings.Contains(string(body), pw) || strings.Contains(r.URL.String(), pw)) {
				tb.Errorf("the other host received the password: %s %s", r.Method, r.URL.Path)
			}
		}
		notFoundPage(w)
	}))
	tb.Cleanup(srv.Close)
	o.URL = srv.URL
	return o
}

// Hits is the number of requests the other host received.
func (o *OtherHost) Hits() int { return int(o.hits.Load()) }
