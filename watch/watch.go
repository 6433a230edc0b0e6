// Package watch keeps a folder published: after one full sync it watches the
// folder with fsnotify and publishes each change moments after it is saved,
// for as long as the process runs.
//
// # Design
//
// Two goroutines, no locks. They talk over two channels, one batch at a time.
//
//   - The event loop (loop.run) owns everything about the file system: the
//     fsnotify watcher and the set of watched folders, the pending set of
//     changed paths, the debounce timer, the retry (backoff) timer and the
//     periodic rescan. Events are filtered before they reach the pending set:
//     Chmod-only events, editor temp and backup files (vim's 4913, x.md~ and
//     .swp, emacs's .#x.md, JetBrains's ___jb_tmp___), hidden and ignored
//     paths, and files that mean nothing to what is published. What a
//     change means is loop.fileChanged's to say: a Markdown file is
//     published; a file posts refer to (sync.Syncer.Referenced, whatever
//     its extension) or of a kind they link or show (markdown.IsMediaPath)
//     means a full sync, as the loop does not know which posts use it and
//     sync finds them; an input of the site (site.Site.Reads: wpsync.yaml,
//     the generator's configuration, data, includes, shortcode templates,
//     cascades) means reading the settings again (Options.Reload), then a
//     full sync. The periodic rescan reads them again too.
//   - The publisher (Watcher.publisher) owns the sync.Syncer, and with it the
//     state. It takes a batch from the loop, reads the settings again when
//     the batch says so (and from then on publishes with the Syncer they
//     make), publishes it, sorts out what failed and why, and hands back
//     what to try again, the settings the loop needs (the site, the
//     ignore globs) and the files posts now refer to.
//
// fsnotify is not recursive: every folder is watched on its own. A folder
// that appears is added and scanned at once (files can land in it before the
// watch does); one that goes is dropped with everything under it, and the
// files the state tracked there are checked. A rename arrives as a Rename of
// the old path and a Create of the new one; both land in the same batch, so
// sync sees the move as one (the same post, no duplicate).
//
// The debounce timer restarts on every event, so one save (often three or
// four events) is one update and a `git checkout` of hundreds of files is one
// batch; it fires at the latest maxWait after the first event, so a file
// that is written to without pause is still published.
//
// # Failures
//
//   - A queue overflow or a watcher error is never a lost change: the folder
//     tree is walked again and a full sync runs. So does the periodic rescan,
//     which catches what notifications miss (network file systems).
//   - A file that cannot be parsed (broken front matter) is logged once with
//     its path and tried again only when it changes.
//   - A file WordPress refused while the site answers is retried a few times
//     with backoff, then left until it changes.
//   - When the site does not answer, the whole batch is kept. The outage is
//     logged once; the site is probed with capped, jittered backoff, and what
//     is pending is published as soon as it answers.
//   - On shutdown (the context ends) nothing new starts; the batch in flight
//     has a grace period to finish and is then abandoned (see Abandoned).
//     Every write to WordPress that came back is in the state file by then:
//     sync saves after each one.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"time"

	sitegen "github.com/wpsync/wpsync/site"
	"github.com/wpsync/wpsync/state"
	wpsync "github.com/wpsync/wpsync/sync"
)

// Defaults.
const (
	// DefaultDebounce is long enough to fold an editor's save (write, rename,
	// chmod: a few milliseconds) and a git checkout into one batch, and short
	// enough that a save shows on the site well within a second.
	DefaultDebounce = 200 * time.Millisecond
	// DefaultRescan catches changes notifications missed without costing
	// more than a read of every file every few minutes.
	DefaultRescan = 10 * time.Minute
	// DefaultGrace is how long shutdown waits for the batch in flight: a
	// WordPress batch of 25 posts takes a second or two; systemd's stop
	// timeout (90 s) and a user's patience are both well above it.
	DefaultGrace = 3 * time.Second
)

// Retry policy. The first retry comes quickly because most outages are a
// restart of PHP or the database; the cap keeps a site that comes back from
// waiting long for its changes, while a probe every half minute is nothing
// for a site that is down.
const (
	backoffMin = 1 * time.Second
	backoffMax = 30 * time.Second
	// maxAttempts is how often a file WordPress refuses (the site answering
	// otherwise) is tried before it is left until it changes again: enough to
	// ride out a transient 5xx, few enough not to hammer a real refusal.
	maxAttempts = 4
)

// Syncer publishes files: *sync.Syncer, or a fake in tests. The watcher calls
// it from one goroutine only.
type Syncer interface {
	Run(ctx context.Context) (*wpsync.Report, error)
	Files(ctx context.Context, paths []string) (*wpsync.Report, error)
}

// Options configure a Watcher.
type Options struct {
	Dir    string   // the synced folder
	Ignore []string // globs, as in sync.Ignored

	Debounce time.Duration // quiet time before a batch; 0 means DefaultDebounce
	// Rescan is the period of the full rescan; 0 turns it off.
	Rescan time.Duration
	// Grace is how long shutdown waits for the batch in flight; 0 means
	// DefaultGrace.
	Grace time.Duration

	Logger *slog.Logger // nil discards

	// State is the Syncer's state. The watcher only reads it, from the
	// Syncer's goroutine, to know which deleted paths had a post.
	State *state.State
	// Probe checks that the site answers and takes the credentials. It
	// tells an outage from a file the site refuses. It may be called while
	// the Syncer has requests in flight (from the goroutine that called
	// Files), so it must not change what they use. Nil means the site always
	// answers.
	Probe func(ctx context.Context) error
	// Retryable reports whether an error that stopped the first full sync
	// (a *sync.FatalError) is worth waiting out, such as a site that does
	// not answer yet. Otherwise Run returns it: wrong credentials or a state
	// file made for another site will not fix themselves. Nil means none is.
	Retryable func(error) bool
	// Fatal reports whether an error (a probe's, or a *sync.FatalError that
	// stopped a batch) means the watcher cannot go on, at start or later:
	// credentials the site refuses, say a revoked Application Password,
	// will not come back by themselves. Run returns it. Nil means none is.
	Fatal func(error) bool

	// Site is the folder's site generator as the Syncer was given it. A
	// change to one of its inputs (site.Site.Reads: wpsync.yaml, the
	// generator's configuration, data, includes, shortcode templates,
	// cascades) means Reload, then a full sync. Nil means a plain folder.
	Site sitegen.Site
	// Reload reads the folder's settings again, after one of the site's
	// inputs changed or at a rescan, and returns what to publish with from
	// then on. It is called from the goroutine that runs the Syncer, between
	// batches. On an error the running configuration is kept (and the error
	// logged). Nil means the configuration read at start is kept.
	Reload func() (Config, error)
}

// Config is what the folder's settings make: the Syncer, and what the
// watcher itself needs of them.
type Config struct {
	Syncer Syncer
	Site   sitegen.Site // whose inputs are watched; nil: a plain folder
	Ignore []string     // globs, as in sync.Ignored
}

// Watcher publishes a folder's changes as they happen. Make one with New,
// give Progress to the Syncer (sync.Options.Progress), then call Run.
type Watcher struct {
	opts Options
	dir  string // absolute
	log  *slog.Logger

	// For tests.
	newNotifier func() (notifier, error)
	backoffMin  time.Duration
	backoffMax  time.Duration
	maxWait     time.Duration

	// Owned by the publisher goroutine (Progress runs there too).
	cur       *inflight
	reported  map[string]string // path → the problem last logged for it
	warned    map[string]string // path → its warnings last logged, joined
	abandoned bool              // shutdown cut requests off (see Abandoned)
}

// New checks the options and returns a Watcher.
func New(opts Options) (*Watcher, error) {
	if opts.Debounce < 0 || opts.Rescan < 0 || opts.Grace < 0 {
		return nil, errors.New("watch: negative duration")
	}
	if opts.Debounce == 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.Grace == 0 {
		opts.Grace = DefaultGrace
	}
	if opts.State == nil {
		return nil, errors.New("watch: no state")
	}
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", opts.Dir, err)
	}
	if opts.Site == nil {
		opts.Site = sitegen.Plain(dir, nil)
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Watcher{
		opts:        opts,
		dir:         dir,
		log:         log,
		newNotifier: newFSNotifier,
		backoffMin:  backoffMin,
		backoffMax:  backoffMax,
		// A file written to without pause (a log, an autosave every 100 ms)
		// is still published every couple of seconds.
		maxWait:  max(10*opts.Debounce, 2*time.Second),
		reported: map[string]string{},
		warned:   map[string]string{},
	}, nil
}

// Run syncs the whole folder, then publishes changes until ctx ends. It
// returns nil when ctx ends; an error when the first sync could not start
// (see Options.Retryable) or the folder cannot be watched.
func (w *Watcher) Run(ctx context.Context, s Syncer) error {
	n, err := w.newNotifier()
	if err != nil {
		return fmt.Errorf("watch %s: %w", w.opts.Dir, err)
	}
	defer n.Close()
	l := newLoop(w, n)
	// Watch first, then sync: a change made during the first sync is then
	// seen, at worst twice.
	if err := l.walk(false); err != nil {
		return fmt.Errorf("watch %s: %w", w.opts.Dir, err)
	}

	// The loop's end, for whatever reason, is the publisher's shutdown.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	work := make(chan batch)
	done := make(chan result)
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		w.publisher(ctx, s, work, done)
	}()
	err = l.run(ctx, work, done)
	cancel()
	if l.busy {
		<-done // the batch in flight is finished or abandoned
	}
	close(work)
	<-finished
	return err
}

// Abandoned reports, once Run has returned, whether shutdown cut requests off
// after the grace period: WordPress may still be carrying them out, and the
// next run should give them time to land before it looks slugs up.
func (w *Watcher) Abandoned() bool { return w.abandoned }

// batch is one unit of work for the publisher.
type batch struct {
	// full: sync the whole folder (the first sync, a rescan).
	full bool
	// paths changed since the last batch; a path ending in "/" is a folder
	// that went away with whatever the state tracked under it.
	paths []string
	// fresh are the paths that come from file events (not retries): a
	// problem with them is logged again even if it is the same as before.
	fresh map[string]bool
	// probe the site first: it did not answer last time.
	probe bool
	// initial marks the first full sync, whose fatal error may end Run.
	initial bool
	// reload the settings first (Options.Reload): an input of the site
	// changed, or this is a rescan.
	reload bool
}

// result is what the publisher hands back.
type result struct {
	// again are paths that were not attempted (the batch was cut short): they
	// go back into the pending set at once.
	again []string
	// retry are paths that failed while the site answered: tried again after
	// a backoff, at most maxAttempts times.
	retry []string
	// full: the full sync did not finish.
	full bool
	// outage is set when the site did not answer: everything in the batch is
	// kept and tried again after a backoff.
	outage error
	// fatal ends Run (only for the first sync).
	fatal error
	// initial answers the first full sync.
	initial bool
	// config is set when the settings were read again: the loop takes the
	// site and the ignore globs.
	config *Config
	// uses are the files other than Markdown that posts refer to
	// (sync.Syncer.Referenced), as of the end of the batch; nil when the
	// Syncer cannot say.
	uses map[string]bool
}

// referencer is the part of *sync.Syncer that tells which files posts use.
type referencer interface {
	Referenced() map[string]bool
}
