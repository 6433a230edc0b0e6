package watch

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	sitegen "github.com/wpsync/wpsync/site"
	wpsync "github.com/wpsync/wpsync/sync"
)

// inflight is the batch being published, shared with Progress (which sync
// calls from the publisher goroutine, in the middle of Files).
type inflight struct {
	ctx      context.Context    // the watcher's: its end means shut down
	cancel   context.CancelFunc // cuts the batch short
	start    time.Time
	siteErrs int   // consecutive files the site failed
	probed   bool  // the site was probed during this batch
	outage   error // what the probe found, when the site is down
	kinds    map[string]failure
}

// failure is why a file was not published.
type failure int

const (
	siteFailure failure = iota // the site refused it or did not answer
	badFile                    // the file cannot be read or parsed
	goneFile                   // the file is not there any more
)

// After siteErrsToProbe consecutive files failing at the site, the site is
// probed in the middle of the batch, and the batch cut short if it does not
// answer: without it an outage in the middle of a 500-file checkout would
// cost every file its full series of retries.
const siteErrsToProbe = 2

// bigBatch is the size from which a batch's memory is handed back to the
// system at once, instead of when the runtime gets round to it.
const bigBatch = 100

// publisher runs batches from the loop, one at a time, until work closes.
func (w *Watcher) publisher(ctx context.Context, s Syncer, work <-chan batch, done chan<- result) {
	for b := range work {
		var cfg *Config
		if b.reload && ctx.Err() == nil {
			if cfg = w.reload(); cfg != nil {
				s = cfg.Syncer
			}
		}
		r := w.publish(ctx, s, b)
		r.config = cfg
		if ref, ok := s.(referencer); ok {
			r.uses = ref.Referenced()
		}
		if b.full || len(b.paths) >= bigBatch {
			// A full sync reads every file at once: for 10,000 files some
			// 100 MB that the runtime would otherwise keep for weeks.
			debug.FreeOSMemory()
		}
		done <- r
	}
	// A batch cut short by shutdown may leave refreshed time stamps unsaved;
	// Files saves them (and sends nothing) when given no path.
	if _, err := s.Files(context.Background(), nil); err != nil {
		w.log.Error("cannot save the state", "err", err)
	}
}

// reload reads the folder's settings again (Options.Reload); nil when
// there is nothing new to use.
func (w *Watcher) reload() *Config {
	if w.opts.Reload == nil {
		return nil
	}
	cfg, err := w.opts.Reload()
	if err != nil {
		w.log.Error("cannot read the site's configuration again: fix it and save it; until then the configuration read before is used", "err", err)
		return nil
	}
	if cfg.Site == nil {
		cfg.Site = sitegen.Plain(w.dir, nil)
	}
	w.log.Debug("read the site's configuration again", "generator", cfg.Site.Generator(), "config", cfg.Site.Config())
	return &cfg
}

// publish syncs one batch and sorts out what to do with what failed.
func (w *Watcher) publish(ctx context.Context, s Syncer, b batch) result {
	if ctx.Err() != nil {
		return result{initial: b.initial}
	}
	if b.probe && w.opts.Probe != nil {
		if err := w.opts.Probe(ctx); err != nil {
			if w.fatal(err) {
				return result{fatal: err, initial: b.initial}
			}
			return result{outage: err, again: b.paths, full: b.full, initial: b.initial}
		}
		if r, ok := s.(interface{ Reconnect() }); ok {
			r.Reconnect() // the site is back: let sync check it afresh
		}
	}
	for p := range b.fresh {
		delete(w.reported, p) // saved again: say again what is wrong with it
	}
	paths := w.expand(b.paths)

	// On shutdown the batch has the grace period to finish: sync sends
	// files in concurrent batches, and cutting one off leaves creates whose
	// outcome nobody hears. Past the grace period it is abandoned.
	bctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	stop := context.AfterFunc(ctx, func() {
		t := time.NewTimer(w.opts.Grace)
		defer t.Stop()
		select {
		case <-t.C:
			cancel()
		case <-bctx.Done():
		}
	})
	defer stop()
	w.cur = &inflight{ctx: ctx, cancel: cancel, start: time.Now(), kinds: map[string]failure{}}
	defer func() { w.cur = nil }()

	rep := &wpsync.Report{}
	var err error
	var r *wpsync.Report
	if b.full {
		// Run covers every path, and reports deleted files as orphans.
		paths = nil
		r, err = s.Run(bctx)
	} else if len(paths) > 0 {
		r, err = s.Files(bctx, paths)
	}
	rep = merge(rep, r)
	if ctx.Err() != nil && bctx.Err() != nil {
		w.abandoned = true
	}
	fullDone := b.full && err == nil
	res := w.settle(ctx, b, paths, rep, err)
	res.full = b.full && !fullDone && res.fatal == nil && ctx.Err() == nil
	if b.full && fullDone {
		sm := rep.Summary
		level := w.log.Info
		if !b.initial && sm.Created+sm.Updated+sm.Failed == 0 {
			level = w.log.Debug
		}
		level("synced the whole folder", "created", sm.Created, "updated", sm.Updated,
			"unchanged", sm.Unchanged, "failed", sm.Failed, "took", time.Since(w.cur.start).Round(time.Millisecond))
		if b.initial {
			// What the run says of the whole folder (a generator wpsync
			// has no adapter for, posts without a date), once.
			for _, warn := range rep.Warnings {
				w.log.Warn(warn)
			}
		}
	}
	return res
}

// settle sorts the outcome of a batch into a result for the loop, and logs
// each problem once.
func (w *Watcher) settle(ctx context.Context, b batch, paths []string, rep *wpsync.Report, err error) result {
	res := result{initial: b.initial}
	attempted := map[string]bool{}
	var failed []wpsync.Item
	for _, it := range rep.Items {
		attempted[it.Path] = true
		switch it.Action {
		case wpsync.ActionError:
			failed = append(failed, it)
		case wpsync.ActionCreate, wpsync.ActionUpdate, wpsync.ActionUnchanged:
			delete(w.reported, it.Path)
		}
	}
	var site []string
	for _, it := range failed {
		switch w.classify(it) {
		case goneFile:
			// Deleted while it was being published: the next batch has it.
		case badFile:
			w.once(it.Path, it.Error, func() {
				w.log.Error("cannot publish a file: fix it and save it again", "path", it.Path, "err", it.Error)
			})
		default:
			site = append(site, it.Path)
		}
	}
	if ctx.Err() != nil {
		// Shutting down. Every write so far is in the state file; what was
		// not attempted is found by the next start's full sync.
		return res
	}

	var unattempted []string
	if err != nil {
		for _, p := range paths {
			if !attempted[p] {
				unattempted = append(unattempted, p)
			}
		}
	}
	var fatal *wpsync.FatalError
	if errors.As(err, &fatal) {
		if w.fatal(err) || b.initial && (w.opts.Retryable == nil || !w.opts.Retryable(err)) {
			res.fatal = err
			return res
		}
		res.outage = err
		res.again = slices.Concat(unattempted, site)
		return res
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		w.log.Error("sync stopped", "err", err)
	}
	if len(site) > 0 || err != nil {
		// Did the site fail these files, or is it down? Only it can say.
		perr := w.cur.outage
		if !w.cur.probed {
			perr = w.probe(ctx)
		}
		if perr != nil && w.fatal(perr) {
			res.fatal = perr
			return res
		}
		if perr != nil {
			res.outage = perr
			res.again = slices.Concat(unattempted, site)
			return res
		}
		for _, it := range failed {
			if slices.Contains(site, it.Path) {
				w.once(it.Path, it.Error, func() {
					w.log.Warn("WordPress refused a file: trying again", "path", it.Path, "err", it.Error)
				})
			}
		}
	}
	res.retry = site
	res.again = unattempted
	return res
}

// fatal reports whether err ends the watcher (Options.Fatal).
func (w *Watcher) fatal(err error) bool {
	return w.opts.Fatal != nil && w.opts.Fatal(err)
}

func (w *Watcher) probe(ctx context.Context) error {
	if w.opts.Probe == nil {
		return nil
	}
	return w.opts.Probe(ctx)
}

// Progress logs each file as sync finishes it, one line a file. Give it to
// sync as Options.Progress. It also cuts a batch short when the site does
// not answer.
func (w *Watcher) Progress(it wpsync.Item) {
	c := w.cur
	took := it.Duration
	if took == 0 && c != nil {
		took = time.Since(c.start) // sync sends files in batches: the batch's time
	}
	switch it.Action {
	case wpsync.ActionCreate, wpsync.ActionUpdate:
		attrs := []any{"action", string(it.Action), "path", it.Path, "id", it.ID, "link", it.Link,
			"duration", took.Round(time.Millisecond)}
		if it.MovedFrom != "" {
			attrs = append(attrs, "moved_from", it.MovedFrom)
		}
		if it.Adopted {
			attrs = append(attrs, "adopted", true)
		}
		w.log.Info("published", attrs...)
	case wpsync.ActionUnchanged:
		if it.MovedFrom != "" {
			w.log.Info("moved", "path", it.Path, "moved_from", it.MovedFrom, "id", it.ID)
		} else {
			w.log.Debug("unchanged", "path", it.Path, "id", it.ID)
		}
	case wpsync.ActionOrphan:
		// A watcher never trashes (the safety rules of `sync --prune` want a
		// person to decide); it says so once per deletion.
		w.once(it.Path, string(it.Action), func() {
			w.log.Warn("file deleted: its post is left as it is (wpsync sync --prune moves it to the trash)", "path", it.Path, "id", it.ID, "link", it.Link)
		})
	case wpsync.ActionConflict:
		w.once(it.Path, it.Error, func() {
			w.log.Warn("not published: the post was changed in WordPress since wpsync last wrote it; `wpsync sync --force` overwrites it", "path", it.Path, "id", it.ID, "err", it.Error)
		})
	case wpsync.ActionSkipped:
		w.once(it.Path, string(it.Action), func() {
			w.log.Info("skipped", "path", it.Path, "why", strings.Join(it.Warnings, "; "))
		})
	}
	if it.Action == wpsync.ActionCreate || it.Action == wpsync.ActionUpdate {
		// Sync warns with the write that caused it (WordPress changed the
		// slug, stripped tags), so a warning comes only with a change; and
		// a file saved again and again with the same problem in it (a
		// link to a missing file) is told once, until its warnings change.
		seen := w.warned[it.Path]
		for _, warn := range it.Warnings {
			if !slices.Contains(strings.Split(seen, "\x00"), warn) {
				w.log.Warn("published with a warning", "path", it.Path, "warning", warn)
			}
		}
		w.warned[it.Path] = strings.Join(it.Warnings, "\x00")
	}
	if c == nil {
		return
	}
	if it.Action == wpsync.ActionError {
		k, ok := c.kinds[it.Path]
		if !ok {
			k = w.classify(it)
			c.kinds[it.Path] = k
		}
		if k == siteFailure {
			c.siteErrs++
		} else {
			c.siteErrs = 0
		}
		if c.siteErrs >= siteErrsToProbe && !c.probed {
			c.probed = true
			if c.outage = w.probe(c.ctx); c.outage != nil {
				c.cancel() // what is still in flight fails anyway
			}
		}
	} else {
		c.siteErrs = 0
	}
}

// classify tells why a file failed: is the file at fault, or the site?
func (w *Watcher) classify(it wpsync.Item) failure {
	if c := w.cur; c != nil {
		if k, ok := c.kinds[it.Path]; ok {
			return k
		}
	}
	switch {
	case it.Local:
		return badFile
	case !w.exists(it.Path):
		return goneFile
	}
	return siteFailure
}

// once runs log unless the same problem was logged for the path last time.
func (w *Watcher) once(rel, problem string, log func()) {
	if w.reported[rel] == problem {
		return
	}
	w.reported[rel] = problem
	log()
}

// expand turns a batch's paths into the files to sync: a folder that went
// away ("dir/") becomes the files the state tracked in it, and a path that
// is neither there nor tracked (a file that came and went) is dropped.
func (w *Watcher) expand(paths []string) []string {
	var out []string
	for _, p := range paths {
		if prefix, ok := strings.CutSuffix(p, "/"); ok {
			for q := range w.opts.State.Files {
				if strings.HasPrefix(q, prefix+"/") {
					out = append(out, q)
				}
			}
			continue
		}
		if w.opts.State.Files[p] != nil || w.exists(p) {
			out = append(out, p)
		}
	}
	return slices.Compact(sortedCopy(out))
}

func (w *Watcher) exists(rel string) bool {
	_, err := os.Lstat(filepath.Join(w.dir, filepath.FromSlash(rel)))
	return err == nil
}

// merge adds r's items to into.
func merge(into, r *wpsync.Report) *wpsync.Report {
	if r == nil {
		return into
	}
	into.Items = append(into.Items, r.Items...)
	s := &into.Summary
	s.Created += r.Summary.Created
	s.Updated += r.Summary.Updated
	s.Unchanged += r.Summary.Unchanged
	s.Failed += r.Summary.Failed
	s.Leftovers += r.Summary.Leftovers
	into.Warnings = append(into.Warnings, r.Warnings...)
	return into
}

func sortedCopy(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
