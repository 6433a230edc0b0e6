package state

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// errLocked is what tryLock returns when another process holds the lock.
var errLocked = errors.New("locked by another process")

// Lock keeps two wpsync processes from syncing the same directory at once.
//
// It is an flock(2) (LockFileEx on Windows) on a file beside the state file. The kernel drops the
// lock when its process dies, however it dies, so a lock left behind by a
// killed run never blocks the next one; the file's content (pid, start time)
// is only there to tell the second process who holds it.
type Lock struct {
	f *os.File
	// Stale names the previous holder when it did not release the lock: it
	// was killed, and requests it had sent may still be running on the
	// server.
	Stale string
}

// LockedError says another process holds the lock.
type LockedError struct {
	Path   string
	Holder string // "pid 123 since 2026-01-02T03:04:05Z", or "" if unreadable
}

func (e *LockedError) Error() string {
	who := "another wpsync process"
	if e.Holder != "" {
		who += " (" + e.Holder + ")"
	}
	return fmt.Sprintf("%s is already syncing this directory (lock %s): wait for it to finish, or stop it", who, e.Path)
}

// LockPath returns the lock file's path for the state file at statePath.
func LockPath(statePath string) string {
	return filepath.Join(filepath.Dir(statePath), "lock")
}

// Acquire takes the lock for the state file at statePath without waiting.
func Acquire(statePath string) (*Lock, error) {
	path := LockPath(statePath)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("lock: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock: %w", err)
	}
	if err := tryLock(f); err != nil {
		holder, _ := os.ReadFile(path)
		f.Close()
		if errors.Is(err, errLocked) {
			return nil, &LockedError{Path: path, Holder: strings.TrimSpace(string(holder))}
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	// A clean Release empties the file; what is left was left by a process
	// that died holding the lock.
	prev, _ := os.ReadFile(path)
	// Say who we are for the benefit of a second process.
	if err := f.Truncate(0); err == nil {
		fmt.Fprintf(f, "pid %d since %s\n", os.Getpid(), time.Now().UTC().Format(time.RFC3339))
	}
	return &Lock{f: f, Stale: strings.TrimSpace(string(prev))}, nil
}

// Release drops the lock. The file stays; its flock, not its existence, is
// the lock.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	_ = l.f.Truncate(0)
	err := l.f.Close() // closing drops the flock
	l.f = nil
	return err
}
