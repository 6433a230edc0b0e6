package wordpress

// Probes for `wpsync doctor`. Each asks the site one question and returns
// the answer as found; package internal/doctor judges the answers and
// explains them. Probes that do not need the credentials are anonymous, so
// that a site which does not offer Application Passwords never receives
// them.

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Answer is what a probe found out: yes, no, or it could not tell.
type Answer int

const (
	Unknown Answer = iota
	Yes
	No
)

func (a Answer) String() string {
	return [...]string{"unknown", "yes", "no"}[a]
}

// FrontPage is what the site address answers to an anonymous GET.
type FrontPage struct {
	Status int    // HTTP status, after redirects
	URL    string // the address that answered, after redirects
	// APIRoot is the REST root announced in the Link header, "" when the
	// header is missing (a cache or proxy dropped it).
	APIRoot string
	// Challenge is the WWW-Authenticate header of a 401: the web server, not
	// WordPress, asks for a password (common on staging sites).
	Challenge string
}

// FrontPage fetches the site address. Its error is a *ConnectError.
func (c *Client) FrontPage(ctx context.Context) (*FrontPage, error) {
	first, stop := withFirstContact(ctx)
	req, err := c.newRequest(first, http.MethodGet, c.site.String()+"/", nil, nil)
	if err != nil {
		stop()
		return nil, err
	}
	resp, err := c.do(req, io.Discard) // any status: it is what doctor judges
	if resp == nil {
		return nil, c.unreachable(ctx, req, stop(), err)
	}
	stop()
	fp := &FrontPage{Status: resp.StatusCode, URL: resp.Request.URL.String()}
	for _, h := range resp.Header.Values("Link") {
		if m := linkRE.FindStringSubmatch(h); m != nil {
			fp.APIRoot = m[1]
			break
		}
	}
	if resp.StatusCode == http.StatusUnauthorized {
		fp.Challenge = resp.Header.Get("WWW-Authenticate")
	}
	return fp, nil
}

// Plain reports whether Discover found the REST API at ?rest_route= (plain
// permalinks) rather than under a path such as /wp-json/.
func (c *Client) Plain() bool { return c.plain }

// Index is the REST API index as an anonymous visitor sees it.
type Index struct {
	Name       string   `json:"name"`
	URL        string   `json:"url"`  // WordPress Address (where wp-admin and xmlrpc.php live)
	Home       string   `json:"home"` // Site Address
	Namespaces []string `json:"namespaces"`
	// AppPasswords is set when the index lists
	// authentication.application-passwords, which WordPress does only when
	// they are available (HTTPS, or WP_ENVIRONMENT_TYPE 'local').
	AppPasswords bool `json:"-"`
}

// Index reads the REST API index, anonymously. It needs Discover first. An
// index that answers only signed-in users (a plugin restricts the API) is
// an *APIError with status 401 or 403.
func (c *Client) Index(ctx context.Context) (*Index, error) {
	req, err := c.newRequest(ctx, http.MethodGet, "/", url.Values{"_fields": {"name,url,home,namespaces,authentication"}}, nil)
	if err != nil {
		return nil, err
	}
	var raw struct {
		Index
		Authentication json.RawMessage `json:"authentication"`
	}
	if _, err := c.do(unsigned(req), &raw); err != nil {
		return nil, err
	}
	idx := raw.Index
	var schemes map[string]json.RawMessage
	if json.Unmarshal(raw.Authentication, &schemes) == nil && schemes["application-passwords"] != nil {
		idx.AppPasswords = true
	}
	return &idx, nil
}

// httpsProbeTimeout bounds HTTPSAppPasswords: a site that answers over
// HTTPS does within a second or two; most plain-HTTP sites do not at all.
const httpsProbeTimeout = 10 * time.Second

// HTTPSAppPasswords asks whether a site configured with an http:// address
// also answers over HTTPS, on the same host, as a WordPress that offers
// Application Passwords there; if so it returns that https:// address, else
// "". It asks anonymously through the client's own request path and HTTP
// client (its TLS settings), each request once and the whole question
// within httpsProbeTimeout: no answer is an answer here, not a failure to
// retry.
func (c *Client) HTTPSAppPasswords(ctx context.Context) string {
	s := *c.site
	s.Scheme = "https"
	if s.Port() == "80" {
		s.Host = s.Hostname()
	}
	ctx, cancel := context.WithTimeout(oneTry(ctx), httpsProbeTimeout)
	defer cancel()
	o := &Client{site: &s, http: c.http, UserAgent: c.UserAgent, CallTimeout: c.CallTimeout}
	if o.Discover(ctx) != nil {
		return ""
	}
	if idx, err := o.Index(ctx); err == nil && idx.AppPasswords {
		return o.Site()
	}
	return ""
}

// HasNamespace reports whether the index lists a namespace such as wp/v2.
func (idx *Index) HasNamespace(ns string) bool {
	for _, n := range idx.Namespaces {
		if n == ns {
			return true
		}
	}
	return false
}

// xmlrpcAnswer is the part of an XML-RPC answer that tells success from
// failure.
type xmlrpcAnswer struct {
	XMLName xml.Name  `xml:"methodResponse"`
	Params  *struct{} `xml:"params"`
	Fault   *struct {
		Members []struct {
			Name  string `xml:"name"`
			Value struct {
				Int  string `xml:"int"`
				I4   string `xml:"i4"`
				Str  string `xml:"string"`
				Text string `xml:",chardata"`
			} `xml:"value"`
		} `xml:"value>struct>member"`
	} `xml:"fault"`
}

// XMLRPCSignIn asks xmlrpc.php at base (the WordPress Address, Index.URL)
// whether the credentials sign in, with wp.getUsersBlogs. The request
// carries them in its body, so it goes to the configured site's scheme,
// host and port only (xmlrpcURL): base gives the folder, and a base on
// another host is not used. XML-RPC takes
// them in the request body and accepts Application Passwords, so it is a
// second opinion that a lost Authorization header cannot spoil: Yes means
// the credentials are right. It also takes the login password, so a Yes
// proves an application password right only when the password has an
// application password's form (see LooksLikeAppPassword).
//
// Unknown comes with the reason: XML-RPC turned off (by a plugin or the
// xmlrpc_enabled filter), blocked, or broken.
func (c *Client) XMLRPCSignIn(ctx context.Context, base string) (Answer, string) {
	var body bytes.Buffer
	body.WriteString(`<?xml version="1.0"?><methodCall><methodName>wp.getUsersBlogs</methodName><params>`)
	for _, s := range []string{c.user, string(c.password)} {
		body.WriteString(`<param><value><string>`)
		_ = xml.EscapeText(&body, []byte(s))
		body.WriteString(`</string></value></param>`)
	}
	body.WriteString(`</params></methodCall>`)
	req, err := c.newRequest(withSecretBody(ctx), http.MethodPost, c.xmlrpcURL(base), nil, bytesBody(body.Bytes(), "text/xml"))
	if err != nil {
		return Unknown, err.Error()
	}
	var data bytes.Buffer
	resp, err := c.do(req, &data)
	var re *RedirectError
	switch {
	case errors.As(err, &re):
		return Unknown, re.Error()
	case resp == nil:
		return Unknown, err.Error()
	case resp.StatusCode != http.StatusOK:
		return Unknown, fmt.Sprintf("xmlrpc.php answers %s", resp.Status)
	case err != nil:
		return Unknown, err.Error()
	}
	var ans xmlrpcAnswer
	dec := xml.NewDecoder(&data)
	// A site whose blog_charset is not UTF-8 declares it; the parts read
	// here are ASCII either way.
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	if err := dec.Decode(&ans); err != nil {
		return Unknown, "xmlrpc.php does not answer XML-RPC"
	}
	if ans.Fault == nil {
		if ans.Params != nil {
			return Yes, ""
		}
		return Unknown, "xmlrpc.php gave an empty answer"
	}
	var code, msg string
	for _, m := range ans.Fault.Members {
		switch m.Name {
		case "faultCode":
			code = strings.TrimSpace(m.Value.Int + m.Value.I4)
		case "faultString":
			msg = strings.TrimSpace(m.Value.Str + m.Value.Text)
		}
	}
	switch code {
	case "403": // "Incorrect username or password."
		return No, ""
	case "405": // "XML-RPC services are disabled on this site."
		return Unknown, "XML-RPC is turned off on this site"
	case "-32700": // our request is well-formed: the server cannot parse XML
		return Unknown, "xmlrpc.php cannot read XML (the server's PHP lacks its xml extension)"
	}
	return Unknown, fmt.Sprintf("XML-RPC fault %s: %s", code, msg)
}

// appPasswordRE is the form of the passwords WordPress generates: 24
// letters and digits, shown in groups of four (spaces are ignored).
var appPasswordRE = regexp.MustCompile(`^[A-Za-z0-9]{24}$`)

// LooksLikeAppPassword reports whether the client's password has the form
// of a generated Application Password. A login password rarely does.
func (c *Client) LooksLikeAppPassword() bool {
	return appPasswordRE.MatchString(string(c.password))
}

// nicenameRE: logins of these characters have the lower-cased login as
// their nicename, the name in author page addresses.
var nicenameRE = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// AuthorExists asks, anonymously, whether the site has a user with the
// client's login name, by requesting its author page (?author_name=):
// WordPress answers 200 for any user of the site, even one without posts,
// and 404 otherwise. Unknown when the login cannot be turned into the
// page's name (an e-mail address, unusual characters) or the answer is
// neither (a plugin that hides author pages redirects elsewhere).
func (c *Client) AuthorExists(ctx context.Context) Answer {
	if !nicenameRE.MatchString(c.user) {
		return Unknown
	}
	nice := strings.ToLower(c.user)
	req, err := c.newRequest(ctx, http.MethodGet, c.site.String()+"/", url.Values{"author_name": {nice}}, nil)
	if err != nil {
		return Unknown
	}
	resp, _ := c.do(req, io.Discard)
	if resp == nil {
		return Unknown
	}
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return No
	case resp.StatusCode == http.StatusOK && strings.Contains(strings.ToLower(resp.Request.URL.String()), nice):
		// Still on the author page (?author_name=x, or redirected to
		// /author/x/), not sent to the front page by a plugin.
		return Yes
	}
	return Unknown
}
