package markdown

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
)

// The output of {{< >}} shortcodes
//
// Hugo's documentation: the output of a shortcode called with {{< >}} is
// HTML put into the page as it is; only the output of one called with
// {{% %}} is rendered as Markdown with the text around it. Hugo does this
// with placeholders (hugolib/shortcode.go): each {{< >}} call is replaced
// by a token of plain letters and digits, which Markdown leaves alone
// wherever it stands (in a paragraph, in an HTML block, in a heading), the
// Markdown is rendered, and each token is then replaced by the shortcode's
// HTML — a token alone in a paragraph taking the <p> and </p> around it
// with it. So indented HTML never becomes a code block, "<a class=…>"
// never escaped text, and an output inside an HTML block never ends the
// block, whatever blank lines the output holds.
//
// wpsync does the same. In the blocks format the HTML must also land in a
// block the editor keeps: rich text (a paragraph, heading, list item or
// table cell) takes an output that holds only phrasing elements; any
// other makes the block a Custom HTML block (blockWriter.rich and html).

// scTokenPrefix and scTokenSuffix enclose the number of a shortcode's
// output: letters and digits only, which no Markdown construct, the
// typographer or linkify changes.
const (
	scTokenPrefix = "WPSYNCHUGOSC"
	scTokenSuffix = "CS"
)

// shortcodeOutputs is the HTML of one body's {{< >}} shortcodes, by token
// number, and what the shortcodes of one page share (.Page.Scratch).
type shortcodeOutputs struct {
	html []string
	page *scPage // made by the first shortcode that runs a template
}

// token stores html and returns the token that stands for it.
func (o *shortcodeOutputs) token(html string) string {
	o.html = append(o.html, html)
	return scTokenPrefix + strconv.Itoa(len(o.html)-1) + scTokenSuffix
}

// expand replaces the tokens in s by their HTML, and those in that HTML
// (a shortcode inside another's .Inner) in turn. With unwrap, a token
// alone in a paragraph ("<p>TOKEN</p>") replaces the paragraph, as in
// Hugo.
func (o *shortcodeOutputs) expand(s string, unwrap bool) string {
	return o.expandDepth(s, unwrap, 0)
}

func (o *shortcodeOutputs) expandDepth(s string, unwrap bool, depth int) string {
	if o == nil || len(o.html) == 0 || !strings.Contains(s, scTokenPrefix) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, scTokenPrefix)
		if i < 0 {
			break
		}
		n, end := scTokenAt(s, i)
		if n < 0 || n >= len(o.html) || depth > 10 {
			b.WriteString(s[:i+len(scTokenPrefix)])
			s = s[i+len(scTokenPrefix):]
			continue
		}
		start := i
		if unwrap && strings.HasSuffix(s[:i], "<p>") && strings.HasPrefix(s[end:], "</p>") {
			start, end = i-len("<p>"), end+len("</p>")
		}
		b.WriteString(s[:start])
		b.WriteString(o.expandDepth(o.html[n], unwrap, depth+1))
		s = s[end:]
	}
	b.WriteString(s)
	return b.String()
}

// scTokenAt reads the token at s[i:]: its number and where it ends; -1
// when there is none.
func scTokenAt(s string, i int) (n, end int) {
	j := i + len(scTokenPrefix)
	k := j
	for k < len(s) && isASCIIDigit(s[k]) {
		k++
	}
	if k == j || !strings.HasPrefix(s[k:], scTokenSuffix) {
		return -1, 0
	}
	n, err := strconv.Atoi(s[j:k])
	if err != nil {
		return -1, 0
	}
	return n, k + len(scTokenSuffix)
}

// expandIn replaces the tokens of buf[from:] in place, for the rich text
// of a block just written: there a token never has a paragraph of its own.
func (o *shortcodeOutputs) expandIn(buf *bytes.Buffer, from int) {
	if o == nil || len(o.html) == 0 || !bytes.Contains(buf.Bytes()[from:], []byte(scTokenPrefix)) {
		return
	}
	s := o.expand(string(buf.Bytes()[from:]), false)
	buf.Truncate(from)
	buf.WriteString(s)
}

// writeHTML writes the output of a site's template for a {{< >}}
// shortcode as a token, to put in place after the Markdown
// (shortcodeOutputs), the references in it resolved like those of the
// page's own HTML. Other output is Markdown (write): that of {{% %}}, and
// that of the templates wpsync.yaml maps, which are wpsync's own and may
// write Markdown (a code block) for WordPress to show.
func (t *templater) writeHTML(out string, sc *shortcode, block bool, off int) {
	o := t.opts.shortcodes
	if sc.delim != '<' || o == nil || t.opts.Site.hugoSite().mapped(sc.name) {
		t.write(out, sc, block)
		return
	}
	if t.inAddress(off) {
		// An address (a link's target, an attribute's value) is read
		// from the Markdown: the output goes there as it is.
		t.out.WriteString(strings.TrimSpace(out))
		return
	}
	out = t.c.htmlRefs(out, t.lineOf(off), t.opts)
	t.out.WriteString(o.token(strings.TrimSpace(out)))
}

// inAddress reports whether the shortcode at off is a link's target or
// the value of an HTML attribute: "[x](", "[x]: " or `href="` before it.
func (t *templater) inAddress(off int) bool {
	before := t.src[bytes.LastIndexByte(t.src[:off], '\n')+1 : off]
	for _, open := range []string{"](", "](<", "]: ", `="`, "='"} {
		if bytes.HasSuffix(before, []byte(open)) {
			return true
		}
	}
	return false
}

// htmlRefs collects the references of the raw HTML h (a shortcode's
// output, on line of the file) and returns h with those that resolve
// rewritten.
func (c *refCollector) htmlRefs(h string, line int, opts Options) string {
	src := []byte(h)
	edits := c.scanHTMLRefs(src, 0, len(src), func(int) int { return line }, opts)
	if len(edits) == 0 {
		return h
	}
	return string(applyEdits(src, edits))
}

// page is the page the file's shortcodes share (its Scratch and Store);
// nil outside a render.
func (t *templater) page() *scPage {
	o := t.opts.shortcodes
	hs := t.opts.Site.hugoSite()
	if o == nil || hs == nil {
		return nil
	}
	if o.page == nil {
		o.page = hs.newPage(t.c.file, t.opts.Dir, t.opts.page, t.opts.title)
	}
	return o.page
}

// preformatted finds the elements whose white space shows.
var preformatted = regexp.MustCompile(`(?is)<(pre|textarea)[\s>].*?</(pre|textarea)>`)

// blankLines are runs of lines holding only white space.
var blankLines = regexp.MustCompile(`\n([ \t]*\n)+`)

// withoutBlankLines drops the blank lines of outputs, but in <pre> and
// <textarea>, where they show.
func withoutBlankLines(outputs []string) []string {
	out := make([]string, len(outputs))
	for i, h := range outputs {
		var b strings.Builder
		last := 0
		for _, m := range preformatted.FindAllStringIndex(h, -1) {
			b.WriteString(blankLines.ReplaceAllString(h[last:m[0]], "\n"))
			b.WriteString(h[m[0]:m[1]])
			last = m[1]
		}
		b.WriteString(blankLines.ReplaceAllString(h[last:], "\n"))
		out[i] = b.String()
	}
	return out
}
