package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"github.com/wpsync/wpsync/internal/wpfake"
)

// syncBuffer is a bytes.Buffer safe to write from the command's goroutine
// while the test reads it.
type syncBuffer struct {
	mu gosync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// watch exits 2 when the site refuses the credentials (docs/watch.md: the systemd
// unit does not restart it then): at start, and when the Application
// Password is revoked while it runs.
func TestRunWatch_SignInRefused(t *testing.T) {
	incorrect := wpfake.Fault{Status: 401, Body: `{"code":"incorrect_password","message":"The provided password is an invalid application password.","data":{"status":401}}`}
	tests := []struct {
		name     string
		password string
		revoke   bool // after the first sync
	}{
		{"wrong password at start", "wxyz wxyz wxyz wxyz wxyz wxyz", false},
		{"revoked while watching", wpfake.Password, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wp := wpfake.New(t, wpfake.Options{})
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("# A\n\nText.\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			env := map[string]string{"WPSYNC_URL": wp.URL, "WPSYNC_USER": wpfake.Admin, "WPSYNC_APP_PASSWORD": tt.password}
			var out, errb syncBuffer
			code := make(chan int, 1)
			go func() {
				code <- run([]string{"watch", dir, "--debounce", "10ms"}, ioStreams{In: strings.NewReader(""), Out: &out, Err: &errb}, func(k string) string { return env[k] })
			}()
			if tt.revoke {
				for deadline := time.Now().Add(10 * time.Second); !strings.Contains(errb.String(), "watching for changes"); time.Sleep(10 * time.Millisecond) {
					if time.Now().After(deadline) {
						t.Fatalf("watch did not start:\n%s", errb.String())
					}
				}
				wp.Fail(incorrect)
				if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("# A\n\nText, edited.\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			select {
			case c := <-code:
				if c != exitSetup {
					t.Errorf("exit %d, want %d\n%s", c, exitSetup, errb.String())
				}
			case <-time.After(20 * time.Second):
				t.Fatalf("watch runs on after the sign-in was refused:\n%s", errb.String())
			}
			if log := errb.String(); !strings.Contains(log, "application password is wrong") || !strings.Contains(log, "Application Password") || strings.Contains(log, tt.password) {
				t.Errorf("log does not say the password is refused and what to do (or shows it):\n%s", log)
			}
		})
	}
}
