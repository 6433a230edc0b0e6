package sync

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Taxonomy is a taxonomy of the site, as GET /wp/v2/taxonomies lists it.
type Taxonomy struct {
	Slug     string   // series
	RESTBase string   // the route of its terms, and the post's field of them
	Types    []string // the post types it belongs to, by slug: post, page, book
	// EditTerms is the capability creating one of its terms needs
	// (manage_categories for a taxonomy registered without its own); ""
	// when the site does not tell the user.
	EditTerms string
}

// resolveOtherTerms resolves the terms of the site's other taxonomies that
// file j names (the generator's, markdown.SiteRules.OtherTaxonomies: Hugo's
// [taxonomies] beyond tags and categories) into p.OtherTerms, by the REST
// base of the WordPress taxonomy of the same name (its slug or REST base)
// that the post's type has. Every such taxonomy is sent, an empty list
// when the file names none of its terms ("when absent: none"). A taxonomy
// the site lacks is left out (warnTaxonomies says so once per run); terms
// the site lacks are returned for apply to create, except where the user
// may not create them: those are left out with a warning, the post
// published with the others.
func (s *Syncer) resolveOtherTerms(ctx context.Context, j *job, p *Post) ([]newTerm, error) {
	p.OtherTerms, j.unsentTaxonomies = nil, nil
	if j.page.Rules == nil || len(j.page.Rules.OtherTaxonomies) == 0 {
		return nil, nil
	}
	taxes, err := s.siteTaxonomies(ctx)
	if err != nil {
		return nil, err
	}
	var missing []newTerm
	for _, name := range j.page.Rules.OtherTaxonomies {
		t := taxonomyNamed(taxes, name, s.typeSlug(p.Type))
		if t == nil {
			if len(j.otherTerms[name]) > 0 {
				j.unsentTaxonomies = append(j.unsentTaxonomies, name)
			}
			continue
		}
		ids, more, err := s.termIDs(ctx, t.RESTBase, j.otherTerms[name], false)
		if err != nil {
			return nil, err
		}
		if len(more) > 0 && !s.mayCreateTerms(ctx, t) {
			for _, m := range more {
				if j.ext == nil {
					j.ext = &jobExt{}
				}
				msg := fmt.Sprintf("%s %q is not on the site, and the user may not create terms of it (WordPress capability %s): left out; create it in WordPress, or give the user a role that has it", t.Slug, strings.TrimSpace(m.name), t.EditTerms)
				j.ext.warnOnce(&j.warn, msg)
				j.ext.warnOnce(&j.item.Warnings, msg) // the item took its warnings when the file was classified
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

// taxonomyNamed finds the taxonomy a generator's taxonomy name means: the
// one whose slug or REST base is that name, of the post type typ.
func taxonomyNamed(taxes []Taxonomy, name, typ string) *Taxonomy {
	for i, t := range taxes {
		if (strings.EqualFold(t.Slug, name) || strings.EqualFold(t.RESTBase, name)) && slices.Contains(t.Types, typ) {
			return &taxes[i]
		}
	}
	return nil
}

// typeSlug is the slug of the post type whose REST base is restBase.
func (s *Syncer) typeSlug(restBase string) string {
	switch restBase {
	case "posts":
		return "post"
	case "pages":
		return "page"
	}
	for _, t := range s.x.types {
		if t.RESTBase == restBase {
			return t.Slug
		}
	}
	return restBase
}

// siteTaxonomies asks the site for its taxonomies once per Syncer, and
// only when a file names a taxonomy beyond tags and categories.
func (s *Syncer) siteTaxonomies(ctx context.Context) ([]Taxonomy, error) {
	if !s.x.taxesRead {
		taxes, err := s.pub.Taxonomies(ctx)
		if err != nil {
			return nil, fmt.Errorf("list the site's taxonomies: %w", err)
		}
		s.x.taxes, s.x.taxesRead = taxes, true
	}
	return s.x.taxes, nil
}

// mayCreateTerms reports whether the user may create terms of t; true when
// the site does not tell (the write then answers for itself).
func (s *Syncer) mayCreateTerms(ctx context.Context, t *Taxonomy) bool {
	if t.EditTerms == "" {
		return true
	}
	if listed, err := s.pub.Can(ctx, "read"); err != nil || !listed {
		return true
	}
	can, err := s.pub.Can(ctx, t.EditTerms)
	return err != nil || can
}

// warnTaxonomies says once per run which taxonomies of the generator that
// files name terms of the site has none of, and how many files name them:
// their terms are not sent.
func (s *Syncer) warnTaxonomies(report *Report, jobs []*job) {
	files := map[string]int{}
	for _, j := range jobs {
		for _, name := range j.unsentTaxonomies {
			files[name]++
		}
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		report.Warnings = append(report.Warnings, fmt.Sprintf("taxonomy %s (the site generator's, named in %d file(s)): the WordPress site has no taxonomy %q for these posts, so their %s terms are not sent; register one (a plugin, or register_taxonomy with show_in_rest) to keep them", n, files[n], n, n))
	}
}
