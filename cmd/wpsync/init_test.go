package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// On a terminal, init asks for what flags did not give, re-asks after a
// bad answer, and offers the environment's values as defaults.
func TestInit_Interactive(t *testing.T) {
	dir := t.TempDir()
	in := strings.NewReader("https://example.com/wp-admin/\nexample.com\n\n")
	var out, errb strings.Builder
	code := run([]string{"init", dir}, ioStreams{In: in, Out: &out, Err: &errb, TTY: &ttys{In: true}},
		func(k string) string { return map[string]string{"WPSYNC_USER": "alice"}[k] })
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errb.String())
	}
	prompts := errb.String()
	for _, w := range []string{"Site address", "is a page of the site", "WordPress login name (Users → Profile → Username) [alice]"} {
		if !strings.Contains(prompts, w) {
			t.Errorf("prompts lack %q:\n%s", w, prompts)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "wpsync.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "url: https://example.com\nuser: alice\n") {
		t.Errorf("wpsync.yaml:\n%s", data)
	}
}

func TestInit_InteractiveEOF(t *testing.T) {
	dir := t.TempDir()
	var out, errb strings.Builder
	code := run([]string{"init", dir}, ioStreams{In: strings.NewReader(""), Out: &out, Err: &errb, TTY: &ttys{In: true}},
		func(string) string { return "" })
	if code != exitSetup || !strings.Contains(errb.String(), "pass --url and --user") {
		t.Errorf("exit %d, stderr %q", code, errb.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "wpsync.yaml")); err == nil {
		t.Error("wpsync.yaml written without answers")
	}
}

func TestAddToGitignore(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, ".gitignore")
	os.WriteFile(p, []byte("node_modules\n.wpsync/lock"), 0o644) // no final newline
	added, err := addToGitignore(p, gitignoreLines)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(added, ",") != ".wpsync/*.tmp" {
		t.Errorf("added %q", added)
	}
	data, _ := os.ReadFile(p)
	if !strings.HasPrefix(string(data), "node_modules\n.wpsync/lock\n# wpsync") || !strings.HasSuffix(string(data), ".wpsync/*.tmp\n") {
		t.Errorf(".gitignore:\n%s", data)
	}
	if added, _ := addToGitignore(p, gitignoreLines); len(added) != 0 {
		t.Errorf("second time added %q", added)
	}
}

// init in a Hugo site's content folder says that the site is in the
// folder above, and to run wpsync there.
func TestInit_InsideASite(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "hugo.toml"), []byte("baseURL = \"https://x.example/\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "content")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var out, errb strings.Builder
	code := run([]string{"init", "--url", "https://x.example", "--user", "alice", dir}, ioStreams{In: strings.NewReader(""), Out: &out, Err: &errb},
		func(string) string { return "" })
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errb.String())
	}
	if want := "Note: this looks like the content folder of a Hugo site (../hugo.toml) at ..: "; !strings.Contains(out.String(), want) || !strings.Contains(out.String(), "run wpsync there (in ..)") {
		t.Errorf("output lacks %q and where to run wpsync:\n%s", want, out.String())
	}
}
