package main

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
)

// syncIn runs `wpsync sync ARGS` in this process against env.
func syncIn(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb syncBuffer
	code = run(append([]string{"sync"}, args...), ioStreams{In: strings.NewReader(""), Out: &out, Err: &errb}, func(k string) string { return env[k] })
	return code, out.String(), errb.String()
}

// A run stopped by a refused sign-in, or by an address the site does not
// answer at, says that alone: no line per file, and not advice about the
// state file when the address given is what is wrong.
func TestRunSync_StoppingErrorsSayTheCause(t *testing.T) {
	wp := wpfake.New(t, wpfake.Options{})
	dir := t.TempDir()
	for _, name := range []string{"a.md", "b.md", "c.md", "d.md"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("# "+name+"\n\nText.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{"WPSYNC_URL": wp.URL, "WPSYNC_USER": wpfake.Admin, "WPSYNC_APP_PASSWORD": wpfake.Password}
	if code, out, errs := syncIn(t, env, dir); code != 0 {
		t.Fatalf("first run: exit %d\n%s%s", code, out, errs)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("# a.md\n\nText, edited.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A file broken in itself is still named after a refused sign-in.
	if err := os.WriteFile(filepath.Join(dir, "d.md"), []byte("---\ntitle: [unclosed\n---\nx\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A port where nothing listens.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String()
	l.Close()

	tests := []struct {
		name    string
		env     map[string]string
		want    []string
		notWant []string
	}{
		{"wrong password", map[string]string{"WPSYNC_APP_PASSWORD": "wxyz wxyz wxyz wxyz wxyz wxyz"},
			[]string{"application password is wrong", "Run 'wpsync login', or make an Application Password", "d.md:2"}, []string{"unchanged", "b.md", "--state"}},
		{"https for a plain-HTTP site", map[string]string{"WPSYNC_URL": strings.Replace(wp.URL, "http://", "https://", 1)},
			[]string{"answers plain HTTP, not HTTPS", "use " + wp.URL}, []string{"--state", "b.md"}},
		{"a port where nothing listens", map[string]string{"WPSYNC_URL": closed},
			[]string{"connection refused", "othing listens at that address and port"}, []string{"--state", "b.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := map[string]string{}
			for k, v := range env {
				e[k] = v
			}
			for k, v := range tt.env {
				e[k] = v
			}
			code, out, errs := syncIn(t, e, dir)
			all := out + errs
			if code != exitSetup {
				t.Errorf("exit %d, want %d", code, exitSetup)
			}
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("output does not say %q:\n%s", w, all)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(all, w) {
					t.Errorf("output says %q:\n%s", w, all)
				}
			}
			if n := strings.Count(strings.TrimSpace(errs), "\n") + 1; n > 2 {
				t.Errorf("%d lines on stderr, want the error and its hint:\n%s", n, errs)
			}
			if n := strings.Count(strings.TrimSpace(out), "\n") + 1; out != "" && n > 1 {
				t.Errorf("%d lines on stdout, want at most the broken file's:\n%s", n, out)
			}
		})
	}
}
