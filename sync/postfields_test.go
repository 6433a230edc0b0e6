package sync

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/markdown"
)

// schemaPub is a Publisher that tells only its schema and namespaces.
type schemaPub struct {
	Publisher
	meta map[string]string
	ns   []string
}

func (p *schemaPub) PostSchema(context.Context, string) (*PostSchema, error) {
	return &PostSchema{Meta: p.meta}, nil
}
func (p *schemaPub) Namespaces(context.Context) ([]string, error) { return p.ns, nil }

func TestSEOPluginOf(t *testing.T) {
	tests := []struct {
		name string
		ns   []string
		meta map[string]string
		want string
	}{
		{"none", []string{"wp/v2", "oembed/1.0"}, nil, ""},
		{"by namespace", []string{"wp/v2", "rankmath/v1"}, nil, "Rank Math"},
		{"by registered key, over another's namespace", []string{"yoast/v1"}, map[string]string{"_seopress_titles_desc": "string"}, "SEOPress"},
		{"The SEO Framework has no namespace", nil, map[string]string{"_genesis_description": "string"}, "The SEO Framework"},
		{"AIOSEO", []string{"aioseo/v1"}, nil, "All in One SEO"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, how := SEOPluginOf(tt.ns, tt.meta)
			got := ""
			if p != nil {
				got = p.Name
			}
			if got != tt.want || (p != nil) != (how != "") {
				t.Errorf("got %q (%q), want %q", got, how, tt.want)
			}
		})
	}
}

func TestSyncer_ResolveFields(t *testing.T) {
	yes := true
	pub := &schemaPub{ns: []string{"yoast/v1"}, meta: map[string]string{
		"rating": "integer", "mood": "string", "footnotes": "string",
		"_yoast_wpseo_metadesc": "string", "_yoast_wpseo_meta-robots-noindex": "string",
	}}
	s := &Syncer{pub: pub}
	j := &job{path: "a.md", fields: &markdown.PostFields{
		Meta:     map[string]any{"rating": float64(5), "mood": float64(3), "secret": "x", "stars": "many"},
		SEO:      markdown.SEO{Description: "D", Canonical: "https://example.org/a", NoIndex: &yes},
		MetaLine: 4,
		SEOKeys:  map[string]markdown.KeyAt{"description": {Key: "description", Line: 2}, "canonical": {Key: "canonicalURL", Line: 3}, "noindex": {Key: "noindex", Line: 9}},
	}}
	j.fileMeta = map[string]any{"footnotes": "[]", "rating": float64(5), "mood": float64(3), "secret": "x", "stars": "many"}
	pub.meta["stars"] = "integer"
	p := &Post{Type: "posts", Meta: j.fileMeta}
	if _, err := s.resolveFields(context.Background(), j, p); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"footnotes": "[]", "rating": int64(5), "mood": "3", "_yoast_wpseo_metadesc": "D", "_yoast_wpseo_meta-robots-noindex": "1"}
	if !reflect.DeepEqual(p.Meta, want) {
		t.Errorf("meta %#v\nwant %#v", p.Meta, want)
	}
	if !reflect.DeepEqual(j.notes.unregistered, []string{"secret"}) || len(j.notes.mismatched) != 1 || !strings.HasPrefix(j.notes.mismatched[0], "stars") {
		t.Errorf("notes %+v", j.notes)
	}
	if !reflect.DeepEqual(j.notes.seoUnsent, []string{"canonical"}) || j.notes.seo != "Yoast SEO" {
		t.Errorf("seo notes %+v", j.notes)
	}
	// Each a warning of the file, at the line of its key, saying what to do.
	want3 := []string{
		"line 4: meta secret: not registered for the REST API on the site for posts, so not sent; register them (register_post_meta with show_in_rest); then edit the file so that it is sent again",
		"line 4: meta stars (the site wants integer): the value is not of the type",
		"line 3: SEO fields canonicalURL (_yoast_wpseo_canonical): Yoast SEO runs on the site",
	}
	if len(j.warn) != 3 || !reflect.DeepEqual(j.item.Warnings, j.warn) {
		t.Fatalf("warnings %q, item %q", j.warn, j.item.Warnings)
	}
	for i, w := range want3 {
		if !strings.HasPrefix(j.warn[i], w) {
			t.Errorf("warning %d:\n%s\nwant it to start\n%s", i, j.warn[i], w)
		}
	}
	// Resolving again (after terms are made) gives the same.
	if _, err := s.resolveFields(context.Background(), j, p); err != nil || !reflect.DeepEqual(p.Meta, want) {
		t.Errorf("again: %#v, %v", p.Meta, err)
	}
}

func TestSyncer_ResolveFields_NoPlugin(t *testing.T) {
	s := &Syncer{pub: &schemaPub{ns: []string{"wp/v2"}}}
	// A description alone is the excerpt: nothing to say.
	j := &job{fields: &markdown.PostFields{SEO: markdown.SEO{Description: "D"}}}
	p := &Post{Type: "posts"}
	if _, err := s.resolveFields(context.Background(), j, p); err != nil {
		t.Fatal(err)
	}
	if p.Meta != nil || j.notes.seo != "" {
		t.Errorf("description only: meta %v, notes %+v", p.Meta, j.notes)
	}
	j.fields.SEO.Canonical = "https://example.org/a"
	if _, err := s.resolveFields(context.Background(), j, p); err != nil {
		t.Fatal(err)
	}
	if p.Meta != nil || !strings.Contains(j.notes.seo, "no SEO plugin") {
		t.Errorf("with canonical: meta %v, notes %+v", p.Meta, j.notes)
	}
	if len(j.warn) != 0 {
		t.Errorf("no key given, yet warned: %q", j.warn)
	}
	// Only the fields the file gives are named, at the first one's line.
	j.fields.SEO = markdown.SEO{Description: "D", Title: "T"}
	j.fields.SEOKeys = map[string]markdown.KeyAt{"description": {Key: "description", Line: 2}, "title": {Key: "seo_title", Line: 5}}
	if _, err := s.resolveFields(context.Background(), j, p); err != nil {
		t.Fatal(err)
	}
	if len(j.warn) != 1 || !strings.HasPrefix(j.warn[0], "line 5: SEO fields seo_title: the site runs no SEO plugin") || !strings.HasSuffix(j.warn[0], "so it is not sent (description is the excerpt still)") {
		t.Errorf("seo_title only: %q", j.warn)
	}
}

func TestSameMeta(t *testing.T) {
	for _, tt := range []struct {
		have, want any
		same       bool
	}{
		{float64(5), int64(5), true},
		{"5", int64(5), false},
		{[]any{"noindex"}, []any{"noindex"}, true},
		{nil, "x", false},
		{`["a"]`, `["a"]`, true},
	} {
		if got := sameMeta(tt.have, tt.want); got != tt.same {
			t.Errorf("sameMeta(%#v, %#v) = %v", tt.have, tt.want, got)
		}
	}
}
