package markdown

import (
	"bytes"
	"fmt"

	"github.com/adrg/frontmatter"
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
	// lastKeyWins takes a key given twice at its last value, with a
	// warning in warnings (SiteRules.LastKeyWins).
	lastKeyWins bool
	warnings    []string
}

// fileLine converts a 1-based line within the front matter to a file line.
func (fm *frontMatter) fileLine(rawLine int) int {
	if rawLine <= 0 {
		return 0
	}
	return fm.lineBase + rawLine
}

// captured receives the front matter block from adrg/frontmatter. We let that
// package find the delimiters (Hugo and Jekyll rules) but decode ourselves, so
// errors carry line numbers and YAML keeps the raw text of dates.
type captured struct {
	format string
	raw    []byte
}

func capture(format string) frontmatter.UnmarshalFunc {
	return func(data []byte, v any) error {
		c := v.(*captured)
		c.format, c.raw = format, data
		return nil
	}
}

// fmFormats are adrg/frontmatter's default delimiters with our capture.
var fmFormats = []*frontmatter.Format{
	frontmatter.NewFormat("---", "---", capture(formatYAML)),
	frontmatter.NewFormat("---yaml", "---", capture(formatYAML)),
	frontmatter.NewFormat("+++", "+++", capture(formatTOML)),
	frontmatter.NewFormat("---toml", "---", capture(formatTOML)),
	frontmatter.NewFormat(";;;", ";;;", capture(formatJSON)),
	frontmatter.NewFormat("---json", "---", capture(formatJSON)),
	// Hugo's JSON front matter: the object itself, delimiters included,
	// ended by a "}" line that is followed by a blank line or the end.
	{Start: "{", End: "}", Unmarshal: capture(formatJSON), UnmarshalDelims: true, RequiresNewLine: true},
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
	opener, openLine := "", 0
	for off, line := 0, 1; off < len(src); line++ {
		end := bytes.IndexByte(src[off:], '\n')
		next := len(src)
		if end >= 0 {
			next = off + end + 1
		}
		if t := bytes.TrimSpace(src[off:next]); len(t) > 0 {
			if _, ok := closingHint[string(t)]; ok {
				opener, openLine = string(t), line
			}
			break
		}
		off = next
	}
	if opener == "" {
		return nil, src, nil
	}

	parsed := src
	if opener == "---" {
		parsed = dotsCloser(src, openLine)
	}
	var c captured
	rest, err := frontmatter.Parse(bytes.NewReader(parsed), &c, fmFormats...)
	if err != nil {
		// Our unmarshal never fails and the reader is in memory.
		return nil, nil, fmt.Errorf("split front matter: %w", err)
	}
	if c.format == "" {
		return nil, nil, &Error{
			Path: path,
			Line: openLine,
			Msg:  fmt.Sprintf("front matter opened on line %d is never closed", openLine),
			Hint: closingHint[opener],
		}
	}
	// rest is a copy of the tail of src; slice src instead so the body
	// shares the caller's memory.
	body = src[len(src)-len(rest):]
	fm = &frontMatter{format: c.format, raw: c.raw, lineBase: openLine}
	if opener == "{" {
		fm.lineBase = openLine - 1 // the raw JSON starts on the opening line
	}
	return fm, body, nil
}

// dotsCloser lets YAML front matter opened with --- on line openLine end
// with a ... line (YAML's document end marker, which pandoc writes), as Jekyll
// (YAML_FRONT_MATTER_REGEXP) and Hugo accept: when the first line after the
// opener that is --- or ... is ..., it returns a copy of src with that line's
// dots turned into dashes, so adrg/frontmatter closes the block there. The
// copy has the same length, so offsets into it are offsets into src.
func dotsCloser(src []byte, openLine int) []byte {
	for off, line := 0, 1; off < len(src); line++ {
		end := bytes.IndexByte(src[off:], '\n')
		next := len(src)
		if end >= 0 {
			next = off + end + 1
		}
		if line > openLine {
			switch string(bytes.TrimSpace(src[off:next])) {
			case "---":
				return src
			case "...":
				out := bytes.Clone(src)
				i := off + bytes.Index(src[off:next], []byte("..."))
				copy(out[i:], "---")
				return out
			}
		}
		off = next
	}
	return src
}
