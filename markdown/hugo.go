package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Static-site templates in the body
//
// Hugo expands shortcodes ({{< youtube ID >}}) and Jekyll runs Liquid
// ({% highlight go %}, {{ site.baseurl }}) before Markdown. WordPress knows
// neither, so convert turns the common ones into what WordPress shows
// natively: a video address alone on its line (WordPress embeds it), an
// image with its caption, a code block, a link to another file (resolved
// like any other, refs.go). Anything else is left as written, with a
// warning that names it.
//
// Like Hugo and Jekyll, the escaped forms ({{</* x */>}}, {% raw %}) are
// honoured everywhere, code blocks included. Other tags inside code blocks
// and code spans are left alone: there they are far more likely an example
// than something to run.

// convert rewrites the Hugo shortcodes, Zola's calls and Liquid tags of a
// Markdown body, each when the site's dialect has them (SiteRules): the
// Liquid left when the Liquid engine could not parse the body is read tag
// by tag here. With liquidDone the Liquid engine has rendered the body
// already (liquid.go): what braces remain are the page's text.
func (c *refCollector) convert(src []byte, opts Options, liquidDone bool) []byte {
	if c == nil {
		c = newRefCollector("", 0, "")
	}
	site := opts.Site
	if site == nil {
		site = &SiteRules{}
	}
	templates := site.HugoShortcodes || site.ZolaShortcodes || opts.liquid != nil
	if (liquidDone || !templates || !bytes.Contains(src, []byte("{{")) && !bytes.Contains(src, []byte("{%"))) && c.sep == "" {
		return src
	}
	t := newTemplater(c, src, opts)
	t.liquidDone = liquidDone || !templates
	t.run()
	return t.out.Bytes()
}

func newTemplater(c *refCollector, src []byte, opts Options) *templater {
	t := &templater{c: c, src: src, opts: opts, plainFrom: len(src)}
	if opts.Site != nil {
		t.runHugo, t.runZola = opts.Site.HugoShortcodes, opts.Site.ZolaShortcodes
	}
	for _, fence := range []string{"```", "~~~"} {
		if i := bytes.Index(src, []byte(fence)); i >= 0 {
			t.plainFrom = min(t.plainFrom, i)
		}
	}
	return t
}

// templater is one run of convert.
type templater struct {
	c    *refCollector
	src  []byte
	opts Options
	code [][2]int // code blocks and spans, sorted; once parsed
	out  bytes.Buffer
	sep  bool // the excerpt separator was replaced

	liquidDone       bool // only the excerpt separator is left to do
	runHugo, runZola bool // the dialect runs Hugo's shortcodes, Zola's calls (SiteRules)
	nested           bool // converting what a shortcode encloses (sub): no line shifts of its own
	depth            int  // how deeply nested

	added int // lines added so far, see shift

	parsed    bool   // code is set
	plainFrom int    // where a code fence first appears in src, else len(src)
	plain     [2]int // a run of lines that holds no backtick (see mayBeCode)
}

func (t *templater) run() {
	src := t.src
	i := 0
	for i < len(src) {
		j := t.next(i)
		if j < 0 {
			break
		}
		t.out.Write(src[i:j])
		before := t.out.Len()
		n := t.at(j)
		if n == 0 {
			t.out.WriteByte(src[j])
			n = 1
		} else {
			t.shift(before, src[j:j+n])
		}
		i = j + n
	}
	if i < len(src) {
		t.out.Write(src[i:])
	}
}

// next returns the offset of the next "{" or excerpt separator from i.
func (t *templater) next(i int) int {
	j := bytes.IndexByte(t.src[i:], '{')
	if sep := t.c.sep; sep != "" && !t.sep {
		if k := bytes.Index(t.src[i:], []byte(sep)); k >= 0 && (j < 0 || k < j) {
			j = k
		}
	}
	if j < 0 {
		return -1
	}
	return i + j
}

// at handles what starts at offset j and returns how many bytes of the
// source it consumed (0: nothing there, copy one byte).
func (t *templater) at(j int) int {
	src := t.src[j:]
	inCode := t.inCode(j)
	switch {
	case t.c.sep != "" && !t.sep && !inCode && bytes.HasPrefix(src, []byte(t.c.sep)):
		t.sep = true
		t.out.WriteString("\n\n<!--more-->\n\n")
		return len(t.c.sep)
	case t.liquidDone:
		return 0
	case t.runZola && (bytes.HasPrefix(src, []byte("{{")) || bytes.HasPrefix(src, []byte("{%"))):
		if n := t.zolaEscaped(j); n > 0 {
			return n // honoured in code too, as Zola does
		}
		if inCode {
			return 0
		}
		if n := t.zola(j); n > 0 {
			return n
		}
		return 0
	case t.runHugo && (bytes.HasPrefix(src, []byte("{{<")) || bytes.HasPrefix(src, []byte("{{%"))):
		return t.hugoShortcode(j, inCode)
	case t.opts.liquid != nil && bytes.HasPrefix(src, []byte("{%")):
		return t.liquidTag(j, inCode)
	case t.opts.liquid != nil && bytes.HasPrefix(src, []byte("{{")) && !inCode:
		return t.liquidOutput(j)
	}
	return 0
}

// shift records how many lines the output gained by replacing consumed
// with what was written from offset before on, so that the lines of
// references found in it are those of the file (refCollector.line): what
// the replacement holds is on the line of the tag it replaces.
func (t *templater) shift(before int, consumed []byte) {
	if t.nested {
		return // the whole of it replaces one tag of the outer text
	}
	with := t.out.Bytes()[before:]
	lead := len(with) - len(bytes.TrimLeft(with, "\n"))
	t.c.shifts = append(t.c.shifts, lineShift{off: before + lead, lines: t.added + lead})
	t.added += bytes.Count(with, []byte("\n")) - bytes.Count(consumed, []byte("\n"))
	t.c.shifts = append(t.c.shifts, lineShift{off: t.out.Len(), lines: t.added})
}

func (t *templater) inCode(off int) bool {
	if !t.parsed {
		if !t.mayBeCode(off) {
			return false
		}
		t.code, t.parsed = codeRanges(t.src), true
	}
	i := sort.Search(len(t.code), func(i int) bool { return t.code[i][1] > off })
	return i < len(t.code) && t.code[i][0] <= off
}

// mayBeCode reports whether off may be in code, so that inCode parses the
// source only when a tag may be, which most are plainly not. Code at off
// needs a fence ("```", "~~~") before it for a fenced block, four spaces or
// a tab before it on its line for an indented block, and for a code span a
// backtick in the lines around it up to blank lines, which no paragraph,
// heading or table (the blocks holding spans) reaches across. False is
// certain.
func (t *templater) mayBeCode(off int) bool {
	if off > t.plainFrom {
		return true
	}
	lineStart := bytes.LastIndexByte(t.src[:off], '\n') + 1
	if line := t.src[lineStart:off]; bytes.IndexByte(line, '\t') >= 0 || bytes.Contains(line, []byte("    ")) {
		return true
	}
	if t.plain[0] <= off && off < t.plain[1] {
		return false
	}
	blank := func(line []byte) bool { return len(bytes.Trim(line, " \t")) == 0 }
	start := lineStart
	for start > 0 {
		prev := bytes.LastIndexByte(t.src[:start-1], '\n') + 1
		if blank(t.src[prev : start-1]) {
			break
		}
		start = prev
	}
	end := off
	for end < len(t.src) {
		next := bytes.IndexByte(t.src[end:], '\n')
		if next < 0 {
			end = len(t.src)
			break
		}
		end += next + 1
		lineEnd := bytes.IndexByte(t.src[end:], '\n')
		if lineEnd < 0 {
			lineEnd = len(t.src) - end
		}
		if blank(t.src[end : end+lineEnd]) {
			break
		}
	}
	if bytes.IndexByte(t.src[start:end], '`') >= 0 {
		return true
	}
	t.plain = [2]int{start, end}
	return false
}

// lineOf returns the file line of a body offset.
func (t *templater) lineOf(off int) int { return t.c.bodyLine + lineAt(t.src, off) }

// alone reports whether src[start:end] is alone on its line (blanks aside).
func (t *templater) alone(start, end int) bool {
	ls := bytes.LastIndexByte(t.src[:start], '\n') + 1
	le := bytes.IndexByte(t.src[end:], '\n')
	if le < 0 {
		le = len(t.src) - end
	}
	return len(bytes.TrimSpace(t.src[ls:start])) == 0 && len(bytes.TrimSpace(t.src[end:end+le])) == 0
}

// inRanges reports whether off lies in one of ranges, sorted and apart
// (what codeRanges returns).
func inRanges(ranges [][2]int, off int) bool {
	i := sort.Search(len(ranges), func(i int) bool { return ranges[i][1] > off })
	return i < len(ranges) && ranges[i][0] <= off
}

// codeRanges returns the byte ranges of code blocks and code spans.
func codeRanges(src []byte) [][2]int {
	var r [][2]int
	doc := md.Parser().Parse(text.NewReader(src))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			for i := 0; i < n.Lines().Len(); i++ {
				s := n.Lines().At(i)
				r = append(r, [2]int{s.Start, s.Stop})
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					r = append(r, [2]int{t.Segment.Start, t.Segment.Stop})
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	sort.Slice(r, func(a, b int) bool { return r[a][0] < r[b][0] })
	return r
}

// shortcode is one Hugo shortcode tag.
type shortcode struct {
	end         int    // offset just past the tag
	delim       byte   // '<' or '%'
	closing     bool   // {{< /name >}}
	escaped     bool   // {{</* name */>}}: shown as written, without the comment
	selfClosing bool   // {{< name />}}
	inner       string // for escaped: the text between the comment markers
	name        string // lower-cased
	pos         []string
	named       map[string]string
}

func (s *shortcode) arg(key string, i int) string {
	if v, ok := s.named[key]; ok {
		return v
	}
	if i >= 0 && i < len(s.pos) {
		return s.pos[i]
	}
	return ""
}

// scanShortcodeTag reads the Hugo shortcode tag starting at src[j].
func scanShortcodeTag(src []byte, j int) (*shortcode, bool) {
	sc := &shortcode{delim: src[j+2], named: map[string]string{}}
	closeDelim := "%}}"
	if sc.delim == '<' {
		closeDelim = ">}}"
	}
	i := j + 3
	skip := func() {
		for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n') {
			i++
		}
	}
	skip()
	if bytes.HasPrefix(src[i:], []byte("/*")) {
		end := bytes.Index(src[i+2:], []byte("*/"))
		if end < 0 {
			return nil, false
		}
		sc.inner = strings.TrimSpace(string(src[i+2 : i+2+end]))
		i += 2 + end + 2
		skip()
		if !bytes.HasPrefix(src[i:], []byte(closeDelim)) {
			return nil, false
		}
		sc.escaped, sc.end = true, i+len(closeDelim)
		return sc, true
	}
	if i < len(src) && src[i] == '/' {
		sc.closing = true
		i++
		skip()
	}
	start := i
	for i < len(src) && (isASCIILetter(src[i]) || isASCIIDigit(src[i]) || bytes.IndexByte([]byte("_-./"), src[i]) >= 0) {
		i++
	}
	if i == start {
		return nil, false
	}
	sc.name = strings.ToLower(string(src[start:i]))
	for {
		skip()
		if i >= len(src) {
			return nil, false
		}
		if bytes.HasPrefix(src[i:], []byte(closeDelim)) {
			sc.end = i + len(closeDelim)
			return sc, true
		}
		if src[i] == '/' && bytes.HasPrefix(src[i+1:], []byte(closeDelim)) { // self-closing
			sc.end, sc.selfClosing = i+1+len(closeDelim), true
			return sc, true
		}
		// key=value or a positional value; values may be quoted with " or `.
		key := ""
		k := i
		for k < len(src) && (isASCIILetter(src[k]) || isASCIIDigit(src[k]) || src[k] == '_' || src[k] == '-') {
			k++
		}
		if k > i && k < len(src) && src[k] == '=' {
			key, i = strings.ToLower(string(src[i:k])), k+1
		}
		var val string
		switch {
		case i < len(src) && (src[i] == '"' || src[i] == '`'):
			q := src[i]
			end := i + 1
			var b strings.Builder
			for end < len(src) && src[end] != q {
				if q == '"' && src[end] == '\\' && end+1 < len(src) {
					end++
				}
				b.WriteByte(src[end])
				end++
			}
			if end >= len(src) {
				return nil, false
			}
			val, i = b.String(), end+1
		default:
			end := i
			for end < len(src) && src[end] != ' ' && src[end] != '\t' && src[end] != '\n' &&
				!bytes.HasPrefix(src[end:], []byte(closeDelim)) {
				end++
			}
			if end == i {
				return nil, false
			}
			val, i = string(src[i:end]), end
		}
		if key != "" {
			sc.named[key] = val
		} else {
			sc.pos = append(sc.pos, val)
		}
	}
}

// hugoShortcode converts the shortcode at src[j] and returns the bytes it
// consumed.
func (t *templater) hugoShortcode(j int, inCode bool) int {
	sc, ok := scanShortcodeTag(t.src, j)
	if !ok {
		return 0
	}
	if sc.escaped {
		// Hugo's way of showing a shortcode: {{</* x */>}} → {{< x >}}.
		closing := "%}}"
		if sc.delim == '<' {
			closing = ">}}"
		}
		t.out.WriteString("{{" + string(sc.delim) + " " + sc.inner + " " + closing)
		return sc.end - j
	}
	if inCode {
		return 0
	}
	block := t.alone(j, sc.end)
	tag := string(t.src[j:sc.end])
	if sc.closing {
		// A closing tag whose opening was handled (with what it encloses,
		// or as a tag of its own): never shown.
		return sc.end - j
	}
	// What the shortcode encloses, when it has a closing tag.
	end := sc.end
	inner, paired := "", false
	if !sc.selfClosing {
		if cs, ce, ok := findClosing(t.src, sc); ok {
			inner, paired, end = string(t.src[sc.end:cs]), true, ce
		}
	}
	hs := t.opts.Site.hugoSite()
	if out, ok := t.hugoGallery(sc, inner, paired); ok && !hs.mapped(sc.name) { // hugogallery.go
		t.out.WriteString("\n\n" + out + "\n\n")
		return end - j
	}
	// The site's own template (or the one wpsync.yaml maps it to) wins,
	// as a site's layouts/shortcodes/ override Hugo's built-ins.
	if out, ok, why := hs.runTemplateOn(t.page(), sc, t.sub(inner), t.opts.page, t.opts.title); ok {
		t.writeHTML(out, sc, block, j)
		return end - j
	} else if why != "" && !builtinShortcodes[sc.name] {
		t.fallback(sc, j, why, inner, paired, block) // hugofallback.go
		return end - j
	} else if why != "" {
		t.c.warn("hugo template "+sc.name, fmt.Sprintf("line %d: Hugo shortcode %q: %s: wpsync reads it as below", t.lineOf(j), sc.name, why))
	}
	switch {
	case sc.name == "youtube" || sc.name == "vimeo" || sc.name == "tweet" || sc.name == "x" || sc.name == "twitter":
		u := embedURL(sc)
		if u == "" {
			t.c.warn("hugo "+tag, fmt.Sprintf("line %d: Hugo shortcode %s names no video or post: left out", t.lineOf(j), tag))
			break
		}
		if block {
			t.out.WriteString("\n\n" + u + "\n\n")
		} else {
			t.out.WriteString("<" + u + ">")
		}
	case sc.name == "instagram":
		id := sc.arg("id", 0)
		if id == "" || strings.ContainsAny(id, " \t\n<>\"/") {
			t.c.warn("hugo "+tag, fmt.Sprintf("line %d: Hugo shortcode %s names no post: left out", t.lineOf(j), tag))
			break
		}
		t.write("<https://www.instagram.com/p/"+id+"/>", sc, block)
	case sc.name == "gist":
		user, id := sc.arg("user", 0), sc.arg("id", 1)
		if user == "" || id == "" {
			t.c.warn("hugo "+tag, fmt.Sprintf("line %d: Hugo shortcode %s names no gist: left out", t.lineOf(j), tag))
			break
		}
		t.out.WriteString("<https://gist.github.com/" + user + "/" + id + ">")
	case sc.name == "figure":
		t.figure(sc, block)
	case sc.name == "highlight":
		if !paired {
			t.c.warn("hugo highlight", fmt.Sprintf("line %d: Hugo shortcode %s has no {{< /highlight >}}: left out", t.lineOf(j), tag))
			break
		}
		t.fence(sc.arg("", 0), []byte(inner))
	case sc.name == "ref" || sc.name == "relref":
		p := sc.arg("path", 0)
		if p == "" {
			break
		}
		t.out.WriteString(refScheme + strings.ReplaceAll(p, " ", "%20"))
	case sc.name == "param":
		key := sc.arg("name", 0)
		v, ok := hs.param(t.opts.page, key)
		if !ok {
			t.c.warn("hugo param "+key, fmt.Sprintf("line %d: Hugo shortcode %s: the page and the site have no param %q: it shows nothing", t.lineOf(j), tag, key))
			break
		}
		t.out.WriteString(fmt.Sprint(v))
	case sc.name == "details":
		summary := sc.arg("summary", -1)
		if summary == "" {
			summary = "Details"
		}
		open := ""
		if o := sc.arg("open", -1); o == "true" {
			open = " open"
		}
		t.out.WriteString("\n\n<details" + open + ">\n<summary>" + escapeText(summary) + "</summary>\n\n" + t.sub(inner) + "\n\n</details>\n\n")
	case sc.name == "qr":
		// Hugo draws the text as a QR code; a link (or the text) says
		// the same to a reader of the page.
		text := sc.arg("text", -1)
		if text == "" {
			text = strings.TrimSpace(inner)
		}
		if hasScheme(text) {
			t.write("<"+text+">", sc, block)
		} else {
			t.write(mdEscape(text), sc, block)
		}
	case sc.name == "comment":
		// Nothing: Hugo's comment shows nothing.
	default:
		t.unknown(sc, tag, j)
		switch {
		case !paired:
			// A tag alone shows nothing (in a link target neither).
		case sc.delim == '%' || strings.Contains(inner, "```") || strings.Contains(inner, "~~~"):
			// {{% %}} encloses Markdown; fenced code stays code.
			t.out.WriteString("\n\n" + t.sub(inner) + "\n\n")
		default:
			// {{< >}} encloses what the template alone reads, often
			// code (code-toggle's configuration): as written, never
			// reflowed into paragraphs.
			t.fence("", []byte(strings.Trim(inner, "\n")))
		}
	}
	return end - j
}

// write writes a shortcode's output: on lines of its own when the tag is
// alone on its line, so that the output is a block of its own.
func (t *templater) write(out string, sc *shortcode, block bool) {
	if block {
		t.out.WriteString("\n\n" + strings.Trim(out, "\n") + "\n\n")
		return
	}
	t.out.WriteString(strings.TrimSpace(out))
}

// sub converts the shortcodes inside s (what a shortcode encloses, an
// included file), as Hugo renders inner shortcodes first.
func (t *templater) sub(s string) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	if t.depth >= 10 {
		return s // an include that includes itself
	}
	st := newTemplater(t.c, []byte(s), t.opts)
	st.nested, st.depth = true, t.depth+1
	st.run()
	return st.out.String()
}

// findClosing finds the closing tag of sc (the same name, nested pairs of
// that name skipped): where it starts and ends.
func findClosing(src []byte, sc *shortcode) (start, end int, ok bool) {
	depth := 0
	for i := sc.end; i < len(src); {
		k := bytes.Index(src[i:], []byte("{{"))
		if k < 0 {
			return 0, 0, false
		}
		i += k
		if i+2 < len(src) && (src[i+2] == '<' || src[i+2] == '%') {
			if other, ok := scanShortcodeTag(src, i); ok && !other.escaped && other.name == sc.name {
				switch {
				case other.closing && depth == 0:
					return i, other.end, true
				case other.closing:
					depth--
				case !other.selfClosing:
					depth++
				}
				i = other.end
				continue
			}
		}
		i += 2
	}
	return 0, 0, false
}

// unknown warns, once per name, that a shortcode was left out.
func (t *templater) unknown(sc *shortcode, tag string, off int) {
	t.c.warn("hugo "+sc.name, fmt.Sprintf("line %d: unknown Hugo shortcode %q (%s): its tags are left out, what it encloses is kept as written; map it to a template in wpsync.yaml (shortcodes: {%s: …}) to show it as the site does", t.lineOf(off), sc.name, tag, sc.name))
}

// embedURL is the address WordPress embeds for a video or post shortcode.
func embedURL(sc *shortcode) string {
	id := sc.arg("id", 0)
	if id == "" || strings.ContainsAny(id, " \t\n<>\"") {
		return ""
	}
	switch sc.name {
	case "youtube":
		return "https://www.youtube.com/watch?v=" + id
	case "vimeo":
		return "https://vimeo.com/" + id
	}
	// tweet, x: user="…" id="…" (the old form gave the ID alone).
	user := sc.named["user"]
	if user == "" {
		user = "i"
	}
	return "https://twitter.com/" + user + "/status/" + id
}

// findClose finds the closing tag (a regexp) after off: where it starts and
// ends.
func findClose(src []byte, off int, pattern string) (start, end int, ok bool) {
	re, _ := closeREs.Load(pattern)
	if re == nil {
		re, _ = closeREs.LoadOrStore(pattern, regexp.MustCompile(pattern))
	}
	m := re.(*regexp.Regexp).FindIndex(src[off:])
	if m == nil {
		return 0, 0, false
	}
	return off + m[0], off + m[1], true
}

// closeREs holds findClose's patterns, compiled once.
var closeREs sync.Map

// fence writes code as a fenced code block of language lang.
func (t *templater) fence(lang string, code []byte) {
	t.out.WriteString(fenceText(lang, code))
}

// figure writes Hugo's figure as an image with its caption: an Image block
// whose caption is the Markdown image's title, or in the classic format a
// <figure> as WordPress's own captions are styled.
func (t *templater) figure(sc *shortcode, block bool) {
	src := sc.arg("src", -1)
	alt := sc.arg("alt", -1)
	caption := sc.arg("caption", -1)
	if caption == "" {
		caption = sc.arg("title", -1)
	}
	link := sc.arg("link", -1)
	if t.opts.Format == FormatClassic && block {
		var b strings.Builder
		b.WriteString(`<figure class="wp-caption">`)
		if link != "" {
			b.WriteString(`<a href="` + escapeAttrValue(link) + `">`)
		}
		b.WriteString(`<img src="` + escapeAttrValue(src) + `" alt="` + escapeAttrValue(alt) + `"`)
		if w := sc.arg("width", -1); w != "" {
			if _, err := strconv.Atoi(w); err == nil {
				b.WriteString(` width="` + w + `"`)
			}
		}
		b.WriteString(">")
		if link != "" {
			b.WriteString("</a>")
		}
		if caption != "" {
			b.WriteString(`<figcaption class="wp-caption-text">` + escapeText(caption) + `</figcaption>`)
		}
		b.WriteString("</figure>")
		t.out.WriteString("\n\n" + b.String() + "\n\n")
		return
	}
	img := markdownImage(src, alt, caption, link) // hugogallery.go
	if block {
		img = "\n\n" + img + "\n\n"
	}
	t.out.WriteString(img)
}

// mdEscape escapes the characters that would end or change link text.
func mdEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`, "*", `\*`, "_", `\_`, "`", "\\`").Replace(s)
}
