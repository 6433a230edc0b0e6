package sync

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	gosync "sync"

	"github.com/wpsync/wpsync/markdown"
)

// Fields plugins add: a file's markdown.PostFields
//
// What a file's meta:, custom taxonomy keys and SEO fields become depends on
// the site, which wpsync asks, never guesses:
//
//   - meta: each key the post type registers for the REST API (the meta
//     properties of its schema, OPTIONS /wp/v2/TYPE, which any role may
//     read) is sent in the post's meta; the others are named in a
//     warning of the file, at its meta: line (a key not registered is
//     dropped by WordPress without a word).
//   - a key no rule reads whose name is the slug or REST base of a taxonomy
//     of the post type (GET /wp/v2/taxonomies) gives the post terms of it,
//     made when missing as tags are (taxonomies.go).
//   - SEO fields go to the SEO plugin the site runs, found by its REST
//     namespace (the index's) or by its meta keys registered for the type,
//     each field into the meta key the plugin reads, when that key is
//     registered for REST; when it is not, a warning of the file says so,
//     at the line of its key, and what to do.
//
// The file's fields are in the hash (hashOf) as the file gives them, and
// what is sent in the fingerprint (Body): a change of them is a change;
// a second run, and a run without the state, write nothing.

// PostSchema is what a post type's REST schema says of the fields plugins
// add.
type PostSchema struct {
	// Meta are the meta keys registered for REST for the type, each with
	// its JSON type: string, boolean, integer, number, array, object ("" when
	// the schema does not say).
	Meta map[string]string
}

// schemaReader is implemented by a Publisher that can tell the fields a
// site offers over REST (sync/wordpress's Client). Without it, no meta and
// no SEO field is sent.
type schemaReader interface {
	// PostSchema returns the schema of the post type typ (a REST base).
	PostSchema(ctx context.Context, typ string) (*PostSchema, error)
	// Namespaces lists the REST namespaces of the site's index (yoast/v1,
	// rankmath/v1, …).
	Namespaces(ctx context.Context) ([]string, error)
}

// SEOPlugin is an SEO plugin wpsync writes fields for, and how it stores
// them (its post meta keys, from each plugin's source).
type SEOPlugin struct {
	Name string
	// Namespace is the REST namespace that shows the plugin runs; "" when
	// it has none (then only its registered meta keys show it).
	Namespace string
	// Keys are the plugin's meta keys by field: description, title,
	// canonical, noindex, image. A field without a key is not written.
	Keys map[string]string
	// NoIndex is the value of the noindex key for noindex: true and false.
	NoIndex func(bool) any
	// Unwritable, when set, says why the plugin's fields cannot be
	// written over REST whatever the site registers, and what to do.
	Unwritable string
}

// SEOPlugins are the SEO plugins wpsync knows, in the order they are looked
// for.
var SEOPlugins = []SEOPlugin{
	{Name: "Yoast SEO", Namespace: "yoast/v1", Keys: map[string]string{
		"description": "_yoast_wpseo_metadesc", "title": "_yoast_wpseo_title", "canonical": "_yoast_wpseo_canonical",
		"noindex": "_yoast_wpseo_meta-robots-noindex", "image": "_yoast_wpseo_opengraph-image",
	}, NoIndex: func(b bool) any { return map[bool]any{true: "1", false: "0"}[b] }}, // 1: noindex, 0: the type's default
	{Name: "Rank Math", Namespace: "rankmath/v1", Keys: map[string]string{
		"description": "rank_math_description", "title": "rank_math_title", "canonical": "rank_math_canonical_url",
		"noindex": "rank_math_robots", "image": "rank_math_facebook_image",
	}, NoIndex: func(b bool) any { return map[bool]any{true: []any{"noindex"}, false: []any{"index"}}[b] }},
	{Name: "SEOPress", Namespace: "seopress/v1", Keys: map[string]string{
		"description": "_seopress_titles_desc", "title": "_seopress_titles_title", "canonical": "_seopress_robots_canonical",
		"noindex": "_seopress_robots_index", "image": "_seopress_social_fb_img",
	}, NoIndex: func(b bool) any { return map[bool]any{true: "yes", false: ""}[b] }}, // "yes": noindex
	{Name: "The SEO Framework", Keys: map[string]string{
		"description": "_genesis_description", "title": "_genesis_title", "canonical": "_genesis_canonical_uri",
		"noindex": "_genesis_noindex", "image": "_social_image_url",
	}, NoIndex: func(b bool) any { return map[bool]any{true: "1", false: "0"}[b] }},
	{Name: "All in One SEO", Namespace: "aioseo/v1",
		Unwritable: "it keeps a post's SEO fields in its own table, written through its own routes, not in post meta: set them in the editor, or import them with its tools"},
}

// seoFields are SEO's fields by Keys' names, in the order they are told.
var seoFields = []string{"description", "title", "canonical", "noindex", "image"}

// siteFields is what the site takes of PostFields, read once per Syncer.
type siteFields struct {
	mu      gosync.Mutex
	schemas map[string]*PostSchema // by type; an empty one when the site cannot tell
	nsRead  bool
	ns      []string
}

// schema returns the schema of type typ, asked once; an empty one when the
// site refuses to tell (then no meta is sent, and the warning says why).
// Another error (the site did not answer) fails the file: what it sends is
// not known.
func (s *Syncer) schema(ctx context.Context, typ string) (*PostSchema, error) {
	f := &s.fieldSite
	f.mu.Lock()
	defer f.mu.Unlock()
	if sc, ok := f.schemas[typ]; ok {
		return sc, nil
	}
	sc := &PostSchema{}
	if r, ok := s.pub.(schemaReader); ok {
		got, err := r.PostSchema(ctx, typ)
		switch {
		case err != nil && !definitelyFailed(err):
			return nil, fmt.Errorf("read the fields of %s the site registers: %w", typ, err)
		case err == nil && got != nil:
			sc = got
		}
	}
	if f.schemas == nil {
		f.schemas = map[string]*PostSchema{}
	}
	f.schemas[typ] = sc
	return sc, nil
}

// namespaces returns the site's REST namespaces, asked once; none when the
// site refuses to tell.
func (s *Syncer) namespaces(ctx context.Context) ([]string, error) {
	f := &s.fieldSite
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.nsRead {
		if r, ok := s.pub.(schemaReader); ok {
			ns, err := r.Namespaces(ctx)
			if err != nil && !definitelyFailed(err) {
				return nil, fmt.Errorf("read the site's REST namespaces: %w", err)
			}
			f.ns = ns
		}
		f.nsRead = true
	}
	return f.ns, nil
}

// SEOPluginOf finds the SEO plugin a site runs from its REST namespaces and
// the meta keys a post type registers: the first whose namespace the index
// lists or one of whose keys is registered. how says which; nil when none.
func SEOPluginOf(namespaces []string, meta map[string]string) (plugin *SEOPlugin, how string) {
	for i, p := range SEOPlugins {
		for _, f := range seoFields {
			if k := p.Keys[f]; k != "" {
				if _, ok := meta[k]; !ok {
					continue
				}
				if p.Namespace != "" && slices.Contains(namespaces, p.Namespace) {
					return &SEOPlugins[i], "REST namespace " + p.Namespace
				}
				return &SEOPlugins[i], "its meta key " + k + " registered for REST"
			}
		}
	}
	for i, p := range SEOPlugins {
		if p.Namespace != "" && slices.Contains(namespaces, p.Namespace) {
			return &SEOPlugins[i], "REST namespace " + p.Namespace
		}
	}
	return nil, ""
}

// fieldNotes are what a file's fields could not send, for the file's
// warnings (warnFieldNotes).
type fieldNotes struct {
	unregistered []string // meta keys the type does not register
	mismatched   []string // meta values not of the registered type: "key (want integer)"
	seo          string   // why its SEO fields are not sent (all of them)
	seoUnsent    []string // SEO fields (seoFields) whose key the plugin's site does not register
	seoPlugin    *SEOPlugin
	// seoMismatched are SEO values not of the type the site registers for
	// the plugin's key: "key (the site wants integer)".
	seoMismatched []string
	localImage    bool // og_image names a local picture
}

// resolveFields sets p.Meta to what file j sends of its meta and SEO fields
// that the site takes (the footnotes as they are), and resolves its field
// terms into p.OtherTerms, returning the terms to create. It is called with
// the terms (resolveTerms), where the site is asked.
func (s *Syncer) resolveFields(ctx context.Context, j *job, p *Post) ([]newTerm, error) {
	pf := j.fields
	if pf == nil {
		return nil, nil
	}
	j.notes = fieldNotes{}
	missing, err := s.resolveFieldTerms(ctx, j, p)
	if err != nil {
		return nil, err
	}
	if len(pf.Meta) == 0 && pf.SEO.IsZero() && pf.SEO.LocalImage == "" {
		return missing, nil
	}
	sc, err := s.schema(ctx, p.Type)
	if err != nil {
		return nil, err
	}
	meta := map[string]any{}
	for k, v := range j.fileMeta {
		if _, own := pf.Meta[k]; !own {
			meta[k] = v // the footnotes
		}
	}
	for _, k := range slices.Sorted(maps.Keys(pf.Meta)) {
		typ, ok := sc.Meta[k]
		if !ok {
			j.notes.unregistered = append(j.notes.unregistered, k)
			continue
		}
		v, ok := asType(pf.Meta[k], typ)
		if !ok {
			j.notes.mismatched = append(j.notes.mismatched, fmt.Sprintf("%s (the site wants %s)", k, typ))
			continue
		}
		meta[k] = v
	}
	j.notes.localImage = pf.SEO.LocalImage != ""
	if !pf.SEO.IsZero() {
		ns, err := s.namespaces(ctx)
		if err != nil {
			return nil, err
		}
		s.seoMeta(j, ns, sc, meta)
	}
	if len(meta) == 0 {
		meta = nil
	}
	p.Meta = meta
	warnFieldNotes(j, p.Type)
	return missing, nil
}

// seoMeta puts the SEO fields of j into meta under the keys of the site's
// SEO plugin that the post type registers, noting what it cannot send.
func (s *Syncer) seoMeta(j *job, namespaces []string, sc *PostSchema, meta map[string]any) {
	plugin, _ := SEOPluginOf(namespaces, sc.Meta)
	switch {
	case plugin == nil:
		if only := j.fields.SEO; only == (markdown.SEO{Description: only.Description}) {
			return // a description is the excerpt, its generator's meaning: nothing lost
		}
		j.notes.seo = "the site runs no SEO plugin wpsync knows (Yoast SEO, Rank Math, SEOPress, The SEO Framework, All in One SEO): neither its REST namespace nor its meta keys show"
		return
	case plugin.Unwritable != "":
		j.notes.seo = plugin.Name + " runs on the site, but " + plugin.Unwritable
		return
	}
	seo := j.fields.SEO
	values := map[string]any{"description": seo.Description, "title": seo.Title, "canonical": seo.Canonical, "image": seo.Image}
	if seo.NoIndex != nil {
		values["noindex"] = plugin.NoIndex(*seo.NoIndex)
	}
	for _, f := range seoFields {
		v, ok := values[f]
		if !ok || v == "" {
			continue
		}
		key := plugin.Keys[f]
		typ, registered := sc.Meta[key]
		if !registered {
			j.notes.seoUnsent = append(j.notes.seoUnsent, f)
			continue
		}
		if _, own := j.fields.Meta[key]; own {
			continue // the file's meta: says it itself
		}
		if v, ok := asType(v, typ); ok {
			meta[key] = v
		} else {
			j.notes.seoMismatched = append(j.notes.seoMismatched, fmt.Sprintf("%s (the site wants %s)", key, typ))
		}
	}
	if len(j.notes.seoUnsent) > 0 {
		j.notes.seo, j.notes.seoPlugin = plugin.Name, plugin
	}
}

// asType converts a meta value to the registered JSON type where that
// keeps its meaning (5 for a string key is "5"); ok is false when it
// cannot (text for an integer key): WordPress would refuse the post.
func asType(v any, typ string) (any, bool) {
	switch typ {
	case "", "any":
		return v, true
	case "string":
		switch v := v.(type) {
		case string:
			return v, true
		case float64:
			return strconv.FormatFloat(v, 'f', -1, 64), true
		case bool:
			return strconv.FormatBool(v), true
		}
	case "integer":
		if f, ok := v.(float64); ok && f == float64(int64(f)) {
			return int64(f), true
		}
	case "number":
		if f, ok := v.(float64); ok {
			return f, true
		}
	case "boolean":
		if b, ok := v.(bool); ok {
			return b, true
		}
	case "array":
		if l, ok := v.([]any); ok {
			return l, true
		}
	case "object":
		if m, ok := v.(map[string]any); ok {
			return m, true
		}
	}
	return nil, false
}

// resolveFieldTerms resolves the field terms of j (PostFields.FieldTerms)
// of the taxonomies the post type has into p.OtherTerms; a key that names
// no taxonomy is no term. Terms the site lacks are returned for apply to
// create, except where the user may not: left out, with a warning.
func (s *Syncer) resolveFieldTerms(ctx context.Context, j *job, p *Post) ([]newTerm, error) {
	if len(j.fields.FieldTerms) == 0 {
		return nil, nil
	}
	taxes, err := s.siteTaxonomies(ctx)
	if err != nil {
		return nil, err
	}
	var missing []newTerm
	for _, key := range j.fields.FieldTermKeys() {
		t := taxonomyNamed(taxes, key, s.typeSlug(p.Type))
		if t == nil || t.RESTBase == "categories" || t.RESTBase == "tags" || t.Slug == "post_format" {
			continue
		}
		if _, sent := p.OtherTerms[t.RESTBase]; sent {
			continue // the generator's own taxonomy of that name (resolveOtherTerms)
		}
		ids, more, err := s.termIDs(ctx, t.RESTBase, j.fields.FieldTerms[key], false)
		if err != nil {
			return nil, err
		}
		if len(more) > 0 && !s.mayCreateTerms(ctx, t) {
			for _, m := range more {
				msg := fmt.Sprintf("%s %q is not on the site, and the user may not create terms of it (WordPress capability %s): left out; create it in WordPress, or give the user a role that has it", t.Slug, strings.TrimSpace(m.name), t.EditTerms)
				if j.ext == nil {
					j.ext = &jobExt{}
				}
				j.ext.warnOnce(&j.warn, msg)
				j.ext.warnOnce(&j.item.Warnings, msg)
			}
			more = nil
		}
		if ids == nil {
			ids = []int{}
		}
		if p.OtherTerms == nil {
			p.OtherTerms = map[string][]int{}
		}
		p.OtherTerms[t.RESTBase] = ids
		missing = append(missing, more...)
	}
	return missing, nil
}

// warnFieldNotes gives j's field notes as warnings of its file, each at
// the line of the key that gave the fields (the meta: key, the SEO key),
// with what to do: the run's listing groups one warning over many files
// (cmd/wpsync). An unchanged file is not sent again when the site changes
// (its hash is the file's), so a warning says to edit the file after
// fixing the site.
func warnFieldNotes(j *job, typ string) {
	n, pf := j.notes, j.fields
	var warns []string
	again := "; then edit the file so that it is sent again (a file unchanged since its last sync is not sent, even with --force)"
	if len(n.unregistered) > 0 {
		warns = append(warns, fmt.Sprintf("line %d: meta %s: not registered for the REST API on the site for %s, so not sent; register them (register_post_meta with show_in_rest)%s", pf.MetaLine, strings.Join(n.unregistered, ", "), typ, again))
	}
	if len(n.mismatched) > 0 {
		warns = append(warns, fmt.Sprintf("line %d: meta %s: the value is not of the type the site registers, so not sent (WordPress would refuse the post); write it as that type", pf.MetaLine, strings.Join(n.mismatched, ", ")))
	}
	var given []string // the SEO keys the file gives, as written
	line := 0
	for _, f := range seoFields {
		if k, ok := pf.SEOKeys[f]; ok && f != "description" {
			given = append(given, k.Key)
			if line == 0 || k.Line > 0 && k.Line < line {
				line = k.Line
			}
		}
	}
	if len(n.seoMismatched) > 0 {
		warns = append(warns, fmt.Sprintf("line %d: SEO fields %s: the value is not of the type the site registers for the SEO plugin's key, so not sent; write it as that type", line, strings.Join(n.seoMismatched, ", ")))
	}
	switch {
	case len(n.seoUnsent) > 0:
		var unsent []string
		line = 0
		for _, f := range n.seoUnsent {
			k := pf.SEOKeys[f]
			if k.Key == "" {
				k.Key = f
			}
			unsent = append(unsent, k.Key+" ("+n.seoPlugin.Keys[f]+")")
			if line == 0 || k.Line > 0 && k.Line < line {
				line = k.Line
			}
		}
		warns = append(warns, fmt.Sprintf("line %d: SEO fields %s: %s runs on the site but does not offer these meta keys over the REST API for %s, so they are not sent; register them for REST (register_post_meta with show_in_rest and an auth_callback)%s, or set them in the editor", line, strings.Join(unsent, ", "), n.seo, typ, again))
	case n.seo != "" && len(given) > 0:
		what := "they are"
		if len(given) == 1 {
			what = "it is"
		}
		excerpt := ""
		if pf.SEO.Description != "" {
			excerpt = " (description is the excerpt still)"
		}
		warns = append(warns, fmt.Sprintf("line %d: SEO fields %s: %s, so %s not sent%s", line, strings.Join(given, ", "), n.seo, what, excerpt))
	}
	if n.localImage {
		k := pf.SEOKeys["image"]
		warns = append(warns, fmt.Sprintf("line %d: og_image: a local picture is not sent to the SEO plugin (give its address, https://…); the featured image is what the plugins share by default", k.Line))
	}
	if len(warns) > 0 && j.ext == nil {
		j.ext = &jobExt{}
	}
	for _, w := range warns {
		w = strings.TrimPrefix(w, "line 0: ") // a key the site gave, not the file
		j.ext.warnOnce(&j.warn, w)
		j.ext.warnOnce(&j.item.Warnings, w)
	}
}

// fieldsHash is what hashOf covers of PostFields: the SEO fields and the
// field terms (the meta is in Post.Meta). The description is left out when
// it is the excerpt, which the hash covers already, so that files hash as
// before unless they give more.
func fieldsHash(j *job) string {
	if j.fields == nil {
		return ""
	}
	seo := j.fields.SEO
	if seo.Description == j.post.Excerpt {
		seo.Description = ""
	}
	if seo.IsZero() && len(j.fields.FieldTerms) == 0 {
		return ""
	}
	b, _ := json.Marshal(struct {
		SEO   markdown.SEO        `json:",omitempty"`
		Terms map[string][]string `json:",omitempty"`
	}{seo, j.fields.FieldTerms})
	return string(b)
}

// fileMeta is the meta a file sets before the site is asked: the
// footnotes and its meta:, all of it (resolveFields keeps what the site
// registers).
func fileMeta(doc *markdown.Document) map[string]any {
	m := docMeta(doc)
	if len(doc.Meta) > 0 && m == nil {
		m = map[string]any{}
	}
	maps.Copy(m, doc.Meta)
	return m
}
