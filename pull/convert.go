package pull

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/wpsync/wpsync/markdown"
)

// Converting stored content to Markdown
//
// Content in block markup (it holds "<!-- wp:") is split into its
// top-level blocks by markdown.SplitBlocks, which finds them as
// @wordpress/block-serialization-default-parser does. Each block of a core type that has a Markdown form
// (paragraph, heading, list, quote, code, table, image, separator, more)
// is converted with html-to-markdown, and the Markdown is rendered back
// with wpsync's own renderer, as `sync` would render it; only when that
// gives the stored block byte for byte does the Markdown replace it. Every
// other block (buttons, columns, embeds, a plugin's blocks, and core blocks
// whose markup another editor version wrote) stays as written: package
// markdown sends serialized blocks in a file as they are (pictures and
// links in them keep their addresses: package markdown writes a tag whose
// address it resolves in its own form, which would change the stored
// markup). If the whole body
// still does not render back exactly (free HTML between blocks, other
// separators), the stored content itself is the body. What the editor
// sets that plain Markdown has no word for is written in the attribute
// lists package markdown reads: an image's size and link choice after it
// ({sizeSlug=large linkDestination=none}), a table's fixed layout under it
// ({hasFixedLayout=true}); a block with other attributes (alignment,
// width, a caption with markup, a table without a header row) does not
// render back from Markdown and stays as written.
//
// Classic content (no block markup) is what WordPress's wpautop turns into
// paragraphs on display: its paragraphs are made explicit as WordPress
// would show them and converted, shortcodes ([gallery], …) and
// <!--more--> kept as written, a [caption] written as its picture
// (captionMarkdown) where that shows the same; the file says format: classic. Its
// rendering equals the stored text in what WordPress displays, not byte
// for byte (WordPress stores no <p> for classic posts), so the state,
// not a comparison, keeps sync from writing it (see sync.Record).

// Links is what a conversion knows of the site: where pulled posts and
// downloaded uploads are in the folder.
type Links struct {
	// Posts maps a pulled post's permalink to its file (slash path
	// relative to the folder).
	Posts map[string]string
	// Media maps an upload's address (source_url) to the file it is
	// downloaded to, and MediaIDs to its media library ID.
	Media    map[string]string
	MediaIDs map[string]int

	// Markup is the block markup of the site's editor, which sync writes
	// there and so renders back in (sync.SiteMarkup).
	Markup markdown.Markup

	// Wikilinks: links to pulled posts are written [[Note|text]]
	// (wikilinks.go), for a vault that uses them.
	Wikilinks bool

	// MathFor, when set, gives the math a file's site reads between
	// delimiters (markdown.SiteRules.MathSyntax): inline math is written
	// between them (rich.go); nil for none.
	MathFor func(file string) *markdown.MathSyntax

	byPath   map[string]string // file → address, for rendering back
	wiki     []string          // notes of the links marked as wikilinks
	vaultIdx *markdown.Vault
}

func (l *Links) address(p string) (string, bool) {
	if l.byPath == nil {
		l.byPath = map[string]string{}
		for u, f := range l.Posts {
			l.byPath[f] = u
		}
		for u, f := range l.Media {
			l.byPath[f] = u
		}
	}
	u, ok := l.byPath[p]
	return u, ok
}

// Result is a converted body.
type Result struct {
	Body   string // Markdown, without front matter
	Format string // markdown.FormatBlocks or markdown.FormatClassic
	// Exact: the body renders back to the stored content byte for byte.
	Exact bool
	// Displays: for classic content, which WordPress stores without the
	// paragraphs it adds on display, the body renders to what the stored
	// content renders to (its paragraphs written out), so a sync of the
	// file shows what WordPress shows now.
	Displays bool
	// Media are the uploads (addresses) the body refers to by local path.
	Media []string
}

// Convert turns the stored content of the post whose file is file into a
// Markdown body. It never fails: what it cannot convert it keeps as
// written.
func Convert(content, file string, links *Links) Result {
	return ConvertWith(content, nil, file, links)
}

// ConvertWith is Convert for a post with its meta: the "footnotes" meta
// holds the notes of WordPress's footnotes, written as Markdown's
// (rich.go).
func ConvertWith(content string, meta map[string]string, file string, links *Links) Result {
	if strings.Contains(content, "<!-- wp:") {
		return convertBlocks(content, meta["footnotes"], file, links)
	}
	return convertClassic(content, file, links)
}

// math is the math the site reads in file (MathFor).
func (l *Links) math(file string) *markdown.MathSyntax {
	if l.MathFor == nil {
		return nil
	}
	return l.MathFor(file)
}

// render renders a body as sync would for file.
func render(body, file, format string, links *Links) (string, bool) {
	doc, ok := renderDoc(body, file, format, links)
	if !ok {
		return "", false
	}
	return doc.Content, true
}

// renderDoc renders a body as sync would for file, to its document.
func renderDoc(body, file, format string, links *Links) (*markdown.Document, bool) {
	opts := markdown.Options{
		Format: format,
		Markup: links.Markup,
		Resolve: func(r markdown.Ref) (string, bool) {
			u, ok := links.address(r.Path)
			if ok && r.Kind == markdown.RefLink && r.Fragment != "" {
				u += "#" + r.Fragment
			}
			return u, ok
		},
		ImageID: func(u string) int { return links.MediaIDs[u] },
	}
	if links.Wikilinks && strings.Contains(body, "[[") {
		// As the vault's adapter will read it.
		opts.Site = &markdown.SiteRules{Obsidian: links.vault()}
	}
	if m := links.math(file); m != nil {
		if opts.Site == nil {
			opts.Site = &markdown.SiteRules{}
		}
		opts.Site.Math = m
	}
	doc, err := markdown.ParseWith(file, []byte("---\ntitle: x\n---\n"+body), opts)
	if err != nil {
		return nil, false
	}
	return doc, true
}

// mdBlocks are the core blocks that have a Markdown form.
var mdBlocks = map[string]bool{
	"paragraph": true, "heading": true, "list": true, "quote": true, "code": true,
	"table": true, "image": true, "separator": true, "more": true, "gallery": true,
	"math": true, "merpress/mermaidjs": true,
}

func convertBlocks(content, notes, file string, links *Links) Result {
	segs := markdown.SplitBlocks(content)
	var parts []string
	var media []string
	for _, s := range segs {
		if strings.TrimSpace(s.Text) == "" && s.Name == "" {
			continue
		}
		out := s.Text
		if mdBlocks[s.Name] {
			if md, used, ok := blockMarkdown(s, file, links); ok {
				md = inlineMath(md, links.math(file)) // rich.go
				if got, ok := render(md, file, markdown.FormatBlocks, links); ok && got == s.Text {
					out = md
					media = append(media, used...)
				}
			}
		}
		parts = append(parts, out)
	}
	body := strings.Join(parts, "\n\n")
	if md, want, ok := footnotesBody(body, notes, file); ok { // rich.go
		if doc, ok := renderDoc(md, file, markdown.FormatBlocks, links); ok && doc.Content == content && sameNotes(doc.Footnotes, want) {
			return Result{Body: md, Format: markdown.FormatBlocks, Exact: true, Media: media}
		}
	}
	if got, ok := render(body, file, markdown.FormatBlocks, links); ok && got == content {
		return Result{Body: body, Format: markdown.FormatBlocks, Exact: true, Media: media}
	}
	if got, ok := render(content, file, markdown.FormatBlocks, links); ok && got == content {
		return Result{Body: content, Format: markdown.FormatBlocks, Exact: true}
	}
	return Result{Body: body, Format: markdown.FormatBlocks, Media: media}
}

// htmlToMarkdown is the converter: CommonMark, GitHub tables and
// strikethrough, as package markdown renders them back.
var htmlToMarkdown = converter.NewConverter(converter.WithPlugins(
	base.NewBasePlugin(),
	commonmark.NewCommonmarkPlugin(
		commonmark.WithHorizontalRule("---"),
		commonmark.WithBulletListMarker("-"),
		commonmark.WithEmDelimiter("_"),
		commonmark.WithCodeBlockFence("```"),
	),
	table.NewTablePlugin(),
	strikethrough.NewStrikethroughPlugin(),
))

// inlineHTML are inline elements Markdown has no form for: the converter
// would keep only their text (a colored <span> would lose its color), so
// they stay as HTML, which Markdown passes through.
var inlineHTML = []string{"math", "span", "mark", "sub", "sup", "u", "small", "big", "kbd", "abbr", "font", "ins", "q", "cite", "dfn", "var", "samp", "time", "bdi", "bdo"}

func init() {
	for _, tag := range inlineHTML {
		htmlToMarkdown.Register.RendererFor(tag, converter.TagTypeInline, base.RenderAsHTML, converter.PriorityEarly)
	}
}

// blockMarkdown gives one block's Markdown form, and the uploads it
// refers to locally.
func blockMarkdown(s markdown.Block, file string, links *Links) (string, []string, bool) {
	switch s.Name {
	case "more":
		return strings.TrimSpace(s.Inner), nil, true
	case "code":
		return codeMarkdown(s)
	case "image":
		return imageMarkdown(s, file, links)
	case "gallery":
		return galleryMarkdown(s, file, links) // gallery.go
	case "merpress/mermaidjs":
		return mermaidMarkdown(s) // mermaid.go
	case "table":
		return tableMarkdown(s, file, links)
	case "math":
		return mathMarkdown(s) // rich.go
	}
	return htmlMarkdown(strings.TrimSpace(s.Inner), file, links)
}

// codeLanguage is the language in a Code block's attributes, as package
// markdown writes it.
var codeLanguage = regexp.MustCompile(`"className":"language-([A-Za-z0-9_+#.-]+)"`)

// codeMarkdown writes a Code block as a fenced code block, its language
// from the block's class (language-go).
func codeMarkdown(s markdown.Block) (string, []string, bool) {
	doc, err := html.Parse(strings.NewReader(s.Inner))
	if err != nil {
		return "", nil, false
	}
	code := find(doc, atom.Code)
	if code == nil {
		return "", nil, false
	}
	text := textOf(code)
	lang := ""
	if m := codeLanguage.FindStringSubmatch(s.Attrs); m != nil {
		lang = m[1]
	}
	fence := "```"
	for strings.Contains(text, fence) {
		fence += "`"
	}
	return fence + lang + "\n" + text + "\n" + fence, nil, true
}

// imageMarkdown writes an Image block as ![alt](src "caption"), linked
// when the picture is a link: package markdown writes a picture alone in
// its paragraph as an Image block, its title as the caption.
func imageMarkdown(s markdown.Block, file string, links *Links) (string, []string, bool) {
	doc, err := html.Parse(strings.NewReader(s.Inner))
	if err != nil {
		return "", nil, false
	}
	var used []string
	rewrite(doc, file, links, &used)
	img := find(doc, atom.Img)
	if img == nil {
		return "", nil, false
	}
	src, alt := attr(img, "src"), attr(img, "alt")
	md := "![" + escapeLabel(alt) + "](" + destination(src)
	if fc := find(doc, atom.Figcaption); fc != nil {
		var b strings.Builder
		for c := fc.FirstChild; c != nil; c = c.NextSibling {
			if html.Render(&b, c) != nil {
				return "", nil, false
			}
		}
		md += ` "` + strings.ReplaceAll(b.String(), `"`, `\"`) + `"`
	}
	md += ")" + imageAttrList(s.Attrs)
	if a := find(doc, atom.A); a != nil {
		md = "[" + md + "](" + destination(attr(a, "href")) + ")"
	}
	return md, used, true
}

// imageAttrList writes the editor's size and link choices of an Image
// block (its comment's sizeSlug and linkDestination) as the attribute list
// package markdown reads after an image: {sizeSlug=large
// linkDestination=none}. Its other attributes have no such form: a block
// with them does not render back, and is kept as written.
func imageAttrList(attrs string) string {
	var a struct{ SizeSlug, LinkDestination string }
	if json.Unmarshal([]byte(attrs), &a) != nil {
		return ""
	}
	var list []string
	if a.SizeSlug != "" {
		list = append(list, "sizeSlug="+a.SizeSlug)
	}
	if a.LinkDestination != "" {
		list = append(list, "linkDestination="+a.LinkDestination)
	}
	if len(list) == 0 {
		return ""
	}
	return "{" + strings.Join(list, " ") + "}"
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// tableMarkdown writes a Table block as a GFM table, its fixed layout (the
// has-fixed-layout class the editor gives a new table since WordPress 6.2)
// in the attribute list package markdown reads under a table. A table
// without a header row has no GFM form: what the converter makes of it
// renders back with a header, so the block is kept as written.
func tableMarkdown(s markdown.Block, file string, links *Links) (string, []string, bool) {
	md, used, ok := htmlMarkdown(strings.TrimSpace(s.Inner), file, links)
	if !ok {
		return "", nil, false
	}
	doc, err := html.Parse(strings.NewReader(s.Inner))
	if err != nil {
		return "", nil, false
	}
	if t := find(doc, atom.Table); t != nil && strings.Contains(" "+attr(t, "class")+" ", " has-fixed-layout ") {
		md += "\n{hasFixedLayout=true}"
	}
	return md, used, true
}

// escapeLabel escapes what would end or mark up a link's text.
func escapeLabel(s string) string {
	return strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`, `*`, `\*`, `_`, `\_`, "`", "\\`").Replace(s)
}

// destination writes a link destination, in <…> when it holds spaces or
// parentheses.
func destination(u string) string {
	if strings.ContainsAny(u, " ()<>") {
		return "<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(u) + ">"
	}
	return u
}

// htmlMarkdown converts HTML to Markdown, links to pulled posts and
// downloaded uploads made relative to file first.
func htmlMarkdown(src, file string, links *Links) (string, []string, bool) {
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return "", nil, false
	}
	var used []string
	rewrite(doc, file, links, &used)
	out, err := htmlToMarkdown.ConvertNode(doc)
	if err != nil {
		return "", nil, false
	}
	return links.wikify(string(bytes.TrimSpace(out)), file), used, true
}

// rewrite points links to pulled posts and pictures of the uploads at
// their files, relative to file.
func rewrite(n *html.Node, file string, links *Links, used *[]string) {
	if n.Type == html.ElementNode {
		for i, a := range n.Attr {
			switch {
			case n.DataAtom == atom.A && a.Key == "href":
				u, frag, _ := strings.Cut(a.Val, "#")
				if p, ok := links.Posts[u]; ok && links.Wikilinks && frag == "" && markdown.IsMarkdownPath(p) {
					n.Attr[i].Val = links.wikiMarked(p)
				} else if p, ok := links.Posts[u]; ok {
					n.Attr[i].Val = relative(file, p)
					if frag != "" {
						n.Attr[i].Val += "#" + frag
					}
				} else if p, ok := links.Media[a.Val]; ok {
					n.Attr[i].Val = relative(file, p)
					*used = append(*used, a.Val)
				}
			case n.DataAtom == atom.Img && a.Key == "src":
				if p, ok := links.Media[a.Val]; ok {
					n.Attr[i].Val = relative(file, p)
					*used = append(*used, a.Val)
				}
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		rewrite(c, file, links, used)
	}
}

// relative is the path of target as seen from file (both relative to the
// folder, slash-separated).
func relative(file, target string) string {
	from := strings.Split(path.Dir(file), "/")
	if path.Dir(file) == "." {
		from = nil
	}
	to := strings.Split(target, "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/")
}

func find(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, a); f != nil {
			return f
		}
	}
	return nil
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Br {
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// keepToken marks a part of classic content kept as written while the
// rest is converted: letters and digits, which no converter escapes.
const keepToken = "WPSYNCKEEP%dX"

// shortcodeOpen finds a shortcode's opening tag.
var shortcodeOpen = regexp.MustCompile(`\[([A-Za-z][A-Za-z0-9_-]*)(?:\s[^\[\]]*)?/?\]`)

// keepRaw replaces shortcodes (with what they enclose), HTML comments
// (<!--more-->) and <pre> elements in classic content by tokens, returning
// what each stands for. A <pre> is taken out first, as wpautop takes it out
// before it makes paragraphs: its blank lines and indentation are code, not
// paragraph breaks (see preMarkdown for what stands for it).
func keepRaw(content, file string, links *Links) (string, []string, []string) {
	var kept, media []string
	var b strings.Builder
	for off := 0; off < len(content); {
		rest := content[off:]
		sc := shortcodeOpen.FindStringSubmatchIndex(rest)
		cm := strings.Index(rest, "<!--")
		pre := preOpen.FindStringIndex(rest)
		first := -1
		for _, i := range []int{cm, at(sc), at(pre)} {
			if i >= 0 && (first < 0 || i < first) {
				first = i
			}
		}
		if first < 0 {
			b.WriteString(rest)
			break
		}
		start, end := first, -1
		var keep string
		switch {
		case first == cm:
			if e := strings.Index(rest[cm:], "-->"); e >= 0 {
				end = cm + e + 3
			}
		case pre != nil && first == pre[0]:
			if e := preClose.FindStringIndex(rest[start:]); e != nil {
				end = start + e[1]
				keep = preMarkdown(rest[start:end], file, links)
			}
		default:
			end = sc[1]
			name := rest[sc[2]:sc[3]]
			if !strings.HasSuffix(rest[start:end], "/]") {
				if c := strings.Index(rest[end:], "[/"+name+"]"); c >= 0 {
					end += c + len("[/"+name+"]")
				}
			}
		}
		if end < 0 { // never closed: the rest is text
			b.WriteString(rest)
			break
		}
		if sc != nil && first == sc[0] && rest[sc[2]:sc[3]] == "caption" {
			var used []string
			keep, used = captionMarkdown(rest[start:end], file, links)
			media = append(media, used...)
		}
		if keep == "" {
			keep = rest[start:end]
		}
		b.WriteString(rest[:start])
		fmt.Fprintf(&b, keepToken, len(kept))
		kept = append(kept, keep)
		off += end
	}
	return b.String(), kept, media
}

// at is the start of a match, or -1.
func at(m []int) int {
	if m == nil {
		return -1
	}
	return m[0]
}

var (
	preOpen  = regexp.MustCompile(`(?i)<pre[\s>]`)
	preClose = regexp.MustCompile(`(?i)</pre\s*>`)
)

// preMarkdown is what stands for a <pre> element of classic content in the
// Markdown file: a fenced code block when it renders back to the element
// byte for byte (plain text in <pre><code>), else the element as written,
// which Markdown passes through as an HTML block (a colored <span>, a
// <pre> without <code>, entities written another way).
func preMarkdown(elem, file string, links *Links) string {
	doc, err := html.Parse(strings.NewReader(elem))
	if err != nil {
		return elem
	}
	pre := find(doc, atom.Pre)
	if pre == nil || pre.FirstChild == nil || pre.FirstChild != pre.LastChild || pre.FirstChild.DataAtom != atom.Code || len(pre.Attr) > 0 {
		return elem
	}
	text := textOf(pre.FirstChild)
	if !strings.HasSuffix(text, "\n") {
		return elem // a fenced block always ends its code with a line break
	}
	fence := "```"
	for strings.Contains(text, fence) {
		fence += "`"
	}
	md := fence + "\n" + text + fence
	if got, ok := render(md, file, markdown.FormatClassic, links); !ok || strings.TrimSpace(got) != elem {
		return elem
	}
	return md
}

// blockTag: a chunk of classic content starting with one of these is not
// wrapped in a paragraph (wpautop's list of block elements, shortened to
// what appears at the start of a chunk).
var blockTag = regexp.MustCompile(`(?i)^<(p|div|ul|ol|li|h[1-6]|blockquote|pre|table|thead|tbody|tr|td|th|figure|hr|dl|dt|dd|section|article|aside|header|footer|nav|form|address|fieldset|iframe|object|embed|video|audio)[\s>/]`)

// blankLine separates wpautop's paragraphs.
var blankLine = regexp.MustCompile(`\n\s*\n`)

func convertClassic(content, file string, links *Links) Result {
	text, kept, keptMedia := keepRaw(strings.ReplaceAll(content, "\r\n", "\n"), file, links)
	var paras []string
	for _, chunk := range blankLine.Split(strings.TrimSpace(text), -1) {
		chunk = strings.TrimSpace(chunk)
		switch {
		case chunk == "":
		case blockTag.MatchString(chunk):
			paras = append(paras, chunk)
		default:
			// wpautop: a paragraph; a single line break inside it a <br />.
			paras = append(paras, "<p>"+strings.ReplaceAll(chunk, "\n", "<br />\n")+"</p>")
		}
	}
	md, used, ok := htmlMarkdown(strings.Join(paras, "\n"), file, links)
	if !ok {
		return Result{Body: content, Format: markdown.FormatClassic}
	}
	for i := len(kept) - 1; i >= 0; i-- {
		md = strings.ReplaceAll(md, fmt.Sprintf(keepToken, i), kept[i])
	}
	got, _ := render(md, file, markdown.FormatClassic, links)
	stored, ok := render(content, file, markdown.FormatClassic, links)
	return Result{Body: md, Format: markdown.FormatClassic, Exact: got == content, Displays: ok && got == stored, Media: append(used, keptMedia...)}
}

// captionShortcode is a [caption] shortcode: its attributes and what it
// encloses.
var captionShortcode = regexp.MustCompile(`(?s)^\[caption ([^\]]*)\](.*)\[/caption\]$`)

// captionMarkdown is what stands for a [caption] of classic content in the
// Markdown file: the picture as ![alt](file "caption"){align=… width=…
// height=… sizeSlug=…}, which package markdown writes back as the
// shortcode, when it does so as WordPress shows this one; else the
// shortcode as written (a caption with markup in it, a picture at one of
// its generated sizes, attributes written in another order).
func captionMarkdown(elem, file string, links *Links) (string, []string) {
	m := captionShortcode.FindStringSubmatch(elem)
	if m == nil {
		return elem, nil
	}
	doc, err := html.Parse(strings.NewReader("<p " + m[1] + "></p>" + m[2]))
	if err != nil {
		return elem, nil
	}
	p, img := find(doc, atom.P), find(doc, atom.Img)
	if p == nil || img == nil {
		return elem, nil
	}
	_, caption, found := strings.Cut(m[2], "/>")
	if !found {
		return elem, nil
	}
	caption = strings.TrimPrefix(strings.TrimPrefix(caption, "</a>"), " ")
	var used []string
	rewrite(doc, file, links, &used)
	list := []string{"align=" + strings.TrimPrefix(attr(p, "align"), "align"), "width=" + attr(p, "width")}
	if h := attr(img, "height"); h != "" {
		list = append(list, "height="+h)
	}
	for _, c := range strings.Fields(attr(img, "class")) {
		if size, ok := strings.CutPrefix(c, "size-"); ok {
			list = append(list, "sizeSlug="+size)
		}
	}
	md := "![" + escapeLabel(attr(img, "alt")) + "](" + destination(attr(img, "src")) + ` "` +
		strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(caption) + `"){` + strings.Join(list, " ") + "}"
	if a := find(doc, atom.A); a != nil {
		md = "[" + md + "](" + destination(attr(a, "href")) + ")"
	}
	got, ok1 := render(md, file, markdown.FormatClassic, links)
	want, ok2 := render(elem, file, markdown.FormatClassic, links)
	if !ok1 || !ok2 || got != want {
		return elem, nil
	}
	return md, used
}
