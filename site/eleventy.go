package site

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/ardanlabs/jinja"
	"github.com/wpsync/wpsync/markdown"
)

// eleventy is an Eleventy site (eleventy.config.js, .mjs, .cjs or
// .eleventy.js, in the folder or above it: the folder synced is then
// usually the input folder). From its documentation
// (https://www.11ty.dev/docs/config/, /docs/data-cascade/, /docs/permalinks/):
//
//   - the configuration is JavaScript: its common literal forms are read
//     (dir: { input: "src", includes: "_includes", data: "_data",
//     layouts }, markdownTemplateEngine: "njk", ignores.add("…"),
//     addDataExtension("yaml")), and .eleventyignore;
//   - the includes, data and layouts folders hold no pages;
//   - directory data files (blog/blog.json, blog/blog.11tydata.json, and
//     x.11tydata.json beside x.md) give their keys to the files below
//     them, the nearer winning (tags are added up, as Eleventy's deep
//     merge does); global data (_data/*.json, YAML when configured) is the
//     templates' data;
//   - permalink: false renders no page; a permalink string is the page's
//     address; eleventyExcludeFromCollections: true lists it nowhere;
//   - the Markdown is run through markdownTemplateEngine first (Liquid by
//     default), markdown/eleventy.go;
//   - tags name collections: post and posts, the collection of a blog's
//     posts, are no WordPress tags.
type eleventy struct {
	base
	root     string // the project's folder, where the configuration is (absolute)
	name     string // the configuration's file name ("" for none)
	offset   string // the synced folder's path in the input folder ("" for its top)
	includes string // the includes folder, relative to the input folder
	dataDir  string
	layouts  string
	output   string
	ignores  []string // globs from the project's folder, lower case
	fromRoot string   // the input folder's path from the project's folder
	site     markdown.EleventySite
	dirData  map[string]map[string]any // by input-relative path of the data file's folder, or of the page for x.11tydata.json
	notes    []string
	info     []string // Info: how the site was read, nothing to fix
}

// eleventyConfigs are Eleventy's configuration files, in its order.
var eleventyConfigs = []string{"eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs", ".eleventy.js"}

// findEleventy finds an Eleventy configuration in dir or a folder above it
// (up to the root of a Git checkout): its folder and name.
func findEleventy(dir string) (root, name string) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", ""
	}
	for up := 0; up <= ancestors; up++ {
		for _, n := range eleventyConfigs {
			if fi, err := os.Stat(filepath.Join(abs, n)); err == nil && fi.Mode().IsRegular() {
				return abs, n
			}
		}
		if _, err := os.Stat(filepath.Join(abs, ".git")); err == nil {
			break
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			break
		}
		abs = parent
	}
	return "", ""
}

// jsString matches a key given a string literal in JavaScript.
func jsString(key string) *regexp.Regexp {
	return regexp.MustCompile(`(?:^|[\s{,"'])` + key + `["']?\s*:\s*["'` + "`" + `]([^"'` + "`" + `]*)["'` + "`" + `]`)
}

var (
	jsInput    = jsString("input")
	jsIncludes = jsString("includes")
	jsData     = jsString("data")
	jsLayouts  = jsString("layouts")
	jsOutput   = jsString("output")
	jsEngine   = regexp.MustCompile(`markdownTemplateEngine["']?\s*:\s*(?:["'](\w+)["']|(false))`)
	jsIgnore   = regexp.MustCompile(`ignores\.add\(\s*["'` + "`" + `]([^"'` + "`" + `]+)`)
	jsInputAny = regexp.MustCompile(`(?:^|[\s{,"'])input["']?\s*[:,}]`) // input: x, or the shorthand { input }
	jsYAMLData = regexp.MustCompile(`addDataExtension\(\s*["'][^"']*\byaml\b`)
)

// newEleventy reads the Eleventy site whose configuration name is in root,
// synced from dir. What it cannot read is said once (Notes).
func newEleventy(dir, root, name string, static []string) *eleventy {
	return newEleventyInput(dir, root, name, static, "")
}

// newEleventyInput is newEleventy with wpsync.yaml's input: (the input
// folder from root; "" for none), which wins over what the site says.
func newEleventyInput(dir, root, name string, static []string, setInput string) *eleventy {
	e := &eleventy{root: root, name: name, dirData: map[string]map[string]any{}}
	e.generator, e.config = "eleventy", name
	e.site.Engine = "liquid"
	absDir, _ := filepath.Abs(dir)
	if up, err := filepath.Rel(absDir, root); err == nil && up != "." && name != "" {
		e.config = filepath.ToSlash(filepath.Join(up, name)) // ../eleventy.config.js
	}
	var raw []byte
	if name != "" {
		var err error
		raw, err = os.ReadFile(filepath.Join(root, name))
		if err != nil {
			e.notes = append(e.notes, fmt.Sprintf("Eleventy: %s could not be read (%v): its defaults are taken", name, err))
		}
	}
	js := string(raw)
	first := func(re *regexp.Regexp, def string) string {
		if m := re.FindStringSubmatch(js); m != nil {
			return strings.Trim(path.Clean("/"+strings.TrimSpace(m[1])), "/")
		}
		return def
	}
	input := first(jsInput, "")
	inputFrom := ""
	if jsInput.MatchString(js) {
		inputFrom = "dir.input in " + e.config
	}
	if in, script := packageInput(root); in != "" {
		// Eleventy's --input wins over the configuration's dir.input.
		input, inputFrom = in, "--input in package.json's "+script+" script"
	}
	if setInput = strings.TrimSpace(setInput); setInput != "" {
		input, inputFrom = strings.Trim(path.Clean("/"+filepath.ToSlash(setInput)), "/"), "input: in wpsync.yaml"
	}
	e.includes = first(jsIncludes, "_includes")
	e.dataDir = first(jsData, "_data")
	e.layouts = first(jsLayouts, e.includes)
	e.output = first(jsOutput, "_site")
	if m := jsEngine.FindStringSubmatch(js); m != nil {
		if m[2] != "" {
			e.site.Engine = "none"
		} else {
			e.site.Engine = strings.ToLower(m[1])
		}
	}
	for _, m := range jsIgnore.FindAllStringSubmatch(js, -1) {
		e.ignores = append(e.ignores, strings.ToLower(strings.TrimPrefix(m[1], "./")))
	}
	if b, err := os.ReadFile(filepath.Join(root, ".eleventyignore")); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
				e.ignores = append(e.ignores, strings.ToLower(strings.TrimPrefix(l, "./")))
			}
		}
	}

	// Where the synced folder is in the input folder.
	inputAbs := filepath.Join(root, filepath.FromSlash(input))
	how := inputFrom
	switch {
	case how != "":
	case name == "":
		how = "no configuration file: the folder synced"
	case jsInputAny.MatchString(js):
		how = "Eleventy's default, the project's folder: dir.input in " + e.config + " is computed in JavaScript, not read; set input: in wpsync.yaml"
	default:
		how = "Eleventy's default, the project's folder: no dir.input read in " + e.config
	}
	switch relIn, err := filepath.Rel(inputAbs, absDir); {
	case err == nil && !strings.HasPrefix(relIn, ".."):
		e.offset = strings.Trim(filepath.ToSlash(relIn), "./")
		if relIn == "." {
			e.offset = ""
		}
	default:
		if relUp, err := filepath.Rel(absDir, inputAbs); err == nil && !strings.HasPrefix(relUp, "..") {
			e.content = filepath.ToSlash(relUp)
			if e.content == "." {
				e.content = ""
			}
		} else {
			e.notes = append(e.notes, fmt.Sprintf("Eleventy: the folder synced is outside the input folder %s/ (%s): its files are read as the input folder's", input, how))
			inputAbs = absDir
		}
	}
	if input == "" {
		input = "."
	}
	e.fromRoot = strings.Trim(path.Clean(input), "./")
	e.info = append(e.info, fmt.Sprintf("Eleventy: input folder %s/ (%s), templates run before Markdown: %s", input, how, e.engineName()))

	e.static = withStatic(static, []string{e.content})
	e.site.Includes = filepath.Join(inputAbs, filepath.FromSlash(e.includes))
	e.site.Data = readEleventyData(filepath.Join(inputAbs, filepath.FromSlash(e.dataDir)), jsYAMLData.MatchString(js), &e.notes)
	e.readDirData(inputAbs)
	e.dialect = markdown.SiteRules{CollectionTags: []string{"post", "posts"}, Dates: &markdown.DateKeys{Date: []string{"date"}}}
	for _, d := range []string{e.includes, e.dataDir, e.layouts} {
		if in := e.synced(d); in != "" {
			e.inputs = append(e.inputs, in)
		}
	}
	e.setKey(raw, []any{e.site.Engine, e.site.Data, e.dirData, e.ignores, includesKey(e.site.Includes), e.offset})
	return e
}

// scriptInput matches Eleventy's --input option in a command line.
var scriptInput = regexp.MustCompile(`\beleventy\b[^&|;]*?\s--input(?:=|\s+)(?:"([^"]+)"|'([^']+)'|(\S+))`)

// packageInput is the input folder a package.json script in root gives
// Eleventy's command line (--input=src), and the script's name: the
// build script's first, else the first script in name order that has one.
func packageInput(root string) (input, script string) {
	raw, err := os.ReadFile(filepath.Join(root, "package.json"))
	if err != nil {
		return "", ""
	}
	var pkg struct {
		Scripts map[string]string `json:"scripts"`
	}
	if json.Unmarshal(raw, &pkg) != nil {
		return "", ""
	}
	names := make([]string, 0, len(pkg.Scripts))
	for n := range pkg.Scripts {
		names = append(names, n)
	}
	slices.Sort(names)
	if _, ok := pkg.Scripts["build"]; ok {
		names = append([]string{"build"}, names...)
	}
	for _, n := range names {
		if m := scriptInput.FindStringSubmatch(pkg.Scripts[n]); m != nil {
			in := m[1] + m[2] + m[3]
			return strings.Trim(path.Clean("/"+strings.TrimPrefix(in, "./")), "/"), n
		}
	}
	return "", ""
}

// engineName names the template language.
func (e *eleventy) engineName() string {
	switch e.site.Engine {
	case "njk":
		return "Nunjucks"
	case "liquid":
		return "Liquid"
	case "none":
		return "none (markdownTemplateEngine: false)"
	}
	return e.site.Engine + " (not run: wpsync runs Liquid and Nunjucks)"
}

// synced is the synced-folder path of an input-relative folder, "" when
// it is not in the synced folder.
func (e *eleventy) synced(in string) string {
	if e.offset != "" {
		rest, ok := strings.CutPrefix(in, e.offset+"/")
		if !ok {
			return ""
		}
		return rest
	}
	return path.Join(e.content, in)
}

// inInput is the input-relative path of rel (synced-relative), and
// whether it is in the input folder.
func (e *eleventy) inInput(rel string) (string, bool) {
	in, ok := e.inContent(rel)
	if !ok {
		return "", false
	}
	return strings.TrimPrefix(path.Join(e.offset, in), "/"), true
}

// readEleventyData reads global data files: JSON, and YAML when the site
// adds that data extension.
func readEleventyData(dir string, yaml bool, notes *[]string) map[string]any {
	out := map[string]any{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return out
	}
	for _, d := range entries {
		n := d.Name()
		p := filepath.Join(dir, n)
		ext := strings.ToLower(filepath.Ext(n))
		switch {
		case strings.HasPrefix(n, "."):
		case d.IsDir():
			out[n] = readEleventyData(p, yaml, notes)
		case ext == ".json" || yaml && (ext == ".yaml" || ext == ".yml"):
			raw, err := os.ReadFile(p)
			if err != nil {
				continue
			}
			var v any
			if ext == ".json" {
				err = json.Unmarshal(raw, &v)
			} else {
				v, err = decodeAny(n, raw)
			}
			if err != nil {
				*notes = append(*notes, fmt.Sprintf("Eleventy: global data %s could not be read (%v): templates do not see it", n, err))
				continue
			}
			out[strings.TrimSuffix(n, filepath.Ext(n))] = v
		}
	}
	return out
}

// decodeAny decodes a YAML data file, whatever its top value.
func decodeAny(name string, raw []byte) (any, error) {
	m, err := decode(name, raw)
	if err != nil {
		return nil, err
	}
	return m, nil
}

// readDirData reads the directory data files of the input folder. In a
// folder, Eleventy's order is blog.11tydata.js over blog.11tydata.json
// over blog.json (https://www.11ty.dev/docs/data-template-dir/).
func (e *eleventy) readDirData(inputAbs string) {
	type file struct {
		rank int
		m    map[string]any
	}
	found := map[string][]file{}
	_ = filepath.WalkDir(inputAbs, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(inputAbs, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || e.special(rel) != "") {
				return filepath.SkipDir
			}
			return nil
		}
		dirRel := path.Dir(rel)
		name := d.Name()
		stem, rank := "", 0
		switch {
		case strings.HasSuffix(name, ".11tydata.json"):
			stem, rank = strings.TrimSuffix(name, ".11tydata.json"), 1
		case strings.HasSuffix(name, ".11tydata.js") || strings.HasSuffix(name, ".11tydata.cjs") || strings.HasSuffix(name, ".11tydata.mjs"):
			stem, rank = name[:strings.LastIndex(name, ".11tydata.")], 2
		case strings.HasSuffix(name, ".json") && dirRel != "." && strings.TrimSuffix(name, ".json") == path.Base(dirRel):
			stem = strings.TrimSuffix(name, ".json")
		default:
			return nil
		}
		key := path.Join(dirRel, stem) + ".*" // the template's
		if dirRel != "." && stem == path.Base(dirRel) {
			key = dirRel // the folder's
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		var m map[string]any
		if rank == 2 {
			var unread []string
			m, unread, err = readJSData(name, string(raw))
			if err != nil {
				e.notes = append(e.notes, fmt.Sprintf("Eleventy: directory data %s is not read (%v): its keys are not given to the files; write them in %s.11tydata.json instead", rel, err, stem))
				return nil
			}
			if len(unread) > 0 {
				e.notes = append(e.notes, fmt.Sprintf("Eleventy: directory data %s: %s computed by a function, not read (the other keys are)", rel, strings.Join(unread, ", ")))
			}
		} else if err := json.Unmarshal(raw, &m); err != nil {
			e.notes = append(e.notes, fmt.Sprintf("Eleventy: directory data %s could not be read (%v): its keys are not given to the files", rel, err))
			return nil
		}
		found[key] = append(found[key], file{rank, m})
		return nil
	})
	for key, files := range found {
		slices.SortStableFunc(files, func(a, b file) int { return a.rank - b.rank })
		out := map[string]any{}
		for _, f := range files {
			for k, v := range f.m {
				out[k] = v
			}
		}
		e.dirData[key] = out
	}
}

// special says which of Eleventy's folders the input-relative path is
// in ("" for none).
func (e *eleventy) special(in string) string {
	for _, d := range []struct{ dir, what string }{
		{e.includes, "the includes folder"}, {e.dataDir, "the data folder"}, {e.layouts, "the layouts folder"}, {e.output, "the output folder"},
	} {
		if d.dir != "" && d.dir != "." && within(in, d.dir) {
			return d.dir + "/ is " + d.what
		}
	}
	return ""
}

func (e *eleventy) Prune(rel string) bool {
	if rel == "node_modules" || path.Base(rel) == "node_modules" {
		return true
	}
	if e.content != "" && !within(rel, e.content) && !within(e.content, rel) {
		return true
	}
	in, ok := e.inInput(rel)
	return ok && e.special(in) != ""
}

// defaults are what the directory data files give the file at the
// input-relative path in: the top folder's first, the nearer over them.
func (e *eleventy) defaults(in string) map[string]any {
	var dirs []string
	for d := path.Dir(in); d != "."; d = path.Dir(d) {
		dirs = append(dirs, d)
	}
	slices.Reverse(dirs)
	dirs = append(dirs, strings.TrimSuffix(in, path.Ext(in))+".*")
	var out map[string]any
	for _, d := range dirs {
		m := e.dirData[d]
		if m == nil {
			continue
		}
		if out == nil {
			out = map[string]any{}
		}
		for k, v := range m {
			if strings.EqualFold(k, "tags") {
				out[k] = addTags(out[k], v)
				continue
			}
			out[k] = v
		}
	}
	return out
}

// addTags unites two tags values, as Eleventy's deep data merge does.
func addTags(a, b any) any {
	var out []any
	for _, v := range []any{a, b} {
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case []any:
			out = append(out, v...)
		}
	}
	return out
}

func (e *eleventy) Page(rel string) Page {
	in, ok := e.inInput(rel)
	if !ok {
		return Page{Skip: "outside Eleventy's input folder " + e.content + "/"}
	}
	if s := e.special(in); s != "" {
		return Page{Skip: s + ": Eleventy renders no page of its files"}
	}
	fromRoot := strings.ToLower(path.Join(e.fromRoot, in))
	for _, g := range e.ignores {
		if globMatch(g, fromRoot) || globMatch(strings.TrimSuffix(g, "/")+"/**", fromRoot) {
			return Page{Skip: "ignored by the site's configuration (" + g + ")"}
		}
	}
	rules := e.rules(e.defaults(in))
	site := e.site
	site.Page = e.pageVar(in)
	rules.Eleventy = &site
	return Page{Rules: rules}
}

// nameDate is a YYYY-MM-DD- prefix, which Eleventy's fileSlug leaves out.
var nameDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}-`)

// pageVar is Eleventy's page variable of the input-relative file in.
func (e *eleventy) pageVar(in string) map[string]any {
	stem := strings.TrimSuffix(in, path.Ext(in))
	slug := nameDate.ReplaceAllString(path.Base(stem), "")
	if path.Base(stem) == "index" {
		slug = ""
		if d := path.Dir(stem); d != "." {
			slug = path.Base(d)
		}
	}
	url := "/" + stem + "/"
	if path.Base(stem) == "index" {
		url = "/" + strings.TrimPrefix(path.Dir(stem)+"/", "./")
	}
	return map[string]any{"url": url, "fileSlug": slug, "filePathStem": "/" + stem, "inputPath": "./" + path.Join(e.fromRoot, in)}
}

func (e *eleventy) Rendered(_ string, doc *markdown.Document) string {
	if v, line, ok := doc.Value("permalink"); ok && (v == false || v == "false") {
		return at(line, "permalink: false: Eleventy renders no page for it")
	}
	if v, line, _ := doc.Value("eleventyExcludeFromCollections"); v == true {
		return at(line, "eleventyExcludeFromCollections: true: the site lists it in no collection (a feed, a 404 page, a hidden page)")
	}
	return rendered(doc)
}

// Address is the page's permalink, its templates run, or Eleventy's
// default: the file's path in the input folder as a folder.
func (e *eleventy) Address(rel string, fm map[string]any) string {
	in, ok := e.inInput(rel)
	if !ok {
		return ""
	}
	pg := e.pageVar(in)
	v, _ := lookup(fm, "permalink")
	switch v := v.(type) {
	case bool:
		return ""
	case string:
		out := v
		if strings.Contains(v, "{{") || strings.Contains(v, "{%") {
			tpl, err := jinja.Compile(v)
			if err != nil {
				return pg["url"].(string)
			}
			data := map[string]any{}
			for k, x := range e.site.Data {
				data[k] = x
			}
			for k, x := range fm {
				data[k] = x
			}
			data["page"] = pg
			if out, err = tpl.Render(data); err != nil {
				return pg["url"].(string)
			}
		}
		out = strings.TrimSpace(out)
		if !strings.HasPrefix(out, "/") {
			out = "/" + out
		}
		return strings.TrimSuffix(out, "index.html")
	}
	return pg["url"].(string)
}

func (e *eleventy) Aliases(string, map[string]any) []string { return nil }

// Notes say once where the input folder came from, and what could not
// be read.
func (e *eleventy) Notes() []string { return e.notes }
func (e *eleventy) Info() []string  { return e.info }

// Reads adds the configuration files, .eleventyignore and the directory
// data files.
func (e *eleventy) Reads(rel string) bool {
	name := path.Base(rel)
	if slices.Contains(eleventyConfigs, name) || name == ".eleventyignore" || name == "package.json" || strings.Contains(name, ".11tydata.") {
		return true
	}
	if strings.HasSuffix(name, ".json") && strings.TrimSuffix(name, ".json") == path.Base(path.Dir(rel)) {
		return true
	}
	return e.base.Reads(rel)
}
