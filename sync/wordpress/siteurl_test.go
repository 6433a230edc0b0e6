package wordpress

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestParseSiteURL(t *testing.T) {
	tests := []struct {
		in, want string // want: the URL, or a part of the error
		ok       bool
	}{
		{"https://example.com/", "https://example.com", true},
		{" https://example.com/blog/ ", "https://example.com/blog", true},
		{"http://127.0.0.1:8080?x=1#top", "http://127.0.0.1:8080", true},
		{"https://example.com/wp-jsonish", "https://example.com/wp-jsonish", true},
		{"example.com", `has no http(s) scheme: give it as https://example.com (or http://example.com`, false},
		{"127.0.0.1:8080/", `give it as https://127.0.0.1:8080 `, false},
		{"https://example.com/wp-json", "is a page of the site, not its address: give it without /wp-json, as https://example.com (", false},
		{"https://example.com/blog/wp-json/wp/v2/posts", "without /wp-json/wp/v2/posts, as https://example.com/blog (", false},
		{"https://example.com/wp-admin/", "without /wp-admin/, as https://example.com (", false},
		{"https://example.com/WP-LOGIN.PHP", "without /WP-LOGIN.PHP", false},
		{"ftp://example.com", "is not a site address", false},
		{"https://alice:pw@example.com", "user name or password", false},
		{"", "is empty", false},
	}
	for _, tt := range tests {
		u, err := ParseSiteURL(tt.in)
		switch {
		case tt.ok && (err != nil || u.String() != tt.want):
			t.Errorf("ParseSiteURL(%q) = %v, %v; want %s", tt.in, u, err, tt.want)
		case !tt.ok && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("ParseSiteURL(%q) error %v; want one containing %q", tt.in, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), ":pw@") {
			t.Errorf("the error holds the password: %v", err)
		}
	}
}

// An https:// address of a site that speaks plain HTTP is named as such,
// not as "EOF" or a TLS record error.
func TestDiscover_HTTPSAddressOfPlainHTTPSite(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	c, err := New("https://"+srv.Listener.Addr().String(), "admin", "x", NewHTTPClient(nil, time.Second))
	if err != nil {
		t.Fatal(err)
	}
	noSleep(c)
	err = c.Discover(context.Background())
	want := "answers plain HTTP, not HTTPS"
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "use http://"+srv.Listener.Addr().String()) {
		t.Errorf("Discover error %v; want %q and the http:// address", err, want)
	}
}

// A host that never lets a connection through is reported after
// firstContact, with what was tried, not after the retries' time-outs.
func TestDiscover_NoConnection(t *testing.T) {
	defer func(d time.Duration) { firstContact = d }(firstContact)
	firstContact = 300 * time.Millisecond
	blackhole := &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	}}
	c, err := New("http://192.0.2.1", "admin", "x", &http.Client{Transport: NewRetryTransport(blackhole)})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	err = c.Discover(context.Background())
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("Discover took %s", took)
	}
	if err == nil || !strings.Contains(err.Error(), "no connection to 192.0.2.1 within 300ms (HEAD http://192.0.2.1/)") {
		t.Errorf("Discover error %v; want the host, the wait and the request named", err)
	}
}
