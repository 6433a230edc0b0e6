package wordpress

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"
)

// The page a ModSecurity-style firewall answers with (case C15).
const wafPage = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>403 Forbidden</title>
</head><body>
<h1>Forbidden</h1>
<p>You don't have permission to access this resource.</p>
</body></html>
`

func TestDecodeError(t *testing.T) {
	tests := []struct {
		name        string
		status      int
		contentType string
		body        string
		want        []string
		code        string
	}{
		{
			name: "wordpress json", status: 400, contentType: "application/json",
			body: `{"code":"rest_invalid_param","message":"Invalid parameter(s): status","data":{"status":400,"params":{"status":"status is not one of publish"}}}`,
			want: []string{"POST /wp/v2/posts: 400 rest_invalid_param: Invalid parameter(s): status", "status is not one of publish"},
			code: "rest_invalid_param",
		},
		{
			name: "firewall 403 page", status: 403, contentType: "text/html; charset=iso-8859-1", body: wafPage,
			want: []string{"a firewall or security rule in front of WordPress refused this request", `(403, HTML page titled "403 Forbidden")`, "ask the site's host"},
		},
		{
			name: "html without a content type", status: 403, body: wafPage,
			want: []string{"firewall", `titled "403 Forbidden"`},
		},
		{
			name: "gateway page", status: 502, contentType: "text/html",
			body: "<html>\n<head><title>502   Bad\n Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
			want: []string{`(502, HTML page titled "502 Bad Gateway")`, "try again later"},
		},
		{
			name: "page without a title", status: 404, contentType: "text/html", body: "<p>Not here</p>",
			want: []string{"(404, HTML page without a title)", "site address"},
		},
		{
			name: "plain text", status: 500, contentType: "text/plain", body: "upstream timed out",
			want: []string{"500: upstream timed out"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := decodeError("POST", "/wp/v2/posts", tt.status, tt.contentType, []byte(tt.body))
			msg := e.Error()
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q lacks %q", msg, w)
				}
			}
			if strings.ContainsAny(msg, "<>\n") {
				t.Errorf("error %q holds markup or line breaks", msg)
			}
			if e.Code != tt.code || e.Status != tt.status {
				t.Errorf("code %q status %d, want %q %d", e.Code, e.Status, tt.code, tt.status)
			}
		})
	}
}

func TestDescribeBody(t *testing.T) {
	if got := describeBody("text/html", []byte(wafPage)); got != `an HTML page titled "403 Forbidden"` {
		t.Errorf("describeBody(page) = %q", got)
	}
	if got := describeBody("application/json", []byte(`{"a":`)); got != `{"a":` {
		t.Errorf("describeBody(json) = %q", got)
	}
}

// A long body is cut on a character, not inside one.
func TestSnippet_CutsOnCharacters(t *testing.T) {
	got := snippet([]byte(strings.Repeat("é", 300)))
	if !utf8.ValidString(got) || utf8.RuneCountInString(got) != 201 || !strings.HasSuffix(got, "…") {
		t.Errorf("snippet = %q (%d characters)", got, utf8.RuneCountInString(got))
	}
}

// A site that cannot be reached says what to do, by the cause, and points
// at doctor.
func TestConnectError_Hint(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	addr := srv.URL
	srv.Close() // nothing listens there any more
	c, err := New(addr, "admin", testPassword, nil)
	if err != nil {
		t.Fatal(err)
	}
	noSleep(c)
	err = c.Connect(context.Background())
	var ce *ConnectError
	if !errors.As(err, &ce) {
		t.Fatalf("Connect error %v (%T), want a *ConnectError", err, err)
	}
	if h := ce.Hint(); !strings.HasPrefix(h, "nothing listens at that address and port") || !strings.HasSuffix(h, "run 'wpsync doctor' for more") {
		t.Errorf("Hint = %q", h)
	}
}
