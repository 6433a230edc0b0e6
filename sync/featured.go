package sync

import (
	"errors"
	"fmt"

	"github.com/wpsync/wpsync/markdown"
)

// A featured image the folder does not hold is the front matter's, not
// the post's: themes read keys such as image: for other things (Jekyll's
// jekyll-seo-tag reads it as the picture of a link's preview, which need
// not be a file of the folder), and the generator builds the post all the
// same. It is left out with a warning, as an unknown author is, and the
// post is published without a featured image.

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
