// Package sync publishes a folder of Markdown files to a WordPress site.
//
// It owns the rules: which files take part, what each one sends, and whether
// a file needs a create, an update or nothing at all, judged against the
// state file (package state). It talks to WordPress only through the
// Publisher interface below; package sync/wordpress implements it over the
// REST API, and tests use small fakes.
//
// The package name shadows the standard library's sync; code here that needs
// the standard one imports it as gosync.
package sync

import (
	"context"
)

// Post is a WordPress post, page or custom-type object as sync sees it.
// Dates are in WordPress's wire format, "2006-01-02T15:04:05"; an empty date
// is not sent, so WordPress keeps the one it has.
type Post struct {
	ID   int
	Type string // REST base: posts, pages or a custom type's

	Slug    string
	Title   string
	Content string
	Excerpt string
	Status  string
	Date    string // site-local time, sent when the source had no zone
	DateGMT string // UTC, sent when the source had a zone

	Categories []int
	Tags       []int

	// Set by WordPress, read back after a write.
	Link        string
	ModifiedGMT string
}

// Term is a category or a tag.
type Term struct {
	ID     int
	Name   string // as the author wrote it, HTML entities decoded
	Parent int
}

// Publisher is what sync needs from a WordPress site.
type Publisher interface {
	// Connect checks that the site is reachable and the credentials work.
	// Sync calls it once, before its first request, and only when a run has
	// something to ask the site; its error ends the run before any file.
	Connect(ctx context.Context) error
	// FindBySlug returns the object of that type with that slug in any status
	// but trash, or nil when there is none.
	FindBySlug(ctx context.Context, typ, slug string) (*Post, error)
	// Create makes a new object and returns it as WordPress stored it.
	Create(ctx context.Context, p *Post) (*Post, error)
	// Update overwrites the fields of object p.ID and returns it as stored.
	Update(ctx context.Context, p *Post) (*Post, error)
	// Terms lists every term of a taxonomy ("categories" or "tags").
	Terms(ctx context.Context, taxonomy string) ([]Term, error)
	// CreateTerm makes a term, or returns the existing one of that name.
	CreateTerm(ctx context.Context, taxonomy, name string) (Term, error)
}
