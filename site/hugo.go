package site

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/wpsync/wpsync/markdown"
)

// hugo is a Hugo site (hugo.toml, config.toml with baseURL, or
// config/_default/). It reads:
//
//   - contentDir (default content): only files there are pages; folders
//     outside it (themes, layouts, archetypes, public) are not looked at,
//     and Markdown files at the top are skipped;
//   - staticDir (one or a list, default static): where /img/x.png is found;
//   - timeZone: the zone of dates written without one;
//   - cascade, in the configuration and in every _index.md;
//   - ignoreFiles: regular expressions of files Hugo leaves out;
//   - leaf bundles: beside an index.md, other Markdown files are the
//     bundle's resources, not pages;
//   - the home page, content/_index.md: no page of WordPress (see Page);
//   - languages: one is published (hugolang.go).
type hugo struct {
	base
	dir    string
	root   string     // the site's contentDir; content is the published language's
	langs  *hugoLangs // never nil
	own    []string   // wpsync.yaml's static folders, then the site's staticDir
	conf   map[string]any
	ignore []*regexp.Regexp
	mu     sync.Mutex
	leaves map[string]bool // folders holding an index.md (leaf bundles); guarded by mu
	params any             // params of the configuration (site.Params)
	themes []string        // themes/NAME folders of theme:, whose layouts shortcodes come from too
	// lang is defaultContentLanguage: the translations (i18n) shortcodes use.
	lang string
	// permalinks are the patterns of [permalinks], by section ("" for
	// pages at the top).
	permalinks map[string]string
	// taxonomies are the site's taxonomies beyond tags and categories
	// (hugoTaxonomies).
	taxonomies []string
	// noBundleImage: wpsync.yaml's theme_images: false (bundleImage).
	noBundleImage bool
}

func newHugo(dir, name string, raw []byte, m map[string]any, static []string) (*hugo, error) {
	h := &hugo{dir: dir, leaves: map[string]bool{}}
	h.generator, h.config = "hugo", name
	h.dates = hugoDates
	// Hugo's goldmark defaults (typographer, heading attributes) and its
	// shortcodes.
	h.dialect = markdown.SiteRules{Typographer: true, HugoShortcodes: true, WholeTerms: true, MarkdownTitles: true, ExternalURL: true}
	h.dialect.Math = hugoMath(m) // hugomath.go
	// Alerts (> [!NOTE]) as the blockquote render hooks themes ship
	// read them: Hugo without a hook shows the marker as text, which no
	// author means (docs/generators.md).
	h.dialect.Alerts = markdown.HugoAlerts
	h.root = strings.Trim(path.Clean("/"+filepath.ToSlash(str(m, "contentDir"))), "/")
	if h.root == "" {
		h.root = "content"
	}
	own := strs(m, "staticDir")
	if len(own) == 0 {
		own = []string{"static"}
	}
	h.own = withStatic(static, own)
	var err error
	if h.langs, err = readHugoLangs(dir, name, h.root, m); err != nil {
		return nil, err
	}
	h.inputs = append(h.inputs, h.langs.configs...)
	if h.zone, err = zone(name, "timeZone", str(m, "timeZone")); err != nil {
		return nil, err
	}
	for _, expr := range strs(m, "ignoreFiles") {
		re, err := regexp.Compile(expr)
		if err != nil {
			return nil, fmt.Errorf("%s: ignoreFiles: %q: %v", name, expr, err)
		}
		h.ignore = append(h.ignore, re)
	}
	h.params, _ = lookup(m, "params")
	h.lang = str(m, "defaultContentLanguage")
	h.permalinks = map[string]string{}
	if pl, ok := lookup(m, "permalinks"); ok {
		pm, _ := pl.(map[string]any)
		for k, v := range pm {
			switch v := v.(type) {
			case string:
				h.permalinks[k] = v
			case map[string]any: // [permalinks.page]: the patterns of pages
				if k == "page" {
					for sec, pat := range v {
						if ps, ok := pat.(string); ok {
							h.permalinks[sec] = ps
						}
					}
				}
			}
		}
	}
	h.bases = bases(str(m, "baseURL"), "")
	for _, t := range strs(m, "theme") {
		h.themes = append(h.themes, path.Join(strings.Trim(orDefault(str(m, "themesDir"), "themes"), "/"), t))
	}
	h.conf = m
	h.cascading = true
	if h.taxonomies, err = hugoTaxonomies(dir, name, m); err != nil {
		return nil, err
	}
	h.dialect.OtherTaxonomies = h.taxonomies
	var markupFile string
	h.dialect.HeadingIDs, markupFile = hugoHeadingIDs(dir, name, m) // headingids.go
	if d := path.Dir(name); d != "." {
		for _, ext := range []string{".toml", ".yaml", ".yml", ".json"} {
			h.inputs = append(h.inputs, path.Join(d, "taxonomies"+ext)) // Reads: its change is one of the configuration
			h.inputs = append(h.inputs, path.Join(d, "markup"+ext))
		}
	}
	var extra any
	if len(h.taxonomies) > 0 {
		extra = h.taxonomies // nil otherwise: the key of a site without them is as it was
	}
	h.setKey(raw, extra)
	if markupFile != "" {
		h.addKey("headingIDs=" + string(h.dialect.HeadingIDs.Style))
	}
	h.useLanguage()
	return h, nil
}

// useLanguage makes the published language's contentDir the content
// folder: where pages, their cascades and the files Hugo serves at their
// path (a PDF beside the pages) are.
func (h *hugo) useLanguage() {
	h.content = h.langs.published().contentDir
	h.static = withStatic(h.own, []string{h.content, ""})
	h.cascades = readCascades(h.dir, h.content, func(string) bool { return false }, h.langs.ownName)
	if v, ok := lookup(h.conf, "cascade"); ok {
		h.cascades[cascadeKey] = readCascade(v)
	}
	var langs []string
	for _, c := range h.langs.codes() {
		l := h.langs.all[c]
		langs = append(langs, fmt.Sprintf("%s:%s:%v", c, l.contentDir, l.disabled))
	}
	h.addKey(fmt.Sprintf("lang=%s prefix=%s langs=%s", h.langs.lang, h.langs.prefix(), strings.Join(langs, ",")))
}

// hugoTaxonomies reads the taxonomies the site declares beyond tags and
// categories: the plural names (the front matter keys) of [taxonomies] in
// the configuration, or of taxonomies.toml (.yaml, .yml, .json) beside it
// in a configuration folder (config/_default/, where themes such as Congo
// keep it). Lower-cased, sorted.
func hugoTaxonomies(dir, name string, m map[string]any) ([]string, error) {
	v, ok := lookup(m, "taxonomies")
	if !ok && path.Dir(name) != "." {
		for _, ext := range []string{".toml", ".yaml", ".yml", ".json"} {
			file := path.Join(path.Dir(name), "taxonomies"+ext)
			raw, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
			if err != nil {
				continue
			}
			tm, err := decode(file, raw)
			if err != nil {
				return nil, err
			}
			v, ok = tm, true
			break
		}
	}
	tm, _ := v.(map[string]any)
	var out []string
	for _, plural := range tm {
		s, _ := plural.(string)
		s = strings.ToLower(strings.TrimSpace(s))
		if s == "" || s == "tags" || s == "categories" || slices.Contains(out, s) {
			continue
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out, nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func (h *hugo) Prune(rel string) bool {
	// Folders on the way to the content folder, and the content folder and
	// below, are looked at; nothing else is Hugo's content.
	if !(rel == h.content || strings.HasPrefix(rel, h.content+"/") || strings.HasPrefix(h.content, rel+"/")) {
		return true
	}
	return h.langs.otherDir(rel) != "" // another language's contentDir inside this one
}

func (h *hugo) Page(rel string) Page {
	if why := h.langs.leftReason(rel); why != "" {
		return Page{Skip: why, Left: true}
	}
	contentPath, ok := h.inContent(rel)
	if !ok {
		return Page{Skip: "outside Hugo's content folder " + h.content + "/: not a page"}
	}
	for _, re := range h.ignore {
		if re.MatchString(contentPath) || re.MatchString(rel) {
			return Page{Skip: fmt.Sprintf("ignored by ignoreFiles %q in %s", re.String(), h.config)}
		}
	}
	plain := h.langs.plain(rel) // about.fr.md is about.md in French
	if bundle := h.leafBundle(plain); bundle != "" {
		return Page{Skip: "a resource of the leaf bundle " + bundle + "/index.md, not a page of its own"}
	}
	if isSection(plain) && !strings.Contains(contentPath, "/") {
		return Page{Skip: homePage}
	}
	rules := h.rules(h.cascaded(plain))
	rules.Lang = h.langs.suffix(rel)
	if isSection(plain) {
		rules.Page = "page" // a section's own page
	}
	if stem := strings.TrimSuffix(path.Base(rel), path.Ext(rel)); stem == "index" || stem == "_index" {
		if !h.noBundleImage {
			rules.BundleImage = h.bundleImage(path.Dir(rel))
		}
	} else {
		rules.AddressRelative = true // a page of its own, not a bundle: its own address is the base
	}
	return Page{Rules: rules}
}

// homePage says why Hugo's home page (content/_index.md) is no post: it
// is the site's front page, which WordPress's theme makes (or the page
// Settings → Reading names); a section below it is a page of its own,
// with no parent.
const homePage = "Hugo's home page (the site's front page): WordPress's front page is its theme's, or the page Settings → Reading names; to publish this text, move it to a page of its own (content/home.md) and choose that page there"

// Notes names the files of other languages left out of the run, once.
func (h *hugo) Notes() []string { return h.langs.notes(h.dir) }

// leafBundle returns the folder of the leaf bundle rel belongs to as a
// resource (not its index.md), or "".
func (h *hugo) leafBundle(rel string) string {
	stem := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
	d := path.Dir(rel)
	if stem == "index" {
		d = path.Dir(d) // its own bundle is itself; look above
	}
	for ; d != "." && d != h.content && strings.HasPrefix(d, h.content+"/"); d = path.Dir(d) {
		if h.isLeaf(d) {
			return d
		}
	}
	return ""
}

// isLeaf reports whether folder d holds an index.md, once per folder.
func (h *hugo) isLeaf(d string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if leaf, ok := h.leaves[d]; ok {
		return leaf
	}
	leaf := false
	entries, _ := os.ReadDir(filepath.Join(h.dir, filepath.FromSlash(d)))
	for _, e := range entries {
		// index.md, or a translation of it (index.de.md)
		if n := h.langs.plain(e.Name()); e.Type().IsRegular() && (n == "index.md" || n == "index.markdown") {
			leaf = true
		}
	}
	h.leaves[d] = leaf
	return leaf
}

// hugoDates are Hugo's date keys as its default [frontmatter]
// configuration reads them (resources/page/pagemeta/page_frontmatter.go):
// date is date, else publishDate (and its aliases pubdate, published), else
// lastmod (modified); expiryDate (unpublishdate) ends the page. published
// is a date here, not Jekyll's flag.
var hugoDates = &markdown.DateKeys{
	Date:    []string{"date", "publishdate", "pubdate", "published", "lastmod", "modified"},
	Expiry:  []string{"expirydate", "unpublishdate"},
	Lastmod: []string{"lastmod", "modified"},
}

func (h *hugo) Rendered(_ string, doc *markdown.Document) string {
	if why := rendered(doc); why != "" && !listedLinkOut(doc) {
		return why
	}
	return expired(doc, time.Now())
}

// listedLinkOut reports whether the page is a link out that the site
// lists though it renders no page of it: externalUrl (the Congo and
// Blowfish themes, whose archetype writes _build: {render: "false",
// list: "local"} beside it) with an http(s) address, not headless, and
// not kept out of the lists (list: never). It is published as a link post
// (markdown's SiteRules.ExternalURL).
func listedLinkOut(doc *markdown.Document) bool {
	v, _, _ := doc.Value("externalurl")
	s, _ := v.(string)
	if s = strings.TrimSpace(s); !strings.HasPrefix(s, "https://") && !strings.HasPrefix(s, "http://") {
		return false
	}
	if v, _, _ := doc.Value("headless"); v == true {
		return false
	}
	for _, k := range []string{"build", "_build"} {
		v, _, _ := doc.Value(k)
		m, _ := v.(map[string]any)
		if l := m["list"]; l == "never" || l == false || l == "false" {
			return false
		}
	}
	return true
}

// expired says why a page past its expiry date is not rendered: Hugo
// leaves it out (unless built with --buildExpired).
func expired(doc *markdown.Document, now time.Time) string {
	if doc.Expiry.IsZero() || doc.Expiry.Time.After(now) {
		return ""
	}
	_, line, _ := doc.Value(doc.ExpiryKey)
	return at(line, fmt.Sprintf("%s: %s has passed: Hugo shows no page after it (remove the field to publish it)", doc.ExpiryKey, doc.Expiry.Time.Format("2006-01-02")))
}

// bundleImage returns the picture of the bundle in folder d that themes
// show as the page's image, by its name in the folder: the bundle's first
// picture whose name holds "feature", else the first holding "cover" or
// "thumb" (in name order, case-insensitive, files at the bundle's top
// only). Hugo's own opengraph and twitter_cards templates match
// "*feature*", then "{*cover*,*thumbnail*}"; the Congo and Blowfish themes
// "*feature*", "*cover*" and "*thumb*" by default. "" when there is none.
func (h *hugo) bundleImage(d string) string {
	entries, err := os.ReadDir(filepath.Join(h.dir, filepath.FromSlash(d)))
	if err != nil {
		return ""
	}
	var cover string
	for _, e := range entries { // in name order
		name := e.Name()
		if !e.Type().IsRegular() || !markdown.IsPicturePath(name) {
			continue
		}
		lower := strings.ToLower(name)
		if strings.Contains(lower, "feature") {
			return name
		}
		if cover == "" && (strings.Contains(lower, "cover") || strings.Contains(lower, "thumb")) {
			cover = name
		}
	}
	return cover
}
