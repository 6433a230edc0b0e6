package site

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/wpsync/wpsync/markdown"
)

// jekyll is a Jekyll site (_config.yml). It reads:
//
//   - exclude: paths and globs Jekyll leaves out (skipped), beside its own
//     (node_modules, vendor, Gemfile…); include brings back a path that
//     starts with _ or .;
//   - collections and collections_dir: a collection's files are pages only
//     with output: true; _posts and _drafts are always read;
//   - defaults: front matter given by path and type (posts, drafts, pages
//     or a collection), the more specific scope winning;
//   - timezone: the zone of dates written without one.
//
// Files and folders starting with _ (other than collections) are not pages
// (_includes, _layouts), and neither is a file without front matter: Jekyll
// copies it as it is.
type jekyll struct {
	base
	exclude       []string
	include       []string
	collections   map[string]bool // label → output
	collDir       string
	defaults      []jekyllDefault
	liquid        *markdown.LiquidSite
	permalink     string            // the site's permalink style or pattern
	collPermalink map[string]string // each collection's permalink pattern
	redirects     bool              // jekyll-redirect-from is on: redirect_from are addresses of the page (aliases.go)
}

// jekyllDefault is one entry of defaults.
type jekyllDefault struct {
	Path   string
	Type   string
	Values map[string]any
}

// jekyllPruned are folders Jekyll itself never reads pages from.
var jekyllPruned = map[string]bool{"_site": true, "node_modules": true, "vendor": true, ".jekyll-cache": true, ".sass-cache": true}

func newJekyll(dir, name string, raw []byte, static []string) (*jekyll, error) {
	m, err := decode(name, raw)
	if err != nil {
		return nil, err
	}
	j := &jekyll{collections: map[string]bool{}, collPermalink: map[string]string{}}
	j.generator, j.config = "jekyll", name
	j.dialect = jekyllDialect
	j.dialect.HeadingIDs = jekyllHeadingIDs(m) // headingids.go
	j.dates = jekyllDates
	j.static = withStatic(static, []string{""})
	if j.zone, err = zone(name, "timezone", str(m, "timezone")); err != nil {
		return nil, err
	}
	j.exclude = strs(m, "exclude")
	j.permalink = str(m, "permalink")
	j.bases = bases(str(m, "url"), str(m, "baseurl"))
	j.include = strs(m, "include")
	j.redirects = redirectsOn(m)
	j.collDir = strings.Trim(path.Clean("/"+str(m, "collections_dir")), "/")
	if v, ok := lookup(m, "collections"); ok {
		switch v := v.(type) {
		case map[string]any:
			for label, c := range v {
				cm, _ := c.(map[string]any)
				out, _ := cm["output"].(bool)
				j.collections[label] = out
				if p, ok := cm["permalink"].(string); ok {
					j.collPermalink[label] = p
				}
			}
		case []any:
			for _, label := range v {
				if s, ok := label.(string); ok {
					j.collections[s] = false // Jekyll's default: no output
				}
			}
		}
	}
	if v, ok := lookup(m, "defaults"); ok {
		list, _ := v.([]any)
		for _, item := range list {
			d, _ := item.(map[string]any)
			values, _ := d["values"].(map[string]any)
			if values == nil {
				continue
			}
			scope, _ := d["scope"].(map[string]any)
			def := jekyllDefault{Values: values}
			if scope != nil {
				def.Path = strings.Trim(str(scope, "path"), "/")
				def.Type = str(scope, "type")
			}
			j.defaults = append(j.defaults, def)
		}
	}
	// The more specific path wins, and at equal paths the later entry.
	sort.SliceStable(j.defaults, func(a, b int) bool {
		return len(j.defaults[a].Path) < len(j.defaults[b].Path)
	})
	// What the pages' Liquid sees: a change to _data or _includes changes
	// what they show, so it is part of the key too.
	if j.liquid, err = markdown.ReadLiquidSite(dir, m); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	j.setKey(raw, []any{j.liquid.Site["data"], includesKey(j.liquid.Includes)})
	j.inputs = []string{"_data", "_includes"} // markdown.ReadLiquidSite's
	return j, nil
}

func (j *jekyll) Prune(rel string) bool { return jekyllPruned[rel] }

// kind returns the collection a file belongs to ("posts", "drafts", a
// collection's label, or "pages"), and whether Jekyll writes it out.
func (j *jekyll) kind(rel string) (string, bool) {
	in := rel
	if j.collDir != "" {
		in, _ = strings.CutPrefix(rel, j.collDir+"/")
	}
	parts := strings.Split(in, "/")
	for _, p := range parts[:len(parts)-1] {
		switch label := strings.TrimPrefix(p, "_"); {
		case p == "_posts":
			return "posts", true
		case p == "_drafts":
			return "drafts", true
		case strings.HasPrefix(p, "_"):
			if out, ok := j.collections[label]; ok {
				return label, out
			}
		}
	}
	return "pages", true
}

func (j *jekyll) Page(rel string) Page {
	for _, x := range j.exclude {
		if matchesPath(x, rel) {
			return Page{Skip: "excluded by exclude: " + x + " in " + j.config}
		}
	}
	kind, out := j.kind(rel)
	if !out {
		return Page{Skip: "in the collection " + kind + ", which has no output: true in " + j.config + ": Jekyll renders no page for it"}
	}
	if kind == "pages" && jekyllHome(rel) {
		return Page{Skip: jekyllHomePage}
	}
	if kind == "pages" {
		for _, p := range strings.Split(rel, "/") {
			if (strings.HasPrefix(p, "_") || strings.HasPrefix(p, "#") || strings.HasSuffix(p, "~")) && !j.included(rel) {
				return Page{Skip: "Jekyll reads no pages from " + p + " (a name starting with _ is not a page, as _includes and _layouts are not)"}
			}
		}
	}
	var values map[string]any
	for _, d := range j.defaults {
		if d.Path != "" && !matchesPath(d.Path, rel) {
			continue
		}
		if d.Type != "" && d.Type != kind && !(d.Type == "posts" && kind == "drafts") {
			continue
		}
		if values == nil {
			values = map[string]any{}
		}
		for k, v := range d.Values {
			values[k] = v
		}
	}
	rules := j.rules(values)
	rules.Liquid = j.liquid
	rules.Draft = kind == "drafts"
	return Page{Rules: rules}
}

// jekyllHome reports whether rel is Jekyll's home page: index.md (or
// index.markdown) at the site's root, which Jekyll writes as the site's
// index.html, its front page.
func jekyllHome(rel string) bool {
	return rel == "index.md" || rel == "index.markdown"
}

// jekyllHomePage says why Jekyll's home page is no post, as Hugo's is not
// (homePage): WordPress's front page is its theme's.
const jekyllHomePage = "Jekyll's home page (the site's front page): WordPress's front page is its theme's, or the page Settings → Reading names; to publish this text, move it to a page of its own (home.md) and choose that page there"

// PullPath writes Jekyll's posts where Jekyll reads them: an unpublished
// one in _drafts, a dated one as _posts/YYYY-MM-DD-NAME.md (sync reads the
// name without the date).
func (j *jekyll) PullPath(post PullPost) (dir, name string) {
	switch {
	case post.Type == "posts" && post.Unpublished:
		return "_drafts", post.Name
	case post.Type == "posts" && len(post.Date) >= 10:
		return "_posts", post.Date[:10] + "-" + post.Name
	}
	return j.base.PullPath(post)
}

// jekyllDates are Jekyll's date keys: date (over the file name's), and
// published, a true/false flag (https://jekyllrb.com/docs/front-matter/).
// Hugo's publishDate and pubdate mean nothing to Jekyll.
var jekyllDates = &markdown.DateKeys{Date: []string{"date"}, PublishedFlag: true}

// jekyllDialect is how Jekyll reads a page: kramdown (smart quotes,
// attribute lists, {:toc}), Liquid before it (the site's, set per page),
// "categories: a b" as two words, layout: page a page.
// A key given twice takes its last value, as Ruby's YAML reads it.
var jekyllDialect = markdown.SiteRules{Typographer: true, Kramdown: true, SplitWords: true, WholeTerms: true, PageLayouts: []string{"page"}, LastKeyWins: true}

// includesKey lists the files of _includes with their content, so that an
// edited include makes the pages read again (contents, not times: the key
// must be the same in every checkout).
func includesKey(dir string) string {
	if dir == "" {
		return ""
	}
	var b strings.Builder
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if raw, err := os.ReadFile(p); err == nil {
			fmt.Fprintf(&b, "%s %x\n", filepath.ToSlash(p[len(dir):]), sha256.Sum256(raw))
		}
		return nil
	})
	return b.String()
}

// included reports whether include: names rel or a folder above it.
func (j *jekyll) included(rel string) bool {
	for _, x := range j.include {
		if matchesPath(x, rel) {
			return true
		}
	}
	return false
}

// matchesPath matches a Jekyll path setting: the path itself or a folder
// above it, or a glob.
func matchesPath(pattern, rel string) bool {
	pattern = strings.Trim(pattern, "/")
	if pattern == "" {
		return true
	}
	if rel == pattern || strings.HasPrefix(rel, pattern+"/") {
		return true
	}
	if ok, _ := path.Match(pattern, rel); ok {
		return true
	}
	// A glob names a file or folder at any depth (exclude: ["*.tmp"]).
	for d := rel; d != "." && d != "/"; d = path.Dir(d) {
		if ok, _ := path.Match(pattern, path.Base(d)); ok && !strings.Contains(pattern, "/") {
			return true
		}
	}
	return false
}

func (j *jekyll) Rendered(_ string, doc *markdown.Document) string {
	if !doc.HasFrontMatter {
		return "no front matter: Jekyll copies the file as it is, it renders no page for it"
	}
	return rendered(doc)
}
