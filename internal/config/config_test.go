package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func envOf(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

// Precedence: flags > WPSYNC_* environment > wpsync.yaml; the password
// only from --password-file or the environment.
func TestResolve_Precedence(t *testing.T) {
	dir := t.TempDir()
	pwFile := filepath.Join(dir, "pw")
	if err := os.WriteFile(pwFile, []byte("from file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	file := &File{URL: "https://yaml.example", User: "yamluser"}
	env := map[string]string{EnvURL: "https://env.example", EnvUser: "envuser", EnvPassword: " from env "}
	tests := []struct {
		name                string
		file                *File
		src                 Sources
		url, user, password string
		urlFrom, userFrom   string
		passwordFrom        string
	}{
		{"flags win", file, Sources{FlagURL: "https://flag.example", FlagUser: "flaguser", PasswordFile: pwFile, Getenv: envOf(env)},
			"https://flag.example", "flaguser", "from file", "--url", "--user", "--password-file " + pwFile},
		{"environment over wpsync.yaml", file, Sources{Getenv: envOf(env)},
			"https://env.example", "envuser", "from env", EnvURL, EnvUser, EnvPassword},
		{"wpsync.yaml last", file, Sources{Getenv: envOf(map[string]string{EnvPassword: "pw"})},
			"https://yaml.example", "yamluser", "pw", FileName, FileName, EnvPassword},
		{"blank values do not count", file, Sources{FlagURL: "  ", Getenv: envOf(map[string]string{EnvURL: " ", EnvPassword: "pw"})},
			"https://yaml.example", "yamluser", "pw", FileName, FileName, EnvPassword},
		{"mixed", &File{User: "yamluser"}, Sources{FlagURL: "https://flag.example", Getenv: envOf(map[string]string{EnvPassword: "pw"})},
			"https://flag.example", "yamluser", "pw", "--url", FileName, EnvPassword},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Resolve(tt.file, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if c.URL != tt.url || c.User != tt.user || c.Password != tt.password {
				t.Errorf("got %q %q %q, want %q %q %q", c.URL, c.User, c.Password, tt.url, tt.user, tt.password)
			}
			u, usr, pw := Origins(tt.file, tt.src)
			if u.From != tt.urlFrom || usr.From != tt.userFrom || pw.From != tt.passwordFrom {
				t.Errorf("origins %q %q %q, want %q %q %q", u.From, usr.From, pw.From, tt.urlFrom, tt.userFrom, tt.passwordFrom)
			}
			if u.Value != tt.url || usr.Value != tt.user || pw.Value != "" {
				t.Errorf("origin values %q %q %q", u.Value, usr.Value, pw.Value)
			}
		})
	}
}

func TestResolve_MissingNamesEverySource(t *testing.T) {
	_, err := Resolve(&File{}, Sources{Getenv: envOf(nil)})
	var ce *Error
	if !errors.As(err, &ce) {
		t.Fatalf("error %v is not a *config.Error", err)
	}
	for _, want := range []string{"--url", EnvURL, "url: in wpsync.yaml", "--user", EnvUser, EnvPassword, "--password-file", "Users → Profile → Application Passwords"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q: %v", want, err)
		}
	}
	if strings.Contains(err.Error(), "--password ") {
		t.Errorf("message suggests a password flag: %v", err)
	}
}

func TestResolve_PasswordFile(t *testing.T) {
	dir := t.TempDir()
	open := filepath.Join(dir, "open")
	if err := os.WriteFile(open, []byte("secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var warned []string
	c, err := Resolve(&File{URL: "https://x.example", User: "u"}, Sources{PasswordFile: open, Getenv: envOf(nil), Warn: func(s string) { warned = append(warned, s) }})
	if err != nil || c.Password != "secret" {
		t.Fatalf("got %v, %v", c, err)
	}
	if len(warned) != 1 || !strings.Contains(warned[0], "chmod 600") || strings.Contains(warned[0], "secret") {
		t.Errorf("warnings %q: want one about the file's mode, without the password", warned)
	}
	empty := filepath.Join(dir, "empty")
	os.WriteFile(empty, []byte("\n"), 0o600)
	if _, err := Resolve(&File{URL: "https://x.example", User: "u"}, Sources{PasswordFile: empty, Getenv: envOf(nil)}); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("empty password file: %v", err)
	}
	if _, err := Resolve(&File{URL: "https://x.example", User: "u"}, Sources{PasswordFile: filepath.Join(dir, "nope"), Getenv: envOf(nil)}); err == nil {
		t.Error("missing password file: no error")
	}
}

func TestLoadFile(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       File
		err        []string // in the error, in order of appearance
	}{
		{"absent", "", File{}, nil},
		{"all keys", "url: https://x.example\nuser: alice\ndefault_status: draft\nignore: [README.md, drafts]\n",
			File{URL: "https://x.example", User: "alice", DefaultStatus: "draft", Ignore: []string{"README.md", "drafts"}}, nil},
		{"only comments", "# nothing yet\n", File{}, nil},
		{"strict and generator", "strict: true\ngenerator: obsidian\n", File{Strict: true, Generator: "obsidian"}, nil},
		{"site keys", "link_base: https://old.example.org\nshortcodes:\n  new-in: '<span>{{ .Get 0 }}</span>'\n",
			File{LinkBase: "https://old.example.org", Shortcodes: map[string]string{"new-in": "<span>{{ .Get 0 }}</span>"}}, nil},
		{"unknown key named with its line", "url: https://x.example\nusr: alice\n", File{}, []string{"wpsync.yaml", "line 2", `unknown key "usr"`, "keys: url, user"}},
		{"two unknown keys", "urll: x\nusr: y\n", File{}, []string{`unknown key "urll"`, `unknown key "usr"`}},
		{"syntax error", "url: [unclosed\n", File{}, []string{"wpsync.yaml", "line"}},
		{"wrong type", "ignore: {a: b}\n", File{}, []string{"wpsync.yaml", "ignore"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.name != "absent" {
				if err := os.WriteFile(filepath.Join(dir, FileName), []byte(tt.yaml), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			f, err := LoadFile(dir)
			if tt.err != nil {
				if err == nil {
					t.Fatalf("no error, want one with %q", tt.err)
				}
				msg := err.Error()
				if strings.Contains(msg, "\n") || strings.Contains(msg, "config.File") {
					t.Errorf("message is not one plain line: %q", msg)
				}
				for _, w := range tt.err {
					i := strings.Index(msg, w)
					if i < 0 {
						t.Errorf("message lacks %q: %s", w, msg)
						continue
					}
					msg = msg[i:]
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if f.URL != tt.want.URL || f.User != tt.want.User || f.DefaultStatus != tt.want.DefaultStatus || strings.Join(f.Ignore, ",") != strings.Join(tt.want.Ignore, ",") ||
				f.LinkBase != tt.want.LinkBase || fmt.Sprint(f.Shortcodes) != fmt.Sprint(tt.want.Shortcodes) {
				t.Errorf("got %+v, want %+v", *f, tt.want)
			}
		})
	}
}
