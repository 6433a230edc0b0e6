package markdown

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/ardanlabs/jinja"
	"github.com/yuin/goldmark/ast"
)

// Hexo's tag plugins and Markdown (hexo.io/docs/tag-plugins,
// hexo.io/docs/front-matter, hexo-renderer-marked)
//
// Hexo renders a post's body with Nunjucks, whose tags are its tag plugins
// ({% codeblock %}, {% post_link %}, {% asset_img %} …), around its
// Markdown renderer; fenced code is kept out of Nunjucks first
// (backtick_code_block), and so is {% raw %}. wpsync does the same before
// goldmark reads the body: fenced code and inline code are set aside, each
// of Hexo's own tag plugins becomes the Markdown that shows what it shows
// (a fenced block, a quote with its citation, a link to the post a slug
// names, a picture of the post's asset folder, a YouTube or Vimeo address
// alone on its line, which the block editor embeds), the rest of the
// Nunjucks ({{ title }}, {% if %}) is run by the Jinja engine Eleventy's
// Nunjucks uses (eleventy.go) with the post's front matter, and a tag no
// engine knows — a theme's or a plugin's JavaScript — is left out with a
// warning naming its line (a paired one keeps its content).
//
// hexo-renderer-marked, Hexo's default Markdown renderer, has breaks: true
// (a newline in a paragraph is a line break) and smartypants: true (the
// typographer) unless the site's marked: settings turn them off.

// HexoSite is what a Hexo site gives one file's body.
type HexoSite struct {
	// Posts are the site's posts by slug (the path under _posts without
	// its extension, and front matter slug): what post_link and post_path
	// name.
	Posts map[string]HexoPost
	// File is the file's path, relative to the synced folder.
	File string
	// AssetFolder is the file's asset folder, relative to the file's
	// folder ("" when the site has no post_asset_folder): what asset_img,
	// asset_link and asset_path name.
	AssetFolder string
	// Breaks: a newline in a paragraph is a line break (marked's breaks).
	Breaks bool
	// CodeDir is the folder include_code reads from, relative to the
	// synced folder (source/downloads/code).
	CodeDir string
	// Dir is the synced folder (for include_code); "" reads nothing.
	Dir string
	// NoNunjucks is marked's disableNunjucks: tag plugins and Nunjucks
	// are not run; front matter disableNunjucks wins.
	NoNunjucks bool
}

// HexoPost is a post a tag plugin may name.
type HexoPost struct {
	Rel   string // its file, relative to the synced folder
	Title string // its front matter title, "" for none
}

// hexoCategories reads Hexo's categories: a list is one hierarchy
// ([A, B]: B under A), a list of lists several ([[A, B], [C]]), as
// "A/B" paths (Document.WholeTerms off); a string is one category.
func hexoCategories(r *fieldReader) ([]string, error) {
	e, ok := r.fields["categories"]
	if !ok || e.val == nil {
		return r.terms("categories", "category", false)
	}
	list, ok := e.val.([]any)
	if !ok {
		return r.terms("categories", "category", false)
	}
	nested := false
	for _, v := range list {
		if _, ok := v.([]any); ok {
			nested = true
		}
	}
	const hint = "write [Parent, Child] for one category under another, or [[A], [B]] for two"
	part := func(v any) (string, error) {
		s, ok := scalarText(v)
		if !ok {
			return "", r.errorf(e, hint, "want category names, got %s", describe(v))
		}
		return strings.ReplaceAll(strings.TrimSpace(s), "/", "-"), nil
	}
	var out []string
	if !nested {
		var names []string
		for _, v := range list {
			s, err := part(v)
			if err != nil {
				return nil, err
			}
			if s != "" {
				names = append(names, s)
			}
		}
		if len(names) > 0 {
			out = append(out, strings.Join(names, "/"))
		}
		return out, nil
	}
	for _, v := range list {
		sub, ok := v.([]any)
		if !ok {
			sub = []any{v}
		}
		var names []string
		for _, x := range sub {
			s, err := part(x)
			if err != nil {
				return nil, err
			}
			if s != "" {
				names = append(names, s)
			}
		}
		if len(names) > 0 {
			out = append(out, strings.Join(names, "/"))
		}
	}
	return out, nil
}

var (
	// hexoMore is Hexo's excerpt marker, <!-- more --> with any spacing.
	hexoMore = regexp.MustCompile(`(?mi)^[ \t]*<!--\s*more\s*-->[ \t]*$`)
	// hexoFence opens or closes fenced code, in a quote or not.
	hexoFence = regexp.MustCompile("^((?:[ \t]*>)*[ \t]{0,3})(`{3,}|~{3,})")
	// hexoCodeSpan is inline code on one line.
	hexoCodeSpan = regexp.MustCompile("(`+)[^`\n]+?`+")
	// hexoTag is a Nunjucks tag: its name and arguments.
	hexoTag = regexp.MustCompile(`(?s)\{%-?\s*([A-Za-z_]\w*)(.*?)\s*-?%\}`)
	// hexoImgMeta is the title and alternative text of Hexo's img tag.
	hexoImgMeta = regexp.MustCompile(`^["']?([^"']+)?["']?\s*["']?([^"']+)?["']?`)
	// hexoURL is what Hexo's link tag takes for its address.
	hexoURL = regexp.MustCompile(`^(?:[A-Za-z][\w+.-]*:|//|/|www\.)`)
)

// hexoDoc is the state of one body while its tags are turned into
// Markdown.
type hexoDoc struct {
	c    *refCollector
	site *HexoSite
	kept []string // texts set aside, by their placeholder's number
}

// hexoHold is the placeholder of the kept text number i: letters only,
// so that neither Nunjucks nor the tag scanner reads anything in it.
func hexoHold(i int) string { return "WPSYNCHEXOKEPT" + strconv.Itoa(i) + "Z" }

var hexoHeld = regexp.MustCompile(`WPSYNCHEXOKEPT(\d+)Z`)

func (h *hexoDoc) hold(s string) string {
	h.kept = append(h.kept, s)
	return hexoHold(len(h.kept) - 1)
}

// restore puts the kept texts back, those inside others too.
func (h *hexoDoc) restore(s string) string {
	for i := 0; i < 10 && hexoHeld.MatchString(s); i++ {
		s = hexoHeld.ReplaceAllStringFunc(s, func(m string) string {
			n, _ := strconv.Atoi(m[len("WPSYNCHEXOKEPT") : len(m)-1])
			if n < len(h.kept) {
				return h.kept[n]
			}
			return m
		})
	}
	return s
}

// renderHexo runs the body's tag plugins and Nunjucks, as Hexo renders a
// post (see above). ok is false when the Nunjucks could not be run: what
// it left is then warned by the scanner of what remains.
func (c *refCollector) renderHexo(src []byte, site *HexoSite, fm map[string]any) ([]byte, bool) {
	h := &hexoDoc{c: c, site: site}
	text := hexoMore.ReplaceAllString(string(src), "<!--more-->")
	off := site.NoNunjucks
	if v, ok := fm["disableNunjucks"].(bool); ok {
		off = v
	}
	if off {
		return []byte(text), true // braces are the author's text
	}
	text = h.holdCode(text)
	text = h.tags(text, 0)
	if strings.Contains(text, "{{") || strings.Contains(text, "{%") || strings.Contains(text, "{#") {
		tpl, err := jinja.Compile(keepBlockNewlines(text))
		if err == nil {
			vals := map[string]jinja.Value{}
			for k, v := range fm {
				vals[k] = jinja.FromGoValue(v)
			}
			vals["page"] = jinja.FromGoValue(fm)
			var out string
			if out, err = tpl.RenderValues(vals); err == nil {
				text = out
			}
		}
		if err != nil {
			c.warn("hexo nunjucks", fmt.Sprintf("Nunjucks could not be rendered (%s): the post's template tags are left as written: fix the line it names, or wrap literal braces in {%% raw %%}…{%% endraw %%}", strings.TrimPrefix(err.Error(), "jinja ")))
			return []byte(h.restore(text)), false
		}
	}
	return []byte(h.restore(text)), true
}

// holdCode sets fenced code and inline code aside: Hexo keeps fenced code
// out of Nunjucks; inline code is kept too, as what an author writes in
// it is meant literally.
func (h *hexoDoc) holdCode(text string) string {
	lines := strings.SplitAfter(text, "\n")
	var b strings.Builder
	for i := 0; i < len(lines); i++ {
		m := hexoFence.FindStringSubmatch(strings.TrimRight(lines[i], "\n"))
		if m == nil {
			b.WriteString(hexoCodeSpan.ReplaceAllStringFunc(lines[i], h.hold))
			continue
		}
		marker := m[2]
		j := i + 1
		for ; j < len(lines); j++ {
			if c := hexoFence.FindStringSubmatch(strings.TrimRight(lines[j], "\n")); c != nil && c[2][0] == marker[0] && len(c[2]) >= len(marker) &&
				strings.TrimSpace(strings.TrimRight(lines[j], "\n")[len(c[0]):]) == "" {
				break
			}
		}
		if j == len(lines) {
			j-- // unclosed: to the end, as CommonMark reads it
		}
		block := strings.Join(lines[i:j+1], "")
		nl := ""
		if strings.HasSuffix(block, "\n") {
			block, nl = block[:len(block)-1], "\n"
		}
		// One placeholder per line keeps the body's line numbers.
		for k, l := range strings.Split(block, "\n") {
			if k > 0 {
				b.WriteString("\n")
			}
			b.WriteString(h.hold(l))
		}
		b.WriteString(nl)
		i = j
	}
	return b.String()
}

// hexoArgs splits a tag's arguments as Hexo does: on spaces, a quoted
// argument kept whole without its quotes.
func hexoArgs(s string) []string {
	var out []string
	var cur strings.Builder
	var quote rune
	in := false
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case !in && (r == '"' || r == '\''):
			quote, in = r, true
		case r == ' ' || r == '\t' || r == '\n':
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if in {
		out = append(out, cur.String())
	}
	return out
}

// hexoPaired are Hexo's tags with content and an end tag.
var hexoPaired = map[string]bool{"codeblock": true, "code": true, "blockquote": true, "quote": true, "pullquote": true, "raw": true}

// tags turns the tag plugins of text into Markdown; depth counts the
// quotes a content is in.
func (h *hexoDoc) tags(text string, depth int) string {
	var b strings.Builder
	last := 0
	for {
		loc := hexoTag.FindStringSubmatchIndex(text[last:])
		if loc == nil {
			break
		}
		for i := range loc {
			loc[i] += last
		}
		name := text[loc[2]:loc[3]]
		args := strings.TrimSpace(text[loc[4]:loc[5]])
		line := h.line(text, loc[0], depth)
		if nunjucksStatements[name] && name != "raw" && name != "endraw" || name == "verbatim" || name == "endverbatim" {
			b.WriteString(text[last:loc[1]])
			last = loc[1]
			continue
		}
		b.WriteString(text[last:loc[0]])
		last = loc[1]
		if hexoPaired[name] {
			end := regexp.MustCompile(`\{%-?\s*end` + name + `\s*-?%\}`).FindStringIndex(text[last:])
			if end == nil {
				h.c.warn("hexo open "+name, fmt.Sprintf("%s{%% %s %%} has no {%% end%s %%}: left out; add the end tag", line, name, name))
				continue
			}
			content := text[last : last+end[0]]
			last += end[1]
			b.WriteString(h.paired(name, args, content, depth))
			continue
		}
		if out, ok := h.single(name, args, line); ok {
			if out == "" {
				last = closeGap(&b, text, last)
			}
			b.WriteString(h.hold(out))
			continue
		}
		if strings.HasPrefix(name, "end") {
			continue // the end of a theme's paired tag: its content stays
		}
		last = closeGap(&b, text, last)
		h.c.warn("hexo tag "+name, fmt.Sprintf("%sHexo tag plugin %q is the theme's or a plugin's own (JavaScript): left out, readers see nothing in its place (a paired tag keeps its content): write what it should show instead", line, name))
	}
	b.WriteString(text[last:])
	return b.String()
}

// closeGap is where text goes on after a tag left out at last: past the
// space after it when a space comes before it too, so that "Back to {% x %}
// and" reads "Back to and", not "Back to  and".
func closeGap(b *strings.Builder, text string, last int) int {
	before := b.String()
	if last < len(text) && text[last] == ' ' && strings.HasSuffix(before, " ") {
		return last + 1
	}
	return last
}

// line names the line of the offset off of text in a message ("" in a
// tag's content, whose lines are not the file's).
func (h *hexoDoc) line(text string, off, depth int) string {
	if depth > 0 {
		return ""
	}
	return fmt.Sprintf("line %d: ", h.c.bodyLine+1+strings.Count(text[:off], "\n"))
}

// paired renders a tag with content.
func (h *hexoDoc) paired(name, args, content string, depth int) string {
	switch name {
	case "raw":
		return h.hold(h.restore(content))
	case "codeblock", "code":
		return h.hold(h.codeblock(hexoArgs(args), h.restore(content)))
	case "blockquote", "quote", "pullquote":
		inner := strings.Trim(h.restore(h.tags(content, depth+1)), "\n")
		var cite string
		if name != "pullquote" {
			cite = hexoCite(args)
		}
		if cite != "" {
			inner += "\n\n" + cite
		}
		var b strings.Builder
		b.WriteString("\n\n")
		for _, l := range strings.Split(inner, "\n") {
			b.WriteString(strings.TrimRight("> "+l, " ") + "\n")
		}
		b.WriteString("\n")
		return h.hold(b.String())
	}
	return content
}

// codeblock is {% codeblock [title] [lang:x] [url] [link text] [opts] %}:
// a fenced block, its title (and link) a line above it.
func (h *hexoDoc) codeblock(args []string, code string) string {
	lang := ""
	var rest []string
	for _, a := range args {
		k, v, ok := strings.Cut(a, ":")
		switch {
		case ok && k == "lang":
			lang = v
		case ok && !strings.Contains(k, "/") && (v == "" || !strings.HasPrefix(v, "//")):
			// line_number:false, mark:1,3, first_line:5, wrap:true: how
			// the theme shows it.
		default:
			rest = append(rest, a)
		}
	}
	caption := ""
	if len(rest) > 0 {
		title := rest
		link, text := "", ""
		for i, a := range rest {
			if i > 0 && hexoURL.MatchString(a) {
				title, link = rest[:i], a
				text = strings.Join(rest[i+1:], " ")
				break
			}
		}
		caption = "*" + escapeMarkdownText(strings.Join(title, " ")) + "*"
		if link != "" {
			if text == "" {
				text = "link"
			}
			caption += " [" + escapeMarkdownText(text) + "](" + link + ")"
		}
	}
	out := fenceText(lang, []byte(strings.Trim(code, "\n")))
	if caption != "" {
		out = "\n\n" + caption + out
	}
	return out
}

// hexoCite is the citation of {% blockquote author, source [link]
// [title] %}, as Hexo's blockquote tag reads its arguments.
func hexoCite(args string) string {
	args = strings.Join(hexoArgs(args), " ")
	var author, source, title string
	if m := regexp.MustCompile(`^(\S.*?)\s+(https?://\S+)\s+(.+)$`).FindStringSubmatch(args); m != nil {
		author, source, title = m[1], m[2], m[3]
	} else if m := regexp.MustCompile(`^(\S.*?)\s+(https?://\S+)$`).FindStringSubmatch(args); m != nil {
		author, source = m[1], m[2]
	} else if m := regexp.MustCompile(`^([^,]+),\s*([^,]+)$`).FindStringSubmatch(args); m != nil {
		author, title = m[1], m[2]
	} else {
		author = args
	}
	author = strings.TrimSuffix(strings.TrimSpace(author), ",")
	var parts []string
	if author != "" {
		parts = append(parts, "**"+escapeMarkdownText(author)+"**")
	}
	switch {
	case source != "":
		text := title
		if text == "" {
			text = strings.TrimSuffix(regexp.MustCompile(`^https?://`).ReplaceAllString(source, ""), "/")
		}
		parts = append(parts, "<cite>["+escapeMarkdownText(strings.TrimSpace(text))+"]("+source+")</cite>")
	case title != "":
		parts = append(parts, "<cite>"+escapeMarkdownText(strings.TrimSpace(title))+"</cite>")
	}
	if len(parts) == 0 {
		return ""
	}
	return "— " + strings.Join(parts, ", ")
}

// escapeMarkdownText escapes what Markdown would read in a text put in a
// link's or emphasis' text.
func escapeMarkdownText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`, `*`, `\*`, `_`, `\_`, "`", "\\`", `<`, `&lt;`)
	return r.Replace(s)
}

// single renders a tag without content; ok is false for one Hexo does
// not have.
func (h *hexoDoc) single(name, raw, line string) (string, bool) {
	args := hexoArgs(raw)
	arg := func(i int) string {
		if i < len(args) {
			return args[i]
		}
		return ""
	}
	switch name {
	case "youtube":
		if arg(0) == "" {
			return "", true
		}
		url := "https://www.youtube.com/watch?v=" + arg(0)
		if arg(1) == "playlist" {
			url = "https://www.youtube.com/playlist?list=" + arg(0)
		}
		return "\n\n" + url + "\n\n", true
	case "vimeo":
		if arg(0) == "" {
			return "", true
		}
		return "\n\nhttps://vimeo.com/" + arg(0) + "\n\n", true
	case "iframe":
		attrs := ""
		if w := arg(1); w != "" {
			attrs += ` width="` + escapeAttribute(w) + `"`
		}
		if ht := arg(2); ht != "" {
			attrs += ` height="` + escapeAttribute(ht) + `"`
		}
		return "\n\n<iframe src=\"" + escapeAttribute(arg(0)) + "\"" + attrs + " frameborder=\"0\" loading=\"lazy\" allowfullscreen></iframe>\n\n", true
	case "img":
		return h.img(args, false), true
	case "asset_img", "asset_image":
		return h.img(args, true), true
	case "asset_path":
		return h.asset(arg(0)), true
	case "asset_link":
		title := strings.Join(args[min(1, len(args)):], " ")
		if title == "" || title == "true" || title == "false" {
			title = arg(0)
		}
		return "[" + escapeMarkdownText(strings.TrimSuffix(strings.TrimSuffix(title, " true"), " false")) + "](" + h.asset(arg(0)) + ")", true
	case "post_path":
		rel, _, ok := h.post(arg(0), line)
		if !ok {
			return "", true
		}
		return rel, true
	case "post_link":
		rel, title, ok := h.post(arg(0), line)
		if !ok {
			return "", true
		}
		if t := strings.Join(args[min(1, len(args)):], " "); t != "" {
			title = strings.TrimSuffix(strings.TrimSuffix(t, " true"), " false")
		}
		return "[" + escapeMarkdownText(title) + "](" + rel + ")", true
	case "link", "a":
		var text []string
		url, i := "", 0
		for ; i < len(args); i++ {
			if hexoURL.MatchString(args[i]) {
				url = args[i]
				break
			}
			text = append(text, args[i])
		}
		title := ""
		if rest := args[min(i+1, len(args)):]; len(rest) > 0 {
			if rest[0] == "true" || rest[0] == "false" {
				rest = rest[1:]
			}
			title = strings.Join(rest, " ")
		}
		t := strings.Join(text, " ")
		if t == "" {
			t = url
		}
		out := "[" + escapeMarkdownText(t) + "](" + url
		if title != "" {
			out += ` "` + strings.ReplaceAll(title, `"`, `\"`) + `"`
		}
		return out + ")", true
	case "include_code":
		return h.includeCode(args, line), true
	}
	return "", false
}

// asset is the path of a file of the post's asset folder, relative to
// the post's file.
func (h *hexoDoc) asset(name string) string {
	if h.site.AssetFolder == "" {
		return name
	}
	return path.Join(h.site.AssetFolder, name)
}

// img is {% img [class] src [width] [height] ["title" ["alt"]] %} and
// {% asset_img name ["title"] %}: a Markdown picture, its title its
// caption (and its alternative text when no other is given).
func (h *hexoDoc) img(args []string, asset bool) string {
	src := -1
	for i, a := range args {
		if asset && !strings.Contains(a, " ") && path.Ext(a) != "" || !asset && hexoURL.MatchString(a) || !asset && i == len(args)-1 {
			src = i
			break
		}
	}
	if src < 0 {
		if len(args) == 0 {
			return ""
		}
		src = 0
	}
	url := args[src]
	if asset {
		url = h.asset(url)
	}
	rest := args[src+1:]
	for len(rest) > 0 && regexp.MustCompile(`^\d+(?:px|%)?$`).MatchString(rest[0]) {
		rest = rest[1:] // width and height: the editor sizes the picture
	}
	// The rest is one text, as Hexo's img tag reads it: the title, or
	// '"title" "alt"' with quotes inside the argument.
	title, alt := "", ""
	if m := hexoImgMeta.FindStringSubmatch(strings.Join(rest, " ")); m != nil {
		title, alt = strings.TrimSpace(m[1]), strings.TrimSpace(m[2])
	}
	if alt == "" {
		alt = title
	}
	out := "![" + escapeMarkdownText(alt) + "](<" + url + ">"
	if title != "" {
		out += ` "` + strings.ReplaceAll(title, `"`, `\"`) + `"`
	}
	return out + ")"
}

// post finds the post a slug names: its path relative to this file (with
// the #fragment of "slug#id"), and its title (its slug when it has none).
// As Hexo's post_link and post_path, the name is a post's slug, else its
// title; a post is also found by its file name under _posts without the
// extension, with or without what new_post_name put before :title (Hexo
// makes that the slug), as users write it.
func (h *hexoDoc) post(slug, line string) (rel, title string, ok bool) {
	name, hash, _ := strings.Cut(slug, "#")
	p, found := h.site.Posts[name]
	if !found {
		p, found = h.postByName(name)
	}
	if !found {
		h.c.warn("hexo post "+slug, fmt.Sprintf("%sHexo post_link %s: no post of that slug, title or file name in source/_posts: left out; %s", line, slug, h.postAdvice(name)))
		return "", "", false
	}
	title = p.Title
	if title == "" {
		title = name
	}
	rel = relativeTo(path.Dir(h.site.File), p.Rel)
	if hash != "" {
		rel += "#" + hash
	}
	return rel, title, true
}

// postByName finds a post by the last part of its slug, its title, or its
// file name (with or without the folders under _posts and the extension).
func (h *hexoDoc) postByName(name string) (HexoPost, bool) {
	keys := make([]string, 0, len(h.site.Posts))
	for k := range h.site.Posts {
		keys = append(keys, k)
	}
	sort.Strings(keys) // the same post each run
	for _, match := range []func(k string, p HexoPost) bool{
		func(k string, _ HexoPost) bool { return path.Base(k) == name },
		func(_ string, p HexoPost) bool { return p.Title == name },
		func(_ string, p HexoPost) bool {
			stem := strings.TrimSuffix(p.Rel, path.Ext(p.Rel))
			if _, under, ok := strings.Cut(stem, "_posts/"); ok && under == name {
				return true
			}
			return path.Base(stem) == name
		},
	} {
		for _, k := range keys {
			if match(k, h.site.Posts[k]) {
				return h.site.Posts[k], true
			}
		}
	}
	return HexoPost{}, false
}

// hexoDated is the date new_post_name's :year-:month-:day- puts before a
// post's name.
var hexoDated = regexp.MustCompile(`^\d{4}-\d{1,2}-\d{1,2}-`)

// postAdvice says what to write instead of a name no post has: the slug of
// a post whose name is near it, else what a slug is, with one of the
// site's.
func (h *hexoDoc) postAdvice(name string) string {
	keys := make([]string, 0, len(h.site.Posts))
	for k := range h.site.Posts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	bare := strings.ToLower(hexoDated.ReplaceAllString(path.Base(name), ""))
	for _, k := range keys {
		if base := strings.ToLower(path.Base(k)); bare != "" && (strings.Contains(base, bare) || strings.Contains(bare, base)) {
			return fmt.Sprintf("did you mean {%% post_link %s %%}?", k)
		}
	}
	if len(keys) == 0 {
		return "source/_posts has no post to link to"
	}
	return fmt.Sprintf("write a post's slug: its file name under source/_posts without .md (and without the date new_post_name puts before :title) or its front matter slug, such as {%% post_link %s %%}", keys[0])
}

// relativeTo is the slash path to target from the folder dir.
func relativeTo(dir, target string) string {
	r, err := filepath.Rel(filepath.FromSlash(dir), filepath.FromSlash(target))
	if err != nil {
		return target
	}
	return filepath.ToSlash(r)
}

// includeCode is {% include_code [title] [lang:x] [from:n] [to:n] path %}:
// the file of the site's code_dir as a fenced block.
func (h *hexoDoc) includeCode(args []string, line string) string {
	lang, from, to := "", 0, 0
	var rest []string
	for _, a := range args {
		k, v, _ := strings.Cut(a, ":")
		switch k {
		case "lang":
			lang = v
		case "from":
			from, _ = strconv.Atoi(v)
		case "to":
			to, _ = strconv.Atoi(v)
		default:
			rest = append(rest, a)
		}
	}
	if len(rest) == 0 || h.site.Dir == "" {
		return ""
	}
	file := path.Clean("/" + rest[len(rest)-1])
	raw, err := os.ReadFile(filepath.Join(h.site.Dir, filepath.FromSlash(h.site.CodeDir), filepath.FromSlash(file)))
	if err != nil {
		h.c.warn("hexo include_code "+file, fmt.Sprintf("%sHexo include_code %s: no such file in %s/: left out", line, file, h.site.CodeDir))
		return ""
	}
	lines := strings.Split(strings.TrimRight(string(raw), "\n"), "\n")
	if to > 0 && to < len(lines) {
		lines = lines[:to]
	}
	if from > 1 && from <= len(lines) {
		lines = lines[from-1:]
	}
	if lang == "" {
		lang = strings.TrimPrefix(path.Ext(file), ".")
	}
	out := fenceText(lang, []byte(strings.Join(lines, "\n")))
	if len(rest) > 1 {
		out = "\n\n*" + escapeMarkdownText(strings.Join(rest[:len(rest)-1], " ")) + "*" + out
	}
	return out
}

// hardBreaks makes each newline in a paragraph a line break, as marked
// does with breaks: true.
func hardBreaks(doc ast.Node) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if _, code := n.(*ast.CodeSpan); code {
			return ast.WalkSkipChildren, nil
		}
		if t, ok := n.(*ast.Text); ok && t.SoftLineBreak() && t.NextSibling() != nil {
			t.SetHardLineBreak(true)
			t.SetSoftLineBreak(false)
		}
		return ast.WalkContinue, nil
	})
}
