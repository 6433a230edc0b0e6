// Package config finds the settings of a run: the site, the user and the
// application password, and the defaults of wpsync.yaml.
//
// Precedence is flags > WPSYNC_* environment > wpsync.yaml > defaults. The
// password is the exception: it comes only from WPSYNC_APP_PASSWORD, a
// file named by --password-file or, failing both, what `wpsync login` saved
// in the user's own configuration folder (saved.go); never from a flag
// (shell history, ps) or from wpsync.yaml (which is committed).
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
)

// FileName is the optional settings file in the synced folder.
const FileName = "wpsync.yaml"

// Environment variable names.
const (
	EnvURL      = "WPSYNC_URL"
	EnvUser     = "WPSYNC_USER"
	EnvPassword = "WPSYNC_APP_PASSWORD"
)

// File is wpsync.yaml.
type File struct {
	URL           string   `yaml:"url"`
	User          string   `yaml:"user"`
	DefaultStatus string   `yaml:"default_status"`
	Ignore        []string `yaml:"ignore"`
	// MaxFileSize bounds the size of a Markdown file, in bytes (default 10 MB).
	MaxFileSize int64 `yaml:"max_file_size"`
	// Format is the content format of files that set none: "blocks"
	// (block-editor markup, the default) or "classic" (HTML).
	Format string `yaml:"format"`
	// Static names folders, relative to the synced folder, where a picture
	// written from the site's root (/img/x.png) is looked for, before the
	// site generator's own static folders.
	Static []string `yaml:"static"`
	// Shortcodes maps a Hugo shortcode's name to a Go text/template that
	// shows it (.Get, .Inner, .Params, .Page.Params, site.Params), for
	// shortcodes the site's own templates do not show (or show with what
	// wpsync cannot run).
	Shortcodes map[string]string `yaml:"shortcodes"`
	// LinkBase is where a link from the site's root to a page that is not
	// in the folder points (the old site's address): /about becomes
	// LINK_BASE/about. Without it such a link stays as written, with a
	// warning.
	LinkBase string `yaml:"link_base"`
	// Strict fails a file whose rendering leaves source syntax of another
	// dialect (a wikilink, a template tag, :::note) in what readers see,
	// instead of a warning; the other files are still published.
	Strict bool `yaml:"strict"`
	// Generator names the generator the folder is written for when
	// wpsync cannot recognise it by a configuration file: an adapter
	// turned on by name (goblog: the Go blog's template: true bodies), or
	// a generator without an adapter (obsidian: a vault without its
	// .obsidian folder). site.DetectWith checks the value.
	Generator string `yaml:"generator"`
	// Language is the one language of a multilingual Hugo site to
	// publish (its code, as in the site's languages); "": the site's
	// defaultContentLanguage.
	Language string `yaml:"language"`
	// ThemeImages, when false, takes no picture of a Hugo bundle for the
	// featured image by its name (feature*, cover*, thumbnail*, as themes
	// show it); nil or true does. Front matter naming one is always read.
	ThemeImages *bool `yaml:"theme_images"`
	// InlineTags, false, keeps an Obsidian vault's inline #tags out of its
	// posts' tags (they are tags by default, as Obsidian reads them).
	InlineTags *bool `yaml:"inline_tags"`
	// Input is an Eleventy site's input folder, from the project's folder
	// (the configuration's), when its configuration computes it (a
	// variable, process.env) rather than writing it as a string.
	Input string `yaml:"input"`
}

// Error is a configuration problem; the command exits 2.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

func errorf(format string, a ...any) error { return &Error{Msg: fmt.Sprintf(format, a...)} }

// LoadFile reads DIR/wpsync.yaml; a missing file is an empty one. Unknown
// keys are an error, so a typo is caught instead of silently ignored.
func LoadFile(dir string) (*File, error) {
	path := filepath.Join(dir, FileName)
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return &File{}, nil
	}
	if err != nil {
		return nil, errorf("read %s: %v", path, err)
	}
	var f File
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return nil, errorf("%s: %s: fix the file (keys: url, user, default_status, ignore, max_file_size, format, static, shortcodes, link_base, strict, generator, language, theme_images, inline_tags, input)", path, yamlMessage(err))
	}
	for _, d := range f.Static {
		if c := filepath.Clean(filepath.FromSlash(d)); filepath.IsAbs(c) || c == ".." || strings.HasPrefix(c, ".."+string(filepath.Separator)) {
			return nil, errorf("%s: static: %q is not inside the synced folder: name a folder in it, like static or assets/img", path, d)
		}
	}
	if f.Format != "" && f.Format != "blocks" && f.Format != "classic" {
		return nil, errorf("%s: format: unknown value %q (want blocks or classic)", path, f.Format)
	}
	return &f, nil
}

// Connection is where and as whom to publish.
type Connection struct {
	URL      string
	User     string
	Password string
}

// Sources holds what the command line and environment said.
type Sources struct {
	FlagURL, FlagUser string
	PasswordFile      string
	Getenv            func(string) string
	// Warn receives warnings (a password file others can read).
	Warn func(string)
	// Saved is where `wpsync login` keeps Application Passwords
	// (OpenStore); nil looks nowhere.
	Saved *Store
}

// Resolve applies the precedence rules and checks that nothing is missing.
func Resolve(f *File, src Sources) (*Connection, error) {
	getenv := src.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	c := &Connection{
		URL:  first(src.FlagURL, getenv(EnvURL), f.URL),
		User: first(src.FlagUser, getenv(EnvUser), f.User),
	}
	if src.PasswordFile != "" {
		pw, err := readPasswordFile(src.PasswordFile, src.Warn)
		if err != nil {
			return nil, err
		}
		c.Password = pw
	} else {
		c.Password = strings.TrimSpace(getenv(EnvPassword))
	}
	if c.Password == "" && c.URL != "" && src.Saved != nil {
		saved, _, ok, err := src.Saved.Load(c.URL, src.Warn)
		if err != nil {
			return nil, err
		}
		// A saved password is used only for the user it belongs to: with
		// another user named, it would fail as a wrong password.
		if ok && (c.User == "" || c.User == saved.User) {
			c.User, c.Password = saved.User, saved.Password
		}
	}
	var missing []string
	if c.URL == "" {
		missing = append(missing, "the site URL (--url, "+EnvURL+" or url: in "+FileName+")")
	}
	if c.User == "" {
		missing = append(missing, "the user (--user, "+EnvUser+" or user: in "+FileName+")")
	}
	if c.Password == "" {
		missing = append(missing, "the application password (run wpsync login, or give "+EnvPassword+" or --password-file; create one under Users → Profile → Application Passwords)")
	}
	if len(missing) > 0 {
		return nil, errorf("missing %s", strings.Join(missing, "; "))
	}
	return c, nil
}

func readPasswordFile(path string, warn func(string)) (string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", errorf("password file: %v", err)
	}
	if fi.Mode().Perm()&0o044 != 0 && warn != nil {
		warn(fmt.Sprintf("password file %s can be read by other users: chmod 600 %s", path, path))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", errorf("password file: %v", err)
	}
	pw := strings.TrimSpace(string(data))
	if pw == "" {
		return "", errorf("password file %s is empty", path)
	}
	return pw, nil
}

func first(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
