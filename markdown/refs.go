package markdown

import (
	"bytes"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
)

// RefKind says what a reference to a local file is for.
type RefKind string

const (
	// RefImage is a picture in the body: ![alt](img/x.png) or <img src>.
	RefImage RefKind = "image"
	// RefFile is a link to a local file that is not Markdown
	// ([report](files/report.pdf)) or the source of <video>, <audio>:
	// published through the media library like a picture.
	RefFile RefKind = "file"
	// RefLink is a link to another Markdown file:
	// [x](../pages/about.md#team).
	RefLink RefKind = "link"
	// RefFeatured is the featured image named in front matter.
	RefFeatured RefKind = "featured"
)

// Ref is a reference from a file to another file in the synced folder.
type Ref struct {
	Kind RefKind
	// Dest is the destination as written (for Hugo's ref and Jekyll's
	// post_url, the path they name).
	Dest string
	// Path is the file Dest names, relative to the synced folder, with
	// forward slashes, cleaned and %-escapes decoded. It starts with "/"
	// when Dest was written from the site's root (Hugo's static/, Jekyll's
	// site folder), and with "../" when it leads out of the folder.
	Path string
	// Fragment is the part after "#", without it.
	Fragment string
	// Alt is an image's alternative text.
	Alt string
	// Caption is a Markdown image's title, which its Image block shows
	// as its caption, as written.
	Caption string
	// Line is the file line the reference is on; 0 when unknown.
	Line int
	// Loose is set for Hugo's ref/relref and Jekyll's post_url/link, which
	// may leave out the extension or name a bundle's folder, and for which
	// Hugo looks relative to the file and then to the site's root.
	Loose bool
	// Address is set for a link that names no Markdown or media file but
	// may be a page's address on the static site (/blog/go1.14,
	// ../other/): Path is then that address, from the site's root when
	// Dest was written so (or with the site's own URL), else relative as
	// written (to the page's own address, which the caller knows).
	Address bool
}

// refScheme marks the destinations made from Hugo's ref and Jekyll's
// post_url while converting them (hugo.go, jekyll.go); the rewriting below
// always replaces it.
const refScheme = "wpsync-ref:"

// unmarked takes the mark of a converted reference off a destination that
// names no file: Hugo's ref "#x" is the anchor x of the page itself, which
// "#x" is in any post. ok is false for a destination without the mark.
func unmarked(dest string) (string, bool) {
	return strings.CutPrefix(strings.TrimSpace(dest), refScheme)
}

// hasScheme reports whether s starts with a URL scheme and its colon
// (https:, mailto:, data:): a letter, then letters, digits, "+", "." or "-".
func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case isASCIILetter(c):
		case i > 0 && (isASCIIDigit(c) || c == '+' || c == '.' || c == '-'):
		default:
			return i > 0 && c == ':'
		}
	}
	return false
}

// localRef reads dest, written in file, as a reference to a local file.
// For links (kind RefLink) only Markdown files and media files count; any
// other destination (a page on the site, a folder) stays a plain link. ok
// is false for what is not local: an address with a scheme (https:, data:,
// mailto:), one starting with "//" or "#", or an empty one.
func localRef(file string, kind RefKind, dest string) (Ref, bool) {
	ref := Ref{Kind: kind, Dest: dest}
	d := strings.TrimSpace(dest)
	if rest, ok := strings.CutPrefix(d, refScheme); ok {
		d, ref.Loose, ref.Dest = rest, true, rest
	}
	if rest, ok := strings.CutPrefix(d, "@/"); ok {
		// Zola's internal link: a file from the content folder.
		d = "/" + rest
	}
	if d == "" || strings.HasPrefix(d, "#") || strings.HasPrefix(d, "//") || hasScheme(d) {
		return ref, false
	}
	d, ref.Fragment, _ = strings.Cut(d, "#")
	d, _, _ = strings.Cut(d, "?")
	if u, err := url.PathUnescape(d); err == nil {
		d = u
	}
	if d == "" {
		return ref, false
	}
	if kind == RefLink && !ref.Loose {
		switch {
		case strings.HasSuffix(d, "/"):
			ref.Address = true
		case IsPagePath(d):
		case linksAsFile(d):
			ref.Kind = RefFile
		default:
			ref.Address = true
		}
	} else if strings.HasSuffix(d, "/") && !ref.Loose {
		return ref, false
	}
	if ref.Address {
		ref.Path = d
		if strings.HasPrefix(d, "/") {
			ref.Path = path.Clean(d)
		}
		return ref, true
	}
	if strings.HasPrefix(d, "/") {
		ref.Path = path.Clean(d)
	} else {
		ref.Path = path.Join(path.Dir(file), d)
	}
	return ref, true
}

// refCollector gathers a document's references while it is rendered and
// rewrites those that resolve (Options.Resolve) to their address on the
// site. It also receives the warnings of the Hugo and Jekyll conversions.
type refCollector struct {
	file     string // the file, relative to the synced folder
	bodyLine int    // lines before the body (the front matter's)
	sep      string // Jekyll's excerpt_separator
	refs     []Ref
	seen     map[string]bool
	warnings []string
	warned   map[string]bool
	shifts   []lineShift        // lines added by convert, by offset in its output
	bases    []string           // the site's own addresses (SiteRules.BaseURLs)
	unlink   map[[2]string]bool // links to addresses made with undefined Liquid: text, address (liquid.go)
	// liquidFailed is set when the page's Liquid was left as written
	// (liquid.go): what readers see of it is then not what Jekyll shows.
	liquidFailed bool
}

// fromOwnSite turns an address on the site's own URL
// (https://example.org/blog/x/) into the path from its root (/blog/x/),
// which the files of the folder are found by.
func (c *refCollector) fromOwnSite(dest string) string {
	for _, b := range c.bases {
		if rest, ok := strings.CutPrefix(dest, b); ok && (rest == "" || strings.ContainsRune("/?#", rune(rest[0]))) {
			if !strings.HasPrefix(rest, "/") {
				rest = "/" + rest
			}
			return rest
		}
	}
	return dest
}

// lineShift: from offset off of the converted body on, lines are that many
// lines further down than in the file.
type lineShift struct{ off, lines int }

func newRefCollector(file string, bodyLine int, sep string) *refCollector {
	if strings.TrimSpace(sep) == "<!--more-->" {
		sep = ""
	}
	return &refCollector{file: file, bodyLine: bodyLine, sep: sep} // seen and warned when first needed
}

// linesBefore counts the lines of src before body, its tail.
func linesBefore(src, body []byte) int {
	if len(body) > len(src) {
		return 0
	}
	return bytes.Count(src[:len(src)-len(body)], []byte("\n"))
}

func (c *refCollector) add(r Ref) {
	key := string(r.Kind) + "\x00" + r.Path + "\x00" + r.Fragment
	if !c.seen[key] {
		if c.seen == nil {
			c.seen = map[string]bool{}
		}
		c.seen[key] = true
		c.refs = append(c.refs, r)
	}
}

// warn adds a warning once; key identifies it (e.g. a shortcode's name).
func (c *refCollector) warn(key, msg string) {
	if !c.warned[key] {
		if c.warned == nil {
			c.warned = map[string]bool{}
		}
		c.warned[key] = true
		c.warnings = append(c.warnings, msg)
	}
}

// resolve returns what dest becomes: the resolved address (with the
// fragment) when opts.Resolve knows it, else dest itself, or for a
// converted Hugo or Jekyll reference the path it names.
func (c *refCollector) resolve(ref Ref, opts Options) (string, bool) {
	if opts.Resolve != nil {
		if u, ok := opts.Resolve(ref); ok {
			if ref.Fragment != "" && !strings.Contains(u, "#") {
				u += "#" + ref.Fragment
			}
			return u, true
		}
	}
	if ref.Loose {
		return ref.Dest, true
	}
	return "", false
}

// rewrite collects and rewrites the references of a parsed document: first
// those in raw HTML (<img src>, <a href>), by editing the source and
// parsing it again, then Markdown images and links, in the tree.
func (c *refCollector) rewrite(src []byte, doc ast.Node, opts Options) ([]byte, ast.Node) {
	if c == nil {
		c = newRefCollector("", 0, "")
	}
	if edits := c.rawHTML(src, doc, opts); len(edits) > 0 {
		src = applyEdits(src, edits)
		doc = parseDoc(src, opts)
		// Addresses are longer than paths: move the line shifts along.
		for i := range c.shifts {
			moved := 0
			for _, e := range edits {
				if e.stop <= c.shifts[i].off {
					moved += len(e.with) - (e.stop - e.start)
				}
			}
			c.shifts[i].off += moved
		}
	}
	c.unlinkMissing(doc, src) // links made with undefined Liquid (liquid.go)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		kind := RefLink
		switch n := n.(type) {
		case *ast.Image:
			dest, kind = &n.Destination, RefImage
		case *ast.Link:
			dest = &n.Destination
		default:
			return ast.WalkContinue, nil
		}
		ref, ok := localRef(c.file, kind, c.fromOwnSite(string(*dest)))
		if !ok {
			if rest, marked := unmarked(string(*dest)); marked {
				*dest = []byte(rest)
			}
			return ast.WalkContinue, nil
		}
		if img, ok := n.(*ast.Image); ok {
			ref.Alt = plainText(n, src)
			ref.Caption = string(bytes.TrimSpace(img.Title))
		}
		ref.Line = c.line(src, inlineStart(n))
		c.add(ref)
		if u, ok := c.resolve(ref, opts); ok {
			*dest = []byte(u)
		}
		return ast.WalkContinue, nil
	})
	sort.SliceStable(c.refs, func(a, b int) bool { return c.refs[a].Line < c.refs[b].Line })
	return src, doc
}

// line converts an offset in the body to a file line.
func (c *refCollector) line(src []byte, off int) int {
	if off < 0 {
		return 0
	}
	i := sort.Search(len(c.shifts), func(i int) bool { return c.shifts[i].off > off })
	shift := 0
	if i > 0 {
		shift = c.shifts[i-1].lines
	}
	return c.bodyLine + lineAt(src, off) - shift
}

// inlineStart returns the source offset of a link's or image's text, for
// the line it is on in a paragraph of several; of its block when it has no
// text.
func inlineStart(n ast.Node) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	return blockStart(n)
}

// blockStart returns the source offset of the block holding an inline node.
func blockStart(n ast.Node) int {
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return -1
}

// edit replaces src[start:stop].
type edit struct {
	start, stop int
	with        string
}

func applyEdits(src []byte, edits []edit) []byte {
	sort.Slice(edits, func(a, b int) bool { return edits[a].start < edits[b].start })
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		if e.start < last {
			continue // overlapping: keep the first
		}
		out.Write(src[last:e.start])
		out.WriteString(e.with)
		last = e.stop
	}
	out.Write(src[last:])
	return out.Bytes()
}

// refAttrs are the tags whose attributes may name local files, and those
// attributes.
var refAttrs = map[string][]string{
	"a":      {"href"},
	"img":    {"src"},
	"source": {"src"},
	"video":  {"src", "poster"},
	"audio":  {"src"},
}

// rawHTML finds the references in raw HTML and returns the edits that
// rewrite those that resolve. The HTML tokenizer reads the tags, so that
// quoting, entities, case and <script> or <textarea> text are read the way
// a browser reads them; a tag with a reference that resolves is written
// anew (attributes in order, double-quoted).
func (c *refCollector) rawHTML(src []byte, doc ast.Node, opts Options) []edit {
	if bytes.IndexByte(src, '<') < 0 {
		return nil // raw HTML starts with "<"
	}
	var edits []edit
	line := func(off int) int { return c.line(src, off) }
	scan := func(start, stop int) {
		edits = append(edits, c.scanHTMLRefs(src, start, stop, line, opts)...)
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			lines := n.Lines()
			if lines.Len() == 0 {
				return ast.WalkContinue, nil
			}
			// A tag may span lines: scan the block whole when its lines
			// follow each other in the source (not inside a quote).
			start, stop, whole := lines.At(0).Start, lines.At(0).Stop, true
			for i := 1; i < lines.Len(); i++ {
				if lines.At(i).Start != stop {
					whole = false
				}
				stop = lines.At(i).Stop
			}
			if n.HasClosure() && n.ClosureLine.Start == stop {
				stop = n.ClosureLine.Stop
			} else if n.HasClosure() {
				scan(n.ClosureLine.Start, n.ClosureLine.Stop)
			}
			if whole {
				scan(start, stop)
			} else {
				for i := 0; i < lines.Len(); i++ {
					scan(lines.At(i).Start, lines.At(i).Stop)
				}
			}
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				scan(n.Segments.At(0).Start, n.Segments.At(n.Segments.Len()-1).Stop)
			}
		}
		return ast.WalkContinue, nil
	})
	return edits
}

// scanHTMLRefs finds the references in the raw HTML src[start:stop] and
// returns the edits that rewrite those that resolve; line gives the file
// line of an offset in src.
func (c *refCollector) scanHTMLRefs(src []byte, start, stop int, line func(off int) int, opts Options) []edit {
	var edits []edit
	z := html.NewTokenizer(bytes.NewReader(src[start:stop]))
	for pos := start; ; {
		tt := z.Next()
		if tt == html.ErrorToken {
			return edits
		}
		tagStart := pos
		pos += len(z.Raw())
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		names := refAttrs[tok.Data]
		if names == nil {
			continue
		}
		alt := ""
		for _, a := range tok.Attr {
			if a.Key == "alt" && a.Namespace == "" {
				alt = a.Val
				break
			}
		}
		rewritten := false
		for i, a := range tok.Attr {
			if a.Namespace != "" || !slices.Contains(names, a.Key) {
				continue
			}
			kind := RefFile
			switch {
			case tok.Data == "a":
				kind = RefLink
			case tok.Data == "img":
				kind = RefImage
			}
			ref, ok := localRef(c.file, kind, c.fromOwnSite(a.Val))
			if !ok {
				if rest, marked := unmarked(a.Val); marked {
					tok.Attr[i].Val, rewritten = rest, true
				}
				continue
			}
			ref.Line = line(tagStart)
			if kind == RefImage {
				ref.Alt = alt
			}
			c.add(ref)
			if u, ok := c.resolve(ref, opts); ok {
				tok.Attr[i].Val = u
				rewritten = true
			}
		}
		if rewritten {
			edits = append(edits, edit{tagStart, pos, writeTag(tok)})
		}
	}
}

// writeTag writes a start tag: lower-case names, values double-quoted and
// escaped, a bare name for an empty value.
func writeTag(t html.Token) string {
	var b strings.Builder
	b.WriteString("<" + t.Data)
	for _, a := range t.Attr {
		b.WriteString(" " + a.Key)
		if a.Val != "" {
			b.WriteString(`="` + escapeAttrValue(a.Val) + `"`)
		}
	}
	if t.Type == html.SelfClosingTagToken {
		b.WriteString(" /")
	}
	b.WriteString(">")
	return b.String()
}
