package site

import (
	"os"
	"path/filepath"
	"strings"
)

// A folder inside a site wpsync has an adapter for
//
// Run in a Hugo site's content/ folder (or a Jekyll site's _posts/, a Zola
// site's content/, a Docusaurus site's docs/, a Hexo site's
// source/_posts, an Astro site's src/content/blog), wpsync sees no
// configuration file beside the files and would read them as a plain
// folder: Hugo's shortcodes, Jekyll's Liquid, Docusaurus's MDX reach
// readers as written. The site's configuration is in a folder above:
// Detect says so (an Unadapted with Site set), and the run, status and
// doctor tell the user to run wpsync there. Eleventy's adapter finds its
// configuration above by itself (its input folder is often src/).

// aboveKind is how one adapted generator's site is recognised from a
// folder below it, as detect recognises it in its own folder.
type aboveKind struct {
	key, name, notRun string
	seen              func(dir string) string // its configuration file in dir, "" for none
}

var aboveKinds = []aboveKind{
	{"hugo", "a Hugo site", "its shortcodes ({{< … >}}), ref links and front matter cascades are not run", hugoConfigIn},
	{"jekyll", "a Jekyll site", "its Liquid tags ({% … %}), includes and front matter defaults are not run", jekyllConfigIn},
	{"zola", "a Zola site", "its shortcodes ({{ … }}) and internal links (@/…) are not run", zolaConfigIn},
	{"docusaurus", "a Docusaurus site", "its MDX (import lines, JSX components such as <Tabs>), admonitions :::note and heading ids {#id} are not run", findDocusaurus},
	{"hexo", "a Hexo site", "its tag plugins ({% … %}), permalinks and asset folders are not run", hexoConfigIn},
	{"astro", "an Astro site", "its content collections and MDX (import lines, components) are not read", findAstro},
}

// findSiteAbove finds the configuration of a site wpsync has an adapter
// for in a folder above dir (up to ancestors folders up, and not above the
// root of a Git checkout). It returns nil when there is none, else the
// generator with Site, the site's folder relative to dir (".."), and how
// many folders up it is.
func findSiteAbove(dir string) (*Unadapted, int) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, 0
	}
	for up := 1; up <= ancestors; up++ {
		if _, err := os.Stat(filepath.Join(abs, ".git")); err == nil {
			break // the root of the checkout
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			break
		}
		abs = parent
		for _, k := range aboveKinds {
			if name := k.seen(abs); name != "" {
				site := strings.TrimSuffix(strings.Repeat("../", up), "/")
				return &Unadapted{Key: k.key, Name: k.name, Evidence: site + "/" + name, NotRun: k.notRun, Site: site}, up
			}
		}
	}
	return nil, 0
}

// hugoConfigIn is Hugo's configuration file in dir, as detect finds it.
func hugoConfigIn(dir string) string {
	for _, sub := range []string{"", hugoConfigDir} {
		names := make([]string, len(hugoConfigs))
		for i, n := range hugoConfigs {
			names[i] = sub + n
		}
		raw, name, ok := readFirst(dir, names...)
		if !ok {
			continue
		}
		if sub != "" || strings.HasPrefix(name, "hugo") {
			return name
		}
		if m, err := decode(name, raw); err == nil && isHugoConfig(m) {
			return name
		}
	}
	return ""
}

// jekyllConfigIn is Jekyll's _config.* in dir when its _posts folder is
// there too (a _config.yml alone names other tools as well), not Hexo's.
func jekyllConfigIn(dir string) string {
	if fi, err := os.Stat(filepath.Join(dir, "_posts")); err != nil || !fi.IsDir() || isHexo(dir) {
		return ""
	}
	if _, name, ok := readFirst(dir, jekyllConfigs...); ok {
		return name
	}
	return ""
}

// hexoConfigIn is Hexo's _config.yml in dir when dir holds a Hexo site
// (isHexo: beside source/_posts, with Hexo's keys or package).
func hexoConfigIn(dir string) string {
	if isHexo(dir) {
		return "_config.yml"
	}
	return ""
}

// zolaConfigIn is Zola's config.toml in dir: one with base_url.
func zolaConfigIn(dir string) string {
	raw, name, ok := readFirst(dir, zolaConfig)
	if !ok {
		return ""
	}
	if m, err := decode(name, raw); err == nil {
		if _, zola := m["base_url"]; zola {
			return name
		}
	}
	return ""
}
