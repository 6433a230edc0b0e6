package site

import (
	"path"
	"strings"

	"github.com/wpsync/wpsync/markdown"
)

// zola is a Zola site (config.toml with base_url). It reads:
//
//   - content/: only files there are pages; Markdown elsewhere (themes,
//     templates) is not looked at;
//   - static/: where /img/x.png is found;
//   - ignored_content: globs of content files Zola leaves out.
//
// A section (_index.md) or page with render = false is not rendered. Dates
// also come from YYYY-MM-DD- and YYYY-MM-DD_ name prefixes, and tags and
// categories from [taxonomies].
type zola struct {
	base
	ignored []string
}

func newZola(dir, name string, raw []byte, m map[string]any, static []string) (*zola, error) {
	z := &zola{ignored: strs(m, "ignored_content")}
	z.generator, z.config, z.content = "zola", name, "content"
	// Zola's shortcode calls, its [taxonomies] table, and the dates of
	// file names that end in - or _ (2024-01-02_name.md).
	z.dialect = markdown.SiteRules{ZolaShortcodes: true, Taxonomies: true, NameDateSeps: "-_", WholeTerms: true}
	z.dialect.HeadingIDs = zolaHeadingIDs(m) // headingids.go
	z.dates = zolaDates
	z.static = withStatic(static, []string{"static", ""})
	z.bases = bases(str(m, "base_url"), "")
	z.setKey(raw, nil)
	return z, nil
}

// zolaDates are Zola's date key: date (https://www.getzola.org/documentation/content/page/);
// draft = true, not published = false, keeps a page out.
var zolaDates = &markdown.DateKeys{Date: []string{"date"}}

func (z *zola) Prune(rel string) bool {
	return !(rel == z.content || strings.HasPrefix(rel, z.content+"/"))
}

func (z *zola) Page(rel string) Page {
	contentPath, ok := z.inContent(rel)
	if !ok {
		return Page{Skip: "outside Zola's content folder: not a page"}
	}
	for _, g := range z.ignored {
		if ok, _ := path.Match(g, contentPath); ok || matchesPath(g, contentPath) {
			return Page{Skip: "ignored by ignored_content " + g + " in " + z.config}
		}
	}
	rules := z.rules(nil)
	if isSection(rel) {
		rules.Page = "page" // a section's own page
	}
	return Page{Rules: rules}
}

func (z *zola) Rendered(_ string, doc *markdown.Document) string {
	if v, line, _ := doc.Value("render"); v == false {
		return at(line, "render = false: Zola renders no page for it")
	}
	return rendered(doc)
}
