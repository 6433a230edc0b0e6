package sync

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wpsync/wpsync/state"
)

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

func TestSyncer_ConflictWhenEditedInWordPress(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "---\ntitle: A\n---\nbody\n"})
	fake := newFake()
	r := runWith(t, fake, dir, Options{})
	id := r.Items[0].ID

	fake.editInWordPress(id, "Edited in WordPress")
	writeFiles(t, dir, map[string]string{"a.md": "---\ntitle: A, edited in the file\n---\nbody\n"})
	fake.reset()
	r = runWith(t, fake, dir, Options{})
	it := itemFor(t, r, "a.md")
	if it.Action != ActionConflict || !r.Failed() {
		t.Fatalf("item %+v, want a conflict that fails the run", it)
	}
	for _, want := range []string{"a.md", fmt.Sprint(id), "changed in WordPress", "--force"} {
		if !strings.Contains(it.Error, want) {
			t.Errorf("conflict message %q lacks %q", it.Error, want)
		}
	}
	if fake.writes() != 0 || fake.posts[id].Title != "Edited in WordPress" {
		t.Fatalf("the WordPress edit was overwritten: %v", fake.calls)
	}

	t.Run("force overwrites", func(t *testing.T) {
		r := runWith(t, fake, dir, Options{Force: true})
		if it := itemFor(t, r, "a.md"); it.Action != ActionUpdate || fake.posts[id].Title != "A, edited in the file" {
			t.Errorf("item %+v, title %q", it, fake.posts[id].Title)
		}
		// Our own write is not a conflict next time.
		writeFiles(t, dir, map[string]string{"a.md": "---\ntitle: A again\n---\nbody\n"})
		if it := itemFor(t, runWith(t, fake, dir, Options{}), "a.md"); it.Action != ActionUpdate {
			t.Errorf("after our own write: %+v, want update", it)
		}
	})
}

func TestSyncer_DeletedInWordPress(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "a\n"})
	fake := newFake()
	id := runWith(t, fake, dir, Options{}).Items[0].ID
	fake.posts[id].trashed = true
	writeFiles(t, dir, map[string]string{"a.md": "a, changed\n"})

	it := itemFor(t, runWith(t, fake, dir, Options{}), "a.md")
	if it.Action != ActionConflict || !strings.Contains(it.Error, "deleted or trashed") {
		t.Fatalf("item %+v, want a conflict saying the post was deleted", it)
	}
	it = itemFor(t, runWith(t, fake, dir, Options{Force: true}), "a.md")
	if it.Action != ActionCreate || it.ID == id {
		t.Fatalf("with --force: %+v, want a new post", it)
	}
}

func TestSyncer_OrphansAndPrune(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := 0; i < 20; i++ {
		files[fmt.Sprintf("p%02d.md", i)] = fmt.Sprintf("post %d\n", i)
	}
	writeFiles(t, dir, files)
	fake := newFake()
	runWith(t, fake, dir, Options{})
	os.Remove(filepath.Join(dir, "p00.md"))
	fake.reset()
	r := runWith(t, fake, dir, Options{})
	if it := itemFor(t, r, "p00.md"); it.Action != ActionOrphan || r.Summary.Orphans != 1 || r.Failed() {
		t.Fatalf("item %+v summary %+v: want one orphan, run not failed", it, r.Summary)
	}
	if fake.writes() != 0 {
		t.Fatalf("an orphan was touched without --prune: %v", fake.calls)
	}

	t.Run("prune refused over the limit", func(t *testing.T) {
		for i := 1; i < 5; i++ {
			os.Remove(filepath.Join(dir, fmt.Sprintf("p%02d.md", i)))
		}
		fake.reset()
		r := runWith(t, fake, dir, Options{Prune: true}) // 5 of 20 > 10%
		if r.Summary.Trashed != 0 || fake.writes() != 0 || !r.Failed() || len(r.Warnings) == 0 {
			t.Fatalf("summary %+v warnings %v calls %v: want a refusal", r.Summary, r.Warnings, fake.calls)
		}
		r = runWith(t, fake, dir, Options{Prune: true, PruneMax: Limit{N: 5}})
		if r.Summary.Trashed != 5 || r.Failed() {
			t.Fatalf("summary %+v: want 5 trashed with --prune-max 5", r.Summary)
		}
		for id, p := range fake.posts {
			if strings.HasPrefix(p.Slug, "p0") && p.Slug < "p05" && !p.trashed {
				t.Errorf("post %d (%s) not trashed", id, p.Slug)
			}
		}
	})

	t.Run("no prune when the run had errors", func(t *testing.T) {
		os.Remove(filepath.Join(dir, "p05.md"))
		writeFiles(t, dir, map[string]string{"p06.md": "---\nstatus: nope\n---\n"})
		r := runWith(t, fake, dir, Options{Prune: true, PruneMax: Limit{N: 100}})
		if r.Summary.Trashed != 0 || r.Summary.Orphans != 1 {
			t.Fatalf("summary %+v: want the orphan kept because of the error", r.Summary)
		}
	})
}

func TestSyncer_RenameKeepsPost(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"old.md": "---\nslug: kept\n---\nbody\n", "same.md": "unique content\n"})
	fake := newFake()
	r := runWith(t, fake, dir, Options{})
	idSlug, idContent := itemFor(t, r, "old.md").ID, itemFor(t, r, "same.md").ID

	// By slug (front matter) through a full run; by content through Files
	// naming only the new path, as a watcher that missed the remove does.
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	os.Rename(filepath.Join(dir, "old.md"), filepath.Join(dir, "sub", "new.md"))
	r = runWith(t, fake, dir, Options{})
	if it := itemFor(t, r, "sub/new.md"); it.ID != idSlug || it.MovedFrom != "old.md" || r.Summary.Orphans != 0 || r.Summary.Created != 0 {
		t.Fatalf("item %+v summary %+v: want the same post, moved", it, r.Summary)
	}
	os.Rename(filepath.Join(dir, "same.md"), filepath.Join(dir, "renamed.md"))
	st, _ := state.Load(state.DefaultPath(dir))
	fake.reset()
	r, err := New(fake, st, Options{Dir: dir}).Files(context.Background(), []string{"renamed.md"})
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
	if len(fake.posts) != 2 {
		t.Errorf("site has %d posts, want 2", len(fake.posts))
	}
}

func TestSyncer_LostAnswerIsAdoptedNotDuplicated(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "a\n"})
	fake := newFake()
	fake.loseAnswer = true
	r := runWith(t, fake, dir, Options{})
	if it := itemFor(t, r, "a.md"); it.Action != ActionCreate || it.ID == 0 {
		t.Fatalf("item %+v: want the created post adopted", it)
	}
	if len(fake.posts) != 1 || !slices.Contains(fake.calls, "find posts/a") {
		t.Fatalf("posts %d, calls %v: want one post, found by its slug", len(fake.posts), fake.calls)
	}
}

func TestSyncer_SizeAndTimeShortcut(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "aaaa\n"})
	fake := newFake()
	runWith(t, fake, dir, Options{})
	p := filepath.Join(dir, "a.md")
	fi, _ := os.Stat(p)
	// Same size and time stamp, different bytes: not read, so unchanged.
	os.WriteFile(p, []byte("bbbb\n"), 0o644)
	os.Chtimes(p, fi.ModTime(), fi.ModTime())
	if r := runWith(t, fake, dir, Options{}); r.Items[0].Action != ActionUnchanged {
		t.Fatalf("item %+v: want unchanged without reading", r.Items[0])
	}
	// A new time stamp: read, and the hash finds the change.
	os.Chtimes(p, fi.ModTime().Add(time.Second), fi.ModTime().Add(time.Second))
	if r := runWith(t, fake, dir, Options{}); r.Items[0].Action != ActionUpdate {
		t.Fatalf("item %+v: want update", r.Items[0])
	}
	// Other options: the shortcut is not taken.
	fake.reset()
	if r := runWith(t, fake, dir, Options{DefaultStatus: "draft"}); r.Items[0].Action != ActionUpdate {
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
	r := runWith(t, newFake(), dir, Options{MaxFileSize: 1000})
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
	fake := newFake()
	runWith(t, fake, dir, Options{})
	finds := 0
	for _, c := range fake.calls {
		if strings.HasPrefix(c, "find ") {
			finds++
		}
	}
	if finds != 0 || !slices.Contains(fake.calls, "slugs posts") {
		t.Errorf("%d slug look-ups, calls %v: want one slug listing", finds, fake.calls[:5])
	}
}

// batchFake adds /batch/v1 to the fake.
type batchFake struct {
	*fakePublisher
	size    int
	batches int
	failAll bool // the next batch request fails as a whole, after doing its work
}

func (b *batchFake) BatchSize(ctx context.Context) int { return b.size }

func (b *batchFake) WriteBatch(ctx context.Context, posts []*Post) ([]WriteResult, error) {
	b.mu.Lock()
	b.batches++
	b.calls = append(b.calls, fmt.Sprintf("batch %d", len(posts)))
	fail := b.failAll
	b.failAll = false
	b.mu.Unlock()
	var res []WriteResult
	for _, p := range posts {
		var got *Post
		var err error
		if p.ID == 0 {
			got, err = b.fakePublisher.Create(ctx, p)
		} else {
			got, err = b.fakePublisher.Update(ctx, p)
		}
		res = append(res, WriteResult{Post: got, Err: err})
	}
	if fail {
		return nil, fmt.Errorf("connection reset by peer")
	}
	return res, nil
}

func TestSyncer_Batches(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"bad.md": "---\nslug: refused\n---\nrefused\n"} // a body: a file of no title and no body is skipped
	for i := 0; i < 60; i++ {
		files[fmt.Sprintf("b%02d.md", i)] = fmt.Sprintf("post %d\n", i)
	}
	writeFiles(t, dir, files)
	fake := &batchFake{fakePublisher: newFake(), size: 25}
	fake.failSlug = "refused"
	r := runWith(t, fake, dir, Options{})
	if r.Summary.Created != 60 || r.Summary.Failed != 1 {
		t.Fatalf("summary %+v: want 60 created and the refused one failed alone", r.Summary)
	}
	if fake.batches != 3 {
		t.Errorf("%d batches for 61 writes, want 3", fake.batches)
	}
	st, _ := state.Load(state.DefaultPath(dir))
	if len(st.Files) != 60 {
		t.Errorf("state has %d entries, want 60", len(st.Files))
	}

	t.Run("a failed batch request creates no duplicates", func(t *testing.T) {
		for i := 60; i < 70; i++ {
			writeFiles(t, dir, map[string]string{fmt.Sprintf("b%02d.md", i): fmt.Sprintf("post %d\n", i)})
		}
		fake.failAll = true
		r := runWith(t, fake, dir, Options{})
		if r.Summary.Created != 10 {
			t.Fatalf("summary %+v", r.Summary)
		}
		if n := len(fake.posts); n != 70 {
			t.Errorf("site has %d posts, want 70", n)
		}
	})
}

// A killed run's create lands after this run looked the slug up: WordPress
// gives our create "a-2"; the copy is deleted and the first post adopted.
func TestSyncer_LateWriteOfKilledRunIsNotDuplicated(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "---\ntitle: A\n---\nbody\n"})
	fake := newFake()
	fake.beforeCreate = func(p *Post) {
		fake.nextID++
		late := *p
		late.ID = fake.nextID
		fake.posts[late.ID] = &fakePost{Post: late}
	}
	r := runWith(t, fake, dir, Options{})
	it := itemFor(t, r, "a.md")
	if len(fake.posts) != 1 {
		t.Fatalf("site has %d posts, want 1; calls %v", len(fake.posts), fake.calls)
	}
	for id, p := range fake.posts {
		if it.ID != id || p.Slug != "a" {
			t.Errorf("item %+v, post %d slug %q: want the late post adopted", it, id, p.Slug)
		}
	}

	t.Run("another post holding the slug is left alone", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"b.md": "---\ntitle: B\n---\nbody\n"})
		fake.beforeCreate = func(p *Post) {
			fake.nextID++
			fake.posts[fake.nextID] = &fakePost{Post: Post{ID: fake.nextID, Type: p.Type, Slug: p.Slug, Title: "someone else's"}}
		}
		r := runWith(t, fake, dir, Options{})
		it := itemFor(t, r, "b.md")
		if len(fake.posts) != 3 || len(it.Warnings) == 0 || !strings.Contains(it.Warnings[0], "b-2") {
			t.Errorf("posts %d, item %+v: want our post kept as b-2 with a warning", len(fake.posts), it)
		}
	})
}

// An update that landed but whose answer was lost leaves the state with the
// old modified_gmt; the next run must not call our own write a conflict.
func TestSyncer_LostUpdateIsNotAConflict(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "---\ntitle: A\n---\nbody\n"})
	fake := newFake()
	id := runWith(t, fake, dir, Options{}).Items[0].ID
	writeFiles(t, dir, map[string]string{"a.md": "---\ntitle: A2\n---\nbody\n"})
	// The update lands, the state never hears of it.
	p := fake.posts[id].Post
	p.Title = "A2"
	fake.Update(context.Background(), &p)
	fake.reset()
	r := runWith(t, fake, dir, Options{})
	if it := itemFor(t, r, "a.md"); it.Action == ActionConflict || fake.writes() != 0 {
		t.Fatalf("item %+v, calls %v: want no conflict and no write", it, fake.calls)
	}
	st, _ := state.Load(state.DefaultPath(dir))
	if st.Files["a.md"].ModifiedGMT != fake.posts[id].ModifiedGMT {
		t.Error("state does not record the post's current modified_gmt")
	}
}
