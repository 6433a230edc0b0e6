package site

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/wpsync/wpsync/markdown"
)

// Hugo's languages
//
// A Hugo site may build several languages (its configuration's languages,
// or config/_default/languages.toml and languages.XX.toml), each one a
// site of its own: its pages are those of its contentDir (the site's
// contentDir when it names none), and a file whose name ends in a
// language's code (about.fr.md, index.de.md) is that language's
// translation of about.md wherever it lies; a file without a code is its
// contentDir's language, the default one when several share the folder.
// A language that is disabled
// (disabled: true, or named in disableLanguages) builds nothing.
//
// A WordPress site shows one language, so wpsync publishes one: the
// defaultContentLanguage (en when unset), or the one wpsync.yaml's
// language: names. Its contentDir is the content folder (the site's root
// for addresses and for files served at their path); its pages are at
// /CODE/… when it is not the default language or
// defaultContentLanguageInSubdir is true. The other languages' files are
// left out of the run and named once in its warnings (Notes), as are the
// folders under the content folder no language reads (a shared
// content/base-l10n).

// hugoLanguage is one entry of a Hugo site's languages.
type hugoLanguage struct {
	code       string // lower case, as Hugo keys it
	contentDir string // slash path relative to the site; the site's contentDir when it names none
	disabled   bool
}

// hugoLangs is what the site's languages decide for wpsync.
type hugoLangs struct {
	all     map[string]hugoLanguage // by code; every configured language, disabled ones too
	def     string                  // defaultContentLanguage
	subdir  bool                    // defaultContentLanguageInSubdir
	lang    string                  // the language published
	byUser  bool                    // lang came from wpsync.yaml's language:
	root    string                  // the site's own contentDir
	configs []string                // the languages files read, for Reads
}

// readHugoLangs reads the languages of a Hugo site: the configuration's
// languages table, then config/_default/languages.* (the table) and
// languages.XX.* (one language's settings), the later winning key by key.
func readHugoLangs(dir, name, root string, m map[string]any) (*hugoLangs, error) {
	l := &hugoLangs{all: map[string]hugoLanguage{}, root: root}
	l.def = strings.ToLower(str(m, "defaultContentLanguage"))
	if l.def == "" {
		l.def = "en"
	}
	l.subdir, _ = lookupBool(m, "defaultContentLanguageInSubdir")
	settings := map[string]map[string]any{}
	merge := func(code string, v any) {
		vm, ok := v.(map[string]any)
		if !ok {
			return
		}
		code = strings.ToLower(code)
		if settings[code] == nil {
			settings[code] = map[string]any{}
		}
		for k, val := range vm {
			settings[code][strings.ToLower(k)] = val
		}
	}
	if v, ok := lookup(m, "languages"); ok {
		vm, _ := v.(map[string]any)
		for code, s := range vm {
			merge(code, s)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(dir, filepath.FromSlash(hugoConfigDir)))
	for _, e := range entries {
		name := e.Name()
		ext := path.Ext(name)
		stem := strings.TrimSuffix(name, ext)
		if e.IsDir() || (ext != ".toml" && ext != ".yaml" && ext != ".yml" && ext != ".json") {
			continue
		}
		first, code, _ := strings.Cut(stem, ".")
		if !strings.EqualFold(first, "languages") || strings.Contains(code, ".") {
			continue
		}
		rel := hugoConfigDir + name
		raw, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			return nil, fmt.Errorf("read %s: %v", rel, err)
		}
		fm, err := decode(rel, raw)
		if err != nil {
			return nil, err
		}
		l.configs = append(l.configs, rel)
		if code != "" {
			merge(code, fm) // languages.de.toml: the settings of de
			continue
		}
		for c, s := range fm {
			merge(c, s)
		}
	}
	off := map[string]bool{}
	for _, c := range strs(m, "disableLanguages") {
		off[strings.ToLower(c)] = true
	}
	for code, s := range settings {
		lang := hugoLanguage{code: code, contentDir: root, disabled: off[code]}
		if cd := str(s, "contentDir"); cd != "" {
			lang.contentDir = strings.Trim(path.Clean("/"+filepath.ToSlash(cd)), "/")
		}
		if d, ok := lookupBool(s, "disabled"); ok && d {
			lang.disabled = true
		}
		l.all[code] = lang
	}
	if len(l.all) == 0 {
		l.all[l.def] = hugoLanguage{code: l.def, contentDir: root}
	}
	switch lang, ok := l.all[l.def]; {
	case !ok: // Hugo stops here too
		return nil, fmt.Errorf("%s: defaultContentLanguage %q is none of the site's languages (%s): fix the configuration", name, l.def, strings.Join(l.codes(), ", "))
	case lang.disabled:
		return nil, fmt.Errorf("%s: defaultContentLanguage %q is disabled: Hugo builds no site without it; fix the configuration", name, l.def)
	}
	l.lang = l.def
	return l, nil
}

// lookupBool reads a true/false value of a config.
func lookupBool(m map[string]any, key string) (bool, bool) {
	v, ok := lookup(m, key)
	b, isBool := v.(bool)
	return b, ok && isBool
}

// use makes code (wpsync.yaml's language:) the language published.
func (l *hugoLangs) use(code, config string) error {
	code = strings.ToLower(strings.TrimSpace(code))
	lang, ok := l.all[code]
	switch {
	case !ok:
		return fmt.Errorf("wpsync.yaml: language: %q is not a language of the site (%s has %s)", code, config, strings.Join(l.codes(), ", "))
	case lang.disabled:
		return fmt.Errorf("wpsync.yaml: language: %q is disabled in %s: Hugo builds nothing of it", code, config)
	}
	l.lang, l.byUser = code, true
	return nil
}

// codes are the site's languages, sorted.
func (l *hugoLangs) codes() []string {
	var out []string
	for c := range l.all {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// published is the language wpsync publishes.
func (l *hugoLangs) published() hugoLanguage { return l.all[l.lang] }

// prefix is where the published language's pages are on the site: "" at
// the root, "/de" in a folder of its code.
func (l *hugoLangs) prefix() string {
	if l.enabled() > 1 && (l.lang != l.def || l.subdir) {
		return "/" + l.lang
	}
	return ""
}

// suffix returns the language code a file's name ends in (about.fr.md:
// "fr"), when it is one of the site's languages; "" for none.
func (l *hugoLangs) suffix(rel string) string {
	base := path.Base(rel)
	stem := strings.TrimSuffix(base, path.Ext(base))
	i := strings.LastIndexByte(stem, '.')
	if i <= 0 {
		return ""
	}
	code := strings.ToLower(stem[i+1:])
	if _, ok := l.all[code]; ok {
		return code
	}
	return ""
}

// plain is rel without the language code of its name (about.fr.md:
// about.md), the name Hugo reads the page's kind and slug from.
func (l *hugoLangs) plain(rel string) string {
	code := l.suffix(rel)
	if code == "" {
		return rel
	}
	ext := path.Ext(rel)
	return rel[:len(rel)-len(ext)-len(code)-1] + ext // the code as written: x.EN.md
}

// ownName is the name of a file of the published language without its
// code (_index.en.md: _index.md), or "" for another language's file.
func (l *hugoLangs) ownName(name string) string {
	if code := l.suffix(name); code != "" && code != l.lang {
		return ""
	}
	return l.plain(name)
}

// otherDir returns the language whose contentDir holds rel (a file or
// folder), when it is not the published language's: the nearest
// contentDir holding it decides (content/de inside content). "" for none.
func (l *hugoLangs) otherDir(rel string) string {
	best, bestDir := "", ""
	for _, code := range l.codes() {
		if d := l.all[code].contentDir; within(rel, d) && len(d) > len(bestDir) {
			best, bestDir = code, d
		}
	}
	if bestDir == "" || bestDir == l.published().contentDir {
		return ""
	}
	return best
}

// langOf returns the language of the file rel and why it is that one:
// the code its name ends in, else the language of the nearest contentDir
// holding it — the default language when it shares that folder with
// others, as Hugo gives a file without a code the default language. ""
// when no language's contentDir holds it.
func (l *hugoLangs) langOf(rel string) (code, why string) {
	if code := l.suffix(rel); code != "" {
		return code, fmt.Sprintf("its name ends in .%s", code)
	}
	bestDir := ""
	var sharing []string
	for _, c := range l.codes() {
		d := l.all[c].contentDir
		switch {
		case !within(rel, d) || len(d) < len(bestDir):
		case len(d) > len(bestDir):
			bestDir, sharing = d, []string{c}
		default:
			sharing = append(sharing, c)
		}
	}
	switch {
	case len(sharing) == 0:
		return "", ""
	case len(sharing) == 1:
		return sharing[0], fmt.Sprintf("its contentDir %s", bestDir)
	}
	for _, c := range []string{l.def, l.lang} {
		for _, s := range sharing {
			if s == c {
				return c, fmt.Sprintf("its name has no language code, and %s is the default of the languages of %s", c, bestDir)
			}
		}
	}
	return sharing[0], fmt.Sprintf("its name has no language code, and %s is the first language of %s", sharing[0], bestDir)
}

// leftReason says why rel, a file of another language, is left out; ""
// when it is of the published language (or of none).
func (l *hugoLangs) leftReason(rel string) string {
	code, why := l.langOf(rel)
	if code == "" || code == l.lang {
		return ""
	}
	return fmt.Sprintf("of the language %s (%s): %s", code, why, l.onlyOne())
}

// onlyOne says which language wpsync publishes, and how to pick another.
func (l *hugoLangs) onlyOne() string {
	from := "the site's defaultContentLanguage"
	if l.byUser {
		from = "language: in wpsync.yaml"
	}
	return fmt.Sprintf("wpsync publishes one language, %s (%s; language: in wpsync.yaml picks another)", l.lang, from)
}

// enabled counts the languages Hugo builds.
func (l *hugoLangs) enabled() int {
	n := 0
	for _, lang := range l.all {
		if !lang.disabled {
			n++
		}
	}
	return n
}

// multi reports whether the site has more than one language.
func (l *hugoLangs) multi() bool { return len(l.all) > 1 }

// notes walks the site's content folders and names, once, the Markdown
// files left out because they are another language's, or in a folder of
// the site's contentDir that no language reads.
func (l *hugoLangs) notes(dir string) []string {
	if !l.multi() {
		return nil
	}
	roots := map[string]bool{l.root: true}
	for _, lang := range l.all {
		roots[lang.contentDir] = true
	}
	byLang := map[string]int{}
	var left, unread []string
	seen := map[string]bool{}
	for r := range roots {
		_ = filepath.WalkDir(filepath.Join(dir, filepath.FromSlash(r)), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") && d.Name() != "." {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			rel, _ := filepath.Rel(dir, p)
			rel = filepath.ToSlash(rel)
			if d.IsDir() || seen[rel] || !markdown.IsMarkdownPath(rel) {
				return nil
			}
			seen[rel] = true
			switch code, _ := l.langOf(rel); {
			case code == "":
				unread = append(unread, rel)
			case code != l.lang:
				byLang[code]++
				left = append(left, rel)
			}
			return nil
		})
	}
	var out []string
	if len(left) > 0 {
		var counts []string
		for _, c := range l.codes() {
			if n := byLang[c]; n > 0 {
				counts = append(counts, fmt.Sprintf("%s: %d", c, n))
			}
		}
		out = append(out, fmt.Sprintf("%d file(s) of other languages left out (%s), as %s: %s",
			len(left), strings.Join(counts, ", "), l.onlyOne(), firstFew(left)))
	}
	if len(unread) > 0 {
		out = append(out, fmt.Sprintf("%d file(s) in folders of %s/ that no language's contentDir names left out (Hugo builds no page of them): %s",
			len(unread), l.root, firstFew(unread)))
	}
	return out
}

// firstFew lists up to five paths, sorted, and how many more there are.
func firstFew(paths []string) string {
	sort.Strings(paths)
	if len(paths) <= 5 {
		return strings.Join(paths, ", ")
	}
	return strings.Join(paths[:5], ", ") + fmt.Sprintf(" and %d more", len(paths)-5)
}

// Reads adds config/_default/languages.* (one appearing makes languages
// of a site that had none) to what every adapter reads.
func (h *hugo) Reads(rel string) bool {
	dir, name := path.Split(strings.Trim(path.Clean("/"+rel), "/"))
	if dir == hugoConfigDir && strings.HasPrefix(strings.ToLower(name), "languages.") {
		return true
	}
	if _, in := h.inContent(rel); in && h.langs.suffix(name) != "" && strings.HasPrefix(h.langs.plain(name), "_index.") {
		return true // a translated section's cascade (_index.en.md)
	}
	return h.base.Reads(rel)
}
