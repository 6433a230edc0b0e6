package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyCase copies testdata/cases/NAME (a reported case's input) into a new
// folder and returns it.
func copyCase(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join("testdata", "cases", name)
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, e.Name(), string(b))
	}
	return dir
}

// C05: `title: Cluster guide: the parts …` is not valid YAML. The file's
// error names line 2 and says to quote the value, in every output; the
// other file is published.
func TestSync_YAMLColonInTitle(t *testing.T) {
	dir := copyCase(t, "C05-yaml-colon-title")
	const fix = `put the value in quotes: title: "Cluster guide: the parts and how they talk"`

	r := wpsync(t, nil, "sync", dir, "--output", "json")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
	}
	rep := r.json(t)
	if rep.Summary.Created != 1 || rep.Summary.Failed != 1 {
		t.Fatalf("summary %+v: want other.md created, cluster-guide.md failed", rep.Summary)
	}
	for _, it := range rep.Items {
		if it.Path != "cluster-guide.md" {
			continue
		}
		if it.Line != 2 || !strings.Contains(it.Error, "cluster-guide.md:2:") || !strings.Contains(it.Error, fix) {
			t.Errorf("item line %d, error %q: want line 2 and %q", it.Line, it.Error, fix)
		}
	}

	r = wpsync(t, nil, "sync", dir)
	if r.code != 1 || !strings.Contains(r.stdout+r.stderr, "cluster-guide.md:2:") || !strings.Contains(r.stdout+r.stderr, fix) {
		t.Errorf("text output, exit %d:\n%s%s\nwant the file, line 2 and %q", r.code, r.stdout, r.stderr, fix)
	}

	r = wpsync(t, []string{"GITHUB_WORKSPACE=" + dir}, "sync", dir, "--output", "github")
	var annotation string
	for _, line := range strings.Split(r.stdout, "\n") {
		if strings.HasPrefix(line, "::error ") && strings.Contains(line, "cluster-guide.md") {
			annotation = line
		}
	}
	if !strings.Contains(annotation, "line=2") || !strings.Contains(annotation, "put the value in quotes") {
		t.Errorf("annotation %q: want line=2 and the fix\n%s%s", annotation, r.stdout, r.stderr)
	}
}
