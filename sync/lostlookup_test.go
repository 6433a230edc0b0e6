package sync

import (
	"context"
	"errors"
	"testing"
)

// lookupFails is the batch fake whose slug look-ups of one slug fail (a
// time-out, say) once a batch was sent.
type lookupFails struct {
	*batchFake
	slug string
}

func (f *lookupFails) FindBySlug(ctx context.Context, typ, slug string) (*Post, error) {
	if slug == f.slug && f.batches > 0 {
		return nil, errors.New("context deadline exceeded")
	}
	return f.batchFake.FindBySlug(ctx, typ, slug)
}

// After a batch whose answer was lost, a file whose slug look-up fails as
// well is not created again blindly (its post may exist): it fails this
// run, and the next run finds and adopts the post.
func TestSyncer_LostBatchAndFailedLookUpMakeNoDuplicate(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "a\n", "b.md": "b\n", "c.md": "c\n"})
	fake := &lookupFails{batchFake: &batchFake{fakePublisher: newFake(), size: 25, failAll: true}, slug: "b"}
	r := runWith(t, fake, dir, Options{})
	if r.Summary.Created != 2 || r.Summary.Failed != 1 || itemFor(t, r, "b.md").Action != ActionError {
		t.Errorf("summary %+v: want a and c adopted, b failed", r.Summary)
	}
	if n := len(fake.posts); n != 3 {
		t.Fatalf("site has %d posts, want 3 (one per file)", n)
	}
	fake.slug = ""
	r = runWith(t, fake, dir, Options{})
	if it := itemFor(t, r, "b.md"); it.Action == ActionError || !it.Adopted || it.ID == 0 || len(fake.posts) != 3 {
		t.Errorf("next run: b.md %+v, %d posts; want b's post adopted, still 3", it, len(fake.posts))
	}
}
