package sync

import (
	"context"
	"errors"
	"fmt"
	"strings"
	gosync "sync"
	"testing"

	"github.com/wpsync/wpsync/state"
)

type fakePost struct {
	Post
	trashed bool
}

// fakePublisher is a small in-memory WordPress with a request log.
type fakePublisher struct {
	mu         gosync.Mutex // writes run on several goroutines
	posts      map[int]*fakePost
	clock      int
	terms      map[string][]Term
	nextID     int
	calls      []string // "create posts/slug", "update 3", "find slug", ...
	connectErr error
	failSlug   string // Create/Update of this slug fails
	loseAnswer bool   // the next Create succeeds but its answer is lost
	// beforeCreate runs once, inside the next Create, before it stores the
	// post: a write of a killed run landing late.
	beforeCreate func(p *Post)
}

func newFake() *fakePublisher {
	return &fakePublisher{posts: map[int]*fakePost{}, terms: map[string][]Term{}, nextID: 100}
}

func (f *fakePublisher) Connect(ctx context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "connect")
	return f.connectErr
}

func (f *fakePublisher) FindBySlug(ctx context.Context, typ, slug string) (*Post, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "find "+typ+"/"+slug)
	for _, p := range f.posts {
		if p.Type == typ && p.Slug == slug && !p.trashed {
			cp := p.Post
			return &cp, nil
		}
	}
	return nil, nil
}

func (f *fakePublisher) Create(ctx context.Context, p *Post) (*Post, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "create "+p.Type+"/"+p.Slug)
	if p.Slug == f.failSlug {
		return nil, statusErr(400)
	}
	if f.beforeCreate != nil {
		hook := f.beforeCreate
		f.beforeCreate = nil
		hook(p)
	}
	f.nextID++
	f.clock++
	cp := *p
	cp.ID = f.nextID
	// Like WordPress, make the slug unique within the type.
	for n := 2; f.slugTaken(cp.Type, cp.Slug); n++ {
		cp.Slug = fmt.Sprintf("%s-%d", p.Slug, n)
	}
	cp.Link = fmt.Sprintf("http://wp.test/%s/", p.Slug)
	cp.ModifiedGMT = fmt.Sprintf("2026-01-01T00:00:%02d", f.clock)
	f.posts[cp.ID] = &fakePost{Post: cp}
	if f.loseAnswer {
		f.loseAnswer = false
		return nil, errors.New("connection reset by peer")
	}
	out := cp
	return &out, nil
}

func (f *fakePublisher) Update(ctx context.Context, p *Post) (*Post, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, fmt.Sprintf("update %d", p.ID))
	if p.Slug == f.failSlug {
		return nil, statusErr(400)
	}
	old, ok := f.posts[p.ID]
	if !ok || old.trashed {
		return nil, statusErr(404)
	}
	f.clock++
	cp := *p
	cp.Link = old.Link
	cp.ModifiedGMT = fmt.Sprintf("2026-01-01T00:00:%02d", f.clock)
	f.posts[p.ID] = &fakePost{Post: cp}
	out := cp
	return &out, nil
}

func (f *fakePublisher) Slugs(ctx context.Context, typ string) ([]Post, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "slugs "+typ)
	var out []Post
	for _, p := range f.posts {
		if p.Type == typ && !p.trashed {
			out = append(out, Post{ID: p.ID, Type: typ, Slug: p.Slug, Status: p.Status})
		}
	}
	return out, nil
}

func (f *fakePublisher) Posts(ctx context.Context, typ string, ids []int) (map[int]*Post, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, fmt.Sprintf("posts %s %v", typ, ids))
	out := map[int]*Post{}
	for _, id := range ids {
		if p, ok := f.posts[id]; ok && p.Type == typ && !p.trashed {
			cp := p.Post
			out[id] = &cp
		}
	}
	return out, nil
}

func (f *fakePublisher) Trash(ctx context.Context, typ string, id int) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, fmt.Sprintf("trash %d", id))
	p, ok := f.posts[id]
	if !ok || p.trashed {
		return statusErr(410)
	}
	p.trashed = true
	return nil
}

func (f *fakePublisher) Delete(ctx context.Context, typ string, id int) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, fmt.Sprintf("delete %d", id))
	delete(f.posts, id)
	return nil
}

// editInWordPress changes a post as a user in the editor would.
func (f *fakePublisher) editInWordPress(id int, title string) {
	f.clock++
	f.posts[id].Title = title
	f.posts[id].ModifiedGMT = fmt.Sprintf("2026-01-01T00:00:%02d", f.clock)
}

type statusErr int

func (e statusErr) Error() string   { return fmt.Sprintf("HTTP %d", int(e)) }
func (e statusErr) StatusCode() int { return int(e) }

func (f *fakePublisher) Terms(ctx context.Context, taxonomy string) ([]Term, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "terms "+taxonomy)
	return append([]Term(nil), f.terms[taxonomy]...), nil
}

func (f *fakePublisher) CreateTerm(ctx context.Context, taxonomy, name string) (Term, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "create-term "+taxonomy+"/"+name)
	f.nextID++
	t := Term{ID: f.nextID, Name: name}
	f.terms[taxonomy] = append(f.terms[taxonomy], t)
	return t, nil
}

// writes counts the calls that change the site.
func (f *fakePublisher) writes() int {
	n := 0
	for _, c := range f.calls {
		if strings.HasPrefix(c, "create") || strings.HasPrefix(c, "update") || strings.HasPrefix(c, "trash") || strings.HasPrefix(c, "batch") {
			n++
		}
	}
	return n
}

func (f *fakePublisher) reset() { f.calls = nil }

func (f *fakePublisher) slugTaken(typ, slug string) bool {
	for _, p := range f.posts {
		if p.Type == typ && p.Slug == slug && !p.trashed {
			return true
		}
	}
	return false
}

// The rest of Publisher, for a site the fake does not model further: no
// /batch/v1, no media library, no block types, capabilities or templates
// to list. Fakes that embed fakePublisher override what they model.

func (f *fakePublisher) BatchSize(ctx context.Context) int { return 0 }

func (f *fakePublisher) WriteBatch(ctx context.Context, posts []*Post) ([]WriteResult, error) {
	return nil, statusErr(404) // a site without /batch/v1
}

func (f *fakePublisher) Upload(ctx context.Context, m *MediaFile) (*Media, error) {
	return nil, errors.New("the fake has no media library")
}

func (f *fakePublisher) FindMedia(ctx context.Context, slug string) (*Media, error) {
	return nil, nil
}

func (f *fakePublisher) Types(ctx context.Context) ([]PostType, error) {
	return []PostType{{Slug: "post", RESTBase: "posts"}, {Slug: "page", RESTBase: "pages", Hierarchical: true}}, nil
}

func (f *fakePublisher) FindUser(ctx context.Context, name string) (*User, error) {
	return nil, nil
}

func (f *fakePublisher) CreateChildTerm(ctx context.Context, taxonomy, name string, parent int) (Term, error) {
	t, err := f.CreateTerm(ctx, taxonomy, name)
	t.Parent = parent
	return t, err
}

func (f *fakePublisher) BlockTypes(ctx context.Context, fields ...string) ([]BlockType, error) {
	return nil, nil // today's markup
}

// Can: a site that lists no capabilities, so that sync judges none.
func (f *fakePublisher) Can(ctx context.Context, capability string) (bool, error) {
	return false, nil
}

func (f *fakePublisher) PageTemplates(ctx context.Context) ([]string, bool, error) {
	return nil, false, nil
}

func runWith(t *testing.T, fake Publisher, dir string, opts Options) *Report {
	t.Helper()
	st, err := state.Load(state.DefaultPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	opts.Dir = dir
	if opts.Site == "" {
		opts.Site = "http://wp.test"
	}
	r, err := New(fake, st, opts).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func itemFor(t *testing.T, r *Report, path string) Item {
	t.Helper()
	for _, it := range r.Items {
		if it.Path == path {
			return it
		}
	}
	t.Fatalf("no item for %s in %+v", path, r.Items)
	return Item{}
}
