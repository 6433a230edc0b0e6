package sync

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"sort"
	"strings"

	"github.com/wpsync/wpsync/state"
)

// Recording what exists
//
// `wpsync pull` writes files from posts that exist. Record then makes the
// state say what a sync that had just written those posts from those files
// would have left: the same hash of what each file sends, the same content
// hash and references, the post's modified_gmt. It runs the very steps a
// sync runs up to its write (prepare, parents and links, types, authors,
// terms), so the next sync finds every file unchanged; it writes nothing to
// WordPress, uploads nothing and creates no term.

// ContentDiffers begins Record's warning on a file whose content, as
// rendered, is not byte for byte what WordPress stores.
const ContentDiffers = "content as rendered differs from what WordPress stores"

// Record ties each file (a slash path relative to the folder, written
// already) to the post given for it, in the state, and saves the state.
// media are files of the folder that are items of the site's media library
// already (downloaded from it), by path: they are recorded as uploaded
// first, so that the files referring to them resolve to their addresses and
// no sync uploads them again.
//
// A file is recorded when every field it sends matches the post as
// WordPress stores it (title, slug, status, dates, terms, page fields, …,
// compared as samePost compares them), except the content: content is
// compared too, and a difference is reported as a warning on the item
// ("content as rendered differs"), since display-equivalent content
// (classic posts, whose paragraphs WordPress adds on display) cannot always
// be written back byte for byte. A post without a title is recorded with
// the file's title (its first heading or its name), with a warning. A file
// whose fields differ, that refers to
// a picture the state does not have, or that cannot be read, is an error
// item and is not recorded (its old entry, if any, is kept).
//
// Record needs the site for what sync resolves by name (term and author
// IDs, parents by slug, types), read as a sync would. Its error is a
// *FatalError (site, state); per-file problems are in the report.
func (s *Syncer) Record(ctx context.Context, files map[string]*Post, media map[string]*state.MediaEntry) (*Report, error) {
	if err := s.checkSite(ctx); err != nil {
		return nil, err
	}
	for _, p := range sortedKeys(media) {
		s.setMedia(p, media[p]) // record.go
	}
	report := &Report{Items: []Item{}}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)

	// The posts are known: each file gets a provisional entry, so that
	// links to it and a page's parent resolve from the state at the first
	// rendering, as in the sync after this one. It has no hash, size or
	// time, so the file itself is read, not skipped as unchanged.
	s.ident, s.decided = nil, nil
	old := map[string]*state.Entry{}
	for _, p := range paths {
		post := files[p]
		if e := s.state.Files[p]; e != nil {
			old[p] = e
		}
		s.setEntry(p, &state.Entry{ID: post.ID, Type: post.Type, Slug: post.Slug, Link: post.Link}) // record.go
	}
	// Whatever is not recorded in the end gets its old entry back (or
	// none): before the state is saved, and on every way out before.
	recorded := map[string]bool{}
	restored := false
	restore := func() {
		if restored {
			return
		}
		restored = true
		for _, p := range paths {
			if recorded[p] {
				continue
			}
			if e := old[p]; e != nil {
				s.setEntry(p, e)
			} else {
				s.dropEntry(p)
			}
		}
	}
	defer restore()

	var jobs []*job
	for _, p := range paths {
		j := s.prepare(p)
		j.item = Item{Path: p, Type: j.typ, ID: files[p].ID, Link: files[p].Link, Warnings: j.warn, Leftovers: len(j.shown)}
		switch {
		case j.missing:
			j.err = fmt.Errorf("%s: not found", p)
		case j.skip:
			j.err = fmt.Errorf("%s: empty", p)
		case j.err == nil && j.ext != nil && len(j.ext.uploads) > 0:
			j.err = fmt.Errorf("%s: refers to %s, which the state does not record as uploaded", p, sortedKeys(j.ext.uploads)[0])
		}
		if j.err != nil {
			j.item = failedItem(j.item, j.err)
			report.add(j.item)
			continue
		}
		j.op = ActionUpdate
		j.entry = &state.Entry{ID: files[p].ID, Type: j.post.Type}
		jobs = append(jobs, j)
	}
	s.relate(jobs)
	for _, j := range jobs {
		if j.ext != nil {
			// relate holds the report of files linking to files whose
			// post may change in a run; here none does.
			j.ext.hold = false
		}
	}
	if len(jobs) > 0 {
		if err := s.connect(ctx); err != nil {
			return report, err
		}
		s.recording = true
		defer func() { s.recording = false }()
		var err error
		if jobs, err = s.checkMarkup(ctx, report, jobs); err != nil { // hashed as sync renders them there (markup.go)
			return report, err
		}
		if jobs, err = s.resolveContent(ctx, report, jobs); err != nil {
			return report, err
		}
	}
	s.renderLinks(jobs)
	for _, j := range jobs {
		p := files[j.path]
		if j.item.Action == ActionError {
			report.add(j.item)
			continue
		}
		if _, err := s.resolveTerms(ctx, j, &j.post); err != nil { // Record fails on a term the site lacks
			j.item = failedItem(j.item, fmt.Errorf("%s: %w", j.path, err))
			report.add(j.item)
			continue
		}
		// Content is compared apart (see above), and so is a missing
		// title: a file always has one (its first heading or its name).
		have := *p
		have.Content = j.post.Content
		if p.Title == "" {
			have.Title = j.post.Title
			j.item.Warnings = append(j.item.Warnings, fmt.Sprintf("the post has no title: the file's, %q, is sent with the next sync of an edit of this file", j.post.Title))
		}
		if !samePost(&have, &j.post) {
			j.item = failedItem(j.item, fmt.Errorf("%s: does not send what %s %d holds (%s): not recorded", j.path, typeName(p.Type), p.ID, differences(p, &j.post)))
			report.add(j.item)
			continue
		}
		if p.Content != j.post.Content {
			j.item.Warnings = append(j.item.Warnings, ContentDiffers+"; the next sync of an edit of this file sends the rendered form")
		}
		e := s.entryFor(j, p)
		if o := old[j.path]; o != nil && o.Hash == e.Hash && o.ModifiedGMT == e.ModifiedGMT && maps.Equal(o.Refs, e.Refs) {
			j.item.Action = ActionUnchanged
		} else {
			j.item.Action = ActionUpdate
		}
		s.setEntry(j.path, e)
		recorded[j.path] = true
		report.add(j.item)
	}
	s.recordDecided() // what checkMarkup and resolveContent found (record.go)
	restore()
	if s.dirty {
		if err := s.save(); err != nil {
			return report, err
		}
	}
	sort.SliceStable(report.Items, func(a, b int) bool { return report.Items[a].Path < report.Items[b].Path })
	return report, nil
}

// differences names the fields (by their REST names) in which a file's
// post and WordPress's differ, for Record's error: each field of have is
// put into want in turn, and samePost, with the rules of fields.go, says
// whether that made a difference.
func differences(have, want *Post) string {
	var d []string
	hv := reflect.ValueOf(have).Elem()
	for _, f := range mustFields() {
		mixed := *want
		reflect.ValueOf(&mixed).Elem().Field(f.index).Set(hv.Field(f.index))
		if !samePost(&mixed, want) {
			if f.name == "slug" {
				d = append(d, fmt.Sprintf("slug %q, the file's %q", have.Slug, want.Slug))
				continue
			}
			d = append(d, f.name)
		}
	}
	if len(d) == 0 {
		return "content"
	}
	return strings.Join(d, ", ")
}

// LocalChanges reports, for each tracked file of paths, whether it sends
// something else than when it was last synced or pulled (its hash differs
// from its state entry's). Files the state does not track, and files that
// are gone, are left out. It reads only the files, never the site.
func (s *Syncer) LocalChanges(paths []string) map[string]bool {
	out := map[string]bool{}
	for _, p := range paths {
		e := s.state.Files[p]
		if e == nil {
			continue
		}
		j := s.prepare(p)
		if j.missing {
			continue
		}
		out[p] = j.err != nil || j.skip || j.hash != e.Hash
	}
	return out
}

// Add counts an item into the report, for commands that build reports of
// their own from sync's items (`wpsync pull`).
func (r *Report) Add(it Item) { r.add(it) }
