package config

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/zalando/go-keyring"
)

// With a keyring the password goes there, not to the file; without one
// (a server: the keyring fails) it goes to the file.
func TestStore_KeyringThenFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "credentials.json")
	s := Store{Path: path, Keyring: true}

	keyring.MockInit()
	in, err := s.Save("https://example.com/", Saved{User: "alice", Password: "pw1"})
	if err != nil || !in {
		t.Fatalf("save with a keyring: in keyring %v, %v", in, err)
	}
	if _, ok, _ := LoadSaved(path, "https://example.com", nil); ok {
		t.Error("saved in the file as well as the keyring")
	}
	got, in, ok, err := s.Load("https://EXAMPLE.com", nil)
	if err != nil || !ok || !in || got != (Saved{User: "alice", Password: "pw1"}) {
		t.Errorf("load: %+v in keyring %v ok %v %v", got, in, ok, err)
	}
	if removed, err := s.Delete("https://example.com"); err != nil || !removed {
		t.Errorf("delete: %v %v", removed, err)
	}
	if _, _, ok, _ := s.Load("https://example.com", nil); ok {
		t.Error("still there after delete")
	}

	keyring.MockInitWithError(errors.New("no secret service"))
	in, err = s.Save("https://example.com", Saved{User: "bob", Password: "pw2"})
	if err != nil || in {
		t.Fatalf("save without a keyring: in keyring %v, %v", in, err)
	}
	got, in, ok, _ = s.Load("https://example.com", nil)
	if !ok || in || got.Password != "pw2" {
		t.Errorf("load from the file: %+v in keyring %v ok %v", got, in, ok)
	}
	if removed, _ := s.Delete("https://example.com"); !removed {
		t.Error("delete from the file")
	}
	if _, ok, _ := LoadSaved(path, "https://example.com", nil); ok {
		t.Error("still in the file after delete")
	}
}

func TestOpenStore_FileNamedMeansNoKeyring(t *testing.T) {
	s, err := OpenStore(func(k string) string { return map[string]string{EnvCredentials: "/x/c.json"}[k] })
	if err != nil || s.Keyring || s.Path != "/x/c.json" {
		t.Errorf("%+v %v", s, err)
	}
	s, err = OpenStore(func(k string) string { return map[string]string{"XDG_CONFIG_HOME": "/cfg"}[k] })
	if err != nil || !s.Keyring || s.Path != filepath.Join("/cfg", "wpsync", "credentials.json") {
		t.Errorf("%+v %v", s, err)
	}
}
