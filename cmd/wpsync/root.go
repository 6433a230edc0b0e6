package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/wpsync/wpsync/internal/config"
	"github.com/wpsync/wpsync/markdown"
	"github.com/wpsync/wpsync/site"
	"github.com/wpsync/wpsync/state"
	wpsync "github.com/wpsync/wpsync/sync"
	"github.com/wpsync/wpsync/sync/wordpress"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = ""

// Exit codes, part of the command-line contract.
const (
	exitOK     = 0 // every file synced
	exitFailed = 1 // one or more files failed; the others were synced
	exitSetup  = 2 // usage, configuration, connection or authentication error before any file
	// exitInterrupted: a sync interrupted by SIGINT or SIGTERM (what it
	// wrote is recorded), or watch ended at once by a second one: 128 +
	// SIGINT, as shells report an interrupted command.
	exitInterrupted = 130
)

// errInterrupted is a second SIGINT or SIGTERM: stop now.
var errInterrupted = errors.New("interrupted")

type ioStreams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
	// TTY says which streams are terminals; nil means ask them (output.go).
	// Tests set it to see what a terminal gets.
	TTY *ttys
}

// usageError is a mistake on the command line.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }

// filesFailedError says the run went through but some files failed.
type filesFailedError struct{ n int }

func (e *filesFailedError) Error() string { return fmt.Sprintf("%d file(s) failed", e.n) }

// shownError is an error the command has already shown (sync shows a
// run-stopping error itself, before the per-file lines, and as an annotation
// under --output github); run only maps it to an exit code.
type shownError struct{ err error }

func (e *shownError) Error() string { return e.err.Error() }
func (e *shownError) Unwrap() error { return e.err }

// hinter is an error that also says what to do, in one line
// (wordpress.AuthError).
type hinter interface {
	error
	Hint() string
}

// printError writes "wpsync: ERROR" and, when the error says what to do,
// that on a second line.
func printError(w io.Writer, err error) {
	fmt.Fprintln(w, "wpsync: "+err.Error())
	if h, ok := errors.AsType[hinter](err); ok {
		fmt.Fprintln(w, sentence(h.Hint()))
	}
}

// sentence capitalises s and ends it with a full stop.
func sentence(s string) string {
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// exitCode maps an error to the process exit code, in one place.
func exitCode(err error) int {
	var failed *filesFailedError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &failed):
		return exitFailed
	case errors.Is(err, errInterrupted):
		return exitInterrupted
	default:
		// Usage, configuration, lock, connection and authentication errors
		// all stop a run before any file was attempted.
		return exitSetup
	}
}

func run(args []string, ios ioStreams, getenv func(string) string) int {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	root := newRootCmd(ios, getenv)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	var failed *filesFailedError
	var shown *shownError
	if err != nil && !errors.As(err, &failed) && !errors.As(err, &shown) {
		printError(ios.Err, err)
		var ue *usageError
		if errors.As(err, &ue) {
			fmt.Fprintln(ios.Err, "Run 'wpsync --help' for usage.")
		}
	}
	return exitCode(err)
}

func newRootCmd(ios ioStreams, getenv func(string) string) *cobra.Command {
	root := &cobra.Command{
		Use:   "wpsync",
		Short: "Publish a folder of Markdown files to WordPress",
		Long: `wpsync publishes Markdown files with front matter (YAML, TOML or JSON) to a
WordPress site through its REST API, signed in with an Application Password,
and keeps a state file so that each run sends only what changed.

New here? Start with 'wpsync init' in your folder of Markdown files: it
writes wpsync.yaml and says how to make an Application Password. Then
'wpsync doctor' checks everything a sync needs.`,
		Version:       buildVersion(),
		SilenceUsage:  true,
		SilenceErrors: true,
		// "wpsync snyc": Did you mean this? sync
		SuggestionsMinimumDistance: 2,
	}
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.Err)
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return &usageError{suggestFlag(cmd, err)} })
	root.AddCommand(newSyncCmd(ios, getenv))
	root.AddCommand(newWatchCmd(ios, getenv), newPullCmd(ios, getenv))
	root.AddCommand(newInitCmd(ios, getenv), newLoginCmd(ios, getenv), newLogoutCmd(ios, getenv), newDoctorCmd(ios, getenv), newStatusCmd(ios, getenv), newCompletionCmd(ios))
	return root
}

// buildVersion names the release or the commit the binary was built from:
// the version set with -ldflags "-X main.version=v1.2.3" (make build,
// goreleaser, the Dockerfile); else the module version `go install
// …@v1.2.3` records; else the VCS revision Go stamps into a build from a
// checkout (with "+dirty" for uncommitted changes); else "(devel)".
func buildVersion() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(devel)"
	}
	return versionOf(bi)
}

func versionOf(bi *debug.BuildInfo) string {
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, when string
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "(devel)"
	}
	v := "commit " + rev[:min(12, len(rev))]
	if dirty {
		v += "+dirty"
	}
	if when != "" {
		v += " (" + when + ")"
	}
	return v
}

// connFlags are the connection settings every command that talks to
// WordPress takes.
type connFlags struct {
	url, user         string
	passwordFile      string
	statePath         string
	allowInsecureHTTP bool
	caCert            string
	rebuildState      bool
	requestTimeout    time.Duration
}

func (f *connFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.url, "url", "", "site address (default $WPSYNC_URL, then url: in wpsync.yaml)")
	fl.StringVar(&f.user, "user", "", "WordPress login name (default $WPSYNC_USER, then user: in wpsync.yaml)")
	fl.StringVar(&f.passwordFile, "password-file", "", "read the application password from this file instead of $WPSYNC_APP_PASSWORD")
	fl.StringVar(&f.statePath, "state", "", "state file (default DIR/.wpsync/state.json)")
	fl.BoolVar(&f.allowInsecureHTTP, "allow-insecure-http", false, "send credentials over plain http:// to a host other than this machine (anyone on the way can read them)")
	fl.StringVar(&f.caCert, "ca-cert", "", "PEM file of the certificate authority of a site with a private CA")
	fl.DurationVar(&f.requestTimeout, "request-timeout", 30*time.Second, "give up on a request that has not started to answer after this long (it is retried when safe)")
	fl.BoolVar(&f.rebuildState, "rebuild-state", false, "set the state file aside and rebuild it from WordPress (by slug; no duplicates)")
}

// session is what a command that publishes needs, set up from flags,
// environment and wpsync.yaml.
type session struct {
	dir    string
	file   *config.File
	conn   *config.Connection
	client *wordpress.Client
	state  *state.State
	lock   *state.Lock
	site   site.Site // the folder's site generator
	strict bool      // --strict; wpsync.yaml's strict: true is in file
}

// syncOptions are the sync options the folder and the site decide (its
// settings, its generator, the site address); a command adds its flags.
// sync and pull use the same ones, so that pull records the state exactly
// as the next sync will judge it.
func (s *session) syncOptions() wpsync.Options {
	return wpsync.Options{
		Generator:     s.site,
		Dir:           s.dir,
		DefaultStatus: s.file.DefaultStatus,
		Format:        s.file.Format,
		Ignore:        s.file.Ignore,
		Site:          s.client.Site(),
		MaxFileSize:   s.file.MaxFileSize,
		Strict:        s.strict || s.file.Strict,
	}
}

func (s *session) close() {
	if s.lock != nil {
		s.lock.Release()
	}
}

// loadSettings reads and checks wpsync.yaml and recognises the folder's
// site generator: what a run publishes with, apart from the connection.
func loadSettings(dir string) (*config.File, site.Site, error) {
	file, err := config.LoadFile(dir)
	if err != nil {
		return nil, nil, err
	}
	if err := checkStatus(file.DefaultStatus); err != nil {
		return nil, nil, &config.Error{Msg: fmt.Sprintf("%s: default_status: %v", config.FileName, err)}
	}
	if err := wpsync.ValidateGlobs(file.Ignore); err != nil {
		return nil, nil, &config.Error{Msg: fmt.Sprintf("%s: %v", config.FileName, err)}
	}
	gen, err := site.DetectWith(dir, site.Settings{Static: file.Static, Shortcodes: file.Shortcodes, LinkBase: file.LinkBase, Generator: file.Generator, Language: file.Language, NoThemeImages: file.ThemeImages != nil && !*file.ThemeImages, InlineTags: file.InlineTags, Input: file.Input})
	if err != nil {
		return nil, nil, &config.Error{Msg: err.Error()}
	}
	return file, gen, nil
}

// openSession loads the settings, takes the lock and reads the state.
func openSession(dir string, f *connFlags, ios ioStreams, getenv func(string) string, lock bool) (*session, error) {
	file, gen, err := loadSettings(dir)
	if err != nil {
		return nil, err
	}
	conn, err := config.Resolve(file, config.Sources{
		FlagURL: f.url, FlagUser: f.user, PasswordFile: f.passwordFile, Getenv: getenv,
		Warn:  func(msg string) { fmt.Fprintln(ios.Err, "wpsync: warning: "+msg) },
		Saved: savedStore(getenv),
	})
	if err != nil {
		return nil, err
	}
	hc, err := httpClient(conn.URL, f)
	if err != nil {
		return nil, err
	}
	client, err := wordpress.New(conn.URL, conn.User, conn.Password, hc)
	if err != nil {
		return nil, &config.Error{Msg: err.Error()}
	}
	client.UserAgent = "wpsync/" + buildVersion()
	s := &session{dir: dir, file: file, conn: conn, client: client, site: gen}
	statePath := f.statePath
	if statePath == "" {
		statePath = state.DefaultPath(dir)
	}
	if lock {
		if s.lock, err = state.Acquire(statePath); err != nil {
			return nil, err
		}
	}
	if f.rebuildState {
		var aside string
		if s.state, aside, err = state.SetAside(statePath); err != nil {
			s.close()
			return nil, err
		}
		if aside != "" {
			fmt.Fprintf(ios.Err, "wpsync: old state set aside as %s; rebuilding from WordPress\n", aside)
		}
		return s, nil
	}
	if s.state, err = state.Load(statePath); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// savedStore is where `wpsync login` keeps passwords, or nil when there is
// no place for one (no home folder): then nothing is looked up.
func savedStore(getenv func(string) string) *config.Store {
	s, err := config.OpenStore(getenv)
	if err != nil {
		return nil
	}
	return &s
}

// httpClient refuses to send credentials in the clear to another machine,
// and trusts a private certificate authority when given one. TLS
// certificates are always verified.
func httpClient(siteURL string, f *connFlags) (*http.Client, error) {
	u, err := wordpress.ParseSiteURL(siteURL)
	if err != nil {
		return nil, &config.Error{Msg: err.Error()}
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) && !f.allowInsecureHTTP {
		return nil, &config.Error{Msg: fmt.Sprintf("refusing to send the application password over plain http to %s: anyone on the way could read it. Use https://, or --allow-insecure-http if you accept that", u.Host)}
	}
	if f.caCert == "" {
		return wordpress.NewHTTPClient(nil, f.requestTimeout), nil
	}
	pem, err := os.ReadFile(f.caCert)
	if err != nil {
		return nil, &config.Error{Msg: fmt.Sprintf("--ca-cert: %v", err)}
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, &config.Error{Msg: fmt.Sprintf("--ca-cert %s: no PEM certificate in it", f.caCert)}
	}
	return wordpress.NewHTTPClient(&tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}, f.requestTimeout), nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func checkStatus(s string) error {
	if s == "" {
		return nil
	}
	if slices.Contains(markdown.Statuses, s) {
		return nil
	}
	return fmt.Errorf("unknown status %q (want one of %s)", s, strings.Join(markdown.Statuses, ", "))
}

// atMostOneDir is the argument check of the commands that take [DIR].
func atMostOneDir(name string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > 1 {
			return &usageError{fmt.Errorf("%s takes at most one folder, got %d arguments", name, len(args))}
		}
		return nil
	}
}

// dirArg is the [DIR] argument, "." when it is left out.
func dirArg(args []string) string {
	if len(args) == 1 {
		return args[0]
	}
	return "."
}

// suggestFlag adds "did you mean --dry-run?" to an unknown flag's error,
// as cobra does for commands, when one of the command's flags is close.
func suggestFlag(cmd *cobra.Command, err error) error {
	ne, ok := errors.AsType[*pflag.NotExistError](err)
	if !ok || len(ne.GetSpecifiedName()) < 2 {
		return err
	}
	typed := ne.GetSpecifiedName()
	best, bestDist := "", cmd.SuggestionsMinimumDistance+1
	if cmd.SuggestionsMinimumDistance <= 0 {
		bestDist = 3
	}
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if d := levenshtein(typed, f.Name); d < bestDist || strings.HasPrefix(f.Name, typed) && best == "" {
			best, bestDist = f.Name, d
		}
	})
	if best == "" {
		return err
	}
	return fmt.Errorf("%w (did you mean --%s?)", err, best)
}

// levenshtein is the edit distance between a and b.
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
