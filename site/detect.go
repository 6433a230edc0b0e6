package site

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// Detect recognises the generator of the site in dir by its configuration
// file — Jekyll's _config.yml, Zola's config.toml (it has base_url), Hugo's
// hugo.* or config.* — and reads it. A folder with none of them is a plain
// folder. static are the folders named in wpsync.yaml where paths from the
// site's root are looked for, before the generator's own.
//
// A configuration that cannot be read is an error: guessing would publish
// the wrong files.
func Detect(dir string, static []string) (Site, error) {
	return DetectWith(dir, Settings{Static: static})
}

// Settings are what wpsync.yaml says about the site.
type Settings struct {
	// Static are folders where paths from the site's root are looked for,
	// before the generator's own.
	Static []string
	// Shortcodes map Hugo shortcodes to templates (markdown.NewHugoSite).
	Shortcodes map[string]string
	// LinkBase is where root links to pages outside the folder point.
	LinkBase string
	// InlineTags, when set, turns an Obsidian vault's inline #tags as
	// post tags on or off (on by default).
	InlineTags *bool
	// Generator names a generator that has no configuration file of its
	// own to be recognised by: one with an adapter turned on by name
	// (named: the Go blog), or one wpsync has no adapter for (an Obsidian
	// vault, Unadapted); "" lets Detect recognise it.
	Generator string
	// Language is the language of a Hugo site to publish (hugolang.go);
	// "": its defaultContentLanguage.
	Language string
	// NoThemeImages is theme_images: false: a bundle's feature*, cover*
	// or thumbnail* picture is not taken for the featured image.
	NoThemeImages bool
	// Input is an Eleventy site's input folder, from the project's
	// folder: wpsync.yaml's input:, for a configuration that computes it.
	Input string
}

// named are the adapters wpsync.yaml's generator: turns on, by its value:
// generators with no configuration file of their own, or whose rules
// belong to one website rather than to a generator others use.
var named = map[string]func(dir string, static []string) Site{
	"goblog": func(dir string, static []string) Site { return newGoBlog(dir, static) },
	"eleventy": func(dir string, static []string) Site {
		root, name := findEleventy(dir)
		if name == "" {
			root, _ = filepath.Abs(dir)
		}
		return newEleventy(dir, root, name, static)
	},
	"docusaurus": func(dir string, static []string) Site {
		config := findDocusaurus(dir)
		if config == "" {
			config = "generator: docusaurus in wpsync.yaml"
		}
		return newDocusaurus(dir, config, static)
	},
	"hexo": func(dir string, static []string) Site {
		if h, err := newHexo(dir, static); err == nil {
			return h
		}
		return newPlain(dir, static)
	},
	"astro": func(dir string, static []string) Site { return newAstroNamed(dir, static) }, // astro.go
	"obsidian": func(dir string, static []string) Site {
		return newObsidian(dir, static, "generator: obsidian in wpsync.yaml")
	},
	// A plain folder on purpose: nothing is looked for beside or above it
	// (a folder of a site synced alone says nothing of the site, above.go).
	"plain": func(dir string, static []string) Site { return newPlain(dir, static) },
}

// DetectWith is Detect with all of wpsync.yaml's settings.
func DetectWith(dir string, set Settings) (Site, error) {
	if mk, ok := named[strings.ToLower(strings.TrimSpace(set.Generator))]; ok {
		s, err := withInput(mk(dir, set.Static), dir, set)
		if err != nil {
			return nil, err
		}
		if err := withSettings(s, dir, set); err != nil {
			return nil, err
		}
		return s, nil
	}
	s, err := detect(dir, set.Static)
	if err != nil {
		return nil, err
	}
	other, err := findUnadapted(dir, set.Generator)
	if err != nil {
		return nil, err
	}
	if _, ok := s.(*plain); ok && set.Generator == "" {
		if config := findDocusaurus(dir); config != "" {
			s = newDocusaurus(dir, config, set.Static) // docusaurus.go
			other = nil
		} else if config := findAstro(dir); config != "" {
			s, other = newAstro(dir, config, set.Static), nil // astro.go
		}
	}
	if _, ok := s.(*plain); ok && set.Generator == "" {
		if ev := findVault(dir, other == nil); ev != "" {
			s = newObsidian(dir, set.Static, ev) // obsidian.go
		}
	}
	if p, ok := s.(*plain); ok {
		if set.Generator == "" {
			// A folder inside a site wpsync has an adapter for (above.go),
			// unless a generator's configuration is nearer.
			if site, up := findSiteAbove(dir); site != nil && (other == nil || up <= strings.Count(other.Evidence, "../")) {
				other = site
			}
		}
		p.other = other
	}
	if s, err = withInput(s, dir, set); err != nil {
		return nil, err
	}
	if err := withSettings(s, dir, set); err != nil {
		return nil, err
	}
	return s, nil
}

// withInput gives an Eleventy site wpsync.yaml's input:; the key on
// another generator's folder is an error.
func withInput(s Site, dir string, set Settings) (Site, error) {
	if strings.TrimSpace(set.Input) == "" {
		return s, nil
	}
	e, ok := s.(*eleventy)
	if !ok {
		return nil, fmt.Errorf("wpsync.yaml: input: %q: the folder is not an Eleventy site (its generator is %s): remove the key", set.Input, s.Generator())
	}
	// A misspelt folder would publish nothing and succeed: say so instead.
	in := filepath.Join(e.root, filepath.FromSlash(strings.TrimSpace(set.Input)))
	if fi, err := os.Stat(in); err != nil || !fi.IsDir() {
		where := e.root
		if abs, err := filepath.Abs(dir); err == nil {
			if rel, err := filepath.Rel(abs, e.root); err == nil {
				where = filepath.ToSlash(rel)
			}
		}
		of := ""
		if e.name != "" {
			of = " (of " + e.name + ")"
		}
		return nil, fmt.Errorf("wpsync.yaml: input: %s: no such folder in %s, the Eleventy project's folder%s: write the input folder's path from there", strings.TrimSpace(set.Input), where, of)
	}
	return newEleventyInput(dir, e.root, e.name, set.Static, set.Input), nil
}

// The names Detect looks for, in its order: a file of one of these names
// that appears, changes or goes may change the generator (site.Reads).
var (
	jekyllConfigs = []string{"_config.yml", "_config.yaml", "_config.toml"}
	zolaConfig    = "config.toml"
	hugoConfigs   = []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"}
	hugoConfigDir = "config/_default/"
)

func detect(dir string, static []string) (Site, error) {
	if isHexo(dir) {
		return newHexo(dir, static) // Hexo's _config.yml is not Jekyll's (hexo.go)
	}
	if raw, name, ok := readFirst(dir, jekyllConfigs...); ok {
		return newJekyll(dir, name, raw, static)
	}
	if raw, name, ok := readFirst(dir, zolaConfig); ok {
		m, err := decode(name, raw)
		if err != nil {
			return nil, err
		}
		if _, zola := m["base_url"]; zola {
			return newZola(dir, name, raw, m, static)
		}
	}
	for _, sub := range []string{"", hugoConfigDir} {
		names := make([]string, len(hugoConfigs))
		for i, n := range hugoConfigs {
			names[i] = sub + n
		}
		if raw, name, ok := readFirst(dir, names...); ok {
			m, err := decode(name, raw)
			if err != nil {
				return nil, err
			}
			if sub != "" || name[:4] == "hugo" || isHugoConfig(m) {
				return newHugo(dir, name, raw, m, static)
			}
		}
	}
	if root, name := findEleventy(dir); name != "" {
		return newEleventy(dir, root, name, static), nil
	}
	return newPlain(dir, static), nil
}

// isHugoConfig tells a Hugo config.* from another tool's file of that
// name by keys only Hugo uses.
func isHugoConfig(m map[string]any) bool {
	for _, k := range []string{"baseURL", "contentDir", "theme", "languageCode", "defaultContentLanguage", "taxonomies", "params", "markup"} {
		if _, ok := lookup(m, k); ok {
			return true
		}
	}
	return false
}

// readFirst reads the first of names that exists in dir.
func readFirst(dir string, names ...string) (raw []byte, name string, ok bool) {
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(n)))
		if err == nil {
			return b, n, true
		}
		if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrInvalid) {
			// Unreadable: let decode report it with the name.
			return nil, n, true
		}
	}
	return nil, "", false
}

// decode reads a configuration file by its extension.
func decode(name string, raw []byte) (map[string]any, error) {
	m := map[string]any{}
	var err error
	switch filepath.Ext(name) {
	case ".toml":
		_, err = toml.Decode(string(raw), &m)
	case ".json":
		err = json.Unmarshal(raw, &m)
	default:
		if len(bytes.TrimSpace(raw)) > 0 {
			err = yaml.Unmarshal(raw, &m)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %v: fix the file, or sync a folder without it", name, err)
	}
	return m, nil
}
