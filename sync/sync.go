package sync

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/wpsync/wpsync/internal/wpslug"
	"github.com/wpsync/wpsync/markdown"
	sitegen "github.com/wpsync/wpsync/site"
	"github.com/wpsync/wpsync/state"
)

// wpTime is WordPress's wire format for dates.
const wpTime = "2006-01-02T15:04:05"

// DefaultGrace is how long writes in flight may finish after an interrupt:
// a batch of 25 posts takes a second or two on a shared host.
const DefaultGrace = 5 * time.Second

// DefaultMaxFileSize is the largest file a run reads: Markdown posts are a few
// kilobytes; a file of megabytes is almost certainly not one.
const DefaultMaxFileSize = 10 << 20

// Options set what a run does.
type Options struct {
	Dir           string   // the synced folder
	DefaultStatus string   // status of files that set none; "" means publish
	Ignore        []string // globs, see Ignored
	DryRun        bool     // plan only: no write to WordPress or the state file
	// Site is the site URL; the state remembers it so that a state file made
	// for one site is never used to update another.
	Site string
	// Format is the content format of files that set none: "blocks"
	// (block-editor markup), "classic" (HTML) or "" for markdown's default.
	Format string
	// Force overwrites posts edited in WordPress since our last write,
	// restores posts in the trash (updated in place) and recreates posts
	// deleted for good. Never a post that exists but the user may not edit.
	Force bool
	// Prune moves the posts of files that are gone to the trash, if the run
	// had no errors and they are no more than PruneMax.
	Prune    bool
	PruneMax Limit
	// MaxFileSize bounds the files read; 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// Concurrency is how many requests may be in flight; 0 means 4.
	Concurrency int
	// SettleDelay is waited before the first request when the previous run
	// was killed: writes it had sent may still be running on the server, and
	// must land before this run looks slugs up.
	SettleDelay time.Duration
	// Progress, when set, is called with each file's outcome as it is known,
	// from the goroutine that called Run or Files.
	Progress func(Item)
	// Grace is how long the writes in flight may still take once the
	// run's context ends (Ctrl-C), so that what lands is heard of and
	// recorded; no new write starts. 0 means DefaultGrace; negative, none
	// (the caller gives its own, as watch does).
	Grace time.Duration
	// Generator is the site generator the folder is written for
	// (site.Detect): which files are pages and how their front matter
	// reads. nil: a plain folder.
	Generator sitegen.Site
	// Strict fails a file whose rendering leaves source syntax of another
	// dialect in what readers see (markdown.Leftover), instead of a
	// warning: wpsync.yaml's strict: true, --strict.
	Strict bool
}

// Syncer runs syncs of one folder against one site.
type Syncer struct {
	pub   Publisher
	state *state.State
	opts  Options

	connected bool
	// slots, while writeAsUploaded runs, are the requests its uploads and
	// writes share: at most Options.Concurrency in flight in all.
	slots      chan struct{}
	dirty      bool                    // the state changed without a save yet
	terms      map[string]*termIndex   // by taxonomy
	defaultCat *int                    // the site's default category, once asked (terms.go)
	x          contentExt              // pictures, types, users (media.go)
	fieldSite  siteFields              // what the site takes of files' PostFields (postfields.go)
	ident      map[string]*state.Entry // posts found in this run, by file (identity.go)
	recording  bool                    // Record: resolve terms without creating any (existing.go)
	decided    []decision              // changes to the state planned in this run (record.go)

	markup        markdown.Markup // the block markup files are rendered in (markup.go)
	markupChecked bool            // the site was asked which markup it wants

	// refd maps each file this Syncer read (or found gone, or not a page)
	// to the files other than Markdown it refers to (Referenced).
	refd map[string][]string
}

// New returns a Syncer that publishes through pub and records in st.
func New(pub Publisher, st *state.State, opts Options) *Syncer {
	if opts.DefaultStatus == "" {
		opts.DefaultStatus = "publish"
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	if opts.Concurrency <= 0 {
		opts.Concurrency = 4
	}
	if opts.Grace == 0 {
		opts.Grace = DefaultGrace
	}
	if opts.PruneMax == (Limit{}) {
		opts.PruneMax = DefaultPruneMax
	}
	if opts.Generator == nil {
		opts.Generator = sitegen.Plain(opts.Dir, nil)
	}
	return &Syncer{pub: pub, state: st, opts: opts, terms: map[string]*termIndex{}, markup: markupFromKey(st.Options)}
}

// FatalError ends a whole run before any file was attempted: the site cannot
// be reached, the credentials are refused, or the state belongs elsewhere.
type FatalError struct{ Err error }

func (e *FatalError) Error() string { return e.Err.Error() }
func (e *FatalError) Unwrap() error { return e.Err }

// job is one file read, parsed and turned into what it would send.
type job struct {
	path string
	typ  string // as the author wrote it: post, page, or a custom type
	post Post   // without term IDs, which are resolved only when needed
	cats []string
	// wholeTerms: a "/" in a category name is part of it, not a
	// Parent/Child path (markdown.Document.WholeTerms).
	wholeTerms bool
	// otherTerms are the terms of the site's other taxonomies the file
	// names (markdown.Document.OtherTerms), by taxonomy.
	otherTerms map[string][]string
	// unsentTaxonomies are those of otherTerms the site has no taxonomy
	// of (warnTaxonomies).
	unsentTaxonomies []string
	tags             []string
	// fields are the file's meta, field terms and SEO fields; fileMeta
	// its meta before the site is asked, notes what the site did not take
	// of them (postfields.go).
	fields   *markdown.PostFields
	fileMeta map[string]any
	notes    fieldNotes
	hash     string
	body     string // hash of the rendered content alone
	size     int64
	mtime    int64
	err      error
	ext      *jobExt      // references, parent, author (content.go)
	page     sitegen.Page // what the site's generator says of it (package site)
	warn     []string
	shown    []markdown.Leftover // constructs of other dialects readers would see as text
	skip     bool                // nothing to publish (an empty file)
	missing  bool                // the file does not exist (any more)
	cached   bool                // size and time stamp match the state: not read, unchanged

	// Filled while planning.
	entry     *state.Entry // what the state knows of it, possibly taken over from a moved file
	movedFrom string
	adopted   bool
	existing  *Post     // the adopted post, as the site has it
	match     *Post     // the post of its slug family with its very text (matchFamilies)
	matched   bool      // match decides, even when nil
	base      string    // the slug it wants, before assignSlugs numbered it
	op        Action    // create or update, when a write is needed
	newTerms  []newTerm // terms it names that the site lacks: apply creates them (terms.go)
	plan      FilePlan  // what the plan decided for it (decide.go)
	sent      bool      // its write was started (write.go): it may have landed
	item      Item
}

// checkSite refuses a state file recorded for another site: its post IDs
// would point at the wrong posts.
//
// The address given is most often what is wrong then (https:// for a site
// that speaks plain HTTP, a wrong port): when the site does not answer
// there, or refuses the credentials, that is the error, with its hint,
// rather than advice about the state file. The check costs a request only
// when the addresses differ.
func (s *Syncer) checkSite(ctx context.Context) error {
	if s.opts.Site == "" {
		return nil
	}
	if s.state.Site != "" && s.state.Site != s.opts.Site && len(s.state.Files) > 0 {
		if err := s.connect(ctx); err != nil {
			return err
		}
		return &FatalError{Err: fmt.Errorf("state file %s was made for %s, not %s: use --state to keep a separate state file per site", s.state.Path(), s.state.Site, s.opts.Site)}
	}
	return nil
}

// prepare reads and parses one file and computes what it sends.
func (s *Syncer) prepare(rel string) *job {
	j := &job{path: rel}
	full := filepath.Join(s.opts.Dir, filepath.FromSlash(rel))
	fi, err := os.Stat(full)
	if errors.Is(err, fs.ErrNotExist) {
		j.missing = true
		s.noteRefs(rel, nil, nil)
		return j
	}
	if err != nil {
		j.err = fmt.Errorf("%s: %w", rel, err)
		return j
	}
	if !fi.Mode().IsRegular() {
		j.err = fmt.Errorf("%s: not a regular file", rel)
		return j
	}
	j.size, j.mtime = fi.Size(), fi.ModTime().UnixNano()
	if j.page = s.opts.Generator.Page(rel); j.page.Skip != "" {
		s.noteRefs(rel, nil, nil)
		j.skip = true
		j.warn = append(j.warn, "not a page: "+j.page.Skip)
		return j
	}
	if e := s.state.Files[rel]; e != nil && e.Size == j.size && e.ModTime == j.mtime && s.state.Options == s.optionsKey() && s.refsCurrent(e) && !newBundleImage(j, e) {
		// Same size and time stamp as when last synced, under the same
		// options: unchanged without reading it. A checkout that rewrites
		// the file gives it a new time stamp, and then the hash decides.
		j.cached, j.hash = true, e.Hash
		return j
	}
	if j.size > s.opts.MaxFileSize {
		j.err = fmt.Errorf("%s: file is %d bytes, over the %d-byte limit: is it really a Markdown post? Raise max_file_size in wpsync.yaml if it is", rel, j.size, s.opts.MaxFileSize)
		return j
	}
	src, err := os.ReadFile(full)
	if err != nil {
		j.err = fmt.Errorf("%s: %w", rel, err)
		return j
	}
	doc, err := markdown.ParseWith(rel, src, s.parseOptions(j))
	if errors.Is(err, markdown.ErrEmpty) {
		j.skip = true
		j.warn = append(j.warn, "empty file, skipped")
		return j
	}
	if err != nil {
		j.err = err
		return j
	}
	if s.notAPage(j, doc) {
		s.noteRefs(rel, nil, nil)
		return j
	}
	s.noteRefs(rel, j.page.Rules, doc.Refs)
	j.shown = doc.Leftovers
	if s.opts.Strict && len(j.shown) > 0 {
		j.err = strictError(rel, doc.Leftovers)
		return j
	}
	j.typ = doc.Type
	if j.typ == "" {
		j.typ = "post"
	}
	status := doc.Status
	if status == "" {
		status = s.opts.DefaultStatus
	}
	j.post = Post{
		Key:     fileKey(rel),
		Type:    RESTBase(j.typ),
		Slug:    wpslug.Sanitize(doc.Slug), // compared in the form WordPress stores
		Title:   doc.Title,
		Content: doc.Content,
		Excerpt: doc.Excerpt,
		Status:  status,
		Meta:    fileMeta(doc), // postfields.go
	}
	j.fields, j.fileMeta = &doc.PostFields, j.post.Meta
	if !doc.Date.IsZero() {
		if doc.Date.HasZone {
			j.post.DateGMT = doc.Date.Time.UTC().Format(wpTime)
		} else {
			j.post.Date = doc.Date.Time.Format(wpTime)
		}
	}
	j.cats, j.tags, j.wholeTerms, j.otherTerms = doc.Categories, doc.Tags, doc.WholeTerms, doc.OtherTerms
	if err := s.enrich(j, doc, src); err != nil {
		j.err = err
		return j
	}
	j.hash = hashOf(j)
	body := sha256.Sum256([]byte(j.post.Content))
	j.body = "sha256:" + hex.EncodeToString(body[:])
	return j
}

// strictError fails a file for what readers would see of other dialects
// (Options.Strict): each construct with its line, the first line the
// error's.
func strictError(rel string, shown []markdown.Leftover) error {
	list := make([]string, 0, len(shown))
	for _, l := range shown {
		list = append(list, l.String())
	}
	return &markdown.Error{Path: rel, Line: shown[0].Line,
		Msg:  fmt.Sprintf("%d construct(s) of another dialect would be shown to readers as text (strict: true): %s", len(shown), strings.Join(list, "; ")),
		Hint: "write them as Markdown, or turn strict off to publish with warnings"}
}

// optionsKey names the options that change what files send, so that the
// size-and-time shortcut is not taken after they change.
func (s *Syncer) optionsKey() string {
	key := fmt.Sprintf("v%d status=%s format=%s", renderVersion, s.opts.DefaultStatus, s.opts.Format) + s.siteKey() + markupKey(s.markup)
	if s.opts.Strict {
		key += " strict" // a file sent with leftovers before is read again, and fails
	}
	return key
}

// renderVersion is raised whenever a change to wpsync changes what a file
// sends, so that every file is read again once.
const renderVersion = 26 // 2: block-editor markup by default; 3: local links and pictures resolved; 4: the site generator's reading (lists, dates, template); 5: a list item with unsafe inline HTML makes the list Custom HTML, references in raw HTML rewritten through the HTML tokenizer; 6: serialized block markup in a file sent as written; 7: the block markup of the site's editor (markup.go); 8: anchors in the block comment where the editor keeps them there; the generator's Markdown (definition lists, kramdown attribute lists, Liquid, shortcodes, one title, links by address); 9: a block comment's class before its anchor, as WordPress 7.x registers them; 10: each rule only for the generator that documents it (kramdown and Liquid Jekyll's, template: true the Go blog's); 11: Hugo's refs as its page finder resolves them ("#x" the page itself), redirect_from and aliases as addresses of their page; 12: Jekyll's Liquid tag by tag (a filter it does not know passes its value on, date reads strings, a failing tag left out alone); 13: an image's and a table's attribute lists (sizeSlug, linkDestination, hasFixedLayout; a classic [caption]); 14: Markdown in a Hugo image's title as inline HTML in its figcaption, a bundle's theme picture as the featured image, a Hugo page's pictures from its address; 15: footnotes as WordPress's own (6.3+); 16: ```math as a Math block (6.9+); 17: meta:, SEO fields and custom taxonomies' terms from front matter; 18: math between delimiters as a Math block and inline math ($…$ and $$…$$ in a vault, kramdown's $$, Hugo's passthrough); 19: headings get the ids their generator gives them (Hugo's autoHeadingID, kramdown's auto_ids, Zola's anchors); 20: a paragraph of pictures as a Gallery block, ```mermaid as a Mermaid plugin's block where the site has one; 21: a Hugo shortcode's .Page.Resources (GetMatch, Match, Get, ByType) over the page bundle's files, a Docusaurus <Link id> an anchor; 22: GitHub's alerts (> [!NOTE]) as callouts in a plain folder and a Hugo site; 23: headings of Hexo, Astro and Docusaurus sites get their generator's ids too (hexo-renderer-marked's headerIds, Astro's rehypeHeadingIds, Docusaurus's github-slugger); 24: an Eleventy file's tags added to its directory data's, its paired and Liquid shortcodes run as mapped in wpsync.yaml; 25: a one-line MDX <Aside>/<Admonition> a callout, {frontmatter.x} its value; 26: a plain folder's headings get GitHub's ids and its $…$ and $$…$$ are math, as GitHub shows them

// RESTBase maps a front matter type to its REST base.
func RESTBase(typ string) string {
	switch typ {
	case "post", "":
		return "posts"
	case "page":
		return "pages"
	}
	return typ
}

// hashOf covers everything a file sends, with terms by name, so that changing
// only a tag or the title is a change, and nothing else is.
func hashOf(j *job) string {
	sum := sha256.New()
	_ = json.NewEncoder(sum).Encode(struct {
		Post
		Cats, Tags []string
		Ext        string              `json:",omitempty"` // what the site resolves by name (content.go)
		Other      map[string][]string `json:",omitempty"` // other taxonomies' terms (taxonomies.go)
		Fields     string              `json:",omitempty"` // SEO fields and field terms (postfields.go)
	}{j.post, j.cats, j.tags, j.hashKey(), j.otherTerms, fieldsHash(j)})
	return "sha256:" + hex.EncodeToString(sum.Sum(nil))
}
