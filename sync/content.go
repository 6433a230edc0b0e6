package sync

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/wpsync/wpsync/markdown"
	"github.com/wpsync/wpsync/state"
)

// Rich content: pictures, links between files, pages, custom types
//
// A file's local references (markdown.Ref) are resolved against the state,
// so that whether a file changed is still known without a request:
// a picture by its content hash to the media item it was uploaded as, a
// linked file to its post's link, a parent page to its ID. What only the
// site can answer (a login name, a parent given by slug, a type's REST
// base) is hashed by name. The state entry keeps what each reference
// resolved to (Entry.Refs): when that changes — the picture was edited, the
// linked post got a new slug — the file is read and sent again even though
// it did not change itself.
//
// The run then goes: prepare (render with what the state knows) → relate
// (parents and links among this run's files) → classify → resolveContent
// (upload new pictures and render again, check types, look authors and
// parents up) → plan → write, parents before their children → relink
// (write again the files whose links could be resolved only now, such as
// two new files linking to each other).

// MediaFile is a local file to upload.
type MediaFile struct {
	Name string // file name, as WordPress will see it
	MIME string
	Size int64
	Open func() (io.ReadCloser, error) // the content; may be called again for a retry
	Alt  string                        // alternative text of a picture
	// Caption is the media item's caption (its excerpt): a picture's
	// title in the Markdown, which its Image block shows as its caption.
	Caption string
	// Slug names the item by its content (see mediaSlug), so that it can be
	// found again without the state file.
	Slug string
}

// Media is an item of the media library.
type Media struct {
	ID  int
	URL string // source_url
}

// PostType is a post type of the site.
type PostType struct {
	Slug         string // post, page, book
	RESTBase     string // posts, pages, books
	Hierarchical bool
	Taxonomies   []string // category, post_tag, …
}

// User is a user of the site.
type User struct {
	ID    int
	Login string
	Slug  string
	Name  string
}

// jobExt is what a job knows about its references.
type jobExt struct {
	src  []byte // the file, to render again once uploads are done
	refs []markdown.Ref
	// used maps each referenced file (slash path relative to the folder) to
	// what it resolved to for this rendering: "ID URL", or "" when it did
	// not. It becomes state.Entry.Refs.
	used    map[string]string
	uploads map[string]*upload // pictures not in the media library yet, by path
	errs    []error
	ids     map[string]int // media URL (unescaped) → ID, for Image blocks
	// docWarnings are the warnings of the file's last rendering, which a
	// rendering in another markup replaces (rerender).
	docWarnings []string

	// author is the login name; its ID is looked up on the site.
	author string
	// typeKey and typeLine: the field the type came from, and its line
	// (markdown.Origin): a type: the site does not have is another
	// generator's layout, not an error.
	typeKey  string
	typeLine int
	// templateLine is the line of the template field.
	templateLine int
	// parent: parentSlug is looked up on the site; parentPath is a file,
	// whose ID the state has (or will have once parentJob is written).
	parentSlug string
	parentPath string
	parentJob  *job
	explicit   bool // the front matter named the parent

	// hold: the file links to files whose post may change in this run; it
	// is reported only after relink.
	hold       bool
	prevAction Action // relink: what the first pass did
}

// parseOptions returns the markdown options for one file: references are
// resolved against the state (and recorded in j.ext as they are met).
func (s *Syncer) parseOptions(j *job) markdown.Options {
	if j.ext == nil {
		j.ext = &jobExt{}
	}
	x := j.ext
	x.used, x.uploads, x.errs, x.ids = map[string]string{}, map[string]*upload{}, nil, map[string]int{}
	return markdown.Options{
		Site:   j.page.Rules,
		Format: s.opts.Format,
		Markup: s.markup,
		Dir:    s.opts.Dir,
		Resolve: func(r markdown.Ref) (string, bool) {
			return s.resolveRef(j, r)
		},
		ImageID: func(u string) int {
			if d, err := url.PathUnescape(u); err == nil {
				u = d
			}
			return x.ids[u]
		},
	}
}

// resolveRef is markdown's resolver for file j.
func (s *Syncer) resolveRef(j *job, r markdown.Ref) (string, bool) {
	if r.Kind == markdown.RefEmbed {
		j.ext.used[embedPrefix+r.Path] = s.embedValue(r.Path) // embed.go
		return "", false
	}
	if r.Kind == markdown.RefLink {
		return s.resolveLink(j, r)
	}
	m, err := s.resolveMedia(j, r)
	if err != nil {
		j.ext.errs = append(j.ext.errs, err)
		return "", false
	}
	if m == nil {
		return "", false
	}
	if d, err := url.PathUnescape(m.URL); err == nil {
		j.ext.ids[d] = m.ID
	}
	return m.URL, true
}

// enrich adds to a parsed file what it says beyond the basic fields: page
// fields, author, featured image, parent. It runs in prepare, before the
// hash; doc was rendered with parseOptions.
func (s *Syncer) enrich(j *job, doc *markdown.Document, src []byte) error {
	x := j.ext
	x.refs = doc.Refs
	j.warn = append(j.warn, doc.Warnings...)
	x.docWarnings = doc.Warnings
	p := &j.post
	p.MenuOrder, p.Template, p.Sticky = doc.MenuOrder, doc.Template, doc.Sticky
	p.CommentStatus, p.PingStatus, p.Format, p.Password = doc.CommentStatus, doc.PingStatus, doc.PostFormat, doc.Password
	x.author = doc.Author
	x.typeKey, x.typeLine, x.templateLine = doc.TypeKey, doc.TypeLine, doc.TemplateLine
	if base := s.state.Types[j.typ]; base != "" {
		p.Type = base
	}
	for _, r := range doc.Refs {
		if r.Kind != markdown.RefFeatured {
			continue
		}
		m, err := s.resolveMedia(j, r)
		if s.leaveOutFeatured(j, r, err) { // featured.go
			continue
		}
		switch {
		case err != nil:
			x.errs = append(x.errs, err)
		case m != nil:
			p.FeaturedMedia = m.ID
		}
	}
	if len(x.errs) > 0 {
		return x.errs[0]
	}
	if err := s.findParent(j, doc); err != nil {
		return err
	}
	// Rendered again once the pictures are uploaded or the links known, or
	// when the site wants other block markup than the state recorded
	// (markup.go).
	x.src = src
	return nil
}

// rerender parses the file again, resolving against the state as it is
// now, and rehashes it. Terms, author and a parent found by slug, which
// the site gave, are kept.
func (s *Syncer) rerender(j *job) error {
	before := len(j.warn)
	// Files that are not there yet but would change j when they come (a
	// parent's _index.md, found by findParent, which parsing does not
	// run): kept, or the next run would not notice them come.
	var absent []string
	for p, v := range j.ext.used {
		if v == "" && markdown.IsPagePath(p) && !s.isMarkdownFile(p) {
			absent = append(absent, p)
		}
	}
	doc, err := markdown.ParseWith(j.path, j.ext.src, s.parseOptions(j))
	if err != nil {
		return err
	}
	// What resolving said only now (a link to a file the site refused)
	// reaches the report too, whose item was made before.
	for _, w := range j.warn[before:] {
		if j.item.Path != "" && !slices.Contains(j.item.Warnings, w) {
			j.item.Warnings = append(slices.Clip(j.item.Warnings), w)
		}
	}
	// The document's own warnings are the new rendering's: in the markup
	// the site now asks for, a ```mermaid block its plugin draws warns no
	// more (markup.go).
	if old := j.ext.docWarnings; !slices.Equal(old, doc.Warnings) {
		drop := func(ws []string) []string {
			var out []string
			for _, w := range ws {
				if !slices.Contains(old, w) {
					out = append(out, w)
				}
			}
			return out
		}
		j.warn = append(drop(j.warn), doc.Warnings...)
		if j.item.Path != "" {
			j.item.Warnings = append(drop(j.item.Warnings), doc.Warnings...)
		}
		j.ext.docWarnings = doc.Warnings
	}
	j.post.Content = doc.Content
	j.post.Meta = fileMeta(doc) // postfields.go
	j.fields, j.fileMeta = &doc.PostFields, j.post.Meta
	j.post.FeaturedMedia = 0
	for _, r := range doc.Refs {
		if r.Kind == markdown.RefFeatured {
			m, err := s.resolveMedia(j, r)
			if err == nil && m != nil {
				j.post.FeaturedMedia = m.ID
			}
			s.leaveOutFeatured(j, r, err) // recorded again: parseOptions started afresh
		}
	}
	j.ext.refs = doc.Refs
	if len(j.ext.errs) > 0 {
		return j.ext.errs[0]
	}
	for _, p := range absent {
		if _, ok := j.ext.used[p]; !ok {
			j.ext.used[p] = ""
		}
	}
	if x := j.ext; x.parentPath != "" {
		// Recorded again: parseOptions started the references afresh.
		if e := s.state.Files[x.parentPath]; e != nil && e.ID == j.post.Parent {
			x.used[x.parentPath] = refValue(e.ID, e.Link)
		} else {
			x.used[x.parentPath] = ""
		}
	}
	s.rehash(j)
	return nil
}

// rehash computes j.hash (and j.body) again after what it covers changed:
// the same hash the next run's prepare will compute from the state.
func (s *Syncer) rehash(j *job) {
	saved := j.post
	j.post.Categories, j.post.Tags, j.post.OtherTerms, j.post.Author = nil, nil, nil, 0
	j.post.Meta = j.fileMeta // as prepare hashes it: before the site is asked
	if j.ext != nil && j.ext.parentSlug != "" {
		j.post.Parent = 0
	}
	j.hash = hashOf(j)
	j.post = saved
	j.body = contentHash(j.post.Content)
}

// hashKey names what a file sends that the site resolves by name, for
// hashOf: "" when nothing, so files without any hash as before.
func (j *job) hashKey() string {
	x := j.ext
	if x == nil {
		return ""
	}
	var parts []string
	if x.author != "" {
		parts = append(parts, "author="+x.author)
	}
	switch {
	case x.parentSlug != "":
		parts = append(parts, "parent=slug:"+x.parentSlug)
	case x.parentPath != "" && j.post.Parent == 0:
		parts = append(parts, "parent=file:"+x.parentPath)
	}
	if len(x.uploads) > 0 {
		paths := make([]string, 0, len(x.uploads))
		for p := range x.uploads {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		parts = append(parts, "upload="+strings.Join(paths, ","))
	}
	return strings.Join(parts, ";")
}

// stateRefs is what j's references resolved to, for its state entry.
func (j *job) stateRefs() map[string]string {
	if j.ext == nil || len(j.ext.used) == 0 {
		return nil
	}
	out := make(map[string]string, len(j.ext.used))
	for k, v := range j.ext.used {
		out[k] = v
	}
	return out
}

// refValue is what a resolved reference is recorded as.
func refValue(id int, u string) string { return strconv.Itoa(id) + " " + u }

// currentRef is what a reference recorded in a state entry resolves to
// now, judged from the state and the file's size and time stamp alone;
// "?" when only reading the file could tell.
func (s *Syncer) currentRef(p string) string {
	if e, ok := strings.CutPrefix(p, embedPrefix); ok {
		return s.embedValue(e)
	}
	if markdown.IsPagePath(p) {
		if e := s.state.Files[p]; e != nil {
			return refValue(e.ID, e.Link)
		}
		return ""
	}
	m := s.state.Media[p]
	if m == nil {
		if s.absent(p) {
			return refMissing // still not there (featured.go)
		}
		return "?"
	}
	size, mtime, err := s.statMedia(p)
	if err != nil || size != m.Size || mtime != m.ModTime {
		return "?"
	}
	return refValue(m.ID, m.URL)
}

// refsCurrent reports whether every reference of a state entry still
// resolves as when the file was sent, so the file need not be read.
func (s *Syncer) refsCurrent(e *state.Entry) bool {
	for p, v := range e.Refs {
		if s.currentRef(p) != v {
			return false
		}
	}
	return true
}

// keptRefs is what the entry of an unchanged file records of what its
// references resolve to now (its hash did not change, so neither did what
// it sends).
func (s *Syncer) keptRefs(j *job, e *state.Entry) map[string]string {
	if j.ext == nil || j.ext.used == nil {
		return e.Refs // not read: its entry is current
	}
	return j.stateRefs()
}

// Referenced returns the files of the folder, other than Markdown, that
// its posts refer to — pictures they show, files they link or play, a
// featured image — whatever their extension: a picture a post shows is
// uploaded whatever it is called. Each post counts as this Syncer last
// read it, else as the state recorded it when it was sent, and a file a
// post names that is not there counts too (saving it is what the post
// waits for). A change to one of them may change those posts: a watcher
// asks this rather than guess by extension. It reads the state: call it
// from the goroutine that runs the Syncer.
func (s *Syncer) Referenced() map[string]bool {
	out := map[string]bool{}
	for p, e := range s.state.Files {
		if _, ok := s.refd[p]; ok {
			continue
		}
		for r := range e.Refs {
			if !markdown.IsPagePath(r) {
				out[r] = true
			}
		}
	}
	for _, refs := range s.refd {
		for _, r := range refs {
			out[r] = true
		}
	}
	return out
}

// noteRefs records, for Referenced, the files other than Markdown that
// file rel refers to as it was just read: every place each may be found
// (a path from the site's root is looked for in each static folder).
func (s *Syncer) noteRefs(rel string, rules *markdown.SiteRules, refs []markdown.Ref) {
	var out []string
	for _, r := range refs {
		if r.Kind == markdown.RefLink || r.Address {
			continue
		}
		for _, c := range s.refCandidates(rel, rules, r) { // pagerefs.go
			if c != ".." && !strings.HasPrefix(c, "../") && !markdown.IsPagePath(c) {
				out = append(out, c)
			}
		}
	}
	if s.refd == nil {
		s.refd = map[string][]string{}
	}
	s.refd[rel] = out
}

// contentHash is the hash of a rendered body (job.body).
func contentHash(content string) string {
	sum := sha256.Sum256([]byte(content))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// resolveContent does, for the files about to be written, what needs the
// site before their write: upload their new pictures (and render them
// again with their addresses), check their post types, look their authors
// and parents given by slug up. Files settled here are reported; the rest
// are returned.
func (s *Syncer) resolveContent(ctx context.Context, report *Report, jobs []*job) ([]*job, error) {
	jobs = s.checkTypes(ctx, report, jobs)
	s.checkTemplates(ctx, jobs)           // site.go
	jobs = s.findMedia(ctx, report, jobs) // media.go
	jobs = s.lookupAuthors(ctx, report, jobs)
	jobs = s.lookupParents(ctx, report, jobs)
	return jobs, nil
}

// settleJobs finishes the jobs that failed (or turned out unchanged) and
// returns the others.
func (s *Syncer) settleJobs(report *Report, jobs []*job) []*job {
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

// docMeta is the post meta a file sets: WordPress's footnotes (6.3+), in
// the meta the Footnotes block shows. Nil when none.
func docMeta(doc *markdown.Document) map[string]any {
	if len(doc.Footnotes) == 0 {
		return nil
	}
	return map[string]any{"footnotes": markdown.FootnotesMeta(doc.Footnotes)}
}
