package site

import (
	"fmt"
	"path"
	"regexp"
	"strings"
	"time"
	"unicode"
)

// Addresses: where the generator puts each page
//
// A link between pages of a static site is written by the address the
// generator gives the page, not by its file: /blog/go1.14, /en/news/2008/
// 08/08/x/, ../other-post/. Each adapter works that address out the way
// its generator does (Hugo's sections, slugs, url and permalinks; Jekyll's
// permalink styles and patterns, collections and baseurl; Zola's path and
// slug), so that the engine can find the file such a link means and link
// to its post instead.

// dateOf reads a page's date from front matter, else a YYYY-MM-DD file
// name prefix.
func dateOf(fm map[string]any, rel string) (time.Time, bool) {
	for _, k := range []string{"date", "publishDate", "pubdate"} {
		v, ok := lookup(fm, k)
		if !ok {
			continue
		}
		switch v := v.(type) {
		case time.Time:
			return v, true
		default:
			if m := dateRE.FindString(fmt.Sprint(v)); m != "" {
				if t, err := time.Parse("2006-01-02", m); err == nil {
					return t, true
				}
			}
		}
	}
	if m := dateRE.FindString(path.Base(rel)); m != "" && strings.HasPrefix(path.Base(rel), m) {
		if t, err := time.Parse("2006-01-02", m); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

var dateRE = regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)

// urlize makes a path segment of a title the way Hugo's and Jekyll's
// slugs do: lower case, letters and digits kept, the rest one "-".
func urlize(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '.' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// expand fills a permalink pattern's :tokens from values; unknown tokens
// are left out.
func expand(pattern string, values map[string]string) string {
	var b strings.Builder
	for i := 0; i < len(pattern); i++ {
		if pattern[i] != ':' {
			b.WriteByte(pattern[i])
			continue
		}
		j := i + 1
		for j < len(pattern) && (pattern[j] == '_' || unicode.IsLetter(rune(pattern[j]))) {
			j++
		}
		// The longest token name that is known (":title:output_ext",
		// ":i_month").
		name := pattern[i+1 : j]
		b.WriteString(values[name])
		i = j - 1
	}
	return cleanAddress(b.String())
}

// cleanAddress squeezes the doubled slashes an empty token leaves.
func cleanAddress(p string) string {
	trailing := strings.HasSuffix(p, "/")
	p = path.Clean("/" + p)
	if trailing && p != "/" {
		p += "/"
	}
	return p
}

// dateValues are the date tokens of permalink patterns.
func dateValues(t time.Time, ok bool, v map[string]string) {
	if !ok {
		return
	}
	v["year"] = t.Format("2006")
	v["month"] = t.Format("01")
	v["day"] = t.Format("02")
	v["short_year"] = t.Format("06")
	v["i_month"] = fmt.Sprint(int(t.Month()))
	v["i_day"] = fmt.Sprint(t.Day())
	v["y_day"] = t.Format("002")
	v["yearday"] = t.Format("002")
}

// bases returns the site's own addresses from its configured URL (and, for
// Jekyll, baseurl): with and without "www.", http and https.
func bases(u, basePath string) []string {
	u = strings.TrimRight(strings.TrimSpace(u), "/")
	basePath = strings.Trim(basePath, "/")
	if u == "" && basePath == "" {
		return nil
	}
	var out []string
	if basePath != "" {
		out = append(out, "/"+basePath)
	}
	if u == "" {
		return out
	}
	host := u
	for _, p := range []string{"https://", "http://"} {
		host = strings.TrimPrefix(host, p)
	}
	host = strings.TrimPrefix(host, "www.")
	for _, scheme := range []string{"https://", "http://"} {
		for _, h := range []string{host, "www." + host} {
			if basePath != "" {
				out = append(out, scheme+h+"/"+basePath)
			}
			out = append(out, scheme+h)
		}
	}
	return out
}

// contentPage splits a path under the content folder the way Hugo and
// Zola both read it: a section's _index file stands for its folder
// (section), a bundle's index file for its folder's name; any other file
// is its folder and its name without the extension.
func contentPage(cp string) (dir, name string, section bool) {
	dir, file := path.Split(cp)
	name = strings.TrimSuffix(file, path.Ext(file))
	switch name {
	case "_index":
		return dir, "", true
	case "index":
		dir, name = path.Split(strings.TrimSuffix(dir, "/"))
	}
	return dir, name, false
}

// Address is where Hugo puts a page: url: as written, else the permalinks
// pattern of its section, else its folders and its slug (or file name);
// a section's _index.md and a bundle's index.md are their folder's.
//
// A translation (about.fr.md) is named as the page it translates; the
// pages of a language other than the default (or of every language, with
// defaultContentLanguageInSubdir) are under /CODE/, url: included: Hugo
// (since 0.58, gohugoio/hugo#6448) puts url: under the language's root.
func (h *hugo) Address(rel string, fm map[string]any) string {
	cp, ok := h.inContent(h.langs.plain(rel))
	if !ok {
		return ""
	}
	if u := str(fm, "url"); u != "" {
		if strings.Contains(u, "://") {
			return cleanAddress(u)
		}
		return cleanAddress(h.langs.prefix() + "/" + strings.TrimPrefix(u, "/"))
	}
	return cleanAddress(h.langs.prefix() + h.address(rel, cp, fm))
}

// address is Address within the language's root.
func (h *hugo) address(rel, cp string, fm map[string]any) string {
	dir, name, isSection := contentPage(cp)
	if isSection {
		return cleanAddress("/" + dir + "/")
	}
	slug := str(fm, "slug")
	section, _, _ := strings.Cut(cp, "/")
	if !strings.Contains(cp, "/") {
		section = ""
	}
	if pattern := h.permalinks[section]; pattern != "" {
		v := map[string]string{"section": section, "sections": strings.Trim(dir, "/"), "filename": name, "contentbasename": name}
		t, ok := dateOf(fm, rel)
		dateValues(t, ok, v)
		v["title"] = urlize(str(fm, "title"))
		v["slug"] = slug
		if slug == "" {
			v["slug"] = v["title"]
		}
		v["slugorfilename"] = slug
		if slug == "" {
			v["slugorfilename"] = name
		}
		return expand(pattern, v)
	}
	if slug != "" {
		name = slug
	}
	return cleanAddress("/" + dir + name + "/")
}

// Address is where Jekyll puts a page: its permalink: (a pattern or a
// path), else the site's permalink style for posts, its collection's
// pattern, or for other pages their path with .html (index.md: its
// folder's).
func (j *jekyll) Address(rel string, fm map[string]any) string {
	kind, out := j.kind(rel)
	if !out || kind == "drafts" {
		return ""
	}
	dir, file := path.Split(rel)
	stem := strings.TrimSuffix(file, path.Ext(file))
	v := map[string]string{"output_ext": ".html", "path": strings.TrimSuffix(rel, path.Ext(rel)), "basename": stem, "name": stem, "collection": kind}
	title := stem
	if kind == "posts" && len(stem) > 11 && dateRE.MatchString(stem[:10]) {
		title = stem[11:]
	}
	if s := str(fm, "slug"); s != "" {
		title = s
	}
	v["title"], v["slug"] = urlize(title), urlize(title)
	t, ok := dateOf(fm, rel)
	dateValues(t, ok, v)
	var cats []string
	if kind == "posts" {
		// The folders above _posts, then the front matter's categories.
		for _, p := range strings.Split(strings.TrimSuffix(dir, "/"), "/") {
			if p != "" && p != "_posts" && !strings.HasPrefix(p, "_") {
				cats = append(cats, p)
			}
		}
		for _, k := range []string{"categories", "category"} {
			switch c := fm[k].(type) {
			case string:
				cats = append(cats, strings.Fields(c)...)
			case []any:
				for _, item := range c {
					cats = append(cats, fmt.Sprint(item))
				}
			}
		}
		for i, c := range cats {
			cats[i] = urlize(c)
		}
	}
	v["categories"] = strings.Join(cats, "/")
	pattern := str(fm, "permalink")
	if pattern == "" {
		switch kind {
		case "posts":
			pattern = jekyllStyle(j.permalink)
		case "pages":
			if stem == "index" {
				return cleanAddress("/" + dir)
			}
			if j.permalink == "pretty" || strings.HasSuffix(j.permalink, "/") {
				return cleanAddress("/" + dir + stem + "/")
			}
			return cleanAddress("/" + dir + stem + ".html")
		default:
			pattern = j.collPermalink[kind]
			if pattern == "" {
				pattern = "/:collection/:path:output_ext"
			}
			v["path"] = strings.TrimPrefix(v["path"], "_"+kind+"/")
		}
	}
	return expand(jekyllStyle(pattern), v)
}

// jekyllStyle turns Jekyll's named permalink styles into their patterns.
func jekyllStyle(s string) string {
	switch s {
	case "", "date":
		return "/:categories/:year/:month/:day/:title:output_ext"
	case "pretty":
		return "/:categories/:year/:month/:day/:title/"
	case "ordinal":
		return "/:categories/:year/:y_day/:title:output_ext"
	case "weekdate":
		return "/:categories/:year/W:week/:short_day/:title:output_ext"
	case "none":
		return "/:categories/:title:output_ext"
	}
	return s
}

// Address is where Zola puts a page: path: as written, else its folders
// and its slug (or file name, without a date); a section's _index.md and
// a bundle's index.md are their folder's.
func (z *zola) Address(rel string, fm map[string]any) string {
	cp, ok := z.inContent(rel)
	if !ok {
		return ""
	}
	if p := str(fm, "path"); p != "" {
		return cleanAddress("/" + strings.Trim(p, "/") + "/")
	}
	dir, name, isSection := contentPage(cp)
	if isSection {
		return cleanAddress("/" + dir + "/")
	}
	if len(name) > 11 && dateRE.MatchString(name[:10]) && (name[10] == '-' || name[10] == '_') {
		name = name[11:]
	}
	if s := str(fm, "slug"); s != "" {
		name = s
	}
	return cleanAddress("/" + dir + urlize(name) + "/")
}

// Address: a plain folder has no generator to give pages addresses.
func (p *plain) Address(string, map[string]any) string { return "" }
