package sync_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wpsync/wpsync/internal/wpfake"
	"github.com/wpsync/wpsync/state"
	. "github.com/wpsync/wpsync/sync"
)

func TestSyncer_ConflictWhenEditedInWordPress(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "---\ntitle: A\n---\nbody\n"})
	wp := wpfake.New(t, wpfake.Options{})
	r := runWith(t, wp, dir, Options{})
	id := r.Items[0].ID

	wp.EditPost(id, func(p *wpfake.Post) { p.Title = "Edited in WordPress" })
	writeFiles(t, dir, map[string]string{"a.md": "---\ntitle: A, edited in the file\n---\nbody\n"})
	wp.ResetLog()
	r = runWith(t, wp, dir, Options{})
	it := itemFor(t, r, "a.md")
	if it.Action != ActionConflict || !r.Failed() {
		t.Fatalf("item %+v, want a conflict that fails the run", it)
	}
	for _, want := range []string{"a.md", fmt.Sprint(id), "changed in WordPress", "--force"} {
		if !strings.Contains(it.Error, want) {
			t.Errorf("conflict message %q lacks %q", it.Error, want)
		}
	}
	if p, _ := wp.GetPost(id); len(wp.Writes()) != 0 || p.Title != "Edited in WordPress" {
		t.Fatalf("the WordPress edit was overwritten: %v", wp.Log())
	}

	t.Run("force overwrites", func(t *testing.T) {
		r := runWith(t, wp, dir, Options{Force: true})
		if p, _ := wp.GetPost(id); itemFor(t, r, "a.md").Action != ActionUpdate || p.Title != "A, edited in the file" {
			t.Errorf("item %+v, title %q", itemFor(t, r, "a.md"), p.Title)
		}
		// Our own write is not a conflict next time.
		writeFiles(t, dir, map[string]string{"a.md": "---\ntitle: A again\n---\nbody\n"})
		if it := itemFor(t, runWith(t, wp, dir, Options{}), "a.md"); it.Action != ActionUpdate {
			t.Errorf("after our own write: %+v, want update", it)
		}
	})
}

// A post not listed in edit context is gone, in the trash, or there but
// not the user's to edit: only a post that is gone is made again, and only
// with --force; --force never makes a second post for a file whose post
// exists.
func TestSyncer_DeletedInWordPress(t *testing.T) {
	for _, tc := range []struct {
		name     string
		user     string // who syncs the edit ("" admin)
		change   func(wp *wpfake.Server, id int)
		want     Action
		says     []string
		force    Action // with --force
		samePost bool   // --force keeps the post (else a new one)
	}{
		{name: "deleted for good", change: func(wp *wpfake.Server, id int) { wp.DeletePost(id) },
			want: ActionConflict, says: []string{"was deleted", "not in the trash", "--force"}, force: ActionCreate},
		{name: "in the trash", change: func(wp *wpfake.Server, id int) { wp.EditPost(id, func(p *wpfake.Post) { p.Status = "trash" }) },
			want: ActionConflict, says: []string{"is in the trash", "Restore", "--force"}, force: ActionUpdate, samePost: true},
		{name: "another user's, synced as an Author", user: "pat", change: func(*wpfake.Server, int) {},
			want: ActionError, says: []string{"exists and belongs to admin (user ID 1)", "Sync as an Editor or as admin"}, force: ActionError, samePost: true},
		{name: "another user's draft, synced as an Author", user: "pat", change: func(wp *wpfake.Server, id int) { wp.EditPost(id, func(p *wpfake.Post) { p.Status = "draft" }) },
			want: ActionError, says: []string{"exists and belongs to another user", "Sync as an Editor"}, force: ActionError, samePost: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{"a.md": "a\n"})
			wp := wpfake.New(t, wpfake.Options{})
			addUser(wp, "pat", "author")
			id := runWith(t, wp, dir, Options{}).Items[0].ID
			tc.change(wp, id)
			writeFiles(t, dir, map[string]string{"a.md": "a, changed\n"})
			user := tc.user
			if user == "" {
				user = wpfake.Admin
			}
			wp.ResetLog()
			r := runAs(t, wp, user, dir, Options{})
			it := itemFor(t, r, "a.md")
			msg := it.Error
			if it.Action != tc.want || !r.Failed() {
				t.Fatalf("item %+v, want %s failing the run", it, tc.want)
			}
			for _, want := range tc.says {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q lacks %q", msg, want)
				}
			}
			if tc.samePost && strings.Contains(msg, "--force to publish") {
				t.Errorf("message %q advises --force where that would make a second post", msg)
			}
			if w := wp.Writes(); len(w) != 0 {
				t.Fatalf("writes without --force: %v", w)
			}
			before := len(wp.Posts("posts"))
			it = itemFor(t, runAs(t, wp, user, dir, Options{Force: true}), "a.md")
			if it.Action != tc.force {
				t.Fatalf("with --force: %+v, want %s", it, tc.force)
			}
			after := len(wp.Posts("posts"))
			switch {
			case tc.samePost && (after != before || it.ID != id && it.ID != 0):
				t.Fatalf("with --force: item %+v, %d posts before, %d after: want post %d kept, no other", it, before, after, id)
			case tc.samePost && tc.force == ActionUpdate:
				if p, _ := wp.GetPost(id); p.Status != "publish" || !strings.Contains(p.Content, "a, changed") {
					t.Errorf("post %d after --force: %+v, want it out of the trash with the file's text", id, p)
				}
			case !tc.samePost && (it.ID == id || after != before+1):
				t.Fatalf("with --force: %+v, want a new post", it)
			}
		})
	}
}

func TestSyncer_OrphansAndPrune(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := 0; i < 20; i++ {
		files[fmt.Sprintf("p%02d.md", i)] = fmt.Sprintf("post %d\n", i)
	}
	writeFiles(t, dir, files)
	wp := wpfake.New(t, wpfake.Options{})
	runWith(t, wp, dir, Options{})
	os.Remove(filepath.Join(dir, "p00.md"))
	wp.ResetLog()
	r := runWith(t, wp, dir, Options{})
	if it := itemFor(t, r, "p00.md"); it.Action != ActionOrphan || r.Summary.Orphans != 1 || r.Failed() {
		t.Fatalf("item %+v summary %+v: want one orphan, run not failed", it, r.Summary)
	}
	if w := wp.Writes(); len(w) != 0 {
		t.Fatalf("an orphan was touched without --prune: %v", w)
	}

	t.Run("prune refused over the limit", func(t *testing.T) {
		for i := 1; i < 5; i++ {
			os.Remove(filepath.Join(dir, fmt.Sprintf("p%02d.md", i)))
		}
		wp.ResetLog()
		r := runWith(t, wp, dir, Options{Prune: true}) // 5 of 20 > 10%
		if r.Summary.Trashed != 0 || len(wp.Writes()) != 0 || !r.Failed() || len(r.Warnings) == 0 {
			t.Fatalf("summary %+v warnings %v requests %v: want a refusal", r.Summary, r.Warnings, wp.Log())
		}
		r = runWith(t, wp, dir, Options{Prune: true, PruneMax: Limit{N: 5}})
		if r.Summary.Trashed != 5 || r.Failed() {
			t.Fatalf("summary %+v: want 5 trashed with --prune-max 5", r.Summary)
		}
		for _, p := range wp.Posts("posts") {
			if strings.HasPrefix(p.Slug, "p0") && p.Slug < "p05" && p.Status != "trash" {
				t.Errorf("post %d (%s) not trashed", p.ID, p.Slug)
			}
		}
	})

	t.Run("no prune when the run had errors", func(t *testing.T) {
		os.Remove(filepath.Join(dir, "p05.md"))
		writeFiles(t, dir, map[string]string{"p06.md": "---\nstatus: nope\n---\n"})
		r := runWith(t, wp, dir, Options{Prune: true, PruneMax: Limit{N: 100}})
		if r.Summary.Trashed != 0 || r.Summary.Orphans != 1 {
			t.Fatalf("summary %+v: want the orphan kept because of the error", r.Summary)
		}
		// Asked to prune, the orphan says why it was not, not how to ask.
		const why = "not trashed: 1 file(s) failed this run, so what is orphaned cannot be known; fix them and run again"
		if it := itemFor(t, r, "p05.md"); len(it.Warnings) != 1 || !strings.Contains(it.Warnings[0], why) || strings.Contains(it.Warnings[0], "--prune moves") {
			t.Errorf("orphan warnings %q, want one saying %q", it.Warnings, why)
		}
		if !slices.ContainsFunc(r.Warnings, func(w string) bool { return strings.Contains(w, "not pruning: 1 file(s) failed") }) {
			t.Errorf("run warnings %q", r.Warnings)
		}
	})
}

func TestSyncer_RenameKeepsPost(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"old.md": "---\nslug: kept\n---\nbody\n", "same.md": "unique content\n"})
	wp := wpfake.New(t, wpfake.Options{})
	r := runWith(t, wp, dir, Options{})
	idSlug, idContent := itemFor(t, r, "old.md").ID, itemFor(t, r, "same.md").ID

	// By slug (front matter) through a full run; by content through Files
	// naming only the new path, as a watcher that missed the remove does.
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	os.Rename(filepath.Join(dir, "old.md"), filepath.Join(dir, "sub", "new.md"))
	r = runWith(t, wp, dir, Options{})
	if it := itemFor(t, r, "sub/new.md"); it.ID != idSlug || it.MovedFrom != "old.md" || r.Summary.Orphans != 0 || r.Summary.Created != 0 {
		t.Fatalf("item %+v summary %+v: want the same post, moved", it, r.Summary)
	}
	os.Rename(filepath.Join(dir, "same.md"), filepath.Join(dir, "renamed.md"))
	st, _ := state.Load(state.DefaultPath(dir))
	wp.ResetLog()
	r, err := New(client(t, wp), st, Options{Dir: dir}).Files(context.Background(), []string{"renamed.md"})
	if err != nil {
		t.Fatal(err)
	}
	if it := itemFor(t, r, "renamed.md"); it.ID != idContent || it.Action != ActionUpdate {
		// The slug comes from the file name, so it changes: an update.
		t.Fatalf("item %+v: want post %d updated", it, idContent)
	}
	st, _ = state.Load(state.DefaultPath(dir))
	if st.Files["same.md"] != nil || st.Files["renamed.md"] == nil {
		t.Errorf("state not moved: %v", st.Paths())
	}
	if n := len(wp.Posts("posts")); n != 2 {
		t.Errorf("site has %d posts, want 2", n)
	}
}

func TestSyncer_LostAnswerIsAdoptedNotDuplicated(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "a\n"})
	wp := wpfake.New(t, wpfake.Options{NoBatch: true}) // one create, not a batch
	wp.Fail(wpfake.Fault{Method: http.MethodPost, Route: "/wp/v2/posts", Times: 1, LoseAnswer: true})
	r := runWith(t, wp, dir, Options{})
	if it := itemFor(t, r, "a.md"); it.Action != ActionCreate || it.ID == 0 {
		t.Fatalf("item %+v: want the created post adopted", it)
	}
	found := slices.ContainsFunc(wp.Requests(), func(r wpfake.Request) bool {
		return r.Method == http.MethodGet && r.Route == "/wp/v2/posts" && r.Query.Get("slug") == "a"
	})
	if n := len(wp.Posts("posts")); n != 1 || !found {
		t.Fatalf("posts %d, requests %v: want one post, found by its slug", n, wp.Log())
	}
}

func TestSyncer_SizeAndTimeShortcut(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "aaaa\n"})
	wp := wpfake.New(t, wpfake.Options{})
	runWith(t, wp, dir, Options{})
	p := filepath.Join(dir, "a.md")
	fi, _ := os.Stat(p)
	// Same size and time stamp, different bytes: not read, so unchanged.
	os.WriteFile(p, []byte("bbbb\n"), 0o644)
	os.Chtimes(p, fi.ModTime(), fi.ModTime())
	if r := runWith(t, wp, dir, Options{}); r.Items[0].Action != ActionUnchanged {
		t.Fatalf("item %+v: want unchanged without reading", r.Items[0])
	}
	// A new time stamp: read, and the hash finds the change.
	os.Chtimes(p, fi.ModTime().Add(time.Second), fi.ModTime().Add(time.Second))
	if r := runWith(t, wp, dir, Options{}); r.Items[0].Action != ActionUpdate {
		t.Fatalf("item %+v: want update", r.Items[0])
	}
	// Other options: the shortcut is not taken.
	if r := runWith(t, wp, dir, Options{DefaultStatus: "draft"}); r.Items[0].Action != ActionUpdate {
		t.Fatalf("item %+v: want update after default_status changed", r.Items[0])
	}
}

func TestSyncer_BadInput(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"empty.md":  "  \n",
		"big.md":    strings.Repeat("x", 2000),
		"binary.md": "\x00\x01\x02",
		"ok.md":     "ok\n",
	})
	r := runWith(t, wpfake.New(t, wpfake.Options{}), dir, Options{MaxFileSize: 1000})
	if it := itemFor(t, r, "empty.md"); it.Action != ActionSkipped || len(it.Warnings) == 0 {
		t.Errorf("empty file: %+v, want skipped with a warning", it)
	}
	if it := itemFor(t, r, "big.md"); it.Action != ActionError || !strings.Contains(it.Error, "max_file_size") {
		t.Errorf("big file: %+v", it)
	}
	if it := itemFor(t, r, "binary.md"); it.Action != ActionError || !strings.Contains(it.Error, "binary.md") {
		t.Errorf("binary file: %+v", it)
	}
	if it := itemFor(t, r, "ok.md"); it.Action != ActionCreate {
		t.Errorf("ok file: %+v", it)
	}
}

func TestSyncer_ManyNewFilesListSlugsOnce(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := 0; i < 30; i++ {
		files[fmt.Sprintf("n%02d.md", i)] = fmt.Sprintf("post %d\n", i)
	}
	writeFiles(t, dir, files)
	wp := wpfake.New(t, wpfake.Options{})
	runWith(t, wp, dir, Options{})
	finds, listed := 0, false
	for _, r := range wp.Requests() {
		if r.Method != http.MethodGet || r.Route != "/wp/v2/posts" {
			continue
		}
		if r.Query.Has("slug") {
			finds++
		} else if !r.Query.Has("include") {
			listed = true
		}
	}
	if finds != 0 || !listed {
		t.Errorf("%d slug look-ups, requests %v: want one slug listing", finds, wp.Log())
	}
}

func TestSyncer_Batches(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"bad.md": "---\nslug: refused\n---\nrefused\n"} // a body: a file of no title and no body is skipped
	for i := 0; i < 60; i++ {
		files[fmt.Sprintf("b%02d.md", i)] = fmt.Sprintf("post %d\n", i)
	}
	writeFiles(t, dir, files)
	wp := wpfake.New(t, wpfake.Options{MaxBatch: 25})
	refuse(wp, "refused")
	batches := func() int {
		n := 0
		for _, r := range wp.Requests() {
			if r.Method == http.MethodPost && r.Route == "/batch/v1" {
				n++
			}
		}
		return n
	}
	r := runWith(t, wp, dir, Options{})
	if r.Summary.Created != 60 || r.Summary.Failed != 1 {
		t.Fatalf("summary %+v: want 60 created and the refused one failed alone", r.Summary)
	}
	if n := batches(); n != 3 {
		t.Errorf("%d batches for 61 writes, want 3", n)
	}
	st, _ := state.Load(state.DefaultPath(dir))
	if len(st.Files) != 60 {
		t.Errorf("state has %d entries, want 60", len(st.Files))
	}

	t.Run("a failed batch request creates no duplicates", func(t *testing.T) {
		for i := 60; i < 70; i++ {
			writeFiles(t, dir, map[string]string{fmt.Sprintf("b%02d.md", i): fmt.Sprintf("post %d\n", i)})
		}
		// The batch does its work, and its answer is lost.
		wp.Fail(wpfake.Fault{Method: http.MethodPost, Route: "/batch/v1", Times: 1, LoseAnswer: true})
		r := runWith(t, wp, dir, Options{})
		if r.Summary.Created != 10 {
			t.Fatalf("summary %+v", r.Summary)
		}
		if n := len(wp.Posts("posts")); n != 70 {
			t.Errorf("site has %d posts, want 70", n)
		}
	})
}

// A killed run's create lands after this run looked the slug up: WordPress
// gives our create "a-2"; the copy is deleted and the first post adopted.
func TestSyncer_LateWriteOfKilledRunIsNotDuplicated(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "---\ntitle: A\n---\nbody\n"})
	wp := wpfake.New(t, wpfake.Options{NoBatch: true}) // one create, not a batch
	wp.Fail(wpfake.Fault{Method: http.MethodPost, Route: "/wp/v2/posts", Times: 1, Replay: true})
	r := runWith(t, wp, dir, Options{})
	it := itemFor(t, r, "a.md")
	posts := wp.Posts("posts")
	if len(posts) != 1 {
		t.Fatalf("site has %d posts, want 1; requests %v", len(posts), wp.Log())
	}
	for _, p := range posts {
		if it.ID != p.ID || p.Slug != "a" {
			t.Errorf("item %+v, post %d slug %q: want the late post adopted", it, p.ID, p.Slug)
		}
	}

	t.Run("another post holding the slug is left alone", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"b.md": "---\ntitle: B\n---\nbody\n"})
		wp.Fail(wpfake.Fault{Method: http.MethodPost, Route: "/wp/v2/posts", Times: 1, Before: func() {
			wp.AddPost(wpfake.Post{Slug: "b", Title: "someone else's"})
		}})
		r := runWith(t, wp, dir, Options{})
		it := itemFor(t, r, "b.md")
		if n := len(wp.Posts("posts")); n != 3 || len(it.Warnings) == 0 || !strings.Contains(it.Warnings[0], "b-2") {
			t.Errorf("posts %d, item %+v: want our post kept as b-2 with a warning", n, it)
		}
	})
}

// An update that landed but whose answer was lost leaves the state with the
// old modified_gmt; the next run must not call our own write a conflict.
func TestSyncer_LostUpdateIsNotAConflict(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "---\ntitle: A\n---\nbody\n"})
	wp := wpfake.New(t, wpfake.Options{})
	id := runWith(t, wp, dir, Options{}).Items[0].ID
	writeFiles(t, dir, map[string]string{"a.md": "---\ntitle: A2\n---\nbody\n"})
	// The update lands, the state never hears of it.
	c := client(t, wp)
	if err := c.Connect(context.Background()); err != nil {
		t.Fatal(err)
	}
	p := fetch(t, wp, "posts", id)
	p.Title = "A2"
	if _, err := c.Update(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	wp.ResetLog()
	r := runWith(t, wp, dir, Options{})
	if it := itemFor(t, r, "a.md"); it.Action == ActionConflict || len(wp.Writes()) != 0 {
		t.Fatalf("item %+v, requests %v: want no conflict and no write", it, wp.Log())
	}
	st, _ := state.Load(state.DefaultPath(dir))
	if p, _ := wp.GetPost(id); st.Files["a.md"].ModifiedGMT != p.ModifiedGMT {
		t.Error("state does not record the post's current modified_gmt")
	}
}

// --prune as an Author leaves another user's post in place, and says why.
func TestSyncer_PruneAnotherUsersPost(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "a\n", "b.md": "b\n"})
	wp := wpfake.New(t, wpfake.Options{})
	addUser(wp, "pat", "author")
	id := itemFor(t, runWith(t, wp, dir, Options{}), "a.md").ID
	if err := os.Remove(filepath.Join(dir, "a.md")); err != nil {
		t.Fatal(err)
	}
	r := runAs(t, wp, "pat", dir, Options{Prune: true, PruneMax: Limit{N: 5}})
	it := itemFor(t, r, "a.md")
	if it.Action != ActionError || !strings.Contains(it.Error, "belongs to a user") {
		t.Fatalf("item %+v, want an error saying whose post it is", it)
	}
	if p, _ := wp.GetPost(id); p.Status != "publish" {
		t.Errorf("post %d: status %q, want it left in place", id, p.Status)
	}
}
