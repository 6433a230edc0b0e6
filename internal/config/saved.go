package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// EnvCredentials names the file `wpsync login` saves Application Passwords
// in, instead of the default (SavedPath).
const EnvCredentials = "WPSYNC_CREDENTIALS"

// Saved is one Application Password `wpsync login` saved: the user it
// belongs to and the password, for one site address.
type Saved struct {
	User     string `json:"user"`
	Password string `json:"password"`
}

// savedFile is the credentials file: {"sites": {"https://example.com": {...}}},
// keyed by the site address as wpsync.yaml or --url give it, normalized
// (SiteKey). JSON, so that a person can read and prune it.
type savedFile struct {
	Sites map[string]Saved `json:"sites"`
}

// SavedPath is where `wpsync login` saves Application Passwords: the file
// $WPSYNC_CREDENTIALS names, else credentials.json in the user's
// configuration folder ($XDG_CONFIG_HOME/wpsync, ~/.config/wpsync on
// Linux; os.UserConfigDir elsewhere). It is outside every synced folder,
// so that it is never committed; the file is the user's alone (0600).
func SavedPath(getenv func(string) string) (string, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	if p := strings.TrimSpace(getenv(EnvCredentials)); p != "" {
		return p, nil
	}
	if x := strings.TrimSpace(getenv("XDG_CONFIG_HOME")); x != "" {
		return filepath.Join(x, "wpsync", "credentials.json"), nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", errorf("no folder for saved credentials (%v): set %s to a file path", err, EnvCredentials)
	}
	return filepath.Join(dir, "wpsync", "credentials.json"), nil
}

// SiteKey is the form of a site address the credentials file is keyed by:
// without a trailing slash, scheme and host in lower case.
func SiteKey(siteURL string) string {
	s := strings.TrimRight(strings.TrimSpace(siteURL), "/")
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok {
		return s
	}
	host, path, _ := strings.Cut(rest, "/")
	key := strings.ToLower(scheme) + "://" + strings.ToLower(host)
	if path != "" {
		key += "/" + path
	}
	return key
}

// LoadSaved returns the credentials saved for siteURL in the file at path;
// ok is false when there are none (no file, or no entry). A file others
// can read is used, with a warning.
func LoadSaved(path, siteURL string, warn func(string)) (Saved, bool, error) {
	f, err := readSaved(path)
	if err != nil || f == nil {
		return Saved{}, false, err
	}
	s, ok := f.Sites[SiteKey(siteURL)]
	if ok && warn != nil {
		if fi, err := os.Stat(path); err == nil && fi.Mode().Perm()&0o044 != 0 {
			warn(fmt.Sprintf("saved credentials %s can be read by other users: chmod 600 %s", path, path))
		}
	}
	return s, ok && s.Password != "", nil
}

// Save records the Application Password for siteURL in the file at path,
// replacing what was saved for that site; the other sites' entries stay.
// The folder is made (0700) and the file written whole (0600) through a
// temporary file, so that a crash leaves the old file or the new one.
func Save(path, siteURL string, s Saved) error {
	f, err := readSaved(path)
	if err != nil {
		return err
	}
	if f == nil {
		f = &savedFile{}
	}
	if f.Sites == nil {
		f.Sites = map[string]Saved{}
	}
	f.Sites[SiteKey(siteURL)] = s
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("save credentials: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".credentials-*.tmp")
	if err != nil {
		return fmt.Errorf("save credentials: %w", err)
	}
	defer os.Remove(tmp.Name())
	// CreateTemp makes the file 0600: the password is never readable by
	// others, not even for a moment.
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("save credentials: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save credentials: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save credentials: %w", err)
	}
	return nil
}

// readSaved reads the credentials file; nil without error when there is
// none.
func readSaved(path string) (*savedFile, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, errorf("saved credentials: %v", err)
	}
	var f savedFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, errorf("saved credentials %s: %v: run wpsync login again, or remove the file", path, err)
	}
	return &f, nil
}
