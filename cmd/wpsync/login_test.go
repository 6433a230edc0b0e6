package main

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wpsync/wpsync/internal/config"
	"github.com/wpsync/wpsync/internal/wpfake"
)

// fakeBrowser approves the request the way WordPress's authorization page
// does: it sends the browser to success_url with site_url, user_login and
// password added to the query, or to reject_url with success=false.
func fakeBrowser(t *testing.T, user, password string, approve bool, opened *string) func(string) error {
	return func(u string) error {
		*opened = u
		page, err := url.Parse(u)
		if err != nil {
			return err
		}
		q := page.Query()
		back := q.Get("reject_url")
		extra := url.Values{"success": {"false"}}
		if approve {
			back = q.Get("success_url")
			extra = url.Values{"site_url": {"http://example.invalid"}, "user_login": {user}, "password": {password}}
		}
		go func() {
			resp, err := http.Get(back + "?" + extra.Encode())
			if err != nil {
				t.Errorf("browser: %v", err)
				return
			}
			resp.Body.Close()
		}()
		return nil
	}
}

func loginRun(t *testing.T, wp *wpfake.Server, env map[string]string, open func(string) error, stdin string, tty ttys, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	opts := &loginOptions{url: wp.URL, open: open, timeout: 20 * time.Second, conn: connFlags{requestTimeout: 10 * time.Second}}
	for i := 0; i < len(args); i += 2 {
		switch args[i] {
		case "--user":
			opts.user = args[i+1]
		}
	}
	ios := ioStreams{In: strings.NewReader(stdin), Out: &out, Err: &errb, TTY: &tty}
	err := runLogin(context.Background(), t.TempDir(), opts, ios, func(k string) string { return env[k] })
	return out.String(), errb.String(), err
}

func TestLogin_BrowserHandsPasswordBack(t *testing.T) {
	wp := wpfake.New(t, wpfake.Options{})
	saved := filepath.Join(t.TempDir(), "wpsync", "credentials.json")
	env := map[string]string{config.EnvCredentials: saved}
	var opened string
	out, errOut, err := loginRun(t, wp, env, fakeBrowser(t, wpfake.Admin, wpfake.Password, true, &opened), "", ttys{Out: true})
	if err != nil {
		t.Fatalf("login: %v\n%s", err, errOut)
	}
	page, _ := url.Parse(opened)
	if page.Path != "/wp-admin/authorize-application.php" {
		t.Errorf("opened %s, want the authorization page the REST index lists", opened)
	}
	q := page.Query()
	if q.Get("app_id") != appID || !strings.HasPrefix(q.Get("app_name"), "wpsync") {
		t.Errorf("app_id %q app_name %q", q.Get("app_id"), q.Get("app_name"))
	}
	if s := q.Get("success_url"); !strings.HasPrefix(s, "http://127.0.0.1:") {
		t.Errorf("success_url %q: want this machine's loopback address", s)
	}
	if !strings.Contains(out, "Signed in to "+wp.URL+" as "+wpfake.Admin) {
		t.Errorf("output:\n%s", out)
	}
	if strings.Contains(out+errOut, wpfake.Password) {
		t.Error("the password was printed")
	}
	fi, err := os.Stat(saved)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("credentials file mode %v, want 0600", fi.Mode().Perm())
	}
	got, ok, err := config.LoadSaved(saved, wp.URL+"/", nil)
	if err != nil || !ok || got.User != wpfake.Admin || got.Password != wpfake.Password {
		t.Errorf("saved %+v ok=%v err=%v", got, ok, err)
	}

	// What was saved signs the next commands in: no password in the
	// environment, only the site's address.
	conn, err := config.Resolve(&config.File{URL: wp.URL}, config.Sources{Getenv: func(string) string { return "" }, Saved: &config.Store{Path: saved}})
	if err != nil || conn.User != wpfake.Admin || conn.Password != wpfake.Password {
		t.Errorf("resolve with saved credentials: %+v, %v", conn, err)
	}
	// Another user named: the saved password is not theirs.
	if _, err := config.Resolve(&config.File{URL: wp.URL, User: "editor"}, config.Sources{Getenv: func(string) string { return "" }, Saved: &config.Store{Path: saved}}); err == nil {
		t.Error("a saved password was used for another user")
	}
	// The environment still wins.
	conn, err = config.Resolve(&config.File{URL: wp.URL}, config.Sources{Getenv: func(k string) string {
		return map[string]string{config.EnvPassword: "from-env", config.EnvUser: "u"}[k]
	}, Saved: &config.Store{Path: saved}})
	if err != nil || conn.Password != "from-env" {
		t.Errorf("environment password: %+v, %v", conn, err)
	}
}

func TestLogin_NotApproved(t *testing.T) {
	wp := wpfake.New(t, wpfake.Options{})
	saved := filepath.Join(t.TempDir(), "credentials.json")
	var opened string
	_, _, err := loginRun(t, wp, map[string]string{config.EnvCredentials: saved}, fakeBrowser(t, "", "", false, &opened), "", ttys{Out: true})
	if err == nil || !strings.Contains(err.Error(), "not approved") {
		t.Fatalf("err = %v, want not approved", err)
	}
	if _, err := os.Stat(saved); !os.IsNotExist(err) {
		t.Errorf("credentials file written after a refusal: %v", err)
	}
}

func TestLogin_WrongPasswordNotSaved(t *testing.T) {
	wp := wpfake.New(t, wpfake.Options{})
	saved := filepath.Join(t.TempDir(), "credentials.json")
	var opened string
	_, _, err := loginRun(t, wp, map[string]string{config.EnvCredentials: saved}, fakeBrowser(t, wpfake.Admin, "wrong wrong wrong", true, &opened), "", ttys{Out: true})
	if err == nil || !strings.Contains(err.Error(), "nothing saved") {
		t.Fatalf("err = %v, want a refusal that saves nothing", err)
	}
	if _, err := os.Stat(saved); !os.IsNotExist(err) {
		t.Errorf("credentials file written for a password that does not sign in: %v", err)
	}
}

// A site that shows the password instead of sending it back (WordPress
// before 6.3.2, not 'local'): the user pastes it at the terminal.
func TestLogin_PastedPassword(t *testing.T) {
	wp := wpfake.New(t, wpfake.Options{})
	saved := filepath.Join(t.TempDir(), "credentials.json")
	out, errOut, err := loginRun(t, wp, map[string]string{config.EnvCredentials: saved}, nil, wpfake.Password+"\n", ttys{In: true}, "--user", wpfake.Admin)
	if err != nil {
		t.Fatalf("login: %v\n%s", err, errOut)
	}
	if !strings.Contains(errOut, "paste the password") || !strings.Contains(out, "as "+wpfake.Admin) {
		t.Errorf("stderr:\n%s\nstdout:\n%s", errOut, out)
	}
	if got, ok, _ := config.LoadSaved(saved, wp.URL, nil); !ok || got.Password != wpfake.Password {
		t.Errorf("saved %+v, %v", got, ok)
	}
}

// Saving for a second site keeps the first's.
func TestSave_KeepsOtherSites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.json")
	if err := config.Save(path, "https://a.example/", config.Saved{User: "a", Password: "pa"}); err != nil {
		t.Fatal(err)
	}
	if err := config.Save(path, "HTTPS://B.example", config.Saved{User: "b", Password: "pb"}); err != nil {
		t.Fatal(err)
	}
	for site, want := range map[string]string{"https://a.example": "pa", "https://b.example/": "pb"} {
		if got, ok, _ := config.LoadSaved(path, site, nil); !ok || got.Password != want {
			t.Errorf("%s: %+v %v", site, got, ok)
		}
	}
}

func TestLogout_ForgetsAndRevokes(t *testing.T) {
	wp := wpfake.New(t, wpfake.Options{})
	saved := filepath.Join(t.TempDir(), "credentials.json")
	env := map[string]string{config.EnvCredentials: saved}
	var opened string
	if _, errOut, err := loginRun(t, wp, env, fakeBrowser(t, wpfake.Admin, wpfake.Password, true, &opened), "", ttys{Out: true}); err != nil {
		t.Fatalf("login: %v\n%s", err, errOut)
	}
	var out bytes.Buffer
	ios := ioStreams{In: strings.NewReader(""), Out: &out, Err: &out}
	getenv := func(k string) string { return env[k] }
	opts := &logoutOptions{url: wp.URL, conn: connFlags{requestTimeout: 10 * time.Second}}
	if err := runLogout(context.Background(), t.TempDir(), opts, ios, getenv); err != nil {
		t.Fatalf("logout: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "Forgot the password of admin") || !strings.Contains(out.String(), `Revoked it in WordPress ("fake")`) {
		t.Errorf("logout said:\n%s", out.String())
	}
	if _, ok, _ := config.LoadSaved(saved, wp.URL, nil); ok {
		t.Error("the password is still saved")
	}
	// Revoked: it signs nothing in any more.
	var errOut bytes.Buffer
	code := run([]string{"doctor", "--url", wp.URL, "--user", wpfake.Admin, t.TempDir()}, ioStreams{In: strings.NewReader(""), Out: &errOut, Err: &errOut},
		func(k string) string { return map[string]string{config.EnvPassword: wpfake.Password}[k] })
	if code == 0 || !strings.Contains(errOut.String(), "FAIL") {
		t.Errorf("the revoked password still signs in (doctor exit %d):\n%s", code, errOut.String())
	}
	out.Reset()
	if err := runLogout(context.Background(), t.TempDir(), opts, ios, getenv); err != nil || !strings.Contains(out.String(), "No password saved") {
		t.Errorf("second logout: %v\n%s", err, out.String())
	}
}
