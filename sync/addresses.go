package sync

import (
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/wpsync/wpsync/markdown"
	sitegen "github.com/wpsync/wpsync/site"
)

// Links by site address
//
// A static site's pages link to each other by the address the generator
// gives them (/blog/go1.14/, ../other-post/, https://example.org/x/), not
// by file. The site adapter knows each page's address (site.Site.Address);
// siteAddresses maps them back to files, so that such a link becomes the
// permalink of that file's post, like a link to the .md file itself
// (linkTo: the same dependency tracking, pending links and relinking). A
// link from the site's root that no file of the folder has goes to
// wpsync.yaml's link_base when set, else stays as written with a warning.

// siteAddresses maps addresses to files and back.
type siteAddresses struct {
	byKey  map[string]string // addressKey → file
	ofFile map[string]string // file → address
}

// addressKey is the form addresses are compared in: from the root, no
// trailing slash, no index.html or .html (servers answer both), lower case
// (Hugo lowers its paths; a link rarely differs from its page only in case).
func addressKey(p string) string {
	p, _, _ = strings.Cut(p, "?")
	p = path.Clean("/" + p)
	p = strings.TrimSuffix(p, "/index.html")
	p = strings.TrimSuffix(p, ".html")
	if p == "" {
		p = "/"
	}
	return strings.ToLower(p)
}

// addresses reads, once per run and only when a link needs it, the address
// of every page of the folder from its front matter.
func (s *Syncer) addresses() *siteAddresses {
	s.x.addrMu.Lock()
	defer s.x.addrMu.Unlock()
	if s.x.addrs != nil {
		return s.x.addrs
	}
	a := &siteAddresses{byKey: map[string]string{}, ofFile: map[string]string{}}
	s.x.addrs = a
	gen := s.opts.Generator
	if gen == nil {
		return a
	}
	files, err := ScanFiles(s.opts.Dir, s.opts.Ignore, nil, sitegen.ReadsMDX(gen))
	if err != nil {
		return a
	}
	var aliases [][2]string   // address, file
	for _, f := range files { // sorted: of two files with one address, the first
		pg := gen.Page(f)
		if pg.Skip != "" {
			continue
		}
		src, err := os.ReadFile(filepath.Join(s.opts.Dir, filepath.FromSlash(f)))
		if err != nil {
			continue
		}
		fm, _ := markdown.FrontMatterMap(f, src)
		merged := map[string]any{}
		if pg.Rules != nil {
			for k, v := range pg.Rules.Defaults {
				merged[k] = v
			}
		}
		for k, v := range fm {
			merged[k] = v
		}
		if unrendered(merged) {
			continue // no page on the site: nothing links to it there
		}
		addr := gen.Address(f, merged)
		if addr == "" {
			continue
		}
		a.ofFile[f] = addr
		if _, taken := a.byKey[addressKey(addr)]; !taken {
			a.byKey[addressKey(addr)] = f
		}
		for _, al := range gen.Aliases(f, merged) {
			aliases = append(aliases, [2]string{al, f})
		}
	}
	// A page's other addresses (redirect_from, aliases) after every
	// page's own: on the static site a page written there wins over a
	// redirect.
	for _, al := range aliases {
		if _, taken := a.byKey[addressKey(al[0])]; !taken {
			a.byKey[addressKey(al[0])] = al[1]
		}
	}
	return a
}

// find returns the file whose page has address p, also with the site's
// base path (Jekyll's baseurl) taken off.
func (a *siteAddresses) find(p string, bases []string) string {
	if f := a.byKey[addressKey(p)]; f != "" {
		return f
	}
	for _, b := range bases {
		if !strings.HasPrefix(b, "/") {
			continue
		}
		if rest, ok := strings.CutPrefix(p, b); ok && (rest == "" || rest[0] == '/') {
			if f := a.byKey[addressKey(rest)]; f != "" {
				return f
			}
		}
	}
	return ""
}

// frontPage returns the WordPress site's address when p is the root of
// the static site ("/", or its base path) and no file of the folder has
// that address: the generator's home page (Hugo's content/_index.md) is
// no post, and the site's front page stands for it. "" otherwise.
func (s *Syncer) frontPage(p string, bases []string) string {
	if s.opts.Site == "" {
		return ""
	}
	home := addressKey(p) == "/"
	for _, b := range bases {
		if rest, ok := strings.CutPrefix(p, b); ok && strings.HasPrefix(b, "/") && (rest == "" || rest == "/") {
			home = true
		}
	}
	if !home {
		return ""
	}
	return strings.TrimRight(s.opts.Site, "/") + "/"
}

// resolveAddress resolves a link by site address (markdown.Ref.Address).
// A link that names a file of the folder other than a page (chart.svg,
// data.tsv) is that file, uploaded like a picture.
func (s *Syncer) resolveAddress(j *job, r markdown.Ref) (string, bool) {
	if f, ok := s.linkedFile(j, r); ok {
		m, err := s.resolveMedia(j, f)
		switch {
		case err != nil || m != nil && strings.HasPrefix(m.URL, "data:"):
			// Refused by the site (an SVG, unless a plugin allows it): a
			// drawing put inline would be no address to follow.
			why := "its type"
			if err != nil {
				why = err.Error()
			}
			j.ext.warnOnce(&j.warn, fmt.Sprintf("line %d: link to %s: the site does not take the file (%s): left as written", r.Line, r.Dest, why))
			return "", false
		case m == nil:
			return "", false // uploaded first; the file is written once it is
		}
		if d, err := url.PathUnescape(m.URL); err == nil {
			j.ext.ids[d] = m.ID
		}
		return m.URL, true
	}
	gen := s.opts.Generator
	if gen == nil || (gen.Config() == "" && gen.LinkBase() == "") {
		return "", false // a folder without a generator's configuration: its pages have no addresses
	}
	a := s.addresses()
	p := r.Path
	root := strings.HasPrefix(p, "/")
	if !root {
		own := a.ofFile[j.path]
		if own == "" {
			return "", false
		}
		if !strings.HasSuffix(own, "/") {
			own = path.Dir(own) + "/"
		}
		p = path.Join(own, p)
	}
	if target := a.find(p, gen.Bases()); target != "" {
		return s.linkTo(j, target)
	}
	if !root {
		return "", false // relative: an address of something else than a page (a folder, a feed)
	}
	written, _, _ := strings.Cut(r.Dest, "#")
	if home := s.frontPage(p, gen.Bases()); home != "" {
		return home, true
	}
	if lb := gen.LinkBase(); lb != "" {
		return lb + written, true
	}
	j.ext.warnOnce(&j.warn, fmt.Sprintf("line %d: link to %s: no page of the folder has that address on the site: left as written (set link_base: in wpsync.yaml to the old site's address to link there)", r.Line, written))
	return "", false
}

// linkedFile reads a link by address as a link to a media file of the
// folder (markdown.IsMediaPath), when one is there (relative to the file, or from
// the site's root in its static folders).
func (s *Syncer) linkedFile(j *job, r markdown.Ref) (markdown.Ref, bool) {
	if !markdown.IsMediaPath(r.Path) || strings.HasSuffix(r.Path, "/") {
		return r, false
	}
	f := r
	f.Kind, f.Address = markdown.RefFile, false
	if !strings.HasPrefix(r.Path, "/") {
		f.Path = path.Join(path.Dir(j.path), r.Path)
	}
	for _, c := range s.siteCandidates(f) {
		if c == ".." || strings.HasPrefix(c, "../") {
			return r, false
		}
		if fi, err := os.Stat(filepath.Join(s.opts.Dir, filepath.FromSlash(c))); err == nil && fi.Mode().IsRegular() {
			return f, true
		}
	}
	return r, false
}

// unrendered reports whether front matter keeps a file from being a page
// of its own (Hugo's headless and build options), as site.Site.Rendered
// would say of the parsed file.
func unrendered(fm map[string]any) bool {
	if fm["headless"] == true {
		return true
	}
	for _, k := range []string{"build", "_build"} {
		if m, ok := fm[k].(map[string]any); ok {
			if r := m["render"]; r == "never" || r == false || r == "false" {
				return true
			}
		}
	}
	return false
}
