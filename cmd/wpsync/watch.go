package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/wpsync/wpsync/internal/config"
	wpsync "github.com/wpsync/wpsync/sync"
	"github.com/wpsync/wpsync/sync/wordpress"
	"github.com/wpsync/wpsync/watch"
)

type watchOptions struct {
	conn      connFlags
	debounce  time.Duration
	rescan    time.Duration
	logFormat string
	logLevel  string
	strict    bool
}

func newWatchCmd(ios ioStreams, getenv func(string) string) *cobra.Command {
	opts := &watchOptions{}
	cmd := &cobra.Command{
		Use:   "watch [DIR]",
		Short: "Publish each Markdown file under DIR as soon as it is saved",
		Long: `Sync every changed *.md and *.markdown file under DIR (default: the current
folder) once, then keep watching DIR and publish each file moments after it is
saved, until stopped. Meant to run as a service or in a terminal while
writing (https://github.com/wpsync/wpsync/blob/main/docs/watch.md).

A change to a file a post shows or links (a picture, whatever its
extension) syncs the whole folder, which updates the posts that use it. A
change to the site's configuration (wpsync.yaml, _config.yml, _data/,
_includes/, hugo.toml, layouts/shortcodes/, an _index.md cascade…) reads it
again and syncs the whole folder with it; url and user take a restart.

A renamed or moved file keeps its post; a new file becomes a new post; a
deleted file is logged, and its post is left as it is. A file with broken
front matter is logged and published once it is fixed. When WordPress does
not answer, changes are kept and published when it is back.

Logs go to standard error: one line per published file. SIGINT or SIGTERM
lets the requests in flight finish (for a few seconds at most), saves the
state and exits 0; a second one exits at once.`,
		Args: atMostOneDir("watch"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runWatch(cmd, dirArg(args), opts, ios, getenv)
		},
	}
	opts.conn.register(cmd)
	fl := cmd.Flags()
	fl.DurationVar(&opts.debounce, "debounce", watch.DefaultDebounce, "quiet time after a change before publishing (one save, or a whole git checkout, is then one batch)")
	fl.DurationVar(&opts.rescan, "rescan", watch.DefaultRescan, "sync everything this often, to catch changes file notifications missed (0: never)")
	fl.StringVar(&opts.logFormat, "log-format", "text", "log format: text or json")
	fl.StringVar(&opts.logLevel, "log-level", "info", "least level logged: debug, info, warn or error")
	fl.BoolVar(&opts.strict, "strict", false, "do not publish a file whose readers would see source syntax wpsync did not run; log it as failed (strict: true in wpsync.yaml)")
	return cmd
}

func runWatch(cmd *cobra.Command, dir string, opts *watchOptions, ios ioStreams, getenv func(string) string) error {
	if opts.debounce < 0 {
		return &usageError{fmt.Errorf("--debounce %s: must not be negative", opts.debounce)}
	}
	if opts.rescan < 0 {
		return &usageError{fmt.Errorf("--rescan %s: must not be negative (0 turns it off)", opts.rescan)}
	}
	log, err := newLogger(ios.Err, opts.logFormat, opts.logLevel)
	if err != nil {
		return &usageError{err}
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return &usageError{fmt.Errorf("%s is not a folder", dir)}
	}
	s, err := openSession(dir, &opts.conn, ios, getenv, true)
	if err != nil {
		return err
	}
	defer s.close()
	s.strict = opts.strict

	var w *watch.Watcher
	w, err = watch.New(watch.Options{
		Dir:       dir,
		Ignore:    s.file.Ignore,
		Debounce:  opts.debounce,
		Rescan:    opts.rescan,
		Logger:    log,
		State:     s.state,
		Probe:     probeSite(s.client),
		Retryable: siteDown,
		Fatal:     signInRefused,
		Site:      s.site,
		Reload:    reloadSettings(s, log, func(it wpsync.Item) { w.Progress(it) }),
	})
	if err != nil {
		return err
	}
	syncOpts := s.syncOptions()
	syncOpts.Progress = w.Progress
	syncOpts.Grace = -1 // the watcher gives the batch in flight its own
	if s.lock != nil && s.lock.Stale != "" {
		// Requests of the killed process may still be landing on the server.
		log.Warn("the previous run was killed; waiting for its requests to settle", "previous", s.lock.Stale, "wait", staleSettle)
		syncOpts.SettleDelay = staleSettle
	}

	// The first SIGINT or SIGTERM ends the command's context (see run); a
	// second one means "now".
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	defer func() {
		signal.Stop(sigs)
		close(sigs)
	}()
	go func() {
		n := 0
		for sig := range sigs {
			n++
			if n == 1 {
				log.Info("stopping: letting the requests in flight finish (signal again to stop at once)", "signal", sig.String())
				continue
			}
			log.Warn("stopping at once", "signal", sig.String())
			os.Exit(exitCode(errInterrupted))
		}
	}()

	log.Info("wpsync watch starting", "version", buildVersion(), "dir", dir, "site", s.client.Site(), "user", s.client.User())
	err = w.Run(cmd.Context(), wpsync.New(s.client, s.state, syncOpts))
	if err != nil {
		return err
	}
	if w.Abandoned() {
		// Keep the lock file's content, as a killed process would: the next
		// run then waits for the abandoned requests to land before it looks
		// slugs up (see state.Lock.Stale). The flock goes with the process.
		log.Warn("stopped with requests in flight; the next run waits a few seconds for them to land")
		s.lock = nil
		return nil
	}
	log.Info("stopped")
	return nil
}

// reloadSettings reads wpsync.yaml and the site generator's files again
// for a running watch (watch.Options.Reload) and makes the Syncer that
// publishes with them. Everything that decides what files send is taken
// (default_status, format, max_file_size, ignore, static, shortcodes,
// link_base, the generator's configuration); the connection is not: it
// was made, and signed in, at start. A changed url or user is logged as
// needing a restart.
func reloadSettings(s *session, log *slog.Logger, progress func(wpsync.Item)) func() (watch.Config, error) {
	url, user := s.file.URL, s.file.User
	return func() (watch.Config, error) {
		file, gen, err := loadSettings(s.dir)
		if err != nil {
			return watch.Config{}, err
		}
		if file.URL != url || file.User != user {
			log.Warn(config.FileName+": url or user changed: a running watch keeps publishing to the site and as the user it signed in with; restart it to use the new ones (flags and WPSYNC_* variables still win)",
				"site", s.client.Site(), "user", s.client.User())
		}
		s.file, s.site = file, gen
		opts := s.syncOptions()
		opts.Progress = progress
		opts.Grace = -1 // the watcher gives the batch in flight its own
		return watch.Config{Syncer: wpsync.New(s.client, s.state, opts), Site: gen, Ignore: file.Ignore}, nil
	}
}

// probeSite checks that the site answers and takes the credentials. Once
// the REST API is found it only asks who is signed in, which changes
// nothing in the client that requests in flight use.
func probeSite(c *wordpress.Client) func(context.Context) error {
	return func(ctx context.Context) error {
		if c.Root() == "" {
			return c.Connect(ctx)
		}
		_, err := c.Me(ctx)
		return err
	}
}

// siteDown reports whether an error that stopped the first sync is worth
// waiting out: the site did not answer, or answered with a server error. A
// refused sign-in or a state file made for another site is not.
func siteDown(err error) bool {
	var ce *wordpress.ConnectError
	return errors.As(err, &ce)
}

// signInRefused reports whether the site refuses the credentials: watch
// stops (exit 2) rather than retry what will not come back by itself, at
// start or when the Application Password is revoked while it runs.
func signInRefused(err error) bool {
	var ae *wordpress.AuthError
	return errors.As(err, &ae)
}

func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", level)
	}
	ho := &slog.HandlerOptions{Level: lv}
	switch strings.ToLower(format) {
	case "text":
		return slog.New(slog.NewTextHandler(w, ho)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, ho)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json", format)
}
