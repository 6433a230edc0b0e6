package sync

import (
	"context"
	"errors"
	"slices"
)

// Uploads at the server's pace
//
// The plan's uploads and writes run together: the uploads go out in the
// jobs' order, at most Options.Concurrency at a time, and each post is
// written as soon as the pictures it names are up, in the waves
// writeInOrder keeps (parents first, a post after the posts it links to),
// batched where the site takes batches. Posts whose pictures come up
// while a write is in flight are written together in the next one. So the
// first posts are on the site early, and a run cut short has written, and
// recorded, every post whose pictures were up.

// writeAsUploaded uploads the new files the jobs name (each distinct
// content once; see uploadMedia), creates the terms the jobs lack, and
// writes the jobs in waves, each job once its own uploads are done. Only
// the calling goroutine touches the state: each upload is recorded, and
// saved, as it comes back. A job whose upload failed fails, and so do its
// children (their parent was not written); the other jobs go on.
func (s *Syncer) writeAsUploaded(ctx context.Context, report *Report, jobs []*job) error {
	byHash, todo := newUploads(jobs)
	waiters := map[string][]*job{} // by content hash
	left := map[*job]int{}         // uploads a job waits for
	for _, j := range jobs {
		if j.ext == nil {
			continue
		}
		seen := map[string]bool{}
		for _, p := range sortedKeys(j.ext.uploads) {
			if h := j.ext.uploads[p].hash; !seen[h] {
				seen[h] = true
				left[j]++
				waiters[h] = append(waiters[h], j)
			}
		}
	}
	ready := map[*job]bool{}   // uploads done, terms made: may be written
	dropped := map[*job]bool{} // settled without a write (failed, unchanged)
	settle := func(j *job) {
		if !s.uploaded(report, j, byHash) {
			dropped[j] = true
			return
		}
		if len(s.createTerms(ctx, report, []*job{j})) == 0 { // terms.go
			dropped[j] = true
			return
		}
		ready[j] = true
	}
	// Uploads and writes share the requests in flight: the server works at
	// the pace --concurrency sets, no faster for the writes beside.
	s.slots = make(chan struct{}, s.opts.Concurrency)
	defer func() { s.slots = nil }()
	// The uploads start first: the jobs without any then make their terms
	// meanwhile.
	done := s.stream(ctx, todo, true, func(u *upload) { s.uploadOne(ctx, u) }) // media.go
	for _, j := range jobs {
		if left[j] == 0 {
			settle(j)
		}
	}
	arrived := 0
	take := func(u *upload) {
		arrived++
		s.recordUpload(ctx, u) // media.go
		for _, j := range waiters[u.hash] {
			if left[j]--; left[j] == 0 {
				settle(j)
			}
		}
	}
	written := map[*job]bool{}
	remaining := jobs
	for {
		// Every upload back by now, in one save: a run killed later must
		// not upload them again.
	drain:
		for arrived < len(todo) {
			select {
			case u := <-done:
				take(u)
			default:
				break drain
			}
		}
		if s.dirty {
			if err := s.save(); err != nil {
				return err
			}
		}
		remaining = slices.DeleteFunc(remaining, func(j *job) bool { return dropped[j] || written[j] })
		if len(remaining) == 0 {
			break
		}
		wave, _ := s.nextWave(remaining) // pages.go
		var now []*job
		for _, j := range wave {
			if ready[j] {
				now = append(now, j)
			}
		}
		if len(now) == 0 {
			if arrived == len(todo) {
				return errors.New("internal error: jobs wait for no upload and none may be written")
			}
			take(<-done) // what the wave waits for
			continue
		}
		for _, j := range now {
			written[j] = true
		}
		if err := s.write(ctx, report, s.readyToWrite(report, now)); err != nil { // write.go
			return err
		}
	}
	for arrived < len(todo) { // none left, as every upload has its job; to be sure
		take(<-done)
	}
	if s.dirty {
		return s.save()
	}
	return nil
}
