package sync

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"

	"github.com/wpsync/wpsync/markdown"
)

// WordPressMeta are the meta keys WordPress itself registers for the REST
// API, which no meta: of a file gives: footnotes (6.3+) is written from the
// file's Markdown footnotes (content.go docMeta).
var WordPressMeta = []string{"footnotes"}

// FieldsOfPost is the reverse of what sync sends of a file's meta: and SEO
// fields (postfields.go): what a post's meta, as the REST API gives it in
// edit context (every key registered for REST), says back in front matter,
// so that the file sends what the post has.
//
// The meta of the site's SEO plugin (SEOPluginOf, by the keys the post
// has) comes back as SEO fields, by the same table sync writes them with
// (SEOPlugins): description, title (seo_title), canonical, noindex and
// image (og_image). A value no SEO field gives back as sync would send it
// (a robots list other than noindex's, an og_image that is no address, a
// description where the post has no excerpt, which the description would
// become) stays in meta under its own key, which sync sends as it is.
//
// meta holds the other keys but WordPressMeta's, each with a value that
// is not empty ("", 0, false, an empty list or mapping, null: what
// WordPress gives for a key a post never had, and what sync need not
// send); nil when none. excerpt is the post's excerpt.
func FieldsOfPost(postMeta map[string]any, excerpt string) (meta map[string]any, seo markdown.SEO) {
	rest := map[string]any{}
	for k, v := range postMeta {
		if !slices.Contains(WordPressMeta, k) && !emptyMeta(v) {
			rest[k] = v
		}
	}
	registered := map[string]string{}
	for k := range postMeta {
		registered[k] = ""
	}
	if plugin, _ := SEOPluginOf(nil, registered); plugin != nil && plugin.Unwritable == "" {
		text := func(field string) string {
			key := plugin.Keys[field]
			s, ok := rest[key].(string)
			if !ok || strings.TrimSpace(s) != s {
				return "" // not as a front matter text reads back: kept in meta
			}
			delete(rest, key)
			return s
		}
		if excerpt != "" { // else the description would be the excerpt too
			seo.Description = text("description")
		}
		seo.Title = text("title")
		seo.Canonical = text("canonical")
		if img, ok := rest[plugin.Keys["image"]].(string); ok && (strings.HasPrefix(img, "https://") || strings.HasPrefix(img, "http://")) {
			seo.Image = text("image")
		}
		if key := plugin.Keys["noindex"]; key != "" && rest[key] != nil {
			for _, b := range []bool{true, false} {
				if sameMeta(rest[key], plugin.NoIndex(b)) {
					seo.NoIndex = &b
					delete(rest, key)
					break
				}
			}
		}
	}
	if len(rest) == 0 {
		return nil, seo
	}
	return rest, seo
}

// emptyMeta reports whether a meta value is empty: what WordPress gives
// for a registered key a post has no value of (the type's zero).
func emptyMeta(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Map, reflect.Slice, reflect.String:
		return rv.Len() == 0
	}
	b, _ := json.Marshal(v)
	return string(b) == "0" || string(b) == "false"
}
