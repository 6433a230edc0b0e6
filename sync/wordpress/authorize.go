package wordpress

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
)

// ErrNoAppPasswords: the site's REST index lists no Application Passwords
// (WordPress offers them over HTTPS, or on a site whose environment type
// is 'local'; a plugin or a constant can turn them off).
var ErrNoAppPasswords = errors.New("the site does not offer Application Passwords: WordPress offers them over HTTPS (or on a site set up as 'local'), unless a plugin or the site's configuration turns them off")

// Authorization is where a signed-in user approves a new Application
// Password for an application, in the browser (WordPress 5.6+,
// wp-admin/authorize-application.php).
type Authorization struct {
	// Endpoint is the page's address, as the REST index lists it under
	// authentication.application-passwords.endpoints.authorization.
	Endpoint string
}

// Authorize finds the site's authorization page. Discover must have run.
// It asks the REST index as a visitor. The error is ErrNoAppPasswords
// when the site lists none.
func (c *Client) Authorize(ctx context.Context) (*Authorization, error) {
	var index struct {
		Authentication json.RawMessage `json:"authentication"`
	}
	req, err := c.newRequest(ctx, http.MethodGet, "/", url.Values{"_fields": {"authentication"}}, nil)
	if err != nil {
		return nil, err
	}
	if _, err := c.do(unsigned(req), &index); err != nil {
		return nil, fmt.Errorf("read the REST index: %w", err)
	}
	var schemes struct {
		AppPasswords *struct {
			Endpoints struct {
				Authorization string `json:"authorization"`
			} `json:"endpoints"`
		} `json:"application-passwords"`
	}
	// An object keyed by scheme, or [] when PHP had none to list.
	if json.Unmarshal(index.Authentication, &schemes) != nil || schemes.AppPasswords == nil {
		return nil, ErrNoAppPasswords
	}
	end, err := url.Parse(schemes.AppPasswords.Endpoints.Authorization)
	if err != nil || (end.Scheme != "https" && end.Scheme != "http") || end.Host == "" {
		return nil, fmt.Errorf("the site lists no usable authorization page (%q)", schemes.AppPasswords.Endpoints.Authorization)
	}
	return &Authorization{Endpoint: end.String()}, nil
}

// URL is the address to open in a browser: the authorization page asking
// for a password named appName for the application appID (a UUID, the
// same for every password of that application, so that the user's profile
// groups them). WordPress sends the browser to successURL with site_url,
// user_login and password in the query when the user approves, and to
// rejectURL with success=false when not. With successURL "" WordPress
// shows the new password on the page, for the user to copy. WordPress
// accepts an http successURL only for a 'local' site or, since 6.3.2, on
// 127.0.0.1 and [::1].
func (a *Authorization) URL(appName, appID, successURL, rejectURL string) string {
	u, _ := url.Parse(a.Endpoint)
	q := u.Query()
	q.Set("app_name", appName)
	q.Set("app_id", appID)
	if successURL != "" {
		q.Set("success_url", successURL)
	}
	if rejectURL != "" {
		q.Set("reject_url", rejectURL)
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// Revoke deletes, in WordPress, the Application Password the client signs
// in with (the user's own, found through
// /wp/v2/users/me/application-passwords/introspect, WordPress 5.7+), and
// returns its name. After it the password signs nothing in.
func (c *Client) Revoke(ctx context.Context) (string, error) {
	var own struct {
		UUID string `json:"uuid"`
		Name string `json:"name"`
	}
	if _, err := c.call(ctx, http.MethodGet, "/wp/v2/users/me/application-passwords/introspect", nil, nil, &own); err != nil {
		return "", c.authError(err)
	}
	if own.UUID == "" {
		return "", errors.New("WordPress did not say which Application Password this is")
	}
	if _, err := c.call(ctx, http.MethodDelete, "/wp/v2/users/me/application-passwords/"+url.PathEscape(own.UUID), nil, nil, nil); err != nil {
		return "", err
	}
	return own.Name, nil
}
