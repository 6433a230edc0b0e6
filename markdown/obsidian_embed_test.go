package markdown

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// embedVault is a vault whose notes Read gives from notes.
func embedVault(notes map[string]string) *Vault {
	var vn []VaultNote
	for p := range notes {
		vn = append(vn, VaultNote{Path: p})
	}
	v := NewVault(vn, []string{"pic.png"})
	v.Read = func(p string) ([]byte, error) {
		if s, ok := notes[p]; ok {
			return []byte(s), nil
		}
		return nil, fmt.Errorf("%s: no such note", p)
	}
	return v
}

func parseEmbeds(t *testing.T, v *Vault, file string) (*Document, []Ref) {
	t.Helper()
	var got []Ref
	src, _ := v.Read(file)
	doc, err := ParseWith(file, src, Options{Format: FormatClassic, Site: &SiteRules{Obsidian: v}, Resolve: func(r Ref) (string, bool) {
		if r.Kind == RefEmbed {
			got = append(got, r)
		}
		return "", false
	}})
	if err != nil {
		t.Fatal(err)
	}
	return doc, got
}

// TestObsidian_NoteEmbeds: ![[Note]] on a line of its own is the note's
// text in place (without its front matter), ![[Note#Heading]] that
// heading's section, ![[Note#^id]] that block; each embedded note is
// reported to Resolve; an embed inside a sentence stays a link.
func TestObsidian_NoteEmbeds(t *testing.T) {
	v := embedVault(map[string]string{
		"Home.md":      "# Home\n\nBefore.\n\n![[Guide]]\n\n![[Sub/Parts#Second part]]\n\n![[Parts#^quote]]\n\nSee ![[Guide]] inline.\n\n```\n![[Guide]]\n```\n\n![[pic.png]]\n",
		"Guide.md":     "---\ntitle: The guide\n---\nGuide text with [[Sub/Parts|a link]].\n",
		"Sub/Parts.md": "## First part\n\nOne.\n\n## Second part\n\nTwo ==marked==.\n\n### Deeper\n\nThree. %% hidden %%\n\n## Third part\n\nFour.\n\nA quoted line ^quote\n",
	})
	doc, refs := parseEmbeds(t, v, "Home.md")
	for _, want := range []string{
		"<p>Guide text with <a href=\"Sub/Parts.md\">a link</a>.</p>",
		`<h2 id="second-part">Second part</h2>`,
		"<p>Two <mark>marked</mark>.</p>",
		`<h3 id="deeper">Deeper</h3>`,
		"<p>Three.</p>",
		`<p id="quote">A quoted line</p>`,
		`See <a href="Guide.md">Guide</a> inline.`,
		"<code>![[Guide]]\n</code>",
		`<img src="pic.png"`,
	} {
		if !strings.Contains(doc.Content, want) {
			t.Errorf("content lacks %s:\n%s", want, doc.Content)
		}
	}
	for _, not := range []string{"The guide", "First part", "Third part", "Four", "hidden", "title:"} {
		if strings.Contains(doc.Content, not) {
			t.Errorf("content has %q:\n%s", not, doc.Content)
		}
	}
	var paths []string
	for _, r := range refs {
		paths = append(paths, r.Path)
	}
	if want := []string{"Guide.md", "Sub/Parts.md", "Sub/Parts.md"}; !slices.Equal(paths, want) {
		t.Errorf("embed refs = %q, want %q", paths, want)
	}
	if len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0], "line 11: ![[Guide]] embeds a note inside a paragraph") {
		t.Errorf("warnings = %q", doc.Warnings)
	}
}

// TestObsidian_EmbedCycles: a note embedding itself, two notes embedding
// each other, and a section embedding its own note stop with a warning
// and a link; the text around is kept. A note may embed its own sections,
// once each inside one another.
func TestObsidian_EmbedCycles(t *testing.T) {
	v := embedVault(map[string]string{
		"Self.md": "Self text.\n\n![[Self]]\n",
		"A.md":    "A text.\n\n![[B]]\n",
		"B.md":    "B text.\n\n![[A]]\n",
		"Sec.md":  "# Top\n\n## One\n\nOne text.\n\n![[#One]]\n\n![[#Two]]\n\n## Two\n\nTwo text.\n",
	})
	doc, _ := parseEmbeds(t, v, "Self.md")
	if !strings.Contains(doc.Content, `<a href="Self.md">Self</a>`) || len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0], "line 3: ![[Self]] embeds a note that embeds it (Self.md → Self.md)") {
		t.Errorf("Self.md: %s %q", doc.Content, doc.Warnings)
	}
	doc, refs := parseEmbeds(t, v, "A.md")
	if !strings.Contains(doc.Content, "<p>A text.</p>\n<p>B text.</p>\n<p><a href=\"A.md\">A</a></p>") || len(refs) != 1 || len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0], "line 3: ![[A]] embeds a note that embeds it (A.md → B.md → A.md)") {
		t.Errorf("A.md: %s %q %v", doc.Content, doc.Warnings, refs)
	}
	doc, _ = parseEmbeds(t, v, "Sec.md")
	if strings.Count(doc.Content, "One text.") != 2 || strings.Count(doc.Content, "Two text.") != 3 || !strings.Contains(doc.Content, `<a href="#one">One</a>`) || len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0], "(Sec.md → Sec.md#One → Sec.md#One)") {
		t.Errorf("Sec.md: %s %q", doc.Content, doc.Warnings)
	}
}

// TestObsidian_EmbedMissingSection: a heading the note does not have is a
// link to the note, with a warning naming it.
func TestObsidian_EmbedMissingSection(t *testing.T) {
	v := embedVault(map[string]string{
		"Home.md":  "Text.\n\n![[Guide#Nowhere]]\n",
		"Guide.md": "# Somewhere\n",
	})
	doc, _ := parseEmbeds(t, v, "Home.md")
	if !strings.Contains(doc.Content, `<a href="Guide.md#nowhere">Guide &gt; Nowhere</a>`) || len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0], `line 3: ![[Guide#Nowhere]]: Guide.md has no heading or block "Nowhere"`) {
		t.Errorf("%s %q", doc.Content, doc.Warnings)
	}
}
