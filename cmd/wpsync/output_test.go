package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	wpsync "github.com/wpsync/wpsync/sync"
)

func TestGithubEscaping(t *testing.T) {
	if got := ghData("50% done\r\nnext: a,b"); got != "50%25 done%0D%0Anext: a,b" {
		t.Errorf("ghData = %q", got)
	}
	if got := ghProperty("dir/a:b,c%.md\n"); got != "dir/a%3Ab%2Cc%25.md%0A" {
		t.Errorf("ghProperty = %q", got)
	}
}

func TestItemLine(t *testing.T) {
	tests := []struct {
		it       wpsync.Item
		line     int
		messsage string
	}{
		{wpsync.Item{Path: "a.md", Error: "a.md:12: bad date", Line: 0}, 12, "bad date"},
		{wpsync.Item{Path: "a.md", Error: "a.md:12: bad date", Line: 3}, 3, "bad date"},
		{wpsync.Item{Path: "a.md", Error: "a.md: too big"}, 0, "too big"},
		{wpsync.Item{Path: "x:1.md", Error: "x:1.md:4: oops"}, 4, "oops"},
		{wpsync.Item{Path: "a.md", Error: "post 3 was changed in WordPress"}, 0, "post 3 was changed in WordPress"},
	}
	for _, tt := range tests {
		if got := itemLine(tt.it); got != tt.line {
			t.Errorf("itemLine(%q) = %d, want %d", tt.it.Error, got, tt.line)
		}
		if got := itemMessage(tt.it); got != tt.messsage {
			t.Errorf("itemMessage(%q) = %q, want %q", tt.it.Error, got, tt.messsage)
		}
	}
}

func TestGithubWriter(t *testing.T) {
	ws := t.TempDir()
	summary := filepath.Join(ws, "summary.md")
	env := map[string]string{"GITHUB_WORKSPACE": ws, "GITHUB_STEP_SUMMARY": summary}
	var out bytes.Buffer
	g := newGithubWriter(&out, filepath.Join(ws, "content"), func(k string) string { return env[k] })
	items := []wpsync.Item{
		{Path: "new.md", Action: wpsync.ActionCreate, ID: 5, Type: "post", Link: "https://x.example/new/", Warnings: []string{"100% sure"}},
		{Path: "old.md", Action: wpsync.ActionUnchanged, ID: 4, Type: "post"},
		{Path: "c.md", Action: wpsync.ActionConflict, ID: 6, Type: "post", Error: "c.md: post 6 was changed in WordPress at 12:00"},
		{Path: "bad.md", Action: wpsync.ActionError, Error: "bad.md:7: front matter field \"date\": bad\nvalue", Line: 7},
	}
	r := &wpsync.Report{Items: items, Summary: wpsync.Summary{Created: 1, Unchanged: 1, Failed: 1, Conflicts: 1}}
	for _, it := range items {
		g.item(it, false, true)
	}
	if err := g.summary(r, false, 1500*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"created          new.md → post 5 https://x.example/new/",
		"::warning file=content/new.md,title=wpsync%3A new.md::100%25 sure",
		"unchanged        old.md → post 4",
		"::error file=content/c.md,title=wpsync%3A conflict::post 6 was changed in WordPress at 12:00",
		"::error file=content/bad.md,line=7,title=wpsync%3A bad.md::front matter field \"date\": bad%0Avalue",
		"created 1, updated 0, unchanged 1, failed 1, conflicts 1 in 1.5s",
	}
	if got := strings.TrimSpace(out.String()); got != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	data, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"### wpsync", "| `bad.md` | front matter field \"date\": bad value |", "| `new.md` | create | [post 5](https://x.example/new/) |"} {
		if !strings.Contains(string(data), w) {
			t.Errorf("step summary lacks %q:\n%s", w, data)
		}
	}
}

// Without --all, unchanged files get no line; a file's warnings are one
// annotation; past ghAnnotationsMax the rest are counted in one more.
func TestGithubWriter_Scales(t *testing.T) {
	var out bytes.Buffer
	g := newGithubWriter(&out, "content", func(string) string { return "" })
	var items []wpsync.Item
	for i := range 300 {
		items = append(items, wpsync.Item{Path: fmt.Sprintf("p%03d.md", i), Action: wpsync.ActionUnchanged, ID: i + 1, Type: "post",
			Warnings: []string{"line 3: shortcode x left out", "line 9: link y names no file"}})
	}
	items = append(items, wpsync.Item{Path: "bad.md", Action: wpsync.ActionError, Error: "bad.md:2: broken"})
	for _, it := range items {
		g.item(it, false, false)
	}
	if err := g.summary(&wpsync.Report{Items: items}, false, time.Second); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	if n := strings.Count(text, "::warning") + strings.Count(text, "::error"); n > ghAnnotationsMax+1 {
		t.Errorf("%d annotations, want at most %d", n, ghAnnotationsMax+1)
	}
	if strings.Contains(text, "unchanged        p0") {
		t.Error("unchanged files listed without --all")
	}
	if !strings.Contains(text, "::warning file=content/p000.md,line=3,title=wpsync%3A 2 warnings in p000.md::line 3: shortcode x left out%0Aline 9: link y") {
		t.Errorf("a file's warnings are not one annotation:\n%.600s", text)
	}
	if !strings.Contains(text, "251 more annotations (1 errors, 250 warnings) not shown here") {
		t.Errorf("the annotations left out are not counted:\n%s", text[max(0, len(text)-600):])
	}
}

func TestWarningGroups(t *testing.T) {
	var g warningGroups
	for i := range 12 {
		g.add(fmt.Sprintf("p%02d.md", i), fmt.Sprintf("line %d: shortcode \"x\" is not Hugo's: left out", i+1))
	}
	g.add("one.md", "featured image a.png not found")
	var out bytes.Buffer
	g.write(&out, 8, palette{})
	want := "warning  shortcode \"x\" is not Hugo's: left out (12 files: p00.md:1, p01.md:2, p02.md:3 and 9 more)\n" +
		"warning  one.md: featured image a.png not found\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

// runCLI runs wpsync in this process with the given terminals and
// environment.
func runCLI(t *testing.T, tty *ttys, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, ioStreams{In: strings.NewReader(""), Out: &out, Err: &errb, TTY: tty}, func(k string) string { return env[k] })
	return code, out.String(), errb.String()
}

// A terminal gets colours and, for more than a handful of files, a progress
// bar on stderr; a pipe, or NO_COLOR, gets neither.
func TestSync_TerminalOutput(t *testing.T) {
	dir := t.TempDir()
	for i := range progressMinFiles + 2 {
		// Files that fail locally: no site is needed.
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%d.md", i)), []byte("---\nstatus: publised\n---\nx\n"), 0o644)
	}
	env := map[string]string{"WPSYNC_URL": "http://127.0.0.1:1", "WPSYNC_USER": "admin", "WPSYNC_APP_PASSWORD": fakePassword}

	code, out, errs := runCLI(t, &ttys{Out: true, Err: true}, env, "sync", dir)
	if code != exitFailed {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(out, "\x1b[31merror") {
		t.Errorf("no red error lines on a terminal:\n%q", out)
	}
	if !strings.Contains(errs, fmt.Sprintf("%d/%d files", progressMinFiles+2, progressMinFiles+2)) || !strings.Contains(errs, "\r") {
		t.Errorf("no progress bar on a terminal's stderr:\n%q", errs)
	}
	if !strings.HasSuffix(errs, "\r\x1b[K") {
		t.Errorf("the bar was not cleared at the end:\n%q", errs)
	}
	if !strings.Contains(out, "created 0, updated 0, unchanged 0, failed 7") {
		t.Errorf("no summary line:\n%q", out)
	}

	for name, tc := range map[string]struct {
		tty *ttys
		env map[string]string
	}{
		"pipe":     {nil, env},
		"NO_COLOR": {&ttys{Out: true, Err: true}, withEnv(env, "NO_COLOR", "1")},
		"dumb":     {&ttys{Out: true, Err: true}, withEnv(env, "TERM", "dumb")},
	} {
		_, out, errs := runCLI(t, tc.tty, tc.env, "sync", dir)
		if strings.Contains(out+errs, "\x1b[") || strings.Contains(errs, "\r") {
			t.Errorf("%s: escape codes or a bar:\n%q\n%q", name, out, errs)
		}
		if !strings.Contains(out, "failed 7") {
			t.Errorf("%s: no summary line:\n%q", name, out)
		}
	}

	// A handful of files: no bar.
	small := t.TempDir()
	os.WriteFile(filepath.Join(small, "a.md"), []byte("---\nstatus: publised\n---\nx\n"), 0o644)
	if _, _, errs := runCLI(t, &ttys{Out: true, Err: true}, env, "sync", small); strings.Contains(errs, "files") {
		t.Errorf("a bar for one file: %q", errs)
	}
}

func withEnv(env map[string]string, k, v string) map[string]string {
	m := map[string]string{k: v}
	for kk, vv := range env {
		m[kk] = vv
	}
	return m
}

func TestProgressBar_Render(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	b := &progressBar{w: &bytes.Buffer{}, total: 40, width: 80, now: func() time.Time { return now }}
	b.begun = now
	if got := b.render(); !strings.Contains(got, " 0/40 files") || !strings.HasPrefix(got, "[░") {
		t.Errorf("start: %q", got)
	}
	b.done = 10
	now = now.Add(5 * time.Second)
	got := b.render()
	for _, w := range []string{"10/40 files", "2.0/s", "ETA 15s", "5s", "[" + strings.Repeat("█", 10)} {
		if !strings.Contains(got, w) {
			t.Errorf("render %q lacks %q", got, w)
		}
	}
	if n := len([]rune(got)); n > 80 {
		t.Errorf("render is %d wide, terminal 80", n)
	}
	b.width = 30
	if got := b.render(); len([]rune(got)) > 30 {
		t.Errorf("narrow terminal: %q", got)
	}
	if shortDuration(65*time.Second) != "1m05s" || shortDuration(2*time.Hour+3*time.Minute) != "2h03m" {
		t.Error("shortDuration")
	}
}

func TestPrintItem_PlainIsStable(t *testing.T) {
	var b bytes.Buffer
	writeItem(&b, wpsync.Item{Path: "a.md", Action: wpsync.ActionCreate, ID: 3, Type: "post", Link: "https://x/a/", Adopted: true}, false, palette{})
	writeItem(&b, wpsync.Item{Path: "b.md", Action: wpsync.ActionUpdate, ID: 4, Type: "page"}, true, palette{})
	writeItem(&b, wpsync.Item{Path: "c.md", Action: wpsync.ActionError, Error: "c.md:2: bad"}, false, palette{})
	want := "created (adopted) a.md → post 3 https://x/a/\nwould update     b.md → page 4\nerror            c.md:2: bad\n"
	if b.String() != want {
		t.Errorf("got\n%q\nwant\n%q", b.String(), want)
	}
}

// --all shows a file's warnings as the grouped listing does, "path:LINE:",
// and a skipped file's reason on its own line, not as a warning.
func TestPrintItem_WarningsAndSkips(t *testing.T) {
	var b bytes.Buffer
	writeItem(&b, wpsync.Item{Path: "a.md", Action: wpsync.ActionUnchanged, ID: 3, Type: "post",
		Warnings: []string{"line 10: shortcode \"x\" is not Hugo's: left out", "featured image a.png not found"}}, false, palette{})
	writeItem(&b, wpsync.Item{Path: "content/_index.md", Action: wpsync.ActionSkipped, Warnings: []string{"not a page: Hugo's home page"}}, false, palette{})
	want := "unchanged        a.md → post 3\n" +
		"warning          a.md:10: shortcode \"x\" is not Hugo's: left out\n" +
		"warning          a.md: featured image a.png not found\n" +
		"skipped          content/_index.md: not a page: Hugo's home page\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// Without --all, skipped files are counted on one line, never warned about
// (a draft is not a problem to fix on every run); a warning of an
// unchanged file is still shown.
func TestSyncPrinter_SkipsAreCounted(t *testing.T) {
	var out bytes.Buffer
	p := &syncPrinter{format: "text", out: &out}
	items := []wpsync.Item{
		{Path: "content/_index.md", Action: wpsync.ActionSkipped, Warnings: []string{"not a page: Hugo's home page"}},
		{Path: "draft.md", Action: wpsync.ActionSkipped, Warnings: []string{"not a page: draft: true"}},
		{Path: "a.md", Action: wpsync.ActionUnchanged, ID: 3, Warnings: []string{"line 4: link to x.md names no file"}},
	}
	r := &wpsync.Report{Items: items, Summary: wpsync.Summary{Skipped: 2, Unchanged: 1}}
	for _, it := range items {
		p.write(it)
	}
	if err := p.finish(r, time.Second); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if strings.Contains(got, "Hugo's home page") || strings.Contains(got, "draft: true") {
		t.Errorf("a skip is shown as a warning:\n%s", got)
	}
	for _, want := range []string{"skipped          2 file(s) not published", "warning          a.md:4: link to x.md names no file\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}

// Lines of files settled without the site wait for the sign-in; a long run
// lists its failures again at the end; a run-stopping error comes first.
func TestSyncPrinter_HoldAndRelist(t *testing.T) {
	bad := wpsync.Item{Path: "bad.md", Action: wpsync.ActionError, Error: "bad.md:2: broken", Line: 2}
	p, out, _ := newPrinter(t, "text")
	p.item(bad)
	p.item(wpsync.Item{Path: "same.md", Action: wpsync.ActionUnchanged})
	if out.Len() != 0 {
		t.Fatalf("lines written before the site was reached:\n%s", out)
	}
	items := []wpsync.Item{bad, {Path: "same.md", Action: wpsync.ActionUnchanged}}
	for i := range 6 {
		it := wpsync.Item{Path: fmt.Sprintf("new%d.md", i), Action: wpsync.ActionCreate, ID: i + 1, Type: "post"}
		p.item(it)
		items = append(items, it)
	}
	conflict := wpsync.Item{Path: "edited.md", Action: wpsync.ActionConflict, Error: "edited.md: post 9 was changed in WordPress"}
	p.item(conflict)
	items = append(items, conflict)
	if err := p.finish(&wpsync.Report{Items: items, Summary: wpsync.Summary{Created: 6, Unchanged: 1, Failed: 1, Conflicts: 1}}, time.Second); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if !strings.HasPrefix(lines[0], "error") || !strings.Contains(lines[0], "bad.md:2") {
		t.Errorf("first line %q: want the held error line", lines[0])
	}
	tail := strings.Join(lines[len(lines)-4:], "\n")
	want := "2 of 9 file(s) failed or are in conflict:\nerror            bad.md:2: broken\nconflict         edited.md: post 9 was changed in WordPress\ncreated 6,"
	if !strings.HasPrefix(tail, want) {
		t.Errorf("end of output:\n%s\nwant it to start:\n%s", tail, want)
	}

	// A short run does not repeat itself.
	p, out, _ = newPrinter(t, "text")
	p.item(bad)
	if err := p.finish(&wpsync.Report{Items: []wpsync.Item{bad}, Summary: wpsync.Summary{Failed: 1}}, time.Second); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), "bad.md:2"); n != 1 {
		t.Errorf("short run shows the failure %d times:\n%s", n, out)
	}

	// A run-stopping error: first, on stderr, with its hint; the held lines
	// after it.
	p, out, errb := newPrinter(t, "github")
	p.item(bad)
	err := p.fatal(hintedError{})
	var shown *shownError
	if !errors.As(err, &shown) {
		t.Errorf("fatal returned %T, want *shownError", err)
	}
	if got := errb.String(); got != "wpsync: sign-in refused\nRun 'wpsync doctor'.\n" {
		t.Errorf("stderr %q", got)
	}
	gh := strings.Split(out.String(), "\n")
	if !strings.HasPrefix(gh[0], "::error title=wpsync%3A the run stopped::sign-in refused%0ARun 'wpsync doctor'.") || !strings.HasPrefix(gh[1], "::error file=") {
		t.Errorf("github output:\n%s", out)
	}
}

// newPrinter is a sync printer in format writing to buffers, not a terminal.
func newPrinter(t *testing.T, format string) (*syncPrinter, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	ios := ioStreams{Out: &out, Err: &errb, TTY: &ttys{}}
	return newSyncPrinter(format, t.TempDir(), nil, false, true, ios, func(string) string { return "" }), &out, &errb
}

// Under --output json, a run-stopping error is the JSON document.
func TestSyncPrinter_FatalJSON(t *testing.T) {
	p, out, errb := newPrinter(t, "json")
	_ = p.fatal(hintedError{})
	var doc map[string]string
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("stdout is not one JSON document: %v\n%s", err, out)
	}
	if doc["error"] != "sign-in refused" || doc["hint"] != "Run 'wpsync doctor'." || len(doc) != 2 {
		t.Errorf("JSON %v", doc)
	}
	if !strings.HasPrefix(errb.String(), "wpsync: sign-in refused") {
		t.Errorf("stderr %q", errb.String())
	}
}

type hintedError struct{}

func (hintedError) Error() string { return "sign-in refused" }
func (hintedError) Hint() string  { return "run 'wpsync doctor'" }

func TestWarningLine(t *testing.T) {
	tests := []struct {
		warn string
		want int
	}{
		{"line 5: Obsidian wikilink [[x]] is shown to readers as text: …", 5},
		{"line 12: template: \"x\" is not a page template", 12},
		{"linear: no line", 0},
		{"line x: not a number", 0},
		{"empty file, skipped", 0},
	}
	for _, tt := range tests {
		if got := warningLine(tt.warn); got != tt.want {
			t.Errorf("warningLine(%q) = %d, want %d", tt.warn, got, tt.want)
		}
	}
}

// Warnings of one kind that differ only in what they name are one group:
// the kind once, "…" where they differ, each place with its own value.
func TestWarningGroups_ByKind(t *testing.T) {
	var g warningGroups
	g.add("a.md", "line 3: link to /docs/intro names no page of the site: left as written")
	g.add("b.md", "line 5: link to /docs/setup names no page of the site: left as written")
	g.add("b.md", "line 9: link to /docs/other names no page of the site: left as written")
	g.add("c.md", `author "ann" is not a key of blog/authors.yml`)
	g.add("d.md", `author "bo" is not a key of blog/authors.yml`)
	g.add("e.md", "Hugo's home page, the site's front page: left out")
	var out bytes.Buffer
	g.write(&out, 8, palette{})
	want := "warning  link to … names no page of the site: left as written (3 times in 2 files: a.md:3 /docs/intro, b.md:5 /docs/setup, b.md:9 /docs/other)\n" +
		"warning  author … is not a key of blog/authors.yml (2 files: c.md \"ann\", d.md \"bo\")\n" +
		"warning  e.md: Hugo's home page, the site's front page: left out\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}
