package doctor

import (
	"context"
	"encoding/json"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/wpsync/wpsync/internal/wpfake"
	"github.com/wpsync/wpsync/sync/wordpress"
)

const appPassword = wpfake.Password // the form WordPress shows

// newSite starts a fake WordPress that behaves like WordPress 6.1 in the
// ways the doctor looks at: signed REST requests with wrong credentials are
// answered as anonymous (rest_not_logged_in), XML-RPC checks credentials
// from the body, author pages exist for users. Its administrator is "Ada
// Admin", with these roles and capabilities (nil: an administrator's).
func newSite(t *testing.T, opts wpfake.Options, roles []string, caps map[string]bool) *wpfake.Server {
	opts.BadAuthAsVisitor = true
	wp := wpfake.New(t, opts)
	if caps == nil {
		caps, roles = adminCaps(), []string{"administrator"}
	}
	wp.EditUser(1, func(u *wpfake.User) { u.Name, u.Roles, u.Capabilities = "Ada Admin", roles, caps })
	return wp
}

func adminCaps() map[string]bool {
	return map[string]bool{"edit_posts": true, "edit_others_posts": true, "publish_posts": true, "publish_pages": true, "upload_files": true, "manage_categories": true, "unfiltered_html": true}
}

func byID(checks []Check) map[string]Check {
	m := map[string]Check{}
	for _, c := range checks {
		m[c.ID] = c
	}
	return m
}

func TestRun(t *testing.T) {
	tests := []struct {
		name     string
		site     wpfake.Options
		roles    []string
		caps     map[string]bool
		user, pw string
		status   string // default_status
		healthy  bool
		want     map[string]Status
		contains map[string][]string // check ID → texts in message, details or fix
	}{
		{
			name: "healthy", site: wpfake.Options{}, healthy: true,
			want: map[string]Status{IDSite: OK, IDRESTAPI: OK, IDAppPasswords: OK, IDAuthorization: OK, IDCredentials: OK, IDPermissions: OK, IDBatch: OK, IDFields: OK, IDDiagrams: OK, IDPictureSizes: OK},
			contains: map[string][]string{
				IDRESTAPI: {"/wp-json/", "pretty permalinks"}, IDCredentials: {`"admin"`, "Ada Admin"}, IDBatch: {"25"},
				IDFields:       {"registers no post meta", "no SEO plugin found"},
				IDDiagrams:     {"sent as code blocks, each with a warning", "install the MerPress plugin"},
				IDPictureSizes: {"WordPress makes the picture sizes", "neither HTTPS nor served as localhost"},
			},
		},
		{
			name: "a site with MerPress", site: wpfake.Options{BlockTypes: []byte(`[{"name":"core/paragraph"},{"name":"merpress/mermaidjs"}]`)}, healthy: true,
			want:     map[string]Status{IDDiagrams: OK},
			contains: map[string][]string{IDDiagrams: {"MerPress's Mermaid block (merpress/mermaidjs)"}},
		},
		{
			name: "plain permalinks", site: wpfake.Options{Plain: true}, healthy: true,
			want:     map[string]Status{IDRESTAPI: OK, IDCredentials: OK},
			contains: map[string][]string{IDRESTAPI: {"rest_route", "plain permalinks", "/wp-json/ does not work"}},
		},
		{
			name: "no Link header", site: wpfake.Options{NoLink: true}, healthy: true,
			want:     map[string]Status{IDRESTAPI: OK},
			contains: map[string][]string{IDRESTAPI: {"found by trying"}},
		},
		{
			name: "application passwords not offered", site: wpfake.Options{NoAppPasswords: true},
			want:     map[string]Status{IDAppPasswords: Fail, IDAuthorization: Skip, IDCredentials: Skip, IDBatch: Skip},
			contains: map[string][]string{IDAppPasswords: {"HTTPS", "WP_ENVIRONMENT_TYPE", "'local'"}},
		},
		{
			name: "wrong password, XML-RPC tells", site: wpfake.Options{}, pw: "wxyz wxyz wxyz wxyz wxyz wxyz",
			want:     map[string]Status{IDAuthorization: Skip, IDCredentials: Fail, IDPermissions: Skip},
			contains: map[string][]string{IDCredentials: {"application password is wrong", `user "admin" exists`, "Users → Profile → Application Passwords"}},
		},
		{
			name: "unknown user, XML-RPC tells", site: wpfake.Options{}, user: "nobody",
			want:     map[string]Status{IDCredentials: Fail},
			contains: map[string][]string{IDCredentials: {`no user "nobody"`, "login name"}},
		},
		{
			name: "header stripped", site: wpfake.Options{StripAuth: true},
			want: map[string]Status{IDAuthorization: Fail, IDCredentials: OK, IDPermissions: Skip},
			contains: map[string][]string{
				IDAuthorization: {"Authorization header is lost", "CGIPassAuth On", "fastcgi_param HTTP_AUTHORIZATION"},
				IDCredentials:   {"XML-RPC accepts"},
			},
		},
		{
			name: "wrong password, XML-RPC off", site: wpfake.Options{XMLRPC: "off"}, pw: "wxyz wxyz wxyz wxyz wxyz wxyz",
			want: map[string]Status{IDAuthorization: Warn, IDCredentials: Fail},
			contains: map[string][]string{
				IDCredentials: {`user "admin" exists`, "application password is wrong, or the Authorization header", "XML-RPC is turned off"},
			},
		},
		{
			name: "unknown user, XML-RPC broken", site: wpfake.Options{XMLRPC: "broken"}, user: "nobody",
			want:     map[string]Status{IDCredentials: Fail},
			contains: map[string][]string{IDCredentials: {`most likely there is no user "nobody"`, "xml extension"}},
		},
		{
			name: "e-mail as user, XML-RPC missing", site: wpfake.Options{XMLRPC: "404"}, user: "ada@example.com",
			want:     map[string]Status{IDAuthorization: Warn, IDCredentials: Fail},
			contains: map[string][]string{IDCredentials: {`user name "ada@example.com" or the application password is wrong, or the Authorization header`}},
		},
		{
			name: "login password instead of an application password", site: wpfake.Options{}, pw: "hunter2!",
			want:     map[string]Status{IDCredentials: Fail},
			contains: map[string][]string{IDCredentials: {"not an Application Password", "24 letters and digits", "login password"}},
		},
		{
			name: "staging server password", site: wpfake.Options{Staging: true},
			want:     map[string]Status{IDSite: Fail, IDRESTAPI: Skip},
			contains: map[string][]string{IDSite: {"asks for a password before WordPress"}},
		},
		{
			name: "author: no unfiltered_html, no categories",
			site: wpfake.Options{}, roles: []string{"author"}, caps: map[string]bool{"edit_posts": true, "publish_posts": true, "upload_files": true},
			healthy:  true,
			want:     map[string]Status{IDPermissions: Warn},
			contains: map[string][]string{IDPermissions: {"author", "<script>", "<iframe>", "may not create categories", "may not publish pages", "may not edit other users' posts"}},
		},
		{
			name: "contributor publishing by default",
			site: wpfake.Options{}, roles: []string{"contributor"}, caps: map[string]bool{"edit_posts": true},
			want:     map[string]Status{IDPermissions: Fail},
			contains: map[string][]string{IDPermissions: {"may not publish", "default_status: pending"}},
		},
		{
			name: "contributor writing drafts", status: "draft",
			site: wpfake.Options{}, roles: []string{"contributor"}, caps: map[string]bool{"edit_posts": true},
			healthy: true,
			want:    map[string]Status{IDPermissions: Warn},
		},
		{
			name: "subscriber", site: wpfake.Options{}, roles: []string{"subscriber"}, caps: map[string]bool{"read": true},
			want:     map[string]Status{IDPermissions: Fail},
			contains: map[string][]string{IDPermissions: {"may not write posts"}},
		},
		{
			name: "no batch route", site: wpfake.Options{NoBatch: true}, healthy: true,
			want: map[string]Status{IDBatch: Warn},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wp := newSite(t, tt.site, tt.roles, tt.caps)
			user, pw := tt.user, tt.pw
			if user == "" {
				user = "admin"
			}
			if pw == "" {
				pw = appPassword
			}
			checks := Run(context.Background(), Options{URL: wp.URL, User: user, Password: pw, DefaultStatus: tt.status, Timeout: 5 * time.Second})
			got := byID(checks)
			dump, _ := json.MarshalIndent(checks, "", "  ")
			if Healthy(checks) != tt.healthy {
				t.Errorf("Healthy = %v, want %v\n%s", !tt.healthy, tt.healthy, dump)
			}
			for id, st := range tt.want {
				if got[id].Status != st {
					t.Errorf("%s: status %s, want %s\n%s", id, got[id].Status, st, dump)
				}
			}
			for id, texts := range tt.contains {
				c := got[id]
				all := c.Message + "\n" + strings.Join(c.Details, "\n") + "\n" + c.Fix
				for _, text := range texts {
					if !strings.Contains(all, text) {
						t.Errorf("%s lacks %q:\n%s", id, text, all)
					}
				}
			}
			if strings.Contains(string(dump), strings.ReplaceAll(pw, " ", "")) || strings.Contains(string(dump), pw) {
				t.Errorf("the password is in the findings:\n%s", dump)
			}
			if len(checks) != 10 {
				t.Errorf("%d checks, want all 10 reported:\n%s", len(checks), dump)
			}
			if tt.site.NoAppPasswords {
				for _, r := range wp.Requests() {
					if r.Auth {
						t.Errorf("credentials sent to a site that does not offer Application Passwords: %s", r)
					}
				}
			}
		})
	}
}

func TestRun_SiteProblems(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()
	tests := []struct {
		name, url string
		want      []string
	}{
		{"nothing listens", closed, []string{"nothing listens"}},
		{"wp-admin address", "https://example.com/blog/wp-admin/", []string{"https://example.com/blog"}},
		{"not a URL", "example.com", []string{"http(s)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checks := Run(context.Background(), Options{URL: tt.url, User: "admin", Password: appPassword, Timeout: 5 * time.Second})
			c := byID(checks)[IDSite]
			if c.Status != Fail {
				t.Fatalf("site check %s, want fail: %+v", c.Status, c)
			}
			for _, w := range tt.want {
				if !strings.Contains(c.Message+c.Fix, w) {
					t.Errorf("lacks %q: %+v", w, c)
				}
			}
			if byID(checks)[IDCredentials].Status != Skip {
				t.Errorf("credentials checked although the site failed")
			}
		})
	}
}

func TestRun_NoCredentialsOverPlainHTTP(t *testing.T) {
	wp := newSite(t, wpfake.Options{}, nil, nil)
	checks := Run(context.Background(), Options{URL: wp.URL, User: "admin", Password: appPassword, NoCredentials: "refusing to send the application password over plain http"})
	if c := byID(checks)[IDCredentials]; c.Status != Skip || !strings.Contains(c.Message, "plain http") {
		t.Errorf("credentials: %+v", c)
	}
	for _, r := range wp.Requests() {
		if r.Auth {
			t.Errorf("credentials sent: %s", r)
		}
	}
}

// The XML-RPC sign-in carries the password in its body: it goes to the
// configured site, not to the WordPress Address of the REST index when
// that names another host.
func TestRun_XMLRPCStaysOnSite(t *testing.T) {
	other := wpfake.NewOtherHost(t, wpfake.Password)
	for _, indexURL := range []string{strings.Replace(other.URL, "127.0.0.1", "localhost", 1), other.URL} {
		t.Run(indexURL, func(t *testing.T) {
			wp := newSite(t, wpfake.Options{StripAuth: true, IndexURL: indexURL}, nil, nil)
			checks := Run(context.Background(), Options{URL: wp.URL, User: "admin", Password: appPassword, Timeout: 5 * time.Second})
			got := byID(checks)
			if got[IDAuthorization].Status != Fail || got[IDCredentials].Status != OK {
				dump, _ := json.MarshalIndent(checks, "", "  ")
				t.Errorf("want the header lost and the credentials right, as XML-RPC on the site tells:\n%s", dump)
			}
			if other.Hits() > 0 {
				t.Errorf("the other host received %d requests", other.Hits())
			}
		})
	}
}

func TestAnswerString(t *testing.T) {
	if wordpress.Yes.String() != "yes" || wordpress.Unknown.String() != "unknown" {
		t.Error("Answer.String")
	}
}
