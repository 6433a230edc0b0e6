package e2e

import (
	"path/filepath"
	"strings"
	"testing"
)

// Issue 21: cases of shared/cases/trust, copied to testdata/cases.

// D20: YAML front matter closed by "..." (pandoc's export) is published as
// Jekyll renders it.
func TestCases_JekyllDotsCloser(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "cases/D20-jekyll-dots-closer"))
	rep := syncReport(t, dir, 0)
	p := getPost(t, "posts", rep.want(t, "_posts/2024-01-05-pandoc-export.md", "create").ID)
	if p.Title.Raw != "Notes exported by pandoc" || strings.Contains(p.Content.Raw, "layout") || !strings.Contains(p.Content.Raw, "three dots") {
		t.Errorf("pandoc export: %q %q", p.Title.Raw, p.Content.Raw)
	}
	if got := termNames(t, "tags", p.Tags); len(got) != 1 || got[0] != "pandoc" {
		t.Errorf("pandoc export tags %q", got)
	}
	rep.want(t, "_posts/2024-01-06-normal.md", "create")
	secondRunWritesNothing(t, dir, 0)
}
