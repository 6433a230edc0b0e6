package markdown

import (
	"path"
	"strings"
)

// The dialects of the site adapters (package site, which imports this one),
// for the tests of this package: hugoRules is site/hugo.go's, jekyllRules
// site/jekyll.go's (with a Liquid site of nothing defined), zolaRules
// site/zola.go's, plainRules site/plain.go's outside _posts.
func hugoRules() *SiteRules {
	return &SiteRules{Typographer: true, HugoShortcodes: true, WholeTerms: true, MarkdownTitles: true, ExternalURL: true, HeadingIDs: HeadingIDs{Style: IDsGitHub}, Alerts: HugoAlerts}
}

func jekyllRules() *SiteRules {
	return &SiteRules{Typographer: true, Kramdown: true, SplitWords: true, WholeTerms: true, PageLayouts: []string{"page"}, Liquid: &LiquidSite{}, HeadingIDs: HeadingIDs{Style: IDsKramdownGFM}}
}

func zolaRules() *SiteRules {
	return &SiteRules{ZolaShortcodes: true, Taxonomies: true, NameDateSeps: "-_", WholeTerms: true, HeadingIDs: HeadingIDs{Style: IDsZola}}
}

func plainRules() *SiteRules {
	return &SiteRules{HugoShortcodes: true, PageLayouts: []string{"page"}, Alerts: GitHubAlerts, HeadingIDs: HeadingIDs{Style: IDsGitHubSlugger}, Math: &GitHubMath}
}

// rulesOf returns the dialect of a generator by name, for table tests.
func rulesOf(gen string) *SiteRules {
	switch gen {
	case "hugo":
		return hugoRules()
	case "jekyll":
		return jekyllRules()
	case "zola":
		return zolaRules()
	case "":
		return &SiteRules{}
	}
	return plainRules()
}

// siteOf is the dialect of gen with what extra gives the page: its
// defaults, zone, Hugo site and Liquid site.
func siteOf(gen string, extra SiteRules) *SiteRules {
	r := rulesOf(gen)
	if extra.Defaults != nil {
		r.Defaults = extra.Defaults
	}
	if extra.Zone != nil {
		r.Zone = extra.Zone
	}
	if extra.Hugo != nil {
		r.Hugo = extra.Hugo
	}
	if extra.Liquid != nil {
		r.Liquid = extra.Liquid
	}
	return r
}

// plainFor is what site/plain.go gives the file at path p: the plain
// folder's dialect, Jekyll's under _posts, a page for _index.md and a
// draft under _drafts.
func plainFor(p string) *SiteRules {
	r := plainRules()
	if strings.HasPrefix(p, "_posts/") || strings.Contains(p, "/_posts/") {
		r.Typographer, r.Kramdown, r.SplitWords, r.Liquid = true, true, true, &LiquidSite{}
	}
	if base := path.Base(p); strings.TrimSuffix(base, path.Ext(base)) == "_index" {
		r.Page = "page"
	}
	r.Draft = strings.HasPrefix(p, "_drafts/") || strings.Contains(p, "/_drafts/")
	return r
}

// goldenRules is the dialect a golden file is rendered with: its name
// says which (testdata/NAME.md).
func goldenRules(name string) *SiteRules {
	switch name {
	case "jekyll-liquid":
		return jekyllRules()
	case "kramdown":
		return &SiteRules{Kramdown: true}
	case "hugo-captions":
		return hugoRules()
	}
	return plainRules()
}
