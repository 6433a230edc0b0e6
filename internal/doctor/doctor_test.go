package doctor

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"github.com/wpsync/wpsync/sync/wordpress"
)

const appPassword = "abcd EFGH ijkl MNOP qrst UVWX" // the form WordPress shows

// fakeSite behaves like WordPress 6.1 in the ways the doctor looks at:
// signed REST requests with wrong credentials are answered as anonymous
// (rest_not_logged_in), XML-RPC checks credentials from the body, author
// pages exist for users.
type fakeSite struct {
	plain        bool   // plain permalinks: no /wp-json/
	noLink       bool   // the front page lacks the Link header
	noAppPass    bool   // Application Passwords not offered
	stripAuth    bool   // a proxy drops the Authorization header
	xmlrpc       string // "" works, "off" (405 fault), "broken" (-32700), "404"
	staging      bool   // the web server asks for its own password
	noBatch      bool
	capabilities map[string]bool
	roles        []string

	mu  gosync.Mutex
	log []string // "METHOD route auth=yes|no"
}

func adminCaps() map[string]bool {
	return map[string]bool{"edit_posts": true, "edit_others_posts": true, "publish_posts": true, "publish_pages": true, "upload_files": true, "manage_categories": true, "unfiltered_html": true}
}

func (f *fakeSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	user, pass, hasAuth := r.BasicAuth()
	if f.stripAuth {
		hasAuth = false
	}
	route := ""
	switch {
	case r.URL.Query().Has("rest_route"):
		route = r.URL.Query().Get("rest_route")
	case strings.HasPrefix(r.URL.Path, "/wp-json") && !f.plain:
		route = strings.TrimPrefix(r.URL.Path, "/wp-json")
		if route == "" {
			route = "/"
		}
	}
	f.mu.Lock()
	f.log = append(f.log, fmt.Sprintf("%s %s%s auth=%v", r.Method, r.URL.Path, route, r.Header.Get("Authorization") != ""))
	f.mu.Unlock()

	if f.staging {
		w.Header().Set("WWW-Authenticate", `Basic realm="staging"`)
		http.Error(w, "Unauthorized", http.StatusUnauthorized)
		return
	}
	signedIn := hasAuth && !f.noAppPass && user == "admin" && strings.ReplaceAll(pass, " ", "") == strings.ReplaceAll(appPassword, " ", "")
	switch {
	case route == "/" && r.Method == http.MethodGet:
		auth := any([]any{})
		if !f.noAppPass {
			auth = map[string]any{"application-passwords": map[string]any{"endpoints": map[string]any{}}}
		}
		writeJSON(w, 200, map[string]any{"name": "Fake", "url": "http://" + r.Host, "home": "http://" + r.Host,
			"namespaces": []string{"oembed/1.0", "wp/v2"}, "authentication": auth})
	case route == "/wp/v2/users/me":
		if !signedIn {
			writeJSON(w, 401, map[string]any{"code": "rest_not_logged_in", "message": "You are not currently logged in.", "data": map[string]any{"status": 401}})
			return
		}
		writeJSON(w, 200, map[string]any{"id": 1, "username": "admin", "name": "Ada Admin", "roles": f.roles, "capabilities": f.capabilities})
	case route == "/batch/v1" && r.Method == http.MethodOptions:
		if f.noBatch {
			writeJSON(w, 200, []any{})
			return
		}
		writeJSON(w, 200, map[string]any{"endpoints": []any{map[string]any{"args": map[string]any{"requests": map[string]any{"maxItems": 25}}}}})
	case route != "":
		writeJSON(w, 404, map[string]any{"code": "rest_no_route"})
	case r.URL.Path == "/xmlrpc.php":
		f.serveXMLRPC(w, r)
	case r.URL.Path == "/" && r.URL.Query().Has("author_name"):
		if r.URL.Query().Get("author_name") == "admin" {
			w.WriteHeader(200)
			return
		}
		http.NotFound(w, r)
	case r.URL.Path == "/":
		if !f.noLink {
			api := "http://" + r.Host + "/wp-json/"
			if f.plain {
				api = "http://" + r.Host + "/?rest_route=/"
			}
			w.Header().Set("Link", "<"+api+`>; rel="https://api.w.org/"`)
		}
		fmt.Fprint(w, "<html>front page</html>")
	default:
		http.NotFound(w, r)
	}
}

var xmlString = regexp.MustCompile(`<string>([^<]*)</string>`)

func (f *fakeSite) serveXMLRPC(w http.ResponseWriter, r *http.Request) {
	fault := func(code int, msg string) {
		w.Header().Set("Content-Type", "text/xml; charset=UTF-8")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<methodResponse>
  <fault>
    <value>
      <struct>
        <member>
          <name>faultCode</name>
          <value><int>%d</int></value>
        </member>
        <member>
          <name>faultString</name>
          <value><string>%s</string></value>
        </member>
      </struct>
    </value>
  </fault>
</methodResponse>
`, code, msg)
	}
	switch f.xmlrpc {
	case "off":
		fault(405, "XML-RPC services are disabled on this site.")
		return
	case "broken":
		fault(-32700, "parse error. not well formed")
		return
	case "404":
		http.NotFound(w, r)
		return
	}
	var body strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := r.Body.Read(buf)
		body.Write(buf[:n])
		if err != nil {
			break
		}
	}
	args := xmlString.FindAllStringSubmatch(body.String(), -1)
	if len(args) == 2 && args[0][1] == "admin" && args[1][1] == strings.ReplaceAll(appPassword, " ", "") {
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?>
<methodResponse>
  <params>
    <param>
      <value>
      <array><data><value><struct><member><name>isAdmin</name><value><boolean>1</boolean></value></member></struct></value></data></array>
      </value>
    </param>
  </params>
</methodResponse>
`)
		return
	}
	fault(403, "Incorrect username or password.")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
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
		site     *fakeSite
		user, pw string
		status   string // default_status
		healthy  bool
		want     map[string]Status
		contains map[string][]string // check ID → texts in message, details or fix
	}{
		{
			name: "healthy", site: &fakeSite{}, healthy: true,
			want: map[string]Status{IDSite: OK, IDRESTAPI: OK, IDAppPasswords: OK, IDAuthorization: OK, IDCredentials: OK, IDPermissions: OK, IDBatch: OK},
			contains: map[string][]string{
				IDRESTAPI: {"/wp-json/", "pretty permalinks"}, IDCredentials: {`"admin"`, "Ada Admin"}, IDBatch: {"25"},
			},
		},
		{
			name: "plain permalinks", site: &fakeSite{plain: true}, healthy: true,
			want:     map[string]Status{IDRESTAPI: OK, IDCredentials: OK},
			contains: map[string][]string{IDRESTAPI: {"rest_route", "plain permalinks", "/wp-json/ does not work"}},
		},
		{
			name: "no Link header", site: &fakeSite{noLink: true}, healthy: true,
			want:     map[string]Status{IDRESTAPI: OK},
			contains: map[string][]string{IDRESTAPI: {"found by trying"}},
		},
		{
			name: "application passwords not offered", site: &fakeSite{noAppPass: true},
			want:     map[string]Status{IDAppPasswords: Fail, IDAuthorization: Skip, IDCredentials: Skip, IDBatch: Skip},
			contains: map[string][]string{IDAppPasswords: {"HTTPS", "WP_ENVIRONMENT_TYPE", "'local'"}},
		},
		{
			name: "wrong password, XML-RPC tells", site: &fakeSite{}, pw: "wxyz wxyz wxyz wxyz wxyz wxyz",
			want:     map[string]Status{IDAuthorization: Skip, IDCredentials: Fail, IDPermissions: Skip},
			contains: map[string][]string{IDCredentials: {"application password is wrong", `user "admin" exists`, "Users → Profile → Application Passwords"}},
		},
		{
			name: "unknown user, XML-RPC tells", site: &fakeSite{}, user: "nobody",
			want:     map[string]Status{IDCredentials: Fail},
			contains: map[string][]string{IDCredentials: {`no user "nobody"`, "login name"}},
		},
		{
			name: "header stripped", site: &fakeSite{stripAuth: true},
			want: map[string]Status{IDAuthorization: Fail, IDCredentials: OK, IDPermissions: Skip},
			contains: map[string][]string{
				IDAuthorization: {"Authorization header is lost", "CGIPassAuth On", "fastcgi_param HTTP_AUTHORIZATION"},
				IDCredentials:   {"XML-RPC accepts"},
			},
		},
		{
			name: "wrong password, XML-RPC off", site: &fakeSite{xmlrpc: "off"}, pw: "wxyz wxyz wxyz wxyz wxyz wxyz",
			want: map[string]Status{IDAuthorization: Warn, IDCredentials: Fail},
			contains: map[string][]string{
				IDCredentials: {`user "admin" exists`, "application password is wrong, or the Authorization header", "XML-RPC is turned off"},
			},
		},
		{
			name: "unknown user, XML-RPC broken", site: &fakeSite{xmlrpc: "broken"}, user: "nobody",
			want:     map[string]Status{IDCredentials: Fail},
			contains: map[string][]string{IDCredentials: {`most likely there is no user "nobody"`, "xml extension"}},
		},
		{
			name: "e-mail as user, XML-RPC missing", site: &fakeSite{xmlrpc: "404"}, user: "ada@example.com",
			want:     map[string]Status{IDAuthorization: Warn, IDCredentials: Fail},
			contains: map[string][]string{IDCredentials: {`user name "ada@example.com" or the application password is wrong, or the Authorization header`}},
		},
		{
			name: "login password instead of an application password", site: &fakeSite{}, pw: "hunter2!",
			want:     map[string]Status{IDCredentials: Fail},
			contains: map[string][]string{IDCredentials: {"not an Application Password", "24 letters and digits", "login password"}},
		},
		{
			name: "staging server password", site: &fakeSite{staging: true},
			want:     map[string]Status{IDSite: Fail, IDRESTAPI: Skip},
			contains: map[string][]string{IDSite: {"asks for a password before WordPress"}},
		},
		{
			name:     "author: no unfiltered_html, no categories",
			site:     &fakeSite{roles: []string{"author"}, capabilities: map[string]bool{"edit_posts": true, "publish_posts": true, "upload_files": true}},
			healthy:  true,
			want:     map[string]Status{IDPermissions: Warn},
			contains: map[string][]string{IDPermissions: {"author", "<script>", "<iframe>", "may not create categories", "may not publish pages", "may not edit other users' posts"}},
		},
		{
			name:     "contributor publishing by default",
			site:     &fakeSite{roles: []string{"contributor"}, capabilities: map[string]bool{"edit_posts": true}},
			want:     map[string]Status{IDPermissions: Fail},
			contains: map[string][]string{IDPermissions: {"may not publish", "default_status: pending"}},
		},
		{
			name: "contributor writing drafts", status: "draft",
			site:    &fakeSite{roles: []string{"contributor"}, capabilities: map[string]bool{"edit_posts": true}},
			healthy: true,
			want:    map[string]Status{IDPermissions: Warn},
		},
		{
			name: "subscriber", site: &fakeSite{roles: []string{"subscriber"}, capabilities: map[string]bool{"read": true}},
			want:     map[string]Status{IDPermissions: Fail},
			contains: map[string][]string{IDPermissions: {"may not write posts"}},
		},
		{
			name: "no batch route", site: &fakeSite{noBatch: true}, healthy: true,
			want: map[string]Status{IDBatch: Warn},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.site
			if f.capabilities == nil {
				f.capabilities, f.roles = adminCaps(), []string{"administrator"}
			}
			srv := httptest.NewServer(f)
			defer srv.Close()
			user, pw := tt.user, tt.pw
			if user == "" {
				user = "admin"
			}
			if pw == "" {
				pw = appPassword
			}
			checks := Run(context.Background(), Options{URL: srv.URL, User: user, Password: pw, DefaultStatus: tt.status, Timeout: 5 * time.Second})
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
			if len(checks) != 7 {
				t.Errorf("%d checks, want all 7 reported:\n%s", len(checks), dump)
			}
			if tt.site.noAppPass {
				for _, l := range f.log {
					if strings.HasSuffix(l, "auth=true") {
						t.Errorf("credentials sent to a site that does not offer Application Passwords: %s", l)
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
	f := &fakeSite{capabilities: adminCaps()}
	srv := httptest.NewServer(f)
	defer srv.Close()
	checks := Run(context.Background(), Options{URL: srv.URL, User: "admin", Password: appPassword, NoCredentials: "refusing to send the application password over plain http"})
	if c := byID(checks)[IDCredentials]; c.Status != Skip || !strings.Contains(c.Message, "plain http") {
		t.Errorf("credentials: %+v", c)
	}
	for _, l := range f.log {
		if strings.HasSuffix(l, "auth=true") {
			t.Errorf("credentials sent: %s", l)
		}
	}
}

func TestAnswerString(t *testing.T) {
	if wordpress.Yes.String() != "yes" || wordpress.Unknown.String() != "unknown" {
		t.Error("Answer.String")
	}
}
