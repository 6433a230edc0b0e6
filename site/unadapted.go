package site

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Unadapted is a generator wpsync recognises but has no adapter for: the
// folder is read as a plain folder, and what the generator would run
// before Markdown (its templates, components, containers) reaches readers
// as written. A run says so once (sync's report), beside the warnings of
// each construct left (markdown.Leftover).
type Unadapted struct {
	Key      string // "eleventy", the name wpsync.yaml's generator: takes
	Name     string // "an Eleventy site"
	Evidence string // what it was recognised by: "eleventy.config.js", "generator: obsidian in wpsync.yaml"
	NotRun   string // what wpsync does not run of it
	// Site is set when the generator has an adapter but its site is in a
	// folder above the synced one (above.go): that folder, relative to the
	// synced one ("..").
	Site string
}

// String is the run's warning, without the count of files.
func (u *Unadapted) String() string {
	if u.Site != "" {
		return fmt.Sprintf("this looks like the content folder of %s (%s) at %s: it is read as a plain folder, so %s; run wpsync there (in %s) to read it as that site", u.Name, u.Evidence, u.Site, u.NotRun, u.Site)
	}
	return fmt.Sprintf("%s (%s): wpsync has no adapter for it and reads the folder as plain Markdown: %s", u.Name, u.Evidence, u.NotRun)
}

// Fix is what to do about it, for doctor.
func (u *Unadapted) Fix() string {
	if u.Site != "" {
		return fmt.Sprintf("run wpsync in %s, the folder of the site's %s (its wpsync.yaml, and state, belong there)", u.Site, strings.TrimPrefix(u.Evidence, u.Site+"/"))
	}
	return "sync names each construct readers would see as source, with its line; write those as Markdown, or sync with --strict to hold such files back"
}

// unadaptedKind is how one such generator is recognised.
type unadaptedKind struct {
	key, name, notRun string
	files             []string // configuration files, any of which names it
	dirs              []string // folders, any of which names it
}

// unadaptedKinds are the generators recognised without an adapter, from
// their documented configuration files.
var unadaptedKinds = []unadaptedKind{
	// A Docusaurus site has its adapter (docusaurus.go) when its folder is
	// synced; a folder under it (docs/, blog/) is read as plain.
	{key: "docusaurus", name: "a Docusaurus site",
		files:  []string{"docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs", "docusaurus.config.cjs"},
		notRun: "its MDX (import lines, JSX components such as <Tabs>), admonitions :::note and heading ids {#id} are not run: sync the folder of its docusaurus.config.* to read it as a Docusaurus site"},
	{key: "mkdocs", name: "an MkDocs site", files: []string{"mkdocs.yml", "mkdocs.yaml"},
		notRun: "its Markdown extensions (admonitions !!! note, attribute lists { … }) are not run"},
	{key: "vitepress", name: "a VitePress site", dirs: []string{".vitepress"},
		notRun: "its containers ::: tip and Vue components are not run"},
}

// hexoKeys are keys of Hexo's _config.yml that Jekyll's has not.
var hexoKeys = []string{"new_post_name", "post_asset_folder", "source_dir", "public_dir", "default_layout", "index_generator", "titlecase", "relative_link", "filename_case", "render_drafts"}

// isHexo reports whether dir holds a Hexo site (hexo.go): a _config.yml
// beside source/_posts, with Hexo's keys or a package.json that depends
// on hexo.
func isHexo(dir string) bool {
	raw, err := os.ReadFile(filepath.Join(dir, "_config.yml"))
	if err != nil {
		return false
	}
	m, err := decode("_config.yml", raw)
	if err != nil {
		return false
	}
	source := "source"
	if s := str(m, "source_dir"); s != "" {
		source = s
	}
	if fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(source), "_posts")); err != nil || !fi.IsDir() {
		return false
	}
	if hexoPackage(dir) {
		return true
	}
	for _, k := range hexoKeys {
		if _, ok := m[k]; ok {
			return true
		}
	}
	return false
}

// UnadaptedKeys are the values wpsync.yaml's generator: takes: the
// generators without an adapter, then the adapters turned on by name.
func UnadaptedKeys() []string {
	keys := make([]string, len(unadaptedKinds))
	for i, k := range unadaptedKinds {
		keys[i] = k.key
	}
	var own []string
	for k := range named {
		if !slices.Contains(keys, k) {
			own = append(own, k)
		}
	}
	slices.Sort(own)
	return append(keys, own...)
}

// ancestors is how many folders above the synced one are looked at: a site
// often keeps its configuration beside its input folder (Eleventy's src/,
// MkDocs' docs/, a vault's subfolder).
const ancestors = 3

// findUnadapted recognises a generator without an adapter in dir or the
// folders above it (up to the root of a Git checkout); named is
// wpsync.yaml's generator:, which wins.
func findUnadapted(dir, named string) (*Unadapted, error) {
	if named = strings.ToLower(strings.TrimSpace(named)); named != "" {
		i := slices.IndexFunc(unadaptedKinds, func(k unadaptedKind) bool { return k.key == named })
		if i < 0 {
			return nil, fmt.Errorf("wpsync.yaml: generator: unknown value %q (want one of %s; Hugo, Jekyll and Zola are recognised by their configuration files)", named, strings.Join(UnadaptedKeys(), ", "))
		}
		k := unadaptedKinds[i]
		return &Unadapted{Key: k.key, Name: k.name, Evidence: "generator: " + k.key + " in wpsync.yaml", NotRun: k.notRun}, nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil
	}
	for up := 0; up <= ancestors; up++ {
		for _, k := range unadaptedKinds {
			if ev := k.seen(abs); ev != "" {
				if up > 0 {
					ev = strings.Repeat("../", up) + ev
				}
				return &Unadapted{Key: k.key, Name: k.name, Evidence: ev, NotRun: k.notRun}, nil
			}
		}
		if _, err := os.Stat(filepath.Join(abs, ".git")); err == nil {
			break // the root of the checkout
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			break
		}
		abs = parent
	}
	return nil, nil
}

// seen returns what names k in dir ("" when nothing does).
func (k unadaptedKind) seen(dir string) string {
	for _, f := range k.files {
		if fi, err := os.Stat(filepath.Join(dir, f)); err == nil && fi.Mode().IsRegular() {
			return f
		}
	}
	for _, d := range k.dirs {
		if fi, err := os.Stat(filepath.Join(dir, d)); err == nil && fi.IsDir() {
			return d + "/"
		}
	}
	return ""
}
