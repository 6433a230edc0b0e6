package markdown

import (
	"bytes"
	"errors"
	"os"
	"regexp"
	"testing"

	"github.com/adrg/frontmatter"
)

// jekyllYAML finds the closing line of YAML front matter opened by a "---"
// line (the first non-blank one), after Jekyll's YAML_FRONT_MATTER_REGEXP,
// with lines trimmed as adrg/frontmatter trims them: group 1 is the closer.
var jekyllYAML = regexp.MustCompile(`\A(?:` + ws + `*\n)*` + ws + `*---` + ws + `*\n(?:[^\n]*\n)*?` + ws + `*(---|\.\.\.)` + ws + `*(?:\n|\z)`)

// ws is a character unicode.IsSpace accepts, but a newline.
const ws = `[\t\v\f\r \x{85}\p{Z}]`

// adrgSplit finds front matter with adrg/frontmatter, whose rules
// splitFrontMatter follows, plus Jekyll's ... closer.
func adrgSplit(src []byte) (format string, raw, body []byte) {
	type captured struct {
		format string
		raw    []byte
	}
	capture := func(format string) frontmatter.UnmarshalFunc {
		return func(data []byte, v any) error {
			c := v.(*captured)
			c.format, c.raw = format, data
			return nil
		}
	}
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", capture(formatYAML)),
		frontmatter.NewFormat("---yaml", "---", capture(formatYAML)),
		frontmatter.NewFormat("+++", "+++", capture(formatTOML)),
		frontmatter.NewFormat("---toml", "---", capture(formatTOML)),
		frontmatter.NewFormat(";;;", ";;;", capture(formatJSON)),
		frontmatter.NewFormat("---json", "---", capture(formatJSON)),
		{Start: "{", End: "}", Unmarshal: capture(formatJSON), UnmarshalDelims: true, RequiresNewLine: true},
	}
	// Jekyll's rule on top: YAML opened with --- may close with ... (the
	// first of the two closes it).
	parsed := src
	if m := jekyllYAML.FindSubmatchIndex(src); m != nil && string(src[m[2]:m[3]]) == "..." {
		parsed = bytes.Clone(src)
		copy(parsed[m[2]:], "---")
	}
	var c captured
	rest, err := frontmatter.Parse(bytes.NewReader(parsed), &c, formats...)
	if err != nil {
		panic(err)
	}
	return c.format, c.raw, rest
}

// FuzzSplitFrontMatter checks that splitFrontMatter finds the same front
// matter and body as adrg/frontmatter.
func FuzzSplitFrontMatter(f *testing.F) {
	for _, md := range goldenFiles(f) {
		src, err := os.ReadFile(md)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, s := range []string{
		"", "---", "---\n", "---\n---", "---\n---\n", "\n \n---\ntitle: x\n---\nbody", "---\ntitle: x\n", "+++\na = 1\n+++\n",
		"---yaml\na: 1\n---\nb", "---toml\na = 1\n---", ";;;\n{}\n;;;\n", "---json\n{}\n---\n",
		"{\n\"a\": 1\n}\n\nbody", "{\n\"a\": 1\n}\nbody\n}\n", "{\n\"a\": 1\n}\n}\n\nx", "{\n}", "{\n}\n", "{\n}\n  \nx",
		"  ---  \n a \n ---  \nx", "---\na: 1\n...\nbody", "---\na: 1\n ... \nb\n---\nc", "---\n...\n", "---\na: 1\n---\nb\n...\n", "+++\na = 1\n...\n+++\n", "---yaml\na: 1\n...\n---\n", "---\r\na\r\n---\r\n", "{", "{\n\"a\": {\n}\n}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		format, raw, rest := adrgSplit(src)
		fm, body, err := splitFrontMatter("x.md", src)
		var e *Error
		switch {
		case err != nil && errors.As(err, &e) && format == "":
			// Opened and never closed: adrg/frontmatter finds nothing.
		case err != nil:
			t.Fatalf("splitFrontMatter: %v; adrg/frontmatter found %s %q", err, format, raw)
		case fm == nil:
			if format != "" || !bytes.Equal(body, src) {
				t.Fatalf("no front matter found, adrg/frontmatter found %s %q", format, raw)
			}
		case fm.format != format || !bytes.Equal(fm.raw, raw) || !bytes.Equal(body, rest):
			t.Fatalf("found %s %q, body %q; adrg/frontmatter found %s %q, body %q", fm.format, fm.raw, body, format, raw, rest)
		}
	})
}
