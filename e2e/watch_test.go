package e2e

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	gosync "sync"
	"syscall"
	"testing"
	"time"

	"github.com/wpsync/wpsync/state"
)

// watchProc is `wpsync watch` running in the background, as a user or
// systemd runs it, with its JSON log lines collected as they come.
type watchProc struct {
	t    *testing.T
	cmd  *exec.Cmd
	dir  string
	done chan struct{} // closed when the process has exited
	code int

	mu      gosync.Mutex
	lines   []logLine
	raw     strings.Builder
	changed chan struct{} // closed and replaced on each new line
}

// logLine is one line of `--log-format json`.
type logLine map[string]any

func (l logLine) str(k string) string { s, _ := l[k].(string); return s }
func (l logLine) id() int             { f, _ := l["id"].(float64); return int(f) }

// startWatch starts `wpsync watch dir` and waits until it watches.
func startWatch(t *testing.T, dir string, env []string, args ...string) *watchProc {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"watch", dir, "--log-format", "json", "--log-level", "debug"}, args...)...)
	cmd.Env = append(append(baseEnv(), site.Env()...), env...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w := &watchProc{t: t, cmd: cmd, dir: dir, done: make(chan struct{}), changed: make(chan struct{})}
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var l logLine
			if json.Unmarshal(sc.Bytes(), &l) != nil {
				l = logLine{"msg": "(not JSON) " + sc.Text()}
			}
			w.mu.Lock()
			w.lines = append(w.lines, l)
			w.raw.WriteString(sc.Text() + "\n")
			close(w.changed)
			w.changed = make(chan struct{})
			w.mu.Unlock()
		}
		cmd.Wait()
		w.code = cmd.ProcessState.ExitCode()
		close(w.done)
	}()
	t.Cleanup(func() {
		select {
		case <-w.done:
		default:
			cmd.Process.Kill()
			<-w.done
		}
		if strings.Contains(w.log(), site.Password) {
			t.Error("wpsync watch logged the application password")
		}
		if t.Failed() {
			t.Logf("wpsync watch log:\n%s", w.log())
		}
	})
	w.waitFor("ready", 60*time.Second, func(l logLine) bool { return l.str("msg") == "watching for changes" })
	return w
}

func (w *watchProc) log() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.raw.String()
}

// waitFor returns the first log line that matches, waiting up to within.
func (w *watchProc) waitFor(what string, within time.Duration, match func(logLine) bool) logLine {
	w.t.Helper()
	deadline := time.After(within)
	seen := 0
	for {
		w.mu.Lock()
		lines, changed := w.lines, w.changed
		w.mu.Unlock()
		for ; seen < len(lines); seen++ {
			if match(lines[seen]) {
				return lines[seen]
			}
		}
		select {
		case <-changed:
		case <-w.done:
			w.t.Fatalf("wpsync watch exited (code %d) while waiting for %s", w.code, what)
		case <-deadline:
			w.t.Fatalf("no %s in the log within %s", what, within)
		}
	}
}

// count returns how many log lines match.
func (w *watchProc) count(match func(logLine) bool) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, l := range w.lines {
		if match(l) {
			n++
		}
	}
	return n
}

// published matches the line of a file published with the given action.
func published(path, action string) func(logLine) bool {
	return func(l logLine) bool {
		return l.str("msg") == "published" && l.str("path") == path && l.str("action") == action
	}
}

// signal sends sig and waits for the process to exit, returning its code
// and how long it took.
func (w *watchProc) signal(sig os.Signal, within time.Duration) (int, time.Duration) {
	w.t.Helper()
	start := time.Now()
	if err := w.cmd.Process.Signal(sig); err != nil {
		w.t.Fatal(err)
	}
	select {
	case <-w.done:
		return w.code, time.Since(start)
	case <-time.After(within):
		w.t.Fatalf("wpsync watch still running %s after %v", within, sig)
		return 0, 0
	}
}

func postFile(title, body string) string {
	return fmt.Sprintf("---\ntitle: %s\n---\n%s\n", title, body)
}

// (a) An edit reaches the post, and how long that takes is printed.
func TestWatch_EditUpdatesPost(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "watch-edit.md", postFile("Watch edit", "first version"))
	w := startWatch(t, dir, nil)
	id := w.waitFor("the first publish", 30*time.Second, published("watch-edit.md", "create")).id()

	var took []time.Duration
	for i := 1; i <= 3; i++ {
		marker := fmt.Sprintf("edit number %d", i)
		saved := time.Now()
		writeFile(t, dir, "watch-edit.md", postFile("Watch edit", marker))
		for !strings.Contains(getPost(t, "posts", id).Content.Raw, marker) {
			if time.Since(saved) > 15*time.Second {
				t.Fatalf("edit %d not on the site after 15s", i)
			}
			time.Sleep(10 * time.Millisecond)
		}
		took = append(took, time.Since(saved))
		// The log line follows once the state file is saved.
		w.waitFor(fmt.Sprintf("update %d", i), 10*time.Second, func(logLine) bool {
			return w.count(published("watch-edit.md", "update")) >= i
		})
	}
	slices.Sort(took)
	t.Logf("save-to-visible latency with the default 200ms debounce: %v (median %v)", took, took[len(took)/2])
	if n := w.count(published("watch-edit.md", "update")); n != 3 {
		t.Errorf("%d updates logged for 3 saves", n)
	}
	line := w.waitFor("an update line", time.Second, published("watch-edit.md", "update"))
	for _, k := range []string{"action", "path", "id", "link", "duration"} {
		if _, ok := line[k]; !ok {
			t.Errorf("published line lacks %q: %v", k, line)
		}
	}
}

// A change to a file a post links (not a picture) publishes the post again,
// with a link to the new upload.
func TestWatch_LinkedFileChangeUpdatesPost(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "watch-notes.txt", "first notes\n")
	writeFile(t, dir, "watch-linked.md", postFile("Watch linked", "See [the notes](watch-notes.txt)."))
	w := startWatch(t, dir, nil)
	id := w.waitFor("the first publish", 30*time.Second, published("watch-linked.md", "create")).id()
	href := regexp.MustCompile(`href="([^"]*watch-notes[^"]*)"`)
	first := href.FindStringSubmatch(getPost(t, "posts", id).Content.Raw)
	if first == nil || !strings.Contains(first[1], "/wp-content/uploads/") {
		t.Fatalf("the post does not link the uploaded notes: %v", first)
	}
	saved := time.Now()
	writeFile(t, dir, "watch-notes.txt", "second notes, longer\n")
	for {
		m := href.FindStringSubmatch(getPost(t, "posts", id).Content.Raw)
		if m != nil && m[1] != first[1] {
			t.Logf("linked file changed → post links the new upload after %v", time.Since(saved).Round(time.Millisecond))
			break
		}
		if time.Since(saved) > 15*time.Second {
			t.Fatalf("the post still links %s 15s after the linked file changed", first[1])
		}
		time.Sleep(50 * time.Millisecond)
	}
	w.waitFor("the update", 10*time.Second, published("watch-linked.md", "update"))
}

// A Jekyll site's _config.yml is an input of its posts: a value a post shows
// through Liquid ({{ site.x }}) reaches the post moments after the
// configuration is saved, without a restart or a periodic rescan.
func TestWatch_SiteConfigChangeUpdatesPost(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "_config.yml", "title: Watch config\nclub: First Club\n")
	writeFile(t, dir, "_posts/2024-03-01-watch-config.md", postFile("Watch config", "Our club is {{ site.club }}."))
	w := startWatch(t, dir, nil)
	id := w.waitFor("the first publish", 30*time.Second, published("_posts/2024-03-01-watch-config.md", "create")).id()
	if c := getPost(t, "posts", id).Content.Raw; !strings.Contains(c, "First Club") {
		t.Fatalf("the post does not show the configured club: %s", c)
	}
	saved := time.Now()
	writeFile(t, dir, "_config.yml", "title: Watch config\nclub: Second Club\n")
	for !strings.Contains(getPost(t, "posts", id).Content.Raw, "Second Club") {
		if time.Since(saved) > 15*time.Second {
			t.Fatalf("the post does not show the new club 15s after _config.yml changed:\n%s", w.log())
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("_config.yml changed → post shows the new value after %v", time.Since(saved).Round(time.Millisecond))
	w.waitFor("the update", 10*time.Second, published("_posts/2024-03-01-watch-config.md", "update"))
}

// (b) A new file becomes a new post.
func TestWatch_NewFileNewPost(t *testing.T) {
	dir := t.TempDir()
	w := startWatch(t, dir, nil)
	writeFile(t, dir, "watch-new.md", postFile("Watch new", "brand new"))
	id := w.waitFor("the create", 30*time.Second, published("watch-new.md", "create")).id()
	p := getPost(t, "posts", id)
	if p.Slug != "watch-new" || p.Title.Raw != "Watch new" || p.Status != "publish" {
		t.Errorf("post %d: %+v", id, p)
	}
}

// (c) A file moved into a new subfolder keeps its post.
func TestWatch_MoveKeepsPost(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "watch-move.md", postFile("Watch move", "moving soon"))
	w := startWatch(t, dir, nil)
	id := w.waitFor("the create", 30*time.Second, published("watch-move.md", "create")).id()
	mark := site.Mark()

	if err := os.MkdirAll(filepath.Join(dir, "2026/moved"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, "watch-move.md"), filepath.Join(dir, "2026/moved/watch-move.md")); err != nil {
		t.Fatal(err)
	}
	line := w.waitFor("the move", 30*time.Second, func(l logLine) bool { return l.str("path") == "2026/moved/watch-move.md" })
	if line.str("moved_from") != "watch-move.md" || line.id() != id {
		t.Fatalf("after the move: %v, want post %d moved from watch-move.md", line, id)
	}
	// Give a stray second batch a chance to show up.
	time.Sleep(500 * time.Millisecond)
	if n := w.count(func(l logLine) bool {
		return l.str("msg") == "file deleted: its post is left as it is (wpsync sync --prune moves it to the trash)"
	}); n != 0 {
		t.Errorf("the move was also reported as a deletion")
	}
	posts := listAll(t, "/wp/v2/posts", map[string][]string{"search": {"Watch move"}, "status": {"publish,draft,pending,private,future"}})
	if len(posts) != 1 || posts[0].ID != id {
		t.Errorf("posts titled Watch move: %+v, want just post %d", posts, id)
	}
	if wr := writes(t, mark); len(wr) != 0 {
		t.Errorf("a move with the same content wrote %v", wr)
	}
	// The state is saved once the batch is over, which the log line of the
	// move precedes: on a loaded machine, give it time.
	for start := time.Now(); ; time.Sleep(50 * time.Millisecond) {
		st := watchState(t, dir)
		if e := st.Files["2026/moved/watch-move.md"]; e != nil && e.ID == id && st.Files["watch-move.md"] == nil {
			break
		}
		if time.Since(start) > 10*time.Second {
			t.Fatalf("state 10s after the move: %v", st.Files)
		}
	}
}

// (d) A save the way vim makes it (probe file 4913, backup x.md~, rename
// over) is exactly one update.
func TestWatch_VimSaveIsOneUpdate(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "watch-vim.md", postFile("Watch vim", "before"))
	w := startWatch(t, dir, nil)
	id := w.waitFor("the create", 30*time.Second, published("watch-vim.md", "create")).id()
	mark := site.Mark()

	p := func(name string) string { return filepath.Join(dir, name) }
	writeFile(t, dir, ".watch-vim.md.swp", "swap")
	writeFile(t, dir, "4913", "")
	mustDo(t, os.Remove(p("4913")))
	// The backup copy, then the new text written beside it and renamed over.
	mustDo(t, os.Link(p("watch-vim.md"), p("watch-vim.md~")))
	writeFile(t, dir, ".watch-vim.md.new", postFile("Watch vim", "after"))
	mustDo(t, os.Rename(p(".watch-vim.md.new"), p("watch-vim.md")))
	mustDo(t, os.Chmod(p("watch-vim.md"), 0o644))
	mustDo(t, os.Remove(p("watch-vim.md~")))
	mustDo(t, os.Remove(p(".watch-vim.md.swp")))

	w.waitFor("the update", 30*time.Second, published("watch-vim.md", "update"))
	time.Sleep(700 * time.Millisecond) // more than the debounce: a second batch would show
	var postWrites []string
	for _, r := range writes(t, mark) {
		postWrites = append(postWrites, r.String())
	}
	if len(postWrites) != 1 || !strings.Contains(postWrites[0], fmt.Sprintf("/posts/%d", id)) {
		t.Errorf("write requests for one vim save: %q, want exactly one update of post %d", postWrites, id)
	}
	if n := w.count(func(l logLine) bool { return l.str("msg") == "published" }); n != 2 {
		t.Errorf("%d published lines, want the create and one update", n)
	}
	if got := getPost(t, "posts", id).Content.Raw; !strings.Contains(got, "after") {
		t.Errorf("post content %q", got)
	}
}

// (e) 200 files copied in at once: 200 posts, none twice, none missed.
func TestWatch_BurstOf200Files(t *testing.T) {
	dir := t.TempDir()
	w := startWatch(t, dir, nil)
	staging := t.TempDir()
	paths := genSite(t, staging, "watch-bulk", 200, 1)
	start := time.Now()
	copyInto(t, staging, dir, paths)
	for _, p := range paths {
		w.waitFor(p+" published", 90*time.Second, published(p, "create"))
	}
	t.Logf("200 files copied in: all published %v after the copy", time.Since(start).Round(time.Millisecond))
	checkConsistent(t, dir, "watch-bulk", paths)
}

// (g) kill -9 in the middle of that burst, then `wpsync sync`: every file
// has exactly one post.
func TestWatch_KillDuringBurstThenSync(t *testing.T) {
	dir := t.TempDir()
	w := startWatch(t, dir, nil)
	staging := t.TempDir()
	paths := genSite(t, staging, "watch-kill", 200, 1)
	copyInto(t, staging, dir, paths)
	// Some files published, others in flight.
	w.waitFor("a first publish", 60*time.Second, func(l logLine) bool { return l.str("msg") == "published" })
	w.signal(syscall.SIGKILL, 5*time.Second)
	done := w.count(func(l logLine) bool { return l.str("msg") == "published" })
	t.Logf("killed with %d of 200 files published", done)

	r := wpsync(t, nil, "sync", dir, "--output", "json")
	if r.code != 0 {
		t.Fatalf("sync after kill -9: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	checkConsistent(t, dir, "watch-kill", paths)
}

// (f) SIGTERM: exit 0 within 5 s, with the state saved — also in the middle
// of a burst.
func TestWatch_SIGTERM(t *testing.T) {
	t.Run("idle", func(t *testing.T) {
		dir := t.TempDir()
		writeFile(t, dir, "watch-term.md", postFile("Watch term", "x"))
		w := startWatch(t, dir, nil)
		id := w.waitFor("the create", 30*time.Second, published("watch-term.md", "create")).id()
		code, took := w.signal(syscall.SIGTERM, 5*time.Second)
		if code != 0 {
			t.Fatalf("exit %d after SIGTERM", code)
		}
		t.Logf("idle: exited %v after SIGTERM", took.Round(time.Millisecond))
		if e := watchState(t, dir).Files["watch-term.md"]; e == nil || e.ID != id {
			t.Errorf("state entry %+v, want post %d", e, id)
		}
	})
	t.Run("busy", func(t *testing.T) {
		dir := t.TempDir()
		w := startWatch(t, dir, nil)
		staging := t.TempDir()
		paths := genSite(t, staging, "watch-term-busy", 60, 1)
		copyInto(t, staging, dir, paths)
		w.waitFor("a first publish", 60*time.Second, func(l logLine) bool { return l.str("msg") == "published" })
		code, took := w.signal(syscall.SIGTERM, 5*time.Second)
		if code != 0 {
			t.Fatalf("exit %d after SIGTERM", code)
		}
		t.Logf("busy: exited %v after SIGTERM", took.Round(time.Millisecond))
		// Every post the log announced is in the state file.
		st := watchState(t, dir)
		for _, p := range paths {
			if w.count(published(p, "create")) == 1 && st.Files[p] == nil {
				t.Errorf("%s was published but is not in the state file", p)
			}
		}
		// And a sync finishes the job without a duplicate.
		if r := wpsync(t, nil, "sync", dir); r.code != 0 {
			t.Fatalf("sync after SIGTERM: exit %d\n%s", r.code, r.stderr)
		}
		checkConsistent(t, dir, "watch-term-busy", paths)
	})
	t.Run("second signal", func(t *testing.T) {
		dir := t.TempDir()
		w := startWatch(t, dir, nil)
		staging := t.TempDir()
		paths := genSite(t, staging, "watch-term-twice", 50, 1)
		copyInto(t, staging, dir, paths)
		w.waitFor("the burst", 30*time.Second, func(l logLine) bool { return l.str("msg") == "published" })
		mustDo(t, w.cmd.Process.Signal(syscall.SIGTERM))
		w.waitFor("the first signal", 5*time.Second, func(l logLine) bool { return strings.HasPrefix(l.str("msg"), "stopping") })
		code, took := w.signal(syscall.SIGTERM, 2*time.Second)
		if code != 0 && code != 130 {
			t.Errorf("exit %d after a second signal, want 130 (or 0 had it finished first)", code)
		}
		t.Logf("second signal: exit %d after %v", code, took.Round(time.Millisecond))
		// What it leaves is what kill -9 leaves (see KillDuringBurstThenSync):
		// a whole state file.
		watchState(t, dir)
	})
}

// A bad file is logged once with its path and published once fixed; a
// deleted file is logged, its post left alone.
func TestWatch_BadFileThenFixedAndDeletion(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "watch-gone.md", postFile("Watch gone", "soon deleted"))
	w := startWatch(t, dir, nil)
	goneID := w.waitFor("the create", 30*time.Second, published("watch-gone.md", "create")).id()

	writeFile(t, dir, "watch-bad.md", "---\ntitle: [unclosed\n---\nbody\n")
	bad := w.waitFor("the bad file", 30*time.Second, func(l logLine) bool { return l.str("level") == "ERROR" && l.str("path") == "watch-bad.md" })
	if !regexp.MustCompile(`^watch-bad\.md:\d+: `).MatchString(bad.str("err")) {
		t.Errorf("error %q does not name the file and line", bad.str("err"))
	}
	writeFile(t, dir, "watch-bad.md", postFile("Watch bad fixed", "now fine"))
	w.waitFor("the fixed file", 30*time.Second, published("watch-bad.md", "create"))

	mustDo(t, os.Remove(filepath.Join(dir, "watch-gone.md")))
	line := w.waitFor("the deletion", 30*time.Second, func(l logLine) bool { return l.str("level") == "WARN" && l.str("path") == "watch-gone.md" })
	if line.id() != goneID {
		t.Errorf("deletion line %v, want post %d", line, goneID)
	}
	if p := getPost(t, "posts", goneID); p.Status != "publish" {
		t.Errorf("the deleted file's post is %s, want it left alone", p.Status)
	}
}

// WordPress goes away and comes back: the watcher keeps running, logs the
// outage once, and publishes what changed meanwhile.
func TestWatch_SiteOutage(t *testing.T) {
	proxy := newSwitchProxy(t, site.URL)
	dir := t.TempDir()
	writeFile(t, dir, "watch-outage.md", postFile("Watch outage", "before"))
	w := startWatch(t, dir, []string{"WPSYNC_URL=" + proxy.URL()}, "--request-timeout", "2s")
	id := w.waitFor("the create", 30*time.Second, published("watch-outage.md", "create")).id()

	proxy.setDown(true)
	writeFile(t, dir, "watch-outage.md", postFile("Watch outage", "written while the site was down"))
	w.waitFor("the outage", 60*time.Second, func(l logLine) bool {
		return l.str("msg") == "WordPress does not answer: keeping the changes and retrying"
	})
	time.Sleep(2 * time.Second)
	proxy.setDown(false)
	w.waitFor("the update", 90*time.Second, published("watch-outage.md", "update"))
	if got := getPost(t, "posts", id).Content.Raw; !strings.Contains(got, "while the site was down") {
		t.Errorf("post content %q", got)
	}
	if n := w.count(func(l logLine) bool {
		return l.str("msg") == "WordPress does not answer: keeping the changes and retrying"
	}); n != 1 {
		t.Errorf("outage logged %d times, want once", n)
	}
	w.waitFor("the recovery", time.Second, func(l logLine) bool { return l.str("msg") == "WordPress answers again" })
}

func copyInto(t *testing.T, from, to string, paths []string) {
	t.Helper()
	for _, p := range paths {
		data, err := os.ReadFile(filepath.Join(from, p))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, to, p, string(data))
	}
}

func watchState(t *testing.T, dir string) *state.State {
	t.Helper()
	st, err := state.Load(filepath.Join(dir, ".wpsync", "state.json"))
	if err != nil {
		t.Fatalf("state: %v", err)
	}
	return st
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
