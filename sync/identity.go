package sync

import (
	"fmt"
	"html"
	"sort"

	"github.com/wpsync/wpsync/internal/wpslug"
	"github.com/wpsync/wpsync/markdown"
	"github.com/wpsync/wpsync/state"
)

// Identity: one file, one post
//
// Which post a file is, is decided before anything is rendered for good or
// written, in this order:
//
//  1. the state entry of the file (or of the file it was moved from);
//  2. else the post holding the slug the file wants, in the form WordPress
//     stores it (package wpslug), as long as no other file of the folder
//     claims that post;
//  3. else, among the posts holding the slug's numbered forms ("embed-2"
//     for "embed", which WordPress never gives out) that no file wants or
//     holds, the one whose fingerprint names the file (fingerprint.go), or
//     whose title and content are the file's (matchNumbered);
//  4. else a new post.
//
// Whether a post found so holds what the file sends is told by its
// fingerprint, the sum of what wpsync last sent it, not by predicting what
// WordPress stored (sameAsSent).
//
// Slugs are the key of step 2, so two files that want one slug (two
// hello.md in different folders) must not both find the same post. The
// slugs of a type are therefore handed out once per run, like WordPress
// hands them out: a file that holds a slug by its state entry keeps it; the
// others, sorted by path, take the slug they want, else the next of
// "slug-2", "slug-3", … that no file holds. A file keeps its post across
// runs, and a run without the state file makes the same choice as the run
// that created the posts. When the posts of such a family exist but no
// state says which is which, a post whose title and content are exactly a
// file's goes to that file (see matchFamilies).
//
// Links between files are rendered only once the identity of the files they
// name is known (adopted or moved posts included), so that an adopted post
// compares equal to what its file renders, and no post is written with a
// link to a .md file.

// assignSlugs hands out the slugs the jobs of one run want, so that no two
// files of the folder (these jobs and the files the state knows) want the
// same stored slug. It runs before classify; a job whose slug changes is
// rehashed.
func (s *Syncer) assignSlugs(jobs []*job) {
	type claim struct {
		j    *job
		base string
	}
	families := map[string][]claim{}
	for _, j := range jobs {
		if j.err != nil || j.skip || j.cached || j.post.Slug == "" {
			continue
		}
		k := familyKey(j.post.Type, s.parentKey(j), j.post.Slug)
		families[k] = append(families[k], claim{j, j.post.Slug})
		j.base = j.post.Slug
	}
	if len(families) == 0 {
		return
	}
	inRun := make(map[string]bool, len(jobs))
	for _, j := range jobs {
		inRun[j.path] = true
	}
	// held: stored slugs (by type and parent) that a file holds by its
	// state entry, whoever wants them now.
	held := map[string]string{}
	for p, e := range s.state.Files {
		if e.Slug == "" {
			continue
		}
		held[familyKey(e.Type, s.entryParentKey(p, e), e.Slug)] = p
	}
	for _, claims := range families {
		sort.Slice(claims, func(a, b int) bool { return claims[a].j.path < claims[b].j.path })
		base := claims[0].base
		typ, parent := claims[0].j.post.Type, s.parentKey(claims[0].j)
		var rest []claim
		for _, c := range claims {
			// A file keeps the slug of this family that its post holds.
			if e := s.state.Files[c.j.path]; e != nil && e.Type == typ && inFamily(e.Slug, base) {
				if c.j.post.Slug != e.Slug {
					c.j.post.Slug = e.Slug
					s.rehash(c.j)
				}
				continue
			}
			rest = append(rest, c)
		}
		n := 1
		for _, c := range rest {
			for {
				slug := wpslug.Numbered(base, n)
				holder, taken := held[familyKey(typ, parent, slug)]
				// The slug of a file that is gone goes with its post
				// to the file that takes it over (a move, see takeMoved).
				if !taken || holder == c.j.path || !inRun[holder] && !s.exists(holder) {
					break
				}
				n++
			}
			slug := wpslug.Numbered(base, n)
			held[familyKey(typ, parent, slug)] = c.j.path
			if slug != c.j.post.Slug {
				first := claims[0].j.path
				if first == c.j.path {
					first = s.holderOf(typ, parent, base)
				}
				c.j.warn = append(c.j.warn, fmt.Sprintf("slug %q is also wanted by %s: this %s gets %q (set slug: in the front matter to choose another)", base, first, typeName(typ), slug))
				c.j.post.Slug = slug
				s.rehash(c.j)
			}
			n++
		}
	}
}

// holderOf names the file holding a slug by its state entry, or "another file".
func (s *Syncer) holderOf(typ, parent, slug string) string {
	for p, e := range s.state.Files {
		if e.Type == typ && e.Slug == slug && s.entryParentKey(p, e) == parent {
			return p
		}
	}
	return "another file"
}

// familyKey names a slug within its type and, for pages (whose slugs
// WordPress makes unique only among siblings), its parent.
func familyKey(typ, parent, slug string) string {
	if typ != "pages" {
		parent = ""
	}
	return typ + "\x00" + parent + "\x00" + slug
}

// parentKey identifies a page's parent for familyKey: the parent's file
// when it is one of the folder, else its ID or slug.
func (s *Syncer) parentKey(j *job) string {
	if j.post.Type != "pages" {
		return ""
	}
	if x := j.ext; x != nil {
		switch {
		case x.parentPath != "":
			return "file:" + x.parentPath
		case x.parentSlug != "":
			return "slug:" + wpslug.Sanitize(x.parentSlug)
		}
	}
	if j.post.Parent != 0 {
		return fmt.Sprintf("id:%d", j.post.Parent)
	}
	return ""
}

// entryParentKey is parentKey for a file known only by its state entry:
// its parent is the file whose post its Refs name as parent.
func (s *Syncer) entryParentKey(p string, e *state.Entry) string {
	if e.Type != "pages" {
		return ""
	}
	for _, c := range parentCandidates(p) {
		if _, ok := e.Refs[c]; ok {
			return "file:" + c
		}
	}
	return ""
}

// inFamily reports whether slug is base or base-N, as WordPress numbers a
// second post wanting base.
func inFamily(slug, base string) bool {
	if slug == base {
		return true
	}
	for n := 2; n < 100; n++ {
		if slug == wpslug.Numbered(base, n) {
			return true
		}
	}
	return false
}

// identify remembers the post a file is, found in this run (moved or
// adopted) before the state records it, so links to it resolve.
func (s *Syncer) identify(path string, e *state.Entry) {
	if s.ident == nil {
		s.ident = map[string]*state.Entry{}
	}
	s.ident[path] = e
}

// postOf returns what is known of the post of a file: its state entry, or
// what this run found.
func (s *Syncer) postOf(path string) *state.Entry {
	if e := s.state.Files[path]; e != nil {
		return e
	}
	return s.ident[path]
}

// pendingLinks reports whether the file links to files whose post was not
// known when it was rendered.
func (x *jobExt) pendingLinks() bool {
	for p, v := range x.used {
		if v == "" && isMarkdownRef(p) {
			return true
		}
	}
	return false
}

// linksKnown reports whether every file j links to and waited for has a
// post now.
func (s *Syncer) linksKnown(j *job) bool {
	for p, v := range j.ext.used {
		if v == "" && isMarkdownRef(p) && p != j.path {
			if e := s.postOf(p); (e == nil || e.Link == "") && s.isMarkdownFile(p) {
				// A file that is not there (a parent's _index.md,
				// recorded so that its coming changes j) is waited for
				// by nothing.
				return false
			}
		}
	}
	return true
}

// renderLinks renders again the jobs that link to files whose post became
// known after they were rendered (adopted or moved in this run), and gives
// pages whose parent's post became known its ID.
func (s *Syncer) renderLinks(jobs []*job) {
	for _, j := range jobs {
		x := j.ext
		if x == nil || j.settled() {
			continue
		}
		// Before the parent's entry below: a link to the parent page is
		// pending too.
		pending := map[string]bool{}
		for p, v := range x.used {
			if v == "" && isMarkdownRef(p) {
				pending[p] = true
			}
		}
		if x.parentPath != "" && j.post.Parent == 0 && x.parentSlug == "" {
			if e := s.postOf(x.parentPath); e != nil && e.Type == j.post.Type {
				j.post.Parent = e.ID
				x.used[x.parentPath] = refValue(e.ID, e.Link)
				s.rehash(j)
			}
		}
		if x.src == nil {
			continue
		}
		changed := false
		for p := range pending {
			if s.postOf(p) != nil {
				changed = true
			}
		}
		if !changed {
			continue
		}
		if err := s.rerender(j); err != nil {
			j.item = failedItem(j.item, fmt.Errorf("%s: %w", j.path, err))
		}
	}
}

// matchFamilies gives each job of a slug family the post whose title and
// content are exactly its own, when the posts of the family were found but
// the state does not say which file is which: the posts were made in
// another order than the files' paths now give (a file added later sorts
// first). Jobs without such a match keep what their slug found.
func matchFamilies(jobs []*job, found map[string]*Post) {
	byFamily := map[string][]*job{}
	for _, j := range jobs {
		if j.base == "" {
			continue
		}
		k := j.post.Type + "\x00" + j.base
		byFamily[k] = append(byFamily[k], j)
	}
	for _, group := range byFamily {
		if len(group) < 2 {
			continue
		}
		var posts []*Post
		for _, j := range group {
			if p := found[j.post.Slug]; p != nil {
				posts = append(posts, p)
			}
		}
		taken := map[*Post]bool{}
		assigned := map[*job]*Post{}
		for _, j := range group {
			for _, p := range posts {
				if !taken[p] && sameText(p, &j.post) {
					taken[p], assigned[j] = true, p
					break
				}
			}
		}
		if len(assigned) == 0 {
			continue
		}
		// The rest keep their slug's post unless another file took it.
		for _, j := range group {
			if assigned[j] != nil {
				continue
			}
			if p := found[j.post.Slug]; p != nil && !taken[p] {
				taken[p], assigned[j] = true, p
			}
		}
		for _, j := range group {
			j.match = assigned[j]
			j.matched = true
		}
	}
}

func isMarkdownRef(p string) bool { return markdown.IsPagePath(p) }

// sameText reports whether an existing object has exactly the title and
// content a file sends (compared as WordPress stores them).
func sameText(have, want *Post) bool {
	return sameStored(have.Title, want.Title) && have.Content == want.Content
}

// sameStored compares a title or excerpt as WordPress stores it: for users
// without unfiltered_html, kses stores "&", "<" and quotes as entities
// ("Fish &amp; Chips"), which read the same.
func sameStored(have, want string) bool {
	return have == want || html.UnescapeString(have) == html.UnescapeString(want)
}
