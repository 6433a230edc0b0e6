package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// md is built once: goldmark's parser and renderer keep no per-document
// state, and building them costs more than rendering a typical post.
// Headings get automatic ids only where the site's generator gives them
// (SiteRules.HeadingIDs, headingids.go).
// It is CommonMark with GitHub's extensions, and the renderer of every
// dialect; the dialects' parsers are in dialects.
var md = newMarkdown(false)

// typographer is Hugo's goldmark and Jekyll's kramdown as they read
// Markdown by default: heading attributes ("## Setup {#setup .wide}") and
// the typographer Hugo turns on and kramdown's smart quotes: "quotes", --
// and ... as the characters themselves (not entities, which the editor
// would save back as characters), as the site shows them.
var typographer = []goldmark.Option{goldmark.WithParserOptions(parser.WithAttribute()), goldmark.WithExtensions(extension.NewTypographer(
	extension.WithTypographicSubstitutions(map[extension.TypographicPunctuation]string{
		extension.LeftSingleQuote: "‘", extension.RightSingleQuote: "’",
		extension.LeftDoubleQuote: "“", extension.RightDoubleQuote: "”",
		extension.EnDash: "–", extension.EmDash: "—", extension.Ellipsis: "…",
		extension.LeftAngleQuote: "«", extension.RightAngleQuote: "»", extension.Apostrophe: "’",
	})))}

// dialects are the parsers of the dialects a site adapter switches on
// (SiteRules), by [Typographer][Kramdown]: like goldmark's extenders, a
// dialect is a set of extensions handed to the one renderer.
var dialects = [2][2]goldmark.Markdown{
	{md, newMarkdown(true)},
	{newMarkdown(false, typographer...), newMarkdown(true, typographer...)},
}

// newMarkdown builds the renderer, with kramdown's attribute lists and
// {:toc} (kramdown.go) when asked, and extra options.
func newMarkdown(kramdown bool, extra ...goldmark.Option) goldmark.Markdown {
	inline := []util.PrioritizedValue{
		util.Prioritized(shortcodeParser{}, shortcodePriority),
		util.Prioritized(linkifyGuard{extension.NewLinkifyParser()}, 999),
		util.Prioritized(imageAttrs{}, 995),
	}
	trans := []util.PrioritizedValue{util.Prioritized(bareURLTransformer{}, 1000)}
	trans = append(trans, util.Prioritized(tableAttrs{}, 1002)) // imageattrs.go
	// Before kramdown's table of contents (1001), which links to the ids.
	trans = append(trans, util.Prioritized(headingIDTransformer{}, 1003)) // headingids.go
	var para []util.PrioritizedValue
	if kramdown {
		inline = append(inline, util.Prioritized(ialSpans{}, 990))
		// After link reference definitions (100) are taken out, so an
		// attribute list under them is still the paragraph's last line.
		para = append(para, util.Prioritized(ialParagraphs{}, 200))
		trans = append(trans, util.Prioritized(tocTransformer{}, 1001))
	}
	return goldmark.New(append([]goldmark.Option{
		// extension.GFM, with linkify added below behind linkifyGuard.
		// Definition lists: Hugo turns them on by default, and kramdown
		// (Jekyll) and Zola read them too.
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList, extension.Footnote,
			extension.DefinitionList),
		goldmark.WithParserOptions(
			// Before goldmark's own HTML block parser (900), which it wraps.
			parser.WithBlockParsers(util.Prioritized(htmlThenFence{parser.NewHTMLBlockParser()}, 899)),
			parser.WithInlineParsers(inline...),
			parser.WithParagraphTransformers(para...),
			parser.WithASTTransformers(trans...),
		),
		goldmark.WithRendererOptions(
			html.WithUnsafe(), // raw HTML is the author's, and WordPress filters it anyway
			renderer.WithNodeRenderers(append(obsidianRenderers(), util.Prioritized(newTextRenderer(), 100), util.Prioritized(mathRenderer{}, 100))...),
		),
	}, extra...)...)
}

// obsidianMD reads the notes of an Obsidian vault (obsidian_links.go).
var obsidianMD = newMarkdown(false, goldmark.WithParserOptions(obsidianOptions()...))

// parserFor is the parser of a file's dialect.
func parserFor(opts Options) parser.Parser {
	t, k := 0, 0
	if opts.typographer {
		t = 1
	}
	if opts.kramdown {
		k = 1
	}
	return dialects[t][k].Parser()
}

// Render renders a Markdown body (without front matter) to HTML as a string,
// the form WordPress's REST API takes: the classic format, which Parse uses
// for files in that format (RenderBlocks is the blocks format).
func Render(src []byte) (string, error) {
	_, out, err := render(src, false, Options{Format: FormatClassic})
	return out, err
}

// render renders src. With takeTitle, a level-1 heading that is the first
// block is removed from the output and its text returned as title, so a
// title taken from it does not show twice (WordPress prints the title itself).
// Without, a first heading of any level that says the title (opts.title)
// in other case or with markup is removed for the same reason.
// opts.Format is FormatBlocks for block markup, else classic HTML.
func render(src []byte, takeTitle bool, opts Options) (title, out string, err error) {
	liquidDone := false
	if opts.goTemplate {
		var ok bool
		src, ok = opts.refs.renderGoTemplate(src, opts.Dir) // goblog.go
		liquidDone = ok                                     // no braces left to read as anything else
	}
	if opts.eleventy != nil && !liquidDone {
		src, liquidDone = opts.refs.renderEleventy(src, opts.eleventy, opts.page) // eleventy.go
	}
	if opts.hexo != nil && !liquidDone {
		src, liquidDone = opts.refs.renderHexo(src, opts.hexo, opts.page) // hexo.go
	}
	if opts.liquid != nil && !liquidDone {
		src, liquidDone = opts.refs.renderLiquid(src, opts.liquid, opts.page) // liquid.go
	}
	if opts.Site != nil && opts.Site.HugoShortcodes {
		opts.shortcodes = &shortcodeOutputs{} // {{< >}} output, put in place below (shortcodeout.go)
	}
	src = opts.refs.convert(src, opts, liquidDone) // Hugo shortcodes, else Jekyll's Liquid (hugo.go)
	if opts.obsidian != nil {
		src = opts.obsidian.stripComments(src)              // obsidian_syntax.go
		src = opts.obsidian.expandEmbeds(src, opts.Resolve) // obsidian_embed.go
	}
	if opts.docusaurus != nil {
		src = opts.docusaurus.source(src) // docusaurus.go
	}
	doc := parseDoc(src, opts)
	convertMath(doc, src, opts) // mathsyntax.go
	if opts.hexo != nil && opts.hexo.Breaks {
		hardBreaks(doc) // hexo.go
	}
	opts.refs.unlinkMissing(doc, src)            // liquid.go
	src, doc = opts.refs.rewrite(src, doc, opts) // local links and images (refs.go)
	warnMermaid(doc, src, opts)                  // mermaid.go
	if opts.Format != FormatBlocks {
		classicCaptions(doc, src, opts) // caption.go
	}
	if h, ok := doc.FirstChild().(*ast.Heading); ok {
		switch text := plainText(h, src); {
		case takeTitle && h.Level == 1 && text != "":
			title = plainify(opts.shortcodes.expand(text, false)) // a shortcode's output, as text
			doc.RemoveChild(doc, h)
		case !takeTitle && sameTitle(text, opts.title):
			// The theme prints the title; the same words again as the
			// body's first heading would show it twice.
			doc.RemoveChild(doc, h)
		}
	}
	if opts.Format == FormatBlocks && !opts.Markup.NoFootnotes && opts.footnotes != nil {
		nativeFootnotes(doc, src, opts.footnotes, opts.shortcodes) // footnotes.go
	}
	buf := getBuffer()
	defer putBuffer(buf)
	buf.Grow(len(src) + len(src)/4)
	if opts.Format == FormatBlocks {
		err = renderBlocks(buf, src, doc, opts)
	} else {
		err = md.Renderer().Render(bufWriter{buf}, src, doc)
	}
	if err != nil {
		return "", "", fmt.Errorf("render markdown: %w", err)
	}
	rendered := buf.String()
	if opts.Format != FormatBlocks && opts.shortcodes != nil {
		// WordPress runs wpautop over the classic format, which makes
		// paragraphs at blank lines: the outputs have none (shortcodeout.go).
		opts.shortcodes.html = withoutBlankLines(opts.shortcodes.html)
	}
	return title, opts.shortcodes.expand(rendered, true), nil
}

// sameTitle reports whether a heading's text says the title: the same
// words, whatever their case and spacing.
func sameTitle(heading, title string) bool {
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	return title != "" && strings.EqualFold(norm(heading), norm(title))
}

// buffers are the buffers documents are rendered into. What is rendered is
// copied out as a string, so a buffer is reused as soon as that is done;
// one grown by an earlier document saves growing (and collecting) a new one
// for each file.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuffer() *bytes.Buffer { return buffers.Get().(*bytes.Buffer) }

// putBuffer returns b to the pool, unless a huge file made it too large to
// keep around.
func putBuffer(b *bytes.Buffer) {
	if b.Cap() <= 1<<20 {
		b.Reset()
		buffers.Put(b)
	}
}

// plainText returns the text of an inline tree as plain text (no markup, no
// raw HTML tags, entities and backslash escapes resolved).
func plainText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					b.Write(t.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			v := c.Segment.Value(src)
			if !c.IsRaw() {
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// bareURLTransformer undoes GFM's linkify for a paragraph that is nothing but
// an http(s) URL. WordPress turns such a line into an embed (YouTube, a
// tweet, …) or, for unknown sites, into a link itself; an <a> tag around it
// would stop the embed. URLs written as <https://…> stay links.
type bareURLTransformer struct{}

func (bareURLTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		p, ok := c.(*ast.Paragraph)
		if !ok || p.ChildCount() != 1 || p.Lines().Len() != 1 {
			continue
		}
		link, ok := p.FirstChild().(*ast.AutoLink)
		if !ok || link.AutoLinkType != ast.AutoLinkURL {
			continue
		}
		label := link.Label(src)
		line := p.Lines().At(0)
		if !bytes.Equal(bytes.TrimSpace(line.Value(src)), label) ||
			!(bytes.HasPrefix(label, []byte("https://")) || bytes.HasPrefix(label, []byte("http://"))) {
			continue
		}
		p.ReplaceChild(p, link, ast.NewString(label))
	}
}
