package markdown

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/osteele/liquid"
	"github.com/osteele/liquid/expressions"
	lrender "github.com/osteele/liquid/render"
	"github.com/osteele/liquid/values"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Jekyll's Liquid, run by a real Liquid engine
//
// Jekyll renders a page's Liquid before its Markdown, with the site's
// configuration as site (and its _data folder as site.data), the page's
// front matter as page, and _includes/ for {% include %}. So does wpsync,
// with github.com/osteele/liquid and the tags and filters Jekyll adds:
//
//	{% highlight go %}…{% endhighlight %}   a fenced code block
//	{% post_url 2024-01-02-name %}          that post's address (resolved like any link, refs.go)
//	{% link _posts/2024-01-02-name.md %}    that file's address
//	{% include note.html x="y" %}           _includes/note.html, with include.x
//	relative_url, absolute_url               the path from the site's root (see below)
//	where, where_exp-less group_by, jsonify, slugify, xml_escape, date_to_string, …
//
// site.url and site.baseurl are empty: a path from the site's root is then
// what the links and pictures of the folder are found by, as on the site
// (refs.go). What cannot be rendered — a plugin's tag, a variable the site
// does not define, a tag or output the engine cannot read or render — is
// left out of what readers see, each alone (Jekyll too shows nothing for
// an undefined variable), and named in a warning with its line; a filter
// Jekyll does not know passes its value on, as Jekyll's does (lenient
// Liquid: liquidlax.go).

// LiquidSite is what a Jekyll site gives its pages' Liquid. The zero value
// is a site with nothing defined (a _posts folder without _config.yml).
type LiquidSite struct {
	// Site is the configuration (_config.yml), with _data under "data".
	Site map[string]any
	// Includes is the _includes folder, "" when there is none.
	Includes string
	// Root is the site's folder, where include_relative finds the files
	// beside a page; "" for none.
	Root string
	// Zone is the site's timezone setting, in which Jekyll shows times
	// (and reads those written without a zone); nil for none.
	Zone *time.Location
	// Top are variables at the template's top level, beside site and page
	// (Eleventy's data: its global data and front matter; eleventy.go).
	Top map[string]any
	// Register adds tags to the engine (Eleventy's mapped shortcodes,
	// eleventypaired.go); nil adds none.
	Register func(*liquid.Engine)
	// UnknownTag, when set, words the warning of a tag the engine does
	// not know (Eleventy's: a shortcode of the site's); "" warns nothing
	// (the end tag of a paired one). nil: Jekyll's plugin tag.
	UnknownTag func(name string, line int) string
}

// noSite is the Liquid site of Jekyll files outside a Jekyll site.
var noSite = &LiquidSite{}

// ReadLiquidSite reads what Liquid sees of the Jekyll site in dir: config
// is its decoded configuration. The data files of _data/ (YAML and JSON,
// by folder) become site.data; one that cannot be read is an error.
func ReadLiquidSite(dir string, config map[string]any) (*LiquidSite, error) {
	site := map[string]any{}
	for k, v := range config {
		site[k] = plainValue(v)
	}
	zone := liquidConfigZone(config)
	data, err := readData(filepath.Join(dir, "_data"), zone)
	if err != nil {
		return nil, err
	}
	site["data"] = data
	ls := &LiquidSite{Site: site, Root: dir, Zone: zone}
	if fi, err := os.Stat(filepath.Join(dir, "_includes")); err == nil && fi.IsDir() {
		ls.Includes = filepath.Join(dir, "_includes")
	}
	return ls, nil
}

// readData reads a _data folder into nested maps named after the files,
// its YAML as Ruby reads it (rubyYAML), times shown in zone.
func readData(dir string, zone *time.Location) (map[string]any, error) {
	out := map[string]any{}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read _data: %w", err)
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		p := filepath.Join(dir, name)
		if e.IsDir() {
			sub, err := readData(p, zone)
			if err != nil {
				return nil, err
			}
			out[name] = sub
			continue
		}
		ext := strings.ToLower(filepath.Ext(name))
		if ext != ".yml" && ext != ".yaml" && ext != ".json" {
			continue // CSV and TSV are rarely used in post bodies
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("read _data: %w", err)
		}
		var v any
		if ext == ".json" {
			err = json.Unmarshal(raw, &v)
		} else {
			v, err = rubyYAML(raw, zone)
		}
		if err != nil {
			return nil, fmt.Errorf("_data/%s: %v", name, err)
		}
		out[strings.TrimSuffix(name, filepath.Ext(name))] = plainValue(v)
	}
	return out, nil
}

// plainValue turns decoded YAML and TOML into what Liquid walks: maps with
// string keys, slices of any.
func plainValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, item := range v {
			m[k] = plainValue(item)
		}
		return m
	case map[any]any:
		m := make(map[string]any, len(v))
		for k, item := range v {
			m[fmt.Sprint(k)] = plainValue(item)
		}
		return m
	case []any:
		out := make([]any, len(v))
		for i, item := range v {
			out[i] = plainValue(item)
		}
		return out
	case []map[string]any:
		out := make([]any, len(v))
		for i, item := range v {
			out[i] = plainValue(item)
		}
		return out
	}
	return v
}

// liquidRun is one file's rendering: what went missing, for warnings.
type liquidRun struct {
	// marker, when set, is what a variable the site does not define reads
	// as (see unlinkMissing).
	marker  string
	mu      sync.Mutex
	missing map[string]bool // variables read and not defined: "site.club_url"
	removed map[string]bool // tags and filters no engine knows
	// unknownTag, when set, is the warning of a tag no engine knows
	// (LiquidSite.UnknownTag); "" warns nothing.
	unknownTag func(name string, line int) string
}

func (r *liquidRun) miss(p string) {
	r.mu.Lock()
	r.missing[p] = true
	r.mu.Unlock()
}

// traced is a map of the bindings that records the names read from it that
// it does not have, so that the output that printed nothing can be named.
type traced struct {
	values.Value
	name string
	run  *liquidRun
}

func newTraced(name string, m map[string]any, run *liquidRun) traced {
	return traced{values.ValueOf(m), name, run}
}

func (t traced) PropertyValue(k values.Value) values.Value {
	key := fmt.Sprint(k.Interface())
	v := t.Value.PropertyValue(k)
	if v.Interface() == nil {
		t.run.miss(t.name + "." + key)
		if t.run.marker != "" {
			return values.ValueOf(t.run.marker)
		}
		return v
	}
	if m, ok := v.Interface().(map[string]any); ok {
		return newTraced(t.name+"."+key, m, t.run)
	}
	return v
}

func (t traced) IndexValue(k values.Value) values.Value {
	if _, ok := k.Interface().(string); ok {
		return t.PropertyValue(k)
	}
	return t.Value.IndexValue(k)
}

// renderLiquid renders the Liquid of a Jekyll page's body. ok is false
// when the body is no template the engine can read (a syntax error): it
// is then left to the scanner of hugo.go, and the warning says why.
func (c *refCollector) renderLiquid(src []byte, site *LiquidSite, page map[string]any) ([]byte, bool) {
	if !bytes.Contains(src, []byte("{{")) && !bytes.Contains(src, []byte("{%")) {
		return src, true
	}
	if site == nil {
		site = noSite
	}
	run := &liquidRun{missing: map[string]bool{}, removed: map[string]bool{}, unknownTag: site.UnknownTag}
	eng := site.engine(run, c)
	siteMap := map[string]any{}
	for k, v := range site.Site {
		siteMap[k] = v
	}
	// Paths from the site's root are how the folder's files are found.
	siteMap["url"], siteMap["baseurl"] = "", ""
	bindings := map[string]any{
		"site": newTraced("site", siteMap, run),
		"page": newTraced("page", page, run),
	}
	for k, v := range site.Top {
		bindings[k] = v // Eleventy has no site of its own: a data file named site is it
	}
	var out []byte
	var tpl *liquid.Template
	parse := func(src []byte) (*liquid.Template, liquid.SourceError) {
		return eng.ParseTemplateLocation(src, c.file, c.bodyLine+1)
	}
	leftOut := 0
	for tries := 0; ; tries++ {
		var err liquid.SourceError
		tpl, err = parse(src)
		if err != nil {
			if c.undefined(eng, err, run) && tries < maxLeftOut {
				continue
			}
			// A tag the engine cannot read: it alone is left out
			// (Jekyll's Liquid warns and goes on, in its default
			// error_mode: warn), and the rest read again.
			if leftOut < maxLeftOut {
				reparse := func(b []byte) liquid.SourceError { _, err := parse(b); return err }
				if rest, source, line, kept, ok := unreadableTag(src, c.bodyLine+1, err, reparse); ok {
					leftOut++
					src = rest
					if kept {
						continue // named by the check of what readers see
					}
					c.warn("liquid unread "+source, fmt.Sprintf("line %d: Liquid %s could not be read (%s): left out, readers see nothing in its place: write it as Liquid reads it, or write what it should show instead", line, shorten(source), liquidMessage(err)))
					continue
				}
			}
			c.warn("liquid error", fmt.Sprintf("line %d: Liquid could not be rendered (%s): the page's Liquid is left as written: fix that line", err.LineNumber(), liquidMessage(err)))
			c.liquidFailed = true
			return src, false
		}
		// A tag or output that fails while rendering is left out, it
		// alone: the tree is rendered again without it.
		slots := markNodes(tpl.GetRoot())
		for {
			out, err = tpl.Render(bindings)
			if err == nil || leftOut >= maxLeftOut {
				break
			}
			if _, kind := undefinedName(err); kind != "" {
				break // parsed again with it defined
			}
			source, line, ok := leaveOut(slots, err)
			if !ok {
				break
			}
			leftOut++
			c.warn("liquid failed "+source, fmt.Sprintf("line %d: Liquid %s could not be rendered (%s): left out, readers see nothing in its place: fix it (the values it reads, the file it names), or write what it should show instead", line, shorten(source), liquidMessage(err)))
		}
		if err == nil {
			break
		}
		if c.undefined(eng, err, run) && tries < maxLeftOut {
			continue
		}
		c.warn("liquid error", fmt.Sprintf("line %d: Liquid could not be rendered (%s): the page's Liquid is left as written: fix that line", err.LineNumber(), liquidMessage(err)))
		c.liquidFailed = true
		return src, false
	}
	if len(run.missing) > 0 {
		c.warnMissing(tpl.GetRoot(), run)
		c.unlink = c.linksToMissing(tpl, bindings, run)
	}
	return out, true
}

// undefined defines a tag or filter the engine does not know, when err is
// about one, and reports whether it did: a tag of a plugin shows nothing,
// as the site without that plugin would; a filter passes its input on, as
// Jekyll's Liquid does for a filter it does not know (strict_filters off).
func (c *refCollector) undefined(eng *liquid.Engine, err liquid.SourceError, run *liquidRun) bool {
	name, kind := undefinedName(err)
	if name == "" || run.removed[name] {
		return false
	}
	run.removed[name] = true
	if kind == "tag" {
		eng.RegisterTag(name, func(lrender.Context) (string, error) { return "", nil })
		if run.unknownTag != nil {
			if msg := run.unknownTag(name, err.LineNumber()); msg != "" {
				c.warn("liquid "+kind+" "+name, msg)
			}
			return true
		}
		c.warn("liquid "+kind+" "+name, fmt.Sprintf("line %d: Liquid tag %q is not Jekyll's: left out (a plugin's tag, which WordPress cannot run): write what it should show instead", err.LineNumber(), name))
	} else {
		eng.RegisterFilter(name, passThrough)
		c.warn("liquid "+kind+" "+name, fmt.Sprintf("line %d: Liquid filter %q is not Jekyll's: the value is passed on unchanged, as Jekyll does with a filter it does not know (a plugin's filter would change it: write the result in its place if it matters)", err.LineNumber(), name))
	}
	return true
}

// undefinedMarker is what a variable the site does not define prints in
// linksToMissing's second rendering: a fragment, which no link resolves.
const undefinedMarker = "#wpsync-undefined#"

// linksToMissing renders the template once more with the variables the
// site does not define printing undefinedMarker, and returns the links
// whose address then holds it: their text and their address as the first
// rendering printed it. Jekyll prints nothing for such a variable, so
// [shelf]: {{ site.club_url }}/shelf would link to /shelf, a page that is
// not there; unlinkMissing shows those links' text plain instead.
func (c *refCollector) linksToMissing(tpl *liquid.Template, bindings map[string]any, run *liquidRun) map[[2]string]bool {
	run.marker = undefinedMarker
	defer func() { run.marker = "" }()
	marked, err := tpl.Render(bindings)
	if err != nil || !bytes.Contains(marked, []byte(undefinedMarker)) {
		return nil
	}
	var found map[[2]string]bool
	doc := md.Parser().Parse(text.NewReader(marked))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering && bytes.Contains(l.Destination, []byte(undefinedMarker)) {
			if found == nil {
				found = map[[2]string]bool{}
			}
			found[[2]string{plainText(l, marked), strings.ReplaceAll(string(l.Destination), undefinedMarker, "")}] = true
		}
		return ast.WalkContinue, nil
	})
	return found
}

// unlinkMissing replaces the links linksToMissing found with their text.
func (c *refCollector) unlinkMissing(doc ast.Node, src []byte) {
	if c == nil || len(c.unlink) == 0 {
		return
	}
	var links []*ast.Link
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering && c.unlink[[2]string{plainText(l, src), string(l.Destination)}] {
			links = append(links, l)
		}
		return ast.WalkContinue, nil
	})
	for _, l := range links {
		parent := l.Parent()
		for child := l.FirstChild(); child != nil; {
			next := child.NextSibling()
			parent.InsertBefore(parent, l, child)
			child = next
		}
		parent.RemoveChild(parent, l)
	}
}

// warnMissing names each output that printed a variable the site does not
// define, with its line.
func (c *refCollector) warnMissing(n lrender.Node, run *liquidRun) {
	var missing []string
	for p := range run.missing {
		missing = append(missing, p)
	}
	sort.Strings(missing)
	var walk func(n lrender.Node)
	walk = func(n lrender.Node) {
		switch n := n.(type) {
		case *lrender.SeqNode:
			for _, c := range n.Children {
				walk(c)
			}
		case *lrender.BlockNode:
			for _, c := range n.Body {
				walk(c)
			}
			for _, cl := range n.Clauses {
				walk(cl)
			}
		case *lrender.ObjectNode:
			for _, p := range missing {
				if mentions(n.Source, p) {
					c.warn("liquid {{"+p+"}}", fmt.Sprintf("line %d: Liquid output %s: %s is not defined by the site (%s): it shows nothing, and a link to an address made with it shows as plain text", n.SourceLoc.LineNo, n.Source, p, whereDefined(p)))
					break
				}
			}
		}
	}
	walk(n)
}

// mentions reports whether a Liquid expression reads the variable path p
// (not a longer name that starts with it).
func mentions(expr, p string) bool {
	for i := strings.Index(expr, p); i >= 0; {
		end := i + len(p)
		if end == len(expr) || !(unicode.IsLetter(rune(expr[end])) || unicode.IsDigit(rune(expr[end])) || expr[end] == '_' || expr[end] == '-') {
			return true
		}
		j := strings.Index(expr[end:], p)
		if j < 0 {
			break
		}
		i = end + j
	}
	return false
}

// whereDefined says where a variable would come from.
func whereDefined(p string) string {
	switch {
	case strings.HasPrefix(p, "site.data."):
		return "a file of _data/"
	case strings.HasPrefix(p, "site."):
		return "_config.yml"
	case strings.HasPrefix(p, "page."):
		return "the page's front matter"
	}
	return "the template"
}

// undefinedName reads the engine's error for a tag or filter it does not
// know.
func undefinedName(err liquid.SourceError) (name, kind string) {
	var uf expressions.UndefinedFilter
	if errors.As(causeOf(err), &uf) {
		return string(uf), "filter"
	}
	// The parser's error for a tag: `undefined tag "seo"` within its
	// message, which has no type of its own.
	msg := err.Error()
	for _, kind := range []string{"tag", "filter"} {
		if _, rest, ok := strings.Cut(msg, "undefined "+kind+" "); ok {
			if q, err := strconv.QuotedPrefix(rest); err == nil {
				if s, err := strconv.Unquote(q); err == nil {
					return s, kind
				}
			}
		}
	}
	return "", ""
}

// plainError is an error of an included file as the include tag's own:
// not a Liquid source error, whose location the engine would keep over
// the tag's. msg names the included file (not its path on this machine);
// cause is the engine's error.
type plainError struct{ msg, cause error }

func (e plainError) Error() string { return e.msg.Error() }
func (e plainError) Unwrap() error { return e.cause }

func causeOf(err liquid.SourceError) error {
	if c := err.Cause(); c != nil {
		return c
	}
	return err
}

// engine builds the Liquid engine of a file: Jekyll's tags and filters on
// the standard ones.
func (s *LiquidSite) engine(run *liquidRun, c *refCollector) *liquid.Engine {
	eng := liquid.NewEngine()
	eng.RegisterBlock("highlight", func(ctx lrender.Context) (string, error) {
		code, err := ctx.InnerString()
		if err != nil {
			return "", err
		}
		lang, _, _ := strings.Cut(strings.TrimSpace(ctx.TagArgs()), " ")
		return fenceText(lang, []byte(code)), nil
	})
	eng.RegisterTag("post_url", func(ctx lrender.Context) (string, error) {
		p := strings.Trim(strings.TrimSpace(ctx.TagArgs()), `"'`)
		return refScheme + "/_posts/" + strings.TrimPrefix(p, "/"), nil
	})
	link := func(ctx lrender.Context) (string, error) {
		p, err := ctx.ExpandTagArg()
		if err != nil {
			return "", err
		}
		p = strings.Trim(strings.TrimSpace(p), `"'`)
		return refScheme + "/" + strings.TrimPrefix(p, "/"), nil
	}
	eng.RegisterTag("link", link)
	eng.RegisterTag("include", s.include(false, run, c))
	eng.RegisterTag("include_relative", s.include(true, run, c))
	root := func(p string) string {
		if p == "" || hasScheme(p) || strings.HasPrefix(p, "/") || strings.HasPrefix(p, "#") {
			return p
		}
		return "/" + p
	}
	eng.RegisterFilter("relative_url", root)
	eng.RegisterFilter("absolute_url", root)
	eng.RegisterFilter("where", func(list []any, key string, want any) []any {
		var out []any
		for _, item := range list {
			if m, ok := item.(map[string]any); ok && fmt.Sprint(m[key]) == fmt.Sprint(want) {
				out = append(out, item)
			}
		}
		return out
	})
	eng.RegisterFilter("group_by", func(list []any, key string) []any {
		var out []any
		index := map[string]int{}
		for _, item := range list {
			m, _ := item.(map[string]any)
			name := fmt.Sprint(m[key])
			i, ok := index[name]
			if !ok {
				i = len(out)
				index[name] = i
				out = append(out, map[string]any{"name": name, "items": []any{}, "size": 0})
			}
			g := out[i].(map[string]any)
			g["items"] = append(g["items"].([]any), item)
			g["size"] = len(g["items"].([]any))
		}
		return out
	})
	eng.RegisterFilter("jsonify", func(v any) string {
		b, _ := json.Marshal(v)
		return string(b)
	})
	eng.RegisterFilter("slugify", func(s string) string { return slugify(s) })
	eng.RegisterFilter("xml_escape", html.EscapeString)
	eng.RegisterFilter("cgi_escape", url.QueryEscape)
	eng.RegisterFilter("uri_escape", func(s string) string { return (&url.URL{Path: s}).EscapedPath() })
	eng.RegisterFilter("markdownify", func(s string) string { return s }) // the page's Markdown renders it
	eng.RegisterFilter("smartify", func(s string) string { return s })    // WordPress's wptexturize does it
	eng.RegisterFilter("number_of_words", func(s string) int { return len(strings.Fields(s)) })
	eng.RegisterFilter("array_to_sentence_string", func(list []any) string {
		words := make([]string, len(list))
		for i, w := range list {
			words[i] = fmt.Sprint(w)
		}
		switch len(words) {
		case 0:
			return ""
		case 1:
			return words[0]
		case 2:
			return words[0] + " and " + words[1]
		}
		return strings.Join(words[:len(words)-1], ", ") + ", and " + words[len(words)-1]
	})
	eng.RegisterFilter("date", dateFilter(s.Zone))
	eng.RegisterFilter("date_to_string", func(t time.Time) string { return t.Format("02 Jan 2006") })
	eng.RegisterFilter("date_to_long_string", func(t time.Time) string { return t.Format("02 January 2006") })
	eng.RegisterFilter("date_to_xmlschema", func(t time.Time) string { return t.Format(time.RFC3339) })
	if s.Register != nil {
		s.Register(eng)
	}
	return eng
}

// include renders a file of _includes/ (or, for include_relative, a file
// beside the page) with the tag's parameters as include.NAME.
func (s *LiquidSite) include(relative bool, run *liquidRun, c *refCollector) func(lrender.Context) (string, error) {
	return func(ctx lrender.Context) (string, error) {
		args, err := ctx.ExpandTagArg() // {{ page.x }} in the name is expanded here
		if err != nil {
			return "", err
		}
		name, params := splitIncludeArgs(strings.TrimSpace(args))
		name = strings.Trim(name, `"'`)
		folder, where := s.Includes, "in _includes/"
		if relative {
			folder, where = "", "beside the page"
			if s.Root != "" {
				folder = filepath.Join(s.Root, filepath.FromSlash(path.Dir(c.file)))
			}
		}
		missing := func() (string, error) {
			// An error of the tag: it is left out, with its line.
			return "", fmt.Errorf("no such file %s", where)
		}
		if folder == "" || name == "" || strings.Contains(name, "..") {
			return missing()
		}
		file := filepath.Join(folder, filepath.FromSlash(path.Clean("/"+name)))
		if fi, err := os.Stat(file); err != nil || !fi.Mode().IsRegular() {
			return missing()
		}
		inc := map[string]any{}
		for k, expr := range params {
			v, err := ctx.EvaluateString(expr)
			if err != nil {
				return "", err
			}
			inc[k] = v
		}
		b := map[string]any{}
		for k, v := range ctx.Bindings() {
			b[k] = v
		}
		b["include"] = inc
		out, err := ctx.RenderFile(file, b)
		if err != nil {
			// As an error of its own (no source error of the included
			// file), it is the include tag's: that tag is left out.
			label := name
			if !relative {
				label = "_includes/" + name
			}
			var se liquid.SourceError
			if errors.As(err, &se) && se.Path() == file {
				return "", plainError{fmt.Errorf("%s, line %d: %s", label, se.LineNumber(), liquidMessage(se)), err}
			}
			if errors.As(err, &se) {
				err = errors.New(liquidMessage(se))
			}
			return "", plainError{fmt.Errorf("%s: %w", label, err), err}
		}
		return out, nil
	}
}

// splitIncludeArgs reads "file.html key="value" other=variable": the file
// and each parameter as a Liquid expression.
func splitIncludeArgs(args string) (string, map[string]string) {
	params := map[string]string{}
	name, rest, _ := strings.Cut(args, " ")
	rest = strings.TrimSpace(rest)
	for rest != "" {
		eq := strings.IndexByte(rest, '=')
		if eq <= 0 {
			break
		}
		key := strings.TrimSpace(rest[:eq])
		rest = strings.TrimSpace(rest[eq+1:])
		var val string
		if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
			end := strings.IndexByte(rest[1:], rest[0])
			if end < 0 {
				break
			}
			val, rest = rest[:end+2], strings.TrimSpace(rest[end+2:])
		} else {
			val, rest, _ = strings.Cut(rest, " ")
			rest = strings.TrimSpace(rest)
		}
		params[key] = val
	}
	return name, params
}

// fenceText is code as a fenced code block of language lang, with a fence
// longer than any run of backticks in it.
func fenceText(lang string, code []byte) string {
	code = bytes.TrimPrefix(code, []byte("\n"))
	code = bytes.TrimSuffix(code, []byte("\n"))
	ticks := 3
	for run, i := 0, 0; i < len(code); i++ {
		if code[i] == '`' {
			run++
			ticks = max(ticks, run+1)
		} else {
			run = 0
		}
	}
	if !validClass.MatchString(lang) {
		lang = ""
	}
	f := strings.Repeat("`", ticks)
	return "\n\n" + f + lang + "\n" + string(code) + "\n" + f + "\n\n"
}
