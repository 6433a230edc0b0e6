package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the cmp files of failing testscripts")

// TestMain lets the testscripts run wpsync as a command, in this process's
// binary, exactly as main does.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"wpsync": main,
	})
}

// TestScripts runs testdata/script/*.txtar: the commands as a user types
// them, without WordPress. $FAKEWP is a small read-only stand-in (fakeWP)
// for the commands that must reach a site; the real thing is in e2e/.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// envsubst FILE...: replace $VAR and ${VAR} in files with the
			// script's environment (for URLs known only at run time).
			"envsubst": func(ts *testscript.TestScript, neg bool, args []string) {
				for _, f := range args {
					ts.Check(os.WriteFile(ts.MkAbs(f), []byte(os.Expand(ts.ReadFile(f), ts.Getenv)), 0o644))
				}
			},
		},
		Setup: func(env *testscript.Env) error {
			srv := httptest.NewServer(newFakeWP())
			env.Defer(srv.Close)
			env.Setenv("FAKEWP", srv.URL)
			// The same server by another name, to tell sources apart.
			env.Setenv("FAKEWP2", strings.Replace(srv.URL, "127.0.0.1", "localhost", 1))
			env.Setenv("APP_PASSWORD", fakePassword)
			return nil
		},
	})
}

const fakePassword = "abcd EFGH ijkl MNOP qrst UVWX"

// fakeWP answers what status and doctor ask a site: discovery, the REST
// index, who am I, lists of posts and terms. It has one post, slug
// "existing" (ID 7). It refuses every write: status and doctor must not
// write.
type fakeWP struct{}

func newFakeWP() *fakeWP { return &fakeWP{} }

func (f *fakeWP) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	route := strings.TrimPrefix(r.URL.Path, "/wp-json")
	if !strings.HasPrefix(r.URL.Path, "/wp-json") {
		if r.URL.Path == "/" && !r.URL.Query().Has("author_name") {
			w.Header().Set("Link", fmt.Sprintf(`<http://%s/wp-json/>; rel="https://api.w.org/"`, r.Host))
			fmt.Fprint(w, "<html>fake</html>")
			return
		}
		http.NotFound(w, r)
		return
	}
	if route == "" {
		route = "/"
	}
	user, pass, ok := r.BasicAuth()
	signedIn := ok && user == "admin" && strings.ReplaceAll(pass, " ", "") == strings.ReplaceAll(fakePassword, " ", "")
	switch {
	case r.Method == http.MethodGet && route == "/":
		writeJSON(w, 200, map[string]any{"name": "Fake", "url": "http://" + r.Host, "home": "http://" + r.Host,
			"namespaces": []string{"wp/v2"}, "authentication": map[string]any{"application-passwords": map[string]any{}}})
	case r.Method == http.MethodOptions && route == "/batch/v1":
		writeJSON(w, 200, map[string]any{"endpoints": []any{map[string]any{"args": map[string]any{"requests": map[string]any{"maxItems": 25}}}}})
	case !signedIn:
		writeJSON(w, 401, map[string]any{"code": "rest_not_logged_in", "message": "You are not currently logged in.", "data": map[string]any{"status": 401}})
	case r.Method != http.MethodGet:
		writeJSON(w, 405, map[string]any{"code": "fake_read_only", "message": "this fake takes no writes"})
	case route == "/wp/v2/users/me":
		writeJSON(w, 200, map[string]any{"id": 1, "username": "admin", "name": "admin", "roles": []string{"administrator"},
			"capabilities": map[string]bool{"edit_posts": true, "edit_others_posts": true, "publish_posts": true, "publish_pages": true, "upload_files": true, "manage_categories": true, "unfiltered_html": true}})
	case route == "/wp/v2/posts":
		var posts []map[string]any
		include := r.URL.Query().Get("include")
		if include == "" || include == "7" || strings.Contains(","+include+",", ",7,") {
			posts = append(posts, map[string]any{"id": 7, "slug": "existing", "status": "publish", "type": "post",
				"link": "http://" + r.Host + "/existing/", "modified_gmt": "2026-01-01T00:00:00"})
		}
		if s := r.URL.Query().Get("slug"); s != "" && s != "existing" {
			posts = nil
		}
		w.Header().Set("X-WP-Total", strconv.Itoa(len(posts)))
		w.Header().Set("X-WP-TotalPages", "1")
		writeJSON(w, 200, posts)
	case strings.HasPrefix(route, "/wp/v2/"):
		w.Header().Set("X-WP-TotalPages", "1")
		writeJSON(w, 200, []any{})
	default:
		writeJSON(w, 404, map[string]any{"code": "rest_no_route"})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func TestVersionOf(t *testing.T) {
	rev := "0123456789abcdef0123456789abcdef01234567"
	tests := []struct {
		bi   debug.BuildInfo
		want string
	}{
		{debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}, "v1.4.0"},
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: rev}, {Key: "vcs.time", Value: "2026-11-30T22:00:00Z"}, {Key: "vcs.modified", Value: "false"},
		}}, "commit 0123456789ab (2026-11-30T22:00:00Z)"},
		{debug.BuildInfo{Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "true"}}}, "commit 0123456789ab+dirty"},
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "(devel)"},
	}
	for _, tt := range tests {
		if got := versionOf(&tt.bi); got != tt.want {
			t.Errorf("versionOf(%+v) = %q, want %q", tt.bi, got, tt.want)
		}
	}
}

func TestExitCode(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{nil, 0},
		{&filesFailedError{n: 2}, 1},
		{&usageError{errors.New("x")}, 2},
		{&shownError{errors.New("sign-in refused")}, 2},
		{errInterrupted, 130},
	}
	for _, tt := range tests {
		if got := exitCode(tt.err); got != tt.want {
			t.Errorf("exitCode(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}
