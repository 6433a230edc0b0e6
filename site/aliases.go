package site

import (
	"path"
	"slices"
	"strings"
)

// Aliases: the other addresses of a page
//
// Generators can give a page addresses besides its own, which redirect to
// it on the static site: Hugo's and Zola's aliases, Jekyll's redirect_from
// (the jekyll-redirect-from plugin). A link to such an address is a link
// to that page. Each adapter reads its own field, the way its generator
// does.

// Aliases: a generator without its own redirects gives none.
func (b *base) Aliases(string, map[string]any) []string { return nil }

// jekyllRedirectPlugin is the plugin that reads redirect_from.
const jekyllRedirectPlugin = "jekyll-redirect-from"

// redirectsOn reports whether the configuration m turns the
// jekyll-redirect-from plugin on: plugins: lists it (gems: before Jekyll
// 3.5). GitHub Pages does not turn it on by default; it must be listed
// there too.
func redirectsOn(m map[string]any) bool {
	return slices.Contains(strs(m, "plugins"), jekyllRedirectPlugin) || slices.Contains(strs(m, "gems"), jekyllRedirectPlugin)
}

// Aliases are the addresses of redirect_from (one or a list) when the
// plugin is on, each from the site's root: the plugin adds a leading
// slash to one written without.
func (j *jekyll) Aliases(rel string, fm map[string]any) []string {
	if !j.redirects || j.Address(rel, fm) == "" {
		return nil
	}
	var out []string
	for _, a := range strs(fm, "redirect_from") {
		if a = strings.TrimSpace(a); a != "" && !hasURLScheme(a) {
			out = append(out, cleanAddress("/"+strings.TrimPrefix(a, "/")))
		}
	}
	return out
}

// Aliases are Hugo's aliases: one written from the root is that address;
// a relative one is beside the page (Hugo joins it to the page's address
// and "..").
func (h *hugo) Aliases(rel string, fm map[string]any) []string {
	own := h.Address(rel, fm)
	if own == "" {
		return nil
	}
	var out []string
	for _, a := range strs(fm, "aliases") {
		a = strings.TrimSpace(a)
		switch {
		case a == "" || hasURLScheme(a):
		case strings.HasPrefix(a, "/"):
			out = append(out, cleanAddress(a))
		default:
			p := path.Join(own, "..", a)
			if strings.HasSuffix(a, "/") {
				p += "/"
			}
			out = append(out, cleanAddress(p))
		}
	}
	return out
}

// Aliases are Zola's aliases: paths from the site's root, with or without
// their leading slash.
func (z *zola) Aliases(rel string, fm map[string]any) []string {
	if z.Address(rel, fm) == "" {
		return nil
	}
	var out []string
	for _, a := range strs(fm, "aliases") {
		if a = strings.TrimSpace(a); a != "" && !hasURLScheme(a) {
			out = append(out, cleanAddress("/"+strings.TrimPrefix(a, "/")))
		}
	}
	return out
}

// hasURLScheme reports whether a starts with a scheme (https:) or "//":
// an address on another site, which no link of this one is by.
func hasURLScheme(a string) bool {
	if strings.HasPrefix(a, "//") {
		return true
	}
	i := strings.IndexAny(a, ":/")
	return i > 0 && a[i] == ':'
}
