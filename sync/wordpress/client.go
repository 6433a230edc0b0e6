// Package wordpress is a client for the WordPress REST API (wp/v2),
// authenticated with an Application Password. Its Client implements
// sync.Publisher.
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

	wpsync "github.com/wpsync/wpsync/sync"
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

	batch  batchState
	me     *User      // the signed-in user, as Connect found it
	output outputNote // what the site printed before its JSON (output.go)
	media  mediaState // who makes the picture sizes (sideload.go)

	// UserAgent is sent with every request.
	UserAgent string
	// CallTimeout bounds one call with all its retries, a transfer of a
	// file excepted (see transfer); 0 leaves only the caller's context.
	CallTimeout time.Duration
	// IdleTimeout ends a transfer of a file that has moved no byte, sent
	// or received, for this long: the site stopped reading the upload or
	// stopped sending the download. The wait for the answer to start is
	// the transport's (NewHTTPClient), not this. 0: no limit.
	IdleTimeout time.Duration
}

// The client is the engine's one view of a site.
var _ wpsync.Publisher = (*Client)(nil)

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
	return &Client{site: u, user: user, password: secret(pw), http: hc, UserAgent: "wpsync", CallTimeout: callTimeout, IdleTimeout: idleTimeout}, nil
}

// Time limits. None bounds a whole transfer: a large upload on a slow line
// takes as long as it takes, and only the caller's context ends it. What
// is bounded is each wait that means something is stuck.
const (
	// headerTimeout is the default wait for an answer to start once the
	// request is sent (body included, so it does not cut a slow upload):
	// a local site answers in well under a second, a slow shared host in
	// a few, and a large upload is processed (resized) in well under this.
	headerTimeout = 30 * time.Second
	// dialTimeout and tlsTimeout bound connecting: a host that does not
	// answer at all is told within seconds, not after the system's TCP
	// time-out (minutes) times the retries.
	dialTimeout = 5 * time.Second
	tlsTimeout  = 10 * time.Second
	// callTimeout bounds one call that is not a transfer of a file (see
	// Client.CallTimeout), with all its retries: five tries of 30 s plus
	// their waits fit, a server that sends its answer forever does not.
	callTimeout = 3 * time.Minute
	// idleTimeout bounds a stall in the middle of a transfer of a file
	// (see Client.IdleTimeout): a line that moves nothing for a minute is
	// not slow but stuck.
	idleTimeout = time.Minute
)

// DefaultHTTPClient keeps connections alive, times out stuck requests and
// retries what is safe to retry.
func DefaultHTTPClient() *http.Client { return NewHTTPClient(nil, 0) }

// NewHTTPClient is DefaultHTTPClient with a TLS configuration (a private
// certificate authority; nil means the system's) and a time-out for one
// request to start answering once sent (0 means 30 s). It sets no
// http.Client.Timeout, which would cut a large upload: calls are bounded
// by their context (see Client.CallTimeout).
func NewHTTPClient(tlsConf *tls.Config, timeout time.Duration) *http.Client {
	base := http.DefaultTransport.(*http.Transport).Clone()
	if tlsConf != nil {
		base.TLSClientConfig = tlsConf
	}
	if timeout <= 0 {
		timeout = headerTimeout
	}
	base.ResponseHeaderTimeout = timeout
	base.DialContext = (&net.Dialer{Timeout: dialTimeout, KeepAlive: 30 * time.Second}).DialContext
	base.TLSHandshakeTimeout = tlsTimeout
	base.MaxIdleConnsPerHost = 8
	return &http.Client{Transport: NewRetryTransport(base)}
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

// rawBody is a request body sent as it is (an upload, an XML-RPC call),
// not as JSON. open may be called again, for a retry.
type rawBody struct {
	open        func() (io.ReadCloser, error)
	size        int64
	contentType string
}

// bytesBody is a rawBody of bytes in memory.
func bytesBody(data []byte, contentType string) *rawBody {
	return &rawBody{
		open:        func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil },
		size:        int64(len(data)),
		contentType: contentType,
	}
}

// newRequest builds every request the client sends. target is a REST
// route such as /wp/v2/posts, put under the root Discover found (the path
// under /wp-json/, or ?rest_route= on a site with plain permalinks), or
// the absolute address of a page of the site (its front page, xmlrpc.php,
// an uploaded file), used as it is. Only requests to REST routes are
// signed, with the credentials in the Authorization header (unsigned takes
// them off a REST request that must go without); the other request that
// carries them is the XML-RPC sign-in of doctor, in its body
// (XMLRPCSignIn). Either goes to the configured site's host only, over
// HTTPS when the site is HTTPS: Discover keeps the root there, and do
// follows no redirect that would take them elsewhere (see credentials.go).
// body is nil, a *rawBody, or a value sent as JSON.
func (c *Client) newRequest(ctx context.Context, method, target string, q url.Values, body any) (*http.Request, error) {
	rest := !strings.HasPrefix(target, "http://") && !strings.HasPrefix(target, "https://")
	u := target
	if rest {
		if c.root == nil {
			return nil, errors.New("wordpress client used before Discover")
		}
		u = c.route(target, q)
	} else if len(q) > 0 {
		u += "?" + q.Encode()
	}
	var (
		rd    io.Reader
		raw   *rawBody
		ctype string
	)
	switch b := body.(type) {
	case nil:
	case *rawBody:
		r, err := b.open()
		if err != nil {
			return nil, err
		}
		rd, raw, ctype = r, b, b.contentType
	default:
		data, err := json.Marshal(body)
		if err != nil {
			return nil, fmt.Errorf("encode request: %w", err)
		}
		rd, ctype = bytes.NewReader(data), "application/json"
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		if rc, ok := rd.(io.Closer); ok {
			rc.Close()
		}
		return nil, err
	}
	if raw != nil {
		req.ContentLength = raw.size
		req.GetBody = raw.open
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if rest {
		if c.user != "" { // a client without credentials (login) asks as a visitor
			req.SetBasicAuth(c.user, string(c.password))
		}
		req.Header.Set("Accept", "application/json")
	}
	req.Header.Set("User-Agent", c.UserAgent)
	return req, nil
}

// unsigned takes the credentials off a request: a question to the REST
// API that must be asked as an anonymous visitor.
func unsigned(req *http.Request) *http.Request {
	req.Header.Del("Authorization")
	return req
}

// do sends a request built by newRequest and reads the answer. A 2xx
// answer is decoded into v: as JSON, or, when v is an io.Writer, copied
// into it as it is; v may be nil. Any other answer is an *APIError
// (checkResponse). A request that got no answer (lost connection, time-out
// after the retries) is a *NoAnswerError. The response is returned, body
// closed, whenever there was one, for its status and headers. A redirect
// that would take the credentials off the site is not followed: a
// *RedirectError, with the redirect's response.
//
// A call other than a transfer of a file (see transfer) is bounded by
// CallTimeout besides its context.
func (c *Client) do(req *http.Request, v any) (*http.Response, error) {
	var idle *idleWatch
	callCtx, parent := req.Context(), req.Context()
	switch {
	case c.CallTimeout > 0 && !isTransfer(req.Context()):
		var cancel context.CancelFunc
		callCtx, cancel = context.WithTimeout(req.Context(), c.CallTimeout)
		defer cancel()
		req = req.WithContext(callCtx)
	case c.IdleTimeout > 0 && isTransfer(req.Context()):
		idle = watchIdle(req, c.IdleTimeout)
		defer idle.stop()
		req = idle.req
	}
	what := req.Method + " " + c.nameOf(req.URL)
	// A copy of the caller's client with the redirect policy that keeps
	// the credentials on the site: every request follows it, whichever
	// *http.Client New was given.
	hc := *c.http
	hc.CheckRedirect = c.redirectPolicy(c.http.CheckRedirect)
	resp, err := hc.Do(req)
	var re *RedirectError
	if errors.As(err, &re) {
		return resp, fmt.Errorf("%s: %w", what, re)
	}
	if err != nil {
		if cause := idle.err(); cause != nil {
			return nil, &NoAnswerError{What: what, Err: cause, Late: true}
		}
		var ne net.Error
		late := errors.As(err, &ne) && ne.Timeout() && req.Context().Err() == nil
		err = scrubURLError(err)
		if callCtx.Err() != nil && parent.Err() == nil {
			err = fmt.Errorf("gave up after %v, the limit of one call with its retries: %w", c.CallTimeout, err)
		}
		return nil, &NoAnswerError{What: what, Err: err, Late: late}
	}
	defer resp.Body.Close()
	body := idle.reader(resp.Body)
	if w, ok := v.(io.Writer); ok && resp.StatusCode >= 200 && resp.StatusCode < 300 {
		if _, err := io.Copy(w, body); err != nil {
			return resp, fmt.Errorf("%s: read answer: %w", what, idle.or(err))
		}
		return resp, nil
	}
	data, err := io.ReadAll(body)
	if err != nil {
		if callCtx.Err() != nil && parent.Err() == nil {
			return resp, fmt.Errorf("%s: read answer: gave up after %v, the limit of one call with its retries: %w", what, c.CallTimeout, err)
		}
		return resp, fmt.Errorf("%s: read answer: %w", what, idle.or(err))
	}
	// JSON after a PHP notice or a byte-order mark (output.go): what
	// WordPress answered is the JSON.
	if jsonType := strings.Contains(resp.Header.Get("Content-Type"), "json"); jsonType || req.Header.Get("Accept") == "application/json" {
		if prefix, value, ok := afterOutput(data, jsonType); ok {
			c.output.note(prefix)
			data = value
		}
	}
	if err := c.checkResponse(req, resp, data); err != nil {
		return resp, err
	}
	if v != nil {
		if err := json.Unmarshal(data, v); err != nil {
			return resp, fmt.Errorf("%s: the answer is not WordPress REST JSON (%v): %s", what, err, describeBody(resp.Header.Get("Content-Type"), data))
		}
	}
	return resp, nil
}

// NoAnswerError is a request that got no answer: the connection failed or
// was lost, or the site did not start to answer in time, after the
// retries the transport makes. Whether a write landed is unknown.
type NoAnswerError struct {
	What string // method and route, such as "POST /wp/v2/posts"
	Err  error
	// Late: the site did not connect or start to answer within the
	// transport's time-outs (rather than the caller's context ending).
	Late bool
}

func (e *NoAnswerError) Error() string {
	if e.Late {
		return e.What + ": no answer in time: " + e.Err.Error()
	}
	return e.What + ": " + e.Err.Error()
}

func (e *NoAnswerError) Unwrap() error { return e.Err }

// checkResponse turns a non-2xx answer into an *APIError (decodeError).
func (c *Client) checkResponse(req *http.Request, resp *http.Response, data []byte) error {
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	return decodeError(req.Method, c.nameOf(req.URL), resp.StatusCode, resp.Header.Get("Content-Type"), data)
}

// nameOf names a request's address in messages: a REST route by the
// route alone (/wp/v2/posts, whichever form of root the site has), a page
// of the site by its address.
func (c *Client) nameOf(u *url.URL) string {
	if r := u.Query().Get("rest_route"); r != "" {
		return r
	}
	if c.root != nil && !c.plain && u.Host == c.root.Host {
		root := strings.TrimSuffix(c.root.Path, "/")
		if route, ok := strings.CutPrefix(u.Path, root); ok && (route == "" || route[0] == '/') {
			if route == "" {
				route = "/"
			}
			return route
		}
	}
	return u.String()
}

// call is newRequest and do in one, for the usual request to a REST route.
func (c *Client) call(ctx context.Context, method, route string, q url.Values, body, v any) (*http.Response, error) {
	req, err := c.newRequest(ctx, method, route, q, body)
	if err != nil {
		return nil, err
	}
	return c.do(req, v)
}

type transferKey struct{}

// transfer marks a call that moves a file (an upload, a download): it is
// bounded by the caller's context, the transport's time-outs for
// connecting and for the answer to start, and IdleTimeout for a stall,
// not by CallTimeout, so that a large file on a slow line is not cut off.
func transfer(ctx context.Context) context.Context {
	return context.WithValue(ctx, transferKey{}, true)
}

func isTransfer(ctx context.Context) bool {
	v, _ := ctx.Value(transferKey{}).(bool)
	return v
}

// idleWatch ends a transfer that has moved no byte for a while (see
// Client.IdleTimeout): its timer runs while the request body is read and
// while the answer's body is, and is stopped in between, when the wait
// for the answer to start is the transport's. A nil *idleWatch watches
// nothing.
type idleWatch struct {
	req    *http.Request // the request, with the watch's context and body
	d      time.Duration
	timer  *time.Timer
	cancel context.CancelCauseFunc
}

// errIdle is the cause of a transfer ended by an idleWatch.
type errIdle time.Duration

func (e errIdle) Error() string {
	return fmt.Sprintf("the transfer stalled: no byte moved for %v", time.Duration(e))
}

func watchIdle(req *http.Request, d time.Duration) *idleWatch {
	ctx, cancel := context.WithCancelCause(req.Context())
	w := &idleWatch{d: d, cancel: cancel}
	w.timer = time.AfterFunc(d, func() { cancel(errIdle(d)) })
	w.timer.Stop()
	w.req = req.WithContext(ctx)
	if req.Body != nil {
		w.req.Body = w.reader(req.Body)
		if get := req.GetBody; get != nil {
			w.req.GetBody = func() (io.ReadCloser, error) {
				b, err := get()
				if err != nil {
					return nil, err
				}
				return w.reader(b), nil
			}
		}
	}
	return w
}

// reader is r, restarting the watch's timer on each read until the end.
func (w *idleWatch) reader(r io.ReadCloser) io.ReadCloser {
	if w == nil {
		return r
	}
	return &idleReader{ReadCloser: r, w: w}
}

// err is the watch's cause when it ended the transfer, else nil.
func (w *idleWatch) err() error {
	if w == nil {
		return nil
	}
	var e errIdle
	if cause := context.Cause(w.req.Context()); errors.As(cause, &e) {
		return e
	}
	return nil
}

// or is the watch's cause when it ended the transfer, else err.
func (w *idleWatch) or(err error) error {
	if cause := w.err(); cause != nil {
		return cause
	}
	return err
}

func (w *idleWatch) stop() {
	w.timer.Stop()
	w.cancel(nil)
}

type idleReader struct {
	io.ReadCloser
	w *idleWatch
}

// Close stops the timer: the transport closes a request's body once it
// has sent it, and the wait for the answer is not the watch's.
func (r *idleReader) Close() error {
	r.w.timer.Stop()
	return r.ReadCloser.Close()
}

func (r *idleReader) Read(p []byte) (int, error) {
	r.w.timer.Reset(r.w.d)
	n, err := r.ReadCloser.Read(p)
	if err != nil {
		r.w.timer.Stop()
	} else {
		r.w.timer.Reset(r.w.d)
	}
	return n, err
}

// snippet shortens a body for an error message, to 200 characters.
func snippet(data []byte) string {
	s := strings.TrimSpace(string(data))
	if r := []rune(s); len(r) > 200 {
		s = string(r[:200]) + "…"
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
