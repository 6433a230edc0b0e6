package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// Formats of Document.Content.
const (
	// FormatBlocks is block-editor markup: every paragraph, heading, list,
	// quote, code sample, table, image and separator is a native block
	// between <!-- wp:NAME --> comments, the way WordPress's editor saves it.
	FormatBlocks = "blocks"
	// FormatClassic is plain HTML, which the editor opens as one "Classic"
	// block and WordPress runs through wpautop on display.
	FormatClassic = "classic"
	// DefaultFormat is the format of files and settings that name none.
	DefaultFormat = FormatBlocks
)

// formats are the values the format field and Options.Format may take.
var formats = []string{FormatBlocks, FormatClassic}

// CheckFormat reports whether s is a format wpsync knows ("" is the
// default).
func CheckFormat(s string) error {
	if s == "" || s == FormatBlocks || s == FormatClassic {
		return nil
	}
	return fmt.Errorf("unknown format %q (want %s)", s, strings.Join(formats, " or "))
}

// RenderBlocks renders a Markdown body (without front matter) to block
// markup, as Parse does for a file in the blocks format.
func RenderBlocks(src []byte) (string, error) {
	_, out, err := render(src, false, Options{Format: FormatBlocks})
	return out, err
}

// Block markup
//
// The editor checks each block it loads: it reads the block's attributes
// out of its HTML, runs the block type's save() on them and compares the
// result with the HTML it was given; any difference makes "This block
// contains unexpected or invalid content". So every block below is written
// exactly as save() of the block library of the WordPress it goes to
// writes it (Options.Markup: today's, or WordPress 6.1's and others' where
// they differ, see markup.go): same elements, classes, attribute
// order and whitespace, blocks separated by a blank line, inner blocks
// inside their parent's element. Rich text (the inside of a paragraph,
// heading, list item or table cell) is written the way a browser serialises
// it (innerHTML), so that opening a post in the editor and saving it again
// changes nothing. e2e/editor_test.go runs the editor's own parser over
// every golden file and sample post.
//
// What has no native block is a Custom HTML block (core/html) holding the
// classic rendering: raw HTML blocks, footnotes (6.1 has no footnote block,
// and list items cannot carry the ids the links point to), and lists whose
// items hold more than text and nested lists. WordPress renders the blocks
// without wpautop, so soft line breaks need no special care here beyond
// staying spaces.

// blockWriter writes one document's blocks.
type blockWriter struct {
	out  *bytes.Buffer
	w    bufWriter // writes to out
	src  []byte
	opts Options
	more bool // a More block was written: WordPress honours only the first
	err  error
}

// bufWriter is the util.BufWriter goldmark's renderers want, writing
// straight to a bytes.Buffer so that a block can be taken back.
type bufWriter struct{ *bytes.Buffer }

func (bufWriter) Available() int { return 4096 }
func (bufWriter) Buffered() int  { return 0 }
func (bufWriter) Flush() error   { return nil }

// renderBlocks writes doc's blocks to out.
func renderBlocks(out *bytes.Buffer, src []byte, doc ast.Node, opts Options) error {
	b := &blockWriter{out: out, w: bufWriter{out}, src: src, opts: opts}
	b.blocks(doc)
	return b.err
}

// blocks writes the children of parent, one block each, a blank line
// between them (how the editor's serialize() joins blocks).
//
// An HTML block that leaves an element open (Markdown ends an HTML block at
// a blank line, so "<div>", a Markdown paragraph and "</div>" are three
// blocks) is written together with the blocks up to the one that closes
// it, as one Custom HTML block.
func (b *blockWriter) blocks(parent ast.Node) {
	groups := htmlGroups(parent, b.src)
	first := true
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(*ast.LinkReferenceDefinition); ok {
			continue // shows nothing
		}
		if !first {
			b.str("\n\n")
		}
		first = false
		if h, ok := c.(*ast.HTMLBlock); ok {
			if raw, last, ok := rawBlocks(h, b.src); ok { // rawblocks.go
				_, _ = b.w.Write(raw)
				c = last
				continue
			}
		}
		if last := groups[c]; last != nil {
			var group []ast.Node
			for n := c; ; n = n.NextSibling() {
				group = append(group, n)
				if n == last {
					break
				}
			}
			b.html(group...)
			c = last
			continue
		}
		b.block(c)
	}
}

// htmlGroups maps each HTML block among the children of parent that leaves
// an element open to the first later HTML block that closes it, if any.
// The blocks' depths (elements opened less closed) are summed in order; the
// block closing the one at k is the first at j > k whose sum is at most
// the sum before k. A stack of the sums' running minima, built from the
// right, answers each k in O(log n).
func htmlGroups(parent ast.Node, src []byte) map[ast.Node]ast.Node {
	var nodes []ast.Node
	var sum []int // sum[k]: depth of nodes[0..k]
	total := 0
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		if h, ok := c.(*ast.HTMLBlock); ok {
			total += htmlDepth(htmlBlockText(h, src))
			nodes = append(nodes, c)
			sum = append(sum, total)
		}
	}
	var groups map[ast.Node]ast.Node
	var stack []int // indexes j > k, nearest last, sum[j] falling from last to first
	for k := len(nodes) - 1; k >= 0; k-- {
		before := 0
		if k > 0 {
			before = sum[k-1]
		}
		if sum[k] > before {
			// The nearest j on the stack with sum[j] <= before: those
			// with it are a prefix of the stack.
			n := sort.Search(len(stack), func(i int) bool { return sum[stack[i]] > before })
			if n > 0 {
				if groups == nil {
					groups = map[ast.Node]ast.Node{}
				}
				groups[nodes[k]] = nodes[stack[n-1]]
			}
		}
		for len(stack) > 0 && sum[stack[len(stack)-1]] >= sum[k] {
			stack = stack[:len(stack)-1]
		}
		stack = append(stack, k)
	}
	return groups
}

// htmlBlockText returns the source of an HTML block.
func htmlBlockText(n *ast.HTMLBlock, src []byte) string {
	var raw bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		raw.Write(seg.Value(src))
	}
	if n.HasClosure() {
		raw.Write(n.ClosureLine.Value(src))
	}
	return raw.String()
}

// block writes n as a native block, or when it cannot be one as a Custom
// HTML block.
func (b *blockWriter) block(n ast.Node) {
	mark := b.out.Len()
	if !b.native(n) {
		b.out.Truncate(mark)
		b.html(n)
	}
}

// native writes n as a native block and reports whether it could: rich
// text whose HTML a browser would not keep as it is (see richSafe), and a
// list item holding more than text and lists, cannot.
func (b *blockWriter) native(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.Paragraph:
		return b.paragraph(n)
	case *ast.Heading:
		var attrs []attr
		if n.Level != 2 {
			attrs = append(attrs, attr{"level", n.Level})
		}
		tag := "h" + strconv.Itoa(n.Level)
		class, id := classAndID(n)
		attrs = append(attrs, b.anchorAndClass(class, id)...)
		b.open("heading", attrs...)
		htmlClass := class
		if !b.opts.Markup.PlainHeadings {
			// Today's editor saves its own class name first, then the
			// additional CSS class.
			htmlClass = strings.TrimSpace("wp-block-heading " + class)
		}
		b.str("<", tag, htmlClassID(htmlClass, id, !b.opts.Markup.AnchorsFromID), ">")
		ok := b.rich(n)
		b.str("</", tag, ">")
		b.close("heading")
		return ok
	case *ast.List:
		return nativeList(n) && b.list(n)
	case *Callout: // obsidian_syntax.go
		b.callout(n)
	case *ast.Blockquote:
		b.open("quote")
		b.str(`<blockquote class="wp-block-quote">`)
		b.blocks(n)
		b.str("</blockquote>")
		b.close("quote")
	case *ast.FencedCodeBlock:
		if isMathFence(n, b.src) {
			return b.mathBlock(n) // math.go
		}
		if isMermaidFence(n, b.src) && b.opts.Markup.MerPress {
			b.merpress(n) // mermaid.go
			return true
		}
		b.code(n, n.Language(b.src))
	case *ast.CodeBlock:
		b.code(n, nil)
	case *ast.ThematicBreak:
		b.open("separator")
		b.str(`<hr class="wp-block-separator has-alpha-channel-opacity"/>`)
		b.close("separator")
	case *ast.HTMLBlock:
		return b.htmlBlock(n)
	case *east.Table:
		return b.table(n)
	case *east.FootnoteList:
		b.html(n)
	case *footnotesBlock: // footnotes.go
		b.str("<!-- wp:footnotes /-->")
	case *mathBlockNode: // mathsyntax.go
		b.mathBlockOf(n)
	default:
		// Anything a future extension adds.
		return false
	}
	return true
}

// footnoteEntities replaces the character references of goldmark's
// footnotes with what innerHTML has instead, so that the editor saves the
// footnotes block unchanged.
// It works in place: no replacement is longer than what it replaces.
func footnoteEntities(s []byte) []byte {
	out := s[:0]
	for len(s) > 0 {
		i := bytes.IndexByte(s, '&')
		if i < 0 {
			break
		}
		out = append(out, s[:i]...) // copy within s, never ahead of what is read
		s = s[i:]
		switch {
		case bytes.HasPrefix(s, []byte("&#160;")):
			out, s = append(out, "&nbsp;"...), s[len("&#160;"):]
		case bytes.HasPrefix(s, []byte("&#x21a9;&#xfe0e;")):
			out, s = append(out, "\u21a9\ufe0e"...), s[len("&#x21a9;&#xfe0e;"):]
		default:
			out, s = append(out, '&'), s[1:]
		}
	}
	return append(out, s...)
}

// paragraph writes an image alone in its paragraph as an Image block, a
// YouTube or Vimeo URL alone as an Embed block, a shortcode alone as a
// Shortcode block, and anything else as a Paragraph block.
func (b *blockWriter) paragraph(p *ast.Paragraph) bool {
	if img, link := loneImage(p); img != nil {
		b.image(img, link)
		return true
	}
	if items := galleryItems(p, b.src); items != nil {
		b.gallery(items) // gallery.go
		return true
	}
	if url, provider := loneEmbed(p); provider != "" {
		b.embed(url, provider)
		return true
	}
	if loneShortcode(p) {
		// Rendered like a paragraph's content, so the shortcode and what
		// it encloses reach WordPress exactly as in the classic format.
		b.open("shortcode")
		b.classicInline(p)
		b.close("shortcode")
		return true
	}
	class, id := classAndID(p)
	b.open("paragraph", b.anchorAndClass(class, id)...)
	b.str("<p", htmlClassID(class, id, false), ">")
	ok := b.rich(p)
	b.str("</p>")
	b.close("paragraph")
	return ok
}

// classAndID returns the class and id a block was given (a kramdown
// attribute list, kramdown.go), which a paragraph or heading block keeps
// as its additional CSS class and its HTML anchor. Other attributes have
// no place in those blocks and are left out.
func classAndID(n ast.Node) (class, id string) {
	if v, ok := n.AttributeString("class"); ok {
		if b, ok := v.([]byte); ok {
			class = strings.Join(strings.Fields(string(b)), " ")
		}
	}
	if v, ok := n.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			id = string(b)
		}
	}
	return class, id
}

// anchorAndClass returns the comment attributes of a block's HTML anchor
// and additional CSS class, in the order the editor writes them: the
// class's, then the anchor's when the site's editor keeps it there
// (Markup.AnchorsFromID). The editor writes attributes in the order the
// block type registered them, and WordPress 7.x, whose editor keeps the
// anchor in the comment, registers both in PHP: the class support
// (block-supports/custom-classname.php) before the anchor support
// (block-supports/anchor.php, new in 7.0), as /wp/v2/block-types lists
// them. Anchor first, a save in the editor would rewrite the comment.
func (b *blockWriter) anchorAndClass(class, id string) []attr {
	var attrs []attr
	if class != "" {
		attrs = append(attrs, attr{"className", class})
	}
	if id != "" && !b.opts.Markup.AnchorsFromID {
		attrs = append(attrs, attr{"anchor", id})
	}
	return attrs
}

// htmlClassID writes class and id in the order save() writes them: the
// order in which its props object gained the keys. A paragraph's save()
// starts from its own className (the drop cap's), so the class comes first;
// today's Heading save() starts from no props (text alignment became a
// block support in the same release, see Markup.AnchorsFromID), so the
// anchor's id comes before the class the hooks add.
func htmlClassID(class, id string, idFirst bool) string {
	var c, i string
	if class != "" {
		c = ` class="` + escapeAttribute(class) + `"`
	}
	if id != "" {
		i = ` id="` + escapeAttribute(id) + `"`
	}
	if idFirst {
		return i + c
	}
	return c + i
}

// loneImage returns the image that is all of p, and the link around it.
func loneImage(p *ast.Paragraph) (*ast.Image, *ast.Link) {
	if p.ChildCount() != 1 && !(p.ChildCount() == 2 && emptyString(p.LastChild())) {
		return nil, nil
	}
	var link *ast.Link
	n := p.FirstChild()
	if l, ok := n.(*ast.Link); ok && (l.ChildCount() == 1 || l.ChildCount() == 2 && emptyString(l.LastChild())) {
		link, n = l, l.FirstChild()
	}
	img, _ := n.(*ast.Image)
	if img == nil {
		return nil, nil
	}
	if img.NextSibling() != nil && len(imageBlockAttributes(img)) == 0 {
		return nil, nil // kramdown's {: .class}: not the Image block's
	}
	return img, link
}

// emptyString reports whether n is the empty text an attribute list
// leaves after the image it gives attributes (imageattrs.go).
func emptyString(n ast.Node) bool {
	s, ok := n.(*ast.String)
	return ok && len(s.Value) == 0
}

// embedProviders are the patterns of the block editor's YouTube and Vimeo
// embed variations (embed/variations.js).
var embedProviders = []struct {
	slug string
	re   *regexp.Regexp
}{
	{"youtube", regexp.MustCompile(`(?i)^https?://((m|www)\.)?youtube\.com/.+`)},
	{"youtube", regexp.MustCompile(`(?i)^https?://youtu\.be/.+`)},
	{"vimeo", regexp.MustCompile(`(?i)^https?://(www\.)?vimeo\.com/.+`)},
}

// loneEmbed returns the URL that is all of p (left as text by
// bareURLTransformer) when it is a YouTube or Vimeo address.
func loneEmbed(p *ast.Paragraph) (url, provider string) {
	s, ok := p.FirstChild().(*ast.String)
	if !ok || p.ChildCount() != 1 || s.IsCode() {
		return "", ""
	}
	url = string(s.Value)
	for _, e := range embedProviders {
		if e.re.MatchString(url) && !strings.ContainsAny(url, " \t\n<>\"") {
			return url, e.slug
		}
	}
	return "", ""
}

// loneShortcode reports whether p is nothing but a shortcode: one tag, or
// an opening tag and its closing tag with anything between.
func loneShortcode(p *ast.Paragraph) bool {
	first, last := p.FirstChild(), p.LastChild()
	if !isShortcode(first) {
		return false
	}
	_, name, closing, _ := scanShortcode(first.(*ast.String).Value)
	if closing {
		return false
	}
	if first == last {
		return true
	}
	if !isShortcode(last) {
		return false
	}
	_, lastName, lastClosing, _ := scanShortcode(last.(*ast.String).Value)
	return lastClosing && bytes.Equal(name, lastName)
}

// image writes an Image block. defaults are block attributes (of
// imageBlockAttrs) the image has when its attribute list does not say.
func (b *blockWriter) image(img *ast.Image, link *ast.Link, defaults ...attr) {
	url := string(util.URLEscape(img.Destination, true))
	var attrs []attr
	id := 0
	if b.opts.ImageID != nil {
		id = b.opts.ImageID(url)
	}
	if id > 0 {
		attrs = append(attrs, attr{"id", id})
	}
	width, height := imageSize(img)
	sized := b.sizeAttrs(&attrs, width, height)
	// The editor's size and link choices (imageattrs.go); save() writes
	// the size as the figure's class.
	class := "wp-block-image"
	for _, a := range withDefaults(imageBlockAttributes(img), defaults) {
		attrs = append(attrs, a)
		if a.key == "sizeSlug" {
			class += " size-" + a.val.(string)
		}
	}
	if sized != "" {
		class += " is-resized"
	}
	b.open("image", attrs...)
	b.str(`<figure class="`, class, `">`)
	if link != nil {
		b.str(`<a href="` + escapeAttribute(string(util.URLEscape(link.Destination, true))) + `">`)
	}
	b.str(`<img src="` + escapeAttribute(url) + `" alt="` + escapeAttribute(plainText(img, b.src)) + `"`)
	if id > 0 {
		b.str(` class="wp-image-` + strconv.Itoa(id) + `"`)
	}
	b.str(sized, "/>")
	if link != nil {
		b.str("</a>")
	}
	if title := bytes.TrimSpace(img.Title); len(title) > 0 {
		b.str(`<figcaption class="wp-element-caption">`)
		b.caption(title) // caption.go
		b.str("</figcaption>")
	}
	b.str("</figure>")
	b.close("image")
}

func (b *blockWriter) embed(url, provider string) {
	// The editor sets type, responsive and the aspect-ratio classes from
	// the oEmbed preview; both providers answer with a 16:9 video.
	const aspect = "wp-embed-aspect-16-9 wp-has-aspect-ratio"
	b.open("embed", attr{"url", url}, attr{"type", "video"}, attr{"providerNameSlug", provider},
		attr{"responsive", true}, attr{"className", aspect})
	b.str(`<figure class="wp-block-embed is-type-video is-provider-` + provider + ` wp-block-embed-` + provider + ` ` + aspect + `">`)
	// The URL on a line of its own is what WordPress's autoembed turns
	// into the player.
	b.str("<div class=\"wp-block-embed__wrapper\">\n" + escapeHTML(url) + "\n</div></figure>")
	b.close("embed")
}

// nativeList reports whether every item of l, and of the lists nested in
// it, is text followed by nested lists: what List item blocks can hold.
func nativeList(l *ast.List) bool {
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		for i, c := 0, item.FirstChild(); c != nil; i, c = i+1, c.NextSibling() {
			switch c := c.(type) {
			case *ast.TextBlock, *ast.Paragraph:
				if i > 0 {
					return false
				}
			case *ast.List:
				if !nativeList(c) {
					return false
				}
			default:
				return false
			}
		}
	}
	return true
}

func (b *blockWriter) list(l *ast.List) bool {
	ok := true
	tag := "ul"
	var attrs []attr
	if l.IsOrdered() {
		tag = "ol"
		attrs = append(attrs, attr{"ordered", true})
		if l.Start != 1 {
			attrs = append(attrs, attr{"start", l.Start})
		}
	}
	b.open("list", attrs...)
	b.str("<", tag)
	if l.IsOrdered() && l.Start != 1 {
		b.str(` start="`, strconv.Itoa(l.Start), `"`)
	}
	if !b.opts.Markup.PlainLists {
		// After start: save() gives the block's class after its own props.
		b.str(` class="wp-block-list"`)
	}
	b.str(">")
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		if item != l.FirstChild() {
			b.str("\n\n")
		}
		b.open("list-item")
		b.str("<li>")
		sep := false
		for c := item.FirstChild(); c != nil; c = c.NextSibling() {
			if sub, isList := c.(*ast.List); isList {
				if sep {
					b.str("\n\n")
				}
				ok = b.list(sub) && ok
				sep = true
			} else {
				ok = b.rich(c) && ok
			}
		}
		b.str("</li>")
		b.close("list-item")
	}
	b.str("</", tag, ">")
	b.close("list")
	return ok
}

// code writes a Code block. Its save() escapes "[" (so shortcodes show as
// written) and the "//" of the first URL alone on a line (so it is not
// embedded); the language goes into the block's class name.
func (b *blockWriter) code(n ast.Node, language []byte) {
	text := getBuffer()
	defer putBuffer(text)
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		text.Write(seg.Value(b.src))
	}
	content := bytes.TrimSuffix(text.Bytes(), []byte("\n"))
	var attrs []attr
	class := ""
	if lang := string(language); lang != "" && validClass.MatchString(lang) {
		class = "language-" + lang
		attrs = append(attrs, attr{"className", class})
	}
	b.open("code", attrs...)
	if class != "" {
		b.str(`<pre class="wp-block-code `, class, `"><code>`)
	} else {
		b.str(`<pre class="wp-block-code"><code>`)
	}
	esc := getBuffer()
	defer putBuffer(esc)
	writeRichText(bufWriter{esc}, content, false)
	s := esc.Bytes()
	if bytes.IndexByte(s, '[') >= 0 {
		s = bytes.ReplaceAll(s, []byte("["), []byte("&#91;"))
	}
	// isolatedURL cannot match without "http", which most code lacks.
	if bytes.Contains(s, []byte("http")) {
		if loc := isolatedURL.FindSubmatchIndex(s); loc != nil {
			_, _ = b.w.Write(s[:loc[3]])
			b.str("&#47;&#47;")
			s = s[loc[3]+2:]
		}
	}
	_, _ = b.w.Write(s)
	b.str("</code></pre>")
	b.close("code")
}

// validClass is what a language name must look like to become a class.
var validClass = regexp.MustCompile(`^[A-Za-z0-9_+#.-]+$`)

// jsSpace is JavaScript's \s.
const jsSpace = `[\t\n\v\f\r \x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]`

// isolatedURL is code/utils.js's escapeProtocolInIsolatedUrls pattern.
var isolatedURL = regexp.MustCompile(`(?m)^(` + jsSpace + `*https?:)//([^\t\n\v\f\r \x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}<>"]+` + jsSpace + `*)$`)

// htmlBlock writes <!--more--> as a More block (the first one),
// <!--nextpage--> as a Page Break, a bare <pre> as a Preformatted block and
// everything else as a Custom HTML block, as written.
func (b *blockWriter) htmlBlock(n *ast.HTMLBlock) bool {
	trimmed := strings.TrimSpace(htmlBlockText(n, b.src))
	if m := moreTag.FindStringSubmatch(trimmed); m != nil && !b.more {
		b.more = true
		var attrs []attr
		if m[1] != "" {
			attrs = append(attrs, attr{"customText", m[1]})
		}
		b.open("more", attrs...)
		b.str(trimmed)
		b.close("more")
		return true
	}
	if trimmed == "<!--nextpage-->" {
		b.open("nextpage")
		b.str(trimmed)
		b.close("nextpage")
		return true
	}
	if inner, ok := barePre(trimmed); ok && richSafe([]byte(inner)) {
		b.open("preformatted")
		b.str(`<pre class="wp-block-preformatted">` + inner + "</pre>")
		b.close("preformatted")
		return true
	}
	return false
}

// moreTag is a More block's markup; its save() writes a custom text after
// one space.
var moreTag = regexp.MustCompile(`^<!--more(?: ([^-\s](?:[^-]|-[^-])*?))?-->$`)

// barePre returns the inside of "<pre>…</pre>" with no attributes, holding
// no other <pre> and not just a <code> element (that is a code sample,
// which stays HTML). The browser drops a newline right after <pre>.
func barePre(s string) (string, bool) {
	inner, ok := strings.CutPrefix(s, "<pre>")
	if !ok {
		return "", false
	}
	inner, ok = strings.CutSuffix(inner, "</pre>")
	if !ok || strings.Contains(strings.ToLower(inner), "<pre") || strings.Contains(strings.ToLower(inner), "</pre") ||
		strings.HasPrefix(strings.TrimSpace(strings.ToLower(inner)), "<code") {
		return "", false
	}
	inner = strings.TrimPrefix(inner, "\n")
	return inner, true
}

func (b *blockWriter) table(t *east.Table) bool {
	// Markdown tables size their columns to the content, unless an
	// attribute list says the editor's fixed layout (imageattrs.go).
	fixed, _ := fixedLayout(t)
	switch {
	case fixed && b.opts.Markup.FlexibleTables:
		b.open("table", attr{"hasFixedLayout", true})
	case fixed || b.opts.Markup.FlexibleTables:
		b.open("table") // the editor's default
	default:
		b.open("table", attr{"hasFixedLayout", false})
	}
	if fixed {
		b.str(`<figure class="wp-block-table"><table class="has-fixed-layout">`)
	} else {
		b.str(`<figure class="wp-block-table"><table>`)
	}
	var head, body []ast.Node
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		if _, ok := row.(*east.TableHeader); ok {
			head = append(head, row)
		} else {
			body = append(body, row)
		}
	}
	ok := b.tableSection("thead", "th", head)
	ok = b.tableSection("tbody", "td", body) && ok
	b.str("</table></figure>")
	b.close("table")
	return ok
}

func (b *blockWriter) tableSection(tag, cellTag string, rows []ast.Node) bool {
	if len(rows) == 0 {
		return true
	}
	ok := true
	b.str("<", tag, ">")
	for _, row := range rows {
		b.str("<tr>")
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			cell := c.(*east.TableCell)
			b.str("<", cellTag)
			if a := cell.Alignment; a != east.AlignNone {
				b.str(` class="has-text-align-`, a.String(), `" data-align="`, a.String(), `"`)
			}
			b.str(">")
			ok = b.rich(cell) && ok
			b.str("</", cellTag, ">")
		}
		b.str("</tr>")
	}
	b.str("</", tag, ">")
	return ok
}

// html writes nodes in the classic format as one Custom HTML block.
func (b *blockWriter) html(nodes ...ast.Node) {
	buf := getBuffer()
	defer putBuffer(buf)
	for _, n := range nodes {
		if err := md.Renderer().Render(bufWriter{buf}, b.src, n); err != nil && b.err == nil {
			b.err = err
		}
	}
	out := bytes.Trim(buf.Bytes(), "\n")
	if _, ok := nodes[0].(*east.FootnoteList); ok {
		out = footnoteEntities(out)
	}
	// Shortcode output before the browser's reading (htmlContent). The
	// editor trims a block's HTML: white space at its ends (an indented
	// first line) would change when the post is saved there.
	out = []byte(strings.TrimSpace(b.opts.shortcodes.expand(string(out), true)))
	b.open("html")
	b.str(htmlContent(string(out)))
	b.close("html")
}

// classicInline writes the children of n in the classic format.
func (b *blockWriter) classicInline(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if err := md.Renderer().Render(b.w, b.src, c); err != nil && b.err == nil {
			b.err = err
		}
	}
}

// rich writes the children of n as rich text and reports whether the
// editor will keep that HTML as it is (see richSafe).
func (b *blockWriter) rich(n ast.Node) bool {
	start := b.out.Len()
	// inline writes nothing for n itself (see richTextRenderer), so this
	// is its children one after the other, in one walk.
	if err := inline.Render(b.w, b.src, n); err != nil && b.err == nil {
		b.err = err
	}
	b.opts.shortcodes.expandIn(b.out, start) // shortcodeout.go
	return richSafe(b.out.Bytes()[start:])
}

// str writes the strings one after the other (saving the concatenation).
func (b *blockWriter) str(parts ...string) {
	for _, s := range parts {
		_, _ = b.w.WriteString(s)
	}
}

// attr is a block attribute. Attributes are written in the order of the
// block type's attribute list, as the editor's serializer does.
type attr struct {
	key string
	val any // string, int or bool
}

// open writes a block's opening comment.
func (b *blockWriter) open(name string, attrs ...attr) {
	b.str("<!-- wp:", name, " ")
	if len(attrs) > 0 {
		b.str("{")
		for i, a := range attrs {
			if i > 0 {
				b.str(",")
			}
			b.str(jsonString(a.key), ":")
			switch v := a.val.(type) {
			case string:
				b.str(jsonString(v))
			case int:
				b.str(strconv.Itoa(v))
			case bool:
				b.str(strconv.FormatBool(v))
			default:
				panic(fmt.Sprintf("markdown: block attribute %s of type %T", a.key, a.val))
			}
		}
		b.str("} ")
	}
	b.str("-->\n")
}

// close writes a block's closing comment.
func (b *blockWriter) close(name string) {
	b.str("\n<!-- /wp:", name, " -->")
}

// jsonString writes s as the editor's serializeAttributes does: JSON, with
// "--", "<", ">", "&" and quotes as \u escapes so the comment stays a
// comment and survives wp_kses_stripslashes.
func jsonString(s string) string {
	if !needsJSONEscape(s) {
		return `"` + s + `"`
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '"':
			b.WriteString(`\u0022`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '<':
			b.WriteString(`\u003c`)
		case r == '>':
			b.WriteString(`\u003e`)
		case r == '&':
			b.WriteString(`\u0026`)
		case r == '-' && i+1 < len(s) && s[i+1] == '-':
			b.WriteString(`\u002d\u002d`)
			size = 2
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte('"')
	return b.String()
}

// needsJSONEscape reports whether jsonString has anything to escape in s.
func needsJSONEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c == '"', c == '\\', c == '<', c == '>', c == '&':
			return true
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			return true
		}
	}
	return false
}
