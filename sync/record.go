package sync

import (
	"maps"
	"slices"

	"github.com/wpsync/wpsync/state"
)

// Recording in the state
//
// Every change a run makes to the state goes through the methods below, and
// nowhere else: they are the one writer of the state, and save, here too,
// the one place that writes the state file.
//
// The stages that plan (classify, checkMarkup, resolveContent, plan) write
// nothing: what they find the state should hold — an unchanged file's new
// time stamp, a move, an adoption found equal, a post type's REST base, a
// picture found uploaded under another name, the site's markup — they
// decide (decide), and apply records it (recordDecided) before it writes
// anything to WordPress. A dry run is the plan without the apply: its
// decisions are never recorded. What apply writes to WordPress (a post, an
// upload, a trashed orphan) is recorded here as each answer comes back, and
// saved at once, so that an interrupted run keeps what it wrote.

// decision is a change to the state that a stage decided while planning.
// One of its fields is set.
type decision struct {
	path   string
	entry  *state.Entry      // the file's new entry
	drop   bool              // forget the file at path (moved away)
	media  *state.MediaEntry // the file at path is this media item
	typ    string            // the post type of this name...
	base   string            // ...has this REST base
	markup map[string]bool   // the site wants another markup; the files of this run
}

// decide notes a change to the state for apply to record.
func (s *Syncer) decide(d decision) { s.decided = append(s.decided, d) }

// recordDecided records the changes the plan decided, in their order.
func (s *Syncer) recordDecided() {
	for _, d := range s.decided {
		switch {
		case d.entry != nil:
			s.setEntry(d.path, d.entry)
		case d.drop:
			s.dropEntry(d.path)
		case d.media != nil:
			s.setMedia(d.path, d.media)
		case d.typ != "":
			s.setType(d.typ, d.base)
		case d.markup != nil:
			s.markupChanged(d.markup)
		}
	}
	s.decided = nil
}

// setEntry records the post of the file at path.
func (s *Syncer) setEntry(path string, e *state.Entry) {
	s.state.Files[path] = e
	s.dirty = true
}

// dropEntry forgets the file at path (moved, or its post trashed).
func (s *Syncer) dropEntry(path string) {
	delete(s.state.Files, path)
	s.dirty = true
}

// setMedia records an uploaded file.
func (s *Syncer) setMedia(path string, m *state.MediaEntry) {
	if s.state.Media == nil {
		s.state.Media = map[string]*state.MediaEntry{}
	}
	s.state.Media[path] = m
	s.dirty = true
}

// recordMedia records an uploaded file by its parts.
func (s *Syncer) recordMedia(p string, id int, hash, u string, size, mtime int64) {
	s.setMedia(p, &state.MediaEntry{ID: id, Hash: hash, URL: u, Size: size, ModTime: mtime})
}

// setRefused records content the site refused to take as an upload
// (svg.go): it is not sent again until it changes, or --force.
func (s *Syncer) setRefused(hash string, r *state.RefusedMedia) {
	if s.state.Refused == nil {
		s.state.Refused = map[string]*state.RefusedMedia{}
	}
	s.state.Refused[hash] = r
	s.dirty = true
}

// dropRefused forgets a refusal: the content was uploaded after all.
func (s *Syncer) dropRefused(hash string) {
	if s.state.Refused[hash] == nil {
		return
	}
	delete(s.state.Refused, hash)
	s.dirty = true
}

// sameEntry reports whether two entries are the same, stamps included.
func sameEntry(a, b *state.Entry) bool {
	return a.ID == b.ID && a.Type == b.Type && a.Slug == b.Slug && a.Link == b.Link && a.Hash == b.Hash &&
		a.ContentHash == b.ContentHash && a.ModifiedGMT == b.ModifiedGMT && a.Size == b.Size && a.ModTime == b.ModTime &&
		maps.Equal(a.Refs, b.Refs) && slices.Equal(a.Warnings, b.Warnings)
}

// setType records the REST base of a post type named in files.
func (s *Syncer) setType(name, restBase string) {
	if s.state.Types == nil {
		s.state.Types = map[string]string{}
	}
	s.state.Types[name] = restBase
	s.dirty = true
}

// markupChanged records that the site's editor wants another block markup
// (markup.go): the options key saved names it, and every tracked file but
// those of this run (again) loses its time stamp, so that the next run
// reads it again, renders it in the new markup and updates it. Entries are
// replaced, never changed in place.
func (s *Syncer) markupChanged(again map[string]bool) {
	s.dirty = true // the state records the new markup even if no file changes
	for p, e := range s.state.Files {
		if !again[p] && e.ModTime != 0 {
			next := *e
			next.ModTime = 0 // not trusted by size and time stamp: read again
			s.state.Files[p] = &next
		}
	}
}

// optionsChanged records a full run's options (see sync): it changed
// nothing that files send.
func (s *Syncer) optionsChanged() { s.dirty = true }

// save writes the state file, with the site and options it holds for.
func (s *Syncer) save() error {
	s.state.Site = s.opts.Site
	s.state.Options = s.optionsKey()
	if err := s.state.Save(); err != nil {
		return &FatalError{Err: err}
	}
	s.dirty = false
	return nil
}
