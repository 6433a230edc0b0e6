package sync

import (
	"context"
	"fmt"
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
func (s *Syncer) resolveTerms(ctx context.Context, j *job, p *Post) error {
	var err error
	if p.Categories, err = s.termIDs(ctx, "categories", j.cats); err != nil {
		return err
	}
	p.Tags, err = s.termIDs(ctx, "tags", j.tags)
	return err
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
