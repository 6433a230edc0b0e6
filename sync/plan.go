package sync

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/wpsync/wpsync/markdown"
	"github.com/wpsync/wpsync/state"
)

// slugListThreshold: with more new files than this, one paged list of every
// slug of the type is cheaper than one look-up per file.
const slugListThreshold = 5

// plan asks the site what it must before writing: term IDs, whether a new
// file's slug is taken (adopt, never duplicate), whether a post to update
// was changed in WordPress meanwhile. Files settled here are reported; the
// rest, which need a write, are returned.
func (s *Syncer) plan(ctx context.Context, report *Report, pending []*job) []*job {
	var ready []*job
	for _, j := range pending {
		if err := s.resolveTerms(ctx, j, &j.post); err != nil {
			j.item = failedItem(j.item, fmt.Errorf("%s: %w", j.path, err))
			s.finish(report, j)
			continue
		}
		ready = append(ready, j)
	}
	ready = s.lookupSlugs(ctx, report, ready)
	ready = s.checkConflicts(ctx, report, ready)
	return ready
}

// byType groups jobs by REST base.
func byType(jobs []*job, keep func(*job) bool) map[string][]*job {
	groups := map[string][]*job{}
	for _, j := range jobs {
		if keep(j) {
			groups[j.post.Type] = append(groups[j.post.Type], j)
		}
	}
	return groups
}

// lookupSlugs finds posts that already hold a new file's slug — made by a run
// whose state was lost, or by one killed between its write and its save —
// and adopts them instead of creating a second post.
//
// The slugs were handed out by assignSlugs, so no two files look up the
// same one. Once every new file's post is known, the files whose links name
// them are rendered again (identity.go): only then is an adopted post
// compared with what its file sends.
func (s *Syncer) lookupSlugs(ctx context.Context, report *Report, jobs []*job) []*job {
	for typ, group := range byType(jobs, func(j *job) bool { return j.op == ActionCreate }) {
		found, err := s.findSlugs(ctx, typ, group)
		if err == nil {
			matchFamilies(group, found)
		}
		for _, j := range group {
			if err != nil {
				j.item = failedItem(j.item, fmt.Errorf("%s: look up slug %q: %w", j.path, j.post.Slug, err))
				continue
			}
			existing := found[j.post.Slug]
			if j.matched {
				existing = j.match
			}
			if existing == nil {
				continue
			}
			if err := s.claimable(j, existing); err != nil {
				j.item = failedItem(j.item, err)
				continue
			}
			s.adopt(j, existing)
		}
	}
	s.renderLinks(jobs)
	var rest []*job
	for _, j := range jobs {
		switch {
		case j.item.Action == ActionError:
			s.finish(report, j)
		case j.adopted && samePost(j.existing, &j.post):
			j.item.Action = ActionUnchanged
			s.setEntry(j.path, s.entryFor(j, j.existing))
			s.finish(report, j)
		default:
			rest = append(rest, j)
		}
	}
	return rest
}

// findSlugs returns the existing posts of a type holding the group's slugs,
// in edit context.
func (s *Syncer) findSlugs(ctx context.Context, typ string, group []*job) (map[string]*Post, error) {
	found := map[string]*Post{}
	if len(group) <= slugListThreshold {
		for _, j := range group {
			p, err := s.pub.FindBySlug(ctx, typ, j.post.Slug)
			if err != nil {
				return nil, err
			}
			if p != nil {
				found[j.post.Slug] = p
			}
		}
		return found, nil
	}
	all, err := s.pub.Slugs(ctx, typ)
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, j := range group {
		want[j.post.Slug] = true
	}
	var ids []int
	readOnly := map[int]*Post{}
	for _, p := range all {
		if want[p.Slug] {
			ids = append(ids, p.ID)
			if p.ReadOnly {
				readOnly[p.ID] = &p
			}
		}
	}
	if len(ids) == 0 {
		return found, nil
	}
	posts, err := s.pub.Posts(ctx, typ, ids)
	if err != nil {
		return nil, err
	}
	for _, p := range posts {
		found[p.Slug] = p
	}
	// Seen only in view context and not returned in edit context either:
	// the user may not edit it. (One that a run in flight made between the
	// two listings comes back in edit context.)
	for id, p := range readOnly {
		if posts[id] == nil && found[p.Slug] == nil {
			found[p.Slug] = p
		}
	}
	return found, nil
}

// claimable says why a file may not take an existing post as its own: the
// signed-in user may not edit it (another user's post: WordPress would give
// the file a second post under another slug), or another file of the
// folder is that post already.
func (s *Syncer) claimable(j *job, p *Post) error {
	if p.ReadOnly {
		return fmt.Errorf("%s: the slug %q is held by %s %d of another user (user ID %d), which %s may not edit: not published, so as not to make a second %s. Set another slug: in the front matter, or sync as a user who may edit that %s (an Editor)",
			j.path, j.post.Slug, typeName(j.post.Type), p.ID, p.Author, "the signed-in user", typeName(j.post.Type), typeName(j.post.Type))
	}
	for path, e := range s.state.Files {
		if path != j.path && e.ID == p.ID && e.Type == j.post.Type && s.exists(path) {
			return fmt.Errorf("%s: the slug %q is held by %s %d, which is %s's post already: set another slug: in the front matter", j.path, j.post.Slug, typeName(j.post.Type), p.ID, path)
		}
	}
	return nil
}

func (s *Syncer) adopt(j *job, existing *Post) {
	s.identify(j.path, &state.Entry{ID: existing.ID, Type: j.post.Type, Slug: existing.Slug, Link: existing.Link})
	j.adopted, j.item.Adopted = true, true
	j.existing = existing
	j.entry = &state.Entry{ID: existing.ID, Type: j.post.Type}
	j.item.ID, j.item.Link = existing.ID, existing.Link
	j.op = ActionUpdate
}

// checkConflicts keeps wpsync from overwriting an edit made in WordPress:
// a post whose modified_gmt is no longer the one our last write returned was
// changed by someone else, and a post that is missing was deleted or trashed.
// Both are reported as conflicts unless Options.Force.
func (s *Syncer) checkConflicts(ctx context.Context, report *Report, jobs []*job) []*job {
	groups := byType(jobs, func(j *job) bool {
		return j.op == ActionUpdate && !j.adopted && j.entry.ModifiedGMT != ""
	})
	for typ, group := range groups {
		ids := make([]int, len(group))
		for i, j := range group {
			ids[i] = j.entry.ID
		}
		current, err := s.pub.Posts(ctx, typ, ids)
		for _, j := range group {
			if err != nil {
				j.item = failedItem(j.item, fmt.Errorf("%s: read %s %d: %w", j.path, typeName(typ), j.entry.ID, err))
				continue
			}
			j.item.ID, j.item.Link = j.entry.ID, j.entry.Link
			p := current[j.entry.ID]
			switch {
			case p == nil && s.opts.Force:
				j.op, j.entry = ActionCreate, nil
				j.item.Warnings = append(j.item.Warnings, fmt.Sprintf("%s %d was deleted in WordPress; recreated (--force)", typeName(typ), j.item.ID))
				j.item.ID, j.item.Link = 0, ""
			case p == nil:
				j.item.Action = ActionConflict
				j.item.Error = fmt.Sprintf("%s: %s %d was deleted or trashed in WordPress: not recreated. Restore it from the trash, or run with --force to create it again", j.path, typeName(typ), j.entry.ID)
			case p.ModifiedGMT != j.entry.ModifiedGMT && samePost(p, &j.post):
				// Already what the file says: our own write of an earlier
				// run landed but its answer was lost. Nothing to overwrite.
				j.item.Action = ActionUpdate
				s.setEntry(j.path, s.entryFor(j, p))
			case p.ModifiedGMT != j.entry.ModifiedGMT && !s.opts.Force:
				j.item.Action = ActionConflict
				j.item.Error = fmt.Sprintf("%s: %s %d was changed in WordPress at %s, after wpsync last wrote it (%s): not overwritten. Copy the change into the file, or run with --force to overwrite it", j.path, typeName(typ), j.entry.ID, utcText(p.ModifiedGMT), utcText(j.entry.ModifiedGMT))
			}
		}
	}
	var rest []*job
	for _, j := range jobs {
		if j.item.Action != "" {
			s.finish(report, j)
			continue
		}
		rest = append(rest, j)
	}
	return rest
}

// entryFor is the state entry of a file whose post is p.
func (s *Syncer) entryFor(j *job, p *Post) *state.Entry {
	return &state.Entry{
		ID:          p.ID,
		Type:        j.post.Type,
		Slug:        p.Slug,
		Link:        p.Link,
		Hash:        j.hash,
		ContentHash: j.body,
		ModifiedGMT: p.ModifiedGMT,
		Size:        j.size,
		ModTime:     j.mtime,
		Refs:        j.stateRefs(),
	}
}

// lineOf returns the file line an error is about, when it says.
func lineOf(err error) int {
	var me *markdown.Error
	if errors.As(err, &me) {
		return me.Line
	}
	return 0
}

// sameStatus compares statuses as WordPress stores them: "publish" with a
// date ahead is stored as "future" (and "future" with a date past as
// "publish").
func sameStatus(have, want *Post) bool {
	if have.Status == want.Status {
		return true
	}
	scheduled := map[string]bool{"publish": true, "future": true}
	return scheduled[have.Status] && scheduled[want.Status]
}

func sameSet(a, b []int) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
