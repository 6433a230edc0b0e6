package sync

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/wpsync/wpsync/internal/wpslug"
	"github.com/wpsync/wpsync/markdown"
	sitegen "github.com/wpsync/wpsync/site"
)

// Pages, their tree, custom post types, authors, nested categories
//
// A page's parent is the file its front matter names (parent: about.md, a
// path relative to the file) or the page of that slug on the site
// (parent: about); else the folder layout gives it: about/team.md is a
// child of about.md, or of the bundle about/_index.md (Hugo) or
// about/index.md. Parents are written before their children, in waves.

// parentCandidates returns, for a file in the folder layout, the files
// that would be its parent page, nearest first.
//
// A name that ends in a language code (Hugo's translations by file name:
// guides/_index.en.md, booking.en.md) has the page of its language as
// parent first: the section's _index.en.md, then one without a code.
func parentCandidates(file string) []string {
	dir := path.Dir(file)
	base := path.Base(file)
	stem := strings.TrimSuffix(base, path.Ext(base))
	code := ""
	if m := langSuffix.FindStringSubmatch(stem); m != nil {
		stem, code = m[1], m[2]
	}
	if stem == "index" || stem == "_index" {
		dir = path.Dir(dir) // a bundle is the page of its folder
	}
	if dir == "." || dir == "/" {
		return nil
	}
	plain := []string{dir + ".md", dir + "/_index.md", dir + "/index.md", dir + ".markdown", dir + "/_index.markdown", dir + "/index.markdown"}
	if code == "" {
		return plain
	}
	return append([]string{dir + "." + code + ".md", dir + "/_index." + code + ".md", dir + "/index." + code + ".md"}, plain...)
}

// langSuffix splits a file name's stem that ends in a language code
// (about.fr, _index.pt-br) into the name and the code.
var langSuffix = regexp.MustCompile(`^(.+)\.([a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})?)$`)

// atContentTop reports whether the page file is at the top of the site's
// content folder (content/about.md, content/post/_index.md): its folder
// is the site's root, whose page is the home page, parent of no page.
func (s *Syncer) atContentTop(file string) bool {
	c := s.opts.Generator.Content()
	if c == "" {
		return false // parentCandidates stops at the folder itself
	}
	dir := path.Dir(file)
	stem := strings.TrimSuffix(path.Base(file), path.Ext(file))
	if m := langSuffix.FindStringSubmatch(stem); m != nil {
		stem = m[1] // _index.en.md
	}
	if stem == "index" || stem == "_index" {
		dir = path.Dir(dir)
	}
	return dir == c || !strings.HasPrefix(dir, c+"/")
}

// looseCandidates are the files a path may name when it may leave out the
// extension or name a bundle's folder.
func looseCandidates(p string) []string {
	p = strings.TrimSuffix(p, "/")
	if markdown.IsMarkdownPath(p) {
		return []string{p}
	}
	return []string{p + ".md", p + ".markdown", p + "/index.md", p + "/_index.md", p}
}

// isMarkdownFile reports whether rel is a Markdown file in the folder (or
// an MDX file, on a site whose generator reads them).
func (s *Syncer) isMarkdownFile(rel string) bool {
	page := markdown.IsMarkdownPath(rel) || markdown.IsMDXPath(rel) && sitegen.ReadsMDX(s.opts.Generator)
	if rel == "" || rel == ".." || strings.HasPrefix(rel, "../") || !page {
		return false
	}
	fi, err := os.Stat(filepath.Join(s.opts.Dir, filepath.FromSlash(rel)))
	return err == nil && fi.Mode().IsRegular()
}

// findParent sets the parent of a page: its ID when the state knows the
// parent's post, else the parent's path (or slug) to resolve later.
func (s *Syncer) findParent(j *job, doc *markdown.Document) error {
	x := j.ext
	typ := j.post.Type
	var cands []string
	if doc.Parent != "" {
		x.explicit = true
		if typ == "posts" {
			j.warn = append(j.warn, fmt.Sprintf("parent %q ignored: posts have no parent in WordPress (type: page has)", doc.Parent))
			return nil
		}
		if !markdown.IsMarkdownPath(doc.Parent) && !strings.Contains(doc.Parent, "/") {
			x.parentSlug = doc.Parent
			return nil
		}
		rel := doc.Parent
		if p, ok := strings.CutPrefix(rel, "/"); ok {
			rel = p
		} else {
			rel = path.Join(path.Dir(j.path), rel)
		}
		cands = looseCandidates(rel)
	} else if typ != "posts" && !s.atContentTop(j.path) {
		cands = parentCandidates(j.path)
	}
	for _, c := range cands {
		if c == j.path {
			continue
		}
		if !s.isMarkdownFile(c) {
			if !x.explicit && strings.HasSuffix(c, ".md") {
				x.used[c] = "" // a parent added later makes this file change
			}
			continue
		}
		x.parentPath = c
		e := s.state.Files[c]
		switch {
		case e == nil:
			x.used[c] = "" // new: relate decides, once its type is known
		case e.Type == typ:
			j.post.Parent = e.ID
			x.used[c] = refValue(e.ID, e.Link)
		case x.explicit:
			return fmt.Errorf("%s: parent %s is a %s, not a %s", j.path, c, typeName(e.Type), typeName(typ))
		default:
			x.parentPath = "" // a file of another type beside the folder
			x.used[c] = refValue(e.ID, e.Link)
		}
		return nil
	}
	if x.explicit {
		return fmt.Errorf("%s: parent %s: no such file in the synced folder", j.path, doc.Parent)
	}
	return nil
}

// checkTypes finds the REST base of each custom post type the jobs name,
// reading the site's types once; a type the site lacks fails its files.
func (s *Syncer) checkTypes(ctx context.Context, report *Report, jobs []*job) []*job {
	for _, j := range jobs {
		if j.post.Type == "posts" || j.post.Type == "pages" {
			continue
		}
		types, err := s.postTypes(ctx)
		if err != nil {
			j.item = failedItem(j.item, fmt.Errorf("%s: type %s: %w", j.path, j.typ, err))
			continue
		}
		var found *PostType
		for i, t := range types {
			if t.RESTBase == j.post.Type || t.Slug == j.post.Type || t.Slug == j.typ {
				found = &types[i]
				break
			}
		}
		if found == nil {
			var names []string
			for _, t := range types {
				names = append(names, t.Slug)
			}
			if j.ext != nil && j.ext.typeKey == "type" {
				s.ignoreType(j, names)
				continue
			}
			j.item = failedItem(j.item, fmt.Errorf("%s: WordPress has no post type %q in its REST API (it has %s): register the type with show_in_rest, or fix type: (Hugo's type: picks a layout; post_type: wins over it)",
				j.path, j.typ, strings.Join(names, ", ")))
			continue
		}
		if found.RESTBase != j.post.Type {
			j.post.Type = found.RESTBase
			s.decide(decision{typ: j.typ, base: found.RESTBase}) // record.go
			s.rehash(j)
		}
	}
	return s.settleJobs(report, jobs)
}

// postTypes reads the site's post types once per Syncer.
func (s *Syncer) postTypes(ctx context.Context) ([]PostType, error) {
	if s.x.types != nil {
		return s.x.types, nil
	}
	types, err := s.pub.Types(ctx)
	if err != nil {
		return nil, fmt.Errorf("list post types: %w", err)
	}
	s.x.types = types
	return types, nil
}

// lookupAuthors turns login names into user IDs, one look-up per name. An
// unknown name is a warning: the post keeps the author WordPress gives it.
func (s *Syncer) lookupAuthors(ctx context.Context, report *Report, jobs []*job) []*job {
	for _, j := range jobs {
		if j.ext == nil || j.ext.author == "" {
			continue
		}
		name := j.ext.author
		if id, err := strconv.Atoi(name); err == nil && id > 0 {
			j.post.Author = id
			continue
		}
		if s.x.users == nil {
			s.x.users = map[string]*User{}
		}
		u, seen := s.x.users[name]
		if !seen {
			var err error
			u, err = s.pub.FindUser(ctx, name)
			if err != nil {
				j.item = failedItem(j.item, fmt.Errorf("%s: author %q: %w", j.path, name, err))
				continue
			}
			s.x.users[name] = u
		}
		if u == nil {
			j.item.Warnings = append(j.item.Warnings, fmt.Sprintf("author %q is not a user of the site (give a login name): the post keeps the author WordPress gives it", name))
			continue
		}
		j.post.Author = u.ID
	}
	return s.settleJobs(report, jobs)
}

// lookupParents finds the pages named as parents by slug: a file of this
// run, one the state knows, else the site's.
func (s *Syncer) lookupParents(ctx context.Context, report *Report, jobs []*job) []*job {
	for _, j := range jobs {
		x := j.ext
		if x == nil || x.parentSlug == "" || x.parentJob != nil {
			continue
		}
		slug := wpslug.Sanitize(x.parentSlug)
		key := j.post.Type + "/" + slug
		id, ok := s.x.parents[key]
		for p, e := range s.state.Files {
			if !ok && e.Type == j.post.Type && e.Slug == slug && p != j.path {
				id, ok = e.ID, true
			}
		}
		if !ok {
			found, err := s.pub.FindBySlug(ctx, j.post.Type, slug)
			if err != nil {
				j.item = failedItem(j.item, fmt.Errorf("%s: look up parent %q: %w", j.path, x.parentSlug, err))
				continue
			}
			if found == nil {
				j.item = failedItem(j.item, fmt.Errorf("%s: parent %q: WordPress has no %s with that slug (name a file, like parent: ../about.md, or the parent's slug)", j.path, x.parentSlug, typeName(j.post.Type)))
				continue
			}
			id = found.ID
			if s.x.parents == nil {
				s.x.parents = map[string]int{}
			}
			s.x.parents[key] = id
		}
		j.post.Parent = id
	}
	return s.settleJobs(report, jobs)
}

// nextWave splits the jobs still to write into those that may be written
// now (their parent and the files they link to are not among the jobs)
// and those that wait: writeAsUploaded writes in such waves, so that a new
// child can name the ID of its new parent. When every job waits (parents or links in a
// circle), the circle is broken at one job, which is the wave.
func (s *Syncer) nextWave(jobs []*job) (wave, later []*job) {
	waiting := map[*job]bool{}
	for _, j := range jobs {
		waiting[j] = true
	}
	waitingPath := map[string]bool{}
	for _, j := range jobs {
		waitingPath[j.path] = true
	}
	for _, j := range jobs {
		if j.ext != nil && (j.ext.parentJob != nil && waiting[j.ext.parentJob] || s.waitsForLinks(j, waitingPath)) {
			later = append(later, j)
		} else {
			wave = append(wave, j)
		}
	}
	if len(wave) == 0 { // parents or links in a circle: break it
		// At a link, not at a parent, whenever one can be: a page
		// that links to its own child waits for it only for a
		// permalink, which relink fills in later this run, while
		// a child written before its parent would be published at
		// another address than it keeps.
		// Of those, one that others wait for: breaking at a file
		// nothing waits for (a post linking pages of the circle)
		// frees nothing.
		waitedFor := map[string]bool{}
		for _, j := range later {
			if j.ext.parentJob != nil {
				waitedFor[j.ext.parentJob.path] = true
			}
			for p, v := range j.ext.used {
				if v == "" && p != j.path {
					waitedFor[p] = true
				}
			}
		}
		i := slices.IndexFunc(later, func(j *job) bool {
			return waitedFor[j.path] && (j.ext.parentJob == nil || !waiting[j.ext.parentJob])
		})
		if i < 0 {
			i = 0 // parents alone in a circle
		}
		later = slices.Clone(later)
		wave = []*job{later[i]}
		later = slices.Delete(later, i, i+1)
		if wave[0].ext.parentJob != nil && waiting[wave[0].ext.parentJob] {
			wave[0].ext.parentJob = nil
			wave[0].item.Warnings = append(wave[0].item.Warnings, "its parent pages form a circle: written without its parent")
		}
		// Links to files not written yet point at the page's top
		// until relink writes it again with their permalinks.
	}
	return wave, later
}

// readyToWrite gives the jobs of a wave their parents' IDs and, where
// their links resolved since, their content again; a job whose parent was
// not written fails. It returns the jobs to write.
func (s *Syncer) readyToWrite(report *Report, wave []*job) []*job {
	var ready []*job
	for _, j := range wave {
		// Asked before fillParent, which records the parent: a link to
		// the parent page is pending too.
		pending := j.ext != nil && j.ext.src != nil && j.ext.pendingLinks()
		if err := s.fillParent(j); err != nil {
			j.item = failedItem(j.item, err)
			s.finish(report, j)
			continue
		}
		if pending && s.linksKnown(j) {
			if err := s.rerender(j); err != nil {
				j.item = failedItem(j.item, fmt.Errorf("%s: %w", j.path, err))
				s.finish(report, j)
				continue
			}
		}
		ready = append(ready, j)
	}
	return ready
}

// waitsForLinks reports whether j links to a file that this run has still
// to write: j is written after it, with its permalink.
func (s *Syncer) waitsForLinks(j *job, waiting map[string]bool) bool {
	for p, v := range j.ext.used {
		if v == "" && p != j.path && waiting[p] && isMarkdownRef(p) {
			return true
		}
	}
	return false
}

// fillParent gives a job whose parent was written in this run the parent's
// ID, from the state.
func (s *Syncer) fillParent(j *job) error {
	x := j.ext
	if x == nil || x.parentJob == nil {
		return nil
	}
	p := x.parentJob.path
	e := s.state.Files[p]
	if e == nil || e.Type != j.post.Type {
		return fmt.Errorf("%s: not written: its parent %s was not published (see its error)", j.path, p)
	}
	j.post.Parent = e.ID
	if x.parentSlug == "" {
		x.used[p] = refValue(e.ID, e.Link)
	}
	s.rehash(j)
	return nil
}

// categoryPath returns the category a "Parent/Child" name means, and
// whether the site has it. With create (apply), each level that is missing
// is created under the one before; else nothing is, and a path that does not
// exist yet is not found.
func (s *Syncer) categoryPath(ctx context.Context, idx *termIndex, name string, create bool) (Term, bool, error) {
	var parts []string
	for _, p := range strings.Split(name, "/") {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	var t Term
	parent := 0
	for _, part := range parts {
		found := false
		if c, ok := idx.byName[termKey(part)]; ok && parent == 0 && c.Parent == 0 {
			t, found = c, true // made by this run, perhaps, as a plain category
		}
		// Sorted by ID, so the oldest term wins where names repeat.
		all := append([]Term(nil), idx.all...)
		sort.Slice(all, func(a, b int) bool { return all[a].ID < all[b].ID })
		for _, c := range all {
			if found {
				break
			}
			if c.Parent == parent && termKey(c.Name) == termKey(part) {
				t, found = c, true
				break
			}
		}
		if !found {
			if s.recording {
				return Term{}, false, fmt.Errorf("category %q is not on the site (Record creates no term)", part)
			}
			if !create {
				return Term{}, false, nil
			}
			var err error
			t, err = s.pub.CreateChildTerm(ctx, "categories", part, parent)
			if err != nil {
				return Term{}, false, fmt.Errorf("create category %q under %d: %w", part, parent, err)
			}
			t.Parent = parent
			idx.all = append(idx.all, t)
			if parent == 0 {
				if _, ok := idx.byName[termKey(part)]; !ok {
					idx.byName[termKey(part)] = t
				}
			}
		}
		parent = t.ID
	}
	return t, true, nil
}

// ignoreType publishes as a post a file whose type: names no post type of
// the site: Hugo's type: and other generators' name a layout (type:
// section), which says nothing to WordPress. Only post_type: insists. The
// state remembers the type as posts, so later runs read it the same way
// without asking.
func (s *Syncer) ignoreType(j *job, names []string) {
	j.item.Warnings = append(j.item.Warnings, fmt.Sprintf("line %d: type: %q is not a post type of the site (it has %s): published as a post (write post_type: to insist)",
		j.ext.typeLine, j.typ, strings.Join(names, ", ")))
	s.decide(decision{typ: j.typ, base: "posts"}) // record.go
	j.typ, j.item.Type, j.post.Type = "post", "post", "posts"
	s.rehash(j)
}
