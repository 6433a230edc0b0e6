package wordpress

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	wpsync "github.com/wpsync/wpsync/sync"
)

// otherName is the other host under another host name (localhost) than
// the fake sites' (127.0.0.1).
func otherName(o *wpfake.OtherHost) string {
	return strings.Replace(o.URL, "127.0.0.1", "localhost", 1)
}

// newClientFor is a client for a fake site, trusting its certificate when
// it has one.
func newClientFor(t *testing.T, wp *wpfake.Server) *Client {
	t.Helper()
	c, err := New(wp.URL, wpfake.Admin, testPassword, NewHTTPClient(wp.TLSConfig(), 0))
	if err != nil {
		t.Fatal(err)
	}
	noSleep(c)
	return c
}

// The REST root the front page announces is used only where the
// credentials may go: on another host or port the site's own root is
// found instead, and an http:// root on the host of an HTTPS site (behind
// a TLS proxy) is used over HTTPS. The other host never sees a signed
// request.
func TestClient_Discover_KeepsCredentialsOnSite(t *testing.T) {
	other := wpfake.NewOtherHost(t, wpfake.Password)
	tests := []struct {
		name string
		opts wpfake.Options
		// link is the root announced, given the site's address; "" for
		// opts.Link.
		link string
		want string // the root, under the site's address
	}{
		{name: "root on another host", opts: wpfake.Options{Link: otherName(other) + "/wp-json/"}, want: "/wp-json/"},
		{name: "root on another port", opts: wpfake.Options{Link: other.URL + "/wp-json/"}, want: "/wp-json/"},
		{name: "root on another host, plain permalinks", opts: wpfake.Options{Plain: true, Link: otherName(other) + "/?rest_route=/"}, want: "/?rest_route=/"},
		{name: "root on another host over https", opts: wpfake.Options{Link: "https://" + strings.TrimPrefix(otherName(other), "http://") + "/wp-json/"}, want: "/wp-json/"},
		{name: "https site, http root on another port", opts: wpfake.Options{TLS: true, Link: other.URL + "/wp-json/"}, want: "/wp-json/"},
		{name: "https site, http root on another host", opts: wpfake.Options{TLS: true, Link: otherName(other) + "/wp-json/"}, want: "/wp-json/"},
		{name: "https site behind a TLS proxy: http root on its host", opts: wpfake.Options{TLS: true}, link: "http://HOST/wp-json/", want: "/wp-json/"},
		{name: "https site behind a TLS proxy, plain permalinks", opts: wpfake.Options{TLS: true, Plain: true}, link: "http://HOST/?rest_route=/", want: "/?rest_route=/"},
		{name: "root on the site", opts: wpfake.Options{TLS: true}, link: "https://HOST/wp-json/", want: "/wp-json/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits := other.Hits()
			wp := wpfake.New(t, tt.opts)
			if tt.link != "" {
				u, _ := url.Parse(wp.URL)
				wp.SetLink(strings.Replace(tt.link, "HOST", u.Host, 1))
			}
			c := newClientFor(t, wp)
			if err := c.Connect(context.Background()); err != nil {
				t.Fatal(err)
			}
			if got, want := c.Root(), wp.URL+tt.want; got != want {
				t.Errorf("root %s, want %s", got, want)
			}
			if _, err := c.Create(context.Background(), &wpsync.Post{Type: "posts", Slug: "x", Title: "X", Status: "publish"}); err != nil {
				t.Fatal(err)
			}
			signed := 0
			for _, r := range wp.Requests() {
				if r.Auth {
					signed++
				}
			}
			if signed == 0 {
				t.Error("no signed request reached the site")
			}
			if n := other.Hits() - hits; n > 0 {
				t.Errorf("the other host received %d requests", n)
			}
		})
	}
}

// A root on another host where the site itself has no REST API is an
// error that names the announced root, not a reason to go there.
func TestClient_Discover_RootElsewhereOnly(t *testing.T) {
	other := wpfake.NewOtherHost(t, wpfake.Password)
	announced := otherName(other) + "/wp-json/"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" && !r.URL.Query().Has("rest_route") {
			w.Header().Set("Link", "<"+announced+`>; rel="https://api.w.org/"`)
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	c, _ := New(srv.URL, wpfake.Admin, testPassword, nil)
	noSleep(c)
	err := c.Connect(context.Background())
	var ce *ConnectError
	if !errors.As(err, &ce) {
		t.Fatalf("Connect: %v, want a *ConnectError", err)
	}
	for _, want := range []string{announced, "credentials to the configured host only", "Settings → General"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	if other.Hits() > 0 {
		t.Errorf("the other host received %d requests", other.Hits())
	}
}

// Go's http.Client resends the Authorization header set on a request to
// a redirect's target on the same host name whatever its port and scheme
// (https → http too), and a 307's body to any host: a request that carries
// the credentials follows no redirect off the site.
func TestClient_Redirects_KeepCredentialsOnSite(t *testing.T) {
	other := wpfake.NewOtherHost(t, wpfake.Password)
	tests := []struct {
		name     string
		tls      bool
		location string // where users/me and xmlrpc.php redirect; "" for a redirect on the site
		code     int
		refused  bool
	}{
		{name: "to another host", location: otherName(other), code: http.StatusTemporaryRedirect, refused: true},
		{name: "to another port", location: other.URL, code: http.StatusMovedPermanently, refused: true},
		{name: "https site to http on its host name", tls: true, location: other.URL, code: http.StatusFound, refused: true},
		{name: "https site to another host over https", tls: true, location: "https://" + strings.TrimPrefix(otherName(other), "http://"), code: http.StatusPermanentRedirect, refused: true},
		{name: "on the site", code: http.StatusMovedPermanently},
		{name: "https site, on the site", tls: true, code: http.StatusTemporaryRedirect},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits := other.Hits()
			var site string
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				signed := r.Header.Get("Authorization") != ""
				switch r.URL.Path {
				case "/":
					w.Header().Set("Link", "<"+site+`/wp-json/>; rel="https://api.w.org/"`)
				case "/wp-json/wp/v2/users/me", "/xmlrpc.php":
					to := tt.location
					if to == "" {
						to = site + "/moved"
					}
					http.Redirect(w, r, to+r.URL.Path, tt.code)
				case "/moved/wp-json/wp/v2/users/me":
					if !signed {
						w.WriteHeader(http.StatusUnauthorized)
					}
					w.Header().Set("Content-Type", "application/json")
					_, _ = io.WriteString(w, `{"id":1,"username":"admin"}`)
				case "/moved/xmlrpc.php":
					body, _ := io.ReadAll(r.Body)
					if r.Method == http.MethodPost && !strings.Contains(string(body), strings.ReplaceAll(testPassword, " ", "")) {
						t.Error("XML-RPC redirected on the site lost its body")
					}
					_, _ = io.WriteString(w, `<?xml version="1.0"?><methodResponse><params><param><value><array><data></data></array></value></param></params></methodResponse>`)
				default:
					http.NotFound(w, r)
				}
			})
			srv := httptest.NewUnstartedServer(h)
			var tlsConf = srv.Config.TLSConfig
			if tt.tls {
				srv.StartTLS()
				tlsConf = srv.Client().Transport.(*http.Transport).TLSClientConfig
			} else {
				srv.Start()
			}
			defer srv.Close()
			site = srv.URL
			c, _ := New(site, wpfake.Admin, testPassword, NewHTTPClient(tlsConf, 0))
			noSleep(c)
			if err := c.setRoot(site + "/wp-json/"); err != nil {
				t.Fatal(err)
			}
			_, meErr := c.Me(context.Background())
			ans, why := c.XMLRPCSignIn(context.Background(), site)
			var re *RedirectError
			if tt.refused {
				if !errors.As(meErr, &re) {
					t.Errorf("Me: %v, want a *RedirectError", meErr)
				} else if !strings.Contains(meErr.Error(), "credentials to the site's own host only") {
					t.Errorf("Me: %v", meErr)
				}
				if ans != Unknown || !strings.Contains(why, "redirected") {
					t.Errorf("XMLRPCSignIn: %v %q, want unknown, redirected", ans, why)
				}
			} else {
				if meErr != nil {
					t.Errorf("Me: %v", meErr)
				}
				if ans != Yes {
					t.Errorf("XMLRPCSignIn: %v %q, want yes", ans, why)
				}
			}
			if n := other.Hits() - hits; n > 0 && !tt.refused {
				t.Errorf("the other host received %d requests", n)
			}
		})
	}
}

// xmlrpc.php is asked on the configured site, where the REST index names
// another host as the WordPress Address.
func TestClient_XMLRPCSignIn_IndexURLElsewhere(t *testing.T) {
	other := wpfake.NewOtherHost(t, wpfake.Password)
	for _, indexURL := range []string{otherName(other), other.URL} {
		t.Run(indexURL, func(t *testing.T) {
			wp := wpfake.New(t, wpfake.Options{IndexURL: indexURL})
			c := newClientFor(t, wp)
			if err := c.Connect(context.Background()); err != nil {
				t.Fatal(err)
			}
			idx, err := c.Index(context.Background())
			if err != nil || idx.URL != indexURL {
				t.Fatalf("index url %v %v, want %s", idx, err, indexURL)
			}
			if ans, why := c.XMLRPCSignIn(context.Background(), idx.URL); ans != Yes {
				t.Errorf("XMLRPCSignIn: %v %q, want yes from the site", ans, why)
			}
			if other.Hits() > 0 {
				t.Errorf("the other host received %d requests", other.Hits())
			}
		})
	}
}

func TestClient_xmlrpcURL(t *testing.T) {
	tests := []struct{ site, base, want string }{
		{"https://example.com", "https://example.com", "https://example.com/xmlrpc.php"},
		{"https://example.com", "https://example.com/wp/", "https://example.com/wp/xmlrpc.php"},
		{"https://example.com", "http://example.com/wp", "https://example.com/wp/xmlrpc.php"},
		{"https://example.com", "http://EXAMPLE.com:8080/wp", "https://example.com/wp/xmlrpc.php"},
		{"https://example.com/blog", "https://other.example/wp", "https://example.com/blog/xmlrpc.php"},
		{"https://example.com/blog", "", "https://example.com/blog/xmlrpc.php"},
		{"https://example.com/blog", "/wp", "https://example.com/blog/xmlrpc.php"},
		{"http://example.com", "https://example.com/wp", "https://example.com/wp/xmlrpc.php"},
		{"http://localhost:8080", "https://localhost/wp", "http://localhost:8080/wp/xmlrpc.php"},
		{"https://example.com", "https://u:p@example.com/?x=1", "https://example.com/xmlrpc.php"},
	}
	for _, tt := range tests {
		c, err := New(tt.site, "u", "p", nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.xmlrpcURL(tt.base); got != tt.want {
			t.Errorf("site %s, base %q: %s, want %s", tt.site, tt.base, got, tt.want)
		}
	}
}

func TestClient_mayCarryCredentials(t *testing.T) {
	tests := []struct {
		site, to string
		want     bool
	}{
		{"https://example.com", "https://example.com/wp-json/", true},
		{"https://example.com", "https://Example.COM:443/x", true},
		{"https://example.com", "http://example.com/wp-json/", false},
		{"https://example.com", "https://example.com:8443/", false},
		{"https://example.com", "https://www.example.com/", false},
		{"https://example.com", "https://example.com.evil.test/", false},
		{"http://example.com", "https://example.com/", true},
		{"http://example.com", "http://example.com:80/", true},
		{"http://localhost:8080", "http://localhost:8080/wp-json/", true},
		{"http://localhost:8080", "https://localhost:8080/", false},
		{"http://localhost:8080", "http://localhost:8081/", false},
		{"http://localhost:8080", "http://127.0.0.1:8080/", false},
	}
	for _, tt := range tests {
		c, _ := New(tt.site, "u", "p", nil)
		u, _ := url.Parse(tt.to)
		if got := c.mayCarryCredentials(u); got != tt.want {
			t.Errorf("site %s, %s: %v, want %v", tt.site, tt.to, got, tt.want)
		}
	}
}
