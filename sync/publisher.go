// Package sync publishes a folder of Markdown files to a WordPress site.
//
// It owns the rules: which files take part, what each one sends, and whether
// a file needs a create, an update or nothing at all, judged against the
// state file (package state). It talks to WordPress only through the
// Publisher interface below; package sync/wordpress implements it over the
// REST API; unit tests run it against internal/wpfake, a fake WordPress.
//
// The package name shadows the standard library's sync; code here that needs
// the standard one imports it as gosync.
//
// # The plan and its apply
//
// A run (run.go, sync) is a plan, then its apply, as terraform splits them:
//
//   - Planning reads: the files (prepare: each one's post, hash and
//     references), the state (classify: unchanged, moved, new, to update),
//     and, only when something must be sent, the site — its block markup,
//     the user's capabilities, post types, page templates, media already in
//     the library (findMedia, by content slug), authors, parents by slug,
//     terms, the posts holding new files' slugs and the posts to update as
//     they are now. Each stage decides and returns the files still to
//     write; the decisions about a file are the pure functions of decide.go
//     (planLocal, planNew, planAdopted, planUpdate) over a FileInput and
//     what was read (Snapshot), which unit tests drive with a table of
//     snapshots and no server (BuildPlan). Planning writes nothing, to the
//     site or to the state: what it finds the state should hold (an
//     unchanged file's new time stamp, a move, an adoption found equal, a
//     type's REST base, a picture found on the site, the site's markup) it
//     decides (record.go, decision).
//   - The plan (Plan; built by planOf at the gate, Report.Plan of a dry
//     run; a run that applies keeps it in its jobs, job.plan) says for
//     each file what will happen and why: create, update (with the fields
//     that differ from the post on the site when it was read), adopt,
//     conflict, skip, error, unchanged; the uploads and the terms to create;
//     and, for each file to write, the files whose posts it needs first
//     (Needs: its parent, the files it links to).
//   - The gate (run.go) is the one place that reads Options.DryRun: a dry
//     run, and status, report the plan (describe) and stop; no stage asks.
//   - Apply (run.go, apply) carries the plan out: it records the decisions,
//     uploads, creates the terms and writes the files in waves, each as
//     soon as its pictures are up (writeAsUploaded: a file waits for its
//     pictures and for the posts it needs, so
//     that a link or a parent names a real ID; a circle is broken and
//     relink writes it again once the others have permalinks), trashes the
//     orphans --prune may trash (planOrphans decides once the writes are
//     in, whose failures it weighs; trashOrphans trashes), and saves.
//     Because links need IDs only known once their target is written, the
//     plan of a later wave's file is final only then (fillParent, rerender
//     in writeAsUploaded; relink): the plan says which files wait (Needs), and
//     apply renders them again before their write.
//   - The state is written in one place, record.go: setEntry, dropEntry,
//     setMedia, setRefused, dropRefused, setType, markupChanged and save,
//     called by apply (recordDecided; each write's answer as it comes back;
//     each upload; a trashed orphan) and by Record (pull). A run saves
//     after each batch, so a killed run keeps what it wrote.
//
// # Failure handling
//
// Failures are met in layers, each doing what the one below cannot:
//
//  1. Transport (sync/wordpress, RetryTransport): a 429 is tried again
//     always (WordPress did nothing), honouring Retry-After up to 60 s; a
//     lost connection, an answer that does not start in time and a 5xx
//     only for requests safe to send twice (reads, updates, trash, term
//     creates). Up to 5 tries, jittered backoff from 0.5 s capped at 8 s.
//     A create (post, upload, batch) is sent once, a 429 aside; a
//     certificate error or the caller's context ending stops at once.
//     Time limits: connecting, the answer starting (--request-timeout),
//     and CallTimeout for a whole call; an upload or download by the
//     context and IdleTimeout (no byte moved for a minute) alone, so that
//     a large file is not cut off and a stalled one does not hang.
//  2. Error classes (Publisher): a 4xx means nothing was written; anything
//     else leaves a write's outcome unknown (definitelyFailed).
//  3. Batches (write.go): a /batch/v1 request that fails as a whole leaves
//     every write in it unknown: each is sent again on its own, a create
//     after a slug look-up. A write refused inside a batch fails its file
//     alone.
//  4. A lost answer to a create (settle): the slug is looked up and the
//     post found is adopted; when the look-up fails too, the file fails
//     and the next run looks again (lookupSlugs), so no duplicate is made.
//     A create that comes back as "slug-2" beside an identical post of a
//     killed run deletes the copy and keeps the first.
//  5. Before writing (plan.go, decide.go): a new file whose slug a post holds adopts
//     it; an update whose post changed or went in WordPress since the last
//     write is a conflict, not written without --force (unless the post is
//     already what the file sends: our own lost answer). A post that went
//     is asked for by ID: deleted for good (--force makes it again), in the
//     trash (--force restores it in place), or there but another user's
//     (an error, --force or not: never a second post).
//  6. Order: parents, and files linked to, are written in earlier waves
//     (writeAsUploaded); links to files not written yet are written again
//     once they are (relink).
//  7. State: saved atomically after each batch of writes comes back, so a
//     killed run keeps what it wrote and the next one adopts the rest by
//     slug. A failure to save, an unreachable site, a refused sign-in or a
//     lost answer about the site's block markup (FatalError) ends the run;
//     any other failure fails its file alone, and the others go on.
package sync

import (
	"context"
	"errors"
)

// Post is a WordPress post, page or custom-type object as sync sees it.
// Dates are in WordPress's wire format, "2006-01-02T15:04:05"; an empty date
// is not sent, so WordPress keeps the one it has.
//
// Each field's `wp` tag is its one definition (fields.go): the name it has
// in the REST API and the rule by which it is sent and compared with what
// WordPress stores — the body of a write (Body) and "is it the same"
// (samePost) are both derived from it. A field without one fails the tests.
// The json tags only shape the hash of what a file sends (hashOf): changing
// them changes every file's hash.
type Post struct {
	ID   int    `wp:"-"` // in the route
	Type string `wp:"-"` // REST base, in the route: posts, pages or a custom type's

	Slug    string `wp:"slug,same"`
	Title   string `wp:"title,stored"`
	Content string `wp:"content,same"`
	Excerpt string `wp:"excerpt,stored"`
	Status  string `wp:"status,status"`
	Date    string `wp:"date,given"`     // site-local time, sent when the source had no zone
	DateGMT string `wp:"date_gmt,given"` // UTC, sent when the source had a zone

	Categories []int `wp:"categories,someterms"`
	Tags       []int `wp:"tags,terms"`
	// OtherTerms are the term IDs of the site's other taxonomies
	// (taxonomies.go), by REST base: each is a field of the post.
	OtherTerms map[string][]int `json:",omitempty" wp:"taxonomies,taxonomies"`

	// Page and post fields (content.go). Zero values are not sent, so
	// WordPress keeps its own, except a page's Parent and MenuOrder, and
	// FeaturedMedia: a file without a featured image has none.
	Parent        int    `json:",omitempty" wp:"parent,page"`
	MenuOrder     int    `json:",omitempty" wp:"menu_order,page"`
	Template      string `json:",omitempty" wp:"template,given"`
	FeaturedMedia int    `json:",omitempty" wp:"featured_media,same"` // 0: none (a file without featured_image)
	Sticky        *bool  `json:",omitempty" wp:"sticky,given"`
	CommentStatus string `json:",omitempty" wp:"comment_status,given"` // open or closed
	PingStatus    string `json:",omitempty" wp:"ping_status,given"`
	Format        string `json:",omitempty" wp:"format,given"` // post format: aside, gallery, …
	Author        int    `json:",omitempty" wp:"author,given"`
	Password      string `json:",omitempty" wp:"password,given"`
	// Meta is the post meta a file sets, by key, each value as JSON has it
	// (WordPress's footnotes, markdown.FootnotesMeta; the front matter's
	// meta the site registers; the SEO plugin's, postfields.go); nil when
	// none.
	Meta map[string]any `json:",omitempty" wp:"meta,meta"`

	// Set by WordPress, read back after a write.
	Link        string `wp:"-"`
	ModifiedGMT string `wp:"-"`
	// ReadOnly: the signed-in user may not edit this object (another user's
	// post, seen only in view context). AuthorName names its author when
	// known (for messages).
	ReadOnly   bool   `json:"-" wp:"-"`
	AuthorName string `json:"-" wp:"-"`

	// Key is the file's key, which Body puts into the fingerprint of a
	// write (fingerprint.go); empty: no fingerprint.
	Key string `json:"-" wp:"-"`
	// Fingerprint is the one a post read back carried (SplitFingerprint).
	Fingerprint Fingerprint `json:"-" wp:"-"`
}

// Term is a category or a tag.
type Term struct {
	ID     int
	Name   string // as the author wrote it, HTML entities decoded
	Parent int
}

// Publisher is what sync needs from a WordPress site; sync/wordpress's
// Client implements it over the REST API.
//
// Errors fall into classes, and sync acts on the class (definitelyFailed),
// never on the text:
//   - refused: an error with a StatusCode() of 4xx. WordPress answered and
//     wrote nothing; the same request would be refused again.
//   - unknown: anything else — a 5xx after the transport's retries, a lost
//     connection, a time-out. A write may or may not have landed; a create
//     is never sent again blindly (sync looks its slug up first).
//   - sign-in: Connect's error when the credentials are refused; it ends
//     the run before any file and is shown as it is (it says what to do).
//
// A look-up that finds nothing returns nil and no error. Each method below
// says where it departs from this.
type Publisher interface {
	// Connect checks that the site is reachable and the credentials work.
	// Sync calls it once, before its first request, and only when a run has
	// something to ask the site; its error (unreachable, or sign-in refused)
	// ends the run before any file.
	Connect(ctx context.Context) error
	// FindBySlug returns the object of that type with that slug in any status
	// but trash, or nil when there is none. An object the signed-in user may
	// not edit (another user's, for an Author) is returned with ReadOnly set
	// when the user can see it (published); it still holds its slug.
	FindBySlug(ctx context.Context, typ, slug string) (*Post, error)
	// FindFamily is FindBySlug that also returns the objects the user may
	// edit whose slug is one of slug-2 … slug-n (WordPress's numbering of a
	// slug that is taken or that it never gives out, such as "embed"),
	// without another request.
	FindFamily(ctx context.Context, typ, slug string, n int) (holder *Post, family []*Post, err error)
	// Post returns the object of that type with that ID in edit context,
	// in the trash too (Status "trash"), or nil when it is gone (deleted
	// for good). An object the user may not edit (another user's, for an
	// Author) is returned with ReadOnly set, with what view context shows
	// of it (nothing but its ID when it is not published) and AuthorName.
	Post(ctx context.Context, typ string, id int) (*Post, error)
	// Slugs lists every object of a type in any status but trash, with only
	// ID, Slug and Status set: one paged read instead of one per new file.
	// Objects the user may not edit but can see come with ReadOnly set.
	Slugs(ctx context.Context, typ string) ([]Post, error)
	// Posts returns the objects of a type with these IDs, in edit context,
	// keyed by ID; an ID that is missing was deleted or trashed (not an
	// error).
	Posts(ctx context.Context, typ string, ids []int) (map[int]*Post, error)
	// Create makes a new object and returns it as WordPress stored it. It is
	// never retried after a lost answer: an unknown error may hide a post
	// that was made.
	Create(ctx context.Context, p *Post) (*Post, error)
	// Update overwrites the fields of object p.ID and returns it as stored.
	// Sending it twice leaves the same post, so it is retried like a read;
	// a 404 or 410 means the object is gone.
	Update(ctx context.Context, p *Post) (*Post, error)
	// Trash moves an object to the trash; a 404 or 410 means it is gone
	// already.
	Trash(ctx context.Context, typ string, id int) error
	// Delete removes an object for good. Sync uses it only for a duplicate
	// it has just made itself (see settle).
	Delete(ctx context.Context, typ string, id int) error
	// Terms lists every term of a taxonomy ("categories" or "tags").
	Terms(ctx context.Context, taxonomy string) ([]Term, error)
	// CreateTerm makes a term, or returns the existing one of that name (a
	// replay after a lost answer finds it, so it is safe to retry).
	CreateTerm(ctx context.Context, taxonomy, name string) (Term, error)
	// CreateChildTerm is CreateTerm under parent (0: at the top).
	CreateChildTerm(ctx context.Context, taxonomy, name string, parent int) (Term, error)
	// DefaultCategory is the category WordPress files a post under when it
	// has none (Settings → Writing): a post whose file names no category is
	// put back there. 0 without an error when the user may not read the
	// site's settings (only an Administrator may): then such a post keeps
	// the categories it has.
	DefaultCategory(ctx context.Context) (int, error)

	// BatchSize is how many writes one WriteBatch may hold; 0 or 1 when the
	// site has no batch endpoint (WordPress's /batch/v1) or refused it:
	// then sync writes one post a request. It has no error: a site that
	// cannot tell takes one write at a time.
	BatchSize(ctx context.Context) int
	// WriteBatch creates (ID 0) or updates each post in one request and
	// returns one result per post, in order, each with its own error of
	// the classes above. Its error means the request as a whole failed:
	// refused (4xx: nothing written), or unknown for every write in it.
	WriteBatch(ctx context.Context, posts []*Post) ([]WriteResult, error)

	// Upload adds a file to the media library. Like Create it is not sent
	// twice after a lost answer (sync looks the item up by its slug,
	// FindMedia, first). An error that wraps ErrTypeRefused means the site
	// does not take files of that type.
	Upload(ctx context.Context, f *MediaFile) (*Media, error)
	// FindMedia returns the media item with that slug, or nil.
	FindMedia(ctx context.Context, slug string) (*Media, error)
	// Types lists the post types the site offers through the REST API.
	Types(ctx context.Context) ([]PostType, error)
	// Taxonomies lists the taxonomies the site offers through the REST
	// API (taxonomies.go), with the capability creating a term needs when
	// the user may see it.
	Taxonomies(ctx context.Context) ([]Taxonomy, error)
	// FindUser returns the user with that login name (or, failing that,
	// slug or display name), or nil when there is none.
	FindUser(ctx context.Context, name string) (*User, error)
	// BlockTypes returns the site's block types (core's and plugins') with only these fields
	// (dotted paths such as "supports.className") besides the name. A
	// refused error (an old WordPress without the route, a user without
	// edit_posts) means the site cannot tell: sync uses today's markup.
	BlockTypes(ctx context.Context, fields ...string) ([]BlockType, error)
	// Can reports whether the signed-in user has a capability, as the site
	// lists them (a site that lists none gives false for "read", and sync
	// then lets each write answer for itself). An error means it is not
	// known, and sync does not judge.
	Can(ctx context.Context, capability string) (bool, error)
	// PageTemplates returns the templates a post may name; known is false,
	// without an error, when the site cannot tell (a classic theme, a user
	// who may not read templates): then a template is sent as written.
	PageTemplates(ctx context.Context) (slugs []string, known bool, err error)
}

// warner is implemented by a Publisher that has something to say about the
// site as a whole, such as output the site prints before its answers: each
// warning is returned once, and a run adds it to its report's warnings.
type warner interface{ Warnings() []string }

// WriteResult is the outcome of one write in a batch.
type WriteResult struct {
	Post *Post
	Err  error
}

// statusCoder is implemented by errors that carry the HTTP status WordPress
// answered with. A 4xx answer means the write did not happen; anything else
// (a 5xx, a lost connection, a time-out) leaves it unknown.
type statusCoder interface{ StatusCode() int }

// definitelyFailed reports whether err says for sure that nothing was
// written, so that a create can be tried again without a slug look-up.
func definitelyFailed(err error) bool {
	var sc statusCoder
	return errors.As(err, &sc) && sc.StatusCode() >= 400 && sc.StatusCode() < 500
}
