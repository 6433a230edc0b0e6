package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/wpsync/wpsync/internal/config"
	"github.com/wpsync/wpsync/sync/wordpress"
)

// appID names wpsync to WordPress's authorization page: the same UUID for
// every password wpsync asks for, so that a user's profile can tell them
// apart from other applications' (WordPress requires a UUID).
const appID = "5b0f7c39-8f54-4a6e-9d43-3c6f8f2e1a71"

type loginOptions struct {
	url, user string
	noBrowser bool
	timeout   time.Duration
	conn      connFlags // TLS and time-out settings of the requests
	// open shows an address in the user's browser; tests replace it.
	open func(string) error
}

func newLoginCmd(ios ioStreams, getenv func(string) string) *cobra.Command {
	opts := &loginOptions{open: openBrowser}
	cmd := &cobra.Command{
		Use:   "login [DIR]",
		Short: "Sign in through the browser and save an Application Password for the site",
		Long: `Sign in to the site of DIR (its wpsync.yaml url, or --url) in one step:
wpsync opens WordPress's page that makes an Application Password
(Users → Profile, "Authorize Application", WordPress 5.6+), you approve it,
signed in as the user wpsync should publish as, and WordPress hands the new
password straight back to wpsync on this machine. Nothing to copy.

The password is saved in the system's keyring (macOS Keychain, GNOME or
KDE's Secret Service, Windows Credential Manager) or, on a machine without
one, in a file of your own configuration folder readable by you only
($XDG_CONFIG_HOME/wpsync/credentials.json, ~/.config/wpsync/ on Linux; the
file $WPSYNC_CREDENTIALS names, if set, and then no keyring): never in the
synced folder. sync, watch, pull, status and doctor use it for that site
when neither WPSYNC_APP_PASSWORD nor --password-file is given. wpsync
logout forgets it and revokes it in WordPress.

WordPress hands the password back to an http address on this machine only
since 6.3.2 (or on a site set up as 'local'); on older sites the page says
"The URL must be served over a secure connection": then open the second
address wpsync prints, approve, and paste the password it shows.`,
		Args:              atMostOneDir("login"),
		ValidArgsFunction: completeDir,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLogin(cmd.Context(), dirArg(args), opts, ios, getenv)
		},
	}
	cmd.Flags().StringVar(&opts.url, "url", "", "site address (default $WPSYNC_URL, then url: in wpsync.yaml)")
	cmd.Flags().StringVar(&opts.user, "user", "", "the login name a pasted password belongs to (default $WPSYNC_USER, then user: in wpsync.yaml)")
	cmd.Flags().BoolVar(&opts.noBrowser, "no-browser", false, "print the address to open instead of opening a browser")
	cmd.Flags().DurationVar(&opts.timeout, "timeout", 10*time.Minute, "give up when the password has not come back after this long")
	cmd.Flags().BoolVar(&opts.conn.allowInsecureHTTP, "allow-insecure-http", false, "sign in over plain http:// to a host other than this machine (anyone on the way can read the password)")
	cmd.Flags().StringVar(&opts.conn.caCert, "ca-cert", "", "PEM file of the certificate authority of a site with a private CA")
	cmd.Flags().DurationVar(&opts.conn.requestTimeout, "request-timeout", 30*time.Second, "give up on a request that has not started to answer after this long")
	return cmd
}

// approval is what came back from WordPress: a password, or a refusal.
type approval struct {
	user, password string
	err            error
}

func runLogin(ctx context.Context, dir string, opts *loginOptions, ios ioStreams, getenv func(string) string) error {
	if ctx == nil {
		ctx = context.Background()
	}
	file, err := config.LoadFile(dir)
	if err != nil {
		return err
	}
	siteURL := firstNonEmpty(opts.url, getenv(config.EnvURL), file.URL)
	tty := ios.terminals()
	var in *bufio.Reader
	if tty.In {
		in = bufio.NewReader(ios.In)
	}
	if siteURL == "" && in != nil {
		if siteURL, err = ask(in, ios.Err, "Site address (as you open it in a browser)", "", normalizeURL, checkSiteURL); err != nil {
			return err
		}
	}
	if siteURL == "" {
		return &usageError{fmt.Errorf("login needs the site address: --url, %s or url: in %s", config.EnvURL, config.FileName)}
	}
	siteURL = normalizeURL(siteURL)
	if err := checkSiteURL(siteURL); err != nil {
		return &usageError{fmt.Errorf("site address: %v", err)}
	}
	store, err := config.OpenStore(getenv)
	if err != nil {
		return err
	}
	hc, err := httpClient(siteURL, &opts.conn)
	if err != nil {
		return err
	}
	site, err := wordpress.New(siteURL, "", "", hc)
	if err != nil {
		return &config.Error{Msg: err.Error()}
	}
	site.UserAgent = "wpsync/" + buildVersion()
	if err := site.Discover(ctx); err != nil {
		return err
	}
	auth, err := site.Authorize(ctx)
	if err != nil {
		return fmt.Errorf("sign in to %s: %w", siteURL, err)
	}

	// WordPress sends the browser back to this machine with the password
	// in the query: a listener on the loopback address only, at a path
	// with a random part, so that no other page can hand wpsync a password
	// of its choosing.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("listen for WordPress's answer: %w", err)
	}
	token := make([]byte, 16)
	if _, err := rand.Read(token); err != nil {
		return err
	}
	base := fmt.Sprintf("http://%s/%s", ln.Addr(), hex.EncodeToString(token))
	answers := make(chan approval, 1)
	srv := &http.Server{Handler: callbackHandler(base, answers), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer func() {
		// Let the browser have its page before the listener goes.
		stop, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(stop)
	}()

	name := "wpsync"
	if host, err := os.Hostname(); err == nil && host != "" {
		name += " on " + host
	}
	approve := auth.URL(name, appID, base+"/approved", base+"/rejected")
	fmt.Fprintf(ios.Err, "Open this page in a browser on this machine, signed in to %s as the user wpsync\nshould publish as, and approve:\n\n  %s\n\n", siteURL, approve)
	fmt.Fprintf(ios.Err, "WordPress then sends the browser, with the password, to %s on this machine\n(from a browser elsewhere, forward that port first: ssh -L %d:127.0.0.1:%d THIS-HOST).\n", ln.Addr(), ln.Addr().(*net.TCPAddr).Port, ln.Addr().(*net.TCPAddr).Port)
	fmt.Fprintf(ios.Err, "If the page says the URL must be served over a secure connection (WordPress\nbefore 6.3.2), open this one instead, approve, and ")
	if in != nil {
		fmt.Fprintf(ios.Err, "paste the password it shows here:\n\n  %s\n\n", auth.URL(name, appID, "", ""))
	} else {
		fmt.Fprintf(ios.Err, "run wpsync login in a terminal to paste the\npassword it shows (or give it in %s):\n\n  %s\n\n", config.EnvPassword, auth.URL(name, appID, "", ""))
	}
	fmt.Fprintf(ios.Err, "Waiting for WordPress (up to %s; Ctrl-C to stop)…\n", opts.timeout)
	if tty.Out && !opts.noBrowser && opts.open != nil {
		if err := opts.open(approve); err != nil {
			fmt.Fprintf(ios.Err, "(could not open a browser: %v)\n", err)
		}
	}
	if in != nil {
		go readPasted(in, answers)
	}

	wait, cancel := context.WithTimeout(ctx, opts.timeout)
	defer cancel()
	var got approval
	select {
	case got = <-answers:
	case <-wait.Done():
		if ctx.Err() != nil {
			return errInterrupted
		}
		return fmt.Errorf("no password came back from %s within %s: run wpsync login again (--timeout sets how long it waits)", siteURL, opts.timeout)
	}
	if got.err != nil {
		return got.err
	}
	if got.user == "" {
		got.user = firstNonEmpty(opts.user, getenv(config.EnvUser), file.User)
		if got.user == "" && in != nil {
			if got.user, err = ask(in, ios.Err, "WordPress login name the password belongs to", "", strings.TrimSpace, checkUser); err != nil {
				return err
			}
		}
		if got.user == "" {
			return &usageError{fmt.Errorf("the pasted password needs its user: give the login name with --user, %s or user: in %s", config.EnvUser, config.FileName)}
		}
	}

	// Check the password before keeping it: a pasted one may be mistyped.
	check, err := wordpress.New(siteURL, got.user, got.password, hc)
	if err != nil {
		return &config.Error{Msg: err.Error()}
	}
	check.UserAgent = site.UserAgent
	if err := check.Connect(ctx); err != nil {
		return fmt.Errorf("the new password does not sign in (nothing saved): %w", err)
	}
	me, err := check.Me(ctx)
	if err != nil {
		return err
	}
	inKeyring, err := store.Save(siteURL, config.Saved{User: got.user, Password: got.password})
	if err != nil {
		return err
	}
	role := ""
	if len(me.Roles) > 0 {
		role = " (" + strings.Join(me.Roles, ", ") + ")"
	}
	fmt.Fprintf(ios.Out, "Signed in to %s as %s%s.\n", siteURL, got.user, role)
	fmt.Fprintf(ios.Out, "The Application Password %q is saved in %s, for you only.\nsync, watch, pull, status and doctor use it for this site unless %s or --password-file is given.\nwpsync logout forgets and revokes it.\n", name, store.Where(inKeyring), config.EnvPassword)
	if file.URL == "" && opts.url != "" {
		fmt.Fprintf(ios.Out, "This folder's %s names no site: run wpsync init --url %s, or pass --url to each command.\n", config.FileName, siteURL)
	}
	return nil
}

// callbackHandler takes WordPress's redirect back: base/approved with
// site_url, user_login and password in the query, or base/rejected. The
// first answer counts. The page it shows takes the query off the tab's
// address, so that the password is not left on the screen.
func callbackHandler(base string, answers chan<- approval) http.Handler {
	prefix := base[strings.Index(base[len("http://"):], "/")+len("http://"):]
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+prefix+"/approved", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		a := approval{user: q.Get("user_login"), password: q.Get("password")}
		if a.user == "" || a.password == "" {
			a.err = errors.New("WordPress came back without a user name and password: run wpsync login again")
		}
		offer(answers, a)
		page(w, "wpsync: password received", "wpsync has the password and checks it now: see the terminal. You can close this tab.")
	})
	mux.HandleFunc("GET "+prefix+"/rejected", func(w http.ResponseWriter, r *http.Request) {
		offer(answers, approval{err: errors.New("the Application Password was not approved in WordPress (nothing saved)")})
		page(w, "wpsync: not approved", "No password was made. You can close this tab.")
	})
	return mux
}

// offer hands an answer over unless one came first.
func offer(answers chan<- approval, a approval) {
	select {
	case answers <- a:
	default:
	}
}

func page(w http.ResponseWriter, title, text string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintf(w, "<!doctype html><title>%s</title><p>%s</p><script>history.replaceState(null, \"\", location.pathname)</script>\n", html.EscapeString(title), html.EscapeString(text))
}

// readPasted takes a password typed or pasted at the terminal (a site that
// shows it instead of sending it back). WordPress shows it in groups of
// four letters, with spaces; they are kept, WordPress ignores them.
func readPasted(in *bufio.Reader, answers chan<- approval) {
	line, err := in.ReadString('\n')
	if pw := strings.TrimSpace(line); pw != "" {
		offer(answers, approval{password: pw})
		return
	}
	if err != nil && !errors.Is(err, io.EOF) {
		offer(answers, approval{err: fmt.Errorf("read the pasted password: %w", err)})
	}
}

// openBrowser shows u in the user's default browser.
func openBrowser(u string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", u)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", u)
	default:
		cmd = exec.Command("xdg-open", u)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}
