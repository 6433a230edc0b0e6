package markdown

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"text/template"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// What themes' shortcode templates use beyond .Get and .Inner
//
// Themes keep state on the page (.Page.Scratch, .Page.Store,
// .Scratch.SetInMap), translate their words (i18n, T, from the i18n
// folders of the site and its themes), ask which Hugo runs them
// (hugo.Version, hugo.Environment), read the site's data folder
// (.Site.Data) and list a section's pages (.Page.Pages). wpsync gives them
// these as Hugo documents them; hugoVersion is the Hugo whose rules it
// follows, and the environment is Hugo's default for a build,
// "production".

// hugoVersion is what hugo.Version says: the Hugo release whose shortcode
// rules wpsync follows (layouts/_shortcodes came with 0.146).
const hugoVersion = "0.146.0"

// hugoInfo is Hugo's hugo object as a build sees it.
type hugoInfo struct{}

func (hugoInfo) Version() string     { return hugoVersion }
func (hugoInfo) Environment() string { return "production" }
func (hugoInfo) IsProduction() bool  { return true }
func (hugoInfo) IsDevelopment() bool { return false }
func (hugoInfo) IsServer() bool      { return false }
func (hugoInfo) IsExtended() bool    { return true }
func (hugoInfo) Generator() string {
	return `<meta name="generator" content="Hugo ` + hugoVersion + `">`
}

// hugoScratch is Hugo's Scratch (and Store): a page's or a shortcode's
// values by key. Its setters return "" so that {{ .Set … }} prints
// nothing, as in Hugo.
type hugoScratch struct {
	mu     sync.Mutex
	values map[string]any
}

func newScratch() *hugoScratch { return &hugoScratch{values: map[string]any{}} }

// Set stores value at key.
func (s *hugoScratch) Set(key string, value any) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.values[key] = value
	return ""
}

// Get returns the value at key, nil when none.
func (s *hugoScratch) Get(key string) any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.values[key]
}

// Delete removes key.
func (s *hugoScratch) Delete(key string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.values, key)
	return ""
}

// Values returns all the values by key.
func (s *hugoScratch) Values() map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.values
}

// Add adds to the value at key as Hugo does: numbers are summed, strings
// joined, a slice gets the addend appended; a key without a value takes
// the addend.
func (s *hugoScratch) Add(key string, addend any) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.values[key]
	if !ok {
		s.values[key] = addend
		return "", nil
	}
	switch o := old.(type) {
	case []any:
		if more, ok := addend.([]any); ok {
			s.values[key] = append(o, more...)
		} else {
			s.values[key] = append(o, addend)
		}
		return "", nil
	case string:
		s.values[key] = o + fmt.Sprint(addend)
		return "", nil
	}
	a, aok := toFloat(old)
	b, bok := toFloat(addend)
	if !aok || !bok {
		return "", fmt.Errorf("Add: cannot add %T to %T", addend, old)
	}
	_, ai := old.(int)
	_, bi := addend.(int)
	if ai && bi {
		s.values[key] = old.(int) + addend.(int)
	} else {
		s.values[key] = a + b
	}
	return "", nil
}

// SetInMap stores value under mapKey in the map at key.
func (s *hugoScratch) SetInMap(key string, mapKey string, value any) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.values[key].(map[string]any)
	if !ok {
		m = map[string]any{}
		s.values[key] = m
	}
	m[mapKey] = value
	return ""
}

// DeleteInMap removes mapKey from the map at key.
func (s *hugoScratch) DeleteInMap(key string, mapKey string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m, ok := s.values[key].(map[string]any); ok {
		delete(m, mapKey)
	}
	return ""
}

// GetSortedMapValues returns the values of the map at key, by key.
func (s *hugoScratch) GetSortedMapValues(key string) any {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.values[key].(map[string]any)
	if !ok {
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]any, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}

func toFloat(v any) (float64, bool) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(rv.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(rv.Uint()), true
	case reflect.Float32, reflect.Float64:
		return rv.Float(), true
	}
	return 0, false
}

// where names the file a template came from: relative to the site's
// folder when it is in it.
func (h *HugoSite) where(name string) string {
	from := h.from[name]
	if h.root != "" {
		if rel, err := filepath.Rel(h.root, from); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return from
}

// ReadSiteFiles reads what a Hugo site's templates see besides its
// shortcodes: the data folder (.Site.Data: data/a/b.json is Data.a.b)
// and the translations of lang (i18n/LANG.toml, .yaml or .json, else of
// its base language: "en" for "en-us") of each of roots, the site's
// folder and its themes', absolute, the first holding a key winning.
// A file that does not parse is skipped and named by Problems.
func (h *HugoSite) ReadSiteFiles(roots []string, lang string) {
	if h == nil {
		return
	}
	lang = strings.ToLower(lang)
	if lang == "" {
		lang = "en" // Hugo's defaultContentLanguage
	}
	h.lang = lang
	if len(roots) > 0 {
		h.root = roots[0]
	}
	for i := len(roots) - 1; i >= 0; i-- { // lowest precedence first
		h.readData(filepath.Join(roots[i], "data"), h.site.Data)
		base, _, _ := strings.Cut(lang, "-")
		for _, l := range []string{base, lang} { // the base first: the language's own wins
			for _, ext := range []string{".toml", ".yaml", ".yml", ".json"} {
				p := filepath.Join(roots[i], "i18n", l+ext)
				raw, err := os.ReadFile(p)
				if err != nil {
					continue
				}
				var v any
				if err := decodeData(ext, raw, &v); err != nil {
					h.problems = append(h.problems, fmt.Sprintf("%s: %v", p, err))
					continue
				}
				addTranslations(h.i18n, v)
			}
		}
	}
}

// readData reads the data files under dir into m, a folder a map.
func (h *HugoSite) readData(dir string, m map[string]any) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if e.IsDir() {
			sub, ok := m[e.Name()].(map[string]any)
			if !ok {
				sub = map[string]any{}
				m[e.Name()] = sub
			}
			h.readData(p, sub)
			continue
		}
		ext := strings.ToLower(path.Ext(e.Name()))
		raw, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		var v any
		if err := decodeData(ext, raw, &v); err != nil {
			if err != errNotData {
				h.problems = append(h.problems, fmt.Sprintf("%s: %v", p, err))
			}
			continue
		}
		m[strings.TrimSuffix(e.Name(), path.Ext(e.Name()))] = plainValue(v)
	}
}

var errNotData = fmt.Errorf("not a data file")

// decodeData decodes a JSON, YAML or TOML file by its extension.
func decodeData(ext string, raw []byte, v *any) error {
	switch ext {
	case ".json":
		return json.Unmarshal(raw, v)
	case ".yaml", ".yml":
		return yaml.Unmarshal(raw, v)
	case ".toml":
		var m map[string]any
		if _, err := toml.Decode(string(raw), &m); err != nil {
			return err
		}
		*v = m
		return nil
	}
	return errNotData
}

// addTranslations adds the translations of a decoded i18n file to m, by
// id: a map of id to a text or to plural forms (one, other, …), or a
// list of {id, translation}.
func addTranslations(m map[string]any, v any) {
	switch v := v.(type) {
	case map[string]any:
		for id, tr := range v {
			m[id] = tr
		}
	case []any:
		for _, item := range v {
			if e, ok := item.(map[string]any); ok {
				if id, ok := e["id"].(string); ok {
					m[id] = e["translation"]
				}
			}
		}
	}
}

// translate is Hugo's i18n (T): the translation of id, run as a template
// with arg as its data; the plural form "one" when arg (or its Count) is
// 1, else "other". "" when the site has none, as Hugo shows.
func (h *HugoSite) translate(id any, arg ...any) (string, error) {
	key := fmt.Sprint(id)
	tr, ok := h.i18n[key]
	if !ok {
		for k, v := range h.i18n {
			if strings.EqualFold(k, key) {
				tr, ok = v, true
				break
			}
		}
	}
	if !ok {
		return "", nil
	}
	var data any
	count, counted := 0.0, false
	if len(arg) > 0 {
		data = arg[0]
		if n, ok := toFloat(arg[0]); ok {
			count, counted = n, true
			data = map[string]any{"Count": arg[0]}
		} else if m, ok := arg[0].(map[string]any); ok {
			count, counted = toFloat(m["Count"])
		}
	}
	text := ""
	switch tr := tr.(type) {
	case string:
		text = tr
	case map[string]any:
		form := "other"
		if counted && count == 1 {
			if _, ok := tr["one"]; ok {
				form = "one"
			}
		}
		if s, ok := tr[form].(string); ok {
			text = s
		} else if s, ok := tr["other"].(string); ok {
			text = s
		}
	default:
		text = fmt.Sprint(tr)
	}
	if !strings.Contains(text, "{{") {
		return text, nil
	}
	tpl, err := template.New(key).Parse(text)
	if err != nil {
		return "", fmt.Errorf("i18n %q: %v", key, shortErr(err))
	}
	var b bytes.Buffer
	if err := tpl.Execute(&b, data); err != nil {
		return "", fmt.Errorf("i18n %q: %v", key, shortErr(err))
	}
	return b.String(), nil
}

// Scratch is the page's Scratch, shared by all its shortcodes.
func (p *scPage) Scratch() *hugoScratch { return p.scratch }

// Store is the page's Store, shared by all its shortcodes.
func (p *scPage) Store() *hugoScratch { return p.store }

// Param is a page parameter, else the site's, by dotted key.
func (p *scPage) Param(key string) any {
	v, _ := p.h.param(p.Params, key)
	return v
}

// LinkTitle is the page's linkTitle, else its title.
func (p *scPage) LinkTitle() string {
	if s, ok := p.Params["linktitle"].(string); ok && s != "" {
		return s
	}
	return p.Title
}

// RelPermalink is a link to the page's file, relative to the file the
// shortcode runs in (from), which wpsync resolves to the post like any
// other link to a file.
func (p *scPage) RelPermalink() string {
	if p.file == "" {
		return ""
	}
	rel, err := filepath.Rel(filepath.FromSlash(path.Dir(p.from)), filepath.FromSlash(p.file))
	if err != nil {
		return "/" + p.file
	}
	return filepath.ToSlash(rel)
}

// Permalink is RelPermalink: WordPress gives the address.
func (p *scPage) Permalink() string { return p.RelPermalink() }

// IsSection reports whether the page is a section's (_index.md).
func (p *scPage) IsSection() bool { return path.Base(p.file) == "_index.md" }

// IsPage reports whether the page is a regular page.
func (p *scPage) IsPage() bool { return !p.IsSection() }

// Kind is Hugo's kind of the page: "section" or "page".
func (p *scPage) Kind() string {
	if p.IsSection() {
		return "section"
	}
	return "page"
}

// Pages are a section page's pages and sections, in Hugo's default order
// (weight, then date, newest first, then title, then path); none for a
// regular page. Drafts and headless pages are left out, as in a build.
func (p *scPage) Pages() []*scPage {
	if !p.IsSection() || p.dir == "" {
		return nil
	}
	folder := path.Dir(p.file)
	entries, err := os.ReadDir(filepath.Join(p.dir, filepath.FromSlash(folder)))
	if err != nil {
		return nil
	}
	type sortable struct {
		page   *scPage
		weight float64
		date   string
	}
	var pages []sortable
	for _, e := range entries {
		rel := path.Join(folder, e.Name())
		if e.IsDir() {
			for _, index := range []string{"_index.md", "index.md"} {
				if _, err := os.Stat(filepath.Join(p.dir, filepath.FromSlash(path.Join(rel, index)))); err == nil {
					rel = path.Join(rel, index)
					break
				}
			}
			if !IsMarkdownPath(rel) {
				continue
			}
		} else if !IsMarkdownPath(rel) || e.Name() == "_index.md" || e.Name() == "index.md" {
			continue
		}
		child, weight, date, ok := p.readPage(rel)
		if ok {
			pages = append(pages, sortable{child, weight, date})
		}
	}
	sort.SliceStable(pages, func(a, b int) bool {
		x, y := pages[a], pages[b]
		switch {
		case x.weight != y.weight:
			// Hugo: weight 0 (none) goes after every weighted page.
			return y.weight == 0 || x.weight != 0 && x.weight < y.weight
		case x.date != y.date:
			return x.date > y.date
		case x.page.Title != y.page.Title:
			return x.page.Title < y.page.Title
		}
		return x.page.file < y.page.file
	})
	out := make([]*scPage, len(pages))
	for i, s := range pages {
		out[i] = s.page
	}
	return out
}

// RegularPages are the section's Pages that are not sections.
func (p *scPage) RegularPages() []*scPage {
	var out []*scPage
	for _, c := range p.Pages() {
		if !c.IsSection() {
			out = append(out, c)
		}
	}
	return out
}

// readPage reads the front matter of the file rel: the page, its weight
// and date; ok is false for a draft, a headless page and a file that
// does not parse.
func (p *scPage) readPage(rel string) (page *scPage, weight float64, date string, ok bool) {
	raw, err := os.ReadFile(filepath.Join(p.dir, filepath.FromSlash(rel)))
	if err != nil {
		return nil, 0, "", false
	}
	params := map[string]any{}
	if fm, _, err := splitFrontMatter(rel, raw); err == nil && fm != nil {
		f, err := fm.decode(rel)
		if err != nil {
			return nil, 0, "", false
		}
		for k, e := range f {
			params[k] = frontValue(e.val)
		}
	} else if err != nil {
		return nil, 0, "", false
	}
	if params["draft"] == true || params["headless"] == true {
		return nil, 0, "", false
	}
	title, _ := params["title"].(string)
	weight, _ = toFloat(params["weight"])
	if n, ok := params["weight"].(string); ok {
		fmt.Sscan(n, &weight)
	}
	date = fmt.Sprint(params["date"])
	child := &scPage{Params: params, Title: title, Site: p.Site, h: p.h,
		scratch: newScratch(), store: newScratch(), file: rel, from: p.from, dir: p.dir}
	return child, weight, date, true
}

// frontValue gives a decoded front matter value (decode.go) the shape
// a template sees: numbers as their text, maps as maps.
func frontValue(v any) any {
	switch v := v.(type) {
	case number:
		return string(v)
	case compound:
		return string(v)
	case mapping:
		return map[string]any(v)
	}
	return v
}

// goTypeNames are the Go types of what templates see, as a message names
// them to the author of a template.
var goTypeNames = strings.NewReplacer(
	"*markdown.scPage", "the page (.Page)",
	"*markdown.scResource", "a resource of the page",
	"markdown.scResources", "the page's resources (.Resources)",
	"*markdown.scSite", "the site (.Site)",
	"*markdown.scContext", "the shortcode (.)",
	"*markdown.hugoScratch", "a Scratch",
	"markdown.hugoInfo", "hugo",
)

// anyGoType is what goTypeNames leaves of the package's other types.
var anyGoType = regexp.MustCompile(`\*?markdown\.[A-Za-z]+`)

// templateProblem reads an error of text/template: the line of the
// template it happened on (0: unknown) and what happened, in the words of
// the template's author.
func templateProblem(err error) (line int, what string) {
	s := err.Error()
	// template: NAME:LINE:COL: executing "NAME" at <.X>: message
	if m := templateErrorRE.FindStringSubmatch(s); m != nil {
		fmt.Sscan(m[1], &line)
		s = m[2]
	} else {
		s = shortErr(err)
	}
	s = strings.Replace(s, `executing "`, "", 1)
	if i := strings.Index(s, "\" at <"); i >= 0 {
		s = s[i+len("\" at "):]
	}
	s = noField.ReplaceAllString(s, "$2 has no $1 here")
	s = nilCall.ReplaceAllString(s, "$1$2 of nothing: what the template looked up (a file of the page bundle, a page) is not there")
	s = anyGoType.ReplaceAllString(goTypeNames.Replace(s), "a value")
	return line, s
}

// noField is text/template's message for a field or method it cannot
// find.
var noField = regexp.MustCompile(`can't evaluate field (\w+) in type (\S+)`)

// nilCall is text/template's message for a method or field of nothing
// (.Resources.GetMatch found no file, and the template used it anyway).
var nilCall = regexp.MustCompile(`error calling (\w+): runtime error: invalid memory address or nil pointer dereference|nil pointer evaluating \S+\.(\w+)`)

var templateErrorRE = regexp.MustCompile(`^template: [^:]*:(\d+)(?::\d+)?: (.*)$`)

// RenderString renders Markdown as Hugo's .Page.RenderString does: inline
// (without the <p> of a single paragraph) unless the options (a dict
// before the text) say display "block".
func (p *scPage) RenderString(args ...any) (string, error) {
	if len(args) == 0 || len(args) > 2 {
		return "", fmt.Errorf("RenderString: want [options] text, got %d arguments", len(args))
	}
	text := fmt.Sprint(args[len(args)-1])
	if len(args) == 2 {
		if opts, ok := args[0].(map[string]any); ok && fmt.Sprint(opts["display"]) == "block" {
			return Render([]byte(text))
		}
	}
	return markdownify(text), nil
}

// Lang is the language of the page: the site's (ReadSiteFiles).
func (p *scPage) Lang() string { return p.h.lang }

// hugoMoreFuncs are Hugo's add, sub, mul, div and mod (integers stay
// integers), delimit, split, first, after, seq and jsonify.
func hugoMoreFuncs() map[string]any {
	op := func(name string, ints func(a, b int64) (int64, error), floats func(a, b float64) float64) func(a, b any) (any, error) {
		return func(a, b any) (any, error) {
			ra, rb := reflect.ValueOf(a), reflect.ValueOf(b)
			if ra.CanInt() && rb.CanInt() {
				return ints(ra.Int(), rb.Int())
			}
			x, xok := toFloat(a)
			y, yok := toFloat(b)
			if !xok || !yok {
				return nil, fmt.Errorf("%s: %v and %v are not numbers", name, a, b)
			}
			return floats(x, y), nil
		}
	}
	noZero := func(f func(a, b int64) int64) func(a, b int64) (int64, error) {
		return func(a, b int64) (int64, error) {
			if b == 0 {
				return 0, fmt.Errorf("division by zero")
			}
			return f(a, b), nil
		}
	}
	ok := func(f func(a, b int64) int64) func(a, b int64) (int64, error) {
		return func(a, b int64) (int64, error) { return f(a, b), nil }
	}
	return map[string]any{
		"add": op("add", ok(func(a, b int64) int64 { return a + b }), func(a, b float64) float64 { return a + b }),
		"sub": op("sub", ok(func(a, b int64) int64 { return a - b }), func(a, b float64) float64 { return a - b }),
		"mul": op("mul", ok(func(a, b int64) int64 { return a * b }), func(a, b float64) float64 { return a * b }),
		"div": op("div", noZero(func(a, b int64) int64 { return a / b }), func(a, b float64) float64 { return a / b }),
		"mod": op("mod", noZero(func(a, b int64) int64 { return a % b }), math.Mod),
		"delimit": func(list any, sep string) string {
			rv := reflect.ValueOf(list)
			if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
				return fmt.Sprint(list)
			}
			parts := make([]string, rv.Len())
			for i := range parts {
				parts[i] = fmt.Sprint(rv.Index(i).Interface())
			}
			return strings.Join(parts, sep)
		},
		"split": func(s any, sep string) []string { return strings.Split(fmt.Sprint(s), sep) },
		"first": func(n int, list any) any {
			rv := reflect.ValueOf(list)
			if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
				return list
			}
			return rv.Slice(0, min(max(n, 0), rv.Len())).Interface()
		},
		"after": func(n int, list any) any {
			rv := reflect.ValueOf(list)
			if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
				return list
			}
			return rv.Slice(min(max(n, 0), rv.Len()), rv.Len()).Interface()
		},
		"seq": func(n int) []int {
			out := make([]int, 0, max(n, 0))
			for i := 1; i <= n; i++ {
				out = append(out, i)
			}
			return out
		},
		"jsonify": func(v any) (string, error) {
			b, err := json.Marshal(v)
			return string(b), err
		},
	}
}
