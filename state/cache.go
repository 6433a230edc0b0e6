package state

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
)

// CachePath returns the path of the cache file that goes with a state file:
// cache.json beside it.
func CachePath(statePath string) string {
	return filepath.Join(filepath.Dir(statePath), "cache.json")
}

// stamp is what the cache keeps of one file: its size and modification time
// when its content had hash Hash. A stamp whose hash is not the state's is
// ignored, so a cache left from another state never passes a file off as
// unchanged.
type stamp struct {
	Size    int64  `json:"size"`
	ModTime int64  `json:"mtime_ns"`
	Hash    string `json:"hash"`
	// Warnings of a Markdown file (Entry.Warnings).
	Warnings []string `json:"warnings,omitempty"`
}

type cacheFile struct {
	Files map[string]stamp `json:"files,omitempty"`
	Media map[string]stamp `json:"media,omitempty"`
}

// loadCache fills in sizes and times from the cache file, where it has them
// for the same content. A missing or unreadable cache is no error: the
// files are read and hashed instead.
func (s *State) loadCache() {
	data, err := os.ReadFile(CachePath(s.path))
	if err != nil {
		return
	}
	var c cacheFile
	if json.Unmarshal(data, &c) != nil {
		return
	}
	s.cache = data
	for p, st := range c.Files {
		if e := s.Files[p]; e != nil && e.Hash == st.Hash {
			e.Size, e.ModTime, e.Warnings = st.Size, st.ModTime, st.Warnings
		}
	}
	for p, st := range c.Media {
		if m := s.Media[p]; m != nil && m.Hash == st.Hash {
			m.Size, m.ModTime = st.Size, st.ModTime
		}
	}
}

func (s *State) marshalCache() ([]byte, error) {
	c := cacheFile{Files: map[string]stamp{}, Media: map[string]stamp{}}
	for p, e := range s.Files {
		if e.ModTime != 0 {
			c.Files[p] = stamp{e.Size, e.ModTime, e.Hash, e.Warnings}
		}
	}
	for p, m := range s.Media {
		if m.ModTime != 0 {
			c.Media[p] = stamp{Size: m.Size, ModTime: m.ModTime, Hash: m.Hash}
		}
	}
	data, err := json.MarshalIndent(&c, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// gitignore keeps this machine's files in the state folder out of git.
const gitignore = "# wpsync: this machine's cache and lock; commit state.json\n/cache.json\n/lock\n/*.tmp\n"

// ignoreCache writes dir/.gitignore when there is none.
func ignoreCache(dir string) {
	p := filepath.Join(dir, ".gitignore")
	if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
		_ = os.WriteFile(p, []byte(gitignore), 0o644)
	}
}
