package site

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/wpsync/wpsync/markdown"
)

// hexo is a Hexo site (hexo.io), recognised by its _config.yml with
// Hexo's keys, or a package.json that depends on hexo, beside
// source/_posts (isHexo). As Hexo documents it
// (hexo.io/docs/configuration, /docs/writing, /docs/permalinks,
// /docs/front-matter, /docs/asset-folders, /docs/tag-plugins):
//
//   - source_dir (source/) holds the site: _posts/ are posts; _drafts/ are
//     drafts, published by Hexo only with --drafts or render_drafts: true
//     (WordPress drafts here, unless render_drafts: true); every other
//     Markdown file is a page; a file or folder whose name starts with _
//     is not rendered, nor is what skip_render names;
//   - permalink (:year/:month/:day/:title/ by default) is a post's
//     address, a page's is its path with .html (index.md: its folder);
//     front matter permalink wins;
//   - new_post_name (:title.md) says how a post's file name is made: a
//     :year-:month-:day- prefix dates it and is no part of its slug;
//   - post_asset_folder: true gives each post a folder of its name for
//     its pictures and files (asset_img, asset_link, and relative paths,
//     which its address serves);
//   - timezone is where dates without a zone are meant;
//   - front matter: title, date, updated, tags, categories (a list is one
//     hierarchy), permalink, published: false (a draft), excerpt;
//   - the body is run through Hexo's tag plugins and Nunjucks, then
//     hexo-renderer-marked (breaks and smartypants on unless marked:
//     turns them off): markdown/hexo.go.
type hexo struct {
	plain
	dir          string
	source       string // source_dir, "source"
	permalink    string
	newPostName  string
	assetFolder  bool
	renderDrafts bool
	skipRender   []string
	site         markdown.HexoSite
	typographer  bool
	notes        []string
}

// hexoPruned are folders of a Hexo site that hold no pages: its themes,
// scaffolds, packages and the built site.
var hexoPruned = map[string]bool{"node_modules": true, "themes": true, "scaffolds": true, "public": true, ".deploy_git": true}

// hexoPackage reports whether dir's package.json depends on hexo.
func hexoPackage(dir string) bool {
	raw, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return false
	}
	var p struct {
		Dependencies    map[string]any `json:"dependencies"`
		DevDependencies map[string]any `json:"devDependencies"`
	}
	if json.Unmarshal(raw, &p) != nil {
		return false
	}
	_, a := p.Dependencies["hexo"]
	_, b := p.DevDependencies["hexo"]
	return a || b
}

func newHexo(dir string, static []string) (*hexo, error) {
	h := &hexo{plain: *newPlain(dir, nil), dir: dir, source: "source", permalink: ":year/:month/:day/:title/", newPostName: ":title.md"}
	h.generator, h.config = "hexo", "_config.yml"
	h.cascading = false
	raw, _ := os.ReadFile(filepath.Join(dir, "_config.yml"))
	m, err := decode("_config.yml", raw)
	if err != nil {
		return nil, err
	}
	if s := str(m, "source_dir"); s != "" {
		h.source = strings.Trim(path.Clean("/"+filepath.ToSlash(s)), "/")
	}
	if s := str(m, "permalink"); s != "" {
		h.permalink = s
	}
	if s := str(m, "new_post_name"); s != "" {
		h.newPostName = s
	}
	h.assetFolder, _ = m["post_asset_folder"].(bool)
	h.renderDrafts, _ = m["render_drafts"].(bool)
	h.skipRender = strs(m, "skip_render")
	if h.zone, err = zone("_config.yml", "timezone", str(m, "timezone")); err != nil {
		return nil, err
	}
	root := str(m, "root")
	if root == "" {
		root = "/"
	}
	h.bases = bases(str(m, "url"), root)
	h.site.Breaks, h.typographer = true, true
	if marked, ok := m["marked"].(map[string]any); ok {
		if v, ok := marked["breaks"].(bool); ok {
			h.site.Breaks = v
		}
		if v, ok := marked["smartypants"].(bool); ok {
			h.typographer = v
		}
		h.site.NoNunjucks, _ = marked["disableNunjucks"].(bool)
	}
	codeDir := str(m, "code_dir")
	if codeDir == "" {
		codeDir = "downloads/code"
	}
	h.site.CodeDir = path.Join(h.source, codeDir)
	h.site.Dir = dir
	h.static = withStatic(static, []string{h.source})
	h.content = h.source
	h.dates = &markdown.DateKeys{Date: []string{"date"}, Lastmod: []string{"updated"}, PublishedFlag: true}
	h.dialect = markdown.SiteRules{CategoryPaths: true, Typographer: h.typographer}
	h.dialect.HeadingIDs = hexoHeadingIDs(m) // headingids.go
	h.site.Posts = h.readPosts()
	h.inputs = append(h.inputs, path.Join(h.source, "_posts"), path.Join(h.source, "_drafts"))
	h.setKey(raw, []any{h.site.Posts, h.site.Breaks, h.typographer, h.site.NoNunjucks})
	return h, nil
}

// readPosts reads the slug and title of every post, for post_link.
func (h *hexo) readPosts() map[string]markdown.HexoPost {
	out := map[string]markdown.HexoPost{}
	top := path.Join(h.source, "_posts")
	_ = filepath.WalkDir(filepath.Join(h.dir, filepath.FromSlash(top)), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !markdown.IsMarkdownPath(p) {
			return nil
		}
		rel, _ := filepath.Rel(h.dir, p)
		rel = filepath.ToSlash(rel)
		raw, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		fm, _ := markdown.FrontMatterMap(rel, raw)
		post := markdown.HexoPost{Rel: rel, Title: str(fm, "title")}
		out[h.slug(rel)] = post
		if s := str(fm, "slug"); s != "" {
			out[s] = post
		}
		return nil
	})
	return out
}

// nameVars are the variables of new_post_name.
var nameVars = regexp.MustCompile(`:(year|month|i_month|day|i_day|title)`)

// slug is a post's slug: its path under _posts (or _drafts) without
// extension, with what new_post_name put before :title taken off.
func (h *hexo) slug(rel string) string {
	in := strings.TrimPrefix(rel, h.source+"/")
	in = strings.TrimPrefix(strings.TrimPrefix(in, "_posts/"), "_drafts/")
	in = strings.TrimSuffix(in, path.Ext(in))
	pattern := strings.TrimSuffix(h.newPostName, path.Ext(h.newPostName))
	if !strings.Contains(pattern, ":title") || pattern == ":title" {
		return in
	}
	re := "^" + nameVars.ReplaceAllStringFunc(regexp.QuoteMeta(pattern), func(v string) string {
		switch v {
		case ":title":
			return "(.+)"
		case ":year":
			return `\d{4}`
		}
		return `\d{1,2}`
	}) + "$"
	re = strings.ReplaceAll(re, `\:`, ":")
	if m := regexp.MustCompile(re).FindStringSubmatch(in); m != nil {
		return m[1]
	}
	return in
}

func (h *hexo) Notes() []string       { return h.notes }
func (h *hexo) Unadapted() *Unadapted { return nil }

func (h *hexo) Prune(rel string) bool {
	if hexoPruned[rel] {
		return true
	}
	in, ok := strings.CutPrefix(rel, h.source+"/")
	if !ok {
		return false
	}
	base := path.Base(in)
	return strings.HasPrefix(base, "_") && in != "_posts" && in != "_drafts"
}

// kind is "post", "draft" or "page" for a file of the source folder, ""
// for one outside it.
func (h *hexo) kind(rel string) string {
	in, ok := strings.CutPrefix(rel, h.source+"/")
	switch {
	case !ok:
		return ""
	case strings.HasPrefix(in, "_posts/"):
		return "post"
	case strings.HasPrefix(in, "_drafts/"):
		return "draft"
	}
	return "page"
}

func (h *hexo) Page(rel string) Page {
	kind := h.kind(rel)
	if kind == "" {
		return Page{Skip: "not in the Hexo site's " + h.source + "/ folder: Hexo renders no page of it"}
	}
	in := strings.TrimPrefix(rel, h.source+"/")
	parts := strings.Split(in, "/")
	for i, part := range parts {
		if strings.HasPrefix(part, "_") && !(i == 0 && (part == "_posts" || part == "_drafts")) {
			return Page{Skip: "its name or a folder's starts with _: Hexo renders no page of it"}
		}
	}
	for _, g := range h.skipRender {
		if globMatch(strings.TrimPrefix(g, "/"), in) || globMatch(strings.TrimSuffix(g, "/")+"/**", in) {
			return Page{Skip: "skip_render: " + g + " in _config.yml: Hexo copies it as it is, it renders no page of it"}
		}
	}
	rules := h.rules(nil)
	site := h.site
	site.File = rel
	switch kind {
	case "page":
		rules.Page = "page"
	case "draft":
		rules.Draft = !h.renderDrafts
	}
	if h.assetFolder && kind != "page" {
		stem := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
		if stem != "index" {
			site.AssetFolder = stem
			rules.AssetFolder = stem
		}
	}
	rules.Hexo = &site
	if h.newPostName != ":title.md" && strings.HasPrefix(h.newPostName, ":year-:month-:day-") {
		rules.NameDateSeps = "-"
	}
	return Page{Rules: rules}
}

func (h *hexo) Rendered(_ string, doc *markdown.Document) string { return rendered(doc) }

// Address is the page's address on the Hexo site, from the site's root.
func (h *hexo) Address(rel string, fm map[string]any) string {
	kind := h.kind(rel)
	if kind == "" {
		return ""
	}
	if p := str(fm, "permalink"); p != "" {
		return hexoPath(p)
	}
	if kind == "page" {
		in := strings.TrimPrefix(rel, h.source+"/")
		in = strings.TrimSuffix(in, path.Ext(in))
		if path.Base(in) == "index" {
			return hexoPath(path.Dir(in) + "/")
		}
		return hexoPath(in + ".html")
	}
	slug := h.slug(rel)
	if s := str(fm, "slug"); s != "" {
		slug = s
	}
	t, ok := dateOf(fm, rel)
	if v, present := lookup(fm, "date"); present {
		if tt, isTime := v.(time.Time); isTime {
			t, ok = tt, true
			if h.zone != nil && tt.Location() == time.UTC {
				t = time.Date(tt.Year(), tt.Month(), tt.Day(), tt.Hour(), tt.Minute(), tt.Second(), 0, h.zone)
			}
		}
	}
	if !ok {
		t = time.Time{}
	}
	cat := "uncategorized"
	if v, present := lookup(fm, "categories"); present {
		cat = hexoCategory(v)
	}
	vars := map[string]string{
		"year": fmt.Sprintf("%04d", t.Year()), "month": fmt.Sprintf("%02d", int(t.Month())), "i_month": fmt.Sprint(int(t.Month())),
		"day": fmt.Sprintf("%02d", t.Day()), "i_day": fmt.Sprint(t.Day()),
		"hour": fmt.Sprintf("%02d", t.Hour()), "minute": fmt.Sprintf("%02d", t.Minute()), "second": fmt.Sprintf("%02d", t.Second()),
		"title": slug, "name": path.Base(slug), "post_title": urlize(str(fm, "title")), "category": cat,
	}
	out := hexoVar.ReplaceAllStringFunc(h.permalink, func(v string) string {
		if s, ok := vars[v[1:]]; ok {
			return s
		}
		return v
	})
	return hexoPath(out)
}

// hexoVar is a permalink variable.
var hexoVar = regexp.MustCompile(`:(i_month|i_day|post_title|year|month|day|hour|minute|second|title|name|category)`)

// hexoCategory is :category of a post's categories: its last category's
// path, as Hexo's slugs make it.
func hexoCategory(v any) string {
	list, ok := v.([]any)
	if !ok {
		if s, ok := v.(string); ok && s != "" {
			return urlize(s)
		}
		return "uncategorized"
	}
	nested := false
	for _, x := range list {
		if _, ok := x.([]any); ok {
			nested = true
		}
	}
	if nested {
		list, _ = list[len(list)-1].([]any)
		if list == nil {
			return "uncategorized"
		}
	}
	var parts []string
	for _, x := range list {
		if s, ok := x.(string); ok && s != "" {
			parts = append(parts, urlize(s))
		}
	}
	if len(parts) == 0 {
		return "uncategorized"
	}
	return strings.Join(parts, "/")
}

// hexoPath makes an address from the site's root of a permalink.
func hexoPath(p string) string {
	p = strings.TrimSpace(p)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return strings.TrimSuffix(p, "index.html")
}

func (h *hexo) Aliases(string, map[string]any) []string { return nil }

// Reads adds the configuration, package.json and the posts, whose slugs
// and titles post_link reads.
func (h *hexo) Reads(rel string) bool {
	if rel == "_config.yml" || rel == "package.json" {
		return true
	}
	return h.base.Reads(rel)
}
