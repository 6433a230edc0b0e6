// Package pull brings the posts and pages of a WordPress site into a
// folder of Markdown files that `wpsync sync` then keeps in step: the
// opposite direction of package sync, with the same state file.
//
// Layout (relative to the folder):
//
//	posts/SLUG.md             posts
//	SLUG.md, SLUG/CHILD.md    pages, in their tree (a child in its parent's folder)
//	REST_BASE/SLUG.md         custom types asked for (--type)
//	media/YYYY/MM/NAME        files of the site's uploads the content or a
//	                          featured image uses, as under wp-content/uploads
//
// In a Hugo site posts, pages and custom types go under its content folder
// (content/posts/SLUG.md); in a Jekyll site posts are
// _posts/YYYY-MM-DD-SLUG.md and drafts _drafts/SLUG.md.
//
// SLUG is the slug as WordPress stores it, percent-escapes decoded
// (서울-여행.md); a draft without a slug has the one WordPress would give
// it on publishing (see Site.AllPosts). A file that the
// state ties to a post already keeps its path, wherever it is.
//
// Each file's front matter gives what sync sends (title, slug, date with
// the site's offset, status, categories as Parent/Child, tags, excerpt,
// featured image, sticky, comment status, author login, menu order,
// template, post format; the meta, SEO fields and custom taxonomies' terms
// fields plugins add, fields.go), and the state records each file as if sync had
// just written its post (sync.Syncer.Record): a sync right after a pull
// writes nothing. Downloaded files are recorded in the state's media as
// uploaded, so sync never uploads them again.
//
// Pull writes a file when its post is new to the folder or changed in
// WordPress since the last pull or sync (its modified_gmt is not the
// state's). A file that was also changed locally since then is a conflict:
// reported, not overwritten, unless Options.Force.
package pull

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/wpsync/wpsync/markdown"
	sitegen "github.com/wpsync/wpsync/site"
	"github.com/wpsync/wpsync/state"
	wpsync "github.com/wpsync/wpsync/sync"
)

// Site is what pull needs from WordPress; sync/wordpress's Client is one.
type Site interface {
	wpsync.Publisher
	// AllPosts lists every object of a type (REST base) the user may edit,
	// in any status but trash, as stored (edit context); a draft without a
	// slug comes with the one WordPress would give it on publishing.
	AllPosts(ctx context.Context, typ string) ([]*wpsync.Post, error)
	// Users lists the site's users; Login is empty when the user may not
	// see login names.
	Users(ctx context.Context) ([]wpsync.User, error)
	// MediaItems lists the media library (ID and source_url).
	MediaItems(ctx context.Context) ([]wpsync.Media, error)
	// Download copies a file of the site's uploads to w.
	Download(ctx context.Context, url string, w io.Writer) error
}

// Options set what a pull does.
type Options struct {
	// Sync are the options a sync of the folder runs with (Dir, Site,
	// DefaultStatus, Format, Ignore, …): the state is recorded as that
	// sync would record it.
	Sync wpsync.Options
	// Types are custom post types (REST bases) to pull besides posts and
	// pages.
	Types []string
	// DryRun lists what would be written; nothing is.
	DryRun bool
	// Force overwrites files changed locally whose post changed in
	// WordPress too, files that exist but are not tied to their post, and
	// brings back files deleted locally.
	Force bool
	// Progress, when set, is called with each file's outcome; Start,
	// when set, first with the number of posts the site has.
	Progress func(wpsync.Item)
	Start    func(total int)
}

// MediaDir is the folder, inside the pulled folder, downloads go to.
const MediaDir = "media"

// puller holds one run.
type puller struct {
	site  Site
	st    *state.State
	opts  Options
	dir   string
	links *Links

	cats, tags map[int]string // term ID → name as written in front matter
	// fieldTerms are the names of terms of custom taxonomies, by REST
	// base and term ID; fieldKeys the front matter key of each taxonomy
	// (its slug), which sync reads back as its terms (fields.go).
	fieldTerms map[string]map[int]string
	fieldKeys  map[string]string
	users      map[int]string // user ID → login
	media      map[int]string // media ID → source_url
	// downloaded are the uploads fetched in this run, recorded in the
	// state by sync.Syncer.Record as uploaded.
	downloaded map[string]*state.MediaEntry
	paths      map[string]string
	// left says what the user may not edit and so is not pulled, for the
	// report's warnings.
	left []string
	// skipped are the types the user may not edit; others the posts
	// ("TYPE/ID") listed but of other users: neither is deleted.
	skipped, others []string
}

// file is one post's file to write.
type file struct {
	post *wpsync.Post
	path string
	data []byte
	res  Result
	item wpsync.Item
}

// Run pulls the site into opts.Sync.Dir and records the state st.
// Per-file outcomes are in the report, with the actions of sync's: create
// (a new file), update (a file rewritten), unchanged, conflict (changed on
// both sides; or the post deleted in WordPress), orphan (deleted here, not
// pulled again), skipped (ignored), error. Its error, a *sync.FatalError,
// ends the run: the site cannot be read, or the state cannot be saved —
// files written by then stay, and the next pull ties them to their posts
// again (they are what it would write).
func Run(ctx context.Context, site Site, st *state.State, opts Options) (*wpsync.Report, error) {
	p := &puller{site: site, st: st, opts: opts, dir: opts.Sync.Dir}
	// Connected first: when the address given is what is wrong (https://
	// for a plain-HTTP site, a wrong port), that is the error to show, not
	// advice about the state file.
	if err := site.Connect(ctx); err != nil {
		return nil, &wpsync.FatalError{Err: err}
	}
	if st.Site != "" && opts.Sync.Site != "" && st.Site != opts.Sync.Site && len(st.Files) > 0 {
		return nil, &wpsync.FatalError{Err: fmt.Errorf("state file %s was made for %s, not %s: use --state to keep a separate state file per site", st.Path(), st.Site, opts.Sync.Site)}
	}
	markup, err := wpsync.SiteMarkup(ctx, site) // what sync writes there (markup.go)
	if err != nil {
		return nil, &wpsync.FatalError{Err: err}
	}
	posts, err := p.read(ctx)
	if err != nil {
		return nil, &wpsync.FatalError{Err: err}
	}
	p.layout(posts)
	p.links.Markup = markup
	if g := opts.Sync.Generator; g != nil {
		p.links.Wikilinks = vaultUsesWikilinks(p.dir, g.Generator()) // wikilinks.go
		p.links.MathFor = func(file string) *markdown.MathSyntax { return g.Page(file).Rules.MathSyntax() }
	}
	if opts.Start != nil {
		opts.Start(len(posts))
	}

	report := &wpsync.Report{Items: []wpsync.Item{}}
	finish := func(it wpsync.Item) {
		report.Add(it)
		if opts.Progress != nil {
			opts.Progress(it)
		}
	}
	todo := p.decide(posts, finish)
	if err := p.deleted(ctx, posts, finish); err != nil {
		return nil, &wpsync.FatalError{Err: err}
	}
	report.Warnings = p.left
	for _, f := range todo {
		if f.data == nil {
			p.render(f)
		}
	}
	if opts.DryRun {
		for _, f := range todo {
			for _, u := range f.res.Media {
				if !p.haveMedia(u) {
					f.item.Warnings = append(f.item.Warnings, "would download "+u+" to "+p.links.Media[u])
				}
			}
			finish(f.item)
		}
		sortItems(report)
		return report, nil
	}

	written := map[string]*wpsync.Post{}
	var done []*file
	for _, f := range todo {
		if err := p.download(ctx, f); err != nil {
			f.item.Action, f.item.Error, f.item.Err = wpsync.ActionError, err.Error(), err
			finish(f.item)
			continue
		}
		if err := writeFile(filepath.Join(p.dir, filepath.FromSlash(f.path)), f.data); err != nil {
			err = fmt.Errorf("%s: %w", f.path, err)
			f.item.Action, f.item.Error, f.item.Err = wpsync.ActionError, err.Error(), err
			finish(f.item)
			continue
		}
		written[f.path] = f.post
		done = append(done, f)
	}
	if len(written) > 0 {
		if r, ok := opts.Sync.Generator.(interface{ Reindex() }); ok {
			// A vault finds notes by name: the ones just written too.
			r.Reindex() // site/obsidian.go
		}
		rec, err := wpsync.New(site, st, opts.Sync).Record(ctx, written, p.downloaded)
		if err != nil {
			return report, err
		}
		byPath := map[string]wpsync.Item{}
		for _, it := range rec.Items {
			byPath[it.Path] = it
		}
		for _, f := range done {
			r := byPath[f.path]
			if r.Action == wpsync.ActionError {
				f.item.Action, f.item.Error, f.item.Err, f.item.Line = wpsync.ActionError, r.Error, r.Err, r.Line
			}
			// One warning for one fact: the file does not send back what
			// WordPress stores. Record's own words for it (content as
			// rendered differs) are left out for pull's, which say more.
			switch {
			case f.res.Exact:
			case f.res.Format == markdown.FormatBlocks:
				f.item.Warnings = append(f.item.Warnings, "the Markdown does not render back to the stored content byte for byte: the next sync of an edit of this file sends what it renders (check the post after it)")
			case !f.res.Displays:
				f.item.Warnings = append(f.item.Warnings, "the Markdown of this classic post may not display as WordPress shows it now: the next sync of an edit of this file sends what it renders (check the post after it)")
			}
			for _, w := range r.Warnings {
				if !strings.HasPrefix(w, wpsync.ContentDiffers) {
					f.item.Warnings = append(f.item.Warnings, w)
				}
			}
			finish(f.item)
		}
	}
	sortItems(report)
	return report, nil
}

func sortItems(r *wpsync.Report) {
	sort.SliceStable(r.Items, func(a, b int) bool { return r.Items[a].Path < r.Items[b].Path })
}

// read lists the posts, terms, users and media of the site.
func (p *puller) read(ctx context.Context) ([]*wpsync.Post, error) {
	var posts []*wpsync.Post
	// What the user may edit is pulled, and what is left out is said: an
	// Author may edit no page (WordPress refuses even to list pages in
	// the statuses only editors see) nor another user's post (which
	// WordPress 6.5 and later list to an Author in edit context too).
	listed, _ := p.site.Can(ctx, "read") // false: the site lists no capabilities
	for _, typ := range append([]string{"posts", "pages"}, p.opts.Types...) {
		if (typ == "posts" || typ == "pages") && listed {
			if can, err := p.site.Can(ctx, "edit_"+typ); err == nil && !can {
				p.left = append(p.left, fmt.Sprintf("no %s pulled: the user may not edit %s (WordPress capability edit_%s); pull as an Editor or an Administrator to have them", typ, typ, typ))
				p.skipped = append(p.skipped, typ)
				continue
			}
		}
		got, err := p.site.AllPosts(ctx, typ)
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", typ, err)
		}
		others := 0
		for _, post := range got {
			if post.ReadOnly {
				others++
				p.others = append(p.others, fmt.Sprintf("%s/%d", post.Type, post.ID))
				continue
			}
			posts = append(posts, post)
		}
		if others > 0 {
			p.left = append(p.left, fmt.Sprintf("%d %s of other users not pulled: the user may not edit them; pull as an Editor or an Administrator to have them", others, typ))
		}
	}
	p.cats, p.tags = map[int]string{}, map[int]string{}
	for _, tax := range []string{"categories", "tags"} {
		terms, err := p.site.Terms(ctx, tax)
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", tax, err)
		}
		names := p.tags
		if tax == "categories" {
			names = p.cats
		}
		byID := map[int]wpsync.Term{}
		for _, t := range terms {
			byID[t.ID] = t
		}
		for _, t := range terms {
			// A category below another is written Parent/Child, which
			// sync reads as that path of categories.
			name := t.Name
			for q, n := t.Parent, 0; q != 0 && tax == "categories" && n < 20; n++ {
				parent, ok := byID[q]
				if !ok {
					break
				}
				name = parent.Name + "/" + name
				q = parent.Parent
			}
			names[t.ID] = name
		}
	}
	if err := p.readFieldTerms(ctx, posts); err != nil {
		return nil, err
	}
	users, err := p.site.Users(ctx)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	p.users = map[int]string{}
	for _, u := range users {
		if u.Login != "" {
			p.users[u.ID] = u.Login
		}
	}
	items, err := p.site.MediaItems(ctx)
	if err != nil {
		return nil, fmt.Errorf("list media: %w", err)
	}
	p.media = map[int]string{}
	p.links = &Links{Posts: map[string]string{}, Media: map[string]string{}, MediaIDs: map[string]int{}}
	for _, m := range items {
		p.media[m.ID] = m.URL
		p.links.Media[m.URL] = mediaPath(m.URL)
		p.links.MediaIDs[m.URL] = m.ID
	}
	return posts, nil
}

// mediaPath is where an upload goes: media/ and its path under uploads/.
func mediaPath(u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return MediaDir + "/" + path.Base(u)
	}
	p := pu.Path
	if d, err := url.PathUnescape(p); err == nil {
		p = d
	}
	if _, rest, ok := strings.Cut(p, "/uploads/"); ok && rest != "" && !strings.Contains(rest, "..") {
		return MediaDir + "/" + rest
	}
	return MediaDir + "/" + path.Base(p)
}

// layout gives each post its file: the one the state ties to it, else one
// from its type and slug (pages in their parent's folder).
func (p *puller) layout(posts []*wpsync.Post) {
	tracked := map[string]string{}
	for f, e := range p.st.Files {
		tracked[fmt.Sprintf("%s/%d", e.Type, e.ID)] = f
	}
	byID := map[string]*wpsync.Post{}
	for _, post := range posts {
		byID[fmt.Sprintf("%s/%d", post.Type, post.ID)] = post
	}
	// Where the site's generator wants pages (site.Site.PullPath): Hugo's
	// content/, Jekyll's _posts/ and _drafts/.
	gen := p.opts.Sync.Generator
	if gen == nil {
		gen = sitegen.Plain(p.opts.Sync.Dir, nil)
	}
	root := gen.Content()
	p.paths = map[string]string{}
	taken := map[string]bool{}
	for _, f := range tracked {
		taken[f] = true
	}
	var pathOf func(post *wpsync.Post, depth int) string
	pathOf = func(post *wpsync.Post, depth int) string {
		key := fmt.Sprintf("%s/%d", post.Type, post.ID)
		if f, ok := p.paths[key]; ok {
			return f
		}
		if f, ok := tracked[key]; ok {
			p.paths[key] = f
			return f
		}
		dir, name := gen.PullPath(sitegen.PullPost{Type: post.Type, Name: fileName(post), Date: post.Date, Unpublished: markdown.Unpublished(post.Status)})
		if post.Type == "pages" && post.Parent != 0 && depth < 20 {
			if parent := byID[fmt.Sprintf("pages/%d", post.Parent)]; parent != nil {
				dir = strings.TrimSuffix(pathOf(parent, depth+1), ".md")
			} else {
				dir = root
			}
		}
		f := path.Join(dir, name+".md")
		for n := 2; taken[f]; n++ {
			f = path.Join(dir, fmt.Sprintf("%s-%d.md", name, n))
		}
		taken[f] = true
		p.paths[key] = f
		return f
	}
	sort.Slice(posts, func(a, b int) bool { return posts[a].ID < posts[b].ID })
	for _, post := range posts {
		pathOf(post, 0)
	}
	for _, post := range posts {
		if post.Link != "" {
			p.links.Posts[post.Link] = p.paths[fmt.Sprintf("%s/%d", post.Type, post.ID)]
		}
	}
}

// fileName is a post's file name without extension: its slug, decoded.
func fileName(post *wpsync.Post) string {
	name := post.Slug
	if d, err := url.PathUnescape(name); err == nil {
		name = d
	}
	name = strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r < 0x20 {
			return '-'
		}
		return r
	}, name)
	if name == "" || wpsync.IsHidden(name) || name == "." || name == ".." || strings.HasPrefix(name, "_") {
		name = fmt.Sprintf("%s-%d", strings.TrimSuffix(typeName(post.Type), "s"), post.ID)
		if post.Slug == "" {
			name = fmt.Sprintf("draft-%d", post.ID)
		}
	}
	return name
}

func typeName(restBase string) string {
	switch restBase {
	case "posts":
		return "post"
	case "pages":
		return "page"
	}
	return restBase
}

// decide sorts the posts into files to write and files to leave, the
// latter reported at once.
func (p *puller) decide(posts []*wpsync.Post, finish func(wpsync.Item)) []*file {
	var todo, check []*file
	all := make([]*file, 0, len(posts))
	for _, post := range posts {
		f := &file{post: post, path: p.paths[fmt.Sprintf("%s/%d", post.Type, post.ID)]}
		f.item = wpsync.Item{Path: f.path, ID: post.ID, Type: typeName(post.Type), Link: post.Link}
		all = append(all, f)
	}
	sort.Slice(all, func(a, b int) bool { return all[a].path < all[b].path })
	for _, f := range all {
		post := f.post
		e := p.st.Files[f.path]
		_, statErr := os.Stat(filepath.Join(p.dir, filepath.FromSlash(f.path)))
		exists := statErr == nil
		switch {
		case wpsync.Ignored(f.path, p.opts.Sync.Ignore):
			// sync would never look at it.
			f.item.Action = wpsync.ActionSkipped
			f.item.Warnings = append(f.item.Warnings, "matches ignore in wpsync.yaml: not pulled")
			finish(f.item)
		case e != nil && !exists && !p.opts.Force:
			f.item.Action = wpsync.ActionOrphan
			f.item.Warnings = append(f.item.Warnings, "deleted here, not in WordPress: not pulled again (sync --prune trashes the post; pull --force brings the file back)")
			finish(f.item)
		case e != nil && exists && e.ModifiedGMT == post.ModifiedGMT:
			f.item.Action = wpsync.ActionUnchanged
			finish(f.item)
		case e != nil && exists:
			f.item.Action = wpsync.ActionUpdate
			check = append(check, f)
		case exists && !p.opts.Force && p.same(f):
			// Already what pull writes (a lost state file, a folder
			// pulled before): tied to its post again, not rewritten.
			f.item.Action, f.item.Adopted = wpsync.ActionUnchanged, true
			todo = append(todo, f)
		case exists && !p.opts.Force:
			f.item.Action = wpsync.ActionConflict
			f.item.Error = fmt.Sprintf("%s: exists but the state does not tie it to %s %d: not overwritten. Move it away, or run with --force to overwrite it", f.path, typeName(post.Type), post.ID)
			finish(f.item)
		case exists:
			f.item.Action = wpsync.ActionUpdate
			todo = append(todo, f)
		default:
			f.item.Action = wpsync.ActionCreate
			todo = append(todo, f)
		}
	}
	if len(check) > 0 {
		var paths []string
		for _, f := range check {
			paths = append(paths, f.path)
		}
		changed := wpsync.New(p.site, p.st, p.opts.Sync).LocalChanges(paths)
		for _, f := range check {
			if changed[f.path] && !p.opts.Force {
				e := p.st.Files[f.path]
				f.item.Action = wpsync.ActionConflict
				f.item.Error = fmt.Sprintf("%s: changed here and %s %d changed in WordPress at %s, after the last pull or sync (%s): not overwritten. Sync or undo the local change, or run pull with --force to take WordPress's version", f.path, typeName(f.post.Type), f.post.ID, utc(f.post.ModifiedGMT), utc(e.ModifiedGMT))
				finish(f.item)
				continue
			}
			todo = append(todo, f)
		}
	}
	sort.Slice(todo, func(a, b int) bool { return todo[a].path < todo[b].path })
	return todo
}

// deleted reports the files whose post is gone from WordPress (deleted
// or trashed): the file is kept, as sync keeps a post whose file is gone;
// the author decides.
func (p *puller) deleted(ctx context.Context, posts []*wpsync.Post, finish func(wpsync.Item)) error {
	listed := map[string]bool{}
	for _, post := range posts {
		listed[fmt.Sprintf("%s/%d", post.Type, post.ID)] = true
	}
	for _, id := range p.others {
		listed[id] = true // exists; the user may not edit it
	}
	pulled := map[string]bool{"posts": true, "pages": true}
	for _, t := range p.opts.Types {
		pulled[t] = true
	}
	for _, t := range p.skipped {
		pulled[t] = false
	}
	others := 0
	for _, f := range p.st.Paths() {
		e := p.st.Files[f]
		if !pulled[e.Type] || listed[fmt.Sprintf("%s/%d", e.Type, e.ID)] {
			continue
		}
		// Not listed: gone, in the trash, or another user's post, which
		// WordPress 6.1 leaves out of an Author's edit-context listing.
		post, err := p.site.Post(ctx, e.Type, e.ID)
		if err != nil {
			return fmt.Errorf("read %s %d of %s: %w", typeName(e.Type), e.ID, f, err)
		}
		if post != nil && post.ReadOnly {
			others++
			continue
		}
		finish(wpsync.Item{Path: f, ID: e.ID, Type: typeName(e.Type), Action: wpsync.ActionConflict,
			Error: fmt.Sprintf("%s: %s %d was deleted or trashed in WordPress: the file is kept. Restore the post from the trash, or delete the file", f, typeName(e.Type), e.ID)})
	}
	if others > 0 {
		p.left = append(p.left, fmt.Sprintf("%d file(s) of posts of other users not pulled again: the user may not edit them; pull as an Editor or an Administrator to have them", others))
	}
	return nil
}

// same reports whether the file on disk is what pull would write for its
// post.
func (p *puller) same(f *file) bool {
	data, err := os.ReadFile(filepath.Join(p.dir, filepath.FromSlash(f.path)))
	if err != nil {
		return false
	}
	p.render(f)
	return string(data) == string(f.data)
}

func utc(gmt string) string { return strings.Replace(gmt, "T", " ", 1) + " UTC" }

// frontMatter is what a pulled file says about its post, in this order.
type frontMatter struct {
	Title         string   `yaml:"title"`
	Slug          string   `yaml:"slug,omitempty"`
	Type          string   `yaml:"type,omitempty"`
	Date          string   `yaml:"date,omitempty"`
	Status        string   `yaml:"status"`
	Format        string   `yaml:"format,omitempty"`
	Categories    []string `yaml:"categories,omitempty"`
	Tags          []string `yaml:"tags,omitempty"`
	Excerpt       string   `yaml:"excerpt,omitempty"`
	FeaturedImage string   `yaml:"featured_image,omitempty"`
	Sticky        bool     `yaml:"sticky,omitempty"`
	CommentStatus string   `yaml:"comment_status,omitempty"`
	Author        string   `yaml:"author,omitempty"`
	MenuOrder     int      `yaml:"menu_order,omitempty"`
	Template      string   `yaml:"template,omitempty"`
	PostFormat    string   `yaml:"post_format,omitempty"`
	// What fields plugins add (fields.go): SEO fields, meta, terms of
	// custom taxonomies by the taxonomy's slug.
	Description string              `yaml:"description,omitempty"`
	SEOTitle    string              `yaml:"seo_title,omitempty"`
	Canonical   string              `yaml:"canonical,omitempty"`
	NoIndex     *bool               `yaml:"noindex,omitempty"`
	OGImage     string              `yaml:"og_image,omitempty"`
	Meta        map[string]any      `yaml:"meta,omitempty"`
	Terms       map[string][]string `yaml:",inline"`
}

// render makes a post's file.
func (p *puller) render(f *file) {
	post := f.post
	f.res = ConvertWith(post.Content, stringMeta(post.Meta), f.path, p.links)
	fm := frontMatter{
		Title:         post.Title,
		Slug:          post.Slug,
		Date:          zonedDate(post.Date, post.DateGMT),
		Status:        post.Status,
		Excerpt:       post.Excerpt,
		CommentStatus: post.CommentStatus,
		Author:        p.users[post.Author],
		Template:      post.Template,
	}
	if d, err := url.PathUnescape(post.Slug); err == nil {
		fm.Slug = d // sync stores it escaped again (wpslug)
	}
	if post.Type != "posts" {
		fm.Type = typeName(post.Type)
	}
	// The format only where it is not the folder's (wpsync.yaml's format).
	folder := p.opts.Sync.Format
	if folder == "" {
		folder = markdown.DefaultFormat
	}
	if f.res.Format != folder {
		fm.Format = f.res.Format
	}
	if post.Type == "pages" {
		fm.MenuOrder = post.MenuOrder
	}
	if post.Format != "" && post.Format != "standard" {
		fm.PostFormat = post.Format
	}
	if post.Sticky != nil && *post.Sticky {
		fm.Sticky = true
	}
	for _, id := range post.Categories {
		if n, ok := p.cats[id]; ok {
			fm.Categories = append(fm.Categories, n)
		}
	}
	for _, id := range post.Tags {
		if n, ok := p.tags[id]; ok {
			fm.Tags = append(fm.Tags, n)
		}
	}
	sort.Strings(fm.Categories)
	sort.Strings(fm.Tags)
	if post.FeaturedMedia > 0 {
		if u, ok := p.media[post.FeaturedMedia]; ok {
			fm.FeaturedImage = relative(f.path, p.links.Media[u])
			f.res.Media = append(f.res.Media, u)
		} else {
			f.item.Warnings = append(f.item.Warnings, fmt.Sprintf("featured image %d is not in the media library: left out", post.FeaturedMedia))
		}
	}
	p.fields(post, &fm)
	if post.Password != "" {
		f.item.Warnings = append(f.item.Warnings, "the post is password-protected: the password is not written to the file (WordPress keeps it)")
	}
	head, _ := yaml.Marshal(&fm)
	f.data = []byte("---\n" + string(head) + "---\n\n" + strings.TrimRight(f.res.Body, "\n") + "\n")
}

// zonedDate writes a post's date in the site's time with its offset
// (2026-03-05T10:20:30+01:00), from WordPress's local date and date_gmt.
func zonedDate(local, gmt string) string {
	const wpTime = "2006-01-02T15:04:05"
	l, err1 := time.Parse(wpTime, local)
	g, err2 := time.Parse(wpTime, gmt)
	if err1 != nil || err2 != nil {
		return ""
	}
	return g.In(time.FixedZone("", int(l.Sub(g).Seconds()))).Format(time.RFC3339)
}

// haveMedia reports whether the upload at u is downloaded and recorded.
func (p *puller) haveMedia(u string) bool {
	rel := p.links.Media[u]
	m := p.st.Media[rel]
	if d := p.downloaded[rel]; d != nil {
		m = d
	}
	if m == nil || m.URL != u {
		return false
	}
	_, err := os.Stat(filepath.Join(p.dir, filepath.FromSlash(rel)))
	return err == nil
}

// download fetches the uploads a file uses that are not here yet, and
// records them in the state as uploaded (they are the site's).
func (p *puller) download(ctx context.Context, f *file) error {
	for _, u := range f.res.Media {
		if p.haveMedia(u) {
			continue
		}
		rel := p.links.Media[u]
		full := filepath.Join(p.dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		tmp, err := os.CreateTemp(filepath.Dir(full), ".pull-*.tmp")
		if err != nil {
			return err
		}
		sum := sha256.New()
		err = p.site.Download(ctx, u, io.MultiWriter(tmp, sum))
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp.Name(), full)
		}
		if err != nil {
			os.Remove(tmp.Name())
			return fmt.Errorf("%s: %w", f.path, err)
		}
		fi, err := os.Stat(full)
		if err != nil {
			return err
		}
		if p.downloaded == nil {
			p.downloaded = map[string]*state.MediaEntry{}
		}
		p.downloaded[rel] = &state.MediaEntry{
			ID: p.links.MediaIDs[u], Hash: "sha256:" + hex.EncodeToString(sum.Sum(nil)), URL: u,
			Size: fi.Size(), ModTime: fi.ModTime().UnixNano(),
		}
	}
	return nil
}

// writeFile replaces a file atomically, leaving it alone when its bytes
// are already these.
func writeFile(full string, data []byte) error {
	if old, err := os.ReadFile(full); err == nil && string(old) == string(data) {
		return nil
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(full), ".pull-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), full)
}

// stringMeta is the post's meta whose values are strings (the footnotes'
// JSON among them), the shape ConvertWith reads.
func stringMeta(meta map[string]any) map[string]string {
	out := map[string]string{}
	for k, v := range meta {
		if s, ok := v.(string); ok {
			out[k] = s
		}
	}
	return out
}
