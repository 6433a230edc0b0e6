// Package wpfake is a fake WordPress for unit tests: the parts of the REST
// API that wpsync uses, on an httptest server, with a request log and
// per-route fault injection. It is the one stand-in for WordPress in unit
// tests; end-to-end tests run against a real WordPress (internal/wptest),
// and the fake is never the only proof of a behaviour.
//
// In a test:
//
//	wp := wpfake.New(t, wpfake.Options{})
//	c, _ := wordpress.New(wp.URL, wpfake.Admin, wpfake.Password, nil)
//	... c.Connect(ctx) ...
//	for _, r := range wp.Requests() { ... r.Method, r.Route ... }
//
// # What it mirrors
//
// It behaves like WordPress 6.1 (the version the end-to-end tests run)
// where wpsync relies on it:
//
//   - Discovery: the front page sends Link: <root>; rel="https://api.w.org/".
//     Routes answer at /wp-json/ROUTE and at /?rest_route=ROUTE; with
//     Options.Plain only the latter (as with plain permalinks, /wp-json/ is
//     the theme's 404 page).
//   - Authentication: HTTP Basic with a user's login name (or e-mail) and
//     application password, spaces ignored. A wrong password is 401
//     incorrect_password, an unknown user 401 invalid_username (or, with
//     Options.BadAuthAsVisitor, the request runs as a visitor, as 6.1 does
//     under php -S). Without credentials a request runs as a visitor, and
//     /wp/v2/users/me answers 401 rest_not_logged_in.
//   - Posts, pages and custom types (Options.Types): list with context,
//     slug, include, status (any = all but trash), search, author, orderby
//     id/date, per_page (1–100) and page, X-WP-Total and X-WP-TotalPages,
//     _fields (dotted names too); edit context lists only what the user
//     may edit. Create (201) and update (only the fields sent); slugs go
//     through wpslug.Sanitize and are made unique per type with -2, -3 …
//     (drafts and pending posts are not, as in wp_unique_post_slug), a
//     trashed post holding a slug is renamed SLUG__trashed when another
//     takes it; a draft without a slug has none (generated_slug tells the
//     one it would get). publish with a date ahead of the fake clock is
//     stored as future. Titles and excerpts of users without
//     unfiltered_html are escaped as kses does ("&" → "&amp;", "<", ">",
//     '"'). DELETE moves to the trash (410 rest_already_trashed the second
//     time), force=true deletes.
//   - Terms (categories, tags): list, create (400 term_exists with
//     data.term_id for a name taken under the same parent), names stored
//     HTML-escaped ("A &amp; B").
//   - Media: upload with the file as the body and Content-Disposition's
//     filename= (not filename*=: rest_upload_invalid_disposition), types
//     allowed by extension (SVG and unknown ones: 500
//     rest_upload_sideload_error), name clashes get -1, -2 …; the files are
//     served under /wp-content/uploads/; look-up by slug.
//   - Users: /wp/v2/users/me in edit context (roles, capabilities), a user
//     by ID in view context (users with published posts, or to whom may
//     list users), users
//     listed with search in edit context (needs list_users) or view context
//     (only users with published posts). Each user's one Application
//     Password: introspect, and DELETE by its UUID (then it signs nothing in).
//   - /wp/v2/settings (default_category 1, to users with manage_options),
//     /wp/v2/types, /wp/v2/block-types (Options.BlockTypes), /wp/v2/templates,
//     the REST index (namespaces, authentication.application-passwords only
//     when offered).
//   - /batch/v1: OPTIONS describes it with requests.maxItems
//     (Options.MaxBatch, 25 by default); POST runs up to that many
//     sub-requests to posts, pages, custom types and terms (not media) and
//     answers 207 with one status and body per sub-request, not
//     transactional.
//   - XML-RPC wp.getUsersBlogs and author pages (?author_name=), which
//     `wpsync doctor` asks.
//
// Slugs WordPress never gives out (feed names and "embed", numbers for
// pages: wp_unique_post_slug) get -2 like a taken one.
//
// What it does not do: render content (rendered = raw), time zones (the
// site's is UTC), comments, revisions, meta, kses on content beyond
// removing <script> and <iframe> elements.
//
// # Faults
//
// Fail adds a fault for requests matching a method and route: an answer
// of its own (status and body, or an HTML error page as a firewall or
// proxy sends), a delay, or "perform the write but lose the answer" (the
// connection is closed after the write is stored). A fault's Before hook
// runs before a matching write is stored, without the fake's lock held, so
// it may change the site (a write of another run landing first); Replay
// stores the same write once more just before it (a killed run's copy).
package wpfake

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	gosync "sync"
	"testing"
	"time"
)

// Admin and Password are the login name and application password of the
// administrator every fake site starts with (user ID 1). Password has the
// form WordPress shows: 24 letters and digits in groups of four.
const (
	Admin    = "admin"
	Password = "abcd EFGH ijkl MNOP qrst UVWX"
)

// Options shape a fake site.
type Options struct {
	// Plain: plain permalinks. The REST API answers only at
	// /?rest_route=ROUTE; /wp-json/ is a 404 page.
	Plain bool
	// NoLink: the front page lacks the Link header (a cache dropped it).
	NoLink bool
	// Link, when set, is the REST root the front page announces in its
	// Link header instead of its own (/wp-json/ or /?rest_route=/ on URL):
	// a WordPress behind a TLS proxy that announces http://, or one whose
	// address settings name another host. NoLink wins.
	Link string
	// IndexURL, when set, is the url (WordPress Address) the REST index
	// gives instead of URL; home stays URL.
	IndexURL string
	// TLS: serve over HTTPS (httptest.NewTLSServer). URL is https://…, and
	// Client and TLSConfig trust the server's certificate.
	TLS bool
	// NoAppPasswords: the site does not offer Application Passwords (plain
	// HTTP without WP_ENVIRONMENT_TYPE local). The index lists none, and
	// credentials are ignored: requests run as a visitor.
	NoAppPasswords bool
	// StripAuth: something in front of WordPress drops the Authorization
	// header (Apache with CGI, without CGIPassAuth).
	StripAuth bool
	// Staging: the web server asks for a password of its own: every
	// request is answered 401 with WWW-Authenticate and an HTML page.
	Staging bool
	// BadAuthAsVisitor: wrong credentials make a request run as a visitor
	// (rest_not_logged_in where a user is needed) instead of failing with
	// incorrect_password or invalid_username, as WordPress 6.1 does under
	// php -S and Apache when it decided who the visitor is too early.
	BadAuthAsVisitor bool
	// NoBatch: the site has no /batch/v1 (404 rest_no_route).
	NoBatch bool
	// MaxBatch is requests.maxItems of /batch/v1; 0 means WordPress's 25.
	MaxBatch int
	// XMLRPC: "" answers wp.getUsersBlogs; "off" (fault 405, XML-RPC
	// disabled), "broken" (fault -32700, PHP without its xml extension),
	// "404" (xmlrpc.php blocked).
	XMLRPC string
	// Types are the site's post types; nil means DefaultTypes. Add a
	// custom type with append(wpfake.DefaultTypes(), wpfake.Type{...}).
	Types []Type
	// BlockTypes is the JSON array /wp/v2/block-types answers with (each
	// item at least {"name": ...}); nil means none. BlockTypesOf gives
	// those of a WordPress version; SetBlockTypes changes them later.
	BlockTypes []byte
	// Templates are a block theme's templates (/wp/v2/templates); nil is a
	// classic theme, whose list is empty. A post's template must be one of
	// the custom ones, or of PageTemplates.
	Templates []Template
	// PageTemplates are a classic theme's PHP page templates ("wide.php"):
	// WordPress takes them as a post's template (get_page_templates), but
	// /wp/v2/templates does not list them.
	PageTemplates []string
	// SaveFilter, when set, is a plugin's filter of what is saved
	// (content_save_pre, excerpt_save_pre): called with "content" or
	// "excerpt" and the value being saved (after kses), it returns what is
	// stored.
	SaveFilter func(field, value string) string
	// Now is the fake clock's start; zero means 2026-01-01T00:00:00Z. The
	// clock moves one second with every write, so each write has its own
	// modified_gmt.
	Now time.Time
}

// Type is a post type.
type Type struct {
	Slug         string   // post, page, book
	RESTBase     string   // posts, pages, books
	Hierarchical bool     // pages: parent and menu_order
	Taxonomies   []string // category, post_tag
}

// DefaultTypes are the post types of a WordPress without plugins, as
// /wp/v2/types lists them: post, page, attachment and wp_block.
func DefaultTypes() []Type {
	return []Type{
		{Slug: "post", RESTBase: "posts", Taxonomies: []string{"category", "post_tag"}},
		{Slug: "page", RESTBase: "pages", Hierarchical: true},
		{Slug: "attachment", RESTBase: "media"},
		{Slug: "wp_block", RESTBase: "blocks"},
	}
}

// Template is an item of /wp/v2/templates.
type Template struct {
	Slug     string
	IsCustom bool
}

// Server is a running fake WordPress.
type Server struct {
	// URL is the site address: http://127.0.0.1:PORT (https:// with
	// Options.TLS), no trailing slash.
	URL string

	opts Options
	srv  *httptest.Server

	mu      gosync.Mutex
	log     []Request
	faults  []*fault
	now     time.Time
	nextID  int
	posts   map[int]*Post
	terms   map[string][]*Term // by taxonomy
	users   []*User
	media   map[int]*Media
	files   map[string][]byte // upload path → bytes
	types   []Type
	batchSz int
}

// New starts a fake site and closes it when the test ends.
func New(tb testing.TB, opts Options) *Server {
	tb.Helper()
	s := Start(opts)
	tb.Cleanup(s.Close)
	return s
}

// Start starts a fake site; Close stops it.
func Start(opts Options) *Server {
	s := &Server{opts: opts, posts: map[int]*Post{}, terms: map[string][]*Term{}, media: map[int]*Media{}, files: map[string][]byte{}, nextID: 1}
	s.now = opts.Now
	if s.now.IsZero() {
		s.now = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	s.batchSz = opts.MaxBatch
	if s.batchSz <= 0 {
		s.batchSz = 25
	}
	s.types = opts.Types
	if s.types == nil {
		s.types = DefaultTypes()
	}
	s.AddUser(User{ID: 1, Login: Admin, Name: Admin, Email: "admin@example.com", Roles: []string{"administrator"}, AppPassword: Password})
	// Every site has the category Uncategorized, ID 1. Objects made later
	// take IDs from one counter, so no two share one.
	s.terms["categories"] = []*Term{{ID: 1, Taxonomy: "categories", Name: "Uncategorized", Slug: "uncategorized"}}
	if opts.TLS {
		s.srv = httptest.NewTLSServer(http.HandlerFunc(s.serve))
	} else {
		s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	}
	s.URL = s.srv.URL
	return s
}

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// Client returns an HTTP client for the server (httptest's).
func (s *Server) Client() *http.Client { return s.srv.Client() }

// TLSConfig is the TLS configuration that trusts the server's certificate
// (Options.TLS), for wordpress.NewHTTPClient; nil for a plain-HTTP site.
func (s *Server) TLSConfig() *tls.Config {
	if s.srv.TLS == nil {
		return nil
	}
	return s.srv.Client().Transport.(*http.Transport).TLSClientConfig
}

// claim returns id, or a fresh object ID when id is 0, and keeps later IDs
// above it; s.mu is held.
func (s *Server) claim(id int) int {
	if id == 0 {
		s.nextID++
		return s.nextID
	}
	s.nextID = max(s.nextID, id)
	return id
}

// tick moves the fake clock one second and returns it.
func (s *Server) tick() time.Time {
	s.now = s.now.Add(time.Second)
	return s.now
}

// Request is one request as the fake received it.
type Request struct {
	Method string
	// Route is the REST route (/wp/v2/posts/12, /batch/v1, /), or for a
	// request outside the REST API its path (/, /xmlrpc.php).
	Route string
	// Query holds the request's parameters, rest_route left out.
	Query url.Values
	// Header holds the request's headers, Authorization left out (Auth
	// says whether there was one); nil for batch sub-requests.
	Header http.Header
	// Body is the request body (a batch sub-request's JSON body).
	Body []byte
	// Auth: the request carried an Authorization header.
	Auth bool
	// User is the login name the request ran as; "" for a visitor.
	User string
	// Batch: a sub-request of a POST /batch/v1 (logged after it).
	Batch bool
	// REST: a request to the REST API (not the front page, xmlrpc.php or
	// an upload).
	REST bool
	// Status is the status answered (0 when the answer was lost).
	Status int
}

// Param returns a parameter of the request as WordPress reads it: from
// the JSON body, else the query; a JSON value that is not a string in its
// JSON form ("12", "[1,2]", "true"). "" when absent.
func (r Request) Param(key string) string {
	var body map[string]json.RawMessage
	if json.Unmarshal(r.Body, &body) == nil {
		if v, ok := body[key]; ok {
			var str string
			if json.Unmarshal(v, &str) == nil {
				return str
			}
			return string(v)
		}
	}
	return r.Query.Get(key)
}

// keyParams are the parameters String shows, in this order.
var keyParams = []string{"slug", "include", "status", "context", "search", "force", "page"}

// String is "METHOD ROUTE" and the key parameters that were sent:
// "GET /wp/v2/posts slug=a status=any context=edit".
func (r Request) String() string {
	var b strings.Builder
	b.WriteString(r.Method + " " + r.Route)
	for _, k := range keyParams {
		if r.Query.Has(k) {
			fmt.Fprintf(&b, " %s=%s", k, r.Query.Get(k))
		}
	}
	return b.String()
}

// IsWrite reports whether the request asks to change the site: a POST,
// PUT, PATCH or DELETE to the REST API other than the /batch/v1 envelope
// (whose sub-requests are logged one by one).
func (r Request) IsWrite() bool {
	if !r.REST || r.Route == "/batch/v1" {
		return false
	}
	switch r.Method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		return true
	}
	return false
}

// Requests returns the request log, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.log)
}

// Log returns the request log as strings (Request.String), REST requests
// only, batch sub-requests marked with a leading "batch: ".
func (s *Server) Log() []string {
	var out []string
	for _, r := range s.Requests() {
		if !r.REST {
			continue
		}
		l := r.String()
		if r.Batch {
			l = "batch: " + l
		}
		out = append(out, l)
	}
	return out
}

// Writes returns the logged requests that asked to change the site
// (Request.IsWrite), batch sub-requests included one by one.
func (s *Server) Writes() []Request {
	var out []Request
	for _, r := range s.Requests() {
		if r.IsWrite() {
			out = append(out, r)
		}
	}
	return out
}

// ResetLog empties the request log.
func (s *Server) ResetLog() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = nil
}

// Fault is a failure injected for the requests that match it.
type Fault struct {
	// Method matches the request method; "" matches any.
	Method string
	// Route matches the REST route (or, outside the REST API, the path):
	// exactly, or, ending in "*", by prefix ("/wp/v2/posts/*"); "" matches
	// any. Sub-requests of a batch are matched too (with their Status,
	// Body and Before; Delay and LoseAnswer apply to whole requests only).
	Route string
	// If, when set, narrows the match to the requests it returns true for
	// (say, a write of one slug: r.Param("slug") == "x").
	If func(r Request) bool
	// Times is how many matching requests fail; 0 means all until
	// ClearFaults.
	Times int

	// Status and Body replace the answer when Status is not 0. Body is
	// sent as application/json unless ContentType says otherwise; an empty
	// Body becomes WordPress's error JSON with code "fake_error". Header
	// is added to the answer (Retry-After, say).
	Status      int
	Body        string
	ContentType string
	Header      http.Header
	// Delay holds the answer back that long (the request's context
	// cancels it).
	Delay time.Duration
	// LoseAnswer performs the request, then closes the connection without
	// an answer: the write is stored and the client cannot know.
	LoseAnswer bool
	// Before runs before a matching request is served (and a write
	// stored), without the fake's lock: it may seed or change the site.
	Before func()
	// Replay serves a matching request twice: first as a copy that is
	// neither answered nor logged, then as itself. It is the same write of
	// a run that was killed after sending it, landing just before this
	// one: WordPress stores both, the second create with the slug made
	// unique ("a-2").
	Replay bool
	// Prefix is written before the body of the answer, the site's own
	// (Status 0) or the fault's: output a PHP notice or warning prints
	// ahead of WordPress's JSON on a host with display_errors on, or a
	// UTF-8 byte-order mark at the top of a PHP file ("\uFEFF"). Whole
	// requests only: a batch's sub-requests are answered inside its JSON.
	Prefix string
}

type fault struct {
	Fault
	left int // -1: unlimited
}

// Fail adds a fault. Faults are tried in the order they were added; the
// first that matches a request applies.
func (s *Server) Fail(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	left := f.Times
	if left == 0 {
		left = -1
	}
	s.faults = append(s.faults, &fault{Fault: f, left: left})
}

// FailNext makes the next requests, whatever they are, answer with these
// statuses in turn (a 429 with Retry-After: 1), each as WordPress's error
// JSON.
func (s *Server) FailNext(statuses ...int) {
	for _, st := range statuses {
		f := Fault{Times: 1, Status: st}
		if st == http.StatusTooManyRequests {
			f.Header = http.Header{"Retry-After": {"1"}}
		}
		s.Fail(f)
	}
}

// ClearFaults removes every fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// HTMLPage is an HTML error page as a web server, proxy or firewall sends
// one, with a <title>: for Fault.Body with ContentType "text/html".
func HTMLPage(title string) string {
	return `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>` + title + `</title>
</head><body>
<h1>` + title + `</h1>
<p>You don't have permission to access this resource.</p>
</body></html>
`
}

// match returns the fault for a request, counting it; s.mu is held.
func (s *Server) match(r Request) *Fault {
	method, route := r.Method, r.Route
	for i, f := range s.faults {
		if f.Method != "" && f.Method != method {
			continue
		}
		if f.If != nil && !f.If(r) {
			continue
		}
		if f.Route != "" {
			if p, ok := strings.CutSuffix(f.Route, "*"); ok {
				if !strings.HasPrefix(route, p) {
					continue
				}
			} else if f.Route != route {
				continue
			}
		}
		if f.left > 0 {
			f.left--
			if f.left == 0 {
				s.faults = slices.Delete(s.faults, i, i+1)
			}
		}
		ff := f.Fault
		return &ff
	}
	return nil
}

// answer is a response being built, for whole requests and batch
// sub-requests alike.
type answer struct {
	status int
	header http.Header
	body   []byte
}

func (a *answer) Header() http.Header {
	if a.header == nil {
		a.header = http.Header{}
	}
	return a.header
}
func (a *answer) Write(b []byte) (int, error) {
	if a.status == 0 {
		a.status = 200
	}
	a.body = append(a.body, b...)
	return len(b), nil
}
func (a *answer) WriteHeader(status int) {
	if a.status == 0 {
		a.status = status
	}
}

// faultAnswer is the answer a fault gives.
func faultAnswer(f *Fault) *answer {
	a := &answer{status: f.Status}
	for k, v := range f.Header {
		a.Header()[k] = v
	}
	ct := f.ContentType
	body := f.Body
	if ct == "" {
		ct = "application/json; charset=UTF-8"
	}
	if body == "" {
		body = fmt.Sprintf(`{"code":"fake_error","message":"Injected failure.","data":{"status":%d}}`, f.Status)
	}
	a.Header().Set("Content-Type", ct)
	a.body = []byte(body)
	return a
}

// serve is the HTTP handler: it logs the request, applies faults, and
// hands it to the site.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	route, rest := s.routeOf(r)
	body := readBody(r)
	req := Request{Method: r.Method, Route: route, Query: r.URL.Query(), Header: r.Header.Clone(), Body: body, Auth: r.Header.Get("Authorization") != "", REST: rest}
	req.Query.Del("rest_route")
	req.Header.Del("Authorization")
	if !rest {
		req.Route = r.URL.Path
	}
	s.mu.Lock()
	f := s.match(req)
	s.mu.Unlock()

	var a *answer
	if f != nil && f.Delay > 0 {
		select {
		case <-time.After(f.Delay):
		case <-r.Context().Done():
			s.record(req, 0)
			return
		}
	}
	if f != nil && f.Before != nil {
		f.Before()
	}
	if f != nil && f.Status != 0 {
		a = faultAnswer(f)
		s.record(req, a.status)
	} else {
		a = &answer{}
		var subs []Request
		s.mu.Lock()
		if f != nil && f.Replay {
			s.handle(&answer{}, r, route, rest, body)
		}
		req.User, subs = s.handle(a, r, route, rest, body)
		if a.status == 0 {
			a.status = 200
		}
		req.Status = a.status
		s.log = append(s.log, req)
		s.log = append(s.log, subs...)
		s.mu.Unlock()
	}
	if f != nil && f.Prefix != "" {
		a.body = append([]byte(f.Prefix), a.body...)
	}
	if f != nil && f.LoseAnswer {
		s.setLost(req)
		hijackClose(w)
		return
	}
	for k, v := range a.header {
		w.Header()[k] = v
	}
	w.WriteHeader(a.status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(a.body)
	}
}

func (s *Server) record(req Request, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	req.Status = status
	s.log = append(s.log, req)
}

// setLost marks the last logged copy of req as unanswered.
func (s *Server) setLost(req Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.log) - 1; i >= 0; i-- {
		if s.log[i].Method == req.Method && s.log[i].Route == req.Route && !s.log[i].Batch {
			s.log[i].Status = 0
			return
		}
	}
}

// hijackClose closes the connection without an answer.
func hijackClose(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("wpfake: cannot lose an answer: the ResponseWriter is no Hijacker")
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(err)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0) // a reset, as a dropped connection gives
	}
	conn.Close()
}

// routeOf returns the REST route of a request and whether it is one.
func (s *Server) routeOf(r *http.Request) (string, bool) {
	q := r.URL.Query()
	if q.Has("rest_route") && (r.URL.Path == "/" || r.URL.Path == "/index.php") {
		rr := q.Get("rest_route")
		if rr == "" {
			rr = "/"
		}
		return rr, true
	}
	if p, ok := strings.CutPrefix(r.URL.Path, "/wp-json"); ok && !s.opts.Plain && (p == "" || p[0] == '/') {
		if p == "" {
			p = "/"
		}
		return p, true
	}
	return "", false
}

// readBody reads a request body up to 64 MB.
func readBody(r *http.Request) []byte {
	var b bytes.Buffer
	_, _ = b.ReadFrom(bufio.NewReader(http.MaxBytesReader(nil, r.Body, 64<<20)))
	return b.Bytes()
}
