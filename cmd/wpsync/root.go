package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/wpsync/wpsync/internal/config"
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
)

type ioStreams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
}

// usageError is a mistake on the command line.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }

// filesFailedError says the run went through but some files failed.
type filesFailedError struct{ n int }

func (e *filesFailedError) Error() string { return fmt.Sprintf("%d file(s) failed", e.n) }

// exitCode maps an error to the process exit code, in one place.
func exitCode(err error) int {
	var failed *filesFailedError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &failed):
		return exitFailed
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
	if err != nil && !errors.As(err, &failed) {
		fmt.Fprintln(ios.Err, "wpsync: "+err.Error())
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
and keeps a state file so that each run sends only what changed.`,
		Version:       buildVersion(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.Err)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	root.AddCommand(newSyncCmd(ios, getenv))
	return root
}

func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// connFlags are the connection settings every command that talks to
// WordPress takes.
type connFlags struct {
	url, user    string
	passwordFile string
	statePath    string
}

func (f *connFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.url, "url", "", "site address (default $WPSYNC_URL, then url: in wpsync.yaml)")
	fl.StringVar(&f.user, "user", "", "WordPress login name (default $WPSYNC_USER, then user: in wpsync.yaml)")
	fl.StringVar(&f.passwordFile, "password-file", "", "read the application password from this file instead of $WPSYNC_APP_PASSWORD")
	fl.StringVar(&f.statePath, "state", "", "state file (default DIR/.wpsync/state.json)")
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
}

func (s *session) close() {
	if s.lock != nil {
		s.lock.Release()
	}
}

// openSession loads the settings, takes the lock and reads the state.
func openSession(dir string, f *connFlags, ios ioStreams, getenv func(string) string, lock bool) (*session, error) {
	file, err := config.LoadFile(dir)
	if err != nil {
		return nil, err
	}
	if err := checkStatus(file.DefaultStatus); err != nil {
		return nil, &config.Error{Msg: fmt.Sprintf("%s: default_status: %v", config.FileName, err)}
	}
	if err := wpsync.ValidateGlobs(file.Ignore); err != nil {
		return nil, &config.Error{Msg: fmt.Sprintf("%s: %v", config.FileName, err)}
	}
	conn, err := config.Resolve(file, config.Sources{
		FlagURL: f.url, FlagUser: f.user, PasswordFile: f.passwordFile, Getenv: getenv,
		Warn: func(msg string) { fmt.Fprintln(ios.Err, "wpsync: warning: "+msg) },
	})
	if err != nil {
		return nil, err
	}
	client, err := wordpress.New(conn.URL, conn.User, conn.Password, nil)
	if err != nil {
		return nil, &config.Error{Msg: err.Error()}
	}
	client.UserAgent = "wpsync/" + buildVersion()
	s := &session{dir: dir, file: file, conn: conn, client: client}
	statePath := f.statePath
	if statePath == "" {
		statePath = state.DefaultPath(dir)
	}
	if lock {
		if s.lock, err = state.Acquire(statePath); err != nil {
			return nil, err
		}
	}
	if s.state, err = state.Load(statePath); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

var statuses = []string{"publish", "draft", "pending", "private", "future"}

func checkStatus(s string) error {
	if s == "" {
		return nil
	}
	for _, ok := range statuses {
		if s == ok {
			return nil
		}
	}
	return fmt.Errorf("unknown status %q (want one of publish, draft, pending, private, future)", s)
}
