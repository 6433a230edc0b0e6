package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/config"
)

// Doctor names the generator as its project writes it, and a folder
// inside a Hexo site gets "run wpsync there", not "no adapter".
func TestFolderCheck_GeneratorNames(t *testing.T) {
	site := t.TempDir()
	for name, body := range map[string]string{
		"_config.yml":           "title: x\nnew_post_name: :year-:month-:day-:title.md\n",
		"source/_posts/a.md":    "# a\n",
		"source/_posts/b.md":    "# b\n",
		"source/about/index.md": "# about\n",
	} {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := folderCheck(site, &config.File{}, &connFlags{statePath: filepath.Join(t.TempDir(), "state.json")}, "")
	want := "a Hexo site (_config.yml): only the files Hexo renders as pages are published"
	if !slices.Contains(c.Details, want) {
		t.Errorf("details = %q, want %q", c.Details, want)
	}
	c = folderCheck(filepath.Join(site, "source", "_posts"), &config.File{}, &connFlags{statePath: filepath.Join(t.TempDir(), "state.json")}, "")
	all := strings.Join(c.Details, "\n")
	if strings.Contains(all, "no adapter") || !strings.Contains(all, "this looks like the content folder of a Hexo site (../../_config.yml) at ../..") || !strings.HasPrefix(c.Fix, "run wpsync in ../..") {
		t.Errorf("details = %q, fix %q", c.Details, c.Fix)
	}
}
