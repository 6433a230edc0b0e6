package markdown

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// PostFields is what a file's front matter says for the fields WordPress
// plugins add to a post: its custom fields (post meta), the terms of the
// site's own taxonomies, and what SEO plugins show to search engines. The
// site decides which of them it takes (package sync): only meta keys it
// registers for the REST API, only taxonomies it has, only the SEO plugin
// it runs.
type PostFields struct {
	// Meta is the front matter's meta: mapping, by key as written, each
	// value as JSON has it (text, number, true/false, list, mapping; a
	// TOML date as RFC 3339 text). Nil when none.
	Meta map[string]any
	// MetaLine is the line of the meta key.
	MetaLine int
	// SEO holds the search-engine fields.
	SEO SEO
	// SEOKeys are the front matter keys that gave SEO's fields, by field
	// (description, title, canonical, noindex, image), with their lines,
	// so that what the site does not take is said at the key the file
	// wrote.
	SEOKeys map[string]KeyAt
	// FieldTerms are the text or list-of-text values of front matter keys
	// no other rule reads, lower-cased key to values (split on commas as
	// tags are): each is the terms of the site's taxonomy of that name
	// (slug or REST base), when the site has one; nil when none.
	FieldTerms map[string][]string
}

// SEO is what a file tells search engines, for the site's SEO plugin. Each
// is "" (nil) when the file does not say.
type SEO struct {
	// Description is the description key: the excerpt too (Hugo's,
	// Jekyll's and Zola's meaning), the meta description besides.
	Description string `json:",omitempty"`
	// Title is seo_title (or meta_title): the title shown to search
	// engines, when it is not the post's.
	Title string `json:",omitempty"`
	// Canonical is canonical, canonicalURL or canonical_url: the address
	// search engines should count the page under.
	Canonical string `json:",omitempty"`
	// NoIndex is noindex (true: keep it out of search results).
	NoIndex *bool `json:",omitempty"`
	// Image is og_image, else the first of images when it is an address
	// (http or https): the picture of shares (Open Graph). A local picture
	// is the featured image already, which the plugins use for shares.
	Image string `json:",omitempty"`
	// LocalImage is og_image when it names no address: not sent, said.
	LocalImage string `json:"-"`
}

// KeyAt is a front matter key as written and its line (0: unknown).
type KeyAt struct {
	Key  string
	Line int
}

// IsZero reports whether s says nothing.
func (s SEO) IsZero() bool {
	return s.Description == "" && s.Title == "" && s.Canonical == "" && s.NoIndex == nil && s.Image == ""
}

// seoKeys are the front matter keys of SEO, lower-cased.
var seoKeys = []string{"seo_title", "meta_title", "canonical", "canonicalurl", "canonical_url", "noindex", "og_image"}

// wordpressOwn are taxonomy names that are no custom taxonomy: WordPress's
// own, whose terms other rules send (tags, categories, the post format).
var wordpressOwn = []string{"category", "categories", "post_tag", "tags", "tag", "post_format", "format"}

// readPostFields fills doc.PostFields from the front matter (fm may be
// nil). The meta: mapping is decoded again from the raw front matter, as
// the generator's decoder gives it: the fields keep only one level of
// nesting, and lower-case the keys.
func readPostFields(path string, fm *frontMatter, f fields, doc *Document, rules *SiteRules) error {
	r := &fieldReader{path: path, fields: f}
	pf := &doc.PostFields
	var err error
	if e, ok := f["meta"]; ok && e.val != nil {
		if _, ok := e.val.(mapping); ok && fm != nil {
			if pf.Meta, err = decodeMeta(fm); err != nil {
				return fmt.Errorf("%s: meta: %w", path, err)
			}
			pf.MetaLine = e.line
		} else if e.val != false {
			// Not post meta: a theme's own (meta: false hides a byline in
			// some), which never fails the post.
			doc.Warnings = append(doc.Warnings, fmt.Sprintf("line %d: %s: %s is no mapping of post meta, so no meta is sent; write meta: {key: value} for custom fields", e.line, e.key, describe(e.val)))
		}
	}
	if d, err := r.text("description"); err == nil {
		pf.SEO.Description = d
	}
	if pf.SEO.Title, err = r.text("seo_title", "meta_title"); err != nil {
		return err
	}
	if pf.SEO.Canonical, err = r.text("canonical", "canonicalurl", "canonical_url"); err != nil {
		return err
	}
	if b, set, err := r.boolean("noindex"); err != nil {
		return err
	} else if set {
		pf.SEO.NoIndex = &b
	}
	og, err := r.text("og_image")
	if err != nil {
		return err
	}
	switch {
	case isAddress(og):
		pf.SEO.Image = og
	case og != "":
		pf.SEO.LocalImage = og
	default:
		if e, ok := f["images"]; ok {
			if list, ok := e.val.([]any); ok && len(list) > 0 {
				if s, ok := list[0].(string); ok && isAddress(s) {
					pf.SEO.Image = s
				}
			}
		}
	}
	seoKeysOf(pf, f)
	pf.FieldTerms = fieldTerms(r, f, rules)
	return nil
}

// seoKeysOf fills pf.SEOKeys with the key (and line) of each SEO field the
// file gives, the first of its keys written, as readPostFields reads them.
func seoKeysOf(pf *PostFields, f fields) {
	given := map[string]bool{
		"description": pf.SEO.Description != "", "title": pf.SEO.Title != "", "canonical": pf.SEO.Canonical != "",
		"noindex": pf.SEO.NoIndex != nil, "image": pf.SEO.Image != "" || pf.SEO.LocalImage != "",
	}
	keys := map[string][]string{
		"description": {"description"}, "title": {"seo_title", "meta_title"},
		"canonical": {"canonical", "canonicalurl", "canonical_url"}, "noindex": {"noindex"}, "image": {"og_image", "images"},
	}
	for field, ks := range keys {
		if !given[field] {
			continue
		}
		for _, k := range ks {
			if e, ok := f[k]; ok && e.val != nil {
				if pf.SEOKeys == nil {
					pf.SEOKeys = map[string]KeyAt{}
				}
				pf.SEOKeys[field] = KeyAt{Key: e.key, Line: e.line}
				break
			}
		}
	}
}

// isAddress reports whether s is an http or https address.
func isAddress(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}

// readKeys are the front matter keys other rules read, lower-cased: none
// of them names a taxonomy's terms.
var readKeys = []string{
	"title", "slug", "status", "draft", "published", "type", "post_type", "format", "excerpt", "description", "summary",
	"parent", "menu_order", "weight", "template", "layout", "sticky", "comment_status", "comments", "ping_status",
	"author", "authors", "password", "meta", "taxonomies", "aliases", "redirect_from", "permalink", "url", "lang",
	"translationkey", "cascade", "outputs", "resources", "build", "params", "sitemap", "headless", "markup",
	"linktitle", "keywords", "toc", "math", "externalurl", "excerpt_separator",
}

// fieldTerms is PostFields.FieldTerms: the keys no rule reads whose value
// is text (not a number, true/false or a date) or a list of text.
func fieldTerms(r *fieldReader, f fields, rules *SiteRules) map[string][]string {
	d := rules.dates()
	var out map[string][]string
	for k, e := range f {
		if slices.Contains(readKeys, k) || slices.Contains(wordpressOwn, k) || slices.Contains(seoKeys, k) ||
			slices.Contains(featuredKeys, k) || slices.ContainsFunc(rules.FeaturedKeys, func(f string) bool { return strings.EqualFold(f, k) }) || slices.Contains(rules.OtherTaxonomies, k) ||
			slices.Contains(d.Date, k) || slices.Contains(d.Expiry, k) || slices.Contains(d.Lastmod, k) {
			continue
		}
		switch v := e.val.(type) {
		case string:
			if _, ok := parseDate(v); ok {
				continue // a date, of a key this generator does not read
			}
		case []any:
			if len(v) == 0 || slices.ContainsFunc(v, func(item any) bool { _, ok := item.(string); return !ok }) {
				continue
			}
		default:
			continue
		}
		names, err := r.list(k, splitCommas)
		if err != nil || len(names) == 0 {
			continue
		}
		if out == nil {
			out = map[string][]string{}
		}
		out[k] = names
	}
	return out
}

// FieldTermKeys returns the keys of FieldTerms, sorted.
func (pf *PostFields) FieldTermKeys() []string {
	keys := make([]string, 0, len(pf.FieldTerms))
	for k := range pf.FieldTerms {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// decodeMeta decodes the meta: mapping of the front matter.
func decodeMeta(fm *frontMatter) (map[string]any, error) {
	var m struct {
		Meta map[string]any `toml:"meta" yaml:"meta" json:"meta"`
	}
	if err := fm.unmarshal(&m); err != nil {
		return nil, err
	}
	if len(m.Meta) == 0 {
		return nil, nil
	}
	out := make(map[string]any, len(m.Meta))
	for k, v := range m.Meta {
		out[k] = jsonValue(v)
	}
	return out, nil
}

// jsonValue turns a decoded value into what encoding/json makes of JSON:
// maps with text keys, lists, text, float64 numbers, true/false, nil.
func jsonValue(v any) any {
	switch v := v.(type) {
	case time.Time:
		return v.Format(time.RFC3339)
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, item := range v {
			m[k] = jsonValue(item)
		}
		return m
	case map[any]any:
		m := make(map[string]any, len(v))
		for k, item := range v {
			m[fmt.Sprint(k)] = jsonValue(item)
		}
		return m
	case []any:
		out := make([]any, len(v))
		for i, item := range v {
			out[i] = jsonValue(item)
		}
		return out
	case []map[string]any:
		out := make([]any, len(v))
		for i, item := range v {
			out[i] = jsonValue(item)
		}
		return out
	case int:
		return float64(v)
	case int64:
		return float64(v)
	case uint64:
		return float64(v)
	case float32:
		return float64(v)
	case json.Number:
		f, _ := v.Float64()
		return f
	}
	return v
}
