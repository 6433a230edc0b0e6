package site

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/wpsync/wpsync/markdown"
	"gopkg.in/yaml.v3"
)

// docusaurus is a Docusaurus site (docusaurus.io), recognised by its
// docusaurus.config.js (or .ts, .mjs, .cjs) in the synced folder. As
// Docusaurus documents it:
//
//   - blog/ holds posts: YYYY-MM-DD-slug.md files and YYYY-MM-DD-slug/
//     folders with an index.md, the date and slug from the name; draft:
//     true is not published; <!-- truncate --> is the more tag;
//   - docs/ holds docs, published as WordPress pages: their address is
//     the docs' routeBasePath and the doc's folder and id (front matter
//     id, else the file name without its number prefix), or its slug;
//     sidebar_position is the page's order (menu_order); a folder's
//     _category_ file names its page, the parent of its docs
//     (docusaurus_docs.go);
//   - .md and .mdx files are MDX (ReadsMDX); unlisted: true is private;
//   - src/pages/ holds standalone pages;
//   - static/ holds what /img/… addresses name;
//   - files and folders starting with _ are partials, not pages.
//
// The configuration is JavaScript: its url, baseUrl and the docs' and
// blog's path and routeBasePath are read where they are written as
// literal strings (the common form); what cannot be read keeps
// Docusaurus's default, and Notes says so.
type docusaurus struct {
	plain
	dir       string
	docsPath  string // "docs"; "" when the docs plugin is off
	docsRoute string // "docs"
	blogPath  string // "blog"; "" when the blog plugin is off
	blogRoute string // "blog"
	notes     []string
	authors   map[string]any // the blog's authors.yml, by key
	docs      *docsIndex     // the docs' categories (docusaurus_docs.go)
}

// docusaurusConfigs are the names of its configuration file, in the order
// Docusaurus looks for them.
var docusaurusConfigs = []string{"docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs", "docusaurus.config.cjs", "docusaurus.config.mts", "docusaurus.config.cts"}

// docusaurusPruned are folders that hold no pages: the built site, its
// cache, its packages.
var docusaurusPruned = map[string]bool{"node_modules": true, "build": true, ".docusaurus": true, "static": true}

var (
	// jsString is a property set to a string literal: name: "x", 'x' or `x`.
	jsStringProp = `(?:^|[\s,{])%s\s*:\s*(?:"([^"\n]*)"|'([^'\n]*)'|` + "`([^`$\\n]*)`" + `)`
	jsOff        = `(?:^|[\s,{])%s\s*:\s*false\b`
)

// jsProp reads the literal string property name of the JavaScript src:
// its value, whether it is there at all, and whether it is a literal.
func jsProp(src, name string) (val string, present, literal bool) {
	if m := regexp.MustCompile(fmt.Sprintf(jsStringProp, regexp.QuoteMeta(name))).FindStringSubmatch(src); m != nil {
		return m[1] + m[2] + m[3], true, true
	}
	present = regexp.MustCompile(`(?:^|[\s,{])` + regexp.QuoteMeta(name) + `\s*:`).MatchString(src)
	return "", present, false
}

// jsObject is the text of the object literal the property name is set
// to ("docs: { … }"), braces balanced; off when it is set to false.
func jsObject(src, name string) (obj string, off bool) {
	if regexp.MustCompile(fmt.Sprintf(jsOff, name)).MatchString(src) {
		return "", true
	}
	loc := regexp.MustCompile(`(?:^|[\s,{])` + name + `\s*:\s*\{`).FindStringIndex(src)
	if loc == nil {
		return "", false
	}
	depth := 0
	for i := loc[1] - 1; i < len(src); i++ {
		switch src[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return src[loc[1]-1 : i+1], false
			}
		}
	}
	return src[loc[1]-1:], false
}

// findDocusaurus returns the configuration file of a Docusaurus site in
// dir, "" for none.
func findDocusaurus(dir string) string {
	for _, n := range docusaurusConfigs {
		if fi, err := os.Stat(filepath.Join(dir, n)); err == nil && fi.Mode().IsRegular() {
			return n
		}
	}
	return ""
}

func newDocusaurus(dir, config string, static []string) *docusaurus {
	d := &docusaurus{plain: *newPlain(dir, nil), dir: dir, docsPath: "docs", docsRoute: "docs", blogPath: "blog", blogRoute: "blog"}
	d.generator, d.config = "docusaurus", config
	d.static = withStatic(static, []string{"static"})
	d.dialect = markdown.SiteRules{Docusaurus: true, RollDates: true, HeadingIDs: docusaurusHeadingIDs} // headingids.go
	d.cascading = false
	raw, _ := os.ReadFile(filepath.Join(dir, config))
	src := string(raw)
	url, _, _ := jsProp(src, "url")
	baseURL, present, literal := jsProp(src, "baseUrl")
	if present && !literal {
		d.notes = append(d.notes, config+": baseUrl is not written as a string: read as \"/\" (links by the site's address that start with it are not found)")
	}
	d.bases = bases(url, baseURL)
	for _, plugin := range []struct {
		name          string
		path, route   *string
		defaultFolder string
	}{{"docs", &d.docsPath, &d.docsRoute, "docs"}, {"blog", &d.blogPath, &d.blogRoute, "blog"}} {
		obj, off := jsObject(src, plugin.name)
		if off {
			*plugin.path = ""
			continue
		}
		for _, p := range []struct {
			key string
			to  *string
		}{{"path", plugin.path}, {"routeBasePath", plugin.route}} {
			v, present, literal := jsProp(obj, p.key)
			switch {
			case literal:
				*p.to = strings.Trim(path.Clean("/"+v), "/")
			case present:
				d.notes = append(d.notes, fmt.Sprintf("%s: %s: %s is not written as a string: read as Docusaurus's default %q", config, plugin.name, p.key, *p.to))
			}
		}
	}
	var authors []byte
	if d.blogPath != "" {
		// The blog's authors, by the key posts name them by.
		p := path.Join(d.blogPath, "authors.yml")
		if authors, _ = os.ReadFile(filepath.Join(dir, filepath.FromSlash(p))); authors != nil {
			if err := yaml.Unmarshal(authors, &d.authors); err != nil {
				d.notes = append(d.notes, fmt.Sprintf("%s: %v: posts' authors are read as written", p, err))
			}
		}
		d.inputs = append(d.inputs, p)
	}
	categories := d.readCategories() // docusaurus_docs.go
	d.setKey(raw, []string{d.docsPath, d.docsRoute, d.blogPath, d.blogRoute, string(authors), categories})
	d.inputs = append(d.inputs, config)
	return d
}

func (d *docusaurus) Notes() []string       { return d.notes }
func (d *docusaurus) Unadapted() *Unadapted { return nil }

func (d *docusaurus) Prune(rel string) bool {
	return docusaurusPruned[rel] || strings.HasPrefix(path.Base(rel), "_") && rel != "_"
}

// kind is what Docusaurus makes of the file rel: "docs", "blog",
// "pages" (src/pages), or "" for none.
func (d *docusaurus) kind(rel string) string {
	switch {
	case d.docsPath != "" && within(rel, d.docsPath):
		return "docs"
	case d.blogPath != "" && within(rel, d.blogPath):
		return "blog"
	case within(rel, "src/pages"):
		return "pages"
	}
	return ""
}

func (d *docusaurus) Page(rel string) Page {
	kind := d.kind(rel)
	if kind == "" {
		return Page{Skip: "not in the Docusaurus site's docs, blog or src/pages folder: Docusaurus renders no page of it"}
	}
	for _, part := range strings.Split(rel, "/") {
		if strings.HasPrefix(part, "_") {
			return Page{Skip: "a partial (its name starts with _): Docusaurus renders no page of it, it is imported by others"}
		}
	}
	rules := d.rules(nil)
	if kind != "blog" {
		rules.Page = "page"
	}
	raw, err := os.ReadFile(filepath.Join(d.dir, filepath.FromSlash(rel)))
	if err != nil {
		return Page{Rules: rules}
	}
	fm, _ := markdown.FrontMatterMap(rel, raw)
	defaults := map[string]any{}
	if v, ok := fm["sidebar_position"]; ok && kind == "docs" {
		// sidebar_position orders the docs of a folder, as menu_order
		// orders WordPress pages of one parent.
		defaults["menu_order"] = v
	}
	if kind == "docs" {
		d.docDefaults(rel, fm, defaults) // docusaurus_docs.go
	}
	if kind == "blog" {
		if name, unknown := d.author(fm["authors"]); name != "" {
			// The first author, by the name authors.yml gives the key: the
			// WordPress user of that name (author wins over authors).
			defaults["author"] = name
		} else if unknown != "" {
			authors := path.Join(d.blogPath, "authors.yml")
			rules.FieldWarnings = map[string]string{"authors": fmt.Sprintf("authors: %q is not a key of %s, which Docusaurus reads authors by (its build stops on it): the post keeps the author WordPress gives it; add %s to %s, or write the author inline ({name: …})", unknown, authors, unknown, authors)}
		}
	}
	unlisted(fm, defaults) // docusaurus_docs.go
	if len(defaults) > 0 {
		rules.Defaults = defaults
	}
	return Page{Rules: rules}
}

// author is the name of a post's first author: a key of authors.yml (its
// name there, else the key), or an author written inline ({name: …}).
// A key authors.yml has not is unknown (name is "" then): Docusaurus
// reads authors by key only (https://docusaurus.io/docs/blog#global-authors).
func (d *docusaurus) author(v any) (name, unknown string) {
	if l, ok := v.([]any); ok && len(l) > 0 {
		v = l[0]
	}
	switch v := v.(type) {
	case string:
		a, ok := d.authors[v]
		if !ok {
			return "", v
		}
		if a, ok := a.(map[string]any); ok {
			if name, _ := a["name"].(string); name != "" {
				return name, ""
			}
		}
		return v, ""
	case map[string]any:
		if key, _ := v["key"].(string); key != "" {
			return d.author(key)
		}
		name, _ := v["name"].(string)
		return name, ""
	}
	return "", ""
}

// numberPrefix is the number prefix Docusaurus takes off a doc's file
// and folder names ("01-intro", "2. setup").
var numberPrefix = regexp.MustCompile(`^\d+\s*[-_.]+\s*`)

// Address is the page's address on the Docusaurus site, without its
// baseUrl.
func (d *docusaurus) Address(rel string, fm map[string]any) string {
	kind := d.kind(rel)
	stem := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
	slug := str(fm, "slug")
	switch kind {
	case "docs":
		in := strings.TrimPrefix(strings.TrimPrefix(rel, d.docsPath), "/")
		dir := path.Dir(in)
		var parts []string
		if dir != "." {
			for _, p := range strings.Split(dir, "/") {
				parts = append(parts, numberPrefix.ReplaceAllString(p, ""))
			}
		}
		folder := path.Join(parts...)
		switch {
		case strings.HasPrefix(slug, "/"):
			return docAddress(d.docsRoute, slug)
		case slug != "":
			return docAddress(d.docsRoute, path.Join(folder, slug))
		}
		id := str(fm, "id")
		if id == "" {
			id = numberPrefix.ReplaceAllString(stem, "")
			// A folder's index doc is the folder's page.
			if l := strings.ToLower(id); l == "index" || l == "readme" || len(parts) > 0 && l == strings.ToLower(parts[len(parts)-1]) {
				return docAddress(d.docsRoute, folder)
			}
		}
		return docAddress(d.docsRoute, path.Join(folder, id))
	case "blog":
		in := strings.TrimPrefix(strings.TrimPrefix(rel, d.blogPath), "/")
		if slug != "" {
			return docAddress(d.blogRoute, slug)
		}
		name := strings.TrimSuffix(in, path.Ext(in))
		if stem == "index" && path.Dir(in) != "." {
			name = path.Dir(in)
		}
		dir, base := path.Split(name)
		if m := blogDate.FindStringSubmatch(base); m != nil {
			return docAddress(d.blogRoute, path.Join(dir, m[1], m[2], m[3], m[4]))
		}
		return docAddress(d.blogRoute, name)
	case "pages":
		in := strings.TrimSuffix(strings.TrimPrefix(rel, "src/pages/"), path.Ext(rel))
		if path.Base(in) == "index" {
			in = path.Dir(in)
		}
		return docAddress("", in)
	}
	return ""
}

// blogDate is the date at the start of a blog post's name.
var blogDate = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})-(.+)$`)

// docAddress joins a route and a path into an address from the root.
func docAddress(route, p string) string {
	a := path.Join("/", route, p)
	return a
}

// Reads adds the configuration file.
func (d *docusaurus) Reads(rel string) bool {
	for _, n := range docusaurusConfigs {
		if rel == n {
			return true
		}
	}
	if isCategoryFile(rel) && d.kind(rel) == "docs" {
		return true // docusaurus_docs.go
	}
	return d.plain.Reads(rel)
}

// mdx: Docusaurus reads .mdx files as it reads .md ones (ReadsMDX).
func (d *docusaurus) mdx() bool { return true }
