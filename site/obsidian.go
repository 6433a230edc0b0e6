package site

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/wpsync/wpsync/markdown"
)

// obsidian is an Obsidian vault (help.obsidian.md): a folder of notes that
// link to each other and embed attachments by name ([[Note]],
// ![[picture.png]]), found anywhere in the vault. It is recognised by its
// .obsidian/ folder (beside or above the synced folder), by generator:
// obsidian in wpsync.yaml, or, as most published vaults leave .obsidian/
// out, by its notes: half of them or more use [[…]] links or ![[…]]
// embeds. Every note is a post, as in a plain folder; its dialect
// (markdown.SiteRules.Obsidian) reads the vault's syntax, against the
// index of the vault's files made here.
type obsidian struct {
	plain
	vault    *markdown.Vault
	dir      string
	known    map[string]string // every indexed file's path → noteSig ("" for other files)
	evidence string            // what recognised it: ".obsidian/", "generator: obsidian in wpsync.yaml"
}

// obsidianDir is the vault's configuration folder.
const obsidianDir = ".obsidian"

// newObsidian indexes the vault in dir: its notes (their aliases and
// publish property) and its other files. evidence is what recognised it.
func newObsidian(dir string, static []string, evidence string) *obsidian {
	o := &obsidian{plain: *newPlain(dir, static), evidence: evidence}
	o.generator = "obsidian"
	o.dialect = markdown.SiteRules{}
	notes, files := indexVault(dir)
	o.vault = markdown.NewVault(notes, files)
	o.known = knownFiles(notes, files)
	o.vault.Read = func(p string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, filepath.FromSlash(p))) }
	o.dir = dir
	o.dialect.Obsidian = o.vault
	// The key changes with the names links are resolved by: a note added,
	// moved or given an alias links other notes anew.
	o.setKey(readAppJSON(dir), notes)
	o.inputs = append(o.inputs, obsidianDir)
	return o
}

// indexVault reads the notes (their aliases and publish property) and
// the other files of the vault in dir, leaving out dot folders (.obsidian,
// .trash, .git).
func indexVault(dir string) ([]markdown.VaultNote, []string) {
	var notes []markdown.VaultNote
	var files []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir // .obsidian, .trash, .git
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		if !markdown.IsMarkdownPath(rel) {
			files = append(files, rel)
			return nil
		}
		n := markdown.VaultNote{Path: rel}
		if raw, err := os.ReadFile(p); err == nil {
			fm, _ := markdown.FrontMatterMap(rel, raw)
			n.Aliases = textList(fm["aliases"])
			n.Unpublished = fm["publish"] == false
		}
		notes = append(notes, n)
		return nil
	})
	return notes, files
}

// Reindex reads the vault's notes and files again: after a note was
// added, moved or renamed (a pull wrote notes, a watch saw one come),
// links and embeds find them. The key changes with the names found, so
// the notes are read again; it is the key a fresh reading of the vault
// gives (newObsidian's), so that a sync after a pull keeps the state's.
func (o *obsidian) Reindex() {
	notes, files := indexVault(o.dir)
	v := markdown.NewVault(notes, files)
	v.Read, v.Tags = o.vault.Read, o.vault.Tags
	o.vault = v
	o.known = knownFiles(notes, files)
	o.dialect.Obsidian = v
	o.rekey(readAppJSON(o.dir), notes)
}

// noteSig is what the index keeps of a note, to tell when it changed.
func noteSig(n markdown.VaultNote) string {
	return fmt.Sprintf("note %q %v", n.Aliases, n.Unpublished)
}

func knownFiles(notes []markdown.VaultNote, files []string) map[string]string {
	known := make(map[string]string, len(notes)+len(files))
	for _, n := range notes {
		known[n.Path] = noteSig(n)
	}
	for _, f := range files {
		known[f] = ""
	}
	return known
}

// Reads adds to the site's inputs what changes the names links find: a
// note or an attachment added, moved, renamed or removed, a note's
// aliases or publish property edited. A watch then reads the vault again
// (Reload), so [[links]] to a new note resolve at once.
func (o *obsidian) Reads(rel string) bool {
	if o.plain.Reads(rel) {
		return true
	}
	rel = strings.Trim(path.Clean("/"+filepath.ToSlash(rel)), "/")
	if rel == "" || slices.ContainsFunc(strings.Split(rel, "/"), func(p string) bool { return strings.HasPrefix(p, ".") }) {
		return false
	}
	sig, indexed := o.known[rel]
	fi, err := os.Stat(filepath.Join(o.dir, filepath.FromSlash(rel)))
	exists := err == nil && fi.Mode().IsRegular()
	if indexed != exists {
		return true
	}
	if !indexed && !exists {
		for k := range o.known {
			if strings.HasPrefix(k, rel+"/") {
				return true // a folder of notes went away
			}
		}
	}
	if !exists || !markdown.IsMarkdownPath(rel) {
		return false
	}
	n := markdown.VaultNote{Path: rel}
	if raw, err := os.ReadFile(filepath.Join(o.dir, filepath.FromSlash(rel))); err == nil {
		fm, _ := markdown.FrontMatterMap(rel, raw)
		n.Aliases = textList(fm["aliases"])
		n.Unpublished = fm["publish"] == false
	}
	return noteSig(n) != sig
}

// readAppJSON is the vault's .obsidian/app.json, nil when there is none.
func readAppJSON(dir string) []byte {
	raw, err := os.ReadFile(filepath.Join(dir, obsidianDir, "app.json"))
	if err != nil {
		return nil
	}
	var app map[string]any
	if json.Unmarshal(raw, &app) != nil {
		return nil
	}
	return raw
}

// textList reads a property that is a list of text, or one text.
func textList(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func (o *obsidian) Page(rel string) Page {
	p := o.plain.Page(rel)
	p.Rules.Obsidian = o.vault
	p.Rules.Typographer, p.Rules.Kramdown, p.Rules.SplitWords, p.Rules.Liquid = false, false, false, nil
	return p
}

// Rendered leaves out a note whose publish property is false, as Obsidian
// Publish does.
func (o *obsidian) Rendered(rel string, doc *markdown.Document) string {
	if v, _, ok := doc.Value("publish"); ok && v == false {
		return "publish: false (Obsidian Publish leaves the note out)"
	}
	return o.plain.Rendered(rel, doc)
}

func (o *obsidian) Unadapted() *Unadapted { return nil }

// setInlineTags turns inline #tags as post tags on or off.
func (o *obsidian) setInlineTags(on bool) {
	o.vault.Tags = on
	if !on {
		o.addKey("inline_tags=false")
	}
}

// vaultLink is a wikilink or an embed, as a vault's notes write them.
var vaultLink = regexp.MustCompile(`!?\[\[[^\[\]\n]+\]\]`)

// notesLimit is how many notes looksLikeVault reads at most.
const notesLimit = 400

// looksLikeVault reports whether dir's notes are a vault's: two or more,
// and half of them or more, use [[…]] links or ![[…]] embeds (WordPress's
// escaped shortcodes, [[gallery]], aside), and how many did of how many
// read.
func looksLikeVault(dir string) (bool, int, int) {
	linking, read := 0, 0
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || read >= notesLimit {
			return filepath.SkipDir
		}
		if strings.HasPrefix(d.Name(), ".") && p != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !markdown.IsMarkdownPath(d.Name()) {
			return nil
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		read++
		if slices.ContainsFunc(vaultLink.FindAll(raw, -1), func(m []byte) bool {
			name := strings.Fields(string(m[strings.IndexByte(string(m), '[')+2:len(m)-2]) + " x")[0]
			return !slices.Contains([]string{"caption", "gallery", "embed", "audio", "video", "playlist"}, path.Base(name))
		}) {
			linking++
		}
		return nil
	})
	return linking >= 2 && 2*linking >= read, linking, read
}

// findVault returns what makes dir an Obsidian vault: a .obsidian/ folder
// in it or above it (up to the root of a Git checkout, as findUnadapted
// looks), else, when byNotes, its notes (looksLikeVault); "" when nothing
// does.
func findVault(dir string, byNotes bool) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for up := 0; up <= ancestors; up++ {
		if fi, err := os.Stat(filepath.Join(abs, obsidianDir)); err == nil && fi.IsDir() {
			return strings.Repeat("../", up) + obsidianDir + "/"
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
	if !byNotes {
		return ""
	}
	if ok, linking, read := looksLikeVault(dir); ok {
		return fmt.Sprintf("%d of %d notes use [[…]] links or ![[…]] embeds", linking, read)
	}
	return ""
}
