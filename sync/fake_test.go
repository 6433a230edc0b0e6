package sync

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// fakePublisher is a small in-memory WordPress with a request log.
type fakePublisher struct {
	posts      map[int]*Post
	terms      map[string][]Term
	nextID     int
	calls      []string // "create posts/slug", "update 3", "find slug", ...
	connectErr error
	failSlug   string // Create/Update of this slug fails
}

func newFake() *fakePublisher {
	return &fakePublisher{posts: map[int]*Post{}, terms: map[string][]Term{}, nextID: 100}
}

func (f *fakePublisher) Connect(ctx context.Context) error {
	f.calls = append(f.calls, "connect")
	return f.connectErr
}

func (f *fakePublisher) FindBySlug(ctx context.Context, typ, slug string) (*Post, error) {
	f.calls = append(f.calls, "find "+typ+"/"+slug)
	for _, p := range f.posts {
		if p.Type == typ && p.Slug == slug {
			cp := *p
			return &cp, nil
		}
	}
	return nil, nil
}

func (f *fakePublisher) Create(ctx context.Context, p *Post) (*Post, error) {
	f.calls = append(f.calls, "create "+p.Type+"/"+p.Slug)
	if p.Slug == f.failSlug {
		return nil, errors.New("400 rest_invalid_param: refused")
	}
	f.nextID++
	cp := *p
	cp.ID = f.nextID
	cp.Link = fmt.Sprintf("http://wp.test/%s/", p.Slug)
	f.posts[cp.ID] = &cp
	out := cp
	return &out, nil
}

func (f *fakePublisher) Update(ctx context.Context, p *Post) (*Post, error) {
	f.calls = append(f.calls, fmt.Sprintf("update %d", p.ID))
	if p.Slug == f.failSlug {
		return nil, errors.New("400 rest_invalid_param: refused")
	}
	old, ok := f.posts[p.ID]
	if !ok {
		return nil, errors.New("404 rest_post_invalid_id")
	}
	cp := *p
	cp.Link = old.Link
	f.posts[p.ID] = &cp
	out := cp
	return &out, nil
}

func (f *fakePublisher) Terms(ctx context.Context, taxonomy string) ([]Term, error) {
	f.calls = append(f.calls, "terms "+taxonomy)
	return append([]Term(nil), f.terms[taxonomy]...), nil
}

func (f *fakePublisher) CreateTerm(ctx context.Context, taxonomy, name string) (Term, error) {
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
		if strings.HasPrefix(c, "create") || strings.HasPrefix(c, "update") {
			n++
		}
	}
	return n
}

func (f *fakePublisher) reset() { f.calls = nil }
