package markdown

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// oneLineCallout reads a line that is a whole callout component with its
// content, <Aside type title>text</Aside> (Admonition on Docusaurus), as
// the box MDX makes of it: the callout's first line followed, on the same
// line, by its content, which transform (splitOneLine) moves out of the
// title. ok is false for any other line.
func (d *docusaurusDoc) oneLineCallout(i int, prefix, trimmed string) (string, bool) {
	loc := mdxTag.FindStringSubmatchIndex(trimmed)
	if loc == nil || loc[0] != 0 || strings.HasPrefix(trimmed, "</") || loc[6] != loc[7] {
		return "", false
	}
	name := trimmed[loc[2]:loc[3]]
	end := "</" + name + ">"
	if !d.calloutTag(name) || !strings.HasSuffix(trimmed, end) {
		return "", false
	}
	content := strings.TrimSpace(trimmed[loc[1] : len(trimmed)-len(end)])
	if strings.Contains(content, "<"+name) || strings.Contains(content, end) {
		return "", false // nested: not one box
	}
	attrs := jsxAttrs(trimmed[loc[4]:loc[5]])
	kind := attrs["type"]
	if kind == "" {
		kind = "note"
	}
	open := d.openCallout(i, prefix, kind, attrs["title"])
	if content == "" {
		return open, true
	}
	d.oneLine[i] = len(open) + 1
	return open + " " + d.expressions(i, d.inlineJSX(i, content)), true
}

// splitOneLine ends the title of a one-line callout's paragraph p (its
// first line starts at lineStart of src) where the content begins, as a
// line break would: callout takes the title up to it.
func (d *docusaurusDoc) splitOneLine(p *ast.Paragraph, lineStart, col int) {
	at := lineStart + col
	for n := p.FirstChild(); n != nil; n = n.NextSibling() {
		t, ok := n.(*ast.Text)
		if !ok {
			if s := firstTextStart(n); s >= at {
				brk := ast.NewTextSegment(text.NewSegment(at, at))
				brk.SetSoftLineBreak(true)
				p.InsertBefore(p, n, brk)
				return
			}
			continue
		}
		if t.Segment.Start < at && t.Segment.Stop > at {
			rest := ast.NewTextSegment(text.NewSegment(at, t.Segment.Stop))
			rest.SetSoftLineBreak(t.SoftLineBreak())
			rest.SetHardLineBreak(t.HardLineBreak())
			t.Segment = text.NewSegment(t.Segment.Start, at)
			t.SetSoftLineBreak(true)
			t.SetHardLineBreak(false)
			p.InsertAfter(p, t, rest)
			return
		}
		if t.Segment.Start >= at {
			brk := ast.NewTextSegment(text.NewSegment(at, at))
			brk.SetSoftLineBreak(true)
			p.InsertBefore(p, n, brk)
			return
		}
	}
}

// firstTextStart is where the first text within n starts in the source;
// -1 when it has none.
func firstTextStart(n ast.Node) int {
	start := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			start = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return start
}

// mdxExpr is an MDX expression in text: {…}, one level of braces within.
var mdxExpr = regexp.MustCompile(`\{((?:[^{}]|\{[^{}]*\})*)\}`)

// frontMatterRef is the front matter's field an expression names:
// Astro's frontmatter.x, Docusaurus's frontMatter.x (the object each
// exports to the MDX file).
var frontMatterRef = regexp.MustCompile(`^\s*(frontmatter|frontMatter)\.([A-Za-z_$][\w$]*)\s*$`)

// expressions replaces the MDX expressions of a line, outside code spans
// and math, that name a front matter field whose value is a string or a
// number by that value (as text, its Markdown escaped); every other
// expression is JavaScript wpsync does not run: it stays as written, with
// a warning naming its line.
func (d *docusaurusDoc) expressions(i int, line string) string {
	if !strings.Contains(line, "{") {
		return line
	}
	parts := strings.Split(line, "`")
	for k := 0; k < len(parts); k += 2 {
		math := strings.Split(parts[k], "$")
		for j := range math {
			if j%2 == 1 && j < len(math)-1 {
				continue // between $ … $: math's braces
			}
			math[j] = d.replaceExprs(i, math[j])
		}
		parts[k] = strings.Join(math, "$")
	}
	return strings.Join(parts, "`")
}

func (d *docusaurusDoc) replaceExprs(i int, s string) string {
	locs := mdxExpr.FindAllStringSubmatchIndex(s, -1)
	var b strings.Builder
	last := 0
	for _, loc := range locs {
		expr := s[loc[2]:loc[3]]
		if loc[0] > 0 && s[loc[0]-1] == '\\' || strings.HasPrefix(expr, "#") || strings.TrimSpace(expr) == "" {
			continue // escaped, a heading id, or empty: not an expression
		}
		b.WriteString(s[last:loc[0]])
		last = loc[1]
		if v, ok := d.frontMatterValue(expr); ok {
			b.WriteString(escapeMarkdown(v))
			continue
		}
		b.WriteString(s[loc[0]:loc[1]])
		d.refs.warn(fmt.Sprintf("mdx:expr:%d:%s", i, expr), fmt.Sprintf("line %d: MDX expression {%s} is not run (it is JavaScript): it is shown as written; write its value instead", d.refs.bodyLine+i+1, strings.TrimSpace(expr)))
	}
	b.WriteString(s[last:])
	return b.String()
}

// frontMatterValue is the text of the front matter field expr names, when
// it is a string or a number.
func (d *docusaurusDoc) frontMatterValue(expr string) (string, bool) {
	m := frontMatterRef.FindStringSubmatch(expr)
	want := "frontMatter"
	if d.mdxOnly {
		want = "frontmatter"
	}
	if m == nil || m[1] != want {
		return "", false
	}
	switch v := d.frontMatter[m[2]].(type) {
	case string:
		return v, true
	case int:
		return strconv.Itoa(v), true
	case int64:
		return strconv.FormatInt(v, 10), true
	case uint64:
		return strconv.FormatUint(v, 10), true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	}
	return "", false
}

// escapeMarkdown backslash-escapes ASCII punctuation, which CommonMark
// allows before any of it: the value is text, as JSX shows it.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 128 && strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
