package sync

import (
	"context"
	"fmt"
	"slices"

	"github.com/wpsync/wpsync/state"
)

// publish sends one file if it changed. The error is fatal for the whole run
// (the site cannot be reached at all); a problem with this file alone is
// reported in the item.
func (s *Syncer) publish(ctx context.Context, j *job) (Item, error) {
	it := Item{Path: j.path, Type: j.typ, Warnings: j.warn}
	if j.err != nil {
		return failed(it, j.err), nil
	}
	entry := s.state.Files[j.path]
	if entry != nil && entry.Type != j.post.Type {
		// The file now names another type: its old object stays where it is.
		entry = nil
	}
	if entry != nil && entry.Hash == j.hash {
		it.Action, it.ID, it.Link = ActionUnchanged, entry.ID, entry.Link
		s.touch(j, entry)
		return it, nil
	}
	if err := s.connect(ctx); err != nil {
		return it, err
	}
	post := j.post
	if err := s.resolveTerms(ctx, j, &post); err != nil {
		return failed(it, fmt.Errorf("%s: %w", j.path, err)), nil
	}

	if entry == nil {
		// Never a duplicate: a post with this slug may exist already, made by
		// an earlier run whose state was lost or by a run killed mid-write.
		existing, err := s.pub.FindBySlug(ctx, post.Type, post.Slug)
		if err != nil {
			return failed(it, fmt.Errorf("%s: look up slug %q: %w", j.path, post.Slug, err)), nil
		}
		if existing != nil {
			it.Adopted = true
			it.ID, it.Link = existing.ID, existing.Link
			if samePost(existing, &post) {
				it.Action = ActionUnchanged
				return it, s.record(j, existing)
			}
			entry = &state.Entry{ID: existing.ID, Type: post.Type}
		}
	}

	if entry == nil {
		it.Action = ActionCreate
		if s.opts.DryRun {
			return it, nil
		}
		got, err := s.pub.Create(ctx, &post)
		if err != nil {
			return failed(it, fmt.Errorf("%s: create %s: %w", j.path, j.typ, err)), nil
		}
		it.ID, it.Link = got.ID, got.Link
		return it, s.record(j, got)
	}

	it.Action, it.ID, it.Link = ActionUpdate, entry.ID, entry.Link
	if s.opts.DryRun {
		return it, nil
	}
	post.ID = entry.ID
	got, err := s.pub.Update(ctx, &post)
	if err != nil {
		return failed(it, fmt.Errorf("%s: update %s %d: %w", j.path, j.typ, entry.ID, err)), nil
	}
	it.Link = got.Link
	return it, s.record(j, got)
}

func failed(it Item, err error) Item {
	it.Action = ActionError
	it.Error = err.Error()
	return it
}

// connect asks the publisher to check the site once per Syncer, on the first
// file that needs the site, so a run with nothing to do sends nothing.
func (s *Syncer) connect(ctx context.Context) error {
	if s.connected {
		return nil
	}
	if err := s.pub.Connect(ctx); err != nil {
		return &FatalError{Err: err}
	}
	s.connected = true
	return nil
}

// record saves what WordPress made of a file, at once, so an interrupted run
// keeps everything it did before the interruption.
func (s *Syncer) record(j *job, got *Post) error {
	if s.opts.DryRun {
		return nil
	}
	s.state.Files[j.path] = &state.Entry{
		ID:          got.ID,
		Type:        j.post.Type,
		Slug:        got.Slug,
		Link:        got.Link,
		Hash:        j.hash,
		ModifiedGMT: got.ModifiedGMT,
		Size:        j.size,
		ModTime:     j.mtime,
	}
	return s.save()
}

// touch refreshes an unchanged entry's size and time stamp (a checkout sets
// new ones) without a write to WordPress.
func (s *Syncer) touch(j *job, e *state.Entry) {
	if s.opts.DryRun || (e.Size == j.size && e.ModTime == j.mtime) {
		return
	}
	e.Size, e.ModTime = j.size, j.mtime
	s.dirty = true
}

func (s *Syncer) save() error {
	s.state.Site = s.opts.Site
	if err := s.state.Save(); err != nil {
		return &FatalError{Err: err}
	}
	s.dirty = false
	return nil
}

// samePost reports whether an existing object already holds what p would
// send, so adopting it needs no write.
func samePost(have, want *Post) bool {
	if have.Title != want.Title || have.Content != want.Content || have.Excerpt != want.Excerpt ||
		have.Status != want.Status || have.Slug != want.Slug {
		return false
	}
	if want.Date != "" && have.Date != want.Date {
		return false
	}
	if want.DateGMT != "" && have.DateGMT != want.DateGMT {
		return false
	}
	// WordPress files a post without categories under its default one, so
	// "none" matches whatever the site chose.
	if len(want.Categories) > 0 && !sameSet(have.Categories, want.Categories) {
		return false
	}
	return sameSet(have.Tags, want.Tags)
}

func sameSet(a, b []int) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
