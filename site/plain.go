package site

import (
	"path"

	"github.com/wpsync/wpsync/markdown"
)

// plain is a folder of Markdown without a generator's configuration: every
// file is a post, as before sites were recognised. Hugo's _index.md cascade
// and its headless and build keys are still honoured (a content/ folder
// copied out of a Hugo site keeps its snippets out), and so are static/ and
// the folder itself for paths from the root.
//
// Its dialect is CommonMark with GitHub's extensions, alerts, heading ids
// and math, and what wpsync always
// read in such a folder (docs/generators.md, A plain folder): Hugo's shortcodes and
// _index.md section pages, Jekyll's layout: page and _drafts, and a
// _posts folder read as Jekyll reads it (Jekyll needs no _config.yml):
// kramdown, Liquid with nothing defined, categories split on spaces.
type plain struct {
	base
	headless *headlessBundles
}

// plainDialect is a plain folder's.
// GitHub shows a folder's Markdown: alerts, heading ids (headingids.go)
// and math ($…$, $$…$$) included.
var plainDialect = markdown.SiteRules{HugoShortcodes: true, PageLayouts: []string{"page"}, Alerts: markdown.GitHubAlerts,
	HeadingIDs: plainHeadingIDs, Math: &markdown.GitHubMath}

func newPlain(dir string, static []string) *plain {
	p := &plain{base: base{generator: "plain", static: withStatic(static, []string{"static", ""}), dialect: plainDialect}, headless: &headlessBundles{dir: dir}}
	p.cascades = readCascades(dir, "", func(string) bool { return false }, nil)
	p.cascading = true
	if len(p.cascades) > 0 || len(static) > 0 {
		p.setKey(nil, nil)
	} // else "": a folder as wpsync always read it
	return p
}

func (p *plain) Prune(string) bool { return false }

func (p *plain) Page(rel string) Page {
	if b := p.headless.bundle(rel); b != "" {
		return Page{Skip: "a resource of the headless bundle " + b + "/index.md (Hugo renders no page of it)"}
	}
	rules := p.rules(p.cascaded(rel))
	if under(rel, "_posts") {
		// Jekyll's posts, in a site with nothing defined.
		rules.Typographer, rules.Kramdown, rules.SplitWords = true, true, true
		rules.Liquid = &markdown.LiquidSite{}
		rules.Alerts = markdown.NoAlerts // kramdown reads none
		rules.Math = nil                 // kramdown's own (markdown.KramdownMath)
		rules.HeadingIDs = jekyllHeadingIDs(nil)
	}
	if isSection(rel) {
		rules.Page = "page"
	}
	rules.Draft = under(rel, "_drafts")
	return Page{Rules: rules}
}

func (p *plain) Rendered(_ string, doc *markdown.Document) string { return rendered(doc) }

// Plain returns the adapter of a plain folder, for callers that did not
// Detect one.
func Plain(dir string, static []string) Site { return newPlain(dir, static) }

// Reads adds the index files whose headless or build keys make a headless
// bundle of their folder (headless.go).
func (p *plain) Reads(rel string) bool {
	if n := path.Base(rel); n == "index.md" || n == "index.markdown" {
		return true
	}
	return p.base.Reads(rel)
}
