package sync

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	gosync "sync"

	"github.com/wpsync/wpsync/markdown"
	"github.com/wpsync/wpsync/state"
)

// Pictures and other media
//
// Every local file a post refers to (![alt](img/x.png), <img src>,
// [report](r.pdf), featured_image) is uploaded to the media library once
// per site and recorded in the state (state.Media) by path with its
// content hash; later runs, whoever refers to it, use the recorded item.
// A file whose content changed is uploaded anew. Only files inside the
// synced folder are read: a path that leads out of it, or a symbolic link
// that does, is an error for the file that names it, and nothing of that
// file is uploaded.

// upload is a file to add to the media library.
type upload struct {
	path    string // relative to the folder
	hash    string
	size    int64
	mtime   int64
	alt     string
	altLine int
	caption string // the title of the reference that gave alt, or of the first with one

	media *Media // once uploaded
	err   error
}

// contentExt is what a Syncer keeps between files and runs.
type contentExt struct {
	realDir string              // the folder, symbolic links resolved
	mu      gosync.Mutex        // guards hashes
	hashes  map[string]fileHash // content hashes of referenced files, by path
	types   []PostType          // the site's post types; nil until read
	users   map[string]*User    // by name as written; nil: not found
	parents map[string]int      // pages found by slug: "type/slug" → ID
	names   map[string][]string // Markdown files by name, for loose links
	// refusedNow holds the content hashes the site refused in this run
	// (svg.go).
	refusedNow map[string]bool
	// found holds the media findMedia found on the site in this run, by
	// content hash, until apply records them.
	found     map[string]*state.MediaEntry
	templates *siteTemplates // the theme's page templates (site.go)
	addrMu    gosync.Mutex   // guards addrs and names
	addrs     *siteAddresses // the pages' addresses on the static site (addresses.go); nil until needed
	taxes     []Taxonomy     // the site's taxonomies (taxonomies.go); nil until read
	taxesRead bool
}

// fileHash is a file's content hash for a size and time stamp.
type fileHash struct {
	size, mtime int64
	hash        string
}

// refWhat names a reference in messages.
func refWhat(r markdown.Ref) string {
	switch r.Kind {
	case markdown.RefImage:
		return "image"
	case markdown.RefFeatured:
		return "featured image"
	case markdown.RefLink:
		return "link"
	}
	return "file"
}

// refError is an error about a reference of file j, with its line.
func refError(j *job, r markdown.Ref, format string, args ...any) error {
	return &markdown.Error{Path: j.path, Line: r.Line, Msg: refWhat(r) + " " + r.Dest + " " + fmt.Sprintf(format, args...)}
}

// candidates returns the paths (relative to the folder) a reference may
// name: itself, or for a path from the site's root Hugo's static/ (and for
// links content/) folder first. Pictures go through siteCandidates.
func candidates(r markdown.Ref) []string {
	if p, ok := strings.CutPrefix(r.Path, "/"); ok {
		if r.Kind == markdown.RefLink {
			return []string{p, "content/" + p}
		}
		return []string{"static/" + p, p}
	}
	return []string{r.Path}
}

// siteCandidates is candidates as the site's generator has it: a path
// from the site's root is looked for in each of the site's static folders
// in turn (site.Site.Static: wpsync.yaml's static:, the generator's, the
// folder itself), a link also in its content folder.
func (s *Syncer) siteCandidates(r markdown.Ref) []string {
	p, ok := strings.CutPrefix(r.Path, "/")
	if !ok {
		return []string{r.Path}
	}
	if r.Kind == markdown.RefLink {
		if c := s.opts.Generator.Content(); c != "" {
			return []string{p, c + "/" + p}
		}
		return []string{p, "content/" + p}
	}
	var out []string
	for _, d := range s.opts.Generator.Static() {
		out = append(out, path.Join(d, p))
	}
	return out
}

// localFile finds the file inside the folder that a reference names.
func (s *Syncer) localFile(j *job, r markdown.Ref) (string, error) {
	for _, c := range s.refCandidates(j.path, j.page.Rules, r) { // pagerefs.go
		if c == ".." || strings.HasPrefix(c, "../") {
			return "", refError(j, r, "leads outside the synced folder: not published (keep the files a post uses inside the folder)")
		}
		full := filepath.Join(s.opts.Dir, filepath.FromSlash(c))
		if _, err := os.Lstat(full); errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrInvalid) {
			continue
		} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
			// A path through a file ("x.png/y") and the like.
			continue
		}
		real, err := filepath.EvalSymlinks(full)
		if err != nil {
			return "", refError(j, r, "cannot be read: %v", err)
		}
		if !s.inside(real) {
			return "", refError(j, r, "is a symbolic link to a file outside the synced folder: not published")
		}
		fi, err := os.Stat(real)
		if err != nil {
			return "", refError(j, r, "cannot be read: %v", err)
		}
		if !fi.Mode().IsRegular() {
			return "", refError(j, r, "is not a file")
		}
		return c, nil
	}
	if strings.HasPrefix(r.Path, "/") {
		var where []string
		for _, d := range s.opts.Generator.Static() {
			if d == "" {
				d = "the folder itself"
			} else {
				d += "/"
			}
			where = append(where, d)
		}
		return "", missingFile{refError(j, r, "not found: a path from the site's root is looked for in %s, never elsewhere on this machine; write it relative to the file, or name its folder in static: of wpsync.yaml", strings.Join(where, ", "))}
	}
	if cands := s.refCandidates(j.path, j.page.Rules, r); len(cands) > 1 {
		// A page that is no bundle: its address was tried first (pagerefs.go).
		return "", missingFile{refError(j, r, "not found: looked for where the page's address on the site leads (%s), then beside the file (%s)", strings.Join(cands[:len(cands)-1], ", "), cands[len(cands)-1])}
	}
	return "", missingFile{refError(j, r, "not found (no file %s in the synced folder)", r.Path)}
}

// inside reports whether the real path p is inside the synced folder.
func (s *Syncer) inside(p string) bool {
	if s.x.realDir == "" {
		d, err := filepath.EvalSymlinks(s.opts.Dir)
		if err != nil {
			d = s.opts.Dir
		}
		s.x.realDir, _ = filepath.Abs(d)
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(s.x.realDir, abs)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// statMedia returns a file's size and time stamp.
func (s *Syncer) statMedia(p string) (size, mtime int64, err error) {
	fi, err := os.Stat(filepath.Join(s.opts.Dir, filepath.FromSlash(p)))
	if err != nil {
		return 0, 0, err
	}
	return fi.Size(), fi.ModTime().UnixNano(), nil
}

// hashFile returns a file's content hash, read once per size and time
// stamp.
func (s *Syncer) hashFile(p string, size, mtime int64) (string, error) {
	s.x.mu.Lock()
	h, ok := s.x.hashes[p]
	s.x.mu.Unlock()
	if ok && h.size == size && h.mtime == mtime {
		return h.hash, nil
	}
	f, err := os.Open(filepath.Join(s.opts.Dir, filepath.FromSlash(p)))
	if err != nil {
		return "", err
	}
	defer f.Close()
	sum := sha256.New()
	if _, err := io.Copy(sum, f); err != nil {
		return "", err
	}
	hash := "sha256:" + hex.EncodeToString(sum.Sum(nil))
	s.x.mu.Lock()
	if s.x.hashes == nil {
		s.x.hashes = map[string]fileHash{}
	}
	s.x.hashes[p] = fileHash{size, mtime, hash}
	s.x.mu.Unlock()
	return hash, nil
}

// resolveMedia finds the media item of a referenced file: the one recorded
// for it when the file is unchanged, or one of the same content uploaded
// for another path. It returns nil (and notes the upload) for a file the
// media library does not have yet.
func (s *Syncer) resolveMedia(j *job, r markdown.Ref) (*Media, error) {
	p, err := s.localFile(j, r)
	if err != nil {
		return nil, err
	}
	x := j.ext
	size, mtime, err := s.statMedia(p)
	if err != nil {
		return nil, refError(j, r, "cannot be read: %v", err)
	}
	if m := s.state.Media[p]; m != nil && m.Size == size && m.ModTime == mtime && m.ID > 0 {
		x.used[p] = refValue(m.ID, m.URL)
		return &Media{ID: m.ID, URL: m.URL}, nil
	}
	hash, err := s.hashFile(p, size, mtime)
	if err != nil {
		return nil, refError(j, r, "cannot be read: %v", err)
	}
	if rf := s.state.Refused[hash]; rf != nil && (!s.opts.Force || s.x.refusedNow[hash]) {
		return s.refusedMedia(j, r, p, rf) // svg.go
	}
	if m := s.mediaByHash(p, hash); m != nil {
		// Same content, new time stamp (a checkout), or a copy of an
		// uploaded file under another name: no upload.
		s.decide(decision{path: p, media: &state.MediaEntry{ID: m.ID, Hash: hash, URL: m.URL, Size: size, ModTime: mtime}}) // record.go
		x.used[p] = refValue(m.ID, m.URL)
		return &Media{ID: m.ID, URL: m.URL}, nil
	}
	if why := s.damagedPicture(p); why != "" { // damaged.go: what the site would refuse
		return nil, refError(j, r, "%s", why)
	}
	if u := x.uploads[p]; u == nil {
		x.uploads[p] = &upload{path: p, hash: hash, size: size, mtime: mtime, alt: r.Alt, altLine: r.Line, caption: r.Caption}
	} else {
		if r.Alt != "" && (u.alt == "" || r.Line < u.altLine) {
			u.alt, u.altLine = r.Alt, r.Line // the first reference's, in the file's order
		}
		if r.Caption != "" && u.caption == "" {
			u.caption = r.Caption
		}
	}
	x.used[p] = ""
	return nil, nil
}

// mediaByHash finds an uploaded file with that content, preferring the
// entry of path p itself, then any in the state, then one findMedia found
// on the site in this run.
func (s *Syncer) mediaByHash(p, hash string) *state.MediaEntry {
	if m := s.state.Media[p]; m != nil && m.Hash == hash && m.ID > 0 {
		return m
	}
	for _, m := range s.state.Media {
		if m.Hash == hash && m.ID > 0 {
			return m
		}
	}
	return s.x.found[hash]
}

// mediaLister is a Publisher that finds many media items in one request:
// FindMediaSlugs returns those found, by slug (at most 100 slugs a call).
type mediaLister interface {
	FindMediaSlugs(ctx context.Context, slugs []string) (map[string]*Media, error)
}

// newUploads returns the uploads the jobs name, each distinct content once
// (byHash), in the jobs' order.
func newUploads(jobs []*job) (byHash map[string]*upload, todo []*upload) {
	byHash = map[string]*upload{}
	for _, j := range jobs {
		if j.ext == nil {
			continue
		}
		for _, p := range sortedKeys(j.ext.uploads) {
			if u := j.ext.uploads[p]; byHash[u.hash] == nil {
				byHash[u.hash] = u
				todo = append(todo, u)
			}
		}
	}
	return byHash, todo
}

// findMedia looks in the site's media library for the new files of the
// jobs, each distinct content once, with at most Options.Concurrency
// requests at a time. Each item's slug is made from the file's content hash
// (mediaSlug), so a file uploaded by a run whose state was lost, or whose
// answer never came, is found and used rather than uploaded a second time.
// It writes nothing: what it finds is decided for the state (record.go),
// and the jobs that use it are rendered again with its address; what it
// does not find stays in the jobs' uploads, for apply to upload
// (uploadMedia). A job that turns out to send what it sent last time is
// unchanged.
func (s *Syncer) findMedia(ctx context.Context, report *Report, jobs []*job) []*job {
	byHash, todo := newUploads(jobs)
	if len(todo) == 0 {
		return jobs
	}
	if l, ok := s.pub.(mediaLister); ok {
		// A hundred slugs a request: a first sync of a picture-heavy site
		// asks twice, not once per picture, before its first upload.
		for chunk := range slices.Chunk(todo, 100) {
			slugs := make([]string, len(chunk))
			for i, u := range chunk {
				slugs[i] = mediaSlug(u.hash)
			}
			found, err := l.FindMediaSlugs(ctx, slugs)
			for _, u := range chunk {
				u.media, u.err = found[mediaSlug(u.hash)], err
			}
		}
	} else {
		s.each(ctx, todo, func(u *upload) { u.media, u.err = s.pub.FindMedia(ctx, mediaSlug(u.hash)) })
	}
	for _, u := range todo {
		if u.err == nil && u.media != nil && (u.media.ID <= 0 || u.media.URL == "") {
			u.err = errors.New("WordPress answered without the item's ID or address")
		}
	}
	for _, u := range todo {
		if u.err == nil && u.media != nil {
			if s.x.found == nil {
				s.x.found = map[string]*state.MediaEntry{}
			}
			s.x.found[u.hash] = &state.MediaEntry{ID: u.media.ID, Hash: u.hash, URL: u.media.URL, Size: u.size, ModTime: u.mtime}
		}
	}
	var rest []*job
	for _, j := range jobs {
		if j.ext == nil || len(j.ext.uploads) == 0 {
			rest = append(rest, j)
			continue
		}
		var failed error
		found := false
		for _, p := range sortedKeys(j.ext.uploads) {
			u := byHash[j.ext.uploads[p].hash]
			if u.err != nil {
				failed = fmt.Errorf("%s: upload %s: %w", j.path, p, u.err)
				break
			}
			found = found || u.media != nil
		}
		if failed == nil && found {
			failed = s.rerender(j)
		}
		switch {
		case failed != nil:
			j.item = failedItem(j.item, failed)
			s.finish(report, j)
		case j.op == ActionUpdate && j.entry != nil && j.entry.Hash == j.hash && !j.adopted:
			// What it sends is what it sent: the pictures are as before.
			j.item.Action, j.item.ID, j.item.Link = ActionUnchanged, j.entry.ID, j.entry.Link
			s.keep(j, j.entry)
			s.finish(report, j)
		default:
			rest = append(rest, j)
		}
	}
	return rest
}

// uploadMedia carries out the uploads of the jobs, all of them before it
// returns (relink's: the jobs it writes again are few): the new files that
// findMedia did not find on the site, each distinct content once, with at
// most Options.Concurrency uploads at a time. It records them in the state
// and settles each job (uploaded), returning those still to be written.
// The plan's writes go through writeAsUploaded instead (pace.go).
func (s *Syncer) uploadMedia(ctx context.Context, report *Report, jobs []*job) ([]*job, error) {
	byHash, todo := newUploads(jobs)
	if len(todo) == 0 {
		return jobs, nil
	}
	for u := range s.stream(ctx, todo, true, func(u *upload) { s.uploadOne(ctx, u) }) {
		s.recordUpload(ctx, u)
	}
	if s.dirty {
		// Saved at once: a run killed now must not upload them again.
		if err := s.save(); err != nil {
			return jobs, err
		}
	}
	var rest []*job
	for _, j := range jobs {
		if s.uploaded(report, j, byHash) {
			rest = append(rest, j)
		}
	}
	return rest, nil
}

// each runs f over the uploads, at most Options.Concurrency at a time,
// and returns once every one is done.
func (s *Syncer) each(ctx context.Context, todo []*upload, f func(*upload)) {
	for range s.stream(ctx, todo, false, f) {
	}
}

// stream runs f over the uploads in their order, at most
// Options.Concurrency at a time, and sends each upload on the channel it
// returns once f is done with it: every one is sent, exactly once, so a
// reader may count them. Once ctx ends no f starts: the uploads not started
// are sent with ctx's error. With firstAlone the first runs alone: WordPress
// makes the month's folder (uploads/YYYY/MM) on the first upload, and two
// requests making it at once fail one of them with a 500 ("Unable to create
// directory"; wp_mkdir_p does not look again). f runs on goroutines of its
// own and must not touch the state.
func (s *Syncer) stream(ctx context.Context, todo []*upload, firstAlone bool, f func(*upload)) <-chan *upload {
	done := make(chan *upload, len(todo)) // room for all: a sender never waits
	sem := s.requestSlots()
	go func() {
		var wg gosync.WaitGroup
		for i, u := range todo {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
			}
			if ctx.Err() != nil {
				u.err = ctx.Err()
				done <- u
				continue
			}
			wg.Add(1)
			go func(u *upload) {
				defer func() { <-sem; wg.Done() }()
				f(u)
				done <- u
			}(u)
			if i == 0 && firstAlone {
				wg.Wait()
			}
		}
		wg.Wait()
		close(done)
	}()
	return done
}

// requestSlots is the semaphore of a stage's requests: the slots the
// uploads and writes of writeAsUploaded share, else a new one.
func (s *Syncer) requestSlots() chan struct{} {
	if s.slots != nil {
		return s.slots
	}
	return make(chan struct{}, s.opts.Concurrency)
}

// uploadOne uploads a file of the plan (see uploadNew). It runs on a
// goroutine of stream's.
func (s *Syncer) uploadOne(ctx context.Context, u *upload) {
	u.media, u.err = s.uploadNew(ctx, u)
	if u.err == nil && (u.media == nil || u.media.ID <= 0 || u.media.URL == "") {
		u.err = errors.New("WordPress answered without the new item's ID or address")
	}
}

// recordUpload records an upload's outcome in the state: the new media
// item, or the site's refusal of the file's type.
func (s *Syncer) recordUpload(ctx context.Context, u *upload) {
	switch {
	case u.err == nil:
		s.recordMedia(u.path, u.media.ID, u.hash, u.media.URL, u.size, u.mtime) // record.go
		s.dropRefused(u.hash)                                                   // record.go
	case refusedError(u.err):
		s.recordRefusal(ctx, u) // svg.go
	}
}

// uploaded settles a job once every upload it waits for is done: it fails
// when one of them failed, and is rendered again with the new addresses.
// It reports whether the job is still to be written; if not, its item is
// final (failed, or unchanged: a job that turns out to send what it sent
// last time).
func (s *Syncer) uploaded(report *Report, j *job, byHash map[string]*upload) bool {
	if j.ext == nil || len(j.ext.uploads) == 0 {
		return true
	}
	var failed error
	for _, p := range sortedKeys(j.ext.uploads) {
		if u := byHash[j.ext.uploads[p].hash]; u.err != nil && s.state.Refused[u.hash] == nil {
			failed = fmt.Errorf("%s: upload %s: %w", j.path, p, u.err)
			break
		}
	}
	if failed == nil {
		if err := s.rerender(j); err != nil {
			failed = err
		} else if len(j.ext.uploads) > 0 {
			failed = fmt.Errorf("%s: %s was uploaded but is still not in the state", j.path, strings.Join(sortedKeys(j.ext.uploads), ", "))
		}
	}
	switch {
	case failed != nil:
		j.item = failedItem(j.item, failed)
	case j.op == ActionUpdate && j.entry != nil && j.entry.Hash == j.hash && !j.adopted:
		// What it sends is what it sent: the pictures are as before.
		j.item.Action, j.item.ID, j.item.Link = ActionUnchanged, j.entry.ID, j.entry.Link
		s.setEntry(j.path, s.keptEntry(j, j.entry)) // record.go
	case j.adopted && j.existing != nil && sameAsSent(j.existing, &j.post):
		// Its pictures tried, an adopted file sends what its post
		// holds: a refused drawing is shown inline again, which the
		// plan could not know before the upload was tried. Without
		// this a run without the state file would rewrite the post.
		j.item.Action = ActionUnchanged
		s.setEntry(j.path, s.entryFor(j, j.existing)) // record.go
	default:
		return true
	}
	s.finish(report, j)
	return false
}

// uploadNew uploads a file findMedia did not find on the site. When the
// answer is lost, the site may have made it: it is looked for again rather
// than uploaded a second time by the next run.
func (s *Syncer) uploadNew(ctx context.Context, u *upload) (*Media, error) {
	m, err := s.pub.Upload(ctx, s.mediaFile(u))
	if err != nil && !definitelyFailed(err) {
		if found, ferr := s.pub.FindMedia(ctx, mediaSlug(u.hash)); ferr == nil && found != nil {
			return found, nil
		}
	}
	return m, err
}

// wouldUpload is what a dry run says of the uploads a job's write needs.
func wouldUpload(j *job) []string {
	if j.ext == nil {
		return nil
	}
	var out []string
	for _, p := range sortedKeys(j.ext.uploads) {
		out = append(out, fmt.Sprintf("would upload %s (%s) to the media library", p, byteSize(j.ext.uploads[p].size)))
	}
	return out
}

// mediaSlug is the slug of a media item holding content with this hash:
// 80 bits of it are plenty to tell a site's files apart.
func mediaSlug(hash string) string {
	return "wpsync-" + strings.TrimPrefix(hash, "sha256:")[:20]
}

// mediaFile describes an upload for the publisher.
func (s *Syncer) mediaFile(u *upload) *MediaFile {
	full := filepath.Join(s.opts.Dir, filepath.FromSlash(u.path))
	return &MediaFile{
		Name:    path.Base(u.path),
		MIME:    mimeType(full),
		Size:    u.size,
		Open:    func() (io.ReadCloser, error) { return os.Open(full) },
		Alt:     u.alt,
		Caption: u.caption,
		Slug:    mediaSlug(u.hash),
	}
}

// mimeType is a file's media type: WordPress's for its extension
// (markdown.MediaType), else the one its first bytes show. WordPress
// judges an upload by its name; the type matters for a file of a kind it
// does not list, which only a user with unfiltered_upload may send.
func mimeType(full string) string {
	if t := markdown.MediaType(full); t != "" {
		return t
	}
	f, err := os.Open(full)
	if err != nil {
		return "application/octet-stream"
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	return http.DetectContentType(head[:n])
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// byteSize formats a size for messages.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
