package wordpress

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestClient_LooksLikeAppPassword(t *testing.T) {
	for pw, want := range map[string]bool{
		"abcd EFGH ijkl MNOP qrst UVWX": true,
		"abcdEFGHijklMNOPqrstUVWX":      true,
		"hunter2":                       false,
		"abcd-EFGH-ijkl-MNOP-qrst-UVWX": false,
		"abcd EFGH ijkl MNOP qrst UVW!": false,
	} {
		c, _ := New("https://example.com", "u", pw, nil)
		if got := c.LooksLikeAppPassword(); got != want {
			t.Errorf("%q: %v, want %v", pw, got, want)
		}
	}
}

func TestClient_XMLRPCSignIn(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		want   Answer
		why    string
	}{
		{"accepted", 200, `<?xml version="1.0" encoding="UTF-8"?><methodResponse><params><param><value><array><data></data></array></value></param></params></methodResponse>`, Yes, ""},
		{"refused", 200, fault(403, "Incorrect username or password."), No, ""},
		{"off", 200, fault(405, "XML-RPC services are disabled on this site."), Unknown, "turned off"},
		{"no xml extension", 200, fault(-32700, "parse error. not well formed"), Unknown, "xml extension"},
		{"other charset", 200, `<?xml version="1.0" encoding="ISO-8859-1"?>` + strings.TrimPrefix(fault(403, "x"), `<?xml version="1.0"?>`), No, ""},
		{"blocked", 403, "Forbidden", Unknown, "403"},
		{"not XML-RPC", 200, "<html>a page</html>", Unknown, "does not answer XML-RPC"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				b := make([]byte, 4096)
				n, _ := r.Body.Read(b)
				got = string(b[:n])
				if r.Header.Get("Authorization") != "" {
					t.Error("XML-RPC probe sent an Authorization header")
				}
				w.WriteHeader(tt.status)
				w.Write([]byte(tt.body))
			}))
			defer srv.Close()
			c, _ := New(srv.URL, "a<b", testPassword, nil)
			ans, why := c.XMLRPCSignIn(context.Background(), srv.URL)
			if ans != tt.want || !strings.Contains(why, tt.why) {
				t.Errorf("got %v %q, want %v %q", ans, why, tt.want, tt.why)
			}
			if !strings.Contains(got, "<methodName>wp.getUsersBlogs</methodName>") || !strings.Contains(got, "<string>a&lt;b</string>") {
				t.Errorf("request body %s", got)
			}
			if strings.Contains(why, "EFGH") {
				t.Error("the password is in the reason")
			}
		})
	}
}

func fault(code int, msg string) string {
	return `<?xml version="1.0"?>
<methodResponse>
  <fault>
    <value>
      <struct>
        <member>
          <name>faultCode</name>
          <value><int>` + strconv.Itoa(code) + `</int></value>
        </member>
        <member>
          <name>faultString</name>
          <value><string>` + msg + `</string></value>
        </member>
      </struct>
    </value>
  </fault>
</methodResponse>
`
}

func TestClient_HTTPSAppPasswords(t *testing.T) {
	// A WordPress that answers over HTTPS and offers Application Passwords
	// there; the client is given the same host and port as http://.
	var tries atomic.Int32
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodHead && r.URL.Path == "/":
			w.Header().Set("Link", "<https://"+r.Host+`/wp-json/>; rel="https://api.w.org/"`)
		case r.URL.Path == "/wp-json/":
			if r.Header.Get("Authorization") != "" {
				t.Error("the probe sent the credentials")
			}
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"name":"x","namespaces":["wp/v2"],"authentication":{"application-passwords":{}}}`))
		default:
			tries.Add(1)
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	hc := NewHTTPClient(srv.Client().Transport.(*http.Transport).TLSClientConfig, 0)
	plain := "http://" + srv.Listener.Addr().String()
	c, err := New(plain, "u", "p", hc)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.HTTPSAppPasswords(context.Background()), "https://"+srv.Listener.Addr().String(); got != want {
		t.Errorf("HTTPSAppPasswords() = %q, want %q", got, want)
	}

	// Where HTTPS answers 503, the question is asked once, not retried.
	c2, _ := New("http://"+srv.Listener.Addr().String()+"/sub", "u", "p", hc)
	start := time.Now()
	if got := c2.HTTPSAppPasswords(context.Background()); got != "" {
		t.Errorf("HTTPSAppPasswords() = %q for a site without WordPress there", got)
	}
	if n := tries.Load(); n > 3 {
		t.Errorf("%d requests: a probe is not retried", n)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %s", d)
	}
}
