package site

import (
	"strings"
	"testing"
)

// contentDirSite is a Hugo site with one contentDir per language, read
// from config/_default/languages.XX.toml, and a shared folder no language
// reads.
func contentDirSite(t *testing.T) string {
	return tree(t, map[string]string{
		"config/_default/hugo.toml":         "baseURL = \"https://example.org/\"\ndefaultContentLanguage = \"en\"\n",
		"config/_default/languages.en.toml": "contentDir = \"content/en\"\nweight = 10\n",
		"config/_default/languages.de.toml": "contentDir = \"content/de\"\nweight = 20\n",
		"content/en/getting-started.md":     "---\ntitle: Getting Started\n---\nx\n",
		"content/en/docs/limits.md":         "---\ntitle: Limits\nslug: limits\n---\nx\n",
		"content/en/_index.md":              "---\ntitle: Home\n---\nWelcome.\n",
		"content/en/docs/_index.md":         "---\ntitle: Docs\n---\n",
		"content/de/docs/limits.md":         "---\ntitle: Grenzen\nslug: limits\n---\nx\n",
		"content/de/getting-started.md":     "---\ntitle: Erste Schritte\n---\nx\n",
		"content/base-l10n/docs/limits.md":  "---\ntitle: Limits\n---\n",
		"content/en/documents/report.pdf":   "%PDF-1.4\n",
	})
}

func TestHugo_LanguagesByContentDir(t *testing.T) {
	dir := contentDirSite(t)
	s, err := Detect(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Content() != "content/en" {
		t.Errorf("Content() = %q, want the default language's contentDir", s.Content())
	}
	if got := strings.Join(s.Static(), ","); got != "static,content/en," {
		t.Errorf("Static() = %q: the language's contentDir serves its files at the root", got)
	}
	for rel, want := range map[string]bool{"content": false, "content/en": false, "content/en/docs": false, "content/de": true, "content/base-l10n": true} {
		if s.Prune(rel) != want {
			t.Errorf("Prune(%q) = %v, want %v", rel, !want, want)
		}
	}
	for rel, want := range map[string]string{
		"content/en/docs/limits.md":     "/docs/limits/",
		"content/en/getting-started.md": "/getting-started/",
		"content/en/docs/_index.md":     "/docs/",
	} {
		if got := s.Address(rel, map[string]any{"slug": map[string]string{"content/en/docs/limits.md": "limits"}[rel]}); got != want {
			t.Errorf("Address(%s) = %q, want %q", rel, got, want)
		}
	}
	if got, _ := judge(t, s, dir, "content/en/_index.md"); !strings.Contains(got, "Hugo's home page") {
		t.Errorf("the language's home page: %q", got)
	}
	pg := s.Page("content/de/docs/limits.md")
	if !pg.Left || !strings.Contains(pg.Skip, "of the language de (its contentDir content/de)") || !strings.Contains(pg.Skip, "wpsync publishes one language, en") {
		t.Errorf("German page: %+v", pg)
	}
	notes := strings.Join(s.Notes(), "\n")
	for _, want := range []string{
		"2 file(s) of other languages left out (de: 2)", "content/de/docs/limits.md, content/de/getting-started.md",
		"1 file(s) in folders of content/ that no language's contentDir names left out", "content/base-l10n/docs/limits.md",
	} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes %q: want %q", notes, want)
		}
	}
	if !s.Reads("config/_default/languages.de.toml") || !s.Reads("config/_default/languages.fr.yaml") || s.Reads("content/en/docs/limits.md") {
		t.Error("languages.XX files are not among what the adapter reads (a new one too), or a page is")
	}
}

func TestHugo_LanguageOfWpsyncYAML(t *testing.T) {
	dir := contentDirSite(t)
	s, err := DetectWith(dir, Settings{Language: "de"})
	if err != nil {
		t.Fatal(err)
	}
	en, _ := Detect(dir, nil)
	if s.Key() == en.Key() {
		t.Error("the key does not change with the language")
	}
	if s.Content() != "content/de" || !s.Prune("content/en") || s.Prune("content/de/docs") {
		t.Errorf("Content() = %q", s.Content())
	}
	if got := s.Address("content/de/docs/limits.md", map[string]any{"slug": "limits"}); got != "/de/docs/limits/" {
		t.Errorf("German address %q: a language other than the default is under /de/", got)
	}
	if got := s.Address("content/de/about.md", map[string]any{"url": "/ueber/"}); got != "/de/ueber/" {
		t.Errorf("url: %q, want it under the language's root", got)
	}
	if pg := s.Page("content/en/getting-started.md"); !pg.Left || !strings.Contains(pg.Skip, "language: in wpsync.yaml") {
		t.Errorf("English page: %+v", pg)
	}
	for _, tc := range []struct{ lang, want string }{{"fr", `"fr" is not a language of the site (config/_default/hugo.toml has de, en)`}} {
		if _, err := DetectWith(dir, Settings{Language: tc.lang}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("language %s: %v, want %q", tc.lang, err, tc.want)
		}
	}
	if _, err := DetectWith(tree(t, map[string]string{"_config.yml": "title: x\n"}), Settings{Language: "de"}); err == nil || !strings.Contains(err.Error(), "not a Hugo site") {
		t.Errorf("language: on a Jekyll site: %v", err)
	}
}

func TestHugo_LanguagesByFileName(t *testing.T) {
	dir := tree(t, map[string]string{
		"hugo.toml":                      "baseURL = \"https://example.org/\"\ndefaultContentLanguage = \"en\"\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n[languages.es]\ndisabled = true\n",
		"content/about.md":               "---\ntitle: About\n---\nx\n",
		"content/about.fr.md":            "---\ntitle: À propos\n---\nx\n",
		"content/about.es.md":            "---\ntitle: Acerca\n---\nx\n",
		"content/post/trip/index.en.md":  "---\ntitle: Trip\n---\nx\n",
		"content/post/trip/index.fr.md":  "---\ntitle: Voyage\n---\nx\n",
		"content/post/trip/notes.md":     "a resource\n",
		"content/post/_index.en.md":      "---\ntitle: Posts\ncascade:\n  author: en-team\n---\n",
		"content/post/_index.fr.md":      "---\ntitle: Billets\ncascade:\n  author: fr-team\n  draft: true\n---\n",
		"content/post/v1.2.md":           "---\ntitle: Version\n---\nx\n",
		"content/post/shout.EN.md":       "---\ntitle: Shout\n---\nx\n",
		"content/post/2024-01-02-day.md": "---\ntitle: Day\n---\nx\n",
	})
	s, err := Detect(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	for rel, want := range map[string]string{
		"content/about.fr.md":           "of the language fr (its name ends in .fr)",
		"content/about.es.md":           "of the language es",
		"content/post/trip/index.fr.md": "of the language fr",
		"content/post/trip/notes.md":    "resource of the leaf bundle content/post/trip",
	} {
		if got, _ := judge(t, s, dir, rel); !strings.Contains(got, want) {
			t.Errorf("%s: skip %q, want %q", rel, got, want)
		}
	}
	_, trip := judge(t, s, dir, "content/post/trip/index.en.md")
	if trip == nil || trip.Slug != "trip" {
		t.Fatalf("index.en.md: %+v, want the slug trip", trip)
	}
	if got := s.Address("content/post/trip/index.en.md", nil); got != "/post/trip/" {
		t.Errorf("index.en.md at %q", got)
	}
	_, sec := judge(t, s, dir, "content/post/_index.en.md")
	if sec == nil || sec.Type != "page" {
		t.Errorf("_index.en.md is a section's page: %+v", sec)
	}
	if trip.Author != "en-team" {
		t.Errorf("trip's author %q, want the cascade of _index.en.md (not of _index.fr.md)", trip.Author)
	}
	if !s.Reads("content/post/_index.en.md") || !s.Reads("content/docs/_index.es.md") || s.Reads("content/docs/x.fr.md") {
		t.Error("a translated section's cascade is not among what the adapter reads")
	}
	if got := s.Address("content/post/shout.EN.md", nil); got != "/post/shout/" {
		t.Errorf("shout.EN.md at %q: the code is read in any case", got)
	}
	_, v := judge(t, s, dir, "content/post/v1.2.md")
	if v == nil || v.Slug != "v1-2" {
		t.Errorf("v1.2.md: a suffix that is no language stays in the name: %+v", v)
	}
	notes := strings.Join(s.Notes(), "\n")
	if !strings.Contains(notes, "4 file(s) of other languages left out (es: 1, fr: 3)") || strings.Contains(notes, "no language's contentDir") {
		t.Errorf("notes %q", notes)
	}
	fr, err := DetectWith(dir, Settings{Language: "fr"})
	if err != nil {
		t.Fatal(err)
	}
	if pg := fr.Page("content/about.md"); !pg.Left || !strings.Contains(pg.Skip, "of the language en (its name has no language code, and en is the default") {
		t.Errorf("about.md, publishing fr: %+v", pg)
	}
	if pg := fr.Page("content/about.fr.md"); pg.Left || pg.Skip != "" || pg.Rules.Lang != "fr" {
		t.Errorf("about.fr.md, publishing fr: %+v", pg)
	}
	if got := fr.Address("content/about.fr.md", nil); got != "/fr/about/" {
		t.Errorf("about.fr.md at %q", got)
	}
	if _, err := DetectWith(dir, Settings{Language: "es"}); err == nil || !strings.Contains(err.Error(), "disabled") {
		t.Errorf("a disabled language: %v", err)
	}
}

func TestHugo_OneLanguageHasNoNotes(t *testing.T) {
	dir := tree(t, map[string]string{
		"hugo.toml":              "baseURL = \"https://example.org/\"\n",
		"content/x.fr.md":        "---\ntitle: X\n---\nx\n",
		"content/post/_index.md": "---\ntitle: Posts\n---\n",
	})
	s, err := Detect(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := s.Notes(); n != nil {
		t.Errorf("notes %q", n)
	}
	_, x := judge(t, s, dir, "content/x.fr.md")
	if x == nil || x.Slug != "x-fr" {
		t.Errorf("x.fr.md on a site without fr: %+v", x)
	}
	if got := s.Address("content/post/_index.md", nil); got != "/post/" {
		t.Errorf("section at %q", got)
	}
}

func TestHugo_LanguagesConfigForms(t *testing.T) {
	for name, files := range map[string]map[string]string{
		"languages.toml": {
			"config/_default/hugo.toml":      "baseURL = \"https://example.org/\"\ndefaultContentLanguage = \"fr\"\n",
			"config/_default/languages.toml": "[fr]\ncontentDir = \"content/fr\"\n[en]\ncontentDir = \"content/en\"\n",
		},
		"config.yaml": {
			"config.yaml": "baseURL: https://example.org/\ndefaultContentLanguage: fr\nlanguages:\n  fr:\n    contentDir: content/fr\n  en:\n    contentDir: content/en\n",
		},
		"hugo.json": {
			"hugo.json": `{"baseURL": "https://example.org/", "defaultContentLanguage": "fr", "languages": {"fr": {"contentDir": "content/fr"}, "en": {"contentDir": "content/en"}}}`,
		},
		"disableLanguages": {
			"hugo.toml": "baseURL = \"https://example.org/\"\ndefaultContentLanguage = \"fr\"\ndisableLanguages = [\"de\"]\n[languages.fr]\ncontentDir = \"content/fr\"\n[languages.en]\ncontentDir = \"content/en\"\n[languages.de]\ncontentDir = \"content/de\"\n",
		},
	} {
		t.Run(name, func(t *testing.T) {
			files["content/fr/a.md"] = "---\ntitle: A\n---\nx\n"
			files["content/en/a.md"] = "---\ntitle: A\n---\nx\n"
			dir := tree(t, files)
			s, err := Detect(dir, nil)
			if err != nil {
				t.Fatal(err)
			}
			if s.Content() != "content/fr" || !s.Page("content/en/a.md").Left || s.Page("content/fr/a.md").Skip != "" {
				t.Errorf("Content() = %q: want the defaultContentLanguage fr's contentDir", s.Content())
			}
			if got := s.Address("content/fr/a.md", nil); got != "/a/" {
				t.Errorf("the default language's page at %q", got)
			}
			if _, err := DetectWith(dir, Settings{Language: "de"}); name == "disableLanguages" && (err == nil || !strings.Contains(err.Error(), "disabled")) {
				t.Errorf("de is in disableLanguages: %v", err)
			}
		})
	}
}

func TestHugo_DefaultLanguageNotBuilt(t *testing.T) {
	for conf, want := range map[string]string{
		"defaultContentLanguage = \"de\"\n[languages.en]\nweight = 1\n":                         `hugo.toml: defaultContentLanguage "de" is none of the site's languages (en)`,
		"[languages.en]\ndisabled = true\n[languages.fr]\nweight = 2\n":                         `hugo.toml: defaultContentLanguage "en" is disabled`,
		"disableLanguages = [\"en\"]\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n": `defaultContentLanguage "en" is disabled`,
	} {
		if _, err := Detect(tree(t, map[string]string{"hugo.toml": conf}), nil); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", conf, err, want)
		}
	}
}
