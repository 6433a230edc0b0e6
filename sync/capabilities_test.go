package sync_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	. "github.com/wpsync/wpsync/sync"
)

// mentions reports whether a request names s in its route, a parameter or
// its body.
func mentions(r wpfake.Request, s string) bool {
	if strings.Contains(r.Route, s) || strings.Contains(string(r.Body), s) {
		return true
	}
	for _, vs := range r.Query {
		if slices.ContainsFunc(vs, func(v string) bool { return strings.Contains(v, s) }) {
			return true
		}
	}
	return false
}

func TestSyncer_Capabilities(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"post.md":         "---\ntitle: Post\ncategories: [News]\n---\nText.\n",
		"page.md":         "---\ntype: page\ntitle: Page\n---\nText.\n",
		"pending-page.md": "---\ntype: page\nstatus: pending\n---\nText.\n",
		"new-cat.md":      "---\ncategories: [Brand new]\n---\nText.\n",
		"new-child.md":    "---\ncategories: [News/Brand new child]\n---\nText.\n",
		"new-path.md":     "---\ncategories: [Fresh/Child]\n---\nText.\n",
		"local.md":        "---\ncategories: [News/Local]\n---\nText.\n",
	})
	wp := wpfake.New(t, wpfake.Options{})
	wp.AddTerm(wpfake.Term{ID: 5, Taxonomy: "categories", Name: "News"})
	wp.AddTerm(wpfake.Term{ID: 6, Taxonomy: "categories", Name: "Local", Parent: 5})
	jane := addUser(wp, "jane", "author")
	r := runAs(t, wp, "jane", dir, Options{})
	want := map[string]string{ // path → the capability its error names; "" for created
		"post.md":         "",
		"page.md":         "edit_pages",
		"pending-page.md": "edit_pages",
		"new-cat.md":      "manage_categories",
		"new-child.md":    "manage_categories",
		"new-path.md":     "manage_categories",
		"local.md":        "",
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
	for _, req := range wp.Requests() {
		if mentions(req, "pages") || mentions(req, "new-cat") || mentions(req, "Brand new") || mentions(req, "Fresh") {
			t.Errorf("a request for a file that needs more than the user may do: %s (all: %v)", req, wp.Log())
		}
	}

	t.Run("a role that may write pages but not publish them", func(t *testing.T) {
		dir := t.TempDir()
		writeFiles(t, dir, map[string]string{
			"page.md":         "---\ntype: page\ntitle: Page\n---\nText.\n",
			"pending-page.md": "---\ntype: page\nstatus: pending\n---\nText.\n",
		})
		caps := wpfake.RoleCapabilities("author")
		caps["edit_pages"] = true
		wp.AddUser(wpfake.User{Login: "pat", Capabilities: caps, AppPassword: wpfake.Password})
		r := runAs(t, wp, "pat", dir, Options{})
		var ce *CapabilityError
		if it := itemFor(t, r, "page.md"); !errors.As(it.Err, &ce) || ce.Capability != "publish_pages" {
			t.Errorf("page.md: %+v, want an error naming publish_pages", it)
		}
		if it := itemFor(t, r, "pending-page.md"); it.Action != ActionCreate {
			t.Errorf("a pending page: %+v", it)
		}
	})

	t.Run("an editor may", func(t *testing.T) {
		wp.EditUser(jane, func(u *wpfake.User) {
			u.Roles = nil
			u.Capabilities = map[string]bool{"read": true, "edit_posts": true, "publish_posts": true, "edit_pages": true, "publish_pages": true, "manage_categories": true, "upload_files": true}
		})
		r := runAs(t, wp, "jane", dir, Options{})
		if r.Summary.Failed != 0 || r.Summary.Created != 5 {
			t.Errorf("summary %+v, want the 5 files refused before created", r.Summary)
		}
	})
}
