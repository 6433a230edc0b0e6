package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// TestLogin_BrowserFlow signs in as a person would: wpsync login prints
// WordPress's authorization page, a browser signed in to wp-admin opens it
// and presses "Yes, I approve of this connection", WordPress sends the
// browser back to wpsync with a new Application Password, and the next
// sync needs nothing but the site's address.
func TestLogin_BrowserFlow(t *testing.T) {
	saved := filepath.Join(t.TempDir(), "config", "credentials.json")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, "login", "--url", site.URL, "--no-browser", t.TempDir())
	cmd.Env = append(baseEnv(), "WPSYNC_CREDENTIALS="+saved)
	var out bytes.Buffer
	cmd.Stdout = &out
	pr, pw := io.Pipe()
	cmd.Stderr = pw
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var said strings.Builder
	approve := ""
	lines := bufio.NewScanner(pr)
	for approve == "" && lines.Scan() {
		line := lines.Text()
		said.WriteString(line + "\n")
		if u := strings.TrimSpace(line); strings.HasPrefix(u, "http") && strings.Contains(u, "success_url=") {
			approve = u
		}
	}
	go func() { _, _ = io.Copy(&said, pr) }()
	if approve == "" {
		t.Fatalf("wpsync login printed no address to approve:\n%s", said.String())
	}

	browser := signedInBrowser(t)
	resp, err := browser.Get(approve)
	if err != nil {
		t.Fatal(err)
	}
	form := formValues(t, resp, "authorize-application.php")
	form.Set("approve", "Yes, I approve of this connection")
	resp, err = browser.PostForm(site.URL+"/wp-admin/authorize-application.php", form)
	if err != nil {
		t.Fatalf("approve: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.HasPrefix(resp.Request.URL.String(), "http://127.0.0.1:") || !strings.Contains(string(body), "wpsync has the password") {
		t.Fatalf("after approving, the browser is at %s:\n%.400s", resp.Request.URL, body)
	}
	err = cmd.Wait()
	pw.Close()
	if err != nil {
		t.Fatalf("wpsync login: %v\nstdout:\n%s\nstderr:\n%s", err, out.String(), said.String())
	}
	if !strings.Contains(out.String(), "Signed in to "+site.URL+" as "+site.User+" (administrator)") {
		t.Errorf("stdout:\n%s", out.String())
	}
	fi, err := os.Stat(saved)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("credentials file mode %v, want 0600", fi.Mode().Perm())
	}
	raw, _ := os.ReadFile(saved)
	var file struct {
		Sites map[string]struct{ User, Password string }
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	var password string
	for _, s := range file.Sites {
		password = s.Password
	}
	if password == "" || password == site.Password {
		t.Fatalf("saved %d sites, password new: %v", len(file.Sites), password != site.Password)
	}
	if strings.Contains(out.String()+said.String(), password) {
		t.Error("wpsync login printed the password")
	}

	// The next run signs in with it: the address only, no password given.
	dir := t.TempDir()
	writeFile(t, dir, "hello.md", "---\ntitle: Signed in by login\n---\nHello.\n")
	run := exec.CommandContext(ctx, binary, "sync", "--output", "json", dir)
	run.Env = append(baseEnv(), "WPSYNC_CREDENTIALS="+saved, "WPSYNC_URL="+site.URL)
	got, err := run.Output()
	if err != nil {
		t.Fatalf("sync with the saved password: %v\n%s", err, got)
	}
	rep := result{stdout: string(got)}.json(t)
	if rep.Summary.Created != 1 {
		t.Errorf("sync with the saved password: %+v", rep.Summary)
	}
	if strings.Contains(string(got), password) {
		t.Error("sync printed the saved password")
	}
	if post := getPost(t, "posts", rep.Items[0].ID); post.Title.Raw != "Signed in by login" {
		t.Errorf("post %d title %q", post.ID, post.Title.Raw)
	}
	t.Cleanup(func() {
		_ = site.Delete(context.Background(), "/wp/v2/posts/"+itoa(rep.Items[0].ID), url.Values{"force": {"true"}})
	})

	// doctor signs in with it and says where it came from.
	doc := exec.CommandContext(ctx, binary, "doctor", "--url", site.URL, dir)
	doc.Env = append(baseEnv(), "WPSYNC_CREDENTIALS="+saved)
	if got, err := doc.CombinedOutput(); err != nil || !strings.Contains(string(got), `user "`+site.User+`" (from wpsync login), application password from wpsync login (`+saved+`)`) {
		t.Errorf("doctor with the saved password: %v\n%s", err, got)
	}

	// WordPress lists the password under the user's profile, by wpsync's
	// application ID; logout forgets it and revokes it there.
	if wpsyncPasswords(ctx, t) != 1 {
		t.Fatal("no wpsync Application Password in the user's profile")
	}
	logout := exec.CommandContext(ctx, binary, "logout", "--url", site.URL, dir)
	logout.Env = append(baseEnv(), "WPSYNC_CREDENTIALS="+saved)
	if got, err := logout.CombinedOutput(); err != nil || !strings.Contains(string(got), "Revoked it in WordPress") {
		t.Errorf("logout: %v\n%s", err, got)
	}
	if n := wpsyncPasswords(ctx, t); n != 0 {
		t.Errorf("after logout the user still has %d wpsync Application Passwords", n)
	}
	if raw, _ := os.ReadFile(saved); strings.Contains(string(raw), password) {
		t.Error("after logout the password is still in the credentials file")
	}
}

// wpsyncPasswords counts the admin's Application Passwords made through
// wpsync login (by its application ID).
func wpsyncPasswords(ctx context.Context, t *testing.T) int {
	t.Helper()
	var listed []struct {
		Name  string `json:"name"`
		AppID string `json:"app_id"`
	}
	if err := site.GetJSON(ctx, "/wp/v2/users/me/application-passwords", nil, &listed); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range listed {
		if p.AppID == wpsyncAppID {
			n++
		}
	}
	return n
}

// wpsyncAppID is the application ID wpsync login gives WordPress.
const wpsyncAppID = "5b0f7c39-8f54-4a6e-9d43-3c6f8f2e1a71"

// signedInBrowser is an HTTP client signed in to wp-admin as the test
// site's administrator, with the login form as a browser sends it.
func signedInBrowser(t *testing.T) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: time.Minute}
	u, _ := url.Parse(site.URL)
	jar.SetCookies(u, []*http.Cookie{{Name: "wordpress_test_cookie", Value: "WP Cookie check", Path: "/"}})
	resp, err := c.PostForm(site.URL+"/wp-login.php", url.Values{
		"log": {site.User}, "pwd": {site.AdminPassword}, "wp-submit": {"Log In"}, "testcookie": {"1"},
		"redirect_to": {site.URL + "/wp-admin/"},
	})
	if err != nil {
		t.Fatalf("sign in to wp-admin: %v", err)
	}
	resp.Body.Close()
	if !strings.Contains(resp.Request.URL.Path, "/wp-admin") {
		t.Fatalf("sign in to wp-admin: ended at %s", resp.Request.URL)
	}
	return c
}

// formValues reads the fields of the form whose action contains action.
func formValues(t *testing.T, resp *http.Response, action string) url.Values {
	t.Helper()
	defer resp.Body.Close()
	doc, err := html.Parse(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	vals := url.Values{}
	var inForm func(n *html.Node, in bool)
	found := false
	inForm = func(n *html.Node, in bool) {
		if n.Type == html.ElementNode && n.Data == "form" && strings.Contains(formAttr(n, "action"), action) {
			in, found = true, true
		}
		if in && n.Type == html.ElementNode && n.Data == "input" && formAttr(n, "name") != "" && formAttr(n, "type") != "submit" {
			vals.Set(formAttr(n, "name"), formAttr(n, "value"))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			inForm(c, in)
		}
	}
	inForm(doc, false)
	if !found {
		t.Fatalf("no form for %s on %s (status %d)", action, resp.Request.URL, resp.StatusCode)
	}
	return vals
}

func formAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
