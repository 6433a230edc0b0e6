// Package doctor checks that wpsync can publish to a WordPress site and,
// where it cannot, says why and what to do about it.
//
// The checks run in the order a request meets the obstacles: the address
// answers; the REST API is found (pretty or plain permalinks); the site
// offers Application Passwords; the Authorization header reaches WordPress;
// the credentials are right; the user may do what sync does; /batch/v1 is
// there. A check whose premise failed is skipped, not failed again.
//
// The hard part is a refused sign-in. WordPress 6.1 answers a wrong
// password, an unknown user and an Authorization header lost on the way
// alike: 401 rest_not_logged_in, as to any visitor (see
// sync/wordpress.AuthError). Three more questions tell them apart where the
// site lets them:
//
//   - whether the password has the form of an Application Password (24
//     letters and digits); a login password rarely does, and the REST API
//     does not take it;
//   - whether XML-RPC, which takes the credentials in the request body and
//     not in a header, accepts them: if it does, the credentials are right
//     and the header is being lost;
//   - whether the user has an author page (?author_name=), which WordPress
//     serves for every user of the site: if not, the login name is wrong.
//
// When the site does not answer these, the message says which causes
// remain. The password is never part of a message.
package doctor

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/wpsync/wpsync/markdown"
	wpsync "github.com/wpsync/wpsync/sync"
	"github.com/wpsync/wpsync/sync/wordpress"
)

// Status is the outcome of a check.
type Status string

const (
	OK   Status = "ok"
	Warn Status = "warn" // sync works, but something is worth knowing
	Fail Status = "fail" // sync will not work until this is fixed
	Skip Status = "skip" // not checked: an earlier check failed
)

// Check is one finding.
type Check struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Status  Status   `json:"status"`
	Message string   `json:"message"`
	Details []string `json:"details,omitempty"`
	Fix     string   `json:"fix,omitempty"`
}

// Healthy reports whether no check failed: then sync will work.
func Healthy(checks []Check) bool {
	for _, c := range checks {
		if c.Status == Fail {
			return false
		}
	}
	return true
}

// Check IDs, in the order Run reports them.
const (
	IDSite          = "site"
	IDRESTAPI       = "rest-api"
	IDAppPasswords  = "app-passwords"
	IDAuthorization = "authorization"
	IDCredentials   = "credentials"
	IDPermissions   = "permissions"
	IDBatch         = "batch"
	IDDiagrams      = "diagrams"
	IDPictureSizes  = "picture-sizes"
)

var titles = map[string]string{
	IDSite:          "site answers",
	IDRESTAPI:       "REST API",
	IDAppPasswords:  "Application Passwords",
	IDAuthorization: "Authorization header",
	IDCredentials:   "credentials",
	IDPermissions:   "permissions",
	IDBatch:         "batch requests",
	IDFields:        "front matter fields",
	IDDiagrams:      "Mermaid diagrams",
	IDPictureSizes:  "picture sizes",
}

// Options say which site to check, as whom.
type Options struct {
	URL, User, Password string
	// DefaultStatus is default_status of wpsync.yaml: without
	// publish_posts, only draft and pending posts can be sent.
	DefaultStatus string
	// HTTPClient talks to the site (nil: wordpress.DefaultHTTPClient).
	HTTPClient *http.Client
	// NoCredentials, when not empty, says why the credentials must not be
	// sent (e.g. plain http to another machine): the anonymous checks run,
	// the sign-in is skipped with this reason.
	NoCredentials string
	UserAgent     string
	// Timeout bounds each check (default 30s).
	Timeout time.Duration
}

// Run checks the site. It needs no state and writes nothing.
func Run(ctx context.Context, o Options) []Check {
	if o.HTTPClient == nil {
		o.HTTPClient = wordpress.DefaultHTTPClient()
	}
	if o.Timeout == 0 {
		o.Timeout = 30 * time.Second
	}
	d := &doctor{o: o}
	d.run(ctx)
	return d.checks
}

type doctor struct {
	o      Options
	checks []Check
	client *wordpress.Client
	front  *wordpress.FrontPage
	index  *wordpress.Index
	me     *wordpress.User
}

func (d *doctor) add(id string, st Status, msg, fix string, details ...string) {
	d.checks = append(d.checks, Check{ID: id, Title: titles[id], Status: st, Message: msg, Fix: fix, Details: details})
}

// skipRest marks every check not yet reported as skipped.
func (d *doctor) skipRest(why string) {
	done := map[string]bool{}
	for _, c := range d.checks {
		done[c.ID] = true
	}
	for _, id := range []string{IDSite, IDRESTAPI, IDAppPasswords, IDAuthorization, IDCredentials, IDPermissions, IDBatch, IDFields, IDDiagrams, IDPictureSizes} {
		if !done[id] {
			d.add(id, Skip, why, "")
		}
	}
}

func (d *doctor) withTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, d.o.Timeout)
}

func (d *doctor) run(ctx context.Context) {
	if d.o.URL == "" {
		d.skipRest("no site URL given")
		return
	}
	if !d.site(ctx) {
		d.skipRest("the site does not answer")
		return
	}
	if !d.restAPI(ctx) {
		d.skipRest("no REST API found")
		return
	}
	offered := d.appPasswords(ctx)
	switch {
	case offered == wordpress.No:
		d.skipRest("sign-in cannot work until the site offers Application Passwords")
		return
	case d.o.NoCredentials != "":
		d.skipRest(d.o.NoCredentials)
		return
	case d.o.User == "" || d.o.Password == "":
		d.skipRest("no user or application password given")
		return
	}
	if !d.signIn(ctx) {
		d.skipRest("sign-in failed")
		return
	}
	d.permissions()
	d.batch(ctx)
	d.fields(ctx) // fields.go
	d.diagrams(ctx)
	d.pictureSizes(ctx)
}

// site: the address is a site address and answers.
func (d *doctor) site(ctx context.Context) bool {
	c, err := wordpress.New(d.o.URL, d.o.User, d.o.Password, d.o.HTTPClient)
	if err != nil {
		d.add(IDSite, Fail, err.Error(), "give the site's address as you open it in a browser, e.g. https://example.com")
		return false
	}
	if d.o.UserAgent != "" {
		c.UserAgent = d.o.UserAgent
	}
	d.client = c
	// A page of the site given as its address (/wp-admin, /wp-json) is
	// refused by wordpress.New, with the address to use.
	ctx, cancel := d.withTimeout(ctx)
	defer cancel()
	fp, err := c.FrontPage(ctx)
	if err != nil {
		d.add(IDSite, Fail, err.Error(), wordpress.ConnectHint(err))
		return false
	}
	d.front = fp
	msg := fmt.Sprintf("%s answers (%d %s)", c.Site(), fp.Status, http.StatusText(fp.Status))
	switch {
	case fp.Status == http.StatusUnauthorized && fp.Challenge != "":
		d.add(IDSite, Fail, fmt.Sprintf("%s asks for a password before WordPress does (the web server's HTTP authentication, common on staging sites): wpsync's Authorization header carries the Application Password and cannot answer both", c.Site()),
			"exempt the REST API (/wp-json/ and /?rest_route=) from the server's password, e.g. with an Apache <Location> or nginx location block, or allow this machine's address")
		return false
	case fp.Status >= 500:
		d.add(IDSite, Fail, fmt.Sprintf("%s answers %d %s: WordPress or the server has an error", c.Site(), fp.Status, http.StatusText(fp.Status)),
			"look at the server's PHP error log (or set WP_DEBUG_LOG in wp-config.php) and open the site in a browser")
		return false
	case fp.Status >= 400:
		d.add(IDSite, Warn, msg, "", "the front page does not answer 200; wpsync needs only the REST API, checked next")
		return true
	}
	if moved := otherOrigin(c.Site(), fp.URL); moved != "" {
		d.add(IDSite, Warn, fmt.Sprintf("%s redirects to %s", c.Site(), fp.URL),
			fmt.Sprintf("set url to %s, so that no request is redirected (a redirected write can be turned into a read)", moved))
		return true
	}
	d.add(IDSite, OK, msg, "")
	return true
}

// restAPI: where the REST API is.
func (d *doctor) restAPI(ctx context.Context) bool {
	ctx, cancel := d.withTimeout(ctx)
	defer cancel()
	c := d.client
	if err := c.Discover(ctx); err != nil {
		d.add(IDRESTAPI, Fail, err.Error(),
			"check that the URL is the Site Address of Settings → General, and that no security plugin turns the REST API off; "+
				"opening "+c.Site()+"/?rest_route=/ in a browser should show JSON")
		return false
	}
	var details []string
	how := "pretty permalinks"
	if c.Plain() {
		how = "plain permalinks: " + c.Site() + "/wp-json/ does not work on this site, which is why other tools report 404; wpsync uses ?rest_route= and needs nothing changed"
	}
	idx, err := c.Index(ctx)
	var ae *wordpress.APIError
	switch {
	case errors.As(err, &ae) && (ae.Status == http.StatusUnauthorized || ae.Status == http.StatusForbidden):
		details = append(details, fmt.Sprintf("the REST API answers only signed-in users (%s): a plugin restricts it; wpsync signs in, so that is fine", ae.Code))
	case err != nil:
		d.add(IDRESTAPI, Fail, fmt.Sprintf("the REST API at %s does not answer as WordPress's does: %v", c.Root(), err),
			"a plugin, cache or firewall may change or block the REST API; opening "+c.Root()+" in a browser should show JSON")
		return false
	default:
		d.index = idx
		if !idx.HasNamespace("wp/v2") {
			d.add(IDRESTAPI, Fail, fmt.Sprintf("the REST API at %s has no wp/v2 routes (for posts and pages)", c.Root()),
				"a plugin removes the WordPress routes from the REST API: allow them (at least for signed-in users)")
			return false
		}
		if idx.Home != "" && !sameSite(idx.Home, c.Site()) {
			details = append(details, fmt.Sprintf("WordPress gives its Site Address as %s, not %s; using that as url avoids surprises", idx.Home, c.Site()))
		}
	}
	if d.front.Status < 400 && d.front.APIRoot == "" {
		details = append(details, "the front page does not announce the API (no Link: rel=\"https://api.w.org/\" header; a cache, proxy or plugin drops it); found by trying")
	}
	d.add(IDRESTAPI, OK, fmt.Sprintf("at %s (%s)", c.Root(), how), "", details...)
	return true
}

// appPasswords: whether the site offers Application Passwords.
func (d *doctor) appPasswords(ctx context.Context) wordpress.Answer {
	if d.index == nil {
		d.add(IDAppPasswords, Skip, "cannot tell from outside: the REST index is not public; the sign-in below shows it", "")
		return wordpress.Unknown
	}
	if d.index.AppPasswords {
		d.add(IDAppPasswords, OK, "offered", "")
		return wordpress.Yes
	}
	u, _ := url.Parse(d.client.Site())
	if u.Scheme == "https" {
		d.add(IDAppPasswords, Fail, "not offered, although the site is HTTPS: a plugin or the wp_is_application_passwords_available filter turned them off, or WordPress is older than 5.6",
			"turn Application Passwords back on in the security plugin that disables them, or update WordPress")
		return wordpress.No
	}
	msg := "not offered: WordPress offers them only over HTTPS, or on a site whose WP_ENVIRONMENT_TYPE is 'local', and " + d.client.Site() + " is plain http and not 'local'"
	fix := "serve the site over HTTPS and use https:// in url; for a development site only, add define( 'WP_ENVIRONMENT_TYPE', 'local' ); to wp-config.php"
	if secure := d.client.HTTPSAppPasswords(ctx); secure != "" {
		fix = fmt.Sprintf("the site answers at %s and offers them there: set url to %s", secure, secure)
	}
	d.add(IDAppPasswords, Fail, msg, fix)
	return wordpress.No
}

const (
	fixCreate = "create an Application Password for this user under Users → Profile → Application Passwords (in wp-admin, signed in as that user) and put it in WPSYNC_APP_PASSWORD or the --password-file"
	fixLogin  = "set user (--user, WPSYNC_USER or user: in wpsync.yaml) to the login name shown under Users → Profile → Username; the display name does not work, an e-mail address does"
	fixHeader = "Apache with PHP as CGI/FastCGI drops the header unless told: add CGIPassAuth On (Apache 2.4.13+), or keep WordPress's own .htaccess rule RewriteRule .* - [E=HTTP_AUTHORIZATION:%{HTTP:Authorization}] (Settings → Permalinks → Save writes it); " +
		"nginx with PHP-FPM: fastcgi_param HTTP_AUTHORIZATION $http_authorization; a proxy, CDN or firewall in front: let it pass the Authorization header; some security plugins block HTTP Basic authentication"
)

// signIn: the Authorization header arrives and the credentials work.
func (d *doctor) signIn(ctx context.Context) bool {
	ctx, cancel := d.withTimeout(ctx)
	defer cancel()
	c := d.client
	me, err := c.Me(ctx)
	if err == nil {
		d.me = me
		d.add(IDAuthorization, OK, "reaches WordPress", "")
		who := fmt.Sprintf("signed in as %q", me.Username)
		if me.Name != "" && me.Name != me.Username {
			who += fmt.Sprintf(" (%s)", me.Name)
		}
		d.add(IDCredentials, OK, who, "")
		return true
	}
	var ae *wordpress.AuthError
	if !errors.As(err, &ae) {
		d.add(IDAuthorization, Skip, "not checked: the sign-in request failed", "")
		d.add(IDCredentials, Fail, err.Error(), "run wpsync doctor again; if it persists, look at the server's error log")
		return false
	}
	user := fmt.Sprintf("%q", c.User())
	switch ae.Code {
	case "incorrect_password":
		d.add(IDAuthorization, OK, "reaches WordPress (it checked the password)", "")
		d.add(IDCredentials, Fail, fmt.Sprintf("the user %s exists, but the application password is wrong (mistyped, revoked, or made for another user or site)", user), fixCreate)
		return false
	case "invalid_username", "invalid_email":
		d.add(IDAuthorization, OK, "reaches WordPress (it looked the user up)", "")
		d.add(IDCredentials, Fail, fmt.Sprintf("WordPress has no user %s", user), fixLogin)
		return false
	case "application_passwords_disabled", "application_passwords_disabled_for_user":
		d.add(IDAuthorization, OK, "reaches WordPress", "")
		d.add(IDCredentials, Fail, fmt.Sprintf("Application Passwords are turned off for %s or for the whole site (%s)", user, ae.Code),
			"a plugin or the wp_is_application_passwords_available_for_user filter turns them off: allow them for this user")
		return false
	case "rest_not_logged_in":
		d.notLoggedIn(ctx)
		return false
	}
	d.add(IDAuthorization, Skip, "not checked", "")
	d.add(IDCredentials, Fail, err.Error(), fixCreate)
	return false
}

// notLoggedIn tells apart, as far as the site lets it, the causes of a
// rest_not_logged_in answer to signed requests: wrong password, unknown
// user, lost Authorization header.
func (d *doctor) notLoggedIn(ctx context.Context) {
	c := d.client
	user := fmt.Sprintf("%q", c.User())
	anon := "WordPress answered as to an anonymous visitor (401 rest_not_logged_in)"
	if !c.LooksLikeAppPassword() {
		d.add(IDAuthorization, Skip, "cannot tell until the password is an application password", "")
		d.add(IDCredentials, Fail, anon+": the password is not an Application Password. Those are 24 letters and digits, which WordPress shows once, in six groups of four; this may be the login password, which the REST API does not take", fixCreate)
		return
	}
	// xmlrpc.php lives at the WordPress Address (the index's url), which
	// may be a folder of the site. The request carries the password in its
	// body: the client sends it to the configured site's scheme and host
	// only, and to the configured address itself when the index names
	// another host.
	base := c.Site()
	if d.index != nil && d.index.URL != "" {
		base = d.index.URL
	}
	xr, why := c.XMLRPCSignIn(ctx, base)
	author := c.AuthorExists(ctx)
	var details []string
	if xr == wordpress.Unknown && why != "" {
		details = append(details, "XML-RPC, which could tell whether the credentials are right, cannot be asked: "+why)
	}
	switch author {
	case wordpress.Yes:
		details = append(details, fmt.Sprintf("the user %s exists (its author page answers)", user))
	case wordpress.No:
		details = append(details, fmt.Sprintf("no author page answers for %s", user))
	}
	switch {
	case xr == wordpress.Yes:
		d.add(IDAuthorization, Fail, anon+", although the credentials are right (XML-RPC, which takes them in the request body, accepts them): the Authorization header is lost between wpsync and WordPress", fixHeader, details...)
		d.add(IDCredentials, OK, fmt.Sprintf("right: XML-RPC accepts %s with this application password", user), "")
	case xr == wordpress.No && author == wordpress.Yes:
		d.add(IDAuthorization, Skip, "cannot tell until the credentials are right", "")
		d.add(IDCredentials, Fail, fmt.Sprintf("the application password is wrong: the user %s exists, and XML-RPC refuses the password too (it may be mistyped, revoked, or made for another user or site)", user), fixCreate, details...)
	case xr == wordpress.No && author == wordpress.No:
		d.add(IDAuthorization, Skip, "cannot tell until the credentials are right", "")
		d.add(IDCredentials, Fail, fmt.Sprintf("WordPress has no user %s, it seems: XML-RPC refuses the sign-in, and no author page answers for that name", user), fixLogin, details...)
	case xr == wordpress.No:
		d.add(IDAuthorization, Skip, "cannot tell until the credentials are right", "")
		d.add(IDCredentials, Fail, fmt.Sprintf("the user name %s or the application password is wrong: XML-RPC refuses them too (WordPress does not say which)", user), fixLogin+"; "+fixCreate, details...)
	case author == wordpress.No:
		d.add(IDAuthorization, Skip, "cannot tell until the credentials are right", "")
		d.add(IDCredentials, Fail, fmt.Sprintf("%s: most likely there is no user %s, as no author page answers for that name (or a plugin hides author pages, and the password is wrong or the header lost)", anon, user), fixLogin, details...)
	case author == wordpress.Yes:
		d.add(IDAuthorization, Warn, "unknown: if the application password is right, the header is being lost", fixHeader)
		d.add(IDCredentials, Fail, fmt.Sprintf("%s. The user %s exists, so either the application password is wrong, or the Authorization header does not reach WordPress; this WordPress does not say which. Check the password first", anon, user), fixCreate, details...)
	default:
		d.add(IDAuthorization, Warn, "unknown: if the credentials are right, the header is being lost", fixHeader)
		d.add(IDCredentials, Fail, fmt.Sprintf("%s. Either the user name %s or the application password is wrong, or the Authorization header does not reach WordPress; this WordPress does not say which", anon, user), fixLogin+"; "+fixCreate, details...)
	}
}

// permissions: what the user may do, from the capabilities WordPress lists
// for the signed-in user.
func (d *doctor) permissions() {
	me := d.me
	roles := strings.Join(me.Roles, ", ")
	if roles == "" {
		roles = "no role"
	}
	if me.Capabilities == nil {
		d.add(IDPermissions, Skip, "WordPress did not list the user's capabilities ("+roles+")", "")
		return
	}
	can := func(cap string) bool { return me.Capabilities[cap] }
	var may, warns []string
	st := OK
	fix := ""
	if !can("edit_posts") {
		d.add(IDPermissions, Fail, fmt.Sprintf("%s (%s) may not write posts", fmt.Sprintf("%q", me.Username), roles),
			"give the user the Author, Editor or Administrator role (Users → All Users → Change role to)")
		return
	}
	if can("publish_posts") {
		may = append(may, "publish posts")
	} else {
		switch {
		case markdown.Unpublished(d.o.DefaultStatus):
			warns = append(warns, "may not publish: files with status publish, future or private will fail (default_status is "+d.o.DefaultStatus+")")
			st = Warn
		default:
			warns = append(warns, "may not publish: files are published by default (default_status), so they will fail")
			st = Fail
			fix = "give the user the Author, Editor or Administrator role, or set default_status: pending in wpsync.yaml so that an editor publishes"
		}
	}
	if can("publish_pages") {
		may = append(may, "pages")
	} else {
		warns = append(warns, "may not publish pages: files with type: page will fail")
	}
	if can("upload_files") {
		may = append(may, "upload files")
	} else {
		warns = append(warns, "may not upload files: images and other media cannot be sent")
	}
	if can("manage_categories") {
		may = append(may, "create categories")
	} else {
		warns = append(warns, "may not create categories: a category that does not exist yet will fail the file (tags are fine)")
	}
	if can("edit_others_posts") {
		may = append(may, "take over other users' posts")
	} else {
		warns = append(warns, "may not edit other users' posts: a file whose slug another user's post holds fails with that post named (WordPress would give the file a second post under another slug); give it another slug: or sync as an Editor")
	}
	if can("unfiltered_html") {
		may = append(may, "post any HTML")
	} else {
		warns = append(warns, "may not post unfiltered HTML: WordPress strips <script>, <iframe>, <style>, <embed>, <object> and on… attributes from what this user saves (use shortcodes, or an Editor or Administrator account)")
	}
	if st == OK && len(warns) > 0 {
		st = Warn
	}
	msg := fmt.Sprintf("%s: may %s", roles, strings.Join(may, ", "))
	if len(may) == 0 {
		msg = roles
	}
	d.add(IDPermissions, st, msg, fix, warns...)
}

// batch: whether /batch/v1 takes several writes per request.
func (d *doctor) batch(ctx context.Context) {
	ctx, cancel := d.withTimeout(ctx)
	defer cancel()
	if n := d.client.BatchSize(ctx); n > 0 {
		d.add(IDBatch, OK, fmt.Sprintf("/batch/v1 takes up to %d writes per request", n), "")
		return
	}
	d.add(IDBatch, Warn, "/batch/v1 is not available (WordPress before 5.6, or a plugin removed it): wpsync sends one request per post, which is slower but works", "")
}

// diagrams: what a ```mermaid block becomes on this site, from its block
// types (the markup sync writes, markdown/mermaid.go). No plugin is not a
// problem for sync: the diagrams are sent as code, with a warning each.
func (d *doctor) diagrams(ctx context.Context) {
	ctx, cancel := d.withTimeout(ctx)
	defer cancel()
	m, err := wpsync.SiteMarkup(ctx, d.client)
	switch {
	case err != nil:
		d.add(IDDiagrams, Skip, "could not read the site's block types: "+err.Error(), "")
	case m.MerPress:
		d.add(IDDiagrams, OK, "```mermaid diagrams become MerPress's Mermaid block (merpress/mermaidjs), which the site draws", "")
	default:
		d.add(IDDiagrams, OK, "```mermaid diagrams are sent as code blocks, each with a warning: the site has no Mermaid plugin wpsync writes for", "to have them drawn, install the MerPress plugin (wordpress.org/plugins/merpress) and sync again")
	}
}

// pictureSizes: who makes the sub-sizes of the pictures sync uploads —
// wpsync, through WordPress 7.1's sideload routes, or WordPress itself —
// and why (sync/wordpress/sideload.go).
func (d *doctor) pictureSizes(ctx context.Context) {
	ctx, cancel := d.withTimeout(ctx)
	defer cancel()
	p, err := d.client.MediaPath(ctx)
	if err != nil {
		d.add(IDPictureSizes, Warn, "could not tell who makes the picture sizes: "+err.Error()+"; WordPress makes them", "")
		return
	}
	d.add(IDPictureSizes, OK, p.Why, "")
}

// otherOrigin returns the origin (scheme://host[/path]) of final when it
// differs from site's, "" when they are the same.
func otherOrigin(site, final string) string {
	s, err1 := url.Parse(site)
	f, err2 := url.Parse(final)
	if err1 != nil || err2 != nil || (s.Scheme == f.Scheme && s.Host == f.Host) {
		return ""
	}
	o := url.URL{Scheme: f.Scheme, Host: f.Host, Path: s.Path}
	return o.String()
}

// sameSite compares two site addresses, ignoring a trailing slash.
func sameSite(a, b string) bool {
	return strings.TrimSuffix(a, "/") == strings.TrimSuffix(b, "/")
}

// Counts returns how many checks have each status, for a summary line.
func Counts(checks []Check) map[Status]int {
	n := map[Status]int{}
	for _, c := range checks {
		n[c.Status]++
	}
	return n
}

// Failed lists the titles of the failed checks.
func Failed(checks []Check) []string {
	var out []string
	for _, c := range checks {
		if c.Status == Fail {
			out = append(out, c.Title)
		}
	}
	return out
}
