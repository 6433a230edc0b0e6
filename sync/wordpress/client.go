// Package wordpress is a client for the WordPress REST API (wp/v2),
// authenticated with an Application Password. It implements sync.Publisher.
//
// Shaped like go-github: every call takes a context first, one do method
// sends and decodes, and checkResponse turns WordPress's error body
// ({code, message, data.status}) into an *APIError callers can errors.As.
package wordpress

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Client talks to one WordPress site as one user.
type Client struct {
	site     *url.URL // the site address as configured
	user     string
	password secret
	http     *http.Client

	// root is the REST API root found by Discover: either a path such as
	// /wp-json/ (pretty permalinks) or the site with ?rest_route= (plain).
	root  *url.URL
	plain bool

	batch batchState
	me    *User // the signed-in user, as Connect found it

	// UserAgent is sent with every request.
	UserAgent string
}

// secret keeps the application password out of anything printed: fmt's %v,
// %+v and %#v of a Client show "[redacted]".
type secret string

func (secret) String() string   { return "[redacted]" }
func (secret) GoString() string { return `"[redacted]"` }

// New returns a client for the site at siteURL. hc may be nil.
func New(siteURL, user, password string, hc *http.Client) (*Client, error) {
	u, err := ParseSiteURL(siteURL)
	if err != nil {
		return nil, err
	}
	if hc == nil {
		hc = DefaultHTTPClient()
	}
	// WordPress ignores the spaces it shows in application passwords.
	pw := strings.ReplaceAll(password, " ", "")
	return &Client{site: u, user: user, password: secret(pw), http: hc, UserAgent: "wpsync"}, nil
}

// Timeouts. A WordPress request that takes longer than requestTimeout to
// start answering is stuck (a local site answers in well under a second, a
// slow shared host in a few); overallTimeout bounds one call with all its
// retries.
const (
	requestTimeout = 30 * time.Second
	dialTimeout    = 5 * time.Second
	overallTimeout = 3 * time.Minute
)

// DefaultHTTPClient keeps connections alive, times out stuck requests and
// retries what is safe to retry.
func DefaultHTTPClient() *http.Client { return NewHTTPClient(nil, 0) }

// NewHTTPClient is DefaultHTTPClient with a TLS configuration (a private
// certificate authority; nil means the system's) and a time-out for one
// request to start answering (0 means 30 s).
func NewHTTPClient(tlsConf *tls.Config, timeout time.Duration) *http.Client {
	base := http.DefaultTransport.(*http.Transport).Clone()
	if tlsConf != nil {
		base.TLSClientConfig = tlsConf
	}
	if timeout <= 0 {
		timeout = requestTimeout
	}
	base.ResponseHeaderTimeout = timeout
	// A host that does not answer at all is told within seconds, not
	// after the system's TCP time-out (minutes) times the retries.
	base.DialContext = (&net.Dialer{Timeout: dialTimeout, KeepAlive: 30 * time.Second}).DialContext
	base.MaxIdleConnsPerHost = 8
	return &http.Client{Transport: NewRetryTransport(base), Timeout: overallTimeout}
}

// Format prints a client as its site and user. Without it fmt would print
// the fields, password included, since it cannot call methods of unexported
// fields.
func (c *Client) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, "wordpress.Client(%s as %q)", c.site, c.user)
}

// Site returns the site address.
func (c *Client) Site() string { return c.site.String() }

// User returns the user name the client signs in as.
func (c *Client) User() string { return c.user }

// APIError is an error answer from WordPress.
type APIError struct {
	Method string
	Route  string
	Status int
	Code   string // e.g. rest_invalid_param, incorrect_password
	Msg    string
	Data   json.RawMessage

	// HTMLPage is set when the answer was an HTML page, not WordPress's
	// JSON: something in front of WordPress answered. PageTitle is its
	// <title>; the page itself is not kept.
	HTMLPage  bool
	PageTitle string
}

func (e *APIError) Error() string {
	if e.HTMLPage {
		return e.Method + " " + e.Route + ": " + e.htmlPageMessage()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %d", e.Method, e.Route, e.Status)
	if e.Code != "" {
		b.WriteString(" " + e.Code)
	}
	if e.Msg != "" {
		b.WriteString(": " + e.Msg)
	}
	if params := e.invalidParams(); params != "" {
		b.WriteString(" (" + params + ")")
	}
	return b.String()
}

// invalidParams lists data.params of a rest_invalid_param error, which says
// which field WordPress refused and why.
func (e *APIError) invalidParams() string {
	var d struct {
		Params map[string]string `json:"params"`
	}
	if json.Unmarshal(e.Data, &d) != nil || len(d.Params) == 0 {
		return ""
	}
	var parts []string
	for k, v := range d.Params {
		parts = append(parts, k+": "+v)
	}
	return strings.Join(parts, "; ")
}

// route returns the URL of a REST route such as /wp/v2/posts.
func (c *Client) route(route string, q url.Values) string {
	u := *c.root
	v := url.Values{}
	for k, vs := range q {
		v[k] = vs
	}
	if c.plain {
		v.Set("rest_route", route)
	} else {
		u.Path = strings.TrimSuffix(u.Path, "/") + route
	}
	u.RawQuery = v.Encode()
	return u.String()
}

// do sends a request to a REST route and decodes a JSON answer into out
// (when out is not nil). It returns the response, with its body closed.
func (c *Client) do(ctx context.Context, method, route string, q url.Values, body, out any) (*http.Response, error) {
	if c.root == nil {
		return nil, errors.New("wordpress client used before Discover")
	}
	var rd io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return nil, fmt.Errorf("encode request: %w", err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.route(route, q), rd)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return c.send(req, method+" "+route, out)
}

// send signs and sends req and decodes the answer; what names the request
// in errors (never its URL's credentials, which it has none of anyway).
func (c *Client) send(req *http.Request, what string, out any) (*http.Response, error) {
	req.SetBasicAuth(c.user, string(c.password))
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.UserAgent)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, scrubURLError(err))
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp, fmt.Errorf("%s: read answer: %w", what, err)
	}
	if err := checkResponse(req, resp, data); err != nil {
		return resp, err
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return resp, fmt.Errorf("%s: the answer is not WordPress REST JSON (%v): %s", what, err, describeBody(resp.Header.Get("Content-Type"), data))
		}
	}
	return resp, nil
}

// checkResponse turns a non-2xx answer into an *APIError (decodeError).
func checkResponse(req *http.Request, resp *http.Response, data []byte) error {
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	return decodeError(req.Method, routeOf(req.URL), resp.StatusCode, resp.Header.Get("Content-Type"), data)
}

// routeOf names a request by its REST route, for messages.
func routeOf(u *url.URL) string {
	if r := u.Query().Get("rest_route"); r != "" {
		return r
	}
	return u.Path
}

// snippet shortens a body for an error message.
func snippet(data []byte) string {
	s := strings.TrimSpace(string(data))
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// scrubURLError drops the URL from a *url.Error: callers name the request
// themselves, and the full URL adds noise.
func scrubURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// StatusCode lets package sync tell a refused write (4xx) from one whose
// outcome is unknown, without importing this package.
func (e *APIError) StatusCode() int { return e.Status }
