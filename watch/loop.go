package watch

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/wpsync/wpsync/markdown"
	sitegen "github.com/wpsync/wpsync/site"
	wpsync "github.com/wpsync/wpsync/sync"
)

// loop is the event loop. Everything in it belongs to the goroutine running
// run: no locks.
type loop struct {
	w *Watcher
	n notifier

	dirs map[string]bool // watched folders, relative ("." is the top)

	// What the settings decide, as of the last batch (Options.Reload).
	site   sitegen.Site    // its inputs mean a reload (site.Site.Reads)
	ignore []string        // globs, as in sync.Ignored
	uses   map[string]bool // files posts refer to (sync.Syncer.Referenced)

	pending   map[string]bool // changed paths; true: from a file event
	full      bool            // a full sync is due
	reload    bool            // the settings are to be read again first
	retry     map[string]bool // failed paths waiting for the backoff timer
	retryFull bool
	attempts  map[string]int // failures of each path while the site answered

	busy bool // the publisher has a batch

	debounce      *time.Timer
	debounceArmed bool
	firstEvent    time.Time // of the pending changes, for maxWait

	backoff      *time.Timer
	backoffArmed bool
	delay        time.Duration // last backoff; 0 after a clean batch

	outage      error // the site did not answer last time
	outageSince time.Time

	watchLimitLogged bool
}

func newLoop(w *Watcher, n notifier) *loop {
	l := &loop{
		w: w, n: n,
		dirs:     map[string]bool{},
		site:     w.opts.Site,
		ignore:   w.opts.Ignore,
		pending:  map[string]bool{},
		retry:    map[string]bool{},
		attempts: map[string]int{},
		debounce: time.NewTimer(time.Hour),
		backoff:  time.NewTimer(time.Hour),
	}
	l.debounce.Stop()
	l.backoff.Stop()
	return l
}

// run is the event loop. It starts with the first full sync.
func (l *loop) run(ctx context.Context, work chan<- batch, done <-chan result) error {
	defer l.debounce.Stop()
	defer l.backoff.Stop()
	var rescan <-chan time.Time
	if l.w.opts.Rescan > 0 {
		t := time.NewTicker(l.w.opts.Rescan)
		defer t.Stop()
		rescan = t.C
	}
	l.full = true
	l.dispatch(work, true)

	for {
		select {
		case <-ctx.Done():
			return nil

		case ev, ok := <-l.n.Events():
			if !ok {
				return errors.New("file watcher stopped")
			}
			l.handle(ev)

		case err, ok := <-l.n.Errors():
			if !ok {
				return errors.New("file watcher stopped")
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				l.w.log.Warn("too many file events at once, some were lost: syncing everything")
			} else {
				l.w.log.Warn("file watcher error: syncing everything", "err", err)
			}
			l.rescan()

		case <-rescan:
			l.w.log.Debug("periodic rescan")
			l.rescan()

		case <-l.debounce.C:
			l.debounceArmed = false
			if l.outage == nil {
				l.dispatch(work, false)
			}

		case <-l.backoff.C:
			l.backoffArmed = false
			for p := range l.retry {
				l.queue(p)
			}
			clear(l.retry)
			if l.retryFull {
				// The full sync failed; the tree may have changed meanwhile
				// (or come back, if the folder itself had gone).
				_ = l.walk(false)
				l.full = true
			}
			l.retryFull = false
			if l.outage != nil || !l.debounceArmed {
				l.dispatch(work, false)
			}

		case r := <-done:
			l.busy = false
			if r.fatal != nil {
				return r.fatal
			}
			l.apply(r)
			if r.initial {
				l.w.log.Info("watching for changes", "dir", l.w.opts.Dir, "folders", len(l.dirs), "debounce", l.w.opts.Debounce)
			}
			if l.outage == nil && !l.debounceArmed {
				l.dispatch(work, false)
			}
		}
	}
}

// dispatch hands what is pending to the publisher, if it is idle.
func (l *loop) dispatch(work chan<- batch, initial bool) {
	if l.busy || (len(l.pending) == 0 && !l.full) {
		return
	}
	b := batch{full: l.full, reload: l.reload, probe: l.outage != nil, initial: initial, fresh: map[string]bool{}}
	for p, fresh := range l.pending {
		b.paths = append(b.paths, p)
		if fresh {
			b.fresh[p] = true
		}
	}
	slices.Sort(b.paths)
	clear(l.pending)
	l.full = false
	l.reload = false
	l.debounce.Stop()
	l.debounceArmed = false
	l.busy = true
	work <- b // the publisher is idle, so this does not block
}

// apply takes in the publisher's result.
func (l *loop) apply(r result) {
	if r.uses != nil {
		l.uses = r.uses
	}
	if c := r.config; c != nil {
		l.site = c.Site
		if !slices.Equal(l.ignore, c.Ignore) {
			l.ignore = c.Ignore
			if err := l.walk(false); err != nil { // watch what is no longer ignored, drop what now is
				l.w.log.Error("cannot walk the folder", "err", err)
			}
		}
	}
	if r.outage != nil {
		if l.outage == nil {
			l.outageSince = time.Now()
			if l.siteDown(r.outage) {
				l.w.log.Warn("WordPress does not answer: keeping the changes and retrying", "err", r.outage)
			} else {
				l.w.log.Error("cannot publish: keeping the changes and retrying", "err", r.outage)
			}
		}
		l.outage = r.outage
		for _, p := range slices.Concat(r.again, r.retry) {
			l.retry[p] = true
		}
		l.retryFull = l.retryFull || r.full
		l.scheduleRetry()
		return
	}
	if l.outage != nil {
		msg := "WordPress answers again"
		if !l.siteDown(l.outage) {
			msg = "publishing again"
		}
		l.w.log.Info(msg, "after", time.Since(l.outageSince).Round(time.Second))
		l.outage = nil
		l.delay = 0
	}
	for _, p := range r.again {
		l.queue(p)
	}
	l.full = l.full || r.full
	for _, p := range r.retry {
		l.attempts[p]++
		if l.attempts[p] >= maxAttempts {
			l.w.log.Error("giving up on a file until it changes again", "path", p, "attempts", l.attempts[p])
			delete(l.attempts, p)
			continue
		}
		l.retry[p] = true
	}
	if len(l.retry) > 0 {
		if !l.backoffArmed {
			l.scheduleRetry()
		}
	} else if !l.backoffArmed {
		l.delay = 0
	}
}

// siteDown tells an outage of the site from another reason a whole batch
// failed (the state file cannot be saved, the folder is gone).
func (l *loop) siteDown(err error) bool {
	return l.w.opts.Retryable == nil || l.w.opts.Retryable(err)
}

// scheduleRetry arms the backoff timer: exponential, capped, with jitter so
// that many watchers hit by the same outage do not come back in step.
func (l *loop) scheduleRetry() {
	if l.delay == 0 {
		l.delay = l.w.backoffMin
	} else {
		l.delay = min(2*l.delay, l.w.backoffMax)
	}
	d := l.delay/2 + rand.N(l.delay/2+1)
	l.backoff.Reset(d)
	l.backoffArmed = true
}

// queue puts a path back into the pending set without marking it fresh.
func (l *loop) queue(rel string) {
	if _, ok := l.pending[rel]; !ok {
		l.pending[rel] = false
	}
}

// changed records a path to publish and (re)starts the debounce timer.
func (l *loop) changed(rel string) {
	l.pending[rel] = true
	delete(l.attempts, rel) // a changed file gets its tries back
	l.arm()
}

// arm (re)starts the debounce timer, never past maxWait after the first
// pending change.
func (l *loop) arm() {
	now := time.Now()
	if !l.debounceArmed {
		l.firstEvent = now
	}
	d := l.w.opts.Debounce
	if left := l.firstEvent.Add(l.w.maxWait).Sub(now); left < d {
		d = max(left, 0)
	}
	l.debounce.Reset(d)
	l.debounceArmed = true
}

// rescan walks the tree again (adding and dropping watches) and schedules a
// full sync with the settings read again: what notifications missed may be
// a change to them.
func (l *loop) rescan() {
	if err := l.walk(false); err != nil {
		l.w.log.Error("cannot walk the folder", "err", err)
	}
	l.full = true
	l.reload = true
	l.arm()
}

// handle filters one file event into the pending set.
func (l *loop) handle(ev fsnotify.Event) {
	rel, ok := l.rel(ev.Name)
	if !ok {
		return
	}
	if rel == "." {
		if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
			l.w.log.Error("the watched folder itself was removed or renamed: watching it again once the periodic rescan finds it back", "dir", l.w.opts.Dir)
			for d := range l.dirs {
				_ = l.n.Remove(l.abs(d))
			}
			clear(l.dirs)
		}
		return
	}
	name := path.Base(rel)
	if editorTemp(name) || wpsync.Excluded(rel, l.ignore) {
		return
	}
	switch {
	case ev.Has(fsnotify.Create):
		fi, err := os.Lstat(ev.Name)
		switch {
		case err == nil && fi.IsDir():
			l.addTree(rel)
		case err == nil && !fi.Mode().IsRegular():
			// Symbolic links and the like: sync does not follow them either.
		default:
			l.fileChanged(rel) // gone again already: sync sorts it out
		}
	case ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename):
		if l.dirs[rel] {
			l.dropTree(rel)
			l.changed(rel + "/")
			if l.site.Reads(rel) {
				l.inputChanged(rel) // _data/, layouts/, a section with a cascade
			}
			return
		}
		l.fileChanged(rel)
	case ev.Has(fsnotify.Write):
		l.fileChanged(rel)
	}
	// Chmod alone changes nothing that is published.
}

// fileChanged sorts out what a change to a file (not a folder) means:
//
//   - a Markdown file is published (on its own);
//   - an input of the site (site.Site.Reads: wpsync.yaml, the generator's
//     configuration, data, includes, shortcode templates, an _index file's
//     cascade) changes how every file renders: the settings are read
//     again and the whole folder synced;
//   - a file a post refers to (sync.Syncer.Referenced, whatever its
//     extension), or one of a kind posts link or show
//     (markdown.IsMediaPath: a new picture no post names yet, or one the
//     state does not know) means a full sync too: the watcher does not
//     know which posts use it, and sync finds them (their recorded
//     references no longer match) while every unchanged file costs it
//     only a stat;
//   - anything else is not published.
func (l *loop) fileChanged(rel string) {
	name := path.Base(rel)
	switch {
	case markdown.IsMarkdownPath(name) || markdown.IsMDXPath(name) && sitegen.ReadsMDX(l.site):
		l.changed(rel)
	case l.uses[rel] || markdown.IsMediaPath(name):
		l.full = true
		l.arm()
	}
	if l.site.Reads(rel) {
		l.inputChanged(rel)
	}
}

// inputChanged schedules a reading of the settings and a full sync: an
// input of the site changed.
func (l *loop) inputChanged(rel string) {
	if !l.reload {
		l.w.log.Info("the site's configuration changed: reading it again and syncing everything", "path", rel)
	}
	l.reload = true
	l.full = true
	l.arm()
}

// rel turns an event's path into a slash-separated path relative to the
// folder.
func (l *loop) rel(name string) (string, bool) {
	r, err := filepath.Rel(l.w.dir, name)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

func (l *loop) abs(rel string) string {
	return filepath.Join(l.w.dir, filepath.FromSlash(rel))
}

// addTree watches a folder that appeared, and everything under it, and
// takes in the files already in it as changed: they may have landed before
// the watch did (mkdir -p a/b && cp x.md a/b/ is faster than any watcher).
func (l *loop) addTree(rel string) {
	err := filepath.WalkDir(l.abs(rel), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone already, or unreadable: skip it
		}
		r, ok := l.rel(p)
		if !ok {
			return nil
		}
		if wpsync.Excluded(r, l.ignore) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			l.watchDir(r)
			return nil
		}
		if d.Type().IsRegular() && !editorTemp(d.Name()) {
			l.fileChanged(r)
		}
		return nil
	})
	if err != nil {
		l.w.log.Warn("cannot scan a new folder", "path", rel, "err", err)
	}
}

// dropTree stops watching a folder that went away, and everything under it.
// (inotify keeps watching a renamed folder under its new name, which fsnotify
// would report under the old one.)
func (l *loop) dropTree(rel string) {
	for d := range l.dirs {
		if d == rel || strings.HasPrefix(d, rel+"/") {
			_ = l.n.Remove(l.abs(d)) // may be gone from the kernel already
			delete(l.dirs, d)
		}
	}
}

// walk makes the watched set match the folder tree: every folder that takes
// part in a sync is watched, nothing else. With queue, the Markdown files
// found are queued.
func (l *loop) walk(queue bool) error {
	seen := map[string]bool{}
	err := filepath.WalkDir(l.w.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == l.w.dir {
				return err
			}
			return nil
		}
		r, ok := l.rel(p)
		if !ok {
			return nil
		}
		if r != "." && wpsync.Excluded(r, l.ignore) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			seen[r] = true
			if !l.dirs[r] {
				l.watchDir(r)
			}
		} else if queue && d.Type().IsRegular() && (markdown.IsMarkdownPath(d.Name()) || markdown.IsMDXPath(d.Name()) && sitegen.ReadsMDX(l.site)) {
			l.changed(r)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, d := range slices.Collect(maps.Keys(l.dirs)) {
		if !seen[d] {
			_ = l.n.Remove(l.abs(d))
			delete(l.dirs, d)
		}
	}
	return nil
}

// watchDir adds one folder's watch.
func (l *loop) watchDir(rel string) {
	if err := l.n.Add(l.abs(rel)); err != nil {
		if errors.Is(err, syscall.ENOSPC) {
			if !l.watchLimitLogged {
				l.watchLimitLogged = true
				l.w.log.Error("cannot watch every folder: the system's limit of inotify watches is reached; raise it (sysctl fs.inotify.max_user_watches=524288); until then changes in the unwatched folders are found only by the periodic rescan", "path", rel)
			}
			return
		}
		if !errors.Is(err, fs.ErrNotExist) {
			l.w.log.Warn("cannot watch a folder; its changes are found only by the periodic rescan", "path", rel, "err", err)
		}
		return
	}
	l.dirs[rel] = true
}

// editorTemp reports whether a file name is one of the temporary, lock or
// backup files editors write while a file is open or saved. Most would be
// dropped anyway (they are neither Markdown nor media); naming them keeps
// folders of that name unwatched and makes the intent plain. Microsoft
// Office's owner file (~$report.docx) does end like a media file: without
// this, opening a linked document would mean a full sync.
func editorTemp(name string) bool {
	switch {
	case strings.HasSuffix(name, "~"), // vim and emacs backups: x.md~
		strings.HasPrefix(name, ".#"),                                                                      // emacs lock files
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),                                       // emacs auto-save
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".swpx"), // vim swap
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"), // JetBrains safe write
		strings.HasPrefix(name, "~$"), // Microsoft Office owner files: ~$report.docx
		isVimProbe(name):
		return true
	}
	return false
}

// isVimProbe matches the file vim creates and deletes to test that it may
// write to a folder: "4913", or 4913 plus a multiple of 123 when that exists.
func isVimProbe(name string) bool {
	if len(name) < 4 || len(name) > 6 {
		return false
	}
	n := 0
	for _, c := range name {
		if c < '0' || c > '9' {
			return false
		}
		n = n*10 + int(c-'0')
	}
	return n >= 4913 && (n-4913)%123 == 0
}
