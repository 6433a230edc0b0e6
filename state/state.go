// Package state remembers what wpsync has published, so that a run sends only
// what changed.
//
// The state is one JSON file, by default DIR/.wpsync/state.json, meant to be
// committed next to the content so that CI runners share it. It maps each
// Markdown file, by its path relative to DIR with forward slashes, to the
// WordPress object it became: the post ID and type, the slug and link
// WordPress gave back, and a hash of everything the file sends (rendered
// content and every field). A file whose hash is unchanged costs no request.
//
// It also maps each file uploaded to the media library (a picture a post
// shows), by the same kind of path, to its content hash, media ID and
// address: a file is uploaded once per site, and again only when its hash
// changes. Each post's entry keeps what its pictures, links and parent
// resolved to (Refs), so that a changed picture or a linked post's new
// permalink makes the post change too. A lost state file does not upload
// the pictures again either: each media item's slug is made from its
// file's content hash, and a run looks that slug up before an upload.
//
// The state file holds only what the site and the content decide (IDs,
// types, slugs, links, hashes, modified_gmt), with sorted keys, so that it is
// the same on every machine: a fresh checkout and a sync with nothing to do
// leave it byte for byte, and it can be committed and pulled without
// conflicts. What only this machine knows — each file's size and
// modification time, which let a run skip reading unchanged files — goes
// to cache.json beside it, which .wpsync/.gitignore keeps out of git. A
// missing or stale cache costs reading and hashing the files once.
//
// The file is rewritten atomically (temporary file, fsync, rename) after each
// successful write to WordPress, so a run that is killed loses at most the
// write in flight; the next run finds that post by its slug and adopts it
// rather than creating a duplicate. For the same reason a lost state file is
// not a disaster: the next sync looks every slug up before creating. A corrupt
// state file, on the other hand, is reported and never silently replaced,
// since replacing it would throw away the mapping.
package state

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// Version is the format version written to new state files.
const Version = 1

// DirName is the folder, inside the synced directory, that holds wpsync's files.
const DirName = ".wpsync"

// DefaultPath returns the state file's path for the synced directory dir.
func DefaultPath(dir string) string {
	return filepath.Join(dir, DirName, "state.json")
}

// Entry is what wpsync knows about one published file.
type Entry struct {
	ID   int    `json:"id"`
	Type string `json:"type"` // REST base: posts, pages or a custom type's
	Slug string `json:"slug,omitempty"`
	Link string `json:"link,omitempty"`
	// Hash covers everything the file sends; equal hash means nothing to do.
	Hash string `json:"hash"`
	// ContentHash covers the rendered body alone: a renamed file whose slug
	// changed with its name is still found by it.
	ContentHash string `json:"content_hash,omitempty"`
	// ModifiedGMT is WordPress's modified_gmt after our last write, kept to
	// notice edits made in WordPress since.
	ModifiedGMT string `json:"modified_gmt,omitempty"`
	// Size and ModTime let an unchanged run skip reading and hashing a
	// file. They are kept in the cache file, not the state file (older
	// state files held them here, and are still read).
	Size    int64 `json:"size,omitempty"`
	ModTime int64 `json:"mtime_ns,omitempty"`
	// Refs maps the files this one refers to (pictures, linked posts, its
	// parent page) to what they resolved to when it was sent (see sync).
	Refs map[string]string `json:"refs,omitempty"`
	// Warnings are what reading the file said when it was last read (its
	// "line N: …" warnings), so that a run that finds it unchanged, and
	// does not read it, can say them again. Kept in the cache file only.
	Warnings []string `json:"-"`
}

// State is the whole state file.
type State struct {
	Version int    `json:"version"`
	Site    string `json:"site,omitempty"`
	// Options names the settings the hashes were made under (see sync);
	// when they change, files are read again rather than trusted by their
	// size and time stamp.
	Options string            `json:"options,omitempty"`
	Files   map[string]*Entry `json:"files"`
	// Media maps each uploaded file, by path relative to the synced
	// folder, to its media library item (media.go).
	Media map[string]*MediaEntry `json:"media,omitempty"`
	// Types maps post type names written in files (book) to their REST
	// base (books) where the two differ.
	Types map[string]string `json:"types,omitempty"`
	// Refused maps the content hash of each file the site refused to
	// upload to the refusal (media.go).
	Refused map[string]*RefusedMedia `json:"refused,omitempty"`

	path  string
	saved []byte // the state file's bytes as last read or written
	cache []byte // the cache file's, likewise
}

// New returns an empty state that will be saved at path.
func New(path string) *State {
	return &State{Version: Version, Files: map[string]*Entry{}, path: path}
}

// CorruptError says the state file exists but cannot be read as state.
type CorruptError struct {
	Path string
	Err  error
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("state file %s is corrupt (%v): run `wpsync sync --rebuild-state` to set it aside and rebuild the mapping from WordPress (by slug, without duplicates)", e.Path, e.Err)
}

func (e *CorruptError) Unwrap() error { return e.Err }

// Load reads the state file at path. A missing file gives an empty state.
func Load(path string) (*State, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return New(path), nil
	}
	if err != nil {
		return nil, fmt.Errorf("read state: %w", err)
	}
	s := New(path)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(s); err != nil {
		return nil, &CorruptError{Path: path, Err: err}
	}
	if s.Version > Version {
		return nil, &CorruptError{Path: path, Err: fmt.Errorf("format version %d is newer than this wpsync understands (%d); upgrade wpsync", s.Version, Version)}
	}
	if s.Files == nil {
		s.Files = map[string]*Entry{}
	}
	for p, e := range s.Files {
		if e == nil || e.ID <= 0 || e.Type == "" {
			return nil, &CorruptError{Path: path, Err: fmt.Errorf("entry %q has no post id or type", p)}
		}
	}
	s.Version = Version
	s.saved = data
	s.loadCache()
	return s, nil
}

// SetAside renames the state file at path out of the way (keeping it for a
// post-mortem) and returns an empty state in its place.
func SetAside(path string) (*State, string, error) {
	aside := fmt.Sprintf("%s.old-%s", path, time.Now().UTC().Format("20060102T150405Z"))
	if err := os.Rename(path, aside); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, "", fmt.Errorf("set state aside: %w", err)
	} else if err != nil {
		aside = ""
	}
	return New(path), aside, nil
}

// Path is where the state is saved.
func (s *State) Path() string { return s.path }

// Save writes the state atomically: a temporary file in the same directory is
// written and fsynced, then renamed over the old one, so a crash leaves either
// the old or the new state, never half of one.
//
// Each file is written only when its bytes change, so a run that changed
// nothing leaves the committed state file (and its time stamp) alone.
func (s *State) Save() error {
	data, err := s.marshal()
	if err != nil {
		return err
	}
	cache, err := s.marshalCache()
	if err != nil {
		return err
	}
	dir := filepath.Dir(s.path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	if !bytes.Equal(data, s.saved) {
		if err := writeAtomic(s.path, data); err != nil {
			return fmt.Errorf("save state: %w", err)
		}
		s.saved = data
	}
	if !bytes.Equal(cache, s.cache) {
		// A cache that cannot be written costs speed, not correctness.
		if writeAtomic(CachePath(s.path), cache) == nil {
			s.cache = cache
			ignoreCache(dir)
		}
	}
	return nil
}

// writeAtomic writes data to path through a temporary file in the same
// directory: fsync, rename, fsync of the directory.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".state-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	// The rename is durable only once the directory itself is synced.
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// marshal writes stable, diff-friendly JSON: sorted keys, one entry a line
// group, so a committed state file changes only where files changed.
func (s *State) marshal() ([]byte, error) {
	// Sizes and times are this machine's: they go to the cache file.
	out := *s
	out.Files = make(map[string]*Entry, len(s.Files))
	for p, e := range s.Files {
		c := *e
		c.Size, c.ModTime = 0, 0
		out.Files[p] = &c
	}
	if s.Media != nil {
		out.Media = make(map[string]*MediaEntry, len(s.Media))
		for p, m := range s.Media {
			c := *m
			c.Size, c.ModTime = 0, 0
			out.Media[p] = &c
		}
	}
	data, err := json.MarshalIndent(&out, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode state: %w", err)
	}
	return append(data, '\n'), nil
}

// Paths returns the tracked file paths, sorted.
func (s *State) Paths() []string {
	paths := make([]string, 0, len(s.Files))
	for p := range s.Files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}
