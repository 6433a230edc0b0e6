package watch_test

// Benchmarks of `wpsync watch` as it runs: the binary is built and started
// as a child process, as systemd would.
//
//	WPSYNC_E2E=1 go test ./watch -run '^$' -bench . -benchtime 30x
//
// BenchmarkWatch_Latency needs a local WordPress (WPSYNC_E2E, see
// internal/wptest) and skips without one; BenchmarkWatch_Memory10k needs
// none.

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	gosync "sync"
	"syscall"
	"testing"
	"time"

	"github.com/wpsync/wpsync/internal/wpfake"
	"github.com/wpsync/wpsync/internal/wptest"
	"github.com/wpsync/wpsync/state"
	wpsync "github.com/wpsync/wpsync/sync"
	"github.com/wpsync/wpsync/sync/wordpress"
)

var (
	buildOnce gosync.Once
	binary    string
	buildErr  error

	siteOnce  gosync.Once
	benchSite *wptest.Site
	siteErr   error

	tmpRoot string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchSite != nil {
		if err := benchSite.Down(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
	if tmpRoot != "" {
		os.RemoveAll(tmpRoot)
	}
	os.Exit(code)
}

func wpsyncBinary(b *testing.B) string {
	buildOnce.Do(func() {
		tmpRoot, buildErr = os.MkdirTemp("", "wpsync-watch-bench-")
		if buildErr != nil {
			return
		}
		binary = filepath.Join(tmpRoot, "wpsync")
		cmd := exec.Command("go", "build", "-o", binary, "github.com/wpsync/wpsync/cmd/wpsync")
		cmd.Stderr = os.Stderr
		buildErr = cmd.Run()
	})
	if buildErr != nil {
		b.Fatalf("build wpsync: %v", buildErr)
	}
	return binary
}

// child is `wpsync watch` running, its JSON log lines on a channel.
type child struct {
	cmd   *exec.Cmd
	lines chan map[string]any
}

func startChild(b *testing.B, env []string, args ...string) *child {
	b.Helper()
	cmd := exec.Command(wpsyncBinary(b), append([]string{"watch", "--log-format", "json"}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	c := &child{cmd: cmd, lines: make(chan map[string]any, 1024)}
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			var l map[string]any
			if json.Unmarshal(sc.Bytes(), &l) == nil {
				c.lines <- l
			}
		}
		close(c.lines)
	}()
	b.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	})
	return c
}

// waitFor reads log lines until one has msg (and path, when not "").
func (c *child) waitFor(b *testing.B, msg, path string, within time.Duration) map[string]any {
	b.Helper()
	deadline := time.After(within)
	for {
		select {
		case l, ok := <-c.lines:
			if !ok {
				b.Fatalf("wpsync watch exited while waiting for %q", msg)
			}
			if l["msg"] == msg && (path == "" || l["path"] == path) {
				return l
			}
		case <-deadline:
			b.Fatalf("no %q within %s", msg, within)
		}
	}
}

// BenchmarkWatch_Latency: one op is one save of a post, timed until the
// watcher logs it published (WordPress answered and the state is saved).
func BenchmarkWatch_Latency(b *testing.B) {
	if !wptest.Enabled() {
		b.Skip("needs a local WordPress: set WPSYNC_E2E=1 (see internal/wptest)")
	}
	siteOnce.Do(func() { benchSite, siteErr = wptest.Up("bench_watch", wptest.Options{}) })
	if siteErr != nil {
		b.Fatal(siteErr)
	}
	dir := b.TempDir()
	post := func(i int) []byte {
		return fmt.Appendf(nil, "---\ntitle: Latency\ntags: [bench]\n---\nSaved %d times.\n\nA paragraph with *emphasis* and a [link](https://example.com).\n", i)
	}
	file := filepath.Join(dir, "latency.md")
	if err := os.WriteFile(file, post(0), 0o644); err != nil {
		b.Fatal(err)
	}
	c := startChild(b, benchSite.Env(), dir)
	c.waitFor(b, "published", "latency.md", time.Minute)
	c.waitFor(b, "watching for changes", "", time.Minute)

	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 1; i <= b.N; i++ {
		start := time.Now()
		if err := os.WriteFile(file, post(i), 0o644); err != nil {
			b.Fatal(err)
		}
		c.waitFor(b, "published", "latency.md", time.Minute)
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(lat[len(lat)/2]), "ms-median")
	b.ReportMetric(ms(lat[(len(lat)*95+99)/100-1]), "ms-p95")
	b.ReportMetric(float64(len(lat)), "edits")
}

// BenchmarkWatch_Memory10k: resident memory of `wpsync watch` watching
// 10,000 already-published files in 100 folders, after its first sync (which
// reads every file), and the CPU it uses while idle.
func BenchmarkWatch_Memory10k(b *testing.B) {
	const folders, perFolder = 100, 100
	dir := b.TempDir()
	for f := range folders {
		sub := filepath.Join(dir, fmt.Sprintf("section-%02d", f))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			b.Fatal(err)
		}
		for i := range perFolder {
			if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("post-%02d-%03d.md", f, i)), samplePost(f, i), 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	// One batch for everything: the state is then saved once, not 10,000
	// times.
	wp := wpfake.New(b, wpfake.Options{MaxBatch: 1 << 20})
	publishAll(b, dir, wp)
	// Then the site counts requests and answers none: with nothing
	// changed, the watcher must not need it.
	wp.ResetLog()
	wp.Fail(wpfake.Fault{Status: http.StatusServiceUnavailable, ContentType: "text/plain", Body: "not a WordPress"})
	// New time stamps, as after a fresh clone: the first sync must read and
	// hash every file instead of trusting the state's size and time stamp.
	later := time.Now().Add(time.Minute)
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			err = os.Chtimes(p, later, later)
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}

	c := startChild(b, []string{"WPSYNC_URL=" + wp.URL, "WPSYNC_USER=bench", "WPSYNC_APP_PASSWORD=bench"}, dir)
	ready := c.waitFor(b, "synced the whole folder", "", 5*time.Minute)
	if ready["unchanged"] != float64(folders*perFolder) {
		b.Fatalf("first sync: %v, want %d unchanged", ready, folders*perFolder)
	}
	c.waitFor(b, "watching for changes", "", time.Minute)
	pid := c.cmd.Process.Pid

	b.ResetTimer()
	var rss, hwm int
	var cpu time.Duration
	for range b.N {
		// Idle for a while, as a service mostly is.
		before := cpuTime(b, pid)
		time.Sleep(3 * time.Second)
		cpu = cpuTime(b, pid) - before
		rss, hwm = memory(b, pid)
	}
	b.StopTimer()
	b.ReportMetric(float64(rss)/1024, "MB-rss")
	b.ReportMetric(float64(hwm)/1024, "MB-peak-rss")
	b.ReportMetric(float64(cpu.Milliseconds())/3, "cpu-ms/s-idle")
	b.ReportMetric(float64(len(wp.Requests())), "requests")
}

// samplePost is a post of the usual size: front matter, a few paragraphs,
// a list, some emphasis and links; about 1.5 kB.
func samplePost(f, i int) []byte {
	var s strings.Builder
	fmt.Fprintf(&s, "---\ntitle: Post %d of section %d\ndate: 2024-%02d-%02dT10:00:00Z\ntags: [section-%d, bench]\ncategories: [Bench]\n---\n", i, f, 1+i%12, 1+i%28, f)
	for p := range 4 {
		fmt.Fprintf(&s, "Paragraph %d of post %d. Lorem ipsum dolor sit amet, *consectetur* adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. See [the docs](https://example.com/%d/%d) for more.\n\n", p, i, f, i)
	}
	s.WriteString("- one item\n- another item with `code`\n- a third\n\n## A heading\n\nUt enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.\n")
	return []byte(s.String())
}

// publishAll publishes every file of dir to the fake site wp, through the
// REST client, so the watcher starts on a synced folder.
func publishAll(b *testing.B, dir string, wp *wpfake.Server) {
	b.Helper()
	client, err := wordpress.New(wp.URL, wpfake.Admin, wpfake.Password, nil)
	if err != nil {
		b.Fatal(err)
	}
	st := state.New(state.DefaultPath(dir))
	rep, err := wpsync.New(client, st, wpsync.Options{Dir: dir, Site: wp.URL}).Run(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	if rep.Summary.Created != len(st.Files) || rep.Failed() {
		b.Fatalf("publish: %+v", rep.Summary)
	}
}

// memory returns VmRSS and VmHWM of a process, in kB.
func memory(b *testing.B, pid int) (rss, hwm int) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
		switch k {
		case "VmRSS":
			rss = n
		case "VmHWM":
			hwm = n
		}
	}
	return rss, hwm
}

// cpuTime returns the user and system CPU time a process has used.
func cpuTime(b *testing.B, pid int) time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Fatal(err)
	}
	// The command name, in parentheses, may hold spaces: count from after it.
	fields := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+2:]))
	utime, _ := strconv.Atoi(fields[11])
	stime, _ := strconv.Atoi(fields[12])
	return time.Duration(utime+stime) * time.Second / 100 // clock ticks, USER_HZ = 100
}
