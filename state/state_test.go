package state

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestState_SaveLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".wpsync", "state.json")
	s := New(path)
	s.Site = "http://example.test"
	s.Files["posts/a.md"] = &Entry{ID: 7, Type: "posts", Slug: "a", Hash: "sha256:1", ModifiedGMT: "2026-01-02T03:04:05",
		Refs: map[string]string{"posts/img/x.png": "http://example.test/x.png"}}
	s.Media = map[string]*MediaEntry{"posts/img/x.png": {ID: 3, Hash: "sha256:3", URL: "http://example.test/x.png"}}
	s.Files["b.md"] = &Entry{ID: 9, Type: "pages", Hash: "sha256:2"}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Site != s.Site || len(got.Files) != 2 || !reflect.DeepEqual(got.Files["posts/a.md"], s.Files["posts/a.md"]) ||
		!reflect.DeepEqual(got.Media, s.Media) {
		t.Errorf("round trip lost data: %+v", got)
	}
	if paths := got.Paths(); paths[0] != "b.md" || paths[1] != "posts/a.md" {
		t.Errorf("Paths() = %v, want sorted", paths)
	}
	// No temporary file is left behind in its folder.
	entries, _ := os.ReadDir(filepath.Dir(path))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{".gitignore", "cache.json", "state.json"}; !reflect.DeepEqual(names, want) {
		t.Errorf("state folder holds %v, want %v", names, want)
	}
}

// The state file holds nothing of this machine: sizes and times go to the
// cache, which git ignores, and come back from it for the same content.
func TestState_MachineFreeStateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".wpsync", "state.json")
	s := New(path)
	s.Files["a.md"] = &Entry{ID: 1, Type: "posts", Hash: "sha256:1", Size: 42, ModTime: 1700000000123456789}
	s.Files["b.md"] = &Entry{ID: 2, Type: "posts", Hash: "sha256:2", Size: 7, ModTime: 1700000000000000001}
	s.Media = map[string]*MediaEntry{"x.png": {ID: 3, Hash: "sha256:3", URL: "u", Size: 9, ModTime: 5}}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), "mtime") || strings.Contains(string(data), "size") {
		t.Errorf("state file holds sizes or times:\n%s", data)
	}
	ignore, _ := os.ReadFile(filepath.Join(filepath.Dir(path), ".gitignore"))
	if !strings.Contains(string(ignore), "/cache.json") {
		t.Errorf(".gitignore = %q, want it to ignore cache.json", ignore)
	}
	// Another machine's state: same content hash for a.md, another for b.md.
	other := New(path)
	other.Files["a.md"] = &Entry{ID: 1, Type: "posts", Hash: "sha256:1"}
	other.Files["b.md"] = &Entry{ID: 2, Type: "posts", Hash: "sha256:changed"}
	other.saved = nil
	data2, _ := other.marshal()
	if err := os.WriteFile(path, data2, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if a := got.Files["a.md"]; a.Size != 42 || a.ModTime != 1700000000123456789 {
		t.Errorf("a.md stamp = %d/%d, want it from the cache", a.Size, a.ModTime)
	}
	if b := got.Files["b.md"]; b.Size != 0 || b.ModTime != 0 {
		t.Errorf("b.md stamp = %d/%d: a stamp for other content must be ignored", b.Size, b.ModTime)
	}
	if m := got.Media["x.png"]; m != nil {
		t.Errorf("media x.png came back from a state that does not have it: %+v", m)
	}
}

// A save with nothing changed leaves the state file untouched, time stamp
// and inode included; a change of a size or time alone touches only the
// cache.
func TestState_SaveUnchangedWritesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := New(path)
	s.Files["a.md"] = &Entry{ID: 1, Type: "posts", Hash: "h1", Size: 1, ModTime: 1}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	loaded, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(path)
	loaded.Files["a.md"].Size, loaded.Files["a.md"].ModTime = 2, 2
	if err := loaded.Save(); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(path)
	if !os.SameFile(before, after) || !before.ModTime().Equal(after.ModTime()) {
		t.Error("Save rewrote a state file whose content did not change")
	}
	again, _ := Load(path)
	if again.Files["a.md"].Size != 2 {
		t.Errorf("size = %d, want 2 from the cache", again.Files["a.md"].Size)
	}
}

// State files written before the cache existed hold sizes and times; they
// are read, and the next save moves them out.
func TestState_ReadsOldStamps(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	old := `{"version":1,"files":{"a.md":{"id":1,"type":"posts","hash":"h","size":5,"mtime_ns":6}}}`
	if err := os.WriteFile(path, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if e := s.Files["a.md"]; e.Size != 5 || e.ModTime != 6 {
		t.Errorf("stamp = %d/%d, want 5/6", e.Size, e.ModTime)
	}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), "mtime_ns") {
		t.Errorf("saved state still holds mtime_ns:\n%s", data)
	}
}

func TestState_SaveReplacesAtomically(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := New(path)
	s.Files["a.md"] = &Entry{ID: 1, Type: "posts", Hash: "h1"}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(path)
	s.Files["a.md"].Hash = "h2"
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(path)
	// A rename puts a new inode in place; writing in place would keep the old
	// one and could leave half a file after a crash.
	if os.SameFile(before, after) {
		t.Error("Save rewrote the file in place instead of renaming a new one over it")
	}
	got, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Files["a.md"].Hash != "h2" {
		t.Errorf("hash = %q, want h2", got.Files["a.md"].Hash)
	}
}

func TestLoad_Missing(t *testing.T) {
	s, err := Load(filepath.Join(t.TempDir(), "nope", "state.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Files) != 0 {
		t.Errorf("missing file gave %d entries", len(s.Files))
	}
}

func TestLoad_Corrupt(t *testing.T) {
	tests := []struct{ name, content string }{
		{"truncated", `{"version":1,"files":{"a.md":{"id":1,`},
		{"not json", "hello"},
		{"unknown field", `{"version":1,"files":{},"extra":true}`},
		{"entry without id", `{"version":1,"files":{"a.md":{"type":"posts","hash":"x"}}}`},
		{"newer version", `{"version":99,"files":{}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.json")
			if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(path)
			var ce *CorruptError
			if !errors.As(err, &ce) {
				t.Fatalf("Load() error = %v, want *CorruptError", err)
			}
			if ce.Path != path {
				t.Errorf("error names %q, want %q", ce.Path, path)
			}
			// The file is left as it was: nothing is silently reset.
			data, _ := os.ReadFile(path)
			if string(data) != tt.content {
				t.Error("Load changed a corrupt state file")
			}
		})
	}
}
