package sync

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// termIndex finds a taxonomy's terms by name. It is filled once per run with
// every term (all pages), so naming a category costs no request per file.
type termIndex struct {
	byName map[string]Term
	all    []Term // with parents, for "Parent/Child" (pages.go)
}

func termKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// resolveTerms turns the category and tag names of a file into IDs, creating
// the terms the site does not have yet. A dry run creates nothing and leaves
// unknown names out.
//
// A file that names none of a taxonomy its type has (README: "when absent:
// none") takes them off the post: no tags is an empty list, no category
// the site's default one, where WordPress files a post without any (an
// empty list would leave the post in none at all). Types without the
// taxonomy (pages) are sent none.
func (s *Syncer) resolveTerms(ctx context.Context, j *job, p *Post) error {
	var err error
	if p.Categories, err = s.termIDs(ctx, "categories", j.cats); err != nil {
		return err
	}
	if p.Tags, err = s.termIDs(ctx, "tags", j.tags); err != nil {
		return err
	}
	cats, tags := s.taxonomiesOf(p.Type)
	if tags && p.Tags == nil {
		p.Tags = []int{}
	}
	if cats && len(p.Categories) == 0 {
		def, err := s.defaultCategory(ctx)
		if err != nil {
			return err
		}
		if def > 0 {
			p.Categories = []int{def}
		} else {
			p.Categories = nil // unknown: WordPress keeps the post's own
		}
	}
	return nil
}

// taxonomiesOf reports whether objects of a REST base have categories and
// tags: posts both, pages neither, a custom type as the site registered it
// (postTypes, read for any file of a custom type); an unknown type neither,
// so that what the file does not name is left as WordPress has it.
func (s *Syncer) taxonomiesOf(typ string) (cats, tags bool) {
	switch typ {
	case "posts":
		return true, true
	case "pages":
		return false, false
	}
	for _, t := range s.x.types {
		if t.RESTBase == typ {
			return slices.Contains(t.Taxonomies, "category"), slices.Contains(t.Taxonomies, "post_tag")
		}
	}
	return false, false
}

// defaultCategory asks the site for its default category once per Syncer;
// 0 when the user may not know it.
func (s *Syncer) defaultCategory(ctx context.Context) (int, error) {
	if s.defaultCat == nil {
		id, err := s.pub.DefaultCategory(ctx)
		if err != nil {
			return 0, err
		}
		s.defaultCat = &id
	}
	return *s.defaultCat, nil
}

func (s *Syncer) termIDs(ctx context.Context, taxonomy string, names []string) ([]int, error) {
	if len(names) == 0 {
		return nil, nil
	}
	idx, err := s.termIndex(ctx, taxonomy)
	if err != nil {
		return nil, err
	}
	ids := make([]int, 0, len(names))
	for _, name := range names {
		key := termKey(name)
		if key == "" {
			continue
		}
		t, ok := idx.byName[key]
		if !ok && taxonomy == "categories" && strings.Contains(name, "/") {
			if t, err = s.categoryPath(ctx, idx, name); err != nil {
				return nil, err
			}
			if t.ID > 0 {
				ids = append(ids, t.ID)
			}
			continue
		}
		if !ok {
			if s.recording {
				return nil, fmt.Errorf("%s %q is not on the site (Record creates no term)", singular(taxonomy), name)
			}
			if s.opts.DryRun {
				continue
			}
			t, err = s.pub.CreateTerm(ctx, taxonomy, strings.TrimSpace(name))
			if err != nil {
				return nil, fmt.Errorf("create %s %q: %w", singular(taxonomy), name, err)
			}
			idx.byName[key] = t
		}
		ids = append(ids, t.ID)
	}
	return ids, nil
}

func (s *Syncer) termIndex(ctx context.Context, taxonomy string) (*termIndex, error) {
	if idx, ok := s.terms[taxonomy]; ok {
		return idx, nil
	}
	terms, err := s.pub.Terms(ctx, taxonomy)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", taxonomy, err)
	}
	idx := &termIndex{byName: make(map[string]Term, len(terms)), all: terms}
	for _, t := range terms {
		idx.byName[termKey(t.Name)] = t
	}
	s.terms[taxonomy] = idx
	return idx, nil
}

func singular(taxonomy string) string {
	if taxonomy == "categories" {
		return "category"
	}
	return strings.TrimSuffix(taxonomy, "s")
}
