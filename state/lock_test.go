package state

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLock_SecondFailsAndNamesHolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".wpsync", "state.json")
	l1, err := Acquire(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Acquire(path)
	var le *LockedError
	if !errors.As(err, &le) {
		t.Fatalf("second Acquire error = %v, want *LockedError", err)
	}
	if want := fmt.Sprintf("pid %d", os.Getpid()); !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not name the holder (%s)", err, want)
	}
	if err := l1.Release(); err != nil {
		t.Fatal(err)
	}
	l2, err := Acquire(path)
	if err != nil {
		t.Fatalf("Acquire after Release: %v", err)
	}
	l2.Release()
}

// A process killed while holding the lock must not block the next run.
func TestLock_KilledHolderReleases(t *testing.T) {
	if os.Getenv("WPSYNC_LOCK_HOLDER") != "" {
		if _, err := Acquire(os.Getenv("WPSYNC_LOCK_HOLDER")); err != nil {
			os.Exit(3)
		}
		fmt.Println("locked")
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	path := filepath.Join(t.TempDir(), "state.json")
	cmd := exec.Command(os.Args[0], "-test.run=^TestLock_KilledHolderReleases$")
	cmd.Env = append(os.Environ(), "WPSYNC_LOCK_HOLDER="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 6)
	if _, err := out.Read(buf); err != nil || string(buf) != "locked" {
		t.Fatalf("holder did not take the lock: %q %v", buf, err)
	}
	if _, err := Acquire(path); err == nil {
		t.Fatal("Acquire succeeded while another process held the lock")
	}
	cmd.Process.Kill()
	cmd.Wait()
	l, err := Acquire(path)
	if err != nil {
		t.Fatalf("lock of a killed process still blocks: %v", err)
	}
	if !strings.Contains(l.Stale, fmt.Sprintf("pid %d", cmd.Process.Pid)) {
		t.Errorf("Stale = %q, want the killed holder named", l.Stale)
	}
	l.Release()
	// A clean release leaves nothing stale.
	l, err = Acquire(path)
	if err != nil || l.Stale != "" {
		t.Errorf("after a clean release: Stale %q, err %v", l.Stale, err)
	}
	l.Release()
}
