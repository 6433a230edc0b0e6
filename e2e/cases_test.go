package e2e

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// copyCase copies testdata/cases/NAME (a reported case's input) into a new
// folder and returns it.
func copyCase(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join("testdata", "cases", name)
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, e.Name(), string(b))
	}
	return dir
}

// C05: `title: Cluster guide: the parts …` is not valid YAML. The file's
// error names line 2 and says to quote the value, in every output; the
// other file is published.
func TestSync_YAMLColonInTitle(t *testing.T) {
	dir := copyCase(t, "C05-yaml-colon-title")
	const fix = `put the value in quotes: title: "Cluster guide: the parts and how they talk"`

	r := wpsync(t, nil, "sync", dir, "--output", "json")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
	}
	rep := r.json(t)
	if rep.Summary.Created != 1 || rep.Summary.Failed != 1 {
		t.Fatalf("summary %+v: want other.md created, cluster-guide.md failed", rep.Summary)
	}
	for _, it := range rep.Items {
		if it.Path != "cluster-guide.md" {
			continue
		}
		if it.Line != 2 || !strings.Contains(it.Error, "cluster-guide.md:2:") || !strings.Contains(it.Error, fix) {
			t.Errorf("item line %d, error %q: want line 2 and %q", it.Line, it.Error, fix)
		}
	}

	r = wpsync(t, nil, "sync", dir)
	if r.code != 1 || !strings.Contains(r.stdout+r.stderr, "cluster-guide.md:2:") || !strings.Contains(r.stdout+r.stderr, fix) {
		t.Errorf("text output, exit %d:\n%s%s\nwant the file, line 2 and %q", r.code, r.stdout, r.stderr, fix)
	}

	r = wpsync(t, []string{"GITHUB_WORKSPACE=" + dir}, "sync", dir, "--output", "github")
	var annotation string
	for _, line := range strings.Split(r.stdout, "\n") {
		if strings.HasPrefix(line, "::error ") && strings.Contains(line, "cluster-guide.md") {
			annotation = line
		}
	}
	if !strings.Contains(annotation, "line=2") || !strings.Contains(annotation, "put the value in quotes") {
		t.Errorf("annotation %q: want line=2 and the fix\n%s%s", annotation, r.stdout, r.stderr)
	}
}

// wafPage is an Apache-style 403 page, as ModSecurity rules answer.
const wafPage = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>403 Forbidden</title>
</head><body>
<h1>Forbidden</h1>
<p>You don't have permission to access this resource.</p>
</body></html>
`

// wafFront stands in front of the site like a web application firewall:
// a request whose body looks like SQL injection gets a 403 HTML page, the
// rest goes through. (The Go twin of the case's waf-proxy.py.)
func wafFront(t *testing.T) string {
	t.Helper()
	target, err := url.Parse(site.URL)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	rule := regexp.MustCompile(`(?i)union\s+select`)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		if rule.Match(body) {
			w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, wafPage)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.Host = target.Host // as WordPress knows itself, or it redirects there
		proxy.ServeHTTP(w, r)
	}))
	srv.Start()
	t.Cleanup(srv.Close)
	// The front is the site's address (WP_HOME) on a real host: the REST
	// root WordPress announces, and where it redirects, must name it, or
	// wpsync would go round the front.
	proxy.ModifyResponse = func(resp *http.Response) error {
		for _, h := range []string{"Link", "Location"} {
			for i, v := range resp.Header.Values(h) {
				resp.Header[h][i] = strings.ReplaceAll(v, site.URL, srv.URL)
			}
		}
		return nil
	}
	return srv.URL
}

// C15: a firewall refuses the post about SQL. Its error names a firewall
// and holds no HTML, in every output; the other two files are published.
func TestSync_FirewallRefusesOnePost(t *testing.T) {
	dir := copyCase(t, "C15-waf-403")
	env := []string{"WPSYNC_URL=" + wafFront(t), "GITHUB_WORKSPACE=" + dir}
	const firewall = "a firewall or security rule in front of WordPress refused this request (403, HTML page titled \"403 Forbidden\")"
	check := func(output, where string) {
		t.Helper()
		if !strings.Contains(output, firewall) {
			t.Errorf("%s does not name the firewall:\n%s", where, output)
		}
		for _, markup := range []string{"<!DOCTYPE", "<html", "<title>", "<h1>", "permission to access"} {
			if strings.Contains(output, markup) {
				t.Errorf("%s holds the HTML page (%q):\n%s", where, markup, output)
			}
		}
	}
	for round := 1; round <= 2; round++ {
		r := wpsync(t, env, "sync", dir, "--output", "json")
		if r.code != 1 {
			t.Fatalf("round %d: exit %d, want 1\n%s%s", round, r.code, r.stdout, r.stderr)
		}
		rep := r.json(t)
		for _, it := range rep.Items {
			switch {
			case it.Path == "sql-lesson.md":
				if it.Action != "error" {
					t.Errorf("round %d: sql-lesson.md %s, want error", round, it.Action)
				}
				check(it.Error, "the JSON error")
			case it.Error != "" || it.ID == 0:
				t.Errorf("round %d: %s: %+v, want it published", round, it.Path, it)
			}
		}
	}
	r := wpsync(t, env, "sync", dir)
	check(r.stdout+r.stderr, "the text output")
	if n := strings.Count(r.stdout+r.stderr, "\n"); n > 6 {
		t.Errorf("text output is %d lines:\n%s%s", n, r.stdout, r.stderr)
	}
	r = wpsync(t, env, "sync", dir, "--output", "github")
	var annotation string
	for _, line := range strings.Split(r.stdout, "\n") {
		if strings.HasPrefix(line, "::error ") && strings.Contains(line, "sql-lesson.md") {
			annotation = line
		}
	}
	check(annotation, "the ::error annotation")
}
