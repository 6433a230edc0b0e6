package markdown

import (
	"fmt"
	"strings"
	"time"
)

// How the site's generator reads front matter, and its dialect
//
// Package site recognises the generator of a folder (Hugo, Jekyll, Zola or
// none) and hands ParseWith, per file, what that generator adds to the
// file's own front matter — Jekyll's defaults and Hugo's cascade
// (Defaults), the time zone of dates written without one (Zone), its
// table of date keys (Dates) — and its dialect: the switches of what runs
// before the Markdown and of the Markdown itself (Typographer, Kramdown,
// Liquid, HugoShortcodes, ZolaShortcodes, GoTemplate), as goldmark's
// extenders are handed to one renderer. This package names no generator:
// a rule fires when the adapter of the generator that documents it turns
// it on, and what no adapter ran is named by Leftovers.

// Origin says where a Document's values came from, for the site adapter
// and for messages.
type Origin struct {
	// HasBody is false when nothing but whitespace follows the front
	// matter; HasFrontMatter when the file has front matter at all (Jekyll
	// renders only those files).
	HasBody        bool
	HasFrontMatter bool
	// NoDate is set when no date was found anywhere the generator looks
	// (front matter, file name, path): WordPress will date the post at its
	// first publication.
	NoDate bool
	// TemplateLine is the line of the template field.
	TemplateLine int
	// TypeKey is the field Type came from ("type" or "post_type"; "" when
	// derived), and TypeLine its line: another generator's type: (Hugo's
	// names a layout) is only a post type when the site has one of that
	// name.
	TypeKey  string
	TypeLine int
	// Expiry is the date after which the generator shows no page (Hugo's
	// expiryDate), zero when none; ExpiryKey is the field it came from.
	Expiry    Date
	ExpiryKey string

	fields fields // the front matter, defaults included (Value)
}

// SiteRules is what the site's generator says about one file. The zero
// value is a folder whose dialect is CommonMark with GitHub's extensions
// only.
type SiteRules struct {
	// Defaults are front matter values the site gives the file; the file's
	// own values win. Values are as yaml.v3 or BurntSushi/toml decode them.
	Defaults map[string]any
	// FeaturedKeys are front matter keys the generator reads as the
	// post's picture (Astro's blog template: heroImage), looked at before
	// the keys themes use (featuredKeys), so that a picture that is not
	// there is said at its line.
	FeaturedKeys []string
	// Zone is where a date written without an offset is meant (Jekyll's
	// timezone, Hugo's timeZone); nil: in the WordPress site's own zone.
	Zone *time.Location
	// Dates says which front matter keys hold the page's dates; nil:
	// DefaultDates.
	Dates *DateKeys
	// BaseURLs are the site's own absolute addresses (its url, baseURL or
	// base_url, with its path): a link that starts with one is read as a
	// link from the site's root.
	BaseURLs []string

	// The front matter's meaning.

	// SplitWords: a categories or tags string without commas is a list
	// of words (Jekyll's "categories: a b"); else only commas split it.
	SplitWords bool
	// WholeTerms: a "/" in a category name is part of it, as the
	// generator reads its terms (Hugo, Jekyll and Zola: "CI/CD" is one
	// term); else "Parent/Child" is a child category under its parent
	// (Document.WholeTerms).
	WholeTerms bool
	// Taxonomies: the tags and categories of a [taxonomies] table are the
	// page's, under its own (Zola's).
	Taxonomies bool
	// NameDateSeps are the characters that may end a YYYY-MM-DD date at
	// the start of a file name ("2024-01-02-name.md"), which then dates
	// the page and is no part of its slug; "" is "-". Zola's are "-_".
	NameDateSeps string
	// Page is the type the site gives the file when its front matter sets
	// none: "page" for a section's own page (Hugo's and Zola's _index.md)
	// or a Jekyll page's layout: page; "" for none (a post).
	Page string
	// PageLayouts are the values of layout that make a page (Jekyll's
	// "page"); nil: layout names a template only.
	PageLayouts []string
	// Lang is the language code the file's name ends in (Hugo's
	// about.fr.md, index.de.md: "fr", "de"): no part of the name its
	// title and slug are made from. "" for none.
	Lang string
	// Draft: the site keeps the file a draft unless its front matter says
	// otherwise (Jekyll's _drafts).
	Draft bool
	// BundleImage is the picture of the file's bundle that themes show
	// as the page's image (Hugo's feature*, cover*, thumbnail*): its name,
	// relative to the file's folder. It is the featured image when the
	// front matter names none (featuredKeys); "" for none.
	BundleImage string
	// AddressRelative: a relative picture or file path in the body is
	// relative to the page's address on the site, as a browser reads it
	// (Hugo's pages that are not bundles: "../x.png" in post/a.md, served
	// at /post/a/, is /post/x.png), and a featured image's to the site's
	// root; the caller looks there first, then beside the file.
	AddressRelative bool
	// FieldWarnings are what the site's adapter has to say about a front
	// matter field of the file (a Docusaurus post's author key that its
	// authors.yml has not), by key: each is one of the file's warnings,
	// at the field's line.
	FieldWarnings map[string]string

	// The dialect: what runs before the Markdown, and the Markdown's own
	// extensions.

	// Typographer turns on smart quotes and dashes, and heading
	// attributes ({#id .class}): Hugo's goldmark defaults, kramdown's.
	Typographer bool
	// HeadingIDs are the ids the generator gives headings without an
	// {#id} (Hugo's autoHeadingID, kramdown's auto_ids, Zola's anchors,
	// hexo-renderer-marked's headerIds, Astro's and Docusaurus's ids;
	// headingids.go); the zero value gives none.
	HeadingIDs HeadingIDs
	// Alerts are the quotes read as alerts (> [!NOTE]), made callouts as
	// Obsidian's are: GitHub's in a plain folder, Hugo's (its blockquote
	// render hooks) in a Hugo site (alerts.go); NoAlerts: none.
	Alerts AlertSyntax
	// Kramdown reads kramdown's inline attribute lists ({: .class}) and
	// {:toc} (kramdown.go).
	Kramdown bool
	// LastKeyWins reads a YAML front matter key given twice as Ruby's YAML
	// does (Jekyll): the last value counts, and a warning names both
	// lines. Off, such a file fails, as in Hugo (since 0.152, whose YAML
	// refuses it), Zola and Eleventy.
	LastKeyWins bool
	// Liquid, when set, runs the body's Liquid before its Markdown
	// (liquid.go) with what the site gives it (a Jekyll site's
	// _config.yml, _data and _includes; the zero LiquidSite defines
	// nothing).
	Liquid *LiquidSite
	// OtherTaxonomies are the site's taxonomies beyond tags and
	// categories, by the front matter key that names a page's terms
	// (lower-cased: Hugo's [taxonomies] plural names, series); their terms
	// are Document.OtherTerms.
	OtherTaxonomies []string
	// ExternalURL: externalUrl in front matter makes the post a link out
	// (the Congo and Blowfish themes'): its content links to the address
	// (hugotheme.go).
	ExternalURL bool
	// MarkdownTitles: an image's title, shown as its caption, is inline
	// Markdown (Hugo themes' image render hooks markdownify it); else text
	// (caption.go).
	MarkdownTitles bool
	// HugoShortcodes runs Hugo's shortcodes ({{< x >}}, {{% x %}}: the
	// site's templates, wpsync.yaml's, the built-ins; hugo.go).
	HugoShortcodes bool
	// ZolaShortcodes runs Zola's shortcode calls ({{ x() }}, {% x() %};
	// zola.go).
	ZolaShortcodes bool
	// GoTemplate runs a body whose front matter says template: true as the
	// Go blog does (goblog.go).
	GoTemplate bool
	// Obsidian, when set, reads the body as a note of that Obsidian vault
	// (obsidian.go): wikilinks, embeds, callouts, comments, highlights,
	// block ids and inline tags.
	Obsidian *Vault
	// Math is where the body holds math between delimiters (Hugo's
	// passthrough extension, mathsyntax.go); nil: the dialect's own
	// (ObsidianMath in a vault, KramdownMath with Kramdown), else none.
	Math *MathSyntax
	// Eleventy, when set, runs the body's template language (Nunjucks or
	// Eleventy's Liquid) before its Markdown, as Eleventy does with its
	// markdownTemplateEngine (eleventy.go).
	Eleventy *EleventySite
	// CollectionTags are values of tags that name a collection only, not
	// a term (Eleventy's "post", "posts"): they are no post tags.
	CollectionTags []string
	// Docusaurus reads the body as Docusaurus reads a page's Markdown and
	// MDX (docusaurus.go): admonitions, heading ids, the truncate marker,
	// import and export lines, its components.
	Docusaurus bool
	// Hexo, when set, runs a Hexo post's tag plugins and Nunjucks before
	// its Markdown, and reads its Markdown as hexo-renderer-marked does
	// (hexo.go).
	Hexo *HexoSite
	// CategoryPaths: a list of categories is one hierarchy ([A, B]: B
	// under A) and a list of lists several, as Hexo reads them (hexo.go).
	CategoryPaths bool
	// AssetFolder is the folder, relative to the file's, where a relative
	// picture or file path in its body is looked for first (Hexo's post
	// asset folder: the post's address serves its files); "" for none.
	AssetFolder string
	// MDX reads the body as MDX alone, as Astro reads an .mdx file
	// (docusaurus.go, which owns MDX): import and export lines and
	// {/* comments */} left out, components as Docusaurus's are read
	// (Tabs, TabItem, details) with Starlight's <Aside> as a callout,
	// others warned; none of Docusaurus's own Markdown (admonitions,
	// heading ids, the truncate marker).
	MDX bool
	// RollDates: a front matter date past its month's end (2017-02-29)
	// is the day it comes to counted on (2017-03-01), with a warning, as
	// JavaScript's Date reads it (Docusaurus); else it fails the file.
	RollDates bool
	// Hugo is what the site gives Hugo shortcodes and Zola's calls: its
	// params, its own shortcode templates and wpsync.yaml's (hugosite.go);
	// nil: none.
	Hugo *HugoSite
}

// DateKeys is a generator's table of the front matter keys that hold a
// page's dates (lower-cased), each list in the order the generator looks:
// the first key present wins. A key in none of them is not a date to
// wpsync.
type DateKeys struct {
	// Date gives the post's date.
	Date []string
	// Expiry gives the date after which the generator shows no page
	// (Origin.Expiry).
	Expiry []string
	// Lastmod are dates of the last change: checked, not sent (WordPress
	// sets a post's modified date itself).
	Lastmod []string
	// PublishedFlag: published is Jekyll's true/false flag, and
	// published: false keeps the post a draft. Without it, published is
	// a date when Date lists it.
	PublishedFlag bool
}

// DefaultDates are the keys of a folder without a generator (a plain
// folder): date, then Hugo's publishDate (and pubdate), and Jekyll's
// published flag. An adapter sets its generator's own (SiteRules.Dates).
var DefaultDates = &DateKeys{Date: []string{"date", "publishdate", "pubdate"}, PublishedFlag: true}

// dates is r's DateKeys, DefaultDates for none.
func (r *SiteRules) dates() *DateKeys {
	if r == nil || r.Dates == nil {
		return DefaultDates
	}
	return r.Dates
}

// hugoSite is r's HugoSite, nil for none.
func (r *SiteRules) hugoSite() *HugoSite {
	if r == nil {
		return nil
	}
	return r.Hugo
}

// Value returns a front matter value of the file (defaults included) by
// lower-cased key, and the line it is on (0: given by the site, or
// unknown). Nested maps come back as map[string]any, numbers as their text.
func (d *Document) Value(key string) (val any, line int, ok bool) {
	e, ok := d.fields[strings.ToLower(key)]
	if !ok {
		return nil, 0, false
	}
	return exported(e.val), e.line, true
}

// exported turns the decoder's internal shapes into plain Go values.
func exported(v any) any {
	switch v := v.(type) {
	case number:
		return string(v)
	case compound:
		return string(v)
	case mapping:
		m := make(map[string]any, len(v))
		for k, item := range v {
			m[k] = exported(item)
		}
		return m
	case []any:
		out := make([]any, len(v))
		for i, item := range v {
			out[i] = exported(item)
		}
		return out
	}
	return v
}

// applyDefaults adds the site's defaults under the file's own fields.
func applyDefaults(f fields, defaults map[string]any) {
	for k, v := range defaults {
		lk := strings.ToLower(k)
		if _, ok := f[lk]; ok {
			continue
		}
		f[lk] = entry{key: k, val: normalize(plain(v), true)}
	}
}

// plain turns yaml.v3's map[string]interface{} trees and other decoders'
// values into the shapes normalize knows.
func plain(v any) any {
	switch v := v.(type) {
	case int:
		return int64(v)
	case uint64:
		return int64(v)
	case float32:
		return float64(v)
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, item := range v {
			m[k] = plain(item)
		}
		return m
	case []any:
		out := make([]any, len(v))
		for i, item := range v {
			out[i] = plain(item)
		}
		return out
	}
	return v
}

// FrontMatterMap decodes a file's front matter into plain values (nested
// maps included), for package site, which reads keys such as Hugo's cascade
// that a post itself does not use. It returns nil when the file has none.
func FrontMatterMap(file string, src []byte) (map[string]any, error) {
	fm, _, err := splitFrontMatter(file, src)
	if err != nil || fm == nil {
		return nil, err
	}
	m := map[string]any{}
	if err := fm.unmarshal(&m); err != nil {
		return nil, fmt.Errorf("%s: %s front matter: %w", file, fm.format, err)
	}
	return m, nil
}

// inZone places a date written without an offset in the site's zone.
func inZone(d Date, zone *time.Location) Date {
	if d.IsZero() || d.HasZone || zone == nil {
		return d
	}
	t := d.Time
	return Date{Time: time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), zone), HasZone: true}
}

// liftTaxonomies gives a [taxonomies] table's tags and categories (Zola's)
// the meaning of top-level tags and categories, which the file's own win
// over.
func liftTaxonomies(file string, fm *frontMatter, f fields) error {
	e, ok := f["taxonomies"]
	if !ok {
		return nil
	}
	if _, ok := e.val.(mapping); !ok {
		return nil
	}
	var m struct {
		Taxonomies map[string]any `toml:"taxonomies" yaml:"taxonomies" json:"taxonomies"`
	}
	if err := fm.unmarshal(&m); err != nil {
		return fmt.Errorf("%s: taxonomies: %w", file, err)
	}
	for k, v := range m.Taxonomies {
		k = strings.ToLower(k)
		if k != "tags" && k != "categories" {
			continue
		}
		if _, own := f[k]; !own {
			f[k] = entry{key: "taxonomies." + k, line: e.line, val: normalize(plain(v), true)}
		}
	}
	return nil
}
