package watch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	gosync "sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/wpsync/wpsync/markdown"
	sitegen "github.com/wpsync/wpsync/site"
	"github.com/wpsync/wpsync/state"
	wpsync "github.com/wpsync/wpsync/sync"
)

// fakeSyncer records what it is asked to sync. Its answer for each path
// comes from outcome (default: created, or orphan when the file is gone).
type fakeSyncer struct {
	dir      string
	progress func(wpsync.Item)

	mu      gosync.Mutex
	calls   [][]string // Files calls; a Run is recorded as ["<run>"]
	outcome func(path string) (wpsync.Action, error)
	fatal   error // returned by the next call, once
	called  chan struct{}
	refs    map[string]bool // what Referenced answers
	runWarn []string        // the run warnings of a Run
}

func newFakeSyncer(dir string) *fakeSyncer {
	return &fakeSyncer{dir: dir, called: make(chan struct{}, 100)}
}

func (f *fakeSyncer) Run(ctx context.Context) (*wpsync.Report, error) {
	paths, err := wpsync.Scan(f.dir, nil)
	if err != nil {
		return nil, err
	}
	rep, err := f.sync(ctx, []string{"<run>"}, paths)
	if rep != nil {
		f.mu.Lock()
		rep.Warnings = slices.Clone(f.runWarn)
		f.mu.Unlock()
	}
	return rep, err
}

func (f *fakeSyncer) Files(ctx context.Context, paths []string) (*wpsync.Report, error) {
	if paths == nil {
		return &wpsync.Report{}, nil // the final save
	}
	return f.sync(ctx, slices.Clone(paths), paths)
}

func (f *fakeSyncer) sync(ctx context.Context, record, paths []string) (*wpsync.Report, error) {
	f.mu.Lock()
	f.calls = append(f.calls, record)
	fatal, outcome := f.fatal, f.outcome
	f.fatal = nil
	f.mu.Unlock()
	defer func() { f.called <- struct{}{} }()
	if fatal != nil {
		return &wpsync.Report{}, &wpsync.FatalError{Err: fatal}
	}
	rep := &wpsync.Report{}
	for i, p := range paths {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		it := wpsync.Item{Path: p, Action: wpsync.ActionCreate, ID: i + 1}
		if src, err := os.ReadFile(filepath.Join(f.dir, p)); err != nil {
			it.Action = wpsync.ActionOrphan
		} else {
			// A line "warn: X" in a file: sync warns X about it.
			for _, line := range strings.Split(string(src), "\n") {
				if w, ok := strings.CutPrefix(line, "warn: "); ok {
					it.Warnings = append(it.Warnings, w)
				}
			}
		}
		if outcome != nil {
			var err error
			if it.Action, err = outcome(p); err != nil {
				it.Error = err.Error()
				// As sync does: a file that does not parse is the file's fault.
				if src, rerr := os.ReadFile(filepath.Join(f.dir, p)); rerr == nil {
					if _, perr := markdown.Parse(p, src); perr != nil {
						it.Local = true
					}
				}
			}
		}
		rep.Items = append(rep.Items, it)
		switch it.Action {
		case wpsync.ActionCreate:
			rep.Summary.Created++
		case wpsync.ActionError:
			rep.Summary.Failed++
		}
		if f.progress != nil {
			f.progress(it)
		}
	}
	return rep, nil
}

// Referenced is sync.Syncer.Referenced: the files posts refer to.
func (f *fakeSyncer) Referenced() map[string]bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return maps.Clone(f.refs)
}

// record notes a call that is not a sync (a reload) among the calls.
func (f *fakeSyncer) record(call string) {
	f.mu.Lock()
	f.calls = append(f.calls, []string{call})
	f.mu.Unlock()
	f.called <- struct{}{}
}

func (f *fakeSyncer) Calls() [][]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

// waitCalls waits until the syncer has been called n times in all.
func (f *fakeSyncer) waitCalls(t *testing.T, n int, within time.Duration) [][]string {
	t.Helper()
	deadline := time.After(within)
	for len(f.Calls()) < n {
		select {
		case <-f.called:
		case <-deadline:
			t.Fatalf("syncer called %d times, want %d: %q", len(f.Calls()), n, f.Calls())
		}
	}
	return f.Calls()
}

// fakeNotifier is fsnotify without the kernel: the test sends events. The
// tests that use it run in a testing/synctest bubble, where time is fake:
// their debounce, backoff, rescan and grace periods pass as soon as every
// goroutine waits, so they neither sleep nor race with a loaded machine.
// (Real fsnotify reads the kernel, which a bubble cannot wait for.)
type fakeNotifier struct {
	events chan fsnotify.Event
	errs   chan error
	mu     gosync.Mutex
	added  []string
}

func newFakeNotifier() *fakeNotifier {
	return &fakeNotifier{events: make(chan fsnotify.Event), errs: make(chan error)}
}

func (n *fakeNotifier) Add(name string) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.added = append(n.added, name)
	return nil
}
func (n *fakeNotifier) Remove(string) error           { return nil }
func (n *fakeNotifier) Events() <-chan fsnotify.Event { return n.events }
func (n *fakeNotifier) Errors() <-chan error          { return n.errs }
func (n *fakeNotifier) Close() error                  { return nil }

// logBuffer collects log lines safely from several goroutines.
type logBuffer struct {
	mu gosync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// harness runs a Watcher over a temporary folder.
type harness struct {
	t      *testing.T
	dir    string
	w      *Watcher
	syncer *fakeSyncer
	logs   *logBuffer
	cancel context.CancelFunc
	done   chan error
}

type setup struct {
	debounce time.Duration
	notifier notifier // nil: real fsnotify
	files    map[string]string
	state    *state.State
	probe    func(context.Context) error
	rescan   time.Duration
	grace    time.Duration
	refs     map[string]bool // the posts' references (Referenced)
	runWarn  []string        // the run warnings of every Run
	// reload: the watcher is given the folder's site (site.Detect) and a
	// Reload that records "<reload>" among the calls, detects the site
	// again and keeps the syncer; reloadErr makes it fail instead.
	reload    bool
	reloadErr error
	fatal     func(error) bool // Options.Fatal
}

func start(t *testing.T, s setup) *harness {
	t.Helper()
	dir := t.TempDir()
	for name, content := range s.files {
		write(t, dir, name, content)
	}
	if s.debounce == 0 {
		s.debounce = 50 * time.Millisecond
	}
	if s.state == nil {
		s.state = state.New(filepath.Join(dir, ".wpsync", "state.json"))
	}
	logs := &logBuffer{}
	opts := Options{
		Dir: dir, Debounce: s.debounce, Rescan: s.rescan, Grace: s.grace, State: s.state, Probe: s.probe, Fatal: s.fatal,
		Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	var h *harness
	if s.reload {
		gen, err := sitegen.Detect(dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		opts.Site = gen
		opts.Reload = func() (Config, error) {
			h.syncer.record("<reload>")
			if s.reloadErr != nil {
				return Config{}, s.reloadErr
			}
			gen, err := sitegen.Detect(dir, nil)
			return Config{Syncer: h.syncer, Site: gen}, err
		}
	}
	w, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	w.backoffMin, w.backoffMax = 20*time.Millisecond, 80*time.Millisecond
	if s.notifier != nil {
		w.newNotifier = func() (notifier, error) { return s.notifier, nil }
	}
	fs := newFakeSyncer(dir)
	fs.progress = w.Progress
	fs.refs = s.refs
	fs.runWarn = s.runWarn
	ctx, cancel := context.WithCancel(context.Background())
	h = &harness{t: t, dir: dir, w: w, syncer: fs, logs: logs, cancel: cancel, done: make(chan error, 1)}
	go func() { h.done <- w.Run(ctx, fs) }()
	t.Cleanup(func() {
		h.stop()
		if t.Failed() {
			t.Logf("log:\n%s", logs.String())
		}
	})
	fs.waitCalls(t, 1, 5*time.Second) // the first full sync
	for deadline := time.Now().Add(5 * time.Second); !strings.Contains(logs.String(), "watching for changes"); {
		if time.Now().After(deadline) {
			t.Fatal("no readiness line in the log")
		}
		time.Sleep(5 * time.Millisecond)
	}
	return h
}

func (h *harness) stop() error {
	h.cancel()
	select {
	case err := <-h.done:
		h.done <- err
		return err
	case <-time.After(5 * time.Second):
		h.t.Fatal("watcher did not stop within 5s")
		return nil
	}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// quiet asserts the syncer gets no further call for a while.
func (h *harness) quiet(n int, d time.Duration) {
	h.t.Helper()
	time.Sleep(d)
	if calls := h.syncer.Calls(); len(calls) != n {
		h.t.Fatalf("syncer called %d times, want %d: %q", len(calls), n, calls)
	}
}

func TestWatcher_FirstRunIsFull(t *testing.T) {
	h := start(t, setup{files: map[string]string{"a.md": "a", "sub/b.md": "b"}})
	calls := h.syncer.Calls()
	if !slices.Equal(calls[0], []string{"<run>"}) {
		t.Fatalf("first call %q, want a full run", calls[0])
	}
	if !strings.Contains(h.logs.String(), "watching for changes") {
		t.Errorf("no readiness line in the log:\n%s", h.logs)
	}
}

func TestWatcher_DebounceFoldsABurst(t *testing.T) {
	h := start(t, setup{debounce: 150 * time.Millisecond})
	// One save as editors do it, then 100 files as a checkout does: all in
	// one quiet period, so one batch.
	for i := range 3 {
		write(t, h.dir, "post.md", fmt.Sprintf("version %d", i))
	}
	for i := range 100 {
		write(t, h.dir, fmt.Sprintf("burst/f%03d.md", i), "x")
	}
	calls := h.syncer.waitCalls(t, 2, 5*time.Second)
	h.quiet(2, 400*time.Millisecond)
	got := calls[1]
	if len(got) != 101 || !slices.Contains(got, "post.md") || !slices.IsSorted(got) {
		t.Fatalf("batch has %d paths (want 101, sorted, with post.md): %q", len(got), got)
	}
}

func TestWatcher_OneSaveOneUpdate(t *testing.T) {
	editors := []struct {
		name string
		save func(t *testing.T, dir string)
	}{
		{"in place", func(t *testing.T, dir string) {
			write(t, dir, "x.md", "new")
		}},
		{"vim", func(t *testing.T, dir string) {
			// vim: probe the folder, back up by rename, write anew, drop the backup.
			write(t, dir, "4913", "")
			os.Remove(filepath.Join(dir, "4913"))
			write(t, dir, ".x.md.swp", "swap")
			must(t, os.Rename(filepath.Join(dir, "x.md"), filepath.Join(dir, "x.md~")))
			write(t, dir, "x.md", "new")
			must(t, os.Chmod(filepath.Join(dir, "x.md"), 0o644))
			os.Remove(filepath.Join(dir, "x.md~"))
			os.Remove(filepath.Join(dir, ".x.md.swp"))
		}},
		{"temp then rename", func(t *testing.T, dir string) {
			write(t, dir, "x.md.tmp.123", "new")
			must(t, os.Rename(filepath.Join(dir, "x.md.tmp.123"), filepath.Join(dir, "x.md")))
		}},
		{"jetbrains", func(t *testing.T, dir string) {
			write(t, dir, "x.md___jb_tmp___", "new")
			must(t, os.Rename(filepath.Join(dir, "x.md"), filepath.Join(dir, "x.md___jb_old___")))
			must(t, os.Rename(filepath.Join(dir, "x.md___jb_tmp___"), filepath.Join(dir, "x.md")))
			os.Remove(filepath.Join(dir, "x.md___jb_old___"))
		}},
		{"emacs", func(t *testing.T, dir string) {
			must(t, os.Symlink("user@host.1234:1", filepath.Join(dir, ".#x.md")))
			write(t, dir, "#x.md#", "autosave")
			must(t, os.Rename(filepath.Join(dir, "x.md"), filepath.Join(dir, "x.md~")))
			write(t, dir, "x.md", "new")
			os.Remove(filepath.Join(dir, "#x.md#"))
			os.Remove(filepath.Join(dir, ".#x.md"))
		}},
	}
	for _, e := range editors {
		t.Run(e.name, func(t *testing.T) {
			h := start(t, setup{files: map[string]string{"x.md": "old"}})
			e.save(t, h.dir)
			calls := h.syncer.waitCalls(t, 2, 5*time.Second)
			h.quiet(2, 300*time.Millisecond)
			if !slices.Equal(calls[1], []string{"x.md"}) {
				t.Fatalf("batch %q, want just x.md", calls[1])
			}
		})
	}
}

func TestWatcher_ChmodAloneIsIgnored(t *testing.T) {
	h := start(t, setup{files: map[string]string{"x.md": "old"}})
	must(t, os.Chmod(filepath.Join(h.dir, "x.md"), 0o600))
	h.quiet(1, 300*time.Millisecond)
}

func TestWatcher_HiddenAndIgnored(t *testing.T) {
	h := start(t, setup{})
	write(t, h.dir, ".git/x.md", "x")
	write(t, h.dir, ".wpsync/state.json", "{}")
	write(t, h.dir, "notes.html", "x")     // neither Markdown nor a file sync uploads
	write(t, h.dir, ".cache/img.png", "x") // media, but hidden (a visible one means a full sync)
	write(t, h.dir, ".cache/notes.txt", "x")
	h.quiet(1, 300*time.Millisecond)
}

func TestWatcher_NewFolderIsScanned(t *testing.T) {
	h := start(t, setup{})
	// Files land in a new folder tree before any watch on it can: the
	// watcher must find them by scanning, then see later changes too.
	tmp := t.TempDir()
	write(t, tmp, "tree/a.md", "a")
	write(t, tmp, "tree/deep/er/b.md", "b")
	must(t, os.Rename(filepath.Join(tmp, "tree"), filepath.Join(h.dir, "tree")))
	calls := h.syncer.waitCalls(t, 2, 5*time.Second)
	if want := []string{"tree/a.md", "tree/deep/er/b.md"}; !slices.Equal(calls[1], want) {
		t.Fatalf("batch %q, want %q", calls[1], want)
	}
	write(t, h.dir, "tree/deep/er/c.md", "c")
	calls = h.syncer.waitCalls(t, 3, 5*time.Second)
	if want := []string{"tree/deep/er/c.md"}; !slices.Equal(calls[2], want) {
		t.Fatalf("batch %q, want %q", calls[2], want)
	}
}

func TestWatcher_MoveIsOneBatch(t *testing.T) {
	dir := t.TempDir()
	st := state.New(filepath.Join(dir, "state.json"))
	st.Files["old/x.md"] = &state.Entry{ID: 7, Type: "posts", Hash: "h"}
	h := start(t, setup{files: map[string]string{"old/x.md": "x", "old/y.md": "y"}, state: st})
	// mkdir + mv, faster than the watch on the new folder.
	must(t, os.MkdirAll(filepath.Join(h.dir, "new/sub"), 0o755))
	must(t, os.Rename(filepath.Join(h.dir, "old/x.md"), filepath.Join(h.dir, "new/sub/x.md")))
	calls := h.syncer.waitCalls(t, 2, 5*time.Second)
	if want := []string{"new/sub/x.md", "old/x.md"}; !slices.Equal(calls[1], want) {
		t.Fatalf("batch %q, want both halves of the move: %q", calls[1], want)
	}
}

func TestWatcher_RemovedFolderReportsTrackedFiles(t *testing.T) {
	dir := t.TempDir()
	st := state.New(filepath.Join(dir, "state.json"))
	st.Files["gone/a.md"] = &state.Entry{ID: 1, Type: "posts", Hash: "h"}
	st.Files["gone/deep/b.md"] = &state.Entry{ID: 2, Type: "posts", Hash: "h"}
	st.Files["kept.md"] = &state.Entry{ID: 3, Type: "posts", Hash: "h"}
	h := start(t, setup{files: map[string]string{"gone/a.md": "a", "gone/deep/b.md": "b", "kept.md": "k"}, state: st})
	must(t, os.RemoveAll(filepath.Join(h.dir, "gone")))
	calls := h.syncer.waitCalls(t, 2, 5*time.Second)
	if want := []string{"gone/a.md", "gone/deep/b.md"}; !slices.Equal(calls[1], want) {
		t.Fatalf("batch %q, want %q", calls[1], want)
	}
	if !strings.Contains(h.logs.String(), "file deleted") {
		t.Errorf("orphans not logged:\n%s", h.logs)
	}
	if _, ok := h.w.reported["gone/a.md"]; !ok {
		t.Error("orphan not remembered as reported")
	}
}

func TestWatcher_RenamedFolderIsDropped(t *testing.T) {
	h := start(t, setup{files: map[string]string{"a/x.md": "x"}})
	must(t, os.Rename(filepath.Join(h.dir, "a"), filepath.Join(h.dir, "b")))
	calls := h.syncer.waitCalls(t, 2, 5*time.Second)
	if !slices.Contains(calls[1], "b/x.md") {
		t.Fatalf("batch %q lacks the file under its new folder", calls[1])
	}
	// The old folder's watch is gone: a write under the new name is seen
	// under the new name only.
	write(t, h.dir, "b/x.md", "changed")
	calls = h.syncer.waitCalls(t, 3, 5*time.Second)
	if !slices.Equal(calls[2], []string{"b/x.md"}) {
		t.Fatalf("batch %q, want b/x.md", calls[2])
	}
}

func TestWatcher_OverflowMeansFullRescan(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n := newFakeNotifier()
		h := start(t, setup{notifier: n, files: map[string]string{"a.md": "a"}})
		n.errs <- fsnotify.ErrEventOverflow
		calls := h.syncer.waitCalls(t, 2, 5*time.Second)
		if !slices.Equal(calls[1], []string{"<run>"}) {
			t.Fatalf("after an overflow: %q, want a full run", calls[1])
		}
		n.errs <- errors.New("some watcher error")
		calls = h.syncer.waitCalls(t, 3, 5*time.Second)
		if !slices.Equal(calls[2], []string{"<run>"}) {
			t.Fatalf("after a watcher error: %q, want a full run", calls[2])
		}
	})
}

func TestWatcher_FakeEventsAreFiltered(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n := newFakeNotifier()
		h := start(t, setup{notifier: n, files: map[string]string{"a.md": "a", "b.md": "b"}})
		abs := func(p string) string { return filepath.Join(h.dir, p) }
		for _, ev := range []fsnotify.Event{
			{Name: abs("a.md"), Op: fsnotify.Chmod},
			{Name: abs("a.md~"), Op: fsnotify.Create},
			{Name: abs("4913"), Op: fsnotify.Create},
			{Name: abs(".a.md.swp"), Op: fsnotify.Write},
			{Name: abs("a.md___jb_tmp___"), Op: fsnotify.Write},
			{Name: abs("nope.html"), Op: fsnotify.Write},
			{Name: abs("~$report.docx"), Op: fsnotify.Create},
			{Name: abs(".~lock.report.docx#"), Op: fsnotify.Create},
			{Name: "/elsewhere/x.md", Op: fsnotify.Write},
			{Name: abs("a.md"), Op: fsnotify.Write},
			{Name: abs("b.md"), Op: fsnotify.Write | fsnotify.Chmod},
		} {
			n.events <- ev
		}
		calls := h.syncer.waitCalls(t, 2, 5*time.Second)
		if want := []string{"a.md", "b.md"}; !slices.Equal(calls[1], want) {
			t.Fatalf("batch %q, want %q", calls[1], want)
		}
		// The folder tree was watched at start: the top folder at least.
		if !slices.Contains(n.added, h.dir) {
			t.Errorf("watches %q lack the folder", n.added)
		}
	})
}

// A changed picture means a full sync: the watcher does not know which posts
// show it.
func TestWatcher_MediaChangeMeansFullSync(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n := newFakeNotifier()
		h := start(t, setup{notifier: n, files: map[string]string{"a.md": "![x](img/x.png)", "img/x.png": "png"}})
		n.events <- fsnotify.Event{Name: filepath.Join(h.dir, "img", "x.png"), Op: fsnotify.Write}
		calls := h.syncer.waitCalls(t, 2, 5*time.Second)
		if !slices.Equal(calls[1], []string{"<run>"}) {
			t.Fatalf("after a picture changed: %q, want a full run", calls[1])
		}
	})
}

// Any file sync would upload, not only a picture: a post may link a
// document, an archive or a table, and the watcher does not know which.
func TestWatcher_LinkedFileChangeMeansFullSync(t *testing.T) {
	for _, name := range []string{"files/report.docx", "files/data.csv", "files/notes.txt", "files/code.zip", "files/talk.pdf"} {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				n := newFakeNotifier()
				h := start(t, setup{notifier: n, files: map[string]string{"a.md": "[it](" + name + ")", name: "v1"}})
				n.events <- fsnotify.Event{Name: filepath.Join(h.dir, filepath.FromSlash(name)), Op: fsnotify.Write}
				calls := h.syncer.waitCalls(t, 2, 5*time.Second)
				if !slices.Equal(calls[1], []string{"<run>"}) {
					t.Fatalf("after %s changed: %q, want a full run", name, calls[1])
				}
			})
		})
	}
}

// A file a post shows is published whatever its extension: the watcher asks
// sync which files posts refer to. One no post refers to, of a kind posts
// rarely use, is not.
func TestWatcher_ReferencedFileMeansFullSync(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n := newFakeNotifier()
		refs := map[string]bool{"img/a.jxl": true, "static/pics/b.apng": true}
		h := start(t, setup{notifier: n, refs: refs, files: map[string]string{
			"a.md": "![x](img/a.jxl)\n\n<img src=\"/pics/b.apng\">", "img/a.jxl": "jxl", "static/pics/b.apng": "apng", "img/lone.jxl": "jxl",
		}})
		abs := func(p string) string { return filepath.Join(h.dir, filepath.FromSlash(p)) }
		n.events <- fsnotify.Event{Name: abs("img/lone.jxl"), Op: fsnotify.Write}
		n.events <- fsnotify.Event{Name: abs("notes.xyz"), Op: fsnotify.Create}
		h.quiet(1, 300*time.Millisecond)
		for i, p := range []string{"img/a.jxl", "static/pics/b.apng"} {
			n.events <- fsnotify.Event{Name: abs(p), Op: fsnotify.Write}
			calls := h.syncer.waitCalls(t, 2+i, 5*time.Second)
			if !slices.Equal(calls[1+i], []string{"<run>"}) {
				t.Fatalf("after %s changed: %q, want a full run", p, calls[1+i])
			}
		}
		// A folder copied in with a picture a post names (and waits for).
		h.syncer.mu.Lock()
		h.syncer.refs["new/c.jxl"] = true
		h.syncer.mu.Unlock()
		n.events <- fsnotify.Event{Name: abs("img/a.jxl"), Op: fsnotify.Write} // hands the new set over
		h.syncer.waitCalls(t, 4, 5*time.Second)
		synctest.Wait() // the loop has the batch's answer
		write(t, h.dir, "new/c.jxl", "jxl")
		n.events <- fsnotify.Event{Name: abs("new"), Op: fsnotify.Create}
		calls := h.syncer.waitCalls(t, 5, 5*time.Second)
		if !slices.Equal(calls[4], []string{"<run>"}) {
			t.Fatalf("after a folder with a referenced file appeared: %q, want a full run", calls[4])
		}
	})
}

// A change to a file the site's adapter read (site.Site.Reads) means reading
// the settings again, then a full sync with them.
func TestWatcher_SiteInputMeansReloadAndFullSync(t *testing.T) {
	jekyll := map[string]string{"_config.yml": "title: x\n", "_posts/2024-01-01-a.md": "---\ntitle: A\n---\n{{ site.title }}\n"}
	hugo := map[string]string{"hugo.toml": "baseURL = 'https://x.example/'\n", "content/blog/_index.md": "---\ncascade: {draft: true}\n---\n", "content/blog/a.md": "a"}
	plain := map[string]string{"a.md": "a"}
	tests := []struct {
		name   string
		files  map[string]string
		change string
		op     fsnotify.Op
	}{
		{"jekyll _config.yml", jekyll, "_config.yml", fsnotify.Write},
		{"jekyll _config.yml saved by rename", jekyll, "_config.yml", fsnotify.Create},
		{"jekyll _data", jekyll, "_data/team.yml", fsnotify.Create},
		{"jekyll _includes", jekyll, "_includes/note.html", fsnotify.Write},
		{"wpsync.yaml", jekyll, "wpsync.yaml", fsnotify.Write},
		{"hugo config", hugo, "hugo.toml", fsnotify.Write},
		{"hugo shortcode", hugo, "layouts/shortcodes/note.html", fsnotify.Write},
		{"hugo cascade", hugo, "content/blog/_index.md", fsnotify.Write},
		{"hugo section with a cascade removed", hugo, "content/blog", fsnotify.Remove},
		{"plain folder becomes a Jekyll site", plain, "_config.yml", fsnotify.Create},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				n := newFakeNotifier()
				h := start(t, setup{notifier: n, files: tt.files, reload: true})
				if tt.op == fsnotify.Create {
					write(t, h.dir, tt.change, "x: 1\n")
				}
				n.events <- fsnotify.Event{Name: filepath.Join(h.dir, filepath.FromSlash(tt.change)), Op: tt.op}
				calls := h.syncer.waitCalls(t, 3, 5*time.Second)
				h.quiet(3, 300*time.Millisecond)
				if want := [][]string{{"<reload>"}, {"<run>"}}; !slices.EqualFunc(calls[1:], want, slices.Equal) {
					t.Fatalf("after %s changed: %q, want %q", tt.change, calls[1:], want)
				}
				if !strings.Contains(h.logs.String(), "the site's configuration changed") {
					t.Errorf("the change is not logged:\n%s", h.logs)
				}
			})
		})
	}
}

// Settings that cannot be read again keep the running ones; the full sync
// still runs, and the error is logged for the user to fix.
func TestWatcher_ReloadFailureKeepsTheRunningConfiguration(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n := newFakeNotifier()
		h := start(t, setup{notifier: n, reload: true, reloadErr: errors.New("read _config.yml: yaml: line 1: did not find expected key"),
			files: map[string]string{"_config.yml": "title: x\n", "about.md": "---\ntitle: A\n---\n"}})
		n.events <- fsnotify.Event{Name: filepath.Join(h.dir, "_config.yml"), Op: fsnotify.Write}
		calls := h.syncer.waitCalls(t, 3, 5*time.Second)
		if want := [][]string{{"<reload>"}, {"<run>"}}; !slices.EqualFunc(calls[1:], want, slices.Equal) {
			t.Fatalf("calls %q, want %q", calls[1:], want)
		}
		if !strings.Contains(h.logs.String(), "cannot read the site's configuration again") {
			t.Errorf("the failure is not logged:\n%s", h.logs)
		}
	})
}

// An unrelated file changes nothing, and a rescan reads the settings again
// too (it catches what notifications missed).
func TestWatcher_RescanReloads(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n := newFakeNotifier()
		h := start(t, setup{notifier: n, reload: true, rescan: time.Minute, files: map[string]string{"_config.yml": "title: x\n"}})
		n.events <- fsnotify.Event{Name: filepath.Join(h.dir, "_layouts", "post.html"), Op: fsnotify.Write}
		h.quiet(1, 300*time.Millisecond)
		calls := h.syncer.waitCalls(t, 3, 2*time.Minute)
		if want := [][]string{{"<reload>"}, {"<run>"}}; !slices.EqualFunc(calls[1:3], want, slices.Equal) {
			t.Fatalf("at the rescan: %q, want %q", calls[1:3], want)
		}
	})
}

func TestWatcher_PeriodicRescan(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := start(t, setup{notifier: newFakeNotifier(), rescan: 100 * time.Millisecond})
		calls := h.syncer.waitCalls(t, 3, 5*time.Second)
		for _, c := range calls {
			if !slices.Equal(c, []string{"<run>"}) {
				t.Fatalf("calls %q, want full runs only", calls)
			}
		}
	})
}

// A file saved again and again with the same problem in it is warned
// about once; a new warning is told when it comes.
func TestWatcher_FileWarningsOncePerChange(t *testing.T) {
	h := start(t, setup{files: map[string]string{"x.md": "warn: link to gone.md names no file\nv1"}})
	write(t, h.dir, "x.md", "warn: link to gone.md names no file\nv2")
	h.syncer.waitCalls(t, 2, 5*time.Second)
	write(t, h.dir, "x.md", "warn: link to gone.md names no file\nwarn: picture a.png not found\nv3")
	h.syncer.waitCalls(t, 3, 5*time.Second)
	time.Sleep(100 * time.Millisecond) // the log line follows the call
	logs := h.logs.String()
	if c := strings.Count(logs, "gone.md names no file"); c != 1 {
		t.Errorf("the same warning logged %d times over 3 saves, want 1:\n%s", c, logs)
	}
	if c := strings.Count(logs, "picture a.png not found"); c != 1 {
		t.Errorf("a new warning logged %d times, want 1:\n%s", c, logs)
	}
}

// TestWatcher_RunWarningsOnce: what the first full run says of the whole
// folder (a generator without an adapter) is logged once, not at every
// rescan.
func TestWatcher_RunWarningsOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := start(t, setup{notifier: newFakeNotifier(), rescan: 100 * time.Millisecond,
			runWarn: []string{"an Eleventy site (eleventy.config.js): wpsync has no adapter for it"}})
		h.syncer.waitCalls(t, 3, 5*time.Second)
		if c := strings.Count(h.logs.String(), "an Eleventy site"); c != 1 {
			t.Fatalf("run warning logged %d times, want 1:\n%s", c, h.logs)
		}
	})
}

func TestWatcher_OutageKeepsChangesUntilTheSiteIsBack(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mu gosync.Mutex
		down := true
		probes := 0
		probe := func(context.Context) error {
			mu.Lock()
			defer mu.Unlock()
			probes++
			if down {
				return errors.New("connection refused")
			}
			return nil
		}
		n := newFakeNotifier()
		h := start(t, setup{notifier: n, probe: probe, files: map[string]string{"a.md": "a", "b.md": "b"}})
		h.syncer.mu.Lock()
		h.syncer.outcome = func(p string) (wpsync.Action, error) {
			mu.Lock()
			defer mu.Unlock()
			if down {
				return wpsync.ActionError, errors.New(p + ": update post 1: connection refused")
			}
			return wpsync.ActionUpdate, nil
		}
		h.syncer.mu.Unlock()
		n.events <- fsnotify.Event{Name: filepath.Join(h.dir, "a.md"), Op: fsnotify.Write}
		n.events <- fsnotify.Event{Name: filepath.Join(h.dir, "b.md"), Op: fsnotify.Write}
		h.syncer.waitCalls(t, 2, 5*time.Second)
		// Down: probed with backoff, the files are not sent again meanwhile.
		time.Sleep(300 * time.Millisecond)
		mu.Lock()
		if probes < 2 {
			t.Errorf("%d probes in 300ms with 20-80ms backoff, want several", probes)
		}
		down = false
		mu.Unlock()
		calls := h.syncer.waitCalls(t, 3, 5*time.Second)
		if want := []string{"a.md", "b.md"}; !slices.Equal(calls[2], want) {
			t.Fatalf("after the outage: %q, want %q", calls[2], want)
		}
		h.quiet(3, 300*time.Millisecond)
		logs := h.logs.String()
		if c := strings.Count(logs, "WordPress does not answer"); c != 1 {
			t.Errorf("outage logged %d times, want once:\n%s", c, logs)
		}
		if !strings.Contains(logs, "WordPress answers again") {
			t.Errorf("recovery not logged:\n%s", logs)
		}
	})
}

func TestWatcher_FirstSyncFatal(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		dir := t.TempDir()
		w, err := New(Options{Dir: dir, State: state.New(filepath.Join(dir, "s.json"))})
		if err != nil {
			t.Fatal(err)
		}
		fs := newFakeSyncer(dir)
		fs.fatal = errors.New("sign-in refused")
		done := make(chan error, 1)
		go func() { done <- w.Run(context.Background(), fs) }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "sign-in refused") {
				t.Fatalf("Run = %v, want the sign-in error", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("Run did not return on a fatal first sync")
		}
	})
}

// Credentials refused after the start (an Application Password revoked
// while watch runs) end Run with the error, whether the probe after failed
// files finds it or sync stops on it: retrying will not bring them back.
func TestWatcher_SignInRefusedLaterStops(t *testing.T) {
	errRevoked := errors.New("sign-in refused: the application password is wrong")
	tests := []struct {
		name   string
		revoke func(h *harness, revoked *bool)
	}{
		{"files fail, the probe is refused", func(h *harness, revoked *bool) {
			h.syncer.outcome = func(p string) (wpsync.Action, error) {
				return wpsync.ActionError, errors.New(p + ": update post 1: 401 incorrect_password")
			}
		}},
		{"sync stops on it", func(h *harness, revoked *bool) { h.syncer.fatal = errRevoked }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var mu gosync.Mutex
				revoked := false
				probe := func(context.Context) error {
					mu.Lock()
					defer mu.Unlock()
					if revoked {
						return errRevoked
					}
					return nil
				}
				n := newFakeNotifier()
				h := start(t, setup{notifier: n, probe: probe, files: map[string]string{"a.md": "a"},
					fatal: func(err error) bool { return errors.Is(err, errRevoked) }})
				mu.Lock()
				revoked = true
				mu.Unlock()
				h.syncer.mu.Lock()
				tt.revoke(h, &revoked)
				h.syncer.mu.Unlock()
				n.events <- fsnotify.Event{Name: filepath.Join(h.dir, "a.md"), Op: fsnotify.Write}
				select {
				case err := <-h.done:
					h.done <- err
					if !errors.Is(err, errRevoked) {
						t.Fatalf("Run = %v, want the sign-in error", err)
					}
				case <-time.After(5 * time.Second):
					t.Fatalf("Run goes on after the sign-in was refused; calls %q", h.syncer.Calls())
				}
			})
		})
	}
}

func TestWatcher_BadFileLoggedOnceRetriedOnChange(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n := newFakeNotifier()
		bad := "---\ntitle: [unclosed\n---\nbody\n"
		h := start(t, setup{notifier: n, files: map[string]string{"bad.md": bad}})
		h.syncer.mu.Lock()
		h.syncer.outcome = func(p string) (wpsync.Action, error) {
			return wpsync.ActionError, errors.New(p + ":2: front matter is not valid YAML")
		}
		h.syncer.mu.Unlock()
		ev := fsnotify.Event{Name: filepath.Join(h.dir, "bad.md"), Op: fsnotify.Write}
		n.events <- ev
		h.syncer.waitCalls(t, 2, 5*time.Second)
		// Not retried on its own: it is the file that is wrong.
		h.quiet(2, 300*time.Millisecond)
		if c := strings.Count(h.logs.String(), "cannot publish a file"); c != 1 {
			t.Fatalf("bad file logged %d times, want 1:\n%s", c, h.logs)
		}
		// Fixed and saved: published.
		write(t, h.dir, "bad.md", "---\ntitle: fixed\n---\nbody\n")
		h.syncer.mu.Lock()
		h.syncer.outcome = nil
		h.syncer.mu.Unlock()
		n.events <- ev
		calls := h.syncer.waitCalls(t, 3, 5*time.Second)
		if !slices.Equal(calls[2], []string{"bad.md"}) {
			t.Fatalf("batch %q, want bad.md", calls[2])
		}
	})
}

func TestWatcher_RefusedFileRetriedThenLeft(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n := newFakeNotifier()
		h := start(t, setup{notifier: n, files: map[string]string{"x.md": "fine"}})
		h.syncer.mu.Lock()
		h.syncer.outcome = func(p string) (wpsync.Action, error) {
			return wpsync.ActionError, errors.New(p + ": create: 400 rest_invalid_param")
		}
		h.syncer.mu.Unlock()
		n.events <- fsnotify.Event{Name: filepath.Join(h.dir, "x.md"), Op: fsnotify.Write}
		calls := h.syncer.waitCalls(t, 1+maxAttempts, 5*time.Second)
		h.quiet(1+maxAttempts, 400*time.Millisecond)
		for _, c := range calls[1:] {
			if !slices.Equal(c, []string{"x.md"}) {
				t.Fatalf("calls %q", calls)
			}
		}
		logs := h.logs.String()
		if strings.Count(logs, "WordPress refused a file") != 1 || !strings.Contains(logs, "giving up") {
			t.Errorf("want one refusal line and a give-up line:\n%s", logs)
		}
	})
}

func TestWatcher_ShutdownGivesTheBatchAGracePeriod(t *testing.T) {
	tests := []struct {
		name          string
		perFile       time.Duration
		wantAll       bool
		wantAbandoned bool
	}{
		{"batch finishes within the grace period", 5 * time.Millisecond, true, false},
		{"batch cut off after the grace period", 100 * time.Millisecond, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				n := newFakeNotifier()
				h := start(t, setup{notifier: n, grace: 300 * time.Millisecond})
				const files = 30
				seen := 0
				third := make(chan struct{})
				h.syncer.mu.Lock()
				h.syncer.outcome = func(string) (wpsync.Action, error) {
					seen++
					if seen == 3 {
						close(third)
					}
					time.Sleep(tt.perFile)
					return wpsync.ActionCreate, nil
				}
				h.syncer.mu.Unlock()
				for i := range files {
					write(t, h.dir, fmt.Sprintf("f%02d.md", i), "x")
					n.events <- fsnotify.Event{Name: filepath.Join(h.dir, fmt.Sprintf("f%02d.md", i)), Op: fsnotify.Create}
				}
				<-third
				begin := time.Now()
				if err := h.stop(); err != nil {
					t.Fatalf("Run = %v, want nil on shutdown", err)
				}
				if took := time.Since(begin); took > time.Second {
					t.Errorf("shutdown took %s with a 300ms grace period", took)
				}
				if (seen == files) != tt.wantAll {
					t.Errorf("%d of %d files done", seen, files)
				}
				if h.w.Abandoned() != tt.wantAbandoned {
					t.Errorf("Abandoned() = %v, want %v", h.w.Abandoned(), tt.wantAbandoned)
				}
			})
		})
	}
}

func TestEditorTemp(t *testing.T) {
	for name, want := range map[string]bool{
		"x.md~": true, "4913": true, "5036": true, ".#x.md": true, "#x.md#": true,
		".x.md.swp": true, "x.swx": true, "x.md___jb_tmp___": true, "x.md___jb_old___": true, "~$report.docx": true,
		"x.md": false, "4914": false, "2024": false, "notes": false, "123456789": false,
	} {
		if got := editorTemp(name); got != want {
			t.Errorf("editorTemp(%q) = %v, want %v", name, got, want)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
