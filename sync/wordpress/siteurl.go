package wordpress

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
)

// SiteURLError says a site URL is not a site address, and what to give
// instead. Every command checks the URL with ParseSiteURL first, so each
// gives the same answer.
type SiteURLError struct {
	Given string
	Msg   string
}

func (e *SiteURLError) Error() string { return fmt.Sprintf("site URL %q %s", e.Given, e.Msg) }

// pageParts mark the address of a page of a WordPress site rather than of
// the site: the dashboard, the login page, the REST API, XML-RPC.
var pageParts = []string{"/wp-admin", "/wp-login.php", "/wp-json", "/xmlrpc.php", "/index.php"}

// ParseSiteURL checks that raw is a site address (scheme, host, and the
// path of a site in a folder, if any) and returns it without a trailing
// slash, query or fragment. wpsync finds the REST API from the site
// address itself (Discover), so /wp-json is refused rather than guessed
// around: a state file records the site address.
func ParseSiteURL(raw string) (*url.URL, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return nil, &SiteURLError{Given: raw, Msg: "is empty: give the site's address, e.g. https://example.com"}
	}
	if !strings.Contains(s, "://") {
		host := strings.TrimSuffix(s, "/")
		return nil, &SiteURLError{Given: raw, Msg: fmt.Sprintf("has no http(s) scheme: give it as https://%s (or http://%s for a site without HTTPS)", host, host)}
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, &SiteURLError{Given: raw, Msg: "is not a site address: give it as https://example.com"}
	}
	if u.User != nil {
		// Redacted: the password must not reach the message.
		return nil, &SiteURLError{Given: u.Redacted(), Msg: "holds a user name or password: give the user in WPSYNC_USER and the password in WPSYNC_APP_PASSWORD"}
	}
	u.RawQuery, u.Fragment = "", ""
	lower := strings.ToLower(u.Path)
	for _, part := range pageParts {
		if i := strings.Index(lower, part); i >= 0 && (len(lower) == i+len(part) || strings.ContainsRune("/?", rune(lower[i+len(part)]))) {
			site := *u
			site.Path = strings.TrimSuffix(u.Path[:i], "/")
			return nil, &SiteURLError{Given: raw, Msg: fmt.Sprintf("is a page of the site, not its address: give it without %s, as %s (Settings → General → Site Address)", u.Path[i:], site.String())}
		}
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	return u, nil
}

// firstContact is how long the first request waits for a connection to the
// site. A site that answers at all connects in well under a second; one
// that does not (a host that is down, a firewall that drops packets, a
// wrong port) would otherwise take the dial time-out times the retries.
// Once connected, the usual time-outs apply: a slow front page is not a
// missing site.
var firstContact = 10 * time.Second

// withFirstContact bounds the time until a connection is made. stop
// reports whether the bound cut the request short.
func withFirstContact(ctx context.Context) (_ context.Context, stop func() bool) {
	ctx, cancel := context.WithCancelCause(ctx)
	var connected atomic.Bool
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{GotConn: func(httptrace.GotConnInfo) { connected.Store(true) }})
	errNoAnswer := errors.New("no connection")
	timer := time.AfterFunc(firstContact, func() {
		if !connected.Load() {
			cancel(errNoAnswer)
		}
	})
	return ctx, func() bool {
		timer.Stop()
		cut := errors.Is(context.Cause(ctx), errNoAnswer)
		cancel(nil)
		return cut
	}
}

// unreachable explains why the first request to the site, req, got no
// answer (err, a *NoAnswerError from do): with what was tried, and what an
// https:// address of a plain-HTTP site and a site that never answered
// look like, rather than the bare "EOF" or time-out of the connection.
func (c *Client) unreachable(ctx context.Context, req *http.Request, cut bool, err error) error {
	site := c.site.String()
	what := req.Method + " " + req.URL.String()
	cause := err
	var na *NoAnswerError
	if errors.As(err, &na) {
		cause = na.Err
	}
	switch {
	case cut:
		err = fmt.Errorf("no connection to %s within %s (%s): check the host and port, that the site is up, and that no firewall drops the traffic", c.site.Host, firstContact, what)
	case c.site.Scheme == "https" && c.answersPlainHTTP(ctx):
		plain := *c.site
		plain.Scheme = "http"
		err = fmt.Errorf("%s answers plain HTTP, not HTTPS (%s failed: %v): use %s, or turn HTTPS on for the site", c.site.Host, what, cause, plain.String())
	default:
		err = fmt.Errorf("%s: %w", what, cause)
	}
	return &ConnectError{Site: site, Err: err}
}

// answersPlainHTTP reports whether the site's host and port answer an
// HTTP request sent without TLS: an https:// address given for a site
// served over plain HTTP.
func (c *Client) answersPlainHTTP(ctx context.Context) bool {
	u := *c.site
	u.Scheme = "http"
	if u.Port() == "" {
		u.Host += ":443"
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := c.newRequest(ctx, http.MethodHead, u.String()+"/", nil, nil)
	if err != nil {
		return false
	}
	// Not c.do: one try, no redirects followed; a question about the
	// connection, whatever the status.
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return true
}
