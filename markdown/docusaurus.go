package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"
)

// Docusaurus's Markdown (docusaurus.io/docs/markdown-features): MDX, whose
// import and export lines and JSX components run in the browser, and
// Docusaurus's own admonitions (:::note … :::), heading ids
// (## Title {#id}) and <!-- truncate --> marker.
//
// No maintained Go parser of MDX exists (the MDX project's parsers are
// JavaScript: micromark's mdx extensions), so the body is read by a
// line scanner, outside fenced code, that turns what Docusaurus runs into
// the Markdown wpsync reads — keeping every line where it was, so that
// messages name the file's lines — and goldmark then parses the result:
//   - import and export statements: removed;
//   - an admonition (:::type, :::type Title, :::type[Title], nested with
//     more colons) and <Admonition type title>: a quote that the AST pass
//     makes the Callout node the Obsidian dialect makes (obsidian_syntax.go);
//   - <Tabs>/<TabItem label>: each tab a section, its label a heading one
//     level below the heading before it;
//   - <!-- truncate --> and {/* truncate */}: the more tag;
//   - {/* comments */}: removed; JSX attribute values in braces
//     (style={{…}}) left out of HTML tags, className read as class;
//   - <Link to>: a link; <Link id>: an anchor (in a heading, the
//     heading's id); another component: its tag left out, its content
//     kept, and one warning per component names it with its line;
//   - <details> with a <summary> line: a foldable box (a Details block);
//   - {#id} at a heading's end: the heading's anchor (the AST pass);
//   - a picture imported by name (import hero from './hero.png') as the
//     src={hero} of an <img>, and of Astro's <Image> and <Picture>
//     (an image of Markdown).
//
// This file owns MDX for every adapter: an Astro site's .mdx file
// (SiteRules.MDX, mdxOnly) is read by the same scanner without what is
// Docusaurus's own (admonitions, heading ids, the truncate marker, <Link>
// and <Admonition>), and with Starlight's <Aside type title> (Astro's
// docs theme) as its callout.

// docusaurusDoc is the state of one Docusaurus file while it is read.
type docusaurusDoc struct {
	refs      *refCollector
	callouts  map[int]bool   // lines (0-based, of the body) where an admonition's quote starts
	anchors   map[int]string // lines of headings with an {#id}
	warnedTag map[string]bool
	links     []bool // the <Link> tags open: whether each became an <a>
	// mdxOnly: MDX alone, as Astro reads an .mdx file (SiteRules.MDX).
	mdxOnly bool
	// images are the pictures imported by name (import hero from
	// './hero.png'): their paths, by name.
	images map[string]string
	// oneLine are the lines of one-line callouts (mdxinline.go): where,
	// in the line, the content after the title starts.
	oneLine map[int]int
	// frontMatter is the file's front matter, which MDX's expressions
	// may name.
	frontMatter map[string]any
}

var (
	// imageImport is the import of a picture under a name.
	imageImport = regexp.MustCompile(`^import[ \t]+([\w$]+)[ \t]+from[ \t]*['"]([^'"]+\.(?i:png|jpe?g|gif|webp|avif|svg))['"]`)
	// srcExpr is a src attribute set to a name: src={hero}.
	srcExpr = regexp.MustCompile(`(\s)src=\{\s*([\w$]+)(?:\.src)?\s*\}`)
)

// importedSrc gives src={name} of a tag the path of the picture imported
// as name; other attributes are left as they are.
func (d *docusaurusDoc) importedSrc(tag string) string {
	return srcExpr.ReplaceAllStringFunc(tag, func(a string) string {
		m := srcExpr.FindStringSubmatch(a)
		if p, ok := d.images[m[2]]; ok {
			return m[1] + `src="` + p + `"`
		}
		return a
	})
}

// picture is Astro's <Image> or <Picture> (astro:assets) with a src and
// alt as a Markdown image; "" when its src is not known.
func (d *docusaurusDoc) picture(name, attrs string) string {
	if !d.mdxOnly || name != "Image" && name != "Picture" {
		return ""
	}
	a := jsxAttrs(d.importedSrc(" " + attrs))
	if a["src"] == "" {
		return ""
	}
	alt := strings.NewReplacer("[", `\[`, "]", `\]`).Replace(a["alt"])
	return "![" + alt + "](<" + a["src"] + ">)"
}

// calloutTag is the component that is a callout box: Docusaurus's
// <Admonition>, Starlight's <Aside> on an Astro site.
func (d *docusaurusDoc) calloutTag(name string) bool {
	if d.mdxOnly {
		return name == "Aside"
	}
	return name == "Admonition"
}

var (
	admonitionOpen  = regexp.MustCompile(`^(:{3,})[ \t]*([A-Za-z][\w-]*)(?:\[(.*)\]|[ \t]+(.*?))?[ \t]*$`)
	admonitionClose = regexp.MustCompile(`^(:{3,})[ \t]*$`)
	headingAnchor   = regexp.MustCompile(`^( {0,3}#{1,6}[ \t].*?)[ \t]*\\?\{#([^{}\s]+)\}[ \t]*$`)
	atxHeading      = regexp.MustCompile(`^ {0,3}(#{1,6})[ \t]`)
	fenceOpen       = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")
	esmImport       = regexp.MustCompile(`^import[ \t]+(?:['"]|.*\bfrom[ \t]*['"]|[\w$]*[ \t]*,?[ \t]*\{[^}]*$|\*[ \t]+as[ \t])`)
	esmExport       = regexp.MustCompile(`^export[ \t]+(?:const|let|var|function|async|class|default|\{|\*)`)
	detailsOpen     = regexp.MustCompile(`^<details(\s+open)?\s*>$`)
	summaryLine     = regexp.MustCompile(`^<summary>(.*)</summary>$`)
	truncateLine    = regexp.MustCompile(`^[ \t]*(?:<!--[ \t]*truncate[ \t]*-->|\{/\*[ \t]*truncate[ \t]*\*/\})[ \t]*$`)
	mdxComment      = regexp.MustCompile(`(?s)\{/\*.*?\*/\}`)
	// mdxTag is a JSX element's opening, closing or self-closing tag
	// whose name is capitalised (a component), with its attributes.
	mdxTag = regexp.MustCompile(`</?([A-Z][\w.]*)((?:\s+[\w:.-]+(?:=(?:"[^"]*"|'[^']*'|\{(?:[^{}]|\{[^{}]*\})*\}))?)*)\s*(/?)>`)
	// jsxExprAttr is an attribute whose value is a JavaScript expression,
	// in an HTML tag (style={{…}}): HTML has no such value.
	jsxExprAttr = regexp.MustCompile(`\s+[\w:-]+=\{(?:[^{}]|\{[^{}]*\})*\}`)
	htmlTagOpen = regexp.MustCompile(`<[a-z][\w-]*\b[^<>]*?(?:\{(?:[^{}]|\{[^{}]*\})*\}[^<>]*?)*/?>`)
	jsxAttr     = regexp.MustCompile(`([\w:.-]+)(?:=(?:"([^"]*)"|'([^']*)'|\{(?:"([^"]*)"|'([^']*)'|[^{}]*)\}))?`)
)

// jsxAttrs reads a tag's attributes: name → text value ("" for a bare
// attribute or an expression other than a string).
func jsxAttrs(s string) map[string]string {
	m := map[string]string{}
	for _, a := range jsxAttr.FindAllStringSubmatch(s, -1) {
		m[a[1]] = a[2] + a[3] + a[4] + a[5]
	}
	return m
}

// source turns the body's Docusaurus syntax into Markdown, line for line.
func (d *docusaurusDoc) source(src []byte) []byte {
	src = d.blankComments(src)
	lines := strings.Split(string(src), "\n")
	var stack []int // colons of the open admonitions, innermost last
	fence := ""     // the open fence's marker
	heading := 2    // the level of the last heading
	esm := 0        // open braces of an import or export being removed
	inESM := false
	skip := false // the line was written with the one before
	for i, line := range lines {
		if skip {
			skip = false
			continue
		}
		prefix := strings.Repeat("> ", len(stack))
		if fence != "" {
			if m := fenceOpen.FindStringSubmatch(line); m != nil && strings.HasPrefix(m[1], fence) && strings.TrimSpace(line[len(m[0]):]) == "" {
				fence = ""
			}
			lines[i] = prefix + line
			continue
		}
		if inESM {
			esm += strings.Count(line, "{") - strings.Count(line, "}")
			if esm <= 0 && (strings.Contains(line, "from") || strings.HasSuffix(strings.TrimSpace(line), ";") || strings.TrimSpace(line) == "}") {
				inESM = false
			}
			lines[i] = ""
			continue
		}
		if m := fenceOpen.FindStringSubmatch(line); m != nil {
			fence = m[1][:3]
			lines[i] = prefix + line
			continue
		}
		trimmed := strings.TrimSpace(line)
		switch {
		case len(stack) == 0 && (esmImport.MatchString(line) || esmExport.MatchString(line)):
			if m := imageImport.FindStringSubmatch(line); m != nil {
				d.images[m[1]] = m[2] // a picture the body names by the variable
			}
			esm = strings.Count(line, "{") - strings.Count(line, "}")
			inESM = esm > 0 || (strings.HasPrefix(line, "import") && !strings.Contains(line, "from") && !strings.ContainsAny(line, `'"`))
			lines[i] = ""
			continue
		case d.mdxOnly:
		case truncateLine.MatchString(line):
			lines[i] = prefix + "<!--more-->"
			continue
		}
		if m := admonitionOpen.FindStringSubmatch(trimmed); m != nil && !d.mdxOnly {
			lines[i] = d.openCallout(i, prefix, m[2], m[3]+m[4])
			stack = append(stack, len(m[1]))
			continue
		}
		if m := admonitionClose.FindStringSubmatch(trimmed); m != nil && len(stack) > 0 {
			stack = closeCallout(stack, len(m[1]))
			lines[i] = strings.TrimSpace(strings.Repeat("> ", len(stack)))
			continue
		}
		// <details> with its <summary> on the next line: a foldable box
		// (a Details block), as Docusaurus shows it.
		if m := detailsOpen.FindStringSubmatch(trimmed); m != nil && i+1 < len(lines) {
			if sm := summaryLine.FindStringSubmatch(strings.TrimSpace(lines[i+1])); sm != nil {
				fold := "-"
				if m[1] != "" {
					fold = "+"
				}
				d.callouts[i] = true
				lines[i] = prefix + "> [!details]" + fold + " " + strings.TrimSpace(sm[1])
				lines[i+1] = prefix + ">"
				stack = append(stack, 0)
				skip = true
				continue
			}
		}
		if trimmed == "</details>" && len(stack) > 0 && stack[len(stack)-1] == 0 {
			stack = stack[:len(stack)-1]
			lines[i] = strings.TrimSpace(strings.Repeat("> ", len(stack)))
			continue
		}
		if m := headingAnchor.FindStringSubmatch(line); m != nil && !d.mdxOnly {
			line = m[1]
			d.anchors[i] = m[2]
		}
		if m := atxHeading.FindStringSubmatch(line); m != nil {
			heading = len(m[1])
		}
		if out, ok := d.oneLineCallout(i, prefix, trimmed); ok {
			lines[i] = out
			continue
		}
		// Components: a line that is one tag of Tabs, TabItem or
		// Admonition is a section's or a box's edge.
		if m := mdxTag.FindStringSubmatch(trimmed); m != nil && m[0] == trimmed {
			closing := strings.HasPrefix(trimmed, "</")
			attrs := jsxAttrs(m[2])
			name := m[1]
			if d.calloutTag(name) {
				name = "Admonition"
			} else if name == "Admonition" {
				name = "" // another component on an Astro site
			}
			switch name {
			case "Tabs":
				lines[i] = strings.TrimSpace(prefix)
				continue
			case "TabItem":
				lines[i] = strings.TrimSpace(prefix)
				if !closing {
					label := attrs["label"]
					if label == "" {
						label = attrs["value"]
					}
					if label != "" {
						lines[i] = prefix + strings.Repeat("#", min(heading+1, 6)) + " " + label
					}
				}
				continue
			case "Admonition":
				if closing {
					if len(stack) > 0 {
						stack = stack[:len(stack)-1]
					}
					lines[i] = strings.TrimSpace(strings.Repeat("> ", len(stack)))
				} else {
					kind := attrs["type"]
					if kind == "" {
						kind = "note"
					}
					lines[i] = d.openCallout(i, prefix, kind, attrs["title"])
					stack = append(stack, 0)
				}
				continue
			}
		}
		lines[i] = prefix + d.expressions(i, d.inlineJSX(i, line))
	}
	return []byte(strings.Join(lines, "\n"))
}

// openCallout is the first line of an admonition's quote.
func (d *docusaurusDoc) openCallout(i int, prefix, kind, title string) string {
	d.callouts[i] = true
	return strings.TrimRight(prefix+"> [!"+strings.ToLower(kind)+"] "+strings.TrimSpace(title), " ")
}

// closeCallout closes the admonition a fence of n colons ends: the
// innermost of that many colons, with those inside it; the innermost when
// none has as many.
func closeCallout(stack []int, n int) []int {
	for j := len(stack) - 1; j >= 0; j-- {
		if stack[j] == n {
			return stack[:j]
		}
	}
	return stack[:len(stack)-1]
}

// inlineJSX rewrites the components within a line outside code spans.
func (d *docusaurusDoc) inlineJSX(i int, line string) string {
	if !strings.Contains(line, "<") {
		return line
	}
	parts := strings.Split(line, "`")
	for k := 0; k < len(parts); k += 2 { // the parts between code spans
		p := htmlTagOpen.ReplaceAllStringFunc(parts[k], func(tag string) string {
			tag = jsxExprAttr.ReplaceAllString(d.importedSrc(tag), "")
			return strings.Replace(tag, " className=", " class=", 1)
		})
		parts[k] = mdxTag.ReplaceAllStringFunc(p, func(tag string) string {
			m := mdxTag.FindStringSubmatch(tag)
			closing := strings.HasPrefix(tag, "</")
			attrs := jsxAttrs(m[2])
			if img := d.picture(m[1], m[2]); img != "" {
				return img
			}
			link := m[1] == "Link" && !d.mdxOnly
			switch {
			case link:
				return d.link(i, line, attrs, closing, m[3] != "")
			case m[1] == "Tabs", m[1] == "TabItem", d.calloutTag(m[1]):
				return ""
			}
			if !d.warnedTag[m[1]] {
				d.warnedTag[m[1]] = true
				d.refs.warn("mdx:"+m[1], fmt.Sprintf("line %d: MDX component <%s> is not run (it is JavaScript): its tag is left out, its content kept; write its output as Markdown", d.refs.bodyLine+i+1, m[1]))
			}
			return ""
		})
	}
	return strings.Join(parts, "`")
}

// link is what a <Link> tag of line i becomes: with to or href, a link;
// with only an id (a place to link to), in a heading the heading's anchor
// (as {#id} would be, unless it has one), elsewhere an <a id>; else its
// tag is left out, its text kept, with a warning. A closing tag closes
// what its opening tag became.
func (d *docusaurusDoc) link(i int, line string, attrs map[string]string, closing, selfClosing bool) string {
	if closing {
		if n := len(d.links); n > 0 {
			open := d.links[n-1]
			d.links = d.links[:n-1]
			if open {
				return "</a>"
			}
		}
		return ""
	}
	var out string
	switch to := attrs["to"] + attrs["href"]; {
	case to != "":
		out = `<a href="` + to + `">`
	case attrs["id"] != "" && atxHeading.MatchString(line) && d.anchors[i] == "":
		d.anchors[i] = attrs["id"] // transform gives the heading its id
	case attrs["id"] != "":
		out = `<a id="` + attrs["id"] + `">`
	default:
		what := "names no address (to or href)"
		if _, ok := attrs["to"]; ok {
			what = "has an address wpsync cannot read (a JavaScript expression)"
		} else if _, ok := attrs["href"]; ok {
			what = "has an address wpsync cannot read (a JavaScript expression)"
		}
		d.refs.warn(fmt.Sprintf("mdx:Link:%d:%s", i, what), fmt.Sprintf("line %d: <Link> %s: its tag is left out, its text kept; write it as a Markdown link", d.refs.bodyLine+i+1, what))
	}
	if selfClosing {
		if out != "" {
			return out + "</a>"
		}
		return ""
	}
	d.links = append(d.links, out != "")
	return out
}

// blankComments removes {/* … */} comments outside code (but the
// truncate marker), and the expression attributes of HTML tags that span
// lines, keeping their line breaks.
func (d *docusaurusDoc) blankComments(src []byte) []byte {
	if !bytes.Contains(src, []byte("{")) {
		return src
	}
	code := codeRanges(src) // hugo.go
	inCode := func(off int) bool { return inRanges(code, off) }
	var out bytes.Buffer
	last := 0
	for _, loc := range mdxComment.FindAllIndex(src, -1) {
		m := src[loc[0]:loc[1]]
		if inCode(loc[0]) || truncateLine.Match(m) && !d.mdxOnly {
			continue
		}
		out.Write(src[last:loc[0]])
		out.Write(bytes.Repeat([]byte("\n"), bytes.Count(m, []byte("\n"))))
		last = loc[1]
	}
	out.Write(src[last:])
	src = out.Bytes()
	code = codeRanges(src)
	out = bytes.Buffer{}
	last = 0
	for _, loc := range htmlTagOpen.FindAllIndex(src, -1) {
		m := src[loc[0]:loc[1]]
		if inCode(loc[0]) || !bytes.Contains(m, []byte("\n")) {
			continue
		}
		out.Write(src[last:loc[0]])
		// The tag stays whole (a blank line would end it); the lines
		// its attributes took follow it.
		tag := jsxExprAttr.ReplaceAll(m, nil)
		out.Write(tag)
		out.Write(bytes.Repeat([]byte("\n"), bytes.Count(m, []byte("\n"))-bytes.Count(tag, []byte("\n"))))
		last = loc[1]
	}
	out.Write(src[last:])
	return out.Bytes()
}

// transform makes the quotes the scanner wrote callouts, and gives
// headings their {#id} (called on every parse of the body).
func (d *docusaurusDoc) transform(doc ast.Node, src []byte) {
	lineOf := func(off int) int { return bytes.Count(src[:off], []byte("\n")) }
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Blockquote:
			if p, ok := n.FirstChild().(*ast.Paragraph); ok && p.Lines().Len() > 0 && d.callouts[lineOf(p.Lines().At(0).Start)] {
				start := p.Lines().At(0).Start
				if col, ok := d.oneLine[lineOf(start)]; ok {
					d.splitOneLine(p, bytes.LastIndexByte(src[:start], '\n')+1, col)
				}
				quotes = append(quotes, n)
			}
		case *ast.Heading:
			if n.Lines().Len() > 0 {
				if id, ok := d.anchors[lineOf(n.Lines().At(0).Start)]; ok {
					n.SetAttributeString("id", []byte(id))
				}
			}
		}
		return ast.WalkContinue, nil
	})
	// Innermost first: a callout's content moves into its node.
	for j := len(quotes) - 1; j >= 0; j-- {
		callout(quotes[j], src)
	}
}

// anchorOf returns the {#id} the scanner read for a heading of src: the
// heading ids (headingids.go) take it, and make none for it.
func (d *docusaurusDoc) anchorOf(src []byte) func(*ast.Heading) (string, bool) {
	return func(h *ast.Heading) (string, bool) {
		if h.Lines().Len() == 0 {
			return "", false
		}
		id, ok := d.anchors[bytes.Count(src[:h.Lines().At(0).Start], []byte("\n"))]
		return id, ok
	}
}

func newDocusaurusDoc(refs *refCollector) *docusaurusDoc {
	return &docusaurusDoc{refs: refs, callouts: map[int]bool{}, anchors: map[int]string{}, warnedTag: map[string]bool{}, images: map[string]string{}, oneLine: map[int]int{}}
}

// calendarDate is a date whose day may be past its month's end.
var calendarDate = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(.*)$`)

// rollDate reads s, a date whose day is past its month's end (at most
// 31), as JavaScript's Date does: the days past the end count on into the
// next month. It returns the date and how it is written.
func rollDate(s string) (Date, string, bool) {
	m := calendarDate.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return Date{}, "", false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	day, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || day < 1 || day > 31 {
		return Date{}, "", false
	}
	t := time.Date(y, time.Month(mo), day, 0, 0, 0, 0, time.UTC)
	written := t.Format("2006-01-02") + m[4]
	d, ok := parseDate(written)
	return d, t.Format("2006-01-02"), ok
}
