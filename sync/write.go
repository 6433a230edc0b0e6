package sync

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// outcome is what one write came to, sent from a writer goroutine back to
// the goroutine that owns the state.
type outcome struct {
	j   *job
	got *Post
	err error
	// holder: the post holding the slug the create asked for and did not
	// get, when settle looked (0: none found).
	holder     int
	lookedSlug bool
}

// write sends the creates and updates, in batches when the site takes them,
// with at most Options.Concurrency requests in flight. Only the calling
// goroutine touches the state: it records each batch as it comes back and
// saves, so an interrupted run keeps everything that was written.
func (s *Syncer) write(ctx context.Context, report *Report, jobs []*job) error {
	size := 1
	if len(jobs) > 1 {
		size = max(s.pub.BatchSize(ctx), 1)
	}
	var chunks [][]*job
	for len(jobs) > 0 {
		n := min(size, len(jobs))
		chunks = append(chunks, jobs[:n])
		jobs = jobs[n:]
	}

	// Once ctx ends (Ctrl-C) no write starts, and those in flight get the
	// grace period to finish on wctx: a write that lands is then heard of
	// and recorded, not left unknown. The chunks not started are reported
	// not reached.
	wctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	if s.opts.Grace < 0 {
		wctx = ctx
	} else {
		stop := context.AfterFunc(ctx, func() {
			t := time.NewTimer(s.opts.Grace)
			defer t.Stop()
			select {
			case <-t.C:
				cancel()
			case <-wctx.Done():
			}
		})
		defer stop()
	}

	// Room for every chunk's result, so a writer never waits on a reader
	// that has given up (a failed save).
	results := make(chan []outcome, len(chunks))
	sem := s.requestSlots() // media.go
	go func() {
		for _, chunk := range chunks {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
			}
			if ctx.Err() != nil {
				outs := make([]outcome, len(chunk))
				for i, j := range chunk {
					outs[i] = outcome{j: j, err: ctx.Err()}
				}
				results <- outs
				continue
			}
			for _, j := range chunk {
				j.sent = true
			}
			go func(chunk []*job) {
				defer func() { <-sem }()
				results <- s.writeChunk(wctx, chunk)
			}(chunk)
		}
	}()
	start := time.Now()
	for range chunks {
		outs := <-results
		took := time.Since(start)
		for _, o := range outs {
			s.recordOutcome(o)
		}
		if s.dirty {
			if err := s.save(); err != nil {
				return err
			}
		}
		for _, o := range outs {
			o.j.item.Duration = took
			s.finish(report, o.j)
		}
	}
	return nil
}

// writeChunk writes a chunk, in one batch request when it has several jobs.
// It runs on its own goroutine and must not touch the state.
func (s *Syncer) writeChunk(ctx context.Context, chunk []*job) []outcome {
	if len(chunk) > 1 {
		posts := make([]*Post, len(chunk))
		for i, j := range chunk {
			p := j.post
			if j.op == ActionUpdate {
				p.ID = j.entry.ID
			}
			posts[i] = &p
		}
		res, err := s.pub.WriteBatch(ctx, posts)
		if err == nil && len(res) == len(chunk) {
			outs := make([]outcome, len(chunk))
			for i, j := range chunk {
				outs[i] = s.settle(ctx, j, res[i].Post, res[i].Err)
			}
			return outs
		}
		// The batch as a whole failed: what it did is unknown. Each write
		// is done again on its own, and a create looks its slug up first.
		outs := make([]outcome, len(chunk))
		for i, j := range chunk {
			outs[i] = s.writeOne(ctx, j, true)
		}
		return outs
	}
	outs := make([]outcome, len(chunk))
	for i, j := range chunk {
		outs[i] = s.writeOne(ctx, j, false)
	}
	return outs
}

// writeOne creates or updates one post. After an earlier attempt whose
// outcome is unknown (lookFirst), a create first checks whether the post
// was made after all.
func (s *Syncer) writeOne(ctx context.Context, j *job, lookFirst bool) outcome {
	p := j.post
	if j.op == ActionUpdate {
		p.ID = j.entry.ID
		got, err := s.pub.Update(ctx, &p)
		return outcome{j: j, got: got, err: err}
	}
	if lookFirst {
		found, err := s.pub.FindBySlug(ctx, p.Type, p.Slug)
		if err != nil {
			// Whether the lost write made the post is unknown: a create
			// now could make a second one. The next run looks again.
			return outcome{j: j, err: fmt.Errorf("the answer to the write was lost and looking the slug up failed: %w", err)}
		}
		if found != nil {
			return outcome{j: j, got: found}
		}
	}
	got, err := s.pub.Create(ctx, &p)
	return s.settle(ctx, j, got, err)
}

// settle checks a create's outcome. When the answer was lost (a reset
// connection, a time-out, a 5xx) the server may have made the post: it is
// never blindly created again; the slug is looked up and what the server
// made is adopted. When the post came back with another slug than the one
// sent ("x-2"), something already held it: if that is this very post (made
// by a run that was killed with its request in flight), the new copy is
// deleted and the old one adopted.
func (s *Syncer) settle(ctx context.Context, j *job, got *Post, err error) outcome {
	if j.op != ActionCreate {
		return outcome{j: j, got: got, err: err}
	}
	if err != nil {
		if definitelyFailed(err) {
			return outcome{j: j, err: err}
		}
		found, ferr := s.pub.FindBySlug(ctx, j.post.Type, j.post.Slug)
		if ferr == nil && found != nil {
			return outcome{j: j, got: found}
		}
		return outcome{j: j, err: err}
	}
	if got.Slug == j.post.Slug {
		return outcome{j: j, got: got}
	}
	holder, ferr := s.pub.FindBySlug(ctx, j.post.Type, j.post.Slug)
	if ferr != nil {
		return outcome{j: j, got: got}
	}
	if holder == nil || holder.ID == got.ID || !sameAsSent(holder, &j.post) {
		o := outcome{j: j, got: got, lookedSlug: true} // warned in recordOutcome
		if holder != nil && holder.ID != got.ID {
			o.holder = holder.ID
		}
		return o
	}
	if derr := s.pub.Delete(ctx, j.post.Type, got.ID); derr != nil {
		return outcome{j: j, got: got} // keep what exists; the warning names the slug
	}
	return outcome{j: j, got: holder}
}

// recordOutcome records one outcome in the state and the job's item.
func (s *Syncer) recordOutcome(o outcome) {
	j := o.j
	if o.err != nil {
		verb := "create"
		if j.op == ActionUpdate {
			verb = fmt.Sprintf("update %s %d", j.typ, j.entry.ID)
		}
		j.item = failedItem(j.item, fmt.Errorf("%s: %s: %w", j.path, verb, o.err))
		return
	}
	j.item.Action = j.op
	j.item.ID, j.item.Link = o.got.ID, o.got.Link
	j.item.Warnings = append(j.item.Warnings, storedDifferently(j, o)...)
	s.setEntry(j.path, s.entryFor(j, o.got))
}

// storedDifferently notices when WordPress stored something else than was
// sent, so the author hears of it once (the state keeps the hash of what the
// file sends, so it does not count as a change on the next run).
func storedDifferently(j *job, o outcome) []string {
	var warns []string
	got := o.got
	if got.Slug != "" && got.Slug != j.post.Slug {
		why := "the slug is taken, or WordPress does not give it out"
		switch {
		case o.holder != 0:
			why = fmt.Sprintf("%s %d holds it", typeName(j.post.Type), o.holder)
		case o.lookedSlug:
			why = "no post this user can see holds it: WordPress does not give it out (a feed or embed address, for one), or another user's draft holds it"
		}
		warns = append(warns, fmt.Sprintf("WordPress gave this %s the slug %q instead of %q: %s", typeName(j.post.Type), got.Slug, j.post.Slug, why))
	}
	if got.Content != "" && got.Content != j.post.Content {
		warns = append(warns, "WordPress changed the content while saving it: the user lacks the unfiltered_html capability, so tags such as <script>, <iframe> or <form> were stripped ("+strippedTags(j.post.Content, got.Content)+"); publish as an Editor or Administrator to keep them")
	}
	return warns
}

// strippedTags names the HTML tags that occur less often in got than in sent.
func strippedTags(sent, got string) string {
	var names []string
	for _, tag := range []string{"script", "iframe", "form", "input", "object", "embed", "style", "button", "select", "textarea"} {
		if strings.Count(sent, "<"+tag) > strings.Count(got, "<"+tag) {
			names = append(names, "<"+tag+">")
		}
	}
	if len(names) == 0 {
		return "markup changed"
	}
	return strings.Join(names, ", ")
}
