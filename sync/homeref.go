package sync

import (
	"path"
	"strings"
)

// homeLink gives the site's front page for a link to the generator's home
// page file (Hugo's {{< ref "/" >}}, a link to content/_index.md, Jekyll's
// {% link index.md %}): that file is no post (site/hugo.go, site/jekyll.go),
// so it never gets a permalink, and the link would wait for one for ever;
// the WordPress site's front page stands for it, as for a link by the
// address "/" (frontPage). ok is false for any other file.
func (s *Syncer) homeLink(target string) (string, bool) {
	g := s.opts.Generator
	if g == nil {
		return "", false
	}
	root := g.Content()
	if root == "" {
		root = "."
	}
	stem := strings.TrimSuffix(path.Base(target), path.Ext(target))
	if path.Dir(target) != root || stem != "_index" && stem != "index" || g.Page(target).Skip == "" {
		return "", false
	}
	home := s.frontPage("/", nil)
	return home, home != ""
}
