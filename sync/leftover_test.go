package sync_test

import (
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	sitegen "github.com/wpsync/wpsync/site"
	wpsync "github.com/wpsync/wpsync/sync"
)

var vault = map[string]string{
	"a.md":     "---\ntitle: A\n---\nSee [[B]] and ![[pic.png]].\n",
	"b.md":     "# B\n\nBack to [[A|the first]].\n\n> [!note] Mind\n> this.\n",
	"clean.md": "# Clean\n\nNothing of another dialect; `[[code]]` is code.\n",
}

// TestSyncer_Leftovers: what readers would see of other dialects is a
// warning per construct, counted per item and in the summary; a folder of
// notes full of wikilinks is said to be an Obsidian vault, once.
func TestSyncer_Leftovers(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, vault)
	wp := wpfake.New(t, wpfake.Options{})
	r := runWith(t, wp, dir, wpsync.Options{})
	if r.Summary.Created != 3 || r.Summary.Failed != 0 || r.Summary.Leftovers != 4 {
		t.Fatalf("summary = %+v, want 3 created, 4 leftovers", r.Summary)
	}
	for path, want := range map[string][]string{
		"a.md":     {"line 4: Obsidian wikilink [[B]]", "line 4: Obsidian embed ![[pic.png]]"},
		"b.md":     {"line 3: Obsidian wikilink [[A|the first]]", "line 5: Obsidian callout or GitHub alert [!note]"},
		"clean.md": nil,
	} {
		it := itemFor(t, r, path)
		if it.Leftovers != len(want) {
			t.Errorf("%s: Leftovers = %d, want %d", path, it.Leftovers, len(want))
		}
		for _, w := range want {
			if !hasPrefix(it.Warnings, w) {
				t.Errorf("%s: no warning %q in %q", path, w, it.Warnings)
			}
		}
	}
	if w := runWarnings(r, "Obsidian"); len(w) != 1 || !strings.Contains(w[0], "an Obsidian vault (2 of 3 notes") || !strings.Contains(w[0], "2 file(s) show source syntax") {
		t.Errorf("run warnings = %q, want one naming an Obsidian vault", r.Warnings)
	}
}

// TestSyncer_Strict: with Strict the files that show other dialects fail,
// the others are published, and the run fails.
func TestSyncer_Strict(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, vault)
	wp := wpfake.New(t, wpfake.Options{})
	r := runWith(t, wp, dir, wpsync.Options{Strict: true})
	if r.Summary.Created != 1 || r.Summary.Failed != 2 || !r.Failed() {
		t.Fatalf("summary = %+v, want 1 created, 2 failed", r.Summary)
	}
	a := itemFor(t, r, "a.md")
	if a.Action != wpsync.ActionError || a.Line != 4 || !strings.Contains(a.Error, "a.md:4: 2 construct(s) of another dialect") || !strings.Contains(a.Error, "Obsidian embed") {
		t.Errorf("a.md = %+v", a)
	}
	if len(live(wp, "posts")) != 1 {
		t.Errorf("site has %d posts, want only clean.md's", len(live(wp, "posts")))
	}
	// A file sent with warnings before fails once strict is turned on:
	// it is read again, not taken as unchanged by its time stamp.
	dir2 := t.TempDir()
	writeFiles(t, dir2, vault)
	wp2 := wpfake.New(t, wpfake.Options{})
	runWith(t, wp2, dir2, wpsync.Options{})
	if r := runWith(t, wp2, dir2, wpsync.Options{Strict: true}); r.Summary.Failed != 2 || r.Summary.Unchanged != 1 {
		t.Errorf("strict after a run without it: summary = %+v, want 2 failed, 1 unchanged", r.Summary)
	}
}

// TestSyncer_Unadapted: a generator without an adapter is named once per
// run, with the files that show its source.
func TestSyncer_Unadapted(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"mkdocs.yml": "site_name: x\n",
		"a.md":       "!!! note\n    An admonition.\n",
		"b.md":       "Plain.\n",
	})
	gen, err := sitegen.Detect(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	wp := wpfake.New(t, wpfake.Options{})
	r := runWith(t, wp, dir, wpsync.Options{Generator: gen})
	want := "an MkDocs site (mkdocs.yml): wpsync has no adapter for it and reads the folder as plain Markdown: its Markdown extensions (admonitions !!! note, attribute lists { … }) are not run; 1 file(s) show source syntax to readers (see their warnings)"
	if w := runWarnings(r, "MkDocs"); len(w) != 1 || w[0] != want {
		t.Errorf("run warnings = %q, want %q", r.Warnings, want)
	}
	if it := itemFor(t, r, "a.md"); it.Leftovers != 1 || !hasPrefix(it.Warnings, "line 1: MkDocs admonition !!! note") {
		t.Errorf("a.md = %+v", it)
	}
}

func hasPrefix(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

// runWarnings are the run's warnings that mention word.
func runWarnings(r *wpsync.Report, word string) []string {
	var out []string
	for _, w := range r.Warnings {
		if strings.Contains(w, word) {
			out = append(out, w)
		}
	}
	return out
}
