package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// What a newcomer sees (the "polish" review), against the real site:
// warnings do not vanish on the second run, skips are counted, not
// warned about, every listing writes "path:LINE:", a dry run says of a
// damaged picture what the run does, and a Hugo site's content folder
// says where the site is.

// TestPolish_WarningsStayUntilFixed: a warning of a file nobody fixed is
// shown by status and sync on the runs that find the file unchanged
// (read from the cache, with no write), in the grouped form and in --all's
// alike; a skipped file is one "skipped" line, never a warning.
func TestPolish_WarningsStayUntilFixed(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "polish-warned.md", "---\ntitle: Polish warned\n---\nIntro.\n\nSee [the old page](polish-gone.md).\n")
	writeFile(t, dir, "polish-fine.md", "---\ntitle: Polish fine\n---\nFine.\n")
	writeFile(t, dir, "polish-empty.md", "")
	first := wpsync(t, nil, "sync", dir)
	if first.code != 0 {
		t.Fatalf("first sync: exit %d\n%s%s", first.code, first.stdout, first.stderr)
	}
	warning := regexp.MustCompile(`(?m)^warning +polish-warned\.md:6: link to polish-gone\.md names no file`)
	if !warning.MatchString(first.stdout) {
		t.Fatalf("first sync does not warn:\n%s", first.stdout)
	}
	statePath := filepath.Join(dir, ".wpsync", "state.json")
	before, err := os.ReadFile(statePath)
	if err != nil {
		t.Fatal(err)
	}
	mark := site.Mark()
	for _, args := range [][]string{{"status", dir}, {"sync", dir}, {"sync", "--dry-run", dir}, {"sync", "--all", dir}, {"status", "--all", dir}} {
		r := wpsync(t, nil, args...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d\n%s%s", args, r.code, r.stdout, r.stderr)
		}
		if !warning.MatchString(r.stdout) {
			t.Errorf("%v: the unchanged file's warning is gone:\n%s", args, r.stdout)
		}
		if strings.Contains(r.stdout, ": line ") {
			t.Errorf("%v: a warning written \"path: line N:\":\n%s", args, r.stdout)
		}
		if regexp.MustCompile(`(?m)^warning.*polish-empty\.md`).MatchString(r.stdout) {
			t.Errorf("%v: a skipped file is warned about:\n%s", args, r.stdout)
		}
		skipped := `(?m)^skipped +1 file\(s\) not published .*--all lists each with why$`
		if args[1] == "--all" {
			skipped = `(?m)^skipped +polish-empty\.md: empty file, skipped$`
		}
		if !regexp.MustCompile(skipped).MatchString(r.stdout) {
			t.Errorf("%v: no line %s:\n%s", args, skipped, r.stdout)
		}
	}
	if w := writes(t, mark); len(w) != 0 {
		t.Errorf("the runs after the first wrote: %v", w)
	}
	if after, _ := os.ReadFile(statePath); string(after) != string(before) {
		t.Errorf("state file changed:\n%s\nwas\n%s", after, before)
	}
	if strings.Contains(string(before), "names no file") {
		t.Errorf("the committed state file holds a warning:\n%s", before)
	}
	// Fixed: the warning goes.
	writeFile(t, dir, "polish-warned.md", "---\ntitle: Polish warned\n---\nIntro.\n")
	for _, cmd := range []string{"sync", "status"} {
		if r := wpsync(t, nil, cmd, dir); r.code != 0 || warning.MatchString(r.stdout) {
			t.Errorf("%s after the fix: exit %d\n%s%s", cmd, r.code, r.stdout, r.stderr)
		}
	}
}

// TestPolish_DamagedPictureDryRunAgrees: a PNG whose CR-LF bytes a
// checkout turned into LF fails its file in the dry run as in the run, in
// the author's terms, and nothing is uploaded.
func TestPolish_DamagedPictureDryRunAgrees(t *testing.T) {
	src := copyTree(t, filepath.Join("testdata", "cases", "docusaurus-blog-and-docs"))
	damaged, err := os.ReadFile(filepath.Join(src, "static", "assets", "2017-08-16", "question.png"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFile(t, dir, "polish-damaged.md", "---\ntitle: Polish damaged\n---\nText.\n\n![a question](question.png)\n")
	writeFile(t, dir, "question.png", string(damaged))
	mark := site.Mark()
	for _, args := range [][]string{{"sync", "--dry-run", dir}, {"status", dir}, {"sync", dir}} {
		r := wpsync(t, nil, args...)
		if r.code != 1 {
			t.Errorf("%v: exit %d, want 1 (the file is not sent)\n%s%s", args, r.code, r.stdout, r.stderr)
		}
		want := regexp.MustCompile(`(?m)^error +polish-damaged\.md:6: image question\.png is damaged: it does not begin as a PNG picture does.*\.gitattributes`)
		if !want.MatchString(r.stdout) {
			t.Errorf("%v: no %s in\n%s", args, want, r.stdout)
		}
		if strings.Contains(r.stdout, "would upload") || strings.Contains(r.stdout, "unknown format") || strings.Contains(r.stdout, "image:") {
			t.Errorf("%v: says it would upload, or Go's words:\n%s", args, r.stdout)
		}
	}
	if w := writes(t, mark); len(w) != 0 {
		t.Errorf("a damaged picture's file wrote: %v", w)
	}
}

// TestPolish_HugoContentFolder: status and sync run in a Hugo site's
// content folder say where the site is and to run wpsync there.
func TestPolish_HugoContentFolder(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "hugo.toml", "baseURL = 'https://example.org/'\ntitle = 'Polish'\n")
	writeFile(t, root, "content/posts/polish-hugo-post.md", "---\ntitle: Polish Hugo post\ndate: 2024-01-02\n---\nHello.\n")
	dir := filepath.Join(root, "content")
	want := "this looks like the content folder of a Hugo site (../hugo.toml) at ..: "
	for _, args := range [][]string{{"status", dir}, {"sync", "--dry-run", dir}, {"doctor", dir}} {
		r := wpsync(t, nil, args...)
		if !strings.Contains(r.stdout, want) || !strings.Contains(r.stdout, "run wpsync") {
			t.Errorf("%v: exit %d, no %q and where to run wpsync:\n%s%s", args, r.code, want, r.stdout, r.stderr)
		}
	}
}
