package wordpress

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// linkRE finds the REST root in a Link header: <URL>; rel="https://api.w.org/".
var linkRE = regexp.MustCompile(`<([^>]+)>\s*;\s*rel="https://api\.w\.org/"`)

// Discover finds the REST API root. WordPress announces it in a Link header
// on every front-end page; a site with plain permalinks announces
// /?rest_route=/, which is why a hard-coded /wp-json/ gives the "404 Not
// Found" so many users meet. When the header is missing (a cache or proxy
// dropped it) both forms are tried.
//
// Every request to the root carries the credentials, so the root is kept
// on the configured site's host (restRoot): an http:// root on the host of
// an HTTPS site (WordPress behind a TLS proxy) is tried over HTTPS; a root
// on another host or port is not used. WordPress announces what its own
// settings say, which is not what the user chose to trust, and the same
// WordPress almost always answers at the address the user gave as well
// (the proxy forwards it), so the site's own /wp-json/ and /?rest_route=/
// are tried instead, anonymously, rather than failing: only when neither
// answers is it an error, which names the announced root.
func (c *Client) Discover(ctx context.Context) error {
	first, stop := withFirstContact(ctx)
	req, err := c.newRequest(first, http.MethodHead, c.site.String()+"/", nil, nil)
	if err != nil {
		stop()
		return err
	}
	resp, err := c.do(req, nil) // any status: the Link header is what counts
	cut := stop()
	if resp == nil {
		return c.unreachable(ctx, req, cut, err)
	}
	candidates := []string{c.site.String() + "/wp-json/", c.site.String() + "/?rest_route=/"}
	var refused string // an announced root not used
	for _, h := range resp.Header.Values("Link") {
		m := linkRE.FindStringSubmatch(h)
		if m == nil {
			continue
		}
		switch root, sure := c.restRoot(m[1]); {
		case sure:
			return c.setRoot(root.String())
		case root != nil:
			candidates = append([]string{root.String()}, candidates...)
		default:
			refused = m[1]
		}
		break
	}
	for _, candidate := range candidates {
		if c.probeRoot(ctx, candidate) {
			return c.setRoot(candidate)
		}
	}
	if refused != "" {
		return &ConnectError{Site: c.site.String(), Err: fmt.Errorf("the site announces its REST API at %s, not on %s, where neither /wp-json/ nor /?rest_route=/ answers: wpsync sends the credentials to the configured host only. If WordPress is at that address, use it as url; else correct WordPress's Site Address and WordPress Address (Settings → General)", refused, c.site.Host)}
	}
	return &ConnectError{Site: c.site.String(), Err: fmt.Errorf("no WordPress REST API answers there (front page: %s): check that the URL is the site address from Settings → General and that no plugin disables the REST API", resp.Status)}
}

// probeRoot reports whether u answers like a REST API index, anonymously,
// there or after redirects that stay where the credentials may go.
func (c *Client) probeRoot(ctx context.Context, u string) bool {
	req, err := c.newRequest(ctx, http.MethodGet, u, nil, nil)
	if err != nil {
		return false
	}
	resp, err := c.do(req, nil)
	return err == nil && resp.StatusCode == http.StatusOK && strings.Contains(resp.Header.Get("Content-Type"), "json") &&
		c.mayCarryCredentials(resp.Request.URL)
}

func (c *Client) setRoot(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return &ConnectError{Site: c.site.String(), Err: fmt.Errorf("bad REST root %q: %w", raw, err)}
	}
	c.plain = u.Query().Has("rest_route")
	if c.plain {
		u.RawQuery = ""
	}
	c.root = u
	return nil
}

// Root returns the discovered REST root, or "" before Discover.
func (c *Client) Root() string {
	if c.root == nil {
		return ""
	}
	if c.plain {
		return c.root.String() + "?rest_route=/"
	}
	return c.root.String()
}

// User is the signed-in user, as /wp/v2/users/me tells in edit context.
type User struct {
	ID           int             `json:"id"`
	Username     string          `json:"username"`
	Name         string          `json:"name"`
	Roles        []string        `json:"roles"`
	Capabilities map[string]bool `json:"capabilities"`
}

// Me returns the user the credentials belong to.
func (c *Client) Me(ctx context.Context) (*User, error) {
	var u User
	_, err := c.call(ctx, http.MethodGet, "/wp/v2/users/me", url.Values{"context": {"edit"}}, nil, &u)
	if err != nil {
		return nil, c.authError(err)
	}
	return &u, nil
}

// Connect finds the REST API and checks the credentials, so that a wrong
// password is one clear message before any file rather than one per file.
func (c *Client) Connect(ctx context.Context) error {
	if err := c.Discover(ctx); err != nil {
		return err
	}
	me, err := c.Me(ctx)
	c.me = me // what the user may do, for Can
	var ae *AuthError
	if errors.As(err, &ae) && (ae.Code == "rest_not_logged_in" || ae.Code == "incorrect_password") {
		// As doctor does: a password without the form of an Application
		// Password is most likely the login password.
		ae.LoginPassword = !c.LooksLikeAppPassword()
	}
	if errors.As(err, &ae) && ae.Code == "rest_not_logged_in" {
		// WordPress answers "not logged in" both when the credentials never
		// arrived and, when it decided who the visitor is before it knew this
		// was a REST request (WordPress 6.1 does, under php -S and Apache
		// alike), when they were wrong. Whether the site offers Application
		// Passwords at all narrows it down.
		ae.AppPasswords = c.appPasswordsOffered(ctx)
	}
	return err
}

// appPasswordsOffered reads the REST index, which lists
// authentication.application-passwords only when they are available.
func (c *Client) appPasswordsOffered(ctx context.Context) availability {
	var index struct {
		// An object keyed by scheme, or [] when PHP had none to list.
		Authentication json.RawMessage `json:"authentication"`
	}
	req, err := c.newRequest(ctx, http.MethodGet, "/", url.Values{"_fields": {"authentication"}}, nil)
	if err != nil {
		return unknown
	}
	if _, err := c.do(unsigned(req), &index); err != nil { // anonymous on purpose
		return unknown
	}
	var schemes map[string]json.RawMessage
	if json.Unmarshal(index.Authentication, &schemes) == nil && schemes["application-passwords"] != nil {
		return offered
	}
	if index.Authentication == nil {
		return unknown
	}
	return notOffered
}

type availability int

const (
	unknown availability = iota
	offered
	notOffered
)

// ConnectError says the site could not be reached or understood.
type ConnectError struct {
	Site string
	Err  error
}

func (e *ConnectError) Error() string {
	return fmt.Sprintf("cannot reach WordPress at %s: %v", e.Site, e.Err)
}

func (e *ConnectError) Unwrap() error { return e.Err }

// Hint says what to do about the site that does not answer, by the cause,
// in one line.
func (e *ConnectError) Hint() string {
	return ConnectHint(e.Err) + "; run 'wpsync doctor' for more"
}

// ConnectHint says what to do about a site that could not be reached with
// err: a certificate that is not valid, a host name that does not resolve,
// nothing listening, or else the general checks.
func ConnectHint(err error) string {
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	switch {
	case errors.As(err, &certErr), errors.As(err, &unknownAuth), errors.As(err, &hostErr), strings.Contains(err.Error(), "x509:"):
		return "the site's TLS certificate is not valid for this address or not signed by a known authority: fix the certificate, or pass --ca-cert with the certificate of a private authority"
	case strings.Contains(err.Error(), "no such host"):
		return "the host name does not resolve: check the URL for a typo"
	case strings.Contains(err.Error(), "connection refused"):
		return "nothing listens at that address and port: check the URL (http or https? a port?) and that the web server runs"
	}
	return "check the URL, that the site is up, and that this machine can reach it (DNS, firewall, HTTPS_PROXY)"
}

// AuthError says WordPress refused the credentials, and why, as far as the
// answer tells. It never holds the password. Error is one line saying what
// happened; Hint is one line saying what to do, ending at wpsync doctor,
// which asks the further questions that tell the causes apart.
type AuthError struct {
	User string
	Site string
	Code string
	Err  error
	// AppPasswords tells, for a rest_not_logged_in answer, whether the site
	// offers Application Passwords.
	AppPasswords availability
	// LoginPassword is set when the refused password does not have the
	// form of an Application Password (LooksLikeAppPassword): most likely
	// the login password, which the REST API does not take.
	LoginPassword bool
}

func (e *AuthError) Error() string {
	var why string
	switch {
	case e.LoginPassword:
		why = "the password is not an Application Password; a login password does not work here"
	case e.Code == "incorrect_password":
		why = "the application password is wrong"
	case e.Code == "invalid_username" || e.Code == "invalid_email":
		why = "WordPress has no such user"
	case e.Code == "rest_not_logged_in" && e.AppPasswords == notOffered:
		why = "the site does not offer Application Passwords"
	case e.Code == "rest_not_logged_in":
		why = "WordPress answered as to a visitor: wrong user name or application password, or the Authorization header is lost on the way"
	case e.Code == "application_passwords_disabled" || e.Code == "application_passwords_disabled_for_user":
		why = "Application Passwords are turned off on this site or for this user"
	default:
		why = "WordPress refused it"
	}
	status := ""
	var ae *APIError
	if errors.As(e.Err, &ae) && ae.Code != "" {
		status = fmt.Sprintf(" (%d %s)", ae.Status, ae.Code)
	} else if ae != nil {
		status = fmt.Sprintf(" (%d)", ae.Status)
	}
	return fmt.Sprintf("sign-in as %q at %s refused%s: %s", e.User, e.Site, status, why)
}

// Hint says what to do about the refused sign-in, in one line.
func (e *AuthError) Hint() string {
	const create = "Users → Profile → Application Passwords"
	switch {
	case e.LoginPassword || e.Code == "incorrect_password":
		return "run 'wpsync login', or make an Application Password (24 letters and digits) under " + create + " and give it in WPSYNC_APP_PASSWORD; run 'wpsync doctor' to check the rest"
	case e.Code == "invalid_username" || e.Code == "invalid_email":
		return "WPSYNC_USER is the login name (not the display name); run 'wpsync doctor' to check the rest"
	case e.Code == "rest_not_logged_in" && e.AppPasswords == notOffered:
		return "WordPress offers them only over HTTPS (use https:// in the URL), or with WP_ENVIRONMENT_TYPE 'local'; a plugin may have turned them off. Run 'wpsync doctor' for more"
	case e.Code == "rest_not_logged_in":
		return "check that WPSYNC_USER is the login name and WPSYNC_APP_PASSWORD an Application Password (" + create + "), or run 'wpsync login' again (a revoked password); run 'wpsync doctor' to find which"
	case e.Code == "application_passwords_disabled" || e.Code == "application_passwords_disabled_for_user":
		return "a plugin or the wp_is_application_passwords_available_for_user filter turned them off: allow them for this user; run 'wpsync doctor' for more"
	}
	return "run 'wpsync doctor' to find out why"
}

func (e *AuthError) Unwrap() error { return e.Err }

// authError turns a 401/403 from a who-am-I request into an *AuthError.
func (c *Client) authError(err error) error {
	var ae *APIError
	if errors.As(err, &ae) && (ae.Status == http.StatusUnauthorized || ae.Status == http.StatusForbidden) {
		return &AuthError{User: c.user, Site: c.site.String(), Code: ae.Code, Err: err}
	}
	var ce *ConnectError
	if errors.As(err, &ce) {
		return err
	}
	return &ConnectError{Site: c.site.String(), Err: err}
}

// Can reports whether the signed-in user has a capability (sync asks for
// unfiltered_html before it inlines a drawing the site would not take as an
// upload, and for what each file needs before it sends it), from the user
// as Connect read it: one request per run, not one per question.
func (c *Client) Can(ctx context.Context, capability string) (bool, error) {
	if c.me == nil {
		u, err := c.Me(ctx)
		if err != nil {
			return false, err
		}
		c.me = u
	}
	return c.me.Capabilities[capability], nil
}
