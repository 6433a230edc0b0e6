package markdown

import (
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// A page's resources
//
// Hugo's .Page.Resources are the files of the page's bundle
// (https://gohugo.io/content-management/page-bundles/): for a leaf bundle
// (index.md) every other file in its folder and the folders below, for a
// branch bundle (_index.md) the files beside it that are not Markdown; a
// page that is no bundle has none. Themes' shortcodes find a picture among
// them with .Resources.GetMatch "*.png", .Match, .Get or .ByType "image"
// (https://gohugo.io/methods/page/resources/). A resource's .RelPermalink
// is a link to its file, relative to the file the shortcode runs in, which
// wpsync resolves like any picture or link the file names (the picture is
// uploaded). What needs Hugo's image processing (.Resize, .Width) is not
// there: the template fails, and its shortcode is read as when a template
// cannot run (hugofallback.go), with a warning.

// scResource is one resource of a page, as a template sees it.
type scResource struct {
	// Name is its path in the bundle ("images/a.jpg"), Title the same.
	Name, Title string
	// ResourceType is "image", "page" or the main part of its media type
	// ("text", "application", "video", "audio").
	ResourceType string
	MediaType    scMediaType
	Params       map[string]any
	file, from   string // its file and the shortcode's, relative to the synced folder
}

// scMediaType is a resource's .MediaType.
type scMediaType struct{ Type, MainType, SubType string }

func (m scMediaType) String() string { return m.Type }

// RelPermalink links to the file, relative to the file the shortcode runs in.
func (r *scResource) RelPermalink() string { return relLink(r.from, r.file) }

// Permalink is RelPermalink: WordPress gives the address.
func (r *scResource) Permalink() string { return r.RelPermalink() }

// relLink is the path of file relative to the folder of from (both
// relative to the synced folder), "/"+file when there is none.
func relLink(from, file string) string {
	rel, err := filepath.Rel(filepath.FromSlash(path.Dir(from)), filepath.FromSlash(file))
	if err != nil {
		return "/" + file
	}
	return filepath.ToSlash(rel)
}

// scResources are a page's resources, in the order of their names.
type scResources []*scResource

// Resources are the files of the page's bundle (see above).
func (p *scPage) Resources() scResources {
	if p.dir == "" || p.file == "" {
		return nil
	}
	base := path.Base(p.file)
	leaf := base == "index.md"
	if !leaf && base != "_index.md" {
		return nil
	}
	folder := path.Dir(p.file)
	root := filepath.Join(p.dir, filepath.FromSlash(folder))
	var out scResources
	_ = filepath.WalkDir(root, func(full string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(root, full)
		name := filepath.ToSlash(rel)
		if d.IsDir() {
			if full != root && (!leaf || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir // a branch bundle's folders are sections of their own
			}
			return nil
		}
		if name == base || strings.HasPrefix(d.Name(), ".") || !d.Type().IsRegular() || !leaf && IsMarkdownPath(name) {
			return nil
		}
		out = append(out, newResource(path.Join(folder, name), name, p.from))
		return nil
	})
	sort.Slice(out, func(a, b int) bool { return out[a].Name < out[b].Name })
	return out
}

func newResource(file, name, from string) *scResource {
	mt := MediaType(file)
	typ := ""
	switch {
	case IsMarkdownPath(file):
		mt, typ = "text/markdown", "page"
	case mt == "":
		mt = "application/octet-stream"
	}
	main, sub, _ := strings.Cut(mt, "/")
	if typ == "" {
		typ = main
	}
	return &scResource{Name: name, Title: name, ResourceType: typ, MediaType: scMediaType{mt, main, sub},
		Params: map[string]any{}, file: file, from: from}
}

// Get is the resource of that name (its path in the bundle), nil for none.
func (rs scResources) Get(name any) *scResource {
	n := strings.ToLower(fmt.Sprint(name))
	for _, r := range rs {
		if strings.ToLower(r.Name) == n {
			return r
		}
	}
	return nil
}

// GetMatch is the first resource whose name matches the glob pattern (as
// Hugo's: case-insensitive, * within a folder, ** across), nil for none.
func (rs scResources) GetMatch(pattern any) (*scResource, error) {
	m, err := rs.Match(pattern)
	if err != nil || len(m) == 0 {
		return nil, err
	}
	return m[0], nil
}

// Match are the resources whose names match the glob pattern; nil for none.
func (rs scResources) Match(pattern any) (scResources, error) {
	re, err := globRE(fmt.Sprint(pattern))
	if err != nil {
		return nil, err
	}
	var out scResources
	for _, r := range rs {
		if re.MatchString(r.Name) {
			out = append(out, r)
		}
	}
	return out, nil
}

// ByType are the resources of a type: "image", "page", "text", … ; nil for none.
func (rs scResources) ByType(typ any) scResources {
	t := fmt.Sprint(typ)
	var out scResources
	for _, r := range rs {
		if r.ResourceType == t || r.MediaType.MainType == t {
			out = append(out, r)
		}
	}
	return out
}

// globRE is a glob pattern of Hugo's (https://gohugo.io/quick-reference/glob-patterns/)
// as a regular expression: * and ? within a folder, ** across folders,
// [abc], [!a-c], {jpg,png}; case-insensitive.
func globRE(pattern string) (*regexp.Regexp, error) {
	var b strings.Builder
	b.WriteString("(?i)^")
	braces := 0
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; {
		case c == '*' && i+1 < len(pattern) && pattern[i+1] == '*':
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '[':
			end := strings.IndexByte(pattern[i:], ']')
			if end < 0 {
				return nil, fmt.Errorf("glob %q: [ without ]", pattern)
			}
			class := pattern[i+1 : i+end]
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			b.WriteString("[" + strings.ReplaceAll(class, `\`, `\\`) + "]")
			i += end
		case c == '{':
			b.WriteString("(?:")
			braces++
		case c == '}' && braces > 0:
			b.WriteString(")")
			braces--
		case c == ',' && braces > 0:
			b.WriteString("|")
		case c == '\\' && i+1 < len(pattern):
			i++
			b.WriteString(regexp.QuoteMeta(pattern[i : i+1]))
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	if braces > 0 {
		return nil, fmt.Errorf("glob %q: { without }", pattern)
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}
