package sync

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/wpsync/wpsync/internal/wpslug"
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
		missing, err := s.resolveTerms(ctx, j, &j.post)
		if err != nil {
			j.item = failedItem(j.item, fmt.Errorf("%s: %w", j.path, err))
			s.finish(report, j)
			continue
		}
		j.newTerms = missing // created by apply (createTerms)
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
		found, family, err := s.findSlugs(ctx, typ, group)
		if err == nil {
			matchFamilies(group, found)
			s.matchNumbered(jobs, group, found, family)
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
			if err := s.claimable(ctx, j, existing); err != nil {
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
		case j.adopted && len(j.newTerms) == 0 && sameAsSent(j.existing, &j.post):
			j.item.Action = ActionUnchanged
			s.decide(decision{path: j.path, entry: s.entryFor(j, j.existing)}) // record.go
			s.finish(report, j)
		default:
			rest = append(rest, j)
		}
	}
	return rest
}

// familySize is how far a slug's numbered forms are looked at for a file
// whose slug finds no post: WordPress numbers from -2, and each run that
// made a second post (the fault this guards against) took the next.
const familySize = 10

// findSlugs returns the existing posts of a type holding the group's slugs,
// in edit context, and, for each file whose slug no post holds, the posts
// of its numbered forms ("embed-2" for "embed", a slug WordPress never
// gives out), by path: its post may be one of them (matchNumbered). On a
// site without the slug that costs nothing more: the numbered forms are
// asked in the same request, or found in the same listing.
func (s *Syncer) findSlugs(ctx context.Context, typ string, group []*job) (map[string]*Post, map[string][]*Post, error) {
	found := map[string]*Post{}
	family := map[string][]*Post{}
	if len(group) <= slugListThreshold {
		for _, j := range group {
			p, fam, err := s.pub.FindFamily(ctx, typ, j.post.Slug, familySize)
			if err != nil {
				return nil, nil, err
			}
			if p != nil {
				found[j.post.Slug] = p
			} else if len(fam) > 0 {
				family[j.path] = fam
			}
		}
		return found, family, nil
	}
	all, err := s.pub.Slugs(ctx, typ)
	if err != nil {
		return nil, nil, err
	}
	want := map[string]bool{}
	for _, j := range group {
		want[j.post.Slug] = true
	}
	held := map[string]bool{}
	for _, p := range all {
		held[p.Slug] = true
	}
	// The numbered forms of slugs that no post holds, by the files that
	// want them.
	numbered := map[string][]string{}
	for _, j := range group {
		if held[j.post.Slug] {
			continue
		}
		for n := 2; n <= familySize; n++ {
			if slug := wpslug.Numbered(j.post.Slug, n); held[slug] {
				numbered[slug] = append(numbered[slug], j.path)
			}
		}
	}
	var ids []int
	readOnly := map[int]*Post{}
	for _, p := range all {
		if want[p.Slug] || numbered[p.Slug] != nil && !p.ReadOnly {
			ids = append(ids, p.ID)
			if p.ReadOnly {
				readOnly[p.ID] = &p
			}
		}
	}
	if len(ids) == 0 {
		return found, family, nil
	}
	posts, err := s.pub.Posts(ctx, typ, ids)
	if err != nil {
		return nil, nil, err
	}
	for _, p := range posts {
		if want[p.Slug] {
			found[p.Slug] = p
		}
		for _, path := range numbered[p.Slug] {
			family[path] = append(family[path], p)
		}
	}
	// Seen only in view context and not returned in edit context either:
	// the user may not edit it. (One that a run in flight made between the
	// two listings comes back in edit context.)
	for id, p := range readOnly {
		if posts[id] == nil && found[p.Slug] == nil {
			found[p.Slug] = p
		}
	}
	return found, family, nil
}

// matchNumbered gives a file whose slug no post holds the post among its
// slug's numbered forms that is its own: the one whose fingerprint names
// the file, else the one with its very title and content (sameText). Only
// posts that no other file wants or holds are taken: WordPress gave the
// file "embed-2" for "embed" (a slug it never gives out), or the slug was
// taken when the post was made. The file then keeps that slug, as with its
// state entry (assignSlugs).
func (s *Syncer) matchNumbered(jobs, group []*job, found map[string]*Post, family map[string][]*Post) {
	if len(family) == 0 {
		return
	}
	claimed := map[string]bool{} // slugs other files want
	for _, j := range jobs {
		claimed[familyKey(j.post.Type, s.parentKey(j), j.post.Slug)] = true
	}
	ids := map[int]bool{} // posts the state gives to files
	for _, e := range s.state.Files {
		ids[e.ID] = true
	}
	taken := map[int]bool{}
	for _, j := range group {
		if j.matched || found[j.post.Slug] != nil {
			continue
		}
		var byText *Post
		var pick *Post
		for _, p := range family[j.path] {
			if taken[p.ID] || ids[p.ID] || p.ReadOnly || claimed[familyKey(j.post.Type, s.parentKey(j), p.Slug)] {
				continue
			}
			if p.Fingerprint.Key != "" {
				if p.Fingerprint.Key == j.post.Key {
					pick = p
					break
				}
				continue // another file's post
			}
			if byText == nil && sameText(p, &j.post) {
				byText = p
			}
		}
		if pick == nil {
			pick = byText
		}
		if pick == nil {
			continue
		}
		taken[pick.ID] = true
		j.match, j.matched = pick, true
		j.post.Slug = pick.Slug
		s.rehash(j)
	}
}

// claimable says why a file may not take an existing post as its own: the
// signed-in user may not edit it (another user's post: WordPress would give
// the file a second post under another slug), or another file of the
// folder is that post already.
func (s *Syncer) claimable(ctx context.Context, j *job, p *Post) error {
	if p.ReadOnly {
		return s.notEditable(ctx, j, p, fmt.Sprintf("the slug %q is held by", j.post.Slug))
	}
	for path, e := range s.state.Files {
		if path != j.path && e.ID == p.ID && e.Type == j.post.Type && s.exists(path) {
			return fmt.Errorf("%s: the slug %q is held by %s %d, which is %s's post already: set another slug: in the front matter", j.path, j.post.Slug, typeName(j.post.Type), p.ID, path)
		}
	}
	return nil
}

// notEditable is the error of a file whose post exists but belongs to a
// user whose posts the signed-in user may not edit (an Author's run, an
// administrator's post). Nothing is written: an update would be refused,
// and a new post would be a second one for the file.
func (s *Syncer) notEditable(ctx context.Context, j *job, p *Post, what string) error {
	owner := p.AuthorName
	if owner == "" && p.Author != 0 {
		if q, err := s.pub.Post(ctx, p.Type, p.ID); err == nil && q != nil {
			owner = q.AuthorName
		}
	}
	who := "another user"
	switch {
	case owner != "" && p.Author != 0:
		who = fmt.Sprintf("%s (user ID %d)", owner, p.Author)
	case owner != "":
		who = owner
	case p.Author != 0:
		who = fmt.Sprintf("another user (user ID %d)", p.Author)
	}
	as := "as that user"
	if owner != "" {
		as = "as " + owner
	}
	name := typeName(j.post.Type)
	return fmt.Errorf("%s: %s %s %d, which exists and belongs to %s, whose %ss the signed-in user may not edit: not written, and no second %s made. Sync as an Editor or %s (or set another slug: in the front matter for a post of its own)",
		j.path, what, name, p.ID, who, name, name, as)
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
			if p == nil {
				// Not listed in edit context: gone, in the trash, or
				// there but not the user's to edit. Asked by ID.
				var gerr error
				p, gerr = s.pub.Post(ctx, typ, j.entry.ID)
				if gerr != nil {
					j.item = failedItem(j.item, fmt.Errorf("%s: read %s %d: %w", j.path, typeName(typ), j.entry.ID, gerr))
					continue
				}
			}
			switch {
			case p == nil && s.opts.Force:
				j.op, j.entry = ActionCreate, nil
				j.item.Warnings = append(j.item.Warnings, fmt.Sprintf("%s %d was deleted in WordPress; recreated (--force)", typeName(typ), j.item.ID))
				j.item.ID, j.item.Link = 0, ""
			case p == nil:
				j.item.Action = ActionConflict
				j.item.Error = fmt.Sprintf("%s: %s %d was deleted in WordPress (it is not in the trash either): not recreated. Run with --force to publish the file as a new %s", j.path, typeName(typ), j.entry.ID, typeName(typ))
			case p.ReadOnly:
				j.item = failedItem(j.item, s.notEditable(ctx, j, p, "its"))
			case p.Status == "trash" && s.opts.Force:
				// Updated in place: the write sets the file's status,
				// which takes the post out of the trash.
				j.item.Warnings = append(j.item.Warnings, fmt.Sprintf("%s %d was in the trash in WordPress; restored with the file's text (--force)", typeName(typ), j.item.ID))
			case p.Status == "trash":
				j.item.Action = ActionConflict
				j.item.Error = fmt.Sprintf("%s: %s %d is in the trash in WordPress: not written. Restore it from the trash, or run with --force to restore it with the file's text (the same %s: no second one is made)", j.path, typeName(typ), j.entry.ID, typeName(typ))
			case p.ModifiedGMT != j.entry.ModifiedGMT && len(j.newTerms) == 0 && sameAsSent(p, &j.post):
				// Already what the file says: our own write of an earlier
				// run landed but its answer was lost. Nothing to overwrite.
				j.item.Action = ActionUpdate
				s.decide(decision{path: j.path, entry: s.entryFor(j, p)}) // record.go
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
