package pull

import (
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/wpsync/wpsync/markdown"
)

// Wikilinks in a pulled vault
//
// Obsidian writes links between notes as [[wikilinks]] unless the vault's
// .obsidian/app.json says "useMarkdownLinks": true (Settings → Files and
// links → "Use [[Wikilinks]]", on by default: help.obsidian.md, "Internal
// links"). Pulled into a vault that uses them, a link to a pulled post is
// written [[Folder/Note|text]]: the note's path from the folder, which
// Obsidian and the vault's adapter find whatever the other notes are
// called, and its text. A link whose text has Markdown in it, or that
// goes to a heading (whose text WordPress's anchor no longer has), stays
// a Markdown link.

// vaultUsesWikilinks reports whether a pull into dir writes wikilinks:
// the folder's generator is Obsidian (gen, the adapter's name) and its
// .obsidian/app.json, when there is one, does not say useMarkdownLinks.
func vaultUsesWikilinks(dir, gen string) bool {
	if gen != "obsidian" {
		return false
	}
	raw, err := os.ReadFile(filepath.Join(dir, ".obsidian", "app.json"))
	if err != nil {
		return true
	}
	var app struct {
		UseMarkdownLinks bool `json:"useMarkdownLinks"`
	}
	if json.Unmarshal(raw, &app) != nil {
		return true
	}
	return !app.UseMarkdownLinks
}

// wikiScheme marks, while a post is converted, a link to be written as a
// wikilink: wikiScheme and its index in Links.wiki.
const wikiScheme = "wpsync-wikilink:"

// wikiLinkRe is a Markdown link to a marked destination.
var wikiLinkRe = regexp.MustCompile(`\[((?:[^\[\]\\]|\\.)*)\]\(` + wikiScheme + `(\d+)\)`)

// wikiMarked is a link to the note p, marked to be a wikilink.
func (l *Links) wikiMarked(p string) string {
	l.wiki = append(l.wiki, p)
	return wikiScheme + strconv.Itoa(len(l.wiki)-1)
}

// wikify writes the marked links of md, converted for file, as wikilinks,
// or as Markdown links to the note's path relative to file when their
// text is not plain.
func (l *Links) wikify(md, file string) string {
	if !strings.Contains(md, wikiScheme) {
		return md
	}
	return wikiLinkRe.ReplaceAllStringFunc(md, func(m string) string {
		g := wikiLinkRe.FindStringSubmatch(m)
		i, _ := strconv.Atoi(g[2])
		if i >= len(l.wiki) {
			return m
		}
		p := l.wiki[i]
		label := unescapeMarkdown(g[1])
		if label == "" || strings.ContainsAny(label, "[]|*_`<>\n#^") || strings.Contains(g[1], "\\\\") {
			return "[" + g[1] + "](" + destination(relative(file, p)) + ")"
		}
		target := strings.TrimSuffix(p, path.Ext(p))
		if label == target {
			return "[[" + target + "]]"
		}
		return "[[" + target + "|" + label + "]]"
	})
}

// unescapeMarkdown takes the backslashes off a link text's escaped
// punctuation.
func unescapeMarkdown(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", rune(s[i+1])) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// vault is the index of the pulled notes and uploads that a body with
// wikilinks is rendered back with, as the vault's adapter will read it.
func (l *Links) vault() *markdown.Vault {
	if l.vaultIdx == nil {
		var notes []markdown.VaultNote
		for _, f := range l.Posts {
			notes = append(notes, markdown.VaultNote{Path: f})
		}
		var files []string
		for _, f := range l.Media {
			files = append(files, f)
		}
		l.vaultIdx = markdown.NewVault(notes, files)
	}
	return l.vaultIdx
}
