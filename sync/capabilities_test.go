package sync

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/state"
)

// capsFake is the fake site signed in as a user with these capabilities.
type capsFake struct {
	*fakePublisher
	caps map[string]bool
}

func (f *capsFake) Can(ctx context.Context, capability string) (bool, error) {
	return f.caps[capability], nil
}

// author is what WordPress gives the Author role.
var author = map[string]bool{"read": true, "edit_posts": true, "edit_published_posts": true, "publish_posts": true, "upload_files": true, "delete_posts": true}

func TestSyncer_Capabilities(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"post.md":         "---\ntitle: Post\ncategories: [News]\n---\nText.\n",
		"page.md":         "---\ntype: page\ntitle: Page\n---\nText.\n",
		"pending-page.md": "---\ntype: page\nstatus: pending\n---\nText.\n",
		"new-cat.md":      "---\ncategories: [Brand new]\n---\nText.\n",
	})
	fake := &capsFake{fakePublisher: newFake(), caps: author}
	fake.terms["categories"] = []Term{{ID: 5, Name: "News"}}
	st, err := state.Load(state.DefaultPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(fake, st, Options{Dir: dir, Site: "http://wp.test"}).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{ // path → the capability its error names; "" for created
		"post.md":         "",
		"page.md":         "edit_pages",
		"pending-page.md": "edit_pages",
		"new-cat.md":      "manage_categories",
	}
	for _, it := range r.Items {
		capability, ok := want[it.Path]
		if !ok {
			t.Errorf("unexpected item %+v", it)
			continue
		}
		if capability == "" {
			if it.Action != ActionCreate {
				t.Errorf("%s: %s %s, want created", it.Path, it.Action, it.Error)
			}
			continue
		}
		var ce *CapabilityError
		if it.Action != ActionError || !errors.As(it.Err, &ce) || ce.Capability != capability ||
			!strings.HasPrefix(it.Error, it.Path+": ") || !strings.Contains(it.Error, capability) {
			t.Errorf("%s: %s %q, want an error naming the file and %s", it.Path, it.Action, it.Error, capability)
		}
	}
	for _, c := range fake.calls {
		if strings.Contains(c, "pages") || strings.Contains(c, "new-cat") || strings.Contains(c, "Brand new") {
			t.Errorf("a request for a file that needs more than the user may do: %s (all: %v)", c, fake.calls)
		}
	}

	t.Run("a role that may write pages but not publish them", func(t *testing.T) {
		caps := map[string]bool{"edit_pages": true}
		for k, v := range author {
			caps[k] = v
		}
		j := &job{path: "page.md", post: Post{Type: "pages", Status: "publish"}}
		var ce *CapabilityError
		if err := New(fake, st, Options{}).capable(context.Background(), caps, j); !errors.As(err, &ce) || ce.Capability != "publish_pages" {
			t.Errorf("error %v, want one naming publish_pages", err)
		}
		j.post.Status = "pending"
		if err := New(fake, st, Options{}).capable(context.Background(), caps, j); err != nil {
			t.Errorf("a pending page: %v", err)
		}
	})

	t.Run("an editor may", func(t *testing.T) {
		fake.caps = map[string]bool{"read": true, "edit_posts": true, "publish_posts": true, "edit_pages": true, "publish_pages": true, "manage_categories": true, "upload_files": true}
		st, err := state.Load(state.DefaultPath(dir))
		if err != nil {
			t.Fatal(err)
		}
		r, err := New(fake, st, Options{Dir: dir, Site: "http://wp.test"}).Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if r.Summary.Failed != 0 || r.Summary.Created != 3 {
			t.Errorf("summary %+v, want the 3 files created", r.Summary)
		}
	})
}
