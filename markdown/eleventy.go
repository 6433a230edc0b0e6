package markdown

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"text/template"

	"github.com/ardanlabs/jinja"
	"github.com/osteele/liquid"
)

// Eleventy's template languages, run before the Markdown
//
// Eleventy renders a Markdown file's body with the site's
// markdownTemplateEngine first — Liquid by default, or Nunjucks ("njk") —
// and its Markdown after (https://www.11ty.dev/docs/config/#default-template-engine-for-markdown-files).
// Its data is the page's: global data (_data/), directory data files and
// front matter at the top level, and page (url, fileSlug, inputPath).
//
// Nunjucks is run by github.com/ardanlabs/jinja, a Jinja engine (Nunjucks
// is a port of Jinja2: the same statements, expressions and filters).
// Eleventy's filters are added: highlight (a fenced code block: the
// syntax-highlight plugin's), url, slugify, log. {% include "x" %} reads
// _includes/x with the page's data, as Nunjucks does. The site's own
// shortcodes and filters are JavaScript: a shortcode mapped in
// wpsync.yaml's shortcodes: (a Go template, {{ .Get 0 }} its first
// argument) shows its output; another is left out with one warning per
// name, its file and line; an unknown filter passes its value on, with a
// warning.
//
// [[toc]] (markdown-it-table-of-contents, which Eleventy sites add) is
// removed with a warning: WordPress builds no table of contents.

// EleventySite is what an Eleventy site gives its pages' templates.
type EleventySite struct {
	// Engine is the site's markdownTemplateEngine: "njk" or "liquid".
	Engine string
	// Data is the global data (_data/), by file name.
	Data map[string]any
	// Includes is the _includes folder ("" for none).
	Includes string
	// Shortcodes are wpsync.yaml's templates of the site's shortcodes.
	Shortcodes map[string]string
	// Page is Eleventy's page variable of the file (url, fileSlug,
	// inputPath, filePathStem).
	Page map[string]any
	// Extra is what the directory data files give the file (its folder's
	// and above), under its own front matter.
	Extra map[string]any
}

// withoutCollections drops the collection names from tags.
func withoutCollections(tags, collections []string) []string {
	if len(collections) == 0 {
		return tags
	}
	var out []string
	for _, t := range tags {
		if !slices.Contains(collections, strings.ToLower(t)) {
			out = append(out, t)
		}
	}
	return out
}

// tocMarker is markdown-it-table-of-contents' marker, on a line alone.
var tocMarker = regexp.MustCompile(`(?m)^[ \t]*\[\[_?toc_?\]\][ \t]*$`)

// renderEleventy renders the body's template language. ok is false when
// the engine cannot read it: it is left to the scanner of what remains.
func (c *refCollector) renderEleventy(src []byte, site *EleventySite, fm map[string]any) ([]byte, bool) {
	if loc := tocMarker.FindIndex(src); loc != nil {
		c.warn("eleventy toc", fmt.Sprintf("line %d: [[toc]] (a table of contents of markdown-it-table-of-contents) is removed: WordPress builds none; a table of contents block or plugin can show one", c.bodyLine+1+bytes.Count(src[:loc[0]], []byte("\n"))))
		src = tocMarker.ReplaceAll(src, nil)
	}
	data := map[string]any{}
	for k, v := range site.Data {
		data[k] = v
	}
	for k, v := range site.Extra {
		data[k] = v
	}
	for k, v := range fm {
		data[k] = v
	}
	engine := site.Engine
	if o, ok := fm["templateEngineOverride"].(string); ok {
		// The file's own choice: "njk,md", "liquid,md", "md".
		engine = "none"
		if first, _, _ := strings.Cut(o, ","); first != "md" {
			engine = strings.TrimSpace(strings.ToLower(first))
		}
	}
	switch engine {
	case "liquid":
	case "njk":
		if !bytes.Contains(src, []byte("{{")) && !bytes.Contains(src, []byte("{%")) {
			return src, true
		}
		data["page"] = site.Page
		return c.renderNunjucks(src, site, data)
	case "none":
		return src, true // no template language: its braces are the author's text
	default:
		return src, false // one wpsync does not run (ejs, hbs): what it leaves is warned
	}
	{
		ls := &LiquidSite{Includes: site.Includes, Top: data, UnknownTag: eleventyUnknownTag(src)}
		if len(site.Shortcodes) > 0 {
			ls.Register = func(eng *liquid.Engine) { c.registerLiquidShortcodes(eng, site, src) }
		}
		return c.renderLiquid(src, ls, site.Page)
	}
}

// nunjucksStatements are the statements of Nunjucks the engine runs; any
// other tag is a shortcode.
var nunjucksStatements = map[string]bool{
	"if": true, "elif": true, "elseif": true, "else": true, "endif": true, "for": true, "endfor": true,
	"set": true, "endset": true, "macro": true, "endmacro": true, "call": true, "endcall": true,
	"filter": true, "endfilter": true, "raw": true, "endraw": true, "block": true, "endblock": true,
	"with": true, "endwith": true, "verbatim": true, "endverbatim": true,
}

// nunjucksTag is a {% … %} tag: its name and arguments.
var nunjucksTag = regexp.MustCompile(`(?s)\{%(-?)\s*([A-Za-z_][\w]*)(.*?)\s*(-?)%\}`)

// maxIncludeDepth bounds includes that include themselves.
const maxIncludeDepth = 10

// renderNunjucks runs src as Nunjucks with data.
func (c *refCollector) renderNunjucks(src []byte, site *EleventySite, data map[string]any) ([]byte, bool) {
	filters := map[string]func(args []jinja.Value) jinja.Value{
		"highlight": func(a []jinja.Value) jinja.Value {
			lang := ""
			if len(a) > 1 {
				lang = plainOf(a[1])
			}
			return jinja.NewString(fenceText(lang, []byte(strings.Trim(plainOf(a[0]), "\n"))))
		},
		"url":     func(a []jinja.Value) jinja.Value { return a[0] },
		"slugify": func(a []jinja.Value) jinja.Value { return jinja.NewString(slugify(plainOf(a[0]))) },
		"slug":    func(a []jinja.Value) jinja.Value { return jinja.NewString(slugify(plainOf(a[0]))) },
		"log":     func(a []jinja.Value) jinja.Value { return a[0] },
	}
	text := keepBlockNewlines(c.expandNunjucks(string(src), site, 0))
	for tries := 0; ; tries++ {
		prepared := rewriteFilters(text, func(name string) bool { _, ok := filters[name]; return ok })
		tpl, err := jinja.Compile(prepared)
		var out string
		if err == nil {
			vals := map[string]jinja.Value{}
			for k, v := range data {
				vals[k] = jinja.FromGoValue(v)
			}
			for name, f := range filters {
				vals["__wpsync_f_"+name] = jinja.NewCallable(name, func(args []jinja.Value, _ map[string]jinja.Value) (jinja.Value, error) {
					if len(args) == 0 {
						return jinja.NewString(""), nil
					}
					return f(args), nil
				})
			}
			for name, tpl := range c.eleventyShortcodes(site) {
				vals["__wpsync_sc_"+name] = jinja.NewCallable(name, func(args []jinja.Value, _ map[string]jinja.Value) (jinja.Value, error) {
					var b strings.Builder
					if err := tpl.Execute(&b, scArgs(args)); err != nil {
						return jinja.NewString(""), err
					}
					return jinja.NewString(b.String()), nil
				})
				vals["__wpsync_pc_"+name] = pairedCallable(name, tpl) // eleventypaired.go
			}
			out, err = tpl.RenderValues(vals)
		}
		if err == nil {
			return []byte(out), true
		}
		msg := err.Error()
		if _, rest, ok := strings.Cut(msg, "unknown filter "); ok && tries < maxLeftOut {
			name := strings.Trim(rest, `"`)
			if _, known := filters[name]; !known {
				filters[name] = func(a []jinja.Value) jinja.Value { return a[0] }
				c.warn("njk filter "+name, fmt.Sprintf("line %d: Nunjucks filter %q is the site's own (JavaScript): the value is passed on unchanged; write the result in its place if it matters", c.bodyLine+1+lineOf(text, "| "+name), name))
				continue
			}
		}
		c.warn("njk error", fmt.Sprintf("Nunjucks could not be rendered (%s): the page's template tags are left as written: fix the line it names", strings.TrimPrefix(msg, "jinja ")))
		return src, false
	}
}

// lineOf is the line (0 based) of the first s in text, 0 when none.
func lineOf(text, s string) int {
	i := strings.Index(text, s)
	if i < 0 {
		return 0
	}
	return strings.Count(text[:i], "\n")
}

// plainOf is a value as text: a string as itself.
func plainOf(v jinja.Value) string {
	if v.IsString() {
		return v.AsString()
	}
	if v.IsUndefined() || v.IsNone() {
		return ""
	}
	return v.String()
}

// scArgs are a shortcode's arguments for its template: .Get 0.
type scArgs []jinja.Value

// Get returns the i-th argument as text, "" when there is none.
func (a scArgs) Get(i int) string {
	if i < 0 || i >= len(a) {
		return ""
	}
	return plainOf(a[i])
}

// eleventyShortcodes parses wpsync.yaml's shortcode templates; one that
// does not parse is warned and left out.
func (c *refCollector) eleventyShortcodes(site *EleventySite) map[string]*template.Template {
	out := map[string]*template.Template{}
	for name, text := range site.Shortcodes {
		t, err := template.New(name).Parse(text)
		if err != nil {
			c.warn("njk mapped "+name, fmt.Sprintf("wpsync.yaml: shortcodes: %s: %v: the shortcode is left out", name, err))
			continue
		}
		out[name] = t
	}
	return out
}

// expandNunjucks puts the included files in place of {% include %} (the
// included file sees the page's data, as in Nunjucks), and each
// shortcode tag ({% name args %}, the site's JavaScript) in a form the
// engine runs: a mapped one as a call of its template, another removed
// with a warning (a paired one keeps its content).
func (c *refCollector) expandNunjucks(text string, site *EleventySite, depth int) string {
	var b strings.Builder
	raw := false
	last := 0
	var open []pairedOpen // mapped paired shortcodes open, innermost last
	for _, m := range nunjucksTag.FindAllStringSubmatchIndex(text, -1) {
		name := text[m[4]:m[5]]
		args := strings.TrimSpace(text[m[6]:m[7]])
		switch {
		case name == "raw" || name == "verbatim":
			raw = true
			continue
		case name == "endraw" || name == "endverbatim":
			raw = false
			continue
		case raw || nunjucksStatements[name]:
			continue
		}
		b.WriteString(text[last:m[0]])
		last = m[1]
		line := c.bodyLine + 1 + strings.Count(text[:m[0]], "\n")
		if depth > 0 {
			line = 0
		}
		where := ""
		if line > 0 {
			where = fmt.Sprintf("line %d: ", line)
		}
		switch {
		case name == "include":
			file := strings.Trim(strings.Fields(args + " ")[0], `"'`)
			body, err := c.readInclude(site, file)
			if err != nil || depth >= maxIncludeDepth {
				c.warn("njk include "+file, fmt.Sprintf("%sNunjucks {%% include %s %%}: no such file in _includes/: left out, readers see nothing in its place", where, args))
				continue
			}
			b.WriteString(c.expandNunjucks(body, site, depth+1))
		case strings.HasPrefix(name, "end"):
			// The end of a paired shortcode: a mapped one's call, after
			// its content; another's content stays.
			if n := len(open) - 1; n >= 0 && open[n].name == name[3:] {
				b.WriteString(open[n].close())
				open = open[:n]
			}
		default:
			if _, ok := site.Shortcodes[name]; ok && pairedAfter(text[m[1]:], name) {
				o := pairedOpen{name: name, args: args, id: fmt.Sprintf("%d_%d", depth, m[0])}
				open = append(open, o)
				b.WriteString(o.start())
				continue
			}
			if _, ok := site.Shortcodes[name]; ok {
				b.WriteString("{{ __wpsync_sc_" + name + "(" + strings.TrimSpace(args) + ") }}")
				continue
			}
			what := "left out, readers see nothing in its place"
			if pairedAfter(text[m[1]:], name) {
				what = "its tags are left out, its content stays"
			}
			c.warn("njk shortcode "+name, fmt.Sprintf("%sNunjucks shortcode %q is the site's own (JavaScript): %s: map it in wpsync.yaml's shortcodes: to a template, or write what it should show instead", where, name, what))
		}
	}
	b.WriteString(text[last:])
	return b.String()
}

// blockTag is a statement or comment tag, for keepBlockNewlines.
var blockTag = regexp.MustCompile(`(?s)\{%-?\s*(\w*).*?(-?)%\}|\{#.*?(-?)#\}`)

// keepBlockNewlines undoes the engine's trim_blocks, which Nunjucks does
// not do: the engine removes the newline right after a statement or
// comment tag (as Jinja2 configured for chat templates does), so a second
// one is put there for it to take. Without it, the lines a {% for %}
// writes would run together. (Its lstrip_blocks, which takes the spaces
// before a tag that starts a line, is not undone: such spaces in Markdown
// are rare.)
func keepBlockNewlines(text string) string {
	var b strings.Builder
	raw := false
	last := 0
	for _, m := range blockTag.FindAllStringSubmatchIndex(text, -1) {
		name := ""
		if m[2] >= 0 {
			name = text[m[2]:m[3]]
		}
		switch {
		case name == "endraw" || name == "endverbatim":
			raw = false
		case raw:
			continue
		case name == "raw" || name == "verbatim":
			raw = true
		}
		trimmed := m[4] >= 0 && m[5] > m[4] || m[6] >= 0 && m[7] > m[6]
		if trimmed || !strings.HasPrefix(text[m[1]:], "\n") {
			continue
		}
		b.WriteString(text[last:m[1]])
		b.WriteString("\n")
		last = m[1]
	}
	b.WriteString(text[last:])
	return b.String()
}

// readInclude reads a file of _includes/.
func (c *refCollector) readInclude(site *EleventySite, name string) (string, error) {
	if site.Includes == "" || name == "" || strings.Contains(name, "..") {
		return "", os.ErrNotExist
	}
	raw, err := os.ReadFile(filepath.Join(site.Includes, filepath.FromSlash(path.Clean("/"+name))))
	return string(raw), err
}

// rewriteFilters writes each use of a filter the engine does not have
// (Eleventy's, the site's) in the template's tags as a call the engine
// makes: "x | highlight("js")" as __wpsync_f_highlight(x, "js"). The
// value filtered is what stands before the bar: a name with its
// attributes, indexes and calls, a literal, or a parenthesised
// expression, as the filter binds it in Jinja.
func rewriteFilters(text string, ours func(string) bool) string {
	var b strings.Builder
	for {
		open := strings.Index(text, "{{")
		openS := strings.Index(text, "{%")
		if open < 0 || (openS >= 0 && openS < open) {
			open = openS
		}
		if open < 0 {
			b.WriteString(text)
			return b.String()
		}
		closer := "}}"
		if text[open+1] == '%' {
			closer = "%}"
		}
		end := strings.Index(text[open+2:], closer)
		if end < 0 {
			b.WriteString(text)
			return b.String()
		}
		end += open + 2
		b.WriteString(text[:open+2])
		b.WriteString(rewriteExpr(text[open+2:end], ours))
		b.WriteString(closer)
		text = text[end+2:]
	}
}

// rewriteExpr rewrites the filters of one tag's expression.
func rewriteExpr(e string, ours func(string) bool) string {
	for from := 0; ; {
		i := barAt(e, from)
		if i < 0 {
			return e
		}
		j := i + 1
		for j < len(e) && e[j] == ' ' {
			j++
		}
		k := j
		for k < len(e) && (isIdent(e[k])) {
			k++
		}
		name := e[j:k]
		if name == "" || !ours(name) {
			from = i + 1
			continue
		}
		start := operandStart(e, i)
		operand := strings.TrimSpace(e[start:i])
		args := ""
		if k < len(e) && e[k] == '(' {
			if close := matching(e, k); close > 0 {
				args = strings.TrimSpace(e[k+1 : close])
				k = close + 1
			}
		}
		call := "__wpsync_f_" + name + "(" + operand
		if args != "" {
			call += ", " + args
		}
		call += ")"
		lead := ""
		if start > 0 && e[start-1] != ' ' && e[start-1] != '(' {
			lead = " "
		}
		e = e[:start] + lead + call + e[k:]
		from = start
	}
}

func isIdent(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// barAt finds the next filter bar at or after from, outside quotes.
func barAt(e string, from int) int {
	var quote byte
	for i := 0; i < len(e); i++ {
		c := e[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '|' && i >= from:
			return i
		}
	}
	return -1
}

// operandStart walks back from the bar at i over the value it filters.
func operandStart(e string, i int) int {
	j := i
	for j > 0 && e[j-1] == ' ' {
		j--
	}
	for j > 0 {
		c := e[j-1]
		switch {
		case c == ')' || c == ']':
			depth := 0
		back:
			for j > 0 {
				j--
				switch e[j] {
				case ')', ']':
					depth++
				case '(', '[':
					depth--
				}
				if depth == 0 {
					break back
				}
			}
		case c == '"' || c == '\'':
			j--
			for j > 0 && e[j-1] != c {
				j--
			}
			if j > 0 {
				j--
			}
		case isIdent(c) || c == '.':
			j--
		default:
			return j
		}
	}
	return j
}

// matching finds the parenthesis closing the one at i, -1 when none.
func matching(e string, i int) int {
	depth := 0
	var quote byte
	for ; i < len(e); i++ {
		c := e[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}
