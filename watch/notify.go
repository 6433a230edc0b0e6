package watch

import "github.com/fsnotify/fsnotify"

// notifier is the part of fsnotify.Watcher the loop uses; tests fake it.
type notifier interface {
	Add(name string) error
	Remove(name string) error
	Events() <-chan fsnotify.Event
	Errors() <-chan error
	Close() error
}

// eventBuffer lets fsnotify's reader run ahead of the loop during a burst
// (a git checkout makes a few events per file) instead of leaving them in
// the kernel's queue, whose overflow costs a full rescan.
const eventBuffer = 4096

type fsNotifier struct{ w *fsnotify.Watcher }

func newFSNotifier() (notifier, error) {
	w, err := fsnotify.NewBufferedWatcher(eventBuffer)
	if err != nil {
		return nil, err
	}
	return fsNotifier{w}, nil
}

func (n fsNotifier) Add(name string) error         { return n.w.Add(name) }
func (n fsNotifier) Remove(name string) error      { return n.w.Remove(name) }
func (n fsNotifier) Events() <-chan fsnotify.Event { return n.w.Events }
func (n fsNotifier) Errors() <-chan error          { return n.w.Errors }
func (n fsNotifier) Close() error                  { return n.w.Close() }
