package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"text/template"
)

// A Hugo site's own shortcodes
//
// Hugo runs a shortcode's template from the site's layouts/shortcodes/
// (layouts/_shortcodes/ since Hugo 0.146, and the theme's), overriding its
// built-ins of the same name. wpsync runs those templates with Go's
// text/template, the engine Hugo's templates are written for, and what
// shortcodes and themes commonly use: .Get, .Inner, .Params,
// .IsNamedParams, .Page.Params, .Page.Title, .Page.Scratch, .Page.Store,
// .Page.Pages, .Page.Resources (hugoresources.go), .Site.Params, .Site.Data and site, hugo, i18n and T
// (hugotpl.go), and Hugo's markdownify, safeHTML, default, printf, lower,
// upper, … The output of {{< >}} is HTML put in place after the Markdown
// (shortcodeout.go). A template that needs more (partial, resources,
// GetPage) does not parse or run here: the shortcode then falls back to
// wpsync's built-in reading of its name, else to what the template shows
// of its arguments and body (hugofallback.go), with a warning. wpsync.yaml
// may map any shortcode to a template of its own (shortcodes: {NAME:
// TEMPLATE}), which wins over the site's.

// HugoSite is what a site gives its pages' Hugo shortcodes.
type HugoSite struct {
	// Params are the site's params (site.Params).
	Params map[string]any

	site     *scSite        // what site and .Site give templates
	i18n     map[string]any // translations by id (ReadSiteFiles)
	lang     string         // the language of i18n
	root     string         // the site's folder, which messages name files from
	problems []string       // data and i18n files that did not parse

	templates map[string]*template.Template // by lower-case name
	from      map[string]string             // name → where the template came from
	broken    map[string]string             // name → why its template cannot run here
	sources   map[string]string             // name → its template's text, run or not (fallback)
}

// NewHugoSite reads the shortcode templates of the folders dirs (absolute,
// in order of precedence: the first holding a name wins), then the
// mapping of wpsync.yaml, which wins over all. A mapped template that does
// not parse is an error: the user wrote it for wpsync.
func NewHugoSite(params map[string]any, dirs []string, mapped map[string]string) (*HugoSite, error) {
	h := &HugoSite{Params: params, templates: map[string]*template.Template{}, from: map[string]string{}, broken: map[string]string{},
		i18n: map[string]any{}, sources: map[string]string{}}
	if h.Params == nil {
		h.Params = map[string]any{}
	}
	h.site = &scSite{Params: h.Params, Data: map[string]any{}}
	for i := len(dirs) - 1; i >= 0; i-- { // lowest precedence first
		entries, err := os.ReadDir(dirs[i])
		if err != nil {
			continue
		}
		for _, e := range entries {
			ext := path.Ext(e.Name())
			if e.IsDir() || (ext != ".html" && ext != ".md") {
				continue
			}
			name := strings.ToLower(strings.TrimSuffix(e.Name(), ext))
			raw, err := os.ReadFile(filepath.Join(dirs[i], e.Name()))
			if err != nil {
				continue
			}
			where := filepath.Join(dirs[i], e.Name())
			delete(h.broken, name)
			delete(h.templates, name)
			h.sources[name] = string(raw)
			h.from[name] = where
			tpl, err := template.New(name).Funcs(hugoFuncs(h)).Parse(string(raw))
			if err != nil {
				// Said when a page uses it, with the file named from
				// the site's folder (ReadSiteFiles).
				h.broken[name] = err.Error()
				continue
			}
			h.templates[name] = tpl
		}
	}
	names := make([]string, 0, len(mapped))
	for name := range mapped {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		tpl, err := template.New(name).Funcs(hugoFuncs(h)).Parse(mapped[name])
		if err != nil {
			return nil, fmt.Errorf("shortcodes: %s: %v", name, shortErr(err))
		}
		key := strings.ToLower(name)
		h.sources[key] = mapped[name]
		delete(h.broken, key)
		h.templates[key], h.from[key] = tpl, "wpsync.yaml"
	}
	return h, nil
}

// Key changes with the templates and params, so that files are read
// again when they change.
func (h *HugoSite) Key() string {
	if h == nil {
		return ""
	}
	var b strings.Builder
	names := make([]string, 0, len(h.templates))
	for n := range h.templates {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "%s=%s\n", n, h.templates[n].Tree.Root.String())
	}
	fmt.Fprintf(&b, "%v", h.Params)
	// Data and translations: maps print sorted.
	fmt.Fprintf(&b, "\n%v\n%s %v", h.site.Data, h.lang, h.i18n)
	return b.String()
}

func shortErr(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 && strings.HasPrefix(s, "template: ") {
		s = s[i+2:]
	}
	return s
}

// scContext is "." in a shortcode template.
type scContext struct {
	Name          string
	Inner         string
	IsNamedParams bool
	Params        any // map[string]any of the named, or []any of the positional
	Page          *scPage
	Site          *scSite
	Ordinal       int
	InnerDeindent string

	scratch *hugoScratch

	named map[string]string
	pos   []string
}

type scPage struct {
	Params map[string]any
	Title  string
	Site   *scSite

	h              *HugoSite
	scratch, store *hugoScratch
	file           string // the page's file, relative to the synced folder
	from           string // the file the shortcode runs in, which links are relative to
	dir            string // the synced folder; "" reads no other page
}

// scSite is .Site and site in a template.
type scSite struct {
	Params map[string]any
	Data   map[string]any // the data folder's files (ReadSiteFiles)
}

// Scratch is the shortcode's own Scratch (Hugo's .Scratch, now .Store).
func (c *scContext) Scratch() *hugoScratch { return c.scratch }

// Store is the shortcode's own Store.
func (c *scContext) Store() *hugoScratch { return c.scratch }

// Get returns a parameter by position (a number) or name (a text); ""
// when it is not given, as in Hugo.
func (c *scContext) Get(key any) any {
	switch k := key.(type) {
	case int:
		if k >= 0 && k < len(c.pos) {
			return c.pos[k]
		}
		return ""
	case string:
		if v, ok := c.named[strings.ToLower(k)]; ok {
			return v
		}
		return ""
	}
	return ""
}

// hugoFuncs are the template functions of Hugo that simple shortcodes use.
func hugoFuncs(h *HugoSite) template.FuncMap {
	str := func(v any) string {
		if v == nil {
			return ""
		}
		return fmt.Sprint(v)
	}
	ident := func(v any) string { return str(v) }
	funcs := template.FuncMap{
		"site":          func() *scSite { return h.site },
		"hugo":          func() hugoInfo { return hugoInfo{} },
		"i18n":          h.translate,
		"T":             h.translate,
		"newScratch":    newScratch,
		"markdownify":   func(v any) string { return markdownify(str(v)) },
		"safeHTML":      ident,
		"safeHTMLAttr":  ident,
		"safeURL":       ident,
		"safeCSS":       ident,
		"safeJS":        ident,
		"htmlEscape":    func(v any) string { return html.EscapeString(str(v)) },
		"htmlUnescape":  func(v any) string { return html.UnescapeString(str(v)) },
		"plainify":      func(v any) string { return plainify(str(v)) },
		"lower":         func(v any) string { return strings.ToLower(str(v)) },
		"upper":         func(v any) string { return strings.ToUpper(str(v)) },
		"title":         func(v any) string { return titleCase(str(v)) },
		"trim":          func(v any, cut string) string { return strings.Trim(str(v), cut) },
		"chomp":         func(v any) string { return strings.TrimRight(str(v), "\r\n") },
		"replace":       func(v any, old, new string) string { return strings.ReplaceAll(str(v), old, new) },
		"urlize":        func(v any) string { return slugify(str(v)) },
		"anchorize":     func(v any) string { return slugify(str(v)) },
		"humanize":      func(v any) string { return titleFromStem(str(v)) },
		"relURL":        func(v any) string { return rootPath(str(v)) },
		"absURL":        func(v any) string { return rootPath(str(v)) },
		"relLangURL":    func(v any) string { return rootPath(str(v)) },
		"absLangURL":    func(v any) string { return rootPath(str(v)) },
		"ref":           func(_ any, p any) string { return refScheme + str(p) },
		"relref":        func(_ any, p any) string { return refScheme + str(p) },
		"string":        str,
		"default":       hugoDefault,
		"isset":         hugoIsset,
		"in":            func(set any, v any) bool { return strings.Contains(str(set), str(v)) },
		"dict":          hugoDict,
		"slice":         func(v ...any) []any { return v },
		"cond":          func(c bool, a, b any) any { return map[bool]any{true: a, false: b}[c] },
		"strings_Split": strings.Split,
	}
	for name, f := range hugoMoreFuncs() { // hugotpl.go
		funcs[name] = f
	}
	return funcs
}

// hugoDefault is Hugo's default: the value unless it is unset or empty.
func hugoDefault(def any, v ...any) any {
	if len(v) == 0 || v[0] == nil {
		return def
	}
	rv := reflect.ValueOf(v[0])
	if rv.IsZero() || (rv.Kind() == reflect.Slice || rv.Kind() == reflect.Map) && rv.Len() == 0 {
		return def
	}
	return v[0]
}

func hugoIsset(c any, key any) bool {
	rv := reflect.ValueOf(c)
	switch rv.Kind() {
	case reflect.Map:
		return rv.MapIndex(reflect.ValueOf(key)).IsValid()
	case reflect.Slice:
		i, ok := key.(int)
		return ok && i >= 0 && i < rv.Len()
	}
	return false
}

func hugoDict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := map[string]any{}
	for i := 0; i < len(kv); i += 2 {
		m[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return m, nil
}

// rootPath is an address on the site as a path from its root: how the
// folder's files are found (refs.go).
func rootPath(p string) string {
	if p == "" || hasScheme(p) || strings.HasPrefix(p, "/") || strings.HasPrefix(p, "#") {
		return p
	}
	return "/" + p
}

// markdownify renders Markdown as Hugo's markdownify does: HTML, without
// the <p> around a single paragraph.
func markdownify(s string) string {
	out, err := Render([]byte(s))
	if err != nil {
		return s
	}
	out = strings.TrimSpace(out)
	if strings.HasPrefix(out, "<p>") && strings.HasSuffix(out, "</p>") && strings.Count(out, "<p>") == 1 {
		out = out[3 : len(out)-4]
	}
	return out
}

// plainify drops HTML tags, as Hugo's plainify does.
func plainify(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// runTemplate runs a site's (or wpsync.yaml's) template for sc. ok is
// false when there is none or it fails; why then says what failed.
func (h *HugoSite) runTemplate(sc *shortcode, inner string, page map[string]any, title string) (out string, ok bool, why string) {
	return h.runTemplateOn(nil, sc, inner, page, title)
}

// runTemplateOn is runTemplate on a page: pg, when not nil, is the page
// all the shortcodes of one file share (its Scratch).
func (h *HugoSite) runTemplateOn(pg *scPage, sc *shortcode, inner string, page map[string]any, title string) (out string, ok bool, why string) {
	if h == nil {
		return "", false, ""
	}
	tpl := h.templates[sc.name]
	if tpl == nil {
		if broken, ok := h.broken[sc.name]; ok {
			line, what := templateProblem(errors.New(broken))
			where := h.where(sc.name)
			if line > 0 {
				where += fmt.Sprintf(", line %d", line)
			}
			return "", false, fmt.Sprintf("its template (%s) uses what wpsync cannot run: %s", where, what)
		}
		return "", false, ""
	}
	if pg == nil {
		pg = h.newPage("", "", page, title)
	}
	ctx := &scContext{
		Name: sc.name, Inner: inner, InnerDeindent: inner, IsNamedParams: len(sc.named) > 0,
		Page: pg, Site: h.site, scratch: newScratch(),
		named: sc.named, pos: sc.pos,
	}
	if ctx.IsNamedParams {
		m := map[string]any{}
		for k, v := range sc.named {
			m[k] = v
		}
		ctx.Params = m
	} else {
		s := make([]any, len(sc.pos))
		for i, v := range sc.pos {
			s[i] = v
		}
		ctx.Params = s
	}
	var b bytes.Buffer
	if err := tpl.Execute(&b, ctx); err != nil {
		line, what := templateProblem(err)
		where := h.where(sc.name)
		if line > 0 {
			where += fmt.Sprintf(", line %d", line)
		}
		why := fmt.Sprintf("its template (%s) cannot run here: %s", where, what)
		if len(h.problems) > 0 {
			why += " (wpsync could not read " + strings.Join(h.problems, "; ") + ")"
		}
		return "", false, why
	}
	return b.String(), true, ""
}

// mapped reports whether wpsync.yaml maps the shortcode name (lower
// case) to a template.
func (h *HugoSite) mapped(name string) bool {
	return h != nil && h.templates[name] != nil && h.from[name] == "wpsync.yaml"
}

// newPage is the page file (relative to the synced folder dir) as its
// shortcodes see it.
func (h *HugoSite) newPage(file, dir string, page map[string]any, title string) *scPage {
	return &scPage{Params: lowerKeys(page), Title: title, Site: h.site, h: h,
		scratch: newScratch(), store: newScratch(), file: file, from: file, dir: dir}
}

// lowerKeys gives front matter the lower-case keys Hugo's .Params has.
func lowerKeys(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[strings.ToLower(k)] = v
	}
	return out
}

// param finds a page parameter, then a site parameter, by a dotted key
// (Hugo's param shortcode).
func (h *HugoSite) param(page map[string]any, key string) (any, bool) {
	sources := []map[string]any{lowerKeys(page)}
	if h != nil {
		sources = append(sources, lowerKeys(h.Params))
	}
	for _, m := range sources {
		var v any = m
		found := true
		for _, part := range strings.Split(strings.ToLower(key), ".") {
			mm, ok := v.(map[string]any)
			if !ok {
				found = false
				break
			}
			v, ok = lowerKeys(mm)[part]
			if !ok {
				found = false
				break
			}
		}
		if found {
			return v, true
		}
	}
	return nil, false
}
