package sync

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/wpsync/wpsync/state"
)

// TestBuildPlan builds plans from files and a site snapshot, without a
// server: what a run decides for each file, and why.
func TestBuildPlan(t *testing.T) {
	sends := func(mod ...func(*Post)) *Post {
		p := &Post{Type: "posts", Slug: "hello", Title: "Hello", Content: "<p>Hi</p>", Status: "publish", Categories: []int{1}, Tags: []int{}}
		for _, m := range mod {
			m(p)
		}
		return p
	}
	// onSite is the post as WordPress has it: what the file sent.
	onSite := func(id int, mod ...func(*Post)) *Post {
		p := sends()
		p.ID, p.ModifiedGMT, p.Link = id, "2026-01-02T03:04:05", "https://example.org/hello/"
		for _, m := range mod {
			m(p)
		}
		return p
	}
	entry := func(id int) *state.Entry {
		return &state.Entry{ID: id, Type: "posts", Slug: "hello", Hash: "sha256:old", ModifiedGMT: "2026-01-02T03:04:05"}
	}
	file := func(in FileInput) FileInput {
		if in.Path == "" {
			in.Path = "hello.md"
		}
		if in.Post == nil {
			in.Post = sends()
		}
		if in.Hash == "" {
			in.Hash = "sha256:new"
		}
		return in
	}
	title := func(p *Post) { p.Title = "Hello, edited in WordPress" }
	tagged := func(p *Post) { p.Tags = []int{7} }
	later := func(p *Post) { p.ModifiedGMT = "2026-02-01T00:00:00" }
	trashed := func(p *Post) { p.Status = "trash" }
	readOnly := func(p *Post) { p.ReadOnly, p.Author, p.AuthorName = true, 3, "" }
	numbered := func(p *Post) { p.Slug = "embed-2" }
	// ours: wpsync's own last write of hello.md (another sum than what the
	// file sends now); theirs: written from another file.
	ours := func(p *Post) { p.Fingerprint = Fingerprint{Key: fileKey("hello.md"), Sum: "0123"} }
	theirs := func(p *Post) { p.Fingerprint = Fingerprint{Key: fileKey("other/hello.md"), Sum: "0123"} }

	tests := []struct {
		name   string
		in     FileInput
		site   Snapshot
		action Action
		write  bool
		adopt  bool
		id     int
		fields []string
		reason string // part of the reason
	}{
		{name: "new file", in: file(FileInput{}), action: ActionCreate, write: true, reason: "no post has its slug"},
		{name: "unchanged", in: file(FileInput{Hash: "sha256:same", Entry: &state.Entry{ID: 5, Type: "posts", Hash: "sha256:same"}}), action: ActionUnchanged, id: 5},
		{name: "unchanged by size and time", in: file(FileInput{Cached: true, Entry: entry(5)}), action: ActionUnchanged, id: 5, reason: "time stamp"},
		{name: "changed, never read back", in: file(FileInput{Entry: &state.Entry{ID: 5, Type: "posts", Hash: "sha256:old"}}), action: ActionUpdate, write: true, id: 5},
		{name: "changed: the fields that differ", in: file(FileInput{Entry: entry(5)}),
			site:   Snapshot{ByID: map[int]*Post{5: onSite(5, title)}},
			action: ActionUpdate, write: true, id: 5, fields: []string{"title"}},
		{name: "removed tags", in: file(FileInput{Entry: entry(5)}),
			site:   Snapshot{ByID: map[int]*Post{5: onSite(5, tagged)}},
			action: ActionUpdate, write: true, id: 5, fields: []string{"tags"}},
		{name: "adopted by slug, the same", in: file(FileInput{}),
			site:   Snapshot{BySlug: map[string]*Post{"posts/hello": onSite(9)}},
			action: ActionUnchanged, adopt: true, id: 9, reason: "adopted"},
		{name: "adopted by slug: wpsync's last write of the file, which changed since", in: file(FileInput{}),
			site:   Snapshot{BySlug: map[string]*Post{"posts/hello": onSite(9, title, ours)}},
			action: ActionUpdate, write: true, adopt: true, id: 9, fields: []string{"title"}},
		{name: "slug held by a post made in WordPress, different", in: file(FileInput{}),
			site:   Snapshot{BySlug: map[string]*Post{"posts/hello": onSite(9, title)}},
			action: ActionConflict, adopt: true, id: 9, reason: "was not written by wpsync from this file"},
		{name: "slug held by a post made in WordPress, --force", in: file(FileInput{}),
			site:   Snapshot{BySlug: map[string]*Post{"posts/hello": onSite(9, title)}, Force: true},
			action: ActionUpdate, write: true, adopt: true, id: 9, fields: []string{"title"}},
		{name: "slug held by a post written from another file", in: file(FileInput{}),
			site:   Snapshot{BySlug: map[string]*Post{"posts/hello": onSite(9, title, theirs)}},
			action: ActionConflict, adopt: true, id: 9, reason: "from another file"},
		{name: "adopted, a term to create", in: file(FileInput{NewTerms: 1}),
			site:   Snapshot{BySlug: map[string]*Post{"posts/hello": onSite(9, ours)}},
			action: ActionUpdate, write: true, adopt: true, id: 9, fields: []string{"categories", "tags"}},
		// "embed" is a slug WordPress never gives out: matchNumbered gave
		// the file the numbered slug of its post, which it then adopts,
		// unchanged, instead of making "embed-3".
		{name: "reserved slug: its numbered post adopted", in: file(FileInput{Post: sends(numbered)}),
			site:   Snapshot{BySlug: map[string]*Post{"posts/embed-2": onSite(11, numbered)}},
			action: ActionUnchanged, adopt: true, id: 11},
		{name: "reserved slug, the file changed since", in: file(FileInput{Post: sends(numbered)}),
			site:   Snapshot{BySlug: map[string]*Post{"posts/embed-2": onSite(11, numbered, title, ours)}},
			action: ActionUpdate, write: true, adopt: true, id: 11, fields: []string{"title"}},
		{name: "reserved slug, edited in WordPress since", in: file(FileInput{Post: sends(numbered)}),
			site:   Snapshot{BySlug: map[string]*Post{"posts/embed-2": onSite(11, numbered, title)}},
			action: ActionConflict, adopt: true, id: 11, reason: "edited in WordPress since"},
		{name: "slug held by another file's post", in: file(FileInput{}),
			site:   Snapshot{BySlug: map[string]*Post{"posts/hello": onSite(9)}, Claimed: map[int]string{9: "other.md"}},
			action: ActionError, reason: "other.md's post already"},
		{name: "slug held by another user's post", in: file(FileInput{}),
			site:   Snapshot{BySlug: map[string]*Post{"posts/hello": onSite(9, readOnly)}, Owners: map[int]string{3: "admin"}, Force: true},
			action: ActionError, reason: "belongs to admin (user ID 3)"},
		{name: "conflict: changed in WordPress", in: file(FileInput{Entry: entry(5)}),
			site:   Snapshot{ByID: map[int]*Post{5: onSite(5, title, later)}},
			action: ActionConflict, reason: "was changed in WordPress at 2026-02-01 00:00:00 UTC"},
		{name: "changed in WordPress, --force", in: file(FileInput{Entry: entry(5)}),
			site:   Snapshot{ByID: map[int]*Post{5: onSite(5, title, later)}, Force: true},
			action: ActionUpdate, write: true, id: 5, fields: []string{"title"}, reason: "overwritten (--force)"},
		{name: "changed in WordPress to what the file sends", in: file(FileInput{Entry: entry(5)}),
			site:   Snapshot{ByID: map[int]*Post{5: onSite(5, later)}},
			action: ActionUpdate, id: 5, reason: "recorded, not written"},
		{name: "deleted", in: file(FileInput{Entry: entry(5)}), action: ActionConflict, reason: "deleted in WordPress"},
		{name: "deleted, --force", in: file(FileInput{Entry: entry(5)}), site: Snapshot{Force: true}, action: ActionCreate, write: true, reason: "made again"},
		{name: "trashed", in: file(FileInput{Entry: entry(5)}),
			site:   Snapshot{ByID: map[int]*Post{5: onSite(5, trashed)}},
			action: ActionConflict, reason: "in the trash"},
		{name: "trashed, --force", in: file(FileInput{Entry: entry(5)}),
			site:   Snapshot{ByID: map[int]*Post{5: onSite(5, trashed)}, Force: true},
			action: ActionUpdate, write: true, id: 5, fields: []string{"status"}, reason: "restored"},
		{name: "another user's post, --force", in: file(FileInput{Entry: entry(5)}),
			site:   Snapshot{ByID: map[int]*Post{5: onSite(5, readOnly)}, Force: true},
			action: ActionError, reason: "another user (user ID 3)"},
		{name: "a file that fails", in: file(FileInput{Err: errors.New("hello.md:3: front matter never closed")}), action: ActionError, reason: "never closed"},
		{name: "an empty file", in: file(FileInput{Skip: true}), action: ActionSkipped},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := BuildPlan([]FileInput{tt.in}, tt.site)
			if len(plan.Files) != 1 {
				t.Fatalf("plan has %d files, want 1", len(plan.Files))
			}
			fp := plan.Files[0]
			if fp.Action != tt.action || fp.Write != tt.write || fp.Adopted != tt.adopt {
				t.Errorf("action %s write %v adopted %v, want %s %v %v (%s)", fp.Action, fp.Write, fp.Adopted, tt.action, tt.write, tt.adopt, fp.Reason)
			}
			if tt.id != 0 && fp.ID != tt.id {
				t.Errorf("ID %d, want %d", fp.ID, tt.id)
			}
			if !slices.Equal(fp.Fields, tt.fields) {
				t.Errorf("fields %q, want %q", fp.Fields, tt.fields)
			}
			if !strings.Contains(fp.Reason, tt.reason) {
				t.Errorf("reason %q, want it to say %q", fp.Reason, tt.reason)
			}
			if (fp.Action == ActionError) != (fp.Err != nil) {
				t.Errorf("action %s with error %v", fp.Action, fp.Err)
			}
		})
	}
}

// TestBuildPlan_order: a plan lists its files by path, whatever order they
// were given in.
func TestBuildPlan_order(t *testing.T) {
	p := &Post{Type: "posts", Slug: "x"}
	plan := BuildPlan([]FileInput{{Path: "b.md", Post: p}, {Path: "a.md", Post: p, Skip: true}}, Snapshot{})
	if got := []string{plan.Files[0].Path, plan.Files[1].Path}; !slices.Equal(got, []string{"a.md", "b.md"}) {
		t.Errorf("order %q", got)
	}
}
