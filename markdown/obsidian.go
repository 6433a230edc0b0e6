package markdown

import (
	"path"
	"slices"
	"strings"
)

// Obsidian vaults
//
// An Obsidian vault names notes and attachments by name rather than by
// path: [[Note]], ![[picture.png]] and even ![](picture.png) find the file
// wherever it is in the vault (help.obsidian.md, "Internal links" and
// "Accepted file formats"). Vault is that index, built once by the site
// adapter (site/obsidian.go) from the vault's files; the dialect
// (SiteRules.Obsidian) turns its syntax into Markdown links and pictures
// to those files' paths, which the engine then resolves like any other
// link between files (refs.go, sync/links.go).

// Vault is the index of an Obsidian vault's notes and attachments. The
// zero value is an empty vault.
type Vault struct {
	notes       []string            // every note's path (slash, relative to the vault, with .md)
	files       []string            // every other file's path
	lower       map[string]string   // lower-cased path -> path, notes and files
	aliases     map[string][]string // lower-cased alias -> notes
	unpublished map[string]bool     // notes with publish: false
	// Tags: an inline #tag is a tag of the post (Obsidian's tags).
	Tags bool
	// Read, when set, reads a note (its path as the index has it) for
	// the embeds of notes (![[Note]], obsidian_embed.go); nil embeds none.
	Read func(path string) ([]byte, error)
}

// VaultNote is what the vault's index keeps of one note: its path (slash,
// relative to the vault, with its extension), its front matter's aliases,
// and whether its publish property is false.
type VaultNote struct {
	Path        string
	Aliases     []string
	Unpublished bool
}

// NewVault indexes the notes and the other files (slash paths relative to
// the vault) of a vault.
func NewVault(notes []VaultNote, files []string) *Vault {
	v := &Vault{lower: map[string]string{}, aliases: map[string][]string{}, unpublished: map[string]bool{}, Tags: true}
	for _, n := range notes {
		v.notes = append(v.notes, n.Path)
		v.lower[strings.ToLower(n.Path)] = n.Path
		for _, a := range n.Aliases {
			if a = strings.ToLower(strings.TrimSpace(a)); a != "" {
				v.aliases[a] = append(v.aliases[a], n.Path)
			}
		}
		if n.Unpublished {
			v.unpublished[n.Path] = true
		}
	}
	for _, f := range files {
		v.files = append(v.files, f)
		v.lower[strings.ToLower(f)] = f
	}
	slices.SortFunc(v.notes, byShortestPath)
	slices.SortFunc(v.files, byShortestPath)
	return v
}

// byShortestPath orders paths as Obsidian prefers among files of one
// name: the fewest folders first, then by path.
func byShortestPath(a, b string) int {
	if d := strings.Count(a, "/") - strings.Count(b, "/"); d != 0 {
		return d
	}
	return strings.Compare(a, b)
}

// Unpublished reports whether the note at p says publish: false.
func (v *Vault) Unpublished(p string) bool { return v != nil && v.unpublished[p] }

// Note finds the note a wikilink names (its part before "#"), linked from
// the note from: by its path from the vault's root or from the folder of
// from, else by its name anywhere in the vault (a path ending in the
// name; in from's folder first, then the shortest path), else by an
// alias; case does not matter, nor does a missing ".md". ok is false when
// no note has that name.
func (v *Vault) Note(from, name string) (string, bool) {
	if v == nil {
		return "", false
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return "", false
	}
	withExt := name
	if !IsMarkdownPath(name) {
		withExt = name + ".md"
	}
	if p, ok := v.find(from, withExt, v.notes); ok {
		return p, true
	}
	if found := v.aliases[strings.ToLower(name)]; len(found) > 0 {
		return found[0], true
	}
	return "", false
}

// File finds an attachment (a picture, a PDF…) an embed or a Markdown
// link names, as Note finds a note, without the aliases.
func (v *Vault) File(from, name string) (string, bool) {
	if v == nil {
		return "", false
	}
	return v.find(from, strings.TrimSpace(name), v.files)
}

// find looks name up among paths (sorted by byShortestPath).
func (v *Vault) find(from, name string, paths []string) (string, bool) {
	if name == "" {
		return "", false
	}
	name = strings.TrimPrefix(name, "/")
	lname := strings.ToLower(name)
	in := func(p string) bool {
		q, ok := v.lower[strings.ToLower(p)]
		return ok && slices.Contains(paths, q)
	}
	// From the folder of the note, then from the vault's root.
	for _, p := range []string{path.Join(path.Dir(from), name), path.Clean(name)} {
		if !strings.HasPrefix(p, "../") && in(p) {
			return v.lower[strings.ToLower(p)], true
		}
	}
	if strings.HasPrefix(name, "./") || strings.HasPrefix(name, "../") {
		return "", false
	}
	dir := strings.ToLower(path.Dir(from)) + "/"
	best := ""
	for _, p := range paths {
		lp := strings.ToLower(p)
		if lp != lname && !strings.HasSuffix(lp, "/"+lname) {
			continue
		}
		if strings.HasPrefix(lp, dir) && !strings.Contains(lp[len(dir):], "/") {
			return p, true // beside the note
		}
		if best == "" {
			best = p
		}
	}
	return best, best != ""
}

// relPath is the path of target relative to the folder of from, both
// slash paths from the vault's root, as a link destination: the engine
// reads a relative destination from the file's folder (localRef), and
// "%" is escaped since destinations are unescaped there.
func relPath(from, target string) string {
	fromDir := strings.Split(path.Dir(from), "/")
	if fromDir[0] == "." {
		fromDir = nil
	}
	to := strings.Split(target, "/")
	i := 0
	for i < len(fromDir) && i < len(to)-1 && fromDir[i] == to[i] {
		i++
	}
	parts := make([]string, 0, len(fromDir)-i+len(to)-i)
	for range fromDir[i:] {
		parts = append(parts, "..")
	}
	parts = append(parts, to[i:]...)
	return strings.ReplaceAll(strings.Join(parts, "/"), "%", "%25")
}

// HeadingAnchor is the id the Obsidian dialect gives a heading of text
// (and so the fragment a wikilink to it gets): the text as WordPress
// makes a slug of a title. A block id (^id) is its own anchor.
func HeadingAnchor(text string) string {
	if strings.HasPrefix(text, "^") {
		return text[1:]
	}
	return slugify(text)
}
