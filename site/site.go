// Package site recognises the static site generator a folder is written for
// — Hugo, Jekyll, Zola, or none (a plain folder of Markdown) — and says, the
// way that generator would, which files are pages and what the site adds to
// each one's front matter.
//
// One adapter per generator implements Site. Each reads the generator's
// configuration once (Detect) and then answers per file:
//
//   - Prune: folders that hold no pages at all (a theme, the built site);
//   - Page: before the file is read, whether the generator renders it
//     (a Jekyll _includes file, Hugo's resources of a leaf bundle, an
//     excluded path are not), and the rules its front matter is read with:
//     Jekyll's defaults, Hugo's cascade, the time zone;
//   - Rendered: after it is read, whether its own front matter keeps it from
//     being a page (headless, build: render: never, a redirect stub);
//   - Static: where a path from the site's root ("/img/x.png") is found;
//   - Address and Bases: the address the generator gives a page, and the
//     site's own;
//   - PullPath: where `wpsync pull` writes a post;
//   - Reads: which files it read, so that a long-running caller (watch)
//     knows when to Detect again.
//
// The rules Page returns (markdown.SiteRules) carry the generator's
// knowledge of a file that package markdown applies without naming any
// generator: its front matter table (date keys, how a list of categories
// is split, [taxonomies], file-name dates, what makes a page or a draft)
// and its dialect (typographer, kramdown, Liquid, Hugo's shortcodes,
// Zola's calls, the Go blog's templates). A rule is turned on by the
// adapter of the generator that documents it, and by no other.
//
// A new generator is one new adapter file here (a type embedding base,
// its Prune, Page, Rendered and Address, the dialect it sets), its
// recognition in detect.go (or, for one with no configuration file, its
// name in named), and its tests.
package site

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
	_ "time/tzdata" // Jekyll's timezone and Hugo's timeZone name IANA zones; not every machine has them

	"github.com/wpsync/wpsync/internal/config"
	"github.com/wpsync/wpsync/markdown"
)

// Site is what wpsync asks of a site's generator.
type Site interface {
	// Generator is "hugo", "jekyll", "zola", "obsidian", "goblog" or "plain".
	Generator() string
	// Config is the configuration file read, relative to the folder ("" for
	// a plain folder).
	Config() string
	// Prune reports whether the folder rel (slash path relative to the
	// synced folder) holds nothing of the site's pages: it is not listed.
	Prune(rel string) bool
	// Page says how the generator treats the Markdown file rel before it is
	// read.
	Page(rel string) Page
	// Rendered says why the generator renders no page for the parsed file,
	// or "" when it does.
	Rendered(rel string, doc *markdown.Document) string
	// Static lists the folders, relative to the synced folder ("" is the
	// folder itself), where a path from the site's root is looked for, in
	// order.
	Static() []string
	// Content is the folder, relative to the synced folder, that pages'
	// paths are relative to on the site ("" for the folder itself).
	Content() string
	// Key changes whenever the configuration that decides pages changes, so
	// that files are then read again; "" for a plain folder that has
	// nothing to configure.
	Key() string
	// Address is the path the generator gives the page rel on the static
	// site ("/blog/go1.14/"), read from its front matter fm (the site's
	// defaults included); "" when it gives none (a plain folder).
	Address(rel string, fm map[string]any) string
	// Aliases are the other addresses the generator gives the page rel,
	// which redirect to it on the static site (Hugo's and Zola's aliases,
	// Jekyll's redirect_from with its plugin on), each from the site's
	// root; nil when it has none (aliases.go).
	Aliases(rel string, fm map[string]any) []string
	// Bases are the site's own addresses: its url (baseURL, base_url) with
	// and without its path, and the path alone ("/blog" for Jekyll's
	// baseurl). A link that starts with one is to a page of the site.
	Bases() []string
	// LinkBase is wpsync.yaml's link_base: where a link from the site's
	// root to a page that is not in the folder points; "" when not set.
	LinkBase() string
	// Reads reports whether rel (slash path relative to the synced folder)
	// is an input of the adapter — a file it read when it was made, or
	// whose coming would change what it reads — or a folder holding one:
	// wpsync.yaml, every configuration file Detect looks for, Jekyll's
	// _data and _includes, Hugo's shortcode templates (the site's and its
	// themes'), and the _index files whose cascade it reads. The adapter
	// reads them once: after one changes it is stale, and Detect must run
	// again (its Key then changes with what it read, and every file is
	// read again). This is the one list of them; `watch` asks it.
	Reads(rel string) bool
	// PullPath is where `wpsync pull` writes a post the state ties to no
	// file: its folder (slash path relative to the synced folder) and its
	// file name without .md. Pages at the top (pull puts a child page in
	// its parent's folder), other types in a folder of their type, under
	// the content folder; Jekyll's posts in _posts with their date,
	// unpublished ones in _drafts.
	PullPath(post PullPost) (dir, name string)
	// Notes are what the run says once about the site as a whole: the
	// files of other languages it leaves out, with their count and the
	// first few; nil when there is nothing to say.
	Notes() []string
	// Unadapted is the generator the folder is written for when wpsync
	// has no adapter for it (Eleventy, Docusaurus, an Obsidian vault…),
	// found by its configuration beside or above the folder; nil when
	// there is none, or the adapter is this one.
	Unadapted() *Unadapted
}

// PullPost is what `wpsync pull` knows of a post when it gives it a file.
type PullPost struct {
	Type        string // the REST base of its type: posts, pages, books
	Name        string // the file name it would have (its slug), without .md
	Date        string // its date as WordPress gives it (2025-04-03T10:00:00); "" for none
	Unpublished bool   // a draft, pending or future post (markdown.Unpublished)
}

// Page is the generator's view of one file before it is read.
type Page struct {
	// Skip says why it is not a page; "" when it may be one.
	Skip string
	// Left marks a file the run leaves out of its list, as it belongs to
	// a site wpsync does not publish (another language's): Notes counts
	// it once, and Skip says why when the file is named alone.
	Left bool
	// Rules are what the site adds to its front matter.
	Rules *markdown.SiteRules
	// NoDate is set by the caller once the file is read and no date was
	// found (markdown.Origin.NoDate).
	NoDate bool
}

// base holds what every adapter has.
type base struct {
	generator string
	config    string
	content   string   // "" or "content"
	static    []string // "" is the folder itself
	zone      *time.Location
	cascades  map[string]cascade // by folder (slash path), from _index.md files and the config ("")
	key       string
	keyMore   []string           // what addKey folded into key since setKey (rekey)
	shortcode *markdown.HugoSite // Hugo shortcodes: the site's templates and wpsync.yaml's; nil: none
	bases     []string           // Bases
	linkBase  string             // LinkBase
	dates     *markdown.DateKeys // the generator's date keys; nil: markdown.DefaultDates
	// dialect is what the generator runs of a page's body and how it
	// reads its front matter (markdown.SiteRules' switches): every page's
	// rules start from it.
	dialect markdown.SiteRules
	other   *Unadapted // Unadapted
	// inputs are folders (slash paths) whose files the adapter read, for
	// Reads; cascading says that _index files' cascades are read.
	inputs    []string
	cascading bool
}

func (b *base) Generator() string { return b.generator }
func (b *base) Config() string    { return b.config }
func (b *base) Static() []string  { return b.static }
func (b *base) Content() string   { return b.content }
func (b *base) Key() string       { return b.key }
func (b *base) Bases() []string   { return b.bases }
func (b *base) LinkBase() string  { return b.linkBase }

func (b *base) Unadapted() *Unadapted { return b.other }
func (b *base) Notes() []string       { return nil }

// PullPath is every generator's layout but Jekyll's: pages at the content
// folder's top, other types in a folder of their type there.
func (b *base) PullPath(post PullPost) (dir, name string) {
	if post.Type == "pages" {
		return b.content, post.Name
	}
	return path.Join(b.content, post.Type), post.Name
}

func (b *base) Reads(rel string) bool {
	rel = strings.Trim(path.Clean("/"+rel), "/")
	if rel == "" {
		return false
	}
	if dir, name := path.Split(rel); rel == config.FileName || slices.Contains(jekyllConfigs, rel) ||
		rel == zolaConfig || (dir == "" || dir == hugoConfigDir) && slices.Contains(hugoConfigs, name) {
		return true
	}
	if b.config != "" && within(b.config, rel) {
		return true // config/, which holds config/_default/hugo.toml
	}
	for _, d := range b.inputs {
		if within(rel, d) || within(d, rel) {
			return true
		}
	}
	if !b.cascading {
		return false
	}
	if in, ok := b.inContent(rel); ok && markdown.IsMarkdownPath(in) && strings.TrimSuffix(path.Base(in), path.Ext(in)) == "_index" {
		return true // its cascade may be new, changed or gone
	}
	for d := range b.cascades {
		if d != cascadeKey && within(d, rel) {
			return true // a folder went that held a cascade
		}
	}
	return false
}

// within reports whether the slash path p is dir or under it.
func within(p, dir string) bool {
	return dir == "." || p == dir || strings.HasPrefix(p, dir+"/")
}

// setKey derives Key from everything that decides pages.
func (b *base) setKey(raw []byte, extra any) {
	sum := sha256.New()
	fmt.Fprintf(sum, "%s\x00%s\x00%q\x00%s\x00", b.generator, b.content, b.static, b.zone)
	sum.Write(raw)
	_ = json.NewEncoder(sum).Encode(b.cascades)
	_ = json.NewEncoder(sum).Encode(extra)
	b.key = b.generator + ":" + hex.EncodeToString(sum.Sum(nil))[:16]
	b.keyMore = nil
}

// rekey derives Key anew from raw and extra as setKey does, then folds in
// again what addKey added since: the key a site read afresh would have
// (a vault reindexed after a pull keys as the next sync's reading of it).
func (b *base) rekey(raw []byte, extra any) {
	more := b.keyMore
	b.setKey(raw, extra)
	for _, m := range more {
		b.addKey(m)
	}
}

// rules returns the rules of a file with the given defaults: the
// generator's dialect, with what the site adds.
func (b *base) rules(defaults map[string]any) *markdown.SiteRules {
	var own []string
	for _, u := range b.bases {
		if !strings.HasPrefix(u, "/") {
			own = append(own, u)
		}
	}
	r := b.dialect
	r.Defaults, r.Zone, r.Hugo, r.BaseURLs, r.Dates = defaults, b.zone, b.shortcode, own, b.dates
	return &r
}

// isSection reports whether rel is a section's own page, _index.md (Hugo's
// and Zola's).
func isSection(rel string) bool {
	base := path.Base(rel)
	return strings.TrimSuffix(base, path.Ext(base)) == "_index"
}

// under reports whether a folder of the slash path rel is named dir
// (_posts, _drafts).
func under(rel, dir string) bool {
	return strings.HasPrefix(rel, dir+"/") || strings.Contains(rel, "/"+dir+"/")
}

// withSettings gives s wpsync.yaml's link_base, and what its pages' Hugo shortcodes see: a Hugo
// site's params and layouts/shortcodes (and its theme's), and for every
// generator wpsync.yaml's shortcodes mapping. Both change the key.
func withSettings(s Site, dir string, set Settings) error {
	mapped := set.Shortcodes
	var b *base
	var h *hugo
	switch s := s.(type) {
	case *hugo:
		b, h = &s.base, s
	case *jekyll:
		b = &s.base
	case *zola:
		b = &s.base
	case *plain:
		b = &s.base
	case *goBlog:
		b = &s.base
	case *eleventy:
		b = &s.base
		s.site.Shortcodes = mapped
		if len(mapped) > 0 {
			b.addKey(fmt.Sprint(mapped)) // what mapped shortcodes show changes with them
		}
	case *docusaurus:
		b = &s.base
	case *hexo:
		b = &s.base
	case *astro:
		b = &s.base
	case *obsidian:
		b = &s.base
		if set.InlineTags != nil {
			s.setInlineTags(*set.InlineTags)
		}
	default:
		return nil
	}
	if lang := strings.TrimSpace(set.Language); lang != "" {
		if h == nil {
			return fmt.Errorf("wpsync.yaml: language: %q: the folder is not a Hugo site with languages (its generator is %s): remove the key", lang, s.Generator())
		}
		if err := h.langs.use(lang, h.config); err != nil {
			return err
		}
		h.useLanguage()
	}
	b.linkBase = strings.TrimRight(strings.TrimSpace(set.LinkBase), "/")
	if b.linkBase != "" {
		b.addKey("link_base=" + b.linkBase) // links to the old site change with it
	}
	if h != nil && set.NoThemeImages {
		h.noBundleImage = true
		b.addKey("theme_images=false") // featured images change with it
	}
	if h == nil && len(mapped) == 0 {
		return nil
	}
	var params map[string]any
	var dirs []string
	if h != nil {
		params, _ = h.params.(map[string]any)
		for _, root := range append([]string{""}, h.themes...) {
			for _, sc := range []string{"_shortcodes", "shortcodes"} {
				rel := path.Join(root, "layouts", sc)
				dirs = append(dirs, filepath.Join(dir, filepath.FromSlash(rel)))
				b.inputs = append(b.inputs, rel)
			}
		}
	}
	hs, err := markdown.NewHugoSite(params, dirs, mapped)
	if err != nil {
		return fmt.Errorf("wpsync.yaml: %w", err)
	}
	if h != nil {
		// The data and translations of the site and its themes, which
		// templates read (.Site.Data, i18n).
		var roots []string
		for _, root := range append([]string{""}, h.themes...) {
			roots = append(roots, filepath.Join(dir, filepath.FromSlash(root)))
			for _, d := range []string{"data", "i18n"} {
				b.inputs = append(b.inputs, path.Join(root, d))
			}
		}
		hs.ReadSiteFiles(roots, h.lang)
	}
	b.shortcode = hs
	b.addKey(hs.Key())
	return nil
}

// addKey folds more of what decides what files send into Key.
func (b *base) addKey(more string) {
	sum := sha256.Sum256([]byte(b.key + "\x00" + more))
	b.key = b.generator + ":" + hex.EncodeToString(sum[:])[:16]
	b.keyMore = append(b.keyMore, more)
}

// inContent reports whether rel is under the content folder, and returns
// its path there.
func (b *base) inContent(rel string) (string, bool) {
	if b.content == "" {
		return rel, true
	}
	return strings.CutPrefix(rel, b.content+"/")
}

// withStatic puts the folders named in wpsync.yaml first: the user's word
// wins over the generator's default.
func withStatic(user, own []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, d := range append(append([]string(nil), user...), own...) {
		d = strings.Trim(path.Clean("/"+strings.TrimSpace(d)), "/")
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}

// rendered is the judgement every generator shares: Hugo's headless and
// build options (no other generator gives these keys another meaning) and
// the stub with neither title nor body, such as a redirect left at an old
// address.
func rendered(doc *markdown.Document) string {
	if v, line, _ := doc.Value("headless"); v == true {
		return at(line, "headless: true: the page exists only to be used by other pages")
	}
	for _, k := range []string{"build", "_build"} {
		v, line, _ := doc.Value(k)
		m, _ := v.(map[string]any)
		switch r := m["render"]; {
		case r == "never", r == false, r == "false":
			return at(line, k+": render: never: the generator renders no page for it")
		}
	}
	if !doc.HasBody {
		if _, _, titled := doc.Value("title"); !titled {
			for _, k := range []string{"redirect", "redirect_to", "redirect_url", "redirect_from", "aliases"} {
				if v, line, ok := doc.Value(k); ok {
					return at(line, fmt.Sprintf("a redirect stub (%s: %s) with no title and no body: nothing to publish", k, short(v)))
				}
			}
			return "no title and no body: nothing to publish"
		}
	}
	return ""
}

// at prefixes a reason with its line.
func at(line int, msg string) string {
	if line > 0 {
		return fmt.Sprintf("line %d: %s", line, msg)
	}
	return msg
}

// short shows a front matter value in a message.
func short(v any) string {
	var s string
	switch v := v.(type) {
	case string:
		s = v
	default:
		b, _ := json.Marshal(v)
		s = string(b)
	}
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "..."
	}
	return s
}

// lookup finds a key of a decoded config case-insensitively (Hugo's keys
// are: baseURL, baseurl).
func lookup(m map[string]any, key string) (any, bool) {
	if v, ok := m[key]; ok {
		return v, true
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if strings.EqualFold(k, key) {
			return m[k], true
		}
	}
	return nil, false
}

// str reads a text value of a config.
func str(m map[string]any, key string) string {
	v, _ := lookup(m, key)
	s, _ := v.(string)
	return strings.TrimSpace(s)
}

// strs reads a value that may be one text or a list of texts.
func strs(m map[string]any, key string) []string {
	v, _ := lookup(m, key)
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, item := range v {
			if s, ok := item.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// zone reads a time zone setting.
func zone(file, key, name string) (*time.Location, error) {
	if name == "" {
		return nil, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %s: unknown time zone %q: write an IANA name such as Europe/Berlin", file, key, name)
	}
	return loc, nil
}

// ReadsMDX reports whether the generator of s reads MDX files (.mdx) as
// pages (Docusaurus, Astro): only then are they listed.
func ReadsMDX(s Site) bool {
	m, ok := s.(interface{ mdx() bool })
	return ok && m.mdx()
}
