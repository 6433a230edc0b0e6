package markdown

import (
	"errors"
	"strconv"
	"strings"
)

// ErrEmpty is returned (wrapped with the path) for a file that holds nothing
// but whitespace, so callers can skip it with a warning instead of failing.
var ErrEmpty = errors.New("empty file")

// Error is what Parse returns for bad input; callers use errors.As.
type Error struct {
	Path  string
	Line  int    // 1-based line in the file; 0 when unknown
	Field string // front matter field, "" when not about a field
	Msg   string // what is wrong
	Hint  string // what to do
}

// Error formats the problem the way compilers do, so editors can jump to it:
//
//	posts/x.md:3: front matter field "status": unknown value "publised" (want one of ...)
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Line))
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString("front matter field ")
		b.WriteString(strconv.Quote(e.Field))
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString(" (")
		b.WriteString(e.Hint)
		b.WriteByte(')')
	}
	return b.String()
}
