package wordpress

// Where the credentials may go
//
// The credentials go to the configured site's host and nowhere else, and
// never in the clear where the site is HTTPS: in the Authorization header
// of every request to a REST route (newRequest), and in the body of the
// XML-RPC question doctor asks (XMLRPCSignIn). Three things could send
// them elsewhere, and each is held to the site's host here:
//
//   - The REST root the front page announces (Link: rel="https://api.w.org/")
//     is what WordPress believes its address is, not what the user
//     configured: behind a TLS proxy it announces http://, with a wrong
//     Site Address another host. Discover keeps the root on the site's
//     host (restRoot).
//   - The WordPress Address of the REST index, where xmlrpc.php lives, is
//     WordPress's setting too (xmlrpcURL).
//   - Redirects. Go's http.Client copies the Authorization header set on a
//     request to a redirect's target when that is the same host name or a
//     subdomain of it, whatever the port and the scheme (so an https → http
//     redirect on the same host resends it in the clear), and resends the
//     body of a 307 or 308 to any host (the XML-RPC password with it).
//     redirectPolicy refuses a redirect of a request that carries the
//     credentials to anywhere they may not go.

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
)

// mayCarryCredentials reports whether a request to u may carry the
// credentials: u is on the configured site's host name and port, over the
// site's scheme, or over HTTPS on the standard port where the site is
// plain http on the standard port (http://example.com upgraded to
// https://example.com, never the other way).
func (c *Client) mayCarryCredentials(u *url.URL) bool {
	s := c.site
	if !strings.EqualFold(u.Hostname(), s.Hostname()) {
		return false
	}
	switch {
	case u.Scheme == s.Scheme:
		return portOf(u) == portOf(s)
	case u.Scheme == "https" && s.Scheme == "http":
		return portOf(u) == "443" && portOf(s) == "80"
	}
	return false
}

// portOf is u's port, the scheme's when none is given.
func portOf(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if u.Scheme == "https" {
		return "443"
	}
	return "80"
}

// restRoot judges the REST root the front page announces. A root where the
// credentials may go is used as announced (sure). A plain-http root on the
// host of an HTTPS site is a WordPress behind a TLS proxy that does not
// know it is reached over HTTPS: its path is kept, on the site's scheme,
// host and port, for Discover to try first (not sure). Any other root
// (another host, another port) is not used at all: nil, and Discover looks
// for the REST API on the configured site itself.
func (c *Client) restRoot(announced string) (root *url.URL, sure bool) {
	u, err := url.Parse(announced)
	if err != nil {
		return nil, false
	}
	u = c.site.ResolveReference(u)
	u.User, u.Fragment = nil, ""
	switch {
	case c.mayCarryCredentials(u):
		return u, true
	case u.Scheme == "http" && c.site.Scheme == "https" && strings.EqualFold(u.Hostname(), c.site.Hostname()):
		u.Scheme, u.Host = c.site.Scheme, c.site.Host
		return u, false
	}
	return nil, false
}

// xmlrpcURL is the address of xmlrpc.php under base (the WordPress Address
// of the REST index, which may be a folder of the site) on the configured
// site's scheme, host and port, since the request carries the password in
// its body. A base on another host is not used: the configured site's own
// xmlrpc.php is asked.
func (c *Client) xmlrpcURL(base string) string {
	u, err := url.Parse(base)
	switch {
	case err != nil || !u.IsAbs() || !strings.EqualFold(u.Hostname(), c.site.Hostname()):
		s := *c.site
		u = &s
	case !c.mayCarryCredentials(u):
		u.Scheme, u.Host = c.site.Scheme, c.site.Host
	}
	u.User, u.RawQuery, u.Fragment = nil, "", ""
	return strings.TrimSuffix(u.String(), "/") + "/xmlrpc.php"
}

type secretBodyKey struct{}

// withSecretBody marks a request whose body holds the credentials (the
// XML-RPC sign-in), so that redirectPolicy keeps it on the site.
func withSecretBody(ctx context.Context) context.Context {
	return context.WithValue(ctx, secretBodyKey{}, true)
}

// carriesCredentials reports whether req holds the credentials: in its
// Authorization header, or in its body (withSecretBody).
func carriesCredentials(req *http.Request) bool {
	secret, _ := req.Context().Value(secretBodyKey{}).(bool)
	return secret || req.Header.Get("Authorization") != ""
}

// redirectPolicy is the CheckRedirect of every request the client sends:
// a request that carries the credentials is not redirected to an address
// where they may not go (a *RedirectError); others follow next, the
// caller's policy (nil: Go's, at most 10 redirects).
func (c *Client) redirectPolicy(next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if carriesCredentials(via[0]) && !c.mayCarryCredentials(req.URL) {
			return &RedirectError{From: via[len(via)-1].URL.Redacted(), To: req.URL.Redacted(), Site: c.site.String()}
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
}

// RedirectError is a redirect not followed: it would have taken the
// credentials away from the site's host, or onto plain http.
type RedirectError struct {
	From, To string
	Site     string
}

func (e *RedirectError) Error() string {
	return "redirected from " + e.From + " to " + e.To + ", away from " + e.Site +
		": not followed, as wpsync sends the credentials to the site's own host only (over HTTPS when it is HTTPS); " +
		"if WordPress is at " + e.To + ", use its site address as url"
}
