package state

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
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
	// Nothing but the state file is left behind in its folder.
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("state folder holds %d files, want only state.json", len(entries))
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
