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

// newTerm is a term a file names that the site does not have: the plan
// holds it (job.newTerms), and apply creates it (createTerms) before the
// file is written.
type newTerm struct {
	taxonomy, name string
	whole          bool // a "/" in name is part of it, not a Parent/Child path
}

// resolveTerms turns the category and tag names of a file into the IDs of
// the site's terms. It creates nothing: the names the site does not have
// are left out and returned, for apply to create (Record fails on them).
//
// A file that names none of a taxonomy its type has (docs/content.md: "when absent:
// none") takes them off the post: no tags is an empty list, no category
// the site's default one, where WordPress files a post without any (an
// empty list would leave the post in none at all). Types without the
// taxonomy (pages) are sent none.
func (s *Syncer) resolveTerms(ctx context.Context, j *job, p *Post) ([]newTerm, error) {
	var err error
	var missing, more []newTerm
	if p.Categories, missing, err = s.termIDs(ctx, "categories", j.cats, !j.wholeTerms); err != nil {
		return nil, err
	}
	newCats := len(missing) > 0
	if p.Tags, more, err = s.termIDs(ctx, "tags", j.tags, false); err != nil {
		return nil, err
	}
	missing = append(missing, more...)
	if more, err = s.resolveOtherTerms(ctx, j, p); err != nil { // taxonomies.go
		return nil, err
	}
	missing = append(missing, more...)
	if more, err = s.resolveFields(ctx, j, p); err != nil { // postfields.go
		return nil, err
	}
	missing = append(missing, more...)
	cats, tags := s.taxonomiesOf(p.Type)
	if tags && p.Tags == nil {
		p.Tags = []int{}
	}
	if cats && len(p.Categories) == 0 && !newCats {
		def, err := s.defaultCategory(ctx)
		if err != nil {
			return nil, err
		}
		if def > 0 {
			p.Categories = []int{def}
		} else {
			p.Categories = nil // unknown: WordPress keeps the post's own
		}
	}
	return missing, nil
}

// createTerms carries out the terms of the plan: it creates the terms the
// jobs name that the site lacks, each once, and resolves their terms again.
// A job whose term cannot be made fails.
func (s *Syncer) createTerms(ctx context.Context, report *Report, jobs []*job) []*job {
	var rest []*job
	for _, j := range jobs {
		if err := s.makeTerms(ctx, j); err != nil {
			j.item = failedItem(j.item, fmt.Errorf("%s: %w", j.path, err))
			s.finish(report, j)
			continue
		}
		rest = append(rest, j)
	}
	return rest
}

// makeTerms creates the new terms of one job and resolves its terms again.
func (s *Syncer) makeTerms(ctx context.Context, j *job) error {
	if len(j.newTerms) == 0 {
		return nil
	}
	for _, t := range j.newTerms {
		if err := s.createTerm(ctx, t); err != nil {
			return err
		}
	}
	missing, err := s.resolveTerms(ctx, j, &j.post)
	if err != nil {
		return err
	}
	if len(missing) > 0 {
		return fmt.Errorf("%s %q was created but is still not found", singular(missing[0].taxonomy), missing[0].name)
	}
	j.newTerms = nil
	return nil
}

// createTerm creates a term, unless it was made for another file already.
func (s *Syncer) createTerm(ctx context.Context, t newTerm) error {
	idx, err := s.termIndex(ctx, t.taxonomy)
	if err != nil {
		return err
	}
	key := termKey(t.name)
	if _, ok := idx.byName[key]; ok {
		return nil
	}
	if t.taxonomy == "categories" && !t.whole && strings.Contains(t.name, "/") {
		_, _, err := s.categoryPath(ctx, idx, t.name, true) // pages.go
		return err
	}
	made, err := s.pub.CreateTerm(ctx, t.taxonomy, strings.TrimSpace(t.name))
	if err != nil {
		return fmt.Errorf("create %s %q: %w", singular(t.taxonomy), t.name, err)
	}
	idx.byName[key] = made
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

// termIDs returns the IDs of the named terms the site has, and the names
// it lacks. With paths, a category name with "/" is a Parent/Child path.
func (s *Syncer) termIDs(ctx context.Context, taxonomy string, names []string, paths bool) ([]int, []newTerm, error) {
	if len(names) == 0 {
		return nil, nil, nil
	}
	idx, err := s.termIndex(ctx, taxonomy)
	if err != nil {
		return nil, nil, err
	}
	ids := make([]int, 0, len(names))
	var missing []newTerm
	for _, name := range names {
		key := termKey(name)
		if key == "" {
			continue
		}
		t, ok := idx.byName[key]
		if !ok && paths && taxonomy == "categories" && strings.Contains(name, "/") {
			if t, ok, err = s.categoryPath(ctx, idx, name, false); err != nil {
				return nil, nil, err
			}
		}
		if !ok {
			if s.recording {
				return nil, nil, fmt.Errorf("%s %q is not on the site (Record creates no term)", singular(taxonomy), name)
			}
			missing = append(missing, newTerm{taxonomy: taxonomy, name: name, whole: !paths})
			continue
		}
		ids = append(ids, t.ID)
	}
	return ids, missing, nil
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
		if old, ok := idx.byName[termKey(t.Name)]; ok && old.Parent == 0 && t.Parent != 0 {
			// A name alone means the term at the top: a child of the
			// same name (Tea under Kitchen) is found by its path, and
			// the order the site lists them in must not decide.
			continue
		}
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
