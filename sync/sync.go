package sync

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/wpsync/wpsync/markdown"
	"github.com/wpsync/wpsync/state"
)

// wpTime is WordPress's wire format for dates.
const wpTime = "2006-01-02T15:04:05"

// Options set what a run does.
type Options struct {
	Dir           string   // the synced folder
	DefaultStatus string   // status of files that set none; "" means publish
	Ignore        []string // globs, see Ignored
	DryRun        bool     // plan only: no write to WordPress or the state file
	// Site is the site URL; the state remembers it so that a state file made
	// for one site is never used to update another.
	Site string
	// Progress, when set, is called with each file's outcome as it is known.
	Progress func(Item)
}

// Syncer runs syncs of one folder against one site.
type Syncer struct {
	pub   Publisher
	state *state.State
	opts  Options

	connected bool
	dirty     bool                  // the state changed without a save yet
	terms     map[string]*termIndex // by taxonomy
}

// New returns a Syncer that publishes through pub and records in st.
func New(pub Publisher, st *state.State, opts Options) *Syncer {
	if opts.DefaultStatus == "" {
		opts.DefaultStatus = "publish"
	}
	return &Syncer{pub: pub, state: st, opts: opts, terms: map[string]*termIndex{}}
}

// FatalError ends a whole run before any file was attempted: the site cannot
// be reached, the credentials are refused, or the state belongs elsewhere.
type FatalError struct{ Err error }

func (e *FatalError) Error() string { return e.Err.Error() }
func (e *FatalError) Unwrap() error { return e.Err }

// job is one file read, parsed and turned into what it would send.
type job struct {
	path  string
	typ   string // as the author wrote it: post, page, or a custom type
	post  Post   // without term IDs, which are resolved only when needed
	cats  []string
	tags  []string
	hash  string
	size  int64
	mtime int64
	err   error
	warn  []string
	skip  bool // nothing to publish (an empty file)
}

// Run syncs every file of the folder once.
func (s *Syncer) Run(ctx context.Context) (*Report, error) {
	if err := s.checkSite(); err != nil {
		return nil, &FatalError{Err: err}
	}
	paths, err := Scan(s.opts.Dir, s.opts.Ignore)
	if err != nil {
		return nil, &FatalError{Err: err}
	}
	return s.Files(ctx, paths)
}

// Files syncs the named files (paths relative to the folder).
func (s *Syncer) Files(ctx context.Context, paths []string) (*Report, error) {
	report := &Report{Items: []Item{}}
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return report, err
		}
		j := s.prepare(p)
		if j.skip {
			continue
		}
		start := time.Now()
		it, err := s.publish(ctx, j)
		if err != nil {
			return report, err
		}
		it.Duration = time.Since(start)
		report.add(it)
		if s.opts.Progress != nil {
			s.opts.Progress(it)
		}
	}
	if s.dirty && !s.opts.DryRun {
		return report, s.save()
	}
	return report, nil
}

// checkSite refuses a state file recorded for another site: its post IDs
// would point at the wrong posts.
func (s *Syncer) checkSite() error {
	if s.opts.Site == "" {
		return nil
	}
	if s.state.Site != "" && s.state.Site != s.opts.Site && len(s.state.Files) > 0 {
		return fmt.Errorf("state file %s was made for %s, not %s: use --state to keep a separate state file per site", s.state.Path(), s.state.Site, s.opts.Site)
	}
	return nil
}

// prepare reads and parses one file and computes what it sends.
func (s *Syncer) prepare(rel string) *job {
	j := &job{path: rel}
	full := filepath.Join(s.opts.Dir, filepath.FromSlash(rel))
	fi, err := os.Stat(full)
	if err != nil {
		j.err = fmt.Errorf("%s: %w", rel, err)
		return j
	}
	j.size, j.mtime = fi.Size(), fi.ModTime().UnixNano()
	src, err := os.ReadFile(full)
	if err != nil {
		j.err = fmt.Errorf("%s: %w", rel, err)
		return j
	}
	doc, err := markdown.Parse(rel, src)
	if errors.Is(err, markdown.ErrEmpty) {
		j.skip = true
		return j
	}
	if err != nil {
		j.err = err
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
		Type:    RESTBase(j.typ),
		Slug:    doc.Slug,
		Title:   doc.Title,
		Content: doc.Content,
		Excerpt: doc.Excerpt,
		Status:  status,
	}
	if !doc.Date.IsZero() {
		if doc.Date.HasZone {
			j.post.DateGMT = doc.Date.Time.UTC().Format(wpTime)
		} else {
			j.post.Date = doc.Date.Time.Format(wpTime)
		}
	}
	j.cats, j.tags = doc.Categories, doc.Tags
	j.hash = hashOf(j)
	return j
}

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
	}{j.post, j.cats, j.tags})
	return "sha256:" + hex.EncodeToString(sum.Sum(nil))
}
