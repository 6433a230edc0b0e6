package sync

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"

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

// settled reports whether a job's outcome is decided without a write:
// failed, in conflict, unchanged, skipped, or an update found done. The
// others are still to write, as j.op says.
func (j *job) settled() bool { return j.item.Action != "" }

// planOf is the plan of a run as its stages left it: each file's
// decision, the uploads and the terms the writes need, and for each file to
// write the files whose posts it waits for.
func (s *Syncer) planOf(jobs, pending []*job) *Plan {
	plan := &Plan{Files: make([]FilePlan, 0, len(jobs))}
	waiting := make(map[string]bool, len(pending))
	for _, j := range pending {
		waiting[j.path] = true
	}
	uploads := map[string]*UploadPlan{}
	terms := map[string]*TermPlan{}
	for _, j := range jobs {
		fp := FilePlan{Path: j.path, Action: j.item.Action, ID: j.item.ID, Adopted: j.item.Adopted, MovedFrom: j.movedFrom, Err: j.item.Err}
		if fp.Action == "" {
			fp.Action, fp.Write = j.op, true
			if j.entry != nil && fp.ID == 0 {
				fp.ID = j.entry.ID
			}
		}
		if j.plan.Action == fp.Action {
			fp.Reason, fp.Fields, fp.Write = j.plan.Reason, j.plan.Fields, j.plan.Write
		}
		if j.item.Error != "" {
			fp.Reason = j.item.Error
		}
		if waiting[j.path] && j.ext != nil {
			if pj := j.ext.parentJob; pj != nil && waiting[pj.path] {
				fp.Needs = append(fp.Needs, pj.path)
			}
			for _, p := range sortedKeys(j.ext.used) {
				if j.ext.used[p] == "" && p != j.path && waiting[p] && isMarkdownRef(p) && !slices.Contains(fp.Needs, p) {
					fp.Needs = append(fp.Needs, p)
				}
			}
			for _, p := range sortedKeys(j.ext.uploads) {
				u := uploads[p]
				if u == nil {
					u = &UploadPlan{Path: p, Size: j.ext.uploads[p].size}
					uploads[p] = u
				}
				u.For = append(u.For, j.path)
			}
		}
		if waiting[j.path] {
			for _, t := range j.newTerms {
				k := t.taxonomy + "/" + termKey(t.name)
				if terms[k] == nil {
					terms[k] = &TermPlan{Taxonomy: t.taxonomy, Name: t.name}
				}
				terms[k].For = append(terms[k].For, j.path)
			}
		}
		plan.Files = append(plan.Files, fp)
	}
	sort.SliceStable(plan.Files, func(a, b int) bool { return plan.Files[a].Path < plan.Files[b].Path })
	for _, p := range sortedKeys(uploads) {
		plan.Uploads = append(plan.Uploads, *uploads[p])
	}
	for _, k := range sortedKeys(terms) {
		plan.Terms = append(plan.Terms, *terms[k])
	}
	return plan
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
			holder := ""
			if !existing.ReadOnly {
				holder = s.holderOfPost(j, existing)
			}
			j.plan = planNew(j.input(), existing, holder, s.ownerOf(ctx, existing)) // decide.go
			if j.plan.Action == ActionError {
				j.item = failedItem(j.item, j.plan.Err)
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
		case j.adopted && s.planAdopted(j).Action == ActionUnchanged:
			j.item.Action = ActionUnchanged
			s.decide(decision{path: j.path, entry: s.entryFor(j, j.existing)}) // record.go
			s.finish(report, j)
		case j.adopted && j.plan.Action == ActionConflict:
			j.item.Action, j.item.Error = ActionConflict, j.plan.Reason
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

// holderOfPost returns the other file of the folder whose post p is
// already (the state's, for a file that still exists), or "".
func (s *Syncer) holderOfPost(j *job, p *Post) string {
	holder := ""
	for path, e := range s.state.Files {
		if path != j.path && e.ID == p.ID && e.Type == j.post.Type && (holder == "" || path < holder) && s.exists(path) {
			holder = path // the first by name, when the state gives it to several
		}
	}
	return holder
}

// ownerOf names the owner of a post the user may not edit, asking the
// site when the listing did not say (a post read in view context names
// its author by ID only); "" for a post the user may edit.
func (s *Syncer) ownerOf(ctx context.Context, p *Post) string {
	if p == nil || !p.ReadOnly {
		return ""
	}
	owner := p.AuthorName
	if owner == "" && p.Author != 0 {
		if q, err := s.pub.Post(ctx, p.Type, p.ID); err == nil && q != nil {
			owner = q.AuthorName
		}
	}
	return owner
}

// input is what the plan knows of a job (decide.go).
func (j *job) input() *FileInput {
	return &FileInput{Path: j.path, Err: j.err, Skip: j.skip, Cached: j.cached, Post: &j.post, Hash: j.hash, Entry: j.entry, NewTerms: len(j.newTerms)}
}

// planAdopted decides about an adopted job once its links are rendered.
func (s *Syncer) planAdopted(j *job) FilePlan {
	j.plan = planAdopted(j.input(), j.existing, s.opts.Force) // decide.go
	return j.plan
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
			j.plan = planUpdate(j.input(), p, s.ownerOf(ctx, p), s.opts.Force) // decide.go
			j.item.Warnings = append(j.item.Warnings, j.plan.Warnings...)
			switch {
			case j.plan.Action == ActionCreate: // deleted, made again (--force)
				j.op, j.entry = ActionCreate, nil
				j.item.ID, j.item.Link = 0, ""
			case j.plan.Action == ActionConflict:
				j.item.Action = ActionConflict
				j.item.Error = j.plan.Reason
			case j.plan.Action == ActionError:
				j.item = failedItem(j.item, j.plan.Err)
			case !j.plan.Write:
				j.item.Action = ActionUpdate
				s.decide(decision{path: j.path, entry: s.entryFor(j, p)}) // record.go
			}
		}
	}
	var rest []*job
	for _, j := range jobs {
		if j.settled() {
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
		Warnings:    fileWarnings(j),
	}
}

// fileWarnings are the warnings reading a file gave, as its entry keeps
// them (in the cache file) to say them again on the runs that find it
// unchanged without reading it: a warning nobody acted on does not vanish
// on the second run.
func fileWarnings(j *job) []string {
	if len(j.warn) == 0 {
		return nil
	}
	return slices.Clone(j.warn)
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

// writtenFrom reports whether p's fingerprint says wpsync last wrote it
// from the file path (fingerprint.go): a post a person made or saved in the
// block editor since has none, and one written from another file names
// that file.
func writtenFrom(p *Post, path string) bool {
	return p.Fingerprint.Sum != "" && p.Fingerprint.Key == fileKey(path)
}

// adoptConflict says why the file at path does not take over the post p
// holding its slug, and what to do.
func adoptConflict(path string, want, p *Post) string {
	why := "was not written by wpsync from this file, or was edited in WordPress since"
	if p.Fingerprint.Sum != "" {
		why = "was written by wpsync from another file (another folder synced to this site, or a file moved while the state file was lost)"
	}
	return fmt.Sprintf("%s: %s %d holds the slug %q but %s, and differs from what the file sends (%s): not overwritten. Set another slug: in the front matter, or run with --force to take the %s over",
		path, typeName(want.Type), p.ID, p.Slug, why, differences(p, want), typeName(want.Type))
}
