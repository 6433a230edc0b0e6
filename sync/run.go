package sync

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	sitegen "github.com/wpsync/wpsync/site"
	"github.com/wpsync/wpsync/state"
)

// Run syncs every file of the folder once. Files that are tracked in the
// state but gone from the folder are reported as orphans (and trashed with
// Options.Prune).
func (s *Syncer) Run(ctx context.Context) (*Report, error) {
	paths, err := s.siteFiles()
	if err != nil {
		return nil, &FatalError{Err: err}
	}
	report, err := s.sync(ctx, paths, true)
	if report != nil {
		report.Warnings = append(report.Warnings, s.opts.Generator.Notes()...)
		report.Notes = append(report.Notes, sitegen.Info(s.opts.Generator)...)
	}
	if err == nil && len(paths) == 0 && len(report.Items) == 0 {
		// Nothing to do is fine, but a run in the wrong folder should not
		// pass for one that published.
		report.Warnings = append(report.Warnings, fmt.Sprintf("no Markdown file in %s (hidden folders, ignore: globs and what the site's generator never publishes are left out): is it the folder of your site?", s.opts.Dir))
	}
	return report, err
}

// Files syncs the named files (slash-separated paths relative to the
// folder). A named file that no longer exists is reported as an orphan if
// it was tracked. A rename is best given as both paths in one call, though a
// new file is matched against every tracked file that is gone either way.
func (s *Syncer) Files(ctx context.Context, paths []string) (*Report, error) {
	return s.sync(ctx, paths, false)
}

// sync plans and carries out one run (see the package doc):
//
//  1. read and hash every file, locally (no request);
//  2. decide per file: unchanged, update, create, moved, orphan;
//  3. only when something must be sent: connect, find media already
//     uploaded, resolve terms (those missing are planned), look new slugs
//     up (adopting what exists: never a duplicate), check that posts to
//     update were not edited in WordPress since our last write;
//  4. the gate: a dry run reports the plan and stops;
//  5. apply: record what was decided; upload, create terms and write in
//     waves and batches where the site allows, each post as soon as its
//     pictures are up, recording each result in the state file at once;
//     trash the orphans when asked to; save.
func (s *Syncer) sync(ctx context.Context, paths []string, full bool) (*Report, error) {
	if err := s.checkSite(ctx); err != nil {
		return nil, err
	}
	// What the last run found or decided and did not apply (an error
	// before its apply, or a dry run) is not this run's.
	s.decided, s.x.found = nil, nil
	report := &Report{Items: []Item{}}
	defer func() {
		if w, ok := s.pub.(warner); ok {
			report.Warnings = append(report.Warnings, w.Warnings()...)
		}
	}()
	var jobs []*job
	given := map[string]bool{}
	for _, p := range dedupe(paths) {
		given[p] = true
		j := s.prepare(p)
		if !j.missing {
			jobs = append(jobs, j)
		}
	}
	s.ident = nil
	s.assignSlugs(jobs) // identity.go
	s.relate(jobs)      // parents and links among these files (links.go)
	gone := s.vanished(given, full)

	var lost map[string]*state.Entry
	lostOnce := func() map[string]*state.Entry {
		if lost == nil {
			lost = s.lost(given)
		}
		return lost
	}
	if full {
		lostOnce = nil // a full scan has every gone file in gone already
	}
	var pending []*job // need the site
	for _, j := range jobs {
		if s.classify(j, gone, lostOnce) {
			pending = append(pending, j)
		} else {
			s.finish(report, j)
		}
	}
	if len(pending) > 0 {
		if err := s.connect(ctx); err != nil {
			return report, err
		}
		var err error
		if pending, err = s.checkMarkup(ctx, report, pending); err != nil { // markup.go
			return report, err
		}
		pending = s.checkCapabilities(ctx, report, pending)                    // capabilities.go
		if pending, err = s.resolveContent(ctx, report, pending); err != nil { // content.go
			return report, err
		}
		pending = s.plan(ctx, report, pending)
	}
	// The one place a dry run is told from a run: the plan without the
	// apply. Nothing above wrote to the state or the site; what it decided
	// the state should hold is in s.decided.
	if s.opts.DryRun {
		report.Plan = s.planOf(jobs, pending) // plan.go
		s.describe(ctx, report, pending, jobs, gone)
	} else if err := s.apply(ctx, report, pending, jobs, gone, full); err != nil {
		return report, err
	}
	s.warnUndated(report, jobs)    // site.go
	s.warnTaxonomies(report, jobs) // taxonomies.go
	if full {
		s.warnUnadapted(report, jobs) // site.go
	}
	sort.SliceStable(report.Items, func(a, b int) bool { return report.Items[a].Path < report.Items[b].Path })
	return report, nil
}

// apply carries out the plan: it records what the stages decided, writes
// the files in waves (parents and the files they link to first), writes
// again the files whose links resolved only then, trashes the orphans
// --prune may trash, and saves the state.
func (s *Syncer) apply(ctx context.Context, report *Report, pending, jobs []*job, gone map[string]*state.Entry, full bool) error {
	s.recordDecided() // record.go
	if len(pending) > 0 {
		// Each post once its pictures are up, parents first (pace.go).
		if err := s.writeAsUploaded(ctx, report, pending); err != nil {
			return err
		}
	}
	if err := s.relink(ctx, report, jobs); err != nil { // links.go
		return err
	}
	report.Interrupted = ctx.Err() != nil
	if err := s.trashOrphans(ctx, report, s.planOrphans(report, gone)); err != nil { // orphans.go
		return err
	}
	if full && len(s.state.Files) > 0 && s.state.Options != s.optionsKey() && !report.Failed() && report.Summary.Conflicts == 0 {
		// New options that changed nothing any file sends: every file was
		// read and found the same, so its entry holds for them too. Saving
		// them lets the next run trust sizes and times again instead of
		// reading every file on every run. Not after a failure: a file
		// whose write failed still needs reading.
		s.optionsChanged() // record.go
	}
	if s.dirty {
		return s.save() // record.go
	}
	return nil
}

// describe reports the plan as it stands, for a dry run: each file with
// what its write would be, the files held for their links as they are,
// and the orphans with what --prune would do.
func (s *Syncer) describe(ctx context.Context, report *Report, pending, jobs []*job, gone map[string]*state.Entry) {
	for _, j := range pending {
		j.item.Warnings = append(j.item.Warnings, wouldUpload(j)...) // media.go
		s.finish(report, j)
	}
	s.release(report, jobs) // links.go
	report.Interrupted = ctx.Err() != nil
	for _, o := range s.planOrphans(report, gone) { // orphans.go
		if o.trash {
			o.item.Warnings = append(o.item.Warnings, "would be moved to the trash")
		}
		s.reportOrphan(report, o.item)
	}
}

func dedupe(paths []string) []string {
	seen := make(map[string]bool, len(paths))
	out := paths[:0:0]
	for _, p := range paths {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// vanished returns the tracked files that are gone and are to be reported:
// after a full scan every tracked file not found, else the given paths that
// are tracked and no longer exist.
func (s *Syncer) vanished(given map[string]bool, full bool) map[string]*state.Entry {
	gone := map[string]*state.Entry{}
	for p, e := range s.state.Files {
		switch {
		case full && !given[p]:
			gone[p] = e
		case !full && given[p] && !s.exists(p):
			gone[p] = e
		}
	}
	return gone
}

func (s *Syncer) exists(rel string) bool {
	_, err := os.Lstat(filepath.Join(s.opts.Dir, filepath.FromSlash(rel)))
	return err == nil
}

// lost returns the tracked files that no longer exist and were not named
// in this run: where a watcher that saw only the new half of a rename finds
// the old one. Read once per run, and only when a new file needs it.
func (s *Syncer) lost(given map[string]bool) map[string]*state.Entry {
	lost := map[string]*state.Entry{}
	for p, e := range s.state.Files {
		if !given[p] && !s.exists(p) {
			lost[p] = e
		}
	}
	return lost
}

// classify decides what a file needs without asking the site. It reports
// whether the site is needed; if not, j.item is final.
func (s *Syncer) classify(j *job, gone map[string]*state.Entry, lost func() map[string]*state.Entry) bool {
	j.item = Item{Path: j.path, Type: j.typ, Warnings: j.warn, Leftovers: len(j.shown)}
	switch entry := s.state.Files[j.path]; {
	case j.err != nil || j.skip:
	case j.cached:
		j.entry = entry
		j.item.Type = typeName(entry.Type)
		// Not read: what reading it said last time still holds (and is
		// what a second reading replaces, mergeWarnings).
		j.warn = slices.Clone(entry.Warnings)
		j.item.Warnings = j.warn
	default:
		if entry != nil && entry.Type != j.post.Type {
			// The file now names another type: its old object stays where it is.
			entry = nil
		}
		if entry == nil {
			entry = s.takeMoved(j, gone)
		}
		if entry == nil && lost != nil {
			entry = s.takeMoved(j, lost())
		}
		j.entry = entry
	}
	j.plan = planLocal(j.input()) // decide.go
	switch j.plan.Action {
	case ActionError:
		j.item = failedItem(j.item, j.err)
		j.item.Local = true
	case ActionSkipped:
		j.item.Action = ActionSkipped
	case ActionUnchanged:
		j.item.Action, j.item.ID, j.item.Link = ActionUnchanged, j.entry.ID, j.entry.Link
		if !j.cached {
			s.keep(j, j.entry)
		}
	default: // create, update: the site is needed
		j.op = j.plan.Action
		return true
	}
	return false
}

// takeMoved finds the entry of a tracked file that is gone and was this one:
// same type, and the same slug or the very same content. The post stays the
// same; no new post, no orphan.
func (s *Syncer) takeMoved(j *job, gone map[string]*state.Entry) *state.Entry {
	var candidates []string
	for p := range gone {
		candidates = append(candidates, p)
	}
	sort.Strings(candidates) // deterministic when several match
	for _, p := range candidates {
		e := gone[p]
		if e.Type == j.post.Type && (e.Slug == j.post.Slug || e.ContentHash == j.body) {
			delete(gone, p)
			j.movedFrom = p
			j.item.MovedFrom = p
			s.identify(j.path, e)
			s.decide(decision{path: p, drop: true}) // record.go
			cp := *e
			return &cp
		}
	}
	return nil
}

// keep records an unchanged file: a moved one under its new path, and a new
// size and time stamp (a checkout sets new ones) so the next run need not
// read it.
func (s *Syncer) keep(j *job, e *state.Entry) {
	if cur := s.state.Files[j.path]; cur == nil || !sameEntry(s.keptEntry(j, e), cur) {
		s.decide(decision{path: j.path, entry: s.keptEntry(j, e)}) // record.go
	}
}

// keptEntry is the entry of an unchanged file: its entry (e, when the state
// has none under its path: a moved file's), with its new size, time stamp
// and references.
func (s *Syncer) keptEntry(j *job, e *state.Entry) *state.Entry {
	cur := s.state.Files[j.path]
	if cur == nil {
		cur = e
	}
	next := *cur
	next.Size, next.ModTime = j.size, j.mtime
	next.Refs = s.keptRefs(j, cur)
	next.Warnings = fileWarnings(j)
	return &next
}

// finish adds a job's item to the report and tells the progress callback.
func (s *Syncer) finish(r *Report, j *job) {
	if !j.settled() {
		j.item.Action = j.op
	}
	if j.item.Action == ActionError && !j.sent && errors.Is(j.item.Err, context.Canceled) {
		// Interrupted before its write was sent: nothing happened to it.
		j.item = notReached(j.item)
	}
	if j.ext != nil && j.ext.hold {
		return // reported by relink, once its links are final
	}
	r.add(j.item)
	if s.opts.Progress != nil {
		s.opts.Progress(j.item)
	}
}

// notReached marks an item the interrupted run did not send.
func notReached(it Item) Item {
	it.Action, it.Err, it.Error, it.Line = ActionNotReached, nil, "", 0
	return it
}

// failedItem turns an item into an error, keeping the file's line.
func failedItem(it Item, err error) Item {
	it.Action = ActionError
	it.Err = err
	it.Error = err.Error()
	it.Line = lineOf(err)
	return it
}

// connect asks the publisher to check the site once per Syncer, on the first
// run that needs the site, so a run with nothing to do sends nothing.
func (s *Syncer) connect(ctx context.Context) error {
	if s.connected {
		return nil
	}
	if s.opts.SettleDelay > 0 {
		select {
		case <-time.After(s.opts.SettleDelay):
		case <-ctx.Done():
			return ctx.Err()
		}
		s.opts.SettleDelay = 0
	}
	if err := s.pub.Connect(ctx); err != nil {
		return &FatalError{Err: err}
	}
	s.connected = true
	return nil
}

// Reconnect makes the next run check the site again (a long-running watcher
// calls it after an outage).
func (s *Syncer) Reconnect() { s.connected, s.markupChecked = false, false }

// typeName maps a REST base back to the name authors write.
func typeName(restBase string) string {
	switch restBase {
	case "posts":
		return "post"
	case "pages":
		return "page"
	}
	return restBase
}

// utcText writes a WordPress GMT time for people: "2026-01-02 03:04:05 UTC".
func utcText(gmt string) string {
	if _, err := time.Parse(wpTime, gmt); err != nil {
		return gmt
	}
	return strings.Replace(gmt, "T", " ", 1) + " UTC"
}
