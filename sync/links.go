package sync

import (
	"context"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/wpsync/wpsync/internal/wpslug"
	"github.com/wpsync/wpsync/markdown"
)

// Links between files
//
// A relative link to another Markdown file ([x](../pages/about.md#team))
// becomes that file's post's permalink, fragment kept, from the state. A
// link to a file whose post does not exist yet (both files are new) is
// written as it stands first; once the run has made the post, relink writes
// the linking file again with the permalink. A link to a file that is not
// in the folder stays as written, with a warning naming both files.

// pendingLink stands for the permalink of a file whose post does not exist
// yet: a link to the top of the page, for the seconds until the linking
// post is written again.
const pendingLink = "#"

// resolveLink gives the permalink of the file a link names, when the state
// has its post.
func (s *Syncer) resolveLink(j *job, r markdown.Ref) (string, bool) {
	if r.Address {
		return s.resolveAddress(j, r) // addresses.go
	}
	x := j.ext
	target, why := s.linkTarget(j.path, r)
	if target == "" {
		x.warnOnce(&j.warn, fmt.Sprintf("line %d: link to %s %s: left as written", r.Line, r.Dest, why))
		if c := candidates(r)[0]; !r.Loose && !strings.HasPrefix(c, "../") {
			x.used[c] = "" // the file added later makes this one change
		}
		return "", false
	}
	if home, ok := s.homeLink(target); ok { // homeref.go
		return home, true
	}
	return s.linkTo(j, target)
}

// linkTo gives the permalink of the post of target, a Markdown file of the
// folder, and records that j depends on it.
func (s *Syncer) linkTo(j *job, target string) (string, bool) {
	x := j.ext
	e := s.postOf(target)
	if e == nil || e.Link == "" {
		// Its post is not known yet: never a link to the .md file, which
		// would go live. Written before its target only when the two link
		// to each other; then written again once the target exists.
		x.used[target] = ""
		return pendingLink, true
	}
	x.used[target] = refValue(e.ID, e.Link)
	return e.Link, true
}

// warnOnce adds a warning that rendering again would repeat.
func (x *jobExt) warnOnce(warns *[]string, msg string) {
	for _, w := range *warns {
		if w == msg {
			return
		}
	}
	*warns = append(*warns, msg)
}

// linkTarget finds the Markdown file a link written in the file from
// names, or says why there is none.
func (s *Syncer) linkTarget(from string, r markdown.Ref) (string, string) {
	cands := candidates(r)
	if r.Loose {
		cands = s.looseRefCandidates(from, r) // refs.go
	}
	for _, c := range cands {
		if c == ".." || strings.HasPrefix(c, "../") {
			return "", "is outside the synced folder"
		}
		if !s.isMarkdownFile(c) {
			continue
		}
		if Excluded(c, s.opts.Ignore) {
			return "", "names " + c + ", which is not published (hidden or ignored)"
		}
		return c, ""
	}
	if r.Loose && byRefName(r) && !strings.HasPrefix(refWritten(r), ".") {
		return s.byName(path.Base(strings.TrimSuffix(refWritten(r), "/"))) // refs.go
	}
	return "", "names no file in the synced folder"
}

// relate works out, once every file of the run is read, what the files
// mean to each other: which new page is the parent of which (written
// first), and which files link to files whose post this run makes or
// changes (held back to be written again by relink).
func (s *Syncer) relate(jobs []*job) {
	s.x.addrMu.Lock()
	s.x.names = nil // read again by the next run that needs it
	s.x.addrs = nil // so are the addresses
	s.x.addrMu.Unlock()
	byPath := make(map[string]*job, len(jobs))
	for _, j := range jobs {
		byPath[j.path] = j
	}
	for _, j := range jobs {
		x := j.ext
		if x == nil || j.err != nil || j.skip {
			continue
		}
		if x.parentSlug != "" {
			for _, pj := range jobs {
				if pj != j && pj.err == nil && !pj.skip && !pj.cached && pj.post.Type == j.post.Type &&
					pj.post.Slug == wpslug.Sanitize(x.parentSlug) && s.state.Files[pj.path] == nil {
					x.parentJob = pj
				}
			}
			continue
		}
		if x.parentPath == "" || j.post.Parent != 0 {
			continue
		}
		pj := byPath[x.parentPath]
		switch {
		case pj == nil:
			j.warn = append(j.warn, fmt.Sprintf("parent %s is not published yet: written without a parent (the next sync of the folder sets it)", x.parentPath))
		case pj.skip:
			// The generator renders no page for it (a headless or
			// unrendered section): the child is a page of its own.
			j.warn = append(j.warn, fmt.Sprintf("parent %s is not published (see why in its line): written without a parent", x.parentPath))
			x.parentPath = ""
			s.rehash(j)
		case pj.err != nil:
			j.err = fmt.Errorf("%s: not published: its parent %s cannot be (see its error)", j.path, x.parentPath)
		case pj.post.Type != j.post.Type && x.explicit:
			j.err = fmt.Errorf("%s: parent %s is a %s, not a %s", j.path, x.parentPath, typeName(pj.post.Type), typeName(j.post.Type))
		case pj.post.Type != j.post.Type:
			x.parentPath = "" // not a page: no parent
			s.rehash(j)
		default:
			x.parentJob = pj
		}
	}
	changing := func(t *job) bool {
		if t == nil || t.err != nil || t.skip || t.cached {
			return false
		}
		e := s.state.Files[t.path]
		return e == nil || e.Hash != t.hash
	}
	for _, j := range jobs {
		if j.err != nil || j.skip {
			continue
		}
		var refs map[string]string
		parent := ""
		switch {
		case j.ext != nil:
			refs, parent = j.ext.used, j.ext.parentPath
		case j.cached:
			refs = s.state.Files[j.path].Refs
		}
		hold := false
		for p, v := range refs {
			if !markdown.IsPagePath(p) || p == parent {
				continue
			}
			if t := byPath[p]; t != nil && t != j && changing(t) || p == j.path && v == "" {
				hold = true
				break
			}
		}
		if hold {
			if j.ext == nil {
				j.ext = &jobExt{}
			}
			j.ext.hold = true
		}
	}
}

// movedRefs reports whether a file links to a post whose link changed
// since the file was rendered (or whose post exists only now).
func (s *Syncer) movedRefs(j *job) bool {
	refs := j.ext.used
	if refs == nil {
		if e := s.state.Files[j.path]; e != nil {
			refs = e.Refs
		}
	}
	for p, v := range refs {
		if markdown.IsPagePath(p) && s.currentRef(p) != v {
			return true
		}
	}
	return false
}

// relink finishes the files held back by relate: those whose links now
// resolve to something else than when they were written are read, resolved
// and written again (one more update each); the others are reported as
// they are.
func (s *Syncer) relink(ctx context.Context, report *Report, jobs []*job) error {
	var redo []*job
	for _, j := range jobs {
		if j.ext == nil || !j.ext.hold {
			continue
		}
		j.ext.hold = false
		switch j.item.Action {
		case ActionCreate, ActionUpdate, ActionUnchanged:
		default:
			s.finish(report, j)
			continue
		}
		e := s.state.Files[j.path]
		// Interrupted: written once is what it is; the next run, whose
		// hash differs, writes it again with its links.
		if e == nil || ctx.Err() != nil || !s.movedRefs(j) {
			s.finish(report, j)
			continue
		}
		f := s.prepare(j.path)
		if f.err != nil || f.skip || f.missing || f.cached || f.ext == nil {
			s.finish(report, j)
			continue
		}
		if f.hash == e.Hash {
			if refs := s.keptRefs(f, e); !maps.Equal(refs, e.Refs) {
				next := *e
				next.Refs = refs
				next.Warnings = fileWarnings(f)
				s.setEntry(f.path, &next)
			}
			s.finish(report, j)
			continue
		}
		f.entry, f.op, f.movedFrom = e, ActionUpdate, j.movedFrom
		f.item = j.item
		f.item.Warnings = mergeWarnings(j.item.Warnings, j.warn, f.warn)
		f.ext.prevAction, f.item.Action = j.item.Action, ""
		redo = append(redo, f)
	}
	if len(redo) == 0 {
		return nil
	}
	redo, err := s.resolveContent(ctx, report, redo)
	if err != nil {
		return err
	}
	if redo, err = s.uploadMedia(ctx, report, redo); err != nil { // media.go
		return err
	}
	var written, unchanged []*job
	for _, f := range redo {
		missing, err := s.resolveTerms(ctx, f, &f.post)
		if err == nil {
			f.newTerms = missing
			err = s.makeTerms(ctx, f) // terms.go
		}
		if err != nil {
			f.item = failedItem(f.item, fmt.Errorf("%s: %w", f.path, err))
			s.finish(report, f)
			continue
		}
		if f.ext.prevAction == ActionUnchanged {
			unchanged = append(unchanged, f)
		} else {
			written = append(written, f)
		}
	}
	// A post this run did not write may have been edited in WordPress.
	ready := append(written, s.checkConflicts(ctx, report, unchanged)...)
	return s.rewrite(ctx, report, ready)
}

// release reports the files held back by relate as they are, with no
// second write: a dry run's.
func (s *Syncer) release(report *Report, jobs []*job) {
	for _, j := range jobs {
		if j.ext != nil && j.ext.hold {
			j.ext.hold = false
			s.finish(report, j)
		}
	}
}

// mergeWarnings replaces, among an item's warnings, those that came from
// reading the file (old) with those of reading it again (fresh).
func mergeWarnings(item, old, fresh []string) []string {
	var out []string
	for _, w := range item {
		if !slices.Contains(old, w) || slices.Contains(fresh, w) {
			out = append(out, w)
		}
	}
	for _, w := range fresh {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// rewrite updates posts written or found unchanged earlier in this run,
// keeping what the run reports for them (a post made in this run is still
// reported as created).
func (s *Syncer) rewrite(ctx context.Context, report *Report, jobs []*job) error {
	size := 1
	if len(jobs) > 1 {
		size = max(s.pub.BatchSize(ctx), 1)
	}
	for len(jobs) > 0 {
		n := min(size, len(jobs))
		chunk := jobs[:n]
		jobs = jobs[n:]
		for _, o := range s.writeChunk(ctx, chunk) {
			f := o.j
			if o.err != nil {
				f.item = failedItem(f.item, fmt.Errorf("%s: update %s %d with the links resolved: %w", f.path, f.typ, f.entry.ID, o.err))
				continue
			}
			f.item.Action = f.ext.prevAction
			if f.item.Action == ActionUnchanged {
				f.item.Action = ActionUpdate
			}
			f.item.ID, f.item.Link = o.got.ID, o.got.Link
			s.setEntry(f.path, s.entryFor(f, o.got))
		}
		if s.dirty {
			if err := s.save(); err != nil {
				return err
			}
		}
		for _, f := range chunk {
			s.finish(report, f)
		}
	}
	return nil
}
