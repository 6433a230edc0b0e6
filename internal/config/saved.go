package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/zalando/go-keyring"
)

// EnvCredentials names the file `wpsync login` saves Application Passwords
// in, instead of the system's keyring and the default file (OpenStore).
const EnvCredentials = "WPSYNC_CREDENTIALS"

// keyringService is the name wpsync's entries have in the system's keyring
// (the macOS Keychain, the Secret Service of GNOME or KDE, the Windows
// Credential Manager): one entry a site, its account the site's address.
const keyringService = "wpsync"

// keyringWait bounds each question to the keyring: on a machine without
// one (a server without a desktop session) asking may hang rather than
// fail, and wpsync then uses the file.
const keyringWait = 3 * time.Second

// Store is where `wpsync login` keeps Application Passwords: the system's
// keyring when the machine has one, else a file of the user's own
// (SavedPath). The environment and --password-file win over both.
type Store struct {
	// Path is the file; with Keyring false the only place.
	Path string
	// Keyring: try the system's keyring first.
	Keyring bool
}

// OpenStore is the store of this user: only the file $WPSYNC_CREDENTIALS
// names when set (a test, or a user who wants no keyring), else the
// system's keyring with the default file (SavedPath) as the fallback.
func OpenStore(getenv func(string) string) (Store, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	path, err := SavedPath(getenv)
	if err != nil {
		return Store{}, err
	}
	return Store{Path: path, Keyring: strings.TrimSpace(getenv(EnvCredentials)) == ""}, nil
}

// Where says where s keeps a password it saved: "the system keyring" or the file.
func (s Store) Where(inKeyring bool) string {
	if inKeyring {
		return "the system keyring (" + keyringService + ")"
	}
	return s.Path
}

// Load returns what was saved for siteURL: from the keyring when it holds
// it, else from the file. ok is false when neither does.
func (s Store) Load(siteURL string, warn func(string)) (saved Saved, inKeyring, ok bool, err error) {
	if s.Keyring {
		var secret string
		if kerr := withKeyring(func() (err error) { secret, err = keyring.Get(keyringService, SiteKey(siteURL)); return }); kerr == nil {
			if json.Unmarshal([]byte(secret), &saved) == nil && saved.Password != "" {
				return saved, true, true, nil
			}
		}
	}
	if s.Path == "" {
		return Saved{}, false, false, nil
	}
	saved, ok, err = LoadSaved(s.Path, siteURL, warn)
	return saved, false, ok, err
}

// Save keeps v for siteURL: in the keyring when it takes it (and then out
// of the file), else in the file. inKeyring says which.
func (s Store) Save(siteURL string, v Saved) (inKeyring bool, err error) {
	if s.Keyring {
		secret, _ := json.Marshal(v)
		if withKeyring(func() error { return keyring.Set(keyringService, SiteKey(siteURL), string(secret)) }) == nil {
			_, err := removeSaved(s.Path, siteURL)
			return true, err
		}
	}
	return false, Save(s.Path, siteURL, v)
}

// Delete forgets what was saved for siteURL, in the keyring and the file;
// removed says whether there was anything.
func (s Store) Delete(siteURL string) (removed bool, err error) {
	if s.Keyring {
		if withKeyring(func() error { return keyring.Delete(keyringService, SiteKey(siteURL)) }) == nil {
			removed = true
		}
	}
	fromFile, err := removeSaved(s.Path, siteURL)
	return removed || fromFile, err
}

// withKeyring runs one keyring call, giving up after keyringWait.
func withKeyring(call func() error) error {
	done := make(chan error, 1)
	go func() { done <- call() }()
	select {
	case err := <-done:
		return err
	case <-time.After(keyringWait):
		return errors.New("the system keyring did not answer")
	}
}

// removeSaved takes siteURL's entry out of the file at path.
func removeSaved(path, siteURL string) (bool, error) {
	if path == "" {
		return false, nil
	}
	f, err := readSaved(path)
	if err != nil || f == nil {
		return false, err
	}
	if _, ok := f.Sites[SiteKey(siteURL)]; !ok {
		return false, nil
	}
	delete(f.Sites, SiteKey(siteURL))
	return true, writeSaved(path, f)
}

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
	return writeSaved(path, f)
}

// writeSaved writes the credentials file whole.
func writeSaved(path string, f *savedFile) error {
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
