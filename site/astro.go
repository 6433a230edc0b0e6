package site

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/wpsync/wpsync/markdown"
)

// astro is an Astro site (docs.astro.build), recognised by its
// astro.config.mjs (or .ts, .js, .cjs, .mts) or by a package.json that
// depends on astro. As Astro documents it:
//
//   - content collections hold the entries: src/content.config.* (Astro 5;
//     src/content/config.* before) names each (defineCollection), with a
//     glob({ pattern, base }) loader saying which files are its entries,
//     or none (the legacy collections): the folder src/content/<name>;
//     without a configuration every folder of src/content is one;
//   - an entry's id is its slug front matter, else its path in the
//     collection slugified, index naming its folder; its address is the
//     route of the page in src/pages that lists the collection
//     (src/pages/blog/[...slug].astro calling getCollection("blog")),
//     else /<collection>/<id>/;
//   - src/pages/**/*.md and .mdx are pages of their own, at their path;
//   - files and folders whose name starts with _ are not routed (pages)
//     nor entries (the legacy collections);
//   - public/ holds what /x.jpg names;
//   - .mdx files are MDX (SiteRules.MDX).
//
// Astro itself gives no meaning to front matter: that is the site's
// schema and templates. wpsync reads the fields of Astro's blog template
// (pubDate, updatedDate, heroImage, description) and the common ones
// (date, draft, tags, slug).
//
// The configurations are JavaScript: the collections' names, patterns and
// bases, the site and base are read where they are written as literal
// strings (the common form); what cannot be read keeps the default, and
// Notes says so.
type astro struct {
	plain
	dir         string
	collections []*astroCollection
	notes       []string
}

// astroCollection is one content collection of Markdown entries.
type astroCollection struct {
	name     string
	base     string   // its folder, relative to the site ("src/content/blog")
	patterns []string // glob patterns relative to base; nil: every .md and .mdx file
	route    string   // the address its entries are under ("blog")
	posts    bool     // its entries are posts (else pages)
	// starlight: Starlight's docs collection, routed from the site's
	// root (/<id>/) by Starlight's own route.
	starlight bool
}

// astroConfigs are the names of Astro's configuration file.
var astroConfigs = []string{"astro.config.mjs", "astro.config.ts", "astro.config.js", "astro.config.cjs", "astro.config.mts", "astro.config.cts"}

// astroCollectionConfigs are where the collections are defined: Astro 5's
// first, then the legacy place.
var astroCollectionConfigs = []string{
	"src/content.config.ts", "src/content.config.mts", "src/content.config.js", "src/content.config.mjs",
	"src/content/config.ts", "src/content/config.mts", "src/content/config.js", "src/content/config.mjs",
}

// astroPruned are folders that hold no pages: the built site, its cache,
// its packages, public files.
var astroPruned = map[string]bool{"node_modules": true, "dist": true, ".astro": true, "public": true}

// astroPostCollections are names of collections whose entries are posts
// whatever their schema says.
var astroPostCollections = map[string]bool{"blog": true, "posts": true, "post": true, "articles": true, "news": true}

// findAstro returns the file by which dir is an Astro site: its
// configuration, else package.json when it depends on astro; "" for none.
func findAstro(dir string) string {
	for _, n := range astroConfigs {
		if fi, err := os.Stat(filepath.Join(dir, n)); err == nil && fi.Mode().IsRegular() {
			return n
		}
	}
	raw, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return ""
	}
	var pkg struct {
		Dependencies    map[string]any `json:"dependencies"`
		DevDependencies map[string]any `json:"devDependencies"`
	}
	if json.Unmarshal(raw, &pkg) != nil {
		return ""
	}
	if _, ok := pkg.Dependencies["astro"]; ok {
		return "package.json"
	}
	if _, ok := pkg.DevDependencies["astro"]; ok {
		return "package.json"
	}
	return ""
}

// newAstroNamed is the site wpsync.yaml's generator: astro names.
func newAstroNamed(dir string, static []string) Site {
	config := findAstro(dir)
	if config == "" {
		config = "generator: astro in wpsync.yaml"
	}
	return newAstro(dir, config, static)
}

func newAstro(dir, config string, static []string) *astro {
	a := &astro{plain: *newPlain(dir, nil), dir: dir}
	a.generator, a.config = "astro", config
	a.static = withStatic(static, []string{"public"})
	a.dialect = markdown.SiteRules{Dates: astroDates, HeadingIDs: astroHeadingIDs} // headingids.go
	a.cascading = false
	raw, _ := os.ReadFile(filepath.Join(dir, config))
	src := string(raw)
	var site, basePath string
	if config != "package.json" {
		site, _, _ = jsProp(src, "site")
		var present, literal bool
		basePath, present, literal = jsProp(src, "base")
		if present && !literal {
			a.notes = append(a.notes, config+": base is not written as a string: read as \"/\" (links by the site's address that start with it are not found)")
		}
	}
	a.bases = bases(site, basePath)
	collRaw := a.readCollections()
	routes := a.readRoutes()
	for _, c := range a.collections {
		c.route = c.name
		if r, ok := routes[c.name]; ok {
			c.route = r
		} else if c.starlight {
			c.route = ""
		}
	}
	var key []string
	for _, c := range a.collections {
		key = append(key, fmt.Sprintf("%s %s %q %s %v", c.name, c.base, c.patterns, c.route, c.posts))
	}
	a.setKey(raw, []string{collRaw, strings.Join(key, "\n")})
	a.inputs = append(a.inputs, config)
	a.inputs = append(a.inputs, astroCollectionConfigs...)
	return a
}

// astroDates are the date keys of Astro's blog template (pubDate,
// updatedDate) and the common date.
var astroDates = &markdown.DateKeys{Date: []string{"pubdate", "date", "publishdate"}, Lastmod: []string{"updateddate", "lastmod", "updated"}}

var (
	// defineCollection is a collection's definition: const name =
	// defineCollection({ or name: defineCollection({.
	astroDefine = regexp.MustCompile(`(?:(?:const|let|var)\s+([\w$]+)\s*=|([\w$]+|"[^"]+"|'[^']+')\s*:)\s*defineCollection\s*\(\s*\{`)
	// astroCollectionsExport is the export naming the collections.
	astroCollectionsExport = regexp.MustCompile(`export\s+const\s+collections\s*=\s*\{`)
	astroEntry             = regexp.MustCompile(`^\s*(?:([\w$]+)|"([^"]+)"|'([^']+)')\s*(?::\s*([\w$]+))?\s*$`)
	astroGlob              = regexp.MustCompile(`\bglob\s*\(\s*\{`)
	astroStrings           = regexp.MustCompile(`"([^"\n]*)"|'([^'\n]*)'|` + "`([^`$\\n]*)`")
	astroPatternArray      = regexp.MustCompile(`(?:^|[\s,{])pattern\s*:\s*\[([^\]]*)\]`)
	astroSchemaDate        = regexp.MustCompile(`(?:^|[\s,{])(?:pubDate|date|publishDate)\s*:`)
)

// balanced is the text of the brace block that starts at src[open].
func balanced(src string, open int) string {
	depth := 0
	for i := open; i < len(src); i++ {
		switch src[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return src[open : i+1]
			}
		}
	}
	return src[open:]
}

// readCollections reads the collections' configuration, and returns its
// text.
func (a *astro) readCollections() string {
	raw, name, ok := readFirst(a.dir, astroCollectionConfigs...)
	if !ok || raw == nil {
		a.legacyCollections(nil)
		return ""
	}
	src := string(raw)
	defs := map[string]string{} // variable or key → the definition's object
	var order []string
	for _, loc := range astroDefine.FindAllStringSubmatchIndex(src, -1) {
		v := ""
		if loc[2] >= 0 {
			v = src[loc[2]:loc[3]]
		} else {
			v = strings.Trim(src[loc[4]:loc[5]], `"'`)
		}
		defs[v] = balanced(src, loc[1]-1)
		order = append(order, v)
	}
	// The names are the keys of export const collections = { … }; a
	// definition not named there is no collection.
	names := map[string]string{} // collection name → variable
	var named []string
	if loc := astroCollectionsExport.FindStringIndex(src); loc != nil {
		obj := balanced(src, loc[1]-1)
		inner := strings.TrimSuffix(strings.TrimPrefix(obj, "{"), "}")
		for _, part := range splitTopLevel(inner) {
			if m := astroEntry.FindStringSubmatch(part); m != nil {
				n := m[1] + m[2] + m[3]
				v := m[4]
				if v == "" {
					v = n
				}
				names[n] = v
				named = append(named, n)
			} else if i := strings.Index(part, ":"); i > 0 {
				// name: defineCollection({…}) inline: its key is its name.
				n := strings.Trim(strings.TrimSpace(part[:i]), `"'`)
				if _, ok := defs[n]; ok {
					names[n] = n
					named = append(named, n)
				}
			}
		}
	} else {
		a.notes = append(a.notes, name+": no export const collections = { … } read: each defineCollection is taken as the collection of its variable's name")
		for _, v := range order {
			names[v] = v
			named = append(named, v)
		}
	}
	if len(named) == 0 {
		a.legacyCollections(nil)
		return src
	}
	var legacy []string
	for _, n := range named {
		def, ok := defs[names[n]]
		if !ok {
			a.notes = append(a.notes, fmt.Sprintf("%s: collection %s: its definition is not read: its entries are read from src/content/%s", name, n, n))
			legacy = append(legacy, n)
			continue
		}
		c := &astroCollection{name: n, posts: astroPostCollections[n] || astroSchemaDate.MatchString(def)}
		if loc := astroGlob.FindStringIndex(def); loc != nil {
			opts := balanced(def, loc[1]-1)
			b, present, literal := jsProp(opts, "base")
			switch {
			case literal:
				c.base = strings.Trim(path.Clean("/"+b), "/")
			case present:
				a.notes = append(a.notes, fmt.Sprintf("%s: collection %s: the glob loader's base is not written as a string: read as src/content/%s", name, n, n))
				c.base = "src/content/" + n
			default:
				c.base = "" // the site's root, glob()'s default
			}
			if p, _, literal := jsProp(opts, "pattern"); literal {
				c.patterns = []string{p}
			} else if m := astroPatternArray.FindStringSubmatch(opts); m != nil {
				for _, s := range astroStrings.FindAllStringSubmatch(m[1], -1) {
					c.patterns = append(c.patterns, s[1]+s[2]+s[3])
				}
			} else {
				a.notes = append(a.notes, fmt.Sprintf("%s: collection %s: the glob loader's pattern is not written as a string: every .md and .mdx file under %s is read as its entries", name, n, c.base))
			}
		} else if strings.Contains(def, "docsLoader(") {
			// Starlight's docs: its loader reads src/content/docs, and
			// Starlight routes them from the site's root.
			c.base, c.patterns, c.starlight = "src/content/docs", []string{"**/[^_]*.{markdown,mdx,md}"}, true
		} else if strings.Contains(def, "loader") {
			// Another loader (file(), a CMS's): no Markdown files of
			// the site are its entries.
			continue
		} else {
			c.base = "src/content/" + n
		}
		a.collections = append(a.collections, c)
	}
	a.legacyCollections(legacy)
	return src
}

// legacyCollections adds the collections of src/content's folders: those
// named (a definition wpsync could not read), or with nil every folder
// (no configuration: the collections Astro generates).
func (a *astro) legacyCollections(names []string) {
	if names == nil {
		entries, _ := os.ReadDir(filepath.Join(a.dir, "src", "content"))
		for _, e := range entries {
			if e.IsDir() && !strings.HasPrefix(e.Name(), "_") && !strings.HasPrefix(e.Name(), ".") {
				names = append(names, e.Name())
			}
		}
	}
	for _, n := range names {
		a.collections = append(a.collections, &astroCollection{name: n, base: "src/content/" + n, posts: astroPostCollections[n]})
	}
}

// splitTopLevel splits an object literal's inside at its top-level commas.
func splitTopLevel(s string) []string {
	var out []string
	depth, last := 0, 0
	for i, r := range s {
		switch r {
		case '{', '(', '[':
			depth++
		case '}', ')', ']':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, s[last:i])
				last = i + 1
			}
		}
	}
	if strings.TrimSpace(s[last:]) != "" {
		out = append(out, s[last:])
	}
	return out
}

// astroDynamic is a dynamic route's file name: [...slug].astro,
// [slug].astro, [...id].astro, [id].astro.
var astroDynamic = regexp.MustCompile(`^\[(?:\.\.\.)?[\w$]+\]\.(?:astro|ts|js)$`)

// astroGetCollection is a call listing a collection's entries.
var astroGetCollection = regexp.MustCompile(`getCollection\s*\(\s*["']([^"']+)["']`)

// readRoutes finds, for each collection, the folder of src/pages whose
// dynamic route lists it: the route its entries are at.
func (a *astro) readRoutes() map[string]string {
	routes := map[string]string{}
	pages := filepath.Join(a.dir, "src", "pages")
	var found []string
	_ = filepath.WalkDir(pages, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !astroDynamic.MatchString(d.Name()) {
			return nil
		}
		found = append(found, p)
		return nil
	})
	sort.Strings(found)
	for _, p := range found {
		raw, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		rel, _ := filepath.Rel(pages, filepath.Dir(p))
		route := filepath.ToSlash(rel)
		if route == "." {
			route = ""
		}
		for _, m := range astroGetCollection.FindAllStringSubmatch(string(raw), -1) {
			if _, ok := routes[m[1]]; !ok {
				routes[m[1]] = route
			}
		}
	}
	return routes
}

func (a *astro) Notes() []string       { return a.notes }
func (a *astro) Unadapted() *Unadapted { return nil }

// mdx: Astro reads .mdx files with its MDX integration (ReadsMDX).
func (a *astro) mdx() bool { return true }

func (a *astro) Prune(rel string) bool { return astroPruned[rel] }

// collection is the collection the file rel is an entry of, and its path
// in the collection; nil for none.
func (a *astro) collection(rel string) (*astroCollection, string) {
	for _, c := range a.collections {
		in := rel
		if c.base != "" {
			if !within(rel, c.base) || rel == c.base {
				continue
			}
			in = strings.TrimPrefix(rel, c.base+"/")
		}
		if c.patterns == nil {
			if hidden(in) {
				continue // the legacy collections leave _ files out
			}
			return c, in
		}
		for _, p := range c.patterns {
			if ok, _ := doublestar.Match(astroPattern(p), in); ok {
				return c, in
			}
		}
	}
	return nil, ""
}

// astroPattern is a glob pattern as picomatch reads it, written for
// doublestar: an alternative in parentheses, *.(md|mdx), is {md,mdx}.
func astroPattern(p string) string {
	return astroParens.ReplaceAllStringFunc(p, func(s string) string {
		return "{" + strings.ReplaceAll(s[1:len(s)-1], "|", ",") + "}"
	})
}

var astroParens = regexp.MustCompile(`\(([^()]*\|[^()]*)\)`)

// hidden reports whether a part of the slash path p starts with _.
func hidden(p string) bool {
	for _, part := range strings.Split(p, "/") {
		if strings.HasPrefix(part, "_") {
			return true
		}
	}
	return false
}

// isAstroPage reports whether rel is a Markdown page of src/pages.
func isAstroPage(rel string) bool {
	return within(rel, "src/pages") && rel != "src/pages"
}

func (a *astro) Page(rel string) Page {
	c, _ := a.collection(rel)
	page := isAstroPage(rel)
	switch {
	case c == nil && !page:
		return Page{Skip: "not an entry of the Astro site's content collections nor a page of src/pages: Astro renders no page of it"}
	case c == nil && hidden(strings.TrimPrefix(rel, "src/pages/")):
		return Page{Skip: "its name starts with _ in src/pages: Astro makes no page of it"}
	}
	rules := a.rules(nil)
	rules.MDX = markdown.IsMDXPath(rel)
	if c == nil || !c.posts {
		rules.Page = "page"
	}
	// The blog template's picture above the post: its featured image,
	// relative to the file or from public/ (/x.jpg); one not there is
	// said at the heroImage line.
	rules.FeaturedKeys = []string{"heroImage"}
	return Page{Rules: rules}
}

// Address is the page's address on the Astro site, without its base.
func (a *astro) Address(rel string, fm map[string]any) string {
	if c, in := a.collection(rel); c != nil {
		id := str(fm, "slug")
		if id == "" {
			id = astroID(in)
		}
		if a := path.Join("/", c.route, id); a != "/" {
			return a + "/"
		}
		return "/"
	}
	if isAstroPage(rel) {
		in := strings.TrimSuffix(strings.TrimPrefix(rel, "src/pages/"), path.Ext(rel))
		if path.Base(in) == "index" {
			in = path.Dir(in)
		}
		if in == "." {
			return "/"
		}
		return "/" + in + "/"
	}
	return ""
}

// astroID is an entry's id from its path in the collection, as Astro
// makes it: each part of the path without its extension slugified
// (github-slugger), a last part index naming its folder.
func astroID(in string) string {
	in = strings.TrimSuffix(in, path.Ext(in))
	parts := strings.Split(in, "/")
	for i, p := range parts {
		parts[i] = githubSlug(p)
	}
	id := strings.Join(parts, "/")
	if id == "index" {
		return ""
	}
	return strings.TrimSuffix(id, "/index")
}

// githubSlug is github-slugger's slug of s: lower-cased, punctuation left
// out, spaces as hyphens.
func githubSlug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Reads adds the configuration files and src/pages, whose routes name the
// collections' addresses.
func (a *astro) Reads(rel string) bool {
	for _, n := range astroConfigs {
		if rel == n {
			return true
		}
	}
	if rel == "package.json" {
		return true
	}
	if within(rel, "src/pages") && (path.Ext(rel) == ".astro" || astroDynamic.MatchString(path.Base(rel))) {
		return true
	}
	return a.plain.Reads(rel)
}
