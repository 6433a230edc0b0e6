package sync

import (
	"maps"

	"github.com/wpsync/wpsync/state"
)

// Recording in the state
//
// Every change a run makes to the state goes through the methods below, and
// nowhere else: they are the one writer of the state (saved by save), and
// the one place that knows a dry run changes nothing. The stages that decide
// call them once the decision is final — a write that came back, an
// adoption found equal, a move, an unchanged file's new time stamp.

// setEntry records the post of the file at path.
func (s *Syncer) setEntry(path string, e *state.Entry) {
	if s.opts.DryRun {
		return
	}
	s.state.Files[path] = e
	s.dirty = true
}

// dropEntry forgets the file at path (moved, or its post trashed).
func (s *Syncer) dropEntry(path string) {
	if s.opts.DryRun {
		return
	}
	delete(s.state.Files, path)
	s.dirty = true
}

// setMedia records an uploaded file.
func (s *Syncer) setMedia(path string, m *state.MediaEntry) {
	if s.opts.DryRun {
		return
	}
	if s.state.Media == nil {
		s.state.Media = map[string]*state.MediaEntry{}
	}
	s.state.Media[path] = m
	s.dirty = true
}

// sameEntry reports whether two entries are the same, stamps included.
func sameEntry(a, b *state.Entry) bool {
	return a.ID == b.ID && a.Type == b.Type && a.Slug == b.Slug && a.Link == b.Link && a.Hash == b.Hash &&
		a.ContentHash == b.ContentHash && a.ModifiedGMT == b.ModifiedGMT && a.Size == b.Size && a.ModTime == b.ModTime &&
		maps.Equal(a.Refs, b.Refs)
}

// setType records the REST base of a post type named in files.
func (s *Syncer) setType(name, restBase string) {
	if s.opts.DryRun {
		return
	}
	if s.state.Types == nil {
		s.state.Types = map[string]string{}
	}
	s.state.Types[name] = restBase
	s.dirty = true
}
