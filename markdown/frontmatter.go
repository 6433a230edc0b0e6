package markdown

import (
	"bytes"
	"fmt"
	"slices"
)

// Front matter syntaxes, named as users know them (used in messages).
const (
	formatYAML = "YAML"
	formatTOML = "TOML"
	formatJSON = "JSON"
)

// frontMatter is the raw front matter block of one file.
type frontMatter struct {
	format string
	raw    []byte // the text between the delimiters (JSON: including braces)
	// lineBase is added to a 1-based line within raw to get the file line.
	lineBase int
}

// fileLine converts a 1-based line within the front matter to a file line.
func (fm *frontMatter) fileLine(rawLine int) int {
	if rawLine <= 0 {
		return 0
	}
	return fm.lineBase + rawLine
}

// fmFormat is one way to delimit front matter. The delimiters and the rules
// for finding them are adrg/frontmatter's (Hugo's and Jekyll's), found here
// without its copy of the file (frontmatter_test.go checks that both agree).
type fmFormat struct {
	start, end string // the opening and closing lines, blanks trimmed
	format     string
	delims     bool // the delimiters are part of the front matter (JSON objects)
	newLine    bool // the closing line must be followed by a blank line or the end
}

var fmFormats = []fmFormat{
	{start: "---", end: "---", format: formatYAML},
	{start: "---yaml", end: "---", format: formatYAML},
	{start: "+++", end: "+++", format: formatTOML},
	{start: "---toml", end: "---", format: formatTOML},
	{start: ";;;", end: ";;;", format: formatJSON},
	{start: "---json", end: "---", format: formatJSON},
	// Hugo's JSON front matter: the object itself, delimiters included,
	// ended by a "}" line that is followed by a blank line or the end.
	{start: "{", end: "}", format: formatJSON, delims: true, newLine: true},
}

// closingHint says how to close front matter opened with a given line.
var closingHint = map[string]string{
	"---":     "add a closing --- line",
	"---yaml": "add a closing --- line",
	"---toml": "add a closing --- line",
	"---json": "add a closing --- line",
	"+++":     "add a closing +++ line",
	";;;":     "add a closing ;;; line",
	"{":       "end the JSON object with a } line followed by a blank line",
}

// splitFrontMatter separates the front matter from the body. fm is nil when
// the file has none.
func splitFrontMatter(path string, src []byte) (fm *frontMatter, body []byte, err error) {
	// Find the opening line the same way adrg/frontmatter does (first
	// non-blank line, trimmed), so we know its line number and can tell
	// "no front matter" from "front matter never closed".
	opener, openLine, openStart, openEnd := "", 0, 0, 0
	for off, line := 0, 1; off < len(src); line++ {
		end := bytes.IndexByte(src[off:], '\n')
		next := len(src)
		if end >= 0 {
			next = off + end + 1
		}
		if t := bytes.TrimSpace(src[off:next]); len(t) > 0 {
			// A last line without a newline opens nothing: "never closed".
			if _, ok := closingHint[string(t)]; ok {
				opener, openLine, openStart, openEnd = string(t), line, off, next
				if end < 0 {
					openEnd = -1
				}
			}
			break
		}
		off = next
	}
	if opener == "" {
		return nil, src, nil
	}

	f := fmFormats[slices.IndexFunc(fmFormats, func(f fmFormat) bool { return f.start == opener })]
	raw, end, ok := f.find(src, openStart, openEnd)
	if !ok {
		return nil, nil, &Error{
			Path: path,
			Line: openLine,
			Msg:  fmt.Sprintf("front matter opened on line %d is never closed", openLine),
			Hint: closingHint[opener],
		}
	}
	body = src[end:]
	fm = &frontMatter{format: f.format, raw: raw, lineBase: openLine}
	if opener == "{" {
		fm.lineBase = openLine - 1 // the raw JSON starts on the opening line
	}
	return fm, body, nil
}

// find returns the front matter opened by the line src[openStart:openEnd]
// (openEnd -1: that line ends the file without a newline) and the offset of
// the body; ok is false when it is never closed.
func (f fmFormat) find(src []byte, openStart, openEnd int) (raw []byte, end int, ok bool) {
	if openEnd < 0 {
		return nil, 0, false
	}
	start := openEnd
	if f.delims {
		start = openStart
	}
	// line reads the line at off, blanks trimmed; last is set when it has
	// no newline (an empty last "line" at the very end included).
	line := func(off int) (text []byte, next int, last bool) {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return bytes.TrimSpace(src[off:]), len(src), true
		}
		return bytes.TrimSpace(src[off : off+i+1]), off + i + 1, false
	}
	for off := openEnd; ; {
		closing := off
		text, next, last := line(off)
		off = next
		found := false
		for string(text) == f.end {
			if !f.newLine {
				found = true
				break
			}
			// The line after the closing one must be blank; if it is
			// not, it may close the front matter itself.
			if text, off, last = line(off); len(text) == 0 {
				found = true
				break
			}
		}
		if !found {
			if last {
				return nil, 0, false
			}
			continue
		}
		if f.delims {
			return src[start:off], off, true
		}
		return src[start:closing], off, true
	}
}
