package wordpress

import (
	"context"
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
func (c *Client) Discover(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, c.site.String()+"/", nil)
	if err != nil {
		return err
	}
	req.Header.Set("User-Agent", c.UserAgent)
	resp, err := c.http.Do(req)
	if err != nil {
		return &ConnectError{Site: c.site.String(), Err: scrubURLError(err)}
	}
	resp.Body.Close()
	for _, h := range resp.Header.Values("Link") {
		if m := linkRE.FindStringSubmatch(h); m != nil {
			return c.setRoot(m[1])
		}
	}
	for _, candidate := range []string{c.site.String() + "/wp-json/", c.site.String() + "/?rest_route=/"} {
		if c.probeRoot(ctx, candidate) {
			return c.setRoot(candidate)
		}
	}
	return &ConnectError{Site: c.site.String(), Err: fmt.Errorf("no WordPress REST API answers there (front page: %s): check that the URL is the site address from Settings → General and that no plugin disables the REST API", resp.Status)}
}

// probeRoot reports whether u answers like a REST API index.
func (c *Client) probeRoot(ctx context.Context, u string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return false
	}
	req.Header.Set("User-Agent", c.UserAgent)
	resp, err := c.http.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	return resp.StatusCode == http.StatusOK && strings.Contains(resp.Header.Get("Content-Type"), "json")
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
	_, err := c.do(ctx, http.MethodGet, "/wp/v2/users/me", url.Values{"context": {"edit"}}, nil, &u)
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
	_, err := c.Me(ctx)
	var ae *AuthError
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
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.route("/", url.Values{"_fields": {"authentication"}}), nil)
	if err != nil {
		return unknown
	}
	req.Header.Set("User-Agent", c.UserAgent)
	resp, err := c.http.Do(req) // anonymous on purpose
	if err != nil {
		return unknown
	}
	defer resp.Body.Close()
	if json.NewDecoder(resp.Body).Decode(&index) != nil {
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

// AuthError says WordPress refused the credentials, and why, as far as the
// answer tells. It never holds the password.
type AuthError struct {
	User string
	Site string
	Code string
	Err  error
	// AppPasswords tells, for a rest_not_logged_in answer, whether the site
	// offers Application Passwords.
	AppPasswords availability
}

const checkCredentials = "check that WPSYNC_USER is the login name and that WPSYNC_APP_PASSWORD holds an Application Password made for that user under Users → Profile → Application Passwords (not the login password)"

func (e *AuthError) Error() string {
	var what string
	switch e.Code {
	case "incorrect_password":
		what = "the application password is wrong: " + checkCredentials
	case "invalid_username", "invalid_email":
		what = "WordPress has no such user: " + checkCredentials
	case "rest_not_logged_in":
		switch e.AppPasswords {
		case notOffered:
			what = "the site does not offer Application Passwords: WordPress offers them only over HTTPS (or with WP_ENVIRONMENT_TYPE 'local'), unless a plugin or filter turned them off"
		default:
			what = "WordPress did not accept the credentials and answered as to a visitor. Either the user name or the application password is wrong (this WordPress does not say which): " +
				checkCredentials + "; or a proxy or CGI set-up strips the Authorization header (Apache: CGIPassAuth On; nginx with PHP-FPM: fastcgi_param HTTP_AUTHORIZATION $http_authorization;)"
		}
	case "application_passwords_disabled", "application_passwords_disabled_for_user":
		what = "Application Passwords are disabled on this site or for this user (a plugin or filter turned them off)"
	default:
		what = "WordPress refused the sign-in"
	}
	return fmt.Sprintf("sign-in as %q at %s failed: %s (%v)", e.User, e.Site, what, e.Err)
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
// upload).
func (c *Client) Can(ctx context.Context, capability string) (bool, error) {
	u, err := c.Me(ctx)
	if err != nil {
		return false, err
	}
	return u.Capabilities[capability], nil
}
