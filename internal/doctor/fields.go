package doctor

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	wpsync "github.com/wpsync/wpsync/sync"
)

// IDFields is the check of the front matter fields beyond the post's own
// that the site takes (docs/content.md, "Fields plugins add").
const IDFields = "fields"

// fields: which front matter fields the site takes for posts, and which
// not and why: the meta keys the post type registers for REST, the
// taxonomies of posts a front matter key can name, the SEO plugin found
// and which of its fields it offers over REST.
func (d *doctor) fields(ctx context.Context) {
	ctx, cancel := d.withTimeout(ctx)
	defer cancel()
	sc, err := d.client.PostSchema(ctx, "posts")
	if err != nil {
		d.add(IDFields, Warn, "the site does not tell which post meta it registers for the REST API ("+err.Error()+"): no meta: and no SEO field is sent", "")
		return
	}
	ns, _ := d.client.Namespaces(ctx)
	taxes, _ := d.client.Taxonomies(ctx)
	var can, cannot []string
	var plain []string // meta keys no SEO plugin owns
	plugin, how := wpsync.SEOPluginOf(ns, sc.Meta)
	owned := map[string]bool{}
	for _, p := range wpsync.SEOPlugins {
		for _, k := range p.Keys {
			owned[k] = true
		}
	}
	for k, typ := range sc.Meta {
		if !owned[k] && k != "footnotes" {
			plain = append(plain, fmt.Sprintf("%s (%s)", k, typ))
		}
	}
	sort.Strings(plain)
	if len(plain) > 0 {
		can = append(can, "meta: "+strings.Join(plain, ", "))
	} else {
		cannot = append(cannot, "meta: the site registers no post meta for the REST API (a plugin, or register_post_meta with show_in_rest, registers them)")
	}
	var named []string
	for _, t := range taxes {
		if slices.Contains(t.Types, "post") && t.Slug != "category" && t.Slug != "post_tag" && t.Slug != "post_format" {
			named = append(named, t.Slug)
		}
	}
	if len(named) > 0 {
		can = append(can, "terms of taxonomies by front matter key: "+strings.Join(named, ", "))
	} else {
		cannot = append(cannot, "custom taxonomies: the site shows none for posts in the REST API")
	}
	st := OK
	switch {
	case plugin == nil:
		cannot = append(cannot, "SEO fields (seo_title, canonical, noindex, og_image; description is the excerpt): no SEO plugin found (Yoast SEO, Rank Math, SEOPress, The SEO Framework, All in One SEO: none of their REST namespaces or meta keys shows)")
	case plugin.Unwritable != "":
		st = Warn
		cannot = append(cannot, "SEO fields: "+plugin.Name+" ("+how+"), but "+plugin.Unwritable)
	default:
		var ok, not []string
		for _, f := range []string{"description", "title", "canonical", "noindex", "image"} {
			if _, reg := sc.Meta[plugin.Keys[f]]; reg {
				ok = append(ok, f)
			} else {
				not = append(not, f+" ("+plugin.Keys[f]+")")
			}
		}
		if len(ok) > 0 {
			can = append(can, "SEO fields of "+plugin.Name+" ("+how+"): "+strings.Join(ok, ", "))
		}
		if len(not) > 0 {
			st = Warn
			cannot = append(cannot, "SEO fields "+strings.Join(not, ", ")+": "+plugin.Name+" does not offer these meta keys over the REST API; register them (register_post_meta with show_in_rest and an auth_callback)")
		}
	}
	msg := "posts take " + strings.Join(can, "; ")
	if len(can) == 0 {
		msg = "posts take no field beyond WordPress's own"
	}
	details := make([]string, 0, len(cannot))
	for _, c := range cannot {
		details = append(details, "not: "+c)
	}
	d.add(IDFields, st, msg, "", details...)
}
