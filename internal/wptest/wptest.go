// Package wptest starts throwaway WordPress sites on 127.0.0.1 for end-to-end
// tests, using scripts/wordpress.sh (Debian's wordpress, php-cli and MariaDB,
// run as root): WordPress 6.1, 6.5 or 7.1 (see Options.WordPress).
//
// In a test:
//
//	site := wptest.Start(t, "e2e_sync", wptest.Options{})
//	cmd.Env = append(os.Environ(), site.Env()...)
//
// Start skips the test unless WPSYNC_E2E is set. For a site shared by all tests
// of a package, use UpForMain in TestMain:
//
//	func TestMain(m *testing.M) {
//		if !wptest.Enabled() {
//			os.Exit(m.Run()) // the e2e tests skip themselves
//		}
//		site, down, err := wptest.UpForMain("e2e_pkg", wptest.Options{})
//		if err != nil {
//			fmt.Fprintln(os.Stderr, err)
//			os.Exit(1)
//		}
//		shared = site
//		code := m.Run()
//		down()
//		os.Exit(code)
//	}
//
// Site names are per machine: test processes running at the same time (go test
// runs packages in parallel) must use different names. A site started under a
// name that is already up replaces it.
package wptest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Site is a running throwaway WordPress.
type Site struct {
	Name          string // sanitized site name (database wpsync_<Name>)
	URL           string // http://127.0.0.1:PORT (or localhost), no trailing slash
	User          string // "admin", an administrator
	Password      string // Application Password of User
	AdminPassword string // login password of User (wp-login.php, block editor)
	RequestLog    string // file with one "STATUS METHOD URI" line per request
	Version       string // WordPress's version, as in wp-includes/version.php: "6.1.9", "6.5.5", "7.1.4"

	script string
	client *http.Client
}

// Options for a new site.
type Options struct {
	// PlainPermalinks leaves permalinks plain: the REST API answers only at
	// /?rest_route=..., not at /wp-json/.
	PlainPermalinks bool
	// Environment is WP_ENVIRONMENT_TYPE: "" means "local". With "production"
	// Application Passwords are unavailable over plain HTTP, so requests
	// authenticated with Password silently run as anonymous.
	Environment string
	// NoBatch makes the site refuse /batch/v1 (404 rest_no_route), as some
	// hosts do, to test the fall-back to one request per post.
	NoBatch bool
	// WordPress is the WordPress to run: "6.1" (Debian's package), "6.5"
	// (from npm) or "7.1" (Debian unstable's package; see
	// scripts/wordpress.sh); "" means WPSYNC_WP_VERSION, else 6.1. So `make
	// test` runs a whole suite against each version in turn.
	WordPress string
	// MuPlugins are PHP files the site loads as must-use plugins (its own
	// WPMU_PLUGIN_DIR): a host's or a plugin's filters, notices and the like.
	MuPlugins []string
	// Localhost serves the site as http://localhost:PORT: WordPress 7.1
	// turns its client-side media processing (the sideload routes) on for
	// a host named localhost, as for HTTPS.
	Localhost bool
	// Memory caps the site's PHP memory (memory_limit, WP_MEMORY_LIMIT and
	// WP_MAX_MEMORY_LIMIT), e.g. "64M" as small hosts have; "": 512M.
	Memory string
}

// WordPress is the WordPress version sites start with when Options names
// none: WPSYNC_WP_VERSION, else "6.1".
func WordPress() string {
	if v := os.Getenv("WPSYNC_WP_VERSION"); v != "" {
		return v
	}
	return "6.1"
}

// Enabled reports whether end-to-end tests should run: WPSYNC_E2E is set non-empty.
func Enabled() bool { return os.Getenv("WPSYNC_E2E") != "" }

// SanitizeName returns name as Up uses it: lower-case, characters other than
// [a-z0-9_] replaced by '_', at most 40 characters.
func SanitizeName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	s := b.String()
	if len(s) > 40 {
		s = s[:40]
	}
	if s == "" {
		s = "site"
	}
	return s
}

// Up starts a fresh site by running scripts/wordpress.sh up (the script is found
// by walking up from the working directory to the directory holding go.mod).
// The caller must call Down. Up serves TestMain as well as tests.
func Up(name string, opts Options) (*Site, error) {
	script, err := findScript()
	if err != nil {
		return nil, err
	}
	// WPSYNC_SITE_PREFIX lets several checkouts run their suites at once on
	// one machine without taking each other's sites down.
	name = SanitizeName(os.Getenv("WPSYNC_SITE_PREFIX") + name)
	args := []string{"up", name}
	if opts.PlainPermalinks {
		args = append(args, "--plain-permalinks")
	}
	if opts.Environment != "" {
		args = append(args, "--env", opts.Environment)
	}
	if opts.NoBatch {
		args = append(args, "--no-batch")
	}
	for _, f := range opts.MuPlugins {
		abs, err := filepath.Abs(f)
		if err != nil {
			return nil, fmt.Errorf("wptest: must-use plugin %s: %w", f, err)
		}
		args = append(args, "--mu-plugin", abs)
	}
	if opts.Localhost {
		args = append(args, "--host", "localhost")
	}
	if opts.Memory != "" {
		args = append(args, "--memory", opts.Memory)
	}
	version := opts.WordPress
	if version == "" {
		version = WordPress()
	}
	args = append(args, "--wp", version)
	out, err := runScript(script, 5*time.Minute, args...)
	if err != nil {
		return nil, fmt.Errorf("wptest: starting WordPress site %q: %w", name, err)
	}
	envFile := strings.TrimSpace(out)
	vars, err := readEnvFile(envFile)
	if err != nil {
		return nil, fmt.Errorf("wptest: site %q: %w", name, err)
	}
	s := &Site{
		Name:          name,
		URL:           vars["WPSYNC_URL"],
		User:          vars["WPSYNC_USER"],
		Password:      vars["WPSYNC_APP_PASSWORD"],
		AdminPassword: vars["WPSYNC_ADMIN_PASSWORD"],
		RequestLog:    vars["WPSYNC_REQUEST_LOG"],
		Version:       vars["WPSYNC_WP_VERSION"],
		script:        script,
		client:        &http.Client{Timeout: 2 * time.Minute},
	}
	if s.URL == "" || s.User == "" || s.Password == "" || s.RequestLog == "" {
		_ = s.Down()
		return nil, fmt.Errorf("wptest: site %q: incomplete env file %s", name, envFile)
	}
	return s, nil
}

// UpForMain is Up for TestMain: it returns the site and a function that takes
// it down (reporting a failure on stderr).
func UpForMain(name string, opts Options) (*Site, func(), error) {
	s, err := Up(name, opts)
	if err != nil {
		return nil, func() {}, err
	}
	return s, func() {
		if err := s.Down(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}, nil
}

// Down stops the site and deletes its database and files.
func (s *Site) Down() error {
	if _, err := runScript(s.script, 2*time.Minute, "down", s.Name); err != nil {
		return fmt.Errorf("wptest: stopping WordPress site %q: %w", s.Name, err)
	}
	return nil
}

// Start is for tests: it skips the test when !Enabled(), fails it when the site
// cannot start, and takes the site down when the test ends.
func Start(t testing.TB, name string, opts Options) *Site {
	t.Helper()
	if !Enabled() {
		t.Skip("end-to-end test against a real WordPress: run `make test` or set WPSYNC_E2E=1 (needs root; installs Debian's wordpress, php-cli, mariadb-server)")
	}
	s, err := Up(name, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Down(); err != nil {
			t.Error(err)
		}
	})
	return s
}

// Env returns the environment entries a wpsync process needs to reach the site.
func (s *Site) Env() []string {
	return []string{
		"WPSYNC_URL=" + s.URL,
		"WPSYNC_USER=" + s.User,
		"WPSYNC_APP_PASSWORD=" + s.Password,
	}
}

// Request is one line of the site's request log.
type Request struct {
	Status int
	Method string
	URI    string // as requested: path and query, not decoded
}

func (r Request) String() string { return fmt.Sprintf("%d %s %s", r.Status, r.Method, r.URI) }

// Requests returns the requests the site has logged so far (a request is
// logged once its response is complete).
func (s *Site) Requests() ([]Request, error) {
	data, err := os.ReadFile(s.RequestLog)
	if err != nil {
		return nil, err
	}
	var reqs []Request
	for line := range strings.Lines(string(data)) {
		if !strings.HasSuffix(line, "\n") {
			break // being written
		}
		line = strings.TrimSuffix(line, "\n")
		if line == "" {
			continue
		}
		f := strings.SplitN(line, " ", 3)
		if len(f) != 3 {
			return nil, fmt.Errorf("wptest: bad request log line %q", line)
		}
		st, err := strconv.Atoi(f[0])
		if err != nil {
			return nil, fmt.Errorf("wptest: bad request log line %q", line)
		}
		reqs = append(reqs, Request{Status: st, Method: f[1], URI: f[2]})
	}
	return reqs, nil
}

// Mark returns the number of requests logged so far, for RequestsSince.
func (s *Site) Mark() int {
	reqs, _ := s.Requests()
	return len(reqs)
}

// RequestsSince returns the requests logged after Mark returned mark.
func (s *Site) RequestsSince(mark int) ([]Request, error) {
	reqs, err := s.Requests()
	if err != nil {
		return nil, err
	}
	if mark > len(reqs) {
		return nil, fmt.Errorf("wptest: mark %d beyond the %d logged requests", mark, len(reqs))
	}
	return reqs[mark:], nil
}

// StatusError is the error of a REST call answered with a non-2xx status.
type StatusError struct {
	Method, Route string
	StatusCode    int
	Code          string // WordPress error code, e.g. "rest_no_route", if any
	Body          []byte
}

func (e *StatusError) Error() string {
	body := string(e.Body)
	if len(body) > 2000 {
		body = body[:2000] + "…"
	}
	return fmt.Sprintf("wptest: %s %s: status %d: %s", e.Method, e.Route, e.StatusCode, body)
}

// RouteURL returns the URL of a REST route such as "/wp/v2/posts" with the query
// q: URL/?rest_route=ROUTE&..., which works with pretty and plain permalinks.
func (s *Site) RouteURL(route string, q url.Values) string {
	v := url.Values{}
	for k, vs := range q {
		v[k] = append([]string(nil), vs...)
	}
	v.Set("rest_route", route)
	return s.URL + "/?" + v.Encode()
}

// Do sends a REST request authenticated with the Application Password; body,
// when not nil, is sent as JSON; a 2xx answer is decoded into v when v is not nil.
func (s *Site) Do(ctx context.Context, method, route string, q url.Values, body, v any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, s.RouteURL(route, q), rd)
	if err != nil {
		return err
	}
	req.SetBasicAuth(s.User, s.Password)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return fmt.Errorf("wptest: %s %s: %w", method, route, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("wptest: %s %s: %w", method, route, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		e := &StatusError{Method: method, Route: route, StatusCode: resp.StatusCode, Body: data}
		var wpErr struct{ Code string }
		if json.Unmarshal(data, &wpErr) == nil {
			e.Code = wpErr.Code
		}
		return e
	}
	if v != nil {
		if err := json.Unmarshal(data, v); err != nil {
			return fmt.Errorf("wptest: %s %s: decoding %.200q: %w", method, route, data, err)
		}
	}
	return nil
}

// GetJSON GETs a REST route (e.g. "/wp/v2/posts", q e.g. context=edit,
// status=any, per_page=100) and decodes the answer into v.
func (s *Site) GetJSON(ctx context.Context, route string, q url.Values, v any) error {
	return s.Do(ctx, http.MethodGet, route, q, nil, v)
}

// PostJSON POSTs body as JSON to a REST route and decodes the answer into v
// (v may be nil).
func (s *Site) PostJSON(ctx context.Context, route string, body any, v any) error {
	return s.Do(ctx, http.MethodPost, route, nil, body, v)
}

// Delete sends DELETE to a REST route (q e.g. force=true).
func (s *Site) Delete(ctx context.Context, route string, q url.Values) error {
	return s.Do(ctx, http.MethodDelete, route, q, nil, nil)
}

func findScript() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			script := filepath.Join(dir, "scripts", "wordpress.sh")
			if _, err := os.Stat(script); err != nil {
				return "", fmt.Errorf("wptest: %w", err)
			}
			return script, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("wptest: no go.mod above the working directory, so no scripts/wordpress.sh")
		}
		dir = parent
	}
}

// runScript runs the script and returns its stdout; its stderr goes into the error.
func runScript(script string, timeout time.Duration, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", append([]string{script}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	cmd.Stdin = nil
	// The script leaves servers running; they do not keep its pipes open, but
	// never hang on them should one do so.
	cmd.WaitDelay = 10 * time.Second
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%s %s: %w\n%s", filepath.Base(script), strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return stdout.String(), nil
}

// readEnvFile parses the KEY=VALUE lines written by wordpress.sh (values bare
// or in shell single quotes).
func readEnvFile(path string) (map[string]string, error) {
	if path == "" {
		return nil, errors.New("wordpress.sh printed no env file")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	vars := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(strings.TrimPrefix(line, "export "), "=")
		if !ok {
			return nil, fmt.Errorf("%s: bad line %q", path, k)
		}
		if strings.HasPrefix(v, "'") {
			v = unquoteShell(v)
		}
		vars[k] = v
	}
	return vars, sc.Err()
}

// unquoteShell undoes single quoting as written by wordpress.sh, where a
// quote inside the value becomes: quote, backslash, quote, quote.
func unquoteShell(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		switch {
		case s[0] == '\'':
			end := strings.IndexByte(s[1:], '\'')
			if end < 0 {
				b.WriteString(s[1:])
				return b.String()
			}
			b.WriteString(s[1 : 1+end])
			s = s[2+end:]
		case s[0] == '\\' && len(s) > 1:
			b.WriteByte(s[1])
			s = s[2:]
		default:
			b.WriteByte(s[0])
			s = s[1:]
		}
	}
	return b.String()
}
