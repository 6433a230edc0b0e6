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
		Meta: map[string]any{"rating": float64(5), "mood": float64(3), "secret": "x", "stars": "many"},
		SEO:  markdown.SEO{Description: "D", Canonical: "https://example.org/a", NoIndex: &yes},
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
	if !reflect.DeepEqual(j.notes.seoUnsent, []string{"canonical (_yoast_wpseo_canonical)"}) || j.notes.seo != "Yoast SEO" {
		t.Errorf("seo notes %+v", j.notes)
	}
	var r Report
	s.warnFields(&r, []*job{j, j})
	if len(r.Warnings) != 3 || !strings.Contains(r.Warnings[0], "meta secret") || !strings.HasSuffix(r.Warnings[0], "(2 file(s))") {
		t.Errorf("warnings %q", r.Warnings)
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
