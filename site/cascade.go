package site

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/wpsync/wpsync/markdown"
)

// Hugo's cascade
//
// An _index.md (a section's own page) may give front matter to every page
// below it: `cascade: {build: {render: never}}` hides a folder of snippets,
// `cascade: {type: docs}` sets a layout. The nearest section's value wins;
// the site configuration's cascade is the outermost. A cascade may be a list
// of entries, each limited by a _target (or target) path glob.

// cascade is the cascade of one section, or of the configuration.
type cascade []cascadeEntry

// cascadeEntry is values for the pages a target path glob matches (all
// when Target is "").
type cascadeEntry struct {
	Target string
	Values map[string]any
}

// readCascade turns a decoded cascade value into entries.
func readCascade(v any) cascade {
	var out cascade
	add := func(m map[string]any) {
		e := cascadeEntry{Values: map[string]any{}}
		for k, val := range m {
			switch strings.ToLower(k) {
			case "_target", "target":
				if t, ok := val.(map[string]any); ok {
					e.Target = str(t, "path")
				}
			default:
				e.Values[strings.ToLower(k)] = val
			}
		}
		out = append(out, e)
	}
	switch v := v.(type) {
	case map[string]any:
		add(v)
	case []any:
		for _, item := range v {
			if m, ok := item.(map[string]any); ok {
				add(m)
			}
		}
	case []map[string]any: // TOML's [[cascade]]
		for _, m := range v {
			add(m)
		}
	}
	return out
}

// readCascades reads the cascade of every _index file under root (slash
// path relative to dir; "" for dir itself). name, when not nil, gives
// the name a file is read by ("" to pass it by): Hugo's _index.en.md is
// the _index.md of the language published, _index.fr.md another's.
func readCascades(dir, root string, prune func(string) bool, name func(string) string) map[string]cascade {
	out := map[string]cascade{}
	start := filepath.Join(dir, filepath.FromSlash(root))
	_ = filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if p != start && (strings.HasPrefix(d.Name(), ".") || prune(rel)) {
				return fs.SkipDir
			}
			return nil
		}
		base := d.Name()
		if name != nil {
			base = name(base)
		}
		stem := strings.TrimSuffix(base, path.Ext(base))
		if stem != "_index" || !markdown.IsMarkdownPath(d.Name()) {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		fm, err := markdown.FrontMatterMap(rel, src)
		if err != nil || fm == nil {
			return nil // its own sync reports the error
		}
		if v, ok := lookup(fm, "cascade"); ok {
			if c := readCascade(v); len(c) > 0 {
				out[path.Dir(rel)] = c
			}
		}
		return nil
	})
	return out
}

// cascadeKey is the key of the configuration's cascade in base.cascades,
// one no folder can have.
const cascadeKey = "\x00config"

// cascaded returns the values the cascades give file rel: the
// configuration's, then each section's from the content folder down to
// the file's own folder (for an _index file, the one above it), the
// nearer winning.
func (b *base) cascaded(rel string) map[string]any {
	if len(b.cascades) == 0 {
		return nil
	}
	contentPath, _ := b.inContent(rel)
	pagePath := "/" + strings.TrimSuffix(contentPath, path.Ext(contentPath))
	dir := path.Dir(rel)
	if strings.TrimSuffix(path.Base(rel), path.Ext(rel)) == "_index" {
		dir = path.Dir(dir)
		pagePath = path.Dir(pagePath)
	}
	var chain []string
	for d := dir; ; d = path.Dir(d) {
		if b.content == "" || d == b.content || strings.HasPrefix(d, b.content+"/") {
			chain = append(chain, d)
		}
		if d == "." || d == "/" {
			break
		}
	}
	chain = append(chain, cascadeKey)
	out := map[string]any{}
	for _, d := range chain { // nearest first: the first value of a key wins
		for _, e := range b.cascades[d] {
			if e.Target != "" && !globMatch(e.Target, pagePath) {
				continue
			}
			for k, v := range e.Values {
				if _, ok := out[k]; !ok {
					out[k] = v
				}
			}
		}
	}
	return out
}

// globMatch matches Hugo's target path globs: ** crosses folders, * and ?
// do not, {a,b} is either.
func globMatch(glob, p string) bool {
	var re strings.Builder
	re.WriteString("^")
	for i := 0; i < len(glob); i++ {
		switch c := glob[i]; c {
		case '*':
			if i+1 < len(glob) && glob[i+1] == '*' {
				re.WriteString(".*")
				i++
			} else {
				re.WriteString("[^/]*")
			}
		case '?':
			re.WriteString("[^/]")
		case '{':
			re.WriteString("(?:")
		case '}':
			re.WriteString(")")
		case ',':
			re.WriteString("|")
		default:
			re.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	re.WriteString("$")
	ok, err := regexp.MatchString(re.String(), strings.ToLower(p))
	return err == nil && ok
}
