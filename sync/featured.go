package sync

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/wpsync/wpsync/markdown"
)

// A featured image the folder does not hold is the front matter's, not
// the post's: themes read keys such as image: for other things (Jekyll's
// jekyll-seo-tag reads it as the picture of a link's preview, which need
// not be a file of the folder), and the generator builds the post all the
// same. It is left out with a warning, as an unknown author is, and the
// post is published without a featured image. Where it would be is
// recorded (refMissing), so that the picture saved there later makes the
// post read again, and sets it.

// refMissing is what a reference records for a file the folder does not
// hold (Entry.Refs): current while no file is there.
const refMissing = "-"

// errNoFile marks a reference to a file the folder does not hold.
var errNoFile = errors.New("no such file in the folder")

// missingFile is localFile's error for a file that is not there: the
// reference's error, which is also errNoFile.
type missingFile struct{ err error }

func (m missingFile) Error() string   { return m.err.Error() }
func (m missingFile) Unwrap() []error { return []error{m.err, errNoFile} }

// featuredLeftOut is the warning for a featured image err says is not in
// the folder, and whether err says that.
func featuredLeftOut(err error) (string, bool) {
	var e *markdown.Error
	if !errors.Is(err, errNoFile) || !errors.As(err, &e) {
		return "", false
	}
	return fmt.Sprintf("line %d: %s: the post is published without a featured image (add the picture there, or fix the path)", e.Line, e.Msg), true
}

// leaveOutFeatured warns that the featured image r is not in the folder
// (err, from resolveMedia) and records where it would be; ok is false
// when err says something else.
func (s *Syncer) leaveOutFeatured(j *job, r markdown.Ref, err error) bool {
	w, ok := featuredLeftOut(err)
	if !ok {
		return false
	}
	j.ext.warnOnce(&j.warn, w)
	for _, c := range s.siteCandidates(r) {
		if c != ".." && !strings.HasPrefix(c, "../") {
			j.ext.used[c] = refMissing
		}
	}
	return true
}

// absent reports whether no file is at p, a path of the folder.
func (s *Syncer) absent(p string) bool {
	_, err := os.Lstat(filepath.Join(s.opts.Dir, filepath.FromSlash(p)))
	return errors.Is(err, fs.ErrNotExist)
}
