package site

import (
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/wpsync/wpsync/markdown"
)

// headlessBundles finds, for a folder read without Hugo's configuration
// (a content/ folder copied out of a Hugo site), the leaf bundles Hugo
// renders nothing of: a folder whose index.md says headless: true, or
// build (_build) render: never. Hugo renders neither that index nor the
// bundle's other Markdown files, its resources (homepage/about.md in a
// headless homepage/); both keys are Hugo's own, so no other generator's
// folder is misread.
type headlessBundles struct {
	dir string
	mu  sync.Mutex
	of  map[string]bool // folder → headless; guarded by mu
}

// bundle returns the headless bundle folder rel is a resource of, or "".
func (hb *headlessBundles) bundle(rel string) string {
	if strings.TrimSuffix(path.Base(rel), path.Ext(rel)) == "index" {
		return "" // the index itself: Rendered judges its front matter
	}
	for d := path.Dir(rel); d != "." && d != "/"; d = path.Dir(d) {
		if hb.headless(d) {
			return d
		}
	}
	return ""
}

// headless reports whether folder d holds a headless index, once per folder.
func (hb *headlessBundles) headless(d string) bool {
	hb.mu.Lock()
	defer hb.mu.Unlock()
	if v, ok := hb.of[d]; ok {
		return v
	}
	if hb.of == nil {
		hb.of = map[string]bool{}
	}
	v := false
	for _, n := range []string{"index.md", "index.markdown"} {
		rel := path.Join(d, n)
		src, err := os.ReadFile(filepath.Join(hb.dir, filepath.FromSlash(rel)))
		if err != nil {
			continue
		}
		fm, _ := markdown.FrontMatterMap(rel, src)
		v = v || headlessMatter(fm)
	}
	hb.of[d] = v
	return v
}

// headlessMatter reports whether front matter keeps a bundle from being
// rendered: headless: true, or build (_build) render: never (or false).
func headlessMatter(fm map[string]any) bool {
	if v, _ := lookup(fm, "headless"); v == true {
		return true
	}
	for _, k := range []string{"build", "_build"} {
		v, _ := lookup(fm, k)
		m, _ := v.(map[string]any)
		if r, _ := lookup(m, "render"); r == "never" || r == false || r == "false" {
			return true
		}
	}
	return false
}
